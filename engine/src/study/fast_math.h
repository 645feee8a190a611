// Branch-free helpers for the sampling kernel (internal to the study layer).
//
// std::sqrt may set errno, which stops GCC from vectorising a loop that calls it unless the whole
// build uses -fno-math-errno. This square root is plain multiply/add arithmetic instead: the
// classic bit-pattern estimate of 1/sqrt(t) refined by four Newton steps (the error squares at
// each step: 3e-2, 1e-3, 2e-6, 6e-12, < 1 ulp), then sqrt(t) = t / sqrt(t). Its largest relative
// error against std::sqrt is below 5e-16 over 1e-300..1e300 (tests/engine/study/distribution_test).
// The scalar quantile functions use it too, so a sampled value is bit-for-bit the documented
// quantile whichever code path computes it.
#pragma once

#include <bit>
#include <cstdint>

namespace tinyfoot::study::detail {

inline double fastSqrt(double t) {
    const auto bits = std::bit_cast<std::uint64_t>(t);
    double y = std::bit_cast<double>(0x5FE6EB50C7B537A9ull - (bits >> 1));
    const double h = 0.5 * t;
    y = y * (1.5 - h * y * y);
    y = y * (1.5 - h * y * y);
    y = y * (1.5 - h * y * y);
    y = y * (1.5 - h * y * y);
    return t * y;
}

/// Triangular quantile with parameters as stored in Distribution: lower a, upper b,
/// fc = F(mode), kLeft = (b - a)(mode - a) and kRight = (b - a)(b - mode). One square root,
/// selected branch-free.
inline double triangularQuantile(double u, double a, double b, double fc, double kLeft, double kRight) {
    const bool left = u < fc;
    const double t = left ? u * kLeft : (1.0 - u) * kRight;
    const double r = fastSqrt(t);
    return left ? a + r : b - r;
}

} // namespace tinyfoot::study::detail
