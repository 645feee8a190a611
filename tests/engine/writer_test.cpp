// Writing systems and studies: what is written loads back to the same model.
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/writer.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace tinyfoot;

TEST_CASE("every preset round-trips through the writer to the same text and the same footprint") {
    int presets = 0;
    for (const auto& p : test::library().presets) {
        CAPTURE(p.id);
        const std::string text = systemToJson(p);
        std::istringstream in(text);
        const System back = loadSystem(in, "written.json");
        CHECK(systemToJson(back) == text);
        const auto& f = test::paperFactors();
        const double a = units::inKgCo2e(calculate(p, f, test::library().findHsl(p.hslCatalogue)).total);
        const double b = units::inKgCo2e(calculate(back, f, test::library().findHsl(back.hslCatalogue)).total);
        CHECK(a == b);
        ++presets;
    }
    CHECK(presets >= 9);
}

TEST_CASE("a study keeps preset references and writes edited systems inline") {
    std::istringstream in(R"({"format": "tinyfoot.study", "version": 1, "id": "s", "name": "S",
      "factor_set": "paper-2023-backsolved", "systems": [{"preset": "kws-best"}, {"preset": "image-worst"}],
      "analysis": {"anything": 1}})");
    Study st = loadStudy(in, "study.json", test::library());
    REQUIRE(st.systems.size() == 2);
    CHECK(st.systems[0].presetId == "kws-best");
    st.systems[1].presetId.clear(); // as an editor does after a change
    st.systems[1].name = "Edited";
    const std::string text = studyToJson(st);
    CHECK(text.find(R"("preset": "kws-best")") != std::string::npos);
    CHECK(text.find(R"("name": "Edited")") != std::string::npos);
    std::istringstream again(text);
    const Study back = loadStudy(again, "study2.json", test::library());
    CHECK(back.systems.size() == 2);
    CHECK(back.systems[1].name == "Edited");
    CHECK(back.analysisJson == st.analysisJson);
    CHECK(studyToJson(back) == text);
}

TEST_CASE("the model's choices are read into enums and written back with the same words") {
    const auto system = [](const std::string& use, const std::string& ic) {
        return R"({"format": "tinyfoot.system", "version": 1, "id": "s", "name": "S", "kind": "tinyml",
          "lifetime": {"value": 3, "unit": "year"}, "components": [
          {"block": "use_stage", "use": {"power": {"value": 1, "unit": "mW"}, )" +
               use + R"(}},
          {"block": "processing", "ic": {"node_nm": 28, "fab_grid": "grid.tw", )" +
               ic + R"("dies": [{"name": "d", "area": {"value": 1, "unit": "mm2"}}]}}]})";
    };
    const auto roundTrip = [](const std::string& text) {
        std::istringstream in(text);
        const System s = loadSystem(in, "choices.json");
        const std::string written = systemToJson(s);
        std::istringstream again(written);
        CHECK(systemToJson(loadSystem(again, "written.json")) == written);
        return s;
    };
    for (Supply supply : {Supply::Mains, Supply::Battery, Supply::Primary}) {
        const std::string word(supplyId(supply));
        CAPTURE(word);
        const System s =
            roundTrip(system(R"("supply": {"path": ")" + word + R"(", "efficiency": 0.9}, "grid": "grid.us")", ""));
        CHECK(s.components[0].use.supply == supply);
        CHECK(systemToJson(s).find(R"("path": ")" + word + "\"") != std::string::npos);
    }
    for (GasAbatement g : {GasAbatement::Percent95, GasAbatement::Percent99, GasAbatement::Mean}) {
        const std::string word(gasAbatementId(g));
        CAPTURE(word);
        const System s = roundTrip(system(R"("grid": "grid.us")", R"("gas_abatement": ")" + word + R"(", )"));
        CHECK(s.components[1].ic.gasAbatement == g);
    }
    for (YieldModel y : {YieldModel::Poisson, YieldModel::Murphy}) {
        const std::string word(yieldModelId(y));
        CAPTURE(word);
        const System s = roundTrip(system(R"("grid": "grid.us")", R"("yield": {"model": ")" + word + R"("}, )"));
        CHECK(s.components[1].ic.yieldModel == y);
        CHECK(systemToJson(s).find(R"("model": ")" + word + "\"") != std::string::npos);
    }
    CHECK(roundTrip(system(R"("grid": "grid.us")", "")).components[1].ic.yieldModel == YieldModel::Fixed);
}

TEST_CASE("a bad choice names the file, the member and every accepted word") {
    std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "s", "name": "S", "kind": "tinyml",
      "lifetime": {"value": 3, "unit": "year"}, "components": [
      {"block": "use_stage", "use": {"power": {"value": 1, "unit": "mW"}, "supply": {"path": "solar"},
       "grid": "grid.us"}}]})");
    try {
        (void)loadSystem(in, "choices.json");
        FAIL("a supply path 'solar' was accepted");
    } catch (const Error& e) {
        CHECK(e.source() == "choices.json");
        CHECK(e.path() == "/components/0/use/supply/path");
        CHECK(e.expected() == R"(one of "mains", "battery", "primary")");
        CHECK(e.found() == R"(a string "solar")");
    }
}

TEST_CASE("a system's label is read, written back after its name, and labels its results; the id stands in for it") {
    const std::string text = R"({"format": "tinyfoot.system", "version": 1, "id": "labelled", "name": "A long name",
      "label": "Short", "kind": "tinyml", "lifetime": {"value": 3, "unit": "year"},
      "components": [{"block": "processing", "items": [{"name": "MCU", "amount": {"value": 10, "unit": "mm2"},
      "factor": "ic.mcu_die"}]}]})";
    std::istringstream in(text);
    System s = loadSystem(in, "labelled.json");
    CHECK(s.label == "Short");
    const std::string written = systemToJson(s);
    CHECK(written.find("\"name\": \"A long name\",\n  \"label\": \"Short\",\n  \"kind\"") != std::string::npos);
    CHECK(calculate(s, test::paperFactors(), nullptr).systemLabel == "Short");
    s.label.clear();
    CHECK(systemToJson(s).find("\"label\"") == std::string::npos);
    CHECK(calculate(s, test::paperFactors(), nullptr).systemLabel == "labelled");
}

TEST_CASE("every preset has a short label for figures") {
    for (const auto& p : test::library().presets) {
        CAPTURE(p.id);
        CHECK_FALSE(p.label.empty());
        CHECK(p.label.size() <= 16);
    }
}
