// Normalised and weighted single scores (weighting.h): kws-best by hand from a small set, the
// loader's refusals.
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/weighting.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace tinyfoot;

namespace {

WeightingSet loadText(const std::string& categories) {
    std::istringstream in(R"({"format": "tinyfoot.weighting_set", "version": 1, "id": "w", "name": "W",
      "sources": [{"citation": "test"}], "year": 2023, "licence": "test", "categories": )" +
                          categories + "}");
    return loadWeightingSet(in, "weights.json");
}

const std::string kTwo = R"([
  {"id": "adpe", "unit": "kg_sb_eq", "normalisation_per_person_year": 0.0636, "weight_percent": 40},
  {"id": "gwp", "unit": "kg_co2e", "normalisation_per_person_year": 7550, "weight_percent": 60}])";

} // namespace

TEST_CASE("kws-best's single score is sum of value / normalisation x weight, climate change from the CO2e result") {
    const System* s = test::library().findPreset("kws-best");
    REQUIRE(s != nullptr);
    const HslCatalogue* hsl = test::library().findHsl(s->hslCatalogue);
    const Result r = calculate(*s, test::paperFactors(), hsl);
    const ImpactResult impacts = assessImpacts(*s, r, *test::library().findImpactSet("tide-boavizta"), hsl);
    const WeightingSet w = loadText(kTwo);
    REQUIRE(w.entries.size() == 2);
    CHECK_FALSE(w.entries.front().category.has_value()); // climate change first
    const SingleScore score = singleScore(r, impacts, w);
    const double adpe = impacts.total[static_cast<std::size_t>(ImpactCategory::Adpe)];
    const double co2e = units::inKgCo2e(r.total);
    CHECK(score.points == doctest::Approx(co2e / 7550 * 0.6 + adpe / 0.0636 * 0.4).epsilon(1e-12));
    REQUIRE(score.categories.size() == 2);
    CHECK(score.categories[0].normalised == doctest::Approx(co2e / 7550).epsilon(1e-12));
    CHECK(score.categories[1].points == doctest::Approx(adpe / 0.0636 * 0.4).epsilon(1e-12));
    // ADPe leaves out training, freight and the declared end of life: incomplete; the CO2e result
    // is complete, so the score covers climate change's 60 % of the weight.
    CHECK_FALSE(score.complete);
    CHECK(score.coveredWeightPercent == doctest::Approx(60.0));
    double stages = 0.0;
    for (double v : score.byStage) stages += v;
    CHECK(stages == doctest::Approx(score.points).epsilon(1e-12));
    CHECK(weightedCategoryId(std::nullopt) == "gwp");
}

TEST_CASE("weighting files: bad input is refused naming the file, the field and what was expected") {
    const auto refused = [](const std::string& categories, const std::string& path, const std::string& expected) {
        try {
            (void)loadText(categories);
            FAIL("accepted: " << categories);
        } catch (const Error& e) {
            const std::string what = e.what();
            CHECK(what.find("weights.json") != std::string::npos);
            CHECK(what.find(path) != std::string::npos);
            CHECK(what.find(expected) != std::string::npos);
        }
    };
    std::string sum = kTwo;
    sum.replace(sum.find("\"weight_percent\": 60"), 20, "\"weight_percent\": 50");
    refused(sum, "/categories", "add up to 100");
    refused(R"([{"id": "co2", "unit": "kg_co2e", "normalisation_per_person_year": 1, "weight_percent": 100}])",
            "/categories/0/id", "gwp, adpe");
    refused(R"([{"id": "adpe", "unit": "kg", "normalisation_per_person_year": 1, "weight_percent": 100}])",
            "/categories/0/unit", "kg_sb_eq");
    refused(R"([{"id": "adpe", "unit": "kg_sb_eq", "normalisation_per_person_year": 0, "weight_percent": 100}])",
            "/categories/0/normalisation_per_person_year", "");
    refused(R"([{"id": "adpe", "unit": "kg_sb_eq", "normalisation_per_person_year": 1, "weight_percent": 50},
               {"id": "adpe", "unit": "kg_sb_eq", "normalisation_per_person_year": 1, "weight_percent": 50}])",
            "/categories/1/id", "not listed before");
}
