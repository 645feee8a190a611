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

ImpactModel::ImpactModel(const FlatModel& model, CategoryChoice choice, std::vector<std::size_t> varying,
                         const std::vector<double>& values, std::vector<Metric> metrics)
    : m_model(&model), m_choice(choice), m_varying(std::move(varying)), m_values(values),
      m_metrics(std::move(metrics)) {}

ImpactResult ImpactModel::assess(std::size_t system, const std::vector<double>& values) const {
    const Recalculated r = recalculate(*m_model, system, values);
    return assessImpacts(r.system, r.result, *m_choice.set, r.hsl ? &*r.hsl : nullptr);
}

double ImpactModel::evaluate(const Metric& metric, const std::vector<double>& values) const {
    // Each system the metric names assessed once.
    std::vector<SystemParts> parts(m_model->systemCount());
    std::vector<bool> assessed(parts.size(), false);
    for (const auto& mp : metric.parts)
        if (!assessed[mp.system]) {
            parts[mp.system] = partsOf(assess(mp.system, values), m_choice.category);
            assessed[mp.system] = true;
        }
    return metricValue(metric, parts);
}

void ImpactModel::evaluate(const double* const* columns, std::size_t n, double* const* outputs) const {
    evaluateBySystem(
        m_model->systemCount(), m_varying, m_values, m_metrics,
        [this](std::size_t s, const std::vector<double>& values) {
            return partsOf(assess(s, values), m_choice.category);
        },
        columns, n, outputs);
}

} // namespace tinyfoot::study
