// Removing a system that the study's analysis names, with real Qt (offscreen): the window asks
// (cancel, or remove the system and those entries), and the removal is one undo step.
#include "main_window.h"
#include "study_views.h"

#include "studio_support.h"

#include <doctest/doctest.h>

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>

#include <nlohmann/json.hpp>

using namespace tinyfoot;
using namespace tinyfoot::studio;

namespace {

/// Clicks the button `button` of the modal message box open when the event loop next runs (and
/// keeps its text), if there is one.
void answerNextBox(const QString& button, QString* shownText) {
    QTimer::singleShot(0, [button, shownText] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) return;
        *shownText = box->text();
        for (QAbstractButton* b : box->buttons())
            if (b->text() == button) {
                b->click();
                return;
            }
        FAIL("no button " << button.toStdString());
    });
}

} // namespace

TEST_CASE("removing a system the analysis names asks first, and removes its entries in one undo step") {
    test::qtApp();
    const auto& lib = test::library();
    QTemporaryDir autosave;
    REQUIRE(autosave.isValid());
    MainWindow w(lib.library, app::loadStudyData(TINYFOOT_SOURCE_ROOT, lib.library), autosave.path());
    REQUIRE(w.openFile(test::presetFile("studies/paper-uncertainty.json")));
    StudyDocument& doc = w.document();
    const std::string analysis = doc.study().analysisJson;
    REQUIRE(doc.study().systems.size() == 3);
    REQUIRE(doc.study().systems[1].id == "image-typical");

    // image-typical is in two differences, kws-best in two; the sweeps and inputs are shared.
    const QStringList named = doc.analysisEntriesNaming(1);
    CHECK(named == QStringList{QStringLiteral("difference image-worst − image-typical"),
                               QStringLiteral("difference image-typical − kws-best")});
    CHECK(doc.analysisEntriesNaming(0).size() == 2);

    // Cancel leaves the study as it was.
    w.select(1, 0);
    QString text;
    answerNextBox(QStringLiteral("Cancel"), &text);
    const int steps = doc.undoStack().count();
    w.removeSystem();
    CHECK(text.contains(QStringLiteral("image-worst − image-typical")));
    CHECK(doc.study().systems.size() == 3);
    CHECK(doc.undoStack().count() == steps);

    // "Remove Both": the system and its two differences go (image-worst − kws-best stays), and
    // the study still runs.
    answerNextBox(QStringLiteral("Remove Both"), &text);
    w.removeSystem();
    REQUIRE(doc.study().systems.size() == 2);
    CHECK(doc.undoStack().count() == steps + 1);
    const auto a = nlohmann::json::parse(doc.study().analysisJson);
    CHECK(a["uncertainty"]["differences"] == nlohmann::json::parse(R"([["image-worst", "kws-best"]])"));
    CHECK(a["sweeps"].size() == 2);
    CHECK(a["uncertainty"]["inputs"].size() == 3);
    w.studyViews().sweepView().setSweep(QStringLiteral("use-power"));
    CHECK(w.studyViews().sweepView().report() != nullptr); // the engine takes the analysis left
    CHECK(w.studyViews().sweepView().report()->systems.size() == 2);

    // One undo brings back the system and the entries.
    doc.undoStack().undo();
    CHECK(doc.study().systems.size() == 3);
    CHECK(doc.study().systems[1].id == "image-typical");
    CHECK(doc.study().analysisJson == analysis);
    doc.undoStack().redo();
    CHECK(doc.study().systems.size() == 2);

    // A system nothing names goes without a question.
    doc.undoStack().undo();
    REQUIRE(doc.study().systems.size() == 3);
    Study plain = doc.study();
    plain.analysisJson.clear();
    doc.setStudy(plain);
    CHECK(doc.analysisEntriesNaming(1).isEmpty());
    w.select(1, 0);
    text.clear();
    answerNextBox(QStringLiteral("Cancel"), &text);
    w.removeSystem();
    QApplication::processEvents();
    CHECK(text.isEmpty()); // no question
    CHECK(doc.study().systems.size() == 2);
}
