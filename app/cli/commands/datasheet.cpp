// tinyfoot datasheet: the environmental-impact section of an ML-sensor datasheet, as Markdown,
// HTML or PDF (engine/report/datasheet.h writes it; the PDF is laid out by commands_qt/pdf.cpp).
#include "../cli.h"

#include "tinyfoot/engine/report/datasheet.h"

#include <iostream>

namespace tinyfoot::cli {
namespace {

const std::set<std::string> kValueOptions{"--format",         "--factors",    "--out",       "--use-from",
                                          "--inference-rate", "--idle-power", "--impact-set"};

/// --format, else the extension of --out, else Markdown.
std::string chosenFormat(const Args& args) {
    if (args.value("--format")) return args.format({"md", "html", "pdf"});
    if (const auto out = args.value("--out")) {
        const std::string ext = std::filesystem::path(*out).extension().string();
        if (ext == ".html" || ext == ".htm") return "html";
        if (ext == ".pdf") return "pdf";
    }
    return "md";
}

int datasheetCommand(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, kValueOptions, {"--no-impacts"});
    const std::string format = chosenFormat(args);
    if (args.positional().empty()) throw UsageError("datasheet expects a system file, a study file or a preset id");
    if (format == "pdf" && !args.value("--out")) throw UsageError("--format pdf needs --out FILE");
    if (format == "pdf" && !htmlToPdf()) throw UsageError("this tinyfoot was built without Qt: no PDF output");
    const ImpactSet* set = args.flag("--no-impacts") ? nullptr : &impactSetOption(args, env.library());
    const auto use = useOverride(args);
    const auto systems = computeSystems(args.positional(), env, args.value("--factors", ""), use ? &*use : nullptr);

    std::vector<report::DatasheetSystem> sheets;
    bool complete = true;
    for (const auto& c : systems) {
        sheets.push_back({&c.system, &c.result, c.factors, c.hsl});
        complete = complete && c.result.complete;
    }
    const auto blocks =
        report::datasheets(sheets, set, "tinyfoot " + std::string(TINYFOOT_VERSION), env.library().defaultItemMasses());
    const std::string title = report::datasheetTitle(sheets);
    int rc = kOk;
    if (format == "md") rc = emit(args.value("--out"), report::datasheetMarkdown(blocks));
    else if (format == "html") rc = emit(args.value("--out"), report::datasheetHtml(blocks, title));
    else {
        const std::string error = htmlToPdf()(report::datasheetHtml(blocks, title), *args.value("--out"));
        if (!error.empty()) {
            std::cerr << "tinyfoot: " << error << "\n";
            return kOutputError;
        }
    }
    if (rc != kOk) return rc;
    if (!complete) std::cerr << "tinyfoot: a footprint is incomplete (see the diagnostics in the datasheet)\n";
    return complete ? kOk : kIncomplete;
}

const Registration datasheetRegistration{Command{"datasheet",
                                                 "the environmental-impact section of an ML-sensor datasheet",
                                                 R"(Usage: tinyfoot datasheet SYSTEM|STUDY|PRESET... [OPTIONS]

Writes the environmental-impact section of a datasheet for an ML sensor (after Stewart et
al., Datasheets for Machine Learning Sensors, arXiv 2306.08848) for each system: the
footprint by life-cycle stage and by component, per year of use and per inference (when the
use stage is per inference), the energy the use stage is built from with the harness
measurement behind it, the other impact categories (docs/method.md section 7), the
assumptions and diagnostics, and every emission factor, catalogue and impact set used with
its source, year and licence.

Examples:
  tinyfoot datasheet kws-best --out kws-best.md
  tinyfoot datasheet kws-typical --use-from results.json --inference-rate 1/s --out kws.pdf

Options:
  --format md|html|pdf     (default: from the extension of --out, else md); pdf needs --out
  --out FILE               write to FILE (atomically) instead of standard output
  --factors SET            factor set id (default: the study's, else paper-2023-backsolved)
  --impact-set SET         impact set for the other categories (default: tide-boavizta)
  --no-impacts             leave the other impact categories out
  --use-from RESULTS.json  take the use stage from a harness results file (as in report)
  --inference-rate R       inferences per unit of time for --use-from, e.g. 1/s
  --idle-power P           power between inferences (default: the measurement's)
)",
                                                 datasheetCommand}};

} // namespace
} // namespace tinyfoot::cli
