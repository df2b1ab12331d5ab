// usb_transport.cpp: the USB bulk transport (libusb-1.0), the table of boards we know, listing
// and hotplug. Built only when CMake finds libusb-1.0 (AXDL_HAVE_LIBUSB); transport.cpp has the
// stand-ins that say so otherwise.
//
// A board is a USB device with one interface carrying a bulk IN/OUT endpoint pair: the CDC data
// interface of a CDC-ACM "virtual COM port" (STM32, Pico, ESP32-S3), or the vendor-specific
// interface of our own agent. The byte stream on that pair is the same COBS-framed protocol as
// on a UART, so everything above Transport is unchanged.
#include <libusb.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "axdl_host.hpp"

namespace axdl {
namespace {

using Clock = std::chrono::steady_clock;

// The boards we recognise by VID:PID. Each entry names where its ID comes from.
const std::vector<UsbBoardId> kBoards = {
    // The Auto-X agent's own USB port (vendor-specific interface, bulk IN/OUT): pid.codes test
    // PID 1209:0001 (https://pid.codes/1209/0001/, "for testing only"); a board sold with the
    // agent needs its own VID:PID, added here.
    {0x1209, 0x0001, "Auto-X board agent"},
    // STMicroelectronics STM32 USB device library, CDC example (STM32Cube
    // Middlewares/ST/STM32_USB_Device_Library, usbd_desc.c: USBD_VID 1155 = 0x0483,
    // USBD_PID_FS 22336 = 0x5740): "STM32 Virtual ComPort".
    {0x0483, 0x5740, "STM32 Virtual COM Port"},
    // ST-LINK/V2-1 on Nucleo and Discovery boards, whose VCP bridges the target's UART
    // (linux-usb.org usb.ids: 0483:374b "ST-LINK/V2.1").
    {0x0483, 0x374b, "ST-LINK/V2-1 virtual COM port"},
    // Espressif's built-in USB-Serial/JTAG controller of the ESP32-S3 / C3 / C6 (ESP-IDF docs,
    // "USB Serial/JTAG Controller Console": VID 0x303A, PID 0x1001).
    {0x303a, 0x1001, "ESP32-S3 USB-Serial/JTAG"},
    // Raspberry Pi Pico with pico-sdk's stdio_usb (pico-sdk
    // src/rp2_common/pico_stdio_usb/stdio_usb_descriptors.c: USBD_VID 0x2E8A, USBD_PID 0x000a).
    {0x2e8a, 0x000a, "Raspberry Pi Pico (pico-sdk USB CDC)"},
};

const UsbBoardId* find_board(uint16_t vid, uint16_t pid) {
  for (const auto& b : kBoards)
    if (b.vid == vid && b.pid == pid) return &b;
  return nullptr;
}

std::string id_text(uint16_t vid, uint16_t pid) {
  return fmt::format("{:04x}:{:04x}", vid, pid);
}

// What a user types to give themselves access (Linux: usbfs nodes are root-only by default).
std::string udev_hint(uint16_t vid, uint16_t pid) {
  return fmt::format(
      "Give your user access with a udev rule, then unplug and replug the board:\n"
      "  echo 'SUBSYSTEM==\"usb\", ATTR{{idVendor}}==\"{:04x}\", ATTR{{idProduct}}==\"{:04x}\", "
      "MODE=\"0660\", TAG+=\"uaccess\"' | sudo tee /etc/udev/rules.d/70-autox-board.rules\n"
      "  sudo udevadm control --reload-rules && sudo udevadm trigger",
      vid, pid);
}

// The interface to talk on: its number, its bulk endpoints, and the CDC control interface next
// to it (for SET_CONTROL_LINE_STATE), if any.
struct BulkInterface {
  int number = -1;
  int alt = 0;
  uint8_t in = 0, out = 0;
  uint16_t in_packet = 64;
  uint8_t klass = 0;
  int cdc_control = -1;
};

// First interface with a bulk IN/OUT pair: the one asked for, else a vendor-specific or CDC
// data interface, else any.
BulkInterface find_bulk_interface(const libusb_config_descriptor* config, int wanted) {
  BulkInterface best, any;
  int cdc_control = -1;
  for (int i = 0; i < config->bNumInterfaces; ++i) {
    const libusb_interface& itf = config->interface[i];
    for (int a = 0; a < itf.num_altsetting; ++a) {
      const libusb_interface_descriptor& d = itf.altsetting[a];
      if (d.bInterfaceClass == LIBUSB_CLASS_COMM && cdc_control < 0)
        cdc_control = d.bInterfaceNumber;
      BulkInterface b;
      b.number = d.bInterfaceNumber;
      b.alt = d.bAlternateSetting;
      b.klass = d.bInterfaceClass;
      for (int e = 0; e < d.bNumEndpoints; ++e) {
        const libusb_endpoint_descriptor& ep = d.endpoint[e];
        if ((ep.bmAttributes & 3) != LIBUSB_TRANSFER_TYPE_BULK) continue;
        if ((ep.bEndpointAddress & LIBUSB_ENDPOINT_IN) && !b.in) {
          b.in = ep.bEndpointAddress;
          b.in_packet = ep.wMaxPacketSize ? ep.wMaxPacketSize : 64;
        } else if (!(ep.bEndpointAddress & LIBUSB_ENDPOINT_IN) && !b.out) {
          b.out = ep.bEndpointAddress;
        }
      }
      if (!b.in || !b.out) continue;
      if (wanted >= 0) {
        if (b.number == wanted && best.number < 0) best = b;
        continue;
      }
      const bool preferred = b.klass == LIBUSB_CLASS_VENDOR_SPEC || b.klass == LIBUSB_CLASS_DATA;
      if (preferred && best.number < 0) best = b;
      if (any.number < 0) any = b;
    }
  }
  BulkInterface r = best.number >= 0 ? best : (wanted >= 0 ? BulkInterface{} : any);
  if (r.number >= 0 && r.klass == LIBUSB_CLASS_DATA) r.cdc_control = cdc_control;
  return r;
}

BulkInterface bulk_interface_of(libusb_device* dev, int wanted) {
  libusb_config_descriptor* config = nullptr;
  if (libusb_get_active_config_descriptor(dev, &config) != 0 &&
      libusb_get_config_descriptor(dev, 0, &config) != 0)
    return {};
  BulkInterface b = find_bulk_interface(config, wanted);
  libusb_free_config_descriptor(config);
  return b;
}

std::string string_descriptor(libusb_device_handle* h, uint8_t index) {
  if (!index) return "";
  unsigned char text[256];
  const int n = libusb_get_string_descriptor_ascii(h, index, text, sizeof text);
  return n > 0 ? std::string(reinterpret_cast<char*>(text), static_cast<size_t>(n)) : "";
}

// Descriptor facts, and the strings when the device can be opened.
UsbDeviceInfo describe(libusb_device* dev, const libusb_device_descriptor& dd, bool open_it) {
  UsbDeviceInfo info;
  info.vid = dd.idVendor;
  info.pid = dd.idProduct;
  info.bus = libusb_get_bus_number(dev);
  info.address = libusb_get_device_address(dev);
  if (const UsbBoardId* b = find_board(dd.idVendor, dd.idProduct)) info.board = b->name;
  info.interface = bulk_interface_of(dev, -1).number;
  if (!open_it) return info;
  libusb_device_handle* h = nullptr;
  const int r = libusb_open(dev, &h);
  if (r != 0) {
    info.problem = r == LIBUSB_ERROR_ACCESS ? "no permission to open it (needs a udev rule)"
                                            : libusb_strerror(static_cast<libusb_error>(r));
    return info;
  }
  info.manufacturer = string_descriptor(h, dd.iManufacturer);
  info.product = string_descriptor(h, dd.iProduct);
  info.serial = string_descriptor(h, dd.iSerialNumber);
  libusb_close(h);
  return info;
}

bool is_board(libusb_device* dev, const libusb_device_descriptor& dd) {
  if (find_board(dd.idVendor, dd.idProduct)) return true;
  const BulkInterface b = bulk_interface_of(dev, -1);
  return b.number >= 0 && b.klass == LIBUSB_CLASS_VENDOR_SPEC &&
         dd.bDeviceClass != LIBUSB_CLASS_HUB;
}

Status init_context(libusb_context** ctx) {
  const int r = libusb_init(ctx);
  if (r != 0)
    return Status::error(std::string("cannot initialise libusb: ") +
                         libusb_strerror(static_cast<libusb_error>(r)) +
                         " (is /dev/bus/usb available? in a container, pass the USB bus in)");
  return Status::ok();
}

class UsbTransport : public Transport {
 public:
  ~UsbTransport() override { close(); }

