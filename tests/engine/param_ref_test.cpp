// Parameter references: keys print and parse back, and every parameter a component exposes is
// the member its path names in the system file (changing it through the reference and changing
// the file give the same footprint).
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/param_ref.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

using namespace tinyfoot;

namespace {

// Every optional member of the physical models that has a number: dies with their own node,
// memory, a yield model, a battery sized by mass with a calendar life, training by accelerator
// hours, a duty-cycle profile with a duration, a supply and the user's own grid with a trajectory
// by points.
const nlohmann::json kSystem = nlohmann::json::parse(R"({
  "format": "tinyfoot.system", "version": 1, "id": "every-field", "name": "Every field", "kind": "tinyml",
  "lifetime": {"value": 4, "unit": "year"},
  "components": [
    {"block": "ml_training", "training": {"accelerator_hours": {"value": 2000, "unit": "h"},
      "accelerator_power": {"value": 300, "unit": "W"}, "accelerators": 8, "pue": 1.3, "grid": "grid.us",
      "devices": 50000, "trainings": 3}},
    {"block": "processing", "ic": {"node_nm": 22, "fab_grid": "grid.tw", "gas_abatement": "95",
      "yield": {"model": "murphy", "defect_density_per_cm2": 0.2},
      "dies": [{"name": "MCU", "area": {"value": 12, "unit": "mm2"}, "count": 1},
               {"name": "radio", "area": {"value": 4, "unit": "mm2"}, "count": 2, "node_nm": 40}],
      "memory": [{"name": "flash", "technology": "nand_30nm", "capacity": {"value": 0.5, "unit": "GB"}, "count": 1}],
      "packages": 3}},
    {"block": "power_supply", "battery": {"chemistry": "li_ion_nmc", "mass": {"value": 20, "unit": "g"},
      "count": 2, "cycle_life": 40, "calendar_life": {"value": 3, "unit": "year"}}},
    {"block": "use_stage", "use": {"profile": [
        {"state": "active", "power": {"value": 30, "unit": "mW"}, "fraction": 0.02},
        {"state": "sleep", "power": {"value": 20, "unit": "uW"}, "fraction": 0.98}],
      "duration": {"value": 3, "unit": "year"}, "supply": {"path": "mains", "efficiency": 0.8},
      "grid": {"value": 300, "unit": "g_co2e/kWh", "sources": [{"citation": "TinyFoot test grid"}]},
      "grid_trajectory": {"start_year": 2025, "points": [{"year": 2025, "kg_co2e_per_kwh": 0.3},
                                                         {"year": 2035, "kg_co2e_per_kwh": 0.15}]}}}]})");

const char* memberOf(Method m) {
    switch (m) {
    case Method::Ic: return "ic";
    case Method::Battery: return "battery";
    case Method::Training: return "training";
    default: return "use";
    }
}

System load(const nlohmann::json& j) {
    std::istringstream in(j.dump());
    return loadSystem(in, "every-field.json");
}

double totalKg(const System& s, const FactorSet& set) { return units::inKgCo2e(calculate(s, set, nullptr).total); }

} // namespace

TEST_CASE("parameter keys print and parse back") {
    for (const auto& ref : {ParamRef::lifetime(), ParamRef::field("processing", "dies/0/area"),
                            ParamRef::factor("grid.tw"), ParamRef::tableCell("process_nodes/28/epa_kwh_per_cm2")}) {
        CAPTURE(ref.key());
        const auto back = ParamRef::parse(ref.key());
        REQUIRE(back);
        CHECK(*back == ref);
    }
    CHECK(ParamRef::parse("use_stage/power")->component == "use_stage");
    CHECK(ParamRef::parse("use_stage/power")->path == "power");
    for (const char* bad : {"", "/x", "x/", "factor:", "table:a/b", "table:a//c", "nothing"}) {
        CAPTURE(bad);
        CHECK_FALSE(ParamRef::parse(bad));
    }
}

TEST_CASE("every parameter of a physical model is the member its path names in the file") {
    const FactorSet& set = *test::library().findFactorSet("open-data");
    const System base = load(kSystem);
    const double nominal = totalKg(base, set);
    int checked = 0;
    for (std::size_t ci = 0; ci < base.components.size(); ++ci) {
        const auto params = componentParameters(base.components[ci]);
        CHECK_FALSE(params.empty());
        for (const auto& p : params) {
            CAPTURE(p.ref.key());
            CHECK(ParamRef::parse(p.ref.key()) == p.ref);
            // Through the reference: 10 % more.
            System viaRef = base;
            REQUIRE(setComponentParameter(viaRef.components[ci], p.ref.path, p.internal * 1.1));
            // Through the file: the member at the same path, 10 % more.
            nlohmann::json edited = kSystem;
            const Method method = base.components[ci].method;
            std::string pointer = "/components/" + std::to_string(ci) + "/" + memberOf(method) + "/" + p.ref.path;
            // The user's own grid intensity is an object around the number.
            if (p.ref.path == "grid") pointer += "/value";
            auto& member = edited.at(nlohmann::json::json_pointer(pointer));
            if (member.is_object()) member["value"] = member["value"].get<double>() * 1.1;
            else member = member.get<double>() * 1.1;
            const double a = totalKg(viaRef, set);
            const double b = totalKg(load(edited), set);
            CHECK(a == doctest::Approx(b).epsilon(1e-12));
            // The round trip reads the new value back.
            for (const auto& q : componentParameters(viaRef.components[ci]))
                if (q.ref == p.ref) CHECK(q.internal == doctest::Approx(p.internal * 1.1).epsilon(1e-15));
            ++checked;
        }
    }
    CHECK(checked >= 25);
    CHECK(nominal > 0.0);
    // A path that names nothing is refused, not created.
    System s = base;
    CHECK_FALSE(setComponentParameter(s.components[1], "dies/7/area", 1.0));
    CHECK_FALSE(setComponentParameter(s.components[2], "capacity", 1.0)); // sized by mass
    CHECK_FALSE(setComponentParameter(s.components[3], "inference/rate", 1.0));
}

TEST_CASE("table cells a component reads can be set on the factor set") {
    FactorSet set = *test::library().findFactorSet("open-data");
    const System base = load(kSystem);
    const double before = totalKg(base, set);
    std::vector<std::string> keys;
    for (const auto& c : base.components)
        for (const auto& p : tableParameters(c, set)) keys.push_back(p.ref.key());
    // The 22 nm die sits between the 20 and 28 nm rows; the radio at 40 nm holds the 28 nm row.
    for (const char* want : {"table:process_nodes/20/epa_kwh_per_cm2", "table:process_nodes/28/mpa_g_per_cm2",
                             "table:process_nodes/package/kg_co2e", "table:memory/nand_30nm/g_co2e_per_gb",
                             "table:batteries/li_ion_nmc/kg_co2e_per_kwh"}) {
        CAPTURE(want);
        CHECK(std::find(keys.begin(), keys.end(), want) != keys.end());
    }
    REQUIRE(setTableCell(set, "batteries/li_ion_nmc/kg_co2e_per_kwh", 2 * set.battery("li_ion_nmc")->kgPerKwh));
    CHECK(totalKg(base, set) > before);
    CHECK_FALSE(setTableCell(set, "process_nodes/29/epa_kwh_per_cm2", 1.0));
    CHECK_FALSE(setTableCell(set, "batteries/unobtainium/kg_co2e_per_kwh", 1.0));
}
