// Fleets, growth curves and what-ifs: the paper's growth table year for year, the 250 bn
// comparison, replacement and amortised training, payback.
#include "study_support.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/study_report.h"
#include "tinyfoot/engine/study/fleet.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace tinyfoot;
using namespace tinyfoot::study;
using namespace tinyfoot::units;

namespace {

/// [P] Prakash et al., CACM 66(11) 2023, fleet scaling: IoT devices from 15 bn in 2023; the year
/// each count is reached under linear and exponential growth.
struct PaperRow {
    double devices;
    int linear;
    int exponential;
};
constexpr PaperRow kPaperTable[] = {
    {15e9, 2023, 2023}, {50e9, 2041, 2032}, {100e9, 2067, 2036}, {250e9, 2144, 2043}, {1e12, 2531, 2053}};

DeviceFootprint device(double embodied, double operational, double years, double training = 0.0) {
    DeviceFootprint d;
    d.systemId = "d";
    d.embodied = kgCo2e(embodied);
    d.training = kgCo2e(training);
    d.operational = kgCo2e(operational);
    d.unsplit = kgCo2e(0.0);
    d.lifetime = units::years(years);
    return d;
}

} // namespace

TEST_CASE("the growth presets reproduce the paper's IoT growth table year for year") {
    const auto& data = test::studyData();
    const GrowthCurve* linear = data.findGrowth("iot-paper-linear");
    const GrowthCurve* exponential = data.findGrowth("iot-paper-exponential");
    REQUIRE(linear);
    REQUIRE(exponential);
    CHECK(linear->rateDevicesPerYear == 1.939e9);
    CHECK(exponential->ratePercentPerYear == 15.15);
    for (const auto& row : kPaperTable) {
        CAPTURE(row.devices);
        CHECK(linear->yearReaching(row.devices) == row.linear);
        CHECK(exponential->yearReaching(row.devices) == row.exponential);
    }
    // The table the data file says it reproduces is the paper's.
    REQUIRE(linear->reproduces.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(linear->reproduces[i].first == kPaperTable[i].devices);
        CHECK(linear->reproduces[i].second == kPaperTable[i].linear);
        CHECK(exponential->reproduces[i].second == kPaperTable[i].exponential);
    }
}

TEST_CASE("the stated feasible rate intervals are exactly those that reproduce the table") {
    // Linear: (1.93707e9, 1.94089e9]; exponential: (15.0881, 15.2166] % (both rounded outwards to
    // the digits given). Just inside reproduces every row; just outside misses one.
    const auto all = [](const GrowthCurve& c, bool linear) {
        for (const auto& row : kPaperTable)
            if (c.yearReaching(row.devices) != (linear ? row.linear : row.exponential)) return false;
        return true;
    };
    GrowthCurve c;
    c.baseYear = 2023;
    c.baseDevices = 15e9;
    c.model = GrowthModel::Linear;
    for (double r : {1.93708e9, 1.939e9, 1.94088e9}) {
        c.rateDevicesPerYear = r;
        CHECK(all(c, true));
    }
    for (double r : {1.93705e9, 1.94092e9}) {
        c.rateDevicesPerYear = r;
        CHECK_FALSE(all(c, true));
    }
    c.model = GrowthModel::Exponential;
    for (double r : {15.0882, 15.15, 15.2165}) {
        c.ratePercentPerYear = r;
        CHECK(all(c, false));
    }
    for (double r : {15.0879, 15.2168}) {
        c.ratePercentPerYear = r;
        CHECK_FALSE(all(c, false));
    }
}

TEST_CASE("logistic and table curves reach their milestones where their formulas say") {
    GrowthCurve l;
    l.model = GrowthModel::Logistic;
    l.baseYear = 2020;
    l.baseDevices = 10.0;
    l.capacityDevices = 100.0;
    l.logisticRatePerYear = 0.5;
    // Half the capacity at t0 + ln(K/S0 - 1)/k = 2020 + ln 9 / 0.5.
    CHECK(*l.timeReaching(50.0) == doctest::Approx(2020.0 + std::log(9.0) / 0.5));
    CHECK(l.devicesAt(*l.timeReaching(50.0)) == doctest::Approx(50.0));
    CHECK_FALSE(l.timeReaching(100.0));
    GrowthCurve t;
    t.model = GrowthModel::Table;
    t.table = {{2020, 10.0}, {2030, 30.0}, {2040, 30.0}, {2050, 70.0}};
    CHECK(t.devicesAt(2025) == doctest::Approx(20.0));
    CHECK(t.devicesAt(2060) == doctest::Approx(70.0));
    CHECK(*t.timeReaching(50.0) == doctest::Approx(2045.0));
    CHECK(t.yearReaching(50.0) == 2045);
    CHECK_FALSE(t.timeReaching(71.0));
}

