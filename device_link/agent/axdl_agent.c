/* axdl_agent.c: dispatch and handlers of the board agent. Layers: bytes -> axdl_rx (framing) ->
 * axdl_frame_decode (COBS, CRC) -> dispatch by opcode -> handler -> one response per request.
 * Validate first, answer always: every malformed frame gets an error response with a code. */
#include "axdl_agent.h"

#include <string.h>

#define META_MAGIC 0x4D445841u /* "AXDM" */
#define META_VERSION 1u
#define META_BYTES (4u + 2u + 4u + 1u + AXDL_SLOT_COUNT * (1u + 4u + 4u + AXDL_SHA256_BYTES) + 4u)

/* ---- small text helpers (no printf on the board) ------------------------------------------- */
typedef struct line_builder {
  char text[96];
  unsigned length;
} line_builder;

static void lb_text(line_builder* b, const char* s) {
  while (*s && b->length + 1 < sizeof b->text) b->text[b->length++] = *s++;
  b->text[b->length] = '\0';
}

static void lb_u32(line_builder* b, uint32_t v) {
  char digits[11];
  unsigned n = 0;
  do {
    digits[n++] = (char)('0' + v % 10u);
    v /= 10u;
  } while (v);
  while (n && b->length + 1 < sizeof b->text) b->text[b->length++] = digits[--n];
  b->text[b->length] = '\0';
}

void axdl_agent_log(axdl_agent* agent, const char* line) {
  size_t n = strlen(line);
  if (agent->log_length + n + 1 > AXDL_AGENT_LOG_BYTES) {
    if (agent->log_dropped < 0xFFFFu) ++agent->log_dropped;
    return;
  }
  memcpy(agent->log + agent->log_length, line, n);
  agent->log[agent->log_length + n] = '\n';
  agent->log_length = (uint16_t)(agent->log_length + n + 1);
}

/* ---- slot table in flash ----------------------------------------------------------------- */
uint32_t axdl_agent_slot_address(const axdl_agent* agent, uint8_t slot) {
  return 2u * agent->port.erase_bytes + (uint32_t)slot * agent->slot_bytes;
}

static void table_serialize(const axdl_agent_slot_table* t, uint8_t out[META_BYTES]) {
  axdl_writer w;
  axdl_writer_init(&w, out, META_BYTES);
  axdl_put_u32(&w, META_MAGIC);
  axdl_put_u16(&w, META_VERSION);
  axdl_put_u32(&w, t->sequence);
  axdl_put_u8(&w, t->active);
  for (unsigned i = 0; i < AXDL_SLOT_COUNT; ++i) {
    axdl_put_u8(&w, t->slot[i].state);
    axdl_put_u32(&w, t->slot[i].size);
    axdl_put_u32(&w, t->slot[i].received);
    axdl_put_bytes(&w, t->slot[i].sha256, AXDL_SHA256_BYTES);
  }
  axdl_put_u32(&w, axdl_crc32(out, META_BYTES - 4u));
}

static int table_parse(const uint8_t in[META_BYTES], axdl_agent_slot_table* t) {
  axdl_reader r;
  axdl_reader_init(&r, in, META_BYTES);
  if (axdl_get_u32(&r) != META_MAGIC || axdl_get_u16(&r) != META_VERSION) return 0;
  t->sequence = axdl_get_u32(&r);
  t->active = axdl_get_u8(&r);
  for (unsigned i = 0; i < AXDL_SLOT_COUNT; ++i) {
    t->slot[i].state = axdl_get_u8(&r);
    t->slot[i].size = axdl_get_u32(&r);
    t->slot[i].received = axdl_get_u32(&r);
    axdl_get_bytes(&r, t->slot[i].sha256, AXDL_SHA256_BYTES);
    if (t->slot[i].state > AXDL_SLOT_READY || t->slot[i].received > t->slot[i].size) return 0;
  }
  if (axdl_get_u32(&r) != axdl_crc32(in, META_BYTES - 4u) || r.error) return 0;
  if (t->active != AXDL_NO_SLOT &&
      (t->active >= AXDL_SLOT_COUNT || t->slot[t->active].state != AXDL_SLOT_READY))
    return 0;
  return 1;
}

