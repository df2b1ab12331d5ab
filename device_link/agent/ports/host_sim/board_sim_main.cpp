// autox-board-sim: the board agent as a Linux process (the host_sim port).
//
//   autox-board-sim [--pty | --tcp PORT] [--flash FILE] [--flash-size BYTES] [--ram-size BYTES]
//                   [--baud N] [--board NAME] [--endpoint-file FILE] [--no-runtime]
//
// Serves the agent over a pseudo-terminal (prints "pty /dev/pts/N") or TCP on 127.0.0.1
// (prints "tcp 127.0.0.1:PORT"; PORT 0 picks a free one). The flash is a file mapped with
// MAP_SHARED, so both model slots persist across restarts and a kill -9 loses nothing that was
// acknowledged. The flash behaves like NOR: a write can only clear bits, an erase sets a block to
// 0xFF, so a missing erase in the agent shows up as a SHA-256 mismatch. --baud N paces both
// directions to N baud 8N1 (10 bits per byte), like a real UART.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

extern "C" {
#include "axdl_agent.h"
#include "axdl_runtime_axe.h"
}

namespace {

using Clock = std::chrono::steady_clock;

struct Sim {
  uint8_t* flash = nullptr;
  uint32_t flash_bytes = 0;
  int link_fd = -1;
  long baud = 0;
  Clock::time_point tx_line{};  // when the last queued byte has left the emulated line
  bool answered = false;        // the agent sent something since the last read
  int queued_at_answer = 0;     // bytes the host had queued when the agent answered
};

Sim g_sim;
axdl_agent g_agent;  // static, like on the board
axdl_axe_runtime g_runtime;
uint16_t g_ops[AXDL_MAX_OPS];
volatile sig_atomic_t g_stop = 0;

// Emulated UART timing: *line is when the last byte handed over so far has crossed the line.
// A burst that continues (more bytes were already waiting) is timed from *line, so scheduler
// overshoot does not slow the line down; after an idle gap the line starts again from now.
void pace(Clock::time_point* line, size_t n, bool continuing) {
  if (g_sim.baud <= 0) return;
  const auto now = Clock::now();
  if (!continuing || *line < now - std::chrono::milliseconds(50)) *line = std::max(*line, now);
  *line += std::chrono::nanoseconds(static_cast<long long>(n) * 10'000'000'000LL / g_sim.baud);
  std::this_thread::sleep_until(*line);
}

int flash_read(void*, uint32_t address, uint8_t* dst, uint32_t n) {
  if (address > g_sim.flash_bytes || n > g_sim.flash_bytes - address) return -1;
  std::memcpy(dst, g_sim.flash + address, n);
  return 0;
}

int flash_write(void*, uint32_t address, const uint8_t* src, uint32_t n) {
  if (address > g_sim.flash_bytes || n > g_sim.flash_bytes - address) return -1;
  for (uint32_t i = 0; i < n; ++i) g_sim.flash[address + i] &= src[i];  // NOR: clear bits only
  return 0;
}

int flash_erase(void*, uint32_t address, uint32_t n) {
  if (address > g_sim.flash_bytes || n > g_sim.flash_bytes - address) return -1;
  std::memset(g_sim.flash + address, 0xFF, n);
  return 0;
}

int link_write(void*, const uint8_t* bytes, size_t n) {
  // Bytes already queued now were sent by the host before it could see this answer: they
  // follow the previous frame on the line without a gap (a pipelined upload).
  g_sim.answered = true;
  if (::ioctl(g_sim.link_fd, FIONREAD, &g_sim.queued_at_answer) != 0) g_sim.queued_at_answer = 0;
  size_t done = 0;
  while (done < n) {
    size_t piece = n - done;
    if (g_sim.baud > 0 && piece > 256) piece = 256;
    const ssize_t w = ::write(g_sim.link_fd, bytes + done, piece);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        pollfd p{g_sim.link_fd, POLLOUT, 0};
        ::poll(&p, 1, 100);
        continue;
      }
      return -1;  // host went away; the answer is lost, the host resends
    }
    pace(&g_sim.tx_line, static_cast<size_t>(w), done > 0);
    done += static_cast<size_t>(w);
  }
  return 0;
}

