/* QEMU port: the ARM MPS2 AN385 board (Cortex-M3) as QEMU emulates it, and the AN386 board
 * (Cortex-M4F, the same memory map and peripherals) when built with TFD_QEMU_BOARD "mps2-an386".
 *   UART0 (CMSDK, 0x40004000): the protocol link to the host.
 *   UART1 (CMSDK, 0x40005000): the emulated timestamp pin and CPU activity, one line per event
 *                              with its virtual time: "F <us>" falling edge, "R <us>" rising
 *                              edge, "S <us>" the CPU starts waiting for the host (it would
 *                              sleep), "W <us>" it wakes to work. The harness' emulated power
 *                              monitor turns these into a power trace (docs/harness.md).
 *   TIMER0 (CMSDK, 0x40000000): a 25 MHz down-counter, extended to 32-bit microseconds.
 *   Semihosting SYS_EXIT ends QEMU when the host, having sent at least one character, has been
 *   silent for TFD_IDLE_EXIT_MS of virtual time (0: never), so a scripted run ends by itself.
 *   The clock starts at the first character, not at boot: how soon QEMU passes the host's
 *   first byte to the UART depends on the host's scheduling, not on virtual time, and a
 *   fast-booting image could otherwise time out before a piped script reaches it.
 * Run with -icount shift=0: each instruction advances virtual time by 1 ns, so timings are the
 * same on every run.
 */
#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws_model.h"

#include <stdint.h>

#ifndef TFD_QEMU_BOARD
#define TFD_QEMU_BOARD "mps2-an385"
#endif

#ifndef TFD_IDLE_EXIT_MS
#define TFD_IDLE_EXIT_MS 0
#endif

#define REG(addr) (*(volatile uint32_t*)(addr))
#define UART0 0x40004000u
#define UART1 0x40005000u
#define TIMER0 0x40000000u
#define UART_DATA 0x00u
#define UART_STATE 0x04u
#define UART_CTRL 0x08u
#define UART_BAUDDIV 0x10u
#define TIMER_CTRL 0x00u
#define TIMER_VALUE 0x04u
#define TIMER_RELOAD 0x08u
#define TICKS_PER_US 25u

static uint32_t last_value;
static uint64_t ticks;

static void uart_init(uint32_t base) {
    REG(base + UART_BAUDDIV) = 16u; /* the smallest divider the CMSDK UART accepts */
    REG(base + UART_CTRL) = 3u;     /* TX and RX enabled */
}

static void uart_put(uint32_t base, char c) {
    while (REG(base + UART_STATE) & 1u) {}
    REG(base + UART_DATA) = (uint32_t)(unsigned char)c;
}

static void timer_init(void) {
    REG(TIMER0 + TIMER_RELOAD) = 0xFFFFFFFFu;
    REG(TIMER0 + TIMER_VALUE) = 0xFFFFFFFFu;
    REG(TIMER0 + TIMER_CTRL) = 1u;
    last_value = REG(TIMER0 + TIMER_VALUE);
    ticks = 0;
}

static uint64_t elapsed_ticks(void) {
    const uint32_t v = REG(TIMER0 + TIMER_VALUE);
    ticks += (uint32_t)(last_value - v); /* a down-counter: wraps modulo 2^32 */
    last_value = v;
    return ticks;
}

static uint32_t now_us(void* context) {
    (void)context;
    return (uint32_t)(elapsed_ticks() / TICKS_PER_US);
}

static void put_char(void* context, char c) {
    (void)context;
    uart_put(UART0, c);
}

/* One activity line on UART1: a letter and the virtual time in microseconds. */
static void activity(char what) {
    char digits[12];
    uint32_t t = (uint32_t)(elapsed_ticks() / TICKS_PER_US);
    int n = 0;
    uart_put(UART1, what);
    uart_put(UART1, ' ');
    do {
        digits[n++] = (char)('0' + (char)(t % 10u));
        t /= 10u;
    } while (t != 0u);
    while (n > 0) uart_put(UART1, digits[--n]);
    uart_put(UART1, '\n');
}

static void timestamp_pin(void* context, int level) {
    (void)context;
    activity(level ? 'R' : 'F');
}

static void delay_us(void* context, uint32_t us) {
    const uint64_t end = elapsed_ticks() + (uint64_t)us * TICKS_PER_US;
    (void)context;
    while (elapsed_ticks() < end) {}
}

static void semihosting_exit(void) {
    register uint32_t r0 __asm__("r0") = 0x18u;    /* SYS_EXIT */
    register uint32_t r1 __asm__("r1") = 0x20026u; /* ADP_Stopped_ApplicationExit */
    __asm__ volatile("bkpt 0xab" : : "r"(r0), "r"(r1) : "memory");
}

#ifdef TFD_PORT_MODEL
/* Another reference model: tfd_vww_model, tfd_ic_model or tfd_ad_model (mlperf_models.h). */
#include "tinyfoot_device/mlperf_models.h"
#define TFD_PORT_FIRMWARE "TinyFoot MLPerf Tiny reference model (synthetic weights) 0.1"
#else
static tfd_kws_model kws;
#define TFD_PORT_FIRMWARE "TinyFoot reference KWS (synthetic weights) 0.1"
#endif
static uint8_t buffer[TFD_INPUT_MAX];

int main(void) {
    tfd_port port;
    tfd_device device;
    uint64_t idle_since;
    int heard = 0;
    uart_init(UART0);
    uart_init(UART1);
    timer_init();
    port.context = 0;
    port.put_char = put_char;
    port.now_us = now_us;
    port.timestamp_pin = timestamp_pin;
    port.delay_us = delay_us;
#ifdef TFD_PORT_MODEL
    tfd_init(&device, &port, TFD_PORT_MODEL(TFD_KWS_SEED), TFD_DEVICE_MODE, "TinyFoot QEMU " TFD_QEMU_BOARD,
             TFD_PORT_FIRMWARE, buffer, sizeof buffer);
#else
    tfd_kws_model_init(&kws, TFD_KWS_SEED);
    tfd_init(&device, &port, &kws.model, TFD_DEVICE_MODE, "TinyFoot QEMU " TFD_QEMU_BOARD, TFD_PORT_FIRMWARE, buffer,
             sizeof buffer);
#endif
    tfd_boot(&device);
    idle_since = elapsed_ticks();
    activity('S');
    for (;;) {
        if (REG(UART0 + UART_STATE) & 2u) {
            const char c = (char)REG(UART0 + UART_DATA);
            activity('W');
            tfd_receive(&device, c);
            activity('S');
            idle_since = elapsed_ticks();
            heard = 1;
        } else if (TFD_IDLE_EXIT_MS != 0 && heard &&
                   elapsed_ticks() - idle_since > (uint64_t)TFD_IDLE_EXIT_MS * 1000u * TICKS_PER_US) {
            semihosting_exit();
        }
    }
}
