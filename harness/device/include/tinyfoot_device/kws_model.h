/* The reference KWS network as a protocol model ("kws01"): the loaded bytes are the int8 MFCC
 * input (490 bytes; a shorter load is padded with zeros). */
#ifndef TINYFOOT_DEVICE_KWS_MODEL_H
#define TINYFOOT_DEVICE_KWS_MODEL_H

#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tfd_kws_model {
    tfd_kws network;
    int8_t input[TFD_KWS_INPUT_SIZE];
    tfd_model model;
} tfd_kws_model;

/** Initialises the network with the synthetic weights of `seed` and fills `m->model`. */
void tfd_kws_model_init(tfd_kws_model* m, uint32_t seed);

/** The seed every TinyFoot firmware uses (for all four reference models), so that all ports
 * compute the same scores: the first from 20231101 for which the KWS, VWW and IC networks put the
 * four non-zero reference inputs in two classes or more (docs/harness.md, "The reference workload"). */
#define TFD_KWS_SEED 20231107u

#ifdef __cplusplus
}
#endif

#endif
