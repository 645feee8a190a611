// The studio's study views with real Qt (offscreen): fleet, growth and what-ifs follow the
// study; Monte Carlo and sensitivity run on a worker thread that reports progress, can be
// cancelled, and whose results are discarded when the study changes under them; the run
// settings are undoable edits of the study's analysis.
#include "component_editor.h"
#include "main_window.h"
#include "study_views.h"

#include "tinyfoot/engine/writer.h"

#include "studio_support.h"

#include <doctest/doctest.h>

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <filesystem>

using namespace tinyfoot;
using namespace tinyfoot::studio;

namespace {

struct Fixture {
    Fixture() : data(app::loadStudyData(TINYFOOT_SOURCE_ROOT, loaded().library)) { test::qtApp(); }
    static const app::LoadedLibrary& loaded() { return test::library(); }
    static QString studyFile(const char* name) { return test::presetFile(std::string("studies/") + name); }
    study::StudyData data;
};

/// Runs the event loop until the job has finished (or `ms` pass); returns the turns taken.
int waitForRun(StudyViews& views, int ms = 60000) {
    QElapsedTimer t;
    t.start();
    int turns = 0;
    while (views.isRunning() && t.elapsed() < ms) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        ++turns;
    }
    QApplication::processEvents();
    return turns;
}

} // namespace

TEST_CASE_FIXTURE(Fixture, "the 250 bn fleet study shows 1,765 Mt for the worst case and its sector what-ifs") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-fleet-250bn.json")).succeeded());
    StudyViews views(doc, loaded().library, data);
    REQUIRE(views.fleetReport());
    const auto& fleets = views.fleetReport()->fleets;
    REQUIRE(fleets.size() == 3);
    CHECK(fleets[2].systemId == "image-worst");
    CHECK(std::round(units::inKgCo2e(fleets[2].total) / 1e9) == 1765.0); // [P] 250e9 x 7.06 kg
    CHECK(views.plot(StudyViews::Fleet).graphCount() == 3);              // one line per system
    // Three what-ifs for each of the three systems.
    CHECK(views.whatIfTable().rowCount() == 9);
    CHECK(views.whatIfTable().item(0, 1)->toolTip().contains(QStringLiteral("http")));
    // The study's growth table: the paper's two curves.
    CHECK(views.plot(StudyViews::Growth).graphCount() >= 2);
    CHECK_FALSE(views.figure(StudyViews::Fleet).csv().empty());
}

TEST_CASE_FIXTURE(Fixture, "the fleet size is an undoable edit of the study's analysis, merged while typing") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-fleet-250bn.json")).succeeded());
    StudyViews views(doc, loaded().library, data);
    const std::string original = studyToJson(doc.study());
    const double before = units::inKgCo2e(views.fleetReport()->fleets[2].total);
    views.setFleetDevices(25e9);
    views.setFleetDevices(2.5e9); // typing on: the same undo step
    CHECK(doc.undoStack().count() == 1);
    CHECK(units::inKgCo2e(views.fleetReport()->fleets[2].total) == doctest::Approx(before / 100).epsilon(1e-9));
    views.setHorizonYears(5); // another setting: a step of its own
    CHECK(doc.undoStack().count() == 2);
    CHECK(doc.isModified());
    doc.undoStack().undo();
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);
    CHECK(units::inKgCo2e(views.fleetReport()->fleets[2].total) == doctest::Approx(before));
    doc.undoStack().redo();
    CHECK(units::inKgCo2e(views.fleetReport()->fleets[2].total) == doctest::Approx(before / 100).epsilon(1e-9));
}

TEST_CASE_FIXTURE(Fixture, "a study without a fleet says so, and gets one from the number of devices") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-comparison.json")).succeeded());
    StudyViews views(doc, loaded().library, data);
    CHECK(views.plot(StudyViews::Fleet).graphCount() == 0);
    CHECK(views.status().contains(QStringLiteral("no fleet")));
    CHECK_FALSE(views.figure(StudyViews::Fleet));
    // Without a growth table of its own, the growth view shows the curves of data/growth.
    CHECK(views.plot(StudyViews::Growth).graphCount() >= 2);
    views.setFleetDevices(1e6);
    REQUIRE(views.fleetReport());
    CHECK(views.fleetReport()->fleets.size() == doc.study().systems.size());
    CHECK(views.plot(StudyViews::Fleet).graphCount() == static_cast<int>(doc.study().systems.size()));
    // A value the engine refuses is not pushed.
    const int steps = doc.undoStack().count();
    views.setHorizonYears(0);
    CHECK(doc.undoStack().count() == steps);
}

