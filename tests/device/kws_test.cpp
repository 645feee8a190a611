// The int8 kernels of the reference KWS network against a floating-point reference of the same
// layers, written independently here (plain loops over real-valued tensors).
#include "tinyfoot_device/kws.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace {

std::vector<std::int8_t> randomInt8(std::size_t n, int range, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> d(-range, range);
    std::vector<std::int8_t> v(n);
    for (auto& x : v) x = static_cast<std::int8_t>(d(gen));
    return v;
}

std::vector<std::int32_t> randomBias(std::size_t n, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> d(-500, 500);
    std::vector<std::int32_t> v(n);
    for (auto& x : v) x = d(gen);
    return v;
}

/// The layer's real-valued output, before rounding: acc x multiplier / 2^shift.
double scaled(double acc, const tfd_requant& q) { return acc * q.multiplier / std::ldexp(1.0, q.shift); }

/// Rounding half up and clamping, as the int8 output is defined.
int quantize(double v, const tfd_requant& q) {
    const double r = std::floor(v + 0.5);
    return static_cast<int>(std::clamp(r, q.relu ? 0.0 : -128.0, 127.0));
}

/// Convolution over real values with explicit "same"-style padding offsets.
std::vector<double> convReference(const std::vector<double>& in, int ih, int iw, int ic, const std::vector<double>& w,
                                  const std::vector<double>& b, int kh, int kw, int oc, int stride, int padTop,
                                  int padLeft, int oh, int ow) {
    std::vector<double> out(static_cast<std::size_t>(oh * ow * oc));
    for (int oy = 0; oy < oh; ++oy)
        for (int ox = 0; ox < ow; ++ox)
            for (int o = 0; o < oc; ++o) {
                double s = b[static_cast<std::size_t>(o)];
                for (int ky = 0; ky < kh; ++ky)
                    for (int kx = 0; kx < kw; ++kx)
                        for (int c = 0; c < ic; ++c) {
                            const int y = oy * stride + ky - padTop, x = ox * stride + kx - padLeft;
                            if (y < 0 || y >= ih || x < 0 || x >= iw) continue; // zero padding
                            s += in[static_cast<std::size_t>((y * iw + x) * ic + c)] *
                                 w[static_cast<std::size_t>(((o * kh + ky) * kw + kx) * ic + c)];
                        }
                out[static_cast<std::size_t>((oy * ow + ox) * oc + o)] = s;
            }
    return out;
}

template <class T>
std::vector<double> real(const std::vector<T>& v) {
    return {v.begin(), v.end()};
}

} // namespace

TEST_CASE("requantisation rounds half up and clamps") {
    const tfd_requant q{1, 8, 0};
    CHECK(tfd_requantize(128, &q) == 1);   // 0.5 -> 1
    CHECK(tfd_requantize(127, &q) == 0);   // 0.496 -> 0
    CHECK(tfd_requantize(-128, &q) == 0);  // -0.5 -> 0 (half up)
    CHECK(tfd_requantize(-129, &q) == -1); // -0.504 -> -1
    CHECK(tfd_requantize(1 << 20, &q) == 127);
    CHECK(tfd_requantize(-(1 << 20), &q) == -128);
    const tfd_requant relu{3, 4, 1};
    CHECK(tfd_requantize(-100, &relu) == 0);
    CHECK(tfd_requantize(40, &relu) == 8); // 40 x 3 / 16 = 7.5 -> 8
}

