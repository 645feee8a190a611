// Unit safety and conversions of the engine's quantities.
#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/units.h"

#include <doctest/doctest.h>

#include <type_traits>

using namespace tinyfoot;
using namespace tinyfoot::units;

namespace {
template <class A, class B>
concept Addable = requires(A a, B b) {
    a + b;
};
template <class A, class B>
concept Multipliable = requires(A a, B b) {
    a* b;
};
} // namespace

// Compile-time checks: CO2e is its own dimension. (The snippets in compile_fail/ show the same
// operations written out fail to build.)
static_assert(Addable<Co2e, Co2e>);
static_assert(!Addable<Co2e, Mass>, "kg CO2e must never add to kg of material");
static_assert(!Addable<Mass, Area>);
static_assert(!Addable<Energy, Power>);
static_assert(!std::is_convertible_v<Mass, Co2e>);
static_assert(!std::is_convertible_v<double, Co2e>, "a bare number is not an emission");
static_assert(std::is_same_v<decltype(Mass() * Co2ePerMass()), Co2e>);
static_assert(std::is_same_v<decltype(Area() * Co2ePerArea()), Co2e>);
static_assert(std::is_same_v<decltype(Energy() * Co2ePerEnergy()), Co2e>);
static_assert(std::is_same_v<decltype(Mass() * Length() * Co2ePerMassDistance()), Co2e>);
static_assert(std::is_same_v<decltype(Power() * Duration()), Energy>);
static_assert(!std::is_same_v<decltype(Area() * Co2ePerMass()), Co2e>, "an area times a per-mass factor is not CO2e");

TEST_CASE("conversions into internal units are exact for the units people write") {
    CHECK(inKilograms(grams(50.0)) == doctest::Approx(0.05));
    CHECK(squareMillimetres(10.0).value() == doctest::Approx(1e-5));
    CHECK(squareCentimetres(10.0).value() == doctest::Approx(1e-3));
    CHECK(inHours(years(3.0)) == doctest::Approx(26280.0));
    CHECK(inKilowattHours(kilowattHours(2.5)) == doctest::Approx(2.5));
}

TEST_CASE("one milliwatt for three years is 26.28 Wh, the paper's use-stage energy") {
    const Energy e = milliwatts(1.0) * years(3.0);
    CHECK(inWattHours(e) == doctest::Approx(26.28).epsilon(1e-12));
}

TEST_CASE("a freight factor per tonne-kilometre applies to grams and kilometres") {
    const Co2ePerMassDistance truck = Co2ePerMassDistance::from_value(0.2669 / (1000.0 * 1000.0));
    const Co2e c = grams(100.0) * kilometres(300.0) * truck;
    CHECK(inKgCo2e(c) == doctest::Approx(0.0001 * 300.0 * 0.2669));
}

TEST_CASE("unit symbols in files map to one dimension and size each") {
    const auto g = findUnit("g");
    REQUIRE(g);
    CHECK(g->dimension == Dimension::Mass);
    CHECK(g->toInternal == doctest::Approx(1e-3));
    const auto mm2 = findUnit("mm2");
    REQUIRE(mm2);
    CHECK(mm2->dimension == Dimension::Area);
    CHECK_FALSE(findUnit("grams"));
    CHECK_FALSE(findUnit("G"));
    const auto tkm = findUnit("t*km");
    REQUIRE(tkm);
    CHECK(tkm->dimension == Dimension::MassDistance);
    CHECK(tkm->toInternal == doctest::Approx(1e6));
}

TEST_CASE("factor units are CO2e over another dimension") {
    const auto f = findFactorUnit("kg_co2e/mm2");
    REQUIRE(f);
    CHECK(f->per == Dimension::Area);
    CHECK(f->toInternal == doctest::Approx(1e6));
    const auto grid = findFactorUnit("g_co2e/kWh");
    REQUIRE(grid);
    CHECK(grid->per == Dimension::Energy);
    CHECK(grid->toInternal == doctest::Approx(1e-3 / 3.6e6));
    CHECK_FALSE(findFactorUnit("kg/kg"));
    CHECK_FALSE(findFactorUnit("kg_co2e/kg_co2e"));
    CHECK_FALSE(findFactorUnit("kg_co2e"));
}
