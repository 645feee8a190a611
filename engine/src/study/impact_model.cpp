#include "tinyfoot/engine/study/impact_model.h"

#include "tinyfoot/engine/study/recalculating_model.h"

namespace tinyfoot::study {

SystemParts partsOf(const ImpactResult& impacts, ImpactCategory category) {
    const auto c = static_cast<std::size_t>(category);
    const auto stage = [&](Stage s) { return impacts.byStage[static_cast<std::size_t>(s)][c]; };
    SystemParts p;
    p.total = impacts.total[c];
    p.embodied = stage(Stage::Production) + stage(Stage::Transport) + stage(Stage::EndOfLife);
    p.operational = stage(Stage::Use);
    p.unsplit = stage(Stage::WholeLifeCycle);
    for (const auto& comp : impacts.components)
        if (comp.block == Block::MlTraining && comp.total[c]) p.training += *comp.total[c];
    return p;
}

std::string CategoryChoice::id() const {
    return weighting ? "single-score" : std::string(impactCategoryInfo(category).id);
}

std::string CategoryChoice::unit() const { return weighting ? "Pt" : std::string(impactCategoryInfo(category).unit); }

SystemParts partsOf(const Result& co2e, const ImpactResult& impacts, const CategoryChoice& choice) {
    if (!choice.weighting) return partsOf(impacts, choice.category);
    // The single score is linear in each category's parts: sum their points.
    SystemParts p;
    for (const auto& e : choice.weighting->entries) {
        const SystemParts q = e.category ? partsOf(impacts, *e.category) : partsOf(co2e);
        p.total += weightedPoints(e, q.total);
        p.embodied += weightedPoints(e, q.embodied);
        p.operational += weightedPoints(e, q.operational);
        p.training += weightedPoints(e, q.training);
        p.unsplit += weightedPoints(e, q.unsplit);
    }
    return p;
}

bool completeIn(const Result& co2e, const ImpactResult& impacts, const CategoryChoice& choice) {
    if (!choice.weighting) return impacts.complete[static_cast<std::size_t>(choice.category)];
    for (const auto& e : choice.weighting->entries)
        if (e.category ? !impacts.complete[static_cast<std::size_t>(*e.category)] : !co2e.complete) return false;
    return true;
}

ImpactModel::ImpactModel(const FlatModel& model, CategoryChoice choice, std::vector<std::size_t> varying,
                         const std::vector<double>& values, std::vector<Metric> metrics)
    : m_model(&model), m_choice(choice), m_varying(std::move(varying)), m_values(values),
      m_metrics(std::move(metrics)) {}

ImpactResult ImpactModel::assess(std::size_t system, const std::vector<double>& values) const {
    const Recalculated r = recalculate(*m_model, system, values);
    return assessImpacts(r.system, r.result, *m_choice.set, r.hsl ? &*r.hsl : nullptr);
}

std::pair<Result, ImpactResult> ImpactModel::assessBoth(std::size_t system, const std::vector<double>& values) const {
    Recalculated r = recalculate(*m_model, system, values);
    ImpactResult impacts = assessImpacts(r.system, r.result, *m_choice.set, r.hsl ? &*r.hsl : nullptr);
    return {std::move(r.result), std::move(impacts)};
}

SystemParts ImpactModel::parts(std::size_t system, const std::vector<double>& values) const {
    if (!m_choice.weighting) return partsOf(assess(system, values), m_choice.category);
    const auto [co2e, impacts] = assessBoth(system, values);
    return partsOf(co2e, impacts, m_choice);
}

double ImpactModel::evaluate(const Metric& metric, const std::vector<double>& values) const {
    // Each system the metric names assessed once.
    std::vector<SystemParts> parts(m_model->systemCount());
    std::vector<bool> assessed(parts.size(), false);
    for (const auto& mp : metric.parts)
        if (!assessed[mp.system]) {
            parts[mp.system] = this->parts(mp.system, values);
            assessed[mp.system] = true;
        }
    return metricValue(metric, parts);
}

void ImpactModel::evaluate(const double* const* columns, std::size_t n, double* const* outputs) const {
    evaluateBySystem(
        m_model->systemCount(), m_varying, m_values, m_metrics,
        [this](std::size_t s, const std::vector<double>& values) { return parts(s, values); }, columns, n, outputs);
}

} // namespace tinyfoot::study
