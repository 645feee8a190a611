// tinyfoot chart: the studio's figures, rendered without a display (Qt's offscreen platform)
// through the same chart code, to PDF/SVG (vector, text as text) or PNG, with their data as CSV:
// the footprint of systems, and the figures of a study's analysis (fleet, growth, Monte Carlo,
// tornado, Sobol).
#include "../commands/study_command.h"

#include "figure_factory.h"
#include "panels.h"
#include "style_options.h"

#include <qcustomplot.h>

#include <QApplication>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

// Qt defines `emit` as an empty macro; this file calls the CLI's emit() and declares no signals.
#undef emit

namespace tinyfoot::cli {
namespace {

using namespace tinyfoot::study;

using charts::Figure;
using charts::FigureView;

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

/// Options that only some views take: a usage error when none of `shown` (the view, or the
/// views of the panels) takes it.
void checkViewOptions(const Args& args, const std::vector<std::string>& shown) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> only{
        {"--metric", {"distribution", "tornado", "sobol"}},
        {"--samples", {"uncertainty", "distribution", "difference", "sobol"}},
        {"--seed", {"uncertainty", "distribution", "difference", "sobol"}},
        {"--percentiles", {"uncertainty", "distribution", "difference"}},
        {"--bins", {"distribution"}},
        {"--bar-style", {"footprint"}},
        {"--bars", {"tornado", "sobol"}},
        {"--from-year", {"growth"}},
        {"--to-year", {"growth"}},
        {"--hsl-distribution", {"uncertainty", "distribution", "tornado", "sobol", "difference"}},
        {"--factor-distribution", {"uncertainty", "distribution", "tornado", "sobol", "difference"}},
        {"--differences", {"uncertainty", "distribution", "tornado", "sobol", "difference"}},
        {"--threads", {"uncertainty", "distribution", "difference", "sobol"}},
        {"--impact", {"uncertainty", "distribution", "tornado", "sobol", "difference"}},
        {"--impact-set", {"uncertainty", "distribution", "tornado", "sobol", "difference"}},
        {"--weighting", {"uncertainty", "distribution", "tornado", "sobol", "difference"}}};
    for (const auto& [option, views] : only)
        if (args.value(option) && std::none_of(shown.begin(), shown.end(), [&](const std::string& v) {
                return std::find(views.begin(), views.end(), v) != views.end();
            }))
            throw UsageError(option + " is for --view " + joined(views) + ", not " + joined(shown));
}

/// The metric a one-metric view shows: --metric, else the first system's total.
std::string chosenMetric(const Args& args, const StudyContext& ctx) {
    return args.value("--metric", ctx.model.system(0).id + " total");
}

[[noreturn]] void unknownMetric(const std::string& view, const std::string& metric,
                                const std::vector<std::string>& known) {
    throw UsageError("--view " + view + ": no metric '" + metric + "' in this study; there are: " + joined(known));
}

void noteDefaultDistributions(const StudyContext& ctx) {
    if (!ctx.analysis.uncertainty)
        std::cerr << "tinyfoot: note: " << ctx.sourceName
                  << " has no \"uncertainty\" analysis: every input takes its default distribution "
                     "(see 'tinyfoot help uncertainty')\n";
}

/// The study prepared for a Monte Carlo or sensitivity run, its diagnostics reported.
StudyContext prepareRun(const Args& args, Environment& env, studycmd::Inputs in, bool& complete) {
    StudyContext ctx = studycmd::prepare(std::move(in), env, args.value("--factors", ""));
    studycmd::reportDiagnostics(ctx);
    complete = studycmd::allComplete(ctx);
    noteDefaultDistributions(ctx);
    return ctx;
}

void printDiagnostics(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics)
        if (d.severity != Severity::Note)
            std::cerr << "tinyfoot: " << severityId(d.severity) << ": " << d.message << "\n";
}

