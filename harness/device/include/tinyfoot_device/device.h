/* TinyFoot device library: the MLPerf Tiny device protocol on a microcontroller.
 *
 * C99, no heap, no printf. The application supplies a port (characters in and out, a
 * microsecond clock, the timestamp pin, a delay) and a model (run one inference on the input
 * buffer, report the class scores); the library assembles commands from received characters,
 * dispatches them and answers in the protocol's wording (docs/harness.md, "Device side").
 */
#ifndef TINYFOOT_DEVICE_DEVICE_H
#define TINYFOOT_DEVICE_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest command, in characters, without the terminating '%'. */
#define TFD_COMMAND_MAX 80u
/** Largest input a host may load: 96 x 96 x 3 bytes (the image-classification input). */
#define TFD_INPUT_MAX 27648u
/** How long the timestamp pin is held low, in microseconds (the protocol asks for >= 1). */
#define TFD_TIMESTAMP_PULSE_US 50u
/** Most class scores a model may report. */
#define TFD_RESULTS_MAX 16u

typedef struct tfd_port {
    void* context;
    /** Sends one character to the host. */
    void (*put_char)(void* context, char c);
    /** Microseconds since an arbitrary origin; wraps at 2^32. */
    uint32_t (*now_us)(void* context);
    /** Drives the timestamp pin: 1 high (idle), 0 low. */
    void (*timestamp_pin)(void* context, int level);
    /** Busy-waits at least `us` microseconds. */
    void (*delay_us)(void* context, uint32_t us);
} tfd_port;

typedef struct tfd_model {
    void* context;
    /** Model code of the protocol: "kws01", "vww01", "ic01" or "ad01". */
    const char* code;
    /** Runs one inference on `input` (`size` bytes, as loaded by the host). 0 on success. */
    int (*infer)(void* context, const uint8_t* input, size_t size);
    /** Writes the last inference's scores (at most `max`) and returns how many. */
    size_t (*results)(void* context, float* scores, size_t max);
} tfd_model;

typedef enum tfd_mode { TFD_MODE_PERFORMANCE = 0, TFD_MODE_ENERGY = 1 } tfd_mode;

typedef struct tfd_device {
    const tfd_port* port;
    const tfd_model* model;
    tfd_mode mode;
    const char* vendor;   /* answered to "name" */
    const char* firmware; /* answered to "profile" */
    char command[TFD_COMMAND_MAX + 1];
    size_t command_length;
    int command_overflow;
    uint8_t* buffer;
    size_t capacity;
    size_t expected; /* bytes announced by "db load" */
    size_t loaded;   /* bytes received since */
} tfd_device;

/** Prepares a device. `buffer` holds the model input (capacity bytes, at most TFD_INPUT_MAX are used). */
void tfd_init(tfd_device* device, const tfd_port* port, const tfd_model* model, tfd_mode mode, const char* vendor,
              const char* firmware, uint8_t* buffer, size_t capacity);

/** Announces the mode, takes a first timestamp and says it is ready (the boot sequence). */
void tfd_boot(tfd_device* device);

/** Feeds one received character; a '%' ends a command, which is then executed and answered. */
void tfd_receive(tfd_device* device, char c);

/** Executes one whole command (without the '%'), as tfd_receive does at a '%'. */
void tfd_execute(tfd_device* device, const char* command);

/* Formatting helpers, exposed for ports and tests. Each writes a NUL-terminated string into
 * `out` (at least 24 bytes) and returns its length. */
size_t tfd_format_uint(char* out, uint32_t value);
/** Fixed-point with 3 decimals, rounded half away from zero ("-0.125", "1.000"). */
size_t tfd_format_float3(char* out, float value);

#ifdef __cplusplus
}
#endif

#endif
