// tinyfoot report / compare: the footprint of systems, alone or side by side.
#include "../cli.h"

#include "tinyfoot/engine/report/impact_report.h"
#include "tinyfoot/engine/report/system_report.h"

#include <iostream>
#include <sstream>

namespace tinyfoot::cli {
namespace {

bool allComplete(const std::vector<Result>& results) {
    for (const auto& r : results)
        if (!r.complete) return false;
    return true;
}

const std::set<std::string> kValueOptions{"--format",   "--factors",        "--decimals",   "--out",
                                          "--use-from", "--inference-rate", "--idle-power", "--per"};

/// tinyfoot report --impact CATEGORY: the category of each system, its lines and sources (text), or
/// every category (JSON). CO2e stays the plain report.
int endOfLifeMassReport(const Args& args, Environment& env, const std::string& format) {
    if (args.value("--per") && *args.value("--per") != "device")
        throw UsageError("--impact ewaste reports per device; --per is for kg CO2e");
    if (format == "csv") throw UsageError("--impact ewaste writes a table or JSON (--format table|json)");
    const ItemMassTable* table = env.library().defaultItemMasses();
    const auto use = useOverride(args);
    const auto systems = computeSystems(args.positional(), env, args.value("--factors", ""), use ? &*use : nullptr);
    std::ostringstream ss;
    nlohmann::json arr = nlohmann::json::array();
    bool complete = true;
    for (std::size_t i = 0; i < systems.size(); ++i) {
        const auto& c = systems[i];
        const EndOfLifeMass m = assessEndOfLifeMass(c.system, c.result, *c.factors, table);
        complete = complete && m.complete();
        if (format == "json") {
            arr.push_back({{"system", c.system.id}, {"end_of_life_mass", report::endOfLifeMassToJson(m)}});
        } else {
            if (i) ss << "\n" << std::string(72, '-') << "\n\n";
            report::writeEndOfLifeMassTable(ss, m, table, c.system.name);
        }
    }
    if (format == "json") ss << (arr.size() == 1 ? arr.front() : arr).dump(2) << "\n";
    const int rc = emit(args.value("--out"), ss.str());
    if (rc != kOk) return rc;
    if (!complete) std::cerr << "tinyfoot: the end-of-life mass leaves out unweighed items (unweighed-item)\n";
    return complete ? kOk : kIncomplete;
}

/// tinyfoot report --impact single-score: normalised and weighted (--weighting, default ef-3.1).
int singleScoreReport(const Args& args, Environment& env, const std::string& format) {
    if (args.value("--per") && *args.value("--per") != "device")
        throw UsageError("--impact single-score reports per device; --per is for kg CO2e");
    if (format == "csv") throw UsageError("--impact single-score writes a table or JSON (--format table|json)");
    const WeightingSet& weighting = weightingOption(args, env.library());
    const ImpactSet& set = impactSetOption(args, env.library());
    const auto use = useOverride(args);
    const auto systems = computeSystems(args.positional(), env, args.value("--factors", ""), use ? &*use : nullptr);
    std::ostringstream ss;
    nlohmann::json arr = nlohmann::json::array();
    bool complete = true;
    for (std::size_t i = 0; i < systems.size(); ++i) {
        const auto& c = systems[i];
        const ImpactResult r = assessImpacts(c.system, c.result, set, c.hsl);
        const SingleScore score = singleScore(c.result, r, weighting);
        complete = complete && score.complete;
        if (format == "json") {
            arr.push_back(
                {{"system", c.system.id}, {"impact_set", set.id}, {"single_score", report::singleScoreToJson(score)}});
        } else {
            if (i) ss << "\n" << std::string(72, '-') << "\n\n";
            report::writeSingleScoreTable(ss, score, weighting, c.system.id, c.system.name);
        }
    }
    if (format == "json") ss << (arr.size() == 1 ? arr.front() : arr).dump(2) << "\n";
    const int rc = emit(args.value("--out"), ss.str());
    if (rc != kOk) return rc;
    if (!complete)
        std::cerr << "tinyfoot: the single score leaves out components without a figure (missing-category)\n";
    return complete ? kOk : kIncomplete;
}

int impactReport(const Args& args, Environment& env, const std::string& format, const std::string& id) {
    if (id == "ewaste") return endOfLifeMassReport(args, env, format);
    if (id == "single-score") return singleScoreReport(args, env, format);
    const auto category = impactCategoryOption(id);
    if (args.value("--per") && *args.value("--per") != "device")
        throw UsageError("--impact reports per device; --per is for kg CO2e");
    if (format == "csv") throw UsageError("--impact writes a table or JSON (--format table|json)");
    const ImpactSet& set = impactSetOption(args, env.library());
    const auto use = useOverride(args);
    const auto systems = computeSystems(args.positional(), env, args.value("--factors", ""), use ? &*use : nullptr);
    std::ostringstream ss;
    nlohmann::json arr = nlohmann::json::array();
    bool complete = true;
    for (std::size_t i = 0; i < systems.size(); ++i) {
        const auto& c = systems[i];
        const ImpactResult r = assessImpacts(c.system, c.result, set, c.hsl);
        complete = complete && r.complete[static_cast<std::size_t>(category)];
        if (format == "json") {
            nlohmann::json j = report::resultToJson(c.result);
            j["impacts"] = report::impactsToJson(r, set);
            j["end_of_life_mass"] = report::endOfLifeMassToJson(
                assessEndOfLifeMass(c.system, c.result, *c.factors, env.library().defaultItemMasses()));
            arr.push_back(j);
        } else {
            if (i) ss << "\n" << std::string(72, '-') << "\n\n";
            report::writeImpactTable(ss, r, set, category, c.system.name);
        }
    }
    if (format == "json") ss << (arr.size() == 1 ? arr.front() : arr).dump(2) << "\n";
    const int rc = emit(args.value("--out"), ss.str());
    if (rc != kOk) return rc;
    if (!complete)
        std::cerr << "tinyfoot: the " << id << " total leaves out components without a figure (missing-category)\n";
    return complete ? kOk : kIncomplete;
}

/// Divides every figure of a result by the number of functional units it covers.
Result perUnit(Result r, double units) {
    const auto scale = [units](units::Co2e& q) { q = q / units; };
    for (auto& c : r.components) {
        scale(c.co2e);
        for (auto& l : c.lines) scale(l.co2e);
    }
    for (auto& [b, q] : r.byBlock) scale(q);
    for (auto& [st, q] : r.byStage) scale(q);
    scale(r.total);
    scale(r.embodied);
    scale(r.operational);
    return r;
}

/// Applies --per device|device-year|inference; returns the heading line (empty per device).
std::string applyFunctionalUnit(const Args& args, std::vector<Result>& results) {
    const std::string per = args.value("--per", "device");
    if (per == "device") return {};
    if (per != "device-year" && per != "inference")
        throw UsageError("--per expects device, device-year or inference, not '" + per + "'");
    for (auto& r : results) {
        double units = 0.0;
        if (per == "device-year") units = r.lifetimeYears;
        else if (r.inferences) units = *r.inferences;
        if (!(units > 0.0))
            throw UsageError("system '" + r.systemId + "' has no " +
                             (per == "inference"
                                  ? std::string("inference rate in its use stage (use \"inference\" or --use-from)")
                                  : std::string("lifetime")) +
                             ": it cannot be expressed per " + per);
        r = perUnit(std::move(r), units);
    }
    return "Functional unit: per " + per + " (every figure below is kg CO2e per " + per + ")\n\n";
}

int report(const std::vector<std::string>& words, Environment& env) {
    std::set<std::string> options = kValueOptions;
    options.insert({"--impact", "--impact-set", "--weighting"});
    const Args args(words, options, {"--detail"});
    const std::string format = args.format({"table", "json", "csv"});
    const int decimals = static_cast<int>(args.integer("--decimals", 2, 0, 12));
    if (args.positional().empty()) throw UsageError("report expects a system file, a study file or a preset id");
    if (const auto impact = args.value("--impact"); impact && *impact != "co2e")
        return impactReport(args, env, format, *impact);
    const auto use = useOverride(args);
    auto results = computeResults(args.positional(), env, args.value("--factors", ""), use ? &*use : nullptr);
    const std::string heading = applyFunctionalUnit(args, results);
    const std::string per = args.value("--per", "device");
    std::ostringstream ss;
    if (format == "json") {
        const auto withUnit = [&](nlohmann::json j) {
            j["functional_unit"] = per;
            return j;
        };
        if (results.size() == 1) {
            ss << withUnit(report::resultToJson(results.front())).dump(2) << "\n";
        } else {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& r : results) arr.push_back(withUnit(report::resultToJson(r)));
            ss << arr.dump(2) << "\n";
        }
    } else if (format == "csv") {
        report::writeResultsCsv(ss, results);
    } else {
        ss << heading;
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (i) ss << "\n" << std::string(72, '-') << "\n\n";
            report::writeReportTable(ss, results[i], {decimals, args.flag("--detail")});
        }
    }
    const int rc = emit(args.value("--out"), ss.str());
    if (rc != kOk) return rc;
    for (const auto& r : results)
        if (!r.complete) std::cerr << "tinyfoot: result for '" << r.systemId << "' is incomplete (missing factors)\n";
    return allComplete(results) ? kOk : kIncomplete;
}

