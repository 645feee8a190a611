// The exact, slow evaluation of a flat model's inputs: a full calculate() per sample.
#pragma once

#include "tinyfoot/engine/study/flat_model.h"
#include "tinyfoot/engine/study/vector_model.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace tinyfoot::study {

/// One system of a flat model recalculated with its inputs at `values` (one value per input of
/// the model, internal units): the changed copies and their result.
struct Recalculated {
    System system;
    FactorSet factors;
    std::optional<HslCatalogue> hsl;
    Result result;
};
Recalculated recalculate(const FlatModel& model, std::size_t system, const std::vector<double>& values);

/// The sample loop of the recalculating models (this one and ImpactModel): for each sample, the
/// varying inputs set in a copy of `values`, every system's parts from `partsAt`, every metric
/// from them.
void evaluateBySystem(std::size_t systems, const std::vector<std::size_t>& varying, std::vector<double> values,
                      const std::vector<Metric>& metrics,
                      const std::function<SystemParts(std::size_t, const std::vector<double>&)>& partsAt,
                      const double* const* columns, std::size_t n, double* const* outputs);

/// The fallback: every sample is a full calculate() on copies of the systems, the factor set and
/// the HSL catalogues with the inputs set to the sampled values. Exact for every method calculate()
/// knows, including lines the flat model had to keep opaque; slow (allocates per sample). Inputs at
/// sites it cannot set (InputSite::LineAmount) are reported by settable().
class RecalculatingModel final : public VectorModel {
public:
    RecalculatingModel(const FlatModel& model, std::vector<std::size_t> varying, const std::vector<double>& values,
                       std::vector<Metric> metrics);

    std::size_t inputCount() const override { return m_varying.size(); }
    std::size_t outputCount() const override { return m_metrics.size(); }
    void evaluate(const double* const* columns, std::size_t n, double* const* outputs) const override;

    /// The parts of one system recalculated with every input of the model at `values` (one value
    /// per input, e.g. nominalValues() with some changed); the varying/values of the constructor
    /// do not apply.
    SystemParts parts(std::size_t system, const std::vector<double>& values) const;

    /// False for an input none of whose uses can be set on a copy.
    bool settable(std::size_t input) const;

private:
    const FlatModel* m_model;
    std::vector<std::size_t> m_varying;
    std::vector<double> m_values;
    std::vector<Metric> m_metrics;
};

} // namespace tinyfoot::study
