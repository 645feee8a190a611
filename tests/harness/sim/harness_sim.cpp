// A simulated bench for the harness tests: a device (the real device library, in energy mode)
// and a power monitor (LPM01A ascii_dec, PPK2 or TinyFoot's INA226 bridge), each on its own
// pseudo-terminal, sharing a virtual clock. The power profile is known exactly: idle power
// between commands, active power during inferences of a fixed duration, so the energy per
// inference a session should report is P_active x t_inference.
//
// Usage: tinyfoot-harness-sim --monitor lpm01a|ppk2|ina226 [--active-mw P] [--idle-uw P]
//            [--inference-ms T] [--fault lost-samples|missing-edge|extra-edge|disconnect|garbage]
//            [--pace virtual|real] [--baseline-ms T] [--think-ms T]
// Prints "device <pty>" and "monitor <pty>" on stdout, then serves until the host closes both.
//
// Pacing. "virtual" (the default, for tests): the monitor's samples exist only when the bench
// advances its clock — a baseline of --baseline-ms (2000) once the monitor starts, the inferences,
// and --think-ms (1000) of idle after each host command — and are written at once. "real": the
// virtual clock follows the wall clock from the monitor's start; samples come out as the monitor
// sends them, when their time has come (1 ms of samples at a time: one LPM01A or INA226 line, 100
// PPK2 words), idle samples stream while the host is silent, and there is no think time.
#include "tinyfoot/harness/transport.h"

#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws_model.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace tinyfoot::harness;
using namespace std::chrono_literals;

namespace {

struct Bench {
    std::string monitor = "lpm01a";
    std::string fault;
    double activeW = 3e-3, idleW = 100e-6, inferenceS = 0.010;
    double baselineS = 2.0, thinkS = 1.0;
    bool paced = false;
    std::chrono::steady_clock::time_point paceOrigin; // wall time of sample 0 (paced mode)
    double rate = 1000.0;                             // monitor samples per second (PPK2: 100 kS/s)
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
    std::vector<unsigned char> ppk2Pending; // a PPK2 command whose argument bytes are still to come

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

    /// When sample `index` is due in wall time (paced mode).
    std::chrono::steady_clock::time_point due(std::uint64_t index) const {
        return paceOrigin + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>(static_cast<double>(index) / rate));
    }