static int table_load(axdl_agent* a) {
  uint8_t raw[META_BYTES];
  axdl_agent_slot_table best, t;
  int found = 0;
  memset(&best, 0, sizeof best);
  for (uint32_t copy = 0; copy < 2; ++copy) {
    if (a->port.flash_read(a->port.user, copy * a->port.erase_bytes, raw, META_BYTES) != 0)
      continue;
    if (!table_parse(raw, &t)) continue;
    if (t.slot[0].size > a->slot_bytes || t.slot[1].size > a->slot_bytes) continue;
    if (!found || (int32_t)(t.sequence - best.sequence) > 0) best = t;
    found = 1;
  }
  if (!found) {
    memset(&best, 0, sizeof best);
    best.active = AXDL_NO_SLOT;
  }
  a->table = best;
  return found;
}

/* Writes the table to the copy not holding the newest record. Returns 0 or the address. */
static axdl_status table_store(axdl_agent* a, uint32_t* failed_address) {
  uint8_t raw[META_BYTES];
  a->table.sequence += 1u;
  const uint32_t address = (a->table.sequence & 1u) * a->port.erase_bytes;
  table_serialize(&a->table, raw);
  if (a->port.flash_erase(a->port.user, address, a->port.erase_bytes) != 0 ||
      a->port.flash_write(a->port.user, address, raw, META_BYTES) != 0) {
    *failed_address = address;
    return AXDL_ST_FLASH_ERROR;
  }
  return AXDL_ST_OK;
}

/* ---- responses ------------------------------------------------------------------------------ */
static void send_payload(axdl_agent* a, uint8_t opcode, uint8_t flags, uint16_t seq,
                         const uint8_t* payload, size_t n) {
  a->tx_length =
      axdl_frame_encode(opcode, flags, seq, payload, n, a->tx_buffer, sizeof a->tx_buffer);
  if (a->tx_length) a->port.link_write(a->port.user, a->tx_buffer, a->tx_length);
}

static void send_error(axdl_agent* a, uint8_t opcode, uint16_t seq, axdl_status status,
                       uint32_t arg0, uint32_t arg1) {
  uint8_t body[2 + 4 * AXDL_ERROR_ARGS];
  axdl_writer w;
  axdl_writer_init(&w, body, sizeof body);
  axdl_error_resp e = {(uint16_t)status, {arg0, arg1}};
  axdl_error_resp_encode(&w, &e);
  send_payload(a, opcode, AXDL_FLAG_RESPONSE, seq, body, w.length);
}

/* The result of a handler: either a body in a->payload (status OK) or an error. */
typedef struct reply {
  axdl_status status;
  uint32_t arg0, arg1;
  size_t length;
} reply;

static reply fail(axdl_status s, uint32_t arg0, uint32_t arg1) {
  reply r = {s, arg0, arg1, 0};
  return r;
}

static reply ok(const axdl_writer* w) {
  reply r = {AXDL_ST_OK, 0, 0, w->length};
  return r;
}

/* ---- handlers ------------------------------------------------------------------------------- */
static void fill_hello(const axdl_agent* a, axdl_hello_resp* h) {
  memset(h, 0, sizeof *h);
  h->protocol_version = AXDL_PROTOCOL_VERSION;
  strncpy(h->agent_version, AXDL_AGENT_VERSION, AXDL_NAME_BYTES);
  strncpy(h->board, a->port.board ? a->port.board : "", AXDL_NAME_BYTES);
  strncpy(h->cpu, a->port.cpu ? a->port.cpu : "", AXDL_NAME_BYTES);
  h->clock_hz = a->port.clock_hz;
  h->ram_bytes = a->port.ram_bytes;
  h->flash_bytes = a->port.flash_bytes;
  h->slot_bytes = a->slot_bytes;
  h->arena_bytes = a->port.arena_bytes;
  h->max_payload = AXDL_MAX_PAYLOAD;
  h->max_chunk = AXDL_MAX_CHUNK;
  h->dtype_mask = a->port.dtype_mask;
  h->has_runtime = a->port.runtime != NULL && a->port.runtime->run != NULL;
  h->rx_window = a->port.rx_window ? a->port.rx_window : 1u;
  if (h->rx_window > AXDL_MAX_WINDOW) h->rx_window = AXDL_MAX_WINDOW;
  h->op_count = a->port.op_count > AXDL_MAX_OPS ? (uint8_t)AXDL_MAX_OPS : a->port.op_count;
  for (uint8_t i = 0; i < h->op_count; ++i) h->ops[i] = a->port.ops[i];
}

