// The physical models (ICs by process node, batteries, use stage from how the device runs,
// grid trajectories, training) against hand calculations, and the two factor sets.
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/loader.h"

#include <doctest/doctest.h>

#include <cmath>
#include <sstream>

using namespace tinyfoot;
using units::inKgCo2e;

namespace {

System makeSystem(const std::string& components, const std::string& lifetime = "3") {
    std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "s", "name": "S",
      "kind": "tinyml", "lifetime": {"value": )" +
                          lifetime + R"(, "unit": "year"}, "components": [)" + components + "]}");
    return loadSystem(in, "system.json");
}

const FactorSet& paper() { return test::paperFactors(); }

const FactorSet& openData() {
    const FactorSet* s = test::library().findFactorSet("open-data");
    REQUIRE(s != nullptr);
    return *s;
}

/// A small set with a grid of exactly 0.4 kg/kWh, a non-rechargeable chemistry and an
/// included process-node table, for hand calculations.
FactorSet handSet() {
    std::istringstream in(R"({"format": "tinyfoot.factors", "version": 1, "id": "hand", "name": "hand",
      "includes": ["act-2022"],
      "factors": [{"id": "grid.hand", "name": "grid", "value": 0.4, "unit": "kg_co2e/kWh",
        "derivation": "published", "sources": [{"citation": "test"}], "year": 2024, "licence": "test"}],
      "tables": {"batteries": [
        {"id": "primary_test", "name": "primary test cell", "kg_co2e_per_kwh": 100, "rechargeable": false,
         "sources": [{"citation": "test"}], "year": 2024, "licence": "test", "derivation": "published"}]}})");
    std::vector<FactorSet> sets{loadFactorSet(in, "hand.json")};
    for (const auto& s : test::library().factorSets)
        if (s.id == "act-2022") sets.push_back(s);
    resolveIncludes(sets);
    return sets.front();
}

double componentKg(const Result& r, const std::string& id) {
    for (const auto& c : r.components)
        if (c.id == id) return inKgCo2e(c.co2e);
    FAIL("no component " << id);
    return 0.0;
}

bool hasDiagnostic(const Result& r, const std::string& code) {
    for (const auto& d : r.diagnostics)
        if (d.code == code) return true;
    return false;
}

} // namespace

TEST_CASE("ACT's Fairphone 3 validation case, computed the ACT way") {
    // 28 nm, GPA 95 %, coal 820 g/kWh, yield 0.875, 150 g per package.
    const double cpa = (0.820 * 0.90 + 0.175 + 0.500) / 0.875; // kg/cm2
    const System s = makeSystem(R"(
      {"id": "ics", "block": "processing", "ic": {"node_nm": 28, "fab_grid": "grid.source.coal",
        "gas_abatement": "95", "yield": 0.875, "packages": 20, "dies": [
         {"name": "twenty ICs", "area": {"value": 166.68, "unit": "mm2"}}]}},
      {"id": "cpu", "block": "processing", "ic": {"node_nm": 28, "fab_grid": "grid.source.coal",
        "gas_abatement": "95", "dies": [{"name": "CPU", "area": {"value": 46.4, "unit": "mm2"}}]}},
      {"id": "mem", "block": "memory", "ic": {"node_nm": 28, "fab_grid": "grid.source.coal", "memory": [
         {"name": "RAM", "technology": "ddr3_50nm", "capacity": {"value": 4, "unit": "GB"}},
         {"name": "flash", "technology": "nand_30nm", "capacity": {"value": 64, "unit": "GB"}}]}})");
    const Result r = calculate(s, paper(), nullptr);
    REQUIRE(r.complete);
    CHECK(cpa == doctest::Approx(1.6148571428571).epsilon(1e-12));
    CHECK(componentKg(r, "ics") == doctest::Approx(1.6668 * cpa + 20 * 0.150).epsilon(1e-12));
    CHECK(componentKg(r, "ics") == doctest::Approx(5.6916).epsilon(1e-4));
    CHECK(componentKg(r, "cpu") == doctest::Approx(0.464 * cpa + 0.150).epsilon(1e-12));
    CHECK(componentKg(r, "mem") == doctest::Approx((4 * 0.600 + 64 * 0.031) / 0.875 + 2 * 0.150).epsilon(1e-12));
    CHECK_FALSE(hasDiagnostic(r, "extrapolated-node"));
}

