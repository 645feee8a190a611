// The flat model: every preset compiled from its Result reproduces calculate() at nominal values,
// and agrees with the full-recalculation fallback at sampled values.
#include "study_support.h"

#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/study/compiled_plan.h"
#include "tinyfoot/engine/study/flat_model.h"
#include "tinyfoot/engine/study/monte_carlo.h"
#include "tinyfoot/engine/study/recalculating_model.h"
#include "tinyfoot/engine/study/study.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace tinyfoot;
using namespace tinyfoot::study;

namespace {

FlatModel compileAll(std::vector<System>& systems, std::vector<Result>& results) {
    std::vector<const HslCatalogue*> hsl;
    for (const auto& s : test::library().presets) {
        systems.push_back(s);
        hsl.push_back(s.hslCatalogue.empty() ? nullptr : test::library().findHsl(s.hslCatalogue));
        results.push_back(calculate(s, test::paperFactors(), hsl.back()));
    }
    return FlatModel::compile(systems, results, test::paperFactors(), hsl);
}

} // namespace

TEST_CASE("every preset compiles to an exact flat model that reproduces calculate() at nominal values") {
    std::vector<System> systems;
    std::vector<Result> results;
    const FlatModel m = compileAll(systems, results);
    REQUIRE(systems.size() >= 9);
    CHECK(m.exact());
    for (const auto& d : m.diagnostics()) CHECK_MESSAGE(d.severity != Severity::Error, d.message);
    const auto v = m.nominalValues();
    for (std::size_t s = 0; s < systems.size(); ++s) {
        CAPTURE(systems[s].id);
        const SystemParts p = m.evaluate(s, v);
        const SystemParts q = partsOf(results[s]);
        CHECK(p.total == doctest::Approx(q.total).epsilon(1e-12));
        CHECK(p.embodied == doctest::Approx(q.embodied).epsilon(1e-12));
        CHECK(p.operational == doctest::Approx(q.operational).epsilon(1e-12));
        CHECK(p.training == doctest::Approx(q.training).epsilon(1e-12));
        CHECK(p.unsplit == doctest::Approx(q.unsplit).epsilon(1e-12));
    }
}

TEST_CASE("inputs are keyed by what they are, and shared between systems only when they agree") {
    std::vector<System> systems;
    std::vector<Result> results;
    const FlatModel m = compileAll(systems, results);
    CHECK(m.findInputs("factor:ic.mcu_die").size() == 1);
    CHECK(m.findInputs("factor:no.such_factor").empty());
    CHECK_FALSE(m.findInputs("lifetime").empty());
    CHECK_FALSE(m.findInputs("use_stage/power").empty());
    // The MCU die is taken at its lower, typical and upper value by different presets: three
    // inputs with one key, each with the HSL range.
    const auto mcu = m.findInputs("hsl:processing/0/MCU die");
    REQUIRE(mcu.size() == 3);
    for (auto i : mcu) {
        const ModelInput& in = m.inputs()[i];
        CHECK(in.kind == InputKind::HslQuantity);
        CHECK(in.unit == "mm2");
        REQUIRE(in.range);
        CHECK(in.range->first / in.toInternal == doctest::Approx(5.0));
        CHECK(in.range->second / in.toInternal == doctest::Approx(17.0));
    }
    const ModelInput& grid = m.inputs()[m.findInputs("factor:grid.us_egrid2022_consumed").front()];
    CHECK(grid.kind == InputKind::Factor);
    CHECK(grid.nominal / grid.toInternal == doctest::Approx(0.394));
    CHECK(grid.systems.size() >= 7);
}

