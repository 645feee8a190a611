// The studio's document, undo commands and item model, with real Qt on the offscreen platform.
#include "comparison_model.h"
#include "component_model.h"
#include "main_window.h"
#include "study_document.h"

#include "run_process.h"

#include "tinyfoot/engine/writer.h"

#include "studio_support.h"

#include <doctest/doctest.h>

#include <qcustomplot.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTableWidget>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace tinyfoot;
using namespace tinyfoot::studio;
namespace fs = std::filesystem;

using tinyfoot::test::library;
using tinyfoot::test::qtApp;

namespace {

QString comparison() {
    return QString::fromStdString(std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json");
}

fs::path temp(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("tinyfoot-studio-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d / name;
}

} // namespace

TEST_CASE("the paper comparison opens with the five paper systems' totals") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    REQUIRE(doc.results().size() == 7);
    const double expected[] = {0.89, 2.66, 2.67, 3.41, 7.06};
    for (int i = 0; i < 5; ++i)
        CHECK(std::round(units::inKgCo2e(doc.results()[static_cast<std::size_t>(i)].total) * 100) / 100 ==
              doctest::Approx(expected[i]));
    CHECK_FALSE(doc.isModified());
}

TEST_CASE("every undo command round-trips: redo then undo gives the original study") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const std::string original = studyToJson(doc.study());
    // Leave a component out.
    doc.setComponentEnabled(0, 2, false);
    CHECK(doc.isModified());
    CHECK(studyToJson(doc.study()) != original);
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);
    doc.undoStack().redo();
    CHECK_FALSE(doc.study().systems[0].components[2].enabled);
    doc.undoStack().undo();
    // Pick another HSL option (the calculator's cards).
    std::size_t hsl = 0;
    while (doc.study().systems[1].components[hsl].method != Method::Hsl) ++hsl;
    const double before = units::inKgCo2e(doc.results()[1].total);
    doc.setHslBound(1, hsl, Bound::Upper);
    CHECK(units::inKgCo2e(doc.results()[1].total) >= before);
    CHECK(doc.study().systems[1].presetId.empty()); // edited: no longer the preset
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);
    CHECK(doc.study().systems[1].presetId == "kws-typical");
    CHECK_FALSE(doc.isModified());
}

TEST_CASE("the component model passes QAbstractItemModelTester and edits through undo") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    ComponentModel model(doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSystem(0);
    CHECK(model.rowCount() == static_cast<int>(doc.study().systems[0].components.size()));
    const QModelIndex in = model.index(3, ComponentModel::Included);
    CHECK(model.data(in, Qt::CheckStateRole).toInt() == Qt::Checked);
    CHECK(model.setData(in, Qt::Unchecked, Qt::CheckStateRole));
    CHECK(model.data(model.index(3, ComponentModel::Included), Qt::CheckStateRole).toInt() == Qt::Unchecked);
    CHECK(doc.undoStack().count() == 1);
    CHECK_FALSE(model.data(model.index(0, ComponentModel::Kg), Qt::ToolTipRole).toString().isEmpty());
    model.setSystem(6); // the MacBook: a declared figure
    CHECK(model.rowCount() >= 1);
    doc.undoStack().undo();
}

TEST_CASE("save then load is lossless; a corrupt or foreign file is refused and the study untouched") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    doc.setComponentEnabled(2, 1, false);
    const QString file = QString::fromStdString(temp("saved.json").string());
    REQUIRE(doc.saveAs(file).succeeded());
    CHECK_FALSE(doc.isModified());
    StudyDocument again(library().library);
    REQUIRE(again.open(file).succeeded());
    CHECK(studyToJson(again.study()) == studyToJson(doc.study()));
    const std::string before = studyToJson(doc.study());
    std::ofstream(temp("corrupt.json")) << "{\"format\": \"tinyfoot.study\", \"version\": 1, \"id\": ";
    const OperationResult corrupt = doc.open(QString::fromStdString(temp("corrupt.json").string()));
    CHECK(corrupt.failed());
    CHECK(corrupt.message().contains(QStringLiteral("corrupt.json")));
    std::ofstream(temp("foreign.json")) << "{\"format\": \"something.else\"}";
    const OperationResult foreign = doc.open(QString::fromStdString(temp("foreign.json").string()));
    CHECK(foreign.failed());
    CHECK(foreign.message().contains(QStringLiteral("tinyfoot.study")));
    CHECK(studyToJson(doc.study()) == before);
    CHECK(doc.fileName() == file);
}