TEST_CASE_FIXTURE(Fixture, "Monte Carlo runs off the GUI thread with progress, and its error bars follow") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-uncertainty.json")).succeeded());
    StudyViews views(doc, loaded().library, data);
    views.setCurrentView(StudyViews::Uncertainty);
    views.setSamples(200000);
    int progressCalls = 0;
    views.runUncertainty();
    REQUIRE(views.job());
    QObject::connect(views.job(), &AnalysisJob::progress, [&] { ++progressCalls; });
    CHECK(views.isRunning()); // the call returned while the run goes on
    const int turns = waitForRun(views);
    CHECK(turns > 0); // the event loop kept turning during the run
    CHECK(progressCalls > 0);
    REQUIRE(views.uncertaintyReport());
    const auto& r = views.uncertaintyReport()->result;
    CHECK(r.samples == 200000);
    CHECK_FALSE(r.partial);
    CHECK(views.plot(StudyViews::Uncertainty).plottableCount() > 0);
    CHECK(views.status().contains(QStringLiteral("200")));
    views.setCurrentView(StudyViews::Distribution);
    CHECK(views.plot(StudyViews::Distribution).plottableCount() > 0);
    CHECK(views.metrics().contains(QStringLiteral("image-worst total")));
    REQUIRE(views.setMetric(QStringLiteral("image-worst total")));
    const std::string csv = views.figure(StudyViews::Distribution).csv();
    CHECK(csv.find("image-worst total") != std::string::npos);
    CHECK(csv.find("kws-best total") == std::string::npos); // the chosen metric's histogram only
    CHECK_FALSE(views.setMetric(QStringLiteral("no such metric")));
}

TEST_CASE_FIXTURE(Fixture, "Monte Carlo and sensitivity run in an impact category or the single score when chosen") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-uncertainty.json")).succeeded());
    StudyViews views(doc, loaded().library, data);
    views.setCurrentView(StudyViews::Uncertainty);
    views.setSamples(2000);
    CHECK(views.impactCategory() == QStringLiteral("co2e"));
    REQUIRE(views.setImpactCategory(QStringLiteral("adpe")));
    CHECK_FALSE(views.setImpactCategory(QStringLiteral("gwp"))); // CO2e is "co2e"
    views.runUncertainty();
    waitForRun(views);
    REQUIRE(views.uncertaintyReport());
    CHECK(views.uncertaintyReport()->metrics.front().unit == "kg_sb_eq");
    // The figure's axis names the unit.
    CHECK(views.plot(StudyViews::Uncertainty).yAxis->label().contains(QStringLiteral("kg Sb eq.")));
    // Another choice makes the results out of date until run again.
    REQUIRE(views.setImpactCategory(QStringLiteral("single-score")));
    CHECK(views.resultsOutOfDate());
    views.setCurrentView(StudyViews::Tornado);
    views.setSamples(256); // Sobol evaluates every category for the single score
    views.runSensitivity();
    waitForRun(views);
    REQUIRE(views.sensitivityReport());
    CHECK(views.sensitivityReport()->metrics.front().unit == "Pt");
    REQUIRE(views.setImpactCategory(QStringLiteral("co2e")));
    views.setCurrentView(StudyViews::Uncertainty);
    views.runUncertainty();
    waitForRun(views);
    CHECK(views.uncertaintyReport()->metrics.front().unit == "kg_co2e");
}

namespace {
/// The error bars drawn for the graph named `name` (the Differences figure's paired or independent
/// intervals), in the order the pairs were added.
std::vector<double> intervalWidths(QCustomPlot& plot, const QString& name) {
    std::vector<double> widths;
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPErrorBars*>(plot.plottable(i)))
            if (bars->dataPlottable() && bars->dataPlottable()->name() == name)
                for (const auto& e : *bars->data()) widths.push_back(e.errorMinus + e.errorPlus);
    return widths;
}
} // namespace