/* Features this agent speaks (HELLO answers with those the host speaks too). */
#define AGENT_FEATURES AXDL_FEATURE_LZ

static reply on_hello(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_hello_req req;
  axdl_status s = axdl_hello_req_decode(f->payload, f->payload_length, &req);
  if (s != AXDL_ST_OK) return fail(s, (uint32_t)f->payload_length, 2);
  if (req.protocol_version != AXDL_PROTOCOL_VERSION)
    return fail(AXDL_ST_BAD_VERSION, AXDL_PROTOCOL_VERSION, req.protocol_version);
  axdl_hello_resp h;
  fill_hello(a, &h);
  /* Only a host that announced features gets the field (older hosts expect the v1 layout). */
  h.has_features = req.has_features;
  h.features = req.features & AGENT_FEATURES;
  axdl_hello_resp_encode(w, &h);
  return ok(w);
}

static reply on_slots(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  if (axdl_empty_req_decode(f->payload, f->payload_length) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 0);
  axdl_slots_resp m;
  m.active = a->table.active;
  m.slot_bytes = a->slot_bytes;
  for (unsigned i = 0; i < AXDL_SLOT_COUNT; ++i) m.slot[i] = a->table.slot[i];
  axdl_slots_resp_encode(w, &m);
  return ok(w);
}

static void log_slot_event(axdl_agent* a, const char* what, uint8_t slot, uint32_t v1,
                           const char* sep, uint32_t v2) {
  line_builder b = {{0}, 0};
  lb_text(&b, what);
  lb_text(&b, slot == 0 ? " slot A" : " slot B");
  if (sep) {
    lb_text(&b, " ");
    lb_u32(&b, v1);
    lb_text(&b, sep);
    lb_u32(&b, v2);
  }
  axdl_agent_log(a, b.text);
}

static reply on_upload_begin(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_upload_begin_req req;
  if (axdl_upload_begin_req_decode(f->payload, f->payload_length, &req) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 4 + AXDL_SHA256_BYTES);
  if (req.size == 0) return fail(AXDL_ST_BAD_ARGUMENT, 0, 0);
  if (req.size > a->slot_bytes) return fail(AXDL_ST_TOO_BIG, req.size, a->slot_bytes);
  /* Candidates are the slots that are not active; prefer one holding the same image. */
  uint8_t target = AXDL_NO_SLOT;
  uint32_t resume = 0;
  for (uint8_t i = 0; i < AXDL_SLOT_COUNT; ++i) {
    if (i == a->table.active) continue;
    const axdl_slot_info* s = &a->table.slot[i];
    const int same = s->state != AXDL_SLOT_EMPTY && s->size == req.size &&
                     memcmp(s->sha256, req.sha256, AXDL_SHA256_BYTES) == 0;
    if (same) {
      target = i;
      resume = s->received;
      break;
    }
    if (target == AXDL_NO_SLOT) target = i;
  }
  axdl_slot_info* s = &a->table.slot[target];
  if (resume == 0) {
    s->state = AXDL_SLOT_RECEIVING;
    s->size = req.size;
    s->received = 0;
    memcpy(s->sha256, req.sha256, AXDL_SHA256_BYTES);
    uint32_t address = 0;
    if (table_store(a, &address) != AXDL_ST_OK) return fail(AXDL_ST_FLASH_ERROR, address, 0);
  }
  a->upload_slot = target;
  log_slot_event(a, resume ? "upload resumed:" : "upload started:", target, resume, "/", req.size);
  axdl_upload_begin_resp m = {target, resume, AXDL_MAX_CHUNK};
  axdl_upload_begin_resp_encode(w, &m);
  return ok(w);
}

