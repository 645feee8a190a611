// Editing components with undo: the edit commands (each round-trips through redo and undo), the
// component editor (HSL option cards, custom value, quantities with units, typing merged into one
// undo step), the add-component dialog and the preset gallery. Real Qt, offscreen platform.
#include "add_component_dialog.h"
#include "component_editor.h"
#include "component_factories.h"
#include "edit_commands.h"
#include "preset_gallery.h"
#include "study_document.h"

#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/writer.h"

#include "studio_support.h"

#include <doctest/doctest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <sstream>

using namespace tinyfoot;
using namespace tinyfoot::studio;
namespace fs = std::filesystem;

using tinyfoot::test::library;
using tinyfoot::test::qtApp;

namespace {

QString preset(const std::string& relative) {
    return QString::fromStdString(std::string(TINYFOOT_SOURCE_ROOT) + "/presets/" + relative);
}

QString comparison() { return preset("studies/paper-comparison.json"); }

std::size_t indexOf(const System& s, Method m, Block b) {
    for (std::size_t i = 0; i < s.components.size(); ++i)
        if (s.components[i].method == m && s.components[i].block == b) return i;
    FAIL("no such component in " << s.id);
    return 0;
}

/// The key of a component's parameter: "<component id>/<path>".
ParamRef key(const StudyDocument& doc, std::size_t s, std::size_t c, const std::string& path) {
    return ParamRef::field(doc.study().systems[s].components[c].id, path);
}

const ParamRef kLifetime = ParamRef::lifetime();

double total(const StudyDocument& doc, std::size_t s) { return units::inKgCo2e(doc.results()[s].total); }
double kg(const StudyDocument& doc, std::size_t s, std::size_t c) {
    return units::inKgCo2e(doc.results()[s].components[c].co2e);
}

/// Runs an edit, then checks undo gives the original study back, redo the edited one, and
/// undoes it again. Returns false when the edit pushed nothing.
bool roundTrips(StudyDocument& doc, const std::function<bool()>& edit) {
    const std::string original = studyToJson(doc.study());
    const int step = doc.undoStack().index();
    if (!edit()) return false;
    const std::string edited = studyToJson(doc.study());
    CHECK(edited != original);
    CHECK(doc.undoStack().index() == step + 1); // one undo step
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);
    doc.undoStack().redo();
    CHECK(studyToJson(doc.study()) == edited);
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);
    return true;
}

// Every physical model, for fields the paper's presets do not have.
constexpr const char* kPhysical = R"({
  "format": "tinyfoot.system", "version": 1, "id": "physical", "name": "Physical models", "kind": "tinyml",
  "lifetime": {"value": 3, "unit": "year"},
  "components": [
    {"id": "mcu", "block": "processing",
     "ic": {"node_nm": 40, "fab_grid": "grid.tw",
            "dies": [{"name": "MCU", "area": {"value": 10, "unit": "mm2"}}],
            "memory": [{"name": "flash", "technology": "nand_30nm", "capacity": {"value": 1, "unit": "GB"}}]}},
    {"id": "cell", "block": "power_supply",
     "battery": {"chemistry": "li_ion_nmc", "capacity": {"value": 2000, "unit": "mAh"},
                 "voltage": {"value": 3.6, "unit": "V"}, "cycle_life": 500}},
    {"id": "pack", "block": "power_supply", "name": "pack by mass",
     "battery": {"chemistry": "li_ion_nmc", "mass": {"value": 20, "unit": "g"}, "count": 2}},
    {"id": "train", "block": "ml_training",
     "training": {"energy": {"value": 1000, "unit": "kWh"}, "grid": "grid.us", "devices": 1000000}},
    {"id": "gpu", "block": "ml_training", "name": "training on accelerators",
     "training": {"accelerator_hours": {"value": 10, "unit": "h"}, "accelerator_power": {"value": 300, "unit": "W"},
                  "grid": "grid.us", "devices": 1000}},
    {"id": "ship", "block": "transport",
     "transport": {"mass": {"value": 100, "unit": "g"},
                   "legs": [{"mode": "truck", "distance": {"value": 300, "unit": "km"}, "factor": "transport.truck"}]}},
    {"id": "duty", "block": "use_stage",
     "use": {"profile": [{"state": "active", "power": {"value": 10, "unit": "mW"}, "fraction": 0.01},
                         {"state": "sleep", "power": {"value": 5, "unit": "uW"}, "fraction": 0.99}],
             "grid": "grid.us"}},
    {"id": "infer", "block": "use_stage",
     "use": {"inference": {"energy": {"value": 50, "unit": "uJ"}, "rate": {"value": 2, "unit": "1/s"},
                           "idle_power": {"value": 100, "unit": "uW"}},
             "duration": {"value": 2, "unit": "year"}, "grid": "grid.us"}}
  ]
})";