TEST_CASE("the first convolution (10 x 4, stride 2, same padding) matches the reference") {
    const auto in = randomInt8(TFD_KWS_INPUT_SIZE, 127, 1);
    const auto w = randomInt8(TFD_KWS_C * 40, 31, 2);
    const auto b = randomBias(TFD_KWS_C, 3);
    const tfd_requant q{1, 8, 1};
    std::vector<std::int8_t> out(TFD_KWS_OUT_H * TFD_KWS_OUT_W * TFD_KWS_C);
    tfd_conv2d_s8(in.data(), 49, 10, 1, w.data(), b.data(), 10, 4, TFD_KWS_C, 2, 4, 1, 25, 5, &q, out.data());
    const auto ref = convReference(real(in), 49, 10, 1, real(w), real(b), 10, 4, TFD_KWS_C, 2, 4, 1, 25, 5);
    int nonzero = 0, saturated = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        CHECK(out[i] == quantize(scaled(ref[i], q), q));
        nonzero += out[i] != 0;
        saturated += out[i] == 127;
    }
    // The shifts spread activations over the range: neither all zero nor all saturated.
    CHECK(nonzero > static_cast<int>(out.size()) / 4);
    CHECK(saturated < static_cast<int>(out.size()) / 4);
}

TEST_CASE("depthwise 3 x 3 and pointwise convolutions match the reference") {
    const int h = 25, w = 5, c = TFD_KWS_C;
    const auto in = randomInt8(static_cast<std::size_t>(h * w * c), 127, 4);
    const auto dw = randomInt8(9 * static_cast<std::size_t>(c), 63, 5);
    const auto db = randomBias(static_cast<std::size_t>(c), 6);
    const tfd_requant q{1, 8, 1};
    std::vector<std::int8_t> out(in.size());
    tfd_depthwise_s8(in.data(), h, w, c, dw.data(), db.data(), 3, &q, out.data());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int ch = 0; ch < c; ++ch) {
                double s = db[static_cast<std::size_t>(ch)];
                for (int ky = -1; ky <= 1; ++ky)
                    for (int kx = -1; kx <= 1; ++kx) {
                        if (y + ky < 0 || y + ky >= h || x + kx < 0 || x + kx >= w) continue;
                        s += static_cast<double>(in[static_cast<std::size_t>(((y + ky) * w + x + kx) * c + ch)]) *
                             dw[static_cast<std::size_t>(((ky + 1) * 3 + kx + 1) * c + ch)];
                    }
                CHECK(out[static_cast<std::size_t>((y * w + x) * c + ch)] == quantize(scaled(s, q), q));
            }
    const auto pw = randomInt8(static_cast<std::size_t>(c * c), 31, 7);
    const auto pb = randomBias(static_cast<std::size_t>(c), 8);
    const tfd_requant pq{1, 10, 1};
    tfd_pointwise_s8(in.data(), h * w, c, pw.data(), pb.data(), c, &pq, out.data());
    // A pointwise convolution is a 1 x 1 convolution.
    const auto ref = convReference(real(in), h, w, c, real(pw), real(pb), 1, 1, c, 1, 0, 0, h, w);
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i] == quantize(scaled(ref[i], pq), pq));
}

TEST_CASE("average pooling, fully connected and softmax match the reference") {
    const auto in = randomInt8(125 * 64, 127, 9);
    std::vector<std::int8_t> pooled(64);
    tfd_avgpool_s8(in.data(), 125, 64, pooled.data());
    for (int ch = 0; ch < 64; ++ch) {
        double s = 0;
        for (int p = 0; p < 125; ++p) s += in[static_cast<std::size_t>(p * 64 + ch)];
        CHECK(pooled[static_cast<std::size_t>(ch)] == static_cast<int>(std::floor(s / 125 + 0.5)));
    }
    const auto w = randomInt8(12 * 64, 31, 10);
    const auto b = randomBias(12, 11);
    std::vector<std::int32_t> logits(12);
    tfd_fully_connected_s8(pooled.data(), 64, w.data(), b.data(), 12, logits.data());
    for (int o = 0; o < 12; ++o) {
        double s = b[static_cast<std::size_t>(o)];
        for (int i = 0; i < 64; ++i)
            s += static_cast<double>(pooled[static_cast<std::size_t>(i)]) * w[static_cast<std::size_t>(o * 64 + i)];
        CHECK(logits[static_cast<std::size_t>(o)] == static_cast<std::int32_t>(s));
    }
    std::vector<float> p(12);
    tfd_softmax(logits.data(), 12, 1.0f / 256.0f, p.data());
    double sum = 0, refSum = 0;
    for (auto l : logits) refSum += std::exp(l / 256.0);
    for (int o = 0; o < 12; ++o) {
        sum += p[static_cast<std::size_t>(o)];
        CHECK(p[static_cast<std::size_t>(o)] ==
              doctest::Approx(std::exp(logits[static_cast<std::size_t>(o)] / 256.0) / refSum).epsilon(1e-5));
    }
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-6));
}