/* Writes one chunk of the open upload at offset (checked, erased, written, persisted). */
static reply write_chunk(axdl_agent* a, uint32_t offset, const uint8_t* data, uint16_t length,
                         axdl_writer* w) {
  axdl_slot_info* s = &a->table.slot[a->upload_slot];
  if (offset != s->received) return fail(AXDL_ST_BAD_OFFSET, s->received, offset);
  if (length > s->size - s->received) return fail(AXDL_ST_BAD_ARGUMENT, offset + length, s->size);
  const uint32_t base = axdl_agent_slot_address(a, a->upload_slot);
  const uint32_t erase = a->port.erase_bytes;
  /* Erase every block whose first byte this chunk writes (blocks are written in order). */
  uint32_t block = (offset + erase - 1u) & ~(erase - 1u);
  for (; block < offset + length; block += erase)
    if (a->port.flash_erase(a->port.user, base + block, erase) != 0)
      return fail(AXDL_ST_FLASH_ERROR, base + block, 0);
  if (a->port.flash_write(a->port.user, base + offset, data, length) != 0)
    return fail(AXDL_ST_FLASH_ERROR, base + offset, 0);
  s->received += length;
  uint32_t address = 0;
  if (table_store(a, &address) != AXDL_ST_OK) return fail(AXDL_ST_FLASH_ERROR, address, 0);
  axdl_upload_chunk_resp m = {s->received};
  axdl_upload_chunk_resp_encode(w, &m);
  return ok(w);
}

static reply on_upload_chunk(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_upload_chunk_req req;
  if (axdl_upload_chunk_req_decode(f->payload, f->payload_length, &req) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, AXDL_MAX_PAYLOAD);
  if (a->upload_slot == AXDL_NO_SLOT) return fail(AXDL_ST_BAD_STATE, 0, 0);
  axdl_slot_info* s = &a->table.slot[a->upload_slot];
  if (s->state != AXDL_SLOT_RECEIVING) return fail(AXDL_ST_BAD_STATE, s->state, 0);
  if (axdl_crc32(req.data, req.length) != req.crc32) return fail(AXDL_ST_CHUNK_CRC, req.offset, 0);
  return write_chunk(a, req.offset, req.data, req.length, w);
}

/* A compressed chunk: CRC over what came over the line, decoded into a->chunk (static), which
 * must give exactly raw_length bytes; then the same path as UPLOAD_CHUNK. */
static reply on_upload_chunk_lz(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_upload_chunk_lz_req req;
  if (axdl_upload_chunk_lz_req_decode(f->payload, f->payload_length, &req) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, AXDL_MAX_PAYLOAD);
  if (a->upload_slot == AXDL_NO_SLOT) return fail(AXDL_ST_BAD_STATE, 0, 0);
  axdl_slot_info* s = &a->table.slot[a->upload_slot];
  if (s->state != AXDL_SLOT_RECEIVING) return fail(AXDL_ST_BAD_STATE, s->state, 0);
  if (axdl_crc32(req.data, req.length) != req.crc32) return fail(AXDL_ST_CHUNK_CRC, req.offset, 0);
  if (req.offset != s->received) return fail(AXDL_ST_BAD_OFFSET, s->received, req.offset);
  const size_t n = axdl_lz_decode(req.data, req.length, a->chunk, sizeof a->chunk);
  if (n != req.raw_length) return fail(AXDL_ST_BAD_COMPRESSED, req.offset, (uint32_t)n);
  return write_chunk(a, req.offset, a->chunk, req.raw_length, w);
}

