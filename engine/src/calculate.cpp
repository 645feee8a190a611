#include "tinyfoot/engine/calculate.h"

#include "model_math.h"

#include "tinyfoot/engine/format/number.h"

#include <algorithm>
#include <cmath>

namespace tinyfoot {

using namespace tinyfoot::units;

std::string_view severityId(Severity s) {
    switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
    }
    return "unknown";
}

std::string_view methodId(Method m) {
    switch (m) {
    case Method::Hsl: return "hsl";
    case Method::Inventory: return "inventory";
    case Method::Transport: return "transport";
    case Method::UsePower: return "use_power";
    case Method::Fixed: return "fixed";
    case Method::Ic: return "ic";
    case Method::Battery: return "battery";
    case Method::Training: return "training";
    }
    return "unknown";
}

Co2e Result::block(Block b) const {
    const auto it = byBlock.find(b);
    return it == byBlock.end() ? kgCo2e(0.0) : it->second;
}

Co2e Result::stage(Stage s) const {
    const auto it = byStage.find(s);
    return it == byStage.end() ? kgCo2e(0.0) : it->second;
}

namespace {

std::string written(const Amount& a) { return format::shortestRounded(a.value) + " " + a.unit; }

class Calculator {
public:
    Calculator(const System& system, const FactorSet& factors, const HslCatalogue* hsl)
        : m_system(system), m_factors(factors), m_hsl(hsl) {}

    Result run() {
        Result r;
        r.systemId = m_system.id;
        r.systemName = m_system.name;
        r.systemLabel = m_system.label.empty() ? m_system.id : m_system.label;
        r.systemKind = m_system.kind;
        r.factorSet = m_factors.id;
        r.total = kgCo2e(0.0);
        r.embodied = kgCo2e(0.0);
        r.operational = kgCo2e(0.0);
        r.lifetimeYears = inYears(m_system.lifetime.duration());
        // The energy the device draws over its life, for battery replacements; and the number
        // of inferences, for the per-inference functional unit.
        for (const auto& c : m_system.components) {
            if (!c.enabled || c.method != Method::UsePower) continue;
            const Duration d = (c.duration ? *c.duration : m_system.lifetime).duration();
            if (auto p = averagePower(c)) m_deviceEnergy += *p * d;
            if (c.use.kind == UseModel::Kind::Inference) {
                const double n = c.use.inferenceRate.rate().value() * d.value();
                r.inferences = r.inferences.value_or(0.0) + n;
            }
        }
        for (const auto& c : m_system.components) {
            ComponentResult cr = component(c);
            if (cr.enabled) {
                r.byBlock[cr.block] = r.block(cr.block) + cr.co2e;
                r.byStage[cr.stage] = r.stage(cr.stage) + cr.co2e;
                r.total += cr.co2e;
                if (isEmbodied(cr.stage)) r.embodied += cr.co2e;
                if (isOperational(cr.stage)) r.operational += cr.co2e;
                if (cr.stage == Stage::WholeLifeCycle) r.stageSplitKnown = false;
                if (!cr.complete) r.complete = false;
            }
            r.components.push_back(std::move(cr));
        }
        r.factorsUsed = std::move(m_used);
        r.diagnostics = std::move(m_diagnostics);
        for (Flag flag : {Flag::Extrapolated, Flag::ConflictingSources, Flag::Inherited}) {
            std::string ids;
            for (const Factor* f : r.factorsUsed)
                if (f->hasFlag(flag)) ids += (ids.empty() ? "" : ", ") + f->id;
            if (ids.empty()) continue;
            r.diagnostics.push_back({Severity::Note, std::string(flagId(flag)) + "-factors",
                                     "this result uses factors flagged '" + std::string(flagId(flag)) + "': " + ids +
                                         " (see their notes: tinyfoot factors)",
                                     m_system.id});
        }
        for (const Factor* f : r.factorsUsed) {
            if (f->derivation != Derivation::BackSolved) continue;
            r.diagnostics.push_back({Severity::Note, "back-solved-factors",
                                     "this result uses back-solved factors (never published; solved "
                                     "for so that a published table is reproduced)",
                                     m_system.id});
            break;
        }
        if (!r.stageSplitKnown)
            r.diagnostics.push_back({Severity::Note, "stage-split-unknown",
                                     "part of the total is a declared figure not split by life-cycle "
                                     "stage; embodied and operational totals leave it out",
                                     m_system.id});
        return r;
    }

private:
    const Factor* factor(const std::string& id, Dimension per, const std::string& where, ComponentResult& cr) {
        const Factor* f = m_factors.find(id);
        if (!f) {
            cr.complete = false;
            m_diagnostics.push_back({Severity::Error, "missing-factor",
                                     "factor '" + id + "' is not in factor set '" + m_factors.id +
                                         "'; this line is left out and the total is incomplete",
                                     where});
            return nullptr;
        }
        if (f->per != per) {
            cr.complete = false;
            m_diagnostics.push_back({Severity::Error, "factor-dimension",
                                     "factor '" + id + "' is per " + describeDimension(f->per) + " but the amount is " +
                                         describeDimension(per) + "; this line is left out",
                                     where});
            return nullptr;
        }
        if (std::find(m_used.begin(), m_used.end(), f) == m_used.end()) m_used.push_back(f);
        for (Flag flag : f->flags) addFlag(cr, flag);
        return f;
    }

