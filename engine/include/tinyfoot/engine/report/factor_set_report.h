// Factor set reports: every factor of a set with its provenance, for people (text), programs
// (JSON) and spreadsheets (CSV). `tinyfoot factors` writes through these.
#pragma once

#include "tinyfoot/engine/factor.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace tinyfoot::report {

/// A factor with its provenance: id, name, value, unit, derivation, year, licence, range,
/// sources, note, flags and the set it came from.
nlohmann::json factorToJson(const Factor& factor);
/// A citation, with its URL when it has one.
nlohmann::json sourceToJson(const Source& source);

/// The set: id, name, description, its sources and every factor (factorToJson).
nlohmann::json factorSetToJson(const FactorSet& set);

/// One line per factor: id, value and unit, derivation and year, then name, range, sources,
/// licence and note on the lines below.
void writeFactorSetText(std::ostream& out, const FactorSet& set);

/// One row per factor (its first source); the free-text columns are always quoted.
void writeFactorSetCsv(std::ostream& out, const FactorSet& set);

} // namespace tinyfoot::report
