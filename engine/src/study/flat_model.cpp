#include "tinyfoot/engine/study/flat_model.h"

#include "kernel.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace tinyfoot::study {

std::string_view inputKindId(InputKind kind) {
    switch (kind) {
    case InputKind::Factor: return "factor";
    case InputKind::HslQuantity: return "hsl";
    case InputKind::Amount: return "amount";
    case InputKind::Lifetime: return "lifetime";
    }
    return "unknown";
}

std::string_view partId(Part part) {
    switch (part) {
    case Part::Total: return "total";
    case Part::Embodied: return "embodied";
    case Part::Operational: return "operational";
    case Part::Training: return "training";
    case Part::Unsplit: return "unsplit";
    }
    return "unknown";
}

double SystemParts::of(Part part) const {
    switch (part) {
    case Part::Total: return total;
    case Part::Embodied: return embodied;
    case Part::Operational: return operational;
    case Part::Training: return training;
    case Part::Unsplit: return unsplit;
    }
    return total;
}

SystemParts partsOf(const Result& r) {
    SystemParts p;
    p.total = units::inKgCo2e(r.total);
    p.embodied = units::inKgCo2e(r.embodied);
    p.operational = units::inKgCo2e(r.operational);
    p.training = units::inKgCo2e(r.block(Block::MlTraining));
    p.unsplit = units::inKgCo2e(r.stage(Stage::WholeLifeCycle));
    return p;
}

namespace {

double unitSize(const std::string& unit) {
    if (const auto u = findUnit(unit)) return u->toInternal;
    return 1.0;
}

double factorUnitSize(const Factor& f) {
    if (const auto u = findFactorUnit(f.unit)) return u->toInternal;
    return f.value != 0.0 ? f.internal / f.value : 1.0;
}

bool sameValue(double a, double b) { return std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b)) + 1e-300; }

/// Which metric parts a line of this stage and block feeds.
bool feeds(Part part, const ModelTerm& t) {
    switch (part) {
    case Part::Total: return true;
    case Part::Embodied: return isEmbodied(t.stage);
    case Part::Operational: return isOperational(t.stage);
    case Part::Training: return t.training;
    case Part::Unsplit: return t.stage == Stage::WholeLifeCycle;
    }
    return false;
}

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
            if (u.kind != UseModel::Kind::Power || u.efficiency != 1.0 || u.supply == Supply::Primary ||
                u.gridKgPerKwh || u.trajectory)
                break;
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
            if (factorKnown(line)) inputs.push_back(factorInput(line.factorBehind()));
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

std::uint32_t FlatModel::addInput(ModelInput input, const InputUse& use) {
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
        ModelInput& e = m_inputs[i];
        if (e.key != input.key || e.dimension != input.dimension || e.nominal != input.nominal ||
            e.range != input.range)
            continue;
        const bool seen = std::any_of(e.uses.begin(), e.uses.end(), [&](const InputUse& u) {
            return u.system == use.system && u.site == use.site && u.component == use.component && u.index == use.index;
        });
        if (!seen) e.uses.push_back(use);
        if (std::find(e.systems.begin(), e.systems.end(), use.system) == e.systems.end()) {
            e.systems.push_back(use.system);
            std::sort(e.systems.begin(), e.systems.end());
        }
        return static_cast<std::uint32_t>(i);
    }
    input.uses.push_back(use);
    input.systems.push_back(use.system);
    m_inputs.push_back(std::move(input));
    return static_cast<std::uint32_t>(m_inputs.size() - 1);
}

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

std::optional<std::size_t> FlatModel::findSystem(std::string_view id) const {
    for (std::size_t i = 0; i < m_systems.size(); ++i)
        if (m_systems[i].id == id) return i;
    return std::nullopt;
}

std::vector<std::size_t> FlatModel::findInputs(std::string_view key) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_inputs.size(); ++i)
        if (m_inputs[i].key == key) out.push_back(i);
    return out;
}

std::vector<double> FlatModel::nominalValues() const {
    std::vector<double> v;
    v.reserve(m_inputs.size());
    for (const auto& in : m_inputs) v.push_back(in.nominal);
    return v;
}

SystemParts FlatModel::evaluate(std::size_t system, const std::vector<double>& values) const {
    SystemParts p;
    for (const auto& t : m_terms) {
        if (t.system != system) continue;
        double x = t.coefficient;
        for (auto i : t.inputs) x *= values[i];
        p.total += x;
        if (feeds(Part::Embodied, t)) p.embodied += x;
        if (feeds(Part::Operational, t)) p.operational += x;
        if (feeds(Part::Training, t)) p.training += x;
        if (feeds(Part::Unsplit, t)) p.unsplit += x;
    }
    return p;
}

double FlatModel::evaluate(const Metric& metric, const std::vector<double>& values) const {
    double v = metric.constant;
    std::map<std::size_t, SystemParts> cache;
    for (const auto& mp : metric.parts) {
        auto it = cache.find(mp.system);
        if (it == cache.end()) it = cache.emplace(mp.system, evaluate(mp.system, values)).first;
        v += mp.weight * it->second.of(mp.part);
    }
    return v;
}