    static void addFlag(ComponentResult& cr, Flag flag) {
        if (std::find(cr.flags.begin(), cr.flags.end(), flag) == cr.flags.end()) cr.flags.push_back(flag);
    }

    void error(ComponentResult& cr, const std::string& code, const std::string& message, const std::string& where) {
        cr.complete = false;
        m_diagnostics.push_back({Severity::Error, code, message, where});
    }

    void item(const std::string& name, const Amount& amount, const std::string& factorId, const std::string& where,
              ComponentResult& cr) {
        const Factor* f = factor(factorId, amount.dimension, where, cr);
        LineResult line;
        line.name = name;
        line.quantity = written(amount);
        line.amounts.emplace_back(name, amount);
        line.factorId = factorId;
        line.co2e = kgCo2e(0.0);
        if (f) {
            line.factorValue = f->value;
            line.factorUnit = f->unit;
            switch (amount.dimension) {
            case Dimension::Mass: line.co2e = amount.mass() * f->perMass(); break;
            case Dimension::Area: line.co2e = amount.area() * f->perArea(); break;
            case Dimension::Length: line.co2e = amount.length() * f->perLength(); break;
            case Dimension::Energy: line.co2e = amount.energy() * f->perEnergy(); break;
            case Dimension::Count: line.co2e = amount.count() * f->perCount(); break;
            default:
                cr.complete = false;
                m_diagnostics.push_back({Severity::Error, "unsupported-amount",
                                         "an inventory item cannot be " + describeDimension(amount.dimension), where});
            }
        }
        cr.co2e += line.co2e;
        cr.lines.push_back(std::move(line));
    }

    void transportLeg(const std::string& mode, const Amount& mass, const Amount& distance, const std::string& factorId,
                      const std::string& where, ComponentResult& cr) {
        const Factor* f = factor(factorId, Dimension::MassDistance, where, cr);
        LineResult line;
        line.name = mode;
        line.quantity = written(mass) + " x " + written(distance);
        line.amounts.emplace_back("mass", mass);
        line.amounts.emplace_back("distance", distance);
        line.factorId = factorId;
        line.co2e = kgCo2e(0.0);
        if (f) {
            line.factorValue = f->value;
            line.factorUnit = f->unit;
            const MassDistance work = mass.mass() * distance.length();
            line.co2e = work * f->perMassDistance();
        }
        cr.co2e += line.co2e;
        cr.lines.push_back(std::move(line));
    }

