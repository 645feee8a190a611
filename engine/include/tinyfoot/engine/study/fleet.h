// Fleets of devices over time (stock and flow, one-year steps), and what they are set against:
// savings as a share of a sector's emissions, and the carbon payback time of one device.
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/study/flat_model.h"
#include "tinyfoot/engine/study/growth.h"
#include "tinyfoot/engine/units.h"

#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::study {

/// How ML training is counted in a fleet.
enum class TrainingMode {
    PerDevice, ///< each device carries its system's training line, as in the paper's figures
    Amortised, ///< the training line is one training run, counted `trainingRuns` times for the fleet
};
std::string_view trainingModeId(TrainingMode mode);

/// What the fleet holds in its first year.
enum class InitialStock {
    New,       ///< bought in the first year: their embodied footprint counts
    InService, ///< already in service, of uniformly spread ages: they retire over the first
               ///< lifetime and are replaced; their own embodied footprint was spent before
};
std::string_view initialStockId(InitialStock stock);

/// One device as the fleet sees it.
struct DeviceFootprint {
    std::string systemId;
    units::Co2e embodied;    ///< production + transport + end of life, ML training included
    units::Co2e training;    ///< the ML-training block (part of embodied)
    units::Co2e operational; ///< use, over the lifetime
    units::Co2e unsplit;     ///< declared figures with no stage split: counted when bought
    units::Duration lifetime;

    static DeviceFootprint from(const Result& result, units::Duration lifetime);
    static DeviceFootprint from(const std::string& systemId, const SystemParts& parts, units::Duration lifetime);
};

struct FleetOptions {
    GrowthCurve stock = GrowthCurve::constant(1.0); ///< devices in service by year
    int startYear = 2023;
    int horizonYears = 3;
    InitialStock initialStock = InitialStock::New;
    TrainingMode training = TrainingMode::PerDevice;
    int trainingRuns = 1; ///< Amortised: training runs over the horizon (spread evenly over it)
};

struct FleetYear {
    int year = 0;
    double inService = 0.0; ///< devices in service during the year
    double purchased = 0.0; ///< devices bought (growth and replacement)
    double retired = 0.0;   ///< devices reaching end of life (or removed when the stock shrinks)
    units::Co2e embodied;   ///< of the devices bought (ML training excluded when amortised)
    units::Co2e operational;
    units::Co2e training; ///< amortised training runs attributed to the year (0 per device)
    units::Co2e total;
    units::Co2e cumulative;
};

struct FleetResult {
    std::string systemId;
    FleetOptions options;
    DeviceFootprint device;
    std::vector<FleetYear> years;
    units::Co2e embodied, operational, training, total;
    double purchased = 0.0;   ///< devices bought over the horizon
    double deviceYears = 0.0; ///< Σ in service
    std::vector<Diagnostic> diagnostics;

    /// The fleet total as a linear combination of one device's parts (nominal lifetime): the
    /// metric that carries a fleet into Monte Carlo and sweeps.
    Metric metric(std::size_t system) const;
};

/// Simulates the fleet year by year: retirements at end of life (a cohort bought during year c
/// retires during year c + L, split over two years when L is fractional), purchases that keep
/// the stock on its curve, operational emissions per device-year in service.
FleetResult simulateFleet(const DeviceFootprint& device, const FleetOptions& options);

/// A sector's annual emissions, with provenance (data/sectors).
struct SectorTotal {
    std::string id;
    std::string name;
    units::Co2e perYear; ///< emitted in one year
    int year = 0;
    Derivation derivation = Derivation::Published;
    std::vector<Source> sources;
    std::string licence;
    std::string note;
};

/// "What if the fleet saved `sharePercent` of this sector's emissions over its horizon?"
struct WhatIf {
    const SectorTotal* sector = nullptr;
    double sharePercent = 0.0;
    double years = 0.0;
    units::Co2e savings;                ///< share × sector per year × years
    units::Co2e fleet;                  ///< the fleet's footprint over the same years
    units::Co2e net;                    ///< savings − fleet (positive: a net saving)
    double breakEvenSharePercent = 0.0; ///< fleet / (sector per year × years)
};
WhatIf whatIf(const SectorTotal& sector, double sharePercent, units::Co2e fleet, double years);

/// Carbon payback of one device that saves emissions elsewhere at a steady rate.
struct Payback {
    units::Co2e upfront;         ///< embodied (+ unsplit) footprint, spent when it is made
    units::Co2e usePerYear;      ///< its own operational emissions per year
    units::Co2e savedPerYear;    ///< what it saves per year
    std::optional<double> years; ///< upfront / (saved − use); nullopt when saved <= use
    bool withinLifetime = false;
    units::Co2e netOverLifetime; ///< saved × L − footprint
};
Payback paybackTime(const DeviceFootprint& device, units::Co2e savedPerYear);

} // namespace tinyfoot::study