TEST_CASE("an MCU node outside ACT's table holds the 28 nm row and is flagged extrapolated") {
    const auto die = [](const char* nm) {
        return makeSystem(std::string(R"({"block": "processing", "ic": {"node_nm": )") + nm +
                          R"(, "fab_grid": "grid.tw", "packages": 0,
                             "dies": [{"name": "MCU", "area": {"value": 10, "unit": "mm2"}}]}})");
    };
    const Result at40 = calculate(die("40"), paper(), nullptr);
    const Result at28 = calculate(die("28"), paper(), nullptr);
    CHECK(inKgCo2e(at40.total) == doctest::Approx(inKgCo2e(at28.total)).epsilon(1e-12));
    // Taiwan 0.642 kg/kWh, GPA mean (175 + 100) / 2 g, MPA 500 g, yield 0.875, 0.1 cm2.
    CHECK(inKgCo2e(at28.total) == doctest::Approx(0.1 * (0.642 * 0.9 + 0.1375 + 0.5) / 0.875).epsilon(1e-12));
    CHECK(hasDiagnostic(at40, "extrapolated-node"));
    CHECK_FALSE(hasDiagnostic(at28, "extrapolated-node"));
    REQUIRE(at40.components.size() == 1);
    CHECK(at40.components[0].flags == std::vector<Flag>{Flag::Extrapolated});
    // Between rows: linear in the node size (24 nm: halfway between 20 and 28 nm).
    const Result at24 = calculate(die("24"), paper(), nullptr);
    const double c20 = 0.1 * (0.642 * 1.2 + 0.150 + 0.5) / 0.875;
    CHECK(inKgCo2e(at24.total) == doctest::Approx(0.5 * (c20 + inKgCo2e(at28.total))).epsilon(1e-12));
}

TEST_CASE("Poisson and Murphy yields from die area and defect density") {
    const auto withYield = [](const char* model) {
        return makeSystem(std::string(R"({"block": "processing", "ic": {"node_nm": 7, "fab_grid": "grid.tw",
            "packages": 0, "yield": {"model": ")") +
                          model + R"(", "defect_density_per_cm2": 0.2},
            "dies": [{"name": "SoC", "area": {"value": 100, "unit": "mm2"}}]}})");
    };
    const double perfect = 1.0 * (0.642 * 2.15 + 0.275 + 0.5); // 1 cm2 at 7 nm, yield 1
    const double ad = 1.0 * 0.2;
    CHECK(inKgCo2e(calculate(withYield("poisson"), paper(), nullptr).total) ==
          doctest::Approx(perfect / std::exp(-ad)).epsilon(1e-12));
    const double murphy = std::pow((1 - std::exp(-ad)) / ad, 2);
    CHECK(inKgCo2e(calculate(withYield("murphy"), paper(), nullptr).total) ==
          doctest::Approx(perfect / murphy).epsilon(1e-12));
}

TEST_CASE("use stage from energy per inference, rate and idle power equals the hand calculation") {
    // 50 uJ x 2/s + 100 uW = 200 uW; 3 years = 26280 h -> 5.256 Wh; x 0.4 kg/kWh.
    const FactorSet set = handSet();
    const System s = makeSystem(R"({"block": "use_stage", "use": {"inference": {
        "energy": {"value": 50, "unit": "uJ"}, "rate": {"value": 2, "unit": "1/s"},
        "idle_power": {"value": 100, "unit": "uW"}}, "grid": "grid.hand"}})");
    const Result r = calculate(s, set, nullptr);
    REQUIRE(r.complete);
    CHECK(inKgCo2e(r.total) == doctest::Approx(5.256e-3 * 0.4).epsilon(1e-12));
    CHECK(inKgCo2e(r.operational) == doctest::Approx(0.0021024).epsilon(1e-12));
    REQUIRE(r.inferences.has_value());
    CHECK(*r.inferences == doctest::Approx(2.0 * 3 * 365 * 24 * 3600).epsilon(1e-12));
    CHECK(r.lifetimeYears == doctest::Approx(3.0));
}

