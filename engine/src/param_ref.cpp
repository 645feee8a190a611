#include "tinyfoot/engine/param_ref.h"

#include "tinyfoot/engine/format/number.h"

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

    void amount(const std::string& path, const std::string& what, const Amount& a) {
        ParamValue v = base(path, what);
        v.dimension = a.dimension;
        v.unit = a.unit;
        v.toInternal = unitSizeOf(a);
        v.internal = a.internal;
        m_out.push_back(std::move(v));
    }
    void number(const std::string& path, const std::string& what, double value) {
        ParamValue v = base(path, what);
        v.internal = value;
        m_out.push_back(std::move(v));
    }
    std::vector<ParamValue> take() { return std::move(m_out); }

private:
    ParamValue base(const std::string& path, const std::string& what) const {
        ParamValue v;
        v.ref = ParamRef::field(m_c.id, path);
        v.label = (m_c.name.empty() ? m_c.id : m_c.name) + ": " + what;
        return v;
    }
    const Component& m_c;
    std::vector<ParamValue> m_out;
};

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
    Collector out(c);
    switch (c.method) {
    case Method::Ic: {
        const IcModel& ic = c.ic;
        out.number("node_nm", "process node (nm)", ic.nodeNm);
        if (ic.yield) out.number("yield", "fab yield", *ic.yield);
        if (ic.defectDensityPerCm2)
            out.number("yield/defect_density_per_cm2", "defect density (per cm2)", *ic.defectDensityPerCm2);
        if (ic.packages) out.number("packages", "IC packages", *ic.packages);
        for (std::size_t i = 0; i < ic.dies.size(); ++i) {
            const Die& d = ic.dies[i];
            const std::string p = "dies/" + std::to_string(i) + "/";
            const std::string what = named("die", i, d.name);
            out.amount(p + "area", what + " area", d.area);
            out.number(p + "count", what + " count", d.count);
            if (d.nodeNm) out.number(p + "node_nm", what + " node (nm)", *d.nodeNm);
        }
        for (std::size_t i = 0; i < ic.memory.size(); ++i) {
            const MemoryPart& m = ic.memory[i];
            const std::string p = "memory/" + std::to_string(i) + "/";
            const std::string what = named("memory", i, m.name);
            out.amount(p + "capacity", what + " capacity", m.capacity);
            out.number(p + "count", what + " count", m.count);
        }
        break;
    }
    case Method::Battery: {
        const BatteryModel& b = c.battery;
        if (b.capacity) out.amount("capacity", "battery capacity", *b.capacity);
        if (b.voltage) out.amount("voltage", "battery voltage", *b.voltage);
        if (b.mass) out.amount("mass", "battery mass", *b.mass);
        out.number("count", "cells", b.count);
        if (b.cycleLife) out.number("cycle_life", "cycle life", *b.cycleLife);
        if (b.calendarLife) out.amount("calendar_life", "calendar life", *b.calendarLife);
        break;
    }
    case Method::Training: {
        const TrainingModel& t = c.training;
        if (t.energy) out.amount("energy", "training energy", *t.energy);
        if (t.acceleratorHours) {
            out.amount("accelerator_hours", "accelerator hours", *t.acceleratorHours);
            out.number("accelerators", "accelerators", t.accelerators);
        }
        if (t.acceleratorPower) out.amount("accelerator_power", "accelerator power", *t.acceleratorPower);
        out.number("pue", "PUE", t.pue);
        out.number("devices", "devices running the model", t.devices);
        out.number("trainings", "trainings", t.trainings);
        break;
    }
    case Method::UsePower: {
        const UseModel& u = c.use;
        switch (u.kind) {
        case UseModel::Kind::Power: out.amount("power", "power", c.power); break;
        case UseModel::Kind::DutyCycle:
            for (std::size_t i = 0; i < u.states.size(); ++i)
                out.amount("profile/" + std::to_string(i) + "/power", named("state", i, u.states[i].name) + " power",
                           u.states[i].power);
            break;
        case UseModel::Kind::Inference:
            if (!u.measurement) out.amount("inference/energy", "energy per inference", u.energyPerInference);
            out.amount("inference/rate", "inference rate", u.inferenceRate);
            out.amount("inference/idle_power", "idle power", u.idlePower);
            break;
        }
        if (c.duration) out.amount("duration", "duration", *c.duration);
        out.number("supply/efficiency", "supply efficiency", u.efficiency);
        if (u.gridKgPerKwh) out.number("grid", "grid intensity (kg CO2e/kWh)", *u.gridKgPerKwh);
        if (u.trajectory) {
            if (u.trajectory->annualChangePercent)
                out.number("grid_trajectory/annual_change_percent", "grid change (% a year)",
                           *u.trajectory->annualChangePercent);
            for (std::size_t i = 0; i < u.trajectory->points.size(); ++i)
                out.number("grid_trajectory/points/" + std::to_string(i) + "/kg_co2e_per_kwh",
                           "grid in " + format::shortest(u.trajectory->points[i].year) + " (kg CO2e/kWh)",
                           u.trajectory->points[i].kgPerKwh);
        }
        break;
    }
    default: break;
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
    const auto setOptional = [&](auto& member) {
        if (!member) return false;
        if constexpr (std::is_same_v<std::decay_t<decltype(*member)>, Amount>) setAmount(*member, v);
        else *member = v;
        return true;
    };
    switch (c.method) {
    case Method::Ic: {
        IcModel& ic = c.ic;
        if (is({"node_nm"})) return ic.nodeNm = v, true;
        if (is({"yield"})) return setOptional(ic.yield);
        if (is({"yield", "defect_density_per_cm2"})) return setOptional(ic.defectDensityPerCm2);
        if (is({"packages"})) return setOptional(ic.packages);
        if (is({"dies", "#", "area"}) || is({"dies", "#", "count"}) || is({"dies", "#", "node_nm"})) {
            const auto i = index(1, ic.dies.size());
            if (!i) return false;
            Die& d = ic.dies[*i];
            if (parts[2] == "area") return setAmount(d.area, v), true;
            if (parts[2] == "count") return d.count = v, true;
            return setOptional(d.nodeNm);
        }
        if (is({"memory", "#", "capacity"}) || is({"memory", "#", "count"})) {
            const auto i = index(1, ic.memory.size());
            if (!i) return false;
            if (parts[2] == "capacity") return setAmount(ic.memory[*i].capacity, v), true;
            return ic.memory[*i].count = v, true;
        }
        return false;
    }
    case Method::Battery: {
        BatteryModel& b = c.battery;
        if (is({"capacity"})) return setOptional(b.capacity);
        if (is({"voltage"})) return setOptional(b.voltage);
        if (is({"mass"})) return setOptional(b.mass);
        if (is({"count"})) return b.count = v, true;
        if (is({"cycle_life"})) return setOptional(b.cycleLife);
        if (is({"calendar_life"})) return setOptional(b.calendarLife);
        return false;
    }
    case Method::Training: {
        TrainingModel& t = c.training;
        if (is({"energy"})) return setOptional(t.energy);
        if (is({"accelerator_hours"})) return setOptional(t.acceleratorHours);
        if (is({"accelerator_power"})) return setOptional(t.acceleratorPower);
        if (is({"accelerators"})) return t.accelerators = v, true;
        if (is({"pue"})) return t.pue = v, true;
        if (is({"devices"})) return t.devices = v, true;
        if (is({"trainings"})) return t.trainings = v, true;
        return false;
    }
    case Method::UsePower: {
        UseModel& u = c.use;
        if (is({"power"})) return u.kind == UseModel::Kind::Power && (setAmount(c.power, v), true);
        if (is({"profile", "#", "power"})) {
            const auto i = index(1, u.states.size());
            return i && (setAmount(u.states[*i].power, v), true);
        }
        if (is({"inference", "energy"}))
            return u.kind == UseModel::Kind::Inference && !u.measurement && (setAmount(u.energyPerInference, v), true);
        if (is({"inference", "rate"}))
            return u.kind == UseModel::Kind::Inference && (setAmount(u.inferenceRate, v), true);
        if (is({"inference", "idle_power"}))
            return u.kind == UseModel::Kind::Inference && (setAmount(u.idlePower, v), true);
        if (is({"duration"})) return setOptional(c.duration);
        if (is({"supply", "efficiency"})) return u.efficiency = v, true;
        if (is({"grid"})) return setOptional(u.gridKgPerKwh);
        if (!u.trajectory) return false;
        if (is({"grid_trajectory", "annual_change_percent"})) return setOptional(u.trajectory->annualChangePercent);
        if (is({"grid_trajectory", "points", "#", "kg_co2e_per_kwh"})) {
            const auto i = index(2, u.trajectory->points.size());
            return i && (u.trajectory->points[*i].kgPerKwh = v, true);
        }
        return false;
    }
    default: return false;
    }
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