bool FlatModel::exact() const {
    return std::none_of(m_terms.begin(), m_terms.end(), [](const ModelTerm& t) { return t.opaque; });
}

Metric totalMetric(const FlatModel& model, std::size_t system) { return partMetric(model, system, Part::Total); }

Metric partMetric(const FlatModel& model, std::size_t system, Part part) {
    Metric m;
    m.name = model.system(system).id + (part == Part::Total ? std::string(" total") : " " + std::string(partId(part)));
    m.parts.push_back({system, part, 1.0});
    return m;
}

Metric differenceMetric(const FlatModel& model, std::size_t a, std::size_t b) {
    Metric m;
    m.name = model.system(a).id + " - " + model.system(b).id;
    m.parts.push_back({a, Part::Total, 1.0});
    m.parts.push_back({b, Part::Total, -1.0});
    return m;
}

// ---------------------------------------------------------------------------------------------
// CompiledPlan

CompiledPlan::CompiledPlan(const FlatModel& model, std::vector<std::size_t> varying, const std::vector<double>& values,
                           std::vector<Metric> metrics)
    : m_varying(std::move(varying)), m_metrics(std::move(metrics)) {
    const auto& inputs = model.inputs();
    std::vector<int> column(inputs.size(), -1);
    for (std::size_t c = 0; c < m_varying.size(); ++c) column[m_varying[c]] = static_cast<int>(c);
    m_constants.assign(m_metrics.size(), 0.0);
    for (std::size_t k = 0; k < m_metrics.size(); ++k) m_constants[k] = m_metrics[k].constant;

    // Merge terms by their set of varying columns: coefficient per (columns, metric).
    std::map<std::vector<std::uint32_t>, std::vector<double>> merged;
    for (const auto& t : model.terms()) {
        std::vector<double> weights(m_metrics.size(), 0.0);
        bool any = false;
        for (std::size_t k = 0; k < m_metrics.size(); ++k) {
            for (const auto& mp : m_metrics[k].parts) {
                if (mp.system != t.system || !feeds(mp.part, t)) continue;
                weights[k] += mp.weight;
                any = true;
            }
        }
        if (!any) continue;
        double coefficient = t.coefficient;
        std::vector<std::uint32_t> cols;
        for (auto i : t.inputs) {
            if (column[i] >= 0) cols.push_back(static_cast<std::uint32_t>(column[i]));
            else coefficient *= values[i];
        }
        std::sort(cols.begin(), cols.end());
        if (cols.empty()) {
            for (std::size_t k = 0; k < m_metrics.size(); ++k) m_constants[k] += weights[k] * coefficient;
            continue;
        }
        auto& acc = merged[cols];
        acc.resize(m_metrics.size(), 0.0);
        for (std::size_t k = 0; k < m_metrics.size(); ++k) acc[k] += weights[k] * coefficient;
    }
    m_columnStart.push_back(0);
    m_targetStart.push_back(0);
    for (const auto& [cols, weights] : merged) {
        bool any = false;
        for (double w : weights) any = any || w != 0.0;
        if (!any) continue;
        m_coefficients.push_back(1.0);
        m_columns.insert(m_columns.end(), cols.begin(), cols.end());
        m_columnStart.push_back(static_cast<std::uint32_t>(m_columns.size()));
        for (std::size_t k = 0; k < weights.size(); ++k) {
            if (weights[k] == 0.0) continue;
            m_targets.push_back(static_cast<std::uint32_t>(k));
            m_weights.push_back(weights[k]);
        }
        m_targetStart.push_back(static_cast<std::uint32_t>(m_targets.size()));
    }
}

void CompiledPlan::evaluate(const double* const* columns, std::size_t n, double* const* outputs) const {
    detail::PlanView view{m_coefficients.size(), m_metrics.size(),     m_constants.data(),
                          m_coefficients.data(), m_columnStart.data(), m_columns.data(),
                          m_targetStart.data(),  m_targets.data(),     m_weights.data()};
    for (std::size_t start = 0; start < n; start += detail::kChunk) {
        const std::size_t len = std::min(detail::kChunk, n - start);
        detail::evaluatePlanChunk(view, columns, start, len, outputs);
    }
}