TEST_CASE("through the battery path the charger losses and the battery replacements are added") {
    const FactorSet set = handSet();
    // Device energy 5.256 Wh (as above); a 1 Wh NMC cell good for 2 cycles -> ceil(5.256 / 2) = 3 sets.
    const System s = makeSystem(R"(
      {"block": "use_stage", "use": {"inference": {"energy": {"value": 50, "unit": "uJ"},
        "rate": {"value": 2, "unit": "1/s"}, "idle_power": {"value": 100, "unit": "uW"}},
        "supply": {"path": "battery", "efficiency": 0.8}, "grid": "grid.hand"}},
      {"block": "power_supply", "battery": {"chemistry": "li_ion_nmc", "capacity": {"value": 1, "unit": "Wh"},
        "cycle_life": 2}})");
    const Result r = calculate(s, set, nullptr);
    REQUIRE(r.complete);
    CHECK(componentKg(r, "use_stage") == doctest::Approx(5.256e-3 / 0.8 * 0.4).epsilon(1e-12));
    CHECK(componentKg(r, "power_supply") == doctest::Approx(3 * 1e-3 * 87).epsilon(1e-12));
    // Without cycling limits a single battery is counted.
    const System once = makeSystem(R"(
      {"block": "use_stage", "use": {"power": {"value": 1, "unit": "mW"}, "grid": "grid.hand"}},
      {"block": "power_supply", "battery": {"chemistry": "li_ion_nmc", "capacity": {"value": 2000, "unit": "mAh"},
        "voltage": {"value": 3.6, "unit": "V"}, "cycle_life": 500}})");
    CHECK(componentKg(calculate(once, set, nullptr), "power_supply") == doctest::Approx(7.2e-3 * 87).epsilon(1e-12));
}

TEST_CASE("primary cells: no grid electricity, cells replaced by energy and by shelf life") {
    const FactorSet set = handSet();
    // 1 mW for 3 years = 26.28 Wh; 2 cells of 3 Wh = 6 Wh per set -> ceil(4.38) = 5 sets.
    const System byEnergy = makeSystem(R"(
      {"block": "use_stage", "use": {"power": {"value": 1, "unit": "mW"}, "supply": {"path": "primary"}}},
      {"block": "power_supply", "battery": {"chemistry": "primary_test", "capacity": {"value": 3, "unit": "Wh"},
        "count": 2}})");
    const Result r = calculate(byEnergy, set, nullptr);
    CHECK(componentKg(r, "use_stage") == 0.0);
    CHECK(componentKg(r, "power_supply") == doctest::Approx(5 * 6e-3 * 100).epsilon(1e-12));
    // A tiny draw: the 1-year shelf life decides (3 sets over 3 years).
    const System byShelf = makeSystem(R"(
      {"block": "use_stage", "use": {"power": {"value": 1, "unit": "uW"}, "supply": {"path": "primary"}}},
      {"block": "power_supply", "battery": {"chemistry": "primary_test", "capacity": {"value": 3, "unit": "Wh"},
        "calendar_life": {"value": 1, "unit": "year"}}})");
    CHECK(componentKg(calculate(byShelf, set, nullptr), "power_supply") ==
          doctest::Approx(3 * 3e-3 * 100).epsilon(1e-12));
    // Given replacements override the rule.
    const System given = makeSystem(R"({"block": "power_supply", "battery": {"chemistry": "primary_test",
        "capacity": {"value": 3, "unit": "Wh"}, "replacements": 1}})");
    CHECK(componentKg(calculate(given, set, nullptr), "power_supply") ==
          doctest::Approx(2 * 3e-3 * 100).epsilon(1e-12));
}

TEST_CASE("a battery given by mass uses the chemistry's specific energy") {
    const System s = makeSystem(R"({"block": "power_supply", "battery": {"chemistry": "li_ion_nmc",
        "mass": {"value": 50, "unit": "g"}}})");
    // 50 g x 144 Wh/kg = 7.2 Wh x 87 kg/kWh.
    CHECK(inKgCo2e(calculate(s, paper(), nullptr).total) == doctest::Approx(7.2e-3 * 87).epsilon(1e-12));
    const System lfp = makeSystem(R"({"block": "power_supply", "battery": {"chemistry": "li_ion_lfp",
        "mass": {"value": 50, "unit": "g"}}})");
    const Result r = calculate(lfp, paper(), nullptr);
    CHECK_FALSE(r.complete);
    CHECK(hasDiagnostic(r, "missing-specific-energy"));
}