Figure fleetFigure(const Args& args, Environment& env, studycmd::Inputs in, bool& complete) {
    if (!in.analysis.fleet)
        throw UsageError(in.sourceName +
                         " has no fleet: --view fleet needs a study whose \"analysis\" has a \"fleet\" (for example "
                         "presets/studies/paper-fleet-250bn.json)");
    // The fleet's CSV reads the context the report points into: the figure keeps both.
    auto ctx = std::make_shared<const StudyContext>(studycmd::prepare(std::move(in), env, args.value("--factors", "")));
    studycmd::reportDiagnostics(*ctx);
    complete = studycmd::allComplete(*ctx);
    charts::FigureSources sources;
    sources.fleet = std::make_shared<const FleetReport>(runFleet(*ctx));
    sources.context = ctx;
    printDiagnostics(sources.fleet->diagnostics);
    return charts::makeFigure(FigureView::Fleet, sources);
}

Figure growthFigure(const Args& args, Environment& env, studycmd::Inputs in, bool& complete) {
    if (!in.analysis.growth && !(in.analysis.fleet && in.analysis.fleet->growth))
        throw UsageError(in.sourceName +
                         " has no growth curves: --view growth needs a study whose \"analysis\" has a \"growth\" "
                         "table or a fleet that follows a growth curve (for example "
                         "presets/studies/paper-fleet-250bn.json or data/growth/iot-devices-paper-2023.json)");
    const StudyContext ctx = studycmd::prepare(std::move(in), env, args.value("--factors", ""));
    studycmd::reportDiagnostics(ctx);
    complete = studycmd::allComplete(ctx);
    const FleetReport report = runFleet(ctx);
    printDiagnostics(report.diagnostics);
    auto series = std::make_shared<charts::GrowthSeries>();
    if (report.growth) {
        series->curves = report.growth->curves;
        series->milestones = report.growth->milestonesDevices;
    } else if (report.options) {
        series->curves.push_back(report.options->stock);
    }
    charts::FigureChoices choices;
    const auto [from, to] = charts::growthSpan(*series, std::nullopt, std::nullopt);
    choices.fromYear = static_cast<int>(args.integer("--from-year", from, 1900, 3000));
    choices.toYear = static_cast<int>(
        args.integer("--to-year", charts::growthSpan(*series, choices.fromYear, std::nullopt).second, 1900, 3000));
    if (*choices.toYear <= *choices.fromYear) throw UsageError("--to-year must come after --from-year");
    charts::FigureSources sources;
    sources.growth = std::move(series);
    return charts::makeFigure(FigureView::Growth, sources, choices);
}

/// Monte Carlo for the uncertainty and distribution views.
Figure monteCarloFigure(const std::string& view, const Args& args, Environment& env, studycmd::Inputs in,
                        bool& complete) {
    const StudyContext ctx = prepareRun(args, env, std::move(in), complete);
    UncertaintySpec spec = studycmd::uncertaintySpec(ctx, args);
    studycmd::applyRunOptions(spec, args);
    const auto threads = static_cast<unsigned>(args.integer("--threads", 0, 0, 1024));
    const std::string metric = chosenMetric(args, ctx);
    const auto category = studycmd::categoryOption(args, env);
    const CategoryChoice* chosen = category ? &*category : nullptr;
    if (view == "distribution" && args.value("--metric")) {
        // A one-sample run names the metrics: a misspelt --metric fails before the long run.
        UncertaintySpec probe = spec;
        probe.samples = 1;
        std::vector<std::string> known;
        for (const auto& m : runUncertainty(ctx, probe, 1, {}, chosen).metrics) known.push_back(m.name);
        if (std::find(known.begin(), known.end(), metric) == known.end()) unknownMetric(view, metric, known);
    }
    studycmd::ProgressLine progress("Monte Carlo samples", args);
    RunControl control;
    control.progress = progress.callback();
    charts::FigureSources sources;
    sources.uncertainty =
        std::make_shared<const UncertaintyReport>(runUncertainty(ctx, spec, threads, control, chosen));
    printDiagnostics(sources.uncertainty->diagnostics);
    complete = complete && studycmd::runComplete(ctx, sources.uncertainty->diagnostics);
    if (view == "uncertainty") return charts::makeFigure(FigureView::Uncertainty, sources);
    if (view == "difference") {
        sources.differences = std::make_shared<const std::vector<DifferenceComparison>>(
            compareDifferences(*sources.uncertainty, ctx.model));
        if (sources.differences->empty())
            throw UsageError("--view difference: the study compares no systems (give --differences A:B)");
        charts::FigureChoices choices;
        choices.ratio = args.flag("--ratio");
        return charts::makeFigure(FigureView::Difference, sources, choices);
    }
    charts::FigureChoices choices;
    choices.metric = metric;
    choices.bins = static_cast<std::size_t>(
        args.integer("--bins", static_cast<long long>(charts::kDefaultHistogramBins), 1, 10000));
    Figure f = charts::makeFigure(FigureView::Distribution, sources, choices);
    if (!f) {
        std::vector<std::string> known;
        for (const auto& m : sources.uncertainty->result.metrics) known.push_back(m.name);
        unknownMetric(view, metric, known);
    }
    return f;
}

