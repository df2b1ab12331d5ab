/* The board agent on the Arm MPS2 boards QEMU emulates (mps2-an386 Cortex-M4F, mps2-an500
 * Cortex-M7), built on the engine's Cortex-M port (startup, SysTick cycles, UART0 setup).
 *
 *   qemu-system-arm -machine mps2-an386 -nographic -monitor none -icount shift=0 \
 *       -serial tcp:127.0.0.1:5555,server=on,wait=off -kernel axdl_agent_qemu.elf
 *   autox board info --board tcp:127.0.0.1:5555
 *
 * UART0 carries the protocol (raw bytes, polled both ways). A RAM region stands in for flash,
 * so models live until QEMU exits. Per-layer counts are SysTick cycles at the board's 25 MHz,
 * which QEMU derives from its virtual clock: with -icount shift=0 they are instruction counts
 * / 40, not real cycles. */
#include <stdint.h>
#include <string.h>

#include "axdl_agent.h"
#include "axdl_runtime_axe.h"
#include "cortex_m_port.h"

#define UART0_BASE 0x40004000u
#define UART_REG(offset) (*(volatile uint32_t*)(UART0_BASE + (offset)))
#define UART_DATA 0x00u
#define UART_STATE 0x04u
#define UART_CTRL 0x08u
#define UART_STATE_TX_FULL 0x1u
#define UART_STATE_RX_FULL 0x2u
#define UART_CTRL_TX_RX 0x3u

#ifndef AXDL_QEMU_FLASH_BYTES
#define AXDL_QEMU_FLASH_BYTES (2560u * 1024u)  /* two 1.25 MiB slots: fits stories260K */
#endif
#ifndef AXDL_QEMU_ARENA_BYTES
#define AXDL_QEMU_ARENA_BYTES (1280u * 1024u)
#endif
#define AXDL_QEMU_RAM_BYTES (4u * 1024u * 1024u)

static uint8_t g_flash[AXDL_QEMU_FLASH_BYTES] __attribute__((aligned(4096)));
static uint8_t g_arena[AXDL_QEMU_ARENA_BYTES] __attribute__((aligned(16)));
static axdl_agent g_agent;
static axdl_axe_runtime g_runtime;
static uint16_t g_ops[AXDL_MAX_OPS];

static int flash_read(void* user, uint32_t address, uint8_t* dst, uint32_t n) {
  (void)user;
  if (address > sizeof g_flash || n > sizeof g_flash - address) return -1;
  memcpy(dst, g_flash + address, n);
  return 0;
}

static int flash_write(void* user, uint32_t address, const uint8_t* src, uint32_t n) {
  (void)user;
  if (address > sizeof g_flash || n > sizeof g_flash - address) return -1;
  for (uint32_t i = 0; i < n; ++i) g_flash[address + i] &= src[i]; /* NOR semantics */
  return 0;
}

static int flash_erase(void* user, uint32_t address, uint32_t n) {
  (void)user;
  if (address > sizeof g_flash || n > sizeof g_flash - address) return -1;
  memset(g_flash + address, 0xFF, n);
  return 0;
}

static int link_write(void* user, const uint8_t* bytes, size_t n) {
  (void)user;
  for (size_t i = 0; i < n; ++i) {
    while (UART_REG(UART_STATE) & UART_STATE_TX_FULL) {
    }
    UART_REG(UART_DATA) = bytes[i];
  }
  return 0;
}

int main(void) {
  UART_REG(UART_CTRL) = UART_CTRL_TX_RX;
  memset(g_flash, 0xFF, sizeof g_flash); /* erased */
  axdl_axe_runtime_init(&g_runtime, g_flash, g_arena, sizeof g_arena);
  axdl_agent_port port;
  memset(&port, 0, sizeof port);
  port.user = &g_runtime;
  port.board = axe_port_board_name();
  port.cpu = axe_port_cpu_name();
  port.clock_hz = axe_port_cycles_per_second();
  port.ram_bytes = AXDL_QEMU_RAM_BYTES;
  port.arena_bytes = sizeof g_arena;
  port.flash_bytes = sizeof g_flash;
  port.erase_bytes = 4096;
  port.flash_read = flash_read;
  port.flash_write = flash_write;
  port.flash_erase = flash_erase;
  port.link_write = link_write;
  port.runtime = &axdl_axe_runtime_hooks;
  port.rx_window = 1; /* one-byte UART receive buffer: stop-and-wait */
  port.dtype_mask = axdl_axe_dtype_mask();
  port.op_count = axdl_axe_ops(g_ops, AXDL_MAX_OPS);
  port.ops = g_ops;
  axdl_agent_init(&g_agent, &port);
  for (;;) {
    if (UART_REG(UART_STATE) & UART_STATE_RX_FULL) {
      const uint8_t b = (uint8_t)UART_REG(UART_DATA);
      axdl_agent_receive(&g_agent, &b, 1);
    }
  }
}