TEST_CASE("duty-cycled power is the time-weighted mean of the states") {
    const FactorSet set = handSet();
    const System s = makeSystem(R"({"block": "use_stage", "use": {"profile": [
        {"state": "active", "power": {"value": 10, "unit": "mW"}, "fraction": 0.01},
        {"state": "sleep", "power": {"value": 10, "unit": "uW"}, "fraction": 0.99}], "grid": "grid.hand"}})",
                                "1");
    const double watts = 10e-3 * 0.01 + 10e-6 * 0.99;
    CHECK(inKgCo2e(calculate(s, set, nullptr).total) == doctest::Approx(watts * 8760 / 1000 * 0.4).epsilon(1e-12));
}

TEST_CASE("a grid trajectory costs the use period at its mean intensity") {
    const FactorSet set = handSet();
    // 1 W for 10 years = 87.6 kWh.
    const System falling = makeSystem(R"({"block": "use_stage", "use": {"power": {"value": 1, "unit": "W"},
        "grid": "grid.hand", "grid_trajectory": {"start_year": 2025, "annual_change_percent": -3}}})",
                                      "10");
    const double mean = 0.4 * (std::pow(0.97, 10) - 1) / (10 * std::log(0.97));
    CHECK(inKgCo2e(calculate(falling, set, nullptr).total) == doctest::Approx(87.6 * mean).epsilon(1e-12));
    // A table: 0.4 in 2025 falling linearly to 0.2 in 2035, held after: mean over 2025-2040 is
    // (10 x 0.3 + 5 x 0.2) / 15.
    const System table = makeSystem(R"({"block": "use_stage", "use": {"power": {"value": 1, "unit": "W"},
        "grid": "grid.hand", "grid_trajectory": {"start_year": 2025, "points": [
          {"year": 2025, "kg_co2e_per_kwh": 0.4}, {"year": 2035, "kg_co2e_per_kwh": 0.2}]}}})",
                                    "15");
    CHECK(inKgCo2e(calculate(table, set, nullptr).total) ==
          doctest::Approx(8.76 * 15 * (10 * 0.3 + 5 * 0.2) / 15).epsilon(1e-12));
    // The user's own intensity, with its source.
    const System own = makeSystem(R"({"block": "use_stage", "use": {"power": {"value": 1, "unit": "W"},
        "grid": {"value": 56, "unit": "g_co2e/kWh", "sources": [{"citation": "own"}]}}})",
                                  "1");
    CHECK(inKgCo2e(calculate(own, set, nullptr).total) == doctest::Approx(8.76 * 0.056).epsilon(1e-12));
}

TEST_CASE("training energy is amortised over the devices and the retrainings") {
    const FactorSet set = handSet();
    const System byEnergy = makeSystem(R"({"block": "ml_training", "training": {
        "energy": {"value": 1000, "unit": "kWh"}, "pue": 1.5, "grid": "grid.hand", "devices": 10000, "trainings": 2}})");
    CHECK(inKgCo2e(calculate(byEnergy, set, nullptr).total) ==
          doctest::Approx(1000 * 1.5 * 0.4 * 2 / 10000).epsilon(1e-12));
    const System byHours = makeSystem(R"({"block": "ml_training", "training": {
        "accelerator_hours": {"value": 100, "unit": "h"}, "accelerator_power": {"value": 300, "unit": "W"},
        "accelerators": 8, "grid": "grid.hand", "devices": 1000000}})");
    CHECK(inKgCo2e(calculate(byHours, set, nullptr).total) == doctest::Approx(240.0 * 0.4 / 1e6).epsilon(1e-12));
}

