/* The VWW, IC and AD reference models (synthetic weights); see mlperf_models.h. */
#include "tinyfoot_device/mlperf_models.h"

#include "tinyfoot_device/kws.h"

#include <string.h>

#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>
#endif

#define WIDE_MAX 640 /* longest patch or input vector: 640 (AD), 3 x 3 x 64 = 576 (IC) */

#define LAYERS_MAX 40

typedef struct net {
    int8_t* weights;
    size_t weights_size, weights_used;
    int32_t* bias;
    size_t bias_size, bias_used;
    tfd_requant q[LAYERS_MAX]; /* each layer's requantisation, set with its weights */
    int layers_used;
    float logit_scale; /* the classifier's softmax scale */
    uint32_t state;
    int fill;     /* 1: draw the weights, compute nothing */
    int overflow; /* the storage was too small (a programming error; infer then fails) */
} net;

static uint32_t next(uint32_t* s) {
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* What a layer reads, for the scale rule (docs/harness.md, "The reference workload"). */
enum {
    READS_INPUT, /* the network's int8 input: the first layer, whose filters keep their sum */
    READS_RELU,  /* ReLU outputs: zero-sum filters, variance (pi - 1) / (2 pi) T^2 */
    READS_SUM
}; /* ReLU of a residual sum of two such branches: twice that variance */

/* The weights of one layer: `rows` filters of `fan_in` weights, filter r's weight i at
 * w[r * row_step + i * step]. Drawn uniformly from [-31, 31]; every filter of a layer that does
 * not read the network's input then sums to zero. */
static const int8_t* take(net* n, int rows, int fan_in, int row_step, int step, int reads) {
    const size_t count = (size_t)rows * (size_t)fan_in;
    int8_t* w = n->weights + n->weights_used;
    size_t i;
    int r;
    if (n->weights_used + count > n->weights_size) {
        n->overflow = 1;
        return n->weights;
    }
    if (n->fill) {
        for (i = 0; i < count; ++i) w[i] = (int8_t)((int)(next(&n->state) % 63u) - 31);
        if (reads != READS_INPUT)
            for (r = 0; r < rows; ++r) tfd_centre(w + r * row_step, fan_in, step);
    }
    n->weights_used += count;
    return w;
}

/* The biases of one layer: zero (the scale rule). */
static const int32_t* take_bias(net* n, size_t count) {
    int32_t* b = n->bias + n->bias_used;
    size_t i;
    if (n->bias_used + count > n->bias_size) {
        n->overflow = 1;
        return n->bias;
    }
    if (n->fill)
        for (i = 0; i < count; ++i) b[i] = 0;
    n->bias_used += count;
    return b;
}

/* The requantisation of a layer with `fan_in` products per output (the scale rule: outputs of
 * standard deviation T = 32), computed once with the weights. A zero-sum filter of n weights
 * has n - 1 free ones: its variance is (n - 1) / n that of the draw. */
static const tfd_requant* take_requant(net* n, int fan_in, int relu, int reads) {
    tfd_requant* q = &n->q[n->layers_used];
    if (n->layers_used >= LAYERS_MAX) {
        n->overflow = 1;
        return &n->q[0];
    }
    if (n->fill) {
        if (reads == READS_INPUT) *q = tfd_requant_scaled(fan_in, 31, TFD_MS_INPUT, relu);
        else if (reads == READS_RELU) *q = tfd_requant_scaled(fan_in - 1, 31, TFD_MS_RELU, relu);
        else *q = tfd_requant_scaled(fan_in - 1, 31, TFD_MS_RELU_SUM, relu);
    }
    ++n->layers_used;
    return q;
}

/* int8 -> int16; with the DSP extension every group of four in the lane order SXTB16 gives the
 * weights (0, 2, 1, 3), the tail in order. */
static void widen(const int8_t* x, int n, int16_t* wide) {
    int i = 0;
#if defined(__ARM_FEATURE_DSP)
    for (; i + 4 <= n; i += 4) {
        wide[i] = x[i];
        wide[i + 1] = x[i + 2];
        wide[i + 2] = x[i + 1];
        wide[i + 3] = x[i + 3];
    }
#endif
    for (; i < n; ++i) wide[i] = x[i];
}

/* Two dot products of the widened input with two int8 weight rows. */
static void dot2(const int16_t* x, const int8_t* w0, const int8_t* w1, int n, int32_t* acc0, int32_t* acc1) {
    int32_t a0 = *acc0, a1 = *acc1;
    int i = 0;
#if defined(__ARM_FEATURE_DSP)
    for (; i + 4 <= n; i += 4) {
        int32_t even, odd;
        uint32_t a, b;
        memcpy(&even, x + i, sizeof even);
        memcpy(&odd, x + i + 2, sizeof odd);
        memcpy(&a, w0 + i, sizeof a);
        memcpy(&b, w1 + i, sizeof b);
        a0 = __smlad(__sxtb16((int32_t)a), even, a0);
        a0 = __smlad(__sxtb16((int32_t)((a >> 8) | (a << 24))), odd, a0);
        a1 = __smlad(__sxtb16((int32_t)b), even, a1);
        a1 = __smlad(__sxtb16((int32_t)((b >> 8) | (b << 24))), odd, a1);
    }
#endif
    for (; i < n; ++i) {
        a0 += (int32_t)x[i] * w0[i];
        a1 += (int32_t)x[i] * w1[i];
    }
    *acc0 = a0;
    *acc1 = a1;
}

/* TensorFlow "same" padding: output size and the padding before the first row or column. */
static int same(int in, int k, int stride, int* before) {
    const int out = (in + stride - 1) / stride;
    const int total = (out - 1) * stride + k - in;
    *before = total > 0 ? total / 2 : 0;
    return out;
}

/* Convolution k x k, stride s, "same" padding, HWC, weights [oc][ky][kx][ic] (oc even). */
static void conv(net* n, const int8_t* in, int ih, int iw, int ic, int k, int s, int oc, int relu, int reads,
                 int8_t* out, int* oh_out, int* ow_out) {
    const int8_t* w = take(n, oc, k * k * ic, k * k * ic, 1, reads);
    const int32_t* bias = take_bias(n, (size_t)oc);
    const tfd_requant* q = take_requant(n, k * k * ic, relu, reads);
    int pt, pl, oy, ox, ky, kx, o;
    const int oh = same(ih, k, s, &pt), ow = same(iw, k, s, &pl), len = k * k * ic;
    int8_t patch[WIDE_MAX];
    int16_t wide[WIDE_MAX];
    *oh_out = oh;
    *ow_out = ow;
    if (n->fill || len > WIDE_MAX) {
        if (len > WIDE_MAX) n->overflow = 1;
        return;
    }
    for (oy = 0; oy < oh; ++oy)
        for (ox = 0; ox < ow; ++ox) {
            if (k == 1) {
                widen(in + ((oy * s) * iw + ox * s) * ic, ic, wide);
            } else {
                for (ky = 0; ky < k; ++ky) {
                    const int y = oy * s + ky - pt;
                    for (kx = 0; kx < k; ++kx) {
                        const int x = ox * s + kx - pl;
                        int8_t* dst = patch + (ky * k + kx) * ic;
                        if (y < 0 || y >= ih || x < 0 || x >= iw) memset(dst, 0, (size_t)ic);
                        else memcpy(dst, in + (y * iw + x) * ic, (size_t)ic);
                    }
                }
                widen(patch, len, wide);
            }
            for (o = 0; o < oc; o += 2) {
                int32_t a0 = bias[o], a1 = bias[o + 1];
                dot2(wide, w + o * len, w + (o + 1) * len, len, &a0, &a1);
                out[(oy * ow + ox) * oc + o] = tfd_requantize(a0, q);
                out[(oy * ow + ox) * oc + o + 1] = tfd_requantize(a1, q);
            }
        }
}

/* Depthwise 3 x 3, stride s, "same" padding, weights [ky][kx][c], ReLU (portable C). */
static void depthwise(net* n, const int8_t* in, int h, int w, int c, int s, int8_t* out, int* oh_out, int* ow_out) {
    const int8_t* wt = take(n, c, 9, 1, c, READS_RELU);
    const int32_t* bias = take_bias(n, (size_t)c);
    const tfd_requant* q = take_requant(n, 9, 1, READS_RELU);
    int pt, pl, y, x, ch, ky, kx;
    const int oh = same(h, 3, s, &pt), ow = same(w, 3, s, &pl);
    *oh_out = oh;
    *ow_out = ow;
    if (n->fill) return;
    for (y = 0; y < oh; ++y)
        for (x = 0; x < ow; ++x)
            for (ch = 0; ch < c; ++ch) {
                int32_t acc = bias[ch];
                for (ky = 0; ky < 3; ++ky) {
                    const int sy = y * s + ky - pt;
                    if (sy < 0 || sy >= h) continue;
                    for (kx = 0; kx < 3; ++kx) {
                        const int sx = x * s + kx - pl;
                        if (sx < 0 || sx >= w) continue;
                        acc += (int32_t)in[(sy * w + sx) * c + ch] * wt[(ky * 3 + kx) * c + ch];
                    }
                }
                out[(y * ow + x) * c + ch] = tfd_requantize(acc, q);
            }
}

/* Fully connected, weights [out][in] (out even): int8 outputs, or int32 logits when `logits`. */
static void dense(net* n, const int8_t* in, int n_in, int n_out, int relu, int reads, int8_t* out, int32_t* logits) {
    const int8_t* w = take(n, n_out, n_in, n_in, 1, reads);
    const int32_t* bias = take_bias(n, (size_t)n_out);
    const tfd_requant* q = logits ? 0 : take_requant(n, n_in, relu, reads);
    int16_t wide[WIDE_MAX];
    int o;
    if (n->fill || n_in > WIDE_MAX) {
        if (n_in > WIDE_MAX) n->overflow = 1;
        return;
    }
    widen(in, n_in, wide);
    for (o = 0; o < n_out; o += 2) {
        int32_t a0 = bias[o], a1 = bias[o + 1];
        dot2(wide, w + o * n_in, w + (o + 1) * n_in, n_in, &a0, &a1);
        if (logits) {
            logits[o] = a0;
            logits[o + 1] = a1;
        } else {
            out[o] = tfd_requantize(a0, q);
            out[o + 1] = tfd_requantize(a1, q);
        }
    }
}

/* Residual addition with ReLU, saturating. */
static void add_relu(const net* n, const int8_t* a, const int8_t* b, int count, int8_t* out) {
    int i;
    if (n->fill) return;
    for (i = 0; i < count; ++i) {
        const int v = a[i] + b[i];
        out[i] = (int8_t)(v < 0 ? 0 : (v > 127 ? 127 : v));
    }
}

static void begin(net* n, int fill) {
    n->weights_used = 0;
    n->bias_used = 0;
    n->layers_used = 0;
    n->fill = fill;
}

/* ---- visual wake words: MobileNetV1 0.25 ---- */

#define VWW_ACT (48 * 48 * 16)
static struct {
    net n;
    int8_t weights[210000];
    int32_t bias[3000];
    int8_t a[VWW_ACT], b[VWW_ACT], pooled[256];
    int32_t logits[2];
    float scores[2];
    tfd_model model;
} vww;

static void vww_forward(const int8_t* input) {
    static const int blocks[13][2] = {{16, 1},  {32, 2},  {32, 1},  {64, 2},  {64, 1},  {128, 2}, {128, 1},
                                      {128, 1}, {128, 1}, {128, 1}, {128, 1}, {256, 2}, {256, 1}};
    net* n = &vww.n;
    int h, w, c = 8, i;
    conv(n, input, 96, 96, 3, 3, 2, 8, 1, READS_INPUT, vww.a, &h, &w);
    for (i = 0; i < 13; ++i) {
        depthwise(n, vww.a, h, w, c, blocks[i][1], vww.b, &h, &w);
        conv(n, vww.b, h, w, c, 1, 1, blocks[i][0], 1, READS_RELU, vww.a, &h, &w);
        c = blocks[i][0];
    }
    if (!n->fill) tfd_avgpool_s8(vww.a, h * w, c, vww.pooled);
    if (n->fill) n->logit_scale = tfd_logit_scale(256, 31, h * w);
    dense(n, vww.pooled, 256, 2, 0, READS_RELU, 0, vww.logits);
    if (!n->fill) tfd_softmax(vww.logits, 2, n->logit_scale, vww.scores);
}

static int vww_infer(void* context, const uint8_t* input, size_t size) {
    (void)context;
    if (size < 96 * 96 * 3) memset(vww.b, 0, 96 * 96 * 3);
    memcpy(vww.b, input, size < 96 * 96 * 3 ? size : 96 * 96 * 3);
    begin(&vww.n, 0);
    vww_forward(vww.b); /* the input is read whole by the first layer before b is reused */
    return vww.n.overflow ? -1 : 0;
}

static size_t vww_results(void* context, float* scores, size_t max) {
    size_t i, k = max < 2 ? max : 2;
    (void)context;
    for (i = 0; i < k; ++i) scores[i] = vww.scores[i];
    return k;
}

const tfd_model* tfd_vww_model(uint32_t seed) {
    vww.n.weights = vww.weights;
    vww.n.weights_size = sizeof vww.weights;
    vww.n.bias = vww.bias;
    vww.n.bias_size = sizeof vww.bias / sizeof vww.bias[0];
    vww.n.state = seed;
    begin(&vww.n, 1);
    vww_forward(vww.b);
    vww.model.context = &vww;
    vww.model.code = "vww01";
    vww.model.infer = vww_infer;
    vww.model.results = vww_results;
    return &vww.model;
}

/* ---- image classification: ResNet-8 ---- */

#define IC_ACT (32 * 32 * 16)
static struct {
    net n;
    int8_t weights[78000];
    int32_t bias[400];
    int8_t input[32 * 32 * 3], x[IC_ACT], y[IC_ACT], z[IC_ACT], s[IC_ACT], pooled[64];
    int32_t logits[10];
    float scores[10];
    tfd_model model;
} ic;

static void ic_forward(void) {
    net* n = &ic.n;
    int h, w, h2, w2, c = 16, stack;
    conv(n, ic.input, 32, 32, 3, 3, 1, 16, 1, READS_INPUT, ic.x, &h, &w);
    /* Stack 1: identity shortcut. */
    conv(n, ic.x, h, w, 16, 3, 1, 16, 1, READS_RELU, ic.y, &h2, &w2);
    conv(n, ic.y, h2, w2, 16, 3, 1, 16, 0, READS_RELU, ic.z, &h2, &w2);
    add_relu(n, ic.x, ic.z, h * w * 16, ic.x);
    /* Stacks 2 and 3: stride 2, a 1 x 1 stride-2 convolution on the shortcut. */
    for (stack = 0; stack < 2; ++stack) {
        const int oc = c * 2;
        conv(n, ic.x, h, w, c, 3, 2, oc, 1, READS_SUM, ic.y, &h2, &w2);
        conv(n, ic.y, h2, w2, oc, 3, 1, oc, 0, READS_RELU, ic.z, &h2, &w2);
        conv(n, ic.x, h, w, c, 1, 2, oc, 0, READS_SUM, ic.s, &h2, &w2);
        add_relu(n, ic.s, ic.z, h2 * w2 * oc, ic.x);
        h = h2;
        w = w2;
        c = oc;
    }
    if (!n->fill) tfd_avgpool_s8(ic.x, h * w, c, ic.pooled);
    if (n->fill) n->logit_scale = tfd_logit_scale(64, 31, h * w / 2); /* sums: twice the variance */
    dense(n, ic.pooled, 64, 10, 0, READS_SUM, 0, ic.logits);
    if (!n->fill) tfd_softmax(ic.logits, 10, n->logit_scale, ic.scores);
}

static int ic_infer(void* context, const uint8_t* input, size_t size) {
    (void)context;
    memset(ic.input, 0, sizeof ic.input);
    memcpy(ic.input, input, size < sizeof ic.input ? size : sizeof ic.input);
    begin(&ic.n, 0);
    ic_forward();
    return ic.n.overflow ? -1 : 0;
}

static size_t ic_results(void* context, float* scores, size_t max) {
    size_t i, k = max < 10 ? max : 10;
    (void)context;
    for (i = 0; i < k; ++i) scores[i] = ic.scores[i];
    return k;
}

const tfd_model* tfd_ic_model(uint32_t seed) {
    ic.n.weights = ic.weights;
    ic.n.weights_size = sizeof ic.weights;
    ic.n.bias = ic.bias;
    ic.n.bias_size = sizeof ic.bias / sizeof ic.bias[0];
    ic.n.state = seed;
    begin(&ic.n, 1);
    ic_forward();
    ic.model.context = &ic;
    ic.model.code = "ic01";
    ic.model.infer = ic_infer;
    ic.model.results = ic_results;
    return &ic.model;
}

/* ---- anomaly detection: fully connected autoencoder ---- */

static struct {
    net n;
    int8_t weights[264192];
    int32_t bias[1700];
    int8_t input[640], a[640], b[640];
    float score;
    tfd_model model;
} ad;

static void ad_forward(void) {
    static const int widths[10] = {128, 128, 128, 128, 8, 128, 128, 128, 128, 640};
    net* n = &ad.n;
    int i, width = 640, k;
    const int8_t* in = ad.input;
    for (i = 0; i < 10; ++i) {
        int8_t* out = (i % 2 == 0) ? ad.a : ad.b;
        dense(n, in, width, widths[i], i < 9, i == 0 ? READS_INPUT : READS_RELU, out, 0);
        in = out;
        width = widths[i];
    }
    if (!n->fill) {
        float sum = 0.0f;
        for (k = 0; k < 640; ++k) {
            const float d = (float)(in[k] - ad.input[k]);
            sum += d * d;
        }
        ad.score = sum / 640.0f;
    }
}

static int ad_infer(void* context, const uint8_t* input, size_t size) {
    (void)context;
    memset(ad.input, 0, sizeof ad.input);
    memcpy(ad.input, input, size < sizeof ad.input ? size : sizeof ad.input);
    begin(&ad.n, 0);
    ad_forward();
    return ad.n.overflow ? -1 : 0;
}

static size_t ad_results(void* context, float* scores, size_t max) {
    (void)context;
    if (max < 1) return 0;
    scores[0] = ad.score;
    return 1;
}

const tfd_model* tfd_ad_model(uint32_t seed) {
    ad.n.weights = ad.weights;
    ad.n.weights_size = sizeof ad.weights;
    ad.n.bias = ad.bias;
    ad.n.bias_size = sizeof ad.bias / sizeof ad.bias[0];
    ad.n.state = seed;
    begin(&ad.n, 1);
    ad_forward();
    ad.model.context = &ad;
    ad.model.code = "ad01";
    ad.model.infer = ad_infer;
    ad.model.results = ad_results;
    return &ad.model;
}
