// Impact categories beyond CO2e (impact.h): the shipped TIDE/Boavizta set against values
// computed by hand from the published table (Boavizta API, iot_factors_tide.csv at commit
// 15878f04: a device's embodied impact is the sum over its blocks of fabrication + end of life;
// the use stage is kWh x the country's per-kWh impact, electrical_mix.csv), the rules for
// components with no figure, and the loader's refusals.
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/loader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <type_traits>

using namespace tinyfoot;

namespace {

const ImpactSet& tide() {
    const ImpactSet* s = test::library().findImpactSet("tide-boavizta");
    REQUIRE(s != nullptr);
    return *s;
}

struct Assessed {
    System system;
    Result result;
    ImpactResult impacts;
};

Assessed assess(const System& s) {
    const Library& lib = test::library();
    Assessed a{s, calculate(s, test::paperFactors(), lib.findHsl(s.hslCatalogue)), {}};
    a.impacts = assessImpacts(a.system, a.result, tide(), lib.findHsl(s.hslCatalogue));
    return a;
}

const ComponentImpacts& component(const ImpactResult& r, Block b) {
    const auto it =
        std::find_if(r.components.begin(), r.components.end(), [&](const ComponentImpacts& c) { return c.block == b; });
    REQUIRE(it != r.components.end());
    return *it;
}

double adpe(const ComponentImpacts& c) {
    REQUIRE(c.total[static_cast<std::size_t>(ImpactCategory::Adpe)].has_value());
    return *c.total[static_cast<std::size_t>(ImpactCategory::Adpe)];
}

bool warnedMissing(const ImpactResult& r, const std::string& componentId) {
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                       [&](const Diagnostic& d) { return d.code == "missing-category" && d.where == componentId; });
}

std::string setJson(const std::string& categories, const std::string& blocks, const std::string& electricity = "[]") {
    return R"({"format": "tinyfoot.impact_set", "version": 1, "id": "t", "name": "T",
      "sources": [{"citation": "test", "url": "https://example.org"}],
      "categories": )" +
           categories + R"(, "hsl_blocks": )" + blocks + R"(, "electricity": )" + electricity + "}";
}

const std::string kAdpeOnly = R"([{"id": "adpe", "name": "ADPe", "unit": "kg_sb_eq"}])";

ImpactSet loadText(const std::string& text) {
    std::istringstream in(text);
    return loadImpactSet(in, "impacts.json");
}

} // namespace

