// Editing the model's numbers by their keys (ParamRef) in the component editor: a training's PUE, a
// duty-cycle state's fraction, a die's own node and a battery's cycle life typed into the editor
// give the total calculate() gives for the file with that member changed; undo and redo restore
// the exact value and unit; values outside a parameter's domain are refused with a message naming
// the field and what it expects, and the study is left as it was. Real Qt, offscreen platform.
#include "component_editor.h"
#include "parameter_edit.h"
#include "study_document.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/writer.h"

#include "studio_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

#include <sstream>
#include <string>

using namespace tinyfoot;
using namespace tinyfoot::studio;

using tinyfoot::test::library;
using tinyfoot::test::qtApp;

namespace {

// A device whose battery is cycled enough for its cycle life to matter: a duty-cycled use stage
// of 25.5 mW on average over 3 years (670 Wh) from a 7.2 Wh cell rated for 500 cycles.
const nlohmann::json kDevice = nlohmann::json::parse(R"({
  "format": "tinyfoot.system", "version": 1, "id": "editable", "name": "Editable device", "kind": "tinyml",
  "lifetime": {"value": 3, "unit": "year"},
  "components": [
    {"id": "soc", "block": "processing",
     "ic": {"node_nm": 40, "fab_grid": "grid.tw",
            "dies": [{"name": "MCU", "area": {"value": 10, "unit": "mm2"}},
                     {"name": "radio", "area": {"value": 4, "unit": "mm2"}, "node_nm": 65}]}},
    {"id": "cell", "block": "power_supply",
     "battery": {"chemistry": "li_ion_nmc", "capacity": {"value": 2000, "unit": "mAh"},
                 "voltage": {"value": 3.6, "unit": "V"}, "cycle_life": 500}},
    {"id": "train", "block": "ml_training",
     "training": {"energy": {"value": 1000, "unit": "kWh"}, "grid": "grid.us", "devices": 1000, "pue": 1.1}},
    {"id": "duty", "block": "use_stage",
     "use": {"profile": [{"state": "active", "power": {"value": 50, "unit": "mW"}, "fraction": 0.5},
                         {"state": "sleep", "power": {"value": 1, "unit": "mW"}, "fraction": 0.5}],
             "supply": {"path": "battery", "efficiency": 0.9}, "grid": "grid.us"}}
  ]
})");

System load(const nlohmann::json& j) {
    std::istringstream in(j.dump());
    return loadSystem(in, "editable.json");
}

Study deviceStudy() {
    Study st;
    st.id = "editable-study";
    st.name = "Editable device";
    st.systems.push_back(load(kDevice));
    return st;
}

double total(const StudyDocument& doc) { return units::inKgCo2e(doc.results()[0].total); }

/// calculate()'s total for a system file, under the document's factor set.
double totalOf(const StudyDocument& doc, const nlohmann::json& file) {
    return units::inKgCo2e(calculate(load(file), *doc.factorSet(), nullptr).total);
}

