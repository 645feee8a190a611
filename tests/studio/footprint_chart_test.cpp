// The footprint figure at journal sizes (app/charts/footprint_chart): the plot keeps its share of
// a single column's width, the legend covers no bar and stays in the figure, segments carry an
// outline of at most half a point and thin ones none, systems are labelled by their labels,
// log axes print decades with superscript exponents, text is never below the minimum, and the
// share style shows each total beside its blocks' shares. Sizes are in points: a figure is laid
// out at one pixel per point, as charts::exportFigure lays it out.
#include "footprint_chart.h"

#include "data_library.h"
#include "run_process.h"

#include <doctest/doctest.h>

#include <qcustomplot.h>

#include <QApplication>

#include <cmath>
#include <filesystem>
#include <numeric>

using namespace tinyfoot;
using tinyfoot::test::runProcess;
namespace fs = std::filesystem;

namespace {

void ensureApp() {
    static int argc = 1;
    static char name[] = "footprint_chart_tests";
    static char* argv[] = {name, nullptr};
    if (!QApplication::instance()) new QApplication(argc, argv); // never destroyed, as elsewhere
}

const app::LoadedLibrary& loaded() {
    static const app::LoadedLibrary lib = app::loadLibrary(TINYFOOT_SOURCE_ROOT);
    return lib;
}

std::vector<Result> resultsOf(const Study& st) {
    const FactorSet* set =
        loaded().library.findFactorSet(st.factorSet.empty() ? "paper-2023-backsolved" : st.factorSet);
    REQUIRE(set);
    std::vector<Result> out;
    for (const System& s : st.systems) out.push_back(calculate(s, *set, loaded().library.findHsl(s.hslCatalogue)));
    return out;
}

/// The paper comparison's seven systems.
std::vector<Result> paperComparison() {
    const auto doc = app::loadDocumentFile(std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json",
                                           loaded().library);
    return resultsOf(std::get<Study>(doc));
}

/// The test system of four physical models.
std::vector<Result> physicalFour() {
    const auto doc = app::loadDocumentFile(std::string(TINYFOOT_SOURCE_ROOT) + "/tests/data/systems/physical-four.json",
                                           loaded().library);
    Study st;
    st.systems.push_back(std::get<System>(doc));
    return resultsOf(st);
}

/// Draws at `inches` wide, 2.6 in high.
void draw(QCustomPlot& plot, const std::vector<Result>& results, double inches, const charts::ChartOptions& o = {}) {
    plot.resize(static_cast<int>(std::lround(inches * 72)), 187);
    charts::drawFootprint(plot, results, o);
}

std::vector<charts::SegmentBars*> segments(QCustomPlot& plot) {
    std::vector<charts::SegmentBars*> out;
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (auto* b = dynamic_cast<charts::SegmentBars*>(plot.plottable(i))) out.push_back(b);
    return out;
}

/// The tick labels of the axis that names the systems, lines joined by spaces.
QStringList systemLabels(QCPAxis& axis) {
    QStringList out;
    for (const QString& l : axis.tickVectorLabels()) out << QString(l).replace(QLatin1Char('\n'), QLatin1Char(' '));
    return out;
}

/// Checks the layout every size must keep: the legend inside the figure and over no segment.
void checkLegendClear(QCustomPlot& plot) {
    const QRectF legend = plot.legend->outerRect();
    CHECK(QRectF(plot.rect()).contains(legend));
    for (charts::SegmentBars* bars : segments(plot))
        for (int i = 0; i < bars->dataCount(); ++i) {
            const QRectF segment = bars->segmentRect(i);
            if (segment.height() < 0.01) continue; // nothing drawn
            CHECK_FALSE(legend.intersects(segment));
        }
}

} // namespace

TEST_CASE("a single-column figure keeps 60 % of its width for the plot, the legend off the bars") {
    ensureApp();
    QCustomPlot plot;
    for (const auto& results : {paperComparison(), physicalFour()})
        for (charts::BarStyle style : {charts::BarStyle::Stacked, charts::BarStyle::Share}) {
            charts::ChartOptions o;
            o.bars = style;
            draw(plot, results, 3.5, o);
            CAPTURE(results.size());
            CAPTURE(static_cast<int>(style));
            const QRectF area = charts::plotArea(plot);
            CHECK(area.width() >= charts::kMinimumPlotWidthShare * 252);
            CHECK(charts::legendPlace(plot) != charts::LegendPlace::None);
            CHECK(plot.legend->visible());
            checkLegendClear(plot);
            CHECK(area.height() >= 50); // the legend below does not squash the plot
        }
    // The paper comparison's eleven blocks go below the plot, in more than one column.
    draw(plot, paperComparison(), 3.5);
    CHECK(charts::legendPlace(plot) == charts::LegendPlace::Below);
    CHECK(plot.legend->columnCount() > 1);
    CHECK(plot.legend->outerRect().top() >= charts::plotArea(plot).bottom());
}

