// Builds a FlatModel from calculated results: each line's inputs are found from its component's
// method (see flat_model.h).
#include "model_units.h"

#include "tinyfoot/engine/param_ref.h"
#include "tinyfoot/engine/study/flat_model.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace tinyfoot::study {

namespace {

using detail::unitSize;

double factorUnitSize(const Factor& f) {
    if (const auto u = findFactorUnit(f.unit)) return u->toInternal;
    return f.value != 0.0 ? f.internal / f.value : 1.0;
}

bool sameValue(double a, double b) { return std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b)) + 1e-300; }

class Compiler {
public:
    Compiler(FlatModel& model, std::vector<ModelInput>& inputs, std::vector<ModelTerm>& terms,
             std::vector<Diagnostic>& diagnostics, const FactorSet& factors,
             std::function<std::uint32_t(ModelInput, const InputUse&)> add)
        : m_inputs(inputs), m_terms(terms), m_diagnostics(diagnostics), m_factors(factors), m_add(std::move(add)) {
        (void)model;
    }

    void system(std::size_t si, const System& s, const Result& r, const HslCatalogue* hsl, std::uint32_t lifetime) {
        m_system = si;
        m_lifetime = lifetime;
        m_systemId = s.id;
        if (r.components.size() != s.components.size()) {
            for (const auto& cr : r.components) opaqueComponent(cr, "its result does not list one entry per component");
            return;
        }
        for (std::size_t ci = 0; ci < s.components.size(); ++ci) {
            const Component& c = s.components[ci];
            const ComponentResult& cr = r.components[ci];
            if (!cr.enabled) continue;
            m_component = ci;
            component(c, cr, hsl);
        }
    }

private:
    std::uint32_t factorInput(const std::string& id) {
        const Factor* f = m_factors.find(id);
        ModelInput in;
        in.key = "factor:" + id;
        in.label = f->name;
        in.kind = InputKind::Factor;
        in.dimension = f->per;
        in.unit = f->unit;
        in.toInternal = factorUnitSize(*f);
        in.nominal = f->internal;
        if (f->range) in.range = std::make_pair(f->range->first * in.toInternal, f->range->second * in.toInternal);
        in.factorId = id;
        return m_add(std::move(in), InputUse{m_system, InputSite::Factor, m_component, 0});
    }

    std::uint32_t amountInput(std::string key, std::string label, const Amount& a, InputSite site, std::size_t index) {
        ModelInput in;
        in.key = std::move(key);
        in.label = std::move(label);
        in.kind = InputKind::Amount;
        in.dimension = a.dimension;
        in.unit = a.unit;
        in.toInternal = unitSize(a.unit);
        in.nominal = a.internal;
        return m_add(std::move(in), InputUse{m_system, site, m_component, index});
    }

    std::uint32_t hslInput(std::string key, std::string label, const RangedAmount& r, Bound bound, InputSite site,
                           std::size_t index) {
        ModelInput in;
        in.key = std::move(key);
        in.label = std::move(label);
        in.kind = InputKind::HslQuantity;
        in.dimension = r.typical.dimension;
        in.unit = r.typical.unit;
        in.toInternal = unitSize(r.typical.unit);
        in.nominal = r.at(bound).internal;
        in.range = std::make_pair(r.lower.internal, r.upper.internal);
        in.typical = r.typical.internal;
        return m_add(std::move(in), InputUse{m_system, site, m_component, index});
    }

    std::uint32_t parameterInput(const ParamValue& p, InputKind kind, InputSite site) {
        ModelInput in;
        in.key = p.ref.key();
        in.label = p.label;
        in.kind = kind;
        in.dimension = p.dimension;
        in.unit = p.unit;
        in.toInternal = p.toInternal;
        in.nominal = p.internal;
        in.range = p.range;
        in.path = p.ref.path;
        return m_add(std::move(in), InputUse{m_system, site, m_component, 0});
    }

