// The studio's files: the figure export dialog (sizes, units, PNG DPI, PDF page size and fonts,
// CSV beside, settings), autosave and crash recovery, recent files, save and new.
#include "autosave.h"
#include "export_dialog.h"
#include "footprint_chart.h"
#include "recent_files.h"
#include "study_document.h"

#include "run_process.h"

#include "tinyfoot/engine/writer.h"

#include "studio_support.h"

#include <doctest/doctest.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLockFile>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace tinyfoot;
using namespace tinyfoot::studio;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using tinyfoot::test::runProcess;
using tinyfoot::test::slurp;

using tinyfoot::test::library;
using tinyfoot::test::qtApp;

namespace {

QString comparison() {
    return QString::fromStdString(std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json");
}

/// A fresh folder of this test process.
fs::path folder(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("tinyfoot-document-" + std::to_string(::getpid())) / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

/// QSettings and QStandardPaths in a folder of this test run, so that nothing reaches the user's.
void isolateSettings() {
    static const bool once = [] {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, q(folder("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("TinyFootTests"));
        QCoreApplication::setApplicationName(QStringLiteral("document_test"));
        return true;
    }();
    (void)once;
    QSettings().clear();
}

/// The dialog's callbacks for the paper comparison.
struct Figure {
    std::vector<Result> results;
    ExportDialog::DrawFunction draw() const {
        return [this](QCustomPlot& plot, const charts::ChartOptions& o) { charts::drawFootprint(plot, results, o); };
    }
    ExportDialog::CsvFunction csv() const {
        return [this] { return charts::figureCsv(results); };
    }
};

Figure paperFigure() {
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    return Figure{doc.results()};
}

/// The PID of a process that has ended (and been reaped): no process runs with it.
qint64 deadPid() {
    const pid_t pid = fork();
    if (pid == 0) _exit(0);
    int status = 0;
    waitpid(pid, &status, 0);
    return pid;
}

/// Leaves in `dir` what a crashed session leaves: the autosave of `text`, its sidecar naming
/// `original`, and a lock file written by QLockFile whose process has gone.
void leaveCrashedSession(const fs::path& dir, const std::string& id, const std::string& text, const QString& original) {
    std::ofstream(dir / (id + ".study.json")) << text;
    std::ofstream(dir / (id + ".meta.json"))
        << R"({"format": "tinyfoot.autosave", "version": 1, "original_file": ")" << original.toStdString()
        << R"(", "study_name": "Crashed study", "saved_at": "2024-05-01T10:00:00.000Z"})";
    const QString lockPath = q(dir / (id + ".lock"));
    QByteArray contents;
    {
        QLockFile lock(lockPath);
        REQUIRE(lock.tryLock(0));
        QFile f(lockPath);
        REQUIRE(f.open(QIODevice::ReadOnly));
        contents = f.readAll();
    } // unlocked: the file is gone; write it back as the crashed process left it
    QList<QByteArray> lines = contents.split('\n');
    REQUIRE(lines.size() > 1);
    lines[0] = QByteArray::number(deadPid());
    QFile f(lockPath);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(lines.join('\n'));
}

bool contains(const QList<Recovery>& list, const QString& autosave) {
    return std::any_of(list.begin(), list.end(), [&](const Recovery& r) {
        return QFileInfo(r.autosaveFile).canonicalFilePath() == QFileInfo(autosave).canonicalFilePath();
    });
}

} // namespace

TEST_CASE("the export dialog offers the journal styles, and a saved style gives the same settings back") {
    qtApp();
    isolateSettings();
    const Figure fig = paperFigure();
    ExportDialog d(fig.draw(), fig.csv());
    const QStringList styles = d.styleChoices();
    for (const char* id :
         {"acm:single", "ieee:single", "ieee:double", "elsevier:single", "nature:single", "springer:single"})
        CHECK(styles.contains(QString::fromLatin1(id)));
    // IEEE double column: 7.16 in wide, 9 pt type with 9 pt as its floor (data/styles/ieee.json).
    REQUIRE(d.applyStyleChoice(QStringLiteral("ieee:double")).succeeded());
    CHECK(d.exportOptions().widthInches == doctest::Approx(7.16));
    CHECK(d.chartOptions().fontPoints == 9.0);
    CHECK(d.chartOptions().minimumFontPoints == 9.0);
    CHECK(d.findChild<QComboBox*>(QStringLiteral("style"))->currentData().toString() == QStringLiteral("ieee:double"));
    CHECK(d.applyStyleChoice(QStringLiteral("ieee:triple")).failed());
    // Saved and read back: the same figure options and size.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("my-style.json"));
    REQUIRE(d.saveStyle(file).succeeded());
    ExportDialog other(fig.draw(), fig.csv());
    REQUIRE(other.applyStyleChoice(file).succeeded());
    CHECK(other.exportOptions().widthInches == doctest::Approx(d.exportOptions().widthInches));
    CHECK(other.exportOptions().heightInches == doctest::Approx(d.exportOptions().heightInches));
    CHECK(other.chartOptions().fontPoints == d.chartOptions().fontPoints);
    CHECK(other.chartOptions().minimumFontPoints == d.chartOptions().minimumFontPoints);
    CHECK(other.chartOptions().palette == d.chartOptions().palette);
    CHECK(other.applyStyleChoice(dir.filePath(QStringLiteral("none.json"))).failed());
}

TEST_CASE("the export dialog: column presets of 3.5 and 7.2 in, mm and in, DPI for PNG only") {
    qtApp();
    isolateSettings();
    const Figure fig = paperFigure();
    ExportDialog d(fig.draw(), fig.csv());
    // Defaults: a single-column PDF, 8 pt DejaVu Sans, Okabe-Ito, the data beside it.
    CHECK(d.format() == ExportDialog::Format::Pdf);
    CHECK(d.sizePreset() == ExportDialog::SizePreset::SingleColumn);
    CHECK(d.exportOptions().widthInches == 3.5);
    CHECK(d.chartOptions().fontFamily == QStringLiteral("DejaVu Sans"));
    CHECK(d.chartOptions().fontPoints == 8.0);
    CHECK(d.chartOptions().palette == charts::Palette::OkabeIto);
    CHECK(d.writesCsv());

    d.setSizePreset(ExportDialog::SizePreset::DoubleColumn);
    CHECK(d.exportOptions().widthInches == 7.2);
    d.setSizePreset(ExportDialog::SizePreset::SingleColumn);
    CHECK(d.exportOptions().widthInches == 3.5);
    auto* width = d.findChild<QDoubleSpinBox*>(QStringLiteral("width"));
    REQUIRE(width);
    CHECK_FALSE(width->isEnabled()); // a preset fixes the width

    d.setUnit(ExportDialog::Unit::Millimetres);
    CHECK(d.shownWidth() == doctest::Approx(88.9));
    CHECK(d.shownHeight() == doctest::Approx(66.0)); // 2.6 in = 66.04 mm, shown to 0.1 mm
    d.setSizePreset(ExportDialog::SizePreset::DoubleColumn);
    CHECK(d.shownWidth() == doctest::Approx(182.9)); // 182.88 mm
    d.setUnit(ExportDialog::Unit::Inches);
    CHECK(d.shownWidth() == doctest::Approx(7.2));
    CHECK(d.exportOptions().widthInches == 7.2); // switching units does not round the size
    CHECK(d.exportOptions().heightInches == 2.6);

    // A custom width typed in millimetres.
    d.setSizePreset(ExportDialog::SizePreset::Custom);
    CHECK(width->isEnabled());
    d.setUnit(ExportDialog::Unit::Millimetres);
    width->setValue(120.0);
    CHECK(d.exportOptions().widthInches == doctest::Approx(120.0 / 25.4));
    d.setUnit(ExportDialog::Unit::Inches);
    CHECK(d.shownWidth() == doctest::Approx(4.72));

    auto* dpi = d.findChild<QSpinBox*>(QStringLiteral("dpi"));
    REQUIRE(dpi);
    CHECK_FALSE(dpi->isEnabled());
    d.setFormat(ExportDialog::Format::Png);
    CHECK(dpi->isEnabled());
    d.setFormat(ExportDialog::Format::Svg);
    CHECK_FALSE(dpi->isEnabled());

    // The preview has the figure's aspect ratio.
    d.show();
    d.setCustomSizeInches(6.0, 2.0);
    const QImage preview = d.previewImage();
    REQUIRE_FALSE(preview.isNull());
    CHECK(static_cast<double>(preview.width()) / preview.height() == doctest::Approx(3.0).epsilon(0.03));
    d.setCustomSizeInches(3.0, 4.0);
    const QImage tall = d.previewImage();
    CHECK(static_cast<double>(tall.width()) / tall.height() == doctest::Approx(0.75).epsilon(0.03));
    d.close();
}

TEST_CASE("exporting a PNG gives the chosen DPI and pixel size, with the figure's CSV beside it") {
    qtApp();
    isolateSettings();
    const Figure fig = paperFigure();
    ExportDialog d(fig.draw(), fig.csv());
    d.setFormat(ExportDialog::Format::Png);
    d.setCustomSizeInches(4.0, 2.5);
    d.setDpi(600);
    const fs::path dir = folder("png");
    REQUIRE(d.exportTo(q(dir / "fig")).succeeded()); // the extension is added
    CHECK(d.exportedFigure() == q(dir / "fig.png"));
    const QImage png(q(dir / "fig.png"));
    REQUIRE_FALSE(png.isNull());
    CHECK(png.width() == 2400); // 4 in at 600 dpi
    CHECK(png.height() == 1500);
    CHECK(std::abs(png.dotsPerMeterX() - 23622) <= 1); // 600 / 0.0254
    CHECK(std::abs(png.dotsPerMeterY() - 23622) <= 1);
    CHECK(slurp((dir / "fig.csv").string()) == charts::figureCsv(fig.results));
    CHECK(d.exportedCsv() == q(dir / "fig.csv"));

    // A name ending in another format's extension is refused; without the CSV, none is written.
    CHECK(d.exportTo(q(dir / "other.pdf")).failed());
    CHECK_FALSE(fs::exists(dir / "other.pdf"));
    d.setWritesCsv(false);
    REQUIRE(d.exportTo(q(dir / "plain.PNG")).succeeded());
    CHECK(fs::exists(dir / "plain.PNG"));
    CHECK_FALSE(fs::exists(dir / "plain.csv"));
    // An unwritable place gives an error, not a crash.
    d.setWritesCsv(true);
    CHECK(d.exportTo(q(dir / "no-such-folder" / "fig.png")).failed());
}

TEST_CASE("exporting a PDF gives the chosen page size and vector text in the chosen font") {
    qtApp();
    isolateSettings();
    const Figure fig = paperFigure();
    ExportDialog d(fig.draw(), fig.csv());
    d.setSizePreset(ExportDialog::SizePreset::DoubleColumn);
    d.setHeightInches(3.0);
    charts::ChartOptions o = d.chartOptions();
    o.fontFamily = QStringLiteral("DejaVu Serif");
    o.titleText = QStringLiteral("Exported from the dialog");
    d.setChartOptions(o);
    CHECK(d.chartOptions().fontFamily == QStringLiteral("DejaVu Serif"));
    const fs::path pdf = folder("pdf") / "fig.pdf";
    REQUIRE(d.exportTo(q(pdf)).succeeded());
    const auto info = runProcess("/usr/bin/pdfinfo", {pdf.string()});
    REQUIRE(info.exitCode == 0);
    CHECK(info.out.find("518 x 216 pts") != std::string::npos); // 7.2 x 3 in
    const auto fonts = runProcess("/usr/bin/pdffonts", {pdf.string()});
    REQUIRE(fonts.exitCode == 0);
    CHECK(fonts.out.find("DejaVuSerif") != std::string::npos); // embedded: text stays text
    const auto text = runProcess("/usr/bin/pdftotext", {"-raw", pdf.string(), "-"});
    CHECK(text.out.find("Exported from the dialog") != std::string::npos);
    CHECK(fs::exists(pdf.parent_path() / "fig.csv"));
}

TEST_CASE("the export settings round-trip through QSettings") {
    qtApp();
    isolateSettings();
    const Figure fig = paperFigure();
    {
        ExportDialog d(fig.draw(), fig.csv());
        d.setFormat(ExportDialog::Format::Png);
        d.setCustomSizeInches(5.0, 3.25);
        d.setUnit(ExportDialog::Unit::Inches);
        d.setDpi(450);
        charts::ChartOptions o;
        o.logAxis = false;
        o.bars = charts::BarStyle::Share;
        o.palette = charts::Palette::Grey;
        o.legend = false;
        o.title = false;
        o.fontFamily = QStringLiteral("DejaVu Serif");
        o.fontPoints = 10;
        d.setChartOptions(o);
        d.setWritesCsv(false);
        d.saveSettings();
    }
    CHECK(QSettings().value(QStringLiteral("export/dpi")).toInt() == 450);
    ExportDialog again(fig.draw(), fig.csv());
    CHECK(again.format() == ExportDialog::Format::Png);
    CHECK(again.sizePreset() == ExportDialog::SizePreset::Custom);
    CHECK(again.unit() == ExportDialog::Unit::Inches);
    CHECK(again.exportOptions().widthInches == 5.0);
    CHECK(again.exportOptions().heightInches == 3.25);
    CHECK(again.exportOptions().dpi == 450);
    const charts::ChartOptions o = again.chartOptions();
    CHECK_FALSE(o.logAxis);
    CHECK(o.bars == charts::BarStyle::Share);
    CHECK(o.palette == charts::Palette::Grey);
    CHECK_FALSE(o.legend);
    CHECK_FALSE(o.title);
    CHECK(o.fontFamily == QStringLiteral("DejaVu Serif"));
    CHECK(o.fontPoints == 10.0);
    CHECK_FALSE(again.writesCsv());
    // A preset is restored as the preset, whatever width was stored with it.
    again.setSizePreset(ExportDialog::SizePreset::DoubleColumn);
    again.saveSettings();
    CHECK(ExportDialog(fig.draw(), fig.csv()).exportOptions().widthInches == 7.2);
}

TEST_CASE("an edit is autosaved shortly after; the autosave loads back to the same study and goes on a clean save") {
    qtApp();
    const fs::path dir = folder("autosave");
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    Autosaver autosaver(doc, q(dir));
    REQUIRE(autosaver.isActive());
    autosaver.setDebounce(20ms);
    QTest::qWait(60);
    CHECK_FALSE(QFileInfo::exists(autosaver.autosaveFile())); // nothing unsaved: nothing written

    doc.setComponentEnabled(0, 2, false);
    REQUIRE(QTest::qWaitFor([&] { return QFileInfo::exists(autosaver.autosaveFile()); }, 3000));
    const Study loaded =
        std::get<Study>(app::loadDocumentFile(autosaver.autosaveFile().toStdString(), library().library));
    CHECK(studyToJson(loaded) == studyToJson(doc.study()));
    const std::string meta = slurp(autosaver.autosaveFile().chopped(11).toStdString() + ".meta.json");
    CHECK(meta.find("paper-comparison.json") != std::string::npos); // the study's own file

    // Undone back to the saved state: clean, no autosave.
    doc.undoStack().undo();
    CHECK_FALSE(QFileInfo::exists(autosaver.autosaveFile()));
    // Edited and saved: clean, no autosave.
    doc.setComponentEnabled(1, 1, false);
    REQUIRE(autosaver.autosaveNow().succeeded());
    CHECK(QFileInfo::exists(autosaver.autosaveFile()));
    REQUIRE(doc.saveAs(q(dir.parent_path() / "autosave-saved.json")).succeeded());
    CHECK_FALSE(QFileInfo::exists(autosaver.autosaveFile()));
    QTest::qWait(60);
    CHECK_FALSE(QFileInfo::exists(autosaver.autosaveFile()));

    // Edits that never pause long enough for the debounce are still written every interval.
    autosaver.setDebounce(10min);
    autosaver.setInterval(50ms);
    doc.setComponentEnabled(1, 2, false);
    CHECK(QTest::qWaitFor([&] { return QFileInfo::exists(autosaver.autosaveFile()); }, 3000));
}

TEST_CASE("a clean end removes the session's autosave and lock") {
    qtApp();
    const fs::path dir = folder("clean-end");
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    QString file;
    {
        Autosaver autosaver(doc, q(dir));
        doc.setComponentEnabled(0, 2, false);
        REQUIRE(autosaver.autosaveNow().succeeded());
        file = autosaver.autosaveFile();
        CHECK(QFileInfo::exists(file));
    }
    CHECK_FALSE(QFileInfo::exists(file));
    CHECK(fs::is_empty(dir)); // no sidecar, no lock
}

TEST_CASE("pending autosaves: a crashed session's is offered, a running session's is not") {
    qtApp();
    const fs::path dir = folder("pending");
    StudyDocument running(library().library);
    REQUIRE(running.open(comparison()).succeeded());
    Autosaver live(running, q(dir));
    running.setComponentEnabled(0, 2, false);
    REQUIRE(live.autosaveNow().succeeded());
    const std::string crashedText = studyToJson(running.study());
    leaveCrashedSession(dir, "session-crashed", crashedText, QStringLiteral("/papers/my-study.json"));

    const QList<Recovery> found = Autosaver::pending(q(dir));
    CHECK_FALSE(contains(found, live.autosaveFile()));
    REQUIRE(found.size() == 1);
    CHECK(found[0].autosaveFile.endsWith(QStringLiteral("session-crashed.study.json")));
    CHECK(found[0].originalFile == QStringLiteral("/papers/my-study.json"));
    CHECK(found[0].studyName == QStringLiteral("Crashed study"));
    CHECK(found[0].savedAt == QDateTime(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC));
    // Probing did not take the running session's lock away.
    CHECK(live.isActive());
    CHECK(Autosaver::pending(q(dir)).size() == 1);
    // Declined: removed. The running session's files are never removed.
    Autosaver::remove(found[0]);
    CHECK(Autosaver::pending(q(dir)).isEmpty());
    Recovery other;
    other.autosaveFile = live.autosaveFile();
    Autosaver::remove(other);
    CHECK(QFileInfo::exists(live.autosaveFile()));
}

TEST_CASE("recovery restores the study under its original file name, modified; a corrupt autosave is refused") {
    qtApp();
    const fs::path dir = folder("recover");
    const fs::path original = dir.parent_path() / "recover-original.json";
    std::string edited;
    {
        StudyDocument doc(library().library);
        REQUIRE(doc.open(comparison()).succeeded());
        REQUIRE(doc.saveAs(q(original)).succeeded());
        doc.setComponentEnabled(3, 1, false);
        edited = studyToJson(doc.study());
    }
    leaveCrashedSession(dir, "session-a", edited, q(original));
    std::ofstream(dir / "session-bad.study.json") << R"({"format": "tinyfoot.study", "version": 1, "systems": [)";
    const QList<Recovery> found = Autosaver::pending(q(dir));
    REQUIRE(found.size() == 2);
    const auto good = std::find_if(found.begin(), found.end(),
                                   [](const Recovery& r) { return r.autosaveFile.contains(QStringLiteral("-a.")); });
    const auto bad = std::find_if(found.begin(), found.end(),
                                  [](const Recovery& r) { return r.autosaveFile.contains(QStringLiteral("-bad.")); });
    REQUIRE(good != found.end());
    REQUIRE(bad != found.end());
    CHECK(bad->originalFile.isEmpty()); // no sidecar

    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    doc.setComponentEnabled(0, 1, false);
    const std::string before = studyToJson(doc.study());
    const OperationResult recovered = Autosaver::recover(doc, *bad);
    CHECK(recovered.failed());
    CHECK(recovered.message().contains(QStringLiteral("session-bad.study.json")));
    CHECK(studyToJson(doc.study()) == before);
    CHECK(doc.fileName() == comparison());
    CHECK(doc.isModified());
    CHECK(doc.undoStack().count() == 1);
    CHECK(QFileInfo::exists(bad->autosaveFile)); // kept for another try

    REQUIRE(Autosaver::recover(doc, *good).succeeded());
    CHECK(studyToJson(doc.study()) == edited);
    CHECK(doc.fileName() == q(original));
    CHECK(doc.isModified());
    CHECK(doc.undoStack().count() == 0);
    CHECK_FALSE(QFileInfo::exists(good->autosaveFile)); // recovered: the new session autosaves it
    REQUIRE(doc.save().succeeded());
    CHECK_FALSE(doc.isModified());
    CHECK(slurp(original.string()) == edited);
}

TEST_CASE("a measurement file named relative to the study survives autosave and recovery") {
    qtApp();
    const fs::path dir = folder("measured");
    std::ofstream(dir / "results.json") << R"({"format": "tinyfoot.measurement", "version": 1, "complete": true,
      "kind": "emulated estimate", "tool": "tinyfoot 0.1.0", "device": {"name": "dut", "model": "kws"},
      "monitor": {"kind": "emulated"}, "mode": "energy", "supply_voltage_v": 3.0,
      "energy_per_inference": {"value": 60, "unit": "uJ"},
      "energy_per_inference_idle_subtracted": {"value": 50, "unit": "uJ"},
      "inference_time": {"value": 0.1, "unit": "s"}, "throughput_per_s": 10,
      "idle_power": {"value": 100, "unit": "uW"}, "windows": [{}], "warnings": [], "errors": []})";
    std::ofstream(dir / "device.json") << R"({"format": "tinyfoot.system", "version": 1, "id": "dut", "name": "DUT",
      "kind": "tinyml", "lifetime": {"value": 3, "unit": "year"}, "components": [
      {"block": "use_stage", "use": {"inference": {"measurement": "results.json", "rate": {"value": 2, "unit": "1/s"}},
       "grid": "grid.us_egrid2022_consumed"}},
      {"block": "others", "fixed": {"amount": {"value": 1, "unit": "kg_co2e"}}, "note": "a test value"}]})";
    StudyDocument doc(library().library);
    const OperationResult opened = doc.open(q(dir / "device.json"));
    INFO(opened.message().toStdString());
    REQUIRE(opened.succeeded());
    REQUIRE(doc.saveAs(q(dir / "study.json")).succeeded());
    REQUIRE(doc.open(q(dir / "study.json")).succeeded());
    REQUIRE(doc.study().systems[0].components[0].use.measurement.has_value());
    const fs::path autosaves = folder("measured-autosave");
    const fs::path crashed = folder("measured-crashed");
    std::string edited;
    {
        Autosaver autosaver(doc, q(autosaves));
        doc.setComponentEnabled(0, 1, false);
        edited = studyToJson(doc.study());
        REQUIRE(autosaver.autosaveNow().succeeded());
        const std::string text = slurp(autosaver.autosaveFile().toStdString());
        CHECK(text.find((dir / "results.json").string()) != std::string::npos); // absolute in the autosave
        // The session "crashes": its autosave is left in another folder without a lock.
        fs::copy_file(autosaver.autosaveFile().toStdString(), crashed / "session-m.study.json");
        fs::copy_file(autosaver.autosaveFile().chopped(11).toStdString() + ".meta.json",
                      crashed / "session-m.meta.json");
    }
    const QList<Recovery> found = Autosaver::pending(q(crashed));
    REQUIRE(found.size() == 1);
    CHECK(found[0].originalFile == q(dir / "study.json"));
    StudyDocument recovered(library().library);
    REQUIRE(Autosaver::recover(recovered, found[0]).succeeded());
    CHECK(recovered.study().systems[0].components[0].use.measurementFile == "results.json");
    CHECK(recovered.study().systems[0].components[0].use.measurement.has_value());
    CHECK(studyToJson(recovered.study()) == edited);
}

