// Agent core + host session, in process: handshake, flash/commit/rollback, refusals, power cuts
// at random flash operations, 1 % dropped and 1 % corrupted frames, garbage input.
#include <gtest/gtest.h>

#include <functional>

#include "board_harness.hpp"

namespace {

axdl::LinkOptions fast_link() {
  axdl::LinkOptions o;
  o.timeout_ms = 20;
  o.retries = 10;
  return o;
}

std::unique_ptr<axdl::Session> connect(RamBoard* board, double drop = 0, double corrupt = 0,
                                       uint32_t seed = 1, LoopbackTransport** raw = nullptr) {
  auto t = std::make_unique<LoopbackTransport>(board, drop, corrupt, seed);
  if (raw) *raw = t.get();
  std::unique_ptr<axdl::Session> s;
  axdl::Status st = axdl::Session::open(std::move(t), fast_link(), &s);
  EXPECT_TRUE(st) << st.message();
  return s;
}

std::vector<uint8_t> slot_bytes(const RamBoard& b, uint8_t slot, size_t n) {
  const uint32_t at = axdl_agent_slot_address(b.agent.get(), slot);
  return {b.flash.begin() + at, b.flash.begin() + at + static_cast<long>(n)};
}

TEST(Agent, HelloOnBlankFlash) {
  RamBoard board(1u << 20);
  auto s = connect(&board);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->info().protocol_version, AXDL_PROTOCOL_VERSION);
  EXPECT_STREQ(s->info().board, "ram-board");
  EXPECT_EQ(s->info().flash_bytes, 1u << 20);
  EXPECT_EQ(s->info().slot_bytes, ((1u << 20) - 8192u) / 2u & ~4095u);
  EXPECT_EQ(s->info().has_runtime, 0);
  axdl_slots_resp sl{};
  ASSERT_TRUE(s->slots(&sl));
  EXPECT_EQ(sl.active, AXDL_NO_SLOT);
  EXPECT_EQ(sl.slot[0].state, AXDL_SLOT_EMPTY);
  std::string log;
  ASSERT_TRUE(s->logs(&log));
  EXPECT_NE(log.find("blank flash"), std::string::npos) << log;
}

TEST(Agent, FlashCommitSecondModelThenRollBack) {
  RamBoard board(1u << 20);
  auto s = connect(&board);
  const auto a = test_image(100000, 1), b = test_image(70001, 2);
  axdl::FlashResult r;
  axdl::Status st = s->flash(a, nullptr, &r);
  ASSERT_TRUE(st) << st.message();
  EXPECT_EQ(r.slot, 0);
  EXPECT_TRUE(r.committed);
  ASSERT_TRUE(st = s->flash(b, nullptr, &r)) << st.message();
  EXPECT_EQ(r.slot, 1);  // never the active slot
  axdl_slots_resp sl{};
  ASSERT_TRUE(s->slots(&sl));
  EXPECT_EQ(sl.active, 1);
  EXPECT_EQ(sl.slot[0].state, AXDL_SLOT_READY);
  EXPECT_EQ(slot_bytes(board, 0, a.size()), a);
  EXPECT_EQ(slot_bytes(board, 1, b.size()), b);
  uint8_t sha[32];
  axdl::sha256(b.data(), b.size(), sha);
  EXPECT_EQ(std::memcmp(sl.slot[1].sha256, sha, 32), 0);
  uint8_t active = 9;
  ASSERT_TRUE(s->rollback(&active));
  EXPECT_EQ(active, 0);
  // The table survives a reboot.
  board.boot();
  auto s2 = connect(&board);
  ASSERT_TRUE(s2->slots(&sl));
  EXPECT_EQ(sl.active, 0);
  EXPECT_EQ(sl.slot[1].state, AXDL_SLOT_READY);
  // A third model overwrites slot 1 (the inactive one), not the running slot 0.
  const auto c = test_image(5000, 3);
  ASSERT_TRUE(st = s2->flash(c, nullptr, &r)) << st.message();
  EXPECT_EQ(r.slot, 1);
  EXPECT_EQ(slot_bytes(board, 0, a.size()), a);
}

