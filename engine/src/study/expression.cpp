#include "tinyfoot/engine/study/expression.h"

#include "expression_ops.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace tinyfoot::study {

std::string_view exprOpId(ExprOp op) {
    switch (op) {
    case ExprOp::Input: return "input";
    case ExprOp::Constant: return "constant";
    case ExprOp::Add: return "add";
    case ExprOp::Sub: return "sub";
    case ExprOp::Mul: return "mul";
    case ExprOp::Div: return "div";
    case ExprOp::Max: return "max";
    case ExprOp::Neg: return "neg";
    case ExprOp::Exp: return "exp";
    case ExprOp::CeilSteps: return "ceil_steps";
    case ExprOp::MurphyYield: return "murphy_yield";
    case ExprOp::GrowthMean: return "growth_mean";
    case ExprOp::SelectPos: return "select_positive";
    case ExprOp::Interpolate: return "interpolate";
    case ExprOp::TrajectoryMean: return "trajectory_mean";
    }
    return "unknown";
}

ExpressionGraph::Id ExpressionGraph::add(ExprNode n) {
    // Identical nodes are built once (a constant by its bits, so 0.0 and -0.0 stay apart).
    std::uint64_t bits = 0;
    std::memcpy(&bits, &n.value, sizeof bits);
    const Key key{static_cast<std::uint8_t>(n.op), n.a, n.b, n.c, n.table, bits};
    const auto [it, added] = m_index.emplace(key, static_cast<Id>(m_nodes.size()));
    if (added) m_nodes.push_back(n);
    return it->second;
}

ExpressionGraph::Id ExpressionGraph::input(std::uint32_t index) { return add({ExprOp::Input, index, 0, 0, 0, 0.0}); }

ExpressionGraph::Id ExpressionGraph::constant(double value) { return add({ExprOp::Constant, 0, 0, 0, 0, value}); }

ExpressionGraph::Id ExpressionGraph::unary(ExprOp op, Id a) { return add({op, a, 0, 0, 0, 0.0}); }

ExpressionGraph::Id ExpressionGraph::binary(ExprOp op, Id a, Id b) { return add({op, a, b, 0, 0, 0.0}); }

ExpressionGraph::Id ExpressionGraph::select(Id condition, Id ifPositive, Id otherwise) {
    return add({ExprOp::SelectPos, condition, ifPositive, otherwise, 0, 0.0});
}

ExpressionGraph::Id ExpressionGraph::interpolate(Id x, std::vector<double> xs, std::vector<Id> values) {
    ExprTable t{std::move(xs), std::move(values), 0.0};
    auto it = std::find(m_tables.begin(), m_tables.end(), t);
    if (it == m_tables.end()) it = m_tables.insert(m_tables.end(), std::move(t));
    return add({ExprOp::Interpolate, x, 0, 0, static_cast<std::uint32_t>(it - m_tables.begin()), 0.0});
}

ExpressionGraph::Id ExpressionGraph::trajectoryMean(Id years, double start, std::vector<double> xs,
                                                    std::vector<Id> values) {
    ExprTable t{std::move(xs), std::move(values), start};
    auto it = std::find(m_tables.begin(), m_tables.end(), t);
    if (it == m_tables.end()) it = m_tables.insert(m_tables.end(), std::move(t));
    return add({ExprOp::TrajectoryMean, years, 0, 0, static_cast<std::uint32_t>(it - m_tables.begin()), 0.0});
}

double ExpressionGraph::evaluateNode(const ExprNode& n, const double* v) const {
    switch (n.op) {
    case ExprOp::Input: return 0.0; // the caller supplies inputs
    case ExprOp::Constant: return n.value;
    case ExprOp::Add:
    case ExprOp::Sub:
    case ExprOp::Mul:
    case ExprOp::Div:
    case ExprOp::Max:
    case ExprOp::GrowthMean: return detail::applyBinary(n.op, v[n.a], v[n.b]);
    case ExprOp::Neg:
    case ExprOp::Exp:
    case ExprOp::CeilSteps:
    case ExprOp::MurphyYield: return detail::applyUnary(n.op, v[n.a]);
    case ExprOp::SelectPos: return detail::applySelect(v[n.a], v[n.b], v[n.c]);
    case ExprOp::Interpolate:
    case ExprOp::TrajectoryMean: {
        const ExprTable& t = m_tables[n.table];
        return detail::applyTable(n.op, t, v[n.a], [&](std::size_t i) { return v[t.values[i]]; });
    }
    }
    return 0.0;
}

std::vector<double> ExpressionGraph::evaluate(const std::vector<double>& inputs) const {
    std::vector<double> v(m_nodes.size());
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const ExprNode& n = m_nodes[i];
        v[i] = n.op == ExprOp::Input ? inputs[n.a] : evaluateNode(n, v.data());
    }
    return v;
}

std::vector<std::uint32_t> ExpressionGraph::inputsOf(Id id) const {
    std::vector<bool> need(id + 1, false);
    need[id] = true;
    std::set<std::uint32_t> out;
    for (std::size_t i = id + 1; i-- > 0;) {
        if (!need[i]) continue;
        const ExprNode& n = m_nodes[i];
        switch (n.op) {
        case ExprOp::Input: out.insert(n.a); break;
        case ExprOp::Constant: break;
        case ExprOp::Interpolate:
        case ExprOp::TrajectoryMean:
            need[n.a] = true;
            for (auto r : m_tables[n.table].values) need[r] = true;
            break;
        case ExprOp::SelectPos: need[n.c] = true; [[fallthrough]];
        case ExprOp::Add:
        case ExprOp::Sub:
        case ExprOp::Mul:
        case ExprOp::Div:
        case ExprOp::Max:
        case ExprOp::GrowthMean: need[n.b] = true; [[fallthrough]];
        default: need[n.a] = true;
        }
    }
    return {out.begin(), out.end()};
}

} // namespace tinyfoot::study
