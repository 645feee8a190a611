// tinyfoot measure import: a session recorded by another runner, turned into TinyFoot's results
// files (results.json for the use stage, results.txt in the MLPerf wording).
#include "../cli.h"

#include "tinyfoot/harness/results.h"

#include <chrono>
#include <ctime>
#include <iostream>

namespace tinyfoot::cli {
namespace {

namespace fs = std::filesystem;

std::string nowUtc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

int measureImport(const Args& args) {
    const auto energyRunner = args.value("--energyrunner");
    const auto mlcommons = args.value("--mlcommons");
    if (energyRunner.has_value() == mlcommons.has_value())
        throw UsageError("measure import expects exactly one of --energyrunner FOLDER, --mlcommons RESULTS.json");
    const auto out = args.value("--out");
    if (!out) throw UsageError("measure import expects --out FOLDER for results.json and results.txt");
    harness::Provenance p;
    p.kind = "imported";
    p.tool = "tinyfoot " + std::string(TINYFOOT_VERSION);
    p.started = nowUtc();
    p.device = args.value("--device", "unknown device");
    p.model = args.value("--model", "");
    harness::SessionResult r;
    try {
        if (energyRunner) {
            const auto n = args.integer("--iterations", 0, 1, 1000000000);
            if (n <= 0) throw UsageError("--energyrunner needs --iterations N (the inferences of each window)");
            p.monitorKind = "energyrunner";
            p.source = *energyRunner;
            r = harness::importEnergyRunner(*energyRunner, static_cast<std::uint64_t>(n));
        } else {
            p.monitorKind = "mlcommons";
            p.source = *mlcommons;
            r = harness::importMlcommons(*mlcommons, p);
        }
        std::error_code ec;
        fs::create_directories(*out, ec);
        if (ec) throw harness::ImportError(*out, "cannot be created: " + ec.message());
        harness::writeAtomically(fs::path(*out) / "results.json", harness::resultsJson(r, p, true).dump(2) + "\n");
        harness::writeAtomically(fs::path(*out) / "results.txt", harness::resultsText(r));
    } catch (const harness::ImportError& e) {
        std::cerr << "tinyfoot: " << e.what() << "\n";
        return kBadInput;
    }
    std::cout << harness::resultsText(r);
    return r.hasErrors() || r.windows.empty() ? kIncomplete : kOk;
}

int measure(const std::vector<std::string>& words, Environment&) {
    if (words.empty() || words.front() != "import")
        throw UsageError("measure: only 'tinyfoot measure import' exists so far (see 'tinyfoot help measure')");
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    const Args args(rest, {"--energyrunner", "--mlcommons", "--iterations", "--out", "--device", "--model"}, {});
    if (!args.positional().empty()) throw UsageError("measure import takes options only");
    return measureImport(args);
}

const Registration measureCommand{Command{"measure", "energy per inference from a recorded session",
                                          R"(Usage: tinyfoot measure import (--energyrunner FOLDER --iterations N |
                                          --mlcommons RESULTS.json) --out FOLDER
                              [--device NAME] [--model NAME]

Replays a session recorded by the EEMBC EnergyRunner (trace1-energy.bin and
trace1-timestamps.json in FOLDER; N inferences per window) or by the MLCommons runner
(results.json), integrates the energy between the last two edges of each window, and writes
FOLDER/results.json (for 'tinyfoot report --use-from') and FOLDER/results.txt ("Median energy
cost is X uJ/inf."). Exit 5 when the session has errors (its results are still written,
marked incomplete).
)",
                                          measure}};

} // namespace
} // namespace tinyfoot::cli
