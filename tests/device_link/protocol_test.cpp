// Protocol unit tests: CRC-32, COBS, SHA-256 vectors, frames, and for every message a round trip
// and malformed inputs (short, long, out-of-range fields).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" {
#include "axdl_protocol.h"
}

namespace {

std::string sha_hex(const void* data, size_t n) {
  axdl_sha256 s;
  axdl_sha256_init(&s);
  axdl_sha256_update(&s, data, n);
  uint8_t out[32];
  axdl_sha256_final(&s, out);
  std::string h;
  char b[3];
  for (uint8_t v : out) {
    std::snprintf(b, sizeof b, "%02x", v);
    h += b;
  }
  return h;
}

TEST(Sha256, FipsVectors) {
  EXPECT_EQ(sha_hex("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha_hex("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char* m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  EXPECT_EQ(sha_hex(m448, std::strlen(m448)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const char* m896 =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlm"
      "nopqrsmnopqrstnopqrstu";
  EXPECT_EQ(sha_hex(m896, std::strlen(m896)),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  // One million 'a', fed in uneven pieces to exercise the buffering.
  std::vector<char> a(1000000, 'a');
  axdl_sha256 s;
  axdl_sha256_init(&s);
  size_t at = 0, step = 1;
  while (at < a.size()) {
    const size_t n = std::min(step, a.size() - at);
    axdl_sha256_update(&s, a.data() + at, n);
    at += n;
    step = step * 3 % 1000 + 1;
  }
  uint8_t out[32];
  axdl_sha256_final(&s, out);
  EXPECT_EQ(out[0], 0xcd);
  EXPECT_EQ(out[31], 0xd0);
  EXPECT_EQ(sha_hex(a.data(), a.size()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Crc32, KnownValues) {
  EXPECT_EQ(axdl_crc32("123456789", 9), 0xCBF43926u);
  EXPECT_EQ(axdl_crc32("", 0), 0u);
  // Incremental equals one-shot.
  EXPECT_EQ(axdl_crc32_update(axdl_crc32("1234", 4), "56789", 5), 0xCBF43926u);
}

TEST(Cobs, RoundTripsAndRejectsZeros) {
  std::mt19937 rng(7);
  for (size_t n : {0u, 1u, 2u, 253u, 254u, 255u, 508u, 1000u, 4200u}) {
    for (int kind = 0; kind < 3; ++kind) {
      std::vector<uint8_t> src(n);
      for (auto& b : src) b = kind == 0 ? 0 : kind == 1 ? 0x11 : static_cast<uint8_t>(rng());
      std::vector<uint8_t> enc(n + n / 254 + 2), dec(n + 1);
      const size_t e = axdl_cobs_encode(src.data(), n, enc.data());
      ASSERT_LE(e, n + n / 254 + 1);
      for (size_t i = 0; i < e; ++i) ASSERT_NE(enc[i], 0) << "n=" << n;
      const size_t d = axdl_cobs_decode(enc.data(), e, dec.data());
      ASSERT_EQ(d, n);
      EXPECT_TRUE(std::equal(src.begin(), src.end(), dec.begin()));
    }
  }
  const uint8_t bad1[] = {0x03, 0x01, 0x00};  // zero inside
  const uint8_t bad2[] = {0x05, 0x01};        // code points past the end
  uint8_t out[8];
  EXPECT_EQ(axdl_cobs_decode(bad1, sizeof bad1, out), (size_t)-1);
  EXPECT_EQ(axdl_cobs_decode(bad2, sizeof bad2, out), (size_t)-1);
}

// Encodes a frame and runs it through the byte receiver and the decoder.
std::vector<uint8_t> wire(uint8_t op, uint8_t flags, uint16_t seq, const std::vector<uint8_t>& p) {
  std::vector<uint8_t> out(AXDL_MAX_ENCODED);
  const size_t n = axdl_frame_encode(op, flags, seq, p.data(), p.size(), out.data(), out.size());
  out.resize(n);
  return out;
}

TEST(Frame, RoundTripThroughReceiver) {
  std::vector<uint8_t> payload(AXDL_MAX_PAYLOAD);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i * 7);
  const auto bytes = wire(AXDL_OP_UPLOAD_CHUNK, 0, 0xBEEF, payload);
  ASSERT_FALSE(bytes.empty());
  ASSERT_EQ(bytes.back(), 0);
  ASSERT_LE(bytes.size(), AXDL_MAX_ENCODED);
  std::vector<uint8_t> buf(AXDL_MAX_ENCODED);
  axdl_rx rx;
  axdl_rx_init(&rx, buf.data(), buf.size());
  int frames = 0;
  for (uint8_t b : bytes) {
    if (axdl_rx_feed(&rx, b) != AXDL_RX_FRAME) continue;
    ++frames;
    axdl_frame f;
    ASSERT_EQ(axdl_frame_decode(buf.data(), axdl_rx_length(&rx), &f), AXDL_ST_OK);
    EXPECT_EQ(f.opcode, AXDL_OP_UPLOAD_CHUNK);
    EXPECT_EQ(f.seq, 0xBEEF);
    ASSERT_EQ(f.payload_length, payload.size());
    EXPECT_EQ(std::memcmp(f.payload, payload.data(), payload.size()), 0);
  }
  EXPECT_EQ(frames, 1);
  // One byte too many is refused by the encoder.
  payload.push_back(1);
  std::vector<uint8_t> out(AXDL_MAX_ENCODED);
  EXPECT_EQ(axdl_frame_encode(1, 0, 0, payload.data(), payload.size(), out.data(), out.size()), 0u);
}

TEST(Frame, DetectsEveryFlippedByteAndShortFrames) {
  const auto good = wire(AXDL_OP_HELLO, 0, 3, {1, 0});
  for (size_t i = 0; i + 1 < good.size(); ++i) {
    auto bad = good;
    bad[i] ^= 0x5A;
    if (bad[i] == 0) continue;  // would split the frame: covered by the receiver
    axdl_frame f;
    EXPECT_NE(axdl_frame_decode(bad.data(), bad.size() - 1, &f), AXDL_ST_OK) << i;
  }
  uint8_t tiny[] = {0x02, 0x01};
  axdl_frame f;
  EXPECT_EQ(axdl_frame_decode(tiny, sizeof tiny, &f), AXDL_ST_FRAME_TOO_SHORT);
}

TEST(Frame, ReceiverSkipsOversizedFrames) {
  std::vector<uint8_t> buf(64);
  axdl_rx rx;
  axdl_rx_init(&rx, buf.data(), buf.size());
  int oversize = 0, frames = 0;
  for (int i = 0; i < 200; ++i) oversize += axdl_rx_feed(&rx, 0x41) == AXDL_RX_OVERSIZE;
  oversize += axdl_rx_feed(&rx, 0) == AXDL_RX_OVERSIZE;
  EXPECT_EQ(oversize, 1);
  EXPECT_EQ(axdl_rx_feed(&rx, 0), AXDL_RX_EMPTY);
  for (uint8_t b : wire(AXDL_OP_SLOTS, 0, 1, {})) frames += axdl_rx_feed(&rx, b) == AXDL_RX_FRAME;
  EXPECT_EQ(frames, 1);  // the receiver recovered
}

// ---- messages: round trip + malformed ----------------------------------------------------------
struct Buf {
  uint8_t data[AXDL_MAX_PAYLOAD + 16];
  axdl_writer w;
  Buf() { axdl_writer_init(&w, data, sizeof data); }
  size_t n() const { return w.length; }
};

// Every proper prefix and one extra byte must be refused.
template <typename Decode>
void expect_strict_length(const Buf& b, Decode decode, bool tail_is_data = false) {
  for (size_t cut = 0; cut < b.n(); ++cut) EXPECT_NE(decode(b.data, cut), AXDL_ST_OK) << cut;
  if (!tail_is_data) {
    uint8_t longer[sizeof b.data + 1];
    std::memcpy(longer, b.data, b.n());
    longer[b.n()] = 0;
    EXPECT_NE(decode(longer, b.n() + 1), AXDL_ST_OK);
  }
}

TEST(Messages, Hello) {
  axdl_hello_req q{AXDL_PROTOCOL_VERSION, 0, 0}, q2{};
  Buf b;
  axdl_hello_req_encode(&b.w, &q);
  ASSERT_EQ(axdl_hello_req_decode(b.data, b.n(), &q2), AXDL_ST_OK);
  EXPECT_EQ(q2.protocol_version, AXDL_PROTOCOL_VERSION);
  expect_strict_length(
      b, [&](const uint8_t* p, size_t n) { return axdl_hello_req_decode(p, n, &q2); });

  axdl_hello_resp h{}, h2{};
  h.protocol_version = 1;
  std::strcpy(h.agent_version, "0.1.0");
  std::strcpy(h.board, "a-board-name-of-exactly-32-chars");
  std::strcpy(h.cpu, "Cortex-M7");
  h.clock_hz = 25000000;
  h.ram_bytes = 4u << 20;
  h.flash_bytes = 4u << 20;
  h.slot_bytes = 2u << 20;
  h.arena_bytes = 3u << 20;
  h.max_payload = AXDL_MAX_PAYLOAD;
  h.max_chunk = AXDL_MAX_CHUNK;
  h.dtype_mask = AXDL_DTYPE_FLOAT32 | AXDL_DTYPE_INT8;
  h.has_runtime = 1;
  h.rx_window = 2;
  h.op_count = 3;
  h.ops[0] = 5, h.ops[1] = 17, h.ops[2] = 300;
  Buf r;
  axdl_hello_resp_encode(&r.w, &h);
  ASSERT_FALSE(r.w.overflow);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_hello_resp_decode(r.data, r.n(), &h2, &e), AXDL_ST_OK);
  EXPECT_STREQ(h2.board, "a-board-name-of-exactly-32-chars");
  EXPECT_STREQ(h2.cpu, "Cortex-M7");
  EXPECT_EQ(h2.slot_bytes, h.slot_bytes);
  EXPECT_EQ(h2.arena_bytes, h.arena_bytes);
  EXPECT_EQ(h2.dtype_mask, h.dtype_mask);
  EXPECT_EQ(h2.op_count, 3);
  EXPECT_EQ(h2.rx_window, 2);
  EXPECT_EQ(h2.ops[2], 300);
  expect_strict_length(
      r, [&](const uint8_t* p, size_t n) { return axdl_hello_resp_decode(p, n, &h2, &e); });
  // op_count above the limit is refused.
  r.data[r.n() - 7] = AXDL_MAX_OPS + 1;
  EXPECT_NE(axdl_hello_resp_decode(r.data, r.n(), &h2, &e), AXDL_ST_OK);
}

TEST(Messages, ErrorResponsesCarryDetails) {
  Buf b;
  axdl_error_resp e{AXDL_ST_TOO_BIG, {5000000, 2093056}}, e2{};
  axdl_error_resp_encode(&b.w, &e);
  axdl_upload_begin_resp m{};
  EXPECT_EQ(axdl_upload_begin_resp_decode(b.data, b.n(), &m, &e2), AXDL_ST_TOO_BIG);
  EXPECT_EQ(e2.arg[0], 5000000u);
  EXPECT_EQ(e2.arg[1], 2093056u);
  EXPECT_EQ(axdl_status_decode(b.data, b.n(), &e2), AXDL_ST_TOO_BIG);
  // Truncated details, or an unknown status, are malformed.
  EXPECT_EQ(axdl_upload_begin_resp_decode(b.data, b.n() - 1, &m, &e2), AXDL_ST_BAD_LENGTH);
  b.data[0] = AXDL_ST_COUNT;
  EXPECT_EQ(axdl_status_decode(b.data, b.n(), &e2), AXDL_ST_BAD_LENGTH);
}

TEST(Messages, Slots) {
  axdl_slots_resp s{}, s2{};
  s.active = 1;
  s.slot_bytes = 1u << 20;
  s.slot[0] = {AXDL_SLOT_RECEIVING, 1000, 500, {1, 2, 3}};
  s.slot[1] = {AXDL_SLOT_READY, 2000, 2000, {9}};
  Buf b;
  axdl_slots_resp_encode(&b.w, &s);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_slots_resp_decode(b.data, b.n(), &s2, &e), AXDL_ST_OK);
  EXPECT_EQ(s2.active, 1);
  EXPECT_EQ(s2.slot[0].received, 500u);
  EXPECT_EQ(s2.slot[0].sha256[2], 3);
  EXPECT_EQ(s2.slot[1].state, AXDL_SLOT_READY);
  expect_strict_length(
      b, [&](const uint8_t* p, size_t n) { return axdl_slots_resp_decode(p, n, &s2, &e); });
  b.data[2] = 7;  // active slot 7 does not exist
  EXPECT_NE(axdl_slots_resp_decode(b.data, b.n(), &s2, &e), AXDL_ST_OK);
}

TEST(Messages, UploadBegin) {
  axdl_upload_begin_req q{123456, {0xAA, 0xBB}}, q2{};
  Buf b;
  axdl_upload_begin_req_encode(&b.w, &q);
  ASSERT_EQ(axdl_upload_begin_req_decode(b.data, b.n(), &q2), AXDL_ST_OK);
  EXPECT_EQ(q2.size, 123456u);
  EXPECT_EQ(q2.sha256[1], 0xBB);
  expect_strict_length(
      b, [&](const uint8_t* p, size_t n) { return axdl_upload_begin_req_decode(p, n, &q2); });
  axdl_upload_begin_resp r{1, 8192, AXDL_MAX_CHUNK}, r2{};
  Buf c;
  axdl_upload_begin_resp_encode(&c.w, &r);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_upload_begin_resp_decode(c.data, c.n(), &r2, &e), AXDL_ST_OK);
  EXPECT_EQ(r2.slot, 1);
  EXPECT_EQ(r2.resume_offset, 8192u);
  expect_strict_length(
      c, [&](const uint8_t* p, size_t n) { return axdl_upload_begin_resp_decode(p, n, &r2, &e); });
  c.data[2] = 2;  // slot 2
  EXPECT_NE(axdl_upload_begin_resp_decode(c.data, c.n(), &r2, &e), AXDL_ST_OK);
}

TEST(Messages, UploadChunk) {
  std::vector<uint8_t> data(AXDL_MAX_CHUNK, 0x5C);
  axdl_upload_chunk_req q{4096, axdl_crc32(data.data(), data.size()), data.data(),
                          static_cast<uint16_t>(data.size())};
  axdl_upload_chunk_req q2{};
  Buf b;
  axdl_upload_chunk_req_encode(&b.w, &q);
  ASSERT_EQ(b.n(), AXDL_MAX_PAYLOAD);
  ASSERT_EQ(axdl_upload_chunk_req_decode(b.data, b.n(), &q2), AXDL_ST_OK);
  EXPECT_EQ(q2.offset, 4096u);
  EXPECT_EQ(q2.length, AXDL_MAX_CHUNK);
  EXPECT_EQ(q2.crc32, q.crc32);
  // No data, or more than a chunk, is refused.
  EXPECT_NE(axdl_upload_chunk_req_decode(b.data, 8, &q2), AXDL_ST_OK);
  EXPECT_NE(axdl_upload_chunk_req_decode(b.data, 7, &q2), AXDL_ST_OK);
  EXPECT_NE(axdl_upload_chunk_req_decode(b.data, AXDL_MAX_PAYLOAD + 1, &q2), AXDL_ST_OK);
  axdl_upload_chunk_resp r{8192}, r2{};
  Buf c;
  axdl_upload_chunk_resp_encode(&c.w, &r);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_upload_chunk_resp_decode(c.data, c.n(), &r2, &e), AXDL_ST_OK);
  EXPECT_EQ(r2.next_offset, 8192u);
  expect_strict_length(
      c, [&](const uint8_t* p, size_t n) { return axdl_upload_chunk_resp_decode(p, n, &r2, &e); });
}

TEST(Messages, UploadFinishCommitRollback) {
  axdl_upload_finish_resp f{1, {0x12, 0x34}}, f2{};
  Buf b;
  axdl_upload_finish_resp_encode(&b.w, &f);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_upload_finish_resp_decode(b.data, b.n(), &f2, &e), AXDL_ST_OK);
  EXPECT_EQ(f2.sha256[1], 0x34);
  expect_strict_length(
      b, [&](const uint8_t* p, size_t n) { return axdl_upload_finish_resp_decode(p, n, &f2, &e); });
  axdl_slot_req s{1}, s2{};
  Buf c;
  axdl_slot_req_encode(&c.w, &s);
  ASSERT_EQ(axdl_slot_req_decode(c.data, c.n(), &s2), AXDL_ST_OK);
  EXPECT_EQ(s2.slot, 1);
  expect_strict_length(c,
                       [&](const uint8_t* p, size_t n) { return axdl_slot_req_decode(p, n, &s2); });
  axdl_active_resp a{AXDL_NO_SLOT}, a2{};
  Buf d;
  axdl_active_resp_encode(&d.w, &a);
  ASSERT_EQ(axdl_active_resp_decode(d.data, d.n(), &a2, &e), AXDL_ST_OK);
  EXPECT_EQ(a2.active, AXDL_NO_SLOT);
  expect_strict_length(
      d, [&](const uint8_t* p, size_t n) { return axdl_active_resp_decode(p, n, &a2, &e); });
  d.data[2] = 5;
  EXPECT_NE(axdl_active_resp_decode(d.data, d.n(), &a2, &e), AXDL_ST_OK);
}

TEST(Messages, EmptyBodies) {
  EXPECT_EQ(axdl_empty_req_decode(nullptr, 0), AXDL_ST_OK);
  const uint8_t one = 0;
  EXPECT_EQ(axdl_empty_req_decode(&one, 1), AXDL_ST_BAD_LENGTH);
  Buf b;
  axdl_ok_resp_encode(&b.w);
  axdl_error_resp e{};
  EXPECT_EQ(axdl_ok_resp_decode(b.data, b.n(), &e), AXDL_ST_OK);
  expect_strict_length(b,
                       [&](const uint8_t* p, size_t n) { return axdl_ok_resp_decode(p, n, &e); });
}

TEST(Messages, Log) {
  const char text[] = "boot\nslot A active\n";
  axdl_log_resp m{3, text, static_cast<uint16_t>(sizeof text - 1)}, m2{};
  Buf b;
  axdl_log_resp_encode(&b.w, &m);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_log_resp_decode(b.data, b.n(), &m2, &e), AXDL_ST_OK);
  EXPECT_EQ(m2.dropped, 3);
  EXPECT_EQ(std::string(m2.text, m2.length), text);
  for (size_t cut = 0; cut < 4; ++cut)
    EXPECT_NE(axdl_log_resp_decode(b.data, cut, &m2, &e), AXDL_ST_OK);
}

TEST(Messages, TensorIo) {
  const uint8_t data[] = {1, 2, 3, 4, 5};
  axdl_tensor_data_req q{2, 100, data, 5}, q2{};
  Buf b;
  axdl_tensor_data_req_encode(&b.w, &q);
  ASSERT_EQ(axdl_tensor_data_req_decode(b.data, b.n(), &q2), AXDL_ST_OK);
  EXPECT_EQ(q2.index, 2);
  EXPECT_EQ(q2.offset, 100u);
  EXPECT_EQ(q2.length, 5);
  EXPECT_EQ(q2.data[4], 5);
  for (size_t cut = 0; cut <= 5; ++cut)
    EXPECT_NE(axdl_tensor_data_req_decode(b.data, cut, &q2), AXDL_ST_OK);

  axdl_get_output_req o{1, 4096, 4000}, o2{};
  Buf c;
  axdl_get_output_req_encode(&c.w, &o);
  ASSERT_EQ(axdl_get_output_req_decode(c.data, c.n(), &o2), AXDL_ST_OK);
  EXPECT_EQ(o2.max_length, 4000);
  expect_strict_length(
      c, [&](const uint8_t* p, size_t n) { return axdl_get_output_req_decode(p, n, &o2); });

  axdl_get_output_resp r{40, data, 5}, r2{};
  Buf d;
  axdl_get_output_resp_encode(&d.w, &r);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_get_output_resp_decode(d.data, d.n(), &r2, &e), AXDL_ST_OK);
  EXPECT_EQ(r2.total_bytes, 40u);
  EXPECT_EQ(r2.length, 5);
  for (size_t cut = 0; cut < 6; ++cut)
    EXPECT_NE(axdl_get_output_resp_decode(d.data, cut, &r2, &e), AXDL_ST_OK);
}