TEST_CASE("a harness measurement feeds the use stage with its provenance") {
    std::istringstream in(R"({"format": "tinyfoot.measurement", "version": 1, "complete": true,
      "kind": "emulated estimate", "tool": "tinyfoot 0.1.0", "device": {"name": "dut", "model": "kws"},
      "monitor": {"kind": "emulated"}, "mode": "energy", "supply_voltage_v": 3.0,
      "energy_per_inference": {"value": 60, "unit": "uJ"},
      "energy_per_inference_idle_subtracted": {"value": 50, "unit": "uJ"},
      "inference_time": {"value": 0.1, "unit": "s"}, "throughput_per_s": 10,
      "idle_power": {"value": 100, "unit": "uW"}, "windows": [{}], "warnings": [], "errors": [],
      "accuracy": {"task": "classification", "top1_percent": 90.2, "auc": 0.995}})");
    const Measurement m = loadMeasurement(in, "results.json");
    CHECK(m.kind == "emulated estimate");
    CHECK(m.device == "dut (kws)");
    System s = makeSystem(R"({"block": "use_stage", "use": {"inference": {"measurement": "results.json",
        "rate": {"value": 2, "unit": "1/s"}}, "grid": "grid.hand"}})");
    const FactorSet set = handSet();
    // Not loaded yet: an error, not a silent zero.
    const Result missing = calculate(s, set, nullptr);
    CHECK_FALSE(missing.complete);
    CHECK(hasDiagnostic(missing, "measurement-missing"));
    s.components[0].use.measurement = m;
    const Result r = calculate(s, set, nullptr);
    REQUIRE(r.complete);
    // Idle-subtracted 50 uJ x 2/s + 100 uW idle = 200 uW, as the hand calculation above.
    CHECK(inKgCo2e(r.total) == doctest::Approx(0.0021024).epsilon(1e-12));
    REQUIRE(r.components[0].measurement.has_value());
    CHECK(hasDiagnostic(r, "measurement-kind"));
}

TEST_CASE("the paper systems keep their totals under the paper set and change under open data") {
    const std::vector<std::pair<std::string, std::pair<double, double>>> expected{{"kws-best", {0.89, 0.88}},
                                                                                  {"kws-typical", {2.66, 2.25}},
                                                                                  {"anomaly-typical", {2.67, 2.43}},
                                                                                  {"image-typical", {3.41, 2.99}},
                                                                                  {"image-worst", {7.06, 6.21}}};
    for (const auto& [id, totals] : expected) {
        CAPTURE(id);
        const System* s = test::library().findPreset(id);
        REQUIRE(s != nullptr);
        const HslCatalogue* hsl = test::library().findHsl(s->hslCatalogue);
        const Result p = calculate(*s, paper(), hsl);
        const Result o = calculate(*s, openData(), hsl);
        CHECK(std::round(inKgCo2e(p.total) * 100) / 100 == doctest::Approx(totals.first));
        CHECK(std::round(inKgCo2e(o.total) * 100) / 100 == doctest::Approx(totals.second));
        CHECK(o.complete);
        CHECK(hasDiagnostic(o, "conflicting-sources-factors"));
        CHECK(hasDiagnostic(o, "extrapolated-factors"));
    }
}

TEST_CASE("includes: own factors win, unknown ids and cycles are errors naming the file") {
    const auto set = [](const std::string& id, const std::string& includes, double value) {
        std::istringstream in(R"({"format": "tinyfoot.factors", "version": 1, "id": ")" + id +
                              R"(", "name": "n", "includes": )" + includes +
                              R"(, "factors": [{"id": "x", "name": "x", "value": )" + std::to_string(value) +
                              R"(, "unit": "kg_co2e/kg", "derivation": "published", "sources": [{"citation": "t"}],
                                "year": 2024, "licence": "t"}]})");
        return loadFactorSet(in, id + ".json");
    };
    std::vector<FactorSet> ok{set("a", R"(["b"])", 1.0), set("b", "[]", 2.0)};
    resolveIncludes(ok);
    CHECK(ok[0].find("x")->value == 1.0);
    CHECK(ok[0].find("x")->origin == "a");
    std::vector<FactorSet> unknown{set("a", R"(["nope"])", 1.0)};
    CHECK_THROWS_WITH_AS(resolveIncludes(unknown), doctest::Contains("a.json"), Error);
    std::vector<FactorSet> cycle{set("a", R"(["b"])", 1.0), set("b", R"(["a"])", 2.0)};
    CHECK_THROWS_WITH_AS(resolveIncludes(cycle), doctest::Contains("include cycle"), Error);
}