TEST_CASE("an interrupted save leaves the previous file intact") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const fs::path file = temp("keep.json");
    REQUIRE(doc.saveAs(QString::fromStdString(file.string())).succeeded());
    const std::string saved = tinyfoot::test::slurp(file.string());
    // The temporary file the save writes first cannot be created: the save fails, the file stays.
    const fs::path blocker = file.parent_path() / ".keep.json.tmp";
    fs::create_directories(blocker / "x"); // a non-empty directory where the temporary file goes
    doc.setComponentEnabled(0, 1, false);
    CHECK(doc.saveAs(QString::fromStdString(file.string())).failed());
    CHECK(tinyfoot::test::slurp(file.string()) == saved);
    CHECK(doc.isModified());
    fs::remove_all(blocker);
}

TEST_CASE("the main window shows the study, switches factor sets and refuses a bad drop") {
    qtApp();
    const fs::path autosave = temp("autosave");
    MainWindow w(library().library, {}, QString::fromStdString(autosave.string()));
    REQUIRE(w.document().open(comparison()).succeeded());
    w.show();
    CHECK(w.chart().plottableCount() > 5); // one stacked series per block
    const double paper = units::inKgCo2e(w.document().results()[4].total);
    w.document().setFactorSet(QStringLiteral("open-data"));
    CHECK(units::inKgCo2e(w.document().results()[4].total) < paper);
    w.document().undoStack().clear();
    w.close();
}

TEST_CASE("the comparison model: ratios to a chosen system and totals under the second factor set") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    ComparisonModel model(doc, library().library);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(model.rowCount() == 7);
    CHECK(model.otherFactorSet() == QStringLiteral("open-data"));
    model.setReference(0); // kws-best
    CHECK(model.data(model.index(0, ComparisonModel::Ratio), Qt::DisplayRole).toString() == QStringLiteral("1.00x"));
    CHECK(model.data(model.index(6, ComparisonModel::Ratio), Qt::DisplayRole).toString() == QStringLiteral("391x"));
    CHECK(model.data(model.index(4, ComparisonModel::Total), Qt::DisplayRole).toString() == QStringLiteral("7.060"));
    CHECK(model.data(model.index(4, ComparisonModel::OtherTotal), Qt::DisplayRole)
              .toString()
              .startsWith(QStringLiteral("6.2")));
    CHECK(model.data(model.index(5, ComparisonModel::Embodied), Qt::DisplayRole).toString() == QStringLiteral("n/a"));
    doc.setFactorSet(QStringLiteral("open-data"));
    CHECK(model.otherFactorSet() == QStringLiteral("paper-2023-backsolved"));
    CHECK(model.headerData(ComparisonModel::Total, Qt::Horizontal, Qt::DisplayRole)
              .toString()
              .contains(QStringLiteral("open-data")));
}

