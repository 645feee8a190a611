// The calculation methods on small, hand-checkable systems.
#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/loader.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace tinyfoot;
using units::inKgCo2e;

namespace {

const char* kFactors = R"({
  "format": "tinyfoot.factors", "version": 1, "id": "test", "name": "test factors",
  "factors": [
    {"id": "die", "name": "die", "value": 0.02, "unit": "kg_co2e/mm2", "derivation": "published",
     "sources": [{"citation": "test"}], "year": 2024, "licence": "test"},
    {"id": "abs", "name": "ABS", "value": 3.0, "unit": "kg_co2e/kg", "derivation": "published",
     "sources": [{"citation": "test"}], "year": 2024, "licence": "test"},
    {"id": "led", "name": "LED", "value": 0.03, "unit": "kg_co2e/part", "derivation": "back-solved",
     "range": [0.02, 0.04], "sources": [{"citation": "test"}], "year": 2024, "licence": "test"},
    {"id": "truck", "name": "truck", "value": 0.1, "unit": "kg_co2e/t*km", "derivation": "published",
     "sources": [{"citation": "test"}], "year": 2024, "licence": "test"},
    {"id": "grid", "name": "grid", "value": 500, "unit": "g_co2e/kWh", "derivation": "published",
     "sources": [{"citation": "test"}], "year": 2024, "licence": "test"}
  ]})";

FactorSet factors() {
    std::istringstream in(kFactors);
    return loadFactorSet(in, "factors.json");
}

System makeSystem(const std::string& components) {
    std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "s", "name": "S",
      "kind": "tinyml", "lifetime": {"value": 2, "unit": "year"}, "components": [)" +
                          components + "]}");
    return loadSystem(in, "system.json");
}

} // namespace

TEST_CASE("an inventory item is amount times factor, in any unit of the right dimension") {
    const FactorSet f = factors();
    const Result r = calculate(makeSystem(R"({"block": "processing", "items": [
        {"name": "MCU", "amount": {"value": 0.1, "unit": "cm2"}, "factor": "die"}]},
      {"block": "casing", "items": [{"name": "ABS", "amount": {"value": 40, "unit": "g"}, "factor": "abs"}]},
      {"block": "user_interface", "items": [{"name": "LED", "amount": {"value": 3, "unit": "part"}, "factor": "led"}]})"),
                               f, nullptr);
    CHECK(inKgCo2e(r.block(Block::Processing)) == doctest::Approx(10 * 0.02));
    CHECK(inKgCo2e(r.block(Block::Casing)) == doctest::Approx(0.04 * 3.0));
    CHECK(inKgCo2e(r.block(Block::UserInterface)) == doctest::Approx(0.09));
    CHECK(inKgCo2e(r.total) == doctest::Approx(0.2 + 0.12 + 0.09));
    CHECK(inKgCo2e(r.embodied) == doctest::Approx(inKgCo2e(r.total)));
    CHECK(inKgCo2e(r.operational) == doctest::Approx(0.0));
    CHECK(r.factorsUsed.size() == 3);
    CHECK(r.complete);
}

TEST_CASE("transport is device mass times distance times the mode's factor, per leg") {
    const Result r = calculate(makeSystem(R"({"block": "transport", "transport": {"mass": {"value": 500, "unit": "g"},
        "legs": [{"mode": "truck", "distance": {"value": 200, "unit": "km"}, "factor": "truck"},
                 {"mode": "truck again", "distance": {"value": 100, "unit": "km"}, "factor": "truck"}]}})"),
                               factors(), nullptr);
    CHECK(inKgCo2e(r.total) == doctest::Approx(0.0005 * 300 * 0.1));
    CHECK(inKgCo2e(r.stage(Stage::Transport)) == doctest::Approx(0.0005 * 300 * 0.1));
    REQUIRE(r.components.size() == 1);
    CHECK(r.components[0].lines.size() == 2);
}

