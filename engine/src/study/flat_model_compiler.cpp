// Builds a FlatModel from calculated results: each line's inputs are found from its component's
// method, products for the table methods and expressions for the physical models (see
// flat_model.h and method_expressions.h).
#include "../model_math.h"
#include "method_expressions.h"
#include "model_units.h"
#include "profile_fraction.h"

#include "tinyfoot/engine/param_ref.h"
#include "tinyfoot/engine/study/flat_model.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>

namespace tinyfoot::study {

namespace {

using detail::profileFractionState;
using detail::unitSize;

double factorUnitSize(const Factor& f) {
    if (const auto u = findFactorUnit(f.unit)) return u->toInternal;
    return f.value != 0.0 ? f.internal / f.value : 1.0;
}

bool sameValue(double a, double b) { return std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b)) + 1e-300; }

class Compiler {
public:
    Compiler(std::vector<ModelInput>& inputs, std::vector<ModelTerm>& terms, ExpressionGraph& graph,
             std::vector<Diagnostic>& diagnostics, const FactorSet& factors,
             std::function<std::uint32_t(ModelInput, const InputUse&)> add)
        : m_inputs(inputs), m_terms(terms), m_graph(graph), m_diagnostics(diagnostics), m_factors(factors),
          m_add(std::move(add)) {}

