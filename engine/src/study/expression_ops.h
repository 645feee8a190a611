// The arithmetic of each expression operation (internal), shared by the scalar evaluation
// (ExpressionGraph::evaluate, used to compile and check the model) and the vectorised kernel
// (kernel.cpp), so both compute the same numbers.
#pragma once

#include "../model_math.h"

#include "tinyfoot/engine/study/expression.h"

#include <cmath>

namespace tinyfoot::study::detail {

inline double applyUnary(ExprOp op, double a) {
    switch (op) {
    case ExprOp::Neg: return -a;
    case ExprOp::Exp: return std::exp(a);
    case ExprOp::CeilSteps: return model_math::ceilSteps(a);
    case ExprOp::MurphyYield: return model_math::murphyYield(a);
    default: return a;
    }
}

inline double applyBinary(ExprOp op, double a, double b) {
    switch (op) {
    case ExprOp::Add: return a + b;
    case ExprOp::Sub: return a - b;
    case ExprOp::Mul: return a * b;
    case ExprOp::Div: return a / b;
    case ExprOp::Max: return a < b ? b : a;
    case ExprOp::GrowthMean: return model_math::growthMean(a, b);
    default: return a;
    }
}

inline double applySelect(double condition, double ifPositive, double otherwise) {
    return condition > 0.0 ? ifPositive : otherwise;
}

/// Interpolate and TrajectoryMean at x, the rows' values given by y(i).
template <class Y>
double applyTable(ExprOp op, const ExprTable& t, double x, Y y) {
    if (op == ExprOp::Interpolate) return model_math::interpolate(t.xs.data(), t.xs.size(), x, y);
    return model_math::pointsMean(t.xs.data(), t.xs.size(), y, t.start, x);
}

} // namespace tinyfoot::study::detail
