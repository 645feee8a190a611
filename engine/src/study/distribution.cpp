#include "tinyfoot/engine/study/distribution.h"

#include "fast_math.h"
#include "tinyfoot/engine/format/number.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinyfoot::study {

namespace {

constexpr double kPi = 3.14159265358979323846;
/// The 1e-12 upper tail of the standard normal: Phi(-7.034) ~ 1e-12.
constexpr double kZTail = 7.034;

double normalDensity(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * kPi); }

} // namespace

std::string_view distributionId(DistributionKind kind) {
    switch (kind) {
    case DistributionKind::Fixed: return "fixed";
    case DistributionKind::Uniform: return "uniform";
    case DistributionKind::Triangular: return "triangular";
    case DistributionKind::Normal: return "normal";
    case DistributionKind::Lognormal: return "lognormal";
    }
    return "unknown";
}

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normalQuantile(double p) {
    if (!(p > 0.0)) return -std::numeric_limits<double>::infinity();
    if (!(p < 1.0)) return std::numeric_limits<double>::infinity();
    // Acklam's rational approximations (relative error 1.15e-9) for the central region and the
    // two tails.
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double pLow = 0.02425;
    double x = 0.0;
    if (p < pLow) {
        const double q = std::sqrt(-2.0 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else if (p <= 1.0 - pLow) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    } else {
        const double q = std::sqrt(-2.0 * std::log1p(-p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    // One Halley step on F(x) - p brings the error to machine precision.
    const double e = normalCdf(x) - p;
    const double u = e * std::sqrt(2.0 * kPi) * std::exp(0.5 * x * x);
    return x - u / (1.0 + 0.5 * x * u);
}

Distribution Distribution::fixed(double value) {
    Distribution d;
    d.m_kind = DistributionKind::Fixed;
    d.m_p0 = value;
    return d;
}

Distribution Distribution::uniform(double lower, double upper) {
    if (!(upper >= lower)) return fixed(lower);
    if (upper == lower) return fixed(lower);
    Distribution d;
    d.m_kind = DistributionKind::Uniform;
    d.m_p0 = lower;
    d.m_p1 = upper - lower;
    return d;
}

Distribution Distribution::triangular(double lower, double mode, double upper) {
    if (!(lower <= mode && mode <= upper) || lower == upper) return fixed(mode);
    Distribution d;
    d.m_kind = DistributionKind::Triangular;
    d.m_p0 = lower;
    d.m_p1 = upper;
    d.m_p2 = mode;
    d.m_p3 = (mode - lower) / (upper - lower);
    d.m_p4 = (upper - lower) * (mode - lower);
    d.m_p5 = (upper - lower) * (upper - mode);
    return d;
}

Distribution Distribution::truncatedNormal(double mean, double sd) {
    if (!(sd > 0.0)) return fixed(mean);
    Distribution d;
    d.m_kind = DistributionKind::Normal;
    d.m_p0 = mean;
    d.m_p1 = sd;
    d.m_p2 = normalCdf(-mean / sd);
    return d;
}

Distribution Distribution::lognormal(double median, double gsd) {
    if (!(median > 0.0) || !(gsd > 1.0)) return fixed(median);
    Distribution d;
    d.m_kind = DistributionKind::Lognormal;
    d.m_p0 = std::log(median);
    d.m_p1 = std::log(gsd);
    return d;
}

double Distribution::quantile(double u) const {
    switch (m_kind) {
    case DistributionKind::Fixed: return m_p0;
    case DistributionKind::Uniform: return m_p0 + u * m_p1;
    case DistributionKind::Triangular: return detail::triangularQuantile(u, m_p0, m_p1, m_p3, m_p4, m_p5);
    case DistributionKind::Normal: return m_p0 + m_p1 * normalQuantile(m_p2 + u * (1.0 - m_p2));
    case DistributionKind::Lognormal: return std::exp(m_p0 + m_p1 * normalQuantile(u));
    }
    return m_p0;
}

double Distribution::mean() const {
    switch (m_kind) {
    case DistributionKind::Fixed: return m_p0;
    case DistributionKind::Uniform: return m_p0 + 0.5 * m_p1;
    case DistributionKind::Triangular: return (m_p0 + m_p1 + m_p2) / 3.0;
    case DistributionKind::Normal: {
        const double alpha = -m_p0 / m_p1;
        const double lambda = normalDensity(alpha) / (1.0 - m_p2);
        return m_p0 + m_p1 * lambda;
    }
    case DistributionKind::Lognormal: return std::exp(m_p0 + 0.5 * m_p1 * m_p1);
    }
    return m_p0;
}

double Distribution::variance() const {
    switch (m_kind) {
    case DistributionKind::Fixed: return 0.0;
    case DistributionKind::Uniform: return m_p1 * m_p1 / 12.0;
    case DistributionKind::Triangular: {
        const double a = m_p0, b = m_p1, c = m_p2;
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    }
    case DistributionKind::Normal: {
        const double alpha = -m_p0 / m_p1;
        const double lambda = normalDensity(alpha) / (1.0 - m_p2);
        return m_p1 * m_p1 * (1.0 + alpha * lambda - lambda * lambda);
    }
    case DistributionKind::Lognormal: {
        const double s2 = m_p1 * m_p1;
        return std::expm1(s2) * std::exp(2.0 * m_p0 + s2);
    }
    }
    return 0.0;
}

double Distribution::low() const {
    switch (m_kind) {
    case DistributionKind::Fixed: return m_p0;
    case DistributionKind::Uniform: return m_p0;
    case DistributionKind::Triangular: return m_p0;
    case DistributionKind::Normal: return std::max(0.0, m_p0 - kZ95 * m_p1);
    case DistributionKind::Lognormal: return std::exp(m_p0 - kZ95 * m_p1);
    }
    return m_p0;
}

double Distribution::high() const {
    switch (m_kind) {
    case DistributionKind::Fixed: return m_p0;
    case DistributionKind::Uniform: return m_p0 + m_p1;
    case DistributionKind::Triangular: return m_p1;
    case DistributionKind::Normal: return m_p0 + kZ95 * m_p1;
    case DistributionKind::Lognormal: return std::exp(m_p0 + kZ95 * m_p1);
    }
    return m_p0;
}

std::pair<double, double> Distribution::sampleBounds() const {
    switch (m_kind) {
    case DistributionKind::Fixed: return {m_p0, m_p0};
    case DistributionKind::Uniform: return {m_p0, m_p0 + m_p1};
    case DistributionKind::Triangular: return {m_p0, m_p1};
    case DistributionKind::Normal: return {std::max(0.0, m_p0 - kZTail * m_p1), m_p0 + kZTail * m_p1};
    case DistributionKind::Lognormal: return {std::exp(m_p0 - kZTail * m_p1), std::exp(m_p0 + kZTail * m_p1)};
    }
    return {m_p0, m_p0};
}

double Distribution::centre() const {
    switch (m_kind) {
    case DistributionKind::Fixed: return m_p0;
    case DistributionKind::Uniform: return m_p0 + 0.5 * m_p1;
    case DistributionKind::Triangular: return m_p2;
    case DistributionKind::Normal: return m_p0;
    case DistributionKind::Lognormal: return std::exp(m_p0);
    }
    return m_p0;
}

std::string Distribution::describe(double scale) const {
    // Six significant digits: enough to read a distribution back, without binary noise
    // (0.1 x 0.1 prints as 0.01, not 0.010000000000000002).
    const auto number = [](double v) { return format::general(v, 6); };
    const auto s = [scale, number](double v) { return number(v / scale); };
    switch (m_kind) {
    case DistributionKind::Fixed: return "fixed(" + s(m_p0) + ")";
    case DistributionKind::Uniform: return "uniform(" + s(m_p0) + ", " + s(m_p0 + m_p1) + ")";
    case DistributionKind::Triangular: return "triangular(" + s(m_p0) + ", " + s(m_p2) + ", " + s(m_p1) + ")";
    case DistributionKind::Normal: return "normal(mean " + s(m_p0) + ", sd " + s(m_p1) + ", truncated at 0)";
    case DistributionKind::Lognormal:
        return "lognormal(median " + s(std::exp(m_p0)) + ", gsd " + number(std::exp(m_p1)) + ")";
    }
    return "unknown";
}

} // namespace tinyfoot::study
