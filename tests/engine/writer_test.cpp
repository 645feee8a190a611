// Writing systems and studies: what is written loads back to the same model.
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
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