  Status open(const Uri& u) {
    uri_ = u;
    const std::string id = id_text(u.vid, u.pid);
    if (Status s = init_context(&ctx_); !s) return s;
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(ctx_, &list);
    if (count < 0)
      return Status::error(std::string("cannot list USB devices: ") +
                           libusb_strerror(static_cast<libusb_error>(count)));
    std::vector<libusb_device*> matches;
    std::vector<std::string> serials;
    Status st = Status::ok();
    for (ssize_t i = 0; i < count; ++i) {
      libusb_device_descriptor dd{};
      if (libusb_get_device_descriptor(list[i], &dd) != 0) continue;
      if (dd.idVendor != u.vid || dd.idProduct != u.pid) continue;
      if (!u.serial.empty()) {
        // The serial number tells boards with the same VID:PID apart; reading it needs access.
        const UsbDeviceInfo info = describe(list[i], dd, true);
        if (!info.problem.empty()) {
          st = Status::error(
              fmt::format("cannot read the serial number of USB device {} (bus {} "
                          "device {}): {}.\n{}",
                          id, info.bus, info.address, info.problem, udev_hint(u.vid, u.pid)));
          continue;
        }
        if (info.serial != u.serial) {
          serials.push_back(info.serial);
          continue;
        }
      }
      matches.push_back(list[i]);
    }
    if (matches.size() > 1 && u.serial.empty()) {
      std::string names;
      for (libusb_device* d : matches) {
        libusb_device_descriptor dd{};
        libusb_get_device_descriptor(d, &dd);
        const UsbDeviceInfo info = describe(d, dd, true);
        names += fmt::format("\n  usb:{}?serial={}  (bus {} device {})", id,
                             info.serial.empty() ? "?" : info.serial, info.bus, info.address);
      }
      libusb_free_device_list(list, 1);
      return Status::error(
          fmt::format("{} boards with USB ID {} are plugged in; pick one with ?serial=:{}",
                      matches.size(), id, names));
    }
    if (matches.empty()) {
      libusb_free_device_list(list, 1);
      if (!st) return st;
      std::string extra;
      if (!u.serial.empty() && !serials.empty()) {
        extra = " (serial numbers found:";
        for (const auto& s : serials) extra += " " + (s.empty() ? std::string("none") : s);
        extra += ")";
      }
      return Status::error(fmt::format(
          "no USB device {}{} is plugged in{}. Check the cable (some are charge-only) and that "
          "the board runs its USB firmware; autox board list shows the boards found",
          id, u.serial.empty() ? "" : " with serial " + u.serial, extra));
    }
    libusb_device* dev = matches[0];
    libusb_ref_device(dev);
    libusb_free_device_list(list, 1);
    st = open_device(dev);
    libusb_unref_device(dev);
    return st;
  }