TEST(Messages, RunAndProfile) {
  axdl_run_resp r{0x89abcdefu, 0x1234u, 12}, r2{};
  Buf b;
  axdl_run_resp_encode(&b.w, &r);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_run_resp_decode(b.data, b.n(), &r2, &e), AXDL_ST_OK);
  EXPECT_EQ(r2.cycles_low, 0x89abcdefu);
  EXPECT_EQ(r2.cycles_high, 0x1234u);
  EXPECT_EQ(r2.layer_count, 12);
  expect_strict_length(
      b, [&](const uint8_t* p, size_t n) { return axdl_run_resp_decode(p, n, &r2, &e); });

  axdl_get_profile_req q{7}, q2{};
  Buf c;
  axdl_get_profile_req_encode(&c.w, &q);
  ASSERT_EQ(axdl_get_profile_req_decode(c.data, c.n(), &q2), AXDL_ST_OK);
  EXPECT_EQ(q2.first_layer, 7);
  expect_strict_length(
      c, [&](const uint8_t* p, size_t n) { return axdl_get_profile_req_decode(p, n, &q2); });

  const uint8_t cycles[] = {1, 0, 0, 0, 0, 1, 0, 0};
  axdl_get_profile_resp p{12, 10, 2, cycles}, p2{};
  Buf d;
  axdl_get_profile_resp_encode(&d.w, &p);
  ASSERT_EQ(axdl_get_profile_resp_decode(d.data, d.n(), &p2, &e), AXDL_ST_OK);
  EXPECT_EQ(p2.count, 2);
  EXPECT_EQ(axdl_profile_cycles(&p2, 0), 1u);
  EXPECT_EQ(axdl_profile_cycles(&p2, 1), 256u);
  expect_strict_length(
      d, [&](const uint8_t* p0, size_t n) { return axdl_get_profile_resp_decode(p0, n, &p2, &e); });
  d.data[2] = 11;  // 11 layers, but entries 10..11 requested
  EXPECT_NE(axdl_get_profile_resp_decode(d.data, d.n(), &p2, &e), AXDL_ST_OK);
}

