// The end-of-life mass by material (end_of_life_mass.h): the paper's kws-best weighed by hand from
// its HSL items, a battery with replacements, an IC by die area and packages, item-mass tables,
// and the loader's refusals.
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/end_of_life_mass.h"
#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/loader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace tinyfoot;

namespace {

const MaterialMass* material(const EndOfLifeMass& m, const std::string& name) {
    const auto it =
        std::find_if(m.materials.begin(), m.materials.end(), [&](const MaterialMass& x) { return x.material == name; });
    return it == m.materials.end() ? nullptr : &*it;
}

bool unweighed(const EndOfLifeMass& m, const std::string& item) {
    return std::any_of(m.unweighed.begin(), m.unweighed.end(),
                       [&](const UnweighedItem& u) { return u.item.find(item) != std::string::npos; });
}

ItemMassTable table(const std::string& items) {
    std::istringstream in(R"({"format": "tinyfoot.item_masses", "version": 1, "id": "t", "name": "T",
      "items": )" + items +
                          "}");
    return loadItemMasses(in, "masses.json");
}

std::string entry(const std::string& factor, double grams, const std::string& per) {
    return R"({"factor": ")" + factor + R"(", "material": "m:)" + factor + R"(", "mass": {"value": )" +
           std::to_string(grams) + R"(, "unit": "g"}, "per": )" + per +
           R"(, "derivation": "published", "sources": [{"citation": "test"}], "year": 2024, "licence": "test"})";
}

System makeSystem(const std::string& components) {
    std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "s", "name": "S",
      "kind": "tinyml", "lifetime": {"value": 3, "unit": "year"}, "components": [)" +
                          components + "]}");
    return loadSystem(in, "system.json");
}

const FactorSet& act() {
    const FactorSet* s = test::library().findFactorSet("act-2022");
    REQUIRE(s != nullptr);
    return *s;
}

} // namespace

TEST_CASE("kws-best weighs what its HSL items in grams say; items counted by part or area are named, not zero") {
    const System* s = test::library().findPreset("kws-best");
    REQUIRE(s != nullptr);
    const Library& lib = test::library();
    const Result r = calculate(*s, test::paperFactors(), lib.findHsl(s->hslCatalogue));
    const EndOfLifeMass m = assessEndOfLifeMass(*s, r, test::paperFactors(), nullptr);
    // HSL lower bounds (pirson-bol-2021): casing 10 g ABS, 1 g aluminium, 1 g steel; power supply
    // 10 g Li-ion; sensing 0.05 g microphone; PCB 4 mg solder paste.
    REQUIRE(material(m, "ABS plastic") != nullptr);
    CHECK(material(m, "ABS plastic")->kg == doctest::Approx(0.010));
    CHECK(material(m, "Aluminium")->kg == doctest::Approx(0.001));
    CHECK(material(m, "Steel")->kg == doctest::Approx(0.001));
    CHECK(m.weighedKg == doctest::Approx(0.010 + 0.010 + 0.001 + 0.001 + 0.00005 + 0.000004).epsilon(1e-12));
    CHECK(m.materials.front().kg >= m.materials.back().kg); // heaviest first
    // The freight carries the device's 50 g: the check beside the sum.
    REQUIRE(m.shippedKg.has_value());
    CHECK(*m.shippedKg == doctest::Approx(0.05));
    // The board by area and the MCU die by mm² have no mass without a table; zero-count items are
    // left out; training has no hardware.
    CHECK_FALSE(m.complete());
    CHECK(unweighed(m, "FR4 4-layer board"));
    CHECK(unweighed(m, "MCU die"));
    CHECK_FALSE(unweighed(m, "crystals"));
    CHECK_FALSE(unweighed(m, "training"));
    CHECK(std::any_of(m.diagnostics.begin(), m.diagnostics.end(),
                      [](const Diagnostic& d) { return d.code == "unweighed-item"; }));

    // A table weighs the board per cm² and the die per mm²: 8 cm² x 0.5 g and 5 mm² x 0.002 g.
    const ItemMassTable t = table("[" + entry("pcb.fr4_4layer", 0.5, R"({"value": 1, "unit": "cm2"})") + ", " +
                                  entry("ic.mcu_die", 0.02, R"({"value": 10, "unit": "mm2"})") + "]");
    const EndOfLifeMass w = assessEndOfLifeMass(*s, r, test::paperFactors(), &t);
    REQUIRE(material(w, "m:pcb.fr4_4layer") != nullptr);
    CHECK(material(w, "m:pcb.fr4_4layer")->kg == doctest::Approx(8 * 0.5e-3).epsilon(1e-12));
    CHECK(material(w, "m:ic.mcu_die")->kg == doctest::Approx(5 * 0.002e-3).epsilon(1e-12));
    CHECK(w.weighedKg == doctest::Approx(m.weighedKg + 4e-3 + 1e-5).epsilon(1e-12));
    CHECK_FALSE(unweighed(w, "FR4 4-layer board"));
    CHECK(w.itemMassTable == "t");
}

