/* axdl_protocol.h: the Auto-X device link protocol, defined once for host and agent.
 *
 * Plain C11, freestanding (no libc beyond <stddef.h>/<stdint.h>), no heap. PROTOCOL.md is the
 * prose; every number lives here. Usage (agent side):
 *
 *   axdl_rx rx; uint8_t rx_buf[AXDL_MAX_ENCODED];
 *   axdl_rx_init(&rx, rx_buf, sizeof rx_buf);
 *   for each received byte b:
 *     int r = axdl_rx_feed(&rx, b);
 *     if (r == AXDL_RX_FRAME) { axdl_frame f;
 *       uint16_t st = axdl_frame_decode(rx_buf, axdl_rx_length(&rx), &f);  ... }
 *     else if (r == AXDL_RX_OVERSIZE) { answer AXDL_ST_FRAME_TOO_LONG }
 *
 *   sending: axdl_frame_send(write_cb, user, opcode, flags, seq, payload, n, scratch);
 *
 * Wire: every frame is COBS-encoded and ends with one 0x00 byte. Decoded frame:
 *   u8 opcode | u8 flags | u16 seq | payload (0..AXDL_MAX_PAYLOAD) | u32 crc32
 * CRC-32 is IEEE 802.3 (reflected, poly 0xEDB88320, init/xorout 0xFFFFFFFF) over everything
 * before it. All multi-byte integers are little-endian. */
#ifndef AXDL_PROTOCOL_H
#define AXDL_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- versions and limits ------------------------------------------------------------------ */
#define AXDL_PROTOCOL_VERSION 1u
#define AXDL_HEADER_BYTES 4u /* opcode, flags, seq */
#define AXDL_CRC_BYTES 4u
#define AXDL_MAX_CHUNK 4096u /* model bytes per UPLOAD_CHUNK */
#define AXDL_CHUNK_HEADER 8u /* offset + crc32 of the data */
#define AXDL_MAX_PAYLOAD (AXDL_MAX_CHUNK + AXDL_CHUNK_HEADER)
#define AXDL_MAX_FRAME (AXDL_HEADER_BYTES + AXDL_MAX_PAYLOAD + AXDL_CRC_BYTES)
/* COBS adds one byte per 254 and one leading code byte; plus the 0x00 delimiter. */
#define AXDL_MAX_ENCODED (AXDL_MAX_FRAME + AXDL_MAX_FRAME / 254u + 2u)
#define AXDL_MIN_FRAME (AXDL_HEADER_BYTES + AXDL_CRC_BYTES)
#define AXDL_SHA256_BYTES 32u
#define AXDL_SLOT_COUNT 2u
#define AXDL_NAME_BYTES 32u /* fixed, NUL-padded text fields in HELLO */
#define AXDL_ERROR_ARGS 2u  /* every error response carries two u32 details */
#define AXDL_MAX_WINDOW 4u  /* upper bound of HELLO's rx_window */

/* ---- optional features (HELLO): a host announces the ones it speaks, the agent answers with
 * the ones both speak. Hosts and agents without them keep the version-1 HELLO layout. -------- */
#define AXDL_FEATURE_LZ 0x01u /* UPLOAD_CHUNK_LZ: chunks compressed with axdl_lz */

/* ---- frame flags ---------------------------------------------------------------------------- */
#define AXDL_FLAG_RESPONSE 0x01u /* set on every agent -> host frame answering a request */
#define AXDL_FLAG_EVENT 0x02u    /* unsolicited agent -> host frame (boot greeting) */