TEST(Names, EveryStatusAndOpcodeHasText) {
  for (uint16_t s = 0; s < AXDL_ST_COUNT; ++s) {
    EXPECT_STRNE(axdl_status_name(s), "?") << s;
    EXPECT_GT(std::strlen(axdl_status_hint(s)), 10u) << s;
  }
  EXPECT_STREQ(axdl_status_name(AXDL_ST_COUNT), "?");
  int named = 0;
  for (int op = 1; op < AXDL_OP_MAX; ++op) named += std::strcmp(axdl_opcode_name(op), "?") != 0;
  EXPECT_EQ(named, 15);
}

// Optional features: the request and the answer carry them only when asked for, so a version-1
// peer sees exactly the layout it knows.
TEST(Messages, HelloFeatures) {
  axdl_hello_req q{AXDL_PROTOCOL_VERSION, 1, AXDL_FEATURE_LZ}, q2{};
  Buf b;
  axdl_hello_req_encode(&b.w, &q);
  ASSERT_EQ(b.n(), 6u);
  ASSERT_EQ(axdl_hello_req_decode(b.data, b.n(), &q2), AXDL_ST_OK);
  EXPECT_EQ(q2.has_features, 1);
  EXPECT_EQ(q2.features, AXDL_FEATURE_LZ);
  for (size_t cut : {0, 1, 3, 4, 5}) EXPECT_NE(axdl_hello_req_decode(b.data, cut, &q2), AXDL_ST_OK);
  ASSERT_EQ(axdl_hello_req_decode(b.data, 2, &q2), AXDL_ST_OK);  // the version-1 form
  EXPECT_EQ(q2.has_features, 0);
  EXPECT_EQ(q2.features, 0u);

  axdl_hello_resp h{}, h2{};
  h.protocol_version = 1;
  h.rx_window = 1;
  Buf v1, v2;
  axdl_hello_resp_encode(&v1.w, &h);
  h.has_features = 1;
  h.features = AXDL_FEATURE_LZ;
  axdl_hello_resp_encode(&v2.w, &h);
  EXPECT_EQ(v2.n(), v1.n() + 4);
  axdl_error_resp e{};
  ASSERT_EQ(axdl_hello_resp_decode(v2.data, v2.n(), &h2, &e), AXDL_ST_OK);
  EXPECT_EQ(h2.features, AXDL_FEATURE_LZ);
  ASSERT_EQ(axdl_hello_resp_decode(v1.data, v1.n(), &h2, &e), AXDL_ST_OK);
  EXPECT_EQ(h2.has_features, 0);
  EXPECT_EQ(h2.features, 0u);
  for (size_t extra = 1; extra <= 5; ++extra) {
    if (extra == 4) continue;
    EXPECT_NE(axdl_hello_resp_decode(v2.data, v1.n() + extra, &h2, &e), AXDL_ST_OK);
  }
}

