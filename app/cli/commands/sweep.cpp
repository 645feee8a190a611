// tinyfoot sweep: one- and two-parameter sweeps over any numeric input, as tidy CSV or JSON.
#include "study_command.h"

#include "tinyfoot/engine/report/study_report.h"

namespace tinyfoot::cli {
namespace {

using namespace tinyfoot::study;

const std::set<std::string> kValueOptions{
    "--use-from", "--inference-rate", "--idle-power", "--format", "--factors", "--out",     "--id",
    "--x",        "--x-unit",         "--x-values",   "--x-from", "--x-to",    "--x-steps", "--y",
    "--y-unit",   "--y-values",       "--y-from",     "--y-to",   "--y-steps", "--devices", "--horizon-years",
    "--impact",   "--impact-set",     "--weighting"};

/// An axis from --x... or --y... options.
std::optional<SweepAxis> axisFromOptions(const Args& args, const std::string& a, bool log) {
    const auto param = args.value("--" + a);
    const auto values = args.value("--" + a + "-values");
    const auto from = args.value("--" + a + "-from");
    if (!param) {
        if (values || from || args.value("--" + a + "-unit"))
            throw UsageError("--" + a + "-... options need --" + a + " PARAMETER");
        return std::nullopt;
    }
    SweepAxis axis;
    axis.parameter = *param;
    axis.unit = args.value("--" + a + "-unit", "");
    axis.path = "--" + a;
    if (values.has_value() == from.has_value())
        throw UsageError("give --" + a + "-values LIST or --" + a + "-from X --" + a + "-to Y --" + a + "-steps N");
    if (values) {
        axis.values = studycmd::parseNumbers("--" + a + "-values", *values);
    } else {
        const double lo = studycmd::parseNumber("--" + a + "-from", *from);
        const auto toText = args.value("--" + a + "-to");
        if (!toText) throw UsageError("--" + a + "-from needs --" + a + "-to");
        const double hi = studycmd::parseNumber("--" + a + "-to", *toText);
        const auto steps = args.integer("--" + a + "-steps", 11, 2, 100000);
        if (log && !(lo > 0.0 && hi > 0.0)) throw UsageError("--log needs values > 0");
        for (long long i = 0; i < steps; ++i) {
            const double f = static_cast<double>(i) / static_cast<double>(steps - 1);
            axis.values.push_back(log ? lo * std::pow(hi / lo, f) : lo + (hi - lo) * f);
        }
        axis.values.back() = hi;
    }
    return axis;
}

int sweep(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, kValueOptions, {"--log", "--list-inputs", "--progress", "--quiet"});
    const std::string format = args.format({"csv", "json", "table"});
    if (args.positional().empty()) throw UsageError("sweep expects a study file, system files or preset ids");
    studycmd::Inputs in = studycmd::readInputs(args, env);
    if (args.value("--devices") || args.value("--horizon-years")) {
        if (!in.analysis.fleet) {
            in.analysis.fleet = FleetSpec{};
            in.analysis.fleet->devices = 1.0;
            in.analysis.fleet->path = "(command line)";
        }
        if (auto d = args.value("--devices")) {
            in.analysis.fleet->devices = studycmd::parseNumber("--devices", *d);
            in.analysis.fleet->growth.reset();
        }
        if (args.value("--horizon-years"))
            in.analysis.fleet->horizonYears = static_cast<int>(args.integer("--horizon-years", 3, 1, 1000));
    }
    std::vector<SweepSpec> sweeps;
    if (auto x = axisFromOptions(args, "x", args.flag("--log"))) {
        SweepSpec s;
        s.id = args.value("--id", "sweep");
        s.x = *x;
        s.y = axisFromOptions(args, "y", args.flag("--log"));
        s.path = "(command line)";
        sweeps.push_back(std::move(s));
    } else {
        if (args.value("--y")) throw UsageError("--y needs --x");
        sweeps = in.analysis.sweeps;
        if (auto id = args.value("--id")) {
            sweeps.erase(std::remove_if(sweeps.begin(), sweeps.end(), [&](const SweepSpec& s) { return s.id != *id; }),
                         sweeps.end());
            if (sweeps.empty()) throw UsageError("no sweep '" + *id + "' in the study");
        }
    }
    const StudyContext ctx = studycmd::prepare(std::move(in), env, args.value("--factors", ""));
    studycmd::reportDiagnostics(ctx);
    if (args.flag("--list-inputs")) return emit(args.value("--out"), report::inputsText(ctx, {}));
    if (sweeps.empty())
        throw UsageError("no sweep: give --x PARAMETER with its values, or a study with \"sweeps\" (see 'tinyfoot help "
                         "sweep')");
    const auto category = studycmd::categoryOption(args, env);
    std::vector<Diagnostic> diagnostics;
    studycmd::InterruptGuard interrupt;
    std::string text;
    bool partial = false;
    std::string csvHeaderless;
    for (std::size_t i = 0; i < sweeps.size() && !partial; ++i) {
        studycmd::ProgressLine progress("sweep " + sweeps[i].id, args);
        RunControl control;
        control.cancel = &studycmd::InterruptGuard::flag();
        control.progress = progress.callback();
        const SweepReport r = runSweep(ctx, sweeps[i], control, category ? &*category : nullptr);
        partial = r.partial;
        diagnostics.insert(diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
        if (format == "json") {
            text += (i ? ",\n" : "") + report::sweepJson(r);
        } else if (format == "csv") {
            std::string csv = report::sweepCsv(r);
            if (i) csv = csv.substr(csv.find('\n') + 1); // one header for all sweeps
            text += csv;
        } else {
            text += (i ? "\n" : "") + report::sweepText(r);
        }
    }
    if (format == "json" && sweeps.size() > 1) text = "[\n" + text + "]\n";
    const int rc = emit(args.value("--out"), text);
    if (rc != kOk) return rc;
    if (partial) {
        std::cerr << "tinyfoot: interrupted; the output holds the points computed so far (marked partial)\n";
        return kInterrupted;
    }
    return studycmd::runComplete(ctx, diagnostics) ? kOk : kIncomplete;
}

const Registration sweepCommand{Command{"sweep", "one- and two-parameter sweeps over any input, as tidy CSV",
                                        std::string(R"(Usage: tinyfoot sweep STUDY|FILE|PRESET... [OPTIONS]

Recomputes every system (and its fleet and what-ifs, when the study has them) over a grid
of values of one or two parameters, and writes one row per point, system and metric
(tidy CSV: sweep, point, x_parameter, x_value, x_unit, y_..., system, metric, value,
partial). Metric names carry their unit: total_kg_co2e, embodied_kg_co2e,
operational_kg_co2e, fleet_total_kg_co2e, net_kg_co2e[SECTOR PCT %],
break_even_share_percent[SECTOR].

A parameter is any input key of the systems (list them with --list-inputs), e.g.
  lifetime, use_stage/power, factor:grid.us_egrid2022_consumed, factor:ic.mcu_die,
  hsl:processing/0/MCU die, hsl:casing/1/ABS
(an input shared by several systems is set in all of them), or a fleet parameter:
  fleet.devices, fleet.horizon_years, growth.rate_devices_per_year,
  growth.rate_percent_per_year, net.share_percent
Without --x, the study's "sweeps" run (all of them, or the one named by --id).

Examples:
  tinyfoot sweep image-worst --x use_stage/power --x-unit mW --x-from 0.01 --x-to 100 --x-steps 9 --log
  tinyfoot sweep kws-best image-worst --x lifetime --x-unit year --x-values 1,3,5,10 \
      --y factor:grid.us_egrid2022_consumed --y-unit kg_co2e/kWh --y-values 0.03,0.394,0.71
  tinyfoot sweep image-worst --devices 1e9 --x fleet.devices --x-values 1e9,1e10,1e11,1e12
  tinyfoot sweep presets/studies/paper-uncertainty.json --id use-power

Options:
  --x PARAMETER            the first parameter; --x-unit UNIT (default: the input's own),
                           --x-values A,B,C or --x-from X --x-to Y --x-steps N [--log]
  --y PARAMETER            a second parameter (--y-unit, --y-values / --y-from ...)
  --id NAME                the sweep's name (or which of the study's sweeps to run)
  --devices N              a constant fleet of N devices (adds the fleet metrics)
  --horizon-years H        the fleet's horizon (default 3)
  --list-inputs            list the input keys with their units and values, and stop
  --format csv|json|table  (default csv)
  --factors SET            factor set id (default: the study's, else paper-2023-backsolved)
  --use-from RESULTS.json  every TinyML system's use stage from a harness results file, with
                           --inference-rate R and --idle-power P as in report; an emulated
                           estimate with a spread is drawn uniformly over it
  --out FILE               write to FILE (atomically) instead of standard output
)") + studycmd::kImpactHelp + studycmd::kProgressHelp +
                                            R"(
Ctrl-C stops a long sweep: the points computed so far are written, marked partial, and
the exit code is 6.
)",
                                        sweep}};

} // namespace
} // namespace tinyfoot::cli