static reply on_upload_finish(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  if (axdl_empty_req_decode(f->payload, f->payload_length) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 0);
  if (a->upload_slot == AXDL_NO_SLOT) return fail(AXDL_ST_BAD_STATE, 0, 0);
  const uint8_t slot = a->upload_slot;
  axdl_slot_info* s = &a->table.slot[slot];
  if (s->received != s->size) return fail(AXDL_ST_BAD_STATE, s->received, s->size);
  /* Hash what is in flash, not what was received: this also catches a bad flash write. */
  axdl_sha256 h;
  axdl_sha256_init(&h);
  const uint32_t base = axdl_agent_slot_address(a, slot);
  uint8_t* scratch = a->payload + 64; /* the body written below stays within the first 64 */
  const uint32_t step = (uint32_t)(sizeof a->payload - 64u);
  for (uint32_t at = 0; at < s->size; at += step) {
    const uint32_t n = s->size - at < step ? s->size - at : step;
    if (a->port.flash_read(a->port.user, base + at, scratch, n) != 0)
      return fail(AXDL_ST_FLASH_ERROR, base + at, 0);
    axdl_sha256_update(&h, scratch, n);
  }
  uint8_t digest[AXDL_SHA256_BYTES];
  axdl_sha256_final(&h, digest);
  uint32_t address = 0;
  a->upload_slot = AXDL_NO_SLOT;
  if (memcmp(digest, s->sha256, AXDL_SHA256_BYTES) != 0) {
    s->state = AXDL_SLOT_EMPTY;
    s->received = 0;
    axdl_agent_log(a, "upload failed: SHA-256 mismatch, slot cleared");
    if (table_store(a, &address) != AXDL_ST_OK) return fail(AXDL_ST_FLASH_ERROR, address, 0);
    return fail(AXDL_ST_SHA_MISMATCH, slot, 0);
  }
  s->state = AXDL_SLOT_READY;
  if (table_store(a, &address) != AXDL_ST_OK) return fail(AXDL_ST_FLASH_ERROR, address, 0);
  log_slot_event(a, "upload verified:", slot, s->size, " bytes", 0);
  axdl_upload_finish_resp m;
  m.slot = slot;
  memcpy(m.sha256, digest, AXDL_SHA256_BYTES);
  axdl_upload_finish_resp_encode(w, &m);
  return ok(w);
}

static reply activate(axdl_agent* a, uint8_t slot, axdl_writer* w) {
  if (slot >= AXDL_SLOT_COUNT) return fail(AXDL_ST_BAD_SLOT, slot, AXDL_SLOT_COUNT);
  if (a->table.slot[slot].state != AXDL_SLOT_READY) return fail(AXDL_ST_NO_MODEL, slot, 0);
  if (a->port.runtime && a->port.runtime->arena_needed) {
    uint32_t needed = 0, available = 0;
    const int rs = a->port.runtime->arena_needed(a->port.user, axdl_agent_slot_address(a, slot),
                                                 a->table.slot[slot].size, &needed, &available);
    if (rs != 0) return fail(AXDL_ST_MODEL_ERROR, (uint32_t)rs, slot);
    if (needed > available) return fail(AXDL_ST_NO_RAM, needed, available);
  }
  if (a->port.runtime && a->port.runtime->load) {
    const int rs = a->port.runtime->load(a->port.user, axdl_agent_slot_address(a, slot),
                                         a->table.slot[slot].size);
    if (rs != 0) {
      /* The failed load used the arena: bring the running model back. */
      const uint8_t active = a->table.active;
      if (active != AXDL_NO_SLOT)
        (void)a->port.runtime->load(a->port.user, axdl_agent_slot_address(a, active),
                                    a->table.slot[active].size);
      return fail(AXDL_ST_MODEL_ERROR, (uint32_t)rs, slot);
    }
  }
  if (slot == a->upload_slot) a->upload_slot = AXDL_NO_SLOT;
  a->table.active = slot;
  uint32_t address = 0;
  if (table_store(a, &address) != AXDL_ST_OK) return fail(AXDL_ST_FLASH_ERROR, address, 0);
  log_slot_event(a, "active:", slot, 0, NULL, 0);
  axdl_active_resp m = {slot};
  axdl_active_resp_encode(w, &m);
  return ok(w);
}

