// tinyfoot report / compare: the footprint of systems, alone or side by side.
#include "../cli.h"

#include "number_format.h"
#include "report_writer.h"

#include <iostream>
#include <sstream>

namespace tinyfoot::cli {
namespace {

bool allComplete(const std::vector<Result>& results) {
    for (const auto& r : results)
        if (!r.complete) return false;
    return true;
}

const std::set<std::string> kValueOptions{"--format", "--factors", "--decimals", "--out"};

int report(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, kValueOptions, {"--detail"});
    const std::string format = args.format({"table", "json", "csv"});
    const int decimals = static_cast<int>(args.integer("--decimals", 2, 0, 12));
    if (args.positional().empty()) throw UsageError("report expects a system file, a study file or a preset id");
    const auto results = computeResults(args.positional(), env, args.value("--factors", ""));
    std::ostringstream ss;
    if (format == "json") {
        if (results.size() == 1) {
            ss << app::resultToJson(results.front()).dump(2) << "\n";
        } else {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& r : results) arr.push_back(app::resultToJson(r));
            ss << arr.dump(2) << "\n";
        }
    } else if (format == "csv") {
        app::writeResultsCsv(ss, results);
    } else {
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (i) ss << "\n" << std::string(72, '-') << "\n\n";
            app::writeReportTable(ss, results[i], {decimals, args.flag("--detail")});
        }
    }
    const int rc = emit(args.value("--out"), ss.str());
    if (rc != kOk) return rc;
    for (const auto& r : results)
        if (!r.complete) std::cerr << "tinyfoot: result for '" << r.systemId << "' is incomplete (missing factors)\n";
    return allComplete(results) ? kOk : kIncomplete;
}

int compare(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, kValueOptions, {});
    const std::string format = args.format({"table", "json", "csv"});
    const int decimals = static_cast<int>(args.integer("--decimals", 2, 0, 12));
    if (args.positional().empty()) throw UsageError("compare expects systems, presets or a study file");
    const auto results = computeResults(args.positional(), env, args.value("--factors", ""));
    if (results.size() < 2) throw UsageError("compare needs at least two systems");
    std::ostringstream ss;
    if (format == "json") ss << app::comparisonToJson(results).dump(2) << "\n";
    else if (format == "csv") app::writeResultsCsv(ss, results);
    else app::writeComparisonTable(ss, results, {decimals, false});
    const int rc = emit(args.value("--out"), ss.str());
    if (rc != kOk) return rc;
    return allComplete(results) ? kOk : kIncomplete;
}

const Registration reportCommand{Command{"report", "footprint of a system, component by component",
                                         R"(Usage: tinyfoot report FILE|PRESET... [OPTIONS]

Computes the footprint of a system file, a preset (by id) or each system of a study file.

Options:
  --format table|json|csv  output format (default table); JSON carries every component's
                           bottom-up lines, the factors used with provenance, and
                           "total_kg_co2e"
  --factors SET            factor set id (default: the study's, else paper-2023-backsolved)
  --decimals N             decimals in tables (default 2)
  --detail                 show the bottom-up lines (amount x factor) in the table
  --out FILE               write to FILE (atomically) instead of standard output
)",
                                         report}};

const Registration compareCommand{Command{"compare", "systems side by side with the ratios of their totals",
                                          R"(Usage: tinyfoot compare FILE|PRESET... [OPTIONS]

Puts systems side by side: kg CO2e per block, totals, embodied and operational, and the
ratio of every total to every other (row / column). A study file adds all its systems.

Options: --format table|json|csv, --factors SET, --decimals N, --out FILE (as for report)
)",
                                          compare}};

} // namespace
} // namespace tinyfoot::cli
