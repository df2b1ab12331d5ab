// autox-board-sim as a process: kill -9 at random points of a flash over the pty, host-side
// close of the pty mid-flash, persistence across restarts, TCP, and "does not fit".
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

#include "axdl_host.hpp"
#include "sim_process.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<uint8_t> image(size_t n, uint32_t seed) {
  std::vector<uint8_t> v(n);
  std::mt19937 rng(seed);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

// Model-like bytes (zero runs, small float weights): most chunks go compressed.
std::vector<uint8_t> compressible_image(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v;
  while (v.size() < n) {
    v.insert(v.end(), 32 + rng() % 256, 0);
    for (int i = 0; i < 64; ++i) {
      const float f = static_cast<float>(static_cast<int>(rng() % 16) - 8) / 32.0f;
      uint8_t b[4];
      std::memcpy(b, &f, 4);
      v.insert(v.end(), b, b + 4);
    }
  }
  v.resize(n);
  return v;
}

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/axdl_sim_XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
};

axdl::LinkOptions link_options() {
  axdl::LinkOptions o;
  o.timeout_ms = 300;
  o.retries = 3;
  return o;
}

std::unique_ptr<axdl::Session> open(const std::string& uri) {
  std::unique_ptr<axdl::Session> s;
  axdl::Status st = axdl::Session::open(uri, link_options(), &s);
  EXPECT_TRUE(st) << st.message();
  return s;
}

void expect_active(axdl::Session& s, uint8_t slot, const std::vector<uint8_t>& img) {
  axdl_slots_resp sl{};
  ASSERT_TRUE(s.slots(&sl));
  ASSERT_EQ(sl.active, slot);
  uint8_t sha[32];
  axdl::sha256(img.data(), img.size(), sha);
  EXPECT_EQ(std::memcmp(sl.slot[slot].sha256, sha, 32), 0);
  EXPECT_EQ(sl.slot[slot].size, img.size());
}

TEST(SimProcess, KillDuringFlashKeepsTheRunningModelAndTheUploadResumes) {
  TempDir dir;
  const std::string flash = (dir.path / "flash.bin").string();
  const auto a = image(30000, 1);
  std::mt19937 rng(31);
  {
    SimProcess sim;
    ASSERT_TRUE(sim.start({"--no-runtime", "--pty", "--flash", flash}));
    auto s = open(sim.uri);
    ASSERT_TRUE(s);
    axdl::FlashResult r;
    ASSERT_TRUE(s->flash(a, nullptr, &r));
  }
  int resumed = 0;
  for (int round = 0; round < 4; ++round) {
    // A new model each round; every other one goes compressed (UPLOAD_CHUNK_LZ).
    const bool lz = round % 2 == 1;
    const auto b = lz ? compressible_image(200000, 100 + static_cast<uint32_t>(round))
                      : image(200000, 100 + static_cast<uint32_t>(round));
    SimProcess sim;
    // At 2 Mbaud a chunk takes ~20 ms on the line, so the kill lands inside the upload.
    ASSERT_TRUE(sim.start({"--no-runtime", "--pty", "--flash", flash, "--baud", "2000000"}));
    {
      auto s = open(sim.uri);
      ASSERT_TRUE(s);
      const uint64_t kill_at = rng() % b.size();
      const int delay_us = static_cast<int>(rng() % 3000);
      std::thread killer;
      axdl::FlashResult r;
      const pid_t pid = sim.pid;
      axdl::Status st =
          s->flash(b,
                   [&](const axdl::FlashProgress& p) {
                     if (p.done >= kill_at && !killer.joinable())
                       killer = std::thread([=] {
                         std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
                         ::kill(pid, SIGKILL);  // mid-chunk: the agent dies wherever it is
                       });
                     return true;
                   },
                   &r, {false});
      if (killer.joinable()) killer.join();
      if (st) continue;  // the whole upload beat the kill: nothing to check this round
    }
    sim.kill_hard();
    SimProcess again;
    ASSERT_TRUE(again.start({"--no-runtime", "--pty", "--flash", flash}));
    auto s = open(again.uri);
    ASSERT_TRUE(s);
    expect_active(*s, 0, a);  // the running model survived
    axdl::FlashResult r;
    axdl::Status st = s->flash(b, nullptr, &r, {false});
    ASSERT_TRUE(st) << st.message();
    resumed += r.resumed_from > 0;
    if (lz) {
      EXPECT_GT(r.chunks_compressed, r.chunks / 2) << "round " << round;
    }
    expect_active(*s, 0, a);  // not committed: still the old one
  }
  EXPECT_GE(resumed, 3);
}

TEST(SimProcess, HostClosesThePtyMidFlashThenResumesAndCommitPersists) {
  TempDir dir;
  const std::string flash = (dir.path / "flash.bin").string();
  SimProcess sim;
  ASSERT_TRUE(sim.start({"--no-runtime", "--pty", "--flash", flash}));
  const auto a = image(200000, 5);
  {
    auto s = open(sim.uri);
    axdl::FlashResult r;
    // Cancelling closes the session (and the pty) with half the image acknowledged.
    EXPECT_FALSE(s->flash(
        a, [](const axdl::FlashProgress& p) { return p.done < 100000; }, &r));
  }
  {
    auto s = open(sim.uri);
    axdl::FlashResult r;
    axdl::Status st = s->flash(a, nullptr, &r);
    ASSERT_TRUE(st) << st.message();
    EXPECT_GE(r.resumed_from, 100000u);
  }
  sim.stop();
  SimProcess again;
  ASSERT_TRUE(again.start({"--no-runtime", "--pty", "--flash", flash}));
  auto s = open(again.uri);
  expect_active(*s, 0, a);
}

TEST(SimProcess, TcpAndTooBigWithTheSizesInTheMessage) {
  TempDir dir;
  SimProcess sim;
  ASSERT_TRUE(sim.start({"--no-runtime", "--tcp", "0", "--flash", (dir.path / "f.bin").string(),
                         "--flash-size", "64K", "--ram-size", "32K"}));
  ASSERT_EQ(sim.uri.rfind("tcp:127.0.0.1:", 0), 0u) << sim.uri;
  auto s = open(sim.uri);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->info().flash_bytes, 65536u);
  EXPECT_EQ(s->info().ram_bytes, 32768u);
  EXPECT_EQ(s->info().slot_bytes, 28672u);
  axdl::FlashResult r;
  axdl::Status st = s->flash(image(40000, 3), nullptr, &r);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("40000"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("28672"), std::string::npos) << st.message();
  const auto fits = image(28672, 4);
  ASSERT_TRUE(st = s->flash(fits, nullptr, &r)) << st.message();
  s.reset();
  auto s2 = open(sim.uri);  // a second connection sees the same board
  expect_active(*s2, 0, fits);
  std::string log;
  ASSERT_TRUE(s2->logs(&log));
  EXPECT_NE(log.find("upload verified"), std::string::npos) << log;
}

TEST(SimProcess, RefusesAFlashFileOfAnotherSize) {
  TempDir dir;
  const std::string flash = (dir.path / "flash.bin").string();
  {
    SimProcess sim;
    ASSERT_TRUE(sim.start({"--no-runtime", "--pty", "--flash", flash, "--flash-size", "128K"}));
  }
  SimProcess sim;
  EXPECT_FALSE(sim.start({"--no-runtime", "--pty", "--flash", flash, "--flash-size", "256K"}));
}

}  // namespace
