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