TEST_CASE("save writes to the study's own file, never over a system file; new gives an empty clean study") {
    qtApp();
    const fs::path dir = folder("save");
    StudyDocument doc(library().library);
    CHECK_FALSE(doc.canSave());
    CHECK(doc.save().failed()); // no file yet
    const fs::path copy = dir / "study.json";
    fs::copy_file(comparison().toStdString(), copy);
    REQUIRE(doc.open(q(copy)).succeeded());
    doc.setComponentEnabled(2, 1, false);
    REQUIRE(doc.save().succeeded());
    CHECK_FALSE(doc.isModified());
    StudyDocument again(library().library);
    REQUIRE(again.open(q(copy)).succeeded());
    CHECK(studyToJson(again.study()) == studyToJson(doc.study()));

    const fs::path system = dir / "system.json";
    fs::copy_file(fs::path(TINYFOOT_SOURCE_ROOT) / "presets" / "paper" / "kws-best.json", system);
    const std::string systemText = slurp(system.string());
    REQUIRE(doc.open(q(system)).succeeded());
    doc.setComponentEnabled(0, 1, false);
    CHECK_FALSE(doc.canSave());
    CHECK(doc.save().message().contains(QStringLiteral("Save As")));
    CHECK(slurp(system.string()) == systemText);
    CHECK(doc.isModified());
    REQUIRE(doc.saveAs(q(dir / "from-system.json")).succeeded());
    doc.setComponentEnabled(0, 2, false);
    CHECK(doc.canSave());
    CHECK(doc.save().succeeded()); // now a study file of its own

    doc.newStudy();
    CHECK(doc.study().systems.empty());
    CHECK(doc.results().empty());
    CHECK(doc.fileName().isEmpty());
    CHECK_FALSE(doc.isModified());
    CHECK(doc.undoStack().count() == 0);
    CHECK(doc.saveAs(q(dir / "empty.json")).failed()); // open() could not read it back
    CHECK_FALSE(fs::exists(dir / "empty.json"));
}

