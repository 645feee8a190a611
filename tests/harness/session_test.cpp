// Live energy-mode sessions end to end: the real `tinyfoot measure` against the simulated bench
// (the device library and a power monitor on pseudo-terminals, with a power profile of known
// energy), for each monitor, and with each injected fault.
#include "run_process.h"

#include "tinyfoot/harness/monitors.h"
#include "tinyfoot/harness/transport.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace tinyfoot::harness;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct Session {
    int exitCode = -1;
    std::string out, err;
    nlohmann::json results;
    fs::path folder;
};

fs::path inputs() {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("tinyfoot-session-inputs-" + std::to_string(::getpid()));
        fs::create_directories(d);
        for (int i = 1; i <= 5; ++i) {
            std::ofstream f(d / ("input" + std::to_string(i) + ".bin"), std::ios::binary);
            for (int b = 0; b < 490; ++b) f.put(static_cast<char>((b * i) & 0xFF));
        }
        return d;
    }();
    return dir;
}

/// Starts the bench, runs `tinyfoot measure` against it, and reads the results file.
Session run(const std::string& monitor, const std::string& fault = "", std::vector<std::string> extra = {}) {
    std::vector<std::string> simArgs{TINYFOOT_HARNESS_SIM, "--monitor", monitor};
    if (!fault.empty()) simArgs.insert(simArgs.end(), {"--fault", fault});
    auto sim = spawn(simArgs);
    LineReader lines(*sim);
    const auto device = lines.next(5s);
    const auto mon = lines.next(5s);
    REQUIRE(device.has_value());
    REQUIRE(mon.has_value());
    Session s;
    s.folder = fs::temp_directory_path() / ("tinyfoot-session-" + monitor + "-" + (fault.empty() ? "ok" : fault) + "-" +
                                            std::to_string(::getpid()));
    fs::remove_all(s.folder);
    std::vector<std::string> args{
        "measure",        "--device",        device->substr(7), "--monitor", monitor + ":" + mon->substr(8),
        "--inputs",       inputs().string(), "--iterations",    "1100",      "--out",
        s.folder.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = tinyfoot::test::runProcess(TINYFOOT_CLI, args);
    s.exitCode = r.exitCode;
    s.out = r.out;
    s.err = r.err;
    s.results = nlohmann::json::parse(tinyfoot::test::slurp((s.folder / "results.json").string()));
    return s;
}

bool has(const nlohmann::json& list, const std::string& code) {
    for (const auto& e : list)
        if (e.get<std::string>().rfind(code + ":", 0) == 0) return true;
    return false;
}

double uj(const nlohmann::json& j, const char* key) { return j.at(key).at("value").get<double>(); }

} // namespace

TEST_CASE("an LPM01A session reports the analytic energy per inference, throughput and idle power") {
    const Session s = run("lpm01a");
    REQUIRE(s.exitCode == 0);
    // 3 mW x 10 ms = 30 uJ per inference; 100 inferences per second; 100 uW idle.
    CHECK(uj(s.results, "energy_per_inference") == doctest::Approx(30.0).epsilon(1e-4));
    CHECK(s.results.at("throughput_per_s").get<double>() == doctest::Approx(100.0).epsilon(1e-4));
    CHECK(uj(s.results, "idle_power") == doctest::Approx(100.0).epsilon(1e-4));
    CHECK(uj(s.results, "energy_per_inference_idle_subtracted") == doctest::Approx(29.0).epsilon(1e-4));
    CHECK(s.results.at("complete") == true);
    CHECK(s.results.at("windows").size() == 5);
    CHECK(s.results.at("device").at("model") == "kws01");
    CHECK(s.out.find("Median energy cost is 30.000 uJ/inf.") != std::string::npos);
    // Everything is on disk: the raw trace (float64 per sample), the edges, the device log.
    for (const char* f : {"metadata.json", "device.log", "trace.bin", "edges.json", "results.txt"})
        CHECK(fs::file_size(s.folder / f) > 0);
    CHECK(fs::file_size(s.folder / "trace.bin") % 8 == 0);
    const auto edges = nlohmann::json::parse(tinyfoot::test::slurp((s.folder / "edges.json").string()));
    CHECK(edges.size() == 11); // the boot edge and two per window
    const auto meta = nlohmann::json::parse(tinyfoot::test::slurp((s.folder / "metadata.json").string()));
    CHECK(meta.at("commands").size() == 10);
    CHECK(meta.at("device").at("name") == "TinyFoot simulated bench");
}