    /// A physical model (ic, battery, training, a use stage beyond power x time x grid): its
    /// parameters, table cells and factors are inputs a study can set, and its lines are
    /// recalculated in full from them in samples and sweeps (exact).
    void physical(const Component& c, const ComponentResult& cr) {
        for (const auto& p : componentParameters(c)) parameterInput(p, InputKind::Parameter, InputSite::Parameter);
        for (const auto& p : tableParameters(c, m_factors))
            parameterInput(p, InputKind::TableCell, InputSite::TableCell);
        std::vector<std::string> factors;
        if (c.method == Method::Ic) factors.push_back(c.ic.fabGrid);
        if (c.method == Method::Training) factors.push_back(c.training.grid);
        if (c.method == Method::UsePower && !c.use.gridKgPerKwh) factors.push_back(c.grid);
        for (const auto& id : factors)
            if (!id.empty() && m_factors.find(id)) factorInput(id);
        for (const auto& line : cr.lines) {
            ModelTerm t = baseTerm(cr, line);
            t.coefficient = units::inKgCo2e(line.co2e);
            t.opaque = true;
            m_terms.push_back(std::move(t));
        }
        m_diagnostics.push_back({Severity::Note, "recalculated-component",
                                 "method '" + std::string(methodId(c.method)) +
                                     "' is recalculated in full in samples and sweeps (exact; slower than the "
                                     "compiled products)",
                                 m_systemId + "/" + cr.id});
    }

    /// Adds a product line after checking it reproduces calculate()'s line at nominal values.
    void product(const ComponentResult& cr, const LineResult& line, double coefficient,
                 std::vector<std::uint32_t> inputs) {
        ModelTerm t = baseTerm(cr, line);
        double nominal = coefficient;
        for (auto i : inputs) nominal *= m_inputs[i].nominal;
        const double expected = units::inKgCo2e(line.co2e);
        if (!sameValue(nominal, expected)) {
            opaqueLine(cr, line, "its amounts and factor do not multiply to its value");
            return;
        }
        t.coefficient = coefficient;
        t.inputs = std::move(inputs);
        m_terms.push_back(std::move(t));
    }

    ModelTerm baseTerm(const ComponentResult& cr, const LineResult& line) const {
        ModelTerm t;
        t.system = m_system;
        t.stage = cr.stage;
        t.training = cr.block == Block::MlTraining;
        t.factorId = line.factorId;
        t.where = m_systemId + "/" + cr.id + "/" + line.name;
        return t;
    }

    void opaqueLine(const ComponentResult& cr, const LineResult& line, const std::string& why) {
        ModelTerm t = baseTerm(cr, line);
        t.coefficient = units::inKgCo2e(line.co2e);
        t.opaque = true;
        m_terms.push_back(std::move(t));
        m_diagnostics.push_back({Severity::Warning, "opaque-line",
                                 "line '" + line.name + "' is kept at its calculated value in samples and sweeps (" +
                                     why + "); the full-recalculation fallback varies it exactly",
                                 m_systemId + "/" + cr.id});
    }

    void opaqueComponent(const ComponentResult& cr, const std::string& why) {
        for (const auto& line : cr.lines) opaqueLine(cr, line, why);
    }

    bool factorKnown(const LineResult& line) const {
        const Factor* f = m_factors.find(line.factorId);
        return f && !line.factorId.empty();
    }

