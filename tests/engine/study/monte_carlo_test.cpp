// Monte Carlo: analytic answers, reproducibility on any thread count, common random numbers,
// cancellation.
#include "study_support.h"

#include "tinyfoot/engine/study/monte_carlo.h"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>

using namespace tinyfoot;
using namespace tinyfoot::study;

namespace {

/// out = Σ_j w_j x_j: a model whose answer is known in closed form.
class WeightedSum final : public VectorModel {
public:
    explicit WeightedSum(std::vector<double> w) : m_w(std::move(w)) {}
    std::size_t inputCount() const override { return m_w.size(); }
    std::size_t outputCount() const override { return 1; }
    void evaluate(const double* const* c, std::size_t n, double* const* out) const override {
        for (std::size_t i = 0; i < n; ++i) {
            double s = 0.0;
            for (std::size_t j = 0; j < m_w.size(); ++j) s += m_w[j] * c[j][i];
            out[0][i] = s;
        }
    }

private:
    std::vector<double> m_w;
};

std::vector<SampledInput> triangularInputs() {
    return {{"a", Distribution::triangular(1.0, 2.0, 6.0)},
            {"b", Distribution::triangular(0.0, 5.0, 5.0)},
            {"c", Distribution::triangular(10.0, 11.0, 20.0)},
            {"d", Distribution::triangular(0.5, 0.6, 0.7)}};
}

bool sameResult(const MonteCarloResult& a, const MonteCarloResult& b) {
    if (a.samples != b.samples || a.metrics.size() != b.metrics.size()) return false;
    for (std::size_t k = 0; k < a.metrics.size(); ++k) {
        const auto &x = a.metrics[k], &y = b.metrics[k];
        if (x.mean != y.mean || x.sd != y.sd || x.min != y.min || x.max != y.max) return false;
        if (x.percentiles != y.percentiles || x.histogram.counts != y.histogram.counts) return false;
    }
    return true;
}

} // namespace

TEST_CASE("Monte Carlo of a sum of triangular inputs matches the analytic mean and variance") {
    const std::vector<double> w{1.0, 2.0, 0.5, 10.0};
    const auto inputs = triangularInputs();
    double mean = 0.0, var = 0.0;
    for (std::size_t j = 0; j < w.size(); ++j) {
        mean += w[j] * inputs[j].distribution.mean();
        var += w[j] * w[j] * inputs[j].distribution.variance();
    }
    MonteCarloOptions o;
    o.samples = 400000;
    o.seed = 11;
    const auto r = runMonteCarlo(WeightedSum(w), inputs, {"sum"}, o);
    REQUIRE(r.metrics.size() == 1);
    const auto& m = r.metrics[0];
    CHECK(r.samples == o.samples);
    CHECK_FALSE(r.partial);
    // The mean within 4 standard errors of the analytic mean.
    CHECK(std::fabs(m.mean - mean) < 4.0 * std::sqrt(var / static_cast<double>(o.samples)));
    // The sample variance has relative standard error sqrt((kurtosis - 1) / n); a sum of
    // triangulars has kurtosis below 3, so sqrt(2 / n) bounds it: 4 of those is 0.9 % here.
    CHECK(std::fabs(m.sd * m.sd / var - 1.0) < 4.0 * std::sqrt(2.0 / static_cast<double>(o.samples)));
    CHECK(m.standardError == doctest::Approx(m.sd / std::sqrt(400000.0)));
    // Bounds hold; percentiles ordered.
    CHECK(m.min >= 1.0 + 0.0 + 5.0 + 5.0);
    CHECK(m.max <= 6.0 + 10.0 + 10.0 + 7.0);
    CHECK(m.percentiles[0].second < m.percentiles[1].second);
    CHECK(m.percentiles[1].second < m.percentiles[2].second);
}