TEST_CASE("a double-column figure keeps the legend beside the plot") {
    ensureApp();
    QCustomPlot plot;
    draw(plot, paperComparison(), 7.2);
    CHECK(charts::legendPlace(plot) == charts::LegendPlace::Right);
    CHECK(charts::plotArea(plot).width() >= charts::kMinimumPlotWidthShare * 518);
    CHECK(plot.legend->outerRect().left() >= charts::plotArea(plot).right());
    checkLegendClear(plot);
    // No legend at all: the plot takes the width.
    charts::ChartOptions o;
    o.legend = false;
    draw(plot, paperComparison(), 3.5, o);
    CHECK(charts::legendPlace(plot) == charts::LegendPlace::None);
    CHECK(charts::plotArea(plot).width() >= charts::kMinimumPlotWidthShare * 252);
}

TEST_CASE("segments are outlined at most half a point at print size, thin ones not at all") {
    ensureApp();
    QCustomPlot plot;
    draw(plot, paperComparison(), 3.5);
    int thin = 0, outlined = 0;
    for (charts::SegmentBars* bars : segments(plot)) {
        CHECK(bars->stackingGap() == 0.0); // no white gap between segments
        for (int i = 0; i < bars->dataCount(); ++i) {
            const QRectF r = bars->segmentRect(i);
            const QPen pen = bars->outlineAt(i);
            if (r.height() < charts::kOutlineMinimumPoints) {
                CHECK(pen.style() == Qt::NoPen);
                ++thin;
            } else {
                CHECK(pen.style() != Qt::NoPen);
                CHECK(pen.widthF() <= 0.5);
                ++outlined;
            }
        }
    }
    CHECK(thin > 0); // kws-best's thin blocks on the log axis
    CHECK(outlined > 0);
}

TEST_CASE("on a log axis each stack ends at its system's total") {
    ensureApp();
    QCustomPlot plot;
    const auto results = paperComparison();
    draw(plot, results, 7.2);
    std::vector<double> top(results.size(), 0.0);
    for (charts::SegmentBars* bars : segments(plot))
        for (int i = 0; i < bars->dataCount(); ++i) {
            const QRectF r = bars->segmentRect(i);
            const auto system = static_cast<std::size_t>(std::lround(bars->data()->at(i)->key)) - 1;
            top[system] = std::max(top[system], plot.yAxis->pixelToCoord(r.top()));
        }
    for (std::size_t i = 0; i < results.size(); ++i) {
        CAPTURE(results[i].systemId);
        CHECK(top[i] == doctest::Approx(units::inKgCo2e(results[i].total)).epsilon(0.02));
    }
}

TEST_CASE("systems are labelled by their preset labels, wrapped rather than turned; the id stands in") {
    ensureApp();
    QCustomPlot plot;
    draw(plot, paperComparison(), 7.2);
    plot.replot();
    CHECK(systemLabels(*plot.xAxis) == QStringList{"KWS best", "KWS typical", "Anomaly typical", "Image typical",
                                                   "Image worst", "Apple Watch 7", "MacBook Pro 16"});
    CHECK(plot.xAxis->tickLabelRotation() == 0.0);
    draw(plot, paperComparison(), 3.5);
    plot.replot();
    CHECK(systemLabels(*plot.xAxis).front() == QStringLiteral("KWS best"));
    CHECK(plot.xAxis->tickLabelRotation() == 0.0);
    CHECK(plot.xAxis->tickVectorLabels().front().contains(QLatin1Char('\n'))); // wrapped to the bar's slot
    draw(plot, physicalFour(), 3.5);
    plot.replot();
    CHECK(systemLabels(*plot.xAxis) == QStringList{"physical-four"});
}

TEST_CASE("no text of the figure is below the minimum size") {
    ensureApp();
    QCustomPlot plot;
    charts::ChartOptions o;
    o.fontPoints = 4; // asked for less than the minimum
    for (charts::BarStyle style : {charts::BarStyle::Stacked, charts::BarStyle::Share}) {
        o.bars = style;
        draw(plot, paperComparison(), 3.5, o);
        for (QCPAxisRect* rect : plot.axisRects())
            for (QCPAxis* axis : rect->axes()) {
                if (!axis->visible()) continue;
                CHECK(axis->tickLabelFont().pixelSize() >= charts::kMinimumFontPoints);
                CHECK(axis->labelFont().pixelSize() >= charts::kMinimumFontPoints);
            }
        CHECK(plot.legend->font().pixelSize() >= charts::kMinimumFontPoints);
    }
    // The command line refuses a smaller size.
    const auto r =
        runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart", "kws-best", "--out",
                                  (fs::temp_directory_path() / "tinyfoot-small.svg").string(), "--font-size", "5"});
    CHECK(r.exitCode == 2);
}

