// Distributions, the counter-based random numbers and the sampling kernel.
#include "../../../engine/src/study/fast_math.h"
#include "../../../engine/src/study/sampler.h"

#include "tinyfoot/engine/study/distribution.h"
#include "tinyfoot/engine/study/random.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace tinyfoot::study;

TEST_CASE("the vectorisable square root agrees with std::sqrt to within 5e-16 relative") {
    double worst = 0.0;
    for (double t = 1e-300; t < 1e300; t *= 1.0009) {
        const double rel = std::fabs(detail::fastSqrt(t) - std::sqrt(t)) / std::sqrt(t);
        worst = std::max(worst, rel);
    }
    CHECK(worst < 5e-16);
    CHECK(detail::fastSqrt(0.0) == 0.0);
}

TEST_CASE("the inverse normal CDF matches known quantiles and inverts the CDF") {
    CHECK(normalQuantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-13));
    CHECK(normalQuantile(0.5) == doctest::Approx(0.0).epsilon(1e-15));
    CHECK(normalQuantile(0.8413447460685429) == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(normalQuantile(1e-10) == doctest::Approx(-6.361340902404056).epsilon(1e-10));
    // Up to x = 5: beyond, 1 - Phi(x) < 3e-7 and the CDF itself (near 1) no longer resolves x.
    for (double x = -7.0; x <= 5.0; x += 0.25) CHECK(normalQuantile(normalCdf(x)) == doctest::Approx(x).epsilon(1e-9));
}

namespace {

/// Mean and variance of quantile(U) by the midpoint rule over u (n cells): the CDF-based
/// definition, independent of the closed forms under test.
std::pair<double, double> numericMoments(const Distribution& d, int n = 400000) {
    double s = 0.0, s2 = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = d.quantile((i + 0.5) / n);
        s += x;
        s2 += x * x;
    }
    const double mean = s / n;
    return {mean, s2 / n - mean * mean};
}

} // namespace

TEST_CASE("closed-form moments agree with the moments of the quantile function") {
    const std::vector<Distribution> ds{
        Distribution::uniform(2.0, 5.0),         Distribution::triangular(1.0, 4.0, 10.0),
        Distribution::triangular(0.0, 0.0, 2.0), Distribution::triangular(3.0, 7.0, 7.0),
        Distribution::truncatedNormal(1.0, 0.8), Distribution::lognormal(2.0, 1.5)};
    for (const auto& d : ds) {
        CAPTURE(d.describe());
        const auto [mean, var] = numericMoments(d);
        // Midpoint-rule error is far below 1e-4 for these smooth quantile functions (the
        // lognormal's tail cell contributes most, ~1e-5).
        CHECK(d.mean() == doctest::Approx(mean).epsilon(1e-4));
        CHECK(d.variance() == doctest::Approx(var).epsilon(1e-3));
    }
}

TEST_CASE("a triangular quantile hits lower, mode and upper at 0, F(mode) and 1") {
    const auto d = Distribution::triangular(10.0, 50.0, 100.0);
    CHECK(d.quantile(0.0) == doctest::Approx(10.0));
    CHECK(d.quantile(40.0 / 90.0) == doctest::Approx(50.0));
    CHECK(d.quantile(1.0) == doctest::Approx(100.0));
    CHECK(d.low() == 10.0);
    CHECK(d.high() == 100.0);
    CHECK(Distribution::triangular(2.0, 2.0, 2.0).kind() == DistributionKind::Fixed);
}

TEST_CASE("a truncated normal never goes below zero and its tornado ends are its 95 % range") {
    const auto d = Distribution::truncatedNormal(0.1, 0.2);
    CHECK(d.quantile(1e-12) >= 0.0);
    CHECK(d.low() == 0.0);
    CHECK(d.high() == doctest::Approx(0.1 + kZ95 * 0.2));
    const auto l = Distribution::lognormal(2.0, 1.5);
    CHECK(l.low() * l.high() == doctest::Approx(4.0)); // symmetric around the median on a log scale
}

TEST_CASE("counter-based uniforms are a pure function of (stream, index), inside (0, 1)") {
    const auto s = streamFor(42, "factor:ic.mcu_die");
    CHECK(counterUniform(s, 7) == counterUniform(s, 7));
    CHECK(streamFor(42, "a") != streamFor(42, "b"));
    CHECK(streamFor(42, "a") != streamFor(43, "a"));
    CHECK(streamFor(42, "a", 1) != streamFor(42, "a", 2));
    double lo = 1.0, hi = 0.0, sum = 0.0, cross = 0.0;
    const auto t = streamFor(42, "factor:ic.logic_die");
    constexpr int n = 1000000;
    for (int i = 0; i < n; ++i) {
        const double u = counterUniform(s, static_cast<std::uint64_t>(i));
        const double v = counterUniform(t, static_cast<std::uint64_t>(i));
        lo = std::min(lo, u);
        hi = std::max(hi, u);
        sum += u;
        cross += (u - 0.5) * (v - 0.5);
    }
    CHECK(lo > 0.0);
    CHECK(hi < 1.0);
    // Mean within 4 standard errors (sd of U is 1/sqrt(12)).
    CHECK(std::fabs(sum / n - 0.5) < 4.0 / std::sqrt(12.0 * n));
    // Two streams uncorrelated: the covariance estimate has sd 1/(12 sqrt(n)).
    CHECK(std::fabs(cross / n) < 4.0 / (12.0 * std::sqrt(static_cast<double>(n))));
}

TEST_CASE("the sampling kernel gives exactly the documented quantile of the documented uniform") {
    const std::vector<SampledInput> inputs{{"a", Distribution::triangular(1.0, 2.0, 4.0)},
                                           {"b", Distribution::uniform(0.5, 1.5)},
                                           {"a", Distribution::triangular(0.0, 3.0, 3.0)},
                                           {"c", Distribution::truncatedNormal(1.0, 0.5)},
                                           {"d", Distribution::fixed(7.0)}};
    const detail::Sampler sampler(inputs, 99, 0);
    std::vector<std::vector<double>> cols(inputs.size(), std::vector<double>(detail::kChunk));
    std::vector<double*> ptr;
    for (auto& c : cols) ptr.push_back(c.data());
    std::vector<double> u(detail::kChunk);
    for (std::uint64_t first : {std::uint64_t{0}, std::uint64_t{1000003}}) {
        for (std::size_t len : {detail::kChunk, std::size_t{13}}) {
            sampler.fill(first, len, ptr.data(), u.data());
            for (std::size_t j = 0; j < inputs.size(); ++j)
                for (std::size_t i = 0; i < len; ++i) {
                    const double expected =
                        inputs[j].distribution.quantile(counterUniform(streamFor(99, inputs[j].key), first + i));
                    CHECK(cols[j][i] == expected); // bit for bit: no contraction, same square root
                }
        }
    }
    // Columns sharing a key share their uniforms: both "a" columns are monotone in the same u.
    sampler.fill(0, detail::kChunk, ptr.data(), u.data());
    for (std::size_t i = 1; i < detail::kChunk; ++i)
        CHECK(((cols[0][i] > cols[0][0]) == (cols[2][i] > cols[2][0]) || cols[2][i] == cols[2][0]));
}