TEST_CASE("kws-best's ADPe is, block by block, TIDE's fabrication + end of life and the use stage's kWh x USA") {
    const System* s = test::library().findPreset("kws-best");
    REQUIRE(s != nullptr);
    const Assessed a = assess(*s);
    const ImpactResult& r = a.impacts;
    // kg Sb eq., fabrication + end of life, as printed in iot_factors_tide.csv (fab-adpe, eol-adpe).
    CHECK(adpe(component(r, Block::Casing)) == doctest::Approx(3.99e-7 + 5.85e-7).epsilon(1e-12));
    CHECK(adpe(component(r, Block::Pcb)) == doctest::Approx(4.75e-6 + 1.79e-9).epsilon(1e-12));
    CHECK(adpe(component(r, Block::PowerSupply)) == doctest::Approx(1.49e-4 + 6.07e-9).epsilon(1e-12));
    CHECK(adpe(component(r, Block::Processing)) == doctest::Approx(7.13e-9 + 3.88e-12).epsilon(1e-12));
    CHECK(adpe(component(r, Block::Others)) == doctest::Approx(2.44e-5 + 3.2e-9).epsilon(1e-12));
    CHECK(adpe(component(r, Block::UserInterface)) == doctest::Approx(2.97e-5 + 2.05e-9).epsilon(1e-12));
    CHECK(adpe(component(r, Block::Sensing)) == 0.0); // published as zero for sensing HSL-1
    // Use stage: 1 mW for 3 years of 8760 h = 0.02628 kWh, x 9.85548e-8 kg Sb eq./kWh (USA, ADEME).
    CHECK(adpe(component(r, Block::UseStage)) == doctest::Approx(0.02628 * 9.85548e-8).epsilon(1e-12));
    // Primary energy of the same use stage: 0.02628 kWh x 11.358 MJ/kWh.
    const auto& use = component(r, Block::UseStage);
    CHECK(*use.total[static_cast<std::size_t>(ImpactCategory::Pe)] == doctest::Approx(0.02628 * 11.358).epsilon(1e-12));
    // Water use has no per-kWh figure in the source: the use stage's water is unknown, not zero.
    CHECK_FALSE(use.total[static_cast<std::size_t>(ImpactCategory::Wu)].has_value());
    CHECK_FALSE(r.complete[static_cast<std::size_t>(ImpactCategory::Wu)]);
    const auto stage = [](Stage st) { return static_cast<std::size_t>(st); };
    CHECK_FALSE(r.stageComplete[stage(Stage::Use)][static_cast<std::size_t>(ImpactCategory::Wu)]);
    CHECK(r.stageComplete[stage(Stage::Use)][static_cast<std::size_t>(ImpactCategory::Adpe)]);
    CHECK_FALSE(r.stageComplete[stage(Stage::Transport)][static_cast<std::size_t>(ImpactCategory::Adpe)]);

    // The sum over the components that have figures, with its own type.
    double sum = 0.0;
    for (const auto& c : r.components)
        if (const auto v = c.total[static_cast<std::size_t>(ImpactCategory::Adpe)]) sum += *v;
    const units::AdpeSb total = r.totalOf<ImpactCategory::Adpe>();
    CHECK(total.value() == doctest::Approx(sum).epsilon(1e-14));
    CHECK(total.value() == doctest::Approx(3.99e-7 + 5.85e-7 + 4.75e-6 + 1.79e-9 + 1.49e-4 + 6.07e-9 + 7.13e-9 +
                                           3.88e-12 + 2.44e-5 + 3.2e-9 + 2.97e-5 + 2.05e-9 + 0.02628 * 9.85548e-8)
                               .epsilon(1e-12));
    // Stages add up to the total.
    double stages = 0.0;
    for (const auto& st : r.byStage) stages += st[static_cast<std::size_t>(ImpactCategory::Adpe)];
    CHECK(stages == doctest::Approx(sum).epsilon(1e-12));
    CHECK(r.byStage[static_cast<std::size_t>(Stage::EndOfLife)][static_cast<std::size_t>(ImpactCategory::Adpe)] ==
          doctest::Approx(5.85e-7 + 1.79e-9 + 6.07e-9 + 3.88e-12 + 3.2e-9 + 2.05e-9).epsilon(1e-12));

    // ML training (a per-device factor), transport (freight legs) and the declared end of life have
    // no figure in these categories: said, not counted as zero.
    CHECK_FALSE(r.complete[static_cast<std::size_t>(ImpactCategory::Adpe)]);
    for (const auto& c : a.system.components)
        if (c.block == Block::MlTraining || c.block == Block::Transport || c.block == Block::EndOfLife) {
            CAPTURE(c.id);
            CHECK(warnedMissing(r, c.id));
        }
    // Blocks absent at HSL-0 (no hardware) are zero and complete.
    CHECK(adpe(component(r, Block::Memory)) == 0.0);
    CHECK_FALSE(warnedMissing(r, component(r, Block::Memory).id));
}

TEST_CASE("each category is its own kind of quantity") {
    static_assert(!std::is_same_v<units::AdpeSb, units::Co2e>);
    static_assert(!std::is_same_v<units::AdpeSb, units::PrimaryEnergy>);
    static_assert(!std::is_same_v<units::PrimaryEnergy, units::Energy>);
    static_assert(!std::is_same_v<units::WaterUse, units::AdpeSb>);
    static_assert(std::is_same_v<decltype(ImpactResult{}.totalOf<ImpactCategory::Wu>()), units::WaterUse>);
    units::AdpeSb a = units::impact<units::kImpactOrdinal>(1e-6);
    a += units::impact<units::kImpactOrdinal>(2e-6);
    CHECK(a.value() == doctest::Approx(3e-6));
    CHECK(impactCategories().size() == kImpactCategories);
    for (std::size_t i = 0; i < kImpactCategories; ++i) {
        CHECK(static_cast<std::size_t>(impactCategories()[i].category) == i);
        CHECK(impactCategoryFromId(impactCategories()[i].id) == impactCategories()[i].category);
    }
    CHECK_FALSE(impactCategoryFromId("co2e").has_value()); // CO2e is the engine's own result
}

