// A flat model specialised for sampling: the fast path of every study that samples or sweeps.
#pragma once

#include "tinyfoot/engine/study/expression.h"
#include "tinyfoot/engine/study/flat_model.h"
#include "tinyfoot/engine/study/vector_model.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace tinyfoot::study {

namespace detail {

/// One operation of a compiled expression program: slot out = op(slot a, slot b, slot c) on a
/// chunk of samples. A table operation reads its rows' slots from the plan's table slots.
struct Instruction {
    ExprOp op = ExprOp::Add;
    std::uint32_t out = 0, a = 0, b = 0, c = 0;
    std::uint32_t table = 0; ///< Interpolate, TrajectoryMean: index in the plan's tables
};

/// A table operation's rows: which expression table, and where its row slots start.
struct ProgramTable {
    std::uint32_t table = 0;     ///< into the plan's expression tables
    std::uint32_t firstSlot = 0; ///< into the plan's table slots
};

} // namespace detail

/// The flat model specialised for sampling: some inputs vary (the columns, in the order given),
/// the others are folded into the coefficients at `values`; product lines with the same varying
/// inputs are merged, and the expressions of the physical models become one program in which every
/// node that depends on no varying input is folded to a constant. evaluate() runs a vectorised
/// kernel (chunks of 64 samples; no allocation once a thread has run a plan of this size).
class CompiledPlan final : public VectorModel {
public:
    CompiledPlan(const FlatModel& model, std::vector<std::size_t> varying, const std::vector<double>& values,
                 std::vector<Metric> metrics);

    std::size_t inputCount() const override { return m_varying.size(); }
    std::size_t outputCount() const override { return m_metrics.size(); }
    void evaluate(const double* const* columns, std::size_t n, double* const* outputs) const override;
    std::optional<std::vector<std::pair<double, double>>>
    outputBounds(const std::vector<std::pair<double, double>>& inputBounds) const override;

    const std::vector<std::size_t>& varying() const { return m_varying; }
    const std::vector<Metric>& metrics() const { return m_metrics; }
    std::size_t termCount() const { return m_coefficients.size(); }
    /// Operations of the expression program run per sample.
    std::size_t instructionCount() const { return m_code.size(); }

private:
    std::vector<std::size_t> m_varying;
    std::vector<Metric> m_metrics;
    std::vector<double> m_constants; ///< per metric
    // Terms, flattened: term t multiplies m_coefficients[t] by the columns
    // m_columns[m_columnStart[t] .. m_columnStart[t+1]) and adds it, weighted, to the metrics
    // m_targets[m_targetStart[t] .. m_targetStart[t+1]).
    std::vector<double> m_coefficients;
    std::vector<std::uint32_t> m_columnStart, m_columns;
    std::vector<std::uint32_t> m_targetStart, m_targets;
    std::vector<double> m_weights;

    // The expression program (kernel.h): slots are [columns | constants | registers].
    void compileExpressions(const FlatModel& model, const std::vector<int>& column, const std::vector<double>& values);
    std::vector<detail::Instruction> m_code;
    std::vector<detail::ProgramTable> m_tables;
    std::vector<ExprTable> m_exprTables;
    std::vector<std::uint32_t> m_tableSlots;
    std::vector<std::uint32_t> m_outputSlot, m_outputMetric;
    std::vector<double> m_outputWeight;
    std::vector<double> m_constantBlock; ///< each constant slot's value, kChunk times
    std::size_t m_constantSlots = 0, m_registers = 0;
};

} // namespace tinyfoot::study
