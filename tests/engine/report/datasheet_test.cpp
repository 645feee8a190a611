// The ML-sensor datasheet's environmental section (report/datasheet.h): its figures are the
// result's, its tables are well formed in Markdown and HTML, and text is escaped.
#include "../test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/report/datasheet.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace tinyfoot;

namespace {

struct Sheet {
    System system;
    Result result;
    ImpactResult impacts;
    std::vector<report::DatasheetBlock> blocks;
};

Sheet make(const System& s) {
    const Library& lib = test::library();
    Sheet out{s, calculate(s, test::paperFactors(), lib.findHsl(s.hslCatalogue)), {}, {}};
    const ImpactSet* set = lib.findImpactSet("tide-boavizta");
    REQUIRE(set != nullptr);
    out.impacts = assessImpacts(out.system, out.result, *set, lib.findHsl(s.hslCatalogue));
    report::DatasheetInput in;
    in.system = &out.system;
    in.result = &out.result;
    in.factors = &test::paperFactors();
    in.hsl = lib.findHsl(s.hslCatalogue);
    in.impacts = &out.impacts;
    in.impactSet = set;
    in.generator = "tinyfoot test";
    out.blocks = report::datasheet(in);
    return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("the datasheet of kws-best carries its footprint by stage and component, per year, and its sources") {
    const System* s = test::library().findPreset("kws-best");
    REQUIRE(s != nullptr);
    const Sheet sheet = make(*s);
    const std::string md = report::datasheetMarkdown(sheet.blocks);
    CHECK(has(md, "# Environmental impact: Keyword spotting, best case"));
    CHECK(has(md, "| life cycle | 0.893 |"));
    CHECK(has(md, "| per year of use | 0.298 |")); // 0.893 / 3 years
    CHECK(has(md, "| power supply | production | 0.254 | HSL-2 lower |"));
    CHECK(has(md, "| adpe | kg_sb_eq | 0.000209 * |")); // incomplete: training, freight, end of life
    CHECK(has(md, "| wu | m3_world_eq |"));
    CHECK(has(md, "no figure")); // the use stage's water
    CHECK(has(md, "grid.us_egrid2022_consumed = 0.394 kg_co2e/kWh (derived, 2022)"));
    CHECK(has(md, "Datasheets for Machine Learning Sensors"));
    CHECK(has(md, "iot_factors_tide.csv"));
    CHECK_FALSE(has(md, "per inference")); // a continuous 1 mW use stage has no inferences

    // Every Markdown table row has as many cells as its header.
    std::istringstream lines(md);
    std::string line;
    std::size_t columns = 0;
    for (bool inTable = false; std::getline(lines, line);) {
        if (line.rfind("|", 0) != 0) {
            inTable = false;
            continue;
        }
        std::size_t bars = 0;
        for (std::size_t i = 0; i < line.size(); ++i)
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
        if (!inTable) columns = bars;
        inTable = true;
        CAPTURE(line);
        CHECK(bars == columns);
    }
}

TEST_CASE("a use stage per inference gives the footprint per inference; HTML escapes text") {
    std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "kws-m", "name": "KWS & <friends>",
      "kind": "tinyml", "lifetime": {"value": 2, "unit": "year"}, "components": [
      {"block": "others", "fixed": {"amount": {"value": 1, "unit": "kg_co2e"}}, "note": "a | pipe",
       "sources": [{"citation": "test"}]},
      {"block": "use_stage", "use": {"inference": {"energy": {"value": 500, "unit": "uJ"},
        "rate": {"value": 1, "unit": "1/s"}, "idle_power": {"value": 50, "unit": "uW"}}, "grid": "grid.us"}}]})");
    const Sheet sheet = make(loadSystem(in, "s.json"));
    REQUIRE(sheet.result.inferences.has_value());
    CHECK(*sheet.result.inferences == doctest::Approx(2 * 365 * 86400.0));
    const std::string md = report::datasheetMarkdown(sheet.blocks);
    CHECK(has(md, "| per inference |"));
    CHECK(has(md, "given in the system file (500 uJ)"));
    CHECK(has(md, "- others: a | pipe")); // notes are assumptions, listed as written
    const std::string html = report::datasheetHtml(sheet.blocks, "T & <t>");
    CHECK(has(html, "<title>T &amp; &lt;t&gt;</title>"));
    CHECK(has(html, "KWS &amp; &lt;friends&gt;"));
    CHECK_FALSE(has(html, "<friends>"));
    CHECK(std::count(html.begin(), html.end(), '\n') > 50);
    CHECK(has(html, "</html>"));
}