Study physicalStudy() {
    std::istringstream in(kPhysical);
    Study st;
    st.id = "physical-study";
    st.name = "Physical models";
    st.systems.push_back(loadSystem(in, "physical.json"));
    return st;
}

} // namespace

TEST_CASE("every edit command round-trips: redo then undo gives the original study, redo the edited one") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const System& kws = doc.study().systems[1];
    const std::size_t use = indexOf(kws, Method::UsePower, Block::UseStage);
    const std::size_t training = indexOf(kws, Method::Inventory, Block::MlTraining);
    const std::size_t casing = indexOf(kws, Method::Hsl, Block::Casing);

    CHECK(roundTrips(doc, [&] { return doc.setParameter(1, key(doc, 1, use, "power"), 2.0, "mW").succeeded(); }));
    CHECK(roundTrips(doc, [&] { return doc.setParameter(1, key(doc, 1, use, "duration"), 2.0, "year").succeeded(); }));
    CHECK(roundTrips(
        doc, [&] { return doc.setParameter(1, key(doc, 1, training, "items/0/amount"), 3.0, "device").succeeded(); }));
    CHECK(roundTrips(doc, [&] { return doc.setParameter(1, kLifetime, 5.0, "year").succeeded(); }));
    CHECK(
        roundTrips(doc, [&] { return doc.setParameter(6, key(doc, 6, 0, "declared"), 300.0, "kg_co2e").succeeded(); }));
    CHECK(roundTrips(doc, [&] { return doc.setCustomValue(1, casing, 0.5); }));
    CHECK(roundTrips(doc, [&] { return doc.addComponent(1, "gasket", Block::Casing, 0.2, "supplier's figure"); }));
    CHECK(roundTrips(doc, [&] { return doc.removeComponent(1, casing); }));
    CHECK(roundTrips(doc, [&] { return doc.renameComponent(1, casing, "enclosure"); }));
    CHECK(roundTrips(doc, [&] { return doc.addSystem("calculator-vision"); }));
    CHECK(roundTrips(doc, [&] { return doc.removeSystem(0); }));
    CHECK(roundTrips(doc, [&] { return doc.removeSystem(6); }));
    CHECK_FALSE(doc.isModified());
    CHECK(doc.study().systems[1].presetId == "kws-typical"); // restored by every undo

    // Edits that address nothing, or change nothing, push nothing.
    const int steps = doc.undoStack().count();
    CHECK(doc.setParameter(1, key(doc, 1, use, "power"), 1.0, "mW").succeeded()); // the value it has
    CHECK(doc.setParameter(1, key(doc, 1, use, "power"), 2.0, "g").failed());     // not a power
    CHECK(doc.setParameter(1, key(doc, 1, use, "power"), -1.0, "mW").failed());   // negative
    CHECK(doc.setParameter(1, key(doc, 1, casing, "power"), 2.0, "mW").failed()); // an HSL component has none
    CHECK(doc.setParameter(1, key(doc, 1, training, "items/1/amount"), 2.0, "device").failed()); // one item only
    CHECK_FALSE(doc.addSystem("no-such-preset"));
    CHECK_FALSE(doc.removeComponent(1, 99));
    CHECK(doc.undoStack().count() == steps);
    CHECK(doc.undoStack().index() == 0);
}