TEST_CASE("the same seed gives the same numbers on every run and thread count") {
    const auto inputs = triangularInputs();
    const WeightedSum model({1.0, 2.0, 0.5, 10.0});
    MonteCarloOptions o;
    o.samples = 300001; // not a multiple of the block
    o.seed = 7;
    o.threads = 1;
    const auto one = runMonteCarlo(model, inputs, {"sum"}, o);
    o.threads = 2;
    const auto two = runMonteCarlo(model, inputs, {"sum"}, o);
    o.threads = 3;
    const auto three = runMonteCarlo(model, inputs, {"sum"}, o);
    const auto again = runMonteCarlo(model, inputs, {"sum"}, o);
    CHECK(sameResult(one, two));
    CHECK(sameResult(one, three));
    CHECK(sameResult(three, again));
    o.seed = 8;
    CHECK_FALSE(sameResult(one, runMonteCarlo(model, inputs, {"sum"}, o)));
}

TEST_CASE("percentiles of a uniform input are its quantiles") {
    MonteCarloOptions o;
    o.samples = 200000;
    o.seed = 3;
    o.percentiles = {5, 50, 95};
    const auto r = runMonteCarlo(WeightedSum({1.0}), {{"u", Distribution::uniform(10.0, 20.0)}}, {"u"}, o);
    const auto& m = r.metrics[0];
    // The p-quantile estimate has sd sqrt(p(1-p)/n) / density = 10 sqrt(p(1-p)/n); plus at
    // most one histogram bin (10/4096).
    for (const auto& [p, v] : m.percentiles) {
        const double tol = 4.0 * 10.0 * std::sqrt(p / 100.0 * (1.0 - p / 100.0) / 200000.0) + m.percentileResolution;
        CHECK(std::fabs(v - (10.0 + p / 10.0)) < tol);
    }
}

TEST_CASE("a cancelled run stops at a block boundary and is marked partial") {
    MonteCarloOptions o;
    o.samples = 10000000;
    o.seed = 1;
    o.threads = 2;
    std::atomic<bool> cancel{false};
    RunControl control;
    control.cancel = &cancel;
    std::uint64_t calls = 0;
    control.progress = [&](std::uint64_t done, std::uint64_t total) {
        ++calls;
        CHECK(done <= total);
        cancel = true;
    };
    const auto r = runMonteCarlo(WeightedSum({1.0, 1.0}),
                                 {{"a", Distribution::uniform(0.0, 1.0)}, {"b", Distribution::uniform(0.0, 1.0)}},
                                 {"sum"}, o, control);
    CHECK(r.partial);
    CHECK(calls == 1);
    CHECK(r.samples > 0);
    CHECK(r.samples < o.samples);
    CHECK(r.samples % kMonteCarloBlock == 0);
    CHECK(r.metrics[0].samples == r.samples);
    std::uint64_t counted = r.metrics[0].histogram.below + r.metrics[0].histogram.above;
    for (auto c : r.metrics[0].histogram.counts) counted += c;
    CHECK(counted == r.samples); // the histogram holds exactly the merged blocks
    CHECK(std::fabs(r.metrics[0].mean - 1.0) < 0.01);
}

TEST_CASE("uncertainty of the paper's systems: HSL triangular with fixed factors has the analytic moments") {
    // With every factor fixed (and the transported mass, which multiplies two legs), a system's
    // total is a weighted sum of independent triangular HSL quantities: mean and variance in
    // closed form from the chosen distributions and the flat model's terms.
    const auto ctx = test::prepareInline({"image-typical"}, R"({"uncertainty": {"samples": 200000, "seed": 4,
        "hsl": "triangular", "factors": "fixed",
        "inputs": [{"input": "hsl:transport/1/mass", "distribution": "fixed"}]}})");
    UncertaintySpec spec = *ctx.analysis.uncertainty;
    const auto r = runUncertainty(ctx, spec, 0);
    REQUIRE_FALSE(r.inputs.empty());
    double mean = 0.0, var = 0.0;
    const auto nominal = ctx.model.nominalValues();
    for (const auto& t : ctx.model.terms()) {
        double coefficient = t.coefficient;
        const Distribution* d = nullptr;
        for (auto i : t.inputs) {
            const Distribution* found = nullptr;
            for (const auto& c : r.inputs)
                if (c.input == i) found = &c.distribution;
            if (found) {
                REQUIRE(d == nullptr); // at most one varying input per term
                d = found;
            } else {
                coefficient *= nominal[i];
            }
        }
        mean += coefficient * (d ? d->mean() : 1.0);
        if (d) var += coefficient * coefficient * d->variance();
    }
    const auto& total = r.result.metrics.front();
    CHECK(total.name == "image-typical total");
    CHECK(std::fabs(total.mean - mean) < 4.0 * std::sqrt(var / 200000.0));
    CHECK(std::fabs(total.sd * total.sd / var - 1.0) < 4.0 * std::sqrt(2.0 / 200000.0));
}

