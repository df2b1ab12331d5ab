/* axdl_messages.c: encoders/decoders of every message body. A decoder checks the exact length:
 * a short or long payload is AXDL_ST_BAD_LENGTH, never a partial read. */
#include <string.h>

#include "axdl_protocol.h"

static axdl_status finish(const axdl_reader* r) {
  return (r->error || axdl_reader_left(r) != 0) ? AXDL_ST_BAD_LENGTH : AXDL_ST_OK;
}

void axdl_error_resp_encode(axdl_writer* w, const axdl_error_resp* m) {
  axdl_put_u16(w, m->status);
  for (unsigned i = 0; i < AXDL_ERROR_ARGS; ++i) axdl_put_u32(w, m->arg[i]);
}

/* Reads the status word; for an error response also its details. On OK, *r is left after the
 * status so the body decoder continues from there. */
static axdl_status read_status(axdl_reader* r, axdl_error_resp* err) {
  axdl_error_resp e;
  memset(&e, 0, sizeof e);
  e.status = axdl_get_u16(r);
  if (r->error) return AXDL_ST_BAD_LENGTH;
  if (e.status != AXDL_ST_OK) {
    for (unsigned i = 0; i < AXDL_ERROR_ARGS; ++i) e.arg[i] = axdl_get_u32(r);
    if (finish(r) != AXDL_ST_OK || e.status >= AXDL_ST_COUNT) return AXDL_ST_BAD_LENGTH;
  }
  if (err) *err = e;
  return (axdl_status)e.status;
}

axdl_status axdl_status_decode(const uint8_t* payload, size_t n, axdl_error_resp* err) {
  axdl_reader r;
  axdl_reader_init(&r, payload, n);
  return read_status(&r, err);
}

#define BEGIN_RESP()                     \
  axdl_reader r;                         \
  axdl_reader_init(&r, p, n);            \
  axdl_status st = read_status(&r, err); \
  if (st != AXDL_ST_OK) return st

#define BEGIN_REQ() \
  axdl_reader r;    \
  axdl_reader_init(&r, p, n)

/* ---- HELLO ---- */
void axdl_hello_req_encode(axdl_writer* w, const axdl_hello_req* m) {
  axdl_put_u16(w, m->protocol_version);
  if (m->has_features) axdl_put_u32(w, m->features);
}

axdl_status axdl_hello_req_decode(const uint8_t* p, size_t n, axdl_hello_req* m) {
  BEGIN_REQ();
  m->protocol_version = axdl_get_u16(&r);
  m->has_features = axdl_reader_left(&r) == 4u;
  m->features = m->has_features ? axdl_get_u32(&r) : 0u;
  return finish(&r);
}

void axdl_hello_resp_encode(axdl_writer* w, const axdl_hello_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u16(w, m->protocol_version);
  axdl_put_text(w, m->agent_version, AXDL_NAME_BYTES);
  axdl_put_text(w, m->board, AXDL_NAME_BYTES);
  axdl_put_text(w, m->cpu, AXDL_NAME_BYTES);
  axdl_put_u32(w, m->clock_hz);
  axdl_put_u32(w, m->ram_bytes);
  axdl_put_u32(w, m->flash_bytes);
  axdl_put_u32(w, m->slot_bytes);
  axdl_put_u32(w, m->arena_bytes);
  axdl_put_u16(w, m->max_payload);
  axdl_put_u16(w, m->max_chunk);
  axdl_put_u32(w, m->dtype_mask);
  axdl_put_u8(w, m->has_runtime);
  axdl_put_u8(w, m->rx_window);
  const uint8_t count = m->op_count > AXDL_MAX_OPS ? (uint8_t)AXDL_MAX_OPS : m->op_count;
  axdl_put_u8(w, count);
  for (uint8_t i = 0; i < count; ++i) axdl_put_u16(w, m->ops[i]);
  if (m->has_features) axdl_put_u32(w, m->features);
}

