#include "tinyfoot/engine/param_ref.h"

#include "tinyfoot/engine/format/number.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace tinyfoot {

namespace {

constexpr std::string_view kFactorPrefix = "factor:";
constexpr std::string_view kTablePrefix = "table:";

std::optional<double> parseNumber(std::string_view text) {
    double v = 0.0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
    return v;
}

std::optional<std::size_t> parseIndex(std::string_view text) {
    std::size_t v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return v;
}

std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> out;
    while (true) {
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) return out;
        path.remove_prefix(slash + 1);
    }
}

double unitSizeOf(const Amount& a) {
    if (const auto u = findUnit(a.unit)) return u->toInternal;
    return a.value != 0.0 ? a.internal / a.value : 1.0;
}

void setAmount(Amount& a, double internal) {
    const double size = unitSizeOf(a);
    a.internal = internal;
    a.value = size != 0.0 ? internal / size : internal;
}

/// Collects a component's parameters under its id.
class Collector {
public:
    explicit Collector(const Component& c) : m_c(c) {}

    void amount(const std::string& path, const std::string& what, const Amount& a,
                ParamDomain domain = ParamDomain::NonNegative) {
        ParamValue v = base(path, what, domain);
        v.dimension = a.dimension;
        v.unit = a.unit;
        v.toInternal = unitSizeOf(a);
        v.internal = a.internal;
        v.value = a.value;
        m_out.push_back(std::move(v));
    }
    void number(const std::string& path, const std::string& what, double value, ParamDomain domain) {
        ParamValue v = base(path, what, domain);
        v.internal = value;
        v.value = value;
        m_out.push_back(std::move(v));
    }
    /// The data's range of the value added last (internal units).
    void range(double low, double high) { m_out.back().range = std::pair{low, high}; }
    std::vector<ParamValue> take() { return std::move(m_out); }

private:
    ParamValue base(const std::string& path, const std::string& what, ParamDomain domain) const {
        ParamValue v;
        v.ref = ParamRef::field(m_c.id, path);
        v.label = (m_c.name.empty() ? m_c.id : m_c.name) + ": " + what;
        v.what = what;
        v.domain = domain;
        return v;
    }
    const Component& m_c;
    std::vector<ParamValue> m_out;
};

/// The member a field path names in a component: an amount, a plain number, or a duty-cycle
/// state's fraction (set with the other states rescaled).
struct Slot {
    Amount* amount = nullptr;
    double* number = nullptr;
    std::vector<PowerState>* states = nullptr; ///< with `state`: that state's fraction
    std::size_t state = 0;
};

