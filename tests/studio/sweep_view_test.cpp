// The studio's Sweep view with real Qt (offscreen): the study's sweeps as a line per system or a
// heat map, with the engine's sweep CSV beside them; the views follow an edit only when shown; a
// what-if's share is an undoable edit of the analysis.
#include "impact_view.h"
#include "input_distribution_dialog.h"
#include "main_window.h"
#include "study_views.h"
#include "sweep_view.h"

#include "run_process.h"
#include "studio_support.h"

#include "tinyfoot/engine/report/study_report.h"

#include <doctest/doctest.h>

#include <qcustomplot.h>

#include <QApplication>
#include <QTableWidget>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace tinyfoot;
using namespace tinyfoot::studio;

namespace {

struct SweepFixture {
    SweepFixture() : data(app::loadStudyData(TINYFOOT_SOURCE_ROOT, test::library().library)) { test::qtApp(); }
    static QString uncertaintyStudy() { return test::presetFile("studies/paper-uncertainty.json"); }
    study::StudyData data;
};

std::string readText(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The value of `metric` for system `system` at x (and y) of a sweep's rows; NaN when absent.
double valueAt(const study::SweepReport& r, const std::string& system, const std::string& metric, double x,
               double y = 0.0) {
    const auto s = static_cast<std::size_t>(std::find(r.systems.begin(), r.systems.end(), system) - r.systems.begin());
    for (const auto& p : r.rows)
        if (p.system == s && p.metric == metric && p.x == x && (!r.y || p.y == y)) return p.value;
    return std::nan("");
}

} // namespace

TEST_CASE_FIXTURE(SweepFixture, "the Sweep view draws a one-parameter sweep as a line per system and saves the "
                                "CSV `tinyfoot sweep` writes") {
    StudyDocument doc(test::library().library);
    REQUIRE(doc.open(uncertaintyStudy()).succeeded());
    StudyViews views(doc, test::library().library, data);
    SweepView& sweep = views.sweepView();
    REQUIRE(sweep.setSweep(QStringLiteral("use-power")));
    CHECK(sweep.sweeps() == QStringList{QStringLiteral("use-power"), QStringLiteral("lifetime-by-grid")});
    const auto report = sweep.report();
    REQUIRE(report);
    CHECK(report->x.values.size() == 9); // 0.01 .. 100 mW, 9 steps, log
    CHECK(sweep.metric() == QStringLiteral("total_kg_co2e"));
    QCustomPlot& plot = views.plot(StudyViews::Sweep);
    CHECK(plot.graphCount() == static_cast<int>(report->systems.size()));
    CHECK(plot.xAxis->scaleType() == QCPAxis::stLogarithmic); // four decades of power
    // More use-stage power, more kg: the last point of each line is above its first.
    const QCPGraph* first = plot.graph(0);
    REQUIRE(first->data()->size() == 9);
    CHECK(first->data()->at(8)->value > first->data()->at(0)->value);

    // "Save CSV": the engine's sweep CSV, byte for byte what the command line writes.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString csv = dir.filePath(QStringLiteral("use-power.csv"));
    REQUIRE(sweep.saveCsv(csv).succeeded());
    const std::string saved = readText(csv);
    CHECK(saved == report::sweepCsv(*report));
    CHECK(saved.rfind("sweep,point,x_parameter,x_value,x_unit,", 0) == 0);
    const auto cli = test::runProcess(
        TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "sweep", uncertaintyStudy().toStdString(), "--id", "use-power"});
    CHECK(cli.exitCode == 0);
    CHECK(cli.out == saved);
    // The figure exported from the view carries the same CSV.
    CHECK(views.figure(StudyViews::Sweep).csv() == saved);
    CHECK(sweep.saveCsv(dir.filePath(QStringLiteral("no/such/folder/x.csv"))).failed());
}

TEST_CASE_FIXTURE(SweepFixture, "a two-parameter sweep is a heat map of the chosen system, one cell per pair") {
    StudyDocument doc(test::library().library);
    REQUIRE(doc.open(uncertaintyStudy()).succeeded());
    StudyViews views(doc, test::library().library, data);
    SweepView& sweep = views.sweepView();
    REQUIRE(sweep.setSweep(QStringLiteral("lifetime-by-grid")));
    const auto report = sweep.report();
    REQUIRE(report);
    REQUIRE(report->y);
    REQUIRE(sweep.setSystem(QStringLiteral("image-worst")));
    QCustomPlot& plot = views.plot(StudyViews::Sweep);
    REQUIRE(plot.plottableCount() == 1);
    auto* map = qobject_cast<QCPColorMap*>(plot.plottable(0));
    REQUIRE(map);
    CHECK(map->data()->keySize() == 5);   // lifetimes 1, 2, 3, 5, 10 years
    CHECK(map->data()->valueSize() == 4); // grids 0.03 .. 0.71 kg CO2e/kWh
    CHECK(map->colorScale() != nullptr);
    // Cell (3, 2) is 5 years on the 0.394 kg/kWh grid.
    const double expected = valueAt(*report, "image-worst", "total_kg_co2e", 5.0, 0.394);
    REQUIRE(expected > 0.0);
    CHECK(map->data()->cell(3, 2) == doctest::Approx(expected));
    // Longer and dirtier costs more for a device that uses power.
    CHECK(map->data()->cell(4, 3) > map->data()->cell(0, 0));
    // Another system, another map.
    REQUIRE(sweep.setSystem(QStringLiteral("kws-best")));
    map = qobject_cast<QCPColorMap*>(views.plot(StudyViews::Sweep).plottable(0));
    REQUIRE(map);
    CHECK(map->data()->cell(3, 2) == doctest::Approx(valueAt(*report, "kws-best", "total_kg_co2e", 5.0, 0.394)));
    CHECK(map->data()->cell(3, 2) < expected);
}

