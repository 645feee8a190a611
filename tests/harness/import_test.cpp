// Sessions recorded by other runners, in their published file formats (written here), replayed
// to the median their own results files state; then through `tinyfoot measure import` into a
// footprint.
#include "run_process.h"

#include "tinyfoot/harness/emulated.h"
#include "tinyfoot/harness/results.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace tinyfoot::harness;
namespace fs = std::filesystem;

namespace {

fs::path tempDir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("tinyfoot-harness-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

/// Window w (0-based) of the test sessions: 11 s at (2 + w/2) mW, 1000 inferences.
double windowWatts(int w) { return (2.0 + 0.5 * w) * 1e-3; }

/// Writes an EnergyRunner session: 1 kHz, µJ per sample, idle 50 uW, five windows, and a
/// results.txt stating its median the way the runner words it.
double writeEnergyRunner(const fs::path& dir) {
    const float rate = 1000.0f;
    std::vector<float> uj;
    std::vector<double> times{0.5}; // the boot edge
    const auto idle = [&](double s) {
        for (int i = 0; i < static_cast<int>(s * rate); ++i) uj.push_back(50e-6f / rate * 1e6f);
    };
    idle(2.0);
    std::vector<double> perInference;
    for (int w = 0; w < 5; ++w) {
        times.push_back(static_cast<double>(uj.size()) / rate);
        for (int i = 0; i < 11000; ++i) uj.push_back(static_cast<float>(windowWatts(w) / rate * 1e6));
        times.push_back(static_cast<double>(uj.size()) / rate);
        perInference.push_back(windowWatts(w) * 11.0 / 1000.0 * 1e6);
        idle(1.0);
    }
    std::ofstream bin(dir / "trace1-energy.bin", std::ios::binary);
    bin.put(static_cast<char>(0xF1));
    bin.write(reinterpret_cast<const char*>(&rate), 4);
    bin.write(reinterpret_cast<const char*>(uj.data()), static_cast<std::streamsize>(uj.size() * 4));
    std::ofstream(dir / "trace1-timestamps.json") << nlohmann::json(times).dump();
    std::sort(perInference.begin(), perInference.end());
    std::ofstream(dir / "results.txt") << "Median energy cost is " << perInference[2] << " uJ/inf.\n";
    return perInference[2];
}

double statedMedian(const fs::path& resultsTxt) {
    std::ifstream in(resultsTxt);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    REQUIRE(std::regex_search(text, m, std::regex(R"(Median energy cost is ([0-9.]+) uJ/inf\.)")));
    return std::stod(m[1]);
}

} // namespace

TEST_CASE("an EnergyRunner session replays to the median its results.txt states") {
    const fs::path dir = tempDir("energyrunner");
    writeEnergyRunner(dir);
    const SessionResult r = importEnergyRunner(dir, 1000);
    REQUIRE(r.windows.size() == 5);
    CHECK_FALSE(r.hasErrors());
    CHECK(r.medianJoulesPerInference * 1e6 == doctest::Approx(statedMedian(dir / "results.txt")).epsilon(1e-4));
    CHECK(r.medianThroughput == doctest::Approx(1000.0 / 11.0).epsilon(1e-6));
    REQUIRE(r.idlePowerW.has_value());
    CHECK(*r.idlePowerW == doctest::Approx(50e-6).epsilon(1e-4));
    // Our own results.txt says it in the same words.
    CHECK(resultsText(r).find("Median energy cost is 33.000 uJ/inf.") != std::string::npos);
}

TEST_CASE("an MLCommons runner results.json replays to its median") {
    const fs::path dir = tempDir("mlcommons");
    nlohmann::json j;
    std::vector<double> samples;
    nlohmann::json stamps = nlohmann::json::array({nlohmann::json::array({0, 10})});
    for (int i = 0; i < 1000; ++i) samples.push_back(1e-8);
    std::vector<double> perInference;
    for (int w = 0; w < 5; ++w) {
        stamps.push_back({2 * w + 1, samples.size()});
        for (int i = 0; i < 10500; ++i) samples.push_back(windowWatts(w) / 1000.0);
        stamps.push_back({2 * w + 2, samples.size()});
        perInference.push_back(windowWatts(w) * 10.5 / 500 * 1e6);
        for (int i = 0; i < 500; ++i) samples.push_back(1e-8);
    }
    j["power"] = {{"samples", samples}, {"timestamps", stamps}, {"voltage", 1.8}, {"sample_rate", 1000}};
    j["infer"] = {{"iterations", 500}};
    std::ofstream(dir / "results.json") << j.dump();
    Provenance p;
    const SessionResult r = importMlcommons(dir / "results.json", p);
    std::sort(perInference.begin(), perInference.end());
    CHECK(r.medianJoulesPerInference * 1e6 == doctest::Approx(perInference[2]).epsilon(1e-9));
    CHECK(p.supplyVolts == 1.8);
    CHECK_FALSE(r.hasErrors());
}

TEST_CASE("broken session files are refused naming the file and what was expected") {
    const fs::path dir = tempDir("broken");
    std::ofstream(dir / "trace1-energy.bin", std::ios::binary) << "ab";
    CHECK_THROWS_WITH_AS(importEnergyRunner(dir, 10), doctest::Contains("trace1-energy.bin"), ImportError);
    std::ofstream(dir / "results.json")
        << R"({"power": {"samples": [1, 2], "timestamps": [[0, 1], [1, 9]]}, "infer": {"iterations": 3}})";
    Provenance p;
    CHECK_THROWS_WITH_AS(importMlcommons(dir / "results.json", p), doctest::Contains("window 1"), ImportError);
    std::ofstream(dir / "bad.json") << "{";
    CHECK_THROWS_WITH_AS(importMlcommons(dir / "bad.json", p), doctest::Contains("bad.json"), ImportError);
}

TEST_CASE("tinyfoot measure import writes results the use stage reads") {
    const fs::path dir = tempDir("cli");
    writeEnergyRunner(dir);
    const fs::path out = dir / "out";
    const auto r =
        tinyfoot::test::runProcess(TINYFOOT_CLI, {"measure", "import", "--energyrunner", dir.string(), "--iterations",
                                                  "1000", "--out", out.string(), "--device", "test board"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("Median energy cost is 33.000 uJ/inf.") != std::string::npos);
    const auto j = nlohmann::json::parse(tinyfoot::test::slurp((out / "results.json").string()));
    CHECK(j.at("kind") == "imported");
    CHECK(j.at("complete") == true);
    CHECK(j.at("energy_per_inference").at("value").get<double>() == doctest::Approx(33.0).epsilon(1e-4));
    // The footprint: the idle-subtracted energy x 1 inference per second + the measured idle power.
    const auto rep = tinyfoot::test::runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "report", "kws-typical",
                                                               "--use-from", (out / "results.json").string(),
                                                               "--inference-rate", "1/s", "--format", "json"});
    REQUIRE(rep.exitCode == 0);
    const auto rj = nlohmann::json::parse(rep.out);
    const double net = j.at("energy_per_inference_idle_subtracted").at("value").get<double>() * 1e-6;
    const double idle = j.at("idle_power").at("value").get<double>() * 1e-6;
    for (const auto& c : rj.at("components"))
        if (c.at("block") == "use_stage")
            CHECK(c.at("kg_co2e").get<double>() ==
                  doctest::Approx((net * 1.0 + idle) * 3 * 8760 / 1000 * 0.394).epsilon(1e-9));
    // Usage and input errors.
    CHECK(tinyfoot::test::runProcess(TINYFOOT_CLI, {"measure", "import", "--out", out.string()}).exitCode == 2);
    CHECK(tinyfoot::test::runProcess(TINYFOOT_CLI, {"measure", "import", "--energyrunner", (dir / "none").string(),
                                                    "--iterations", "5", "--out", out.string()})
              .exitCode == 3);
}

