#include "edit_commands.h"

#include "tinyfoot/engine/format/number.h"

#include "tinyfoot/engine/writer.h"

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

/// Replaces the study's system `s` (the commands that keep a whole system to undo exactly).
void putSystem(StudyDocument& doc, std::size_t s, const System& system) {
    Study st = doc.study();
    st.systems[s] = system;
    doc.setStudy(std::move(st));
}

QString componentName(const StudyDocument& doc, std::size_t s, std::size_t c) {
    return qstr(doc.study().systems[s].components[c].name);
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
    if (field.kind == Kind::UsePower) c.use.power = *a; // the loader keeps both
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

Component userComponent(const System& system, const std::string& name, Block block, double kgCo2e,
                        const std::string& note) {
    Component c;
    for (int n = 1;; ++n) {
        c.id = "user-" + std::to_string(n);
        const bool used = std::any_of(system.components.begin(), system.components.end(),
                                      [&c](const Component& other) { return other.id == c.id; });
        if (!used) break;
    }
    c.name = name.empty() ? std::string(blockName(block)) : name;
    c.block = block;
    c.stage = defaultStage(block);
    c.method = Method::Fixed;
    c.fixed = Amount::make(kgCo2e, *findUnit("kg_co2e"));
    c.sources.push_back(Source{std::string(kUserSource), {}});
    c.note = note;
    return c;
}

Component customValueComponent(const Component& component, double kgCo2e) {
    Component c = component;
    std::string was = std::string(methodId(component.method));
    if (component.method == Method::Hsl)
        was += " (HSL-" + std::to_string(component.hsl.level) + " " + std::string(boundId(component.hsl.bound)) + ")";
    c.method = Method::Fixed;
    c.fixed = Amount::make(kgCo2e, *findUnit("kg_co2e"));
    c.sharePercent = 100.0;
    c.sources = {Source{std::string(kUserSource), {}}};
    c.note = "The user's own value (custom value), in place of the " + was + " method.";
    return c;
}

// --- SetEnabledCommand

SetEnabledCommand::SetEnabledCommand(StudyDocument& doc, std::size_t s, std::size_t c, bool enabled)
    : m_doc(doc), m_s(s), m_c(c), m_new(enabled), m_old(doc.study().systems[s].components[c].enabled),
      m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("%1 %2").arg(enabled ? QStringLiteral("Include") : QStringLiteral("Leave out"),
                                        componentName(doc, s, c)));
}

void SetEnabledCommand::redo() { apply(m_new, {}); } // edited: saved as a copy, not a preset reference
void SetEnabledCommand::undo() { apply(m_old, m_preset); }

void SetEnabledCommand::apply(bool v, const std::string& preset) {
    Study st = m_doc.study();
    st.systems[m_s].components[m_c].enabled = v;
    st.systems[m_s].presetId = preset;
    m_doc.setStudy(std::move(st));
}

// --- SetBoundCommand

SetBoundCommand::SetBoundCommand(StudyDocument& doc, std::size_t s, std::size_t c, Bound bound)
    : m_doc(doc), m_s(s), m_c(c), m_new(bound), m_old(doc.study().systems[s].components[c].hsl.bound),
      m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("%1: %2").arg(componentName(doc, s, c), qstr(std::string(boundId(bound)))));
}

void SetBoundCommand::redo() { apply(m_new, {}); }
void SetBoundCommand::undo() { apply(m_old, m_preset); }

void SetBoundCommand::apply(Bound b, const std::string& preset) {
    Study st = m_doc.study();
    st.systems[m_s].components[m_c].hsl.bound = b;
    st.systems[m_s].presetId = preset;
    m_doc.setStudy(std::move(st));
}

// --- SetAmountCommand

SetAmountCommand::SetAmountCommand(StudyDocument& doc, std::size_t s, std::size_t c, AmountField field, double value,
                                   const std::string& unit)
    : m_doc(doc), m_s(s), m_c(c), m_field(field), m_before(doc.study().systems[s]), m_after(m_before) {
    writeField(m_after, c, field, value, unit);
    m_after.presetId.clear();
    if (field.kind == AmountField::Kind::SystemLifetime)
        setText(QStringLiteral("Set the lifetime of %1").arg(qstr(m_before.name)));
    else setText(QStringLiteral("Set %1: %2").arg(componentName(doc, s, c), fieldLabel(m_before, c, field)));
}