    ComponentResult component(const Component& c) {
        ComponentResult cr;
        cr.id = c.id;
        cr.name = c.name;
        cr.block = c.block;
        cr.stage = c.stage;
        cr.method = c.method;
        cr.enabled = c.enabled;
        cr.co2e = kgCo2e(0.0);
        const std::string where = c.id;
        switch (c.method) {
        case Method::Hsl: hslComponent(c, cr); break;
        case Method::Inventory:
            for (const auto& i : c.items) item(i.name, i.amount, i.factor, where + "/" + i.name, cr);
            break;
        case Method::Transport:
            for (const auto& leg : c.legs)
                transportLeg(leg.mode, c.transportMass, leg.distance, leg.factor, where + "/" + leg.mode, cr);
            break;
        case Method::UsePower: usePower(c, cr); break;
        case Method::Ic: icComponent(c, cr); break;
        case Method::Battery: batteryComponent(c, cr); break;
        case Method::Training: trainingComponent(c, cr); break;
        case Method::Fixed: {
            LineResult line;
            line.name = c.name;
            line.quantity = c.sharePercent == 100.0
                                ? written(c.fixed)
                                : format::shortestRounded(c.sharePercent) + " % of " + written(c.fixed);
            line.amounts.emplace_back("declared", c.fixed);
            line.co2e = c.fixed.co2e() * (c.sharePercent / 100.0);
            cr.co2e += line.co2e;
            cr.methodDetail = "declared value";
            cr.lines.push_back(std::move(line));
            break;
        }
        }
        if (!c.enabled) cr.methodDetail += cr.methodDetail.empty() ? "left out" : " (left out)";
        return cr;
    }

    void hslComponent(const Component& c, ComponentResult& cr) {
        cr.methodDetail = "HSL-" + std::to_string(c.hsl.level) + " " + std::string(boundId(c.hsl.bound));
        const HslLevel* level = m_hsl ? m_hsl->find(c.block, c.hsl.level) : nullptr;
        if (!level) {
            cr.complete = false;
            m_diagnostics.push_back(
                {Severity::Error, "missing-hsl",
                 "no HSL-" + std::to_string(c.hsl.level) + " for block '" + std::string(blockId(c.block)) + "'", c.id});
            return;
        }
        for (const auto& i : level->items) item(i.name, i.amount.at(c.hsl.bound), i.factor, c.id + "/" + i.name, cr);
        if (level->transportMass) {
            const Amount& mass = level->transportMass->at(c.hsl.bound);
            for (const auto& leg : level->legs)
                transportLeg(leg.mode, mass, leg.distance.at(c.hsl.bound), leg.factor, c.id + "/" + leg.mode, cr);
        }
    }

    /// The measurement behind an inference use stage, when it has one and it is loaded.
    static const Measurement* measurementOf(const Component& c) {
        return c.use.measurement ? &*c.use.measurement : nullptr;
    }

    /// Average electrical power drawn by the device (before any charger or adapter losses), or
    /// nothing when it cannot be known (a referenced measurement that was not loaded).
    static std::optional<Power> averagePower(const Component& c) {
        const UseModel& u = c.use;
        switch (u.kind) {
        case UseModel::Kind::Power: return c.power.power();
        case UseModel::Kind::DutyCycle: {
            Power p = watts(0.0);
            for (const auto& s : u.states) p += s.power.power() * s.fraction;
            return p;
        }
        case UseModel::Kind::Inference: {
            const Rate rate = u.inferenceRate.rate();
            const Measurement* m = measurementOf(c);
            if (!u.measurementFile.empty() && !m) return std::nullopt;
            const bool idleFromMeasurement = u.idlePower.dimension != Dimension::Power;
            if (idleFromMeasurement && !(m && m->idlePower)) return std::nullopt;
            const Power idle = idleFromMeasurement ? m->idlePower->power() : u.idlePower.power();
            if (!m) return u.energyPerInference.energy() * rate + idle;
            // Measured: the idle-subtracted energy plus idle power all the time; or the gross
            // energy while busy plus idle power for the rest of the time.
            if (m->idleSubtracted) return m->idleSubtracted->energy() * rate + idle;
            if (m->inferenceTime) {
                const double busy = rate.value() * m->inferenceTime->duration().value();
                return m->energyPerInference.energy() * rate + idle * std::max(0.0, 1.0 - busy);
            }
            return m->energyPerInference.energy() * rate + idle;
        }
        }
        return std::nullopt;
    }

