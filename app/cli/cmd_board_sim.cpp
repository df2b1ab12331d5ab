// cmd_board_sim.cpp: start or reuse autox-board-sim for the `sim` URI.
#include "cmd_board_sim.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;

std::string sim_board_dir() {
  std::string base;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = std::string(h) + "/.local/share";
  else
    base = "/tmp";
  return base + "/autox/sim";
}

namespace {

bool read_endpoint(const std::string& file, std::string* uri, int* pid) {
  std::ifstream in(file);
  return static_cast<bool>(in >> *uri >> *pid);
}

std::string find_sim_binary() {
  if (const char* e = std::getenv("AUTOX_BOARD_SIM"); e && *e) return e;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& p : {self.parent_path() / "autox-board-sim",
                              self.parent_path() / "../../device_link/autox-board-sim"})
      if (fs::exists(p, ec)) return fs::weakly_canonical(p, ec).string();
  }
  return "autox-board-sim";  // from PATH
}

}  // namespace

std::string find_qemu_agent() {
  if (const char* e = std::getenv("AUTOX_QEMU_AGENT"); e && *e) return e;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (const fs::path& p :
       {self.parent_path() / "axdl_agent_qemu.elf",
        self.parent_path() / "../share/autox-studio/firmware/axdl_agent_qemu.elf",
        self.parent_path() /
            "../../cortex_m/cortex-m4/device_link/agent/ports/qemu_cortex_m/axdl_agent_qemu.elf"})
    if (fs::exists(p, ec)) return fs::weakly_canonical(p, ec).string();
  return "";
}

std::string running_sim_board() {
  std::string uri;
  int pid = 0;
  if (!read_endpoint(sim_board_dir() + "/sim.endpoint", &uri, &pid)) return "";
  if (pid <= 0 || ::kill(pid, 0) != 0) return "";
  return uri;
}

axdl::Status resolve_sim_board(std::string* uri) {
  if (std::string running = running_sim_board(); !running.empty()) {
    *uri = running;
    return axdl::Status::ok();
  }
  const std::string dir = sim_board_dir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return axdl::Status::error("cannot create " + dir + ": " + ec.message());
  const std::string endpoint = dir + "/sim.endpoint";
  fs::remove(endpoint, ec);
  const std::string binary = find_sim_binary();
  const pid_t pid = ::fork();
  if (pid < 0) return axdl::Status::error("cannot start the simulated board (fork failed)");
  if (pid == 0) {
    // Detach: the board outlives this command, like a real board stays powered.
    ::setsid();
    const int null_fd = ::open("/dev/null", O_RDWR);
    const std::string log = dir + "/sim.log";
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(null_fd, 0);
    ::dup2(null_fd, 1);
    ::dup2(log_fd >= 0 ? log_fd : null_fd, 2);
    if (::fork() != 0) ::_exit(0);  // double fork: no zombie, no controlling terminal
    const std::string flash = dir + "/flash.bin";
    ::execlp(binary.c_str(), binary.c_str(), "--tcp", "0", "--flash", flash.c_str(),
             "--endpoint-file", endpoint.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  for (int i = 0; i < 100; ++i) {
    int sim_pid = 0;
    if (read_endpoint(endpoint, uri, &sim_pid)) return axdl::Status::ok();
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  return axdl::Status::error("the simulated board did not start (" + binary + "); see " + dir +
                             "/sim.log, or set AUTOX_BOARD_SIM to the "
                             "autox-board-sim executable");
}

axdl::Status resolve_qemu_board(std::string* uri) {
  const std::string dir = sim_board_dir() + "/../qemu";
  const std::string endpoint = dir + "/qemu.endpoint";
  {
    int pid = 0;
    if (read_endpoint(endpoint, uri, &pid) && pid > 0 && ::kill(pid, 0) == 0)
      return axdl::Status::ok();
  }
  const std::string elf = find_qemu_agent();
  if (elf.empty())
    return axdl::Status::error(
        "the QEMU board needs the Cortex-M agent firmware (axdl_agent_qemu.elf from the "
        "arm-cortex-m4 build); set AUTOX_QEMU_AGENT to its path");
  std::error_code ec;
  fs::create_directories(dir, ec);
  // A free port: bind to 0, read it back, release it for QEMU.
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (probe < 0 || ::bind(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(probe, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return axdl::Status::error("cannot find a free TCP port on 127.0.0.1 for QEMU");
  const int port = ntohs(addr.sin_port);
  ::close(probe);
  const std::string serial = "tcp:127.0.0.1:" + std::to_string(port) + ",server=on,wait=off";
  int pipe_fd[2];
  if (::pipe(pipe_fd) != 0) return axdl::Status::error("cannot start QEMU (pipe failed)");
  const pid_t pid = ::fork();
  if (pid < 0) return axdl::Status::error("cannot start QEMU (fork failed)");
  if (pid == 0) {
    ::setsid();
    ::close(pipe_fd[0]);
    const int null_fd = ::open("/dev/null", O_RDWR);
    const std::string log = dir + "/qemu.log";
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(null_fd, 0);
    ::dup2(log_fd >= 0 ? log_fd : null_fd, 1);
    ::dup2(log_fd >= 0 ? log_fd : null_fd, 2);
    const pid_t qemu = ::fork();
    if (qemu != 0) {  // report the grandchild's pid, then leave it to init
      const std::string text = std::to_string(qemu);
      (void)!::write(pipe_fd[1], text.c_str(), text.size());
      ::_exit(0);
    }
    ::execlp("qemu-system-arm", "qemu-system-arm", "-machine", "mps2-an386", "-nographic",
             "-monitor", "none", "-icount", "shift=0", "-serial", serial.c_str(), "-kernel",
             elf.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fd[1]);
  char buf[32] = {0};
  (void)!::read(pipe_fd[0], buf, sizeof buf - 1);
  ::close(pipe_fd[0]);
  ::waitpid(pid, nullptr, 0);
  const int qemu_pid = std::atoi(buf);
  *uri = "tcp:127.0.0.1:" + std::to_string(port);
  for (int i = 0; i < 100; ++i) {  // wait until QEMU listens
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    const bool up = ::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(s);
    if (up) {
      std::ofstream(endpoint) << *uri << "\n" << qemu_pid << "\n";
      return axdl::Status::ok();
    }
    if (qemu_pid <= 0 || ::kill(qemu_pid, 0) != 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return axdl::Status::error("QEMU did not start (is qemu-system-arm installed?); see " + dir +
                             "/qemu.log");
}