  long write(const uint8_t* data, size_t n) override {
    size_t done = 0;
    auto last_progress = Clock::now();
    while (done < n) {
      int sent = 0;
      const int piece = static_cast<int>(std::min<size_t>(n - done, 1 << 16));
      const int r = libusb_bulk_transfer(handle_, ep_out_, const_cast<uint8_t*>(data + done), piece,
                                         &sent, 1000);
      done += static_cast<size_t>(sent > 0 ? sent : 0);
      if (sent > 0) last_progress = Clock::now();
      if (r == 0) continue;
      if (r == LIBUSB_ERROR_TIMEOUT) {
        // The board does not take data right now (busy, or its agent hangs). The rest of this
        // frame is dropped: the link's answer timeout and resend handle it like a frame lost on
        // a UART (the agent resynchronises at the next delimiter).
        if (Clock::now() - last_progress > std::chrono::milliseconds(1000))
          return static_cast<long>(n);
        continue;
      }
      return fail(r, "sending to");
    }
    return static_cast<long>(n);
  }

  long read(uint8_t* data, size_t capacity, int timeout_ms) override {
    // One packet per transfer, like the kernel's cdc_acm: a bulk IN transfer only ends early on
    // a short packet, so a longer one would sit until its timeout whenever an answer ends
    // exactly on a packet boundary (boards send no zero-length packet in a byte stream). The
    // answers are small; uploads go the other way.
    int want = static_cast<int>(std::min<size_t>(capacity, static_cast<size_t>(in_packet_)));
    int got = 0;
    // libusb treats 0 as "wait forever".
    const int r = libusb_bulk_transfer(handle_, ep_in_, data, want, &got, std::max(1, timeout_ms));
    if (r == 0 || r == LIBUSB_ERROR_TIMEOUT) return got;
    if (r == LIBUSB_ERROR_PIPE && libusb_clear_halt(handle_, ep_in_) == 0) return got;
    return fail(r, "receiving from");
  }