TEST(Agent, TooBigIsRefusedBeforeTheUploadWithSizes) {
  RamBoard board(256u << 10);
  auto s = connect(&board);
  const auto big = test_image(s->info().slot_bytes + 1, 4);
  axdl::FlashResult r;
  axdl::Status st = s->flash(big, nullptr, &r);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find(std::to_string(big.size())), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(std::to_string(s->info().slot_bytes)), std::string::npos);
  for (const auto& e : s->link().trace()) EXPECT_NE(e.opcode, AXDL_OP_UPLOAD_BEGIN);
  // The agent refuses on its own too (a host that skipped the check), with both sizes.
  uint8_t buf[64];
  axdl_writer w;
  axdl_writer_init(&w, buf, sizeof buf);
  axdl_upload_begin_req q{static_cast<uint32_t>(big.size()), {}};
  axdl_upload_begin_req_encode(&w, &q);
  std::vector<uint8_t> resp;
  ASSERT_TRUE(s->link().request(AXDL_OP_UPLOAD_BEGIN, buf, w.length, &resp));
  axdl_error_resp e{};
  axdl_upload_begin_resp m{};
  ASSERT_EQ(axdl_upload_begin_resp_decode(resp.data(), resp.size(), &m, &e), AXDL_ST_TOO_BIG);
  EXPECT_EQ(e.arg[0], big.size());
  EXPECT_EQ(e.arg[1], s->info().slot_bytes);
  EXPECT_NE(axdl::describe_error(AXDL_OP_UPLOAD_BEGIN, e).find("quantize"), std::string::npos);
}

TEST(Agent, PowerCutAtRandomFlashOperationsKeepsTheRunningModelAndResumes) {
  std::mt19937 rng(2024);
  const auto a = test_image(50000, 10), b = test_image(90000, 11);
  int resumed = 0;
  for (int round = 0; round < 25; ++round) {
    RamBoard board(512u << 10);
    {
      auto s = connect(&board);
      axdl::FlashResult r;
      ASSERT_TRUE(s->flash(a, nullptr, &r));
    }
    // ~23 chunks of b, each with an erase sometimes, a write and a table store (erase+write).
    board.power_cut_at = static_cast<long>(rng() % 70);
    {
      auto s = connect(&board);
      axdl::FlashResult r;
      EXPECT_FALSE(s->flash(b, nullptr, &r)) << "cut at " << board.power_cut_at;
    }
    board.boot();
    auto s = connect(&board);
    axdl_slots_resp sl{};
    ASSERT_TRUE(s->slots(&sl));
    ASSERT_EQ(sl.active, 0) << "round " << round;
    uint8_t sha[32];
    axdl::sha256(a.data(), a.size(), sha);
    EXPECT_EQ(std::memcmp(sl.slot[0].sha256, sha, 32), 0);
    EXPECT_EQ(slot_bytes(board, 0, a.size()), a);
    axdl::FlashResult r;
    axdl::Status st = s->flash(b, nullptr, &r);
    ASSERT_TRUE(st) << st.message();
    resumed += r.resumed_from > 0;
    EXPECT_EQ(slot_bytes(board, 1, b.size()), b);
    ASSERT_TRUE(s->slots(&sl));
    EXPECT_EQ(sl.active, 1);
  }
  EXPECT_GT(resumed, 15);  // most cuts happen after the first acknowledged chunk
}

TEST(Agent, OnePercentDroppedAndCorruptedFramesStillFlashCorrectly) {
  RamBoard board(4u << 20);
  LoopbackTransport* t = nullptr;
  auto s = connect(&board, 0.01, 0.01, 77, &t);
  ASSERT_TRUE(s);
  const auto image = test_image(1u << 20, 5);
  axdl::FlashResult r;
  axdl::Status st = s->flash(image, nullptr, &r);
  ASSERT_TRUE(st) << st.message();
  EXPECT_EQ(slot_bytes(board, r.slot, image.size()), image);
  EXPECT_GT(t->dropped, 3);
  EXPECT_GT(t->corrupted, 3);
  EXPECT_GT(s->link().stats().resends, 3u);
}

TEST(Agent, ResentRequestIsAnsweredFromCacheNotRunTwice) {
  RamBoard board(256u << 10);
  auto s = connect(&board);
  const auto img = test_image(6000, 6);
  uint8_t sha[32];
  axdl::sha256(img.data(), img.size(), sha);
  uint8_t buf[AXDL_MAX_PAYLOAD], wire[AXDL_MAX_ENCODED];
  axdl_writer w;
  axdl_writer_init(&w, buf, sizeof buf);
  axdl_upload_begin_req q{static_cast<uint32_t>(img.size()), {}};
  std::memcpy(q.sha256, sha, 32);
  axdl_upload_begin_req_encode(&w, &q);
  std::vector<uint8_t> resp;
  ASSERT_TRUE(s->link().request(AXDL_OP_UPLOAD_BEGIN, buf, w.length, &resp));
  axdl_writer_init(&w, buf, sizeof buf);
  axdl_upload_chunk_req c{0, axdl_crc32(img.data(), 4096), img.data(), 4096};
  axdl_upload_chunk_req_encode(&w, &c);
  const size_t n =
      axdl_frame_encode(AXDL_OP_UPLOAD_CHUNK, 0, 4242, buf, w.length, wire, sizeof wire);
  board.to_host.clear();
  board.receive(wire, n);
  board.receive(wire, n);  // the same frame again: its answer was "lost"
  std::vector<uint8_t> answers(board.to_host.begin(), board.to_host.end());
  ASSERT_EQ(std::count(answers.begin(), answers.end(), 0), 2);
  const size_t first =
      static_cast<size_t>(std::find(answers.begin(), answers.end(), 0) - answers.begin()) + 1;
  EXPECT_TRUE(std::equal(answers.begin(), answers.begin() + first, answers.begin() + first));
  EXPECT_EQ(board.agent->table.slot[0].received, 4096u);
}

