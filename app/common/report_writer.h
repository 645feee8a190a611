// Writing footprint results for people (tables) and programs (JSON, CSV).
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/system.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <vector>

namespace tinyfoot::app {

struct TableOptions {
    int decimals = 2;
    bool detail = false; ///< print the bottom-up lines under each component
};

/// One system: a row per component, totals by stage, embodied/operational, diagnostics.
void writeReportTable(std::ostream& out, const Result& result, const TableOptions& options);

/// Several systems side by side: a row per block, totals, and the ratio of every total to every
/// other.
void writeComparisonTable(std::ostream& out, const std::vector<Result>& results, const TableOptions& options);

/// The result as JSON: components with their bottom-up lines, totals, factors with provenance.
nlohmann::json resultToJson(const Result& result);
nlohmann::json comparisonToJson(const std::vector<Result>& results);

/// Tidy CSV: one row per system × component.
void writeResultsCsv(std::ostream& out, const std::vector<Result>& results);

nlohmann::json factorToJson(const Factor& factor);
nlohmann::json sourceToJson(const Source& source);

/// The blocks shown as rows of a comparison: the paper's 15 rows, plus any other block used.
std::vector<Block> comparisonBlocks(const std::vector<Result>& results);

} // namespace tinyfoot::app
