// A USB board that is not there: umockdev's testbed fakes the sysfs device (attributes and the
// binary descriptors libusb parses) and its /dev/bus/usb node, and an ioctl handler plays the
// kernel's usbfs for libusb (capabilities, claim/release, kernel driver query/detach/attach,
// control URBs for string descriptors and CDC line state, bulk URBs, reaping, discarding).
// Bulk OUT bytes go to the real board agent (autox-board-sim over TCP) and its answers come
// back on bulk IN, so the whole protocol runs through libusb's real code. unplug() behaves like
// pulling the cable: pending URBs are reaped with -ESHUTDOWN, new ones fail with ENODEV, and the
// device leaves sysfs.
//
// The process (and every child that should see the device) runs under libumockdev-preload:
// `umockdev-wrapper PROGRAM`.
#pragma once

#include <fcntl.h>
#include <linux/usbdevice_fs.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <umockdev.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

struct FakeUsbSpec {
  uint16_t vid = 0x1209, pid = 0x0001;
  bool cdc_acm = false;  // CDC-ACM (control + data interface, cdc_acm bound) or vendor class
  bool bulk = true;      // false: a HID mouse (no bulk pair, not a board)
  bool claimed_elsewhere = false;  // another program holds the interfaces (claim: EBUSY)
  uint16_t max_packet = 512;
  std::string manufacturer = "Auto-X", product = "Auto-X board agent", serial = "AXT0001";
  int devnum = 2;
};

class FakeUsbBoard {
 public:
  struct Stats {
    size_t bytes_out = 0, bytes_in = 0, out_urbs = 0, in_urbs = 0, discarded = 0;
    int detaches = 0, attaches = 0, claims = 0;
    int line_state = -1;  // wValue of the last CDC SET_CONTROL_LINE_STATE
  };

  FakeUsbBoard() : testbed_(umockdev_testbed_new()) {}
  ~FakeUsbBoard() {
    for (auto& d : devices_) {
      if (d->handler) g_object_unref(d->handler);
      if (d->backend >= 0) ::close(d->backend);
    }
    g_object_unref(testbed_);
  }

  // libumockdev-preload is loaded (umockdev-wrapper): without it libusb sees the real bus.
  static bool in_mock_environment() {
    const char* p = std::getenv("LD_PRELOAD");
    return p && std::strstr(p, "libumockdev-preload") != nullptr;
  }

  // Adds the device to sysfs and /dev. Returns its sysfs path ("" on failure).
  std::string add(const FakeUsbSpec& spec) {
    auto d = std::make_unique<Device>();
    d->spec = spec;
    d->node = fmt_path("/dev/bus/usb/001/%03d", spec.devnum);
    if (spec.cdc_acm) d->bound = {0, 1};  // the kernel's cdc_acm driver has both interfaces
    if (!plug(d.get())) return "";
    devices_.push_back(std::move(d));
    return devices_.back()->syspath;
  }