TEST_CASE("a PPK2 session: binary words at 100 kS/s, calibration, D0 edges") {
    const Session s = run("ppk2");
    REQUIRE(s.exitCode == 0);
    // The bench quantises 1 mA to a range-1 ADC code; expect what that code decodes to.
    const double amps = 3e-3 / 3.0;
    const double x = (-1 + std::sqrt(1 + 4 * amps)) / 2;
    const auto adc = static_cast<std::uint32_t>(std::lround(x * 101.65 * 163840.0 / 1.8 / 4.0));
    struct Null : StreamSink {
        void sample(double) override {}
        void edge() override {}
        void lost(std::uint64_t) override {}
        void message(const std::string&, const std::string&) override {}
    } sink;
    const Ppk2Parser decoder(sink, Ppk2Calibration{}, 3.0);
    const double expected = decoder.current(adc | (1u << 14)) * 3.0 * 0.010 * 1e6;
    CHECK(uj(s.results, "energy_per_inference") == doctest::Approx(expected).epsilon(1e-4));
    CHECK(expected == doctest::Approx(30.0).epsilon(1e-3));
    CHECK(s.results.at("throughput_per_s").get<double>() == doctest::Approx(100.0).epsilon(1e-4));
}

TEST_CASE("an INA226-bridge session") {
    const Session s = run("ina226");
    REQUIRE(s.exitCode == 0);
    // 1 mA through 0.1 ohm = 40 shunt LSBs exactly; 3 V = 2400 bus LSBs: 30 uJ per inference.
    CHECK(uj(s.results, "energy_per_inference") == doctest::Approx(30.0).epsilon(1e-4));
}

TEST_CASE("injected faults give clear errors or warnings, keep the trace, and never crash") {
    SUBCASE("lost samples inside a window") {
        const Session s = run("lpm01a", "lost-samples");
        CHECK(s.exitCode == 5);
        CHECK(has(s.results.at("errors"), "lost-samples"));
        CHECK(s.results.at("complete") == false);
    }
    SUBCASE("a missing edge") {
        const Session s = run("lpm01a", "missing-edge");
        CHECK(s.exitCode == 5);
        CHECK(has(s.results.at("errors"), "edges"));
        CHECK(s.results.at("windows").size() == 4);
    }
    SUBCASE("an extra early edge: the last two edges still delimit the window") {
        const Session s = run("lpm01a", "extra-edge");
        CHECK(s.exitCode == 0);
        CHECK(has(s.results.at("warnings"), "extra-edges"));
        CHECK(uj(s.results, "energy_per_inference") == doctest::Approx(30.0).epsilon(1e-4));
        const Session strict = run("lpm01a", "extra-edge", {"--strict"});
        CHECK(strict.exitCode == 5);
        CHECK(has(strict.results.at("errors"), "edges"));
    }
    SUBCASE("a disconnect mid-session keeps what was captured, marked incomplete") {
        const Session s = run("lpm01a", "disconnect");
        CHECK(s.exitCode == 5);
        CHECK(s.results.at("complete") == false);
        CHECK(s.results.at("windows").size() == 2);
        CHECK(has(s.results.at("errors"), "session-stopped"));
        CHECK(fs::file_size(s.folder / "trace.bin") > 8 * 20000);
        CHECK(s.err.find("stopped early") != std::string::npos);
    }
    SUBCASE("garbage bytes from the monitor") {
        const Session s = run("lpm01a", "garbage");
        CHECK(s.exitCode == 0);
        CHECK(has(s.results.at("warnings"), "garbage"));
        CHECK(uj(s.results, "energy_per_inference") == doctest::Approx(30.0).epsilon(1e-4));
    }
}

