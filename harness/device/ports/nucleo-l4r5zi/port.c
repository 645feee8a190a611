/* Board port: ST NUCLEO-L4R5ZI (STM32L4R5ZI, Cortex-M4F), the MLPerf Tiny reference board.
 * Register-level, no vendor SDK. Registers and bit positions from ST's reference manual RM0432.
 *
 *   Link to the host: LPUART1 on PG7 (TX) / PG8 (RX), alternate function 8, which the board
 *     routes to the ST-LINK virtual COM port; 115200 baud, 8N1. Port G needs VDDIO2 (PWR_CR2.IOSV).
 *   Timestamp pin: PA0, push-pull output, idle high; wire it to the power monitor's event input
 *     (the LPM01A's D7, the PPK2's D0) through the level shifting the monitor needs.
 *   Clock: the 4 MHz MSI the MCU starts on (no PLL set-up): simple and safe; a measurement at
 *     another frequency needs its own clock set-up.
 *   Microseconds: TIM2 (32-bit) prescaled to 1 MHz.
 * Compiled in CI; see docs/harness.md for flashing and wiring.
 */
#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws_model.h"

#include <stdint.h>

#ifndef TFD_DEVICE_MODE
#define TFD_DEVICE_MODE TFD_MODE_PERFORMANCE
#endif

#define REG(addr) (*(volatile uint32_t*)(addr))

#define RCC 0x40021000u
#define RCC_AHB2ENR (RCC + 0x4Cu)
#define RCC_APB1ENR1 (RCC + 0x58u)
#define RCC_APB1ENR2 (RCC + 0x5Cu)
#define PWR_CR2 (0x40007000u + 0x04u)
#define GPIOA 0x48000000u
#define GPIOG 0x48001800u
#define GPIO_MODER 0x00u
#define GPIO_OSPEEDR 0x08u
#define GPIO_BSRR 0x18u
#define GPIO_AFRL 0x20u
#define GPIO_AFRH 0x24u
#define LPUART1 0x40008000u
#define USART_CR1 0x00u
#define USART_BRR 0x0Cu
#define USART_ISR 0x1Cu
#define USART_RDR 0x24u
#define USART_TDR 0x28u
#define TIM2 0x40000000u
#define TIM_CR1 0x00u
#define TIM_EGR 0x14u
#define TIM_CNT 0x24u
#define TIM_PSC 0x28u
#define TIM_ARR 0x2Cu

#define CORE_HZ 4000000u
#define BAUD 115200u

static void clocks_init(void) {
    REG(RCC_AHB2ENR) |= (1u << 0) | (1u << 6);   /* GPIOA, GPIOG */
    REG(RCC_APB1ENR1) |= (1u << 28) | (1u << 0); /* PWR, TIM2 */
    REG(RCC_APB1ENR2) |= (1u << 0);              /* LPUART1 (kernel clock: PCLK1, the reset choice) */
    REG(PWR_CR2) |= (1u << 9);                   /* IOSV: VDDIO2 valid, port G usable */
}

static void lpuart_init(void) {
    /* PG7, PG8: alternate function 8. */
    REG(GPIOG + GPIO_MODER) = (REG(GPIOG + GPIO_MODER) & ~((3u << 14) | (3u << 16))) | (2u << 14) | (2u << 16);
    REG(GPIOG + GPIO_AFRL) = (REG(GPIOG + GPIO_AFRL) & ~(15u << 28)) | (8u << 28);
    REG(GPIOG + GPIO_AFRH) = (REG(GPIOG + GPIO_AFRH) & ~15u) | 8u;
    /* LPUART: BRR = 256 x f / baud. */
    REG(LPUART1 + USART_BRR) = (uint32_t)(((uint64_t)CORE_HZ * 256u + BAUD / 2u) / BAUD);
    REG(LPUART1 + USART_CR1) = (1u << 3) | (1u << 2) | 1u; /* TE, RE, UE */
}

static void pin_init(void) {
    REG(GPIOA + GPIO_BSRR) = 1u; /* PA0 high before it becomes an output */
    REG(GPIOA + GPIO_MODER) = (REG(GPIOA + GPIO_MODER) & ~3u) | 1u;
    REG(GPIOA + GPIO_OSPEEDR) |= 3u;
}

static void timer_init(void) {
    REG(TIM2 + TIM_PSC) = CORE_HZ / 1000000u - 1u;
    REG(TIM2 + TIM_ARR) = 0xFFFFFFFFu;
    REG(TIM2 + TIM_EGR) = 1u; /* load the prescaler */
    REG(TIM2 + TIM_CR1) = 1u;
}

static uint32_t now_us(void* context) {
    (void)context;
    return REG(TIM2 + TIM_CNT);
}

static void put_char(void* context, char c) {
    (void)context;
    while (!(REG(LPUART1 + USART_ISR) & (1u << 7))) {}
    REG(LPUART1 + USART_TDR) = (uint32_t)(unsigned char)c;
}

static void timestamp_pin(void* context, int level) {
    (void)context;
    REG(GPIOA + GPIO_BSRR) = level ? 1u : (1u << 16);
}

static void delay_us(void* context, uint32_t us) {
    const uint32_t start = now_us(context);
    while ((uint32_t)(now_us(context) - start) < us) {}
}

static tfd_kws_model kws;
static uint8_t buffer[TFD_INPUT_MAX];

int main(void) {
    tfd_port port;
    tfd_device device;
    clocks_init();
    lpuart_init();
    pin_init();
    timer_init();
    port.context = 0;
    port.put_char = put_char;
    port.now_us = now_us;
    port.timestamp_pin = timestamp_pin;
    port.delay_us = delay_us;
    tfd_kws_model_init(&kws, TFD_KWS_SEED);
    tfd_init(&device, &port, &kws.model, TFD_DEVICE_MODE, "TinyFoot NUCLEO-L4R5ZI",
             "TinyFoot reference KWS (synthetic weights) 0.1", buffer, sizeof buffer);
    tfd_boot(&device);
    for (;;) {
        if (REG(LPUART1 + USART_ISR) & (1u << 5)) tfd_receive(&device, (char)(REG(LPUART1 + USART_RDR) & 0xFFu));
    }
}
