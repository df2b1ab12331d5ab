// axdl_host.hpp: the device link host library (C++20, no Qt): transports, the request/response
// link with timeouts, retries and a frame trace, and the session API the CLI and studio use.
//
//   std::unique_ptr<axdl::Session> s;
//   if (axdl::Status st = axdl::Session::open("serial:/dev/ttyACM0?baud=921600", {}, &s); !st)
//     fail(st.message());
//   axdl_hello_resp info = s->info();
//   axdl::FlashResult r;
//   s->flash(image_bytes, [](const axdl::FlashProgress& p) { show(p); return !cancelled; }, &r);
//
// URIs: serial:/dev/ttyX[?baud=N]  tcp:HOST:PORT  usb:VID:PID[?serial=S][&interface=N]
// (sim/qemu are resolved by the caller).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include "axdl_protocol.h"
}

namespace axdl {

class Status {
 public:
  static Status ok() { return Status(); }
  static Status error(std::string message) {
    Status s;
    s.message_ = std::move(message);
    s.failed_ = true;
    return s;
  }
  explicit operator bool() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
  bool failed_ = false;
};

// A byte pipe to the board. read() waits at most timeout_ms; returns bytes read, 0 on timeout,
// -1 when the link is gone (error() then says why).
class Transport {
 public:
  virtual ~Transport() = default;
  virtual long write(const uint8_t* data, size_t n) = 0;  // all or -1
  virtual long read(uint8_t* data, size_t capacity, int timeout_ms) = 0;
  virtual void discard_input() {}
  virtual long baud() const { return 0; }  // 0: not a UART (TCP, USB)
  virtual std::string description() const = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

struct Uri {
  std::string scheme;  // serial, tcp, usb
  std::string path;    // device path or host
  int port = 0;
  long baud = 0;
  uint16_t vid = 0, pid = 0;  // usb
  std::string serial;         // usb: iSerialNumber to pick one of several boards ("" any)
  int interface = -1;         // usb: interface number (-1: the first with a bulk IN/OUT pair)
};
Status parse_uri(const std::string& text, Uri* out);
Status open_transport(const std::string& uri, std::unique_ptr<Transport>* out);
Status open_usb_transport(const Uri& uri, std::unique_ptr<Transport>* out);

// ---- USB (usb_transport.cpp; needs libusb-1.0 at build time) ------------------------------------
// A board we recognise by VID:PID. The table lives in usb_transport.cpp with the source of each ID.
struct UsbBoardId {
  uint16_t vid, pid;
  const char* name;  // "STM32 Virtual COM Port"
};
const std::vector<UsbBoardId>& known_usb_boards();
bool usb_supported();  // false when this build has no libusb

struct UsbDeviceInfo {
  uint16_t vid = 0, pid = 0;
  int bus = 0, address = 0;
  std::string board;    // name from the table, "" if the VID:PID is not in it
  std::string product;  // iProduct / iManufacturer / iSerialNumber when readable
  std::string manufacturer;
  std::string serial;
  int interface = -1;       // first interface with a bulk IN/OUT pair, -1 if none
  std::string problem;      // why the strings could not be read (permissions), "" if fine
  std::string uri() const;  // usb:VVVV:PPPP[?serial=S]
};
// Devices on the bus that are in known_usb_boards() or have a vendor-specific (0xFF) interface
// with a bulk IN/OUT pair; all devices with all_devices.
Status list_usb_devices(std::vector<UsbDeviceInfo>* out, bool all_devices = false);

// Arrivals and departures of USB boards: libusb hotplug callbacks where the platform offers
// them (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)), else a scan every poll_ms. The callback
// runs on the monitor's thread; it sees every board already present as an arrival first.
class UsbMonitor {
 public:
  using Callback = std::function<void(bool arrived, const UsbDeviceInfo& device)>;
  UsbMonitor();
  ~UsbMonitor();
  // force_polling: scan even where hotplug events exist (tests, odd platforms).
  Status start(Callback callback, int poll_ms = 1000, bool force_polling = false);
  void stop();
  bool uses_hotplug() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct TraceEntry {
  double time_s = 0;  // since the link was created
  bool to_board = false;
  uint8_t opcode = 0;
  uint8_t flags = 0;
  uint16_t seq = 0;
  size_t payload_bytes = 0;
  uint16_t status = 0;  // responses only
  std::string note;     // "retry 2", "timeout", "bad CRC", "event" ...
  std::string to_string() const;
};

struct LinkOptions {
  int timeout_ms = 1000;  // per attempt, plus the line time of the frames at the UART's baud
  int retries = 8;        // resends of one request before giving up
};

struct LinkStats {
  uint64_t requests = 0, resends = 0, timeouts = 0, bad_frames = 0;
  uint64_t bytes_sent = 0, bytes_received = 0;
};

class Link {
 public:
  Link(std::unique_ptr<Transport> transport, LinkOptions options);
  // Sends a request and waits for its answer (same opcode and sequence number), resending on
  // timeouts and on the agent's BAD_CRC / FRAME_TOO_* answers. On success *response holds the
  // answer's payload (status word first; decode it with the axdl_*_decode functions).
  Status request(uint8_t opcode, const uint8_t* payload, size_t n, std::vector<uint8_t>* response);
  // Pipelining (uploads): send() writes a request without waiting; receive() returns the next
  // answer frame (events are recorded and skipped). A damaged frame from the board, or the
  // board's answer that it got a damaged frame (opcode NONE), comes back as kDamaged.
  enum class Answer { kFrame, kTimeout, kDamaged };
  Status send(uint8_t opcode, const uint8_t* payload, size_t n, uint16_t* seq);
  Status receive(std::chrono::steady_clock::time_point deadline, Answer* kind, uint8_t* opcode,
                 uint16_t* seq, std::vector<uint8_t>* payload);
  // Per-try timeout for `frames` full frames in flight (base timeout + line time).
  std::chrono::milliseconds timeout_for(size_t frames) const;
  void set_trace_callback(std::function<void(const TraceEntry&)> callback);
  const std::vector<TraceEntry>& trace() const { return trace_; }  // the last 4096 entries
  const LinkStats& stats() const { return stats_; }
  void count_resends(size_t n) { stats_.resends += n; }  // pipelined requests sent again
  Transport& transport() { return *transport_; }
  // The boot greeting (an unsolicited HELLO answer), when one was seen.
  bool greeting(std::vector<uint8_t>* payload) const;

