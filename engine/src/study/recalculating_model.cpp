#include "tinyfoot/engine/study/recalculating_model.h"

#include "../model_math.h"
#include "model_units.h"
#include "profile_fraction.h"

#include "tinyfoot/engine/param_ref.h"

#include <algorithm>
#include <map>

namespace tinyfoot::study {

using detail::unitSize;

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
    case InputSite::Parameter:
        if (use.component < s.components.size()) setComponentParameter(s.components[use.component], in.path, v);
        return;
    case InputSite::TableCell: setTableCell(factors, in.path, v); return;
    }
}

} // namespace

Recalculated recalculate(const FlatModel& model, std::size_t system, const std::vector<double>& values) {
    System s = model.system(system);
    FactorSet factors = model.factorSet();
    std::optional<HslCatalogue> cat = model.catalogues()[system];
    const auto& inputs = model.inputs();
    // Drawn time fractions, per component: set together once every other input is in.
    std::map<std::size_t, std::vector<double>> drawn;
    for (std::size_t j = 0; j < inputs.size(); ++j)
        for (const auto& use : inputs[j].uses) {
            const bool global = use.site == InputSite::Factor || use.site == InputSite::TableCell;
            if (!global && use.system != system) continue;
            if (use.site == InputSite::Parameter && use.component < s.components.size())
                if (const auto state = detail::profileFractionState(inputs[j].path)) {
                    auto& states = s.components[use.component].use.states;
                    auto& d = drawn[use.component];
                    if (d.empty())
                        for (const auto& st : states) d.push_back(st.fraction);
                    if (*state < d.size()) d[*state] = values[j];
                    continue;
                }
            apply(inputs[j], use, values[j], s, factors, cat);
        }
    for (const auto& [ci, d] : drawn) {
        auto& states = s.components[ci].use.states;
        std::vector<double> written, out(states.size());
        for (const auto& st : states) written.push_back(st.fraction);
        model_math::profileFractions(written.data(), d.data(), d.size(), out.data());
        for (std::size_t i = 0; i < states.size(); ++i) states[i].fraction = out[i];
    }
    Result result = calculate(s, factors, cat ? &*cat : nullptr);
    return {std::move(s), std::move(factors), std::move(cat), std::move(result)};
}

SystemParts RecalculatingModel::parts(std::size_t system, const std::vector<double>& values) const {
    return partsOf(recalculate(*m_model, system, values).result);
}

void evaluateBySystem(std::size_t systems, const std::vector<std::size_t>& varying, std::vector<double> values,
                      const std::vector<Metric>& metrics,
                      const std::function<SystemParts(std::size_t, const std::vector<double>&)>& partsAt,
                      const double* const* columns, std::size_t n, double* const* outputs) {
    std::vector<SystemParts> parts(systems);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t c = 0; c < varying.size(); ++c) values[varying[c]] = columns[c][i];
        for (std::size_t si = 0; si < systems; ++si) parts[si] = partsAt(si, values);
        for (std::size_t k = 0; k < metrics.size(); ++k) outputs[k][i] = metricValue(metrics[k], parts);
    }
}

void RecalculatingModel::evaluate(const double* const* columns, std::size_t n, double* const* outputs) const {
    evaluateBySystem(
        m_model->systemCount(), m_varying, m_values, m_metrics,
        [this](std::size_t s, const std::vector<double>& values) { return parts(s, values); }, columns, n, outputs);
}

} // namespace tinyfoot::study