TEST_CASE("a use stage on primary cells has no grid impacts; one on the user's own intensity has no figure") {
    const auto make = [](const std::string& use) {
        std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "u", "name": "U",
          "kind": "tinyml", "lifetime": {"value": 2, "unit": "year"}, "components": [
          {"block": "use_stage", "use": )" +
                              use + "}]}");
        return loadSystem(in, "u.json");
    };
    const Assessed primary = assess(make(R"({"power": {"value": 1, "unit": "mW"}, "supply": {"path": "primary"}})"));
    CHECK(adpe(primary.impacts.components.front()) == 0.0);
    CHECK(primary.impacts.complete[static_cast<std::size_t>(ImpactCategory::Adpe)]);

    const Assessed own = assess(make(R"({"power": {"value": 1, "unit": "mW"},
        "grid": {"value": 0.3, "unit": "kg_co2e/kWh", "sources": [{"citation": "a utility bill"}]}})"));
    CHECK(warnedMissing(own.impacts, own.impacts.components.front().id));
    CHECK_FALSE(own.impacts.complete[static_cast<std::size_t>(ImpactCategory::Adpe)]);
    CHECK(own.impacts.total[static_cast<std::size_t>(ImpactCategory::Adpe)] == 0.0);

    // A charger's losses count: grid energy = device energy / efficiency.
    const Assessed charged = assess(make(R"({"power": {"value": 1, "unit": "mW"}, "supply": {"path": "battery",
        "efficiency": 0.8}, "grid": "grid.fr"})"));
    const auto& fr = *tide().findGrid("grid.fr");
    CHECK(adpe(charged.impacts.components.front()) ==
          doctest::Approx(0.01752 / 0.8 * *fr.perKwh[static_cast<std::size_t>(ImpactCategory::Adpe)]).epsilon(1e-12));
}

TEST_CASE("ML training by energy is the site grid's electricity: kWh x PUE x trainings / devices x per-kWh") {
    std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "t", "name": "T",
      "kind": "tinyml", "lifetime": {"value": 2, "unit": "year"}, "components": [
      {"block": "ml_training", "training": {"energy": {"value": 120, "unit": "kWh"}, "pue": 1.5,
       "trainings": 2, "devices": 1000, "grid": "grid.fr"}}]})");
    const Assessed a = assess(loadSystem(in, "t.json"));
    const auto& fr = *tide().findGrid("grid.fr");
    const double kwh = 120.0 * 1.5 * 2.0 / 1000.0; // 0.36 kWh per device
    const ComponentImpacts& c = a.impacts.components.front();
    CHECK_FALSE(warnedMissing(a.impacts, c.id));
    CHECK(adpe(c) == doctest::Approx(kwh * *fr.perKwh[static_cast<std::size_t>(ImpactCategory::Adpe)]).epsilon(1e-12));
    CHECK(*c.total[static_cast<std::size_t>(ImpactCategory::Pe)] ==
          doctest::Approx(kwh * *fr.perKwh[static_cast<std::size_t>(ImpactCategory::Pe)]).epsilon(1e-12));
    // The source has no water figure per kWh: unknown, not zero.
    CHECK_FALSE(c.total[static_cast<std::size_t>(ImpactCategory::Wu)].has_value());
    REQUIRE(c.lines.size() == 1);
    CHECK(c.lines.front().basis.find("0.36 kWh") != std::string::npos);

    // A site grid the set has no electricity for is said, not counted.
    std::istringstream other(R"({"format": "tinyfoot.system", "version": 1, "id": "t", "name": "T",
      "kind": "tinyml", "lifetime": {"value": 2, "unit": "year"}, "components": [
      {"block": "ml_training", "training": {"energy": {"value": 120, "unit": "kWh"}, "devices": 10, "grid": "grid.source.coal"}}]})");
    const Assessed b = assess(loadSystem(other, "t.json"));
    CHECK(warnedMissing(b.impacts, b.impacts.components.front().id));
}

TEST_CASE("an IC's dies take the set's per-area figures; packages and memory have none, so its total is unknown") {
    const auto make = [](const std::string& ic) {
        std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "i", "name": "I",
          "kind": "tinyml", "lifetime": {"value": 2, "unit": "year"}, "components": [
          {"block": "processing", "ic": )" +
                              ic + "}]}");
        return loadSystem(in, "i.json");
    };
    const auto& die = *tide().icDie;
    const double adpePerMm2 = *die.values[static_cast<std::size_t>(ImpactCategory::Adpe)];
    CHECK(adpePerMm2 == doctest::Approx(5.87e-9)); // factors.yml cpu die_impact, adp
    const Assessed packaged = assess(make(R"({"node_nm": 28, "fab_grid": "grid.source.coal",
        "dies": [{"name": "mcu", "area": {"value": 4, "unit": "mm2"}, "count": 2}]})"));
    const ComponentImpacts& c = packaged.impacts.components.front();
    REQUIRE(c.lines.size() == 2); // the dies, the packages
    CHECK(*c.lines[0].values[static_cast<std::size_t>(ImpactCategory::Adpe)] ==
          doctest::Approx(8 * 5.87e-9).epsilon(1e-12));
    CHECK(*c.lines[0].values[static_cast<std::size_t>(ImpactCategory::Pe)] ==
          doctest::Approx(8 * 0.265).epsilon(1e-12));
    CHECK_FALSE(c.lines[0].values[static_cast<std::size_t>(ImpactCategory::Wu)].has_value());
    CHECK_FALSE(c.lines[1].values[static_cast<std::size_t>(ImpactCategory::Adpe)].has_value());
    CHECK_FALSE(c.total[static_cast<std::size_t>(ImpactCategory::Adpe)].has_value());
    CHECK(warnedMissing(packaged.impacts, c.id));
    // Without packages the dies are the whole component in the categories the figure has.
    const Assessed bare = assess(make(R"({"node_nm": 28, "fab_grid": "grid.source.coal", "packages": 0,
        "dies": [{"name": "mcu", "area": {"value": 4, "unit": "mm2"}, "count": 2}]})"));
    const ComponentImpacts& b = bare.impacts.components.front();
    CHECK(adpe(b) == doctest::Approx(8 * 5.87e-9).epsilon(1e-12));
    CHECK_FALSE(b.total[static_cast<std::size_t>(ImpactCategory::Wu)].has_value());
}