TEST(Agent, GarbageAndOversizedFramesGetErrorAnswers) {
  RamBoard board(256u << 10);
  std::mt19937 rng(9);
  for (int round = 0; round < 200; ++round) {
    std::vector<uint8_t> junk(rng() % 300 + 1);
    for (auto& b : junk) b = static_cast<uint8_t>(rng() % 4 ? rng() : 0);
    junk.push_back(0);
    board.to_host.clear();
    board.receive(junk.data(), junk.size());
    // Every answer is a well-formed response frame with a status.
    std::vector<uint8_t> out(board.to_host.begin(), board.to_host.end()), rx(AXDL_MAX_ENCODED);
    axdl_rx r;
    axdl_rx_init(&r, rx.data(), rx.size());
    for (uint8_t b : out) {
      if (axdl_rx_feed(&r, b) != AXDL_RX_FRAME) continue;
      axdl_frame f;
      ASSERT_EQ(axdl_frame_decode(rx.data(), axdl_rx_length(&r), &f), AXDL_ST_OK);
      ASSERT_TRUE(f.flags & AXDL_FLAG_RESPONSE);
      axdl_error_resp e{};
      EXPECT_NE(axdl_status_decode(f.payload, f.payload_length, &e), AXDL_ST_BAD_LENGTH);
    }
  }
  // Oversized: 10000 non-zero bytes, then a delimiter -> one FRAME_TOO_LONG answer.
  std::vector<uint8_t> big(10000, 0x41);
  big.push_back(0);
  board.to_host.clear();
  board.receive(big.data(), big.size());
  std::vector<uint8_t> out(board.to_host.begin(), board.to_host.end());
  ASSERT_FALSE(out.empty());
  out.pop_back();
  axdl_frame f;
  ASSERT_EQ(axdl_frame_decode(out.data(), out.size(), &f), AXDL_ST_OK);
  axdl_error_resp e{};
  EXPECT_EQ(axdl_status_decode(f.payload, f.payload_length, &e), AXDL_ST_FRAME_TOO_LONG);
  // Still alive and well.
  auto s = connect(&board);
  ASSERT_TRUE(s);
}

TEST(Agent, EveryRequestGetsAnAnswerWithACode) {
  RamBoard board(256u << 10);
  auto s = connect(&board);
  std::vector<uint8_t> resp;
  axdl_error_resp e{};
  ASSERT_TRUE(s->link().request(0x7E, nullptr, 0, &resp));
  EXPECT_EQ(axdl_status_decode(resp.data(), resp.size(), &e), AXDL_ST_UNKNOWN_OPCODE);
  EXPECT_EQ(e.arg[0], 0x7Eu);
  ASSERT_TRUE(s->link().request(AXDL_OP_UPLOAD_FINISH, nullptr, 0, &resp));
  EXPECT_EQ(axdl_status_decode(resp.data(), resp.size(), &e), AXDL_ST_BAD_STATE);
  ASSERT_TRUE(s->link().request(AXDL_OP_RUN, nullptr, 0, &resp));
  EXPECT_EQ(axdl_status_decode(resp.data(), resp.size(), &e), AXDL_ST_NO_RUNTIME);
  const uint8_t slot = 1;
  ASSERT_TRUE(s->link().request(AXDL_OP_COMMIT, &slot, 1, &resp));
  EXPECT_EQ(axdl_status_decode(resp.data(), resp.size(), &e), AXDL_ST_NO_MODEL);
  const uint8_t bad_slot = 2;
  ASSERT_TRUE(s->link().request(AXDL_OP_COMMIT, &bad_slot, 1, &resp));
  EXPECT_EQ(axdl_status_decode(resp.data(), resp.size(), &e), AXDL_ST_BAD_SLOT);
  ASSERT_TRUE(s->link().request(AXDL_OP_SLOTS, &slot, 1, &resp));  // SLOTS takes no body
  EXPECT_EQ(axdl_status_decode(resp.data(), resp.size(), &e), AXDL_ST_BAD_LENGTH);
  ASSERT_TRUE(s->link().request(AXDL_OP_ROLLBACK, nullptr, 0, &resp));
  EXPECT_EQ(axdl_status_decode(resp.data(), resp.size(), &e), AXDL_ST_NO_MODEL);
  const uint8_t old_version[2] = {99, 0};
  ASSERT_TRUE(s->link().request(AXDL_OP_HELLO, old_version, 2, &resp));
  EXPECT_EQ(axdl_status_decode(resp.data(), resp.size(), &e), AXDL_ST_BAD_VERSION);
  ASSERT_TRUE(s->reset());
}