    /// Mean grid intensity over [start, start + years] of a trajectory, as a multiple of the
    /// starting intensity (annual change) or in kg/kWh (points).
    static double trajectoryMean(const GridTrajectory& t, double years) {
        if (t.annualChangePercent) return model_math::growthMean(*t.annualChangePercent, years);
        std::vector<double> xs;
        for (const auto& p : t.points) xs.push_back(p.year);
        return model_math::pointsMean(
            xs.data(), xs.size(), [&](std::size_t i) { return t.points[i].kgPerKwh; }, t.startYear, years);
    }

    void usePower(const Component& c, ComponentResult& cr) {
        const UseModel& u = c.use;
        const Amount duration = c.duration ? *c.duration : m_system.lifetime;
        LineResult line;
        line.name = "electricity";
        line.co2e = kgCo2e(0.0);
        const auto power = averagePower(c);
        if (!power) {
            error(cr, "measurement-missing",
                  u.measurementFile.empty() || u.measurement
                      ? "the measurement gives no idle power; give \"idle_power\" in the use stage"
                      : "the measurement '" + u.measurementFile + "' was not loaded; the use stage is left out",
                  c.id);
            cr.lines.push_back(std::move(line));
            return;
        }
        if (u.measurement) cr.measurement = u.measurement;
        switch (u.kind) {
        case UseModel::Kind::Power:
            line.quantity = written(c.power) + " x " + written(duration);
            line.amounts.emplace_back("power", c.power);
            cr.methodDetail = "average power x duration x grid";
            break;
        case UseModel::Kind::DutyCycle:
            for (const auto& st : u.states) {
                line.quantity += (line.quantity.empty() ? "" : " + ") + written(st.power) + " x " +
                                 format::shortestRounded(st.fraction);
                line.amounts.emplace_back(st.name + " power", st.power);
            }
            line.quantity = "(" + line.quantity + ") x " + written(duration);
            cr.methodDetail = "duty-cycled power x duration x grid";
            break;
        case UseModel::Kind::Inference: {
            const Measurement* m = measurementOf(c);
            const Amount& e = m ? m->usedEnergy() : u.energyPerInference;
            line.quantity = written(e) + " x " + written(u.inferenceRate) + " + idle, x " + written(duration);
            line.amounts.emplace_back("energy per inference", e);
            line.amounts.emplace_back("inference rate", u.inferenceRate);
            cr.methodDetail = m ? "measured energy per inference (" + m->kind + ") x rate + idle power"
                                : "energy per inference x rate + idle power";
            if (m && !m->complete)
                m_diagnostics.push_back({Severity::Warning, "measurement-incomplete",
                                         "the measurement '" + m->file + "' is from a session marked incomplete",
                                         c.id});
            if (m && m->kind != "measured")
                m_diagnostics.push_back({Severity::Note, "measurement-kind",
                                         "the energy per inference is an " + m->kind + " ('" + m->file + "')", c.id});
            if (m && m->spread)
                m_diagnostics.push_back({Severity::Note, "measurement-spread",
                                         "the energy per inference may lie between " +
                                             format::shortestRounded(m->spread->low) + " and " +
                                             format::shortestRounded(m->spread->high) + " times its value (" +
                                             m->spread->basis + "); studies draw it uniformly over that range",
                                         c.id});
            break;
        }
        }
        line.amounts.emplace_back("average power", Amount::make(power->value() * 1e3, *findUnit("mW")));
        line.amounts.emplace_back("duration", duration);
        const Energy deviceEnergy = *power * duration.duration();
        line.amounts.emplace_back("device energy", Amount::make(inWattHours(deviceEnergy), *findUnit("Wh")));
        if (u.supply == Supply::Primary) {
            line.quantity += ", from primary cells (no grid electricity)";
            cr.methodDetail += "; primary cells";
            cr.co2e += line.co2e;
            cr.lines.push_back(std::move(line));
            return;
        }
        const Energy gridEnergy = deviceEnergy / u.efficiency;
        if (u.efficiency != 1.0) {
            line.quantity += " / " + format::shortestRounded(u.efficiency) +
                             (u.supply == Supply::Battery ? " (charger)" : " (adapter)");
            line.amounts.emplace_back("grid energy", Amount::make(inWattHours(gridEnergy), *findUnit("Wh")));
        }
        double kgPerKwh = 0.0;
        const bool points = u.trajectory && !u.trajectory->points.empty();
        if (points) {
            kgPerKwh = trajectoryMean(*u.trajectory, inYears(duration.duration()));
            line.factorId = "grid trajectory";
            line.factorUnit = "kg_co2e/kWh";
        } else if (u.gridKgPerKwh) {
            kgPerKwh = *u.gridKgPerKwh;
            line.factorId = "user grid";
            line.factorUnit = "kg_co2e/kWh";
        } else {
            const Factor* f = factor(c.grid, Dimension::Energy, c.id, cr);
            line.factorId = c.grid;
            if (!f) {
                cr.lines.push_back(std::move(line));
                return;
            }
            kgPerKwh = f->internal * kKilowattHourInJ;
            line.factorUnit = f->unit;
        }
        if (u.trajectory && !points) {
            const double mean = trajectoryMean(*u.trajectory, inYears(duration.duration()));
            kgPerKwh *= mean;
            line.quantity += ", grid " + format::shortestRounded(*u.trajectory->annualChangePercent) + " %/year from " +
                             format::shortestRounded(u.trajectory->startYear) + " (mean x" +
                             format::shortestRounded(mean) + ")";
            line.factorUnit = "kg_co2e/kWh";
            // The factor is now the grid's mean over the use period, no longer the entry as written.
            line.derivedFrom.push_back(std::move(line.factorId));
            line.factorId.clear();
            line.derivation = "grid intensity x the mean of its annual change over the use period, in kg_co2e/kWh";
        }
        // A factor without a trajectory is shown as written in its set; anything else in kg/kWh.
        const Factor* written = line.factorUnit == "kg_co2e/kWh" ? nullptr : m_factors.find(c.grid);
        line.factorValue = written ? written->value : kgPerKwh;
        line.co2e = kgCo2e(inKilowattHours(gridEnergy) * kgPerKwh);
        cr.co2e += line.co2e;
        cr.lines.push_back(std::move(line));
    }