bool parse_size(const char* text, uint32_t* out) {
  char* end = nullptr;
  unsigned long long v = std::strtoull(text, &end, 0);
  if (end == text) return false;
  if (*end == 'K' || *end == 'k')
    v <<= 10, ++end;
  else if (*end == 'M' || *end == 'm')
    v <<= 20, ++end;
  if (*end != '\0' || v == 0 || v > 0xFFFFFFFFull) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

int usage(const char* why) {
  std::fprintf(stderr,
               "autox-board-sim: %s\nusage: autox-board-sim [--pty | --tcp PORT] [--flash FILE] "
               "[--flash-size BYTES] [--ram-size BYTES] [--baud N] [--board NAME] "
               "[--endpoint-file FILE] [--no-runtime]\n",
               why);
  return 2;
}

bool map_flash(const std::string& path, uint32_t bytes) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0644);
  if (fd < 0) {
    std::fprintf(stderr, "autox-board-sim: cannot open flash file %s: %s\n", path.c_str(),
                 std::strerror(errno));
    return false;
  }
  struct stat st {};
  ::fstat(fd, &st);
  const bool fresh = st.st_size == 0;
  if (!fresh && static_cast<uint64_t>(st.st_size) != bytes) {
    std::fprintf(stderr,
                 "autox-board-sim: flash file %s holds %lld bytes but --flash-size is %u; pass "
                 "--flash-size %lld or delete the file (its models are lost)\n",
                 path.c_str(), static_cast<long long>(st.st_size), bytes,
                 static_cast<long long>(st.st_size));
    ::close(fd);
    return false;
  }
  if (fresh && ::ftruncate(fd, bytes) != 0) {
    std::fprintf(stderr, "autox-board-sim: cannot size %s: %s\n", path.c_str(),
                 std::strerror(errno));
    ::close(fd);
    return false;
  }
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) {
    std::fprintf(stderr, "autox-board-sim: cannot map %s: %s\n", path.c_str(),
                 std::strerror(errno));
    return false;
  }
  g_sim.flash = static_cast<uint8_t*>(p);
  g_sim.flash_bytes = bytes;
  if (fresh) std::memset(g_sim.flash, 0xFF, bytes);  // erased NOR
  return true;
}

void on_signal(int) {
  g_stop = 1;
}