TEST_CASE("the shipped power models load, and a bad one is refused naming the member") {
    int loaded = 0;
    for (const auto& e : fs::directory_iterator(fs::path(TINYFOOT_SOURCE_ROOT) / "data" / "power")) {
        CAPTURE(e.path().string());
        const PowerModel m = loadPowerModel(e.path());
        CHECK(m.runAmpsPerHz > 0);
        CHECK(m.volts > 0);
        CHECK_FALSE(m.citation.empty());
        ++loaded;
    }
    CHECK(loaded >= 1);
    const PowerModel stm = loadPowerModel(fs::path(TINYFOOT_SOURCE_ROOT) / "data" / "power" / "stm32l4.json");
    CHECK(stm.activeWatts(80e6) == doctest::Approx(120e-6 * 80 * 3.0)); // 9.6 mA at 3 V
    const fs::path bad = tempDir("power") / "bad.json";
    std::ofstream(bad) << R"({"format": "tinyfoot.power_model", "run_ua_per_mhz": -1, "idle_ua": 1, "supply_v": 3})";
    CHECK_THROWS_WITH_AS(loadPowerModel(bad), doctest::Contains("run_ua_per_mhz"), ImportError);
}

TEST_CASE("the emulated monitor turns activity lines into a power trace") {
    struct Sink : StreamSink {
        std::vector<double> samples;
        std::vector<std::size_t> edges;
        void sample(double v) override { samples.push_back(v); }
        void edge() override { edges.push_back(samples.size()); }
        void lost(std::uint64_t) override {}
        void message(const std::string&, const std::string&) override {}
    } sink;
    PowerModel m;
    m.runAmpsPerHz = 100e-6 / 1e6; // 100 uA/MHz
    m.idleAmps = 1e-6;
    m.volts = 2.0;
    EmulatedMonitorParser p(sink, m, 10e6, 1000.0); // 10 MHz: 2 mW active, 2 uW idle; 1 kHz samples
    p.feed("S 0\nW 2000\nF 2500\nR 2550\nF 4500\nS 5000\nX junk\nW 8000\n");
    REQUIRE(sink.samples.size() == 8);
    CHECK(sink.samples[0] == doctest::Approx(2e-6 * 1e-3));                   // idle
    CHECK(sink.samples[2] == doctest::Approx(2e-3 * 1e-3));                   // active
    CHECK(sink.samples[4] == doctest::Approx(2e-3 * 0.5e-3 + 2e-6 * 0.5e-3)); // half and half
    CHECK(sink.edges == std::vector<std::size_t>{2, 4});
}