    /// Fab yield of a die of `areaCm2` under the component's yield model.
    double dieYield(const IcModel& ic, const ProcessNodeTable& t, double areaCm2) const {
        const double d0 = ic.defectDensityPerCm2.value_or(t.defectDensityPerCm2);
        const double ad = areaCm2 * d0;
        switch (ic.yieldModel) {
        case YieldModel::Fixed: return ic.yield.value_or(t.defaultYield);
        case YieldModel::Poisson: return model_math::poissonYield(ad);
        case YieldModel::Murphy: return model_math::murphyYield(ad);
        }
        return ic.yield.value_or(t.defaultYield);
    }

    /// The fluorinated-gas emissions per cm² of a row (g CO2e) under an abatement.
    static double gasPerCm2(GasAbatement abatement, const ProcessNode& row) {
        switch (abatement) {
        case GasAbatement::Percent95: return row.gas95GPerCm2;
        case GasAbatement::Percent99: return row.gas99GPerCm2;
        case GasAbatement::Mean: break;
        }
        return 0.5 * (row.gas95GPerCm2 + row.gas99GPerCm2);
    }

    /// The process-node row for `nm`: exact, interpolated linearly in node between neighbours,
    /// or the nearest end row held (extrapolated).
    static ProcessNode nodeRow(const ProcessNodeTable& t, double nm, bool& extrapolated, bool& interpolated) {
        extrapolated = interpolated = false;
        const auto& n = t.nodes;
        if (nm <= n.front().nanometres) {
            extrapolated = nm < n.front().nanometres;
            return n.front();
        }
        if (nm >= n.back().nanometres) {
            extrapolated = nm > n.back().nanometres;
            return n.back();
        }
        std::vector<double> xs;
        for (const auto& row : n) xs.push_back(row.nanometres);
        const auto column = [&](double ProcessNode::*member) {
            return model_math::interpolate(xs.data(), xs.size(), nm, [&](std::size_t i) { return n[i].*member; });
        };
        interpolated = std::find(xs.begin(), xs.end(), nm) == xs.end();
        return ProcessNode{nm, column(&ProcessNode::energyKwhPerCm2), column(&ProcessNode::gas95GPerCm2),
                           column(&ProcessNode::gas99GPerCm2), column(&ProcessNode::materialsGPerCm2)};
    }