TEST(Messages, UploadChunkLz) {
  const uint8_t data[5] = {1, 2, 3, 4, 5};
  axdl_upload_chunk_lz_req q{8192, 0xDEADBEEF, 4096, data, 5}, q2{};
  Buf b;
  axdl_upload_chunk_lz_req_encode(&b.w, &q);
  ASSERT_EQ(axdl_upload_chunk_lz_req_decode(b.data, b.n(), &q2), AXDL_ST_OK);
  EXPECT_EQ(q2.offset, 8192u);
  EXPECT_EQ(q2.crc32, 0xDEADBEEFu);
  EXPECT_EQ(q2.raw_length, 4096);
  EXPECT_EQ(q2.length, 5);
  EXPECT_EQ(0, std::memcmp(q2.data, data, 5));
  Buf one;  // with one data byte, every prefix is short
  q.length = 1;
  axdl_upload_chunk_lz_req_encode(&one.w, &q);
  expect_strict_length(
      one, [&](const uint8_t* p, size_t n) { return axdl_upload_chunk_lz_req_decode(p, n, &q2); },
      true);
  b.data[8] = 0x01, b.data[9] = 0x10;  // raw length 4097 > AXDL_MAX_CHUNK
  EXPECT_NE(axdl_upload_chunk_lz_req_decode(b.data, b.n(), &q2), AXDL_ST_OK);
  b.data[8] = 0, b.data[9] = 0;  // raw length 0
  EXPECT_NE(axdl_upload_chunk_lz_req_decode(b.data, b.n(), &q2), AXDL_ST_OK);
}