static reply on_commit(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_slot_req req;
  if (axdl_slot_req_decode(f->payload, f->payload_length, &req) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 1);
  return activate(a, req.slot, w);
}

static reply on_rollback(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  if (axdl_empty_req_decode(f->payload, f->payload_length) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 0);
  if (a->table.active == AXDL_NO_SLOT) return fail(AXDL_ST_NO_MODEL, AXDL_NO_SLOT, 0);
  return activate(a, (uint8_t)(a->table.active ^ 1u), w);
}

static reply on_get_log(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  if (axdl_empty_req_decode(f->payload, f->payload_length) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 0);
  axdl_log_resp m = {a->log_dropped, a->log, a->log_length};
  axdl_log_resp_encode(w, &m); /* the log buffer is smaller than a payload */
  a->log_length = 0;
  a->log_dropped = 0;
  return ok(w);
}

static reply on_reset(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  if (axdl_empty_req_decode(f->payload, f->payload_length) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 0);
  a->reset_pending = 1;
  axdl_ok_resp_encode(w);
  return ok(w);
}

static const axdl_runtime_hooks* runtime(const axdl_agent* a) {
  return a->port.runtime;
}

static reply on_set_input(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_tensor_data_req req;
  if (axdl_tensor_data_req_decode(f->payload, f->payload_length, &req) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 0);
  if (!runtime(a) || !runtime(a)->set_input) return fail(AXDL_ST_NO_RUNTIME, 0, 0);
  if (a->table.active == AXDL_NO_SLOT) return fail(AXDL_ST_NO_MODEL, AXDL_NO_SLOT, 0);
  uint32_t total = 0;
  const int rs =
      runtime(a)->set_input(a->port.user, req.index, req.offset, req.data, req.length, &total);
  if (rs != 0) return fail(AXDL_ST_BAD_ARGUMENT, req.index, total);
  axdl_ok_resp_encode(w);
  return ok(w);
}

static reply on_run(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  if (axdl_empty_req_decode(f->payload, f->payload_length) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 0);
  if (!runtime(a) || !runtime(a)->run) return fail(AXDL_ST_NO_RUNTIME, 0, 0);
  if (a->table.active == AXDL_NO_SLOT) return fail(AXDL_ST_NO_MODEL, AXDL_NO_SLOT, 0);
  uint64_t cycles = 0;
  uint16_t layers = 0;
  const int rs = runtime(a)->run(a->port.user, &cycles, &layers);
  if (rs != 0) return fail(AXDL_ST_MODEL_ERROR, (uint32_t)rs, 0);
  a->layer_count = layers;
  axdl_run_resp m = {(uint32_t)cycles, (uint32_t)(cycles >> 32), layers};
  axdl_run_resp_encode(w, &m);
  return ok(w);
}

static reply on_get_output(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_get_output_req req;
  if (axdl_get_output_req_decode(f->payload, f->payload_length, &req) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 7);
  if (!runtime(a) || !runtime(a)->get_output) return fail(AXDL_ST_NO_RUNTIME, 0, 0);
  uint16_t room = (uint16_t)(AXDL_MAX_PAYLOAD - 6u);
  if (req.max_length < room) room = req.max_length;
  uint8_t* dst = a->payload + 6; /* status u16 + total u32 come first */
  uint16_t n = 0;
  uint32_t total = 0;
  const int rs = runtime(a)->get_output(a->port.user, req.index, req.offset, dst, room, &n, &total);
  if (rs != 0) return fail(AXDL_ST_BAD_ARGUMENT, req.index, total);
  axdl_get_output_resp m = {total, dst, n};
  axdl_get_output_resp_encode(w, &m); /* data is already in place; put_bytes uses memmove */
  return ok(w);
}