    void icComponent(const Component& c, ComponentResult& cr) {
        const IcModel& ic = c.ic;
        cr.methodDetail = "ACT: die area x (fab grid x EPA + GPA + MPA) / yield + packages";
        if (!m_factors.processNodes) {
            error(cr, "missing-table",
                  "factor set '" + m_factors.id + "' has no process-node table (include one, e.g. act-2022)", c.id);
            return;
        }
        const ProcessNodeTable& t = *m_factors.processNodes;
        const Factor* grid = factor(ic.fabGrid, Dimension::Energy, c.id + "/fab_grid", cr);
        if (!grid) return;
        const double ciKgPerKwh = grid->internal * kKilowattHourInJ;
        double parts = 0.0;
        for (const auto& d : ic.dies) {
            const double nm = d.nodeNm.value_or(ic.nodeNm);
            bool extrapolated = false, interpolated = false;
            const ProcessNode row = nodeRow(t, nm, extrapolated, interpolated);
            const double gas = gasPerCm2(ic.gasAbatement, row);
            const double areaCm2 = d.area.area().value() / kSquareCentimetreInM2;
            const double y = dieYield(ic, t, areaCm2);
            const double kgPerCm2 =
                (ciKgPerKwh * row.energyKwhPerCm2 + gas * kGramInKg + row.materialsGPerCm2 * kGramInKg) / y;
            LineResult line;
            line.name = d.name;
            line.quantity = written(d.area) + (d.count == 1.0 ? "" : " x " + format::shortestRounded(d.count)) +
                            " at " + format::shortestRounded(nm) + " nm, yield " + format::shortestRounded(y);
            if (extrapolated) {
                line.quantity += " (extrapolated: " + t.extrapolationRule + ")";
                addFlag(cr, Flag::Extrapolated);
                m_diagnostics.push_back(
                    {Severity::Warning, "extrapolated-node",
                     "die '" + d.name + "' at " + format::shortestRounded(nm) + " nm is outside the table (" +
                         format::shortestRounded(t.nodes.front().nanometres) + "-" +
                         format::shortestRounded(t.nodes.back().nanometres) + " nm): " + t.extrapolationRule,
                     c.id});
            } else if (interpolated) {
                line.quantity += " (interpolated between table nodes)";
            }
            line.amounts.emplace_back("die area", d.area);
            line.amounts.emplace_back("count", Amount::make(d.count, *findUnit("part")));
            line.derivedFrom.push_back(ic.fabGrid);
            line.derivation = "ACT per-area model: (fab grid x EPA + GPA + MPA) / yield, from the process-node table";
            line.factorValue = kgPerCm2 * kSquareMillimetreInM2 / kSquareCentimetreInM2;
            line.factorUnit = "kg_co2e/mm2";
            line.co2e = kgCo2e(kgPerCm2 * areaCm2 * d.count);
            cr.co2e += line.co2e;
            cr.lines.push_back(std::move(line));
            parts += d.count;
        }
        for (const auto& m : ic.memory) {
            const MemoryTechnology* tech = m_factors.memory ? m_factors.memory->find(m.technology) : nullptr;
            if (!tech) {
                error(cr, "missing-memory-technology",
                      "memory technology '" + m.technology + "' is not in factor set '" + m_factors.id + "'",
                      c.id + "/" + m.name);
                continue;
            }
            const double y = ic.yield.value_or(t.defaultYield);
            LineResult line;
            line.name = m.name;
            line.quantity = written(m.capacity) + (m.count == 1.0 ? "" : " x " + format::shortestRounded(m.count)) +
                            " " + tech->id + ", yield " + format::shortestRounded(y);
            line.amounts.emplace_back("capacity", m.capacity);
            line.derivedFrom.push_back("memory:" + tech->id);
            line.derivation = "memory table g_co2e/GB / yield";
            line.factorValue = tech->gPerGb / y;
            line.factorUnit = "g_co2e/GB";
            line.co2e = kgCo2e(tech->gPerGb * kGramInKg / y * inGigabytes(m.capacity.data()) * m.count);
            cr.co2e += line.co2e;
            cr.lines.push_back(std::move(line));
            parts += m.count;
        }
        const double packages = ic.packages.value_or(parts);
        if (packages > 0.0) {
            LineResult line;
            line.name = "IC packages";
            line.quantity = format::shortestRounded(packages) + " part";
            line.amounts.emplace_back("packages", Amount::make(packages, *findUnit("part")));
            line.factorId = "ic package";
            line.factorValue = t.packageKgCo2e;
            line.factorUnit = "kg_co2e/part";
            line.co2e = kgCo2e(packages * t.packageKgCo2e);
            cr.co2e += line.co2e;
            cr.lines.push_back(std::move(line));
        }
    }

