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
// (`ic`, `battery`, `training`, `use`; docs/file-format.md), list positions as numbers, so the use
// stage's power keeps the key it always had (`use_stage/power`).
#pragma once

#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/system.h"

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

/// A number a ParamRef names, as the model holds it.
struct ParamValue {
    ParamRef ref;
    std::string label;                      ///< readable: "processing: die 'MCU' area"
    Dimension dimension = Dimension::Count; ///< a plain number (count, fraction, percent) is Count
    std::string unit;                       ///< as written in the file ("" for plain numbers)
    double toInternal = 1.0;                ///< written unit -> internal unit
    double internal = 0.0;                  ///< the value, internal units
    /// Internal units, where the data gives a range (a battery chemistry's, for instance).
    std::optional<std::pair<double, double>> range;
};

/// Every number of a component's physical model (ic, battery, training and the use stage's
/// inference, profile, supply and grid trajectory) that is written in the system. Empty for the
/// other methods, whose amounts the study layer names itself.
std::vector<ParamValue> componentParameters(const Component& component);

/// The model-table cells a component reads under `factors`: the process-node rows its dies are
/// costed at (both neighbours when between rows, the held row outside the table), the package
/// figure, its memory technologies and its battery chemistry.
std::vector<ParamValue> tableParameters(const Component& component, const FactorSet& factors);

/// Sets a field of a component's model (value in internal units). False when the component has
/// no such field (an absent optional member is not created).
bool setComponentParameter(Component& component, std::string_view path, double internal);

/// Sets a model-table cell. False when the table has no such cell.
bool setTableCell(FactorSet& factors, std::string_view path, double value);

} // namespace tinyfoot