// ---- axdl_lz --------------------------------------------------------------------------------
std::vector<uint8_t> lz_round_trip(const std::vector<uint8_t>& in, size_t* packed_size) {
  std::vector<uint8_t> packed(in.size() + in.size() / 255 + 16), out(in.size());
  const size_t z = axdl_lz_encode(in.data(), in.size(), packed.data(), packed.size());
  *packed_size = z;
  if (z == 0) return {};
  const size_t n = axdl_lz_decode(packed.data(), z, out.data(), out.size());
  if (n == static_cast<size_t>(-1)) return {};
  out.resize(n);
  return out;
}

TEST(Lz, RoundTripsAllKindsOfData) {
  std::mt19937 rng(3);
  std::vector<std::vector<uint8_t>> cases;
  cases.push_back({42});
  cases.push_back(std::vector<uint8_t>(4096, 0));
  cases.push_back(std::vector<uint8_t>(300, 0xAB));  // one long match, extension bytes
  std::vector<uint8_t> text;
  const char* words[] = {"conv ", "relu ", "pool ", "gemm ", "softmax ", "weights ", "bias "};
  while (text.size() < 4096)
    for (const char* c = words[rng() % 7]; *c && text.size() < 4096; ++c) text.push_back(*c);
  cases.push_back(text);
  std::vector<uint8_t> random(4096);
  for (auto& v : random) v = static_cast<uint8_t>(rng());
  cases.push_back(random);
  std::vector<uint8_t> floats;  // small weights: repetitive exponent bytes
  for (int i = 0; i < 1024; ++i) {
    float f = static_cast<float>(static_cast<int>(rng() % 64) - 32) / 256.0f;
    uint8_t b[4];
    std::memcpy(b, &f, 4);
    floats.insert(floats.end(), b, b + 4);
  }
  cases.push_back(floats);
  std::vector<uint8_t> long_literals(1000);  // literal runs beyond 15 + 255
  for (auto& v : long_literals) v = static_cast<uint8_t>(rng());
  long_literals.insert(long_literals.end(), 600, 7);
  cases.push_back(long_literals);
  for (size_t i = 0; i < cases.size(); ++i) {
    size_t z = 0;
    EXPECT_EQ(lz_round_trip(cases[i], &z), cases[i]) << "case " << i;
    EXPECT_GT(z, 0u) << "case " << i;
  }
  size_t z = 0;
  lz_round_trip(cases[1], &z);
  EXPECT_LT(z, 40u) << "4 KiB of zeros";
  lz_round_trip(cases[3], &z);
  EXPECT_LT(z, cases[3].size() * 3 / 4) << "text compresses";
  // Too little room: the encoder says so instead of writing past the end.
  std::vector<uint8_t> small(100);
  EXPECT_EQ(axdl_lz_encode(random.data(), random.size(), small.data(), small.size()), 0u);
}

