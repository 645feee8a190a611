#include "tinyfoot/engine/calculate.h"

#include <algorithm>
#include <charconv>

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

std::string number(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string written(const Amount& a) { return number(a.value) + " " + a.unit; }

class Calculator {
public:
    Calculator(const System& system, const FactorSet& factors, const HslCatalogue* hsl)
        : m_system(system), m_factors(factors), m_hsl(hsl) {}

    Result run() {
        Result r;
        r.systemId = m_system.id;
        r.systemName = m_system.name;
        r.systemKind = m_system.kind;
        r.factorSet = m_factors.id;
        r.total = kgCo2e(0.0);
        r.embodied = kgCo2e(0.0);
        r.operational = kgCo2e(0.0);
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
        return f;
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
        case Method::Fixed: {
            LineResult line;
            line.name = c.name;
            line.quantity =
                c.sharePercent == 100.0 ? written(c.fixed) : number(c.sharePercent) + " % of " + written(c.fixed);
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

    void usePower(const Component& c, ComponentResult& cr) {
        const Amount duration = c.duration ? *c.duration : m_system.lifetime;
        const Factor* f = factor(c.grid, Dimension::Energy, c.id, cr);
        LineResult line;
        line.name = "electricity";
        line.quantity = written(c.power) + " x " + written(duration);
        line.amounts.emplace_back("power", c.power);
        line.amounts.emplace_back("duration", duration);
        line.factorId = c.grid;
        const Energy energy = c.power.power() * duration.duration();
        line.amounts.emplace_back("energy", Amount::make(inWattHours(energy), *findUnit("Wh")));
        line.co2e = kgCo2e(0.0);
        if (f) {
            line.factorValue = f->value;
            line.factorUnit = f->unit;
            line.co2e = energy * f->perEnergy();
        }
        cr.methodDetail = "average power x duration x grid";
        cr.co2e += line.co2e;
        cr.lines.push_back(std::move(line));
    }

    const System& m_system;
    const FactorSet& m_factors;
    const HslCatalogue* m_hsl;
    std::vector<const Factor*> m_used;
    std::vector<Diagnostic> m_diagnostics;
};

} // namespace

Result calculate(const System& system, const FactorSet& factors, const HslCatalogue* hsl) {
    return Calculator(system, factors, hsl).run();
}

} // namespace tinyfoot
