// A simulated bench for the harness tests: a device (the real device library, in energy mode)
// and a power monitor (LPM01A ascii_dec, PPK2 or TinyFoot's INA226 bridge), each on its own
// pseudo-terminal, sharing a virtual clock. The power profile is known exactly: idle power
// between commands, active power during inferences of a fixed duration, so the energy per
// inference a session should report is P_active x t_inference.
//
// Usage: tinyfoot-harness-sim --monitor lpm01a|ppk2|ina226 [--active-mw P] [--idle-uw P]
//            [--inference-ms T] [--fault lost-samples|missing-edge|extra-edge|disconnect|garbage]
// Prints "device <pty>" and "monitor <pty>" on stdout, then serves until the host closes both.
#include "tinyfoot/harness/transport.h"

#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws_model.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

using namespace tinyfoot::harness;
using namespace std::chrono_literals;

namespace {

struct Bench {
    std::string monitor = "lpm01a";
    std::string fault;
    double activeW = 3e-3, idleW = 100e-6, inferenceS = 0.010;
    double rate = 1000.0; // monitor samples per second (PPK2: 100 kS/s)
    double volts = 3.0;
    std::unique_ptr<FdLink> deviceLink, monitorLink;
    bool streaming = false;
    std::uint64_t sampleIndex = 0;
    double watts = 0;
    int events = 0;
    int infers = 0;
    unsigned ppk2Counter = 0;
    bool pinHigh = true;
    bool pinPending = false; // a falling edge to mark on the next sample (PPK2/INA: D0 low for one sample)
    bool closed = false;
    bool dropped = false;
    int skip = 0;

    std::string lpmValue(double joules) const {
        // dddd and a signed 2-digit exponent: the shortest exact form for these round powers.
        if (joules <= 0) return "0000-00";
        int e = static_cast<int>(std::floor(std::log10(joules))) - 3;
        long m = std::lround(joules / std::pow(10.0, e));
        if (m >= 10000) {
            m /= 10;
            ++e;
        }
        char buf[48];
        std::snprintf(buf, sizeof buf, "%04ld%c%02d", m, e < 0 ? '-' : '+', std::abs(e));
        return buf;
    }

    void emit(std::string_view bytes) {
        if (closed) return;
        try {
            monitorLink->write(bytes);
        } catch (const LinkError&) {
            closed = true;
        }
    }

    /// Advances virtual time by `seconds` at the current power, streaming the samples.
    void advance(double seconds) {
        if (!streaming) return;
        const auto n = static_cast<std::uint64_t>(std::llround(seconds * rate));
        std::string out;
        for (std::uint64_t i = 0; i < n; ++i) {
            ++sampleIndex;
            if (fault == "lost-samples" && infers == 3 && !dropped && watts == activeW) {
                dropped = true;
                skip = 20; // the monitor drops 20 samples inside window 3
            }
            if (skip > 0) {
                --skip;
                ++ppk2Counter;
                continue;
            }
            if (monitor == "lpm01a") {
                out += lpmValue(watts / rate) + "\r\n";
                if (sampleIndex % static_cast<std::uint64_t>(rate) == 0) {
                    // Seconds and milliseconds in three digits each, as the monitor writes them.
                    const auto ms =
                        static_cast<unsigned long long>(std::llround(static_cast<double>(sampleIndex) * 1000.0 / rate));
                    char stamp[64];
                    std::snprintf(stamp, sizeof stamp, "TimeStamp: %03llus %03llums, buff 00%%\r\n", ms / 1000,
                                  ms % 1000);
                    out += stamp;
                }
            } else if (monitor == "ppk2") {
                // Range 1 (R = 101.65 ohm): I = x (x + 1) with x = adc x 4 x 1.8 / 163840 / R; pick
                // the ADC code whose current is nearest (the expected value is computed from the
                // code, so quantisation does not matter).
                const double amps = watts / volts;
                const double x = (-1 + std::sqrt(1 + 4 * amps)) / 2;
                const auto adc = static_cast<std::uint32_t>(std::lround(x * 101.65 * 163840.0 / 1.8 / 4.0)) & 0x3FFFu;
                const bool d0 = !(pinPending);
                pinPending = false;
                const std::uint32_t word =
                    adc | (1u << 14) | ((ppk2Counter & 0x3Fu) << 18) | (static_cast<std::uint32_t>(d0) << 24);
                ++ppk2Counter;
                for (int b = 0; b < 4; ++b) out += static_cast<char>((word >> (8 * b)) & 0xFF);
            } else {
                const double amps = watts / volts;
                const long shunt = std::lround(amps * 0.1 / 2.5e-6); // 0.1 ohm shunt
                const long bus = std::lround(volts / 1.25e-3);
                const bool pin = !pinPending;
                pinPending = false;
                out += std::to_string(sampleIndex & 0xFFFF) + " " + std::to_string(shunt) + " " + std::to_string(bus) +
                       " " + (pin ? "1" : "0") + "\n";
            }
            if (out.size() > 8192) {
                emit(out);
                out.clear();
            }
        }
        emit(out);
    }