axdl_status axdl_hello_resp_decode(const uint8_t* p, size_t n, axdl_hello_resp* m,
                                   axdl_error_resp* err) {
  BEGIN_RESP();
  memset(m, 0, sizeof *m);
  m->protocol_version = axdl_get_u16(&r);
  axdl_get_text(&r, m->agent_version, AXDL_NAME_BYTES);
  axdl_get_text(&r, m->board, AXDL_NAME_BYTES);
  axdl_get_text(&r, m->cpu, AXDL_NAME_BYTES);
  m->clock_hz = axdl_get_u32(&r);
  m->ram_bytes = axdl_get_u32(&r);
  m->flash_bytes = axdl_get_u32(&r);
  m->slot_bytes = axdl_get_u32(&r);
  m->arena_bytes = axdl_get_u32(&r);
  m->max_payload = axdl_get_u16(&r);
  m->max_chunk = axdl_get_u16(&r);
  m->dtype_mask = axdl_get_u32(&r);
  m->has_runtime = axdl_get_u8(&r);
  m->rx_window = axdl_get_u8(&r);
  m->op_count = axdl_get_u8(&r);
  if (m->op_count > AXDL_MAX_OPS || m->has_runtime > 1 || m->rx_window == 0)
    return AXDL_ST_BAD_LENGTH;
  for (uint8_t i = 0; i < m->op_count; ++i) m->ops[i] = axdl_get_u16(&r);
  m->has_features = axdl_reader_left(&r) == 4u;
  m->features = m->has_features ? axdl_get_u32(&r) : 0u;
  return finish(&r);
}

/* ---- SLOTS ---- */
void axdl_slots_resp_encode(axdl_writer* w, const axdl_slots_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u8(w, m->active);
  axdl_put_u32(w, m->slot_bytes);
  for (unsigned i = 0; i < AXDL_SLOT_COUNT; ++i) {
    axdl_put_u8(w, m->slot[i].state);
    axdl_put_u32(w, m->slot[i].size);
    axdl_put_u32(w, m->slot[i].received);
    axdl_put_bytes(w, m->slot[i].sha256, AXDL_SHA256_BYTES);
  }
}

axdl_status axdl_slots_resp_decode(const uint8_t* p, size_t n, axdl_slots_resp* m,
                                   axdl_error_resp* err) {
  BEGIN_RESP();
  m->active = axdl_get_u8(&r);
  m->slot_bytes = axdl_get_u32(&r);
  for (unsigned i = 0; i < AXDL_SLOT_COUNT; ++i) {
    m->slot[i].state = axdl_get_u8(&r);
    m->slot[i].size = axdl_get_u32(&r);
    m->slot[i].received = axdl_get_u32(&r);
    axdl_get_bytes(&r, m->slot[i].sha256, AXDL_SHA256_BYTES);
    if (m->slot[i].state > AXDL_SLOT_READY) return AXDL_ST_BAD_LENGTH;
  }
  if (m->active != AXDL_NO_SLOT && m->active >= AXDL_SLOT_COUNT) return AXDL_ST_BAD_LENGTH;
  return finish(&r);
}

/* ---- UPLOAD_BEGIN ---- */
void axdl_upload_begin_req_encode(axdl_writer* w, const axdl_upload_begin_req* m) {
  axdl_put_u32(w, m->size);
  axdl_put_bytes(w, m->sha256, AXDL_SHA256_BYTES);
}

axdl_status axdl_upload_begin_req_decode(const uint8_t* p, size_t n, axdl_upload_begin_req* m) {
  BEGIN_REQ();
  m->size = axdl_get_u32(&r);
  axdl_get_bytes(&r, m->sha256, AXDL_SHA256_BYTES);
  return finish(&r);
}

void axdl_upload_begin_resp_encode(axdl_writer* w, const axdl_upload_begin_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u8(w, m->slot);
  axdl_put_u32(w, m->resume_offset);
  axdl_put_u16(w, m->max_chunk);
}