Figure sensitivityFigure(const std::string& view, const Args& args, Environment& env, studycmd::Inputs in,
                         bool& complete) {
    const StudyContext ctx = prepareRun(args, env, std::move(in), complete);
    const UncertaintySpec distributions = studycmd::uncertaintySpec(ctx, args);
    SensitivitySpec spec = ctx.analysis.sensitivity.value_or(SensitivitySpec{});
    spec.tornado = view == "tornado";
    spec.sobol = view == "sobol";
    spec.samples = studycmd::count(args, "--samples", spec.samples, 16, 1e9);
    spec.seed = studycmd::count(args, "--seed", spec.seed, 0, 9007199254740992.0);
    const auto threads = static_cast<unsigned>(args.integer("--threads", 0, 0, 1024));
    const auto bars =
        static_cast<std::size_t>(args.integer("--bars", static_cast<long long>(charts::kDefaultBars), 1, 1000));
    const std::string metric = chosenMetric(args, ctx);
    const auto category = studycmd::categoryOption(args, env);
    const CategoryChoice* chosen = category ? &*category : nullptr;
    if (spec.sobol && args.value("--metric")) {
        // The tornado (two model runs an input) names the metrics before the long Sobol run.
        SensitivitySpec probe = spec;
        probe.tornado = true;
        probe.sobol = false;
        std::vector<std::string> known;
        for (const auto& m : runSensitivity(ctx, distributions, probe, 1, {}, chosen).metrics) known.push_back(m.name);
        if (std::find(known.begin(), known.end(), metric) == known.end()) unknownMetric(view, metric, known);
    }
    studycmd::ProgressLine progress("Sobol base samples", args);
    RunControl control;
    control.progress = progress.callback();
    auto report =
        std::make_shared<const SensitivityReport>(runSensitivity(ctx, distributions, spec, threads, control, chosen));
    printDiagnostics(report->diagnostics);
    complete = complete && studycmd::runComplete(ctx, report->diagnostics);
    std::vector<std::string> known;
    for (const auto& m : report->metrics) known.push_back(m.name);
    charts::FigureSources sources;
    sources.sensitivity = report;
    charts::FigureChoices choices;
    choices.metric = metric;
    choices.bars = bars;
    Figure f = charts::makeFigure(view == "tornado" ? FigureView::Tornado : FigureView::Sobol, sources, choices);
    if (!f) unknownMetric(view, metric, known);
    if (view == "tornado") {
        const auto it = std::find_if(report->tornado.begin(), report->tornado.end(),
                                     [&](const TornadoResult& t) { return t.output == metric; });
        if (std::none_of(it->bars.begin(), it->bars.end(), [](const TornadoBar& b) { return b.swing > 0.0; }))
            throw UsageError("--view tornado: no input of this study moves '" + metric + "'");
    } else {
        const auto& outputs = report->sobol->outputs;
        const auto it =
            std::find_if(outputs.begin(), outputs.end(), [&](const SobolOutput& s) { return s.output == metric; });
        if (it->indices.empty()) throw UsageError("--view sobol: no input of this study varies");
    }
    return f;
}