    void edge() {
        if (monitor == "lpm01a") {
            ++events;
            char buf[32];
            std::snprintf(buf, sizeof buf, "event %02d ris\r\n", events);
            emit(buf);
        } else {
            pinPending = true;
        }
    }

    void monitorCommand(const std::string& c) {
        if (monitor != "lpm01a") return;
        // The monitor's command words (its help text); anything else is refused with an error
        // line naming the command and an "Error detail:" line, as the monitor answers.
        static const char* const known[] = {"help",      "echo",      "powershield", "version", "range",    "status",
                                            "htc",       "hrc",       "lcd",         "psrst",   "volt",     "freq",
                                            "acqtime",   "acqmode",   "funcmode",    "output",  "format",   "trigsrc",
                                            "trigdelay", "currthres", "eventsrc",    "pwr",     "pwrend",   "start",
                                            "stop",      "targrst",   "temp",        "calib",   "autotest", "sampling"};
        const std::string word = c.substr(0, c.find(' '));
        if (std::find(std::begin(known), std::end(known), word) == std::end(known)) {
            emit("PowerShield > error " + c + "\r\nPowerShield > Error detail: command unknown\r\n");
            return;
        }
        emit("PowerShield > ack " + c + "\r\n");
        if (c == "start") streaming = true;
        if (c == "stop") {
            emit("Acquisition completed\r\n");
            streaming = false;
        }
    }
};

Bench* g = nullptr;

void putChar(void* ctx, char c) {
    (void)ctx;
    if (!g->closed) g->deviceLink->write(std::string_view(&c, 1));
}
std::uint32_t nowUs(void*) {
    return static_cast<std::uint32_t>(static_cast<double>(g->sampleIndex) * 1000000.0 / g->rate);
}
void pin(void*, int level) {
    if (level == 0) {
        if (g->fault == "missing-edge" && g->infers == 2) return;
        g->edge();
    }
}
void delayUs(void*, std::uint32_t) {}

int inferOne(void* ctx, const std::uint8_t* input, std::size_t size) {
    auto* kws = static_cast<tfd_kws_model*>(ctx);
    (void)kws;
    (void)input;
    (void)size;
    g->watts = g->activeW;
    g->advance(g->inferenceS);
    g->watts = g->idleW;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Bench bench;
    g = &bench;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--monitor") bench.monitor = v;
        else if (k == "--active-mw") bench.activeW = std::stod(v) * 1e-3;
        else if (k == "--idle-uw") bench.idleW = std::stod(v) * 1e-6;
        else if (k == "--inference-ms") bench.inferenceS = std::stod(v) * 1e-3;
        else if (k == "--fault") bench.fault = v;
        else {
            std::cerr << "harness_sim: unknown option " << k << "\n";
            return 2;
        }
    }
    if (bench.monitor == "ppk2") bench.rate = 100000.0;
    bench.watts = bench.idleW;
    Pty dev = openPty(), mon = openPty();
    bench.deviceLink = std::move(dev.master);
    bench.monitorLink = std::move(mon.master);
    // Hold the slave sides open, so that the masters do not hang up before the host opens them.
    const int keepDevice = ::open(dev.slavePath.c_str(), O_RDWR | O_NOCTTY);
    const int keepMonitor = ::open(mon.slavePath.c_str(), O_RDWR | O_NOCTTY);
    if (keepDevice < 0 || keepMonitor < 0) return 3;
    std::cout << "device " << dev.slavePath << "\nmonitor " << mon.slavePath << std::endl;

