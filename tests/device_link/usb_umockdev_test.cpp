// The USB transport through libusb's real code on umockdev's fake usbfs, with the real board
// agent (autox-board-sim) behind the bulk endpoints. Run under `umockdev-wrapper`.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "axdl_host.hpp"
#include "sim_process.hpp"
#include "usb_fake_board.hpp"

namespace {

namespace fs = std::filesystem;

class UsbUmockdev : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!FakeUsbBoard::in_mock_environment())
      GTEST_SKIP() << "run under umockdev-wrapper (libumockdev-preload)";
    char tmpl[] = "/tmp/axdl_usb_XXXXXX";
    dir_ = ::mkdtemp(tmpl);
  }
  void TearDown() override {
    sim_.stop();
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  // The agent process behind the fake device; its flash file persists across restarts.
  int start_agent() {
    sim_.stop();
    if (!sim_.start({"--tcp", "0", "--board", "usb-test-board", "--flash", dir_ + "/flash.bin",
                     "--flash-size", "4M", "--ram-size", "1M"}))
      return -1;
    return std::stoi(sim_.uri.substr(sim_.uri.rfind(':') + 1));
  }
  std::string dir_;
  SimProcess sim_;
  FakeUsbBoard bus_;
};

TEST_F(UsbUmockdev, EnumerationFindsBoardsByVidPid) {
  FakeUsbSpec agent;  // 1209:0001, vendor class
  FakeUsbSpec stm32;
  stm32.vid = 0x0483, stm32.pid = 0x5740, stm32.cdc_acm = true, stm32.max_packet = 64;
  stm32.manufacturer = "STMicroelectronics", stm32.product = "STM32 Virtual ComPort";
  stm32.serial = "205F3582414D", stm32.devnum = 3;
  FakeUsbSpec mouse;
  mouse.vid = 0x046d, mouse.pid = 0xc077, mouse.bulk = false, mouse.devnum = 4;
  mouse.product = "USB Optical Mouse", mouse.serial = "";
  ASSERT_FALSE(bus_.add(agent).empty());
  ASSERT_FALSE(bus_.add(stm32).empty());
  ASSERT_FALSE(bus_.add(mouse).empty());

  std::vector<axdl::UsbDeviceInfo> boards;
  ASSERT_TRUE(axdl::list_usb_devices(&boards));
  ASSERT_EQ(boards.size(), 2u) << "the mouse is not a board";
  EXPECT_EQ(boards[0].vid, 0x1209);
  EXPECT_EQ(boards[0].pid, 0x0001);
  EXPECT_EQ(boards[0].board, "Auto-X board agent");
  EXPECT_EQ(boards[0].interface, 0);
  EXPECT_EQ(boards[0].serial, "AXT0001");
  EXPECT_EQ(boards[0].uri(), "usb:1209:0001?serial=AXT0001");
  EXPECT_EQ(boards[1].vid, 0x0483);
  EXPECT_EQ(boards[1].pid, 0x5740);
  EXPECT_EQ(boards[1].board, "STM32 Virtual COM Port");
  EXPECT_EQ(boards[1].interface, 1) << "the CDC data interface, not the control one";
  EXPECT_EQ(boards[1].product, "STM32 Virtual ComPort");
  EXPECT_EQ(boards[1].serial, "205F3582414D");

  std::vector<axdl::UsbDeviceInfo> all;
  ASSERT_TRUE(axdl::list_usb_devices(&all, true));
  EXPECT_EQ(all.size(), 3u);

  // A board that is not plugged in, and one picked by a serial number that does not match.
  std::unique_ptr<axdl::Transport> t;
  axdl::Status st = axdl::open_transport("usb:2e8a:000a", &t);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("no USB device 2e8a:000a is plugged in"), std::string::npos)
      << st.message();
  st = axdl::open_transport("usb:0483:5740?serial=NOPE", &t);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("205F3582414D"), std::string::npos) << st.message();
  st = axdl::open_transport("usb:046d:c077", &t);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("no interface with a bulk IN/OUT endpoint pair"), std::string::npos)
      << st.message();
}