    void system(std::size_t si, const System& s, const Result& r, const HslCatalogue* hsl, std::uint32_t lifetime) {
        m_system = si;
        m_lifetime = lifetime;
        m_systemId = s.id;
        m_keys.clear();
        m_registered.assign(s.components.size(), false);
        detail::InputLookup lookup;
        lookup.lifetime = lifetime;
        lookup.find = [this, &s](std::size_t ci, const std::string& key) -> std::optional<std::uint32_t> {
            registerParameters(s, ci);
            const auto it = m_keys.find({ci, key});
            if (it == m_keys.end()) return std::nullopt;
            return it->second;
        };
        lookup.factor = [this](std::size_t ci, const std::string& id) -> std::optional<std::uint32_t> {
            const Factor* f = id.empty() ? nullptr : m_factors.find(id);
            if (!f || f->per != Dimension::Energy) return std::nullopt;
            const auto saved = m_component;
            m_component = ci;
            const auto in = factorInput(id);
            m_component = saved;
            return in;
        };
        m_methods.emplace(m_graph, s, m_factors, std::move(lookup));
        if (r.components.size() != s.components.size()) {
            for (const auto& cr : r.components) opaqueComponent(cr, "its result does not list one entry per component");
            return;
        }
        for (std::size_t ci = 0; ci < s.components.size(); ++ci) {
            const ComponentResult& cr = r.components[ci];
            if (!cr.enabled) continue;
            m_component = ci;
            component(s, ci, cr, hsl);
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

    /// Whether a use stage is a plain product: average power x duration x grid factor.
    static bool plainUse(const Component& c) {
        const UseModel& u = c.use;
        return u.kind == UseModel::Kind::Power && u.efficiency == 1.0 && u.supply != Supply::Primary &&
               !u.gridKgPerKwh && !u.trajectory;
    }

    /// Registers the numbers of component `ci` that the study layer can set (once per component):
    /// a physical model's parameters and the table cells it reads, or a plain use stage's power
    /// and duration.
    /// A duty-cycle profile whose fractions a study may draw (model_math::profileFractionsVary).
    static bool profileVaries(const Component& c) {
        std::vector<double> written;
        for (const auto& st : c.use.states) written.push_back(st.fraction);
        return model_math::profileFractionsVary(written.data(), written.size());
    }

    void registerParameters(const System& s, std::size_t ci) {
        if (m_registered[ci]) return;
        m_registered[ci] = true;
        const Component& c = s.components[ci];
        if (!c.enabled) return;
        const auto saved = m_component;
        m_component = ci;
        if (c.method == Method::UsePower && plainUse(c)) {
            m_keys[{ci, c.id + "/power"}] =
                amountInput(c.id + "/power", c.name + ": power", c.power, InputSite::UsePower, 0);
            if (c.duration)
                m_keys[{ci, c.id + "/duration"}] =
                    amountInput(c.id + "/duration", c.name + ": duration", *c.duration, InputSite::UseDuration, 0);
        } else if (c.method == Method::Ic || c.method == Method::Battery || c.method == Method::Training ||
                   c.method == Method::UsePower) {
            if (const auto& m = c.use.measurement;
                c.method == Method::UsePower && m && m->kind == "emulated estimate" && !m->spread)
                m_diagnostics.push_back({Severity::Warning, "emulated-without-spread",
                                         s.id + ": " + c.name + ": the emulated estimate in '" + m->file +
                                             "' gives no spread, so studies hold it at its value; a power model "
                                             "with a validation at the session's clock gives one (docs/harness.md)",
                                         c.id});

            for (const auto& p : componentParameters(c)) {
                if (profileFractionState(p.ref.path) && !profileVaries(c)) continue;
                m_keys[{ci, p.ref.key()}] = parameterInput(p, InputKind::Parameter, InputSite::Parameter);
            }
            for (const auto& p : tableParameters(c, m_factors))
                m_keys[{ci, p.ref.key()}] = parameterInput(p, InputKind::TableCell, InputSite::TableCell);
        }
        m_component = saved;
    }

    /// The nominal value of an expression node (the graph evaluated as far as it has grown).
    double nominal(ExpressionGraph::Id id) {
        const auto& nodes = m_graph.nodes();
        for (std::size_t i = m_nodeValues.size(); i < nodes.size(); ++i) {
            const ExprNode& n = nodes[i];
            m_nodeValues.push_back(n.op == ExprOp::Input ? m_inputs[n.a].nominal
                                                         : m_graph.evaluateNode(n, m_nodeValues.data()));
        }
        return m_nodeValues[id];
    }

    /// A physical model (ic, battery, training, a use stage beyond power x time x grid): each
    /// line is an expression of its parameters, table cells and factors (method_expressions.h),
    /// checked against calculate()'s line at nominal values.
    void physical(const System& s, std::size_t ci, const ComponentResult& cr) {
        registerParameters(s, ci);
        const auto lines = m_methods->lines(ci);
        if (!lines) {
            // Nothing to vary: calculate() left these lines out or at 0 (a missing factor, table,
            // chemistry or measurement), and the result says it is incomplete.
            for (const auto& line : cr.lines) {
                ModelTerm t = baseTerm(cr, line);
                t.coefficient = units::inKgCo2e(line.co2e);
                m_terms.push_back(std::move(t));
            }
            return;
        }
        // Lines beyond calculate()'s (the IC package line when there are no packages) must be 0.
        bool same = lines->size() >= cr.lines.size();
        for (std::size_t i = 0; same && i < lines->size(); ++i) {
            const double v = nominal((*lines)[i].node);
            same = i < cr.lines.size() ? sameValue(v, units::inKgCo2e(cr.lines[i].co2e)) : v == 0.0;
        }
        if (!same) {
            opaqueComponent(cr, "its expression does not reproduce the calculated lines");
            return;
        }
        for (std::size_t i = 0; i < lines->size(); ++i) {
            ModelTerm t;
            if (i < cr.lines.size()) t = baseTerm(cr, cr.lines[i]);
            else {
                t = baseTerm(cr, LineResult{});
                t.where = m_systemId + "/" + cr.id + "/IC packages";
            }
            t.expression = (*lines)[i].node;
            m_terms.push_back(std::move(t));
        }
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
        t.factorId = line.factorBehind();
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
        const std::string& id = line.factorBehind();
        return !id.empty() && m_factors.find(id);
    }

    void component(const System& s, std::size_t ci, const ComponentResult& cr, const HslCatalogue* hsl) {
        const Component& c = s.components[ci];
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
                const auto a = amountInput(ParamRef::field(c.id, "items/" + std::to_string(i) + "/amount").key(),
                                           c.name + ": " + item.name, item.amount, InputSite::InventoryItem, i);
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
                const auto mass = amountInput(ParamRef::field(c.id, "mass").key(), c.name + ": mass", c.transportMass,
                                              InputSite::TransportMass, 0);
                const auto dist =
                    amountInput(ParamRef::field(c.id, "legs/" + std::to_string(j) + "/distance").key(),
                                c.name + ": " + leg.mode + " distance", leg.distance, InputSite::LegDistance, j);
                product(cr, line, 1.0, {mass, dist, factorInput(leg.factor)});
            }
            return;
        }
        case Method::UsePower: {
            // Only a plain power x duration x grid factor is a product of its written inputs;
            // profiles, inference rates, supply losses and trajectories go the generic way.
            if (!plainUse(c)) {
                physical(s, ci, cr);
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
        case Method::Training: physical(s, ci, cr); return;
        }
        opaqueComponent(cr, "method '" + std::string(methodId(c.method)) + "' has no compiled form");
    }

    std::vector<ModelInput>& m_inputs;
    std::vector<ModelTerm>& m_terms;
    ExpressionGraph& m_graph;
    std::vector<double> m_nodeValues;
    std::vector<Diagnostic>& m_diagnostics;
    const FactorSet& m_factors;
    std::function<std::uint32_t(ModelInput, const InputUse&)> m_add;
    std::size_t m_system = 0;
    std::size_t m_component = 0;
    std::uint32_t m_lifetime = 0;
    std::string m_systemId;
    std::map<std::pair<std::size_t, std::string>, std::uint32_t> m_keys;
    std::vector<bool> m_registered;
    std::optional<detail::MethodExpressions> m_methods;
};

} // namespace

FlatModel FlatModel::compile(const std::vector<System>& systems, const std::vector<Result>& results,
                             const FactorSet& factors, const std::vector<const HslCatalogue*>& hsl) {
    FlatModel m;
    m.m_systems = systems;
    m.m_factors = factors;
    for (std::size_t i = 0; i < systems.size(); ++i)
        m.m_hsl.push_back(i < hsl.size() && hsl[i] ? std::optional<HslCatalogue>(*hsl[i]) : std::nullopt);
    Compiler compiler(m.m_inputs, m.m_terms, m.m_graph, m.m_diagnostics, m.m_factors,
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