// Reads from fd and feeds the agent until the peer closes or a signal stops us. Reads are paced
// to the emulated baud rate: bytes are consumed no faster than the line would deliver them.
void serve(int fd) {
  g_sim.link_fd = fd;
  Clock::time_point rx_line{};
  uint8_t buf[256];
  bool continuing = false;
  while (!g_stop) {
    pollfd p{fd, POLLIN, 0};
    // The line stays busy while more bytes were already waiting or a frame is half received
    // (a host UART sends a frame back to back). Bytes the host queued only after our answer
    // start after an idle line, timed from when we see them (pessimistic by our wake-up
    // latency); bytes it had queued before our answer (pipelining) continue the line.
    int r = ::poll(&p, 1, 0);
    const bool mid_frame = axdl_rx_length(&g_agent.rx) > 0 && !g_agent.rx.complete;
    if (g_sim.answered)
      continuing = continuing && g_sim.queued_at_answer > 0;
    else
      continuing = continuing && (r > 0 || mid_frame);
    g_sim.answered = false;
    if (r == 0) r = ::poll(&p, 1, 200);
    if (r < 0 && errno != EINTR) return;
    if (r <= 0) continue;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return;  // TCP peer closed
    pace(&rx_line, static_cast<size_t>(n), continuing);
    continuing = true;
    axdl_agent_receive(&g_agent, buf, static_cast<size_t>(n));
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string flash_path = "autox-board-sim.flash", board = "autox-sim", endpoint_file;
  uint32_t flash_bytes = 4u << 20, ram_bytes = 512u << 10;
  bool use_pty = true, with_runtime = true;
  long tcp_port = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--version") {
      std::printf("autox-board-sim %s (protocol %u)\n", AXDL_AGENT_VERSION, AXDL_PROTOCOL_VERSION);
      return 0;
    }
    if (a == "--pty") {
      use_pty = true;
    } else if (a == "--tcp") {
      if (!(v = value())) return usage("--tcp needs a port (0 picks a free one)");
      use_pty = false;
      tcp_port = std::strtol(v, nullptr, 10);
      if (tcp_port < 0 || tcp_port > 65535) return usage("--tcp port must be 0..65535");
    } else if (a == "--flash") {
      if (!(v = value())) return usage("--flash needs a file");
      flash_path = v;
    } else if (a == "--flash-size") {
      if (!(v = value()) || !parse_size(v, &flash_bytes))
        return usage("--flash-size needs a byte count like 4M or 1048576");
    } else if (a == "--ram-size") {
      if (!(v = value()) || !parse_size(v, &ram_bytes))
        return usage("--ram-size needs a byte count like 512K");
    } else if (a == "--baud") {
      if (!(v = value()) || (g_sim.baud = std::strtol(v, nullptr, 10)) <= 0)
        return usage("--baud needs a positive rate like 921600");
    } else if (a == "--no-runtime") {
      with_runtime = false;
    } else if (a == "--board") {
      if (!(v = value())) return usage("--board needs a name");
      board = v;
    } else if (a == "--endpoint-file") {
      if (!(v = value())) return usage("--endpoint-file needs a path");
      endpoint_file = v;
    } else {
      return usage(("unknown option " + a).c_str());
    }
  }
  if (flash_bytes < 16u * 4096u) return usage("--flash-size must be at least 64K");
  if (!map_flash(flash_path, flash_bytes)) return 1;

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  axdl_agent_port port{};
  port.board = board.c_str();
  port.cpu = "host (simulated)";
  port.clock_hz = 1000000000;  // the runtime's host port counts nanoseconds here
  port.ram_bytes = ram_bytes;
  port.arena_bytes =
      ram_bytes > sizeof g_agent ? ram_bytes - static_cast<uint32_t>(sizeof g_agent) : 0;
  port.flash_bytes = flash_bytes;
  port.erase_bytes = 4096;
  port.flash_read = flash_read;
  port.flash_write = flash_write;
  port.flash_erase = flash_erase;
  port.link_write = link_write;
  port.rx_window = 2;  // the pty / socket buffers the next frame while we handle one
  // The board's RAM: the agent's own state is static; the rest is the model arena.
  static std::vector<uint8_t> ram;
  ram.assign(port.arena_bytes + 16, 0);
  uint8_t* arena = ram.data() + (16 - reinterpret_cast<uintptr_t>(ram.data()) % 16) % 16;
  axdl_axe_runtime_init(&g_runtime, g_sim.flash, arena, port.arena_bytes);
  g_runtime.count_ns = 1;  // clock_hz = 1 GHz: one count per nanosecond
  port.user = &g_runtime;
  port.runtime = with_runtime ? &axdl_axe_runtime_hooks : nullptr;  // upload-only agent build
  port.dtype_mask = axdl_axe_dtype_mask();
  port.op_count = axdl_axe_ops(g_ops, AXDL_MAX_OPS);
  port.ops = g_ops;

  std::string endpoint;
  int listen_fd = -1, pty_fd = -1, pty_slave_keep = -1;
  if (use_pty) {
    pty_fd = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (pty_fd < 0 || ::grantpt(pty_fd) != 0 || ::unlockpt(pty_fd) != 0) {
      std::fprintf(stderr, "autox-board-sim: cannot create a pseudo-terminal: %s\n",
                   std::strerror(errno));
      return 1;
    }
    const char* slave = ::ptsname(pty_fd);
    // Keep the slave open so the master does not see EIO while no host is connected, and put
    // it in raw mode (no echo, no line editing, no CR/LF translation).
    pty_slave_keep = ::open(slave, O_RDWR | O_NOCTTY);
    termios t{};
    ::tcgetattr(pty_slave_keep, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(pty_slave_keep, TCSANOW, &t);
    endpoint = std::string("serial:") + slave;
    std::printf("pty %s\n", slave);
  } else {
    listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(tcp_port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd, 4) != 0) {
      std::fprintf(stderr, "autox-board-sim: cannot listen on 127.0.0.1:%ld: %s\n", tcp_port,
                   std::strerror(errno));
      return 1;
    }
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len);
    endpoint = "tcp:127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
    std::printf("tcp 127.0.0.1:%u\n", ntohs(addr.sin_port));
  }
  std::fflush(stdout);
  if (!endpoint_file.empty()) {
    const std::string tmp = endpoint_file + ".tmp";
    if (FILE* f = std::fopen(tmp.c_str(), "w")) {
      std::fprintf(f, "%s\n%d\n", endpoint.c_str(), static_cast<int>(::getpid()));
      std::fclose(f);
      std::rename(tmp.c_str(), endpoint_file.c_str());
    }
  }

  g_sim.link_fd = use_pty ? pty_fd : -1;  // the TCP greeting at boot goes nowhere
  if (axdl_agent_init(&g_agent, &port) != AXDL_ST_OK) {
    std::fprintf(stderr, "autox-board-sim: flash too small for two slots\n");
    return 1;
  }
  if (use_pty) {
    while (!g_stop) serve(pty_fd);  // a pty never reports end of stream while we hold the slave
  } else {
    while (!g_stop) {
      pollfd p{listen_fd, POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      const int fd = ::accept(listen_fd, nullptr, nullptr);
      if (fd < 0) continue;
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      g_sim.link_fd = fd;
      axdl_agent_greet(&g_agent);  // the board keeps running between connections
      serve(fd);
      ::close(fd);
    }
  }
  ::msync(g_sim.flash, g_sim.flash_bytes, MS_SYNC);
  if (pty_slave_keep >= 0) ::close(pty_slave_keep);
  if (!endpoint_file.empty()) ::unlink(endpoint_file.c_str());
  return 0;
}