TEST(Agent, CancelKeepsProgressForTheNextFlash) {
  RamBoard board(1u << 20);
  auto s = connect(&board);
  const auto img = test_image(200000, 8);
  axdl::FlashResult r;
  axdl::Status st = s->flash(
      img, [](const axdl::FlashProgress& p) { return p.done < 50000; }, &r);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("cancelled"), std::string::npos);
  ASSERT_TRUE(st = s->flash(img, nullptr, &r)) << st.message();
  EXPECT_GE(r.resumed_from, 50000u);
  EXPECT_EQ(slot_bytes(board, 0, img.size()), img);
}

// ---- compressed upload (AXDL_FEATURE_LZ) --------------------------------------------------------
// Model-like bytes: runs of zeros (padding, biases) and small float weights.
std::vector<uint8_t> model_like_image(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v;
  while (v.size() < n) {
    if (rng() % 4 == 0) {
      v.insert(v.end(), 64 + rng() % 512, 0);
    } else {
      for (int i = 0; i < 256; ++i) {
        const float f = static_cast<float>(static_cast<int>(rng() % 32) - 16) / 64.0f;
        uint8_t b[4];
        std::memcpy(b, &f, 4);
        v.insert(v.end(), b, b + 4);
      }
    }
  }
  v.resize(n);
  return v;
}

TEST(Agent, CompressedUploadThroughLostAndDamagedFramesKeepsTheSha) {
  RamBoard board(4u << 20);
  LoopbackTransport* t = nullptr;
  auto s = connect(&board, 0.01, 0.01, 91, &t);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->info().features, AXDL_FEATURE_LZ);
  const auto image = model_like_image(1u << 20, 4);
  axdl::FlashResult r;
  axdl::Status st = s->flash(image, nullptr, &r);
  ASSERT_TRUE(st) << st.message();
  EXPECT_EQ(slot_bytes(board, r.slot, image.size()), image);
  EXPECT_GT(r.chunks_compressed, r.chunks / 2);
  EXPECT_LT(r.chunk_bytes_sent, image.size() * 3 / 4) << "the line carried fewer bytes";
  EXPECT_GT(t->dropped + t->corrupted, 6);
  // Without compression the same image goes out raw.
  RamBoard board2(4u << 20);
  auto s2 = connect(&board2);
  axdl::FlashOptions raw;
  raw.compress = false;
  ASSERT_TRUE(st = s2->flash(image, nullptr, &r, raw)) << st.message();
  EXPECT_EQ(r.chunks_compressed, 0u);
  EXPECT_EQ(r.chunk_bytes_sent, image.size());
}

// Rewrites or answers frames on their way to the board.
class FrameFilter : public axdl::Transport {
 public:
  // Returns true to pass the (maybe modified) frame on; false to drop it (reply, if any, is
  // sent back to the host instead).
  using Fn = std::function<bool(axdl_frame& f, std::vector<uint8_t>& payload,
                                std::vector<uint8_t>* reply)>;
  FrameFilter(std::unique_ptr<axdl::Transport> inner, Fn fn)
      : inner_(std::move(inner)), fn_(std::move(fn)) {}
  long write(const uint8_t* data, size_t n) override {
    for (size_t i = 0; i < n; ++i) {
      out_.push_back(data[i]);
      if (data[i] != 0) continue;
      std::vector<uint8_t> raw(out_.begin(), out_.end() - 1), wire(AXDL_MAX_ENCODED);
      out_.clear();
      axdl_frame f;
      if (axdl_frame_decode(raw.data(), raw.size(), &f) != AXDL_ST_OK) continue;
      std::vector<uint8_t> payload(f.payload, f.payload + f.payload_length), reply;
      if (!fn_(f, payload, &reply)) {
        replies_.insert(replies_.end(), reply.begin(), reply.end());
        continue;
      }
      const size_t w = axdl_frame_encode(f.opcode, f.flags, f.seq, payload.data(), payload.size(),
                                         wire.data(), wire.size());
      inner_->write(wire.data(), w);
    }
    return static_cast<long>(n);
  }
  long read(uint8_t* data, size_t capacity, int timeout_ms) override {
    if (!replies_.empty()) {
      const size_t n = std::min(capacity, replies_.size());
      std::copy(replies_.begin(), replies_.begin() + static_cast<long>(n), data);
      replies_.erase(replies_.begin(), replies_.begin() + static_cast<long>(n));
      return static_cast<long>(n);
    }
    return inner_->read(data, capacity, timeout_ms);
  }
  std::string description() const override { return "filter"; }