TEST_CASE("the compiled plan agrees with full recalculation at sampled input values") {
    std::vector<System> systems;
    std::vector<Result> results;
    const FlatModel m = compileAll(systems, results);
    // Vary every input over a wide range (0.2x to 3x its nominal, or its own range).
    std::vector<std::size_t> varying;
    std::vector<SampledInput> sampled;
    for (std::size_t i = 0; i < m.inputs().size(); ++i) {
        const ModelInput& in = m.inputs()[i];
        const double v = in.nominal;
        Distribution d = in.range && in.range->second > in.range->first
                             ? Distribution::uniform(in.range->first, in.range->second)
                             : Distribution::uniform(0.2 * v, 3.0 * v);
        if (d.kind() == DistributionKind::Fixed) continue;
        varying.push_back(i);
        sampled.push_back({in.key, d});
    }
    std::vector<Metric> metrics;
    for (std::size_t s = 0; s < m.systemCount(); ++s) {
        metrics.push_back(totalMetric(m, s));
        metrics.push_back(partMetric(m, s, Part::Embodied));
        metrics.push_back(partMetric(m, s, Part::Operational));
    }
    metrics.push_back(differenceMetric(m, 1, 0));
    const CompiledPlan plan(m, varying, m.nominalValues(), metrics);
    const RecalculatingModel recalc(m, varying, m.nominalValues(), metrics);
    for (std::size_t j = 0; j < varying.size(); ++j) CHECK(recalc.settable(varying[j]));
    // The same 100 samples through both (the means of 100 samples must agree to rounding).
    MonteCarloOptions o;
    o.samples = 100;
    o.seed = 5;
    o.threads = 1;
    std::vector<std::string> names;
    for (const auto& mt : metrics) names.push_back(mt.name);
    const auto fast = runMonteCarlo(plan, sampled, names, o);
    const auto slow = runMonteCarlo(recalc, sampled, names, o);
    REQUIRE(fast.metrics.size() == slow.metrics.size());
    for (std::size_t k = 0; k < fast.metrics.size(); ++k) {
        CAPTURE(names[k]);
        CHECK(fast.metrics[k].mean == doctest::Approx(slow.metrics[k].mean).epsilon(1e-11));
        CHECK(fast.metrics[k].min == doctest::Approx(slow.metrics[k].min).epsilon(1e-11));
        CHECK(fast.metrics[k].max == doctest::Approx(slow.metrics[k].max).epsilon(1e-11));
    }
}

TEST_CASE("a line that is not a product of its inputs is kept as a constant and reported") {
    const System& s = *test::library().findPreset("image-typical");
    const HslCatalogue* hsl = test::library().findHsl(s.hslCatalogue);
    Result r = calculate(s, test::paperFactors(), hsl);
    // Pretend a physical model produced a line whose value is not amount x factor.
    auto& casing = r.components[2];
    REQUIRE(casing.block == Block::Casing);
    casing.lines[0].co2e = units::kgCo2e(1.0);
    const FlatModel m = FlatModel::compile({s}, {r}, test::paperFactors(), {hsl});
    CHECK_FALSE(m.exact());
    bool reported = false;
    for (const auto& d : m.diagnostics()) reported = reported || d.code == "opaque-line";
    CHECK(reported);
    int opaque = 0;
    for (const auto& t : m.terms()) opaque += t.opaque ? 1 : 0;
    CHECK(opaque == 1);
}

TEST_CASE("plan bounds hold every value the plan can produce") {
    std::vector<System> systems;
    std::vector<Result> results;
    const FlatModel m = compileAll(systems, results);
    const std::size_t worst = *m.findSystem("image-worst"), best = *m.findSystem("kws-best");
    std::vector<std::size_t> varying;
    std::vector<std::pair<double, double>> bounds;
    for (std::size_t i = 0; i < m.inputs().size(); ++i) {
        const auto& in = m.inputs()[i];
        if (!in.range) continue;
        varying.push_back(i);
        bounds.push_back(*in.range);
    }
    const CompiledPlan plan(m, varying, m.nominalValues(), {totalMetric(m, worst), differenceMetric(m, worst, best)});
    const auto b = plan.outputBounds(bounds);
    REQUIRE(b);
    // At the all-lower and all-upper corners the plan gives exactly its bounds (the total is
    // monotone in each input).
    std::vector<std::vector<double>> lo(varying.size(), std::vector<double>(1)), hi = lo;
    std::vector<const double*> lp, hp;
    for (std::size_t j = 0; j < varying.size(); ++j) {
        lo[j][0] = bounds[j].first;
        hi[j][0] = bounds[j].second;
        lp.push_back(lo[j].data());
        hp.push_back(hi[j].data());
    }
    double outLo[2], outHi[2];
    double* lop[] = {&outLo[0], &outLo[1]};
    double* hop[] = {&outHi[0], &outHi[1]};
    plan.evaluate(lp.data(), 1, lop);
    plan.evaluate(hp.data(), 1, hop);
    CHECK(outLo[0] == doctest::Approx((*b)[0].first).epsilon(1e-12));
    CHECK(outHi[0] == doctest::Approx((*b)[0].second).epsilon(1e-12));
    CHECK((*b)[1].first <= (*b)[1].second);
    CHECK((*b)[1].first < 0.0);
}

