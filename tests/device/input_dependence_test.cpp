// The reference networks answer according to their input (docs/harness.md, "The reference
// workload"): five different inputs give five different m-results, the classifiers put the four
// non-zero ones in at least two classes, and every layer keeps its activations between vanishing
// and saturating. Through the protocol, on the native build of the device library.
#include "reference_inputs.h"

#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws_model.h"
#include "tinyfoot_device/mlperf_models.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace {

std::string g_transcript;
void putChar(void*, char c) { g_transcript += c; }
std::uint32_t nowUs(void*) { return 0; }
void pin(void*, int) {}
void delayUs(void*, std::uint32_t) {}

/// The m-results line of each reference input, through the protocol.
std::vector<std::string> answers(const tfd_model* model, std::size_t inputSize) {
    static std::vector<std::uint8_t> buffer(TFD_INPUT_MAX);
    tfd_port port{};
    port.put_char = putChar;
    port.now_us = nowUs;
    port.timestamp_pin = pin;
    port.delay_us = delayUs;
    tfd_device dev{};
    tfd_init(&dev, &port, model, TFD_MODE_PERFORMANCE, "test", "test", buffer.data(), buffer.size());
    std::vector<std::string> lines;
    for (const auto& input : tinyfoot::test::referenceInputs(inputSize)) {
        CAPTURE(input.name);
        g_transcript.clear();
        for (char c : tinyfoot::test::inferScript(input.bytes)) tfd_receive(&dev, c);
        CHECK(g_transcript.find("e-[") == std::string::npos);
        const auto r = tinyfoot::test::resultsLines(g_transcript);
        REQUIRE(r.size() == 1);
        lines.push_back(r[0]);
    }
    return lines;
}

void checkDifferent(const std::vector<std::string>& lines) {
    // Five inputs, five different answers (to the three printed decimals).
    CHECK(std::set<std::string>(lines.begin(), lines.end()).size() == lines.size());
}

} // namespace

TEST_CASE("the reference networks answer differently to different inputs") {
    SUBCASE("keyword spotting") {
        static tfd_kws_model kws;
        tfd_kws_model_init(&kws, TFD_KWS_SEED);
        const auto lines = answers(&kws.model, TFD_KWS_INPUT_SIZE);
        checkDifferent(lines);
        // All zeros carry no signal: the biases are zero, so every class scores the same.
        CHECK(tinyfoot::test::scores(lines[0]) == std::vector<double>(12, 0.083));
        // The four others fall in at least two of the twelve classes.
        CHECK(tinyfoot::test::distinctTopClasses({lines.begin() + 1, lines.end()}) >= 2);
    }
    SUBCASE("visual wake words") {
        const auto lines = answers(tfd_vww_model(TFD_KWS_SEED), 96 * 96 * 3);
        checkDifferent(lines);
        CHECK(tinyfoot::test::distinctTopClasses({lines.begin() + 1, lines.end()}) == 2);
    }
    SUBCASE("image classification") {
        const auto lines = answers(tfd_ic_model(TFD_KWS_SEED), 32 * 32 * 3);
        checkDifferent(lines);
        CHECK(tinyfoot::test::distinctTopClasses({lines.begin() + 1, lines.end()}) >= 2);
    }
    SUBCASE("anomaly detection") {
        const auto lines = answers(tfd_ad_model(TFD_KWS_SEED), 640);
        checkDifferent(lines);
        // All zeros reconstruct as zeros; the others do not reconstruct to themselves.
        CHECK(tinyfoot::test::scores(lines[0]) == std::vector<double>{0.0});
        for (std::size_t i = 1; i < lines.size(); ++i) CHECK(tinyfoot::test::scores(lines[i])[0] > 0.0);
    }
}

TEST_CASE("the scale rule keeps the KWS activations between vanishing and saturating through the depth") {
    static tfd_kws k;
    tfd_kws_init(&k, TFD_KWS_SEED);
    // The pseudo-random input, as int8.
    const auto bytes = tinyfoot::test::referenceInputs(TFD_KWS_INPUT_SIZE)[4].bytes;
    std::vector<std::int8_t> input(bytes.begin(), bytes.end());
    const auto check = [](const std::int8_t* a, std::size_t n) {
        double squares = 0;
        std::size_t zero = 0, saturated = 0;
        for (std::size_t i = 0; i < n; ++i) {
            squares += static_cast<double>(a[i]) * a[i];
            zero += a[i] == 0;
            saturated += a[i] == 127;
        }
        const double rms = std::sqrt(squares / static_cast<double>(n));
        // T = 32 before the ReLU: about T / sqrt(2) = 22.6 after it, somewhat less where the
        // 25 x 5 map's borders give a 3 x 3 filter fewer terms.
        CHECK(rms > 12.0);
        CHECK(rms < 32.0);
        CHECK(static_cast<double>(zero) < 0.6 * static_cast<double>(n));
        CHECK(static_cast<double>(saturated) < 0.01 * static_cast<double>(n));
    };
    const std::size_t size = TFD_KWS_OUT_H * TFD_KWS_OUT_W * TFD_KWS_C;
    tfd_conv2d_s8(input.data(), TFD_KWS_IN_H, TFD_KWS_IN_W, 1, k.conv_w, k.conv_b, 10, 4, TFD_KWS_C, 2, 4, 1,
                  TFD_KWS_OUT_H, TFD_KWS_OUT_W, &k.conv_q, k.a);
    check(k.a, size);
    for (int b = 0; b < TFD_KWS_BLOCKS; ++b) {
        CAPTURE(b);
        tfd_depthwise_s8(k.a, TFD_KWS_OUT_H, TFD_KWS_OUT_W, TFD_KWS_C, k.dw_w[b], k.dw_b[b], 3, &k.dw_q, k.b);
        check(k.b, size);
        tfd_pointwise_s8(k.b, TFD_KWS_OUT_H * TFD_KWS_OUT_W, TFD_KWS_C, k.pw_w[b], k.pw_b[b], TFD_KWS_C, &k.pw_q, k.a);
        check(k.a, size);
    }
}

TEST_CASE("the scale rule: integer constants, zero-sum filters") {
    // s = 1 / sqrt(64 x 31 x 32 / 3 x 15/44) for a 64-input layer reading ReLU outputs.
    const tfd_requant q = tfd_requant_scaled(64, 31, TFD_MS_RELU, 1);
    CHECK(q.multiplier >= 1 << 14);
    CHECK(q.multiplier < 1 << 15);
    CHECK(q.relu == 1);
    const double s = q.multiplier / std::ldexp(1.0, q.shift);
    CHECK(s == doctest::Approx(1.0 / std::sqrt(64.0 * 31.0 * 32.0 / 3.0 * 15.0 / 44.0)).epsilon(1e-4));
    std::int8_t w[9] = {31, 30, 29, 28, 27, 26, 25, 24, 5};
    tfd_centre(w, 9, 1);
    int sum = 0;
    for (auto v : w) sum += v;
    CHECK(sum == 0);
    CHECK(w[8] == 5 - 25); // the truncated mean of 225 / 9 = 25 comes off every weight
}
