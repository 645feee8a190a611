#include "tinyfoot/harness/session.h"

#include "tinyfoot/harness/device_client.h"
#include "tinyfoot/harness/monitors.h"
#include "tinyfoot/harness/transport.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <mutex>
#include <sstream>
#include <thread>
#include <tuple>

namespace tinyfoot::harness {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string nowUtc() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::unique_ptr<FdLink> openDevice(const SessionOptions& o) {
    if (o.device.rfind("tcp:", 0) == 0) return connectSocket(o.device.substr(4), 10s);
    if (o.device.rfind("unix:", 0) == 0) return connectSocket(o.device.substr(5), 10s);
    if (o.device.rfind("exec:", 0) == 0) {
        std::istringstream words(o.device.substr(5));
        std::vector<std::string> argv;
        for (std::string w; words >> w;) argv.push_back(w);
        return spawn(argv);
    }
    return openSerial(o.device, o.deviceBaud);
}

/// The device side of a session: the link, the protocol client logging every line with its host
/// time, and who the device says it is (recorded in the metadata).
struct DeviceSession {
    std::unique_ptr<FdLink> link;
    std::unique_ptr<DeviceClient> client;
    std::string name, profile, model;
};

DeviceSession startDevice(const SessionOptions& o, std::ofstream& log, nlohmann::json& meta) {
    DeviceSession d;
    d.link = openDevice(o);
    d.client = std::make_unique<DeviceClient>(*d.link, o.ioManager, 10s);
    d.client->onLine = [&log](double t, const std::string& l) {
        log << std::fixed << t << " " << l << "\n";
        log.flush();
    };
    d.client->waitReady(30s);
    d.name = d.client->name();
    std::tie(d.profile, d.model) = d.client->profile();
    meta["device"]["name"] = d.name;
    meta["device"]["profile"] = d.profile;
    meta["device"]["model"] = d.model;
    writeAtomically(o.folder / "metadata.json", meta.dump(2) + "\n");
    return d;
}

/// Everything the monitor stream produces: into the analysis (under a lock) and onto disk.
class Capture : public StreamSink {
public:
    Capture(SessionAnalyzer& analyzer, std::mutex& lock, const fs::path& folder, double volts, double rate,
            bool energySamples)
        : m_analyzer(analyzer), m_lock(lock), m_trace(folder / "trace.bin", std::ios::binary | std::ios::trunc),
          m_volts(volts), m_rate(rate), m_energy(energySamples) {}

    void sample(double v) override {
        const double joules = m_energy ? v : v * m_volts / m_rate;
        m_analyzer.sample(joules);
        m_trace.write(reinterpret_cast<const char*>(&joules), sizeof joules);
        ++m_samples;
    }
    void edge() override {
        m_analyzer.edge();
        m_edges.push_back(m_samples);
        ++edgesSeen;
    }
    void lost(std::uint64_t n) override {
        m_analyzer.lost(n);
        m_samples += n;
    }
    void message(const std::string& kind, const std::string& text) override {
        if (kind == "overcurrent") m_analyzer.fault("overcurrent", "the monitor reported an overcurrent: " + text);
        else if (kind == "error") m_analyzer.fault("monitor-error", "the monitor reported: " + text);
        else if (kind == "events") messages.push_back("warning: " + text);
        else if (kind == "unexpected") ++garbage;
        else if (kind == "ack") ++acks;
    }
    void flush() { m_trace.flush(); }
    const std::vector<std::uint64_t>& edges() const { return m_edges; }

    std::atomic<int> edgesSeen{0};
    std::atomic<int> acks{0};
    int garbage = 0;
    std::vector<std::string> messages;

private:
    SessionAnalyzer& m_analyzer;
    std::mutex& m_lock;
    std::ofstream m_trace;
    double m_volts, m_rate;
    bool m_energy;
    std::uint64_t m_samples = 0;
    std::vector<std::uint64_t> m_edges;
};

} // namespace