TEST_CASE("every parameter of every physical model round-trips through SetParameterCommand") {
    qtApp();
    StudyDocument doc(library().library);
    doc.setStudy(physicalStudy());
    const System sys = doc.study().systems[0]; // a copy: every edit replaces the study
    std::vector<std::string> seen;
    for (std::size_t c = 0; c < sys.components.size(); ++c) {
        for (const ParamValue& p : editableParameters(sys, c)) {
            CAPTURE(p.ref.key());
            const auto v = findParameter(doc.study().systems[0], p.ref);
            REQUIRE(v);
            CHECK(v->value == p.value);
            // A new value in the parameter's domain: half a fraction or a percentage, else 2 x + 1.
            const bool bounded = p.domain == ParamDomain::Fraction || p.domain == ParamDomain::PositiveFraction ||
                                 p.domain == ParamDomain::Percent;
            const double value = bounded ? v->value / 2.0 : v->value * 2.0 + 1.0;
            const double before = total(doc, 0);
            CHECK(roundTrips(doc, [&] { return doc.setParameter(0, p.ref, value, v->unit).succeeded(); }));
            CHECK(total(doc, 0) == doctest::Approx(before));
            seen.push_back(p.ref.key());
        }
    }
    for (const char* k : {"mcu/node_nm",
                          "mcu/dies/0/area",
                          "mcu/dies/0/count",
                          "mcu/memory/0/capacity",
                          "mcu/memory/0/count",
                          "cell/capacity",
                          "cell/voltage",
                          "cell/count",
                          "cell/cycle_life",
                          "pack/mass",
                          "train/energy",
                          "train/pue",
                          "train/devices",
                          "train/trainings",
                          "gpu/accelerator_hours",
                          "gpu/accelerator_power",
                          "gpu/accelerators",
                          "ship/mass",
                          "ship/legs/0/distance",
                          "duty/profile/0/power",
                          "duty/profile/0/fraction",
                          "duty/profile/1/fraction",
                          "duty/duration",
                          "duty/supply/efficiency",
                          "infer/inference/energy",
                          "infer/inference/rate",
                          "infer/inference/idle_power",
                          "infer/duration"}) {
        CAPTURE(k);
        CHECK(std::find(seen.begin(), seen.end(), k) != seen.end());
    }
    // A change is a change of the result: doubling the die area raises the IC component.
    const double ic = kg(doc, 0, 0);
    REQUIRE(doc.setParameter(0, key(doc, 0, 0, "dies/0/area"), 20.0, "mm2").succeeded());
    const double doubled = kg(doc, 0, 0);
    CHECK(doubled > ic);
    // The unit is the one chosen: 0.2 cm2 is 20 mm2, and is written as "0.2 cm2".
    REQUIRE(doc.setParameter(0, key(doc, 0, 0, "dies/0/area"), 0.2, "cm2").succeeded());
    CHECK(doc.study().systems[0].components[0].ic.dies[0].area.unit == "cm2");
    CHECK(doc.study().systems[0].components[0].ic.dies[0].area.value == 0.2);
    CHECK(kg(doc, 0, 0) == doctest::Approx(doubled));
    CHECK(doc.setParameter(0, key(doc, 0, 0, "node_nm"), 0.0, "").failed()); // the loader needs a node > 0
}

TEST_CASE("typing merges: edits of one field are one undo step, another field starts a new one") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const std::string original = studyToJson(doc.study());
    const std::size_t use = indexOf(doc.study().systems[1], Method::UsePower, Block::UseStage);
    const ParamRef power = key(doc, 1, use, "power");
    REQUIRE(doc.setParameter(1, power, 2.0, "mW").succeeded());
    REQUIRE(doc.setParameter(1, power, 25.0, "mW").succeeded());
    REQUIRE(doc.setParameter(1, power, 250.0, "mW").succeeded());
    CHECK(doc.undoStack().count() == 1);
    CHECK(doc.study().systems[1].components[use].power.value == 250.0);
    REQUIRE(doc.setParameter(1, kLifetime, 4.0, "year").succeeded());
    CHECK(doc.undoStack().count() == 2);
    REQUIRE(doc.setParameter(1, kLifetime, 5.0, "year").succeeded());
    CHECK(doc.undoStack().count() == 2);
    REQUIRE(doc.setParameter(2, kLifetime, 5.0, "year").succeeded()); // another system's lifetime
    CHECK(doc.undoStack().count() == 3);
    doc.undoStack().undo();
    doc.undoStack().undo();
    CHECK(doc.study().systems[1].components[use].power.value == 250.0);
    CHECK(doc.study().systems[1].lifetime.value == 3.0);
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);

    // The same through the editor, typed key by key: the field keeps its widget and its text.
    ComponentEditor editor(doc, library().library);
    editor.setComponent(1, static_cast<int>(use));
    editor.show();
    editor.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&editor));
    QPointer<QLineEdit> edit = editor.valueEdit(power);
    REQUIRE(edit);
    CHECK(edit->text().toStdString() == "1");
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("1.5"));
    REQUIRE(edit); // not rebuilt while the component stays selected
    CHECK(editor.valueEdit(power) == edit.data());
    CHECK(edit->text().toStdString() == "1.5"); // "1." was not rewritten as "1" on the way
    CHECK(doc.undoStack().count() == 1);        // "1", "1." (no change), "1.5": one step
    CHECK(doc.study().systems[1].components[use].power.value == 1.5);
    QLineEdit* lifetime = editor.valueEdit(kLifetime);
    REQUIRE(lifetime);
    lifetime->setFocus();
    REQUIRE(lifetime->hasFocus());
    lifetime->selectAll();
    QTest::keyClicks(lifetime, QStringLiteral("10"));
    CHECK(doc.undoStack().count() == 2);
    CHECK(doc.study().systems[1].lifetime.value == 10.0);
    doc.undoStack().undo();
    CHECK(doc.study().systems[1].lifetime.value == 3.0);
    CHECK(lifetime->text().toStdString() == "10"); // the field typed in is left alone ...
    edit->setFocus();
    CHECK(lifetime->text().toStdString() == "3"); // ... until it loses the focus
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);
    CHECK(edit->text().toStdString() == "1.5"); // focused
    edit->clearFocus();
    CHECK(edit->text().toStdString() == "1");
}

