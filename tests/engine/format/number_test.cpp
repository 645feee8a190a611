// The number formatter: each named style, its rounding, and the text it gives for zero, negative
// and non-finite values.
#include "tinyfoot/engine/format/number.h"

#include <doctest/doctest.h>

#include <limits>

using namespace tinyfoot;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
} // namespace

TEST_CASE("shortest text reads back as the same double") {
    CHECK(format::shortest(0.1) == "0.1");
    CHECK(format::shortest(0.1 + 0.2) == "0.30000000000000004");
    CHECK(format::shortest(250e9) == "2.5e+11");
    CHECK(format::shortest(1500.0) == "1500");
    CHECK(format::shortest(-3.0) == "-3");
    CHECK(format::shortest(kInf) == "inf");
    CHECK(format::shortest(-kInf) == "-inf");
    CHECK(format::shortest(kNan) == "nan");
    CHECK(format::shortest(-kNan) == "nan");
}

TEST_CASE("a unit conversion's binary noise disappears when rounded to 15 digits") {
    // 500 µJ in joules and back: 500.00000000000006.
    const double microjoule = 1e-6;
    const double noisy = (500.0 * microjoule) / microjoule;
    REQUIRE(format::shortest(noisy) == "500.00000000000006");
    CHECK(format::shortestRounded(noisy) == "500");
    CHECK(format::roundedToSignificant(noisy, 15) == 500.0);
    CHECK(format::shortestRounded(0.39399999999999996) == "0.394");
    CHECK(format::shortestRounded(0.1 + 0.2) == "0.3");
    // Values that are already clean keep their shortest text.
    CHECK(format::shortestRounded(250e9) == format::shortest(250e9));
    CHECK(format::shortestRounded(1.5e-7) == "1.5e-07");
    CHECK(format::shortestRounded(0.0) == "0");
    CHECK(format::shortestRounded(kInf) == "inf");
    CHECK(format::roundedToSignificant(123456.0, 2) == 120000.0);
    CHECK(format::roundedToSignificant(-0.0012345, 3) == -0.00123);
}

TEST_CASE("fixed notation rounds the exact binary value and never prints a signed zero") {
    CHECK(format::fixed(2.675, 2) == "2.67"); // 2.675 is 2.67499999... in binary
    CHECK(format::fixed(2.6, 0) == "3");
    CHECK(format::fixed(1234.5678, 3) == "1234.568");
    CHECK(format::fixed(-0.001, 2) == "0.00");
    CHECK(format::fixed(-0.00001, 4) == "0.0000");
    CHECK(format::fixed(-0.0, 0) == "0");
    CHECK(format::fixed(-1.26, 1) == "-1.3");
    CHECK(format::fixed(1e300, 2).size() == 304);
    CHECK(format::fixed(kInf, 2) == "inf");
}

TEST_CASE("general notation writes significant digits as printf's %g does") {
    CHECK(format::general(0.27275999, 4) == "0.2728");
    CHECK(format::general(1.29812e-5, 4) == "1.298e-05");
    CHECK(format::general(1500.0, 6) == "1500");
    CHECK(format::general(1234567.0, 6) == "1.23457e+06");
    CHECK(format::general(0.1 * 0.1, 6) == "0.01");
    CHECK(format::general(kNan, 6) == "nan");
}

TEST_CASE("grouped notation writes significant digits in fixed notation with thousands grouped") {
    CHECK(format::grouped(1765.2, 4) == "1,765");
    CHECK(format::grouped(44.0213, 4) == "44.02");
    CHECK(format::grouped(0.0103456, 4) == "0.01035");
    CHECK(format::grouped(-1234567.0, 3) == "-1,234,567"); // whole digits are never dropped
    CHECK(format::grouped(0.0, 4) == "0");
    CHECK(format::grouped(1.5e17, 3) == "1.50e+17");
    CHECK(format::grouped(1.5e-7, 3) == "1.50e-07");
}

TEST_CASE("a count is whole and grouped, or four significant digits") {
    CHECK(format::count(250e9) == "250,000,000,000");
    CHECK(format::count(1024.0) == "1,024");
    CHECK(format::count(0.0) == "0");
    CHECK(format::count(1234.6) == "1,235");
    CHECK(format::count(2.5) == "2.500");
}

TEST_CASE("a ratio has three significant digits and an x") {
    CHECK(format::ratio(391.2) == "391x");
    CHECK(format::ratio(38.12) == "38.1x");
    CHECK(format::ratio(4.8249) == "4.82x");
    CHECK(format::ratio(0.12849) == "0.128x");
    CHECK(format::ratio(0.0) == "n/a");
    CHECK(format::ratio(-2.0) == "n/a");
    CHECK(format::ratio(kInf) == "n/a");
}

TEST_CASE("a CO2e mass for people takes the unit that keeps up to 9,999 of it") {
    CHECK(format::co2eForPeople(0.27276) == "0.2728 kg CO2e");
    CHECK(format::co2eForPeople(999.0) == "999.0 kg CO2e");
    CHECK(format::co2eForPeople(1500.0) == "1,500 kg CO2e");
    CHECK(format::co2eForPeople(1.5e6) == "1,500 t CO2e");
    CHECK(format::co2eForPeople(9999e3) == "9,999 t CO2e");
    CHECK(format::co2eForPeople(1765e9) == "1,765 Mt CO2e");
    CHECK(format::co2eForPeople(44.02e12) == "44.02 Gt CO2e");
    CHECK(format::co2eForPeople(-2.5e6) == "-2,500 t CO2e");
}
