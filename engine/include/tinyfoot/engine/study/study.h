// The study layer's entry points, one per view: fleet (with growth and net impact), sweep,
// uncertainty and sensitivity. The command line and the desktop app call these; each takes a
// prepared StudyContext and returns a report (plus diagnostics), never printing.
//
// Long runs (uncertainty, sensitivity, sweeps) take a RunControl: a cancel flag polled between
// blocks of samples and a progress callback invoked on the calling thread. Run them off a GUI's
// thread and post the progress to the event loop; a cancelled run returns what it has, marked
// partial.
//
// Binding a study's analysis to its systems (input keys, sector and growth ids, system ids, units)
// can fail: those functions throw tinyfoot::Error naming the study file and the JSON path, like
// the loaders. Everything else reports problems as diagnostics.
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/study/analysis_reader.h"
#include "tinyfoot/engine/study/flat_model.h"
#include "tinyfoot/engine/study/fleet.h"
#include "tinyfoot/engine/study/impact_model.h"
#include "tinyfoot/engine/study/monte_carlo.h"
#include "tinyfoot/engine/study/sensitivity.h"

#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::study {

/// A study made ready to run: every system calculated, the flat model compiled and checked.
struct StudyContext {
    std::string sourceName; ///< the study file, for messages
    std::vector<Result> results;
    FlatModel model;
    Analysis analysis;
    StudyData data;
    std::vector<Diagnostic> diagnostics; ///< from calculating and compiling
};

/// Calculates `systems` (whose references must have been checked) with `factors` and the
/// library's HSL catalogues, and compiles the flat model.
StudyContext prepareStudy(const std::vector<System>& systems, const Library& library, const FactorSet& factors,
                          Analysis analysis, StudyData data, std::string sourceName);

// ---------------------------------------------------------------------------------------------
// Distributions of the inputs

/// An input's distribution and where it came from.
struct InputChoice {
    std::size_t input = 0; ///< index in FlatModel::inputs()
    Distribution distribution;
    std::string origin; ///< "HSL lower/upper around the system's bound", "factor range", "/analysis/..."
};

/// The distribution of every input that varies: HSL quantities (triangular from the HSL's lower,
/// typical and upper values, or with its mode at the system's value) and factors with a feasible range (uniform,
/// triangular around the value, normal or lognormal with the range as central 95 %) by default,
/// overridden and extended by the spec's inputs. Fixed ones are left out. Throws Error for an
/// input key the model does not have or a unit that does not fit.
std::vector<InputChoice> chooseDistributions(const StudyContext& ctx, const UncertaintySpec& spec,
                                             std::vector<Diagnostic>& diagnostics);

// ---------------------------------------------------------------------------------------------
// Fleet, growth, net impact

struct GrowthTable {
    std::vector<GrowthCurve> curves;
    std::vector<double> milestonesDevices;
    /// years[m][c]: calendar year curve c reaches milestone m; times[m][c]: the continuous time.
    std::vector<std::vector<std::optional<int>>> years;
    std::vector<std::vector<std::optional<double>>> times;
};
GrowthTable growthTable(const std::vector<GrowthCurve>& curves, const std::vector<double>& milestonesDevices);

struct FleetReport {
    std::optional<FleetOptions> options;
    std::vector<FleetResult> fleets;             ///< one per system (when the analysis has a fleet)
    std::optional<GrowthTable> growth;           ///< when the analysis has a growth table
    std::vector<std::vector<WhatIf>> whatIfs;    ///< per system, one per what-if
    std::vector<std::optional<Payback>> payback; ///< per system
    std::vector<const SectorTotal*> sectorsUsed; ///< in the order first named (point into ctx.data)
    std::vector<Diagnostic> diagnostics;
};

/// The fleet options of the analysis (growth resolved); nullopt without a fleet. Throws Error.
std::optional<FleetOptions> fleetOptions(const StudyContext& ctx);
/// Throws Error for unknown sector, growth or grid ids.
FleetReport runFleet(const StudyContext& ctx);

// ---------------------------------------------------------------------------------------------
// Sweeps

struct SweepPoint {
    std::size_t point = 0;
    double x = 0.0; ///< as written (in the axis unit)
    double y = 0.0;
    std::size_t system = 0;
    std::string metric; ///< "total_kg_co2e", "fleet_total_kg_co2e", "net_kg_co2e[residential 20 %]" ...
    double value = 0.0;
};

struct SweepReport {
    std::string id;
    SweepAxis x;
    std::optional<SweepAxis> y;
    std::vector<std::string> systems;
    std::vector<SweepPoint> rows; ///< tidy: one value per row
    bool partial = false;
    std::vector<Diagnostic> diagnostics;
};

/// The fleet parameters a sweep may vary besides model inputs, with their units.
const std::vector<std::pair<std::string, std::string>>& fleetSweepParameters();

/// Throws Error for an unknown parameter or a unit that does not fit it.
/// With a `category`, every point's values are in that impact category (impact_model.h): rows
/// total_<unit>, embodied_<unit>, operational_<unit> and, with a fleet, fleet_total_<unit>; the
/// sector what-ifs stay in kg CO2e and are left out.
SweepReport runSweep(const StudyContext& ctx, const SweepSpec& spec, const RunControl& control = {},
                     const CategoryChoice* category = nullptr);