  // Bulk data of device `devnum` goes to/from the agent at 127.0.0.1:port.
  bool connect_backend(int devnum, int port) {
    Device* d = find(devnum);
    if (!d) return false;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd);
      return false;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    std::lock_guard<std::mutex> lock(d->mutex);
    if (d->backend >= 0) ::close(d->backend);
    d->backend = fd;
    return true;
  }

  // Pulls the cable: URBs in flight end with -ESHUTDOWN, later ones fail with ENODEV, the device
  // leaves sysfs and /dev. The backend connection is closed (a bus-powered board loses power).
  void unplug(int devnum) {
    Device* d = find(devnum);
    if (!d) return;
    {
      std::lock_guard<std::mutex> lock(d->mutex);
      d->unplugged = true;
      for (auto& u : d->pending) d->done.push_back(finish(u, -ESHUTDOWN, 0));
      d->pending.clear();
      if (d->backend >= 0) ::close(d->backend);
      d->backend = -1;
    }
    umockdev_testbed_uevent(testbed_, d->syspath.c_str(), "remove");
    umockdev_testbed_remove_device(testbed_, d->syspath.c_str());
  }

  // Plugs it in again (a new device node; the agent behind it must be reconnected).
  bool replug(int devnum) {
    Device* d = find(devnum);
    if (!d) return false;
    umockdev_testbed_detach_ioctl(testbed_, d->node.c_str(), nullptr);
    if (d->handler) g_object_unref(d->handler);
    d->handler = nullptr;
    {
      std::lock_guard<std::mutex> lock(d->mutex);
      d->unplugged = false;
      d->pending.clear();
      d->done.clear();
    }
    return plug(d);
  }

  // Called on the handler thread after every bulk OUT URB with the total bytes so far.
  void on_bulk_out(int devnum, std::function<void(size_t)> f) {
    if (Device* d = find(devnum)) {
      std::lock_guard<std::mutex> lock(d->mutex);
      d->on_out = std::move(f);
    }
  }

  Stats stats(int devnum) {
    Device* d = find(devnum);
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->stats;
  }

 private:
  struct Urb {
    UMockdevIoctlData* urb = nullptr;     // the client's usbdevfs_urb (resolved)
    UMockdevIoctlData* buffer = nullptr;  // its data buffer (resolved)
  };
  struct Device {
    FakeUsbSpec spec;
    std::string node, syspath;
    UMockdevIoctlBase* handler = nullptr;
    std::mutex mutex;
    std::deque<Urb> pending;  // bulk IN waiting for agent bytes
    std::deque<Urb> done;     // ready to be reaped
    std::set<int> bound;      // interfaces a kernel driver holds
    int backend = -1;
    bool unplugged = false;
    Stats stats;
    std::function<void(size_t)> on_out;
  };

  static std::string fmt_path(const char* f, int n) {
    char b[64];
    std::snprintf(b, sizeof b, f, n);
    return b;
  }

  Device* find(int devnum) {
    for (auto& d : devices_)
      if (d->spec.devnum == devnum) return d.get();
    return nullptr;
  }

  static std::vector<uint8_t> descriptors(const FakeUsbSpec& s) {
    auto lo = [](unsigned v) { return static_cast<uint8_t>(v & 0xFF); };
    auto hi = [](unsigned v) { return static_cast<uint8_t>(v >> 8); };
    const uint8_t dev_class = s.cdc_acm ? 0x02 : 0x00;
    std::vector<uint8_t> dev = {18,   1,    0x00,      0x02,      dev_class, 0,
                                0,    64,   lo(s.vid), hi(s.vid), lo(s.pid), hi(s.pid),
                                0x00, 0x01, 1,         2,         3,         1};
    std::vector<uint8_t> cfg;
    auto ep = [&](uint8_t addr, uint8_t type, unsigned mps, uint8_t interval) {
      cfg.insert(cfg.end(), {7, 5, addr, type, lo(mps), hi(mps), interval});
    };
    if (!s.bulk) {  // HID boot mouse: one interrupt IN endpoint
      cfg.insert(cfg.end(), {9, 4, 0, 0, 1, 0x03, 0x01, 0x02, 0});
      cfg.insert(cfg.end(), {9, 0x21, 0x11, 0x01, 0, 1, 0x22, 52, 0});
      ep(0x81, 3, 8, 10);
    } else if (s.cdc_acm) {  // STM32 VCP layout: comm interface 0, data interface 1
      cfg.insert(cfg.end(), {9, 4, 0, 0, 1, 0x02, 0x02, 0x01, 0});
      cfg.insert(cfg.end(), {5, 0x24, 0x00, 0x10, 0x01});  // header
      cfg.insert(cfg.end(), {5, 0x24, 0x01, 0x00, 0x01});  // call management
      cfg.insert(cfg.end(), {4, 0x24, 0x02, 0x02});        // ACM
      cfg.insert(cfg.end(), {5, 0x24, 0x06, 0x00, 0x01});  // union: 0 controls 1
      ep(0x82, 3, 8, 16);
      cfg.insert(cfg.end(), {9, 4, 1, 0, 2, 0x0A, 0x00, 0x00, 0});
      ep(0x01, 2, s.max_packet, 0);
      ep(0x81, 2, s.max_packet, 0);
    } else {  // the agent: one vendor-specific interface with a bulk pair
      cfg.insert(cfg.end(), {9, 4, 0, 0, 2, 0xFF, 0x00, 0x00, 0});
      ep(0x81, 2, s.max_packet, 0);
      ep(0x01, 2, s.max_packet, 0);
    }
    const unsigned total = 9 + static_cast<unsigned>(cfg.size());
    const uint8_t interfaces = s.cdc_acm ? 2 : 1;
    std::vector<uint8_t> all = dev;
    all.insert(all.end(), {9, 2, lo(total), hi(total), interfaces, 1, 0, 0x80, 50});
    all.insert(all.end(), cfg.begin(), cfg.end());
    return all;
  }

  // The umockdev device description: sysfs attributes, udev properties, binary descriptors.
  static std::string description(const FakeUsbSpec& s, const std::string& syspath) {
    std::string hex;
    for (uint8_t b : descriptors(s)) {
      char t[3];
      std::snprintf(t, sizeof t, "%02x", b);
      hex += t;
    }
    char text[4096];
    std::snprintf(text, sizeof text,
                  "P: %s\nN: bus/usb/001/%03d\nE: DEVNAME=/dev/bus/usb/001/%03d\n"
                  "E: DEVTYPE=usb_device\nE: DRIVER=usb\nE: PRODUCT=%x/%x/100\n"
                  "E: SUBSYSTEM=usb\nE: BUSNUM=001\nE: DEVNUM=%03d\nE: MAJOR=189\nE: MINOR=%d\n"
                  "A: busnum=1\nA: devnum=%d\nA: idVendor=%04x\nA: idProduct=%04x\n"
                  "A: bConfigurationValue=1\nA: bNumConfigurations=1\nA: bNumInterfaces= %d\n"
                  "A: speed=%s\nA: manufacturer=%s\nA: product=%s\nA: serial=%s\n"
                  "H: descriptors=%s\n",
                  syspath.c_str(), s.devnum, s.devnum, s.vid, s.pid, s.devnum, s.devnum - 1,
                  s.devnum, s.vid, s.pid, s.cdc_acm ? 2 : 1, s.max_packet == 512 ? "480" : "12",
                  s.manufacturer.c_str(), s.product.c_str(), s.serial.c_str(), hex.c_str());
    return text;
  }

  bool plug(Device* d) {
    d->syspath = fmt_path("/sys/devices/pci0000:00/0000:00:14.0/usb1/1-%d", d->spec.devnum - 1);
    const std::string text = description(d->spec, d->syspath.substr(4));  // P: is relative to /sys
    GError* err = nullptr;
    if (!umockdev_testbed_add_from_string(testbed_, text.c_str(), &err)) {
      std::fprintf(stderr, "umockdev: %s\n", err ? err->message : "?");
      if (err) g_error_free(err);
      return false;
    }
    d->handler = umockdev_ioctl_base_new();
    g_signal_connect(d->handler, "handle-ioctl", G_CALLBACK(&FakeUsbBoard::on_ioctl), d);
    if (!umockdev_testbed_attach_ioctl(testbed_, d->node.c_str(), d->handler, &err)) {
      std::fprintf(stderr, "umockdev attach_ioctl %s: %s\n", d->node.c_str(),
                   err ? err->message : "?");
      if (err) g_error_free(err);
      return false;
    }
    return true;
  }

  static Urb finish(Urb u, int status, int actual) {
    auto* urb = reinterpret_cast<usbdevfs_urb*>(u.urb->data);
    usbdevfs_urb copy = *urb;
    copy.status = status;
    copy.actual_length = actual;
    umockdev_ioctl_data_update(u.urb, 0, reinterpret_cast<guint8*>(&copy), sizeof copy);
    return u;
  }

  // Control transfers on endpoint 0: string descriptors, CDC line state. Returns the status.
  static int control(Device* d, Urb& u, int* actual) {
    auto* urb = reinterpret_cast<usbdevfs_urb*>(u.urb->data);
    uint8_t* b = u.buffer->data;
    const uint8_t type = b[0], request = b[1];
    const unsigned value = b[2] | (b[3] << 8), length = b[6] | (b[7] << 8);
    *actual = 0;
    if (type == 0x80 && request == 6 && (value >> 8) == 3) {  // GET_DESCRIPTOR string
      std::vector<uint8_t> s;
      const unsigned index = value & 0xFF;
      if (index == 0) {
        s = {4, 3, 0x09, 0x04};
      } else {
        const std::string& t = index == 1   ? d->spec.manufacturer
                               : index == 2 ? d->spec.product
                                            : d->spec.serial;
        s.push_back(static_cast<uint8_t>(2 + 2 * t.size()));
        s.push_back(3);
        for (char c : t) s.insert(s.end(), {static_cast<uint8_t>(c), 0});
      }
      const size_t n =
          std::min<size_t>({s.size(), length, static_cast<size_t>(urb->buffer_length) - 8});
      std::vector<uint8_t> out(b, b + 8);
      out.insert(out.end(), s.begin(), s.begin() + static_cast<long>(n));
      umockdev_ioctl_data_update(u.buffer, 0, out.data(), static_cast<int>(out.size()));
      *actual = static_cast<int>(n);
      return 0;
    }
    if (type == 0x21 && request == 0x22) {  // CDC SET_CONTROL_LINE_STATE
      d->stats.line_state = static_cast<int>(value);
      return 0;
    }
    if (type == 0x21 && request == 0x20) return 0;  // SET_LINE_CODING
    return -EPIPE;                                  // stall
  }

  // Moves agent bytes into waiting bulk IN URBs with USB's packet rules: the device sends what
  // it has in packets of max_packet bytes; a URB ends when full or at a short packet. Bytes that
  // fill whole packets but not the URB stay in it until more come or the URB is discarded
  // (then they come back with it, as from a real host controller). `cancel` takes those.
  static size_t take_in(Device* d, Urb& u, bool cancel) {
    auto* urb = reinterpret_cast<usbdevfs_urb*>(u.urb->data);
    std::vector<uint8_t> buf(static_cast<size_t>(urb->buffer_length));
    const ssize_t n = ::recv(d->backend, buf.data(), buf.size(), MSG_DONTWAIT | MSG_PEEK);
    if (n == 0) {  // the agent went away: like a board that lost power
      ::close(d->backend);
      d->backend = -1;
      return 0;
    }
    if (n < 0) return 0;
    const size_t take = static_cast<size_t>(n);
    const bool ends = take == buf.size() || take % d->spec.max_packet != 0;
    if (!ends && !cancel) return 0;
    ::recv(d->backend, buf.data(), take, MSG_DONTWAIT);
    umockdev_ioctl_data_update(u.buffer, 0, buf.data(), static_cast<int>(take));
    d->stats.bytes_in += take;
    return take;
  }

  static void pump_in(Device* d) {
    while (!d->pending.empty() && d->backend >= 0) {
      Urb& u = d->pending.front();
      const size_t n = take_in(d, u, false);
      if (n == 0) return;
      d->done.push_back(finish(u, 0, static_cast<int>(n)));
      d->pending.pop_front();
    }
  }

  static gboolean on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer user) {
    auto* d = static_cast<Device*>(user);
    const gulong request = umockdev_ioctl_client_get_request(client);
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
    GError* err = nullptr;
    std::function<void(size_t)> notify;
    size_t notify_bytes = 0;
    long result = 0;
    int error = 0;
    {
      std::lock_guard<std::mutex> lock(d->mutex);
      switch (request) {
        case USBDEVFS_GET_CAPABILITIES: {
          UMockdevIoctlData* c = umockdev_ioctl_data_resolve(arg, 0, sizeof(uint32_t), &err);
          uint32_t caps = USBDEVFS_CAP_BULK_SCATTER_GATHER | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                          USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET |
                          USBDEVFS_CAP_BULK_CONTINUATION;
          if (c) umockdev_ioctl_data_update(c, 0, reinterpret_cast<guint8*>(&caps), sizeof caps);
          break;
        }
        case USBDEVFS_CLAIMINTERFACE: {
          UMockdevIoctlData* c = umockdev_ioctl_data_resolve(arg, 0, sizeof(unsigned), &err);
          const int itf = c ? *reinterpret_cast<int*>(c->data) : -1;
          if (d->unplugged) {
            result = -1, error = ENODEV;
          } else if (d->bound.count(itf) || d->spec.claimed_elsewhere) {
            result = -1, error = EBUSY;  // a kernel driver has it
          } else {
            ++d->stats.claims;
          }
          break;
        }
        case USBDEVFS_GETDRIVER: {
          UMockdevIoctlData* c =
              umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_getdriver), &err);
          if (!c) {
            result = -1, error = EFAULT;
            break;
          }
          usbdevfs_getdriver g = *reinterpret_cast<usbdevfs_getdriver*>(c->data);
          if (!d->bound.count(static_cast<int>(g.interface))) {
            result = -1, error = ENODATA;
          } else {
            std::snprintf(g.driver, sizeof g.driver, "cdc_acm");
            umockdev_ioctl_data_update(c, 0, reinterpret_cast<guint8*>(&g), sizeof g);
          }
          break;
        }
        case USBDEVFS_IOCTL: {  // driver disconnect / connect of one interface
          UMockdevIoctlData* c = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_ioctl), &err);
          if (!c) {
            result = -1, error = EFAULT;
            break;
          }
          const auto* io = reinterpret_cast<usbdevfs_ioctl*>(c->data);
          if (io->ioctl_code == static_cast<int>(USBDEVFS_DISCONNECT)) {
            if (d->bound.erase(io->ifno)) {
              ++d->stats.detaches;
            } else {
              result = -1, error = ENODATA;
            }
          } else if (io->ioctl_code == static_cast<int>(USBDEVFS_CONNECT)) {
            d->bound.insert(io->ifno);
            ++d->stats.attaches;
          } else {
            result = -1, error = ENOTTY;
          }
          break;
        }
        case USBDEVFS_RELEASEINTERFACE:
        case USBDEVFS_SETINTERFACE:
        case USBDEVFS_CLEAR_HALT:
        case USBDEVFS_RESET:
        case USBDEVFS_RESETEP:
          if (d->unplugged) result = -1, error = ENODEV;
          break;
        case USBDEVFS_SUBMITURB: {
          if (d->unplugged) {
            result = -1, error = ENODEV;
            break;
          }
          Urb u;
          u.urb = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), &err);
          if (!u.urb) {
            result = -1, error = EFAULT;
            break;
          }
          auto* urb = reinterpret_cast<usbdevfs_urb*>(u.urb->data);
          u.buffer = umockdev_ioctl_data_resolve(u.urb, offsetof(usbdevfs_urb, buffer),
                                                 static_cast<size_t>(urb->buffer_length), &err);
          if (!u.buffer) {
            result = -1, error = EFAULT;
            break;
          }
          g_object_ref(u.urb);
          g_object_ref(u.buffer);
          if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
            int actual = 0;
            const int st = control(d, u, &actual);
            d->done.push_back(finish(u, st, actual));
          } else if (urb->type == USBDEVFS_URB_TYPE_BULK && !(urb->endpoint & 0x80)) {
            const size_t n = static_cast<size_t>(urb->buffer_length);
            size_t sent = 0;
            while (d->backend >= 0 && sent < n) {
              const ssize_t w = ::send(d->backend, u.buffer->data + sent, n - sent, MSG_NOSIGNAL);
              if (w > 0) {
                sent += static_cast<size_t>(w);
              } else if (w < 0 && errno == EAGAIN) {
                ::usleep(200);
              } else {
                break;
              }
            }
            // Bytes for an agent that is gone vanish, as on a board that hangs.
            d->stats.bytes_out += n;
            ++d->stats.out_urbs;
            d->done.push_back(finish(u, 0, static_cast<int>(n)));
            notify = d->on_out;
            notify_bytes = d->stats.bytes_out;
          } else if (urb->type == USBDEVFS_URB_TYPE_BULK) {
            ++d->stats.in_urbs;
            d->pending.push_back(u);
          } else {
            g_object_unref(u.urb);
            g_object_unref(u.buffer);
            result = -1, error = EINVAL;
          }
          break;
        }
        case USBDEVFS_DISCARDURB: {
          const gulong address = *reinterpret_cast<gulong*>(arg->data);
          result = -1, error = EINVAL;
          for (auto it = d->pending.begin(); it != d->pending.end(); ++it) {
            if (it->urb->client_addr != address) continue;
            const size_t n = d->backend >= 0 ? take_in(d, *it, true) : 0;
            d->done.push_back(finish(*it, -ENOENT, static_cast<int>(n)));
            d->pending.erase(it);
            ++d->stats.discarded;
            result = 0, error = 0;
            break;
          }
          break;
        }
        case USBDEVFS_REAPURB:
        case USBDEVFS_REAPURBNDELAY: {
          pump_in(d);
          if (d->done.empty()) {
            result = -1, error = d->unplugged ? ENODEV : EAGAIN;
            break;
          }
          UMockdevIoctlData* slot = umockdev_ioctl_data_resolve(arg, 0, sizeof(void*), &err);
          if (!slot) {
            result = -1, error = EFAULT;
            break;
          }
          Urb u = d->done.front();
          d->done.pop_front();
          umockdev_ioctl_data_set_ptr(slot, 0, u.urb);
          g_object_unref(u.buffer);
          g_object_unref(u.urb);
          break;
        }
        default:
          result = -1, error = ENOTTY;
          break;
      }
    }
    if (err) g_error_free(err);
    umockdev_ioctl_client_complete(client, result, error);
    if (notify) notify(notify_bytes);
    return TRUE;
  }

  UMockdevTestbed* testbed_;
  std::vector<std::unique_ptr<Device>> devices_;
};
