/* A reference keyword-spotting network with the layer shapes of the MLPerf Tiny KWS DS-CNN:
 * 49 x 10 MFCC input; convolution 10 x 4, stride 2, 64 channels; four blocks of depthwise 3 x 3
 * and pointwise 1 x 1 convolutions (64 channels); average pooling; fully connected to 12
 * classes; softmax. Portable C int8 kernels, int32 accumulators, requantisation by an integer
 * multiplier and a shift.
 *
 * The weights are SYNTHETIC: deterministic pseudo-random int8 values from a seed. The network
 * does not recognise keywords; it costs what the real one costs, because the operations (and
 * so, to the data-dependent branches of rounding and clamping, the cycles and the energy) do
 * not depend on the weights' values. They are scaled so that different inputs give different
 * scores and classes (the scale rule: docs/harness.md, "The reference workload"): every filter
 * but the first layer's sums to zero, the biases are zero, and each layer's requantisation aims
 * its outputs at a standard deviation of T = 32.
 */
#ifndef TINYFOOT_DEVICE_KWS_H
#define TINYFOOT_DEVICE_KWS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TFD_KWS_IN_H 49
#define TFD_KWS_IN_W 10
#define TFD_KWS_INPUT_SIZE (TFD_KWS_IN_H * TFD_KWS_IN_W)
#define TFD_KWS_C 64
#define TFD_KWS_OUT_H 25
#define TFD_KWS_OUT_W 5
#define TFD_KWS_BLOCKS 4
#define TFD_KWS_CLASSES 12

/** Requantisation of one layer: out = clamp(floor(acc x multiplier / 2^shift + 1/2)). */
typedef struct tfd_requant {
    int32_t multiplier;
    int shift;
    int relu; /* clamp at 0 as well as at 127 */
} tfd_requant;

typedef struct tfd_kws {
    int8_t conv_w[TFD_KWS_C * 10 * 4]; /* [oc][kh][kw] (one input channel) */
    int32_t conv_b[TFD_KWS_C];
    int8_t dw_w[TFD_KWS_BLOCKS][9 * TFD_KWS_C]; /* [kh][kw][c] */
    int32_t dw_b[TFD_KWS_BLOCKS][TFD_KWS_C];
    int8_t pw_w[TFD_KWS_BLOCKS][TFD_KWS_C * TFD_KWS_C]; /* [oc][ic] */
    int32_t pw_b[TFD_KWS_BLOCKS][TFD_KWS_C];
    int8_t fc_w[TFD_KWS_CLASSES * TFD_KWS_C]; /* [class][c] */
    int32_t fc_b[TFD_KWS_CLASSES];
    tfd_requant conv_q, dw_q, pw_q;
    float logit_scale; /* real logit = int32 logit x logit_scale */
    int8_t a[TFD_KWS_OUT_H * TFD_KWS_OUT_W * TFD_KWS_C];
    int8_t b[TFD_KWS_OUT_H * TFD_KWS_OUT_W * TFD_KWS_C];
    int8_t pooled[TFD_KWS_C];
    int32_t logits[TFD_KWS_CLASSES];
    float scores[TFD_KWS_CLASSES];
} tfd_kws;

/** Fills the weights from `seed` (a 32-bit LCG) and sets the requantisation constants. */
void tfd_kws_init(tfd_kws* k, uint32_t seed);

/** One inference on 490 int8 input values; the scores (softmax) are in k->scores. */
void tfd_kws_infer(tfd_kws* k, const int8_t* input);

/* The scale rule. A layer with `fan_in` products per output, weights drawn uniformly from
 * [-range, range] (variance range (range + 1) / 3) and inputs of mean square ms_num / ms_den T^2
 * gets the scale s = multiplier / 2^shift = 1 / sqrt(fan_in x range (range + 1) / 3 x ms): its
 * outputs have a standard deviation of T. Integer arithmetic; multiplier in [2^14, 2^15). */
tfd_requant tfd_requant_scaled(int fan_in, int range, int ms_num, int ms_den, int relu);
/** Mean squares for tfd_requant_scaled, in T^2: the network's input (full-scale int8, uniform:
 * (128 / sqrt 3)^2 = 16/3 T^2) and a ReLU output read by a zero-sum filter (its variance,
 * (pi - 1) / (2 pi) T^2 ~ 15/44 T^2). */
#define TFD_MS_INPUT 16, 3
#define TFD_MS_RELU 15, 44
/** ReLU of the sum of two such branches (a residual block): twice that variance. */
#define TFD_MS_RELU_SUM 15, 22
/** The softmax scale of a classifier reading averages of `pixels` ReLU outputs: logits of
 * standard deviation 1. */
float tfd_logit_scale(int fan_in, int range, int pixels);
/** Makes `n` weights (every `stride`-th) sum to zero: their truncated mean is taken off, the
 * remainder one unit at a time from the first ones. */
void tfd_centre(int8_t* w, int n, int stride);

/* The kernels, exposed for tests. Tensors are HWC; "same" padding gives the offsets. */
int8_t tfd_requantize(int64_t acc, const tfd_requant* q);

void tfd_conv2d_s8(const int8_t* in, int ih, int iw, int ic, const int8_t* w, const int32_t* bias, int kh, int kw,
                   int oc, int stride, int pad_top, int pad_left, int oh, int ow, const tfd_requant* q, int8_t* out);

void tfd_depthwise_s8(const int8_t* in, int h, int w, int c, const int8_t* weights, const int32_t* bias, int k,
                      const tfd_requant* q, int8_t* out);

void tfd_pointwise_s8(const int8_t* in, int pixels, int ic, const int8_t* w, const int32_t* bias, int oc,
                      const tfd_requant* q, int8_t* out);

/** Average over the pixels, rounded half up: out[c] = floor(sum / pixels + 1/2). */
void tfd_avgpool_s8(const int8_t* in, int pixels, int c, int8_t* out);

void tfd_fully_connected_s8(const int8_t* in, int n, const int8_t* w, const int32_t* bias, int m, int32_t* out);

void tfd_softmax(const int32_t* logits, int n, float scale, float* out);

#ifdef __cplusplus
}
#endif

#endif