TEST_CASE("the use stage is power times the system's lifetime times the grid, unless a duration is given") {
    const FactorSet f = factors();
    const Result r =
        calculate(makeSystem(R"({"block": "use_stage", "use": {"power": {"value": 2, "unit": "mW"}, "grid": "grid"}})"),
                  f, nullptr);
    CHECK(inKgCo2e(r.total) == doctest::Approx(0.002 * 2 * 8760 / 1000.0 * 0.5));
    CHECK(inKgCo2e(r.operational) == doctest::Approx(inKgCo2e(r.total)));
    const Result d = calculate(makeSystem(R"({"block": "use_stage", "use": {"power": {"value": 1, "unit": "W"},
        "duration": {"value": 10, "unit": "h"}, "grid": "grid"}})"),
                               f, nullptr);
    CHECK(inKgCo2e(d.total) == doctest::Approx(0.01 * 0.5));
}

TEST_CASE("a declared value may be a share of a published total") {
    const Result r = calculate(makeSystem(R"({"block": "declared", "stage": "production", "name": "production",
        "fixed": {"amount": {"value": 200, "unit": "kg_co2e"}, "share_percent": 25}, "note": "test"})"),
                               factors(), nullptr);
    CHECK(inKgCo2e(r.total) == doctest::Approx(50.0));
    CHECK(inKgCo2e(r.stage(Stage::Production)) == doctest::Approx(50.0));
}

TEST_CASE("a left-out component is listed but adds nothing") {
    const Result r = calculate(makeSystem(R"({"block": "casing", "enabled": false, "items": [
        {"name": "ABS", "amount": {"value": 40, "unit": "g"}, "factor": "abs"}]},
      {"block": "user_interface", "items": [{"name": "LED", "amount": {"value": 1, "unit": "part"}, "factor": "led"}]})"),
                               factors(), nullptr);
    CHECK(inKgCo2e(r.total) == doctest::Approx(0.03));
    REQUIRE(r.components.size() == 2);
    CHECK_FALSE(r.components[0].enabled);
    CHECK(inKgCo2e(r.components[0].co2e) == doctest::Approx(0.12));
}

TEST_CASE("a missing factor gives an error diagnostic and an incomplete result, not a crash") {
    const Result r = calculate(makeSystem(R"({"block": "casing", "items": [
        {"name": "steel", "amount": {"value": 40, "unit": "g"}, "factor": "steel"}]})"),
                               factors(), nullptr);
    CHECK_FALSE(r.complete);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics[0].code == "missing-factor");
    CHECK(r.diagnostics[0].severity == Severity::Error);
    CHECK(inKgCo2e(r.total) == doctest::Approx(0.0));
}

TEST_CASE("results that use back-solved factors say so") {
    const Result r = calculate(makeSystem(R"({"block": "user_interface", "items": [
        {"name": "LED", "amount": {"value": 1, "unit": "part"}, "factor": "led"}]})"),
                               factors(), nullptr);
    bool noted = false;
    for (const auto& d : r.diagnostics) noted = noted || d.code == "back-solved-factors";
    CHECK(noted);
}

TEST_CASE("an HSL component takes its quantities from the catalogue at the chosen bound") {
    std::istringstream hin(R"({"format": "tinyfoot.hsl", "version": 1, "id": "h", "name": "H",
      "sources": [{"citation": "test"}],
      "blocks": [{"block": "casing", "levels": [{"level": 1, "description": "ABS",
        "items": [{"name": "ABS", "factor": "abs", "amount": {"unit": "g", "lower": 10, "typical": 50, "upper": 100}}]}]}]})");
    const HslCatalogue cat = loadHslCatalogue(hin, "hsl.json");
    std::istringstream sin(R"({"format": "tinyfoot.system", "version": 1, "id": "s", "name": "S", "kind": "tinyml",
      "lifetime": {"value": 1, "unit": "year"}, "hsl_catalogue": "h",
      "components": [{"block": "casing", "hsl": {"level": 1, "bound": "upper"}}]})");
    const System s = loadSystem(sin, "s.json");
    const Result r = calculate(s, factors(), &cat);
    CHECK(inKgCo2e(r.total) == doctest::Approx(0.3));
    REQUIRE(r.components.size() == 1);
    CHECK(r.components[0].methodDetail == "HSL-1 upper");
}