TEST_CASE("common random numbers give a difference of two systems honest, narrow error bars") {
    const auto ctx =
        test::prepareInline({"image-typical", "image-worst"},
                            R"({"uncertainty": {"samples": 100000, "seed": 9, "hsl": "triangular_at_bound"}})");
    const auto r = runUncertainty(ctx, *ctx.analysis.uncertainty, 0);
    const MetricSummary* a = nullptr;
    const MetricSummary* b = nullptr;
    const MetricSummary* d = nullptr;
    for (const auto& m : r.result.metrics) {
        if (m.name == "image-typical total") a = &m;
        if (m.name == "image-worst total") b = &m;
        if (m.name == "image-worst - image-typical") d = &m;
    }
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(d);
    // The difference is computed sample by sample: its mean is the difference of the means.
    CHECK(d->mean == doctest::Approx(b->mean - a->mean).epsilon(1e-9));
    // Shared factors and HSL quantities move both systems together: the difference varies far
    // less than it would if the two were sampled independently.
    CHECK(d->sd < 0.8 * std::sqrt(a->sd * a->sd + b->sd * b->sd));
    CHECK(d->sd > std::fabs(b->sd - a->sd) * 0.999); // Cauchy-Schwarz: correlation <= 1
}

TEST_CASE("a fleet's Monte Carlo total is its device count times the device's, sample by sample") {
    // A constant fleet bought new, horizon equal to the lifetime, training per device: the fleet
    // total is exactly N x the device total in every sample.
    const auto ctx = test::prepareInline({"image-typical"}, R"({"fleet": {"devices": 1e9, "horizon_years": 3},
        "uncertainty": {"samples": 20000, "seed": 12}})");
    const auto r = runUncertainty(ctx, *ctx.analysis.uncertainty, 0);
    const MetricSummary* device = nullptr;
    const MetricSummary* fleet = nullptr;
    for (const auto& m : r.result.metrics) {
        if (m.name == "image-typical total") device = &m;
        if (m.name == "image-typical fleet") fleet = &m;
    }
    REQUIRE(device);
    REQUIRE(fleet);
    CHECK(fleet->mean == doctest::Approx(1e9 * device->mean).epsilon(1e-12));
    CHECK(fleet->sd == doctest::Approx(1e9 * device->sd).epsilon(1e-9));
    CHECK(fleet->min == doctest::Approx(1e9 * device->min).epsilon(1e-12));
}

TEST_CASE("with the catalogue's own spread, the typical and worst image systems are the same random system") {
    // Default HSL distributions are triangular(lower, typical, upper) whatever bound a system
    // takes; with common random numbers the two systems then draw identical totals.
    const auto ctx =
        test::prepareInline({"image-typical", "image-worst"}, R"({"uncertainty": {"samples": 20000, "seed": 9}})");
    const auto r = runUncertainty(ctx, *ctx.analysis.uncertainty, 0);
    bool found = false;
    for (const auto& m : r.result.metrics)
        if (m.name == "image-worst - image-typical") {
            found = true;
            // Same draws, same sums; only the order of floating-point additions differs.
            CHECK(std::abs(m.mean) < 1e-12);
            CHECK(std::abs(m.sd) < 1e-12);
        }
    CHECK(found);
}