axdl_status axdl_upload_begin_resp_decode(const uint8_t* p, size_t n, axdl_upload_begin_resp* m,
                                          axdl_error_resp* err) {
  BEGIN_RESP();
  m->slot = axdl_get_u8(&r);
  m->resume_offset = axdl_get_u32(&r);
  m->max_chunk = axdl_get_u16(&r);
  if (m->slot >= AXDL_SLOT_COUNT || m->max_chunk == 0 || m->max_chunk > AXDL_MAX_CHUNK)
    return AXDL_ST_BAD_LENGTH;
  return finish(&r);
}

/* ---- UPLOAD_CHUNK ---- */
void axdl_upload_chunk_req_encode(axdl_writer* w, const axdl_upload_chunk_req* m) {
  axdl_put_u32(w, m->offset);
  axdl_put_u32(w, m->crc32);
  axdl_put_bytes(w, m->data, m->length);
}

axdl_status axdl_upload_chunk_req_decode(const uint8_t* p, size_t n, axdl_upload_chunk_req* m) {
  BEGIN_REQ();
  m->offset = axdl_get_u32(&r);
  m->crc32 = axdl_get_u32(&r);
  if (r.error) return AXDL_ST_BAD_LENGTH;
  const size_t left = axdl_reader_left(&r);
  if (left == 0 || left > AXDL_MAX_CHUNK) return AXDL_ST_BAD_LENGTH;
  m->data = p + r.position;
  m->length = (uint16_t)left;
  return AXDL_ST_OK;
}

void axdl_upload_chunk_lz_req_encode(axdl_writer* w, const axdl_upload_chunk_lz_req* m) {
  axdl_put_u32(w, m->offset);
  axdl_put_u32(w, m->crc32);
  axdl_put_u16(w, m->raw_length);
  axdl_put_bytes(w, m->data, m->length);
}

axdl_status axdl_upload_chunk_lz_req_decode(const uint8_t* p, size_t n,
                                            axdl_upload_chunk_lz_req* m) {
  BEGIN_REQ();
  m->offset = axdl_get_u32(&r);
  m->crc32 = axdl_get_u32(&r);
  m->raw_length = axdl_get_u16(&r);
  if (r.error || m->raw_length == 0 || m->raw_length > AXDL_MAX_CHUNK) return AXDL_ST_BAD_LENGTH;
  const size_t left = axdl_reader_left(&r);
  if (left == 0 || left > AXDL_MAX_CHUNK_LZ) return AXDL_ST_BAD_LENGTH;
  m->data = p + r.position;
  m->length = (uint16_t)left;
  return AXDL_ST_OK;
}

void axdl_upload_chunk_resp_encode(axdl_writer* w, const axdl_upload_chunk_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u32(w, m->next_offset);
}

axdl_status axdl_upload_chunk_resp_decode(const uint8_t* p, size_t n, axdl_upload_chunk_resp* m,
                                          axdl_error_resp* err) {
  BEGIN_RESP();
  m->next_offset = axdl_get_u32(&r);
  return finish(&r);
}

/* ---- UPLOAD_FINISH ---- */
void axdl_upload_finish_resp_encode(axdl_writer* w, const axdl_upload_finish_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u8(w, m->slot);
  axdl_put_bytes(w, m->sha256, AXDL_SHA256_BYTES);
}

axdl_status axdl_upload_finish_resp_decode(const uint8_t* p, size_t n, axdl_upload_finish_resp* m,
                                           axdl_error_resp* err) {
  BEGIN_RESP();
  m->slot = axdl_get_u8(&r);
  axdl_get_bytes(&r, m->sha256, AXDL_SHA256_BYTES);
  if (m->slot >= AXDL_SLOT_COUNT) return AXDL_ST_BAD_LENGTH;
  return finish(&r);
}

/* ---- COMMIT / ROLLBACK ---- */
void axdl_slot_req_encode(axdl_writer* w, const axdl_slot_req* m) {
  axdl_put_u8(w, m->slot);
}

axdl_status axdl_slot_req_decode(const uint8_t* p, size_t n, axdl_slot_req* m) {
  BEGIN_REQ();
  m->slot = axdl_get_u8(&r);
  return finish(&r);
}

void axdl_active_resp_encode(axdl_writer* w, const axdl_active_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u8(w, m->active);
}

