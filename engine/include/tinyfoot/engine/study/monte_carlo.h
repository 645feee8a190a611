// Monte Carlo propagation of input uncertainty through a VectorModel: seeded, reproducible on
// any number of threads, with memory that does not grow with the number of samples.
//
// Sample i of input j is quantile_j(u), u = counterUniform(stream(seed, key_j), i): a pure
// function of (seed, key, i). Samples are drawn in blocks; each block's sums are merged in block
// order and histograms count integers, so the same seed gives bit-for-bit the same numbers on
// every run and every thread count. Mean and variance are streamed (sums around a shift);
// percentiles come from a fixed-bin histogram spanning every value the model can produce.
#pragma once

#include "tinyfoot/engine/study/distribution.h"
#include "tinyfoot/engine/study/vector_model.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tinyfoot::study {

/// One sampled column of a model. Inputs with the same key use the same random numbers (each
/// through its own distribution): common random numbers for compared systems.
struct SampledInput {
    std::string key;
    Distribution distribution;
};

struct MonteCarloOptions {
    std::uint64_t samples = 100000;
    std::uint64_t seed = 1;
    unsigned threads = 0;             ///< 0: every hardware thread
    std::size_t histogramBins = 4096; ///< percentile resolution = (upper - lower) / bins
    std::vector<double> percentiles{5.0, 50.0, 95.0};
};

/// Samples per block (the unit of work, of merging and of cancellation).
inline constexpr std::uint64_t kMonteCarloBlock = 4096;

struct Histogram {
    double lower = 0.0;
    double upper = 0.0;
    std::vector<std::uint64_t> counts; ///< equal-width bins over [lower, upper]
    std::uint64_t below = 0;           ///< samples below `lower` (only for unbounded inputs)
    std::uint64_t above = 0;
    double binWidth() const { return counts.empty() ? 0.0 : (upper - lower) / static_cast<double>(counts.size()); }
    /// The same samples in `bins` wider bins over the range actually reached (for display).
    Histogram coarsened(std::size_t bins) const;
    /// The p-th percentile (0..100), linear within a bin.
    double percentile(double p) const;
};

struct MetricSummary {
    std::string name;
    std::uint64_t samples = 0;
    double mean = 0.0;
    double sd = 0.0;
    double standardError = 0.0; ///< of the mean: sd / sqrt(samples)
    double min = 0.0;
    double max = 0.0;
    std::vector<std::pair<double, double>> percentiles; ///< (p, value)
    double percentileResolution = 0.0;                  ///< histogram bin width
    Histogram histogram;
};

struct MonteCarloResult {
    std::uint64_t samplesRequested = 0;
    std::uint64_t samples = 0; ///< samples merged (fewer when cancelled)
    bool partial = false;      ///< stopped before `samplesRequested`
    std::uint64_t seed = 0;
    unsigned threads = 0;
    std::vector<MetricSummary> metrics; ///< one per model output, named by `outputNames`
};

/// Runs `options.samples` samples of `model` with `inputs[j]` driving column j. Never throws on
/// model grounds; an empty model or zero samples gives an empty result.
MonteCarloResult runMonteCarlo(const VectorModel& model, const std::vector<SampledInput>& inputs,
                               const std::vector<std::string>& outputNames, const MonteCarloOptions& options,
                               const RunControl& control = {});

} // namespace tinyfoot::study