/* ---- opcodes (request and its response share the opcode) ------------------------------------- */
typedef enum axdl_opcode {
  AXDL_OP_NONE = 0x00,            /* only in error responses to frames that could not be parsed */
  AXDL_OP_HELLO = 0x01,           /* capabilities handshake */
  AXDL_OP_SLOTS = 0x02,           /* state of both model slots */
  AXDL_OP_UPLOAD_BEGIN = 0x10,    /* size + SHA-256 of the image; answer: slot, resume offset */
  AXDL_OP_UPLOAD_CHUNK = 0x11,    /* offset, crc32, data */
  AXDL_OP_UPLOAD_FINISH = 0x12,   /* agent hashes the slot and compares */
  AXDL_OP_COMMIT = 0x13,          /* make a verified slot the active one */
  AXDL_OP_ROLLBACK = 0x14,        /* make the other ready slot active again */
  AXDL_OP_UPLOAD_CHUNK_LZ = 0x15, /* offset, crc32, raw length, axdl_lz data (AXDL_FEATURE_LZ) */
  AXDL_OP_GET_LOG = 0x20,         /* drain the agent's log lines */
  AXDL_OP_RESET = 0x21,           /* answer, then reset the agent */
  AXDL_OP_SET_INPUT = 0x30,       /* write bytes of an input tensor */
  AXDL_OP_RUN = 0x31,             /* run the active model once */
  AXDL_OP_GET_OUTPUT = 0x32,      /* read bytes of an output tensor */
  AXDL_OP_GET_PROFILE = 0x33,     /* per-layer cycle counts of the last run */
  AXDL_OP_TENSOR_INFO = 0x34,     /* dtype, shape, size and name of a model input or output */
  AXDL_OP_MAX = 0x35              /* one past the highest opcode; tables are sized by it */
} axdl_opcode;

/* ---- status codes: PROTOCOL.md says what the user should do for each ---------------------------
 */
typedef enum axdl_status {
  AXDL_ST_OK = 0,
  AXDL_ST_BAD_CRC = 1,         /* frame CRC mismatch: line noise; the host resends */
  AXDL_ST_FRAME_TOO_LONG = 2,  /* more than AXDL_MAX_ENCODED bytes before a delimiter */
  AXDL_ST_FRAME_TOO_SHORT = 3, /* fewer than AXDL_MIN_FRAME bytes, or bad COBS */
  AXDL_ST_UNKNOWN_OPCODE = 4,  /* arg0 = opcode */
  AXDL_ST_BAD_LENGTH = 5,      /* payload length wrong for the opcode; arg0 = got */
  AXDL_ST_BAD_VERSION = 6,     /* arg0 = agent protocol version, arg1 = host's */
  AXDL_ST_BAD_STATE = 7,       /* e.g. a chunk without UPLOAD_BEGIN */
  AXDL_ST_TOO_BIG = 8,         /* arg0 = image bytes, arg1 = slot bytes */
  AXDL_ST_BAD_OFFSET = 9,      /* arg0 = offset the agent expects next */
  AXDL_ST_CHUNK_CRC = 10,      /* chunk data CRC mismatch; arg0 = offset */
  AXDL_ST_SHA_MISMATCH = 11,   /* image SHA-256 differs from the one announced */
  AXDL_ST_FLASH_ERROR = 12,    /* flash read/write/erase failed; arg0 = address */
  AXDL_ST_NO_MODEL = 13,       /* no ready model in the slot asked for */
  AXDL_ST_BAD_SLOT = 14,       /* arg0 = slot */
  AXDL_ST_NO_RUNTIME = 15,     /* this agent build has no model runtime */
  AXDL_ST_BAD_ARGUMENT = 16,   /* a field is out of range; arg0 = field value */
  AXDL_ST_MODEL_ERROR = 17,    /* runtime refused the model or the run; arg0 = runtime status */
  AXDL_ST_NO_RAM = 18,         /* model's arena > board RAM; arg0 = needed, arg1 = available */
  AXDL_ST_BAD_COMPRESSED = 19, /* an UPLOAD_CHUNK_LZ does not decode; arg0 = offset */
  AXDL_ST_COUNT = 20
} axdl_status;

/* ---- slot states ------------------------------------------------------------------------------
 */
typedef enum axdl_slot_state {
  AXDL_SLOT_EMPTY = 0,
  AXDL_SLOT_RECEIVING = 1, /* an upload is in progress (resumable) */
  AXDL_SLOT_READY = 2      /* complete and SHA-256 verified */
} axdl_slot_state;

#define AXDL_NO_SLOT 0xFFu

