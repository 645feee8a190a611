// Parameter references: keys print and parse back, and every parameter a component exposes is
// the member its path names in the system file (changing it through the reference and changing
// the file give the same footprint).
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/param_ref.h"
#include "tinyfoot/engine/writer.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
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

/// A duty-cycle profile in a file with state `i` at fraction `f` and the other states sharing the
/// rest in their proportions (what setting the parameter does).
void setProfileFraction(nlohmann::json& profile, std::size_t i, double f) {
    double others = 0.0;
    for (std::size_t k = 0; k < profile.size(); ++k)
        if (k != i) others += profile[k]["fraction"].get<double>();
    for (std::size_t k = 0; k < profile.size(); ++k)
        profile[k]["fraction"] = k == i ? f : profile[k]["fraction"].get<double>() / others * (1.0 - f);
}

bool isStateFraction(const std::string& path) {
    return path.rfind("profile/", 0) == 0 && path.size() > 9 && path.substr(path.size() - 9) == "/fraction";
}

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
            CHECK(admits(p.domain, p.internal));
            // Through the reference: 10 % more (10 % less for a state's fraction, at most 1).
            const bool stateFraction = isStateFraction(p.ref.path);
            const double factor = stateFraction ? 0.9 : 1.1;
            System viaRef = base;
            REQUIRE(setComponentParameter(viaRef.components[ci], p.ref.path, p.internal * factor));
            // Through the file: the member at the same path, 10 % more.
            nlohmann::json edited = kSystem;
            const Method method = base.components[ci].method;
            std::string pointer = "/components/" + std::to_string(ci) + "/" + memberOf(method) + "/" + p.ref.path;
            // The user's own grid intensity is an object around the number.
            if (p.ref.path == "grid") pointer += "/value";
            auto& member = edited.at(nlohmann::json::json_pointer(pointer));
            if (stateFraction)
                setProfileFraction(edited.at(nlohmann::json::json_pointer(pointer).parent_pointer().parent_pointer()),
                                   std::stoul(p.ref.path.substr(8)), p.internal * factor);
            else if (member.is_object()) member["value"] = member["value"].get<double>() * factor;
            else member = member.get<double>() * factor;
            const double a = totalKg(viaRef, set);
            const double b = totalKg(load(edited), set);
            CHECK(a == doctest::Approx(b).epsilon(1e-12));
            // The round trip reads the new value back.
            for (const auto& q : componentParameters(viaRef.components[ci]))
                if (q.ref == p.ref) CHECK(q.internal == doctest::Approx(p.internal * factor).epsilon(1e-15));
            ++checked;
        }
    }
    CHECK(checked >= 27);
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

TEST_CASE("a duty-cycle state's fraction is a parameter: the other states share the rest, the sum stays 1") {
    const FactorSet& set = *test::library().findFactorSet("open-data");
    nlohmann::json file = kSystem;
    auto& profile = file["components"][3]["use"]["profile"];
    profile.push_back({{"state", "listen"}, {"power", {{"value", 2}, {"unit", "mW"}}}, {"fraction", 0.0}});
    profile[1]["fraction"] = 0.78;
    profile[2]["fraction"] = 0.2;
    const System base = load(file);
    Component c = base.components[3];
    std::vector<std::string> keys;
    for (const auto& p : componentParameters(c))
        if (isStateFraction(p.ref.path)) {
            keys.push_back(p.ref.key());
            CHECK(p.domain == ParamDomain::Fraction);
            CHECK(p.unit.empty());
        }
    CHECK(keys == std::vector<std::string>{"use_stage/profile/0/fraction", "use_stage/profile/1/fraction",
                                           "use_stage/profile/2/fraction"});
    // Active from 2 % to 12 %: sleep and listen share 88 % as 78 : 20.
    REQUIRE(setComponentParameter(c, "profile/0/fraction", 0.12));
    CHECK(c.use.states[0].fraction == 0.12);
    CHECK(c.use.states[1].fraction == doctest::Approx(0.88 * 0.78 / 0.98));
    CHECK(c.use.states[2].fraction == doctest::Approx(0.88 * 0.2 / 0.98));
    CHECK(c.use.states[0].fraction + c.use.states[1].fraction + c.use.states[2].fraction ==
          doctest::Approx(1.0).epsilon(1e-15));
    // More active time at 30 mW costs more than the sleep and listen time it replaces.
    System edited = base;
    edited.components[3] = c;
    CHECK(totalKg(edited, set) > totalKg(base, set));
    // All the time in one state, then back: the others had nothing left, so they share evenly.
    REQUIRE(setComponentParameter(c, "profile/0/fraction", 1.0));
    CHECK(c.use.states[1].fraction == 0.0);
    REQUIRE(setComponentParameter(c, "profile/0/fraction", 0.5));
    CHECK(c.use.states[1].fraction == 0.25);
    CHECK(c.use.states[2].fraction == 0.25);
    // Not a fraction, or a state that is not there: refused, nothing changed.
    const Component before = c;
    CHECK_FALSE(setComponentParameter(c, "profile/0/fraction", 1.5));
    CHECK_FALSE(setComponentParameter(c, "profile/0/fraction", -0.1));
    CHECK_FALSE(setComponentParameter(c, "profile/3/fraction", 0.1));
    for (std::size_t i = 0; i < 3; ++i) CHECK(c.use.states[i].fraction == before.use.states[i].fraction);
    // A profile of one state is all the time in it: no fraction to set.
    nlohmann::json single = kSystem;
    single["components"][3]["use"]["profile"] =
        nlohmann::json::array({{{"state", "on"}, {"power", {{"value", 1}, {"unit", "mW"}}}, {"fraction", 1.0}}});
    Component one = load(single).components[3];
    for (const auto& p : componentParameters(one)) CHECK_FALSE(isStateFraction(p.ref.path));
    CHECK_FALSE(setComponentParameter(one, "profile/0/fraction", 1.0));
}

