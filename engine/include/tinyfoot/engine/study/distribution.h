// Probability distributions of uncertain inputs, sampled by inverse transform: a value is the
// quantile of a uniform number u, so one stream of u drives any distribution monotonically (the
// property common random numbers rely on).
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace tinyfoot::study {

enum class DistributionKind {
    Fixed,      ///< always the same value
    Uniform,    ///< flat on [lower, upper]
    Triangular, ///< lower, mode, upper
    Normal,     ///< mean and standard deviation, truncated below at 0 (amounts and factors are >= 0)
    Lognormal,  ///< median and geometric standard deviation
};
std::string_view distributionId(DistributionKind kind);

/// One input's distribution, in the engine's internal units (a plain double: kg, m², J, kg CO2e
/// per internal unit ...). Build it with the named constructors; they check their arguments.
class Distribution {
public:
    Distribution() = default;
    static Distribution fixed(double value);
    static Distribution uniform(double lower, double upper);
    static Distribution triangular(double lower, double mode, double upper);
    /// A normal distribution truncated to [0, inf): the mass below 0 is cut off and the rest
    /// renormalised (sampled exactly by mapping u into the kept part of the CDF).
    static Distribution truncatedNormal(double mean, double sd);
    /// ln X ~ N(ln median, ln gsd).
    static Distribution lognormal(double median, double gsd);

    DistributionKind kind() const { return m_kind; }
    double quantile(double u) const;

    /// Exact moments (the truncated normal's included).
    double mean() const;
    double variance() const;
    /// Where a tornado puts the input: the support of bounded distributions, and the central
    /// 95 % interval of the normal and lognormal ones (the range they were built from).
    double low() const;
    double high() const;
    /// Bounds that hold every sample (bounded kinds) or all but a 1e-12 tail (the others).
    std::pair<double, double> sampleBounds() const;
    /// The value of an unsampled run: the mode (triangular), the value (fixed), the median
    /// (lognormal), the mean (normal, uniform).
    double centre() const;

    /// Readable, in the caller's unit: "triangular(10, 50, 100)" with values divided by `scale`.
    std::string describe(double scale = 1.0) const;

    // Parameters, for the sampling kernel.
    double p0() const { return m_p0; }
    double p1() const { return m_p1; }
    double p2() const { return m_p2; }
    double p3() const { return m_p3; }
    double p4() const { return m_p4; }
    double p5() const { return m_p5; }

private:
    DistributionKind m_kind = DistributionKind::Fixed;
    // Fixed: p0 value. Uniform: p0 lower, p1 width. Triangular: p0 lower, p1 upper, p2 mode,
    // p3 = F(mode), p4 = (upper - lower)(mode - lower), p5 = (upper - lower)(upper - mode).
    // Normal: p0 mean, p1 sd, p2 = Phi(-mean/sd) (the cut-off mass). Lognormal: p0 = ln median,
    // p1 = ln gsd.
    double m_p0 = 0.0, m_p1 = 0.0, m_p2 = 0.0, m_p3 = 0.0, m_p4 = 0.0, m_p5 = 0.0;
};

/// The standard normal CDF and its inverse (Acklam's rational approximation refined by one
/// Halley step on erfc: relative error near machine precision).
double normalCdf(double x);
double normalQuantile(double p);

/// z such that 95 % of a normal lies within ±z standard deviations (1.959963984540054).
inline constexpr double kZ95 = 1.959963984540054;

} // namespace tinyfoot::study