TEST_CASE("performance mode: the host port as a child process times its own windows") {
    const fs::path folder = fs::temp_directory_path() / ("tinyfoot-session-performance-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    const auto r = tinyfoot::test::runProcess(
        TINYFOOT_CLI, {"measure", "--mode", "performance", "--device", std::string("exec:") + TINYFOOT_DEVICE_HOST,
                       "--inputs", inputs().string(), "--iterations", "3", "--warmup", "0", "--out", folder.string()});
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(tinyfoot::test::slurp((folder / "performance.json").string()));
    CHECK(j.at("complete") == true);
    CHECK(j.at("window_seconds").size() == 5);
    CHECK(j.at("median_throughput_per_s").get<double>() > 0);
    CHECK(tinyfoot::test::slurp((folder / "results.txt").string()).find("Median throughput is ") == 0);
    // The energy-mode firmware prints no laps: performance mode says so instead of inventing a time.
    const auto energy = tinyfoot::test::runProcess(
        TINYFOOT_CLI,
        {"measure", "--mode", "performance", "--device", std::string("exec:") + TINYFOOT_DEVICE_HOST + " --energy",
         "--inputs", inputs().string(), "--iterations", "1", "--out", (folder / "energy").string()});
    CHECK(energy.exitCode == 5);
    CHECK(energy.err.find("performance mode") != std::string::npos);
    CHECK(tinyfoot::test::runProcess(TINYFOOT_CLI, {"measure", "--mode", "sideways"}).exitCode == 2);
}

TEST_CASE("an INA226-bridge session has the right throughput too") {
    const Session s = run("ina226");
    CHECK(s.results.at("throughput_per_s").get<double>() == doctest::Approx(100.0).epsilon(1e-4));
}

TEST_CASE("the simulated LPM01A answers as the monitor does: three-digit timestamps, errors for unknown commands") {
    auto sim = spawn({TINYFOOT_HARNESS_SIM, "--monitor", "lpm01a"});
    LineReader lines(*sim);
    const auto device = lines.next(5s);
    const auto mon = lines.next(5s);
    REQUIRE(device.has_value());
    REQUIRE(mon.has_value());
    auto monitor = openSerial(mon->substr(8), 115200);
    monitor->write("htc\r\nbogus-command 42\r\nfreq 1000\r\nstart\r\n");
    // Starting streams a 2 s baseline before the device boots: two TimeStamp lines.
    std::string text;
    for (int i = 0; i < 50 && text.find("TimeStamp: 002s") == std::string::npos; ++i) text += monitor->read(100ms);
    CHECK(text.find("PowerShield > ack htc\r\n") != std::string::npos);
    CHECK(text.find("PowerShield > ack freq 1000\r\n") != std::string::npos);
    CHECK(text.find("PowerShield > error bogus-command 42\r\nPowerShield > Error detail: ") != std::string::npos);
    CHECK(text.find("ack bogus-command") == std::string::npos);
    // The MLCommons runner's own pattern for these lines.
    const std::regex runnerStamp(R"(^TimeStamp:[ ><]([0-9]{3})s ([0-9]{3})ms, buff [0-9]{2}%$)");
    std::vector<std::string> stamps;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        if (l.rfind("TimeStamp", 0) == 0) {
            CHECK(std::regex_match(l, runnerStamp));
            stamps.push_back(l);
        }
    }
    REQUIRE(stamps.size() >= 2);
    CHECK(stamps[0] == "TimeStamp: 001s 000ms, buff 00%");
    CHECK(stamps[1] == "TimeStamp: 002s 000ms, buff 00%");
    // And TinyFoot's own parser reads them as the once-a-second cadence, with no complaint.
    struct Sink : StreamSink {
        std::size_t samples = 0;
        std::vector<std::string> kinds;
        void sample(double) override { ++samples; }
        void edge() override {}
        void lost(std::uint64_t) override { kinds.push_back("lost"); }
        void message(const std::string& kind, const std::string&) override { kinds.push_back(kind); }
    } sink;
    Lpm01aAsciiParser parser(sink, 1000.0);
    parser.feed(text);
    CHECK(sink.samples >= 2000);
    CHECK(std::count(sink.kinds.begin(), sink.kinds.end(), "error") == 1);
    CHECK(std::count(sink.kinds.begin(), sink.kinds.end(), "lost") == 0);
    CHECK(std::count(sink.kinds.begin(), sink.kinds.end(), "unexpected") == 0);
}