  void discard_input() override {
    uint8_t buf[512];
    for (int i = 0; i < 64; ++i) {
      int got = 0;
      const int r = libusb_bulk_transfer(handle_, ep_in_, buf, sizeof buf, &got, 5);
      if (r != 0 || got == 0) break;
    }
  }

  std::string description() const override { return description_; }

 private:
  Status open_device(libusb_device* dev) {
    const std::string id = id_text(uri_.vid, uri_.pid);
    const int bus = libusb_get_bus_number(dev), address = libusb_get_device_address(dev);
    const BulkInterface b = bulk_interface_of(dev, uri_.interface);
    if (b.number < 0)
      return Status::error(
          uri_.interface >= 0
              ? fmt::format("USB device {} has no interface {} with a bulk IN/OUT endpoint pair; "
                            "leave out ?interface= to pick the first one that has",
                            id, uri_.interface)
              : fmt::format("USB device {} has no interface with a bulk IN/OUT endpoint pair: it "
                            "is not a board running a USB serial or Auto-X agent firmware",
                            id));
    description_ =
        fmt::format("usb:{} (bus {} device {}, interface {})", id, bus, address, b.number);
    int r = libusb_open(dev, &handle_);
    if (r == LIBUSB_ERROR_ACCESS)
      return Status::error(
          fmt::format("no permission to open USB device {} (bus {} device {}).\n{}", id, bus,
                      address, udev_hint(uri_.vid, uri_.pid)));
    if (r != 0) return Status::error(fmt::format("cannot open {}: {}", description_, name(r)));
    // A CDC-ACM board is bound to the kernel's cdc_acm driver (/dev/ttyACM*): take its
    // interfaces over for the session and hand them back on close.
    for (const int itf : {b.cdc_control, b.number}) {
      if (itf < 0) continue;
      if (libusb_kernel_driver_active(handle_, itf) == 1) {
        r = libusb_detach_kernel_driver(handle_, itf);
        if (r != 0 && r != LIBUSB_ERROR_NOT_FOUND)
          return Status::error(fmt::format(
              "cannot detach the kernel driver from interface {} of {}: {}. {}", itf, description_,
              name(r),
              r == LIBUSB_ERROR_ACCESS ? udev_hint(uri_.vid, uri_.pid)
                                       : "Use the board's serial port (serial:/dev/ttyACM0) "
                                         "instead"));
        if (r == 0) detached_.push_back(itf);
      }
      r = libusb_claim_interface(handle_, itf);
      if (r == LIBUSB_ERROR_BUSY)
        return Status::error(fmt::format(
            "interface {} of {} is in use by another program (a serial terminal, ModemManager, "
            "another autox or the studio): close it and retry",
            itf, description_));
      if (r != 0 && itf == b.number)
        return Status::error(
            fmt::format("cannot claim interface {} of {}: {}", itf, description_, name(r)));
      if (r == 0) claimed_.push_back(itf);
    }
    if (b.alt != 0) libusb_set_interface_alt_setting(handle_, b.number, b.alt);
    if (b.cdc_control >= 0) {
      // CDC-ACM SET_CONTROL_LINE_STATE (DTR | RTS), as opening /dev/ttyACM* does: many USB
      // stacks (TinyUSB, the Pico SDK) send nothing until the host raises DTR. Best effort.
      libusb_control_transfer(handle_, 0x21, 0x22, 0x03, static_cast<uint16_t>(b.cdc_control),
                              nullptr, 0, 500);
    }
    ep_in_ = b.in;
    ep_out_ = b.out;
    in_packet_ = b.in_packet;
    return Status::ok();
  }