TEST_CASE("the shipped impact set covers TIDE's 35 block levels and a per-kWh row for each grid it names") {
    const ImpactSet& s = tide();
    CHECK(s.hslBlocks.size() == 35);
    CHECK(s.sources.size() >= 2);
    for (const auto& b : s.hslBlocks)
        for (std::size_t i = 0; i < kImpactCategories; ++i) {
            CHECK(b.fabrication[i].has_value());
            CHECK(b.endOfLife[i].has_value());
        }
    // Every grid the set names is a grid factor of the default factor set.
    for (const auto& e : s.electricity) {
        CAPTURE(e.grid);
        CHECK(test::paperFactors().find(e.grid) != nullptr);
    }
    REQUIRE(s.findHsl(Block::Casing, 1) != nullptr);
    CHECK(*s.findHsl(Block::Casing, 1)->endOfLife[static_cast<std::size_t>(ImpactCategory::Wu)] == 14.4);
}

TEST_CASE("impact-set files: bad input is refused naming the file, the field and what was expected") {
    const std::string block = R"([{"block": "casing", "level": 1, "fabrication": {"adpe": 1e-7},
        "end_of_life": {"adpe": 2e-7}}])";
    CHECK_NOTHROW(loadText(setJson(kAdpeOnly, block)));
    const auto refused = [](const std::string& text, const std::string& fragment) {
        CAPTURE(fragment);
        try {
            loadText(text);
            FAIL("loaded");
        } catch (const Error& e) {
            const std::string what = e.what();
            CAPTURE(what);
            CHECK(what.find("impacts.json") != std::string::npos);
            CHECK(what.find(fragment) != std::string::npos);
        }
    };
    refused(setJson(R"([{"id": "gwp", "name": "x", "unit": "kg"}])", "[]"), "a category id");
    refused(setJson(R"([{"id": "adpe", "name": "x", "unit": "kg"}])", "[]"), "kg_sb_eq");
    refused(setJson(R"([{"id": "adpe", "name": "x", "unit": "kg_sb_eq"}, {"id": "adpe", "name": "x",
        "unit": "kg_sb_eq"}])",
                    "[]"),
            "again");
    refused(setJson(kAdpeOnly, R"([{"block": "casing", "level": 1, "fabrication": {"adpe": -1},
        "end_of_life": {"adpe": 0}}])"),
            "fabrication");
    refused(setJson(kAdpeOnly, R"([{"block": "casing", "level": 1, "fabrication": {},
        "end_of_life": {"adpe": 0}}])"),
            "adpe");
    refused(setJson(kAdpeOnly, R"([{"block": "casing", "level": 1, "fabrication": {"adpe": 0, "pe": 1},
        "end_of_life": {"adpe": 0}}])"),
            "pe");
    refused(setJson(kAdpeOnly, R"([{"block": "casing", "level": 1, "fabrication": {"adpe": 0},
        "end_of_life": {"adpe": 0}}, {"block": "casing", "level": 1, "fabrication": {"adpe": 0},
        "end_of_life": {"adpe": 0}}])"),
            "HSL-1");
    refused(setJson(kAdpeOnly, R"([{"block": "casings", "level": 1, "fabrication": {"adpe": 0},
        "end_of_life": {"adpe": 0}}])"),
            "block");
    refused(setJson(kAdpeOnly, "[]", R"([{"grid": "grid.x", "country": "X", "per_kwh": {"adpe": 1}},
        {"grid": "grid.x", "country": "Y", "per_kwh": {}}])"),
            "grid.x");
}