Slot resolve(Component& c, std::string_view path) {
    const auto parts = split(path);
    const auto is = [&](std::initializer_list<std::string_view> want) {
        if (parts.size() != want.size()) return false;
        std::size_t i = 0;
        for (auto w : want) {
            if (w != "#" && parts[i] != w) return false;
            ++i;
        }
        return true;
    };
    const auto index = [&](std::size_t at, std::size_t size) -> std::optional<std::size_t> {
        const auto i = parseIndex(parts[at]);
        if (!i || *i >= size) return std::nullopt;
        return i;
    };
    Slot none;
    const auto amount = [](Amount& a) {
        Slot s;
        s.amount = &a;
        return s;
    };
    const auto number = [](double& d) {
        Slot s;
        s.number = &d;
        return s;
    };
    const auto optional = [](auto& member) {
        Slot s;
        if (!member) return s; // an absent optional member is not created
        if constexpr (std::is_same_v<std::decay_t<decltype(*member)>, Amount>) s.amount = &*member;
        else s.number = &*member;
        return s;
    };
    switch (c.method) {
    case Method::Inventory:
        if (is({"items", "#", "amount"}))
            if (const auto i = index(1, c.items.size())) return amount(c.items[*i].amount);
        return none;
    case Method::Transport:
        if (is({"mass"})) return amount(c.transportMass);
        if (is({"legs", "#", "distance"}))
            if (const auto i = index(1, c.legs.size())) return amount(c.legs[*i].distance);
        return none;
    case Method::Fixed:
        if (is({"declared"})) return amount(c.fixed);
        if (is({"share_percent"})) return number(c.sharePercent);
        return none;
    case Method::Ic: {
        IcModel& ic = c.ic;
        if (is({"node_nm"})) return number(ic.nodeNm);
        if (is({"yield"})) return optional(ic.yield);
        if (is({"yield", "defect_density_per_cm2"})) return optional(ic.defectDensityPerCm2);
        if (is({"packages"})) return optional(ic.packages);
        if (is({"dies", "#", "area"}) || is({"dies", "#", "count"}) || is({"dies", "#", "node_nm"})) {
            const auto i = index(1, ic.dies.size());
            if (!i) return none;
            Die& d = ic.dies[*i];
            if (parts[2] == "area") return amount(d.area);
            if (parts[2] == "count") return number(d.count);
            return optional(d.nodeNm);
        }
        if (is({"memory", "#", "capacity"}) || is({"memory", "#", "count"})) {
            const auto i = index(1, ic.memory.size());
            if (!i) return none;
            if (parts[2] == "capacity") return amount(ic.memory[*i].capacity);
            return number(ic.memory[*i].count);
        }
        return none;
    }
    case Method::Battery: {
        BatteryModel& b = c.battery;
        if (is({"capacity"})) return optional(b.capacity);
        if (is({"voltage"})) return optional(b.voltage);
        if (is({"mass"})) return optional(b.mass);
        if (is({"count"})) return number(b.count);
        if (is({"cycle_life"})) return optional(b.cycleLife);
        if (is({"calendar_life"})) return optional(b.calendarLife);
        return none;
    }
    case Method::Training: {
        TrainingModel& t = c.training;
        if (is({"energy"})) return optional(t.energy);
        if (is({"accelerator_hours"})) return optional(t.acceleratorHours);
        if (is({"accelerator_power"})) return optional(t.acceleratorPower);
        if (is({"accelerators"})) return number(t.accelerators);
        if (is({"pue"})) return number(t.pue);
        if (is({"devices"})) return number(t.devices);
        if (is({"trainings"})) return number(t.trainings);
        return none;
    }
    case Method::UsePower: {
        UseModel& u = c.use;
        const bool inference = u.kind == UseModel::Kind::Inference;
        if (is({"power"})) return u.kind == UseModel::Kind::Power ? amount(c.power) : none;
        if (is({"profile", "#", "power"}))
            if (const auto i = index(1, u.states.size())) return amount(u.states[*i].power);
        if (is({"profile", "#", "fraction"}) && u.states.size() >= 2)
            if (const auto i = index(1, u.states.size())) {
                Slot s;
                s.states = &u.states;
                s.state = *i;
                return s;
            }
        if (is({"inference", "energy"})) return inference && !u.measurement ? amount(u.energyPerInference) : none;
        if (is({"inference", "measured_energy"}))
            return inference && u.measurement ? amount(u.measurement->usedEnergy()) : none;
        if (is({"inference", "rate"})) return inference ? amount(u.inferenceRate) : none;
        if (is({"inference", "idle_power"})) return inference ? amount(u.idlePower) : none;
        if (is({"duration"})) return optional(c.duration);
        if (is({"supply", "efficiency"})) return number(u.efficiency);
        if (is({"grid"})) return optional(u.gridKgPerKwh);
        if (!u.trajectory) return none;
        if (is({"grid_trajectory", "annual_change_percent"})) return optional(u.trajectory->annualChangePercent);
        if (is({"grid_trajectory", "points", "#", "kg_co2e_per_kwh"}))
            if (const auto i = index(2, u.trajectory->points.size())) return number(u.trajectory->points[*i].kgPerKwh);
        return none;
    }
    case Method::Hsl: return none;
    }
    return none;
}

/// Sets state `i`'s fraction to `f` and gives the other states 1 - f in the proportions they had.
bool setFraction(std::vector<PowerState>& states, std::size_t i, double f) {
    if (!(f >= 0.0 && f <= 1.0)) return false;
    double others = 0.0;
    for (std::size_t k = 0; k < states.size(); ++k)
        if (k != i) others += states[k].fraction;
    const double rest = 1.0 - f;
    const auto n = static_cast<double>(states.size() - 1);
    for (std::size_t k = 0; k < states.size(); ++k) {
        if (k == i) states[k].fraction = f;
        else states[k].fraction = others > 0.0 ? states[k].fraction / others * rest : rest / n;
    }
    return true;
}

std::string named(const std::string& kind, std::size_t i, const std::string& name) {
    return kind + " " + (name.empty() ? std::to_string(i) : "'" + name + "'");
}

} // namespace