    void batteryComponent(const Component& c, ComponentResult& cr) {
        const BatteryModel& b = c.battery;
        cr.methodDetail = "battery capacity x chemistry factor x batteries over the lifetime";
        const BatteryChemistry* chem = m_factors.battery(b.chemistry);
        if (!chem) {
            error(cr, "missing-chemistry",
                  "battery chemistry '" + b.chemistry + "' is not in factor set '" + m_factors.id + "'", c.id);
            return;
        }
        Energy capacity = joules(0.0);
        if (b.capacity && b.capacity->dimension == Dimension::Energy) capacity = b.capacity->energy();
        else if (b.capacity) capacity = b.capacity->charge() * b.voltage->voltage();
        else if (b.mass) {
            if (!chem->whPerKg) {
                error(cr, "missing-specific-energy",
                      "battery chemistry '" + chem->id +
                          "' has no specific energy; give the capacity instead of the mass",
                      c.id);
                return;
            }
            capacity = Energy::from_value(inKilograms(b.mass->mass()) * *chem->whPerKg * kHourInS);
        }
        const Energy pack = capacity * b.count;
        double batteries = 1.0;
        std::string why;
        const double deviceWh = inWattHours(m_deviceEnergy);
        const auto ceilOf = model_math::ceilSteps;
        if (b.replacements) {
            batteries = 1.0 + *b.replacements;
            why = "replacements as given";
        } else {
            if (pack.value() > 0.0 && chem->rechargeable && b.cycleLife) {
                const double n = ceilOf(deviceWh / (inWattHours(pack) * *b.cycleLife));
                if (n > batteries) {
                    batteries = n;
                    why = "cycle life: " + format::shortestRounded(deviceWh) + " Wh drawn / (" +
                          format::shortestRounded(inWattHours(pack)) + " Wh x " +
                          format::shortestRounded(*b.cycleLife) + " cycles)";
                }
            } else if (chem->rechargeable && !b.cycleLife && deviceWh > 0.0) {
                m_diagnostics.push_back({Severity::Note, "no-cycle-life",
                                         "no cycle life given: no replacements from cycling are counted", c.id});
            }
            if (pack.value() > 0.0 && !chem->rechargeable) {
                const double n = ceilOf(deviceWh / inWattHours(pack));
                if (n > batteries) {
                    batteries = n;
                    why = "energy: " + format::shortestRounded(deviceWh) + " Wh drawn / " +
                          format::shortestRounded(inWattHours(pack)) + " Wh per set";
                }
            }
            if (b.calendarLife) {
                const double n = ceilOf(m_system.lifetime.duration() / b.calendarLife->duration());
                if (n > batteries) {
                    batteries = n;
                    why = "calendar life: " + written(m_system.lifetime) + " / " + written(*b.calendarLife);
                }
            }
        }
        LineResult line;
        line.name = chem->name;
        line.quantity = format::shortestRounded(inWattHours(capacity)) + " Wh" +
                        (b.count == 1.0 ? "" : " x " + format::shortestRounded(b.count)) + " x " +
                        format::shortestRounded(batteries) + " battery set(s)" + (why.empty() ? "" : " (" + why + ")");
        line.amounts.emplace_back("capacity", Amount::make(inWattHours(capacity), *findUnit("Wh")));
        line.amounts.emplace_back("cells", Amount::make(b.count, *findUnit("part")));
        line.amounts.emplace_back("sets over the lifetime", Amount::make(batteries, *findUnit("set")));
        line.factorId = "battery:" + chem->id;
        line.factorValue = chem->kgPerKwh;
        line.factorUnit = "kg_co2e/kWh";
        line.co2e = kgCo2e(inKilowattHours(pack) * chem->kgPerKwh * batteries);
        if (chem->provenance.derivation == Derivation::BackSolved) addFlag(cr, Flag::Inherited);
        cr.co2e += line.co2e;
        cr.lines.push_back(std::move(line));
    }