 private:
  void record(TraceEntry e);
  long read_frame(std::vector<uint8_t>* raw, std::chrono::steady_clock::time_point deadline);

  std::unique_ptr<Transport> transport_;
  LinkOptions options_;
  uint16_t next_seq_;
  axdl_rx rx_{};
  std::vector<uint8_t> rx_buffer_, tx_buffer_, pending_;
  size_t pending_pos_ = 0;
  std::vector<TraceEntry> trace_;
  std::function<void(const TraceEntry&)> trace_callback_;
  std::chrono::steady_clock::time_point start_;
  std::vector<uint8_t> greeting_;
  LinkStats stats_;
};

struct FlashProgress {
  uint64_t done = 0;  // bytes acknowledged by the board
  uint64_t total = 0;
  uint64_t resumed_from = 0;
  double bytes_per_second = 0;  // payload bytes of this session
  double eta_seconds = 0;
};

struct FlashResult {
  uint8_t slot = 0;
  uint64_t resumed_from = 0;
  uint64_t bytes_sent = 0;  // payload bytes sent in this session
  double seconds = 0;
  double bytes_per_second = 0;
  bool committed = false;
  uint64_t chunk_bytes_sent = 0;  // model bytes as they went over the line (compressed or not)
  uint64_t chunks_compressed = 0, chunks = 0;
};

struct RunStats {
  uint64_t cycles = 0;  // the board's counter over the whole run
  uint16_t layers = 0;
  double seconds = 0;  // host wall time including the transfers
  // Host wall time of each phase: TENSOR_INFO + SET_INPUT, RUN (compute plus one round trip),
  // GET_OUTPUT.
  double input_seconds = 0, run_seconds = 0, output_seconds = 0;
};

struct FlashOptions {
  bool commit = true;    // make the new slot active after its SHA-256 is verified
  bool compress = true;  // compress chunks (axdl_lz) when the board speaks AXDL_FEATURE_LZ
};

class Session {
 public:
  static Status open(const std::string& uri, LinkOptions options, std::unique_ptr<Session>* out);
  static Status open(std::unique_ptr<Transport> transport, LinkOptions options,
                     std::unique_ptr<Session>* out);

  const axdl_hello_resp& info() const { return hello_; }
  Status slots(axdl_slots_resp* out);
  // progress returns false to cancel. The board keeps its active model whatever happens; a
  // cancelled or cut upload resumes from the last acknowledged byte on the next flash().
  Status flash(const std::vector<uint8_t>& image,
               const std::function<bool(const FlashProgress&)>& progress, FlashResult* result,
               FlashOptions options = {});
  Status commit(uint8_t slot);
  Status rollback(uint8_t* active);
  Status logs(std::string* text);
  // Model I/O of the active model (kind 0 inputs, 1 outputs); all of them.
  Status tensors(uint8_t kind, std::vector<axdl_tensor_info>* out);
  // Writes every input (raw bytes, the sizes TENSOR_INFO gives), runs once, reads every output.
  Status run(const std::vector<std::vector<uint8_t>>& inputs,
             std::vector<std::vector<uint8_t>>* outputs, RunStats* stats);
  // Per-layer counts of the last run (instructions on QEMU, ns on the simulator).
  Status profile(std::vector<uint32_t>* cycles);
  Status reset();
  Link& link() { return link_; }

 private:
  Session(std::unique_ptr<Transport> transport, LinkOptions options);
  Status call(uint8_t opcode, const axdl_writer* request, std::vector<uint8_t>* response);
  Status hello();

  Link link_;
  axdl_hello_resp hello_{};
};

// "TOO_BIG: model 5000000 bytes, slot 2093056 bytes. <hint>"
std::string describe_error(uint8_t opcode, const axdl_error_resp& e);
std::string hex(const uint8_t* bytes, size_t n);
void sha256(const uint8_t* data, size_t n, uint8_t out[AXDL_SHA256_BYTES]);

}  // namespace axdl