ParamRef ParamRef::field(std::string component, std::string path) {
    ParamRef r;
    r.kind = Kind::Field;
    r.component = std::move(component);
    r.path = std::move(path);
    return r;
}

ParamRef ParamRef::factor(std::string id) {
    ParamRef r;
    r.kind = Kind::Factor;
    r.path = std::move(id);
    return r;
}

ParamRef ParamRef::tableCell(std::string path) {
    ParamRef r;
    r.kind = Kind::TableCell;
    r.path = std::move(path);
    return r;
}

std::string ParamRef::key() const {
    switch (kind) {
    case Kind::Lifetime: return "lifetime";
    case Kind::Field: return component + "/" + path;
    case Kind::Factor: return std::string(kFactorPrefix) + path;
    case Kind::TableCell: return std::string(kTablePrefix) + path;
    }
    return {};
}

std::optional<ParamRef> ParamRef::parse(std::string_view key) {
    if (key == "lifetime") return lifetime();
    if (key.substr(0, kFactorPrefix.size()) == kFactorPrefix) {
        if (key.size() == kFactorPrefix.size()) return std::nullopt;
        return factor(std::string(key.substr(kFactorPrefix.size())));
    }
    if (key.substr(0, kTablePrefix.size()) == kTablePrefix) {
        const auto parts = split(key.substr(kTablePrefix.size()));
        if (parts.size() != 3) return std::nullopt;
        for (auto p : parts)
            if (p.empty()) return std::nullopt;
        return tableCell(std::string(key.substr(kTablePrefix.size())));
    }
    const auto slash = key.find('/');
    if (slash == 0 || slash == std::string_view::npos || slash + 1 == key.size()) return std::nullopt;
    return field(std::string(key.substr(0, slash)), std::string(key.substr(slash + 1)));
}

