/* Reset and vector table for the Cortex-M ports (QEMU MPS2 Cortex-M3, STM32L4R5ZI Cortex-M4F):
 * copy .data, clear .bss, enable the FPU when the code is built for one, call main. No
 * interrupts are used; the linker script of each port provides the symbols. */
#include <stdint.h>

extern uint32_t __stack_top, __data_load, __data_start, __data_end, __bss_start, __bss_end;
int main(void);

void reset_handler(void);
void fault_handler(void);

void reset_handler(void) {
    uint32_t *src = &__data_load, *dst = &__data_start;
#if defined(__ARM_FP)
    /* The code is built for the FPU: give the core full access to CP10 and CP11 first. */
    *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    while (dst < &__data_end) *dst++ = *src++;
    for (dst = &__bss_start; dst < &__bss_end;) *dst++ = 0;
    (void)main();
    for (;;) {}
}

void fault_handler(void) {
    for (;;) {}
}

typedef union vector_entry {
    uint32_t* stack;
    void (*handler)(void);
} vector_entry;

#define HANDLER(f)                                                                                                     \
    { .handler = (f) }
__attribute__((section(".vectors"), used)) static const vector_entry vectors[16] = {{.stack = &__stack_top},
                                                                                    HANDLER(reset_handler),
                                                                                    HANDLER(fault_handler),
                                                                                    HANDLER(fault_handler),
                                                                                    HANDLER(fault_handler),
                                                                                    HANDLER(fault_handler),
                                                                                    HANDLER(fault_handler),
                                                                                    {0},
                                                                                    {0},
                                                                                    {0},
                                                                                    {0},
                                                                                    HANDLER(fault_handler),
                                                                                    HANDLER(fault_handler),
                                                                                    {0},
                                                                                    HANDLER(fault_handler),
                                                                                    HANDLER(fault_handler)};