/// Types `text` into a field as a person would: select all, then the keys.
void type(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

TEST_CASE("typing PUE, a state's fraction, a die's node and a cycle life changes the total as calculate() says, "
          "and undo restores it") {
    qtApp();
    StudyDocument doc(library().library);
    doc.setStudy(deviceStudy());
    ComponentEditor editor(doc, library().library);
    editor.show();
    struct Case {
        std::size_t component;
        std::string path;
        QString typed;
        // The same change written in the file.
        void (*inFile)(nlohmann::json&);
    };
    const Case cases[] = {
        {2, "pue", QStringLiteral("1.6"), [](nlohmann::json& j) { j["components"][2]["training"]["pue"] = 1.6; }},
        {3, "profile/0/fraction", QStringLiteral("0.8"),
         [](nlohmann::json& j) {
             j["components"][3]["use"]["profile"][0]["fraction"] = 0.8;
             j["components"][3]["use"]["profile"][1]["fraction"] = 0.2; // the rest of the time
         }},
        // 65 nm holds the table's 28 nm row; 7 nm is a row of its own.
        {0, "dies/1/node_nm", QStringLiteral("7"),
         [](nlohmann::json& j) { j["components"][0]["ic"]["dies"][1]["node_nm"] = 7; }},
        {1, "cycle_life", QStringLiteral("50"),
         [](nlohmann::json& j) { j["components"][1]["battery"]["cycle_life"] = 50; }},
    };
    for (const Case& k : cases) {
        const ParamRef ref = ParamRef::field(doc.study().systems[0].components[k.component].id, k.path);
        CAPTURE(ref.key());
        const std::string original = studyToJson(doc.study());
        const double before = total(doc);
        editor.setComponent(0, static_cast<int>(k.component));
        QLineEdit* edit = editor.valueEdit(ref);
        REQUIRE(edit);
        CHECK(editor.unitBox(ref) == nullptr); // a plain number
        type(edit, k.typed);
        nlohmann::json file = kDevice;
        k.inFile(file);
        const double expected = totalOf(doc, file);
        CHECK(expected != doctest::Approx(before));
        CHECK(total(doc) == doctest::Approx(expected).epsilon(1e-12));
        CHECK(doc.undoStack().count() == 1);
        CHECK_FALSE(editor.messageLabel()->isVisible());
        const auto edited = findParameter(doc.study().systems[0], ref);
        REQUIRE(edited);
        CHECK(edited->value == k.typed.toDouble());
        doc.undoStack().undo();
        CHECK(studyToJson(doc.study()) == original);
        CHECK(total(doc) == doctest::Approx(before).epsilon(1e-15));
        doc.undoStack().redo();
        CHECK(findParameter(doc.study().systems[0], ref)->value == k.typed.toDouble());
        CHECK(total(doc) == doctest::Approx(expected).epsilon(1e-12));
        doc.undoStack().undo();
        doc.undoStack().clear();
        edit->clearFocus();
    }
    // The battery's line says why: 670 Wh drawn over 50 cycles of 7.2 Wh is two sets.
    const ParamRef cycles = ParamRef::field("cell", "cycle_life");
    editor.setComponent(0, 1);
    type(editor.valueEdit(cycles), QStringLiteral("50"));
    CHECK(doc.results()[0].components[1].lines.at(0).quantity.find("2 battery set(s)") != std::string::npos);
}

TEST_CASE("an amount edited in another unit: undo and redo restore the exact value and unit") {
    qtApp();
    StudyDocument doc(library().library);
    doc.setStudy(deviceStudy());
    ComponentEditor editor(doc, library().library);
    editor.show();
    editor.setComponent(0, 0);
    const ParamRef area = ParamRef::field("soc", "dies/1/area");
    QComboBox* units = editor.unitBox(area);
    REQUIRE(units);
    units->setCurrentText(QStringLiteral("cm2"));
    CHECK(editor.valueEdit(area)->text().toStdString() == "0.04");
    type(editor.valueEdit(area), QStringLiteral("0.07"));
    const Amount& after = doc.study().systems[0].components[0].ic.dies[1].area;
    CHECK(after.value == 0.07);
    CHECK(after.unit == "cm2");
    doc.undoStack().undo();
    CHECK(doc.study().systems[0].components[0].ic.dies[1].area.value == 4.0);
    CHECK(doc.study().systems[0].components[0].ic.dies[1].area.unit == "mm2");
    doc.undoStack().redo();
    CHECK(doc.study().systems[0].components[0].ic.dies[1].area.value == 0.07);
    CHECK(doc.study().systems[0].components[0].ic.dies[1].area.unit == "cm2");
    // A use stage without a duration runs for the lifetime until one is typed.
    editor.setComponent(0, 3);
    const ParamRef duration = ParamRef::field("duty", "duration");
    REQUIRE(editor.valueEdit(duration));
    CHECK(editor.unitBox(duration)->currentText().toStdString() == "year");
    const double before = total(doc);
    type(editor.valueEdit(duration), QStringLiteral("1.5"));
    REQUIRE(doc.study().systems[0].components[3].duration);
    CHECK(total(doc) < before);
    doc.undoStack().undo();
    CHECK_FALSE(doc.study().systems[0].components[3].duration);
    CHECK(total(doc) == doctest::Approx(before).epsilon(1e-15));
}

TEST_CASE("values outside a parameter's domain are refused with a message naming the field, the study untouched") {
    qtApp();
    StudyDocument doc(library().library);
    doc.setStudy(deviceStudy());
    const std::string original = studyToJson(doc.study());
    struct Case {
        std::string key;
        double value;
        const char* unit;
        const char* message;
    };
    const Case cases[] = {
        {"train/pue", 0.8, "", "ML training: PUE: expected a number >= 1, got 0.8"},
        {"train/devices", 0.0, "", "expected a number > 0, got 0"},
        {"duty/profile/0/fraction", 1.2, "", "state 'active' time fraction: expected a fraction from 0 to 1"},
        {"duty/supply/efficiency", 0.0, "", "supply efficiency: expected a fraction above 0, at most 1, got 0"},
        {"cell/cycle_life", -3.0, "", "cycle life (full cycles): expected a number > 0, got -3"},
        {"cell/count", 0.0, "", "cells: expected a number > 0"},
        {"soc/dies/1/node_nm", 0.0, "", "die 'radio' node (nm): expected a number > 0"},
        {"soc/dies/0/count", 0.0, "", "die 'MCU' count: expected a number > 0"},
        {"soc/dies/0/area", -1.0, "mm2", "die 'MCU' area: expected a number >= 0, got -1"},
        {"soc/dies/0/area", 1.0, "kg", "die 'MCU' area: expected a unit of an area"},
        {"lifetime", 0.0, "year", "lifetime: expected a number > 0"},
        {"cell/nothing", 1.0, "", "cell/nothing: not a number of this system"},
    };
    for (const Case& k : cases) {
        CAPTURE(k.key);
        const auto ref = ParamRef::parse(k.key);
        REQUIRE(ref);
        const OperationResult r = doc.setParameter(0, *ref, k.value, k.unit);
        CHECK(r.failed());
        CAPTURE(r.message().toStdString());
        CHECK(r.message().contains(QString::fromUtf8(k.message)));
        CHECK(studyToJson(doc.study()) == original);
        CHECK(doc.undoStack().count() == 0);
    }
    // In the editor: the field turns red, the message says why, nothing is pushed; a good value then
    // clears both.
    ComponentEditor editor(doc, library().library);
    editor.show();
    editor.setComponent(0, 2);
    const ParamRef pue = ParamRef::field("train", "pue");
    QLineEdit* edit = editor.valueEdit(pue);
    REQUIRE(edit);
    type(edit, QStringLiteral("0.5"));
    CHECK(editor.messageLabel()->isVisible());
    CHECK(editor.messageLabel()->text().contains(QStringLiteral("PUE: expected a number >= 1, got 0.5")));
    CHECK_FALSE(edit->styleSheet().isEmpty());
    CHECK(studyToJson(doc.study()) == original);
    CHECK(doc.undoStack().count() == 0);
    type(edit, QStringLiteral("1.2"));
    CHECK_FALSE(editor.messageLabel()->isVisible());
    CHECK(edit->styleSheet().isEmpty());
    CHECK(doc.study().systems[0].components[2].training.pue == 1.2);
    CHECK(doc.undoStack().count() == 1);
    // A text that is not a number yet ("-" on the way to "-3") is refused as such.
    editor.setComponent(0, 1);
    type(editor.valueEdit(ParamRef::field("cell", "cycle_life")), QStringLiteral("-"));
    CHECK(editor.messageLabel()->text().contains(QStringLiteral("cycle life (full cycles): expected a number")));
    CHECK(doc.undoStack().count() == 1);
}
