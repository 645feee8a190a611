// tinyfoot chart: the studio's figure, rendered without a display (Qt's offscreen platform)
// through the same chart code, to PDF/SVG (vector, text as text) or PNG, with its data as CSV.
#include "../cli.h"

#include "footprint_chart.h"

#include <qcustomplot.h>

#include <QApplication>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

// Qt defines `emit` as an empty macro; this file calls the CLI's emit() and declares no signals.
#undef emit

namespace tinyfoot::cli {
namespace {

int chart(const std::vector<std::string>& words, Environment& env) {
    const Args args(words,
                    {"--out", "--factors", "--width-in", "--height-in", "--width-mm", "--height-mm", "--column",
                     "--dpi", "--palette", "--font", "--font-size", "--title"},
                    {"--linear", "--no-legend", "--no-title"});
    if (args.positional().empty()) throw UsageError("chart expects systems, presets or a study file");
    const auto out = args.value("--out");
    if (!out) throw UsageError("chart expects --out FIGURE.pdf|svg|png");
    charts::ChartOptions o;
    o.logAxis = !args.flag("--linear");
    o.legend = !args.flag("--no-legend");
    o.title = !args.flag("--no-title");
    if (auto t = args.value("--title")) o.titleText = QString::fromStdString(*t);
    const std::string palette = args.value("--palette", "okabe-ito");
    if (palette == "grey" || palette == "gray") o.palette = charts::Palette::Grey;
    else if (palette != "okabe-ito") throw UsageError("--palette expects okabe-ito or grey");
    o.fontFamily = QString::fromStdString(args.value("--font", "DejaVu Sans"));
    o.fontPoints = args.number("--font-size", 8.0, 4.0, 36.0);
    charts::ExportOptions e;
    if (auto c = args.value("--column")) {
        e.widthInches = charts::columnWidthInches(QString::fromStdString(*c));
        if (e.widthInches <= 0) throw UsageError("--column expects single (3.5 in) or double (7.2 in)");
    }
    e.widthInches = args.number("--width-in", e.widthInches, 0.5, 40.0);
    e.heightInches = args.number("--height-in", e.heightInches, 0.5, 40.0);
    if (args.value("--width-mm")) e.widthInches = args.number("--width-mm", 0, 12.7, 1000.0) / 25.4;
    if (args.value("--height-mm")) e.heightInches = args.number("--height-mm", 0, 12.7, 1000.0) / 25.4;
    e.dpi = static_cast<int>(args.integer("--dpi", 300, 36, 2400));
    const auto results = computeResults(args.positional(), env, args.value("--factors", ""));

    // Without a display, render offscreen: the figure does not need one.
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int argc = 1;
    char name[] = "tinyfoot";
    char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    QCustomPlot plot;
    plot.resize(static_cast<int>(e.widthInches * 72), static_cast<int>(e.heightInches * 72));
    charts::drawFootprint(plot, results, o);
    const QString error = charts::exportFigure(plot, QString::fromStdString(*out), e);
    if (!error.isEmpty()) {
        std::cerr << "tinyfoot: " << error.toStdString() << "\n";
        return kOutputError;
    }
    // The figure's data beside it.
    const std::filesystem::path csv = std::filesystem::path(*out).replace_extension(".csv");
    const int rc = emit(csv.string(), charts::figureCsv(results));
    if (rc != kOk) return rc;
    std::cout << "wrote " << *out << " (" << e.widthInches << " x " << e.heightInches << " in) and " << csv.string()
              << "\n";
    return kOk;
}

const Registration chartCommand{Command{"chart", "the footprint figure as PDF, SVG or PNG, without a display",
                                        R"(Usage: tinyfoot chart FILE|PRESET... --out FIGURE.pdf|svg|png [OPTIONS]

Draws the stacked bar of kg CO2e per block for each system (a study adds all its systems) with
the desktop app's chart code, and writes FIGURE.csv with the figure's data beside it. PDF and
SVG are vector (text stays text); PNG is rendered at --dpi.

Options:
  --column single|double     width preset: 3.5 in or 7.2 in (default single)
  --width-in W, --height-in H, --width-mm W, --height-mm H   custom size (default 3.5 x 2.6 in)
  --dpi N                    PNG resolution (default 300)
  --linear                   linear axis (default: logarithmic)
  --palette okabe-ito|grey   colour-blind-safe colours (default) or greyscale with hatching
  --font FAMILY, --font-size PT   (default DejaVu Sans, 8 pt)
  --title TEXT, --no-title, --no-legend
  --factors SET              factor set id
)",
                                        chart}};

} // namespace
} // namespace tinyfoot::cli
