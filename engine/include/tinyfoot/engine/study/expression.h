// Expressions of model inputs: how the study layer writes a line of a physical model (an IC die by
// node and yield, a battery with its replacement sets, a training amortised over a fleet, a use
// stage from energy per inference on a grid trajectory) as arithmetic on its parameters, so that a
// sample or a sweep point evaluates the line exactly instead of recalculating the system.
//
// An ExpressionGraph is a list of nodes in which every operand comes before the node that uses it
// (so one pass in order evaluates everything); identical nodes are built once, so the device
// energy that both the use stage and the battery sets read is one node. The operations are those
// the methods need and nothing is approximated: the battery ceiling, the idle clamp (max) and the
// branches (select) are exact, and the non-linear pieces (yield models, the process-node table,
// the grid trajectory's mean) call the same functions calculate() does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>
#include <tuple>
#include <vector>

namespace tinyfoot::study {

enum class ExprOp : std::uint8_t {
    Input,          ///< model input `a`
    Constant,       ///< `value`
    Add,            ///< a + b
    Sub,            ///< a - b
    Mul,            ///< a × b
    Div,            ///< a / b
    Max,            ///< b when a < b, else a (a NaN b keeps a)
    Neg,            ///< -a
    Exp,            ///< e^a
    CeilSteps,      ///< ⌈a - 1e-9⌉: whole sets (batteries) needed
    MurphyYield,    ///< ((1 - e^-a) / a)², 1 at a = 0
    GrowthMean,     ///< mean multiple over b years of a change of a % a year
    SelectPos,      ///< b when a > 0, else c
    Interpolate,    ///< table `table` at x = a: rows' abscissae and values (operands) in the table
    TrajectoryMean, ///< mean of table `table`'s points over [start, start + a] (start in the table)
};
std::string_view exprOpId(ExprOp op);

struct ExprNode {
    ExprOp op = ExprOp::Constant;
    std::uint32_t a = 0, b = 0, c = 0; ///< operand nodes (Input: the model input's index)
    std::uint32_t table = 0;           ///< Interpolate, TrajectoryMean
    double value = 0.0;                ///< Constant
    friend bool operator==(const ExprNode&, const ExprNode&) = default;
};

/// A table the Interpolate and TrajectoryMean nodes read: constant abscissae (nm, years) and the
/// nodes holding each row's value (inputs or constants).
struct ExprTable {
    std::vector<double> xs;
    std::vector<std::uint32_t> values;
    double start = 0.0; ///< TrajectoryMean: the first year of use
    friend bool operator==(const ExprTable&, const ExprTable&) = default;
};

class ExpressionGraph {
public:
    using Id = std::uint32_t;

    Id input(std::uint32_t index);
    Id constant(double value);
    Id unary(ExprOp op, Id a);
    Id binary(ExprOp op, Id a, Id b);
    Id select(Id condition, Id ifPositive, Id otherwise);
    Id interpolate(Id x, std::vector<double> xs, std::vector<Id> values);
    Id trajectoryMean(Id years, double start, std::vector<double> xs, std::vector<Id> values);

    Id add(Id a, Id b) { return binary(ExprOp::Add, a, b); }
    Id sub(Id a, Id b) { return binary(ExprOp::Sub, a, b); }
    Id mul(Id a, Id b) { return binary(ExprOp::Mul, a, b); }
    Id div(Id a, Id b) { return binary(ExprOp::Div, a, b); }
    Id max(Id a, Id b) { return binary(ExprOp::Max, a, b); }

    std::size_t size() const { return m_nodes.size(); }
    const ExprNode& node(Id id) const { return m_nodes[id]; }
    const std::vector<ExprNode>& nodes() const { return m_nodes; }
    const ExprTable& table(std::uint32_t t) const { return m_tables[t]; }

    /// Every node's value, in order, with the model inputs at `inputs` (internal units).
    std::vector<double> evaluate(const std::vector<double>& inputs) const;
    /// One node's value when its operands have the values in `values` (nodes before it).
    double evaluateNode(const ExprNode& n, const double* values) const;
    /// The model inputs node `id` depends on, ascending.
    std::vector<std::uint32_t> inputsOf(Id id) const;

private:
    using Key = std::tuple<std::uint8_t, std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t, std::uint64_t>;
    Id add(ExprNode n);
    std::vector<ExprNode> m_nodes;
    std::map<Key, Id> m_index;
    std::vector<ExprTable> m_tables;
};

} // namespace tinyfoot::study