TEST_CASE_FIXTURE(Fixture, "the Differences tab: each pair's paired interval beside the independent one, "
                           "differences or ratios, compared when shown") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-uncertainty.json")).succeeded());
    StudyViews views(doc, loaded().library, data);
    CHECK(StudyViews::viewShowing(charts::FigureView::Difference) == StudyViews::Differences);
    views.setCurrentView(StudyViews::Uncertainty);
    views.setSamples(20000);
    views.runUncertainty();
    waitForRun(views);
    REQUIRE(views.uncertaintyReport());
    // Not compared until the tab (or an export) asks: the run alone does not.
    CHECK(views.differences() == nullptr);
    CHECK_FALSE(views.upToDate(StudyViews::Differences));
    views.setCurrentView(StudyViews::Differences);
    QCustomPlot& plot = views.plot(StudyViews::Differences); // as showing it does
    CHECK(views.upToDate(StudyViews::Differences));
    REQUIRE(views.differences());
    const auto& cmp = *views.differences();
    REQUIRE(cmp.size() == 3); // the study's three pairs
    CHECK(cmp[2].a == "image-worst");
    CHECK(cmp[2].b == "kws-best");

    const auto paired = intervalWidths(plot, QStringLiteral("paired (CRN)"));
    const auto independent = intervalWidths(plot, QStringLiteral("independent runs"));
    REQUIRE(paired.size() == 3);
    REQUIRE(independent.size() == 3);
    // kws-best vs image-worst: the paired interval is the narrower (about 2.5 times), as drawn.
    CHECK(paired[2] > 0.0);
    CHECK(independent[2] > 1.5 * paired[2]);
    CHECK(paired[2] == doctest::Approx(cmp[2].paired.back().second - cmp[2].paired.front().second));
    CHECK(plot.xAxis->label().startsWith(QStringLiteral("A \u2212 B")));

    // The selector: the ratios, drawn the same two ways, with a line at 1.
    const int before = views.refreshes(StudyViews::Differences);
    views.setDifferenceRatio(true);
    CHECK(views.differenceRatio());
    QCustomPlot& ratios = views.plot(StudyViews::Differences);
    CHECK(views.refreshes(StudyViews::Differences) == before + 1);
    CHECK(ratios.xAxis->label().startsWith(QStringLiteral("A / B")));
    const auto pairedRatio = intervalWidths(ratios, QStringLiteral("paired (CRN)"));
    const auto independentRatio = intervalWidths(ratios, QStringLiteral("independent runs"));
    REQUIRE(pairedRatio.size() == 3);
    REQUIRE(independentRatio.size() == 3);
    CHECK(independentRatio[2] > 1.5 * pairedRatio[2]);

    // Exported as the other views: the same figure and the differences table as its data.
    const charts::Figure f = views.figure(StudyViews::Differences);
    REQUIRE(f);
    CHECK(f.title.startsWith(QStringLiteral("Ratios")));
    const std::string csv = f.csv();
    CHECK(csv.find("image-worst,kws-best,difference,paired,") != std::string::npos);
    CHECK(csv.find("image-worst,kws-best,ratio,independent,") != std::string::npos);

    // An edit marks the results out of date but does not compare again; a new run does when shown.
    views.setSeed(7);
    CHECK(views.resultsOutOfDate());
    CHECK(views.differences() != nullptr);
    views.setCurrentView(StudyViews::Uncertainty);
    views.runUncertainty();
    waitForRun(views);
    CHECK(views.differences() == nullptr);
    views.setCurrentView(StudyViews::Differences);
    views.plot(StudyViews::Differences);
    CHECK(views.differences() != nullptr);
}