TEST_CASE("changing a field's unit converts the value shown and leaves the study as it was") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const std::string original = studyToJson(doc.study());
    const std::size_t use = indexOf(doc.study().systems[1], Method::UsePower, Block::UseStage);
    const ParamRef power = key(doc, 1, use, "power");
    ComponentEditor editor(doc, library().library);
    editor.setComponent(1, static_cast<int>(use));
    QComboBox* units = editor.unitBox(power);
    QLineEdit* edit = editor.valueEdit(power);
    REQUIRE(units);
    REQUIRE(edit);
    CHECK(units->currentText().toStdString() == "mW");
    CHECK(units->findText(QStringLiteral("uW")) >= 0);
    CHECK(units->findText(QStringLiteral("kW")) >= 0);
    CHECK(units->findText(QStringLiteral("g")) < 0); // only powers
    units->setCurrentText(QStringLiteral("uW"));
    CHECK(edit->text().toStdString() == "1000");
    units->setCurrentText(QStringLiteral("W"));
    CHECK(edit->text().toStdString() == "0.001");
    CHECK(studyToJson(doc.study()) == original);
    CHECK(doc.undoStack().count() == 0);
    // A value typed now is written in the unit shown.
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("0.002"));
    const Amount& p = doc.study().systems[1].components[use].power;
    CHECK(p.unit == "W");
    CHECK(p.value == 0.002);
    CHECK(p.internal == doctest::Approx(2e-3));
    // Numbers are read and shown in the widget's locale.
    ComponentEditor german(doc, library().library);
    german.setLocale(QLocale(QLocale::German, QLocale::Germany));
    german.setComponent(1, static_cast<int>(use));
    QLineEdit* germanEdit = german.valueEdit(power);
    REQUIRE(germanEdit);
    CHECK(germanEdit->text().toStdString() == "0,002");
    germanEdit->selectAll();
    QTest::keyClicks(germanEdit, QStringLiteral("2,5"));
    CHECK(doc.study().systems[1].components[use].power.value == 2.5);
    CHECK(edit->text().toStdString() == "2.5"); // the other editor follows
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("0.002"));
    // The lifetime in hours: 3 years of 365 days (1 mW over it is the paper's 26.28 Wh).
    QComboBox* lifetimeUnits = editor.unitBox(kLifetime);
    REQUIRE(lifetimeUnits);
    lifetimeUnits->setCurrentText(QStringLiteral("h"));
    CHECK(editor.valueEdit(kLifetime)->text().toStdString() == "26280");
    // The tooltip names the factor the quantity is multiplied by, and its source.
    const QString tip = edit->toolTip();
    CHECK(tip.contains(QStringLiteral("grid.us_egrid2022_consumed")));
    CHECK(tip.contains(QStringLiteral("multiplied by")));
    CHECK(tip.contains(QStringLiteral("eGRID")));
}

