// Black-box tests of the study commands: fleet, sweep, uncertainty and sensitivity, run as the
// real `tinyfoot` binary.
#include "run_process.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using tinyfoot::test::runProcess;

const std::string kCli = TINYFOOT_CLI;
const std::string kRoot = TINYFOOT_SOURCE_ROOT;

tinyfoot::test::ProcessResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", kRoot});
    return runProcess(kCli, args);
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

const nlohmann::json* findMetric(const nlohmann::json& report, const std::string& name) {
    for (const auto& m : report.at("metrics"))
        if (m.at("metric") == name) return &m;
    return nullptr;
}

} // namespace

TEST_CASE("fleet: 250 bn high-cost systems over 3 years are 1,765 Mt CO2e, in table and JSON") {
    const auto table = cli({"fleet", kRoot + "/presets/studies/paper-fleet-250bn.json"});
    REQUIRE(table.exitCode == 0);
    CHECK(table.out.find("Fleet total over 3 years: 1,765 Mt CO2e") != std::string::npos);
    CHECK(table.out.find("What-ifs over 3 years") != std::string::npos);

    const auto json = cli({"fleet", kRoot + "/presets/studies/paper-fleet-250bn.json", "--format", "json"});
    REQUIRE(json.exitCode == 0);
    const auto report = nlohmann::json::parse(json.out);
    std::ostringstream dump;
    dump << report;
    // 250e9 devices x 7.059788 kg = 1.764947e12 kg.
    CHECK(dump.str().find("1764947") != std::string::npos);
}

TEST_CASE("sweep: a one-parameter sweep is tidy CSV, one row per point, system and metric") {
    const auto r = cli({"sweep", "image-worst", "--x", "lifetime", "--x-unit", "year", "--x-values", "1,3,5"});
    REQUIRE(r.exitCode == 0);
    const auto rows = lines(r.out);
    REQUIRE(rows.size() > 3);
    CHECK(rows[0].find("x_parameter") != std::string::npos);
    CHECK(rows[0].find("value") != std::string::npos);
    std::set<std::string> lifetimes;
    std::size_t totals = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        CHECK(rows[i].find("lifetime") != std::string::npos);
        if (rows[i].find("total_kg_co2e") != std::string::npos) ++totals;
    }
    CHECK(totals == 3); // one total per lifetime value
    // A longer life adds use-stage emissions only: the totals rise with the lifetime.
    std::vector<double> total;
    for (const auto& row : rows)
        if (row.find(",total_kg_co2e,") != std::string::npos) {
            const auto end = row.rfind(',');
            const auto start = row.rfind(',', end - 1);
            total.push_back(std::stod(row.substr(start + 1, end - start - 1)));
        }
    REQUIRE(total.size() == 3);
    CHECK(total[0] < total[1]);
    CHECK(total[1] < total[2]);
    CHECK(total[1] == doctest::Approx(7.05978832));
}

TEST_CASE("sweep: an unknown parameter is a clear input error") {
    const auto r = cli({"sweep", "image-worst", "--x", "no_such_input", "--x-values", "1,2"});
    CHECK(r.exitCode != 0);
    CHECK(r.err.find("no_such_input") != std::string::npos);
}

TEST_CASE("uncertainty: the same seed gives the same statistics on 1 and 2 threads") {
    const std::vector<std::string> base{"uncertainty", "image-worst", "kws-best", "--samples", "50000",
                                        "--seed",      "11",          "--format", "json"};
    auto one = base, two = base;
    one.insert(one.end(), {"--threads", "1"});
    two.insert(two.end(), {"--threads", "2"});
    const auto a = cli(one);
    const auto b = cli(two);
    REQUIRE(a.exitCode == 0);
    REQUIRE(b.exitCode == 0);
    const auto ja = nlohmann::json::parse(a.out);
    const auto jb = nlohmann::json::parse(b.out);
    CHECK(ja.at("partial") == false);
    CHECK(ja.at("samples") == 50000);
    CHECK(ja.at("metrics") == jb.at("metrics"));
    const auto* difference = findMetric(ja, "kws-best - image-worst");
    REQUIRE(difference != nullptr);
    CHECK(difference->at("mean_kg_co2e").get<double>() < 0.0);
    const auto* total = findMetric(ja, "image-worst total");
    REQUIRE(total != nullptr);
    const auto& p = total->at("percentiles_kg_co2e");
    CHECK(p.at("p5").get<double>() < p.at("p50").get<double>());
    CHECK(p.at("p50").get<double>() < p.at("p95").get<double>());
}

