// Study reports: inputs, fleets, sweeps, Monte Carlo and sensitivity as text tables, JSON and tidy
// CSV (strings; the caller writes them). The CLI's study commands, the studio's views and the
// figures' data files write through these. Numbers come from format/number.h; every raw number's
// name carries its unit.
#pragma once

#include "tinyfoot/engine/study/study.h"

#include <string>

namespace tinyfoot::report {

/// The inputs of a study with their nominal values, ranges and distributions (given `choices`,
/// e.g. from chooseDistributions; inputs not in it are shown as fixed).
std::string inputsText(const study::StudyContext& ctx, const std::vector<study::InputChoice>& choices);
std::string inputsJson(const study::StudyContext& ctx, const std::vector<study::InputChoice>& choices);

std::string fleetText(const study::StudyContext& ctx, const study::FleetReport& report);
std::string fleetJson(const study::StudyContext& ctx, const study::FleetReport& report);
/// table: "years" (one row per system and year), "growth" (one row per curve and milestone) or
/// "what_ifs" (one row per system and what-if).
std::string fleetCsv(const study::StudyContext& ctx, const study::FleetReport& report, const std::string& table);
/// Fleets in an impact category (study::fleetsInCategory): per system the devices bought, the
/// device-years and the embodied, operational and total values in the category's unit.
/// `format` is table, json or csv.
std::string fleetCategoryReport(const study::StudyContext& ctx, const std::vector<study::CategoryFleet>& fleets,
                                const study::CategoryChoice& category, const std::vector<Diagnostic>& diagnostics,
                                const std::string& format);

std::string sweepText(const study::SweepReport& report);
std::string sweepJson(const study::SweepReport& report);
std::string sweepCsv(const study::SweepReport& report);

/// `inputs`: list the sampled inputs with their distributions.
std::string uncertaintyText(const study::StudyContext& ctx, const study::UncertaintyReport& report,
                            bool inputs = false);
std::string uncertaintyJson(const study::StudyContext& ctx, const study::UncertaintyReport& report,
                            std::size_t histogramBins);
/// table: "summary" (one row per metric) or "histogram" (one row per metric and bin).
std::string uncertaintyCsv(const study::UncertaintyReport& report, const std::string& table, std::size_t histogramBins);
/// The differences table (`--table differences`, the difference figure's data): per pair
/// (study::compareDifferences of `report`), A - B and A / B, each a row paired and a row
/// independent; an undefined ratio is one row with its reason.
std::string differencesCsv(const study::UncertaintyReport& report,
                           const std::vector<study::DifferenceComparison>& differences);

std::string sensitivityText(const study::StudyContext& ctx, const study::SensitivityReport& report);
std::string sensitivityJson(const study::StudyContext& ctx, const study::SensitivityReport& report);
/// One row per method, metric and input.
std::string sensitivityCsv(const study::SensitivityReport& report);

} // namespace tinyfoot::report
