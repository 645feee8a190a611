/* Reference KWS network (synthetic weights): int8 kernels in portable C99. */
#include "tinyfoot_device/kws.h"

#include <math.h>

int8_t tfd_requantize(int64_t acc, const tfd_requant* q) {
    /* floor(acc x m / 2^s + 1/2), with an arithmetic shift of a non-negative-offset value. */
    const int64_t scaled = acc * (int64_t)q->multiplier;
    const int64_t half = (int64_t)1 << (q->shift - 1);
    int64_t v = scaled + half;
    int64_t r = v >= 0 ? v >> q->shift : -((-v + ((int64_t)1 << q->shift) - 1) >> q->shift);
    const int64_t lo = q->relu ? 0 : -128;
    if (r < lo) r = lo;
    if (r > 127) r = 127;
    return (int8_t)r;
}

void tfd_conv2d_s8(const int8_t* in, int ih, int iw, int ic, const int8_t* w, const int32_t* bias, int kh, int kw,
                   int oc, int stride, int pad_top, int pad_left, int oh, int ow, const tfd_requant* q, int8_t* out) {
    int oy, ox, o, ky, kx, c;
    for (oy = 0; oy < oh; ++oy)
        for (ox = 0; ox < ow; ++ox)
            for (o = 0; o < oc; ++o) {
                int64_t acc = bias[o];
                for (ky = 0; ky < kh; ++ky) {
                    const int y = oy * stride + ky - pad_top;
                    if (y < 0 || y >= ih) continue;
                    for (kx = 0; kx < kw; ++kx) {
                        const int x = ox * stride + kx - pad_left;
                        if (x < 0 || x >= iw) continue;
                        for (c = 0; c < ic; ++c)
                            acc += (int32_t)in[(y * iw + x) * ic + c] * (int32_t)w[((o * kh + ky) * kw + kx) * ic + c];
                    }
                }
                out[(oy * ow + ox) * oc + o] = tfd_requantize(acc, q);
            }
}

void tfd_depthwise_s8(const int8_t* in, int h, int w, int c, const int8_t* weights, const int32_t* bias, int k,
                      const tfd_requant* q, int8_t* out) {
    const int pad = k / 2;
    int y, x, ch, ky, kx;
    for (y = 0; y < h; ++y)
        for (x = 0; x < w; ++x)
            for (ch = 0; ch < c; ++ch) {
                int64_t acc = bias[ch];
                for (ky = 0; ky < k; ++ky) {
                    const int sy = y + ky - pad;
                    if (sy < 0 || sy >= h) continue;
                    for (kx = 0; kx < k; ++kx) {
                        const int sx = x + kx - pad;
                        if (sx < 0 || sx >= w) continue;
                        acc += (int32_t)in[(sy * w + sx) * c + ch] * (int32_t)weights[(ky * k + kx) * c + ch];
                    }
                }
                out[(y * w + x) * c + ch] = tfd_requantize(acc, q);
            }
}

#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>
#include <string.h>

/* Cortex-M4/M7/M33 with the DSP extension: dual 16-bit multiply-accumulates (SMLAD), as an
 * optimised int8 library computes a 1 x 1 convolution. Each pixel's int8 input is widened once
 * to int16, stored in the lane order SXTB16 gives the weights (bytes 0, 2 then 1, 3 of every four
 * channels); each word of four weights then costs one load, two SXTB16 and two SMLAD, and two
 * output channels share every input load. Bit-exact with the portable kernel (int32 sums). */
#define TFD_DSP_MAX_IC 256