namespace {

// The other methods: an inventory, a transport, a declared share, a plain use stage without a
// duration of its own, and an HSL level.
const nlohmann::json kOtherMethods = nlohmann::json::parse(R"({
  "format": "tinyfoot.system", "version": 1, "id": "other-methods", "name": "Other methods", "kind": "tinyml",
  "lifetime": {"value": 3, "unit": "year"}, "hsl_catalogue": "pirson-bol-2021",
  "components": [
    {"id": "pcb", "block": "processing", "items": [
      {"name": "board", "amount": {"value": 20, "unit": "cm2"}, "factor": "pcb.fr4_4layer"},
      {"name": "parts", "amount": {"value": 12, "unit": "part"}, "factor": "passive.capacitor_resistor"}]},
    {"id": "ship", "block": "transport", "transport": {"mass": {"value": 100, "unit": "g"},
      "legs": [{"mode": "truck", "distance": {"value": 300, "unit": "km"}, "factor": "transport.truck"}]}},
    {"id": "share", "block": "others", "sources": [{"citation": "TinyFoot test declaration"}],
     "fixed": {"amount": {"value": 10, "unit": "kg_co2e"}, "share_percent": 20}},
    {"id": "use", "block": "use_stage", "use": {"power": {"value": 1, "unit": "mW"}, "grid": "grid.us"}},
    {"id": "case", "block": "casing", "hsl": {"level": 1, "bound": "typical"}}]})");

std::vector<std::string> keysOf(const std::vector<ParamValue>& params) {
    std::vector<std::string> out;
    for (const auto& p : params) out.push_back(p.ref.key());
    return out;
}

} // namespace

