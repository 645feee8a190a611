// Study reports as text tables, JSON and tidy CSV (strings; the caller writes them). Numbers are
// locale-independent (std::to_chars); every raw number's name carries its unit.
#pragma once

#include "tinyfoot/engine/study/study.h"

#include <string>

namespace tinyfoot::study {

/// The inputs of a study with their nominal values, ranges and distributions (given `choices`,
/// e.g. from chooseDistributions; inputs not in it are shown as fixed).
std::string inputsText(const StudyContext& ctx, const std::vector<InputChoice>& choices);
std::string inputsJson(const StudyContext& ctx, const std::vector<InputChoice>& choices);

std::string fleetText(const StudyContext& ctx, const FleetReport& report);
std::string fleetJson(const StudyContext& ctx, const FleetReport& report);
/// table: "years" (one row per system and year), "growth" (one row per curve and milestone) or
/// "what_ifs" (one row per system and what-if).
std::string fleetCsv(const StudyContext& ctx, const FleetReport& report, const std::string& table);

std::string sweepText(const SweepReport& report);
std::string sweepJson(const SweepReport& report);
std::string sweepCsv(const SweepReport& report);

/// `inputs`: list the sampled inputs with their distributions.
std::string uncertaintyText(const StudyContext& ctx, const UncertaintyReport& report, bool inputs = false);
std::string uncertaintyJson(const StudyContext& ctx, const UncertaintyReport& report, std::size_t histogramBins);
/// table: "summary" (one row per metric) or "histogram" (one row per metric and bin).
std::string uncertaintyCsv(const UncertaintyReport& report, const std::string& table, std::size_t histogramBins);

std::string sensitivityText(const StudyContext& ctx, const SensitivityReport& report);
std::string sensitivityJson(const StudyContext& ctx, const SensitivityReport& report);
/// One row per method, metric and input.
std::string sensitivityCsv(const SensitivityReport& report);

} // namespace tinyfoot::study
