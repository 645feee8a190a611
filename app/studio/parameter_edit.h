// What TinyFoot Studio edits: the numbers of a system named by the engine's ParamRef
// (tinyfoot/engine/param_ref.h) — the lifetime, and each component's parameters as
// editableParameters lists them. The editor lists them, StudyDocument::setParameter checks an
// entry here and its undo command writes it with setSystemParameter, so a quantity has one
// address (its key, as studies sweep it) wherever the studio reads or edits it.
#pragma once

#include "tinyfoot/engine/param_ref.h"
#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/system.h"

#include <QString>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::studio {

/// The index of the component a field reference names (by id) in `system`.
std::optional<std::size_t> componentIndex(const System& system, const ParamRef& ref);

/// The number `ref` names in `system`: its lifetime or one of a component's editableParameters;
/// nothing when it names none.
std::optional<ParamValue> findParameter(const System& system, const ParamRef& ref);

/// Why `value` in `unit` cannot be written to `ref`, naming the field and what it expects
/// ("ML training: PUE: expected a number >= 1, got 0.8"); empty when it can. `unit` is ignored for plain
/// numbers (counts, fractions, PUE, cycle lives).
QString refusal(const System& system, const ParamRef& ref, double value, const std::string& unit);

/// A readable name of a parameter in the editor: what it is, without its component's name.
QString parameterLabel(const ParamValue& parameter);

/// A short hint of a plain number's domain, shown where an amount shows its unit: "0–1" for
/// fractions and efficiencies, "≥ 1" for PUE and trainings, "%" for percentages; "" otherwise.
QString domainHint(ParamDomain domain);

/// The units of one dimension, smallest first as in the engine's unit table (built from
/// acceptedUnits and findUnit, so the list is the engine's).
std::vector<UnitInfo> unitsOf(Dimension dimension);

} // namespace tinyfoot::studio