SessionOutcome runSession(const SessionOptions& o) {
    SessionOutcome out;
    fs::create_directories(o.folder);
    nlohmann::json meta{{"format", "tinyfoot.session"},
                        {"version", 1},
                        {"tool", "tinyfoot " + o.toolVersion},
                        {"started", nowUtc()},
                        {"device", {{"link", o.device}, {"io_manager", o.ioManager}}},
                        {"monitor", {{"kind", o.monitorKind}, {"link", o.monitor}}},
                        {"supply_voltage_v", o.volts},
                        {"iterations", o.iterations},
                        {"warmup", o.warmup},
                        {"edge_rule", o.rule == EdgeRule::Strict ? "strict" : "last-two"},
                        {"commands", nlohmann::json::array()}};
    const bool emulated = o.monitorKind == "emulated";
    const double rate = o.monitorKind == "ppk2"     ? 100000.0
                        : o.monitorKind == "ina226" ? 1000.0
                        : emulated                  ? o.emulatedRateHz
                                                    : o.lpm01aRateHz;
    if (emulated) {
        if (!o.powerModel) throw LinkError("the emulated monitor needs a power model (--power-model FILE)");
        meta["power_model"] = {{"id", o.powerModel->id},
                               {"citation", o.powerModel->citation},
                               {"clock_hz", o.emulatedClockHz},
                               {"active_w", o.powerModel->activeWatts(o.emulatedClockHz)},
                               {"idle_w", o.powerModel->idleWatts()}};
    }
    meta["sample_rate_hz"] = rate;
    writeAtomically(o.folder / "metadata.json", meta.dump(2) + "\n");

    std::mutex lock;
    SessionAnalyzer analyzer(rate, o.rule, o.minimumWindowSeconds, o.inputs.size());
    Capture capture(analyzer, lock, o.folder, o.volts, rate,
                    o.monitorKind == "lpm01a" || o.monitorKind == "ina226" || emulated);
    std::ofstream deviceLog(o.folder / "device.log");
    Provenance prov;
    prov.tool = "tinyfoot " + o.toolVersion;
    prov.started = meta["started"];
    prov.monitorKind = o.monitorKind;
    prov.monitorName = emulated ? o.powerModel->id : o.monitor;
    prov.supplyVolts = emulated ? o.powerModel->volts : o.volts;
    if (emulated) prov.kind = "emulated estimate";
    // The power model's validation gives the estimate its spread, at the clock it was made at.
    if (emulated && o.powerModel->validation &&
        std::fabs(o.powerModel->validation->clockHz - o.emulatedClockHz) <= 1e-9 * o.emulatedClockHz) {
        const EmulationValidation& v = *o.powerModel->validation;
        // Four significant digits: the published medians have about as many.
        const auto rounded = [](double x) {
            char b[32];
            std::snprintf(b, sizeof b, "%.4g", x);
            return std::strtod(b, nullptr);
        };
        prov.spread = ResultSpread{rounded(v.low()), rounded(v.high()), v.basis()};
    }
    prov.source = o.folder.string();
    std::atomic<bool> stop{false};
    std::string readerFailure;
    std::unique_ptr<FdLink> monitor;
    std::thread reader;

    try {
        const unsigned monitorBaud = o.monitorKind == "lpm01a" ? 3686400u : 115200u;
        if (emulated)
            monitor = connectSocket(o.monitor.rfind("unix:", 0) == 0  ? o.monitor.substr(5)
                                    : o.monitor.rfind("tcp:", 0) == 0 ? o.monitor.substr(4)
                                                                      : o.monitor,
                                    30s);
        else monitor = openSerial(o.monitor, monitorBaud);
        // Configure and start the monitor.
        if (o.monitorKind == "lpm01a") {
            char volt[32];
            std::snprintf(volt, sizeof volt, "volt %dm", static_cast<int>(std::lround(o.volts * 1000)));
            for (const std::string& c :
                 {std::string("htc"), std::string(volt), "freq " + std::to_string(static_cast<int>(rate)),
                  std::string("acqtime 0"), std::string("output energy"), std::string("format ascii_dec"),
                  std::string("trigsrc sw"), std::string("eventsrc d7 fal"), std::string("pwr on"),
                  std::string("start")}) {
                monitor->write(c + "\r\n");
                meta["commands"].push_back(c);
            }
        } else if (o.monitorKind == "ppk2") {
            const int mv = static_cast<int>(std::lround(o.volts * 1000));
            const std::string cmds{
                '\x19', '\x0D', static_cast<char>(mv >> 8), static_cast<char>(mv & 0xFF), '\x11', '\x02', '\x0C',
                '\x01', '\x06'};
            monitor->write(cmds);
            meta["commands"] = {"metadata", "source voltage " + std::to_string(mv) + " mV", "source meter", "power on",
                                "start"};
        } else if (o.monitorKind == "ina226") {
            monitor->write("start\n");
            meta["commands"].push_back("start");
        } else if (emulated) {
            // Nothing to configure: the board reports its pin and activity from reset.
        } else {
            throw LinkError("unknown monitor kind '" + o.monitorKind + "' (lpm01a, ppk2, ina226)");
        }
        reader = std::thread([&] {
            std::unique_ptr<Lpm01aAsciiParser> lpm;
            std::unique_ptr<Ppk2Parser> ppk;
            std::unique_ptr<Ina226Parser> ina;
            std::unique_ptr<EmulatedMonitorParser> emu;
            if (emulated)
                emu = std::make_unique<EmulatedMonitorParser>(capture, *o.powerModel, o.emulatedClockHz, rate);
            std::string metadata;
            if (o.monitorKind == "lpm01a") lpm = std::make_unique<Lpm01aAsciiParser>(capture, rate);
            if (o.monitorKind == "ina226") ina = std::make_unique<Ina226Parser>(capture);
            try {
                while (!stop) {
                    std::string bytes = monitor->read(50ms);
                    if (bytes.empty()) continue;
                    if (o.monitorKind == "ppk2" && !ppk) {
                        // The metadata text comes first, up to "END\n"; samples follow.
                        metadata += bytes;
                        const auto end = metadata.find("END\n");
                        if (end == std::string::npos) continue;
                        ppk = std::make_unique<Ppk2Parser>(capture, Ppk2Calibration::parse(metadata.substr(0, end + 4)),
                                                           o.volts);
                        bytes = metadata.substr(end + 4);
                    }
                    std::lock_guard<std::mutex> g(lock);
                    if (lpm) lpm->feed(bytes);
                    if (ppk) ppk->feed(bytes);
                    if (ina) ina->feed(bytes);
                    if (emu) emu->feed(bytes);
                    capture.flush();
                }
            } catch (const LinkError& e) {
                std::lock_guard<std::mutex> g(lock);
                readerFailure = e.what();
                analyzer.fault("monitor-link", e.what());
            }
        });

        DeviceSession dev = startDevice(o, deviceLog, meta);
        DeviceClient& client = *dev.client;
        prov.device = dev.name;
        prov.profile = dev.profile;
        prov.model = dev.model;
        for (std::size_t w = 0; w < o.inputs.size(); ++w) {
            std::ifstream in(o.inputs[w], std::ios::binary);
            if (!in) throw LinkError(o.inputs[w].string() + ": cannot be read");
            const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                                  std::istreambuf_iterator<char>());
            client.load(bytes);
            const int before = capture.edgesSeen;
            {
                std::lock_guard<std::mutex> g(lock);
                analyzer.beginInfer(o.iterations);
            }
            client.infer(o.iterations, o.warmup, o.timeout);
            // The monitor's stream lags the device's reply: wait for the window's edges.
            const auto deadline = std::chrono::steady_clock::now() + 5s;
            while (capture.edgesSeen - before < 2 && std::chrono::steady_clock::now() < deadline &&
                   readerFailure.empty())
                std::this_thread::sleep_for(10ms);
            std::this_thread::sleep_for(50ms);
            {
                std::lock_guard<std::mutex> g(lock);
                analyzer.endInfer();
            }
            if (o.progress)
                o.progress("window " + std::to_string(w + 1) + "/" + std::to_string(o.inputs.size()) + " done");
            if (!readerFailure.empty()) throw LinkError(readerFailure);
        }
        std::this_thread::sleep_for(200ms); // the baseline after the last window
        out.complete = true;
    } catch (const std::exception& e) {
        out.failure = e.what();
    }
    stop = true;
    if (reader.joinable()) reader.join();
    if (monitor) {
        try {
            if (o.monitorKind == "lpm01a") monitor->write("stop\r\n");
            if (o.monitorKind == "ppk2") monitor->write(std::string(1, '\x07'));
        } catch (const LinkError&) {}
    }
    {
        std::lock_guard<std::mutex> g(lock);
        out.result = analyzer.finish();
    }
    if (!out.failure.empty()) out.result.findings.push_back({Finding::Level::Error, "session-stopped", out.failure});
    if (capture.garbage > 0)
        out.result.findings.push_back(
            {Finding::Level::Warning, "garbage",
             std::to_string(capture.garbage) + " line(s) from the monitor were not understood"});
    for (const auto& m : capture.messages) out.result.findings.push_back({Finding::Level::Warning, "events", m});
    writeAtomically(o.folder / "edges.json", nlohmann::json(capture.edges()).dump() + "\n");
    writeAtomically(o.folder / "results.json", resultsJson(out.result, prov, out.complete).dump(2) + "\n");
    writeAtomically(o.folder / "results.txt", resultsText(out.result));
    return out;
}

