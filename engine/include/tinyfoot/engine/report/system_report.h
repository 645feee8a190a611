// System reports: the footprint of one system, or of several side by side, for people (text
// tables) and programs (JSON, tidy CSV). `tinyfoot report` and `tinyfoot compare` write through
// these. Numbers come from format/number.h.
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/system.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <vector>

namespace tinyfoot::report {

/// How a text table shows its figures.
struct TableOptions {
    int decimals = 2;    ///< kg CO2e in fixed notation with this many decimals
    bool detail = false; ///< print the bottom-up lines under each component
};

/// One system: a row per component, totals by stage, embodied/operational, diagnostics.
void writeReportTable(std::ostream& out, const Result& result, const TableOptions& options);

/// Several systems side by side: a row per block, totals, and the ratio of every total to every
/// other.
void writeComparisonTable(std::ostream& out, const std::vector<Result>& results, const TableOptions& options);

/// The result as JSON: components with their bottom-up lines, totals, factors with provenance.
nlohmann::json resultToJson(const Result& result);
/// Several results (resultToJson each) and the ratio of every total to every other.
nlohmann::json comparisonToJson(const std::vector<Result>& results);

/// The same systems under two factor sets (`a[i]` and `b[i]` are one system): per block with a
/// value in either, both values, the difference and the ratio, then the notes the second set
/// brings (its flagged factors).
void writeFactorSetComparisonTable(std::ostream& out, const std::vector<Result>& a, const std::vector<Result>& b,
                                   int decimals);
/// The same comparison as JSON: per system, the blocks, both totals and both full results.
nlohmann::json factorSetComparisonToJson(const std::vector<Result>& a, const std::vector<Result>& b);

/// Tidy CSV: one row per system × component.
void writeResultsCsv(std::ostream& out, const std::vector<Result>& results);

/// The blocks shown as rows of a comparison: the paper's 15 rows, plus any other block used.
std::vector<Block> comparisonBlocks(const std::vector<Result>& results);

} // namespace tinyfoot::report
