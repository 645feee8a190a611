/* The other three MLPerf Tiny reference models by their layer shapes, as protocol models, with
 * SYNTHETIC weights (deterministic pseudo-random int8 from a seed): they recognise nothing and cost
 * what the real networks' operations cost. Shapes from mlcommons/tiny, benchmark/training
 * (docs/harness.md, "Cortex-M4 cycle estimate"):
 *   vww01  visual wake words, MobileNetV1 alpha 0.25: 96 x 96 x 3 input; 3 x 3 convolution stride 2
 *          to 8 channels; 13 depthwise 3 x 3 + pointwise blocks (16, 32 s2, 32, 64 s2, 64, 128 s2,
 *          5 x 128, 256 s2, 256); average pooling; fully connected to 2 classes; softmax.
 *   ic01   image classification, ResNet-8: 32 x 32 x 3 input; 3 x 3 convolution to 16 channels;
 *          three residual stacks (16; 32 stride 2 with a 1 x 1 stride-2 shortcut; 64 likewise);
 *          average pooling 8 x 8; fully connected to 10 classes; softmax.
 *   ad01   anomaly detection, fully connected autoencoder: 640 inputs; 4 x 128; 8; 4 x 128; 640
 *          outputs; the score is the mean squared reconstruction error.
 * The weights follow the KWS network's scale rule (kws.h; docs/harness.md, "The reference
 * workload"), so different inputs give different scores: zero-sum filters after the first layer,
 * zero biases, requantisation scales that aim every layer at outputs of standard deviation 32.
 * Kernels: int8, int32 accumulators, requantisation by multiplier and shift; with the Arm DSP extension the
 * convolutions and fully connected layers use dual 16-bit multiply-accumulates (SMLAD) on an
 * int16 copy of each input patch; depthwise convolutions are portable C.
 * Each model keeps its weights and activations in static storage of its own, so a firmware that
 * uses one model links only that one. */
#ifndef TINYFOOT_DEVICE_MLPERF_MODELS_H
#define TINYFOOT_DEVICE_MLPERF_MODELS_H

#include "tinyfoot_device/device.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The visual-wake-words model ("vww01"; 27648 input bytes, 96 x 96 x 3 int8). */
const tfd_model* tfd_vww_model(uint32_t seed);
/** The image-classification model ("ic01"; 3072 input bytes, 32 x 32 x 3 int8). */
const tfd_model* tfd_ic_model(uint32_t seed);
/** The anomaly-detection model ("ad01"; 640 input bytes, int8). */
const tfd_model* tfd_ad_model(uint32_t seed);

#ifdef __cplusplus
}
#endif

#endif