    void trainingComponent(const Component& c, ComponentResult& cr) {
        const TrainingModel& t = c.training;
        cr.methodDetail = "training energy x PUE x site grid x trainings / devices";
        const Factor* grid = factor(t.grid, Dimension::Energy, c.id + "/grid", cr);
        Energy e = t.energy ? t.energy->energy()
                            : t.acceleratorHours->duration() * t.acceleratorPower->power() * t.accelerators;
        LineResult line;
        line.name = "training energy";
        line.quantity = format::shortestRounded(inKilowattHours(e)) + " kWh x PUE " + format::shortestRounded(t.pue) +
                        " x " + format::shortestRounded(t.trainings) + " training(s) / " +
                        format::shortestRounded(t.devices) + " devices";
        line.amounts.emplace_back("energy", Amount::make(inKilowattHours(e), *findUnit("kWh")));
        line.amounts.emplace_back("devices", Amount::make(t.devices, *findUnit("device")));
        line.factorId = t.grid;
        line.co2e = kgCo2e(0.0);
        if (grid) {
            line.factorValue = grid->value;
            line.factorUnit = grid->unit;
            line.co2e = e * grid->perEnergy() * (t.pue * t.trainings / t.devices);
        }
        cr.co2e += line.co2e;
        cr.lines.push_back(std::move(line));
    }

    const System& m_system;
    const FactorSet& m_factors;
    const HslCatalogue* m_hsl;
    std::vector<const Factor*> m_used;
    std::vector<Diagnostic> m_diagnostics;
    Energy m_deviceEnergy = joules(0.0);
};

} // namespace

Result calculate(const System& system, const FactorSet& factors, const HslCatalogue* hsl) {
    return Calculator(system, factors, hsl).run();
}

} // namespace tinyfoot
