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
    double v = metric.constant;
    for (const auto& mp : metric.parts)
        v += mp.weight * partsOf(assess(mp.system, values), m_choice.category).of(mp.part);
    return v;
}

void ImpactModel::evaluate(const double* const* columns, std::size_t n, double* const* outputs) const {
    const std::size_t systems = m_model->systemCount();
    std::vector<double> values = m_values;
    std::vector<SystemParts> parts(systems);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t c = 0; c < m_varying.size(); ++c) values[m_varying[c]] = columns[c][i];
        for (std::size_t si = 0; si < systems; ++si) parts[si] = partsOf(assess(si, values), m_choice.category);
        for (std::size_t k = 0; k < m_metrics.size(); ++k) {
            double v = m_metrics[k].constant;
            for (const auto& mp : m_metrics[k].parts) v += mp.weight * parts[mp.system].of(mp.part);
            outputs[k][i] = v;
        }
    }
}

} // namespace tinyfoot::study