bool SetAmountCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = dynamic_cast<const SetAmountCommand*>(other);
    if (!o || &o->m_doc != &m_doc || o->m_s != m_s || o->m_c != m_c || !(o->m_field == m_field)) return false;
    m_after = o->m_after;
    return true;
}

void SetAmountCommand::redo() { putSystem(m_doc, m_s, m_after); }
void SetAmountCommand::undo() { putSystem(m_doc, m_s, m_before); }

// --- ReplaceComponentCommand

ReplaceComponentCommand::ReplaceComponentCommand(StudyDocument& doc, std::size_t s, std::size_t c,
                                                 Component replacement, const QString& text)
    : m_doc(doc), m_s(s), m_c(c), m_before(doc.study().systems[s].components[c]), m_after(std::move(replacement)),
      m_preset(doc.study().systems[s].presetId) {
    m_after.id = m_before.id;
    m_after.enabled = m_before.enabled;
    m_after.path = m_before.path;
    setText(text.isEmpty() ? QStringLiteral("Replace %1 by %2").arg(qstr(m_before.name), qstr(m_after.name)) : text);
}

void ReplaceComponentCommand::redo() { apply(m_after, {}); }
void ReplaceComponentCommand::undo() { apply(m_before, m_preset); }

void ReplaceComponentCommand::apply(const Component& component, const std::string& preset) {
    Study st = m_doc.study();
    st.systems[m_s].components[m_c] = component;
    st.systems[m_s].presetId = preset;
    m_doc.setStudy(std::move(st));
}

// --- SetFactorSetCommand

SetFactorSetCommand::SetFactorSetCommand(StudyDocument& doc, std::string factorSet)
    : m_doc(doc), m_before(doc.study().factorSet), m_after(std::move(factorSet)) {
    setText(QStringLiteral("Factor set %1").arg(qstr(m_after)));
}

void SetFactorSetCommand::redo() { apply(m_after); }
void SetFactorSetCommand::undo() { apply(m_before); }

void SetFactorSetCommand::apply(const std::string& id) {
    Study st = m_doc.study();
    st.factorSet = id;
    m_doc.setStudy(std::move(st));
}

namespace {
/// A component's definition as the writer puts it, without what does not change the numbers.
std::string definitionOf(const Component& c) {
    System stub;
    Component bare = c;
    bare.id = "c";
    bare.name.clear();
    bare.note.clear();
    bare.sources.clear();
    bare.path.clear();
    bare.enabled = true;
    stub.id = "s";
    stub.components.push_back(std::move(bare));
    return systemToJson(stub);
}
} // namespace

bool sameDefinition(const Component& a, const Component& b) { return definitionOf(a) == definitionOf(b); }

std::vector<ComponentOption> presetOptions(const Library& library, Block block, const std::string& hslCatalogue) {
    std::vector<ComponentOption> options;
    std::vector<std::string> definitions;
    for (const System& preset : library.presets) {
        if (preset.kind != "tinyml") continue;
        for (const Component& c : preset.components) {
            if (c.block != block) continue;
            if (c.method == Method::Hsl && preset.hslCatalogue != hslCatalogue) continue;
            const std::string d = definitionOf(c);
            const auto it = std::find(definitions.begin(), definitions.end(), d);
            if (it != definitions.end()) {
                options[static_cast<std::size_t>(it - definitions.begin())].presets.push_back(preset.id);
                continue;
            }
            definitions.push_back(d);
            options.push_back({c, {preset.id}});
        }
    }
    return options;
}

std::optional<Component> editableFromHsl(const Component& c, const HslCatalogue* catalogue) {
    if (c.method != Method::Hsl || !catalogue) return std::nullopt;
    const HslLevel* level = catalogue->find(c.block, c.hsl.level);
    if (!level || (level->transportMass && !level->items.empty())) return std::nullopt;
    Component out = c;
    out.hsl = HslReference{};
    const Bound b = c.hsl.bound;
    if (level->transportMass) {
        out.method = Method::Transport;
        out.transportMass = level->transportMass->at(b);
        for (const auto& leg : level->legs) out.legs.push_back({leg.mode, leg.distance.at(b), leg.factor, {}});
    } else {
        out.method = Method::Inventory;
        for (const auto& item : level->items) out.items.push_back({item.name, item.amount.at(b), item.factor, {}});
    }
    out.note = "The items of HSL-" + std::to_string(c.hsl.level) + " " + std::string(boundId(b)) + " (" +
               catalogue->name + ") taken as an inventory to edit in TinyFoot Studio" +
               (c.note.empty() ? std::string() : ". " + c.note);
    out.sources = catalogue->sources;
    out.sources.insert(out.sources.end(), c.sources.begin(), c.sources.end());
    return out;
}

