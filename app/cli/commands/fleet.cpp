// tinyfoot fleet: fleets of devices over time, growth curves, and what the fleet is set against
// (sector what-ifs, carbon payback).
#include "study_command.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/study_report.h"

namespace tinyfoot::cli {
namespace {

using namespace tinyfoot::study;

const std::set<std::string> kValueOptions{
    "--use-from", "--inference-rate", "--idle-power", "--format",      "--table",         "--factors",
    "--out",      "--devices",        "--growth",     "--start-year",  "--horizon-years", "--initial-stock",
    "--training", "--training-runs",  "--what-if",    "--payback-kwh", "--grid",          "--payback-kg",
    "--curves",   "--reach",          "--impact",     "--impact-set",  "--weighting"};

std::string listData(const StudyData& data) {
    std::ostringstream out;
    out << "Sector totals (data/sectors), for --what-if SECTOR:PERCENT:\n";
    for (const auto& set : data.sectorSets)
        for (const auto& s : set.sectors) {
            out << "  " << s.id << ": " << s.name << ", " << format::co2eForPeople(units::inKgCo2e(s.perYear))
                << " a year (" << s.year << ", " << derivationId(s.derivation) << ")\n";
            for (const auto& src : s.sources) out << "      " << src.citation << " " << src.url << "\n";
        }
    out << "\nGrowth curves (data/growth), for --growth ID and --curves ID,ID:\n";
    for (const auto& set : data.growthSets)
        for (const auto& c : set.curves) out << "  " << c.id << ": " << c.name << "\n";
    return out.str();
}

FleetSpec& fleetSpec(Analysis& a) {
    if (!a.fleet) {
        a.fleet = FleetSpec{};
        a.fleet->path = "(command line)";
    }
    return *a.fleet;
}

void applyOptions(const Args& args, Analysis& a) {
    if (auto d = args.value("--devices")) {
        FleetSpec& f = fleetSpec(a);
        const double n = studycmd::parseNumber("--devices", *d);
        if (!(n > 0.0 && n <= 1e15)) throw UsageError("--devices expects a number of devices from 1 to 1e15");
        f.devices = n;
        f.growth.reset();
    }
    if (auto g = args.value("--growth")) {
        FleetSpec& f = fleetSpec(a);
        f.growth = GrowthSpec{*g, {}, "--growth"};
        f.devices.reset();
    }
    if (args.value("--start-year"))
        fleetSpec(a).startYear = static_cast<int>(args.integer("--start-year", 2023, 1900, 3000));
    if (args.value("--horizon-years"))
        fleetSpec(a).horizonYears = static_cast<int>(args.integer("--horizon-years", 3, 1, 1000));
    if (auto s = args.value("--initial-stock")) {
        if (*s == "new") fleetSpec(a).initialStock = InitialStock::New;
        else if (*s == "in_service") fleetSpec(a).initialStock = InitialStock::InService;
        else throw UsageError("--initial-stock expects new or in_service, not '" + *s + "'");
    }
    if (auto t = args.value("--training")) {
        if (*t == "per_device") fleetSpec(a).training = TrainingMode::PerDevice;
        else if (*t == "amortised") fleetSpec(a).training = TrainingMode::Amortised;
        else throw UsageError("--training expects per_device or amortised, not '" + *t + "'");
    }
    if (args.value("--training-runs")) {
        FleetSpec& f = fleetSpec(a);
        if (f.training != TrainingMode::Amortised) throw UsageError("--training-runs needs --training amortised");
        f.trainingRuns = static_cast<int>(args.integer("--training-runs", 1, 1, 1000000));
    }
    if (auto w = args.value("--what-if")) {
        if (!a.net) a.net = NetSpec{};
        a.net->path = "--what-if";
        a.net->whatIfs.clear();
        for (const auto& item : studycmd::splitList(*w)) {
            const auto colon = item.find(':');
            if (colon == std::string::npos) throw UsageError("--what-if expects SECTOR:PERCENT, not '" + item + "'");
            const double share = studycmd::parseNumber("--what-if", item.substr(colon + 1));
            if (!(share >= 0.0 && share <= 100.0)) throw UsageError("--what-if expects a percentage from 0 to 100");
            a.net->whatIfs.push_back({item.substr(0, colon), share, "--what-if"});
        }
    }
    const auto kwh = args.value("--payback-kwh");
    const auto kg = args.value("--payback-kg");
    if (kwh && kg) throw UsageError("give --payback-kwh (with --grid) or --payback-kg, not both");
    if (kwh || kg) {
        if (!a.net) a.net = NetSpec{};
        PaybackSpec p;
        p.path = kwh ? "--payback-kwh" : "--payback-kg";
        if (kwh) {
            const double v = studycmd::parseNumber("--payback-kwh", *kwh);
            if (!(v >= 0.0)) throw UsageError("--payback-kwh expects kWh saved per year (>= 0)");
            p.savedEnergyPerYear = Amount::make(v, *findUnit("kWh"));
            p.grid = args.value("--grid", "grid.us_egrid2022_consumed");
            p.path = "--grid";
        } else {
            const double v = studycmd::parseNumber("--payback-kg", *kg);
            if (!(v >= 0.0)) throw UsageError("--payback-kg expects kg CO2e saved per year (>= 0)");
            p.savedCo2ePerYear = Amount::make(v, *findUnit("kg_co2e"));
        }
        a.net->payback = p;
    }
    if (auto c = args.value("--curves")) {
        GrowthTableSpec g = a.growth.value_or(GrowthTableSpec{});
        g.path = "--curves";
        g.curves.clear();
        for (const auto& id : studycmd::splitList(*c)) g.curves.push_back(GrowthSpec{id, {}, "--curves"});
        if (g.milestonesDevices.empty()) g.milestonesDevices = {15e9, 50e9, 100e9, 250e9, 1e12};
        a.growth = g;
    }
    if (auto r = args.value("--reach")) {
        if (!a.growth) throw UsageError("--reach needs growth curves (--curves ID,ID or a study with a growth table)");
        a.growth->milestonesDevices = studycmd::parseNumbers("--reach", *r);
    }
}

int fleet(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, kValueOptions, {"--list-data"});
    const std::string format = args.format({"table", "json", "csv"});
    if (args.flag("--list-data")) return emit(args.value("--out"), listData(studycmd::loadStudyData(env)));
    studycmd::Inputs in;
    if (!args.positional().empty()) in = studycmd::readInputs(args, env);
    else in.sourceName = "command line";
    applyOptions(args, in.analysis);
    if (!in.analysis.fleet && !in.analysis.growth && !in.analysis.net)
        throw UsageError("nothing to compute: give a study with a fleet, growth or net analysis, or --devices N, "
                         "--growth ID or --curves ID,ID (see 'tinyfoot help fleet')");
    if (in.systems.empty() && (in.analysis.fleet || in.analysis.net))
        throw UsageError("a fleet needs systems: give preset ids, system files or a study file");
    const std::string table = args.value("--table", in.analysis.fleet || !in.analysis.growth ? "years" : "growth");
    if (table != "years" && table != "growth" && table != "what_ifs")
        throw UsageError("--table expects years, growth or what_ifs, not '" + table + "'");
    const StudyContext ctx = studycmd::prepare(std::move(in), env, args.value("--factors", ""));
    studycmd::reportDiagnostics(ctx);
    const FleetReport report = runFleet(ctx);
    if (const auto category = studycmd::categoryOption(args, env)) {
        if (report.fleets.empty())
            throw UsageError("--impact reports fleets: give --devices N, --growth ID or a study with a fleet");
        std::vector<Diagnostic> diagnostics;
        const auto fleets = fleetsInCategory(ctx, report, *category, diagnostics);
        for (const auto& d : diagnostics)
            if (d.severity != Severity::Note)
                std::cerr << "tinyfoot: " << severityId(d.severity) << ": " << d.message << "\n";
        const int rc =
            emit(args.value("--out"), report::fleetCategoryReport(ctx, fleets, *category, diagnostics, format));
        if (rc != kOk) return rc;
        return studycmd::runComplete(ctx, diagnostics) ? kOk : kIncomplete;
    }
    std::string text;
    if (format == "json") text = report::fleetJson(ctx, report);
    else if (format == "csv") text = report::fleetCsv(ctx, report, table);
    else text = report::fleetText(ctx, report);
    const int rc = emit(args.value("--out"), text);
    if (rc != kOk) return rc;
    return studycmd::allComplete(ctx) ? kOk : kIncomplete;
}

const Registration fleetCommand{Command{"fleet", "fleets over time, growth curves, sector what-ifs and payback",
                                        R"(Usage: tinyfoot fleet [STUDY|FILE|PRESET...] [OPTIONS]

A fleet of devices year by year: devices in service, bought (growth and replacement at end
of life) and retired; embodied, operational and ML-training emissions per year and in all.
Beside it, what-ifs (the fleet's savings as a share of a sector's emissions, the net, the
break-even share, with the sector totals' sources), the carbon payback of one device, and
the year growth curves reach numbers of devices. A study file's "analysis" sets all of this
(docs/studies.md); the options below add to it or replace parts of it.

Examples:
  tinyfoot fleet presets/studies/paper-fleet-250bn.json
  tinyfoot fleet image-worst --devices 250e9 --horizon-years 3 \
      --what-if residential:20,all-other-sectors:0.6,all-other-sectors:20
  tinyfoot fleet --curves iot-paper-linear,iot-paper-exponential
  tinyfoot fleet kws-best --payback-kwh 5 --grid grid.us_egrid2022_consumed

Fleet:
  --devices N              a constant fleet of N devices (up to 1e15)
  --growth ID              a growing fleet following a curve of data/growth
  --start-year Y           first year (default: the curve's base year, else 2023)
  --horizon-years H        years simulated (default 3)
  --initial-stock new|in_service
                           new (default): the first year's devices are bought then;
                           in_service: they are already in use, of spread-out ages
  --training per_device|amortised
                           per_device (default, as the paper): every device carries its
                           system's ML-training line; amortised: that line is one training
                           run for the whole fleet
  --training-runs N        training runs over the horizon (with --training amortised)
Net impact:
  --what-if SECTOR:PCT,... savings of PCT % of a sector's yearly emissions over the horizon
  --payback-kwh X          carbon payback of a device that saves X kWh a year ...
  --grid FACTOR            ... on this grid (default grid.us_egrid2022_consumed)
  --payback-kg X           ... or that saves X kg CO2e a year
Growth:
  --curves ID,ID           growth curves for the table (see --list-data)
  --reach N,N              numbers of devices for the table (default 15e9 ... 1e12)
  --list-data              list the sector totals and growth curves with their sources
Output:
  --impact CATEGORY        each fleet's total in an impact category instead of kg CO2e
                           (adpe, pe, wu, ...: docs/method.md section 7), with the devices
                           bought and device-years; what-ifs and payback stay in kg CO2e
  --impact-set SET         impact set id in data/impacts (default: tide-boavizta)
  --format table|json|csv  (default table)
  --table years|growth|what_ifs
                           which table --format csv writes (default years, or growth when
                           there is no fleet)
  --factors SET            factor set id (default: the study's, else paper-2023-backsolved)
  --use-from RESULTS.json  every TinyML system's use stage from a harness results file, with
                           --inference-rate R and --idle-power P as in report; an emulated
                           estimate with a spread is drawn uniformly over it
  --out FILE               write to FILE (atomically) instead of standard output
)",
                                        fleet}};

} // namespace
} // namespace tinyfoot::cli
