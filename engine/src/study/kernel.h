// The study layer's hot loops (internal): uniform numbers from counters, inverse-CDF sampling and
// the evaluation of a compiled plan, on chunks of kChunk samples held in plain doubles (internal
// units; the units were checked when the plan was compiled).
//
// kernel.cpp builds each of these for several x86-64 levels (baseline, AVX2, AVX-512) and picks
// one when the program starts. Floating-point contraction is switched off in every variant, so
// the numbers are bit-for-bit the same on any x86-64 machine, whichever variant runs.
#pragma once

#include "tinyfoot/engine/study/compiled_plan.h"
#include "tinyfoot/engine/study/distribution.h"
#include "tinyfoot/engine/study/expression.h"

#include <cstddef>
#include <cstdint>

namespace tinyfoot::study::detail {

/// Samples per chunk: 64 doubles per column keep a chunk of a few dozen columns inside L1.
inline constexpr std::size_t kChunk = 64;

/// A compiled plan as plain arrays (see CompiledPlan for their meaning).
struct PlanView {
    std::size_t terms;
    std::size_t metrics;
    const double* constants;
    const double* coefficients;
    const std::uint32_t* columnStart;
    const std::uint32_t* columns;
    const std::uint32_t* targetStart;
    const std::uint32_t* targets;
    const double* weights;
};

/// outputs[k][start + i] for i < len (len <= kChunk) from columns[j][start + i].
void evaluatePlanChunk(const PlanView& plan, const double* const* columns, std::size_t start, std::size_t len,
                       double* const* outputs);

/// Expression programs: slots are pointers to kChunk doubles (an input column, a constant, a
/// register), set by the caller for each chunk; each output adds weight × slot to a metric.
struct ProgramView {
    std::size_t instructions;
    const Instruction* code;
    const ProgramTable* tables;
    const ExprTable* exprTables;
    const std::uint32_t* tableSlots;
    std::size_t outputs;
    const std::uint32_t* outputSlot;
    const std::uint32_t* outputMetric;
    const double* outputWeight;
};

/// Runs a program on one chunk of len samples (len <= kChunk): registers are written through
/// slots, and outputs[metric][start + i] += weight × slot[i].
void evaluateProgramChunk(const ProgramView& program, double* const* slots, std::size_t start, std::size_t len,
                          double* const* outputs);

/// u[i] = counterUniform(stream, first + i) for i < len (len <= kChunk).
void fillUniforms(std::uint64_t stream, std::uint64_t first, std::size_t len, double* u);

/// out[i] = d.quantile(u[i]) for i < len (len <= kChunk).
void fillQuantiles(const Distribution& d, const double* u, std::size_t len, double* out);

/// Streaming moments of a chunk around `shift`: adds Σ(x - shift) and Σ(x - shift)² to sum and
/// sumSquares, and widens [lo, hi].
void accumulateMoments(const double* x, std::size_t len, double shift, double& sum, double& sumSquares, double& lo,
                       double& hi);

} // namespace tinyfoot::study::detail
