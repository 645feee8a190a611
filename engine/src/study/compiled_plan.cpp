#include "tinyfoot/engine/study/compiled_plan.h"

#include "kernel.h"

#include <algorithm>
#include <cmath>

namespace tinyfoot::study {

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

} // namespace tinyfoot::study
