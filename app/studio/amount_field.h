// Field addressing: the editable quantities ("fields") of a component or system in TinyFoot
// Studio, and reading, writing and naming one of them. The editor lists a component's fields, the
// undo commands and StudyDocument::setAmount write through them, so a quantity has one address
// wherever the studio edits it.
#pragma once

#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/system.h"

#include <QString>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::studio {

/// One physical quantity of a component (or the system's lifetime) that can be edited: which
/// member, and for lists (items, legs, states, dies, memory parts) which entry.
struct AmountField {
    enum class Kind {
        ItemAmount,         ///< Method::Inventory: items[index].amount
        TransportMass,      ///< Method::Transport: the mass moved
        LegDistance,        ///< Method::Transport: legs[index].distance
        UsePower,           ///< Method::UsePower, average power
        StatePower,         ///< Method::UsePower, duty cycle: states[index].power
        EnergyPerInference, ///< Method::UsePower, per inference (not from a measurement)
        InferenceRate,      ///< Method::UsePower, per inference
        IdlePower,          ///< Method::UsePower, per inference (when given)
        UseDuration,        ///< Method::UsePower: the duration (default: the system's lifetime)
        IcNode,             ///< Method::Ic: the process node, a plain number of nm
        DieArea,            ///< Method::Ic: dies[index].area
        MemoryCapacity,     ///< Method::Ic: memory[index].capacity
        BatteryCapacity,    ///< Method::Battery: energy or charge
        BatteryVoltage,     ///< Method::Battery, capacity given as a charge
        BatteryMass,        ///< Method::Battery, sized by mass
        BatteryCount,       ///< Method::Battery: cells, a plain number
        TrainingEnergy,     ///< Method::Training, given as an energy
        AcceleratorHours,   ///< Method::Training, given as accelerator time
        AcceleratorPower,   ///< Method::Training, given as accelerator time
        TrainingDevices,    ///< Method::Training: devices sharing the training, a plain number
        FixedValue,         ///< Method::Fixed: the declared kg CO2e
        SystemLifetime,     ///< the system's lifetime (the component index is ignored)
    };
    Kind kind = Kind::FixedValue;
    std::size_t index = 0;
    friend bool operator==(const AmountField&, const AmountField&) = default;
};

/// A field's value as stored: the number as written, its unit, and the dimension. Plain numbers
/// (a process node in nm, a count of cells or devices) have no dimension and a fixed unit label.
struct FieldValue {
    double value = 0.0;
    std::string unit;
    std::optional<Dimension> dimension;
};

/// The editable quantities of a component in display order (the system's lifetime not included).
std::vector<AmountField> fieldsOf(const Component& component);

/// The value of a field; nothing when the component has no such field. The use-stage duration
/// reads as the system's lifetime when the component gives none.
std::optional<FieldValue> readField(const System& system, std::size_t component, AmountField field);

/// Writes `value` in `unit` into the field. False (and `system` untouched) when the component has
/// no such field, the unit is not one of the field's dimension, or the value is not finite, is
/// negative, or is zero where the file format needs a positive number.
bool writeField(System& system, std::size_t component, AmountField field, double value, const std::string& unit);

/// Whether the file format needs the field's value to be positive (not only non-negative).
bool fieldNeedsPositive(AmountField::Kind kind);

/// A readable name of the field: "die area, MCU", "average power", "lifetime".
QString fieldLabel(const System& system, std::size_t component, AmountField field);

/// The units of one dimension, smallest first as in the engine's unit table (built from
/// acceptedUnits and findUnit, so the list is the engine's).
std::vector<UnitInfo> unitsOf(Dimension dimension);

} // namespace tinyfoot::studio
