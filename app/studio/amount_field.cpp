#include "amount_field.h"

#include "tinyfoot/engine/format/number.h"

#include <algorithm>
#include <cmath>

namespace tinyfoot::studio {

namespace {

using Kind = AmountField::Kind;

QString qstr(const std::string& s) { return QString::fromStdString(s); }

/// The Amount member a field addresses (const or not, like the component); null for plain
/// numbers, the lifetime and absent optional members. The field must be one of fieldsOf(c).
template <class C>
auto amountSlot(C& c, AmountField f) -> decltype(&c.fixed) {
    switch (f.kind) {
    case Kind::ItemAmount: return &c.items[f.index].amount;
    case Kind::TransportMass: return &c.transportMass;
    case Kind::LegDistance: return &c.legs[f.index].distance;
    case Kind::UsePower: return &c.power;
    case Kind::StatePower: return &c.use.states[f.index].power;
    case Kind::EnergyPerInference: return &c.use.energyPerInference;
    case Kind::InferenceRate: return &c.use.inferenceRate;
    case Kind::IdlePower: return &c.use.idlePower;
    case Kind::UseDuration: return c.duration ? &*c.duration : nullptr;
    case Kind::DieArea: return &c.ic.dies[f.index].area;
    case Kind::MemoryCapacity: return &c.ic.memory[f.index].capacity;
    case Kind::BatteryCapacity: return c.battery.capacity ? &*c.battery.capacity : nullptr;
    case Kind::BatteryVoltage: return c.battery.voltage ? &*c.battery.voltage : nullptr;
    case Kind::BatteryMass: return c.battery.mass ? &*c.battery.mass : nullptr;
    case Kind::TrainingEnergy: return c.training.energy ? &*c.training.energy : nullptr;
    case Kind::AcceleratorHours: return c.training.acceleratorHours ? &*c.training.acceleratorHours : nullptr;
    case Kind::AcceleratorPower: return c.training.acceleratorPower ? &*c.training.acceleratorPower : nullptr;
    case Kind::FixedValue: return &c.fixed;
    case Kind::IcNode:
    case Kind::BatteryCount:
    case Kind::TrainingDevices:
    case Kind::SystemLifetime: return nullptr;
    }
    return nullptr;
}

/// The plain-number member a field addresses, or null.
template <class C>
auto numberSlot(C& c, AmountField f) -> decltype(&c.sharePercent) {
    switch (f.kind) {
    case Kind::IcNode: return &c.ic.nodeNm;
    case Kind::BatteryCount: return &c.battery.count;
    case Kind::TrainingDevices: return &c.training.devices;
    default: return nullptr;
    }
}

/// The unit label of a plain-number field.
std::string plainUnit(Kind k) {
    switch (k) {
    case Kind::IcNode: return "nm";
    case Kind::BatteryCount: return "cells";
    case Kind::TrainingDevices: return "devices";
    default: return {};
    }
}

/// An amount of `dimension` written as `value` `unit`, or nothing when the unit is not of it.
std::optional<Amount> amountIn(double value, const std::string& unit, Dimension dimension) {
    const auto u = findUnit(unit);
    if (!u || u->dimension != dimension) return std::nullopt;
    return Amount::make(value, *u);
}

bool isField(const Component& c, AmountField f) {
    const auto fields = fieldsOf(c);
    return std::find(fields.begin(), fields.end(), f) != fields.end();
}

} // namespace

std::vector<AmountField> fieldsOf(const Component& c) {
    std::vector<AmountField> out;
    const auto add = [&out](Kind k, std::size_t i = 0) { out.push_back(AmountField{k, i}); };
    switch (c.method) {
    case Method::Hsl: break; // the catalogue's quantities: pick an option card instead
    case Method::Inventory:
        for (std::size_t i = 0; i < c.items.size(); ++i) add(Kind::ItemAmount, i);
        break;
    case Method::Transport:
        add(Kind::TransportMass);
        for (std::size_t i = 0; i < c.legs.size(); ++i) add(Kind::LegDistance, i);
        break;
    case Method::UsePower:
        switch (c.use.kind) {
        case UseModel::Kind::Power: add(Kind::UsePower); break;
        case UseModel::Kind::DutyCycle:
            for (std::size_t i = 0; i < c.use.states.size(); ++i) add(Kind::StatePower, i);
            break;
        case UseModel::Kind::Inference:
            if (c.use.measurementFile.empty()) add(Kind::EnergyPerInference);
            add(Kind::InferenceRate);
            if (c.use.idlePower.dimension == Dimension::Power) add(Kind::IdlePower);
            break;
        }
        add(Kind::UseDuration);
        break;
    case Method::Ic:
        add(Kind::IcNode);
        for (std::size_t i = 0; i < c.ic.dies.size(); ++i) add(Kind::DieArea, i);
        for (std::size_t i = 0; i < c.ic.memory.size(); ++i) add(Kind::MemoryCapacity, i);
        break;
    case Method::Battery:
        if (c.battery.capacity) add(Kind::BatteryCapacity);
        if (c.battery.voltage) add(Kind::BatteryVoltage);
        if (c.battery.mass) add(Kind::BatteryMass);
        add(Kind::BatteryCount);
        break;
    case Method::Training:
        if (c.training.energy) add(Kind::TrainingEnergy);
        if (c.training.acceleratorHours) add(Kind::AcceleratorHours);
        if (c.training.acceleratorPower) add(Kind::AcceleratorPower);
        add(Kind::TrainingDevices);
        break;
    case Method::Fixed: add(Kind::FixedValue); break;
    }
    return out;
}

std::optional<FieldValue> readField(const System& system, std::size_t component, AmountField field) {
    if (field.kind == Kind::SystemLifetime)
        return FieldValue{system.lifetime.value, system.lifetime.unit, Dimension::Duration};
    if (component >= system.components.size()) return std::nullopt;
    const Component& c = system.components[component];
    if (!isField(c, field)) return std::nullopt;
    if (const double* n = numberSlot(c, field)) return FieldValue{*n, plainUnit(field.kind), std::nullopt};
    if (field.kind == Kind::UseDuration && !c.duration)
        return FieldValue{system.lifetime.value, system.lifetime.unit, Dimension::Duration};
    const Amount* a = amountSlot(c, field);
    if (!a) return std::nullopt;
    return FieldValue{a->value, a->unit, a->dimension};
}

bool fieldNeedsPositive(AmountField::Kind kind) {
    return kind == Kind::IcNode || kind == Kind::TrainingDevices || kind == Kind::BatteryVoltage;
}

bool writeField(System& system, std::size_t component, AmountField field, double value, const std::string& unit) {
    if (!std::isfinite(value) || value < 0.0 || (fieldNeedsPositive(field.kind) && value <= 0.0)) return false;
    if (field.kind == Kind::SystemLifetime) {
        const auto a = amountIn(value, unit, Dimension::Duration);
        if (!a) return false;
        system.lifetime = *a;
        return true;
    }
    if (component >= system.components.size()) return false;
    Component& c = system.components[component];
    if (!isField(c, field)) return false;
    if (double* n = numberSlot(c, field)) {
        *n = value;
        return true;
    }
    if (field.kind == Kind::UseDuration && !c.duration) {
        const auto a = amountIn(value, unit, Dimension::Duration);
        if (!a) return false;
        c.duration = *a;
        return true;
    }
    Amount* slot = amountSlot(c, field);
    if (!slot) return false;
    const auto a = amountIn(value, unit, slot->dimension);
    if (!a) return false;
    *slot = *a;
    return true;
}

QString fieldLabel(const System& system, std::size_t component, AmountField field) {
    if (field.kind == Kind::SystemLifetime) return QStringLiteral("lifetime");
    if (component >= system.components.size()) return {};
    const Component& c = system.components[component];
    if (!isField(c, field)) return {};
    const std::size_t i = field.index;
    switch (field.kind) {
    case Kind::ItemAmount: return qstr(c.items[i].name);
    case Kind::TransportMass: return QStringLiteral("mass moved");
    case Kind::LegDistance: return QStringLiteral("distance, %1").arg(qstr(c.legs[i].mode));
    case Kind::UsePower: return QStringLiteral("average power");
    case Kind::StatePower: return QStringLiteral("power, %1").arg(qstr(c.use.states[i].name));
    case Kind::EnergyPerInference: return QStringLiteral("energy per inference");
    case Kind::InferenceRate: return QStringLiteral("inference rate");
    case Kind::IdlePower: return QStringLiteral("idle power");
    case Kind::UseDuration:
        return c.duration ? QStringLiteral("duration") : QStringLiteral("duration (the lifetime unless set)");
    case Kind::IcNode: return QStringLiteral("process node");
    case Kind::DieArea: return QStringLiteral("die area, %1").arg(qstr(c.ic.dies[i].name));
    case Kind::MemoryCapacity: return QStringLiteral("capacity, %1").arg(qstr(c.ic.memory[i].name));
    case Kind::BatteryCapacity: return QStringLiteral("battery capacity");
    case Kind::BatteryVoltage: return QStringLiteral("battery voltage");
    case Kind::BatteryMass: return QStringLiteral("battery mass");
    case Kind::BatteryCount: return QStringLiteral("cells");
    case Kind::TrainingEnergy: return QStringLiteral("training energy");
    case Kind::AcceleratorHours: return QStringLiteral("accelerator time");
    case Kind::AcceleratorPower: return QStringLiteral("accelerator power");
    case Kind::TrainingDevices: return QStringLiteral("devices sharing the model");
    case Kind::FixedValue:
        if (c.sharePercent != 100.0)
            return QStringLiteral("declared total (%1 % of it counted here)")
                .arg(QString::fromStdString(format::shortest(c.sharePercent)));
        return QStringLiteral("declared value");
    case Kind::SystemLifetime: break;
    }
    return {};
}

std::vector<UnitInfo> unitsOf(Dimension dimension) {
    std::vector<UnitInfo> out;
    const std::string list = acceptedUnits(dimension); // "mg, g, kg, t"
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find(", ", start);
        if (end == std::string::npos) end = list.size();
        if (const auto u = findUnit(std::string_view(list).substr(start, end - start))) out.push_back(*u);
        start = end + 2;
    }
    return out;
}

} // namespace tinyfoot::studio