TEST_F(UsbUmockdev, BulkRoundTripRunsTheProtocol) {
  FakeUsbSpec agent;
  ASSERT_FALSE(bus_.add(agent).empty());
  const int port = start_agent();
  ASSERT_GT(port, 0);
  ASSERT_TRUE(bus_.connect_backend(agent.devnum, port));
  std::unique_ptr<axdl::Session> s;
  axdl::Status st = axdl::Session::open("usb:1209:0001", {}, &s);
  ASSERT_TRUE(st) << st.message();
  EXPECT_STREQ(s->info().board, "usb-test-board");
  EXPECT_EQ(s->link().transport().baud(), 0);
  EXPECT_NE(s->link().transport().description().find("usb:1209:0001 (bus 1 device 2, interface 0)"),
            std::string::npos)
      << s->link().transport().description();
  axdl_slots_resp slots{};
  ASSERT_TRUE(s->slots(&slots));
  EXPECT_EQ(slots.slot_bytes, s->info().slot_bytes);
  const FakeUsbBoard::Stats stats = bus_.stats(agent.devnum);
  EXPECT_GE(stats.out_urbs, 2u);    // HELLO and SLOTS went out as bulk OUT URBs
  EXPECT_GT(stats.bytes_in, 100u);  // the HELLO answer came back on bulk IN
  EXPECT_EQ(stats.claims, 1);
}

// Full-speed board with 8-byte packets: many answers end exactly on a packet boundary, with no
// zero-length packet after them. They must arrive at once, not at the end of a read timeout.
TEST_F(UsbUmockdev, AnswersEndingOnAPacketBoundaryArriveAtOnce) {
  FakeUsbSpec agent;
  agent.max_packet = 8;
  ASSERT_FALSE(bus_.add(agent).empty());
  const int port = start_agent();
  ASSERT_GT(port, 0);
  ASSERT_TRUE(bus_.connect_backend(agent.devnum, port));
  std::unique_ptr<axdl::Session> s;
  axdl::Status st = axdl::Session::open("usb:1209:0001", {}, &s);
  ASSERT_TRUE(st) << st.message();
  std::vector<uint8_t> image(64 * 1024);
  std::mt19937 rng(9);
  for (auto& b : image) b = static_cast<uint8_t>(rng());
  axdl::FlashResult r;
  axdl::FlashOptions no_commit;
  no_commit.commit = false;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 3 && st; ++i) {  // three uploads (each one new: flash again from 0)
    image[0] = static_cast<uint8_t>(i);
    st = s->flash(image, nullptr, &r, no_commit);
  }
  ASSERT_TRUE(st) << st.message();
  axdl_slots_resp slots{};
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(s->slots(&slots));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(s->link().stats().timeouts, 0u);
  EXPECT_EQ(s->link().stats().resends, 0u);
  EXPECT_LT(seconds, 5.0);
}

TEST_F(UsbUmockdev, CdcAcmBoardDetachesTheKernelDriverAndRaisesDtr) {
  FakeUsbSpec stm32;
  stm32.vid = 0x0483, stm32.pid = 0x5740, stm32.cdc_acm = true, stm32.max_packet = 64;
  stm32.devnum = 5;
  ASSERT_FALSE(bus_.add(stm32).empty());
  const int port = start_agent();
  ASSERT_GT(port, 0);
  ASSERT_TRUE(bus_.connect_backend(stm32.devnum, port));
  {
    std::unique_ptr<axdl::Session> s;
    axdl::Status st = axdl::Session::open("usb:0483:5740?interface=1", {}, &s);
    ASSERT_TRUE(st) << st.message();
    EXPECT_STREQ(s->info().board, "usb-test-board");
    const FakeUsbBoard::Stats stats = bus_.stats(stm32.devnum);
    EXPECT_EQ(stats.detaches, 2) << "cdc_acm let go of the control and data interfaces";
    EXPECT_EQ(stats.line_state, 3) << "DTR | RTS raised";
  }
  EXPECT_EQ(bus_.stats(stm32.devnum).attaches, 2) << "cdc_acm gets its interfaces back";
  std::unique_ptr<axdl::Transport> t;
  const axdl::Status st = axdl::open_transport("usb:0483:5740?interface=7", &t);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("no interface 7"), std::string::npos) << st.message();
}

