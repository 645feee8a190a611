#include "tinyfoot/engine/study/compiled_plan.h"

#include "kernel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

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
        if (t.expression) continue; // compileExpressions
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
    compileExpressions(model, column, values);
}

void CompiledPlan::compileExpressions(const FlatModel& model, const std::vector<int>& column,
                                      const std::vector<double>& values) {
    const ExpressionGraph& g = model.expressions();
    // The expression lines that feed a metric, merged by node.
    std::map<std::uint32_t, std::vector<double>> outputs;
    for (const auto& t : model.terms()) {
        if (!t.expression) continue;
        std::vector<double> weights(m_metrics.size(), 0.0);
        bool any = false;
        for (std::size_t k = 0; k < m_metrics.size(); ++k)
            for (const auto& mp : m_metrics[k].parts) {
                if (mp.system != t.system || !feeds(mp.part, t)) continue;
                weights[k] += mp.weight * t.coefficient;
                any = true;
            }
        if (!any) continue;
        auto& acc = outputs[*t.expression];
        acc.resize(m_metrics.size(), 0.0);
        for (std::size_t k = 0; k < m_metrics.size(); ++k) acc[k] += weights[k];
    }
    if (outputs.empty()) return;

    // The nodes those lines need.
    std::vector<bool> needed(g.size(), false);
    for (const auto& [node, w] : outputs) needed[node] = true;
    for (std::size_t i = g.size(); i-- > 0;) {
        if (!needed[i]) continue;
        const ExprNode& n = g.node(static_cast<std::uint32_t>(i));
        switch (n.op) {
        case ExprOp::Input:
        case ExprOp::Constant: break;
        case ExprOp::Interpolate:
        case ExprOp::TrajectoryMean:
            needed[n.a] = true;
            for (auto r : g.table(n.table).values) needed[r] = true;
            break;
        case ExprOp::SelectPos: needed[n.c] = true; [[fallthrough]];
        case ExprOp::Add:
        case ExprOp::Sub:
        case ExprOp::Mul:
        case ExprOp::Div:
        case ExprOp::Max:
        case ExprOp::GrowthMean: needed[n.b] = true; [[fallthrough]];
        default: needed[n.a] = true;
        }
    }

    // Each needed node is a constant (folded), a column, or a register written by one
    // instruction. Operands are numbered provisionally: columns as they are, constants from
    // kConstant, registers from kRegister; they become slots at the end.
    constexpr std::uint32_t kConstant = 1u << 30, kRegister = 1u << 31;
    std::vector<double> value(g.size(), 0.0);
    std::vector<bool> folded(g.size(), false);
    std::vector<std::uint32_t> operand(g.size(), 0);
    std::map<std::uint64_t, std::uint32_t> constantIndex;
    std::vector<double> constants;
    const auto constantOperand = [&](double v) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof bits);
        const auto [it, added] = constantIndex.emplace(bits, static_cast<std::uint32_t>(constants.size()));
        if (added) constants.push_back(v);
        return kConstant + it->second;
    };
    const auto use = [&](std::uint32_t node) { return folded[node] ? constantOperand(value[node]) : operand[node]; };
    std::uint32_t registers = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> rowOperands; // (table entry, operand)
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (!needed[i]) continue;
        const ExprNode& n = g.node(static_cast<std::uint32_t>(i));
        if (n.op == ExprOp::Input) {
            if (column[n.a] >= 0) operand[i] = static_cast<std::uint32_t>(column[n.a]);
            else folded[i] = true, value[i] = values[n.a];
            continue;
        }
        if (n.op == ExprOp::Constant) {
            folded[i] = true;
            value[i] = n.value;
            continue;
        }
        bool constant = true;
        const auto check = [&](std::uint32_t o) { constant = constant && folded[o]; };
        switch (n.op) {
        case ExprOp::Interpolate:
        case ExprOp::TrajectoryMean:
            check(n.a);
            for (auto r : g.table(n.table).values) check(r);
            break;
        case ExprOp::SelectPos: check(n.c); [[fallthrough]];
        case ExprOp::Add:
        case ExprOp::Sub:
        case ExprOp::Mul:
        case ExprOp::Div:
        case ExprOp::Max:
        case ExprOp::GrowthMean: check(n.b); [[fallthrough]];
        default: check(n.a);
        }
        if (constant) {
            folded[i] = true;
            value[i] = g.evaluateNode(n, value.data());
            continue;
        }
        detail::Instruction in;
        in.op = n.op;
        in.out = kRegister + registers++;
        operand[i] = in.out;
        in.a = use(n.a);
        in.b = in.a;
        in.c = in.a;
        switch (n.op) {
        case ExprOp::SelectPos: in.c = use(n.c); [[fallthrough]];
        case ExprOp::Add:
        case ExprOp::Sub:
        case ExprOp::Mul:
        case ExprOp::Div:
        case ExprOp::Max:
        case ExprOp::GrowthMean: in.b = use(n.b); break;
        case ExprOp::Interpolate:
        case ExprOp::TrajectoryMean: {
            in.table = static_cast<std::uint32_t>(m_tables.size());
            m_tables.push_back(
                {static_cast<std::uint32_t>(m_exprTables.size()), static_cast<std::uint32_t>(m_tableSlots.size())});
            m_exprTables.push_back(g.table(n.table));
            for (auto r : g.table(n.table).values) m_tableSlots.push_back(use(r));
            break;
        }
        default: break;
        }
        m_code.push_back(in);
    }

    // Final slots: [columns | constants | registers].
    const auto columns = static_cast<std::uint32_t>(m_varying.size());
    m_constantSlots = constants.size();
    m_registers = registers;
    const auto slot = [&](std::uint32_t o) {
        if (o >= kRegister) return columns + static_cast<std::uint32_t>(m_constantSlots) + (o - kRegister);
        if (o >= kConstant) return columns + (o - kConstant);
        return o;
    };
    for (auto& in : m_code) {
        in.out = slot(in.out);
        in.a = slot(in.a);
        in.b = slot(in.b);
        in.c = slot(in.c);
    }
    for (auto& s : m_tableSlots) s = slot(s);
    m_constantBlock.assign(m_constantSlots * detail::kChunk, 0.0);
    for (std::size_t k = 0; k < m_constantSlots; ++k)
        std::fill_n(m_constantBlock.begin() + static_cast<std::ptrdiff_t>(k * detail::kChunk), detail::kChunk,
                    constants[k]);
    for (const auto& [node, weights] : outputs) {
        for (std::size_t k = 0; k < weights.size(); ++k) {
            if (weights[k] == 0.0) continue;
            if (folded[node]) {
                m_constants[k] += weights[k] * value[node];
                continue;
            }
            m_outputSlot.push_back(slot(operand[node]));
            m_outputMetric.push_back(static_cast<std::uint32_t>(k));
            m_outputWeight.push_back(weights[k]);
        }
    }
}