TEST(Lz, MalformedBlocksAreRefused) {
  std::vector<uint8_t> in(2048);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<uint8_t>(i % 97 < 50 ? 0 : i);
  std::vector<uint8_t> packed(4096), out(4096);
  const size_t z = axdl_lz_encode(in.data(), in.size(), packed.data(), packed.size());
  ASSERT_GT(z, 0u);
  const size_t bad = static_cast<size_t>(-1);
  // Every proper prefix either fails or decodes to fewer bytes (never more, never a crash).
  for (size_t cut = 0; cut < z; ++cut) {
    const size_t n = axdl_lz_decode(packed.data(), cut, out.data(), out.size());
    EXPECT_TRUE(n == bad || n < in.size()) << cut;
  }
  // Output room one byte short.
  EXPECT_EQ(axdl_lz_decode(packed.data(), z, out.data(), in.size() - 1), bad);
  // An offset reaching before the start.
  const uint8_t before_start[] = {0x10, 'a', 0x02, 0x00};  // 1 literal, match at offset 2
  EXPECT_EQ(axdl_lz_decode(before_start, sizeof before_start, out.data(), out.size()), bad);
  const uint8_t zero_offset[] = {0x10, 'a', 0x00, 0x00, 0x00};
  EXPECT_EQ(axdl_lz_decode(zero_offset, sizeof zero_offset, out.data(), out.size()), bad);
  // A literal count running past the input; an endless length extension.
  const uint8_t long_literals[] = {0xF0, 255, 255, 10, 'x'};
  EXPECT_EQ(axdl_lz_decode(long_literals, sizeof long_literals, out.data(), out.size()), bad);
  std::vector<uint8_t> endless = {0x1F, 'a', 0x01, 0x00};
  endless.insert(endless.end(), 70000, 255);
  EXPECT_EQ(axdl_lz_decode(endless.data(), endless.size(), out.data(), out.size()), bad);
  // A valid overlapping match: "a" then 9 copies at offset 1, then an empty literal sequence.
  const uint8_t run[] = {0x15, 'a', 0x01, 0x00, 0x00};
  ASSERT_EQ(axdl_lz_decode(run, sizeof run, out.data(), out.size()), 10u);
  EXPECT_EQ(std::string(out.begin(), out.begin() + 10), "aaaaaaaaaa");
  EXPECT_EQ(axdl_lz_decode(run, 0, out.data(), out.size()), bad);
}

}  // namespace
