/* axdl_agent.h: the board agent core. Freestanding C11, no heap, no OS calls: everything the
 * board provides comes through axdl_agent_port. All buffers live inside axdl_agent, which the
 * port allocates statically.
 *
 *   static axdl_agent agent;
 *   axdl_agent_port port = {.user = ..., .board = "mps2-an386", ..., .link_write = uart_write};
 *   axdl_agent_init(&agent, &port);    // loads the slot table from flash, sends the greeting
 *   for (;;) { uint8_t b = uart_getc(); axdl_agent_receive(&agent, &b, 1); }
 *
 * Flash layout (erase_bytes = E): [meta copy 0: E][meta copy 1: E][slot 0][slot 1]. The slot
 * table is written to the meta copy not holding the newest record, with a sequence number and
 * CRC, so a cut during a table write leaves the previous table. An upload always goes to the
 * slot that is not active, so a cut during a flash never touches the running model. */
#ifndef AXDL_AGENT_H
#define AXDL_AGENT_H

#include "axdl_protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Optional model runtime. Any hook may be NULL; RUN and friends then answer NO_RUNTIME.
 * Hooks return 0 on success or a runtime status (reported as MODEL_ERROR arg0). */
typedef struct axdl_runtime_hooks {
  int (*load)(void* user, uint32_t flash_address, uint32_t size);
  /* Arena bytes the model needs and the port has; checked before load (may be NULL). */
  int (*arena_needed)(void* user, uint32_t flash_address, uint32_t size, uint32_t* needed,
                      uint32_t* available);
  int (*set_input)(void* user, uint8_t index, uint32_t offset, const uint8_t* data, uint16_t n,
                   uint32_t* input_bytes);
  int (*run)(void* user, uint64_t* cycles, uint16_t* layer_count);
  int (*get_output)(void* user, uint8_t index, uint32_t offset, uint8_t* dst, uint16_t max,
                    uint16_t* n, uint32_t* output_bytes);
  int (*layer_cycles)(void* user, uint16_t layer, uint32_t* cycles);
  int (*tensor_info)(void* user, uint8_t kind, uint8_t index, axdl_tensor_info* info);
} axdl_runtime_hooks;

typedef struct axdl_agent_port {
  void* user;
  const char* board;
  const char* cpu;
  uint32_t clock_hz;
  uint32_t ram_bytes;
  uint32_t arena_bytes;
  uint32_t flash_bytes;
  uint32_t erase_bytes; /* erase block, power of two, >= 128 */
  int (*flash_read)(void* user, uint32_t address, uint8_t* dst, uint32_t n);
  int (*flash_write)(void* user, uint32_t address, const uint8_t* src, uint32_t n);
  int (*flash_erase)(void* user, uint32_t address, uint32_t n);
  int (*link_write)(void* user, const uint8_t* bytes, size_t n);
  void (*reset)(void* user); /* after the RESET answer went out; NULL: re-init in place */
  const axdl_runtime_hooks* runtime;
  /* Frames the port buffers while the agent handles one (UART ring, pty, socket): the host
   * keeps at most this many requests in flight. 0 means 1 (stop-and-wait). */
  uint8_t rx_window;
  uint32_t dtype_mask;
  const uint16_t* ops;
  uint8_t op_count;
} axdl_agent_port;

typedef struct axdl_agent_slot_table {
  uint32_t sequence;
  uint8_t active;
  axdl_slot_info slot[AXDL_SLOT_COUNT];
} axdl_agent_slot_table;

#define AXDL_AGENT_LOG_BYTES 1024u
#define AXDL_AGENT_VERSION "0.1.0"

typedef struct axdl_agent {
  axdl_agent_port port;
  axdl_agent_slot_table table;
  uint32_t slot_bytes;
  uint8_t upload_slot; /* AXDL_NO_SLOT when no upload is open */
  uint8_t reset_pending;
  uint8_t last_valid; /* tx holds the answer to (last_opcode, last_seq) */
  uint8_t last_opcode;
  uint16_t last_seq;
  uint16_t layer_count; /* layers of the last run; 0 before the first run */
  size_t tx_length;
  axdl_rx rx;
  uint8_t rx_buffer[AXDL_MAX_ENCODED];
  uint8_t tx_buffer[AXDL_MAX_ENCODED];
  uint8_t payload[AXDL_MAX_PAYLOAD];
  uint8_t chunk[AXDL_MAX_CHUNK]; /* an UPLOAD_CHUNK_LZ decoded before it goes to flash */
  char log[AXDL_AGENT_LOG_BYTES];
  uint16_t log_length;
  uint16_t log_dropped;
  uint32_t frames_received;
  uint32_t frames_rejected;
} axdl_agent;

/* Returns AXDL_ST_OK, or AXDL_ST_BAD_ARGUMENT when the port's flash is too small for two
 * meta blocks and two slots of one erase block each. */
axdl_status axdl_agent_init(axdl_agent* agent, const axdl_agent_port* port);
/* Feeds received bytes; answers every complete frame through port.link_write. */
void axdl_agent_receive(axdl_agent* agent, const uint8_t* bytes, size_t n);
/* Sends the boot greeting again (a port calls it when a new host connects). */
void axdl_agent_greet(axdl_agent* agent);
/* Appends one log line (without '\n'); drops it (counted) when the buffer is full. */
void axdl_agent_log(axdl_agent* agent, const char* line);
uint32_t axdl_agent_slot_address(const axdl_agent* agent, uint8_t slot);

#ifdef __cplusplus
}
#endif
#endif /* AXDL_AGENT_H */