/* dtype bits in axdl_hello_resp.dtype_mask */
#define AXDL_DTYPE_FLOAT32 (1u << 0)
#define AXDL_DTYPE_INT8 (1u << 1)
#define AXDL_DTYPE_UINT8 (1u << 2)
#define AXDL_DTYPE_INT32 (1u << 3)
#define AXDL_DTYPE_INT64 (1u << 4)

/* ---- byte order helpers (little-endian on the wire) --------------------------------------- */
typedef struct axdl_writer {
  uint8_t* data;
  size_t capacity;
  size_t length;
  int overflow; /* set when a put did not fit; the content is then unusable */
} axdl_writer;

typedef struct axdl_reader {
  const uint8_t* data;
  size_t length;
  size_t position;
  int error; /* set when a get ran past the end */
} axdl_reader;

void axdl_writer_init(axdl_writer* w, uint8_t* data, size_t capacity);
void axdl_put_u8(axdl_writer* w, uint8_t v);
void axdl_put_u16(axdl_writer* w, uint16_t v);
void axdl_put_u32(axdl_writer* w, uint32_t v);
void axdl_put_bytes(axdl_writer* w, const void* src, size_t n);
void axdl_put_text(axdl_writer* w, const char* text, size_t field_bytes); /* NUL-padded */

void axdl_reader_init(axdl_reader* r, const uint8_t* data, size_t length);
uint8_t axdl_get_u8(axdl_reader* r);
uint16_t axdl_get_u16(axdl_reader* r);
uint32_t axdl_get_u32(axdl_reader* r);
void axdl_get_bytes(axdl_reader* r, void* dst, size_t n);
void axdl_get_text(axdl_reader* r, char* dst, size_t field_bytes); /* dst gets field_bytes+1 */
size_t axdl_reader_left(const axdl_reader* r);

/* ---- CRC-32 and COBS ------------------------------------------------------------------------ */
uint32_t axdl_crc32_update(uint32_t crc, const void* data, size_t n); /* start with 0 */
uint32_t axdl_crc32(const void* data, size_t n);
/* Encodes n bytes into dst (capacity >= n + n/254 + 1), no delimiter. Returns bytes written. */
size_t axdl_cobs_encode(const uint8_t* src, size_t n, uint8_t* dst);
/* Decodes in place or into dst (dst may equal src). Returns decoded length or (size_t)-1 on
 * malformed input (a zero byte inside, or a code byte pointing past the end). */
size_t axdl_cobs_decode(const uint8_t* src, size_t n, uint8_t* dst);

/* ---- frames --------------------------------------------------------------------------------- */
typedef struct axdl_frame {
  uint8_t opcode;
  uint8_t flags;
  uint16_t seq;
  const uint8_t* payload; /* points into the decode buffer */
  size_t payload_length;
} axdl_frame;

/* Builds the wire bytes of a frame (COBS + delimiter) into out; capacity >= AXDL_MAX_ENCODED
 * always suffices (a small frame needs frame + frame/254 + 2). payload may point into out.
 * Returns the number of bytes, or 0 if the payload is longer than AXDL_MAX_PAYLOAD or the
 * capacity too small. */
size_t axdl_frame_encode(uint8_t opcode, uint8_t flags, uint16_t seq, const uint8_t* payload,
                         size_t payload_length, uint8_t* out, size_t capacity);

/* Decodes one received frame (the bytes before the delimiter) in place. On AXDL_ST_OK, frame
 * points into buf. On AXDL_ST_BAD_CRC the header fields are still filled in when present (the
 * agent answers with them), but must not be trusted. */
axdl_status axdl_frame_decode(uint8_t* buf, size_t length, axdl_frame* frame);

/* Sends a frame through an injected byte writer; scratch has AXDL_MAX_ENCODED bytes.
 * Returns 0 on success, the writer's non-zero result otherwise, -1 if the payload is too long. */
typedef int (*axdl_write_fn)(void* user, const uint8_t* bytes, size_t n);
int axdl_frame_send(axdl_write_fn write, void* user, uint8_t opcode, uint8_t flags, uint16_t seq,
                    const uint8_t* payload, size_t payload_length, uint8_t* scratch);