static reply on_get_profile(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_get_profile_req req;
  if (axdl_get_profile_req_decode(f->payload, f->payload_length, &req) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 2);
  if (!runtime(a) || !runtime(a)->layer_cycles || !runtime(a)->run)
    return fail(AXDL_ST_NO_RUNTIME, 0, 0);
  if (a->layer_count == 0) return fail(AXDL_ST_BAD_STATE, 0, 0); /* no run yet */
  if (req.first_layer > a->layer_count)
    return fail(AXDL_ST_BAD_ARGUMENT, req.first_layer, a->layer_count);
  uint32_t count = (uint32_t)a->layer_count - req.first_layer;
  if (count > AXDL_MAX_PROFILE_ENTRIES) count = AXDL_MAX_PROFILE_ENTRIES;
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u16(w, a->layer_count);
  axdl_put_u16(w, req.first_layer);
  axdl_put_u16(w, (uint16_t)count);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t cycles = 0;
    const int rs = runtime(a)->layer_cycles(a->port.user, (uint16_t)(req.first_layer + i), &cycles);
    if (rs != 0) return fail(AXDL_ST_MODEL_ERROR, (uint32_t)rs, req.first_layer + i);
    axdl_put_u32(w, cycles);
  }
  return ok(w);
}

static reply on_tensor_info(axdl_agent* a, const axdl_frame* f, axdl_writer* w) {
  axdl_tensor_info_req req;
  if (axdl_tensor_info_req_decode(f->payload, f->payload_length, &req) != AXDL_ST_OK)
    return fail(AXDL_ST_BAD_LENGTH, (uint32_t)f->payload_length, 2);
  if (!runtime(a) || !runtime(a)->tensor_info) return fail(AXDL_ST_NO_RUNTIME, 0, 0);
  if (a->table.active == AXDL_NO_SLOT) return fail(AXDL_ST_NO_MODEL, AXDL_NO_SLOT, 0);
  axdl_tensor_info info;
  memset(&info, 0, sizeof info);
  if (runtime(a)->tensor_info(a->port.user, req.kind, req.index, &info) != 0)
    return fail(AXDL_ST_BAD_ARGUMENT, req.index, info.count);
  axdl_tensor_info_resp_encode(w, &info);
  return ok(w);
}

typedef reply (*handler)(axdl_agent*, const axdl_frame*, axdl_writer*);

static handler find_handler(uint8_t opcode) {
  switch (opcode) {
    case AXDL_OP_HELLO:
      return on_hello;
    case AXDL_OP_SLOTS:
      return on_slots;
    case AXDL_OP_UPLOAD_BEGIN:
      return on_upload_begin;
    case AXDL_OP_UPLOAD_CHUNK:
      return on_upload_chunk;
    case AXDL_OP_UPLOAD_CHUNK_LZ:
      return on_upload_chunk_lz;
    case AXDL_OP_UPLOAD_FINISH:
      return on_upload_finish;
    case AXDL_OP_COMMIT:
      return on_commit;
    case AXDL_OP_ROLLBACK:
      return on_rollback;
    case AXDL_OP_GET_LOG:
      return on_get_log;
    case AXDL_OP_RESET:
      return on_reset;
    case AXDL_OP_SET_INPUT:
      return on_set_input;
    case AXDL_OP_RUN:
      return on_run;
    case AXDL_OP_GET_OUTPUT:
      return on_get_output;
    case AXDL_OP_GET_PROFILE:
      return on_get_profile;
    case AXDL_OP_TENSOR_INFO:
      return on_tensor_info;
    default:
      return NULL;
  }
}

static void dispatch(axdl_agent* a, const axdl_frame* f) {
  if (f->flags & (AXDL_FLAG_RESPONSE | AXDL_FLAG_EVENT)) return; /* never answer an answer */
  /* A resent request (its answer was lost) gets the same answer without running again. */
  if (a->last_valid && f->seq == a->last_seq && f->opcode == a->last_opcode &&
      f->opcode != AXDL_OP_HELLO) {
    a->port.link_write(a->port.user, a->tx_buffer, a->tx_length);
    return;
  }
  handler h = find_handler(f->opcode);
  if (!h) {
    a->last_valid = 0;
    send_error(a, f->opcode, f->seq, AXDL_ST_UNKNOWN_OPCODE, f->opcode, 0);
    return;
  }
  axdl_writer w;
  axdl_writer_init(&w, a->payload, sizeof a->payload);
  const reply r = h(a, f, &w);
  if (r.status == AXDL_ST_OK)
    send_payload(a, f->opcode, AXDL_FLAG_RESPONSE, f->seq, a->payload, r.length);
  else
    send_error(a, f->opcode, f->seq, r.status, r.arg0, r.arg1);
  a->last_valid = f->opcode != AXDL_OP_HELLO;
  a->last_opcode = f->opcode;
  a->last_seq = f->seq;
}