void CompiledPlan::evaluate(const double* const* columns, std::size_t n, double* const* outputs) const {
    detail::PlanView view{m_coefficients.size(), m_metrics.size(),     m_constants.data(),
                          m_coefficients.data(), m_columnStart.data(), m_columns.data(),
                          m_targetStart.data(),  m_targets.data(),     m_weights.data()};
    const bool program = !m_outputSlot.empty();
    // Registers and slot pointers per thread, grown once to the largest plan the thread runs.
    thread_local std::vector<double> registers;
    thread_local std::vector<double*> slots;
    const std::size_t columnCount = m_varying.size();
    detail::ProgramView code{m_code.size(),       m_code.data(),         m_tables.data(),
                             m_exprTables.data(), m_tableSlots.data(),   m_outputSlot.size(),
                             m_outputSlot.data(), m_outputMetric.data(), m_outputWeight.data()};
    if (program) {
        if (registers.size() < m_registers * detail::kChunk) registers.resize(m_registers * detail::kChunk);
        const std::size_t total = columnCount + m_constantSlots + m_registers;
        if (slots.size() < total) slots.resize(total);
        double* constantBlock = const_cast<double*>(m_constantBlock.data()); // read only: never an output slot
        for (std::size_t k = 0; k < m_constantSlots; ++k) slots[columnCount + k] = constantBlock + k * detail::kChunk;
        for (std::size_t r = 0; r < m_registers; ++r)
            slots[columnCount + m_constantSlots + r] = registers.data() + r * detail::kChunk;
    }
    for (std::size_t start = 0; start < n; start += detail::kChunk) {
        const std::size_t len = std::min(detail::kChunk, n - start);
        detail::evaluatePlanChunk(view, columns, start, len, outputs);
        if (!program) continue;
        for (std::size_t j = 0; j < columnCount; ++j) slots[j] = const_cast<double*>(columns[j]) + start;
        detail::evaluateProgramChunk(code, slots.data(), start, len, outputs);
    }
}

std::optional<std::vector<std::pair<double, double>>>
CompiledPlan::outputBounds(const std::vector<std::pair<double, double>>& inputBounds) const {
    // An expression need not be monotone (a yield, a ceiling, a node table): no bounds then.
    if (!m_outputSlot.empty()) return std::nullopt;
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
