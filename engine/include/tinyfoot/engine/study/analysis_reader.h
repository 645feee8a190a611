// The "analysis" object of a tinyfoot.study file (fleet, growth, net impact, sweeps, uncertainty,
// sensitivity), read strictly, and the data files studies refer to (sector totals, growth
// curves). Like every loader: text and a source name in, a model or a tinyfoot::Error naming the
// source, the JSON path, what was expected and what was found out. The schema is in
// docs/studies.md.
#pragma once

#include "tinyfoot/engine/study/distribution.h"
#include "tinyfoot/engine/study/fleet.h"
#include "tinyfoot/engine/study/growth.h"
#include "tinyfoot/engine/system.h"

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tinyfoot::study {

// ---------------------------------------------------------------------------------------------
// Data files

/// Sector totals: annual emissions of sectors, each with provenance. data/sectors/*.json are
/// factor sets ("tinyfoot.factors") whose factors are CO2e per year ("t_co2e/year"): the core's
/// loader already checks their value, unit, derivation, range, sources, year and licence.
struct SectorSet {
    std::string id;
    std::string name;
    std::vector<Source> sources;
    std::vector<SectorTotal> sectors;
};
/// Throws Error (naming `set`'s factor) for a factor that is not CO2e per unit of time.
SectorSet sectorTotalsOf(const FactorSet& set, const std::string& sourceName);
SectorSet loadSectorTotals(std::istream& in, const std::string& sourceName);

/// Named growth curves. data/growth/*.json are studies ("tinyfoot.study") whose analysis lists
/// curves with ids and provenance under "growth": {"curves": [...]}; this collects them.
struct GrowthSet {
    std::string id;
    std::string name;
    std::vector<Source> sources;
    std::vector<GrowthCurve> curves;
};
/// Throws Error for a bad analysis.
GrowthSet growthCurvesOf(const Study& study);

/// Everything a study may name besides the engine library.
struct StudyData {
    std::vector<SectorSet> sectorSets;
    std::vector<GrowthSet> growthSets;
    const SectorTotal* findSector(std::string_view id) const;
    const GrowthCurve* findGrowth(std::string_view id) const;
};

// ---------------------------------------------------------------------------------------------
// The analysis object. Every spec keeps the JSON pointer it was read from, so that a reference
// checked later (a sector id, an input key, a system id) can still be reported at its place.

/// A growth curve given inline or by the id of a curve in data/growth.
struct GrowthSpec {
    std::optional<std::string> preset;
    GrowthCurve curve; ///< when inline
    std::string path;
};

struct FleetSpec {
    std::optional<double> devices;    ///< a constant fleet
    std::optional<GrowthSpec> growth; ///< or a growing one
    std::optional<int> startYear;     ///< default: the growth curve's base year, else 2023
    int horizonYears = 3;
    InitialStock initialStock = InitialStock::New;
    TrainingMode training = TrainingMode::PerDevice;
    int trainingRuns = 1;
    std::string path;
};

/// The year each curve reaches each number of devices (the paper's growth table).
struct GrowthTableSpec {
    std::vector<GrowthSpec> curves;
    std::vector<double> milestonesDevices;
    std::string path;
};

struct WhatIfSpec {
    std::string sector;
    double sharePercent = 0.0;
    std::string path;
};

struct PaybackSpec {
    std::optional<Amount> savedEnergyPerYear; ///< with `grid`
    std::string grid;                         ///< factor id (per energy)
    std::optional<Amount> savedCo2ePerYear;
    std::string path;
};

struct NetSpec {
    std::vector<WhatIfSpec> whatIfs;
    std::optional<PaybackSpec> payback;
    std::string path;
};

/// One axis of a sweep: a parameter (a model input key or a fleet parameter) and its values in
/// `unit`.
struct SweepAxis {
    std::string parameter;
    std::string unit;
    std::vector<double> values;
    std::string path;
};

struct SweepSpec {
    std::string id;
    SweepAxis x;
    std::optional<SweepAxis> y;
    std::string path;
};

/// A distribution given to one input (by key). Values are in `unit` (the input's unit family),
/// or multiples of the input's nominal value when `relative`.
struct InputDistributionSpec {
    std::string input;
    DistributionKind kind = DistributionKind::Fixed;
    bool relative = false;
    std::string unit;
    double lower = 0.0, mode = 0.0, upper = 0.0; ///< uniform, triangular
    double mean = 0.0, sd = 0.0;                 ///< normal
    double median = 0.0, gsd = 0.0;              ///< lognormal
    std::string path;
};

/// The default distribution of each family of inputs. HSL quantities: triangular from the HSL's
/// lower to its upper value with its mode at the HSL's typical value (Triangular: the catalogue's
/// own lower/typical/upper, the same whichever bound a system takes), or with its mode at the
/// value the system takes (TriangularAtBound: a best case stays skewed low, a worst case high).
enum class HslDefault { Triangular, TriangularAtBound, Fixed };
enum class FactorDefault { Uniform, Triangular, Normal, Lognormal, Fixed };
std::string_view hslDefaultId(HslDefault d);
std::string_view factorDefaultId(FactorDefault d);

struct UncertaintySpec {
    std::uint64_t samples = 100000;
    std::uint64_t seed = 1;
    HslDefault hsl = HslDefault::Triangular;
    FactorDefault factors = FactorDefault::Uniform;
    std::vector<InputDistributionSpec> inputs;
    /// Pairs (a, b) of system ids whose difference a − b is reported (common random numbers).
    std::vector<std::pair<std::string, std::string>> differences;
    std::vector<std::string> differencePaths;
    std::vector<double> percentiles{5.0, 50.0, 95.0};
    std::size_t histogramBins = 4096;
    std::string path;
};

struct SensitivitySpec {
    bool tornado = true;
    bool sobol = true;
    std::uint64_t samples = 8192; ///< Sobol base samples N (N × (inputs + 2) model runs)
    std::uint64_t seed = 1;
    std::string path;
};

struct Analysis {
    std::optional<FleetSpec> fleet;
    std::optional<GrowthTableSpec> growth;
    std::optional<NetSpec> net;
    std::vector<SweepSpec> sweeps;
    std::optional<UncertaintySpec> uncertainty;
    std::optional<SensitivitySpec> sensitivity;
    std::string sourceName;
};

/// Reads a study's analysis (Study::analysisJson; empty gives an empty Analysis). Paths in
/// errors start at "/analysis". Throws Error.
Analysis parseAnalysis(const Study& study);
Analysis parseAnalysis(const std::string& json, const std::string& sourceName);

/// A growth spec made concrete: the inline curve, or the named curve from `data`. Throws Error
/// naming `sourceName` and the spec's path when the id is unknown.
GrowthCurve resolveGrowth(const GrowthSpec& spec, const StudyData& data, const std::string& sourceName);

} // namespace tinyfoot::study