TEST_CASE("250 bn high-cost systems over 3 years are 1,765 Mt CO2e, beside the sector what-ifs") {
    const auto ctx = test::prepareFile("presets/studies/paper-fleet-250bn.json");
    const FleetReport r = runFleet(ctx);
    REQUIRE(r.options);
    const std::size_t worst = *ctx.model.findSystem("image-worst");
    const FleetResult& f = r.fleets[worst];
    // [P]: 250e9 x 7.06 kg = 1,765 Mt CO2e (7.06 is the per-device total rounded to 2 decimals;
    // the unrounded 7.0598 kg gives 1,764.95 Mt, which rounds to the same 1,765 Mt).
    CHECK(std::round(inKgCo2e(ctx.results[worst].total) * 100.0) / 100.0 == 7.06);
    CHECK(std::round(inKgCo2e(f.total) / 1e9) == 1765.0);
    CHECK(inKgCo2e(f.total) == doctest::Approx(2.5e11 * inKgCo2e(ctx.results[worst].total)).epsilon(1e-12));
    CHECK(f.purchased == 2.5e11);
    REQUIRE(f.years.size() == 3);
    CHECK(f.years[0].year == 2023);
    CHECK(f.years[2].year == 2025);
    CHECK(f.years[1].purchased == 0.0); // no replacement within the 3-year lifetime
    CHECK(format::co2eForPeople(inKgCo2e(f.total)) == "1,765 Mt CO2e");

    // What-ifs: savings = share x sector per year x 3 years (data/sectors: residential 5.3846
    // Gt/yr, all other sectors 44.0154 Gt/yr, Climate Watch 2016 via Our World in Data).
    REQUIRE(r.whatIfs[worst].size() == 3);
    const WhatIf& res = r.whatIfs[worst][0];
    CHECK(res.sector->id == "residential");
    CHECK(inKgCo2e(res.savings) == doctest::Approx(0.20 * 5.3846e12 * 3.0).epsilon(1e-12));
    CHECK(inKgCo2e(res.net) == doctest::Approx(inKgCo2e(res.savings) - inKgCo2e(f.total)).epsilon(1e-12));
    CHECK(res.breakEvenSharePercent == doctest::Approx(100.0 * inKgCo2e(f.total) / (5.3846e12 * 3.0)).epsilon(1e-12));
    const WhatIf& low = r.whatIfs[worst][1];
    CHECK(low.sector->id == "all-other-sectors");
    CHECK(inKgCo2e(low.savings) == doctest::Approx(0.006 * 44.0154e12 * 3.0).epsilon(1e-12));
    CHECK(low.net < kgCo2e(0.0)); // 0.6 % of the other sectors does not pay for the fleet
    CHECK(r.whatIfs[worst][2].net > kgCo2e(0.0));
    REQUIRE(r.sectorsUsed.size() == 2);
    for (const SectorTotal* s : r.sectorsUsed) {
        CHECK_FALSE(s->sources.empty());
        CHECK_FALSE(s->sources.front().url.empty());
        CHECK_FALSE(s->licence.empty());
        CHECK(s->year == 2016);
    }
    // The growth table of the same study.
    REQUIRE(r.growth);
    CHECK(r.growth->years[3][0] == 2144);
    CHECK(r.growth->years[3][1] == 2043);
    // The report names the sector totals and their sources beside the fleet figure.
    const std::string text = report::fleetText(ctx, r);
    CHECK(text.find("1,765 Mt CO2e") != std::string::npos);
    CHECK(text.find("ourworldindata.org") != std::string::npos);
}

TEST_CASE("devices are replaced at end of life, split over two years when the lifetime is fractional") {
    FleetOptions o;
    o.stock = GrowthCurve::constant(1000.0, 2023);
    o.startYear = 2023;
    o.horizonYears = 10;
    const auto f = simulateFleet(device(2.0, 3.0, 3.0), o);
    CHECK(f.purchased == 4000.0); // 2023, 2026, 2029, 2032
    CHECK(f.years[3].purchased == 1000.0);
    CHECK(f.years[3].retired == 1000.0);
    CHECK(f.deviceYears == 10000.0);
    CHECK(inKgCo2e(f.operational) == doctest::Approx(10000.0 * 3.0 / 3.0));
    CHECK(inKgCo2e(f.embodied) == doctest::Approx(4000.0 * 2.0));
    const auto g = simulateFleet(device(2.0, 3.0, 2.5), o);
    // Bought in 2023: half retire in 2025, half in 2026; each replacement cohort splits again.
    const double expected[] = {1000.0, 0.0, 500.0, 500.0, 250.0, 500.0};
    for (std::size_t i = 0; i < 6; ++i) CHECK(g.years[i].purchased == doctest::Approx(expected[i]));
    // In the long run 1/L of the fleet is bought each year.
    double late = 0.0;
    for (std::size_t i = 6; i < 10; ++i) late += g.years[i].purchased;
    CHECK(late / 4.0 == doctest::Approx(400.0).epsilon(0.1));
    for (const auto& y : g.years) CHECK(y.inService == 1000.0);
}