std::vector<ParamValue> componentParameters(const Component& c) {
    using D = ParamDomain;
    Collector out(c);
    switch (c.method) {
    case Method::Inventory:
        for (std::size_t i = 0; i < c.items.size(); ++i)
            out.amount("items/" + std::to_string(i) + "/amount", c.items[i].name, c.items[i].amount);
        break;
    case Method::Transport:
        out.amount("mass", "mass moved", c.transportMass);
        for (std::size_t i = 0; i < c.legs.size(); ++i)
            out.amount("legs/" + std::to_string(i) + "/distance", c.legs[i].mode + " distance", c.legs[i].distance);
        break;
    case Method::Fixed:
        out.amount("declared", c.sharePercent != 100.0 ? "declared total" : "declared value", c.fixed);
        out.number("share_percent", "share counted here (%)", c.sharePercent, D::Percent);
        break;
    case Method::Ic: {
        const IcModel& ic = c.ic;
        out.number("node_nm", "process node (nm)", ic.nodeNm, D::Positive);
        if (ic.yield) out.number("yield", "fab yield", *ic.yield, D::PositiveFraction);
        if (ic.defectDensityPerCm2)
            out.number("yield/defect_density_per_cm2", "defect density (per cm2)", *ic.defectDensityPerCm2,
                       D::NonNegative);
        if (ic.packages) out.number("packages", "IC packages", *ic.packages, D::NonNegative);
        for (std::size_t i = 0; i < ic.dies.size(); ++i) {
            const Die& d = ic.dies[i];
            const std::string p = "dies/" + std::to_string(i) + "/";
            const std::string what = named("die", i, d.name);
            out.amount(p + "area", what + " area", d.area);
            out.number(p + "count", what + " count", d.count, D::Positive);
            if (d.nodeNm) out.number(p + "node_nm", what + " node (nm)", *d.nodeNm, D::Positive);
        }
        for (std::size_t i = 0; i < ic.memory.size(); ++i) {
            const MemoryPart& m = ic.memory[i];
            const std::string p = "memory/" + std::to_string(i) + "/";
            const std::string what = named("memory", i, m.name);
            out.amount(p + "capacity", what + " capacity", m.capacity);
            out.number(p + "count", what + " count", m.count, D::Positive);
        }
        break;
    }
    case Method::Battery: {
        const BatteryModel& b = c.battery;
        if (b.capacity) out.amount("capacity", "battery capacity", *b.capacity);
        if (b.voltage) out.amount("voltage", "battery voltage", *b.voltage, D::Positive);
        if (b.mass) out.amount("mass", "battery mass", *b.mass);
        out.number("count", "cells", b.count, D::Positive);
        if (b.cycleLife) out.number("cycle_life", "cycle life (full cycles)", *b.cycleLife, D::Positive);
        if (b.calendarLife) out.amount("calendar_life", "calendar life", *b.calendarLife, D::Positive);
        break;
    }
    case Method::Training: {
        const TrainingModel& t = c.training;
        if (t.energy) out.amount("energy", "training energy", *t.energy);
        if (t.acceleratorHours) {
            out.amount("accelerator_hours", "accelerator hours", *t.acceleratorHours);
            out.number("accelerators", "accelerators", t.accelerators, D::Positive);
        }
        if (t.acceleratorPower) out.amount("accelerator_power", "accelerator power", *t.acceleratorPower);
        out.number("pue", "PUE", t.pue, D::AtLeastOne);
        out.number("devices", "devices running the model", t.devices, D::Positive);
        out.number("trainings", "trainings", t.trainings, D::AtLeastOne);
        break;
    }
    case Method::UsePower: {
        const UseModel& u = c.use;
        switch (u.kind) {
        case UseModel::Kind::Power: out.amount("power", "power", c.power); break;
        case UseModel::Kind::DutyCycle:
            for (std::size_t i = 0; i < u.states.size(); ++i) {
                const std::string p = "profile/" + std::to_string(i) + "/";
                const std::string what = named("state", i, u.states[i].name);
                out.amount(p + "power", what + " power", u.states[i].power);
                if (u.states.size() >= 2)
                    out.number(p + "fraction", what + " time fraction", u.states[i].fraction, D::Fraction);
            }
            break;
        case UseModel::Kind::Inference:
            if (!u.measurement) out.amount("inference/energy", "energy per inference", u.energyPerInference);
            else {
                const Measurement& m = *u.measurement;
                const Amount& e = m.usedEnergy();
                out.amount("inference/measured_energy",
                           std::string(m.idleSubtracted ? "idle-subtracted " : "") + "energy per inference (" + m.kind +
                               ")",
                           e);
                if (m.spread) out.range(m.spread->low * e.internal, m.spread->high * e.internal);
            }
            out.amount("inference/rate", "inference rate", u.inferenceRate);
            out.amount("inference/idle_power", "idle power", u.idlePower);
            break;
        }
        if (c.duration) out.amount("duration", "duration", *c.duration);
        out.number("supply/efficiency", "supply efficiency", u.efficiency, D::PositiveFraction);
        if (u.gridKgPerKwh) out.number("grid", "grid intensity (kg CO2e/kWh)", *u.gridKgPerKwh, D::NonNegative);
        if (u.trajectory) {
            if (u.trajectory->annualChangePercent)
                out.number("grid_trajectory/annual_change_percent", "grid change (% a year)",
                           *u.trajectory->annualChangePercent, D::Change);
            for (std::size_t i = 0; i < u.trajectory->points.size(); ++i)
                out.number("grid_trajectory/points/" + std::to_string(i) + "/kg_co2e_per_kwh",
                           "grid in " + format::shortest(u.trajectory->points[i].year) + " (kg CO2e/kWh)",
                           u.trajectory->points[i].kgPerKwh, D::NonNegative);
        }
        break;
    }
    case Method::Hsl: break;
    }
    return out.take();
}

