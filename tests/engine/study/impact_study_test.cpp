// Monte Carlo and Sobol in an impact category other than CO2e (impact_model.h): the paper's
// uncertainty study on ADPe and on water use, against the assessment of each system and the
// expectations the input distributions give.
#include "study_support.h"

#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/report/study_report.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

using namespace tinyfoot;
using namespace tinyfoot::study;

namespace {

CategoryChoice choice(ImpactCategory c) {
    const ImpactSet* set = test::library().findImpactSet("tide-boavizta");
    REQUIRE(set != nullptr);
    return {set, c};
}

const MetricSummary& metric(const UncertaintyReport& r, const std::string& name) {
    const auto it = std::find_if(r.result.metrics.begin(), r.result.metrics.end(),
                                 [&](const MetricSummary& m) { return m.name == name; });
    REQUIRE(it != r.result.metrics.end());
    return *it;
}

double nominal(const UncertaintyReport& r, const std::string& name) {
    for (std::size_t k = 0; k < r.metrics.size(); ++k)
        if (r.metrics[k].name == name) return r.nominal[k];
    FAIL("no metric " << name);
    return 0.0;
}

} // namespace

TEST_CASE("Monte Carlo on ADPe: the nominal is the assessment, only the use stage's energy moves it") {
    const auto ctx = test::prepareFile("presets/studies/paper-uncertainty.json");
    UncertaintySpec spec = *ctx.analysis.uncertainty;
    spec.samples = 5000;
    const auto adpe = choice(ImpactCategory::Adpe);
    const UncertaintyReport r = runUncertainty(ctx, spec, 2, {}, &adpe);
    REQUIRE(r.metrics.size() == r.result.metrics.size());
    CHECK(r.metrics.front().unit == "kg_sb_eq");
    // The nominal total is the report's: assessImpacts of the calculated system.
    const System& kws = ctx.model.system(*ctx.model.findSystem("kws-best"));
    const ImpactResult direct = assessImpacts(kws, ctx.results[*ctx.model.findSystem("kws-best")], *adpe.set,
                                              test::library().findHsl(kws.hslCatalogue));
    CHECK(nominal(r, "kws-best total") == doctest::Approx(direct.total[0]).epsilon(1e-12));
    // Embodied: TIDE's per-level figures, no range: every sample the same.
    CHECK(metric(r, "kws-best embodied").sd == 0.0);
    // Operational: 1 mW x triangular(0.5, 1, 2) (mean 7/6) x lifetime uniform(2, 5) years (mean
    // 3.5), independent: mean 7/6 mW x 3.5 x 8760 h = 0.035770 kWh, x 9.85548e-8 kg Sb eq./kWh.
    const auto& use = metric(r, "kws-best operational");
    CHECK(use.sd > 0.0);
    CHECK(use.mean == doctest::Approx(7.0 / 6.0 * 1e-6 * 3.5 * 8760.0 * 9.85548e-8).epsilon(0.02));
    // The systems share the same use stage and grid: their difference is the embodied difference.
    CHECK(metric(r, "image-typical - kws-best").sd == doctest::Approx(0.0).epsilon(1e-12));
    const bool said = std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                                  [](const Diagnostic& d) { return d.code == "category-ranges"; });
    CHECK(said);
    const bool missing = std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                                     [](const Diagnostic& d) { return d.code == "missing-category"; });
    CHECK(missing); // training, freight and the declared end of life have no ADPe figure

    // Reports name the unit.
    const auto j = nlohmann::json::parse(report::uncertaintyJson(ctx, r, 10));
    CHECK(j["metrics"][0]["unit"] == "kg_sb_eq");
    CHECK(j["metrics"][0].contains("mean_kg_sb_eq"));
    CHECK(report::uncertaintyText(ctx, r, false).find("values in kg_sb_eq") != std::string::npos);
}