  long fail(int r, const char* what) {
    if (r == LIBUSB_ERROR_NO_DEVICE)
      error_ = fmt::format(
          "{}: the board was unplugged or reset; plug it in again and repeat the command",
          description_);
    else
      error_ = fmt::format("{}: error {} the board: {}", description_, what, name(r));
    gone_ = r == LIBUSB_ERROR_NO_DEVICE;
    return -1;
  }

  static std::string name(int r) {
    return fmt::format("{} ({})", libusb_strerror(static_cast<libusb_error>(r)),
                       libusb_error_name(r));
  }

  void close() {
    if (handle_) {
      for (const int itf : claimed_) libusb_release_interface(handle_, itf);
      if (!gone_)
        for (const int itf : detached_) libusb_attach_kernel_driver(handle_, itf);
      libusb_close(handle_);
      handle_ = nullptr;
    }
    if (ctx_) libusb_exit(ctx_);
    ctx_ = nullptr;
  }

  Uri uri_;
  libusb_context* ctx_ = nullptr;
  libusb_device_handle* handle_ = nullptr;
  uint8_t ep_in_ = 0, ep_out_ = 0;
  int in_packet_ = 64;
  std::vector<int> claimed_, detached_;
  bool gone_ = false;
  std::string description_;
};

}  // namespace

const std::vector<UsbBoardId>& known_usb_boards() {
  return kBoards;
}

bool usb_supported() {
  return true;
}

std::string UsbDeviceInfo::uri() const {
  return "usb:" + id_text(vid, pid) + (serial.empty() ? "" : "?serial=" + serial);
}

Status open_usb_transport(const Uri& uri, std::unique_ptr<Transport>* out) {
  auto t = std::make_unique<UsbTransport>();
  if (Status s = t->open(uri); !s) return s;
  *out = std::move(t);
  return Status::ok();
}

Status list_usb_devices(std::vector<UsbDeviceInfo>* out, bool all_devices) {
  out->clear();
  libusb_context* ctx = nullptr;
  if (Status s = init_context(&ctx); !s) return s;
  libusb_device** list = nullptr;
  const ssize_t count = libusb_get_device_list(ctx, &list);
  if (count < 0) {
    libusb_exit(ctx);
    return Status::error(std::string("cannot list USB devices: ") +
                         libusb_strerror(static_cast<libusb_error>(count)));
  }
  for (ssize_t i = 0; i < count; ++i) {
    libusb_device_descriptor dd{};
    if (libusb_get_device_descriptor(list[i], &dd) != 0) continue;
    if (!all_devices && !is_board(list[i], dd)) continue;
    out->push_back(describe(list[i], dd, true));
  }
  libusb_free_device_list(list, 1);
  libusb_exit(ctx);
  std::sort(out->begin(), out->end(), [](const UsbDeviceInfo& a, const UsbDeviceInfo& b) {
    return std::tie(a.bus, a.address) < std::tie(b.bus, b.address);
  });
  return Status::ok();
}

// ---- hotplug ------------------------------------------------------------------------------------
struct UsbMonitor::Impl {
  libusb_context* ctx = nullptr;
  libusb_hotplug_callback_handle handle = 0;
  bool hotplug = false;
  std::thread thread;
  std::atomic<bool> stop{false};
  Callback callback;
  std::mutex mutex;
  std::map<std::pair<int, int>, UsbDeviceInfo> present;  // (bus, address)