TEST_CASE_FIXTURE(SweepFixture, "hidden views recompute when they are shown, not on every edit") {
    QTemporaryDir autosave;
    REQUIRE(autosave.isValid());
    MainWindow w(test::library().library, data, autosave.path());
    REQUIRE(w.openFile(uncertaintyStudy()));
    w.resize(1280, 800);
    w.show();
    QApplication::processEvents();
    w.centralTabs().setCurrentIndex(0); // the footprint
    StudyViews& views = w.studyViews();
    views.setCurrentView(StudyViews::Fleet);
    const int fleet = views.refreshes(StudyViews::Fleet);
    const int sweep = views.refreshes(StudyViews::Sweep);

    // Three edits with the study views hidden: none of them recomputes a study view.
    for (bool on : {false, true, false}) w.document().setComponentEnabled(0, 0, on);
    CHECK(views.refreshes(StudyViews::Fleet) == fleet);
    CHECK(views.refreshes(StudyViews::Sweep) == sweep);
    CHECK_FALSE(views.upToDate(StudyViews::Fleet));
    CHECK_FALSE(views.upToDate(StudyViews::Sweep));
    CHECK_FALSE(w.impactView().upToDate());

    // Shown, the current tab recomputes once; the other tabs wait for their turn.
    w.centralTabs().setCurrentWidget(&views);
    CHECK(views.upToDate(StudyViews::Fleet));
    CHECK(views.refreshes(StudyViews::Fleet) == fleet + 1);
    CHECK_FALSE(views.upToDate(StudyViews::Sweep));
    CHECK_FALSE(views.upToDate(StudyViews::Growth));
    // An edit while a tab is on screen updates it at once; the hidden footprint waits.
    w.document().setComponentEnabled(0, 0, true);
    CHECK(views.refreshes(StudyViews::Fleet) == fleet + 2);
    views.setCurrentView(StudyViews::Sweep);
    CHECK(views.upToDate(StudyViews::Sweep));
    CHECK(views.refreshes(StudyViews::Sweep) == sweep + 1);
    REQUIRE(views.sweepView().report());
    CHECK_FALSE(views.sweepView().report()->rows.empty());
}

TEST_CASE_FIXTURE(SweepFixture, "a what-if's share is edited in its cell through the undo stack") {
    StudyDocument doc(test::library().library);
    REQUIRE(doc.open(test::presetFile("studies/paper-fleet-250bn.json")).succeeded());
    StudyViews views(doc, test::library().library, data);
    QTableWidget& table = views.whatIfTable();
    REQUIRE(table.rowCount() == 9); // three systems, three what-ifs
    CHECK(table.item(0, 2)->text() == QStringLiteral("20"));
    CHECK(table.item(0, 2)->flags().testFlag(Qt::ItemIsEditable));
    CHECK_FALSE(table.item(0, 6)->flags().testFlag(Qt::ItemIsEditable));
    const double savings20 = units::inKgCo2e(views.fleetReport()->whatIfs[0][0].savings);
    const int steps = doc.undoStack().count();

    // Typing 10 in the first system's residential row sets that what-if for every system.
    table.item(0, 2)->setText(QStringLiteral("10"));
    CHECK(doc.undoStack().count() == steps + 1);
    CHECK(nlohmann::json::parse(doc.study().analysisJson)["net"]["what_ifs"][0]["share_percent"] == 10);
    const auto& whatIfs = views.fleetReport()->whatIfs;
    CHECK(whatIfs[0][0].sharePercent == 10.0);
    CHECK(whatIfs[2][0].sharePercent == 10.0);
    CHECK(units::inKgCo2e(whatIfs[0][0].savings) == doctest::Approx(savings20 / 2)); // savings ∝ share
    CHECK(views.whatIfTable().item(3, 2)->text() == QStringLiteral("10"));

    // A share the engine refuses is not taken: the cell goes back and the status says why.
    views.whatIfTable().item(4, 2)->setText(QStringLiteral("150"));
    CHECK(doc.undoStack().count() == steps + 1);
    CHECK(views.status().contains(QStringLiteral("share_percent")));
    CHECK(views.whatIfTable().item(4, 2)->text() == QStringLiteral("0.6"));

    doc.undoStack().undo();
    CHECK(views.fleetReport()->whatIfs[0][0].sharePercent == 20.0);
}