static void boot(axdl_agent* a) {
  a->upload_slot = AXDL_NO_SLOT;
  a->reset_pending = 0;
  a->last_valid = 0;
  a->layer_count = 0;
  a->log_length = 0;
  a->log_dropped = 0;
  axdl_rx_init(&a->rx, a->rx_buffer, sizeof a->rx_buffer);
  const int found = table_load(a);
  line_builder b = {{0}, 0};
  lb_text(&b, "boot: agent " AXDL_AGENT_VERSION ", ");
  if (!found) {
    lb_text(&b, "blank flash");
  } else if (a->table.active == AXDL_NO_SLOT) {
    lb_text(&b, "no active model");
  } else {
    lb_text(&b, a->table.active == 0 ? "slot A active, " : "slot B active, ");
    lb_u32(&b, a->table.slot[a->table.active].size);
    lb_text(&b, " bytes");
    const uint8_t active = a->table.active;
    if (a->port.runtime && a->port.runtime->load &&
        a->port.runtime->load(a->port.user, axdl_agent_slot_address(a, active),
                              a->table.slot[active].size) != 0)
      lb_text(&b, " (runtime refused it)");
  }
  axdl_agent_log(a, b.text);
  axdl_agent_greet(a);
}

void axdl_agent_greet(axdl_agent* a) {
  /* The greeting: an unsolicited HELLO answer with the capabilities. */
  axdl_hello_resp h;
  fill_hello(a, &h);
  axdl_writer w;
  axdl_writer_init(&w, a->payload, sizeof a->payload);
  axdl_hello_resp_encode(&w, &h);
  send_payload(a, AXDL_OP_HELLO, AXDL_FLAG_RESPONSE | AXDL_FLAG_EVENT, 0, a->payload, w.length);
  a->last_valid = 0; /* tx no longer holds the last answer */
}

axdl_status axdl_agent_init(axdl_agent* agent, const axdl_agent_port* port) {
  memset(agent, 0, sizeof *agent);
  agent->port = *port;
  const uint32_t e = port->erase_bytes;
  if (e < 128u || (e & (e - 1u)) != 0 || port->flash_bytes < 4u * e) return AXDL_ST_BAD_ARGUMENT;
  agent->slot_bytes = ((port->flash_bytes - 2u * e) / 2u) & ~(e - 1u);
  boot(agent);
  return AXDL_ST_OK;
}

void axdl_agent_receive(axdl_agent* a, const uint8_t* bytes, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const int r = axdl_rx_feed(&a->rx, bytes[i]);
    if (r == AXDL_RX_OVERSIZE) {
      ++a->frames_rejected;
      send_error(a, AXDL_OP_NONE, 0, AXDL_ST_FRAME_TOO_LONG, AXDL_MAX_ENCODED, 0);
      continue;
    }
    if (r != AXDL_RX_FRAME) continue;
    ++a->frames_received;
    axdl_frame f;
    const axdl_status s = axdl_frame_decode(a->rx_buffer, axdl_rx_length(&a->rx), &f);
    if (s != AXDL_ST_OK) {
      ++a->frames_rejected;
      /* The header cannot be trusted: answer with opcode NONE; the host resends. */
      send_error(a, AXDL_OP_NONE, 0, s, (uint32_t)axdl_rx_length(&a->rx), 0);
      continue;
    }
    dispatch(a, &f);
    if (a->reset_pending) {
      if (a->port.reset) {
        a->reset_pending = 0;
        a->port.reset(a->port.user);
      } else {
        boot(a);
      }
    }
  }
}