    void component(const Component& c, const ComponentResult& cr, const HslCatalogue* hsl) {
        // A line whose factor is missing contributes 0 and the result says it is incomplete.
        const auto missing = [&](const LineResult& line) {
            ModelTerm t = baseTerm(cr, line);
            t.coefficient = units::inKgCo2e(line.co2e);
            m_terms.push_back(std::move(t));
        };
        switch (c.method) {
        case Method::Hsl: {
            const HslLevel* level = hsl ? hsl->find(c.block, c.hsl.level) : nullptr;
            const std::size_t legs = level && level->transportMass ? level->legs.size() : 0;
            if (!level || cr.lines.size() != level->items.size() + legs) {
                opaqueComponent(cr, "its lines do not match its HSL level");
                return;
            }
            const std::string prefix = "hsl:" + std::string(blockId(c.block)) + "/" + std::to_string(c.hsl.level) + "/";
            for (std::size_t i = 0; i < level->items.size(); ++i) {
                const auto& item = level->items[i];
                const LineResult& line = cr.lines[i];
                if (!factorKnown(line)) {
                    missing(line);
                    continue;
                }
                const auto q = hslInput(prefix + item.name, std::string(blockName(c.block)) + ": " + item.name,
                                        item.amount, c.hsl.bound, InputSite::HslItem, i);
                product(cr, line, 1.0, {q, factorInput(item.factor)});
            }
            for (std::size_t j = 0; j < legs; ++j) {
                const auto& leg = level->legs[j];
                const LineResult& line = cr.lines[level->items.size() + j];
                if (!factorKnown(line)) {
                    missing(line);
                    continue;
                }
                const auto mass = hslInput(prefix + "mass", std::string(blockName(c.block)) + ": device mass",
                                           *level->transportMass, c.hsl.bound, InputSite::HslTransportMass, 0);
                const auto dist =
                    hslInput(prefix + leg.mode + "/distance", std::string(blockName(c.block)) + ": " + leg.mode,
                             leg.distance, c.hsl.bound, InputSite::HslLegDistance, j);
                product(cr, line, 1.0, {mass, dist, factorInput(leg.factor)});
            }
            return;
        }
        case Method::Inventory: {
            if (cr.lines.size() != c.items.size()) {
                opaqueComponent(cr, "its lines do not match its items");
                return;
            }
            for (std::size_t i = 0; i < c.items.size(); ++i) {
                const auto& item = c.items[i];
                const LineResult& line = cr.lines[i];
                if (!factorKnown(line)) {
                    missing(line);
                    continue;
                }
                const auto a = amountInput(c.id + "/" + item.name, c.name + ": " + item.name, item.amount,
                                           InputSite::InventoryItem, i);
                product(cr, line, 1.0, {a, factorInput(item.factor)});
            }
            return;
        }
        case Method::Transport: {
            if (cr.lines.size() != c.legs.size()) {
                opaqueComponent(cr, "its lines do not match its legs");
                return;
            }
            for (std::size_t j = 0; j < c.legs.size(); ++j) {
                const auto& leg = c.legs[j];
                const LineResult& line = cr.lines[j];
                if (!factorKnown(line)) {
                    missing(line);
                    continue;
                }
                const auto mass =
                    amountInput(c.id + "/mass", c.name + ": mass", c.transportMass, InputSite::TransportMass, 0);
                const auto dist = amountInput(c.id + "/" + leg.mode + "/distance", c.name + ": " + leg.mode,
                                              leg.distance, InputSite::LegDistance, j);
                product(cr, line, 1.0, {mass, dist, factorInput(leg.factor)});
            }
            return;
        }
        case Method::UsePower: {
            // Only a plain power x duration x grid factor is a product of its written inputs;
            // profiles, inference rates, supply losses and trajectories go the generic way.
            const UseModel& u = c.use;
            if (u.kind != UseModel::Kind::Power || u.efficiency != 1.0 || u.supply == "primary" || u.gridKgPerKwh ||
                u.trajectory) {
                physical(c, cr);
                return;
            }
            if (cr.lines.size() != 1) {
                opaqueComponent(cr, "it does not have one electricity line");
                return;
            }
            const LineResult& line = cr.lines.front();
            if (!factorKnown(line)) {
                missing(line);
                return;
            }
            const auto power = amountInput(c.id + "/power", c.name + ": power", c.power, InputSite::UsePower, 0);
            const auto duration = c.duration ? amountInput(c.id + "/duration", c.name + ": duration", *c.duration,
                                                           InputSite::UseDuration, 0)
                                             : m_lifetime;
            product(cr, line, 1.0, {power, duration, factorInput(c.grid)});
            return;
        }
        case Method::Fixed: {
            if (cr.lines.size() != 1) {
                opaqueComponent(cr, "it does not have one declared line");
                return;
            }
            const auto declared =
                amountInput(c.id + "/declared", c.name + ": declared value", c.fixed, InputSite::Declared, 0);
            product(cr, cr.lines.front(), c.sharePercent / 100.0, {declared});
            return;
        }
        case Method::Ic:
        case Method::Battery:
        case Method::Training: physical(c, cr); return;
        default: break;
        }
        // A method this layer does not know: a line is a product when its amounts times its
        // factor give its value.
        for (const auto& line : cr.lines) {
            std::vector<std::uint32_t> inputs;
            for (std::size_t k = 0; k < line.amounts.size(); ++k) {
                const auto& [name, amount] = line.amounts[k];
                inputs.push_back(amountInput(c.id + "/" + line.name + "/" + name, c.name + ": " + name, amount,
                                             InputSite::LineAmount, k));
            }
            if (factorKnown(line)) inputs.push_back(factorInput(line.factorId));
            double nominal = 1.0;
            for (auto i : inputs) nominal *= m_inputs[i].nominal;
            if (inputs.empty() || !sameValue(nominal, units::inKgCo2e(line.co2e)))
                opaqueLine(cr, line, "method '" + std::string(methodId(c.method)) + "' is not a product of inputs");
            else product(cr, line, 1.0, std::move(inputs));
        }
    }

