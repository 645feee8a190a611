/* Host port: the device library as a native process. The UART is standard input and output;
 * the timestamp pin is virtual: with --pin FILE each edge is appended to FILE as
 * "<microseconds> <level>". Used by the harness tests; runs until standard input ends.
 *
 * Usage: tinyfoot-device-host [--energy] [--pin FILE] [--vendor NAME] [--model kws|vww|ic|ad]
 * (--model: the reference network, KWS by default; the others are those of mlperf_models.h, as
 * on the emulated Cortex-M4F board).
 */
#define _POSIX_C_SOURCE 199309L
#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws_model.h"
#include "tinyfoot_device/mlperf_models.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static FILE* pin_file = NULL;

static uint32_t now_us(void* context) {
    struct timespec ts;
    (void)context;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u);
}

static void put_char(void* context, char c) {
    (void)context;
    putchar(c);
    if (c == '\n') fflush(stdout);
}

static void timestamp_pin(void* context, int level) {
    if (pin_file) {
        fprintf(pin_file, "%lu %d\n", (unsigned long)now_us(context), level);
        fflush(pin_file);
    }
}

static void delay_us(void* context, uint32_t us) {
    const uint32_t start = now_us(context);
    while ((uint32_t)(now_us(context) - start) < us) {}
}

static tfd_kws_model kws;
static uint8_t buffer[TFD_INPUT_MAX];

int main(int argc, char** argv) {
    tfd_mode mode = TFD_MODE_PERFORMANCE;
    const char* vendor = "TinyFoot host port";
    const char* firmware = "TinyFoot reference KWS (synthetic weights) 0.1";
    const tfd_model* model = NULL;
    tfd_port port;
    tfd_device device;
    int i, c;
    for (i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--energy") == 0) {
            mode = TFD_MODE_ENERGY;
        } else if (strcmp(argv[i], "--pin") == 0 && i + 1 < argc) {
            pin_file = fopen(argv[++i], "a");
            if (!pin_file) {
                fprintf(stderr, "tinyfoot-device-host: cannot open the pin file %s\n", argv[i]);
                return 3;
            }
        } else if (strcmp(argv[i], "--vendor") == 0 && i + 1 < argc) {
            vendor = argv[++i];
        } else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            ++i;
            firmware = "TinyFoot MLPerf Tiny reference model (synthetic weights) 0.1";
            if (strcmp(argv[i], "vww") == 0) model = tfd_vww_model(TFD_KWS_SEED);
            else if (strcmp(argv[i], "ic") == 0) model = tfd_ic_model(TFD_KWS_SEED);
            else if (strcmp(argv[i], "ad") == 0) model = tfd_ad_model(TFD_KWS_SEED);
            else if (strcmp(argv[i], "kws") == 0) firmware = "TinyFoot reference KWS (synthetic weights) 0.1";
            else {
                fprintf(stderr, "tinyfoot-device-host: unknown model %s (kws, vww, ic or ad)\n", argv[i]);
                return 2;
            }
        } else {
            fprintf(stderr,
                    "usage: tinyfoot-device-host [--energy] [--pin FILE] [--vendor NAME] [--model kws|vww|ic|ad]\n");
            return 2;
        }
    }
    port.context = NULL;
    port.put_char = put_char;
    port.now_us = now_us;
    port.timestamp_pin = timestamp_pin;
    port.delay_us = delay_us;
    if (!model) {
        tfd_kws_model_init(&kws, TFD_KWS_SEED);
        model = &kws.model;
    }
    tfd_init(&device, &port, model, mode, vendor, firmware, buffer, sizeof buffer);
    tfd_boot(&device);
    while ((c = getchar()) != EOF) tfd_receive(&device, (char)c);
    fflush(stdout);
    if (pin_file) fclose(pin_file);
    return 0;
}