std::optional<std::vector<std::pair<double, double>>>
CompiledPlan::outputBounds(const std::vector<std::pair<double, double>>& inputBounds) const {
    // Every input is >= 0, so a term's product is monotone in each input: its range is the
    // product of the lower bounds to the product of the upper bounds; a negative weight swaps it.
    std::vector<std::pair<double, double>> out;
    for (double c : m_constants) out.emplace_back(c, c);
    for (const auto& b : inputBounds)
        if (b.first < 0.0) return std::nullopt;
    for (std::size_t t = 0; t < m_coefficients.size(); ++t) {
        double lo = m_coefficients[t], hi = m_coefficients[t];
        for (auto i = m_columnStart[t]; i < m_columnStart[t + 1]; ++i) {
            lo *= inputBounds[m_columns[i]].first;
            hi *= inputBounds[m_columns[i]].second;
        }
        for (auto j = m_targetStart[t]; j < m_targetStart[t + 1]; ++j) {
            const double w = m_weights[j];
            auto& o = out[m_targets[j]];
            o.first += w >= 0.0 ? w * lo : w * hi;
            o.second += w >= 0.0 ? w * hi : w * lo;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// RecalculatingModel

RecalculatingModel::RecalculatingModel(const FlatModel& model, std::vector<std::size_t> varying,
                                       const std::vector<double>& values, std::vector<Metric> metrics)
    : m_model(&model), m_varying(std::move(varying)), m_values(values), m_metrics(std::move(metrics)) {}

bool RecalculatingModel::settable(std::size_t input) const {
    const auto& uses = m_model->inputs()[input].uses;
    return std::any_of(uses.begin(), uses.end(), [](const InputUse& u) { return u.site != InputSite::LineAmount; });
}

namespace {

void setAmount(Amount& a, double internal) {
    a.internal = internal;
    const double size = unitSize(a.unit);
    a.value = size != 0.0 ? internal / size : internal;
}

Amount& atBound(RangedAmount& r, Bound b) {
    switch (b) {
    case Bound::Lower: return r.lower;
    case Bound::Upper: return r.upper;
    case Bound::Typical: break;
    }
    return r.typical;
}

HslLevel* findLevel(HslCatalogue& cat, Block block, int level) {
    for (auto& b : cat.blocks) {
        if (b.block != block) continue;
        for (auto& l : b.levels)
            if (l.level == level) return &l;
    }
    return nullptr;
}

void apply(const ModelInput& in, const InputUse& use, double v, System& s, FactorSet& factors,
           std::optional<HslCatalogue>& cat) {
    switch (use.site) {
    case InputSite::Factor:
        for (auto& f : factors.factors)
            if (f.id == in.factorId) {
                f.internal = v;
                f.value = in.toInternal != 0.0 ? v / in.toInternal : v;
            }
        return;
    case InputSite::HslItem:
    case InputSite::HslTransportMass:
    case InputSite::HslLegDistance: {
        if (!cat || use.component >= s.components.size()) return;
        const Component& c = s.components[use.component];
        HslLevel* level = findLevel(*cat, c.block, c.hsl.level);
        if (!level) return;
        if (use.site == InputSite::HslItem && use.index < level->items.size())
            setAmount(atBound(level->items[use.index].amount, c.hsl.bound), v);
        else if (use.site == InputSite::HslTransportMass && level->transportMass)
            setAmount(atBound(*level->transportMass, c.hsl.bound), v);
        else if (use.site == InputSite::HslLegDistance && use.index < level->legs.size())
            setAmount(atBound(level->legs[use.index].distance, c.hsl.bound), v);
        return;
    }
    case InputSite::InventoryItem: setAmount(s.components[use.component].items[use.index].amount, v); return;
    case InputSite::TransportMass: setAmount(s.components[use.component].transportMass, v); return;
    case InputSite::LegDistance: setAmount(s.components[use.component].legs[use.index].distance, v); return;
    case InputSite::UsePower: setAmount(s.components[use.component].power, v); return;
    case InputSite::UseDuration:
        if (s.components[use.component].duration) setAmount(*s.components[use.component].duration, v);
        return;
    case InputSite::Lifetime: setAmount(s.lifetime, v); return;
    case InputSite::Declared: setAmount(s.components[use.component].fixed, v); return;
    case InputSite::LineAmount: return;
    }
}

} // namespace

void RecalculatingModel::evaluate(const double* const* columns, std::size_t n, double* const* outputs) const {
    const auto& inputs = m_model->inputs();
    std::vector<int> column(inputs.size(), -1);
    for (std::size_t c = 0; c < m_varying.size(); ++c) column[m_varying[c]] = static_cast<int>(c);
    const std::size_t systems = m_model->systemCount();
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<SystemParts> parts(systems);
        for (std::size_t si = 0; si < systems; ++si) {
            System s = m_model->system(si);
            FactorSet factors = m_model->factorSet();
            std::optional<HslCatalogue> cat = m_model->catalogues()[si];
            for (std::size_t j = 0; j < inputs.size(); ++j) {
                const double v = column[j] >= 0 ? columns[static_cast<std::size_t>(column[j])][i] : m_values[j];
                for (const auto& use : inputs[j].uses) {
                    if (use.site != InputSite::Factor && use.system != si) continue;
                    apply(inputs[j], use, v, s, factors, cat);
                }
            }
            parts[si] = partsOf(calculate(s, factors, cat ? &*cat : nullptr));
        }
        for (std::size_t k = 0; k < m_metrics.size(); ++k) {
            double v = m_metrics[k].constant;
            for (const auto& mp : m_metrics[k].parts) v += mp.weight * parts[mp.system].of(mp.part);
            outputs[k][i] = v;
        }
    }
}

} // namespace tinyfoot::study