    std::vector<ModelInput>& m_inputs;
    std::vector<ModelTerm>& m_terms;
    std::vector<Diagnostic>& m_diagnostics;
    const FactorSet& m_factors;
    std::function<std::uint32_t(ModelInput, const InputUse&)> m_add;
    std::size_t m_system = 0;
    std::size_t m_component = 0;
    std::uint32_t m_lifetime = 0;
    std::string m_systemId;
};

} // namespace

FlatModel FlatModel::compile(const std::vector<System>& systems, const std::vector<Result>& results,
                             const FactorSet& factors, const std::vector<const HslCatalogue*>& hsl) {
    FlatModel m;
    m.m_systems = systems;
    m.m_factors = factors;
    for (std::size_t i = 0; i < systems.size(); ++i)
        m.m_hsl.push_back(i < hsl.size() && hsl[i] ? std::optional<HslCatalogue>(*hsl[i]) : std::nullopt);
    Compiler compiler(m, m.m_inputs, m.m_terms, m.m_diagnostics, m.m_factors,
                      [&m](ModelInput in, const InputUse& use) { return m.addInput(std::move(in), use); });
    for (std::size_t si = 0; si < systems.size() && si < results.size(); ++si) {
        const System& s = systems[si];
        const Result& r = results[si];
        m.m_splitKnown.push_back(r.stageSplitKnown);
        ModelInput life;
        life.key = "lifetime";
        life.label = "lifetime";
        life.kind = InputKind::Lifetime;
        life.dimension = Dimension::Duration;
        life.unit = s.lifetime.unit;
        life.toInternal = unitSize(s.lifetime.unit);
        life.nominal = s.lifetime.internal;
        const auto lifetime = m.addInput(std::move(life), InputUse{si, InputSite::Lifetime, 0, 0});
        m.m_lifetimeInput.push_back(lifetime);
        const HslCatalogue* cat = m.m_hsl[si] ? &*m.m_hsl[si] : nullptr;
        compiler.system(si, s, r, cat, lifetime);
        if (!r.complete)
            m.m_diagnostics.push_back({Severity::Warning, "incomplete-result",
                                       "the result is incomplete (a factor is missing); the missing lines count as 0",
                                       s.id});
        // The compiled model must reproduce calculate()'s total.
        const SystemParts p = m.evaluate(si, m.nominalValues());
        const SystemParts q = partsOf(r);
        const double tol = 1e-9 * std::max(1.0, std::fabs(q.total));
        if (std::fabs(p.total - q.total) > tol || std::fabs(p.embodied - q.embodied) > tol ||
            std::fabs(p.operational - q.operational) > tol)
            m.m_diagnostics.push_back({Severity::Error, "model-mismatch",
                                       "the compiled model does not reproduce the calculated total; use the "
                                       "full-recalculation fallback",
                                       s.id});
    }
    return m;
}

} // namespace tinyfoot::study