/// The style --style names: a style file (a path: it has a '/' or ends in ".json") or the id of
/// a style of data/styles; nothing without --style.
std::optional<app::FigureStyle> chosenStyle(const Args& args, Environment& env) {
    const auto given = args.value("--style");
    if (!given) return std::nullopt;
    const std::string& name = *given;
    if (name.find('/') != std::string::npos || (name.size() > 5 && name.substr(name.size() - 5) == ".json"))
        return app::loadFigureStyleFile(name);
    const std::vector<app::FigureStyle> styles = app::loadFigureStyles(env.loaded().root);
    if (const app::FigureStyle* s = app::findFigureStyle(styles, name)) return *s;
    std::vector<std::string> known;
    for (const auto& s : styles) known.push_back(s.id);
    throw UsageError("--style: no style '" + name + "'; there are: " + joined(known) +
                     " (or give a style file, e.g. --style my-style.json)");
}

int chart(const std::vector<std::string>& words, Environment& env) {
    const Args args(
        words,
        {"--out",         "--factors",     "--width-in",  "--height-in", "--width-mm",         "--height-mm",
         "--column",      "--dpi",         "--palette",   "--font",      "--font-size",        "--title",
         "--view",        "--metric",      "--samples",   "--seed",      "--threads",          "--percentiles",
         "--bins",        "--bars",        "--from-year", "--to-year",   "--hsl-distribution", "--factor-distribution",
         "--differences", "--bar-style",   "--style",     "--impact",    "--impact-set",       "--weighting",
         "--panels",      "--panel-layout"},
        {"--linear", "--no-legend", "--no-title", "--progress", "--quiet", "--ratio"});
    if (args.positional().empty()) throw UsageError("chart expects systems, presets or a study file");
    const auto out = args.value("--out");
    if (!out) throw UsageError("chart expects --out FIGURE.pdf|svg|png");
    const std::vector<std::string> views{"footprint",    "fleet",   "growth", "uncertainty",
                                         "distribution", "tornado", "sobol",  "difference"};
    // The views drawn: --view, or the panels' views (--panels), each a known view.
    std::vector<std::string> shown;
    if (const auto panels = args.value("--panels")) {
        if (args.value("--view")) throw UsageError("--panels names the views: leave out --view");
        std::string rest = *panels;
        for (std::size_t at = 0; at <= rest.size();) {
            const std::size_t comma = std::min(rest.find(',', at), rest.size());
            shown.push_back(rest.substr(at, comma - at));
            at = comma + 1;
        }
        if (shown.size() < 2 || shown.size() > 9)
            throw UsageError("--panels expects 2 to 9 views separated by commas (e.g. footprint,uncertainty,tornado)");
    } else {
        if (args.value("--panel-layout")) throw UsageError("--panel-layout is for --panels");
        shown.push_back(args.value("--view", "footprint"));
    }
    for (const auto& v : shown)
        if (std::find(views.begin(), views.end(), v) == views.end())
            throw UsageError(std::string(args.value("--panels") ? "--panels" : "--view") + " expects " + joined(views) +
                             ", not '" + v + "'");
    checkViewOptions(args, shown);
    if (args.flag("--ratio") && std::find(shown.begin(), shown.end(), "difference") == shown.end())
        throw UsageError("--ratio is for --view difference, not " + joined(shown));
    charts::PanelLayout layout = charts::defaultPanelLayout(static_cast<int>(shown.size()));
    if (const auto l = args.value("--panel-layout")) {
        const auto named = charts::panelLayoutNamed(*l);
        if (!named) throw UsageError("--panel-layout expects COLUMNSxROWS (e.g. 3x1, 1x3, 2x2), not '" + *l + "'");
        if (named->columns * named->rows < static_cast<int>(shown.size()))
            throw UsageError("--panel-layout " + *l + " holds " + std::to_string(named->columns * named->rows) +
                             " panels, not " + std::to_string(shown.size()));
        layout = *named;
    }
    charts::ChartOptions o;
    charts::ExportOptions e;
    // A style first, then every option given explicitly over it.
    const std::optional<app::FigureStyle> style = chosenStyle(args, env);
    const bool panelled = shown.size() > 1;
    if (panelled && args.value("--title"))
        throw UsageError("--title is for one figure: each panel takes its view's title (or --no-title)");
    if (style) {
        // Panels take the style's widest column unless --column names one.
        std::string column = args.value("--column", "");
        if (panelled && column.empty())
            column = std::max_element(style->columns.begin(), style->columns.end(), [](const auto& a, const auto& b) {
                         return a.width.inches() < b.width.inches();
                     })->id;
        if (!charts::applyStyle(*style, column, o, e))
            throw UsageError("--column: style '" + style->id + "' has the columns " + style->columnIds() + ", not '" +
                             column + "'");
    } else if (auto c = args.value("--column", panelled ? "double" : ""); !c.empty()) {
        e.widthInches = charts::columnWidthInches(QString::fromStdString(c));
        if (e.widthInches <= 0) throw UsageError("--column expects single (3.5 in) or double (7.2 in)");
    }
    if (args.flag("--linear")) o.logAxis = false;
    if (args.flag("--no-legend")) o.legend = false;
    if (args.flag("--no-title")) o.title = false;
    if (const auto palette = args.value("--palette")) {
        if (*palette == "grey" || *palette == "gray") o.palette = charts::Palette::Grey;
        else if (*palette == "okabe-ito") o.palette = charts::Palette::OkabeIto;
        else throw UsageError("--palette expects okabe-ito or grey");
    }
    if (const auto font = args.value("--font")) o.fontFamily = QString::fromStdString(*font);
    if (args.value("--font-size")) {
        o.fontPoints = args.number("--font-size", 8.0, charts::kMinimumFontPoints, 36.0);
        if (o.fontPoints < o.minimumFontPoints) {
            std::cerr << "tinyfoot: note: --font-size " << o.fontPoints << " is below the " << o.minimumFontPoints
                      << " pt that style '" << style->id << "' asks for: the style's floor is lifted\n";
            o.minimumFontPoints = charts::kMinimumFontPoints;
        }
    }
    if (const auto bars = args.value("--bar-style")) {
        if (*bars == "log-stacked" && args.flag("--linear"))
            throw UsageError("--bar-style log-stacked draws on a log axis: leave out --linear");
        if (*bars == "log-stacked") {
            o.bars = charts::BarStyle::Stacked;
            o.logAxis = true;
        } else if (*bars == "linear-stacked") {
            o.bars = charts::BarStyle::Stacked;
            o.logAxis = false;
        } else if (*bars == "share") {
            o.bars = charts::BarStyle::Share;
        } else {
            throw UsageError("--bar-style expects log-stacked, linear-stacked or share, not '" + *bars + "'");
        }
    }
    e.widthInches = args.number("--width-in", e.widthInches, 0.5, 40.0);
    e.heightInches = args.number("--height-in", e.heightInches, 0.5, 40.0);
    if (args.value("--width-mm")) e.widthInches = args.number("--width-mm", 0, 12.7, 1000.0) / 25.4;
    if (args.value("--height-mm")) e.heightInches = args.number("--height-mm", 0, 12.7, 1000.0) / 25.4;
    e.dpi = static_cast<int>(args.integer("--dpi", 300, 36, 2400));

    // Everything is computed before Qt starts: a bad study gives its message without a display.
    bool complete = true;
    std::vector<Figure> figures;
    for (const auto& view : shown) {
        Figure figure;
        bool viewComplete = true;
        if (view == "footprint") {
            charts::FigureSources sources;
            sources.results = std::make_shared<const std::vector<Result>>(
                computeResults(args.positional(), env, args.value("--factors", "")));
            figure = charts::makeFigure(FigureView::Footprint, sources);
        } else {
            studycmd::Inputs in = studycmd::readInputs(args.positional(), env);
            if (view == "fleet") figure = fleetFigure(args, env, std::move(in), viewComplete);
            else if (view == "growth") figure = growthFigure(args, env, std::move(in), viewComplete);
            else if (view == "uncertainty" || view == "distribution" || view == "difference")
                figure = monteCarloFigure(view, args, env, std::move(in), viewComplete);
            else figure = sensitivityFigure(view, args, env, std::move(in), viewComplete);
        }
        if (!figure) throw UsageError("--view " + view + ": this input has nothing to draw");
        complete = complete && viewComplete;
        figures.push_back(std::move(figure));
    }
    const Figure& figure = figures.front();
    // The data beside a figure of panels: each panel's CSV under a line naming it.
    std::string csvText;
    if (figures.size() == 1) {
        csvText = figure.csv();
    } else {
        for (std::size_t i = 0; i < figures.size(); ++i)
            csvText += (i ? "\n" : "") + std::string("# panel ") +
                       charts::panelLabel(static_cast<int>(i)).toStdString() + " " + shown[i] + "\n" + figures[i].csv();
    }
    o.titleText = args.value("--title") ? QString::fromStdString(*args.value("--title")) : figure.title;

    // Without a display, render offscreen: the figure does not need one.
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int argc = 1;
    char name[] = "tinyfoot";
    char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    QString error;
    if (figures.size() == 1) {
        QCustomPlot plot;
        plot.resize(static_cast<int>(e.widthInches * 72), static_cast<int>(e.heightInches * 72));
        figure.draw(plot, o);
        error = charts::exportFigure(plot, QString::fromStdString(*out), e);
    } else {
        error = charts::exportPanels(figures, layout, o, QString::fromStdString(*out), e);
    }
    if (!error.isEmpty()) {
        std::cerr << "tinyfoot: " << error.toStdString() << "\n";
        return kOutputError;
    }
    // The figure's data beside it.
    const std::filesystem::path csv = std::filesystem::path(*out).replace_extension(".csv");
    const int rc = emit(csv.string(), csvText);
    if (rc != kOk) return rc;
    std::cout << "wrote " << *out << " (" << e.widthInches << " x " << e.heightInches << " in) and " << csv.string()
              << "\n";
    return complete ? kOk : kIncomplete;
}