TEST_CASE("the impact-categories tab shows a chosen category per system, refreshed when shown; datasheets export") {
    qtApp();
    const fs::path autosave = temp("autosave-impacts");
    MainWindow w(library().library, {}, QString::fromStdString(autosave.string()));
    REQUIRE(w.document().open(comparison()).succeeded());
    w.show();
    ImpactView& view = w.impactView();
    CHECK_FALSE(view.setCategory(QStringLiteral("gwp")));
    REQUIRE(view.setCategory(QStringLiteral("adpe")));
    w.centralTabs().setCurrentWidget(&view);
    QTableWidget& table = view.table();
    REQUIRE(table.rowCount() == static_cast<int>(w.document().study().systems.size()));
    CHECK(table.item(0, 0)->text() == QStringLiteral("KWS best"));
    CHECK(table.item(0, 1)->text() == QStringLiteral("0.000209 *")); // training, freight, end of life: no figure
    CHECK(table.item(0, 6)->text().contains(QStringLiteral("transport")));
    // The Apple Watch is declared whole, in CO2e: no figure at all, not 0.
    const int last = table.rowCount() - 1;
    CHECK((table.item(last - 1, 1)->text() == QStringLiteral("no figure") ||
           table.item(last, 1)->text() == QStringLiteral("no figure")));
    REQUIRE(view.setCategory(QStringLiteral("wu")));
    CHECK(table.item(0, 4)->text() == QStringLiteral("no figure")); // no water figure for electricity
    CHECK(table.item(0, 3)->text() == QStringLiteral("no figure")); // freight has none either
    CHECK(table.item(0, 6)->text().contains(QStringLiteral("use stage")));

    // Hidden, an edit marks it out of date; shown again, it recomputes.
    w.centralTabs().setCurrentIndex(0);
    REQUIRE(w.document().removeComponent(0, 0));
    CHECK_FALSE(view.upToDate());
    w.centralTabs().setCurrentWidget(&view);
    CHECK(view.upToDate());
    w.document().undoStack().undo();

    const fs::path dir = temp("datasheets");
    fs::create_directories(dir);
    for (const char* name : {"sheet.md", "sheet.html", "sheet.pdf"}) {
        CAPTURE(name);
        const fs::path out = dir / name;
        CHECK(w.exportDatasheet(QString::fromStdString(out.string())).succeeded());
        REQUIRE(fs::exists(out));
        CHECK(fs::file_size(out) > 2000);
    }
    CHECK(tinyfoot::test::slurp((dir / "sheet.md").string()).find("# Environmental impact: Keyword spotting, best") !=
          std::string::npos);
    CHECK(tinyfoot::test::slurp((dir / "sheet.pdf").string()).rfind("%PDF-", 0) == 0);
    CHECK(w.exportDatasheet(QString::fromStdString((dir / "sheet.docx").string())).failed());
    fs::remove_all(dir);
    w.document().undoStack().clear();
    w.close();
}

TEST_CASE("File → Export Panels writes footprint, uncertainty and tornado of a study as one figure of three panels") {
    qtApp();
    const fs::path autosave = temp("autosave-panels");
    MainWindow w(library().library, {}, QString::fromStdString(autosave.string()));
    REQUIRE(
        w.document()
            .open(QString::fromStdString(std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-uncertainty.json"))
            .succeeded());
    const std::vector<charts::FigureView> views{charts::FigureView::Footprint, charts::FigureView::Uncertainty,
                                                charts::FigureView::Tornado};
    charts::ExportOptions size;
    size.widthInches = 7.2;
    size.heightInches = 2.8;
    const fs::path svg = temp("panels.svg");
    // Before the runs the study views have nothing to show: the export says which.
    const OperationResult early = w.exportPanels(QString::fromStdString(svg.string()), views, size);
    CHECK(early.failed());
    CHECK(early.message().contains(QStringLiteral("uncertainty")));
    CHECK_FALSE(fs::exists(svg));
    const auto wait = [&] {
        for (int i = 0; i < 600000 && w.studyViews().isRunning(); ++i)
            QApplication::processEvents(QEventLoop::AllEvents, 20);
        QApplication::processEvents();
    };
    w.studyViews().setSamples(2000);
    w.studyViews().runUncertainty();
    wait();
    w.studyViews().runSensitivity();
    wait();
    REQUIRE(w.exportPanels(QString::fromStdString(svg.string()), views, size).succeeded());
    std::ifstream in(svg);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("(a) Carbon footprint per device") != std::string::npos);
    CHECK(text.find("(b) Uncertainty of the totals") != std::string::npos);
    CHECK(text.find("(c) Tornado") != std::string::npos);
    CHECK(fs::exists(temp("panels.csv")));
    for (const char* ext : {"pdf", "png"}) {
        const fs::path out = temp(std::string("panels.") + ext);
        REQUIRE(w.exportPanels(QString::fromStdString(out.string()), views, size).succeeded());
        CHECK(fs::file_size(out) > 1000);
    }
    CHECK(w.exportPanels(QString::fromStdString(svg.string()), {charts::FigureView::Footprint}, size).failed());
}
