// transport.cpp: serial (termios) and TCP transports, and URI parsing.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "axdl_host.hpp"

namespace axdl {
namespace {

class FdTransport : public Transport {
 public:
  ~FdTransport() override {
    if (fd_ >= 0) ::close(fd_);
  }
  long write(const uint8_t* data, size_t n) override {
    size_t done = 0;
    while (done < n) {
      const ssize_t w = ::write(fd_, data + done, n - done);
      if (w < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN) {
          pollfd p{fd_, POLLOUT, 0};
          if (::poll(&p, 1, 5000) == 0) {
            error_ = description() + ": write stalled for 5 s (is the board still running?)";
            return -1;
          }
          continue;
        }
        error_ = description() + ": write failed: " + std::strerror(errno);
        return -1;
      }
      done += static_cast<size_t>(w);
    }
    return static_cast<long>(n);
  }
  long read(uint8_t* data, size_t capacity, int timeout_ms) override {
    pollfd p{fd_, POLLIN, 0};
    const int r = ::poll(&p, 1, timeout_ms);
    if (r < 0) return errno == EINTR ? 0 : fail_read("poll");
    if (r == 0) return 0;
    const ssize_t n = ::read(fd_, data, capacity);
    if (n < 0) return (errno == EAGAIN || errno == EINTR) ? 0 : fail_read("read");
    if (n == 0) {
      error_ = description() + ": the board closed the connection";
      return -1;
    }
    return n;
  }
  std::string description() const override { return description_; }

 protected:
  long fail_read(const char* what) {
    error_ = description() + ": " + what + " failed: " + std::strerror(errno);
    return -1;
  }
  int fd_ = -1;
  std::string description_;
};

speed_t speed_constant(long baud) {
  switch (baud) {
    case 9600:
      return B9600;
    case 19200:
      return B19200;
    case 38400:
      return B38400;
    case 57600:
      return B57600;
    case 115200:
      return B115200;
    case 230400:
      return B230400;
    case 460800:
      return B460800;
    case 500000:
      return B500000;
    case 921600:
      return B921600;
    case 1000000:
      return B1000000;
    case 1500000:
      return B1500000;
    case 2000000:
      return B2000000;
    case 3000000:
      return B3000000;
    default:
      return B0;
  }
}

class SerialTransport : public FdTransport {
 public:
  Status open(const std::string& path, long baud) {
    description_ = "serial:" + path;
    baud_ = baud;
    fd_ = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd_ < 0) {
      const int e = errno;
      std::string hint = e == EACCES   ? " (add yourself to the 'dialout' group, then log in again)"
                         : e == ENOENT ? " (is the board plugged in? see autox board list)"
                         : e == EBUSY  ? " (another program has the port open)"
                                       : "";
      return Status::error("cannot open " + path + ": " + std::strerror(e) + hint);
    }
    termios t{};
    if (::tcgetattr(fd_, &t) != 0)
      return Status::error(path + " is not a serial port: " + std::strerror(errno));
    ::cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    t.c_cflag &= ~CRTSCTS;
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    const speed_t s = speed_constant(baud);
    if (s == B0)
      return Status::error("baud " + std::to_string(baud) +
                           " is not a standard rate; use 115200, 230400, 460800, 921600, 1000000, "
                           "1500000, 2000000 or 3000000");
    ::cfsetispeed(&t, s);
    ::cfsetospeed(&t, s);
    if (::tcsetattr(fd_, TCSANOW, &t) != 0)
      return Status::error("cannot configure " + path + ": " + std::strerror(errno));
    ::tcflush(fd_, TCIOFLUSH);
    return Status::ok();
  }
  void discard_input() override { ::tcflush(fd_, TCIFLUSH); }
  long baud() const override { return baud_; }

 private:
  long baud_ = 0;
};

class TcpTransport : public FdTransport {
 public:
  Status open(const std::string& host, int port) {
    description_ = "tcp:" + host + ":" + std::to_string(port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (int e = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res); e != 0)
      return Status::error("cannot resolve " + host + ": " + ::gai_strerror(e));
    int last_errno = 0;
    for (addrinfo* a = res; a; a = a->ai_next) {
      fd_ = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
      if (fd_ < 0) continue;
      if (::connect(fd_, a->ai_addr, a->ai_addrlen) == 0) break;
      last_errno = errno;
      ::close(fd_);
      fd_ = -1;
    }
    ::freeaddrinfo(res);
    if (fd_ < 0)
      return Status::error("cannot connect to " + description_ + ": " + std::strerror(last_errno) +
                           " (is the board simulator or QEMU running on that port?)");
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
    return Status::ok();
  }
};

}  // namespace