// --- AddComponentCommand

AddComponentCommand::AddComponentCommand(StudyDocument& doc, std::size_t s, std::size_t index, Component component)
    : m_doc(doc), m_s(s), m_index(index), m_component(std::move(component)), m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("Add %1").arg(qstr(m_component.name)));
}

void AddComponentCommand::redo() {
    Study st = m_doc.study();
    auto& comps = st.systems[m_s].components;
    comps.insert(comps.begin() + static_cast<std::ptrdiff_t>(m_index), m_component);
    st.systems[m_s].presetId.clear();
    m_doc.setStudy(std::move(st));
}

void AddComponentCommand::undo() {
    Study st = m_doc.study();
    auto& comps = st.systems[m_s].components;
    comps.erase(comps.begin() + static_cast<std::ptrdiff_t>(m_index));
    st.systems[m_s].presetId = m_preset;
    m_doc.setStudy(std::move(st));
}

// --- RemoveComponentCommand

RemoveComponentCommand::RemoveComponentCommand(StudyDocument& doc, std::size_t s, std::size_t c)
    : m_doc(doc), m_s(s), m_c(c), m_component(doc.study().systems[s].components[c]),
      m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("Remove %1").arg(qstr(m_component.name)));
}

void RemoveComponentCommand::redo() {
    Study st = m_doc.study();
    auto& comps = st.systems[m_s].components;
    comps.erase(comps.begin() + static_cast<std::ptrdiff_t>(m_c));
    st.systems[m_s].presetId.clear();
    m_doc.setStudy(std::move(st));
}

void RemoveComponentCommand::undo() {
    Study st = m_doc.study();
    auto& comps = st.systems[m_s].components;
    comps.insert(comps.begin() + static_cast<std::ptrdiff_t>(m_c), m_component);
    st.systems[m_s].presetId = m_preset;
    m_doc.setStudy(std::move(st));
}

// --- RenameComponentCommand

RenameComponentCommand::RenameComponentCommand(StudyDocument& doc, std::size_t s, std::size_t c, std::string name)
    : m_doc(doc), m_s(s), m_c(c), m_new(std::move(name)), m_old(doc.study().systems[s].components[c].name),
      m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("Rename %1 to %2").arg(qstr(m_old), qstr(m_new)));
}

void RenameComponentCommand::redo() { apply(m_new, {}); }
void RenameComponentCommand::undo() { apply(m_old, m_preset); }

void RenameComponentCommand::apply(const std::string& name, const std::string& preset) {
    Study st = m_doc.study();
    st.systems[m_s].components[m_c].name = name;
    st.systems[m_s].presetId = preset;
    m_doc.setStudy(std::move(st));
}

// --- AddSystemCommand

AddSystemCommand::AddSystemCommand(StudyDocument& doc, std::size_t index, System system)
    : m_doc(doc), m_index(index), m_system(std::move(system)) {
    setText(QStringLiteral("Add %1").arg(qstr(m_system.name)));
}

void AddSystemCommand::redo() {
    Study st = m_doc.study();
    st.systems.insert(st.systems.begin() + static_cast<std::ptrdiff_t>(m_index), m_system);
    m_doc.setStudy(std::move(st));
}

void AddSystemCommand::undo() {
    Study st = m_doc.study();
    st.systems.erase(st.systems.begin() + static_cast<std::ptrdiff_t>(m_index));
    m_doc.setStudy(std::move(st));
}

// --- RemoveSystemCommand

RemoveSystemCommand::RemoveSystemCommand(StudyDocument& doc, std::size_t s)
    : m_doc(doc), m_index(s), m_system(doc.study().systems[s]) {
    setText(QStringLiteral("Remove %1").arg(qstr(m_system.name)));
}

void RemoveSystemCommand::redo() {
    Study st = m_doc.study();
    st.systems.erase(st.systems.begin() + static_cast<std::ptrdiff_t>(m_index));
    m_doc.setStudy(std::move(st));
}

void RemoveSystemCommand::undo() {
    Study st = m_doc.study();
    st.systems.insert(st.systems.begin() + static_cast<std::ptrdiff_t>(m_index), m_system);
    m_doc.setStudy(std::move(st));
}

} // namespace tinyfoot::studio