    /// Paced mode: idle samples up to the wall clock's present.
    void catchUp() {
        if (!paced || !streaming) return;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - paceOrigin).count();
        const auto now = static_cast<std::uint64_t>(std::floor(elapsed * rate));
        if (now > sampleIndex) advanceSamples(now - sampleIndex);
    }

    /// Advances virtual time by `seconds` at the current power, streaming the samples.
    void advance(double seconds) { advanceSamples(static_cast<std::uint64_t>(std::llround(seconds * rate))); }

    void advanceSamples(std::uint64_t n) {
        if (!streaming) return;
        // Paced mode: 1 ms of samples at a time, written once the last of them is due.
        const auto group = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(rate / 1000.0));
        std::string out;
        for (std::uint64_t i = 0; i < n; ++i) {
            if (paced && sampleIndex % group == 0 && !out.empty()) {
                std::this_thread::sleep_until(due(sampleIndex)); // the group's last sample
                emit(out);
                out.clear();
            }
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
                // The INA226's registers: shunt voltage 16-bit two's complement (2.5 uV, saturating
                // at +-81.92 mV), bus voltage 15 bits (1.25 mV, up to 40.96 V).
                const double amps = watts / volts;
                const long shunt = std::clamp(std::lround(amps * 0.1 / 2.5e-6), -32768L, 32767L); // 0.1 ohm shunt
                const long bus = std::clamp(std::lround(volts / 1.25e-3), 0L, 32767L);
                const bool pin = !pinPending;
                pinPending = false;
                out += std::to_string(sampleIndex & 0xFFFF) + " " + std::to_string(shunt) + " " + std::to_string(bus) +
                       " " + (pin ? "1" : "0") + "\n";
            }
            if (!paced && out.size() > 8192) {
                emit(out);
                out.clear();
            }
        }
        if (paced && !out.empty()) std::this_thread::sleep_until(due(sampleIndex));
        emit(out);
    }

    void startStreaming() {
        streaming = true;
        // Paced mode: the next sample is due now.
        if (paced)
            paceOrigin = std::chrono::steady_clock::now() -
                         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                             std::chrono::duration<double>(static_cast<double>(sampleIndex) / rate));
    }

    /// The PPK2's commands: an opcode and its argument bytes (Nordic's pc-nrfconnect-ppk:
    /// RegulatorSet 0x0D + 2 bytes, the voltage in mV high byte first, which the bench's power is
    /// then drawn at; DeviceRunningSet 0x0C + 1;
    /// SetPowerMode 0x11 + 1, 1 ampere meter or 2 source meter; SetUserGains 0x25 + 5). Argument
    /// bytes are never opcodes: 1561 mV is 0x0D 0x06 0x19 and neither starts nor asks for
    /// metadata. The PPK2 answers only GetMetadata (0x19) and, between AverageStart (0x06) and
    /// AverageStop (0x07), streams samples; other opcodes are taken as one byte and ignored.
    void ppk2Byte(unsigned char b) {
        ppk2Pending.push_back(b);
        const unsigned char op = ppk2Pending[0];
        const std::size_t args = op == 0x0D ? 2 : (op == 0x0C || op == 0x11) ? 1 : op == 0x25 ? 5 : 0;
        if (ppk2Pending.size() < 1 + args) return;
        const std::vector<unsigned char> command = std::move(ppk2Pending);
        ppk2Pending.clear();
        // The source voltage the PPK2 supplies: the bench draws its power at it.
        if (op == 0x0D) volts = ((command[1] << 8) | command[2]) / 1000.0;
        if (op == 0x19) {
            // "key: value" lines and END, as the PPK2's metadata: every calibration key for the five
            // ranges, with the defaults of Nordic's software (the values this bench encodes with).
            std::string meta = "Calibrated: 1\n";
            static const char* const r[5] = {"1031.64", "101.65", "10.15", "0.94", "0.043"};
            for (int i = 0; i < 5; ++i) meta += "R" + std::to_string(i) + ": " + r[i] + "\n";
            for (const auto& [key, value] : {std::pair<const char*, const char*>{"GS", "1"},
                                             {"GI", "1"},
                                             {"O", "0"},
                                             {"S", "0"},
                                             {"I", "0"},
                                             {"UG", "1"}})
                for (int i = 0; i < 5; ++i) meta += key + std::to_string(i) + ": " + value + "\n";
            emit(meta + "END\n");
        }
        if (op == 0x06) startStreaming();
        if (op == 0x07) streaming = false;
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
        if (c == "start") startStreaming();
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
        else if (k == "--pace" && (v == "real" || v == "virtual")) bench.paced = v == "real";
        else if (k == "--baseline-ms") bench.baselineS = std::stod(v) * 1e-3;
        else if (k == "--think-ms") bench.thinkS = std::stod(v) * 1e-3;
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
    auto heard = std::chrono::steady_clock::now();
    for (;;) {
        pollfd fds[2] = {{bench.deviceLink->readFd(), POLLIN, 0}, {bench.monitorLink->readFd(), POLLIN, 0}};
        // Paced and streaming: wake every millisecond to stream the idle samples.
        const int ready = ::poll(fds, 2, bench.paced && bench.streaming ? 1 : 20000);
        if (ready < 0) return 0;
        if (ready == 0) {
            // 20 s without a byte: the host went away.
            if (std::chrono::steady_clock::now() - heard > 20s) return 0;
            bench.catchUp();
            continue;
        }
        heard = std::chrono::steady_clock::now();
        bench.catchUp();
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
                    bench.ppk2Byte(static_cast<unsigned char>(c));
                } else if (c == '\n') {
                    if (!monitorLine.empty() && monitorLine.back() == '\r') monitorLine.pop_back();
                    bench.monitorCommand(monitorLine);
                    if (bench.monitor == "ina226" && monitorLine == "start") {
                        bench.emit("# tinyfoot-ina226 1 rate_hz=1000 shunt_ohm=0.1\n");
                        bench.startStreaming();
                    }
                    monitorLine.clear();
                } else {
                    monitorLine += c;
                }
            }
            if (bench.streaming && !booted) {
                bench.advance(bench.baselineS); // a baseline before the device speaks
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
                // The host's think time, idle (paced: the host's own pauses stream as idle samples).
                if (c == '%' && !bench.paced) bench.advance(bench.thinkS);
            }
        }
    }
}
