// Monte Carlo samples per second, on one thread and on every core, for two systems with every
// input uncertain:
//
//   1. the paper's image-classification worst case (preset image-worst): every HSL quantity is
//      triangular (lower .. upper, mode at the upper value the preset takes), every factor with a
//      feasible range is uniform over it, and the use-stage power (0.5x-2x), the lifetime (2-5
//      years) and the ML-training factor (0.1x-1x) get distributions too;
//   2. a system of four physical models (tests/data/systems/physical-four.json under open-data:
//      an IC die by node and yield, a battery with replacement sets by cycle life, training
//      amortised over a fleet, a use stage from energy per inference on a battery supply and a
//      grid trajectory): every one of its parameters, and every factor and table cell it reads,
//      is uncertain (the data's range where it has one, else triangular 0.8x .. 1.2x, fractions
//      0.9x .. 1x), so the compiled expressions run for every sample: 27 inputs;
//   3. the same with a second die at 22 nm (between two rows of the node table) and NAND flash on
//      the IC (tests/data/systems/physical-extended.json): 37 inputs, sampled alike.
//
//   monte_carlo_benchmark [--samples N] [--repeat R] [--seed S] [--only image-worst|physical-four|physical-extended]
//
// A sample is one draw of every input and the evaluation of the total, embodied and operational
// footprints, with streamed moments and histograms. Memory does not depend on N: the figures
// below include the peak resident set size after each run.
#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/study/study.h"

#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

using namespace tinyfoot;
using namespace tinyfoot::study;

namespace {

std::ifstream open(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + p.string());
    return in;
}

Library loadLibrary() {
    const std::filesystem::path root = TINYFOOT_SOURCE_ROOT;
    Library lib;
    for (const char* dir : {"data/factors", "data/hsl"}) {
        for (const auto& e : std::filesystem::directory_iterator(root / dir)) {
            if (e.path().extension() != ".json") continue;
            auto in = open(e.path());
            if (std::string(dir) == "data/factors") lib.factorSets.push_back(loadFactorSet(in, e.path().string()));
            else lib.hslCatalogues.push_back(loadHslCatalogue(in, e.path().string()));
        }
    }
    resolveIncludes(lib.factorSets);
    auto in = open(root / "presets/paper/image-worst.json");
    lib.presets.push_back(loadSystem(in, "image-worst.json"));
    for (const char* name : {"physical-four", "physical-extended"}) {
        auto file = open(root / "tests/data/systems" / (std::string(name) + ".json"));
        lib.presets.push_back(loadSystem(file, std::string(name) + ".json"));
    }
    return lib;
}

long peakRssKiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

std::uint64_t option(int argc, char** argv, const char* name, std::uint64_t fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) != 0) continue;
        double v = 0.0;
        const char* s = argv[i + 1];
        const auto r = std::from_chars(s, s + std::strlen(s), v);
        if (r.ec != std::errc() || !(v >= 1.0)) throw std::runtime_error(std::string(name) + " expects a number >= 1");
        return static_cast<std::uint64_t>(v);
    }
    return fallback;
}

struct Run {
    double samplesPerSecond = 0.0;
    UncertaintyReport report;
};

Run best(const StudyContext& ctx, const UncertaintySpec& spec, unsigned threads, std::uint64_t repeat) {
    Run out;
    for (std::uint64_t r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        UncertaintyReport report = runUncertainty(ctx, spec, threads);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double rate = static_cast<double>(report.result.samples) / s;
        if (rate > out.samplesPerSecond) out = {rate, std::move(report)};
    }
    return out;
}

bool identical(const MonteCarloResult& a, const MonteCarloResult& b) {
    if (a.metrics.size() != b.metrics.size()) return false;
    for (std::size_t k = 0; k < a.metrics.size(); ++k) {
        const auto &x = a.metrics[k], &y = b.metrics[k];
        if (x.mean != y.mean || x.sd != y.sd || x.percentiles != y.percentiles ||
            x.histogram.counts != y.histogram.counts)
            return false;
    }
    return true;
}