TEST_CASE_FIXTURE(Fixture, "Cancel stops a long run with partial statistics; an edit during a run discards it") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-uncertainty.json")).succeeded());
    StudyViews views(doc, loaded().library, data);
    views.setCurrentView(StudyViews::Uncertainty);
    views.setSamples(100000000);
    views.runUncertainty();
    REQUIRE(views.job());
    QTimer::singleShot(200, [&] { views.cancelRun(); });
    waitForRun(views);
    REQUIRE(views.uncertaintyReport());
    CHECK(views.uncertaintyReport()->result.partial);
    CHECK(views.uncertaintyReport()->result.samples < 100000000);
    CHECK(views.status().contains(QStringLiteral("partial")));

    views.runUncertainty();
    const auto before = views.uncertaintyReport()->result.samples;
    doc.setComponentEnabled(0, 0, false); // the study changes under the run
    waitForRun(views);
    CHECK(views.status().contains(QStringLiteral("changed")));
    CHECK(views.uncertaintyReport()->result.samples == before); // the old result stays, marked out of date
    CHECK(views.resultsOutOfDate());
}

TEST_CASE_FIXTURE(Fixture, "the default distributions are study settings too, and change what Monte Carlo gives") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-uncertainty.json")).succeeded()); // hsl: triangular_at_bound
    StudyViews views(doc, loaded().library, data);
    views.setCurrentView(StudyViews::Uncertainty);
    views.setSamples(20000);
    const auto medianOfKwsBest = [&] {
        views.runUncertainty();
        waitForRun(views);
        REQUIRE(views.uncertaintyReport());
        for (const auto& m : views.uncertaintyReport()->result.metrics)
            if (m.name == "kws-best total") return m.histogram.percentile(50);
        FAIL("no kws-best total");
        return 0.0;
    };
    const double atBound = medianOfKwsBest();
    views.setHslDistribution(QStringLiteral("fixed"));
    CHECK(doc.study().analysisJson.find("\"hsl\":\"fixed\"") != std::string::npos);
    const double fixedHsl = medianOfKwsBest();
    CHECK(fixedHsl < atBound); // the best case's HSL quantities no longer spread upwards from their lower bound
    views.setFactorDistribution(QStringLiteral("normal"));
    CHECK(doc.undoStack().count() == 3);                         // samples, HSL, factors: a step each
    views.setFactorDistribution(QStringLiteral("no-such-kind")); // refused by the engine: nothing pushed
    CHECK(doc.undoStack().count() == 3);
    CHECK_FALSE(views.status().isEmpty());
}

TEST_CASE_FIXTURE(Fixture, "sensitivity gives a tornado and Sobol indices for the chosen metric") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(studyFile("paper-uncertainty.json")).succeeded());
    StudyViews views(doc, loaded().library, data);
    views.setCurrentView(StudyViews::Tornado);
    views.setSamples(1024);
    views.runSensitivity();
    waitForRun(views);
    REQUIRE(views.sensitivityReport());
    REQUIRE(views.sensitivityReport()->sobol);
    CHECK_FALSE(views.sensitivityReport()->tornado.empty());
    CHECK(views.sensitivityReport()->sobol->samples == 1024);
    CHECK(views.plot(StudyViews::Tornado).plottableCount() > 0);
    CHECK(views.plot(StudyViews::Sobol).plottableCount() > 0);
    CHECK(views.figure(StudyViews::Sobol).csv().find("sobol") != std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "tornado and Sobol on a system of physical models rank its parameters, compiled") {
    StudyDocument doc(loaded().library);
    REQUIRE(doc.open(QString::fromStdString(
                         (std::filesystem::path(TINYFOOT_SOURCE_ROOT) / "tests/data/studies/physical-sensitivity.json")
                             .string()))
                .succeeded());
    StudyViews views(doc, loaded().library, data);
    views.setCurrentView(StudyViews::Tornado);
    views.setSamples(1024);
    views.runSensitivity();
    waitForRun(views);
    const auto report = views.sensitivityReport();
    REQUIRE(report);
    CHECK_FALSE(report->recalculated); // the physical models run compiled
    REQUIRE_FALSE(report->tornado.empty());
    REQUIRE(report->tornado.front().bars.size() >= 5);
    // The battery's capacity leads; the die area and the training parameters are ranked among
    // the rest (the CLI's golden ranking of the same study).
    std::vector<std::string> keys;
    for (const auto& bar : report->tornado.front().bars) keys.push_back(bar.key);
    CHECK(keys.front() == "power_supply/capacity");
    CHECK(std::find(keys.begin(), keys.end(), "processing/dies/0/area") != keys.end());
    CHECK(std::find(keys.begin(), keys.end(), "ml_training/devices") != keys.end());
    REQUIRE(report->sobol);
    REQUIRE_FALSE(report->sobol->outputs.empty());
    // Sobol ranks the same parameters: the battery's capacity has the largest total index.
    const auto& indices = report->sobol->outputs.front().indices;
    const auto top = std::max_element(indices.begin(), indices.end(),
                                      [](const auto& a, const auto& b) { return a.total < b.total; });
    REQUIRE(top != indices.end());
    CHECK(top->key == "power_supply/capacity");
    CHECK(views.plot(StudyViews::Tornado).plottableCount() > 0);
    CHECK(views.plot(StudyViews::Sobol).plottableCount() > 0);
}