TEST_CASE("inventory, transport and declared values have parameter keys too, set and read like the models'") {
    const System base = load(kOtherMethods);
    CHECK(keysOf(componentParameters(base.components[0])) ==
          std::vector<std::string>{"pcb/items/0/amount", "pcb/items/1/amount"});
    CHECK(keysOf(componentParameters(base.components[1])) ==
          std::vector<std::string>{"ship/mass", "ship/legs/0/distance"});
    CHECK(keysOf(componentParameters(base.components[2])) ==
          std::vector<std::string>{"share/declared", "share/share_percent"});
    CHECK(componentParameters(base.components[4]).empty()); // the catalogue's quantities
    const auto items = componentParameters(base.components[0]);
    CHECK(items[0].what == "board");
    CHECK(items[0].unit == "cm2");
    CHECK(items[0].value == 20.0);
    CHECK(items[1].dimension == Dimension::Count);
    // Each key is the member the file names: set through it, read back, and the file agrees.
    System s = base;
    REQUIRE(setComponentParameter(s.components[0], "items/1/amount", 24.0, "part"));
    REQUIRE(setComponentParameter(s.components[1], "legs/0/distance", 500000.0, "m"));
    REQUIRE(setComponentParameter(s.components[1], "mass", 0.2, "kg"));
    REQUIRE(setComponentParameter(s.components[2], "declared", 12.0, "kg_co2e"));
    REQUIRE(setComponentParameter(s.components[2], "share_percent", 25.0, ""));
    CHECK(s.components[1].legs[0].distance.unit == "m"); // written in the unit chosen
    CHECK(s.components[1].legs[0].distance.internal == doctest::Approx(500e3));
    nlohmann::json file = kOtherMethods;
    file["components"][0]["items"][1]["amount"]["value"] = 24;
    file["components"][1]["transport"]["legs"][0]["distance"] = {{"value", 500000}, {"unit", "m"}};
    file["components"][1]["transport"]["mass"] = {{"value", 0.2}, {"unit", "kg"}};
    file["components"][2]["fixed"] = {{"amount", {{"value", 12}, {"unit", "kg_co2e"}}}, {"share_percent", 25}};
    const FactorSet& set = *test::library().findFactorSet("open-data");
    const auto result = calculate(s, set, test::library().findHsl("pirson-bol-2021"));
    const auto fromFile = calculate(load(file), set, test::library().findHsl("pirson-bol-2021"));
    CHECK(units::inKgCo2e(result.total) == doctest::Approx(units::inKgCo2e(fromFile.total)).epsilon(1e-12));
    CHECK(units::inKgCo2e(result.components[2].co2e) == doctest::Approx(3.0));
    // A unit of another dimension, a unit on a plain number, a key that names nothing: refused.
    CHECK_FALSE(setComponentParameter(s.components[1], "mass", 1.0, "km"));
    CHECK_FALSE(setComponentParameter(s.components[2], "share_percent", 1.0, "kg"));
    CHECK_FALSE(setComponentParameter(s.components[0], "items/2/amount", 1.0, "part"));
    CHECK_FALSE(setComponentParameter(s.components[4], "level", 2.0));
}

TEST_CASE("editing a system through a key: the lifetime, a duration that defaults to it, domains checked") {
    System s = load(kOtherMethods);
    const ParamValue life = lifetimeParameter(s);
    CHECK(life.ref == ParamRef::lifetime());
    CHECK(life.unit == "year");
    CHECK(life.value == 3.0);
    // A use stage without a duration of its own lists one, at the lifetime, before its efficiency.
    const auto use = editableParameters(s, 3);
    CHECK(keysOf(use) == std::vector<std::string>{"use/power", "use/duration", "use/supply/efficiency"});
    CHECK(use[1].value == 3.0);
    CHECK(use[1].unit == "year");
    CHECK(componentParameters(s.components[3]).size() == 2); // not a study input until written
    REQUIRE(setSystemParameter(s, ParamRef::field("use", "duration"), 540.0, "d"));
    REQUIRE(s.components[3].duration);
    CHECK(s.components[3].duration->unit == "d");
    REQUIRE(setSystemParameter(s, ParamRef::lifetime(), 5.0, "year"));
    CHECK(s.lifetime.value == 5.0);
    REQUIRE(setSystemParameter(s, ParamRef::field("use", "supply/efficiency"), 0.9, ""));
    CHECK(s.components[3].use.efficiency == 0.9);
    // Refused, and the system untouched: out of the domain, the wrong unit, nothing named.
    const System before = s;
    CHECK_FALSE(setSystemParameter(s, ParamRef::field("use", "supply/efficiency"), 0.0, ""));
    CHECK_FALSE(setSystemParameter(s, ParamRef::field("use", "supply/efficiency"), 1.2, ""));
    CHECK_FALSE(setSystemParameter(s, ParamRef::field("use", "power"), -1.0, "mW"));
    CHECK_FALSE(setSystemParameter(s, ParamRef::field("use", "power"), 1.0, "g"));
    CHECK_FALSE(setSystemParameter(s, ParamRef::field("share", "share_percent"), 101.0, ""));
    CHECK_FALSE(setSystemParameter(s, ParamRef::field("nothing", "power"), 1.0, "mW"));
    CHECK_FALSE(setSystemParameter(s, ParamRef::lifetime(), 0.0, "year"));
    CHECK_FALSE(setSystemParameter(s, ParamRef::factor("grid.us"), 1.0, ""));
    CHECK(systemToJson(s) == systemToJson(before));
    // The domains say what they expect.
    CHECK(admits(ParamDomain::AtLeastOne, 1.0));
    CHECK_FALSE(admits(ParamDomain::AtLeastOne, 0.99));
    CHECK_FALSE(admits(ParamDomain::Positive, std::nan("")));
    CHECK(admits(ParamDomain::Change, -5.0));
    CHECK_FALSE(admits(ParamDomain::Change, -100.0));
    CHECK(expectedOf(ParamDomain::Fraction) == "a fraction from 0 to 1");
}