axdl_status axdl_active_resp_decode(const uint8_t* p, size_t n, axdl_active_resp* m,
                                    axdl_error_resp* err) {
  BEGIN_RESP();
  m->active = axdl_get_u8(&r);
  if (m->active >= AXDL_SLOT_COUNT && m->active != AXDL_NO_SLOT) return AXDL_ST_BAD_LENGTH;
  return finish(&r);
}

/* ---- GET_LOG ---- */
void axdl_log_resp_encode(axdl_writer* w, const axdl_log_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u16(w, m->dropped);
  axdl_put_bytes(w, m->text, m->length);
}

axdl_status axdl_log_resp_decode(const uint8_t* p, size_t n, axdl_log_resp* m,
                                 axdl_error_resp* err) {
  BEGIN_RESP();
  m->dropped = axdl_get_u16(&r);
  if (r.error) return AXDL_ST_BAD_LENGTH;
  m->text = (const char*)(p + r.position);
  m->length = (uint16_t)axdl_reader_left(&r);
  return AXDL_ST_OK;
}

/* ---- SET_INPUT ---- */
void axdl_tensor_data_req_encode(axdl_writer* w, const axdl_tensor_data_req* m) {
  axdl_put_u8(w, m->index);
  axdl_put_u32(w, m->offset);
  axdl_put_bytes(w, m->data, m->length);
}

axdl_status axdl_tensor_data_req_decode(const uint8_t* p, size_t n, axdl_tensor_data_req* m) {
  BEGIN_REQ();
  m->index = axdl_get_u8(&r);
  m->offset = axdl_get_u32(&r);
  if (r.error) return AXDL_ST_BAD_LENGTH;
  const size_t left = axdl_reader_left(&r);
  if (left == 0 || left > AXDL_MAX_CHUNK) return AXDL_ST_BAD_LENGTH;
  m->data = p + r.position;
  m->length = (uint16_t)left;
  return AXDL_ST_OK;
}

/* ---- GET_OUTPUT ---- */
void axdl_get_output_req_encode(axdl_writer* w, const axdl_get_output_req* m) {
  axdl_put_u8(w, m->index);
  axdl_put_u32(w, m->offset);
  axdl_put_u16(w, m->max_length);
}

axdl_status axdl_get_output_req_decode(const uint8_t* p, size_t n, axdl_get_output_req* m) {
  BEGIN_REQ();
  m->index = axdl_get_u8(&r);
  m->offset = axdl_get_u32(&r);
  m->max_length = axdl_get_u16(&r);
  return finish(&r);
}

void axdl_get_output_resp_encode(axdl_writer* w, const axdl_get_output_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u32(w, m->total_bytes);
  axdl_put_bytes(w, m->data, m->length);
}

axdl_status axdl_get_output_resp_decode(const uint8_t* p, size_t n, axdl_get_output_resp* m,
                                        axdl_error_resp* err) {
  BEGIN_RESP();
  m->total_bytes = axdl_get_u32(&r);
  if (r.error) return AXDL_ST_BAD_LENGTH;
  m->data = p + r.position;
  m->length = (uint16_t)axdl_reader_left(&r);
  return AXDL_ST_OK;
}

/* ---- RUN ---- */
void axdl_run_resp_encode(axdl_writer* w, const axdl_run_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u32(w, m->cycles_low);
  axdl_put_u32(w, m->cycles_high);
  axdl_put_u16(w, m->layer_count);
}

axdl_status axdl_run_resp_decode(const uint8_t* p, size_t n, axdl_run_resp* m,
                                 axdl_error_resp* err) {
  BEGIN_RESP();
  m->cycles_low = axdl_get_u32(&r);
  m->cycles_high = axdl_get_u32(&r);
  m->layer_count = axdl_get_u16(&r);
  return finish(&r);
}

/* ---- GET_PROFILE ---- */
void axdl_get_profile_req_encode(axdl_writer* w, const axdl_get_profile_req* m) {
  axdl_put_u16(w, m->first_layer);
}