TEST_CASE("a battery weighs its mass, or its capacity over the chemistry's specific energy, in every set it uses") {
    // 5.256 Wh drawn from a 1 Wh NMC cell good for 2 cycles: 3 sets (physical_models_test), each
    // 1 Wh / 144 Wh/kg.
    const System s = makeSystem(R"(
      {"block": "use_stage", "use": {"inference": {"energy": {"value": 50, "unit": "uJ"},
        "rate": {"value": 2, "unit": "1/s"}, "idle_power": {"value": 100, "unit": "uW"}},
        "supply": {"path": "battery"}, "grid": "grid.fr"}},
      {"block": "power_supply", "battery": {"chemistry": "li_ion_nmc", "capacity": {"value": 1, "unit": "Wh"},
        "cycle_life": 2, "count": 2}})");
    const Result r = calculate(s, act(), nullptr);
    const EndOfLifeMass m = assessEndOfLifeMass(s, r, act(), nullptr);
    REQUIRE(m.materials.size() == 1);
    // 2 cells of 1 Wh each: 2 Wh per set, ceil(5.256 / (2 x 2)) = 2 sets.
    CHECK(m.materials.front().kg == doctest::Approx(1.0 / 144.0 * 2 * 2).epsilon(1e-12));
    CHECK(m.materials.front().material.find("NMC") != std::string::npos);
    CHECK(m.complete());

    // Given by mass with one replacement: the mass as given, twice.
    const System byMass = makeSystem(R"({"block": "power_supply", "battery": {"chemistry": "li_ion_nmc",
        "mass": {"value": 12, "unit": "g"}, "replacements": 1}})");
    const EndOfLifeMass given = assessEndOfLifeMass(byMass, calculate(byMass, act(), nullptr), act(), nullptr);
    REQUIRE(given.materials.size() == 1);
    CHECK(given.materials.front().kg == doctest::Approx(0.024));
}

TEST_CASE("an IC weighs its dies by area and its packages by count through the table's ic.die and ic.package") {
    const System s = makeSystem(R"({"block": "processing", "ic": {"node_nm": 28, "fab_grid": "grid.source.coal",
        "dies": [{"name": "mcu", "area": {"value": 4, "unit": "mm2"}, "count": 2}]}})");
    const Result r = calculate(s, act(), nullptr);
    const EndOfLifeMass none = assessEndOfLifeMass(s, r, act(), nullptr);
    CHECK(unweighed(none, "die mcu"));
    CHECK(unweighed(none, "IC package"));
    const ItemMassTable t = table("[" + entry("ic.die", 0.001, R"({"value": 1, "unit": "mm2"})") + ", " +
                                  entry("ic.package", 0.1, R"({"value": 1, "unit": "part"})") + "]");
    const EndOfLifeMass m = assessEndOfLifeMass(s, r, act(), &t);
    CHECK(m.complete());
    CHECK(material(m, "m:ic.die")->kg == doctest::Approx(4 * 2 * 1e-6).epsilon(1e-12));
    CHECK(material(m, "m:ic.package")->kg == doctest::Approx(2 * 1e-4).epsilon(1e-12)); // a package per die
}

TEST_CASE("item-mass files: bad input is refused naming the file, the field and what was expected") {
    const auto refused = [](const std::string& items, const std::string& path) {
        try {
            (void)table(items);
            FAIL("accepted: " << items);
        } catch (const Error& e) {
            CHECK(std::string(e.what()).find("masses.json") != std::string::npos);
            CHECK(std::string(e.what()).find(path) != std::string::npos);
        }
    };
    refused("[" + entry("pcb.fr4", 1, R"({"value": 1, "unit": "g"})") + "]", "/items/0/per");
    refused("[" + entry("pcb.fr4", 0, R"({"value": 1, "unit": "cm2"})") + "]", "/items/0/mass");
    refused("[" + entry("pcb.fr4", 1, R"({"value": 1, "unit": "cm2"})") + ", " +
                entry("pcb.fr4", 2, R"({"value": 1, "unit": "mm2"})") + "]",
            "/items/1/factor");
    std::string derived = entry("pcb.fr4", 1, R"({"value": 1, "unit": "cm2"})");
    derived.replace(derived.find("\"published\""), 11, "\"derived\"");
    refused("[" + derived + "]", "/items/0/note");
    refused("[]", "/items");
}
