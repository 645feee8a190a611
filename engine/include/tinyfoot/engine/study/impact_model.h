// A study's metrics in an impact category other than CO2e (impact.h): Monte Carlo, tornado and
// Sobol on resource use, water, primary energy ... with the same inputs and distributions as the
// CO2e study.
//
// Every sample recalculates the systems with the sampled inputs (recalculating_model.h) and
// assesses them under the impact set: exact for every system the engine accepts, and as slow as
// the CO2e fallback (a full calculate() per system and sample; docs/studies.md gives figures).
// A metric's parts keep their CO2e meaning: total, embodied (production, transport, end of
// life), operational (use), unsplit (declared whole-life-cycle figures, which have no figure in
// any other category). Components without a figure are left out of the sums, as in the report,
// and the nominal assessment's missing-category warnings say which.
#pragma once

#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/study/flat_model.h"
#include "tinyfoot/engine/study/vector_model.h"
#include "tinyfoot/engine/weighting.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace tinyfoot::study {

/// The category a study reports instead of CO2e.
struct CategoryChoice {
    const ImpactSet* set = nullptr;
    ImpactCategory category = ImpactCategory::Adpe;
    /// Set: the study reports the single score of this weighting set (Pt) over the set's
    /// categories and CO2e, instead of `category`.
    const WeightingSet* weighting = nullptr;

    std::string id() const;   ///< "adpe", or "single-score"
    std::string unit() const; ///< "kg_sb_eq", or "Pt"
};

/// A system's parts in the chosen category (or single score), from its CO2e result and its
/// assessment under the choice's impact set.
SystemParts partsOf(const Result& co2e, const ImpactResult& impacts, const CategoryChoice& choice);
/// Whether every component had a figure in the choice's category (in every weighted one).
bool completeIn(const Result& co2e, const ImpactResult& impacts, const CategoryChoice& choice);

/// The parts of an impact assessment in one category.
SystemParts partsOf(const ImpactResult& impacts, ImpactCategory category);

class ImpactModel final : public VectorModel {
public:
    ImpactModel(const FlatModel& model, CategoryChoice choice, std::vector<std::size_t> varying,
                const std::vector<double>& values, std::vector<Metric> metrics);
    std::size_t inputCount() const override { return m_varying.size(); }
    std::size_t outputCount() const override { return m_metrics.size(); }
    void evaluate(const double* const* columns, std::size_t n, double* const* outputs) const override;

    /// One system's assessment with every input of the model at `values`.
    ImpactResult assess(std::size_t system, const std::vector<double>& values) const;
    /// One system's CO2e result and assessment at `values`.
    std::pair<Result, ImpactResult> assessBoth(std::size_t system, const std::vector<double>& values) const;
    /// One system's parts in the choice at `values`.
    SystemParts parts(std::size_t system, const std::vector<double>& values) const;
    /// A metric at `values` (one value per input of the model).
    double evaluate(const Metric& metric, const std::vector<double>& values) const;

private:
    const FlatModel* m_model;
    CategoryChoice m_choice;
    std::vector<std::size_t> m_varying;
    std::vector<double> m_values;
    std::vector<Metric> m_metrics;
};

} // namespace tinyfoot::study
