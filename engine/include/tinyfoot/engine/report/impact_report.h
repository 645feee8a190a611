// Impact-category reports: one category of a system, component by component and stage by stage,
// with where each figure comes from (text), and every category (JSON). `tinyfoot report --impact`
// writes through these.
#pragma once

#include "tinyfoot/engine/end_of_life_mass.h"
#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/weighting.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace tinyfoot::report {

/// A row per impact line (component, stage, value, basis), rows for components with no figure,
/// the total (marked incomplete when a component has none), the stage split and the set's
/// sources. Values in 3 significant digits.
void writeImpactTable(std::ostream& out, const ImpactResult& result, const ImpactSet& set, ImpactCategory category,
                      const std::string& systemName);

/// Every category: per component its lines (stage, basis, values) and totals, then the totals by
/// stage and overall, which categories are complete, the diagnostics and the set's sources.
/// A category a component has no figure in is null, never 0.
nlohmann::json impactsToJson(const ImpactResult& result, const ImpactSet& set);

/// The end-of-life mass by material: a row per material (kg, share of the weighed sum, what it
/// is made of), the sum, the device mass the freight carries beside it, the unweighed items and the
/// item-mass table's sources. Masses in 3 significant digits.
void writeEndOfLifeMassTable(std::ostream& out, const EndOfLifeMass& mass, const ItemMassTable* table,
                             const std::string& systemName);

/// The same as JSON: materials (kg, components, bases), weighed and shipped kg, unweighed items,
/// complete, the table id.
nlohmann::json endOfLifeMassToJson(const EndOfLifeMass& mass);

/// The single score: a row per weighted category (value, unit, normalised person-years, weight,
/// points, share of the score), the score in Pt and by stage, which weight it covers when a
/// category is incomplete, and the weighting set's sources and caveat.
void writeSingleScoreTable(std::ostream& out, const SingleScore& score, const WeightingSet& set,
                           const std::string& systemId, const std::string& systemName);

/// The same as JSON: per category id, value, unit, complete, normalised, weight_percent, points;
/// points, by_stage, covered_weight_percent, complete, weighting_set.
nlohmann::json singleScoreToJson(const SingleScore& score);

} // namespace tinyfoot::report