/* Byte-at-a-time receiver that splits the stream at 0x00 delimiters. */
typedef struct axdl_rx {
  uint8_t* buffer;
  size_t capacity;
  size_t length;
  int discarding; /* an oversized frame is being skipped up to its delimiter */
  int complete;   /* buffer holds a complete frame; the next feed starts a new one */
} axdl_rx;

enum { AXDL_RX_MORE = 0, AXDL_RX_FRAME = 1, AXDL_RX_OVERSIZE = 2, AXDL_RX_EMPTY = 3 };
void axdl_rx_init(axdl_rx* rx, uint8_t* buffer, size_t capacity);
/* Returns AXDL_RX_FRAME when buffer[0..axdl_rx_length) holds a complete encoded frame (valid
 * until the next feed), AXDL_RX_OVERSIZE once when an oversized frame ended, AXDL_RX_EMPTY for
 * a lone delimiter (ignored; hosts send one to resynchronise), AXDL_RX_MORE otherwise. */
int axdl_rx_feed(axdl_rx* rx, uint8_t byte);
size_t axdl_rx_length(const axdl_rx* rx);

/* ---- messages ------------------------------------------------------------------------------
 * Every response payload starts with u16 status. When status != OK, two u32 details follow
 * (axdl_error_resp) and nothing else. When OK, the opcode's body follows. */
typedef struct axdl_error_resp {
  uint16_t status;
  uint32_t arg[AXDL_ERROR_ARGS];
} axdl_error_resp;

/* HELLO request: u16 host protocol version [, u32 features the host speaks (AXDL_FEATURE_*)].
 * The features field is optional: a version-1 agent only accepts the 2-byte form (it answers
 * BAD_LENGTH to the 6-byte one, and the host asks again without features). */
typedef struct axdl_hello_req {
  uint16_t protocol_version;
  uint8_t has_features; /* the request carries the features field */
  uint32_t features;
} axdl_hello_req;

#define AXDL_MAX_OPS 96u /* op ids in a HELLO answer */
typedef struct axdl_hello_resp {
  uint16_t protocol_version;
  char agent_version[AXDL_NAME_BYTES + 1];
  char board[AXDL_NAME_BYTES + 1];
  char cpu[AXDL_NAME_BYTES + 1];
  uint32_t clock_hz;
  uint32_t ram_bytes;
  uint32_t flash_bytes;
  uint32_t slot_bytes;  /* capacity of each model slot */
  uint32_t arena_bytes; /* RAM the agent can give a model's tensors */
  uint16_t max_payload; /* AXDL_MAX_PAYLOAD of the agent build */
  uint16_t max_chunk;
  uint32_t dtype_mask; /* AXDL_DTYPE_* */
  uint8_t has_runtime; /* 0: upload/slots only; SET_INPUT/RUN/... answer NO_RUNTIME */
  uint8_t rx_window;   /* requests the host may have in flight (1..AXDL_MAX_WINDOW) */
  uint8_t op_count;
  uint16_t ops[AXDL_MAX_OPS]; /* runtime op ids (engine/include/axe/axe.h) */
  /* Only in the answer to a HELLO that carried features (older hosts expect the answer to end
   * after ops): the features both sides speak. */
  uint8_t has_features;
  uint32_t features;
} axdl_hello_resp;

typedef struct axdl_slot_info {
  uint8_t state;     /* axdl_slot_state */
  uint32_t size;     /* image bytes (announced size while receiving) */
  uint32_t received; /* bytes acknowledged so far */
  uint8_t sha256[AXDL_SHA256_BYTES];
} axdl_slot_info;

typedef struct axdl_slots_resp {
  uint8_t active; /* AXDL_NO_SLOT when no model is active */
  uint32_t slot_bytes;
  axdl_slot_info slot[AXDL_SLOT_COUNT];
} axdl_slots_resp;

typedef struct axdl_upload_begin_req {
  uint32_t size;
  uint8_t sha256[AXDL_SHA256_BYTES];
} axdl_upload_begin_req;

