// Energy per inference from samples and edges, against sessions whose energy is known exactly.
#include "tinyfoot/harness/energy.h"

#include <doctest/doctest.h>

#include <vector>

using namespace tinyfoot::harness;

namespace {

constexpr double kRate = 1000.0;  // samples per second
constexpr double kIdleW = 100e-6; // 100 uW between commands
constexpr double kActiveW = 3e-3; // 3 mW while inferring
constexpr double kWarmupW = 2e-3; // inside the command, outside the window

/// A session of `windows` infer commands, each: 0.5 s warm-up, an edge, `seconds` of inference,
/// an edge, 0.2 s of replies; 2 s idle before, between and after.
SessionResult simulate(int windows, double seconds, std::uint64_t inferences, SessionAnalyzer a,
                       int extraEdgesInFirst = 0) {
    const auto run = [&](double s, double watts) {
        const auto n = static_cast<long>(s * kRate + 0.5);
        for (long i = 0; i < n; ++i) a.sample(watts / kRate);
    };
    run(2.0, kIdleW);
    for (int w = 0; w < windows; ++w) {
        a.beginInfer(inferences);
        for (int e = 0; e < (w == 0 ? extraEdgesInFirst : 0); ++e) {
            a.edge();
            run(0.1, kWarmupW);
        }
        run(0.5, kWarmupW);
        a.edge();
        run(seconds, kActiveW);
        a.edge();
        run(0.2, kWarmupW);
        a.endInfer();
        run(2.0, kIdleW);
    }
    return a.finish();
}

} // namespace

TEST_CASE("a five-window session gives the analytic energy per inference, throughput and idle power") {
    const SessionResult r = simulate(5, 10.5, 1050, SessionAnalyzer(kRate));
    REQUIRE(r.windows.size() == 5);
    CHECK_FALSE(r.hasErrors());
    CHECK(r.findings.empty());
    // 3 mW x 10.5 s / 1050 inferences = 30 uJ per inference, 100 inferences per second.
    CHECK(r.medianJoulesPerInference == doctest::Approx(30e-6).epsilon(1e-4));
    CHECK(r.medianThroughput == doctest::Approx(100.0).epsilon(1e-4));
    CHECK(r.medianInferenceSeconds == doctest::Approx(0.01).epsilon(1e-4));
    REQUIRE(r.idlePowerW.has_value());
    CHECK(*r.idlePowerW == doctest::Approx(kIdleW).epsilon(1e-9));
    REQUIRE(r.medianNetJoulesPerInference.has_value());
    CHECK(*r.medianNetJoulesPerInference == doctest::Approx(30e-6 - kIdleW * 0.01).epsilon(1e-4));
    for (const auto& w : r.windows) CHECK(w.joules == doctest::Approx(kActiveW * 10.5).epsilon(1e-12));
}

TEST_CASE("the median is taken over the windows") {
    CHECK(median({3, 1, 2}) == 2);
    CHECK(median({4, 1, 2, 3}) == 2.5);
    CHECK(median({}) == 0);
}

TEST_CASE("extra early edges: the last two delimit the window, strict mode refuses them") {
    const SessionResult lastTwo = simulate(5, 10.5, 1050, SessionAnalyzer(kRate), 2);
    CHECK(lastTwo.medianJoulesPerInference == doctest::Approx(30e-6).epsilon(1e-4));
    CHECK(lastTwo.windows[0].joules == doctest::Approx(kActiveW * 10.5).epsilon(1e-12));
    CHECK_FALSE(lastTwo.hasErrors());
    bool warned = false;
    for (const auto& f : lastTwo.findings) warned = warned || f.code == "extra-edges";
    CHECK(warned);
    const SessionResult strict = simulate(5, 10.5, 1050, SessionAnalyzer(kRate, EdgeRule::Strict), 2);
    CHECK(strict.hasErrors());
    CHECK(strict.windows.size() == 4);
}

TEST_CASE("short windows and a wrong window count are warnings; a missing edge is an error") {
    const SessionResult r = simulate(3, 2.0, 200, SessionAnalyzer(kRate));
    CHECK_FALSE(r.hasErrors());
    int shortWindows = 0, count = 0;
    for (const auto& f : r.findings) {
        shortWindows += f.code == "short-window";
        count += f.code == "window-count";
    }
    CHECK(shortWindows == 3);
    CHECK(count == 1);
    SessionAnalyzer a(kRate);
    a.beginInfer(10);
    a.edge();
    for (int i = 0; i < 100; ++i) a.sample(1e-6);
    a.endInfer();
    const SessionResult missing = a.finish();
    CHECK(missing.hasErrors());
    CHECK(missing.windows.empty());
}

TEST_CASE("lost samples inside a window are an error; a fault is an error; an unfinished command too") {
    SessionAnalyzer a(kRate, EdgeRule::LastTwo, 0.0, 1);
    a.beginInfer(10);
    a.edge();
    for (int i = 0; i < 100; ++i) a.sample(1e-6);
    a.lost(5);
    a.edge();
    a.endInfer();
    a.fault("overcurrent", "the monitor reported an overcurrent");
    a.beginInfer(1);
    const SessionResult r = a.finish();
    REQUIRE(r.windows.size() == 1);
    CHECK(r.windows[0].seconds == doctest::Approx(0.105)); // lost samples still count as time
    CHECK(r.lostSamples == 5);
    std::vector<std::string> errors;
    for (const auto& f : r.findings)
        if (f.level == Finding::Level::Error) errors.push_back(f.code);
    CHECK(errors == std::vector<std::string>{"lost-samples", "overcurrent", "unfinished"});
}

TEST_CASE("compensated summation keeps a million tiny samples exact") {
    CompensatedSum s;
    double naive = 1.0;
    s.add(1.0);
    for (int i = 0; i < 1000000; ++i) {
        s.add(1e-16);
        naive += 1e-16;
    }
    CHECK(s.value() == doctest::Approx(1.0 + 1e-10).epsilon(1e-15));
    CHECK(naive == 1.0); // what a plain double sum loses
}