TEST_CASE("the HSL option cards show the kg the engine computes, the paper's casing options among them") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const Library& lib = library().library;
    const std::size_t casing = indexOf(doc.study().systems[1], Method::Hsl, Block::Casing);
    ComponentEditor editor(doc, lib);
    editor.setComponent(1, static_cast<int>(casing));
    const FactorSet* set = lib.findFactorSet(doc.factorSetId().toStdString());
    REQUIRE(set);
    const double paper[] = {0.04, 0.27, 0.63}; // paper.md §4: casing, the HSL-1 values
    double engine[3] = {0, 0, 0};
    int i = 0;
    for (Bound b : {Bound::Lower, Bound::Typical, Bound::Upper}) {
        QAbstractButton* card = editor.optionCard(b);
        REQUIRE(card);
        System copy = doc.study().systems[1];
        copy.components[casing].hsl.bound = b;
        const double expected =
            units::inKgCo2e(calculate(copy, *set, lib.findHsl(copy.hslCatalogue)).components[casing].co2e);
        engine[i] = expected;
        CHECK(std::round(expected * 100) / 100 == doctest::Approx(paper[i++]));
        CHECK(card->text().contains(QLocale().toString(expected, 'f', 3)));
        CHECK(card->isChecked() == (b == Bound::Typical));
    }
    const double before = total(doc, 1);
    editor.optionCard(Bound::Upper)->click();
    CHECK(doc.study().systems[1].components[casing].hsl.bound == Bound::Upper);
    CHECK(total(doc, 1) == doctest::Approx(before - engine[1] + engine[2]));
    CHECK(editor.optionCard(Bound::Upper)->isChecked());
    CHECK_FALSE(editor.optionCard(Bound::Typical)->isChecked());
    doc.undoStack().undo();
    CHECK(editor.optionCard(Bound::Typical)->isChecked());
    // Under another factor set the labels follow the document's set.
    doc.setFactorSet(QStringLiteral("open-data"));
    System copy = doc.study().systems[1];
    const double open = units::inKgCo2e(
        calculate(copy, *lib.findFactorSet("open-data"), lib.findHsl(copy.hslCatalogue)).components[casing].co2e);
    CHECK(editor.optionCard(Bound::Typical)->text().contains(QLocale().toString(open, 'f', 3)));
    // A non-HSL component has no cards.
    editor.setComponent(1, static_cast<int>(indexOf(doc.study().systems[1], Method::UsePower, Block::UseStage)));
    CHECK(editor.optionCard(Bound::Typical) == nullptr);
}

TEST_CASE("a custom value replaces the component's kg in the total, is the user's, saves and undoes") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const std::string original = studyToJson(doc.study());
    const std::size_t sensing = indexOf(doc.study().systems[1], Method::Hsl, Block::Sensing);
    const double before = total(doc, 1);
    const double component = kg(doc, 1, sensing);
    ComponentEditor editor(doc, library().library);
    editor.setComponent(1, static_cast<int>(sensing));
    REQUIRE(editor.customValueEdit());
    QTest::keyClicks(editor.customValueEdit(), QStringLiteral("1.25"));
    CHECK(doc.undoStack().count() == 0); // applied on Enter or Apply, not while typing
    editor.customValueButton()->click();
    CHECK(doc.undoStack().count() == 1);
    CHECK(total(doc, 1) == doctest::Approx(before - component + 1.25));
    CHECK(kg(doc, 1, sensing) == doctest::Approx(1.25));
    const Component& c = doc.study().systems[1].components[sensing];
    CHECK(c.method == Method::Fixed);
    REQUIRE(c.sources.size() == 1);
    CHECK(c.sources[0].citation == std::string(kUserSource));
    CHECK(c.note.find("custom value") != std::string::npos);
    // The editor now shows the declared value as a field.
    const ParamRef declared = key(doc, 1, sensing, "declared");
    REQUIRE(editor.valueEdit(declared));
    CHECK(editor.valueEdit(declared)->text().toStdString() == "1.25");
    CHECK(editor.optionCard(Bound::Typical) == nullptr);
    // What is saved loads back (a declared value needs its source).
    const QString file = QString::fromStdString((fs::temp_directory_path() / "tinyfoot-editor-custom.json").string());
    REQUIRE(doc.saveAs(file).succeeded());
    StudyDocument again(library().library);
    REQUIRE(again.open(file).succeeded());
    CHECK(total(again, 1) == doctest::Approx(total(doc, 1)));
    fs::remove(file.toStdString());
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);
    CHECK(total(doc, 1) == doctest::Approx(before));
    CHECK(editor.optionCard(Bound::Typical) != nullptr); // the cards are back
}

