// One way to name a number of the model: a system's lifetime, a field of a component's physical
// model (a die's area, a battery's cycle life, an inference energy, a training's PUE …), a factor
// or a cell of a model table (a process node's EPA, a battery chemistry's kg/kWh). What studies
// sweep and sample, printed as a stable key and parsed back:
//
//   lifetime
//   <component id>/<field path>        processing/dies/0/area, power_supply/cycle_life,
//                                      use_stage/inference/energy, ml_training/pue
//   factor:<factor id>                 factor:grid.tw
//   table:<table>/<row>/<column>       table:process_nodes/28/epa_kwh_per_cm2,
//                                      table:batteries/li_ion_nmc/kg_co2e_per_kwh,
//                                      table:memory/nand_30nm/g_co2e_per_gb,
//                                      table:process_nodes/package/kg_co2e
//
// A field path is the path of the member inside the component's model object of the system file
// (`ic`, `battery`, `training`, `use`, `transport`; docs/file-format.md), list positions as numbers,
// so the use stage's power keeps the key it always had (`use_stage/power`). The other methods'
// numbers: an inventory's `items/<i>/amount`, a declared value's `declared` (the declared total)
// and `share_percent`.
//
// This is the one address of a number of the model: studies sweep and sample by it, and the
// studio's editor lists, checks and writes a component's numbers through it (editableParameters,
// setSystemParameter), so an edit, its undo and a sweep name a quantity the same way.
#pragma once

#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/system.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinyfoot {

struct ParamRef {
    enum class Kind {
        Lifetime,  ///< the system's lifetime
        Field,     ///< a field of a component's model: `component` and `path`
        Factor,    ///< a factor: `path` is its id
        TableCell, ///< a model-table cell: `path` is "<table>/<row>/<column>"
    };
    Kind kind = Kind::Lifetime;
    std::string component; ///< Field: the component's id
    std::string path;

    static ParamRef lifetime() { return {}; }
    static ParamRef field(std::string component, std::string path);
    static ParamRef factor(std::string id);
    static ParamRef tableCell(std::string path);

    /// The stable key (see the header's comment).
    std::string key() const;
    /// The reference a key names; nullopt when the text is not a key.
    static std::optional<ParamRef> parse(std::string_view key);

    friend bool operator==(const ParamRef&, const ParamRef&) = default;
};

/// The values a parameter takes: the file format's rule for its member.
enum class ParamDomain {
    NonNegative,      ///< >= 0 (amounts, a defect density, a grid intensity)
    Positive,         ///< > 0 (a node, counts of devices, cells, dies; a cycle life; a voltage)
    Fraction,         ///< in [0, 1] (a duty-cycle state's share of the time)
    PositiveFraction, ///< in (0, 1] (an efficiency, a fixed yield)
    AtLeastOne,       ///< >= 1 (a PUE, the number of trainings)
    Percent,          ///< in [0, 100] (a declared value's share)
    Change,           ///< in (-100, 100] (a grid's change in % a year)
};
/// Whether `value` is finite and within the domain.
bool admits(ParamDomain domain, double value);
/// What the domain expects, for messages: "a number from 0 to 1".
std::string expectedOf(ParamDomain domain);

/// A number a ParamRef names, as the model holds it.
struct ParamValue {
    ParamRef ref;
    std::string label;                      ///< readable: "processing: die 'MCU' area"
    std::string what;                       ///< the label without the component: "die 'MCU' area"
    Dimension dimension = Dimension::Count; ///< a plain number (count, fraction, percent) is Count
    std::string unit;                       ///< as written in the file ("" for plain numbers)
    double toInternal = 1.0;                ///< written unit -> internal unit
    double internal = 0.0;                  ///< the value, internal units
    double value = 0.0;                     ///< the value as written, in `unit`
    ParamDomain domain = ParamDomain::NonNegative;
    /// Internal units, where the data gives a range (a battery chemistry's, for instance).
    std::optional<std::pair<double, double>> range;
};

/// Every number of a component that is written in the system: its physical model's (ic, battery,
/// training and the use stage's power, profile (each state's power and, with two states or more,
/// its fraction of the time), inference, supply and grid trajectory), an inventory's item amounts,
/// a transport's mass and leg distances, a declared value and its share. Empty for an HSL
/// component (its quantities are the catalogue's). The study layer takes the physical models'
/// parameters from here and names the other methods' amounts by keys of its own
/// (docs/studies.md §1).
std::vector<ParamValue> componentParameters(const Component& component);

/// The model-table cells a component reads under `factors`: the process-node rows its dies are
/// costed at (both neighbours when between rows, the held row outside the table), the package
/// figure, its memory technologies and its battery chemistry.
std::vector<ParamValue> tableParameters(const Component& component, const FactorSet& factors);

/// Sets a field of a component's model (value in internal units), keeping the unit it is written
/// in. False when the component has no such field (an absent optional member is not created).
/// A duty-cycle state's `profile/<i>/fraction` gives the rest of the time to the other states in
/// the proportions they had (evenly when they had none), so the fractions still sum to 1; false
/// for a value outside [0, 1].
bool setComponentParameter(Component& component, std::string_view path, double internal);

/// The same, with the value written in `unit` (a symbol of the field's dimension, which the member
/// then keeps; "" for a plain number). False when the unit is not one of the field's dimension.
bool setComponentParameter(Component& component, std::string_view path, double value, std::string_view unit);

/// The system's lifetime as a parameter (ParamRef::lifetime(), a duration > 0).
ParamValue lifetimeParameter(const System& system);

/// What a person may edit in component `component` of `system`: componentParameters, and a use
/// stage's `duration` when it has none (shown as the system's lifetime, which it runs for until
/// written). Empty for an index out of range.
std::vector<ParamValue> editableParameters(const System& system, std::size_t component);

/// Sets a parameter of a system, the lifetime or a field of one of its components (named by id),
/// to `value` in `unit` (as setComponentParameter; a use stage's absent `duration` is created).
/// False, and `system` untouched, when the reference names none of editableParameters, the unit
/// is not of its dimension or the value is not in its domain.
bool setSystemParameter(System& system, const ParamRef& ref, double value, std::string_view unit);

/// Sets a model-table cell. False when the table has no such cell.
bool setTableCell(FactorSet& factors, std::string_view path, double value);

} // namespace tinyfoot