int compare(const std::vector<std::string>& words, Environment& env) {
    std::set<std::string> options = kValueOptions;
    options.insert("--factor-set");
    const Args args(words, options, {});
    const std::string format = args.format({"table", "json", "csv"});
    const int decimals = static_cast<int>(args.integer("--decimals", 2, 0, 12));
    if (args.positional().empty()) throw UsageError("compare expects systems, presets or a study file");
    const auto use = useOverride(args);
    auto results = computeResults(args.positional(), env, args.value("--factors", ""), use ? &*use : nullptr);
    std::ostringstream ss;
    if (auto other = args.value("--factor-set")) {
        env.factorSet(*other); // usage error when unknown
        auto second = computeResults(args.positional(), env, *other, use ? &*use : nullptr);
        const std::string heading = applyFunctionalUnit(args, results);
        applyFunctionalUnit(args, second);
        if (format == "json") ss << report::factorSetComparisonToJson(results, second).dump(2) << "\n";
        else if (format == "csv") {
            std::vector<Result> both = results;
            both.insert(both.end(), second.begin(), second.end());
            report::writeResultsCsv(ss, both);
        } else {
            ss << heading;
            report::writeFactorSetComparisonTable(ss, results, second, decimals);
        }
        const int rc = emit(args.value("--out"), ss.str());
        if (rc != kOk) return rc;
        return allComplete(results) && allComplete(second) ? kOk : kIncomplete;
    }
    if (results.size() < 2) throw UsageError("compare needs at least two systems (or --factor-set SET)");
    const std::string heading = applyFunctionalUnit(args, results);
    if (format == "json") ss << report::comparisonToJson(results).dump(2) << "\n";
    else if (format == "csv") report::writeResultsCsv(ss, results);
    else {
        ss << heading;
        report::writeComparisonTable(ss, results, {decimals, false});
    }
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
  --per UNIT               functional unit: device (default), device-year or inference
  --use-from RESULTS.json  take each TinyML system's use stage from a harness results file:
                           measured energy per inference x rate + idle power
  --inference-rate R       inferences per unit of time for --use-from, e.g. 1/s, 10/min, 2/h
                           (default: the system's own rate, when its use stage has one)
  --idle-power P           power between inferences, e.g. 150uW (default: the measurement's)
  --impact CATEGORY        an impact category instead of kg CO2e (default co2e): adpe (kg Sb
                           eq.), adpf and pe (MJ), wu (m3 world eq.), fw, ap, pm, ir, lu, odp,
                           pocp, ctue, ctuh_c, ctuh_nc, epf, epm, ept; the table shows each
                           component's figures by stage with their basis, JSON adds every
                           category ("impacts"); a component without a figure is reported as
                           such, never as 0 (docs/method.md section 7); ewaste: the mass
                           at end of life by material, with the items no table weighs;
                           single-score: every category normalised and weighted into points
                           (an option, never the default; --weighting)
  --weighting SET          weighting set id in data/weighting (default: ef-3.1)
  --impact-set SET         impact set id in data/impacts (default: tide-boavizta)
  --out FILE               write to FILE (atomically) instead of standard output
)",
                                         report}};

const Registration compareCommand{Command{"compare", "systems side by side with the ratios of their totals",
                                          R"(Usage: tinyfoot compare FILE|PRESET... [OPTIONS]

Puts systems side by side: kg CO2e per block, totals, embodied and operational, and the
ratio of every total to every other (row / column). A study file adds all its systems.


  --factor-set SET2  the same systems under a second factor set: per block, both values,
                     the difference and the ratio (e.g. --factor-set open-data)

Options: --format table|json|csv, --factors SET, --decimals N, --per UNIT, --use-from FILE,
--inference-rate R, --idle-power P, --out FILE (as for report)
)",
                                          compare}};

} // namespace
} // namespace tinyfoot::cli