#ifndef AXDL_HAVE_LIBUSB
// Built without libusb-1.0: the USB transport is left out and says so.
namespace {
Status no_usb() {
  return Status::error(
      "this build of Auto-X has no USB support (libusb-1.0 was not found when it was built): "
      "install libusb-1.0-0-dev and rebuild, or use the board's serial port "
      "(serial:/dev/ttyACM0)");
}
}  // namespace
Status open_usb_transport(const Uri&, std::unique_ptr<Transport>*) {
  return no_usb();
}
const std::vector<UsbBoardId>& known_usb_boards() {
  static const std::vector<UsbBoardId> none;
  return none;
}
bool usb_supported() {
  return false;
}
std::string UsbDeviceInfo::uri() const {
  return "";
}
Status list_usb_devices(std::vector<UsbDeviceInfo>* out, bool) {
  out->clear();
  return no_usb();
}
struct UsbMonitor::Impl {};
UsbMonitor::UsbMonitor() = default;
UsbMonitor::~UsbMonitor() = default;
Status UsbMonitor::start(Callback, int, bool) {
  return no_usb();
}
void UsbMonitor::stop() {}
bool UsbMonitor::uses_hotplug() const {
  return false;
}
#endif

Status parse_uri(const std::string& text, Uri* out) {
  *out = Uri{};
  const size_t colon = text.find(':');
  if (colon == std::string::npos)
    return Status::error("board '" + text +
                         "' is not a board URI; use sim, qemu, serial:/dev/ttyACM0?baud=921600, "
                         "tcp:127.0.0.1:PORT or usb:VID:PID");
  out->scheme = text.substr(0, colon);
  std::string rest = text.substr(colon + 1);
  if (out->scheme == "serial") {
    out->baud = 115200;
    if (const size_t q = rest.find('?'); q != std::string::npos) {
      const std::string query = rest.substr(q + 1);
      rest.resize(q);
      if (query.rfind("baud=", 0) != 0)
        return Status::error("serial option '" + query + "' unknown; only ?baud=N is known");
      char* end = nullptr;
      out->baud = std::strtol(query.c_str() + 5, &end, 10);
      if (*end != '\0' || out->baud <= 0)
        return Status::error("baud '" + query.substr(5) + "' is not a number");
    }
    if (rest.empty()) return Status::error("serial: needs a device, like serial:/dev/ttyACM0");
    out->path = rest;
    return Status::ok();
  }
  if (out->scheme == "tcp") {
    const size_t c = rest.rfind(':');
    if (c == std::string::npos || c == 0)
      return Status::error("tcp board '" + text + "' needs host and port, like tcp:127.0.0.1:5555");
    out->path = rest.substr(0, c);
    char* end = nullptr;
    const long port = std::strtol(rest.c_str() + c + 1, &end, 10);
    if (*end != '\0' || port <= 0 || port > 65535)
      return Status::error("tcp port in '" + text + "' must be 1..65535");
    out->port = static_cast<int>(port);
    return Status::ok();
  }
  if (out->scheme == "usb") {
    // usb:VID:PID[?serial=S][&interface=N], VID and PID in hex like lsusb prints them.
    std::string query;
    if (const size_t q = rest.find('?'); q != std::string::npos) {
      query = rest.substr(q + 1);
      rest.resize(q);
    }
    auto hex16 = [](const std::string& t, uint16_t* v) {
      std::string h = t.rfind("0x", 0) == 0 ? t.substr(2) : t;
      if (h.empty() || h.size() > 4) return false;
      char* end = nullptr;
      const unsigned long x = std::strtoul(h.c_str(), &end, 16);
      if (*end != '\0') return false;
      *v = static_cast<uint16_t>(x);
      return true;
    };
    const size_t c = rest.find(':');
    if (c == std::string::npos || !hex16(rest.substr(0, c), &out->vid) ||
        !hex16(rest.substr(c + 1), &out->pid))
      return Status::error("usb board '" + text +
                           "' needs a vendor and product ID in hex, like usb:0483:5740 (see "
                           "autox board list, or lsusb)");
    while (!query.empty()) {
      const size_t amp = query.find('&');
      const std::string item = query.substr(0, amp);
      query = amp == std::string::npos ? "" : query.substr(amp + 1);
      if (item.rfind("serial=", 0) == 0) {
        out->serial = item.substr(7);
      } else if (item.rfind("interface=", 0) == 0) {
        char* end = nullptr;
        const long n = std::strtol(item.c_str() + 10, &end, 10);
        if (*end != '\0' || n < 0 || n > 255)
          return Status::error("usb interface '" + item.substr(10) + "' must be 0..255");
        out->interface = static_cast<int>(n);
      } else {
        return Status::error("usb option '" + item +
                             "' unknown; use ?serial=SERIAL and/or &interface=N");
      }
    }
    return Status::ok();
  }
  return Status::error("unknown board scheme '" + out->scheme +
                       "'; use sim, qemu, serial:, tcp: or usb:");
}

Status open_transport(const std::string& uri, std::unique_ptr<Transport>* out) {
  Uri u;
  if (Status s = parse_uri(uri, &u); !s) return s;
  if (u.scheme == "serial") {
    auto t = std::make_unique<SerialTransport>();
    if (Status s = t->open(u.path, u.baud); !s) return s;
    *out = std::move(t);
    return Status::ok();
  }
  if (u.scheme == "usb") return open_usb_transport(u, out);
  auto t = std::make_unique<TcpTransport>();
  if (Status s = t->open(u.path, u.port); !s) return s;
  *out = std::move(t);
  return Status::ok();
}

}  // namespace axdl