TEST_CASE("the whole network follows a real-valued reference of the same layers, deterministically") {
    static tfd_kws k; // large: keep it off the stack
    tfd_kws_init(&k, 20231101u);
    const auto input = randomInt8(TFD_KWS_INPUT_SIZE, 100, 12);
    tfd_kws_infer(&k, input.data());
    // Real-valued chain: the same weights and scales, no rounding between layers.
    const auto clampRelu = [](double v) { return std::clamp(v, 0.0, 127.0); };
    std::vector<double> wConv(k.conv_w, k.conv_w + TFD_KWS_C * 40), bConv(k.conv_b, k.conv_b + TFD_KWS_C);
    auto a = convReference(real(input), 49, 10, 1, wConv, bConv, 10, 4, TFD_KWS_C, 2, 4, 1, 25, 5);
    for (auto& v : a) v = clampRelu(scaled(v, k.conv_q));
    for (int blk = 0; blk < TFD_KWS_BLOCKS; ++blk) {
        std::vector<double> d(a.size());
        for (int y = 0; y < 25; ++y)
            for (int x = 0; x < 5; ++x)
                for (int ch = 0; ch < 64; ++ch) {
                    double s = k.dw_b[blk][ch];
                    for (int ky = -1; ky <= 1; ++ky)
                        for (int kx = -1; kx <= 1; ++kx) {
                            if (y + ky < 0 || y + ky >= 25 || x + kx < 0 || x + kx >= 5) continue;
                            s += a[static_cast<std::size_t>(((y + ky) * 5 + x + kx) * 64 + ch)] *
                                 k.dw_w[blk][((ky + 1) * 3 + kx + 1) * 64 + ch];
                        }
                    d[static_cast<std::size_t>((y * 5 + x) * 64 + ch)] = clampRelu(scaled(s, k.dw_q));
                }
        std::vector<double> pw(k.pw_w[blk], k.pw_w[blk] + 64 * 64), pb(k.pw_b[blk], k.pw_b[blk] + 64);
        a = convReference(d, 25, 5, 64, pw, pb, 1, 1, 64, 1, 0, 0, 25, 5);
        for (auto& v : a) v = clampRelu(scaled(v, k.pw_q));
    }
    std::vector<double> logits(12);
    for (int o = 0; o < 12; ++o) {
        double s = k.fc_b[o];
        for (int ch = 0; ch < 64; ++ch) {
            double mean = 0;
            for (int p = 0; p < 125; ++p) mean += a[static_cast<std::size_t>(p * 64 + ch)];
            s += mean / 125 * k.fc_w[o * 64 + ch];
        }
        logits[static_cast<std::size_t>(o)] = s * k.logit_scale;
    }
    const double mx = *std::max_element(logits.begin(), logits.end());
    double z = 0;
    for (double l : logits) z += std::exp(l - mx);
    for (int o = 0; o < 12; ++o)
        CHECK(k.scores[o] == doctest::Approx(std::exp(logits[static_cast<std::size_t>(o)] - mx) / z).epsilon(0.05));
    // Same seed and input: the same scores bit for bit; another seed: other scores.
    float first[12];
    std::copy(k.scores, k.scores + 12, first);
    tfd_kws_infer(&k, input.data());
    CHECK(std::equal(first, first + 12, k.scores));
    static tfd_kws other;
    tfd_kws_init(&other, 7u);
    tfd_kws_infer(&other, input.data());
    CHECK_FALSE(std::equal(first, first + 12, other.scores));
}