TEST_CASE("log axes: decades as numbers within 0.01 to 1000, else powers of ten with superscript exponents") {
    ensureApp();
    QCustomPlot plot;
    plot.resize(252, 187);
    charts::setValueAxis(*plot.yAxis, true, 0.05, 400);
    plot.replot();
    CHECK(plot.yAxis->tickVectorLabels().contains(QStringLiteral("0.01")));
    CHECK(plot.yAxis->tickVectorLabels().contains(QStringLiteral("1000")));
    charts::setValueAxis(*plot.yAxis, true, 2e9, 3e12);
    plot.replot();
    const QStringList big = plot.yAxis->tickVectorLabels();
    CHECK(big.contains(QStringLiteral("10\u2079")));       // 10⁹
    CHECK(big.contains(QStringLiteral("10\u00B9\u00B3"))); // 10¹³
    charts::setValueAxis(*plot.yAxis, true, 2e-4, 0.5);
    plot.replot();
    CHECK(plot.yAxis->tickVectorLabels().contains(QStringLiteral("10\u207B\u2074"))); // 10⁻⁴
}

TEST_CASE("a log axis over data within one decade runs between 1-2-5 steps, not over the decade") {
    ensureApp();
    QCustomPlot plot;
    plot.resize(252, 187);
    // A single score of 1.1e-3 to 1.5e-3 Pt: 1e-3 to 2e-3, not 1e-3 to 1e-2.
    charts::setValueAxis(*plot.yAxis, true, 1.1e-3, 1.5e-3);
    CHECK(plot.yAxis->range().lower == doctest::Approx(1e-3));
    CHECK(plot.yAxis->range().upper == doctest::Approx(2e-3));
    charts::setValueAxis(*plot.yAxis, true, 2.6e-4, 3.1e-4);
    CHECK(plot.yAxis->range().lower == doctest::Approx(2e-4));
    CHECK(plot.yAxis->range().upper == doctest::Approx(5e-4));
    // Data over more than a decade keeps whole decades (the paper's style).
    charts::setValueAxis(*plot.yAxis, true, 0.05, 400);
    CHECK(plot.yAxis->range().lower == doctest::Approx(0.01));
    CHECK(plot.yAxis->range().upper == doctest::Approx(1000));
}

TEST_CASE("the share style: each total as a marker on the log axis, the blocks' shares adding up to 100 %") {
    ensureApp();
    QCustomPlot plot;
    const auto results = paperComparison();
    charts::ChartOptions o;
    o.bars = charts::BarStyle::Share;
    draw(plot, results, 3.5, o);
    REQUIRE(plot.axisRectCount() == 2);
    REQUIRE(plot.graphCount() == 1);
    QCPGraph* totals = plot.graph(0);
    CHECK(totals->valueAxis()->scaleType() == QCPAxis::stLogarithmic);
    REQUIRE(totals->dataCount() == static_cast<int>(results.size()));
    std::vector<double> shares(results.size(), 0.0);
    for (charts::SegmentBars* bars : segments(plot)) {
        CHECK(bars->valueAxis()->scaleType() == QCPAxis::stLinear);
        for (int i = 0; i < bars->dataCount(); ++i)
            shares[static_cast<std::size_t>(std::lround(bars->data()->at(i)->key)) - 1] += bars->data()->at(i)->value;
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
        CAPTURE(results[i].systemId);
        CHECK(totals->data()->at(static_cast<int>(i))->value == doctest::Approx(units::inKgCo2e(results[i].total)));
        CHECK(shares[i] == doctest::Approx(100.0));
    }
    // The two panels share their left and right edges; the lower one names the systems.
    CHECK(plot.axisRect(0)->left() == plot.axisRect(1)->left());
    CHECK(plot.axisRect(0)->right() == plot.axisRect(1)->right());
    CHECK_FALSE(plot.xAxis->tickLabels());
    // Drawn again as stacked bars, the plot is back to one axis rect.
    draw(plot, results, 3.5);
    CHECK(plot.axisRectCount() == 1);
}

TEST_CASE("chart --bar-style: share and linear-stacked draw, a wrong word or view is a usage error") {
    const fs::path dir = fs::temp_directory_path() / ("tinyfoot-bar-style-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json";
    for (const char* style : {"log-stacked", "linear-stacked", "share"}) {
        CAPTURE(style);
        const auto r = runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart", study, "--out",
                                                 (dir / (std::string(style) + ".svg")).string(), "--bar-style", style});
        CHECK(r.exitCode == 0);
    }
    const auto bad = runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart", study, "--out",
                                               (dir / "bad.svg").string(), "--bar-style", "pie"});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.find("log-stacked, linear-stacked or share") != std::string::npos);
    const auto both = runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart", study, "--out",
                                                (dir / "both.svg").string(), "--bar-style", "log-stacked", "--linear"});
    CHECK(both.exitCode == 2);
    const auto fleet =
        runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart",
                                  std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-fleet-250bn.json",
                                  "--view", "fleet", "--out", (dir / "fleet.svg").string(), "--bar-style", "share"});
    CHECK(fleet.exitCode == 2);
    const auto help = runProcess(TINYFOOT_CLI, {"help", "chart"});
    CHECK(help.out.find("--bar-style") != std::string::npos);
}
