// Differences two ways: paired (common random numbers) and as independent runs would give them.
#include "study_support.h"
#include "system_generator.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace tinyfoot;
using namespace tinyfoot::study;
using nlohmann::json;

namespace {

void checkComparison(const DifferenceComparison& c, const UncertaintyReport& r) {
    const auto& d = r.result.metrics[c.metric];
    // Both estimate E[A] - E[B]: they agree within Monte Carlo error (4 standard errors of the
    // independent estimate, plus the percentile resolution for the histogram-based parts).
    const double se = c.independentSd / std::sqrt(static_cast<double>(d.samples));
    CHECK(std::fabs(c.pairedMean - c.independentMean) <= 4.0 * se + 1e-12 * std::fabs(c.independentMean) + 1e-15);
    REQUIRE(c.paired.size() == c.independent.size());
    REQUIRE(c.paired.size() >= 2);
    CHECK(c.independent.front().second <= c.independent.back().second);
    // the independent median sits near the difference of the means (both distributions here are
    // close to symmetric around it only loosely, so compare within the independent spread)
    CHECK(std::fabs(c.independent[c.independent.size() / 2].second - c.independentMean) <=
          2.0 * c.independentSd + c.resolution);
}

} // namespace

TEST_CASE("generated physical systems compared with a copy: the CRN interval is a point, the independent one is wide") {
    test::SystemGenerator gen(20261204);
    int compared = 0;
    for (int n = 0; n < 12; ++n) {
        json a = gen.system(n);
        a.erase("format"); // inline systems of a study carry no file header
        a.erase("version");
        json b = a;
        b["id"] = a["id"].get<std::string>() + "-copy";
        const json study = {
            {"format", "tinyfoot.study"},
            {"version", 1},
            {"id", "t"},
            {"name", "T"},
            {"factor_set", "open-data"},
            {"systems", json::array({json{{"system", a}}, json{{"system", b}}})},
            {"analysis",
             {{"uncertainty",
               {{"samples", 20000}, {"seed", 3}, {"differences", json::array({json::array({b["id"], a["id"]})})}}}}}};
        CAPTURE(study.dump());
        const auto ctx = test::prepare(test::loadStudyText(study.dump(), "generated-study.json"));
        const auto r = runUncertainty(ctx, *ctx.analysis.uncertainty, 1);
        const auto cmp = compareDifferences(r, ctx.model);
        REQUIRE(cmp.size() == 1);
        const auto& c = cmp[0];
        CHECK(c.a == b["id"].get<std::string>());
        checkComparison(c, r);
        if (c.independentSd == 0.0) continue; // nothing varies in this system
        ++compared;
        // Paired: the same draws give the same totals, so A - B is 0 in every sample.
        CHECK(c.pairedSd == doctest::Approx(0.0).scale(c.independentSd));
        CHECK(c.paired.back().second - c.paired.front().second <= 1e-9 * c.independentSd + c.resolution);
        CHECK(c.widthRatio > 10.0);
    }
    CHECK(compared > 0);
}

TEST_CASE("HSL tables: image-typical vs image-worst, the paired interval is narrower than the independent one") {
    const auto ctx =
        test::prepareInline({"image-typical", "image-worst"},
                            R"({"uncertainty": {"samples": 100000, "seed": 9, "hsl": "triangular_at_bound"}})");
    const auto r = runUncertainty(ctx, *ctx.analysis.uncertainty, 1);
    const auto cmp = compareDifferences(r, ctx.model);
    REQUIRE(cmp.size() == 1);
    checkComparison(cmp[0], r);
    CHECK(cmp[0].independentSd > cmp[0].pairedSd);
    CHECK(cmp[0].widthRatio > 1.0);
}