typedef struct axdl_upload_begin_resp {
  uint8_t slot;           /* the slot being written: never the active one */
  uint32_t resume_offset; /* 0 for a new upload; acknowledged bytes of the same image */
  uint16_t max_chunk;
} axdl_upload_begin_resp;

typedef struct axdl_upload_chunk_req {
  uint32_t offset;
  uint32_t crc32;      /* of data */
  const uint8_t* data; /* points into the frame */
  uint16_t length;     /* 1..AXDL_MAX_CHUNK */
} axdl_upload_chunk_req;

/* UPLOAD_CHUNK_LZ: the chunk at offset compressed with axdl_lz; crc32 is over the compressed
 * bytes, raw_length the chunk's length once decoded (1..AXDL_MAX_CHUNK). Same answer as
 * UPLOAD_CHUNK. */
#define AXDL_CHUNK_LZ_HEADER 10u
#define AXDL_MAX_CHUNK_LZ (AXDL_MAX_PAYLOAD - AXDL_CHUNK_LZ_HEADER) /* compressed bytes */
typedef struct axdl_upload_chunk_lz_req {
  uint32_t offset;
  uint32_t crc32; /* of the compressed data */
  uint16_t raw_length;
  const uint8_t* data; /* compressed; points into the frame */
  uint16_t length;     /* 1..AXDL_MAX_CHUNK_LZ */
} axdl_upload_chunk_lz_req;

typedef struct axdl_upload_chunk_resp {
  uint32_t next_offset; /* bytes acknowledged (and persisted) */
} axdl_upload_chunk_resp;

typedef struct axdl_upload_finish_resp {
  uint8_t slot;
  uint8_t sha256[AXDL_SHA256_BYTES]; /* as computed by the agent over the slot */
} axdl_upload_finish_resp;

typedef struct axdl_slot_req {
  uint8_t slot;
} axdl_slot_req;

typedef struct axdl_active_resp {
  uint8_t active;
} axdl_active_resp;

typedef struct axdl_log_resp {
  uint16_t dropped; /* lines lost to a full log buffer since the last GET_LOG */
  const char* text; /* '\n'-terminated lines, not NUL-terminated; points into the frame */
  uint16_t length;
} axdl_log_resp;

typedef struct axdl_tensor_data_req { /* SET_INPUT */
  uint8_t index;
  uint32_t offset;
  const uint8_t* data;
  uint16_t length;
} axdl_tensor_data_req;

typedef struct axdl_get_output_req {
  uint8_t index;
  uint32_t offset;
  uint16_t max_length;
} axdl_get_output_req;

typedef struct axdl_get_output_resp {
  uint32_t total_bytes;
  const uint8_t* data;
  uint16_t length;
} axdl_get_output_resp;

typedef struct axdl_run_resp {
  uint32_t cycles_low; /* total cycles of the run (64-bit split) */
  uint32_t cycles_high;
  uint16_t layer_count;
} axdl_run_resp;

typedef struct axdl_get_profile_req {
  uint16_t first_layer;
} axdl_get_profile_req;

#define AXDL_MAX_PROFILE_ENTRIES ((AXDL_MAX_PAYLOAD - 8u) / 4u)
typedef struct axdl_get_profile_resp {
  uint16_t layer_count; /* layers of the model */
  uint16_t first_layer;
  uint16_t count;        /* entries in this answer */
  const uint8_t* cycles; /* count x u32, little-endian; read with axdl_profile_cycles() */
} axdl_get_profile_resp;
uint32_t axdl_profile_cycles(const axdl_get_profile_resp* r, uint16_t i);

#define AXDL_MAX_RANK 8u
typedef struct axdl_tensor_info_req {
  uint8_t kind; /* 0 input, 1 output */
  uint8_t index;
} axdl_tensor_info_req;