TEST_CASE("uncertainty: a different seed gives different draws") {
    const auto a = cli({"uncertainty", "image-worst", "--samples", "20000", "--seed", "1", "--format", "json"});
    const auto b = cli({"uncertainty", "image-worst", "--samples", "20000", "--seed", "2", "--format", "json"});
    REQUIRE(a.exitCode == 0);
    REQUIRE(b.exitCode == 0);
    const auto ma = findMetric(nlohmann::json::parse(a.out), "image-worst total")->at("mean_kg_co2e");
    const auto mb = findMetric(nlohmann::json::parse(b.out), "image-worst total")->at("mean_kg_co2e");
    CHECK(ma != mb);
}

TEST_CASE("uncertainty: Ctrl-C stops the run, prints partial statistics and exits with code 6") {
    char outName[] = "/tmp/tinyfoot-test-int-out-XXXXXX";
    const int outFd = mkstemp(outName);
    REQUIRE(outFd >= 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, outFd, 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", 0, 0);
    std::vector<std::string> all{kCli,        "--data",     kRoot,      "uncertainty", "image-worst",
                                 "--samples", "4000000000", "--format", "json"};
    std::vector<char*> argv;
    for (auto& s : all) argv.push_back(s.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, kCli.c_str(), &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::usleep(1500 * 1000); // 4e9 samples take minutes on any machine
    ::kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    close(outFd);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 6);
    const auto report = nlohmann::json::parse(tinyfoot::test::slurp(outName));
    ::unlink(outName);
    CHECK(report.at("partial") == true);
    CHECK(report.at("samples").get<double>() < 4e9);
    CHECK(report.at("samples_requested").get<double>() == 4e9);
}

TEST_CASE("sensitivity: a tornado of image-worst lists its inputs, widest swing first") {
    const auto r = cli({"sensitivity", "image-worst", "--method", "tornado", "--format", "json"});
    REQUIRE(r.exitCode == 0);
    const auto report = nlohmann::json::parse(r.out);
    const auto& tornado = report.at("tornado");
    REQUIRE(tornado.size() == 1);
    CHECK(tornado[0].at("nominal_kg_co2e").get<double>() == doctest::Approx(7.05978832));
    const auto& bars = tornado[0].at("bars");
    REQUIRE(bars.size() > 5);
    double previous = 1e300;
    for (const auto& bar : bars) {
        const double low = bar.at("at_low_kg_co2e").get<double>();
        const double high = bar.at("at_high_kg_co2e").get<double>();
        const double swing = bar.at("swing_kg_co2e").get<double>();
        CHECK(swing == doctest::Approx(std::abs(high - low)));
        CHECK(swing <= previous);
        previous = swing;
    }
}

TEST_CASE("sweep --list-inputs shows an energy of 500 uJ as 500, without the conversion's binary noise") {
    const auto r = cli({"sweep", kRoot + "/tests/data/systems/physical-four.json", "--list-inputs"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("500.00000000000006") == std::string::npos);
    bool found = false;
    for (const auto& l : lines(r.out))
        if (l.find("energy") != std::string::npos && l.find(" uJ ") != std::string::npos) {
            found = true;
            CHECK(l.find(" 500 ") != std::string::npos);
        }
    CHECK(found);
}

TEST_CASE("uncertainty --differences: kws-best - image-worst paired beside independent runs, in text and JSON") {
    const std::string study = kRoot + "/presets/studies/paper-uncertainty.json";
    const auto text = cli({"uncertainty", study, "--differences", "kws-best:image-worst", "--samples", "50000"});
    REQUIRE(text.exitCode == 0);
    CHECK(text.out.find("Differences: paired (common random numbers") != std::string::npos);
    CHECK(text.out.find("independent") != std::string::npos);
    const auto json =
        cli({"uncertainty", study, "--differences", "kws-best:image-worst", "--samples", "50000", "--format", "json"});
    REQUIRE(json.exitCode == 0);
    const auto j = nlohmann::json::parse(json.out);
    REQUIRE(j.at("differences").size() == 1);
    const auto& d = j.at("differences").at(0);
    CHECK(d.at("a") == "kws-best");
    CHECK(d.at("b") == "image-worst");
    const double pairedSd = d.at("paired").at("sd").get<double>();
    const double independentSd = d.at("independent").at("sd").get<double>();
    // The two systems share most of their uncertain inputs: pairing removes their common part.
    CHECK(independentSd > 1.5 * pairedSd);
    CHECK(d.at("width_ratio").get<double>() > 1.5);
    CHECK(std::fabs(d.at("paired").at("mean").get<double>() - d.at("independent").at("mean").get<double>()) <
          4.0 * independentSd / std::sqrt(50000.0));
}

TEST_CASE("uncertainty --use-from: an emulated estimate is drawn over its results file's spread") {
    const std::string emulated = std::string(TINYFOOT_TEST_DATA) + "/measurement/emulated.json";
    // The report says how far the figure may be off, and that studies draw it.
    const auto report = cli({"report", "kws-typical", "--use-from", emulated, "--inference-rate", "2/s"});
    REQUIRE(report.exitCode == 0);
    CHECK(report.out.find("[measurement-spread]") != std::string::npos);
    CHECK(report.out.find("between 0.3032 and 0.6023 times its value") != std::string::npos);
    // Everything else fixed: only the energy per inference varies, uniform over 0.3032..0.6023
    // x its 50 uJ (idle-subtracted), with 2/s and 100 uW of idle power over 3 years at 0.394 kg/kWh.
    const auto r =
        cli({"uncertainty", "kws-typical", "--use-from", emulated, "--inference-rate", "2/s", "--hsl-distribution",
             "fixed", "--factor-distribution", "fixed", "--samples", "4000", "--format", "json"});
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.at("inputs").size() == 1);
    CHECK(j.at("inputs")[0].at("key") == "use_stage/inference/measured_energy");
    CHECK(j.at("inputs")[0].at("kind") == "uniform");
    CHECK(j.at("inputs")[0].at("low").get<double>() == doctest::Approx(0.3032 * 50));
    CHECK(j.at("inputs")[0].at("high").get<double>() == doctest::Approx(0.6023 * 50));
    const auto* use = findMetric(j, "kws-typical operational");
    REQUIRE(use != nullptr);
    const auto kg = [](double uj) { return (uj * 1e-6 * 2.0 + 100e-6) * 3 * 8760 * 0.394 / 1000.0; };
    CHECK(use->at("nominal_kg_co2e").get<double>() == doctest::Approx(kg(50)));
    CHECK(use->at("min_kg_co2e").get<double>() >= kg(0.3032 * 50) * (1 - 1e-9));
    CHECK(use->at("max_kg_co2e").get<double>() <= kg(0.6023 * 50) * (1 + 1e-9));
    CHECK(use->at("mean_kg_co2e").get<double>() == doctest::Approx(kg((0.3032 + 0.6023) / 2 * 50)).epsilon(0.01));
    // A measured file (no spread) keeps the figure fixed: nothing varies.
    const std::string measured = std::string(TINYFOOT_TEST_DATA) + "/measurement/results.json";
    const auto fixed =
        cli({"uncertainty", "kws-typical", "--use-from", measured, "--inference-rate", "2/s", "--hsl-distribution",
             "fixed", "--factor-distribution", "fixed", "--samples", "100", "--format", "json"});
    REQUIRE(fixed.exitCode == 0);
    CHECK(nlohmann::json::parse(fixed.out).at("inputs").empty());
    // An emulated estimate without a spread is held at its value, and the study says so.
    auto bare = nlohmann::json::parse(tinyfoot::test::slurp(emulated));
    bare.erase("spread");
    const std::string bareFile = (std::filesystem::temp_directory_path() / "tinyfoot-emulated-bare.json").string();
    std::ofstream(bareFile) << bare.dump();
    const auto held = cli({"uncertainty", "kws-typical", "--use-from", bareFile, "--inference-rate", "2/s", "--samples",
                           "100", "--format", "json"});
    REQUIRE(held.exitCode == 0);
    CHECK(held.err.find("gives no spread, so studies hold it at its value") != std::string::npos);
    std::filesystem::remove(bareFile);
    // --use-from goes with the study commands as with report; without a rate it is refused.
    CHECK(cli({"sensitivity", "kws-typical", "--use-from", emulated}).exitCode == 2);
}
