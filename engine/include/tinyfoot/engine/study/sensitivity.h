// Sensitivity of a model's outputs to its uncertain inputs: one-at-a-time (tornado) and
// variance-based (Sobol first-order and total indices).
//
// Inputs are grouped by key, as in Monte Carlo: columns sharing a key are one random variable
// (the same u through each column's distribution), so a group is moved, and indexed, as one.
#pragma once

#include "tinyfoot/engine/study/monte_carlo.h"
#include "tinyfoot/engine/study/vector_model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tinyfoot::study {

struct TornadoBar {
    std::string key;
    double outputLow = 0.0;  ///< the output with the input at its low value, others nominal
    double outputHigh = 0.0; ///< ... at its high value
    double swing = 0.0;      ///< |outputHigh − outputLow|
};

struct TornadoResult {
    std::string output;
    double nominal = 0.0;
    std::vector<TornadoBar> bars; ///< widest swing first (ties: key order)
};

/// One-at-a-time: every group of columns at its distributions' low() and high() (the support of
/// bounded distributions, the central 95 % of unbounded ones) while the others stay at
/// `nominal` (one value per column).
std::vector<TornadoResult> tornado(const VectorModel& model, const std::vector<SampledInput>& inputs,
                                   const std::vector<double>& nominal, const std::vector<std::string>& outputNames);

struct SobolIndex {
    std::string key;
    double first = 0.0;   ///< S_i, Saltelli et al. (2010) estimator
    double firstSe = 0.0; ///< its standard error (the spread of its summands / sqrt N, over V)
    double total = 0.0;   ///< S_Ti, Jansen (1999) estimator
    double totalSe = 0.0;
};

struct SobolOutput {
    std::string output;
    double mean = 0.0;
    double variance = 0.0; ///< V, from the 2N runs of matrices A and B
    std::vector<SobolIndex> indices;
};

struct SobolResult {
    std::uint64_t samplesRequested = 0;
    std::uint64_t samples = 0; ///< base samples N merged
    bool partial = false;
    std::uint64_t modelRuns = 0; ///< N × (groups + 2)
    std::uint64_t seed = 0;
    unsigned threads = 0;
    std::vector<SobolOutput> outputs;
};

/// Sobol indices from two independent sample matrices A and B (streams of the same keys with
/// different salts) and, for each group i, A with group i's columns taken from B:
///   V    = variance of f over the 2N runs of A and B
///   S_i  = (1/N) Σ f(B) (f(A_B^i) − f(A)) / V
///   S_Ti = (1/2N) Σ (f(A) − f(A_B^i))² / V
/// Streamed and merged in block order: reproducible on any number of threads.
SobolResult runSobol(const VectorModel& model, const std::vector<SampledInput>& inputs,
                     const std::vector<std::string>& outputNames, std::uint64_t baseSamples, std::uint64_t seed,
                     unsigned threads, const RunControl& control = {});

} // namespace tinyfoot::study