TEST_CASE(
    "a method the study layer has no compiled form for is never guessed from its numbers: its lines stay opaque") {
    // A future method is simulated by relabelling calculated components. Its one-device training
    // line happens to equal amount x factor, but that is not taken as its formula (a training
    // line with devices = PUE = 1 would be one too, and sampling devices would then scale it up).
    System s = *test::library().findPreset("image-typical");
    const HslCatalogue* hsl = test::library().findHsl(s.hslCatalogue);
    const Result r = calculate(s, test::paperFactors(), hsl);
    const auto unknown = static_cast<Method>(99);
    std::size_t training = 0, use = 0;
    for (std::size_t i = 0; i < s.components.size(); ++i) {
        if (s.components[i].block == Block::MlTraining) training = i;
        if (s.components[i].block == Block::UseStage) use = i;
    }
    s.components[training].method = unknown;
    s.components[use].method = unknown;
    const FlatModel m = FlatModel::compile({s}, {r}, test::paperFactors(), {hsl});
    CHECK(m.evaluate(0, m.nominalValues()).total == doctest::Approx(units::inKgCo2e(r.total)).epsilon(1e-12));
    CHECK(m.findInputs("ml_training/DenseNet training, share carried by one device/DenseNet training, share "
                       "carried by one device")
              .empty());
    int opaque = 0;
    for (const auto& t : m.terms()) opaque += t.opaque ? 1 : 0;
    CHECK(opaque == 2);
    int reported = 0;
    for (const auto& d : m.diagnostics())
        reported += d.code == "opaque-line" && d.message.find("has no compiled form") != std::string::npos ? 1 : 0;
    CHECK(reported == 2);
    CHECK_FALSE(m.exact());
}

TEST_CASE("with an opaque line, uncertainty runs on the full-recalculation fallback and agrees with the exact model") {
    const auto exact = test::prepareInline({"image-typical"}, R"({"uncertainty": {"samples": 3000, "seed": 21}})");
    // The same study, with one line's value altered in its result so that the flat model keeps
    // it opaque: the fallback recalculates it from the system and must match the exact run.
    StudyContext opaque = exact;
    Result tampered = exact.results[0];
    tampered.components[2].lines[0].co2e = units::kgCo2e(123.0);
    std::vector<const HslCatalogue*> hsl{test::library().findHsl(exact.model.system(0).hslCatalogue)};
    opaque.model = FlatModel::compile({exact.model.system(0)}, {tampered}, test::paperFactors(), hsl);
    REQUIRE_FALSE(opaque.model.exact());
    const auto a = runUncertainty(exact, *exact.analysis.uncertainty, 2);
    const auto b = runUncertainty(opaque, *opaque.analysis.uncertainty, 2);
    CHECK_FALSE(a.recalculated);
    CHECK(b.recalculated);
    REQUIRE(a.result.metrics.size() == b.result.metrics.size());
    for (std::size_t k = 0; k < a.result.metrics.size(); ++k) {
        CAPTURE(a.result.metrics[k].name);
        CHECK(b.result.metrics[k].mean == doctest::Approx(a.result.metrics[k].mean).epsilon(1e-11));
        CHECK(b.result.metrics[k].sd == doctest::Approx(a.result.metrics[k].sd).epsilon(1e-9));
    }
}

TEST_CASE("no preset, test system or study of the tree leaves a line opaque: every one compiles exactly") {
    const auto check = [](const StudyContext& ctx, const std::string& what) {
        CAPTURE(what);
        CHECK(ctx.model.exact());
        for (const auto& d : ctx.diagnostics) {
            CAPTURE(d.message);
            CHECK(d.code != "opaque-line");
            CHECK(d.code != "full-recalculation");
            CHECK(d.code != "model-mismatch");
        }
    };
    int checked = 0;
    for (const auto& s : test::library().presets) {
        const FactorSet& set = test::paperFactors();
        checkReferences(s, test::library(), &set);
        check(prepareStudy({s}, test::library(), set, Analysis{}, test::studyData(), s.id), "preset " + s.id);
        ++checked;
    }
    for (const auto& e : std::filesystem::directory_iterator(test::sourceRoot() / "tests/data/systems")) {
        auto in = test::open(e.path());
        const System s = loadSystem(in, e.path().string());
        const FactorSet& set = *test::library().findFactorSet("open-data");
        checkReferences(s, test::library(), &set);
        check(prepareStudy({s}, test::library(), set, Analysis{}, test::studyData(), s.id), e.path().string());
        ++checked;
    }
    for (const char* dir : {"presets/studies", "tests/data/studies"})
        for (const auto& e : std::filesystem::directory_iterator(test::sourceRoot() / dir)) {
            if (e.path().extension() != ".json") continue;
            check(test::prepare(test::loadStudyFile(e.path())), e.path().string());
            ++checked;
        }
    CHECK(checked >= 16); // 9 presets, 3 test systems, 4 studies today
}
