#include "method_expressions.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/param_ref.h"
#include "tinyfoot/engine/units.h"

namespace tinyfoot::study::detail {

using namespace tinyfoot::units;

MethodExpressions::MethodExpressions(ExpressionGraph& graph, const System& system, const FactorSet& factors,
                                     InputLookup lookup)
    : m_g(graph), m_system(system), m_factors(factors), m_lookup(std::move(lookup)) {}

ExpressionGraph::Id MethodExpressions::number(std::size_t ci, const std::string& path, double value) {
    const auto in = m_lookup.find(ci, ParamRef::field(m_system.components[ci].id, path).key());
    return in ? m_g.input(*in) : m_g.constant(value);
}

ExpressionGraph::Id MethodExpressions::cell(std::size_t ci, const std::string& path, double value) {
    const auto in = m_lookup.find(ci, ParamRef::tableCell(path).key());
    return in ? m_g.input(*in) : m_g.constant(value);
}

ExpressionGraph::Id MethodExpressions::duration(std::size_t ci) {
    const Component& c = m_system.components[ci];
    return c.duration ? number(ci, "duration", c.duration->internal) : m_g.input(m_lookup.lifetime);
}

std::optional<ExpressionGraph::Id> MethodExpressions::averagePower(std::size_t ci) {
    const Component& c = m_system.components[ci];
    const UseModel& u = c.use;
    switch (u.kind) {
    case UseModel::Kind::Power: return number(ci, "power", c.power.internal);
    case UseModel::Kind::DutyCycle: {
        const std::size_t n = u.states.size();
        std::vector<Id> power(n);
        std::vector<std::optional<Id>> drawn(n);
        bool anyDrawn = false;
        for (std::size_t i = 0; i < n; ++i) {
            const std::string at = "profile/" + std::to_string(i) + "/";
            power[i] = number(ci, at + "power", u.states[i].power.internal);
            if (const auto in = m_lookup.find(ci, ParamRef::field(c.id, at + "fraction").key())) {
                drawn[i] = m_g.input(*in);
                anyDrawn = true;
            }
        }
        Id p = k(0.0);
        if (!anyDrawn) {
            for (std::size_t i = 0; i < n; ++i) p = m_g.add(p, m_g.mul(power[i], k(u.states[i].fraction)));
            return p;
        }
        // Fractions drawn by a study: model_math::profileFractions, operation by operation.
        const auto d = [&](std::size_t i) { return drawn[i] ? *drawn[i] : k(u.states[i].fraction); };
        Id total = k(0.0);
        for (std::size_t i = 0; i < n; ++i) {
            Id w = m_g.mul(d(i), k(1.0 - u.states[i].fraction));
            for (std::size_t j = 0; j < n; ++j)
                if (j != i) w = m_g.mul(w, m_g.sub(k(1.0), d(j)));
            total = m_g.add(total, w);
            p = m_g.add(p, m_g.mul(power[i], w));
        }
        return m_g.div(p, total);
    }
    case UseModel::Kind::Inference: {
        const Measurement* m = u.measurement ? &*u.measurement : nullptr;
        if (!u.measurementFile.empty() && !m) return std::nullopt;
        const bool idleFromMeasurement = u.idlePower.dimension != Dimension::Power;
        if (idleFromMeasurement && !(m && m->idlePower)) return std::nullopt;
        const Id rate = number(ci, "inference/rate", u.inferenceRate.internal);
        const Id idle =
            idleFromMeasurement ? k(m->idlePower->internal) : number(ci, "inference/idle_power", u.idlePower.internal);
        if (!m) return m_g.add(m_g.mul(number(ci, "inference/energy", u.energyPerInference.internal), rate), idle);
        // The measured (or emulated) energy is an input, drawn over its spread where the file gives one.
        const Id energy = number(ci, "inference/measured_energy", m->usedEnergy().internal);
        if (!m->idleSubtracted && m->inferenceTime) {
            // Gross energy while busy, idle power for the rest of the time (clamped at 0).
            const Id busy = m_g.mul(rate, k(m->inferenceTime->internal));
            return m_g.add(m_g.mul(energy, rate), m_g.mul(idle, m_g.max(k(0.0), m_g.sub(k(1.0), busy))));
        }
        return m_g.add(m_g.mul(energy, rate), idle);
    }
    }
    return std::nullopt;
}

ExpressionGraph::Id MethodExpressions::deviceEnergy() {
    if (m_deviceEnergy) return *m_deviceEnergy;
    Id e = k(0.0);
    for (std::size_t ci = 0; ci < m_system.components.size(); ++ci) {
        const Component& c = m_system.components[ci];
        if (!c.enabled || c.method != Method::UsePower) continue;
        if (const auto p = averagePower(ci)) e = m_g.add(e, m_g.mul(*p, duration(ci)));
    }
    m_deviceEnergy = e;
    return e;
}

std::optional<std::vector<LineExpression>> MethodExpressions::lines(std::size_t ci) {
    switch (m_system.components[ci].method) {
    case Method::Ic: return ic(ci);
    case Method::Battery: return battery(ci);
    case Method::Training: return training(ci);
    case Method::UsePower: return use(ci);
    default: return std::nullopt;
    }
}

std::optional<std::vector<LineExpression>> MethodExpressions::use(std::size_t ci) {
    const Component& c = m_system.components[ci];
    const UseModel& u = c.use;
    const auto power = averagePower(ci);
    if (!power) return std::nullopt;
    const Id time = duration(ci);
    const Id energy = m_g.mul(*power, time);
    if (u.supply == Supply::Primary) return std::vector<LineExpression>{{k(0.0)}};
    const Id gridEnergy = m_g.div(energy, number(ci, "supply/efficiency", u.efficiency));
    const Id years = m_g.div(time, k(kYearInS));
    const bool points = u.trajectory && !u.trajectory->points.empty();
    Id kgPerKwh = 0;
    if (points) {
        std::vector<double> xs;
        std::vector<Id> ys;
        for (std::size_t i = 0; i < u.trajectory->points.size(); ++i) {
            xs.push_back(u.trajectory->points[i].year);
            ys.push_back(number(ci, "grid_trajectory/points/" + std::to_string(i) + "/kg_co2e_per_kwh",
                                u.trajectory->points[i].kgPerKwh));
        }
        kgPerKwh = m_g.trajectoryMean(years, u.trajectory->startYear, std::move(xs), std::move(ys));
    } else if (u.gridKgPerKwh) {
        kgPerKwh = number(ci, "grid", *u.gridKgPerKwh);
    } else {
        const auto f = m_lookup.factor(ci, c.grid);
        if (!f) return std::nullopt;
        kgPerKwh = m_g.mul(m_g.input(*f), k(kKilowattHourInJ));
    }
    if (u.trajectory && !points)
        kgPerKwh = m_g.mul(
            kgPerKwh,
            m_g.binary(ExprOp::GrowthMean,
                       number(ci, "grid_trajectory/annual_change_percent", *u.trajectory->annualChangePercent), years));
    return std::vector<LineExpression>{{m_g.mul(m_g.div(gridEnergy, k(kKilowattHourInJ)), kgPerKwh)}};
}

std::optional<std::vector<LineExpression>> MethodExpressions::battery(std::size_t ci) {
    const Component& c = m_system.components[ci];
    const BatteryModel& b = c.battery;
    const BatteryChemistry* chem = m_factors.battery(b.chemistry);
    if (!chem) return std::nullopt;
    Id capacity = k(0.0);
    if (b.capacity && b.capacity->dimension == Dimension::Energy)
        capacity = number(ci, "capacity", b.capacity->internal);
    else if (b.capacity)
        capacity = m_g.mul(number(ci, "capacity", b.capacity->internal), number(ci, "voltage", b.voltage->internal));
    else if (b.mass) {
        if (!chem->whPerKg) return std::nullopt;
        capacity = m_g.mul(m_g.mul(number(ci, "mass", b.mass->internal), k(*chem->whPerKg)), k(kHourInS));
    }
    const Id pack = m_g.mul(capacity, number(ci, "count", b.count));
    Id sets = k(1.0);
    if (b.replacements) {
        sets = k(1.0 + *b.replacements);
    } else {
        const Id deviceWh = m_g.div(deviceEnergy(), k(kHourInS));
        const Id packWh = m_g.div(pack, k(kHourInS));
        if (chem->rechargeable && b.cycleLife) {
            const Id n = m_g.unary(ExprOp::CeilSteps,
                                   m_g.div(deviceWh, m_g.mul(packWh, number(ci, "cycle_life", *b.cycleLife))));
            sets = m_g.select(pack, m_g.max(sets, n), sets);
        }
        if (!chem->rechargeable) {
            const Id n = m_g.unary(ExprOp::CeilSteps, m_g.div(deviceWh, packWh));
            sets = m_g.select(pack, m_g.max(sets, n), sets);
        }
        if (b.calendarLife) {
            const Id n = m_g.unary(ExprOp::CeilSteps, m_g.div(m_g.input(m_lookup.lifetime),
                                                              number(ci, "calendar_life", b.calendarLife->internal)));
            sets = m_g.max(sets, n);
        }
    }
    const Id perKwh = cell(ci, "batteries/" + chem->id + "/kg_co2e_per_kwh", chem->kgPerKwh);
    return std::vector<LineExpression>{{m_g.mul(m_g.mul(m_g.div(pack, k(kKilowattHourInJ)), perKwh), sets)}};
}

std::optional<std::vector<LineExpression>> MethodExpressions::training(std::size_t ci) {
    const TrainingModel& t = m_system.components[ci].training;
    const auto grid = m_lookup.factor(ci, t.grid);
    if (!grid) return std::nullopt;
    const Id energy = t.energy ? number(ci, "energy", t.energy->internal)
                               : m_g.mul(m_g.mul(number(ci, "accelerator_hours", t.acceleratorHours->internal),
                                                 number(ci, "accelerator_power", t.acceleratorPower->internal)),
                                         number(ci, "accelerators", t.accelerators));
    const Id share = m_g.div(m_g.mul(number(ci, "pue", t.pue), number(ci, "trainings", t.trainings)),
                             number(ci, "devices", t.devices));
    return std::vector<LineExpression>{{m_g.mul(m_g.mul(energy, m_g.input(*grid)), share)}};
}

std::optional<std::vector<LineExpression>> MethodExpressions::ic(std::size_t ci) {
    const IcModel& ic = m_system.components[ci].ic;
    if (!m_factors.processNodes || m_factors.processNodes->nodes.empty()) return std::nullopt;
    const ProcessNodeTable& t = *m_factors.processNodes;
    const auto grid = m_lookup.factor(ci, ic.fabGrid);
    if (!grid) return std::nullopt;
    const Id ciKgPerKwh = m_g.mul(m_g.input(*grid), k(kKilowattHourInJ));

    std::vector<double> xs;
    std::vector<Id> epa, g95, g99, mpa;
    for (const auto& row : t.nodes) {
        const std::string at = "process_nodes/" + format::shortest(row.nanometres) + "/";
        xs.push_back(row.nanometres);
        epa.push_back(cell(ci, at + "epa_kwh_per_cm2", row.energyKwhPerCm2));
        g95.push_back(cell(ci, at + "gpa_95_g_per_cm2", row.gas95GPerCm2));
        g99.push_back(cell(ci, at + "gpa_99_g_per_cm2", row.gas99GPerCm2));
        mpa.push_back(cell(ci, at + "mpa_g_per_cm2", row.materialsGPerCm2));
    }
    const Id fixedYield =
        ic.yield ? number(ci, "yield", *ic.yield) : cell(ci, "process_nodes/default/yield", t.defaultYield);
    const Id d0 = ic.defectDensityPerCm2
                      ? number(ci, "yield/defect_density_per_cm2", *ic.defectDensityPerCm2)
                      : cell(ci, "process_nodes/default/defect_density_per_cm2", t.defectDensityPerCm2);
    const Id gram = k(kGramInKg);

    std::vector<LineExpression> out;
    Id parts = k(0.0);
    for (std::size_t i = 0; i < ic.dies.size(); ++i) {
        const Die& d = ic.dies[i];
        const std::string at = "dies/" + std::to_string(i) + "/";
        const Id nm = d.nodeNm ? number(ci, at + "node_nm", *d.nodeNm) : number(ci, "node_nm", ic.nodeNm);
        const auto column = [&](const std::vector<Id>& values) { return m_g.interpolate(nm, xs, values); };
        Id gas = 0;
        switch (ic.gasAbatement) {
        case GasAbatement::Percent95: gas = column(g95); break;
        case GasAbatement::Percent99: gas = column(g99); break;
        case GasAbatement::Mean: gas = m_g.mul(k(0.5), m_g.add(column(g95), column(g99))); break;
        }
        const Id areaCm2 = m_g.div(number(ci, at + "area", d.area.internal), k(kSquareCentimetreInM2));
        Id yield = fixedYield;
        const Id ad = m_g.mul(areaCm2, d0);
        if (ic.yieldModel == YieldModel::Poisson) yield = m_g.unary(ExprOp::Exp, m_g.unary(ExprOp::Neg, ad));
        else if (ic.yieldModel == YieldModel::Murphy) yield = m_g.unary(ExprOp::MurphyYield, ad);
        const Id perCm2 = m_g.div(
            m_g.add(m_g.add(m_g.mul(ciKgPerKwh, column(epa)), m_g.mul(gas, gram)), m_g.mul(column(mpa), gram)), yield);
        const Id count = number(ci, at + "count", d.count);
        out.push_back({m_g.mul(m_g.mul(perCm2, areaCm2), count)});
        parts = m_g.add(parts, count);
    }
    for (std::size_t i = 0; i < ic.memory.size(); ++i) {
        const MemoryPart& m = ic.memory[i];
        const MemoryTechnology* tech = m_factors.memory ? m_factors.memory->find(m.technology) : nullptr;
        if (!tech) continue; // calculate() reports it and leaves the line out
        const std::string at = "memory/" + std::to_string(i) + "/";
        const Id perGb = cell(ci, "memory/" + tech->id + "/g_co2e_per_gb", tech->gPerGb);
        const Id gb = m_g.div(number(ci, at + "capacity", m.capacity.internal), k(kGigabyteInBytes));
        const Id count = number(ci, at + "count", m.count);
        out.push_back({m_g.mul(m_g.mul(m_g.div(m_g.mul(perGb, gram), fixedYield), gb), count)});
        parts = m_g.add(parts, count);
    }
    // The package line exists when there are packages (a sample may take them to 0).
    const Id packages = ic.packages ? number(ci, "packages", *ic.packages) : parts;
    const Id perPackage = cell(ci, "process_nodes/package/kg_co2e", t.packageKgCo2e);
    out.push_back({m_g.select(packages, m_g.mul(packages, perPackage), k(0.0))});
    return out;
}

} // namespace tinyfoot::study::detail
