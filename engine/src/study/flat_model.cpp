#include "tinyfoot/engine/study/flat_model.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tinyfoot::study {

std::string_view inputKindId(InputKind kind) {
    switch (kind) {
    case InputKind::Factor: return "factor";
    case InputKind::HslQuantity: return "hsl";
    case InputKind::Amount: return "amount";
    case InputKind::Lifetime: return "lifetime";
    case InputKind::Parameter: return "parameter";
    case InputKind::TableCell: return "table";
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

std::vector<double> FlatModel::nodeValues(const std::vector<double>& values) const {
    if (m_graph.size() == 0) return {};
    return m_graph.evaluate(values);
}

SystemParts FlatModel::evaluate(std::size_t system, const std::vector<double>& values) const {
    return evaluate(system, values, nodeValues(values));
}

SystemParts FlatModel::evaluate(std::size_t system, const std::vector<double>& values,
                                const std::vector<double>& nodes) const {
    SystemParts p;
    for (const auto& t : m_terms) {
        if (t.system != system) continue;
        double x = t.coefficient;
        if (t.expression) x *= nodes[*t.expression];
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
    const auto nodes = nodeValues(values);
    double v = metric.constant;
    std::map<std::size_t, SystemParts> cache;
    for (const auto& mp : metric.parts) {
        auto it = cache.find(mp.system);
        if (it == cache.end()) it = cache.emplace(mp.system, evaluate(mp.system, values, nodes)).first;
        v += mp.weight * it->second.of(mp.part);
    }
    return v;
}

double metricValue(const Metric& metric, const std::vector<SystemParts>& parts) {
    double v = metric.constant;
    for (const auto& mp : metric.parts) v += mp.weight * parts[mp.system].of(mp.part);
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

} // namespace tinyfoot::study