TEST_CASE("Sobol on ADPe ranks the use stage's power and the lifetime; water use has no variance to rank") {
    const auto ctx = test::prepareFile("presets/studies/paper-uncertainty.json");
    const UncertaintySpec& distributions = *ctx.analysis.uncertainty;
    SensitivitySpec spec;
    spec.tornado = true;
    spec.sobol = true;
    spec.samples = 64;
    const auto adpe = choice(ImpactCategory::Adpe);
    const SensitivityReport s = runSensitivity(ctx, distributions, spec, 2, {}, &adpe);
    REQUIRE(s.sobol);
    const auto& out = s.sobol->outputs.front(); // kws-best total
    CHECK(out.output == "kws-best total");
    std::vector<SobolIndex> idx = out.indices;
    std::sort(idx.begin(), idx.end(), [](const SobolIndex& a, const SobolIndex& b) { return a.total > b.total; });
    const std::vector<std::string> top{idx[0].key, idx[1].key};
    CHECK(std::find(top.begin(), top.end(), "use_stage/power") != top.end());
    CHECK(std::find(top.begin(), top.end(), "lifetime") != top.end());
    for (std::size_t i = 2; i < idx.size(); ++i) {
        CAPTURE(idx[i].key);
        CHECK(idx[i].total == doctest::Approx(0.0).epsilon(1e-9)); // HSL quantities, factors: no ADPe effect
    }
    // The tornado's bars in kg Sb eq.: the widest is one of the two.
    REQUIRE_FALSE(s.tornado.empty());
    const auto& bars = s.tornado.front().bars;
    const auto widest = std::max_element(
        bars.begin(), bars.end(), [](const auto& a, const auto& b) { return std::abs(a.swing) < std::abs(b.swing); });
    CHECK((widest->key == "use_stage/power" || widest->key == "lifetime"));

    const auto wu = choice(ImpactCategory::Wu);
    UncertaintySpec few = distributions;
    few.samples = 200;
    const UncertaintyReport w = runUncertainty(ctx, few, 1, {}, &wu);
    for (const auto& m : w.result.metrics) {
        CAPTURE(m.name);
        CHECK(m.sd == 0.0); // TIDE's blocks have no range and electricity has no water figure
    }
    CHECK(nominal(w, "kws-best total") > 50.0); // m3 world eq., mostly end of life (casing 14.4, power supply 4.95 ...)
}

TEST_CASE("a fleet in a category: devices bought x the embodied figure + device-years x the use per year") {
    const auto ctx = test::prepareFile("presets/studies/paper-fleet-250bn.json");
    const FleetReport fleet = runFleet(ctx);
    REQUIRE(fleet.fleets.size() == 3);
    const auto adpe = choice(ImpactCategory::Adpe);
    std::vector<Diagnostic> diagnostics;
    const auto fleets = fleetsInCategory(ctx, fleet, adpe, diagnostics);
    REQUIRE(fleets.size() == 3);
    for (std::size_t s = 0; s < 3; ++s) {
        const System& sys = ctx.model.system(s);
        const ImpactResult device =
            assessImpacts(sys, ctx.results[s], *adpe.set, test::library().findHsl(sys.hslCatalogue));
        const auto st = [&](Stage x) { return device.byStage[static_cast<std::size_t>(x)][0]; };
        const double embodied = st(Stage::Production) + st(Stage::Transport) + st(Stage::EndOfLife);
        const double usePerYear = st(Stage::Use) / 3.0; // the paper's systems live 3 years
        CAPTURE(sys.id);
        // 250e9 devices, all new in the first year and none replaced within 3 years.
        CHECK(fleets[s].purchased == doctest::Approx(250e9));
        CHECK(fleets[s].deviceYears == doctest::Approx(750e9));
        CHECK(fleets[s].unit == "kg_sb_eq");
        CHECK(fleets[s].embodied == doctest::Approx(250e9 * embodied).epsilon(1e-12));
        CHECK(fleets[s].operational == doctest::Approx(750e9 * usePerYear).epsilon(1e-12));
        CHECK(fleets[s].total == doctest::Approx(fleets[s].embodied + fleets[s].operational).epsilon(1e-12));
        CHECK_FALSE(fleets[s].complete); // training, freight and the end of life have no ADPe figure
    }
    // kws-best: some 52,000 tonnes of antimony equivalent for 250 billion devices.
    CHECK(fleets[0].total / 1000.0 == doctest::Approx(52200.0).epsilon(0.01));
    CHECK_FALSE(diagnostics.empty());
}

TEST_CASE("differences in ADPe: kws-best and image-worst share their use stage, so the paired difference is "
          "constant while independent runs spread it") {
    const auto ctx = test::prepareFile("presets/studies/paper-uncertainty.json");
    UncertaintySpec spec = *ctx.analysis.uncertainty;
    spec.samples = 5000;
    spec.differences = {{"kws-best", "image-worst"}};
    spec.differencePaths.clear();
    const auto adpe = choice(ImpactCategory::Adpe);
    const UncertaintyReport r = runUncertainty(ctx, spec, 2, {}, &adpe);
    const auto cmp = compareDifferences(r, ctx.model);
    REQUIRE(cmp.size() == 1);
    CHECK(cmp[0].a == "kws-best");
    CHECK(cmp[0].independentSd > 0.0);
    CHECK(cmp[0].pairedSd < 1e-6 * cmp[0].independentSd);
    CHECK(cmp[0].pairedMean ==
          doctest::Approx(cmp[0].independentMean)
              .epsilon(4.0 * cmp[0].independentSd / std::sqrt(5000.0) / std::fabs(cmp[0].independentMean)));
}