TEST_CASE_FIXTURE(SweepFixture, "an input's distribution is set, replaced and given back through the undo stack") {
    StudyDocument doc(test::library().library);
    REQUIRE(doc.open(uncertaintyStudy()).succeeded());
    StudyViews views(doc, test::library().library, data);
    const std::string original = doc.study().analysisJson;
    const auto inputs = [&] { return nlohmann::json::parse(doc.study().analysisJson)["uncertainty"]["inputs"]; };
    const auto entry = [&](const std::string& key) {
        for (const auto& e : inputs())
            if (e["input"] == key) return e;
        return nlohmann::json();
    };
    REQUIRE(inputs().size() == 3);

    // Replace the lifetime's distribution: one undo step, the engine reads it.
    const auto lifetime =
        nlohmann::json::parse(R"({"distribution": "uniform", "unit": "year", "lower": 1, "upper": 4})");
    REQUIRE(views.setInputDistribution("lifetime", lifetime).succeeded());
    CHECK(entry("lifetime")["lower"] == 1);
    CHECK(entry("lifetime")["upper"] == 4);
    CHECK(inputs().size() == 3);
    // A new input, then back to its family's default.
    const auto die = nlohmann::json::parse(R"({"distribution": "triangular", "relative": true, "lower": 0.5,
                                               "mode": 1, "upper": 2})");
    REQUIRE(views.setInputDistribution("factor:grid.us_egrid2022_consumed", die).succeeded());
    CHECK(inputs().size() == 4);
    REQUIRE(views.setInputDistribution("factor:grid.us_egrid2022_consumed", nullptr).succeeded());
    CHECK(inputs().size() == 3);

    // What the engine refuses is not taken, with its reason.
    const int steps = doc.undoStack().count();
    const OperationResult unknown = views.setInputDistribution("no_such/input", lifetime);
    CHECK(unknown.failed());
    CHECK(unknown.message().contains(QStringLiteral("no_such/input")));
    const OperationResult wrongUnit = views.setInputDistribution(
        "lifetime", nlohmann::json::parse(R"({"distribution": "uniform", "unit": "kg", "lower": 1, "upper": 4})"));
    CHECK(wrongUnit.failed());
    CHECK(views
              .setInputDistribution("lifetime", nlohmann::json::parse(R"({"distribution": "uniform", "unit": "year",
                                                                            "lower": 4, "upper": 1})"))
              .failed());
    CHECK(doc.undoStack().count() == steps);

    // Three undos: the study's analysis as it was, byte for byte.
    for (int i = 0; i < 3; ++i) doc.undoStack().undo();
    CHECK(doc.study().analysisJson == original);
}

TEST_CASE("the input-distribution dialog shows an input's entry and writes what its fields say") {
    test::qtApp();
    std::vector<std::pair<std::string, nlohmann::json>> written;
    const auto entries = nlohmann::json::parse(
        R"([{"input": "lifetime", "distribution": "uniform", "unit": "year", "lower": 2, "upper": 5}])");
    InputDistributionDialog dialog({{"lifetime", "year"}, {"use_stage/power", "mW"}}, entries,
                                   [&](const std::string& key, const nlohmann::json& spec) {
                                       written.emplace_back(key, spec);
                                       return OperationResult::success();
                                   });
    // The dialog opens on the first input with its entry; applied unchanged, it writes it back.
    REQUIRE(dialog.apply().succeeded());
    REQUIRE(written.size() == 1);
    CHECK(written[0].first == "lifetime");
    CHECK(written[0].second ==
          nlohmann::json::parse(R"({"distribution": "uniform", "unit": "year", "lower": 2.0, "upper": 5.0})"));
    dialog.setFields(QStringLiteral("use_stage/power"), QStringLiteral("triangular"), true, {}, {0.5, 1, 2});
    REQUIRE(dialog.apply().succeeded());
    CHECK(written[1].first == "use_stage/power");
    CHECK(written[1].second == nlohmann::json::parse(
                                   R"({"distribution": "triangular", "relative": true, "lower": 0.5, "mode": 1.0,
                                       "upper": 2.0})"));
    dialog.setFields(QStringLiteral("use_stage/power"), QStringLiteral("default"), false, {}, {});
    REQUIRE(dialog.apply().succeeded());
    CHECK(written[2].second.is_null());
    // A value that is not a number is refused before anything is written.
    dialog.setFields(QStringLiteral("lifetime"), QStringLiteral("normal"), false, QStringLiteral("year"), {});
    CHECK(dialog.apply().failed());
    CHECK(written.size() == 3);
}