PerformanceOutcome runPerformanceSession(const SessionOptions& o) {
    PerformanceOutcome out;
    fs::create_directories(o.folder);
    nlohmann::json meta{{"format", "tinyfoot.session"}, {"version", 1},          {"tool", "tinyfoot " + o.toolVersion},
                        {"started", nowUtc()},          {"mode", "performance"}, {"device", {{"link", o.device}}},
                        {"iterations", o.iterations},   {"warmup", o.warmup}};
    writeAtomically(o.folder / "metadata.json", meta.dump(2) + "\n");
    std::ofstream deviceLog(o.folder / "device.log");
    std::vector<double> throughput, latency;
    try {
        DeviceSession dev = startDevice(o, deviceLog, meta);
        DeviceClient& client = *dev.client;
        for (std::size_t w = 0; w < o.inputs.size(); ++w) {
            std::ifstream in(o.inputs[w], std::ios::binary);
            if (!in) throw LinkError(o.inputs[w].string() + ": cannot be read");
            client.load(
                std::vector<std::uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
            const InferReply r = client.infer(o.iterations, o.warmup, o.timeout);
            if (r.lapsUs.size() != 2)
                throw DeviceError("window " + std::to_string(w + 1) + ": " + std::to_string(r.lapsUs.size()) +
                                  " m-lap-us line(s), 2 expected (is the device in performance mode?)");
            const double seconds = r.seconds();
            out.windowSeconds.push_back(seconds);
            throughput.push_back(seconds > 0 ? static_cast<double>(o.iterations) / seconds : 0.0);
            latency.push_back(seconds / static_cast<double>(o.iterations));
            if (o.progress)
                o.progress("window " + std::to_string(w + 1) + "/" + std::to_string(o.inputs.size()) + " done");
        }
        out.complete = true;
    } catch (const std::exception& e) {
        out.failure = e.what();
    }
    out.medianThroughput = median(throughput);
    out.medianLatencySeconds = median(latency);
    PerformanceResult perf;
    perf.iterations = o.iterations;
    perf.windowSeconds = out.windowSeconds;
    perf.medianThroughput = out.medianThroughput;
    perf.medianLatencySeconds = out.medianLatencySeconds;
    writeAtomically(o.folder / "performance.json", performanceJson(perf, out.complete, out.failure).dump(2) + "\n");
    writeAtomically(o.folder / "results.txt", performanceText(perf, out.failure));
    return out;
}

} // namespace tinyfoot::harness