 private:
  std::unique_ptr<axdl::Transport> inner_;
  Fn fn_;
  std::vector<uint8_t> out_, replies_;
};

std::vector<uint8_t> error_frame(uint8_t opcode, uint16_t seq, axdl_status st, uint32_t arg0) {
  uint8_t body[10];
  axdl_writer w;
  axdl_writer_init(&w, body, sizeof body);
  axdl_error_resp e{static_cast<uint16_t>(st), {arg0, 0}};
  axdl_error_resp_encode(&w, &e);
  std::vector<uint8_t> wire(64);
  wire.resize(
      axdl_frame_encode(opcode, AXDL_FLAG_RESPONSE, seq, body, w.length, wire.data(), wire.size()));
  return wire;
}

TEST(Agent, VersionOneAgentGetsTheVersionOneHelloAndRawChunks) {
  RamBoard board(1u << 20);
  int refused = 0, lz_chunks = 0;
  // What an agent from before the features did: a 6-byte HELLO is BAD_LENGTH, and it has no
  // UPLOAD_CHUNK_LZ.
  auto filter = std::make_unique<FrameFilter>(
      std::make_unique<LoopbackTransport>(&board, 0, 0, 1),
      [&](axdl_frame& f, std::vector<uint8_t>& payload, std::vector<uint8_t>* reply) {
        if (f.opcode == AXDL_OP_HELLO && payload.size() != 2) {
          ++refused;
          *reply = error_frame(f.opcode, f.seq, AXDL_ST_BAD_LENGTH, 6);
          return false;
        }
        lz_chunks += f.opcode == AXDL_OP_UPLOAD_CHUNK_LZ;
        return true;
      });
  std::unique_ptr<axdl::Session> s;
  axdl::Status st = axdl::Session::open(std::move(filter), fast_link(), &s);
  ASSERT_TRUE(st) << st.message();
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(s->info().has_features, 0);
  EXPECT_EQ(s->info().features, 0u);
  const auto image = model_like_image(100000, 2);
  axdl::FlashResult r;
  ASSERT_TRUE(st = s->flash(image, nullptr, &r)) << st.message();
  EXPECT_EQ(lz_chunks, 0);
  EXPECT_EQ(slot_bytes(board, r.slot, image.size()), image);
}

TEST(Agent, ChunkThatDoesNotDecodeIsRefusedAndTheUploadGoesOnRaw) {
  RamBoard board(1u << 20);
  int mangled = 0;
  // Claims one byte more than the block decodes to (CRCs recomputed: only the codec sees it).
  auto filter = std::make_unique<FrameFilter>(
      std::make_unique<LoopbackTransport>(&board, 0, 0, 1),
      [&](axdl_frame& f, std::vector<uint8_t>& payload, std::vector<uint8_t>*) {
        if (f.opcode == AXDL_OP_UPLOAD_CHUNK_LZ && mangled == 0) {
          ++mangled;
          const uint16_t raw = static_cast<uint16_t>((payload[8] | (payload[9] << 8)) - 1);
          payload[8] = static_cast<uint8_t>(raw), payload[9] = static_cast<uint8_t>(raw >> 8);
        }
        return true;
      });
  std::unique_ptr<axdl::Session> s;
  axdl::Status st = axdl::Session::open(std::move(filter), fast_link(), &s);
  ASSERT_TRUE(st) << st.message();
  const auto image = model_like_image(100000, 3);
  axdl::FlashResult r;
  ASSERT_TRUE(st = s->flash(image, nullptr, &r)) << st.message();
  EXPECT_EQ(mangled, 1);
  EXPECT_EQ(slot_bytes(board, r.slot, image.size()), image);
  bool refused = false;
  for (const auto& e : s->link().trace()) refused |= e.status == AXDL_ST_BAD_COMPRESSED;
  EXPECT_TRUE(refused);
}

}  // namespace