typedef struct axdl_tensor_info {
  uint8_t count; /* inputs (or outputs) of the active model */
  uint8_t dtype; /* ONNX TensorProto.DataType numbering (= axe_dtype) */
  uint8_t rank;  /* 0..AXDL_MAX_RANK */
  int32_t dims[AXDL_MAX_RANK];
  uint32_t bytes;
  char name[AXDL_NAME_BYTES + 1];
} axdl_tensor_info;

/* Encoders write the full payload (requests) or the OK body after the status (responses, the
 * status word included). Decoders take the whole payload and return AXDL_ST_OK, the error
 * status carried by an error response (details in *err when err != NULL), or AXDL_ST_BAD_LENGTH
 * when the payload is malformed (short, long, or a field out of range). */
void axdl_error_resp_encode(axdl_writer* w, const axdl_error_resp* m);
axdl_status axdl_status_decode(const uint8_t* payload, size_t n, axdl_error_resp* err);

void axdl_hello_req_encode(axdl_writer* w, const axdl_hello_req* m);
axdl_status axdl_hello_req_decode(const uint8_t* p, size_t n, axdl_hello_req* m);
void axdl_hello_resp_encode(axdl_writer* w, const axdl_hello_resp* m);
axdl_status axdl_hello_resp_decode(const uint8_t* p, size_t n, axdl_hello_resp* m,
                                   axdl_error_resp* err);
void axdl_slots_resp_encode(axdl_writer* w, const axdl_slots_resp* m);
axdl_status axdl_slots_resp_decode(const uint8_t* p, size_t n, axdl_slots_resp* m,
                                   axdl_error_resp* err);
void axdl_upload_begin_req_encode(axdl_writer* w, const axdl_upload_begin_req* m);
axdl_status axdl_upload_begin_req_decode(const uint8_t* p, size_t n, axdl_upload_begin_req* m);
void axdl_upload_begin_resp_encode(axdl_writer* w, const axdl_upload_begin_resp* m);
axdl_status axdl_upload_begin_resp_decode(const uint8_t* p, size_t n, axdl_upload_begin_resp* m,
                                          axdl_error_resp* err);
void axdl_upload_chunk_req_encode(axdl_writer* w, const axdl_upload_chunk_req* m);
axdl_status axdl_upload_chunk_req_decode(const uint8_t* p, size_t n, axdl_upload_chunk_req* m);
void axdl_upload_chunk_lz_req_encode(axdl_writer* w, const axdl_upload_chunk_lz_req* m);
axdl_status axdl_upload_chunk_lz_req_decode(const uint8_t* p, size_t n,
                                            axdl_upload_chunk_lz_req* m);
void axdl_upload_chunk_resp_encode(axdl_writer* w, const axdl_upload_chunk_resp* m);
axdl_status axdl_upload_chunk_resp_decode(const uint8_t* p, size_t n, axdl_upload_chunk_resp* m,
                                          axdl_error_resp* err);
void axdl_upload_finish_resp_encode(axdl_writer* w, const axdl_upload_finish_resp* m);
axdl_status axdl_upload_finish_resp_decode(const uint8_t* p, size_t n, axdl_upload_finish_resp* m,
                                           axdl_error_resp* err);
void axdl_slot_req_encode(axdl_writer* w, const axdl_slot_req* m);
axdl_status axdl_slot_req_decode(const uint8_t* p, size_t n, axdl_slot_req* m);
void axdl_active_resp_encode(axdl_writer* w, const axdl_active_resp* m);
axdl_status axdl_active_resp_decode(const uint8_t* p, size_t n, axdl_active_resp* m,
                                    axdl_error_resp* err);
void axdl_log_resp_encode(axdl_writer* w, const axdl_log_resp* m);
axdl_status axdl_log_resp_decode(const uint8_t* p, size_t n, axdl_log_resp* m,
                                 axdl_error_resp* err);
void axdl_tensor_data_req_encode(axdl_writer* w, const axdl_tensor_data_req* m);
axdl_status axdl_tensor_data_req_decode(const uint8_t* p, size_t n, axdl_tensor_data_req* m);
void axdl_get_output_req_encode(axdl_writer* w, const axdl_get_output_req* m);
axdl_status axdl_get_output_req_decode(const uint8_t* p, size_t n, axdl_get_output_req* m);
void axdl_get_output_resp_encode(axdl_writer* w, const axdl_get_output_resp* m);
axdl_status axdl_get_output_resp_decode(const uint8_t* p, size_t n, axdl_get_output_resp* m,
                                        axdl_error_resp* err);
