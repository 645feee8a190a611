// tinyfoot sensitivity: tornado (one at a time) and Sobol indices (variance-based).
#include "study_command.h"

#include "tinyfoot/engine/report/study_report.h"

namespace tinyfoot::cli {
namespace {

using namespace tinyfoot::study;

const std::set<std::string> kValueOptions{
    "--use-from",    "--inference-rate", "--idle-power", "--format",   "--factors",          "--out",
    "--samples",     "--seed",           "--threads",    "--method",   "--hsl-distribution", "--factor-distribution",
    "--differences", "--impact",         "--impact-set", "--weighting"};

int sensitivity(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, kValueOptions, {"--progress", "--quiet"});
    const std::string format = args.format({"table", "json", "csv"});
    if (args.positional().empty()) throw UsageError("sensitivity expects a study file, system files or preset ids");
    const StudyContext ctx = studycmd::prepare(studycmd::readInputs(args, env), env, args.value("--factors", ""));
    studycmd::reportDiagnostics(ctx);
    const UncertaintySpec distributions = studycmd::uncertaintySpec(ctx, args);
    SensitivitySpec spec = ctx.analysis.sensitivity.value_or(SensitivitySpec{});
    if (auto m = args.value("--method")) {
        if (*m == "tornado") spec.tornado = true, spec.sobol = false;
        else if (*m == "sobol") spec.tornado = false, spec.sobol = true;
        else if (*m == "both") spec.tornado = spec.sobol = true;
        else throw UsageError("--method expects tornado, sobol or both, not '" + *m + "'");
    }
    spec.samples = studycmd::count(args, "--samples", spec.samples, 16, 1e9);
    spec.seed = studycmd::count(args, "--seed", spec.seed, 0, 9007199254740992.0);
    const auto threads = static_cast<unsigned>(args.integer("--threads", 0, 0, 1024));
    const auto category = studycmd::categoryOption(args, env);
    studycmd::InterruptGuard interrupt;
    studycmd::ProgressLine progress("Sobol base samples", args);
    RunControl control;
    control.cancel = &studycmd::InterruptGuard::flag();
    control.progress = progress.callback();
    const SensitivityReport r =
        runSensitivity(ctx, distributions, spec, threads, control, category ? &*category : nullptr);
    for (const auto& d : r.diagnostics)
        if (d.severity != Severity::Note)
            std::cerr << "tinyfoot: " << severityId(d.severity) << ": " << d.message << "\n";
    std::string text;
    if (format == "json") text = report::sensitivityJson(ctx, r);
    else if (format == "csv") text = report::sensitivityCsv(r);
    else text = report::sensitivityText(ctx, r);
    const int rc = emit(args.value("--out"), text);
    if (rc != kOk) return rc;
    if (r.sobol && r.sobol->partial) {
        std::cerr << "tinyfoot: interrupted after " << r.sobol->samples << " of " << r.sobol->samplesRequested
                  << " base samples; the indices cover those (marked partial)\n";
        return kInterrupted;
    }
    return studycmd::runComplete(ctx, r.diagnostics) ? kOk : kIncomplete;
}

const Registration sensitivityCommand{Command{"sensitivity", "which inputs matter: tornado and Sobol indices",
                                              std::string(R"(Usage: tinyfoot sensitivity STUDY|FILE|PRESET... [OPTIONS]

Over the same inputs and distributions as 'tinyfoot uncertainty':
  tornado  each input at its low and at its high value (the ends of a bounded
           distribution, the central 95 % of a normal or lognormal one), the others at the
           system's values; inputs sorted by swing
  sobol    variance-based indices of each system's total and each difference: first order
           (Saltelli et al. 2010) and total (Jansen 1999), with standard errors, from
           N x (inputs + 2) model runs
Inputs that share a key (the same factor or HSL quantity in several systems) move together
and are indexed together.

Examples:
  tinyfoot sensitivity image-worst
  tinyfoot sensitivity presets/studies/paper-uncertainty.json --method sobol --samples 65536

Options:
  --method tornado|sobol|both
                           (default: the study's, else both)
  --samples N              Sobol base samples N (default: the study's, else 8192)
  --seed S                 seed (default: the study's, else 1)
  --threads T              threads (default: every core); results do not depend on it
  --hsl-distribution triangular|triangular_at_bound|fixed, --factor-distribution uniform|triangular|normal|lognormal|fixed,
  --differences A:B,...    as for 'tinyfoot uncertainty'
  --format table|json|csv  (default table)
  --factors SET            factor set id (default: the study's, else paper-2023-backsolved)
  --use-from RESULTS.json  every TinyML system's use stage from a harness results file, with
                           --inference-rate R and --idle-power P as in report; an emulated
                           estimate with a spread is drawn uniformly over it
  --out FILE               write to FILE (atomically) instead of standard output
)") + studycmd::kImpactHelp + studycmd::kProgressHelp +
                                                  R"(
Ctrl-C stops the Sobol run at the next block: the indices of the samples drawn so far are
written, marked partial, and the exit code is 6.
)",
                                              sensitivity}};

} // namespace
} // namespace tinyfoot::cli
