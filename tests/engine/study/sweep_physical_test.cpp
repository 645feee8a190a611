// Sweeps over systems costed by physical models (battery with replacements, inference use stage,
// IC, training): every sweep point must equal a calculation of the system with the swept value.
#include "study_support.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/study/study.h"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

using namespace tinyfoot;
using namespace tinyfoot::study;

namespace {

// A small cell with a short cycle life, so the battery sets step within a sweep: 0.37 Wh at 10
// cycles, against 4.8 Wh a year drawn by the device (550 uW): 2, 7, 14 and 27 sets at 1, 5, 10
// and 20 years.
const char* kPhysicalStudy = R"({"format": "tinyfoot.study", "version": 1, "id": "t", "name": "T",
  "factor_set": "open-data",
  "systems": [{"system": {"id": "phys", "name": "Physical", "kind": "tinyml",
    "lifetime": {"value": 5, "unit": "year"},
    "components": [
      {"block": "ml_training", "training": {"energy": {"value": 500, "unit": "kWh"}, "pue": 1.2, "grid": "grid.us",
                                            "devices": 100000, "trainings": 2}},
      {"block": "processing", "ic": {"node_nm": 40, "fab_grid": "grid.tw",
                                     "dies": [{"name": "MCU", "area": {"value": 10, "unit": "mm2"}, "count": 1}]}},
      {"block": "power_supply", "battery": {"chemistry": "li_ion_nmc", "capacity": {"value": 100, "unit": "mAh"},
                                            "voltage": {"value": 3.7, "unit": "V"}, "cycle_life": 10}},
      {"block": "use_stage", "use": {"inference": {"energy": {"value": 500, "unit": "uJ"},
                                                   "rate": {"value": 1, "unit": "1/s"},
                                                   "idle_power": {"value": 50, "unit": "uW"}},
                                     "supply": {"path": "battery", "efficiency": 0.9}, "grid": "grid.us"}}]}}],
  "analysis": {"sweeps": [{"id": "life", "x": {"parameter": "lifetime", "unit": "year", "values": [1, 5, 10, 20]}}]}})";

double componentKg(const Result& r, Block block) {
    for (const auto& c : r.components)
        if (c.block == block) return inKgCo2e(c.co2e);
    return -1.0;
}

} // namespace

TEST_CASE("a lifetime sweep of a physical-model system scales the use stage and steps the battery sets") {
    const Study st = test::loadStudyText(kPhysicalStudy, "physical-sweep.json");
    const auto ctx = test::prepare(st);
    const SweepReport r = runSweep(ctx, ctx.analysis.sweeps.at(0));
    std::map<double, double> total;
    std::map<double, double> operational;
    for (const auto& p : r.rows) {
        if (p.metric == "total_kg_co2e") total[p.x] = p.value;
        if (p.metric == "operational_kg_co2e") operational[p.x] = p.value;
    }
    REQUIRE(total.size() == 4);
    REQUIRE(operational.size() == 4);
    // Use stage: a constant average power on a constant grid, so the footprint is proportional.
    for (double years : {5.0, 10.0, 20.0}) CHECK(operational[years] == doctest::Approx(years * operational[1.0]));
    // Every point equals a full calculation of the system at that lifetime.
    const FactorSet& set = *test::library().findFactorSet("open-data");
    double batteryAt1 = 0.0;
    for (double years : {1.0, 5.0, 10.0, 20.0}) {
        CAPTURE(years);
        System s = st.systems.front();
        s.lifetime = Amount::make(years, *findUnit("year"));
        const Result direct = calculate(s, set, nullptr);
        CHECK(total[years] == doctest::Approx(inKgCo2e(direct.total)).epsilon(1e-12));
        // Battery sets (docs/method.md §2): the energy the device draws over the lifetime (before
        // charger losses) over the energy the cells deliver in their cycle life, rounded up.
        const double drawnWh = (500e-6 * 1.0 + 50e-6) * years * 365.0 * 24.0;
        const double sets = std::ceil(drawnWh / (0.1 * 3.7 * 10.0));
        const double battery = componentKg(direct, Block::PowerSupply);
        if (years == 1.0) {
            CHECK(sets == 2.0);
            batteryAt1 = battery / sets;
        } else CHECK(battery == doctest::Approx(sets * batteryAt1).epsilon(1e-12));
    }
    CHECK(batteryAt1 > 0.0);
}

TEST_CASE("a study with an input key of earlier versions (named after a result line) fails naming the new key") {
    const auto ctx = test::prepare(test::loadStudyText(kPhysicalStudy, "physical.json"));
    const auto expectReplaced = [&](const std::string& old, const std::string& expected) {
        CAPTURE(old);
        UncertaintySpec spec;
        spec.samples = 10;
        InputDistributionSpec d;
        d.input = old;
        d.kind = DistributionKind::Uniform;
        d.relative = true;
        d.lower = 0.9;
        d.upper = 1.1;
        d.path = "/analysis/uncertainty/inputs/0";
        spec.inputs.push_back(d);
        std::vector<Diagnostic> diagnostics;
        try {
            (void)chooseDistributions(ctx, spec, diagnostics);
            FAIL("accepted an old key");
        } catch (const Error& e) {
            const std::string what = e.what();
            CAPTURE(what);
            CHECK(what.find(expected) != std::string::npos);
            CHECK(what.find("/analysis/uncertainty/inputs/0/input") != std::string::npos);
        }
    };
    expectReplaced("power_supply/Li-ion, nickel-manganese-cobalt cathode (NMC)/capacity",
                   "the parameter key 'power_supply/capacity'");
    expectReplaced("power_supply/Li-ion, nickel-manganese-cobalt cathode (NMC)/cells",
                   "the parameter key 'power_supply/count'");
    expectReplaced("power_supply/Li-ion, nickel-manganese-cobalt cathode (NMC)/sets over the lifetime",
                   "the number of battery sets is derived from");
    expectReplaced("ml_training/training energy/devices", "the parameter key 'ml_training/devices'");
    expectReplaced("processing/MCU/die area", "the parameter key 'processing/dies/0/area'");
    expectReplaced("use_stage/electricity/energy per inference", "the parameter key 'use_stage/inference/energy'");
    expectReplaced("use_stage/electricity/duration", "the parameter key 'lifetime'");
}

