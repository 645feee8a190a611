// The non-linear pieces of the physical models (internal), written once: calculate() and the study
// layer's compiled expressions (study/expression.h) both call these, so a sample evaluates exactly
// the arithmetic a full calculation does.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace tinyfoot::model_math {

/// Sets of batteries (or any whole count) needed for `x` sets' worth: the ceiling, with a
/// tolerance of 1e-9 so that a ratio that is a whole number up to rounding is not stepped up.
inline double ceilSteps(double x) { return std::ceil(x - 1e-9); }

/// Poisson fab yield of a die with `ad` = area × defect density.
inline double poissonYield(double ad) { return std::exp(-ad); }

/// Murphy fab yield ((1 - e^-AD) / AD)², 1 at AD = 0.
inline double murphyYield(double ad) {
    if (ad == 0.0) return 1.0;
    const double m = (1.0 - std::exp(-ad)) / ad;
    return m * m;
}

/// Mean over [0, years] of a quantity that changes by `annualChangePercent` % a year, as a
/// multiple of its starting value: ((1 + g)^T - 1) / (T ln(1 + g)), 1 when g or T is 0.
inline double growthMean(double annualChangePercent, double years) {
    const double g = annualChangePercent / 100.0;
    if (g == 0.0 || years <= 0.0) return 1.0;
    return (std::pow(1.0 + g, years) - 1.0) / (years * std::log1p(g));
}

/// The value of a table at `x`, linear between the rows xs[i] (ascending) and held at the first
/// and last row outside them; y(i) gives row i's value.
template <class Y>
double interpolate(const double* xs, std::size_t n, double x, Y y) {
    if (x <= xs[0]) return y(0);
    if (x >= xs[n - 1]) return y(n - 1);
    for (std::size_t i = 1; i < n; ++i) {
        if (x > xs[i]) continue;
        if (x == xs[i]) return y(i);
        const double w = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        const double a = y(i - 1);
        return a + (y(i) - a) * w;
    }
    return y(n - 1);
}

/// Mean of a piecewise-linear function (points xs/y, held outside them) over [start, start +
/// years]; its value at `start` when years <= 0. Exact: the trapezoids between the points.
template <class Y>
double pointsMean(const double* xs, std::size_t n, Y y, double start, double years) {
    const auto at = [&](double t) { return interpolate(xs, n, t, y); };
    if (years <= 0.0) return at(start);
    const double end = start + years;
    // The abscissae: start, the points strictly inside, end (xs is ascending).
    double area = 0.0;
    double prev = start;
    double prevValue = at(start);
    for (std::size_t i = 0; i < n; ++i) {
        if (!(xs[i] > start && xs[i] < end)) continue;
        const double v = at(xs[i]);
        area += 0.5 * (prevValue + v) * (xs[i] - prev);
        prev = xs[i];
        prevValue = v;
    }
    const double v = at(end);
    area += 0.5 * (prevValue + v) * (end - prev);
    return area / years;
}

/// Whether a duty-cycle profile's fractions can be study inputs: two states or more, none
/// written at 1 (which leaves the others no share to rescale).
inline bool profileFractionsVary(const double* written, std::size_t n) {
    if (n < 2) return false;
    for (std::size_t i = 0; i < n; ++i)
        if (!(written[i] < 1.0)) return false;
    return true;
}

/// The time fractions of a duty-cycle profile written as `written` when a study draws `drawn`
/// (the written value where a fraction is not drawn). Each state weighs
///   n_i = d_i (1 - f_i) × Π_{j≠i} (1 - d_j)
/// and takes n_i / Σ n. When one fraction moves, it is exactly the value drawn and the others
/// share the rest in their written proportions (the studio's edit); several drawn together give
/// one profile, summing to 1, whatever the order of the inputs. Needs profileFractionsVary().
inline void profileFractions(const double* written, const double* drawn, std::size_t n, double* out) {
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        double w = drawn[i] * (1.0 - written[i]);
        for (std::size_t j = 0; j < n; ++j)
            if (j != i) w *= 1.0 - drawn[j];
        out[i] = w;
        total += w;
    }
    for (std::size_t i = 0; i < n; ++i) out[i] /= total;
}

} // namespace tinyfoot::model_math