    tfd_port port{};
    port.put_char = putChar;
    port.now_us = nowUs;
    port.timestamp_pin = pin;
    port.delay_us = delayUs;
    static tfd_kws_model kws;
    tfd_kws_model_init(&kws, TFD_KWS_SEED);
    kws.model.context = &kws;
    kws.model.infer = inferOne;
    static std::uint8_t buffer[TFD_INPUT_MAX];
    tfd_device device;
    tfd_init(&device, &port, &kws.model, TFD_MODE_ENERGY, "TinyFoot simulated bench", "simulated", buffer,
             sizeof buffer);

    bool booted = false;
    std::string monitorLine;
    bool sawMonitor = false;
    for (;;) {
        pollfd fds[2] = {{bench.deviceLink->readFd(), POLLIN, 0}, {bench.monitorLink->readFd(), POLLIN, 0}};
        if (::poll(fds, 2, 20000) <= 0) return 0; // 20 s without a byte: the host went away
        if (fds[1].revents & (POLLIN | POLLHUP)) {
            std::string bytes;
            try {
                bytes = bench.monitorLink->read(0ms);
            } catch (const LinkError&) {
                return 0;
            }
            sawMonitor = sawMonitor || !bytes.empty();
            for (char c : bytes) {
                if (bench.monitor == "ppk2") {
                    const auto b = static_cast<unsigned char>(c);
                    if (b == 0x19) bench.emit("Calibrated: 1\nR1: 101.65\nEND\n");
                    if (b == 0x06) bench.streaming = true;
                    if (b == 0x07) bench.streaming = false;
                } else if (c == '\n') {
                    if (!monitorLine.empty() && monitorLine.back() == '\r') monitorLine.pop_back();
                    bench.monitorCommand(monitorLine);
                    if (bench.monitor == "ina226" && monitorLine == "start") {
                        bench.emit("# tinyfoot-ina226 1 rate_hz=1000 shunt_ohm=0.1\n");
                        bench.streaming = true;
                    }
                    monitorLine.clear();
                } else {
                    monitorLine += c;
                }
            }
            if (bench.streaming && !booted) {
                bench.advance(2.0); // a baseline before the device speaks
                tfd_boot(&device);
                booted = true;
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP)) {
            std::string bytes;
            try {
                bytes = bench.deviceLink->read(0ms);
            } catch (const LinkError&) {
                return 0;
            }
            for (char c : bytes) {
                if (c == '%' && std::strncmp(device.command, "infer", 5) == 0) {
                    ++bench.infers;
                    if (bench.fault == "disconnect" && bench.infers == 3) {
                        bench.advance(1.0);
                        return 0; // the bench unplugged mid-session
                    }
                    if (bench.fault == "garbage" && bench.infers == 2) bench.emit("\x01\xfe garbage \r\n");
                    if (bench.fault == "extra-edge" && bench.infers == 2) bench.edge(); // an early, spurious edge
                }
                tfd_receive(&device, c);
                if (c == '%') bench.advance(1.0); // the host's think time: idle
            }
        }
    }
}
