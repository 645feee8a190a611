// A flat model specialised for sampling: the fast path of every study that samples or sweeps.
#pragma once

#include "tinyfoot/engine/study/flat_model.h"
#include "tinyfoot/engine/study/vector_model.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace tinyfoot::study {

/// The flat model specialised for sampling: some inputs vary (the columns, in the order given),
/// the others are folded into the coefficients at `values`; lines with the same varying inputs
/// are merged. evaluate() runs a vectorised kernel (chunks of 64 samples, no allocation).
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
};

} // namespace tinyfoot::study