TEST_CASE("recent files: most recent first, no duplicates, at most eight, missing files dropped") {
    qtApp();
    isolateSettings();
    const fs::path dir = folder("recent");
    std::vector<QString> files;
    for (int i = 0; i < 10; ++i) {
        const fs::path f = dir / ("study-" + std::to_string(i) + ".json");
        std::ofstream(f) << "{}";
        files.push_back(QFileInfo(q(f)).canonicalFilePath());
    }
    RecentFiles recent;
    for (const QString& f : files) recent.add(f);
    QStringList list = recent.files();
    REQUIRE(list.size() == RecentFiles::kMaxFiles);
    CHECK(list.first() == files[9]);
    CHECK(list.last() == files[2]);
    recent.add(q(dir / "." / "study-5.json")); // another spelling of a listed file
    list = recent.files();
    CHECK(list.size() == 8);
    CHECK(list.first() == files[5]);
    CHECK(list.count(files[5]) == 1);
    CHECK(list[1] == files[9]);

    fs::remove(files[9].toStdString());
    list = recent.files();
    CHECK_FALSE(list.contains(files[9]));
    CHECK(list.size() == 7);
    CHECK_FALSE(QSettings().value(QStringLiteral("files/recent")).toStringList().contains(files[9]));

    QMenu menu;
    recent.attach(&menu);
    QSignalSpy spy(&recent, &RecentFiles::openRequested);
    const auto actions = menu.actions();
    REQUIRE(actions.size() == 7 + 2); // the files, a separator, Clear
    CHECK(actions[0]->text().startsWith(QStringLiteral("&1 ")));
    CHECK(actions[6]->text().startsWith(QStringLiteral("&7 ")));
    actions[1]->trigger();
    REQUIRE(spy.count() == 1);
    CHECK(spy[0][0].toString() == files[8]); // 5, 8, 7 ...: the second is study-8
    actions.last()->trigger();               // Clear
    CHECK(recent.files().isEmpty());
    recent.populate(&menu);
    CHECK_FALSE(menu.actions().first()->isEnabled()); // "No recent files"
}
