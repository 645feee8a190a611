// Impact categories and single scores on generated systems (every model the engine accepts: HSL
// levels, inventories, freight, declared shares, ICs, batteries, training, use stages by power,
// profile or inference, trajectories): the study layer's recalculating model in a category gives,
// at the nominal and with the lifetime changed, exactly what calculate() + assessImpacts() (and
// singleScore()) give for the system edited the same way; the end-of-life mass weighs them all.
#include "study_support.h"
#include "system_generator.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/end_of_life_mass.h"
#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/study/impact_model.h"
#include "tinyfoot/engine/weighting.h"

#include <doctest/doctest.h>

#include <map>
#include <sstream>

using namespace tinyfoot;
using namespace tinyfoot::study;

namespace {

System load(const nlohmann::json& j) {
    std::istringstream in(j.dump());
    return loadSystem(in, "generated.json");
}

/// Two categories and climate change, weighted for the test only (not EF figures).
WeightingSet testWeighting() {
    std::istringstream in(R"({"format": "tinyfoot.weighting_set", "version": 1, "id": "w", "name": "W",
      "sources": [{"citation": "test"}], "year": 2024, "licence": "test", "categories": [
      {"id": "adpe", "unit": "kg_sb_eq", "normalisation_per_person_year": 0.0636, "weight_percent": 30},
      {"id": "gwp", "unit": "kg_co2e", "normalisation_per_person_year": 7550, "weight_percent": 50},
      {"id": "pe", "unit": "MJ", "normalisation_per_person_year": 65000, "weight_percent": 20}]})");
    return loadWeightingSet(in, "w.json");
}

} // namespace

TEST_CASE("generated systems: a category and the single score through the study model = the direct assessment") {
    const FactorSet& set = *test::library().findFactorSet("open-data");
    const HslCatalogue* hsl = test::library().findHsl("pirson-bol-2021");
    const ImpactSet* tide = test::library().findImpactSet("tide-boavizta");
    REQUIRE(hsl);
    REQUIRE(tide);
    const WeightingSet weighting = testWeighting();
    test::SystemGenerator gen(20261206, true);
    for (const auto& f : set.factors) {
        if (f.per == Dimension::Mass) gen.massFactors.push_back(f.id);
        if (f.per == Dimension::Area) gen.areaFactors.push_back(f.id);
        if (f.per == Dimension::Count) gen.countFactors.push_back(f.id);
        if (f.per == Dimension::MassDistance) gen.freightFactors.push_back(f.id);
    }
    std::map<std::string, int> seen;
    for (int n = 0; n < 150; ++n) {
        const auto file = gen.system(n);
        CAPTURE(file.dump());
        const System s = load(file);
        const HslCatalogue* cat = s.hslCatalogue.empty() ? nullptr : hsl;
        const Result r = calculate(s, set, cat);
        const FlatModel model = FlatModel::compile({s}, {r}, set, {cat});
        const auto nominal = model.nominalValues();
        // The lifetime 1.5 times longer: the same edit on the system and on the model's input.
        System longer = s;
        longer.lifetime = Amount::make(s.lifetime.value * 1.5, *findUnit(s.lifetime.unit));
        const Result rl = calculate(longer, set, cat);
        std::vector<double> values = nominal;
        values[model.lifetimeInput(0)] *= 1.5;
        for (const ImpactCategory c : {ImpactCategory::Adpe, ImpactCategory::Pe, ImpactCategory::Wu}) {
            CAPTURE(impactCategoryInfo(c).id);
            const ImpactModel m(model, CategoryChoice{tide, c}, {}, nominal, {});
            const auto i = static_cast<std::size_t>(c);
            const ImpactResult direct = assessImpacts(s, r, *tide, cat);
            CHECK(m.parts(0, nominal).total == doctest::Approx(direct.total[i]).epsilon(1e-12));
            const ImpactResult directLonger = assessImpacts(longer, rl, *tide, cat);
            CHECK(m.parts(0, values).total == doctest::Approx(directLonger.total[i]).epsilon(1e-12));
            seen[direct.complete[i] ? "complete" : "incomplete"]++;
            if (direct.total[i] > 0.0) seen["figures"]++;
        }
        const CategoryChoice score{tide, ImpactCategory::Adpe, &weighting};
        const ImpactModel m(model, score, {}, nominal, {});
        const SingleScore direct = singleScore(r, assessImpacts(s, r, *tide, cat), weighting);
        CHECK(m.parts(0, nominal).total == doctest::Approx(direct.points).epsilon(1e-12));
        const SingleScore directLonger = singleScore(rl, assessImpacts(longer, rl, *tide, cat), weighting);
        CHECK(m.parts(0, values).total == doctest::Approx(directLonger.points).epsilon(1e-12));
        // Stages add up to the score.
        double stages = 0.0;
        for (double v : direct.byStage) stages += v;
        CHECK(stages == doctest::Approx(direct.points).epsilon(1e-9));

        // The end-of-life mass weighs every kind of component without failing; what it leaves
        // out it names.
        const EndOfLifeMass mass = assessEndOfLifeMass(s, r, set, nullptr);
        CHECK(mass.weighedKg >= 0.0);
        CHECK(mass.complete() == mass.unweighed.empty());
        for (const auto& comp : s.components)
            if (comp.method == Method::Battery)
                seen[mass.materials.empty() ? "battery unweighed" : "battery weighed"]++;
    }
    // The generated systems have figures (use stages, training, HSL levels) and gaps (the IC and
    // battery models, freight, declared shares: every generated system has an IC).
    CHECK(seen["figures"] > 0);
    CHECK(seen["incomplete"] > 0);
    CHECK(seen["battery weighed"] > 0);
}