TEST_CASE("adding and removing components and systems change the totals as expected") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const double kws = total(doc, 1);
    const double casing = units::inKgCo2e(doc.results()[1].block(Block::Casing));
    const std::size_t n = doc.study().systems[1].components.size();

    AddComponentDialog dialog;
    CHECK_FALSE(dialog.isComplete());
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("gasket"));
    QTest::keyClicks(dialog.kgEdit(), QStringLiteral("0.25"));
    dialog.setBlock(Block::Casing);
    CHECK(dialog.isComplete());
    REQUIRE(dialog.addTo(doc, 1));
    CHECK(total(doc, 1) == doctest::Approx(kws + 0.25));
    REQUIRE(doc.study().systems[1].components.size() == n + 1);
    const Component added = doc.study().systems[1].components[n];
    CHECK(added.name == "gasket");
    CHECK(added.block == Block::Casing);
    CHECK(added.method == Method::Fixed);
    CHECK(added.sources.at(0).citation == std::string(kUserSource));
    CHECK(units::inKgCo2e(doc.results()[1].block(Block::Casing)) == doctest::Approx(casing + 0.25));
    REQUIRE(doc.addComponent(1, "second", Block::Others, 1.0, ""));
    CHECK(doc.study().systems[1].components[n + 1].id != added.id); // ids stay unique

    const double withBoth = total(doc, 1);
    const double first = kg(doc, 1, 0);
    REQUIRE(doc.removeComponent(1, 0));
    CHECK(total(doc, 1) == doctest::Approx(withBoth - first));
    doc.undoStack().undo();
    CHECK(doc.study().systems[1].components[0].block == Block::MlTraining); // back at its index
    CHECK(total(doc, 1) == doctest::Approx(withBoth));

    PresetGallery gallery(library().library, doc.factorSetId());
    QTreeWidget* tree = gallery.tree();
    REQUIRE(tree->topLevelItemCount() == 3);
    CHECK(tree->topLevelItem(0)->childCount() == 5); // the paper's systems
    CHECK(tree->topLevelItem(1)->childCount() == 2); // the calculator's presets
    // The reference devices: every preset of kind "reference" (twelve, presets/reference).
    const auto references = std::count_if(library().library.presets.begin(), library().library.presets.end(),
                                          [](const System& s) { return s.kind == "reference"; });
    CHECK(references >= 10);
    CHECK(tree->topLevelItem(2)->childCount() == static_cast<int>(references));
    bool found = false;
    for (int i = 0; i < tree->topLevelItem(0)->childCount(); ++i) {
        const QTreeWidgetItem* item = tree->topLevelItem(0)->child(i);
        if (item->text(2) != QStringLiteral("kws-typical")) continue;
        found = true;
        CHECK(item->text(1).toStdString() == "2.66");
    }
    CHECK(found);
    CHECK(gallery.chosenIds().empty());
    REQUIRE(gallery.choose("apple-watch-series-7"));
    REQUIRE(gallery.choose("calculator-vision"));
    CHECK(gallery.chosenIds() == std::vector<std::string>{"calculator-vision", "apple-watch-series-7"});
    const std::size_t systems = doc.study().systems.size();
    CHECK(gallery.addChosenTo(doc) == 2);
    REQUIRE(doc.study().systems.size() == systems + 2);
    CHECK(doc.study().systems[systems].presetId == "calculator-vision"); // saved as a reference
    // The comparison has the Apple Watch already: the second one gets an id of its own.
    CHECK(doc.study().systems[systems + 1].id == "apple-watch-series-7-2");
    CHECK(std::round(total(doc, systems + 1)) == 34.0); // paper.md §4
    CHECK(std::round(total(doc, systems) * 100) / 100 == doctest::Approx(3.24).epsilon(0.01));
    REQUIRE(doc.removeSystem(0));
    CHECK(doc.study().systems.size() == systems + 1);
    CHECK(doc.study().systems[0].id == "kws-typical");

    StudyDocument single(library().library);
    REQUIRE(single.open(preset("paper/kws-best.json")).succeeded());
    CHECK_FALSE(single.removeSystem(0)); // a study file needs a system
    CHECK(single.study().systems.size() == 1);
}