TEST_CASE("ratio of a system and its copy: paired exactly 1, independent symmetric around 1 (X/Y ~ Y/X)") {
    test::SystemGenerator gen(20261205);
    int compared = 0;
    for (int n = 0; n < 12 && compared < 4; ++n) {
        json a = gen.system(n);
        a.erase("format");
        a.erase("version");
        json b = a;
        b["id"] = a["id"].get<std::string>() + "-copy";
        const json study = {{"format", "tinyfoot.study"},
                            {"version", 1},
                            {"id", "t"},
                            {"name", "T"},
                            {"factor_set", "open-data"},
                            {"systems", json::array({json{{"system", a}}, json{{"system", b}}})},
                            {"analysis",
                             {{"uncertainty",
                               {{"samples", 50000},
                                {"seed", 5},
                                {"percentiles", json::array({5, 50, 95})},
                                {"differences", json::array({json::array({b["id"], a["id"]})})}}}}}};
        CAPTURE(study.dump());
        const auto ctx = test::prepare(test::loadStudyText(study.dump(), "generated-study.json"));
        const auto r = runUncertainty(ctx, *ctx.analysis.uncertainty, 1);
        REQUIRE(r.ratios.size() == 1);
        CHECK(r.ratios[0].summary.name == b["id"].get<std::string>() + " / " + a["id"].get<std::string>());
        CHECK(r.ratios[0].nominal == doctest::Approx(1.0));
        const auto cmp = compareDifferences(r, ctx.model);
        REQUIRE(cmp.size() == 1);
        const auto& q = cmp[0].ratio;
        REQUIRE(q.defined);
        if (cmp[0].independentSd == 0.0) continue;
        ++compared;
        // Paired: the same draws, so A / B is 1 in every sample.
        CHECK(q.pairedMean == doctest::Approx(1.0));
        CHECK(q.paired.back().second - q.paired.front().second <= 1e-9 + r.ratios[0].summary.percentileResolution);
        // Independent draws of one distribution: X/Y has the law of Y/X, so its median is 1 and
        // its 5th percentile is the reciprocal of its 95th; E[X/Y] = E[X] E[1/Y] >= 1 (Jensen).
        REQUIRE(q.independent.size() == 3);
        CHECK(std::fabs(q.independent[1].second - 1.0) <= q.resolution);
        CHECK(q.independent[0].second * q.independent[2].second == doctest::Approx(1.0).epsilon(2 * q.resolution));
        CHECK(q.independentMean >= 1.0 - q.resolution);
        CHECK(q.independent[0].second < 1.0);
        CHECK(q.widthRatio > 10.0);
    }
    CHECK(compared > 0);
}

TEST_CASE("ratio image-worst / kws-best: their common inputs make the paired ratio narrower than the independent one") {
    // Both systems take the lifetime, the use-stage power and the shared factors from the same
    // random numbers; the paired ratio cancels what they share.
    const auto ctx = test::prepareFile("presets/studies/paper-uncertainty.json");
    auto spec = *ctx.analysis.uncertainty;
    spec.samples = 100000;
    spec.differences = {{"image-worst", "kws-best"}};
    const auto r = runUncertainty(ctx, spec, 2);
    const auto cmp = compareDifferences(r, ctx.model);
    REQUIRE(cmp.size() == 1);
    const auto& q = cmp[0].ratio;
    REQUIRE(q.defined);
    REQUIRE(r.ratios.size() == 1);
    CHECK(q.nominal == doctest::Approx(r.nominal[r.ratios[0].a] / r.nominal[r.ratios[0].b]));
    CHECK(q.widthRatio > 1.5);
    CHECK(q.independentSd > 1.5 * q.pairedSd);
    // The paired mean of A / B and E[A] E[1/B] are different quantities, but both medians sit
    // inside the other's 5-95 % interval here.
    CHECK(q.paired[1].second > q.independent[0].second);
    CHECK(q.paired[1].second < q.independent[2].second);
    // The same numbers on another thread count.
    const auto r1 = runUncertainty(ctx, spec, 1);
    REQUIRE(r1.ratios.size() == 1);
    CHECK(r1.ratios[0].summary.mean == r.ratios[0].summary.mean);
    CHECK(r1.ratios[0].summary.percentiles == r.ratios[0].summary.percentiles);
}

TEST_CASE("the ratio is undefined when B's total reaches zero in the run, and says why") {
    const auto ctx = test::prepareInline({"image-typical", "image-worst"}, R"({"uncertainty": {"samples": 5000}})");
    auto r = runUncertainty(ctx, *ctx.analysis.uncertainty, 1);
    REQUIRE(r.ratios.size() == 1);
    const std::size_t b = r.ratios[0].b;
    REQUIRE(compareDifferences(r, ctx.model)[0].ratio.defined); // both totals positive
    // B's samples spanning zero (as a net footprint with credits would): no ratio, a reason.
    r.result.metrics[b].min = -0.5;
    const auto cmp = compareDifferences(r, ctx.model);
    REQUIRE(cmp.size() == 1);
    CHECK_FALSE(cmp[0].ratio.defined);
    CHECK(cmp[0].ratio.undefinedReason.find("image-typical's total reaches 0") != std::string::npos);
    CHECK(cmp[0].ratio.independent.empty());
    // The difference itself is still compared.
    CHECK(cmp[0].paired.size() == cmp[0].independent.size());
    // A B whose smallest sample is exactly 0 has no ratio either.
    r.result.metrics[b].min = 0.0;
    CHECK_FALSE(compareDifferences(r, ctx.model)[0].ratio.defined);
}