void axdl_run_resp_encode(axdl_writer* w, const axdl_run_resp* m);
axdl_status axdl_run_resp_decode(const uint8_t* p, size_t n, axdl_run_resp* m,
                                 axdl_error_resp* err);
void axdl_get_profile_req_encode(axdl_writer* w, const axdl_get_profile_req* m);
axdl_status axdl_get_profile_req_decode(const uint8_t* p, size_t n, axdl_get_profile_req* m);
void axdl_get_profile_resp_encode(axdl_writer* w, const axdl_get_profile_resp* m);
axdl_status axdl_get_profile_resp_decode(const uint8_t* p, size_t n, axdl_get_profile_resp* m,
                                         axdl_error_resp* err);
void axdl_tensor_info_req_encode(axdl_writer* w, const axdl_tensor_info_req* m);
axdl_status axdl_tensor_info_req_decode(const uint8_t* p, size_t n, axdl_tensor_info_req* m);
void axdl_tensor_info_resp_encode(axdl_writer* w, const axdl_tensor_info* m);
axdl_status axdl_tensor_info_resp_decode(const uint8_t* p, size_t n, axdl_tensor_info* m,
                                         axdl_error_resp* err);
/* Requests with no body (SLOTS, UPLOAD_FINISH, ROLLBACK, GET_LOG, RESET, RUN) and responses
 * with no body (RESET, SET_INPUT): */
axdl_status axdl_empty_req_decode(const uint8_t* p, size_t n);
void axdl_ok_resp_encode(axdl_writer* w);
axdl_status axdl_ok_resp_decode(const uint8_t* p, size_t n, axdl_error_resp* err);

/* ---- names and what to do ------------------------------------------------------------------ */
const char* axdl_opcode_name(uint8_t opcode);  /* "UPLOAD_CHUNK", or "?" */
const char* axdl_status_name(uint16_t status); /* "TOO_BIG", or "?" */
const char* axdl_status_hint(uint16_t status); /* one sentence telling the user what to do */

/* ---- axdl_lz: the upload compression (LZ77 family, LZ4-block-like) -------------------------
 * A block is a list of sequences: token u8 (high nibble: literal count, low nibble: match
 * length - 4; 15 means "plus the following bytes", each added, until one is not 255), the
 * literals, then u16 offset (1..bytes decoded so far) and the match, copied byte by byte (it
 * may overlap its source). The last sequence has literals only and ends the block. */
#define AXDL_LZ_MIN_MATCH 4u
/* Decodes src into dst; never writes past capacity, never reads past n. Returns the decoded
 * length, or (size_t)-1 for a malformed block (truncated, offset out of range, too long).
 * Freestanding, no tables: the agent decodes each chunk into a static buffer. */
size_t axdl_lz_decode(const uint8_t* src, size_t n, uint8_t* dst, size_t capacity);
/* Host side (axdl_lz_encode.c; 8 KiB of stack): compresses n <= 65535 bytes. Returns the
 * block's length, or 0 when it would not fit capacity (send the data uncompressed then). */
size_t axdl_lz_encode(const uint8_t* src, size_t n, uint8_t* dst, size_t capacity);

/* ---- SHA-256 (FIPS 180-4), small and freestanding ---------------------------------------- */
typedef struct axdl_sha256 {
  uint32_t state[8];
  uint64_t bit_count;
  uint8_t block[64];
  uint32_t block_used;
} axdl_sha256;
void axdl_sha256_init(axdl_sha256* s);
void axdl_sha256_update(axdl_sha256* s, const void* data, size_t n);
void axdl_sha256_final(axdl_sha256* s, uint8_t out[AXDL_SHA256_BYTES]);

#ifdef __cplusplus
}
#endif
#endif /* AXDL_PROTOCOL_H */