  static int LIBUSB_CALL on_event(libusb_context*, libusb_device* dev, libusb_hotplug_event ev,
                                  void* user) {
    auto* self = static_cast<Impl*>(user);
    const std::pair<int, int> key{libusb_get_bus_number(dev), libusb_get_device_address(dev)};
    if (ev == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED) {
      libusb_device_descriptor dd{};
      if (libusb_get_device_descriptor(dev, &dd) != 0 || !is_board(dev, dd)) return 0;
      // No I/O in the callback (libusb's rule): strings are not read here.
      const UsbDeviceInfo info = describe(dev, dd, false);
      {
        std::lock_guard<std::mutex> lock(self->mutex);
        self->present[key] = info;
      }
      self->callback(true, info);
    } else {
      UsbDeviceInfo info;
      {
        std::lock_guard<std::mutex> lock(self->mutex);
        auto it = self->present.find(key);
        if (it == self->present.end()) return 0;
        info = it->second;
        self->present.erase(it);
      }
      self->callback(false, info);
    }
    return 0;
  }

  void poll_loop(int poll_ms) {
    while (!stop) {
      std::vector<UsbDeviceInfo> now;
      if (list_usb_devices(&now)) {
        std::map<std::pair<int, int>, UsbDeviceInfo> next;
        for (const auto& d : now) next[{d.bus, d.address}] = d;
        for (const auto& [key, d] : present)
          if (!next.count(key)) callback(false, d);
        for (const auto& [key, d] : next)
          if (!present.count(key)) callback(true, d);
        std::lock_guard<std::mutex> lock(mutex);
        present = std::move(next);
      }
      for (int waited = 0; waited < poll_ms && !stop; waited += 50)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
};

UsbMonitor::UsbMonitor() : impl_(std::make_unique<Impl>()) {}

UsbMonitor::~UsbMonitor() {
  stop();
}

bool UsbMonitor::uses_hotplug() const {
  return impl_->hotplug;
}

Status UsbMonitor::start(Callback callback, int poll_ms, bool force_polling) {
  stop();
  impl_->stop = false;
  impl_->callback = std::move(callback);
  impl_->present.clear();
  if (Status s = init_context(&impl_->ctx); !s) return s;
  impl_->hotplug = !force_polling && libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) != 0;
  if (impl_->hotplug) {
    const int r = libusb_hotplug_register_callback(
        impl_->ctx,
        static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                          LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        LIBUSB_HOTPLUG_ENUMERATE, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
        LIBUSB_HOTPLUG_MATCH_ANY, &Impl::on_event, impl_.get(), &impl_->handle);
    impl_->hotplug = r == 0;
  }
  if (impl_->hotplug) {
    Impl* impl = impl_.get();
    impl_->thread = std::thread([impl] {
      while (!impl->stop) {
        timeval tv{0, 100000};
        libusb_handle_events_timeout_completed(impl->ctx, &tv, nullptr);
      }
    });
  } else {
    Impl* impl = impl_.get();
    impl_->thread = std::thread([impl, poll_ms] { impl->poll_loop(std::max(50, poll_ms)); });
  }
  return Status::ok();
}

void UsbMonitor::stop() {
  if (!impl_) return;
  impl_->stop = true;
  if (impl_->thread.joinable()) impl_->thread.join();
  if (impl_->ctx) {
    if (impl_->hotplug) libusb_hotplug_deregister_callback(impl_->ctx, impl_->handle);
    libusb_exit(impl_->ctx);
    impl_->ctx = nullptr;
  }
}

}  // namespace axdl