std::vector<ParamValue> tableParameters(const Component& c, const FactorSet& factors) {
    std::vector<ParamValue> out;
    const auto cell = [&](std::string path, std::string label, double value, std::string unit) {
        ParamValue v;
        v.ref = ParamRef::tableCell(std::move(path));
        v.label = std::move(label);
        v.unit = std::move(unit);
        v.internal = value;
        out.push_back(std::move(v));
    };
    if (c.method == Method::Ic && factors.processNodes && !factors.processNodes->nodes.empty()) {
        const auto& table = *factors.processNodes;
        std::set<std::size_t> rows;
        std::vector<double> nodes{c.ic.nodeNm};
        for (const auto& d : c.ic.dies)
            if (d.nodeNm) nodes.push_back(*d.nodeNm);
        if (!c.ic.dies.empty()) {
            for (double nm : nodes) {
                const auto& n = table.nodes;
                if (nm <= n.front().nanometres) rows.insert(0);
                else if (nm >= n.back().nanometres) rows.insert(n.size() - 1);
                else
                    for (std::size_t i = 0; i + 1 < n.size(); ++i)
                        if (nm >= n[i].nanometres && nm <= n[i + 1].nanometres) {
                            rows.insert(i);
                            if (nm != n[i].nanometres) rows.insert(i + 1);
                            break;
                        }
            }
        }
        for (auto i : rows) {
            const ProcessNode& n = table.nodes[i];
            const std::string row = "process_nodes/" + format::shortest(n.nanometres) + "/";
            const std::string at = " at " + format::shortest(n.nanometres) + " nm";
            cell(row + "epa_kwh_per_cm2", "fab energy per area (EPA)" + at, n.energyKwhPerCm2, "kWh/cm2");
            cell(row + "gpa_95_g_per_cm2", "fab gases, 95 % abatement (GPA)" + at, n.gas95GPerCm2, "g_co2e/cm2");
            cell(row + "gpa_99_g_per_cm2", "fab gases, 99 % abatement (GPA)" + at, n.gas99GPerCm2, "g_co2e/cm2");
            cell(row + "mpa_g_per_cm2", "fab materials (MPA)" + at, n.materialsGPerCm2, "g_co2e/cm2");
        }
        cell("process_nodes/package/kg_co2e", "IC package", table.packageKgCo2e, "kg_co2e");
        if (!c.ic.yield) cell("process_nodes/default/yield", "fab yield (table default)", table.defaultYield, "");
        if (!c.ic.defectDensityPerCm2)
            cell("process_nodes/default/defect_density_per_cm2", "defect density (table default)",
                 table.defectDensityPerCm2, "1/cm2");
    }
    if (c.method == Method::Ic && factors.memory)
        for (const auto& m : c.ic.memory)
            if (const MemoryTechnology* t = factors.memory->find(m.technology))
                cell("memory/" + t->id + "/g_co2e_per_gb", "memory " + t->id + " per GB", t->gPerGb, "g_co2e/GB");
    if (c.method == Method::Battery)
        if (const BatteryChemistry* b = factors.battery(c.battery.chemistry)) {
            cell("batteries/" + b->id + "/kg_co2e_per_kwh", b->name + " per kWh", b->kgPerKwh, "kg_co2e/kWh");
            out.back().range = b->range;
        }
    return out;
}

bool setComponentParameter(Component& c, std::string_view path, double v) {
    const Slot slot = resolve(c, path);
    if (slot.amount) return setAmount(*slot.amount, v), true;
    if (slot.number) return *slot.number = v, true;
    if (slot.states) return setFraction(*slot.states, slot.state, v);
    return false;
}

bool setComponentParameter(Component& c, std::string_view path, double value, std::string_view unit) {
    const Slot slot = resolve(c, path);
    if (slot.amount) {
        const auto u = findUnit(unit);
        if (!u || u->dimension != slot.amount->dimension) return false;
        *slot.amount = Amount::make(value, *u);
        return true;
    }
    if (!unit.empty()) return false;
    if (slot.number) return *slot.number = value, true;
    if (slot.states) return setFraction(*slot.states, slot.state, value);
    return false;
}

ParamValue lifetimeParameter(const System& system) {
    ParamValue v;
    v.ref = ParamRef::lifetime();
    v.label = v.what = "lifetime";
    v.dimension = Dimension::Duration;
    v.unit = system.lifetime.unit;
    v.toInternal = unitSizeOf(system.lifetime);
    v.internal = system.lifetime.internal;
    v.value = system.lifetime.value;
    v.domain = ParamDomain::Positive;
    return v;
}

std::vector<ParamValue> editableParameters(const System& system, std::size_t component) {
    if (component >= system.components.size()) return {};
    const Component& c = system.components[component];
    std::vector<ParamValue> out;
    for (auto& p : componentParameters(c)) {
        // An idle power the measurement gives is not the component's own.
        if (p.ref.path == "inference/idle_power" && c.use.idlePower.dimension != Dimension::Power) continue;
        out.push_back(std::move(p));
    }
    if (c.method == Method::UsePower && !c.duration) {
        ParamValue d = lifetimeParameter(system);
        d.ref = ParamRef::field(c.id, "duration");
        d.what = "duration (the lifetime unless set)";
        d.label = (c.name.empty() ? c.id : c.name) + ": " + d.what;
        d.domain = ParamDomain::NonNegative;
        // Before the efficiency and the grid, as in the file.
        const auto at =
            std::find_if(out.begin(), out.end(), [](const ParamValue& p) { return p.ref.path == "supply/efficiency"; });
        out.insert(at, std::move(d));
    }
    return out;
}

