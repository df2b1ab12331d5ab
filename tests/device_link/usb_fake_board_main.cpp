// axdl_usb_fake_board: runs a command with a fake USB board plugged in (umockdev), the real
// board agent (autox-board-sim over TCP) behind its bulk endpoints. Run it under
// umockdev-wrapper so that the command's libusb sees the fake bus:
//
//   umockdev-wrapper axdl_usb_fake_board --flash FILE [--ram-size 1M] [--unplug-after BYTES]
//                                        -- COMMAND ARGS...
//
// --unplug-after BYTES pulls the cable once after that many bulk OUT bytes: URBs in flight fail,
// the agent process is killed (a bus-powered board loses power), and 500 ms later the board is
// plugged in again and boots from its flash file. Exit status: the command's.
#include <sys/wait.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <thread>

#include "sim_process.hpp"
#include "usb_fake_board.hpp"

int main(int argc, char** argv) {
  std::string flash, ram = "1M";
  long unplug_after = -1;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (i + 1 >= argc) break;
    if (a == "--flash") flash = argv[++i];
    if (a == "--ram-size") ram = argv[++i];
    if (a == "--unplug-after") unplug_after = std::strtol(argv[++i], nullptr, 10);
  }
  if (flash.empty() || i >= argc) {
    std::fprintf(stderr,
                 "usage: umockdev-wrapper axdl_usb_fake_board --flash FILE [--ram-size N] "
                 "[--unplug-after BYTES] -- COMMAND...\n");
    return 2;
  }
  if (!FakeUsbBoard::in_mock_environment()) {
    std::fprintf(stderr, "axdl_usb_fake_board: run it under umockdev-wrapper\n");
    return 2;
  }
  FakeUsbBoard bus;
  FakeUsbSpec spec;  // the agent's own ID, vendor-class interface
  SimProcess sim;
  auto boot = [&]() {
    if (!sim.start({"--tcp", "0", "--board", "usb-fake-board", "--flash", flash, "--flash-size",
                    "4M", "--ram-size", ram}))
      return false;
    return bus.connect_backend(spec.devnum, std::stoi(sim.uri.substr(sim.uri.rfind(':') + 1)));
  };
  if (bus.add(spec).empty() || !boot()) {
    std::fprintf(stderr, "axdl_usb_fake_board: cannot set up the fake board\n");
    return 1;
  }
  std::mutex m;
  std::condition_variable cv;
  bool cut = false, done = false;
  std::thread controller;
  if (unplug_after > 0) {
    bus.on_bulk_out(spec.devnum, [&](size_t bytes) {
      if (static_cast<long>(bytes) < unplug_after) return;
      std::lock_guard<std::mutex> lock(m);
      cut = true;
      cv.notify_all();
    });
    controller = std::thread([&]() {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return cut || done; });
      if (done) return;
      bus.on_bulk_out(spec.devnum, nullptr);
      bus.unplug(spec.devnum);
      sim.kill_hard();
      std::fprintf(stderr, "axdl_usb_fake_board: unplugged after %ld bytes\n", unplug_after);
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      if (!bus.replug(spec.devnum) || !boot())
        std::fprintf(stderr, "axdl_usb_fake_board: replug failed\n");
      else
        std::fprintf(stderr, "axdl_usb_fake_board: plugged in again\n");
    });
  }
  const pid_t child = ::fork();
  if (child == 0) {
    ::execvp(argv[i], argv + i);
    std::fprintf(stderr, "axdl_usb_fake_board: cannot run %s\n", argv[i]);
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  {
    std::lock_guard<std::mutex> lock(m);
    done = true;
    cv.notify_all();
  }
  if (controller.joinable()) controller.join();
  sim.stop();
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
