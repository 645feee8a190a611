// The compiled model against full recalculation: 1,000 random systems using every method and
// option (each yield model, rechargeable and primary cells, cycle and calendar limits and fixed
// replacements, profiles, inference use with and without a measurement whose idle clamp binds,
// trajectories by slope and by points, training by energy and by accelerator hours, HSL levels,
// inventories, transport legs and declared shares). Each compiles without an opaque line, and the
// compiled plan with every input varying equals RecalculatingModel (a full calculate() per sample)
// to 1e-12 relative, at the nominal values and at 100 random samples.
#include "study_support.h"
#include "system_generator.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/param_ref.h"
#include "tinyfoot/engine/study/compiled_plan.h"
#include "tinyfoot/engine/study/recalculating_model.h"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <random>
#include <sstream>

using namespace tinyfoot;
using namespace tinyfoot::study;

namespace {

System load(const nlohmann::json& j) {
    std::istringstream in(j.dump());
    return loadSystem(in, "generated.json");
}

/// The open-data set with a primary chemistry added for this test only (no primary cell is in
/// data/ yet): its figures exercise the energy rule of non-rechargeable cells, nothing more.
FactorSet testSet() {
    FactorSet set = *test::library().findFactorSet("open-data");
    BatteryChemistry primary;
    primary.id = "test_primary";
    primary.name = "Test-only primary cell";
    primary.kgPerKwh = 120.0;
    primary.rechargeable = false;
    set.batteries.push_back(primary);
    return set;
}

/// Relative difference, 0 when both are 0.
double relative(double a, double b) {
    const double scale = std::max(std::fabs(a), std::fabs(b));
    return scale == 0.0 ? 0.0 : std::fabs(a - b) / scale;
}

} // namespace

