// tinyfoot uncertainty: Monte Carlo of systems, their differences and fleets.
#include "study_command.h"

#include "tinyfoot/engine/report/study_report.h"

#include <thread>

namespace tinyfoot::cli {
namespace {

using namespace tinyfoot::study;

const std::set<std::string> kValueOptions{"--use-from",
                                          "--inference-rate",
                                          "--idle-power",
                                          "--format",
                                          "--table",
                                          "--factors",
                                          "--out",
                                          "--samples",
                                          "--seed",
                                          "--threads",
                                          "--bins",
                                          "--hsl-distribution",
                                          "--factor-distribution",
                                          "--differences",
                                          "--percentiles",
                                          "--impact",
                                          "--impact-set",
                                          "--weighting"};

int uncertainty(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, kValueOptions, {"--list-inputs", "--detail", "--progress", "--quiet"});
    const std::string format = args.format({"table", "json", "csv"});
    const std::string table = args.value("--table", "summary");
    if (table != "summary" && table != "histogram" && table != "differences")
        throw UsageError("--table expects summary, histogram or differences, not '" + table + "'");
    if (args.positional().empty()) throw UsageError("uncertainty expects a study file, system files or preset ids");
    const StudyContext ctx = studycmd::prepare(studycmd::readInputs(args, env), env, args.value("--factors", ""));
    studycmd::reportDiagnostics(ctx);
    UncertaintySpec spec = studycmd::uncertaintySpec(ctx, args);
    studycmd::applyRunOptions(spec, args);
    const auto threads = static_cast<unsigned>(args.integer("--threads", 0, 0, 1024));
    const auto bins = static_cast<std::size_t>(args.integer("--bins", 40, 1, 100000));
    if (args.flag("--list-inputs")) {
        std::vector<Diagnostic> ignored;
        return emit(args.value("--out"), report::inputsText(ctx, chooseDistributions(ctx, spec, ignored)));
    }
    const auto category = studycmd::categoryOption(args, env);
    studycmd::InterruptGuard interrupt;
    studycmd::ProgressLine progress("Monte Carlo samples", args);
    RunControl control;
    control.cancel = &studycmd::InterruptGuard::flag();
    control.progress = progress.callback();
    const UncertaintyReport r = runUncertainty(ctx, spec, threads, control, category ? &*category : nullptr);
    for (const auto& d : r.diagnostics)
        if (d.severity != Severity::Note)
            std::cerr << "tinyfoot: " << severityId(d.severity) << ": " << d.message << "\n";
    std::string text;
    if (format == "json") text = report::uncertaintyJson(ctx, r, bins);
    else if (format == "csv" && table == "differences")
        text = report::differencesCsv(r, compareDifferences(r, ctx.model));
    else if (format == "csv") text = report::uncertaintyCsv(r, table, bins);
    else text = report::uncertaintyText(ctx, r, args.flag("--detail"));
    const int rc = emit(args.value("--out"), text);
    if (rc != kOk) return rc;
    if (r.result.partial) {
        std::cerr << "tinyfoot: interrupted after " << r.result.samples << " of " << r.result.samplesRequested
                  << " samples; the statistics cover those (marked partial)\n";
        return kInterrupted;
    }
    return studycmd::runComplete(ctx, r.diagnostics) ? kOk : kIncomplete;
}

const Registration uncertaintyCommand{
    Command{"uncertainty", "Monte Carlo: mean, percentiles and histogram of every total and difference",
            std::string(R"(Usage: tinyfoot uncertainty STUDY|FILE|PRESET... [OPTIONS]

Samples every uncertain input and reports, for each system's total (and its embodied and
operational parts), each difference between systems and each fleet total: the mean, the
standard deviation and the standard error of the mean, percentiles, minimum, maximum and
a histogram (kg CO2e). By default every HSL quantity is triangular from its lower, typical
and upper values, and every factor with a feasible
range is uniform over it; a study's "analysis" can give any input its own distribution
(docs/studies.md). Compared systems share their random numbers (common random numbers),
so the error bars of a difference are honest: each difference A - B and ratio A / B is
reported paired (this run) beside the interval independent runs would give.

The same --seed gives the same numbers on every run and any number of threads. Memory
does not grow with --samples.

Examples:
  tinyfoot uncertainty image-worst --samples 1000000 --seed 1
  tinyfoot uncertainty presets/studies/paper-uncertainty.json --format json --out mc.json
  tinyfoot uncertainty kws-best image-worst --differences image-worst:kws-best --format csv

Options:
  --samples N              number of samples (default: the study's, else 100000)
  --seed S                 seed (default: the study's, else 1)
  --threads T              threads (default: every core); results do not depend on it
  --hsl-distribution triangular|triangular_at_bound|fixed
  --factor-distribution uniform|triangular|normal|lognormal|fixed
                           the default distribution of HSL quantities (triangular: the
                           HSL's lower, typical and upper values; triangular_at_bound: mode
                           at the value the system takes) and of factors with a feasible range
                           (normal and lognormal take that range as their central 95 %)
  --differences A:B,...    report these differences A - B (default: each system minus the
                           first)
  --percentiles P,P,...    (default 5,50,95)
  --bins N                 histogram bins in the output (default 40)
  --list-inputs            list every input with its distribution, and stop
  --detail                 list the sampled inputs and their distributions in the table
  --format table|json|csv  (default table)
  --table summary|histogram|differences
                           which table --format csv writes (default summary; differences:
                           each A - B and A / B, paired and independent, as in the table)
  --factors SET            factor set id (default: the study's, else paper-2023-backsolved)
  --use-from RESULTS.json  every TinyML system's use stage from a harness results file, with
                           --inference-rate R and --idle-power P as in report; an emulated
                           estimate with a spread is drawn uniformly over it
  --out FILE               write to FILE (atomically) instead of standard output
)") + studycmd::kImpactHelp +
                studycmd::kProgressHelp +
                R"(
Ctrl-C stops the run at the next block of samples: the statistics of the samples drawn so
far are written, marked partial ("partial": true, a partial column in CSV), and the exit
code is 6.
)",
            uncertainty}};

} // namespace
} // namespace tinyfoot::cli