const Registration chartCommand{Command{"chart",
                                        "the footprint and study figures as PDF, SVG or PNG, without a display",
                                        R"(Usage: tinyfoot chart FILE|PRESET... --out FIGURE.pdf|svg|png [OPTIONS]

Draws a figure with the desktop app's chart code and writes FIGURE.csv with the figure's data
beside it. PDF and SVG are vector (text stays text); PNG is rendered at --dpi.

Views (--view, default footprint):
  footprint      kg CO2e per block for each system (a study adds all its systems), in the
                 style --bar-style names (below)
  fleet          a study's fleet: the cumulative kg CO2e of each system's fleet by year
                 (CSV: the 'tinyfoot fleet --format csv' year table)
  growth         a study's growth curves: devices in service by year, the milestones as
                 dashed lines (CSV: curve, year, devices_in_service)
  uncertainty    Monte Carlo of each system's total: the median with error bars from the
                 lowest to the highest percentile (5 to 95 % by default), the nominal value
                 as a cross (CSV: the 'tinyfoot uncertainty --format csv' summary)
  distribution   the histogram of one Monte Carlo metric with its percentiles
  tornado        one metric with each input at its low and its high value, the others at
                 nominal: horizontal bars about the nominal value, widest swing at the top
  sobol          first-order and total Sobol indices of one metric with +-1.96 SE error bars
  difference     each difference A - B of the Monte Carlo run (the study's, or --differences
                 A:B,...): its interval paired (common random numbers, the run itself) beside
                 the interval independent runs would give (CSV: both, with the width ratio,
                 and the same for A / B); --ratio draws the ratio A / B instead, with a line
                 at 1 (undefined where B's total reaches 0 in the run)
Panels (--panels VIEW,VIEW,...): one figure of several views of the same input, labelled
(a), (b), (c) ... before each view's title, in a row at double-column width by default
(with --style: the style's widest column). Each panel is laid out as a figure of its own
at its share of the page; a panel whose legend would only repeat series an earlier panel's
legend shows has none. The CSV holds each panel's data under a line '# panel (a) VIEW'.
  --panel-layout CxR         C columns and R rows, filled row by row (default: one row;
                             e.g. 1x3 one above the other, 2x2)
The study views take a study file (or systems with the default distributions, for the
Monte Carlo and sensitivity views) and run its analysis as 'tinyfoot fleet', 'uncertainty'
and 'sensitivity' do. The uncertainty, distribution, tornado and sobol views take --impact
CATEGORY (and --impact-set, --weighting) as those commands do: the figure is in that
category's unit, or in points for --impact single-score.

Examples:
  tinyfoot chart presets/studies/paper-comparison.json --out fig.pdf
  tinyfoot chart presets/studies/paper-fleet-250bn.json --view fleet --out fleet.pdf
  tinyfoot chart presets/studies/paper-comparison.json --style ieee --column double --out fig.pdf
  tinyfoot chart presets/studies/paper-uncertainty.json --view tornado --column double \
      --metric "image-worst total" --out tornado.pdf
  tinyfoot chart presets/studies/paper-uncertainty.json --panels footprint,uncertainty,tornado \
      --samples 20000 --height-in 2.8 --out panels.pdf

Size and style:
  --style NAME|FILE          a journal style of data/styles (acm, elsevier, ieee, nature,
                             springer: column widths, height, font and sizes taken from the
                             publisher's author guidelines, each file citing them) or a style
                             file of your own (format tinyfoot.figure_style, e.g. saved by the
                             studio's export dialog); a NAME is a file when it has a '/' or
                             ends in .json. Options given explicitly override the style.
  --column ID                with --style: the style's column (single, double, one-and-half
                             for elsevier; default its first); without: single (3.5 in) or
                             double (7.2 in), default single
  --width-in W, --height-in H, --width-mm W, --height-mm H   custom size (default 3.5 x 2.6 in)
  --dpi N                    PNG resolution (default 300)
  --linear                   linear value axis (default: logarithmic for footprint, fleet,
                             growth and uncertainty; the other views are always linear)
  --palette okabe-ito|grey   colour-blind-safe colours (default) or greyscale with hatching
  --font FAMILY, --font-size PT   (default DejaVu Sans, 8 pt; at least 6 pt)
  --title TEXT, --no-title, --no-legend
  --factors SET              factor set id
Footprint bars (--bar-style):
  log-stacked                the blocks stacked on a log axis (the default, the paper's style):
                             reads totals across orders of magnitude, but a segment's height
                             does not show its share (a segment near the top looks small)
  linear-stacked             the blocks stacked on a linear axis (as --linear): heights are
                             shares, but small totals flatten when totals differ by decades
  share                      each total as a marker on a log axis (linear with --linear), and
                             under it a bar of the blocks' shares of the total (0 to 100 %):
                             totals and shares both honest, for systems of any size
The legend goes beside the plot when the plot keeps 60 % of the width, else inside the plot
where it covers no data, else below it in as many columns as fit. Systems are labelled by
their "label" (else their id), wrapped to the width of a bar.
Study views:
  --metric NAME              the metric of distribution, tornado and sobol (default: the
                             first system's total, e.g. "kws-best total"; differences are
                             named "A - B")
  --samples N                Monte Carlo samples (uncertainty, distribution) or Sobol base
                             samples (sobol); default: the study's
  --seed S                   seed (default: the study's, else 1)
  --threads T                threads (default: every core); results do not depend on it
  --percentiles P,P,...      (uncertainty, distribution; default: the study's, else 5,50,95)
  --bins N                   histogram bins of the distribution (default 40)
  --bars N                   inputs shown by tornado and sobol (default 10)
  --from-year Y, --to-year Y years of the growth view (default: the curves' first year to the
                             year the first curve reaches the largest milestone)
  --hsl-distribution ..., --factor-distribution ..., --differences A:B,...
                             as for 'tinyfoot uncertainty'
)",
                                        chart}};

} // namespace
} // namespace tinyfoot::cli