TEST_CASE("compiled model = full recalculation on 1,000 generated systems, at nominal and at 100 samples each") {
    const FactorSet set = testSet();
    const HslCatalogue* hsl = test::library().findHsl("pirson-bol-2021");
    REQUIRE(hsl);
    test::SystemGenerator gen(20261204, true, "test_primary");
    for (const auto& f : set.factors) {
        if (f.per == Dimension::Mass) gen.massFactors.push_back(f.id);
        if (f.per == Dimension::Area) gen.areaFactors.push_back(f.id);
        if (f.per == Dimension::Count) gen.countFactors.push_back(f.id);
        if (f.per == Dimension::MassDistance) gen.freightFactors.push_back(f.id);
    }
    REQUIRE_FALSE(gen.freightFactors.empty());
    std::mt19937_64 rng(5);
    std::map<std::string, int> seen; // every option must occur
    double worst = 0.0;
    constexpr std::size_t kSamples = 100;
    for (int n = 0; n < 1000; ++n) {
        const auto file = gen.system(n);
        CAPTURE(file.dump());
        System s = load(file);
        // A third of the inference use stages take their energy from a measurement: idle
        // subtracted, or gross with an inference time (long enough in some that the idle clamp binds).
        for (auto& c : s.components) {
            if (c.method != Method::UsePower || c.use.kind != UseModel::Kind::Inference) continue;
            const int kind = std::uniform_int_distribution<int>(0, 5)(rng);
            if (kind > 2) continue;
            Measurement m;
            m.file = "generated-measurement.json";
            m.kind = "measured";
            m.energyPerInference = Amount::make(std::uniform_real_distribution<double>(50, 2000)(rng), *findUnit("uJ"));
            if (kind == 0) m.idleSubtracted = Amount::make(m.energyPerInference.value * 0.8, *findUnit("uJ"));
            if (kind == 1) {
                // rate x time spans 0.01 .. 3: busy all the time (clamp at 0) in some systems.
                const double busy =
                    std::exp(std::uniform_real_distribution<double>(std::log(0.01), std::log(3.0))(rng));
                const double seconds = busy / c.use.inferenceRate.internal;
                m.inferenceTime = Amount::make(seconds, *findUnit("s"));
                seen[busy > 1.0 ? "idle clamp binding" : "idle clamp open"]++;
            }
            if (kind == 2) seen["measured gross energy"]++;
            c.use.measurement = m;
            seen["measurement"]++;
        }
        for (const auto& c : s.components) {
            if (c.method == Method::Ic) seen["yield " + std::string(yieldModelId(c.ic.yieldModel))]++;
            if (c.method == Method::Battery) {
                const auto* chem = set.battery(c.battery.chemistry);
                seen[chem && chem->rechargeable ? "rechargeable" : "primary"]++;
                if (c.battery.cycleLife) seen["cycle life"]++;
                if (c.battery.calendarLife) seen["calendar life"]++;
                if (c.battery.replacements) seen["replacements"]++;
            }
            if (c.method == Method::Training) seen[c.training.energy ? "training energy" : "accelerator hours"]++;
            if (c.method == Method::UsePower) {
                seen["use " + std::to_string(static_cast<int>(c.use.kind))]++;
                if (c.use.trajectory) seen[c.use.trajectory->points.empty() ? "slope" : "points"]++;
            }
            if (c.method == Method::Hsl) seen["hsl"]++;
            if (c.method == Method::Inventory) seen["inventory"]++;
            if (c.method == Method::Transport) seen["transport"]++;
            if (c.method == Method::Fixed && c.sharePercent != 100.0) seen["declared share"]++;
        }
        checkReferences(s, test::library(), &set);
        const HslCatalogue* cat = s.hslCatalogue.empty() ? nullptr : hsl;
        const Result r = calculate(s, set, cat);
        const FlatModel m = FlatModel::compile({s}, {r}, set, {cat});
        REQUIRE(m.exact());
        for (const auto& d : m.diagnostics()) {
            CAPTURE(d.message);
            CHECK(d.severity != Severity::Error);
        }

        std::vector<std::size_t> varying(m.inputs().size());
        for (std::size_t i = 0; i < varying.size(); ++i) varying[i] = i;
        const std::vector<Metric> metrics{totalMetric(m, 0), partMetric(m, 0, Part::Embodied),
                                          partMetric(m, 0, Part::Operational)};
        const auto nominal = m.nominalValues();
        const CompiledPlan plan(m, varying, nominal, metrics);
        const RecalculatingModel recalc(m, varying, nominal, metrics);

        // Sample 0 at the nominal values; the others each input at 0.5 .. 1.5 times its value
        // (fractions held at most 1: 0.5 .. 1 times).
        std::vector<std::vector<double>> columns(varying.size(), std::vector<double>(kSamples));
        for (std::size_t j = 0; j < varying.size(); ++j) {
            const ModelInput& in = m.inputs()[j];
            const bool fraction = in.path == "supply/efficiency" || in.path == "yield" ||
                                  in.key == "table:process_nodes/default/yield" ||
                                  in.path.find("/fraction") != std::string::npos;
            std::uniform_real_distribution<double> scale(0.5, fraction ? 1.0 : 1.5);
            columns[j][0] = in.nominal;
            for (std::size_t i = 1; i < kSamples; ++i) columns[j][i] = in.nominal * scale(rng);
        }
        std::vector<const double*> cp;
        for (const auto& c : columns) cp.push_back(c.data());
        std::vector<std::vector<double>> a(metrics.size(), std::vector<double>(kSamples)), b = a;
        std::vector<double*> ap, bp;
        for (auto& v : a) ap.push_back(v.data());
        for (auto& v : b) bp.push_back(v.data());
        plan.evaluate(cp.data(), kSamples, ap.data());
        recalc.evaluate(cp.data(), kSamples, bp.data());

        CHECK(relative(a[0][0], units::inKgCo2e(r.total)) <= 1e-12);
        for (std::size_t k = 0; k < metrics.size(); ++k)
            for (std::size_t i = 0; i < kSamples; ++i) {
                const double d = relative(a[k][i], b[k][i]);
                worst = std::max(worst, d);
                if (d > 1e-12) {
                    CAPTURE(metrics[k].name);
                    CAPTURE(i);
                    CHECK(a[k][i] == doctest::Approx(b[k][i]).epsilon(1e-12));
                }
            }
    }
    MESSAGE("largest relative difference, compiled vs recalculated: " << worst);
    for (const char* option : {"yield fixed",
                               "yield poisson",
                               "yield murphy",
                               "rechargeable",
                               "primary",
                               "cycle life",
                               "calendar life",
                               "replacements",
                               "training energy",
                               "accelerator hours",
                               "use 0",
                               "use 1",
                               "use 2",
                               "slope",
                               "points",
                               "measurement",
                               "idle clamp binding",
                               "idle clamp open",
                               "measured gross energy",
                               "hsl",
                               "inventory",
                               "transport",
                               "declared share"}) {
        CAPTURE(option);
        CHECK(seen[option] > 0);
    }
}