TEST_CASE("a relative distribution on a negative parameter (a grid falling 3 % a year) spans its multiples the right "
          "way round; a lognormal or a normal with a negative mean is refused naming the field") {
    const char* study = R"({"format": "tinyfoot.study", "version": 1, "id": "t", "name": "T",
      "factor_set": "open-data",
      "systems": [{"system": {"id": "use", "name": "Use", "kind": "tinyml",
        "lifetime": {"value": 5, "unit": "year"},
        "components": [{"block": "use_stage", "use": {"power": {"value": 5, "unit": "mW"}, "grid": "grid.us",
          "grid_trajectory": {"start_year": 2025, "annual_change_percent": -3}}}]}}]})";
    const auto ctx = test::prepare(test::loadStudyText(study, "trajectory.json"));
    const auto choose = [&](DistributionKind kind) {
        UncertaintySpec spec;
        InputDistributionSpec d;
        d.input = "use_stage/grid_trajectory/annual_change_percent";
        d.kind = kind;
        d.relative = true;
        d.lower = 0.8;
        d.mode = 1.0;
        d.upper = 1.2;
        d.mean = 1.0;
        d.sd = 0.1;
        d.median = 1.0;
        d.gsd = 1.2;
        d.path = "/analysis/uncertainty/inputs/0";
        spec.inputs.push_back(d);
        spec.factors = FactorDefault::Fixed;
        std::vector<Diagnostic> diagnostics;
        return chooseDistributions(ctx, spec, diagnostics);
    };
    for (const auto kind : {DistributionKind::Uniform, DistributionKind::Triangular}) {
        const auto chosen = choose(kind);
        REQUIRE(chosen.size() == 1);
        CHECK(chosen[0].distribution.kind() == kind); // not silently held fixed
        CHECK(chosen[0].distribution.low() == doctest::Approx(-3.6));
        CHECK(chosen[0].distribution.high() == doctest::Approx(-2.4));
    }
    for (const auto& [kind, field] :
         {std::pair{DistributionKind::Lognormal, "/analysis/uncertainty/inputs/0/distribution"},
          std::pair{DistributionKind::Normal, "/analysis/uncertainty/inputs/0/mean"}}) {
        try {
            (void)choose(kind);
            FAIL("accepted a distribution that cannot reach a negative value");
        } catch (const Error& e) {
            CHECK(e.path() == field);
            CHECK(std::string(e.what()).find("annual_change_percent") != std::string::npos);
        }
    }
}

TEST_CASE("inventory items and transport legs are study inputs by their parameter keys; their earlier keys (the "
          "item's name, the leg's mode) fail naming the new key") {
    const char* study = R"({"format": "tinyfoot.study", "version": 1, "id": "t", "name": "T",
      "factor_set": "open-data",
      "systems": [{"system": {"id": "inv", "name": "Inventory", "kind": "tinyml",
        "lifetime": {"value": 5, "unit": "year"},
        "components": [
          {"block": "casing", "items": [{"name": "ABS shell", "amount": {"value": 20, "unit": "g"},
                                         "factor": "material.abs"}]},
          {"block": "transport", "transport": {"mass": {"value": 100, "unit": "g"},
            "legs": [{"mode": "truck", "distance": {"value": 300, "unit": "km"}, "factor": "transport.truck"}]}}]}}]})";
    const auto ctx = test::prepare(test::loadStudyText(study, "inventory.json"));
    std::vector<std::string> keys;
    for (const auto& in : ctx.model.inputs()) keys.push_back(in.key);
    for (const char* key : {"casing/items/0/amount", "transport/mass", "transport/legs/0/distance"}) {
        CAPTURE(key);
        CHECK(std::find(keys.begin(), keys.end(), key) != keys.end());
    }
    const auto expectReplaced = [&](const std::string& old, const std::string& expected) {
        CAPTURE(old);
        UncertaintySpec spec;
        InputDistributionSpec d;
        d.input = old;
        d.kind = DistributionKind::Uniform;
        d.relative = true;
        d.lower = 0.9;
        d.upper = 1.1;
        d.path = "/analysis/uncertainty/inputs/0";
        spec.inputs.push_back(d);
        std::vector<Diagnostic> diagnostics;
        try {
            (void)chooseDistributions(ctx, spec, diagnostics);
            FAIL("accepted an old key");
        } catch (const Error& e) {
            CHECK(std::string(e.what()).find(expected) != std::string::npos);
        }
    };
    expectReplaced("casing/ABS shell", "'casing/items/0/amount'");
    expectReplaced("transport/truck/distance", "'transport/legs/0/distance'");
}