static int32_t tfd_word(const void* p) {
    int32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static int pointwise_dsp(const int8_t* in, int pixels, int ic, const int8_t* w, const int32_t* bias, int oc,
                         const tfd_requant* q, int8_t* out) {
    int16_t wide[TFD_DSP_MAX_IC];
    int p, o, c;
    if (ic > TFD_DSP_MAX_IC || ic % 4 != 0 || oc % 2 != 0) return 0;
    for (p = 0; p < pixels; ++p) {
        const int8_t* x = in + p * ic;
        for (c = 0; c < ic; c += 4) {
            wide[c] = x[c];
            wide[c + 1] = x[c + 2];
            wide[c + 2] = x[c + 1];
            wide[c + 3] = x[c + 3];
        }
        for (o = 0; o < oc; o += 2) {
            const int8_t* w0 = w + o * ic;
            const int8_t* w1 = w0 + ic;
            int32_t acc0 = bias[o], acc1 = bias[o + 1];
            for (c = 0; c < ic; c += 4) {
                const int32_t even = tfd_word(wide + c), odd = tfd_word(wide + c + 2);
                const uint32_t a = (uint32_t)tfd_word(w0 + c), b = (uint32_t)tfd_word(w1 + c);
                acc0 = __smlad(__sxtb16((int32_t)a), even, acc0);
                acc0 = __smlad(__sxtb16((int32_t)((a >> 8) | (a << 24))), odd, acc0);
                acc1 = __smlad(__sxtb16((int32_t)b), even, acc1);
                acc1 = __smlad(__sxtb16((int32_t)((b >> 8) | (b << 24))), odd, acc1);
            }
            out[p * oc + o] = tfd_requantize(acc0, q);
            out[p * oc + o + 1] = tfd_requantize(acc1, q);
        }
    }
    return 1;
}
#endif

void tfd_pointwise_s8(const int8_t* in, int pixels, int ic, const int8_t* w, const int32_t* bias, int oc,
                      const tfd_requant* q, int8_t* out) {
    int p, o, c;
#if defined(__ARM_FEATURE_DSP)
    if (pointwise_dsp(in, pixels, ic, w, bias, oc, q, out)) return;
#endif
    for (p = 0; p < pixels; ++p)
        for (o = 0; o < oc; ++o) {
            int64_t acc = bias[o];
            for (c = 0; c < ic; ++c) acc += (int32_t)in[p * ic + c] * (int32_t)w[o * ic + c];
            out[p * oc + o] = tfd_requantize(acc, q);
        }
}

void tfd_avgpool_s8(const int8_t* in, int pixels, int c, int8_t* out) {
    int ch, p;
    for (ch = 0; ch < c; ++ch) {
        int32_t sum = 0;
        int32_t r;
        for (p = 0; p < pixels; ++p) sum += in[p * c + ch];
        /* floor(sum / pixels + 1/2) = floor((2 sum + pixels) / (2 pixels)) */
        {
            const int32_t num = 2 * sum + pixels;
            const int32_t den = 2 * pixels;
            r = num >= 0 ? num / den : -((-num + den - 1) / den);
        }
        out[ch] = (int8_t)(r > 127 ? 127 : (r < -128 ? -128 : r));
    }
}

void tfd_fully_connected_s8(const int8_t* in, int n, const int8_t* w, const int32_t* bias, int m, int32_t* out) {
    int o, i;
    for (o = 0; o < m; ++o) {
        int32_t acc = bias[o];
        for (i = 0; i < n; ++i) acc += (int32_t)in[i] * (int32_t)w[o * n + i];
        out[o] = acc;
    }
}

void tfd_softmax(const int32_t* logits, int n, float scale, float* out) {
    int i;
    float max = (float)logits[0] * scale, sum = 0.0f;
    for (i = 1; i < n; ++i)
        if ((float)logits[i] * scale > max) max = (float)logits[i] * scale;
    for (i = 0; i < n; ++i) {
        out[i] = expf((float)logits[i] * scale - max);
        sum += out[i];
    }
    for (i = 0; i < n; ++i) out[i] /= sum;
}

static uint32_t next(uint32_t* state) {
    /* Numerical Recipes' 32-bit LCG constants; only determinism matters here. */
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* A weight in [-range, range]. */
static int8_t weight(uint32_t* state, int range) {
    return (int8_t)((int)(next(state) % (uint32_t)(2 * range + 1)) - range);
}

/* floor(sqrt(v)), bit by bit. */
static uint64_t isqrt64(uint64_t v) {
    uint64_t r = 0, bit = (uint64_t)1 << 62;
    while (bit > v) bit >>= 2;
    while (bit) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

tfd_requant tfd_requant_scaled(int fan_in, int range, int ms_num, int ms_den, int relu) {
    /* s^2 = 3 ms_den / (fan_in range (range + 1) ms_num); multiplier = floor(sqrt(s^2 4^shift))
     * with the smallest shift that puts it in [2^14, 2^15). Integers only: every port, with or
     * without an FPU, computes the same constants. */
    const uint64_t den = (uint64_t)fan_in * (uint64_t)range * (uint64_t)(range + 1) * (uint64_t)ms_num;
    const uint64_t num = 3u * (uint64_t)ms_den;
    tfd_requant q;
    int shift = 1;
    while (shift < 28 && (num << (2 * shift)) / den < ((uint64_t)1 << 28)) ++shift;
    q.multiplier = (int32_t)isqrt64((num << (2 * shift)) / den);
    q.shift = shift;
    q.relu = relu;
    return q;
}

float tfd_logit_scale(int fan_in, int range, int pixels) {
    /* The classifier's zero-sum rows read averages of `pixels` ReLU outputs: their spread across
     * channels has variance (pi - 1) / (2 pi) T^2 / pixels. Logits of standard deviation 1 = T / 32. */
    const tfd_requant q = tfd_requant_scaled(fan_in - 1, range, 15, 44 * pixels, 0);
    return (float)q.multiplier / (float)((int64_t)1 << (q.shift + 5));
}

void tfd_centre(int8_t* w, int n, int stride) {
    int32_t sum = 0, mean, rest;
    int i;
    for (i = 0; i < n; ++i) sum += w[i * stride];
    mean = sum / n; /* truncated towards zero; |mean| <= range, so w - mean stays in int8 */
    rest = sum - mean * n;
    for (i = 0; i < n; ++i) w[i * stride] = (int8_t)(w[i * stride] - mean);
    for (i = 0; rest != 0; ++i, rest += rest > 0 ? -1 : 1)
        w[i * stride] = (int8_t)(w[i * stride] + (rest > 0 ? -1 : 1));
}

void tfd_kws_init(tfd_kws* k, uint32_t seed) {
    uint32_t s = seed;
    int i, b;
    /* The scale rule of the synthetic weights (docs/harness.md, "The reference workload"). */
    for (i = 0; i < TFD_KWS_C * 40; ++i) k->conv_w[i] = weight(&s, 31);
    for (b = 0; b < TFD_KWS_BLOCKS; ++b) {
        for (i = 0; i < 9 * TFD_KWS_C; ++i) k->dw_w[b][i] = weight(&s, 63);
        for (i = 0; i < TFD_KWS_C; ++i) tfd_centre(k->dw_w[b] + i, 9, TFD_KWS_C);
        for (i = 0; i < TFD_KWS_C * TFD_KWS_C; ++i) k->pw_w[b][i] = weight(&s, 31);
        for (i = 0; i < TFD_KWS_C; ++i) tfd_centre(k->pw_w[b] + i * TFD_KWS_C, TFD_KWS_C, 1);
        for (i = 0; i < TFD_KWS_C; ++i) k->dw_b[b][i] = k->pw_b[b][i] = 0;
    }
    for (i = 0; i < TFD_KWS_CLASSES * TFD_KWS_C; ++i) k->fc_w[i] = weight(&s, 31);
    for (i = 0; i < TFD_KWS_CLASSES; ++i) tfd_centre(k->fc_w + i * TFD_KWS_C, TFD_KWS_C, 1);
    for (i = 0; i < TFD_KWS_C; ++i) k->conv_b[i] = 0;
    for (i = 0; i < TFD_KWS_CLASSES; ++i) k->fc_b[i] = 0;
    k->conv_q = tfd_requant_scaled(40, 31, TFD_MS_INPUT, 1);
    /* A zero-sum filter of n weights has n - 1 free ones. */
    k->dw_q = tfd_requant_scaled(9 - 1, 63, TFD_MS_RELU, 1);
    k->pw_q = tfd_requant_scaled(TFD_KWS_C - 1, 31, TFD_MS_RELU, 1);
    k->logit_scale = tfd_logit_scale(TFD_KWS_C, 31, TFD_KWS_OUT_H * TFD_KWS_OUT_W);
}

void tfd_kws_infer(tfd_kws* k, const int8_t* input) {
    const int pixels = TFD_KWS_OUT_H * TFD_KWS_OUT_W;
    int b;
    /* "same" padding of a 10 x 4 kernel at stride 2 on 49 x 10: 4 rows above, 1 column left. */
    tfd_conv2d_s8(input, TFD_KWS_IN_H, TFD_KWS_IN_W, 1, k->conv_w, k->conv_b, 10, 4, TFD_KWS_C, 2, 4, 1, TFD_KWS_OUT_H,
                  TFD_KWS_OUT_W, &k->conv_q, k->a);
    for (b = 0; b < TFD_KWS_BLOCKS; ++b) {
        tfd_depthwise_s8(k->a, TFD_KWS_OUT_H, TFD_KWS_OUT_W, TFD_KWS_C, k->dw_w[b], k->dw_b[b], 3, &k->dw_q, k->b);
        tfd_pointwise_s8(k->b, pixels, TFD_KWS_C, k->pw_w[b], k->pw_b[b], TFD_KWS_C, &k->pw_q, k->a);
    }
    tfd_avgpool_s8(k->a, pixels, TFD_KWS_C, k->pooled);
    tfd_fully_connected_s8(k->pooled, TFD_KWS_C, k->fc_w, k->fc_b, TFD_KWS_CLASSES, k->logits);
    tfd_softmax(k->logits, TFD_KWS_CLASSES, k->logit_scale, k->scores);
}
