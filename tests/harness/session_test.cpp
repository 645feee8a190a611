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
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
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
Session run(const std::string& monitor, const std::string& fault = "", std::vector<std::string> extra = {},
            std::vector<std::string> benchOptions = {}, const std::string& tag = "") {
    std::vector<std::string> simArgs{TINYFOOT_HARNESS_SIM, "--monitor", monitor};
    if (!fault.empty()) simArgs.insert(simArgs.end(), {"--fault", fault});
    simArgs.insert(simArgs.end(), benchOptions.begin(), benchOptions.end());
    auto sim = spawn(simArgs);
    LineReader lines(*sim);
    const auto device = lines.next(5s);
    const auto mon = lines.next(5s);
    REQUIRE(device.has_value());
    REQUIRE(mon.has_value());
    Session s;
    s.folder = fs::temp_directory_path() / ("tinyfoot-session-" + monitor + "-" + (fault.empty() ? "ok" : fault) + tag +
                                            "-" + std::to_string(::getpid()));
    fs::remove_all(s.folder);
    std::vector<std::string> args{
        "measure", "--device",       device->substr(7), "--monitor", monitor + ":" + mon->substr(8),
        "--out",   s.folder.string()};
    // The defaults: the five inputs, 1100 inferences a window (11 s, above the 10 s minimum).
    if (std::find(extra.begin(), extra.end(), "--inputs") == extra.end())
        args.insert(args.end(), {"--inputs", inputs().string(), "--iterations", "1100"});
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

TEST_CASE("paced in real time, the simulated bench gives the fast mode's energy per inference") {
    // Two windows of 25 inferences of 2 ms: about 0.1 s of samples at each monitor's own rate,
    // a 100 ms baseline; the host's own pauses stream as idle samples.
    const fs::path two = fs::temp_directory_path() / ("tinyfoot-session-two-inputs-" + std::to_string(::getpid()));
    fs::create_directories(two);
    for (int i = 1; i <= 2; ++i)
        fs::copy_file(inputs() / ("input" + std::to_string(i) + ".bin"), two / ("input" + std::to_string(i) + ".bin"),
                      fs::copy_options::overwrite_existing);
    const std::vector<std::string> measure{"--inputs", two.string(), "--iterations",   "25",
                                           "--warmup", "1",          "--min-window-s", "0"};
    for (const std::string monitor : {"lpm01a", "ppk2", "ina226"}) {
        CAPTURE(monitor);
        const Session fast =
            run(monitor, "", measure, {"--inference-ms", "2", "--baseline-ms", "100", "--think-ms", "20"}, "-fast");
        const Session paced =
            run(monitor, "", measure, {"--pace", "real", "--inference-ms", "2", "--baseline-ms", "100"}, "-paced");
        REQUIRE(fast.exitCode == 0);
        REQUIRE(paced.exitCode == 0);
        CHECK(paced.results.at("complete") == true);
        CHECK(paced.results.at("windows").size() == 2);
        // 3 mW x 2 ms = 6 uJ (the PPK2: its ADC code's value, the same in both modes).
        const double e = uj(fast.results, "energy_per_inference");
        CHECK(e == doctest::Approx(6.0).epsilon(monitor == "ppk2" ? 1e-3 : 1e-4));
        CHECK(uj(paced.results, "energy_per_inference") == doctest::Approx(e).epsilon(1e-4));
        CHECK(paced.results.at("throughput_per_s").get<double>() == doctest::Approx(500.0).epsilon(1e-4));
        CHECK(paced.results.at("errors").empty());
    }
}

TEST_CASE("paced in real time, the simulated LPM01A writes its samples no faster than its rate") {
    // Only a lower bound on the wall time (a sleep never ends early): 300 samples at 1 kHz take at
    // least 0.299 s from the first; the fast mode writes them at once.
    auto sim = spawn({TINYFOOT_HARNESS_SIM, "--monitor", "lpm01a", "--pace", "real", "--baseline-ms", "300"});
    LineReader lines(*sim);
    const auto device = lines.next(5s);
    const auto mon = lines.next(5s);
    REQUIRE(device.has_value());
    REQUIRE(mon.has_value());
    auto monitor = openSerial(mon->substr(8), 115200);
    monitor->write("freq 1000\r\nformat ascii_dec\r\nstart\r\n");
    std::string text;
    std::optional<std::chrono::steady_clock::time_point> first;
    std::size_t samples = 0;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (samples < 300 && std::chrono::steady_clock::now() < deadline) {
        text += monitor->read(20ms);
        samples = 0;
        std::istringstream in(text);
        for (std::string l; std::getline(in, l);)
            if (std::regex_match(l, std::regex(R"(^[0-9]{4}[-+][0-9]{2}\r$)"))) ++samples;
        if (samples > 0 && !first) first = std::chrono::steady_clock::now();
    }
    REQUIRE(samples >= 300);
    REQUIRE(first.has_value());
    CHECK(std::chrono::steady_clock::now() - *first >= 299ms - 20ms); // less one read's slack
}

TEST_CASE("the simulated PPK2 frames its commands and answers as Nordic's protocol does") {
    auto sim = spawn({TINYFOOT_HARNESS_SIM, "--monitor", "ppk2", "--baseline-ms", "10"});
    LineReader lines(*sim);
    const auto device = lines.next(5s);
    const auto mon = lines.next(5s);
    REQUIRE(device.has_value());
    REQUIRE(mon.has_value());
    auto monitor = openSerial(mon->substr(8), 115200);
    // RegulatorSet 1561 mV = 0x0D 0x06 0x19: argument bytes, neither AverageStart nor GetMetadata;
    // SetPowerMode source meter, DeviceRunningSet on; then GetMetadata.
    monitor->write(std::string{'\x0D', '\x06', '\x19', '\x11', '\x02', '\x0C', '\x01', '\x19'});
    std::string meta;
    for (int i = 0; i < 50 && meta.find("END\n") == std::string::npos; ++i) meta += monitor->read(100ms);
    // One metadata block, "key: value" lines and END, and nothing else (no samples before 0x06).
    REQUIRE(meta.size() >= 4);
    CHECK(meta.substr(meta.size() - 4) == "END\n");
    CHECK(meta.find("END") == meta.size() - 4);
    const auto cal = Ppk2Calibration::parse(meta);
    CHECK(cal.r[0] == doctest::Approx(1031.64));
    CHECK(cal.r[4] == doctest::Approx(0.043));
    for (const char* key : {"GS4: 1\n", "GI0: 1\n", "O2: 0\n", "S3: 0\n", "I1: 0\n", "UG4: 1\n"})
        CHECK(meta.find(key) != std::string::npos);
    std::istringstream in(meta);
    for (std::string l; std::getline(in, l);)
        CHECK(std::regex_match(l, std::regex(R"(^[A-Za-z]+[0-4]?: [0-9.]+$|^END$)")));
    // AverageStart: 4-byte little-endian words, counter +1 each (mod 64), range 1, bit 17 clear,
    // D0 high (no edge yet) and D1-D7 low.
    monitor->write(std::string(1, '\x06'));
    std::string words;
    for (int i = 0; i < 50 && words.size() < 4 * 500; ++i) words += monitor->read(100ms);
    REQUIRE(words.size() >= 4 * 500);
    std::optional<unsigned> counter;
    for (std::size_t i = 0; i + 4 <= 4 * 500; i += 4) {
        std::uint32_t w = 0;
        for (int b = 3; b >= 0; --b) w = (w << 8) | static_cast<unsigned char>(words[i + static_cast<std::size_t>(b)]);
        CHECK(((w >> 14) & 7u) == 1u);
        CHECK(((w >> 17) & 1u) == 0u);
        CHECK((w >> 24) == 1u);
        const unsigned c = (w >> 18) & 0x3Fu;
        if (counter) CHECK(c == ((*counter + 1u) & 0x3Fu));
        counter = c;
    }
    // The bench's 100 uW idle, drawn at the 1.561 V the RegulatorSet asked for (to the ADC step).
    struct Null : StreamSink {
        void sample(double) override {}
        void edge() override {}
        void lost(std::uint64_t) override {}
        void message(const std::string&, const std::string&) override {}
    } sink;
    const Ppk2Parser decoder(sink, cal, 1.561);
    std::uint32_t first = 0;
    for (int b = 3; b >= 0; --b) first = (first << 8) | static_cast<unsigned char>(words[static_cast<std::size_t>(b)]);
    CHECK(decoder.current(first) * 1.561 == doctest::Approx(100e-6).epsilon(0.01));
}

TEST_CASE("the simulated INA226 bridge writes its documented lines, registers within their ranges") {
    // 5 W at 3 V is 1.67 A: 167 mV on the 0.1 ohm shunt saturates the shunt register at 32767.
    auto sim = spawn({TINYFOOT_HARNESS_SIM, "--monitor", "ina226", "--baseline-ms", "50", "--idle-uw", "5000000"});
    LineReader lines(*sim);
    const auto device = lines.next(5s);
    const auto mon = lines.next(5s);
    REQUIRE(device.has_value());
    REQUIRE(mon.has_value());
    auto monitor = openSerial(mon->substr(8), 115200);
    monitor->write("start\n");
    std::string text;
    for (int i = 0; i < 50 && std::count(text.begin(), text.end(), '\n') < 51; ++i) text += monitor->read(100ms);
    std::istringstream in(text);
    std::string header;
    std::getline(in, header);
    CHECK(header == "# tinyfoot-ina226 1 rate_hz=1000 shunt_ohm=0.1");
    int n = 0;
    for (std::string l; std::getline(in, l) && n < 50; ++n) {
        std::smatch m;
        REQUIRE(std::regex_match(l, m, std::regex(R"(^([0-9]+) (-?[0-9]+) ([0-9]+) ([01])$)")));
        CHECK(std::stol(m[1]) == n + 1);
        CHECK(std::stol(m[2]) == 32767);
        CHECK(std::stol(m[3]) == 2400);
        CHECK(m[4] == "1");
    }
    CHECK(n == 50);
}