TEST_CASE("a fleet already in service replaces a lifetime's share each year") {
    FleetOptions o;
    o.stock = GrowthCurve::constant(900.0, 2030);
    o.startYear = 2030;
    o.horizonYears = 6;
    o.initialStock = InitialStock::InService;
    const auto f = simulateFleet(device(1.0, 0.0, 3.0), o);
    for (const auto& y : f.years) CHECK(y.purchased == doctest::Approx(300.0));
    CHECK(inKgCo2e(f.embodied) == doctest::Approx(1800.0));
}

TEST_CASE("growth buys the increase and the replacements; a shrinking fleet retires early") {
    FleetOptions o;
    o.stock.model = GrowthModel::Linear;
    o.stock.baseYear = 2023;
    o.stock.baseDevices = 100.0;
    o.stock.rateDevicesPerYear = 10.0;
    o.startYear = 2023;
    o.horizonYears = 5;
    const auto f = simulateFleet(device(1.0, 0.0, 2.0), o);
    CHECK(f.years[0].purchased == 100.0);
    CHECK(f.years[1].purchased == 10.0);
    CHECK(f.years[2].purchased == 10.0 + 100.0); // growth + the 2023 cohort
    CHECK(f.years[4].inService == 140.0);
    GrowthCurve shrink;
    shrink.model = GrowthModel::Table;
    shrink.table = {{2023, 100.0}, {2024, 50.0}, {2030, 50.0}};
    o.stock = shrink;
    const auto s = simulateFleet(device(1.0, 0.0, 5.0), o);
    CHECK(s.years[1].purchased == 0.0);
    CHECK(s.years[1].retired == 50.0);
    CHECK(s.purchased == 100.0);
}

TEST_CASE("amortised training is counted per training run, not per device") {
    FleetOptions o;
    o.stock = GrowthCurve::constant(1e6, 2023);
    o.horizonYears = 6;
    o.training = TrainingMode::Amortised;
    o.trainingRuns = 2;
    const auto f = simulateFleet(device(1.1, 0.0, 3.0, 0.1), o);
    CHECK(inKgCo2e(f.training) == doctest::Approx(0.2));
    CHECK(inKgCo2e(f.years[0].training) == doctest::Approx(0.1));
    CHECK(inKgCo2e(f.years[3].training) == doctest::Approx(0.1));
    CHECK(inKgCo2e(f.embodied) == doctest::Approx(2e6 * 1.0));
    o.training = TrainingMode::PerDevice;
    CHECK(inKgCo2e(simulateFleet(device(1.1, 0.0, 3.0, 0.1), o).total) == doctest::Approx(2e6 * 1.1));
}

TEST_CASE("the fleet metric reproduces the fleet total from one device's parts") {
    const auto ctx = test::prepareInline({"image-typical"}, R"({"fleet": {"devices": 1e9, "horizon_years": 7,
        "training": "amortised", "training_runs": 3}})");
    const FleetReport r = runFleet(ctx);
    const Metric m = r.fleets[0].metric(0);
    CHECK(ctx.model.evaluate(m, ctx.model.nominalValues()) ==
          doctest::Approx(inKgCo2e(r.fleets[0].total)).epsilon(1e-12));
}

TEST_CASE("carbon payback: upfront footprint over the net saving rate") {
    const auto p = paybackTime(device(10.0, 3.0, 3.0), kgCo2e(3.0));
    REQUIRE(p.years);
    CHECK(*p.years == doctest::Approx(5.0)); // 10 / (3 - 1)
    CHECK_FALSE(p.withinLifetime);
    CHECK(inKgCo2e(p.netOverLifetime) == doctest::Approx(9.0 - 13.0));
    CHECK_FALSE(paybackTime(device(10.0, 3.0, 3.0), kgCo2e(0.5)).years);
    const auto ctx = test::prepareInline({"kws-best"}, R"({"net": {"payback": {
        "saved_energy_per_year": {"value": 10, "unit": "kWh"}, "grid": "grid.us_egrid2022_consumed"}}})");
    const FleetReport r = runFleet(ctx);
    REQUIRE(r.payback[0]);
    CHECK(inKgCo2e(r.payback[0]->savedPerYear) == doctest::Approx(3.94));
    CHECK(r.payback[0]->withinLifetime);
}