TEST_CASE("a study draws a duty-cycle state's time fraction as the studio edits it; several drawn together are one "
          "profile summing to 1") {
    const FactorSet set = testSet();
    const nlohmann::json file = {
        {"format", "tinyfoot.system"},
        {"version", 1},
        {"id", "duty"},
        {"name", "Duty cycle"},
        {"kind", "tinyml"},
        {"lifetime", {{"value", 5}, {"unit", "year"}}},
        {"components",
         {{{"block", "use_stage"},
           {"use",
            {{"grid", "grid.de"},
             {"profile",
              {{{"state", "active"}, {"fraction", 0.1}, {"power", {{"value", 20}, {"unit", "mW"}}}},
               {{"state", "radio"}, {"fraction", 0.2}, {"power", {{"value", 60}, {"unit", "mW"}}}},
               {{"state", "sleep"}, {"fraction", 0.7}, {"power", {{"value", 5}, {"unit", "uW"}}}}}}}}}}}};
    const System s = load(file);
    const Result r = calculate(s, set, nullptr);
    const FlatModel m = FlatModel::compile({s}, {r}, set, {nullptr});
    REQUIRE(m.exact());
    std::vector<std::size_t> fraction(3, m.inputs().size());
    for (std::size_t j = 0; j < m.inputs().size(); ++j)
        for (std::size_t i = 0; i < 3; ++i)
            if (m.inputs()[j].key == "use_stage/profile/" + std::to_string(i) + "/fraction") fraction[i] = j;
    for (std::size_t i = 0; i < 3; ++i) REQUIRE(fraction[i] < m.inputs().size());

    std::vector<std::size_t> all(m.inputs().size());
    for (std::size_t j = 0; j < all.size(); ++j) all[j] = j;
    const std::vector<Metric> metrics{totalMetric(m, 0)};
    const auto nominal = m.nominalValues();
    const CompiledPlan plan(m, all, nominal, metrics);
    const RecalculatingModel recalc(m, all, nominal, metrics);
    const auto evaluate = [&](const auto& model, const std::vector<double>& values) {
        std::vector<const double*> cols;
        for (const auto& v : values) cols.push_back(&v);
        double out = 0.0;
        double* outs[] = {&out};
        model.evaluate(cols.data(), 1, outs);
        return out;
    };
    const auto totalWith = [&](const std::vector<double>& fractions) {
        System edited = s;
        for (std::size_t i = 0; i < 3; ++i) edited.components[0].use.states[i].fraction = fractions[i];
        return units::inKgCo2e(calculate(edited, set, nullptr).total);
    };

    // One fraction drawn: exactly that value, the others sharing the rest 2:7 as written, which is
    // what the studio's edit (setSystemParameter) writes.
    std::vector<double> values = nominal;
    values[fraction[0]] = 0.4;
    System edited = s;
    REQUIRE(setSystemParameter(edited, ParamRef::field("use_stage", "profile/0/fraction"), 0.4, ""));
    const double studio = units::inKgCo2e(calculate(edited, set, nullptr).total);
    CHECK(edited.components[0].use.states[1].fraction == doctest::Approx(0.6 * 2.0 / 9.0));
    CHECK(evaluate(plan, values) == doctest::Approx(studio).epsilon(1e-13));
    CHECK(evaluate(recalc, values) == doctest::Approx(studio).epsilon(1e-13));
    CHECK(studio == doctest::Approx(totalWith({0.4, 0.6 * 2.0 / 9.0, 0.6 * 7.0 / 9.0})).epsilon(1e-13));

    // All three drawn (0.2, 0.3, 0.6): weights d_i (1 - f_i) prod_{j != i} (1 - d_j) =
    // 0.0504, 0.0768, 0.1008 of 0.228, by hand.
    values[fraction[0]] = 0.2;
    values[fraction[1]] = 0.3;
    values[fraction[2]] = 0.6;
    const double expected = totalWith({0.0504 / 0.228, 0.0768 / 0.228, 0.1008 / 0.228});
    CHECK(evaluate(plan, values) == doctest::Approx(expected).epsilon(1e-13));
    CHECK(evaluate(recalc, values) == doctest::Approx(expected).epsilon(1e-13));
}