bool setSystemParameter(System& system, const ParamRef& ref, double value, std::string_view unit) {
    if (ref.kind == ParamRef::Kind::Lifetime) {
        const auto u = findUnit(unit);
        if (!u || u->dimension != Dimension::Duration || !admits(ParamDomain::Positive, value)) return false;
        system.lifetime = Amount::make(value, *u);
        return true;
    }
    if (ref.kind != ParamRef::Kind::Field) return false;
    const auto c = std::find_if(system.components.begin(), system.components.end(),
                                [&](const Component& k) { return k.id == ref.component; });
    if (c == system.components.end()) return false;
    const auto params = editableParameters(system, static_cast<std::size_t>(c - system.components.begin()));
    const auto p = std::find_if(params.begin(), params.end(), [&](const ParamValue& q) { return q.ref == ref; });
    if (p == params.end() || !admits(p->domain, value)) return false;
    Component edited = *c;
    if (ref.path == "duration" && !edited.duration) {
        const auto u = findUnit(unit);
        if (!u || u->dimension != Dimension::Duration) return false;
        edited.duration = Amount::make(value, *u);
    } else if (!setComponentParameter(edited, ref.path, value, unit)) {
        return false;
    }
    *c = std::move(edited);
    return true;
}

bool admits(ParamDomain domain, double v) {
    if (!std::isfinite(v)) return false;
    switch (domain) {
    case ParamDomain::NonNegative: return v >= 0.0;
    case ParamDomain::Positive: return v > 0.0;
    case ParamDomain::Fraction: return v >= 0.0 && v <= 1.0;
    case ParamDomain::PositiveFraction: return v > 0.0 && v <= 1.0;
    case ParamDomain::AtLeastOne: return v >= 1.0;
    case ParamDomain::Percent: return v >= 0.0 && v <= 100.0;
    case ParamDomain::Change: return v > -100.0 && v <= 100.0;
    }
    return false;
}

std::string expectedOf(ParamDomain domain) {
    switch (domain) {
    case ParamDomain::NonNegative: return "a number >= 0";
    case ParamDomain::Positive: return "a number > 0";
    case ParamDomain::Fraction: return "a fraction from 0 to 1";
    case ParamDomain::PositiveFraction: return "a fraction above 0, at most 1";
    case ParamDomain::AtLeastOne: return "a number >= 1";
    case ParamDomain::Percent: return "a percentage from 0 to 100";
    case ParamDomain::Change: return "a percentage above -100, at most 100";
    }
    return {};
}

bool setTableCell(FactorSet& factors, std::string_view path, double v) {
    const auto parts = split(path);
    if (parts.size() != 3) return false;
    if (parts[0] == "process_nodes" && factors.processNodes) {
        auto& table = *factors.processNodes;
        if (parts[1] == "package" && parts[2] == "kg_co2e") return table.packageKgCo2e = v, true;
        if (parts[1] == "default" && parts[2] == "yield") return table.defaultYield = v, true;
        if (parts[1] == "default" && parts[2] == "defect_density_per_cm2") return table.defectDensityPerCm2 = v, true;
        const auto nm = parseNumber(parts[1]);
        if (!nm) return false;
        for (auto& n : table.nodes) {
            if (n.nanometres != *nm) continue;
            if (parts[2] == "epa_kwh_per_cm2") return n.energyKwhPerCm2 = v, true;
            if (parts[2] == "gpa_95_g_per_cm2") return n.gas95GPerCm2 = v, true;
            if (parts[2] == "gpa_99_g_per_cm2") return n.gas99GPerCm2 = v, true;
            if (parts[2] == "mpa_g_per_cm2") return n.materialsGPerCm2 = v, true;
            return false;
        }
        return false;
    }
    if (parts[0] == "memory" && factors.memory && parts[2] == "g_co2e_per_gb") {
        for (auto& m : factors.memory->rows)
            if (m.id == parts[1]) return m.gPerGb = v, true;
        return false;
    }
    if (parts[0] == "batteries" && parts[2] == "kg_co2e_per_kwh") {
        for (auto& b : factors.batteries)
            if (b.id == parts[1]) return b.kgPerKwh = v, true;
        return false;
    }
    return false;
}

} // namespace tinyfoot