TEST_CASE_FIXTURE(Fixture, "the main window: study views beside the chart, the editor on the selection, "
                           "the figure of the view on screen, recent files, autosave, the About box") {
    QTemporaryDir autosave;
    REQUIRE(autosave.isValid());
    MainWindow w(loaded().library, data, autosave.path());
    REQUIRE(w.openFile(studyFile("paper-fleet-250bn.json")));
    CHECK(w.recentFiles().files().value(0).endsWith(QStringLiteral("paper-fleet-250bn.json")));
    CHECK(w.centralTabs().count() == 3); // footprint, study views, impact categories
    CHECK(w.studyViews().fleetReport() != nullptr);

    // The editor follows the selection.
    w.select(2, 3);
    CHECK(w.editor().system() == 2);
    CHECK(w.editor().component() == 3);

    // Export takes the figure on screen: the footprint, or the current study view once it has one.
    auto footprint = w.currentFigure();
    REQUIRE(footprint);
    QCustomPlot plot;
    plot.resize(252, 187);
    footprint.draw(plot, charts::ChartOptions{});
    CHECK(plot.plottableCount() > 5);
    CHECK(footprint.csv().find("image-worst") != std::string::npos);
    w.centralTabs().setCurrentIndex(1);
    w.studyViews().setCurrentView(StudyViews::Fleet);
    REQUIRE(w.currentFigure());
    w.currentFigure().draw(plot, charts::ChartOptions{});
    CHECK(plot.graphCount() == 3);
    w.studyViews().setCurrentView(StudyViews::Tornado);
    CHECK_FALSE(w.currentFigure()); // not run yet: nothing to export

    // An edit is autosaved into the window's folder; undoing back to the saved state removes it.
    w.document().setComponentEnabled(0, 0, false);
    CHECK(w.autosaver().autosaveNow().succeeded());
    CHECK(QFileInfo::exists(w.autosaver().autosaveFile()));
    w.document().undoStack().undo();
    QApplication::processEvents();
    CHECK_FALSE(QFileInfo::exists(w.autosaver().autosaveFile()));

    // Hovering the footprint chart: the segment's system, block, kg and where they come from.
    REQUIRE(w.openFile(
        QString::fromStdString(std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json")));
    w.centralTabs().setCurrentIndex(0);
    w.resize(1280, 800);
    w.show();
    QApplication::processEvents();
    w.chart().replot();
    const QPoint mlTraining(static_cast<int>(w.chart().xAxis->coordToPixel(1.0)),
                            static_cast<int>(w.chart().yAxis->coordToPixel(0.03))); // kws-best, 0.01 .. 0.11
    const QString tip = w.chartTooltipAt(mlTraining);
    CHECK(tip.contains(QStringLiteral("ML training")));
    CHECK(tip.contains(QStringLiteral("0.100 kg CO2e")));
    CHECK(tip.contains(QStringLiteral("training.densenet")));
    const QPoint aboveTheBar(mlTraining.x(), static_cast<int>(w.chart().yAxis->coordToPixel(300.0)));
    CHECK(w.chartTooltipAt(aboveTheBar).isEmpty());
    w.document().undoStack().clear();

    const QString about = aboutText(loaded().library);
    for (const auto& set : loaded().library.factorSets) CHECK(about.contains(QString::fromStdString(set.id)));
    CHECK(about.contains(QStringLiteral("CC BY 4.0")));
    CHECK(about.contains(QStringLiteral("Open Government Licence")));
}