TEST_F(UsbUmockdev, UnplugMidUploadSaysWhatToDoAndTheUploadResumes) {
  FakeUsbSpec agent;
  ASSERT_FALSE(bus_.add(agent).empty());
  int port = start_agent();
  ASSERT_GT(port, 0);
  ASSERT_TRUE(bus_.connect_backend(agent.devnum, port));
  std::vector<uint8_t> image(300 * 1024);
  std::mt19937 rng(7);
  for (auto& b : image) b = static_cast<uint8_t>(rng());
  uint64_t cut_at = 0;
  {
    std::unique_ptr<axdl::Session> s;
    ASSERT_TRUE(axdl::Session::open("usb:1209:0001", {}, &s));
    axdl::FlashResult r;
    const axdl::Status st = s->flash(
        image,
        [&](const axdl::FlashProgress& p) {
          if (p.done >= image.size() / 3 && !cut_at) {
            cut_at = p.done;
            bus_.unplug(agent.devnum);  // the cable comes out
            sim_.kill_hard();           // and the bus-powered board loses power
          }
          return true;
        },
        &r);
    ASSERT_FALSE(st);
    std::printf("cut at %llu of %zu bytes: %s\n", static_cast<unsigned long long>(cut_at),
                image.size(), st.message().c_str());
    EXPECT_NE(st.message().find("unplugged"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("resume"), std::string::npos) << st.message();
  }
  ASSERT_GT(cut_at, 0u);
  // While it is out, opening it says so.
  std::unique_ptr<axdl::Session> s;
  axdl::Status st = axdl::Session::open("usb:1209:0001", {}, &s);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("is plugged in"), std::string::npos) << st.message();
  // Plugged in again: the board boots from its flash and the upload resumes.
  ASSERT_TRUE(bus_.replug(agent.devnum));
  port = start_agent();
  ASSERT_GT(port, 0);
  ASSERT_TRUE(bus_.connect_backend(agent.devnum, port));
  st = axdl::Session::open("usb:1209:0001", {}, &s);
  ASSERT_TRUE(st) << st.message();
  axdl::FlashResult r;
  axdl::FlashOptions no_commit;
  no_commit.commit = false;  // random bytes, not a model the runtime would load
  st = s->flash(image, nullptr, &r, no_commit);
  ASSERT_TRUE(st) << st.message();
  EXPECT_GT(r.resumed_from, 0u);
  // The chunks in flight when the cable came out may have reached the board's flash.
  EXPECT_GE(r.resumed_from, cut_at);
  EXPECT_LE(r.resumed_from, cut_at + AXDL_MAX_WINDOW * AXDL_MAX_CHUNK);
  EXPECT_EQ(r.bytes_sent, image.size() - r.resumed_from);
  axdl_slots_resp slots{};
  ASSERT_TRUE(s->slots(&slots));
  uint8_t digest[32];
  axdl::sha256(image.data(), image.size(), digest);
  EXPECT_EQ(slots.slot[r.slot].state, AXDL_SLOT_READY);
  EXPECT_EQ(0, std::memcmp(slots.slot[r.slot].sha256, digest, 32));
}

TEST_F(UsbUmockdev, BoardHeldByAnotherProgramSaysSo) {
  FakeUsbSpec pico;
  pico.vid = 0x2e8a, pico.pid = 0x000a, pico.claimed_elsewhere = true, pico.devnum = 7;
  ASSERT_FALSE(bus_.add(pico).empty());
  std::unique_ptr<axdl::Transport> t;
  const axdl::Status st = axdl::open_transport("usb:2e8a:000a", &t);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("in use by another program"), std::string::npos) << st.message();
}

class UsbMonitorTest : public UsbUmockdev, public ::testing::WithParamInterface<bool> {};

TEST_P(UsbMonitorTest, ReportsArrivalAndDeparture) {
  std::mutex m;
  std::vector<std::string> events;
  axdl::UsbMonitor monitor;
  ASSERT_TRUE(monitor.start(
      [&](bool arrived, const axdl::UsbDeviceInfo& d) {
        std::lock_guard<std::mutex> lock(m);
        axdl::UsbDeviceInfo id;
        id.vid = d.vid, id.pid = d.pid;
        events.push_back((arrived ? "+" : "-") + id.uri());
      },
      100, GetParam()));
  EXPECT_EQ(monitor.uses_hotplug(), !GetParam());
  FakeUsbSpec agent;
  agent.devnum = 6;
  ASSERT_FALSE(bus_.add(agent).empty());
  auto wait_for = [&](size_t n) {
    for (int i = 0; i < 100; ++i) {
      {
        std::lock_guard<std::mutex> lock(m);
        if (events.size() >= n) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  ASSERT_TRUE(wait_for(1)) << "no arrival (hotplug: " << monitor.uses_hotplug() << ")";
  bus_.unplug(agent.devnum);
  ASSERT_TRUE(wait_for(2)) << "no departure (hotplug: " << monitor.uses_hotplug() << ")";
  monitor.stop();
  std::printf("monitor used %s\n", monitor.uses_hotplug() ? "libusb hotplug callbacks" : "polling");
  EXPECT_EQ(events[0], "+usb:1209:0001");
  EXPECT_EQ(events[1], "-usb:1209:0001");
}

INSTANTIATE_TEST_SUITE_P(HotplugAndPolling, UsbMonitorTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& i) {
                           return i.param ? "Polling" : "Hotplug";
                         });

}  // namespace