TEST_CASE("the editor survives the document being replaced while a component is selected") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    ComponentEditor editor(doc, library().library);
    editor.show();
    editor.setComponent(6, 3); // the MacBook's last declared share
    const ParamRef declared = key(doc, 6, 3, "declared");
    REQUIRE(editor.valueEdit(declared));
    editor.valueEdit(declared)->setFocus();
    // A study with three systems: the selection is gone, the editor shows nothing.
    REQUIRE(doc.open(preset("studies/paper-fleet-250bn.json")).succeeded());
    CHECK(editor.system() == -1);
    CHECK(editor.component() == -1);
    CHECK(editor.fields().empty());
    CHECK(editor.valueEdit(declared) == nullptr);
    // Still in range after the replacement: it shows the new study's component and its values.
    editor.setComponent(1, 13); // image-typical's use stage
    const ParamRef power = key(doc, 1, 13, "power");
    REQUIRE(editor.valueEdit(power));
    REQUIRE(doc.open(preset("paper/kws-best.json")).succeeded());
    CHECK(editor.system() == -1);
    REQUIRE(doc.open(comparison()).succeeded());
    editor.setComponent(1, 13);
    REQUIRE(editor.valueEdit(power));
    QTest::keyClicks(editor.valueEdit(power), QStringLiteral("0"));
    CHECK(doc.study().systems[1].components[13].power.value == 10.0);
    REQUIRE(doc.open(comparison()).succeeded()); // the same study again: the values follow it
    CHECK(editor.system() == 1);
    REQUIRE(editor.valueEdit(power));
    editor.valueEdit(power)->clearFocus();
    doc.setStudy(doc.study()); // a change notice with the field not focused
    CHECK(editor.valueEdit(power)->text().toStdString() == "1");
    // A system without a component selected shows its lifetime only.
    editor.setComponent(0, -1);
    CHECK(editor.fields() == std::vector<ParamRef>{kLifetime});
}

TEST_CASE("the calculator's other options come from the presets: MobileNetV1 training, mains power, other sensing "
          "levels") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const std::string original = studyToJson(doc.study());
    ComponentEditor editor(doc, library().library);
    const System kws = doc.study().systems[0]; // a copy: edits replace the study
    REQUIRE(kws.id == "kws-best");

    // ML training: DenseNet (in use) or MobileNetV1, [C] 0.10 and 1.00 kg.
    const std::size_t training = indexOf(kws, Method::Inventory, Block::MlTraining);
    editor.setComponent(0, static_cast<int>(training));
    const auto& buttons = editor.presetOptionButtons();
    REQUIRE(buttons.size() == 2);
    QPushButton* mobilenet = nullptr;
    for (QPushButton* b : buttons) {
        if (b->text().contains(QStringLiteral("DenseNet"))) CHECK(b->isChecked());
        if (b->text().contains(QStringLiteral("MobileNetV1"))) mobilenet = b;
    }
    REQUIRE(mobilenet);
    CHECK(mobilenet->text().contains(QStringLiteral("1.000 kg")));
    const double before = total(doc, 0);
    mobilenet->click();
    CHECK(total(doc, 0) == doctest::Approx(before + 0.9).epsilon(1e-9));
    REQUIRE(doc.study().systems[0].components[training].items.size() == 1);
    CHECK(doc.study().systems[0].components[training].items[0].factor == "training.mobilenet_v1");
    CHECK(doc.undoStack().count() == 1);
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);

    // Power supply (HSL-2 lower here): the calculator's "mains powered" 0.52 kg is one of the options.
    const std::size_t power = indexOf(doc.study().systems[0], Method::Hsl, Block::PowerSupply);
    editor.setComponent(0, static_cast<int>(power));
    QPushButton* mains = nullptr;
    for (QPushButton* b : editor.presetOptionButtons())
        if (b->text().contains(QStringLiteral("mains"))) mains = b;
    REQUIRE(mains);
    mains->click();
    CHECK(kg(doc, 0, power) == doctest::Approx(0.52));
    CHECK(doc.study().systems[0].components[power].method == Method::Fixed);
    CHECK(doc.study().systems[0].components[power].id == kws.components[power].id); // keeps its id
    // The same option again pushes nothing.
    CHECK_FALSE(doc.replaceComponent(0, power, doc.study().systems[0].components[power]));
    doc.undoStack().undo();
    CHECK(studyToJson(doc.study()) == original);

    // Sensing (HSL-1 lower): the HSL-1 bounds are the cards; the other levels in the presets are options.
    const std::size_t sensing = indexOf(doc.study().systems[0], Method::Hsl, Block::Sensing);
    editor.setComponent(0, static_cast<int>(sensing));
    bool cmos = false;
    for (QPushButton* b : editor.presetOptionButtons()) {
        CHECK_FALSE(b->text().contains(QStringLiteral("HSL-1")));
        if (b->text().contains(QStringLiteral("HSL-3 typical"))) cmos = true;
    }
    CHECK(cmos);
}