/// A fleet's footprint in an impact category other than CO2e: the fleet's linear combination of
/// one device's parts (FleetResult::metric) applied to the device's parts in that category.
struct CategoryFleet {
    std::string systemId;
    std::string unit;       ///< the category's unit, as in files ("kg_sb_eq")
    double purchased = 0.0; ///< devices bought over the horizon
    double deviceYears = 0.0;
    double embodied = 0.0; ///< of the devices bought (declared whole figures included)
    double operational = 0.0;
    double total = 0.0;
    bool complete = true; ///< false when a component of the device has no figure in the category
};
/// One per fleet of `report` (same order as its systems), with the nominal assessment's
/// missing-category warnings in `diagnostics`.
std::vector<CategoryFleet> fleetsInCategory(const StudyContext& ctx, const FleetReport& report,
                                            const CategoryChoice& category, std::vector<Diagnostic>& diagnostics);

// ---------------------------------------------------------------------------------------------
// Uncertainty and sensitivity

/// The ratio A / B of two systems' totals, sample by sample of the run (paired), for each
/// requested difference A - B. Kept apart from the metrics: a ratio is not a linear combination
/// of the systems' parts.
struct RatioSummary {
    std::size_t a = 0, b = 0;   ///< indices of A's and B's totals in UncertaintyReport::metrics
    std::size_t difference = 0; ///< index of A - B in UncertaintyReport::metrics
    double nominal = 0.0;       ///< A / B at the nominal values (NaN when B's nominal total is 0)
    MetricSummary summary;      ///< named "A / B"; a sample whose B is 0 counts as 0 (the ratio is then undefined)
};

struct UncertaintyReport {
    std::vector<InputChoice> inputs;
    std::vector<Metric> metrics;
    std::vector<double> nominal; ///< each metric at the nominal values
    MonteCarloResult result;     ///< one summary per metric, in their order
    std::vector<RatioSummary> ratios;
    bool recalculated = false; ///< the full-recalculation fallback ran (opaque lines varied)
    std::vector<Diagnostic> diagnostics;
};

/// Monte Carlo of every system's total (and embodied/operational where split), each requested
/// difference (default: every system minus the first), and each system's fleet total when the
/// analysis has a fleet. `threads` 0: every hardware thread. With a `category`, the metrics are
/// in that impact category (impact_model.h; no fleet totals) and the samples recalculate.
UncertaintyReport runUncertainty(const StudyContext& ctx, const UncertaintySpec& spec, unsigned threads,
                                 const RunControl& control = {}, const CategoryChoice* category = nullptr);

/// A requested difference A - B two ways: paired (common random numbers, as the run drew it) and
/// as independent runs of A and B would give it. The independent distribution is that of
/// A_i - B_j with i and j drawn independently: the convolution of A's and B's marginal
/// distributions (their histograms from the same run; marginals do not depend on the pairing).
struct DifferenceComparison {
    std::string a, b;        ///< system ids
    std::size_t metric = 0;  ///< index of the paired difference in UncertaintyReport::metrics
    double pairedMean = 0.0; ///< mean of A - B (CRN)
    double pairedSd = 0.0;
    double independentMean = 0.0;                       ///< mean(A) - mean(B): the same quantity, estimated apart
    double independentSd = 0.0;                         ///< sqrt(sd(A)^2 + sd(B)^2)
    std::vector<std::pair<double, double>> paired;      ///< (p, value), the study's percentiles
    std::vector<std::pair<double, double>> independent; ///< (p, value)
    double resolution = 0.0;                            ///< bin width of the independent percentiles
    /// Width of the independent interval over that of the paired one (outermost percentiles);
    /// infinite when the paired interval has zero width.
    double widthRatio = 0.0;

    /// The ratio A / B the same two ways. Paired: A_i / B_i per sample of the run (RatioSummary).
    /// Independent: A_i / B_j with i and j drawn apart, built from the two marginal histograms as
    /// a convolution of log|A| and -log|B| (a ratio of independent draws is a sum of independent
    /// logs) when neither total takes the value 0, else on a linear grid of A / B when only A
    /// does. Undefined when B's total reaches 0 or takes both signs in the run (its reciprocal
    /// is then unbounded): `defined` false and `undefinedReason` says why.
    struct Ratio {
        bool defined = false;
        std::string undefinedReason;
        double nominal = 0.0;
        double pairedMean = 0.0, pairedSd = 0.0;
        double independentMean = 0.0; ///< E[A] E[1/B], from A's samples and B's histogram
        double independentSd = 0.0;
        std::vector<std::pair<double, double>> paired;      ///< (p, value)
        std::vector<std::pair<double, double>> independent; ///< (p, value)
        /// Bound on the error of the percentiles of either kind (the paired histogram's bin width, the
        /// independent construction's bin centres and grid), in the ratio's units.
        double resolution = 0.0;
        double widthRatio = 0.0; ///< as for the difference
    } ratio;
};

/// Every difference metric (parts A total weight 1, B total weight -1) of `report` compared with
/// its independent-runs counterpart, with the ratio A / B (from `report.ratios`). Works on any report runUncertainty
/// gives (any system kind, any impact category): it needs only the per-system totals the report always holds.
std::vector<DifferenceComparison> compareDifferences(const UncertaintyReport& report, const FlatModel& model);

struct SensitivityReport {
    std::vector<InputChoice> inputs;
    std::vector<Metric> metrics;
    std::vector<TornadoResult> tornado;
    std::optional<SobolResult> sobol;
    bool recalculated = false;
    std::vector<Diagnostic> diagnostics;
};

/// Tornado and Sobol indices of every system's total (and the requested differences), over the
/// inputs and distributions `distributions` gives; in an impact category with `category`.
SensitivityReport runSensitivity(const StudyContext& ctx, const UncertaintySpec& distributions,
                                 const SensitivitySpec& spec, unsigned threads, const RunControl& control = {},
                                 const CategoryChoice* category = nullptr);

} // namespace tinyfoot::study