axdl_status axdl_get_profile_req_decode(const uint8_t* p, size_t n, axdl_get_profile_req* m) {
  BEGIN_REQ();
  m->first_layer = axdl_get_u16(&r);
  return finish(&r);
}

void axdl_get_profile_resp_encode(axdl_writer* w, const axdl_get_profile_resp* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u16(w, m->layer_count);
  axdl_put_u16(w, m->first_layer);
  axdl_put_u16(w, m->count);
  axdl_put_bytes(w, m->cycles, (size_t)m->count * 4u);
}

axdl_status axdl_get_profile_resp_decode(const uint8_t* p, size_t n, axdl_get_profile_resp* m,
                                         axdl_error_resp* err) {
  BEGIN_RESP();
  m->layer_count = axdl_get_u16(&r);
  m->first_layer = axdl_get_u16(&r);
  m->count = axdl_get_u16(&r);
  if (r.error || axdl_reader_left(&r) != (size_t)m->count * 4u) return AXDL_ST_BAD_LENGTH;
  if ((uint32_t)m->first_layer + m->count > m->layer_count) return AXDL_ST_BAD_LENGTH;
  m->cycles = p + r.position;
  return AXDL_ST_OK;
}

uint32_t axdl_profile_cycles(const axdl_get_profile_resp* m, uint16_t i) {
  const uint8_t* c = m->cycles + 4u * i;
  return (uint32_t)c[0] | ((uint32_t)c[1] << 8) | ((uint32_t)c[2] << 16) | ((uint32_t)c[3] << 24);
}

/* ---- TENSOR_INFO ---- */
void axdl_tensor_info_req_encode(axdl_writer* w, const axdl_tensor_info_req* m) {
  axdl_put_u8(w, m->kind);
  axdl_put_u8(w, m->index);
}

axdl_status axdl_tensor_info_req_decode(const uint8_t* p, size_t n, axdl_tensor_info_req* m) {
  BEGIN_REQ();
  m->kind = axdl_get_u8(&r);
  m->index = axdl_get_u8(&r);
  if (m->kind > 1) return AXDL_ST_BAD_LENGTH;
  return finish(&r);
}

void axdl_tensor_info_resp_encode(axdl_writer* w, const axdl_tensor_info* m) {
  axdl_put_u16(w, AXDL_ST_OK);
  axdl_put_u8(w, m->count);
  axdl_put_u8(w, m->dtype);
  const uint8_t rank = m->rank > AXDL_MAX_RANK ? (uint8_t)AXDL_MAX_RANK : m->rank;
  axdl_put_u8(w, rank);
  for (uint8_t i = 0; i < rank; ++i) axdl_put_u32(w, (uint32_t)m->dims[i]);
  axdl_put_u32(w, m->bytes);
  axdl_put_text(w, m->name, AXDL_NAME_BYTES);
}

axdl_status axdl_tensor_info_resp_decode(const uint8_t* p, size_t n, axdl_tensor_info* m,
                                         axdl_error_resp* err) {
  BEGIN_RESP();
  memset(m, 0, sizeof *m);
  m->count = axdl_get_u8(&r);
  m->dtype = axdl_get_u8(&r);
  m->rank = axdl_get_u8(&r);
  if (m->rank > AXDL_MAX_RANK) return AXDL_ST_BAD_LENGTH;
  for (uint8_t i = 0; i < m->rank; ++i) m->dims[i] = (int32_t)axdl_get_u32(&r);
  m->bytes = axdl_get_u32(&r);
  axdl_get_text(&r, m->name, AXDL_NAME_BYTES);
  return finish(&r);
}

/* ---- empty bodies ---- */
axdl_status axdl_empty_req_decode(const uint8_t* p, size_t n) {
  (void)p;
  return n == 0 ? AXDL_ST_OK : AXDL_ST_BAD_LENGTH;
}

void axdl_ok_resp_encode(axdl_writer* w) {
  axdl_put_u16(w, AXDL_ST_OK);
}

axdl_status axdl_ok_resp_decode(const uint8_t* p, size_t n, axdl_error_resp* err) {
  BEGIN_RESP();
  return finish(&r);
}