TEST_CASE("an HSL component's quantities become its own inventory to edit, at the same kg, and undo gives the option "
          "back") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const std::string original = studyToJson(doc.study());
    ComponentEditor editor(doc, library().library);
    const System kws = doc.study().systems[0];
    for (Block block : {Block::Casing, Block::Transport}) {
        const std::size_t c = indexOf(kws, Method::Hsl, block);
        editor.setComponent(0, static_cast<int>(c));
        REQUIRE(editor.editQuantitiesButton());
        const double before = kg(doc, 0, c);
        const std::size_t lines = doc.results()[0].components[c].lines.size();
        editor.editQuantitiesButton()->click();
        const Component& edited = doc.study().systems[0].components[c];
        CHECK(edited.method == (block == Block::Transport ? Method::Transport : Method::Inventory));
        CHECK(kg(doc, 0, c) == doctest::Approx(before).epsilon(1e-12)); // the same lines, the same kg
        CHECK(doc.results()[0].components[c].lines.size() == lines);
        CHECK_FALSE(edited.sources.empty()); // the catalogue's sources came along
        // Now a quantity can be typed: the first one, doubled, doubles its line.
        const auto fields = editor.fields();
        REQUIRE(fields.size() >= 2); // a quantity and the lifetime
        const double line0 = units::inKgCo2e(doc.results()[0].components[c].lines[0].co2e);
        const auto v = findParameter(doc.study().systems[0], fields[0]);
        REQUIRE(v);
        REQUIRE(doc.setParameter(0, fields[0], v->value * 2, v->unit).succeeded());
        CHECK(units::inKgCo2e(doc.results()[0].components[c].lines[0].co2e) == doctest::Approx(2 * line0));
        doc.undoStack().undo();
        doc.undoStack().undo();
        CHECK(studyToJson(doc.study()) == original);
    }
    // The saved study loads back with the edited inventory.
    const std::size_t casing = indexOf(kws, Method::Hsl, Block::Casing);
    editor.setComponent(0, static_cast<int>(casing));
    editor.editQuantitiesButton()->click();
    std::istringstream in(studyToJson(doc.study()));
    const Study back = loadStudy(in, "saved.json", library().library);
    CHECK(back.systems[0].components[casing].method == Method::Inventory);
}

TEST_CASE("switching the factor set is an edit of the study: undoable, marked modified, saved with it") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const double paper = total(doc, 4);
    CHECK(roundTrips(doc, [&] { return doc.setFactorSet(QStringLiteral("open-data")); }));
    REQUIRE(doc.setFactorSet(QStringLiteral("open-data")));
    CHECK(doc.isModified());
    CHECK(total(doc, 4) < paper);
    CHECK(studyToJson(doc.study()).find("\"open-data\"") != std::string::npos);
    CHECK_FALSE(doc.setFactorSet(QStringLiteral("open-data")));   // already in use
    CHECK_FALSE(doc.setFactorSet(QStringLiteral("no-such-set"))); // unknown
    doc.undoStack().undo();
    CHECK_FALSE(doc.isModified());
    CHECK(total(doc, 4) == doctest::Approx(paper));
}

TEST_CASE("a system duplicated, or a preset added twice, gets an id of its own and the study saves and loads back") {
    qtApp();
    StudyDocument doc(library().library);
    REQUIRE(doc.open(comparison()).succeeded());
    const std::size_t n = doc.study().systems.size();
    CHECK(roundTrips(doc, [&] { return doc.duplicateSystem(0); }));
    REQUIRE(doc.duplicateSystem(0));
    REQUIRE(doc.study().systems.size() == n + 1);
    CHECK(doc.study().systems[1].id == "kws-best-2");
    CHECK(doc.study().systems[1].presetId.empty()); // a variant: saved in full
    CHECK(total(doc, 1) == doctest::Approx(total(doc, 0)));
    REQUIRE(doc.addSystem("kws-best"));
    CHECK(doc.study().systems.back().id == "kws-best-3");
    // Figures tell them apart by label as well.
    CHECK(doc.study().systems[0].label == "KWS best");
    CHECK(doc.study().systems[1].label == "KWS best 2");
    CHECK(doc.study().systems.back().label == "KWS best 3");
    // Every id is unique, so the saved study loads back as it was.
    std::istringstream in(studyToJson(doc.study()));
    const Study back = loadStudy(in, "saved.json", library().library);
    REQUIRE(back.systems.size() == n + 2);
    CHECK(back.systems[1].id == "kws-best-2");
    CHECK(back.systems.back().id == "kws-best-3");
    CHECK(studyToJson(back) == studyToJson(doc.study()));
}