/// Runs one scenario on one thread and on every core; false when the two differ.
bool scenario(const char* name, const StudyContext& ctx, const UncertaintySpec& spec, std::uint64_t repeat) {
    const auto& model = ctx.model;
    const SystemParts compiled = model.evaluate(0, model.nominalValues());
    const double calculated = units::inKgCo2e(ctx.results[0].total);
    std::size_t expressions = 0;
    for (const auto& t : model.terms()) expressions += t.expression ? 1u : 0u;
    std::printf("\n== %s: calculate() %.6f kg CO2e, compiled model %.6f kg CO2e (%s); %zu lines (%zu expressions, "
                "%zu expression nodes)%s\n",
                name, calculated, compiled.total, std::fabs(compiled.total - calculated) < 1e-9 ? "match" : "MISMATCH",
                model.terms().size(), expressions, model.expressions().size(), model.exact() ? "" : " (some opaque)");
    std::vector<Diagnostic> ignored;
    const auto inputs = chooseDistributions(ctx, spec, ignored);
    std::printf("%zu uncertain inputs of %zu; 3 outputs (total, embodied, operational)\n", inputs.size(),
                model.inputs().size());
    for (const auto& d : ignored) std::printf("  not sampled: %s\n", d.message.c_str());
    for (std::size_t j = 0; j < model.inputs().size(); ++j)
        if (std::none_of(inputs.begin(), inputs.end(), [&](const InputChoice& c) { return c.input == j; }))
            std::printf("  held at its value: %s\n", model.inputs()[j].key.c_str());
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::printf("%llu samples a run, best of %llu runs; %u hardware threads\n",
                static_cast<unsigned long long>(spec.samples), static_cast<unsigned long long>(repeat), cores);
    const Run one = best(ctx, spec, 1, repeat);
    std::printf("single thread: %.2f million samples/s (peak RSS %ld KiB)\n", one.samplesPerSecond / 1e6, peakRssKiB());
    const Run all = best(ctx, spec, cores, repeat);
    std::printf("all %u threads: %.2f million samples/s (peak RSS %ld KiB)\n", cores, all.samplesPerSecond / 1e6,
                peakRssKiB());
    const auto& total = all.report.result.metrics.front();
    std::printf("%s total: mean %.4f, sd %.4f, p5 %.4f, p50 %.4f, p95 %.4f kg CO2e%s\n", name, total.mean, total.sd,
                total.percentiles[0].second, total.percentiles[1].second, total.percentiles[2].second,
                all.report.recalculated ? " (FULL RECALCULATION)" : "");
    const bool same = identical(one.report.result, all.report.result);
    std::printf("identical on 1 and %u threads: %s\n", cores, same ? "yes" : "NO");
    return same && !all.report.recalculated;
}

InputDistributionSpec relative(const std::string& key, DistributionKind kind, double lo, double mode, double hi) {
    InputDistributionSpec d;
    d.input = key;
    d.kind = kind;
    d.relative = true;
    d.lower = lo;
    d.mode = mode;
    d.upper = hi;
    return d;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::uint64_t samples = option(argc, argv, "--samples", 20000000);
        const std::uint64_t repeat = option(argc, argv, "--repeat", 3);
        const std::uint64_t seed = option(argc, argv, "--seed", 1);
        std::string only; // --only NAME: one scenario
        for (int i = 1; i + 1 < argc; ++i)
            if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
        const auto runs = [&](const char* name) { return only.empty() || only == name; };
        const Library lib = loadLibrary();
        bool ok = true;
        if (runs("image-worst")) {
            const FactorSet& factors = *lib.findFactorSet("paper-2023-backsolved");
            const System& system = *lib.findPreset("image-worst");
            checkReferences(system, lib, &factors);
            const StudyContext ctx = prepareStudy({system}, lib, factors, Analysis{}, StudyData{}, "image-worst");
            UncertaintySpec spec;
            spec.samples = samples;
            spec.seed = seed;
            spec.hsl = HslDefault::TriangularAtBound; // sample around the worst case itself
            spec.inputs.push_back(relative("use_stage/power", DistributionKind::Triangular, 0.5, 1.0, 2.0));
            spec.inputs.push_back(relative("lifetime", DistributionKind::Uniform, 2.0 / 3.0, 0.0, 5.0 / 3.0));
            spec.inputs.push_back(relative("factor:training.densenet", DistributionKind::Uniform, 0.1, 0.0, 1.0));
            ok = scenario("image-worst", ctx, spec, repeat) && ok;
        }
        for (const char* name : {"physical-four", "physical-extended"}) {
            if (!runs(name)) continue;
            const FactorSet& factors = *lib.findFactorSet("open-data");
            const System& system = *lib.findPreset(name);
            checkReferences(system, lib, &factors);
            const StudyContext ctx = prepareStudy({system}, lib, factors, Analysis{}, StudyData{}, name);
            UncertaintySpec spec;
            spec.samples = samples;
            spec.seed = seed;
            for (const auto& in : ctx.model.inputs()) {
                if (in.range && in.kind != InputKind::Parameter && in.kind != InputKind::Lifetime) continue;
                const bool fraction = in.path == "supply/efficiency" || in.path == "yield" ||
                                      in.key == "table:process_nodes/default/yield";
                spec.inputs.push_back(fraction ? relative(in.key, DistributionKind::Triangular, 0.9, 1.0, 1.0)
                                               : relative(in.key, DistributionKind::Triangular, 0.8, 1.0, 1.2));
            }
            ok = scenario(name, ctx, spec, repeat) && ok;
        }
        return ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "monte_carlo_benchmark: " << e.what() << "\n";
        return 1;
    }
}
