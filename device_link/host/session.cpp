// session.cpp: the request/response link (timeouts, retries, trace) and the session API.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <random>

#include "axdl_host.hpp"

namespace axdl {

using Clock = std::chrono::steady_clock;

std::string hex(const uint8_t* bytes, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += digits[bytes[i] >> 4];
    s += digits[bytes[i] & 15];
  }
  return s;
}

void sha256(const uint8_t* data, size_t n, uint8_t out[AXDL_SHA256_BYTES]) {
  axdl_sha256 s;
  axdl_sha256_init(&s);
  axdl_sha256_update(&s, data, n);
  axdl_sha256_final(&s, out);
}

std::string TraceEntry::to_string() const {
  std::string s = fmt::format("{:10.6f} {} {:<13} seq {:5} {:5} B", time_s, to_board ? "->" : "<-",
                              axdl_opcode_name(opcode), seq, payload_bytes);
  if (!to_board && (flags & AXDL_FLAG_RESPONSE)) s += fmt::format("  {}", axdl_status_name(status));
  if (!note.empty()) s += "  (" + note + ")";
  return s;
}

std::string describe_error(uint8_t opcode, const axdl_error_resp& e) {
  std::string detail;
  switch (e.status) {
    case AXDL_ST_TOO_BIG:
      detail = fmt::format("model is {} bytes, the board's model slot holds {} bytes", e.arg[0],
                           e.arg[1]);
      break;
    case AXDL_ST_BAD_OFFSET:
      detail = fmt::format("board expects offset {}, got {}", e.arg[0], e.arg[1]);
      break;
    case AXDL_ST_BAD_VERSION:
      detail = fmt::format("board speaks protocol {}, this host {}", e.arg[0], e.arg[1]);
      break;
    case AXDL_ST_FLASH_ERROR:
      detail = fmt::format("at flash address 0x{:x}", e.arg[0]);
      break;
    case AXDL_ST_UNKNOWN_OPCODE:
      detail = fmt::format("opcode 0x{:02x}", e.arg[0]);
      break;
    case AXDL_ST_NO_RAM:
      detail = fmt::format("the model's arena needs {} bytes, the board has {} bytes", e.arg[0],
                           e.arg[1]);
      break;
    case AXDL_ST_MODEL_ERROR:
      detail = fmt::format("runtime status {}", e.arg[0]);
      break;
    default:
      break;
  }
  return fmt::format("board answered {} with {}{}. {}", axdl_opcode_name(opcode),
                     axdl_status_name(e.status), detail.empty() ? "" : " (" + detail + ")",
                     axdl_status_hint(e.status));
}

// ---- Link -------------------------------------------------------------------------------------
Link::Link(std::unique_ptr<Transport> transport, LinkOptions options)
    : transport_(std::move(transport)),
      options_(options),
      rx_buffer_(AXDL_MAX_ENCODED),
      tx_buffer_(AXDL_MAX_ENCODED),
      pending_(8192),
      start_(Clock::now()) {
  // A random first sequence number: a new session never collides with the agent's memory of
  // the previous session's last request (which it would answer from its cache).
  std::random_device rd;
  next_seq_ = static_cast<uint16_t>(rd());
  axdl_rx_init(&rx_, rx_buffer_.data(), rx_buffer_.size());
  pending_.resize(0);
}

void Link::set_trace_callback(std::function<void(const TraceEntry&)> callback) {
  trace_callback_ = std::move(callback);
}

bool Link::greeting(std::vector<uint8_t>* payload) const {
  if (greeting_.empty()) return false;
  *payload = greeting_;
  return true;
}

void Link::record(TraceEntry e) {
  e.time_s = std::chrono::duration<double>(Clock::now() - start_).count();
  if (trace_callback_) trace_callback_(e);
  if (trace_.size() >= 4096) trace_.erase(trace_.begin(), trace_.begin() + 1024);
  trace_.push_back(std::move(e));
}

// Returns 1 with the raw (still encoded) frame, 0 at the deadline, -1 when the link is gone.
long Link::read_frame(std::vector<uint8_t>* raw, Clock::time_point deadline) {
  for (;;) {
    while (pending_pos_ < pending_.size()) {
      const int r = axdl_rx_feed(&rx_, pending_[pending_pos_++]);
      if (r == AXDL_RX_FRAME) {
        raw->assign(rx_buffer_.begin(), rx_buffer_.begin() + axdl_rx_length(&rx_));
        return 1;
      }
      if (r == AXDL_RX_OVERSIZE) {
        ++stats_.bad_frames;
        record({0, false, 0, 0, 0, 0, 0, "oversized frame from the board dropped"});
      }
    }
    const auto now = Clock::now();
    if (now >= deadline) return 0;
    const int wait_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1);
    pending_.resize(4096);
    pending_pos_ = 0;
    const long n = transport_->read(pending_.data(), pending_.size(), wait_ms);
    pending_.resize(n > 0 ? static_cast<size_t>(n) : 0);
    if (n < 0) return -1;
    stats_.bytes_received += static_cast<uint64_t>(n > 0 ? n : 0);
  }
}

std::chrono::milliseconds Link::timeout_for(size_t frames) const {
  const long baud = transport_->baud();
  const long line_ms =
      baud > 0 ? static_cast<long>((frames + 1) * AXDL_MAX_ENCODED * 10 * 2000 / baud) : 0;
  return std::chrono::milliseconds(options_.timeout_ms + line_ms);
}

Status Link::send(uint8_t opcode, const uint8_t* payload, size_t n, uint16_t* seq) {
  *seq = next_seq_++;
  const size_t wire =
      axdl_frame_encode(opcode, 0, *seq, payload, n, tx_buffer_.data(), tx_buffer_.size());
  if (wire == 0) return Status::error(fmt::format("request of {} bytes is too long", n));
  ++stats_.requests;
  record({0, true, opcode, 0, *seq, n, 0, ""});
  if (transport_->write(tx_buffer_.data(), wire) < 0) return Status::error(transport_->error());
  stats_.bytes_sent += wire;
  return Status::ok();
}

Status Link::receive(Clock::time_point deadline, Answer* kind, uint8_t* opcode, uint16_t* seq,
                     std::vector<uint8_t>* payload) {
  std::vector<uint8_t> raw;
  for (;;) {
    const long r = read_frame(&raw, deadline);
    if (r < 0) return Status::error(transport_->error());
    if (r == 0) {
      ++stats_.timeouts;
      record({0, false, 0, 0, 0, 0, 0, "timeout"});
      *kind = Answer::kTimeout;
      return Status::ok();
    }
    axdl_frame f;
    const axdl_status fs = axdl_frame_decode(raw.data(), raw.size(), &f);
    if (fs != AXDL_ST_OK) {
      ++stats_.bad_frames;
      record({0, false, 0, 0, 0, raw.size(), 0,
              fmt::format("damaged frame from the board: {}", axdl_status_name(fs))});
      *kind = Answer::kDamaged;
      return Status::ok();
    }
    uint16_t status = 0;
    if (f.payload_length >= 2) status = static_cast<uint16_t>(f.payload[0] | (f.payload[1] << 8));
    TraceEntry e{0, false, f.opcode, f.flags, f.seq, f.payload_length, status, ""};
    if (f.flags & AXDL_FLAG_EVENT) {
      e.note = "greeting";
      record(e);
      greeting_.assign(f.payload, f.payload + f.payload_length);
      continue;
    }
    if (!(f.flags & AXDL_FLAG_RESPONSE)) continue;
    if (f.opcode == AXDL_OP_NONE) {
      e.note = "board got a damaged frame";
      record(e);
      *kind = Answer::kDamaged;
      return Status::ok();
    }
    record(e);
    *kind = Answer::kFrame;
    *opcode = f.opcode;
    *seq = f.seq;
    payload->assign(f.payload, f.payload + f.payload_length);
    return Status::ok();
  }
}

Status Link::request(uint8_t opcode, const uint8_t* payload, size_t n,
                     std::vector<uint8_t>* response) {
  const uint16_t seq = next_seq_++;
  const size_t wire =
      axdl_frame_encode(opcode, 0, seq, payload, n, tx_buffer_.data(), tx_buffer_.size());
  if (wire == 0) return Status::error(fmt::format("request of {} bytes is too long", n));
  // Line time of the request and the longest answer at the UART's rate, twice for margin.
  const long baud = transport_->baud();
  const int line_ms = baud > 0 ? static_cast<int>((wire + AXDL_MAX_ENCODED) * 10 * 2000 / baud) : 0;
  const auto timeout = std::chrono::milliseconds(options_.timeout_ms + line_ms);
  ++stats_.requests;
  std::vector<uint8_t> raw;
  std::string why = "no answer";
  for (int attempt = 0; attempt <= options_.retries; ++attempt) {
    if (attempt > 0) ++stats_.resends;
    record({0, true, opcode, 0, seq, n, 0, attempt ? fmt::format("resend {}", attempt) : ""});
    if (transport_->write(tx_buffer_.data(), wire) < 0) return Status::error(transport_->error());
    stats_.bytes_sent += wire;
    const auto deadline = Clock::now() + timeout;
    bool resend = false;
    while (!resend) {
      const long r = read_frame(&raw, deadline);
      if (r < 0)
        return Status::error(
            transport_->error() +
            fmt::format(" while waiting for the answer to {}", axdl_opcode_name(opcode)));
      if (r == 0) {
        ++stats_.timeouts;
        record(
            {0, false, opcode, 0, seq, 0, 0, fmt::format("timeout after {} ms", timeout.count())});
        why = fmt::format("no answer within {} ms", timeout.count());
        break;
      }
      axdl_frame f;
      const axdl_status fs = axdl_frame_decode(raw.data(), raw.size(), &f);
      if (fs != AXDL_ST_OK) {
        ++stats_.bad_frames;
        record({0, false, 0, 0, 0, raw.size(), 0,
                fmt::format("damaged frame from the board: {}", axdl_status_name(fs))});
        why = "answers arrive damaged";
        continue;  // its answer may still come intact on a resend; wait for the timeout
      }
      uint16_t status = 0;
      if (f.payload_length >= 2) status = static_cast<uint16_t>(f.payload[0] | (f.payload[1] << 8));
      TraceEntry e{0, false, f.opcode, f.flags, f.seq, f.payload_length, status, ""};
      if (f.flags & AXDL_FLAG_EVENT) {
        e.note = "greeting";
        record(e);
        greeting_.assign(f.payload, f.payload + f.payload_length);
        continue;
      }
      if (f.opcode == AXDL_OP_NONE &&
          (status == AXDL_ST_BAD_CRC || status == AXDL_ST_FRAME_TOO_SHORT ||
           status == AXDL_ST_FRAME_TOO_LONG)) {
        e.note = "board got a damaged frame";
        record(e);
        why = "the board keeps receiving damaged frames";
        resend = true;
        continue;
      }
      if (!(f.flags & AXDL_FLAG_RESPONSE) || f.seq != seq || f.opcode != opcode) {
        e.note = "stale answer ignored";
        record(e);
        continue;
      }
      record(e);
      response->assign(f.payload, f.payload + f.payload_length);
      return Status::ok();
    }
  }
  return Status::error(fmt::format(
      "{}: {} to {} after {} tries. Check that the board runs the Auto-X agent, that the port "
      "and baud rate are right, and that no other program uses the port.",
      transport_->description(), why, axdl_opcode_name(opcode), options_.retries + 1));
}

// ---- Session ----------------------------------------------------------------------------------
Session::Session(std::unique_ptr<Transport> transport, LinkOptions options)
    : link_(std::move(transport), options) {}

Status Session::open(const std::string& uri, LinkOptions options, std::unique_ptr<Session>* out) {
  std::unique_ptr<Transport> t;
  if (Status s = open_transport(uri, &t); !s) return s;
  return open(std::move(t), options, out);
}

Status Session::open(std::unique_ptr<Transport> transport, LinkOptions options,
                     std::unique_ptr<Session>* out) {
  transport->discard_input();  // a greeting sent before we opened the port is stale
  std::unique_ptr<Session> s(new Session(std::move(transport), options));
  if (Status st = s->hello(); !st) return st;
  *out = std::move(s);
  return Status::ok();
}

Status Session::call(uint8_t opcode, const axdl_writer* request, std::vector<uint8_t>* response) {
  if (request && request->overflow) return Status::error("request does not fit a frame");
  return link_.request(opcode, request ? request->data : nullptr, request ? request->length : 0,
                       response);
}

#define AXDL_CHECK_ANSWER(opcode, expr)                                                 \
  do {                                                                                  \
    axdl_error_resp err_{};                                                             \
    const axdl_status st_ = (expr);                                                     \
    if (st_ == AXDL_ST_BAD_LENGTH && err_.status == 0)                                  \
      return Status::error(                                                             \
          fmt::format("malformed {} answer from the board", axdl_opcode_name(opcode))); \
    if (st_ != AXDL_ST_OK) return Status::error(describe_error(opcode, err_));          \
  } while (0)

Status Session::hello() {
  uint8_t buf[8];
  axdl_writer w;
  axdl_writer_init(&w, buf, sizeof buf);
  // Announce the optional features; an agent from before them answers BAD_LENGTH, and is asked
  // again in the version-1 form.
  axdl_hello_req req{AXDL_PROTOCOL_VERSION, 1, AXDL_FEATURE_LZ};
  axdl_hello_req_encode(&w, &req);
  std::vector<uint8_t> resp;
  if (Status s = call(AXDL_OP_HELLO, &w, &resp); !s) return s;
  axdl_error_resp e{};
  if (axdl_status_decode(resp.data(), resp.size(), &e) == AXDL_ST_BAD_LENGTH && e.status != 0) {
    axdl_writer_init(&w, buf, sizeof buf);
    req.has_features = 0;
    axdl_hello_req_encode(&w, &req);
    if (Status s = call(AXDL_OP_HELLO, &w, &resp); !s) return s;
  }
  AXDL_CHECK_ANSWER(AXDL_OP_HELLO,
                    axdl_hello_resp_decode(resp.data(), resp.size(), &hello_, &err_));
  return Status::ok();
}

Status Session::slots(axdl_slots_resp* out) {
  std::vector<uint8_t> resp;
  if (Status s = call(AXDL_OP_SLOTS, nullptr, &resp); !s) return s;
  AXDL_CHECK_ANSWER(AXDL_OP_SLOTS, axdl_slots_resp_decode(resp.data(), resp.size(), out, &err_));
  return Status::ok();
}

Status Session::commit(uint8_t slot) {
  uint8_t buf[4];
  axdl_writer w;
  axdl_writer_init(&w, buf, sizeof buf);
  axdl_slot_req req{slot};
  axdl_slot_req_encode(&w, &req);
  std::vector<uint8_t> resp;
  if (Status s = call(AXDL_OP_COMMIT, &w, &resp); !s) return s;
  axdl_active_resp a{};
  AXDL_CHECK_ANSWER(AXDL_OP_COMMIT, axdl_active_resp_decode(resp.data(), resp.size(), &a, &err_));
  return Status::ok();
}

Status Session::rollback(uint8_t* active) {
  std::vector<uint8_t> resp;
  if (Status s = call(AXDL_OP_ROLLBACK, nullptr, &resp); !s) return s;
  axdl_active_resp a{};
  AXDL_CHECK_ANSWER(AXDL_OP_ROLLBACK, axdl_active_resp_decode(resp.data(), resp.size(), &a, &err_));
  if (active) *active = a.active;
  return Status::ok();
}

Status Session::logs(std::string* text) {
  std::vector<uint8_t> resp;
  if (Status s = call(AXDL_OP_GET_LOG, nullptr, &resp); !s) return s;
  axdl_log_resp m{};
  AXDL_CHECK_ANSWER(AXDL_OP_GET_LOG, axdl_log_resp_decode(resp.data(), resp.size(), &m, &err_));
  text->assign(m.text, m.length);
  if (m.dropped)
    *text += fmt::format("({} log lines were dropped: the board's log was full)\n", m.dropped);
  return Status::ok();
}

Status Session::tensors(uint8_t kind, std::vector<axdl_tensor_info>* out) {
  out->clear();
  for (uint8_t i = 0;; ++i) {
    uint8_t buf[4];
    axdl_writer w;
    axdl_writer_init(&w, buf, sizeof buf);
    axdl_tensor_info_req req{kind, i};
    axdl_tensor_info_req_encode(&w, &req);
    std::vector<uint8_t> resp;
    if (Status s = call(AXDL_OP_TENSOR_INFO, &w, &resp); !s) return s;
    axdl_tensor_info info{};
    AXDL_CHECK_ANSWER(AXDL_OP_TENSOR_INFO,
                      axdl_tensor_info_resp_decode(resp.data(), resp.size(), &info, &err_));
    out->push_back(info);
    if (out->size() >= info.count) return Status::ok();
  }
}

Status Session::run(const std::vector<std::vector<uint8_t>>& inputs,
                    std::vector<std::vector<uint8_t>>* outputs, RunStats* stats) {
  const auto t0 = Clock::now();
  std::vector<axdl_tensor_info> in_info, out_info;
  if (Status s = tensors(0, &in_info); !s) return s;
  if (Status s = tensors(1, &out_info); !s) return s;
  if (inputs.size() != in_info.size())
    return Status::error(fmt::format("the board's model takes {} input(s), {} given",
                                     in_info.size(), inputs.size()));
  std::vector<uint8_t> buf(AXDL_MAX_PAYLOAD), resp;
  axdl_writer w;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].size() != in_info[i].bytes)
      return Status::error(fmt::format("input {} ('{}') is {} bytes, the board's model expects {}",
                                       i, in_info[i].name, inputs[i].size(), in_info[i].bytes));
    for (size_t at = 0; at < inputs[i].size(); at += AXDL_MAX_CHUNK) {
      axdl_writer_init(&w, buf.data(), buf.size());
      axdl_tensor_data_req q{};
      q.index = static_cast<uint8_t>(i);
      q.offset = static_cast<uint32_t>(at);
      q.data = inputs[i].data() + at;
      q.length = static_cast<uint16_t>(std::min<size_t>(AXDL_MAX_CHUNK, inputs[i].size() - at));
      axdl_tensor_data_req_encode(&w, &q);
      if (Status s = call(AXDL_OP_SET_INPUT, &w, &resp); !s) return s;
      AXDL_CHECK_ANSWER(AXDL_OP_SET_INPUT, axdl_ok_resp_decode(resp.data(), resp.size(), &err_));
    }
  }
  const auto t_run = Clock::now();
  stats->input_seconds = std::chrono::duration<double>(t_run - t0).count();
  if (Status s = call(AXDL_OP_RUN, nullptr, &resp); !s) return s;
  const auto t_output = Clock::now();
  stats->run_seconds = std::chrono::duration<double>(t_output - t_run).count();
  axdl_run_resp r{};
  AXDL_CHECK_ANSWER(AXDL_OP_RUN, axdl_run_resp_decode(resp.data(), resp.size(), &r, &err_));
  stats->cycles = (static_cast<uint64_t>(r.cycles_high) << 32) | r.cycles_low;
  stats->layers = r.layer_count;
  outputs->assign(out_info.size(), {});
  for (size_t o = 0; o < out_info.size(); ++o) {
    auto& out = (*outputs)[o];
    out.reserve(out_info[o].bytes);
    while (out.size() < out_info[o].bytes) {
      axdl_writer_init(&w, buf.data(), buf.size());
      axdl_get_output_req q{static_cast<uint8_t>(o), static_cast<uint32_t>(out.size()),
                            static_cast<uint16_t>(AXDL_MAX_CHUNK)};
      axdl_get_output_req_encode(&w, &q);
      if (Status s = call(AXDL_OP_GET_OUTPUT, &w, &resp); !s) return s;
      axdl_get_output_resp g{};
      AXDL_CHECK_ANSWER(AXDL_OP_GET_OUTPUT,
                        axdl_get_output_resp_decode(resp.data(), resp.size(), &g, &err_));
      if (g.length == 0 || g.total_bytes != out_info[o].bytes)
        return Status::error("the board's output sizes changed during the read");
      out.insert(out.end(), g.data, g.data + g.length);
    }
  }
  stats->seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  stats->output_seconds = std::chrono::duration<double>(Clock::now() - t_output).count();
  return Status::ok();
}

Status Session::profile(std::vector<uint32_t>* cycles) {
  cycles->clear();
  std::vector<uint8_t> buf(8), resp;
  axdl_writer w;
  for (;;) {
    axdl_writer_init(&w, buf.data(), buf.size());
    axdl_get_profile_req q{static_cast<uint16_t>(cycles->size())};
    axdl_get_profile_req_encode(&w, &q);
    if (Status s = call(AXDL_OP_GET_PROFILE, &w, &resp); !s) return s;
    axdl_get_profile_resp p{};
    AXDL_CHECK_ANSWER(AXDL_OP_GET_PROFILE,
                      axdl_get_profile_resp_decode(resp.data(), resp.size(), &p, &err_));
    for (uint16_t i = 0; i < p.count; ++i) cycles->push_back(axdl_profile_cycles(&p, i));
    if (cycles->size() >= p.layer_count || p.count == 0) return Status::ok();
  }
}

Status Session::reset() {
  std::vector<uint8_t> resp;
  if (Status s = call(AXDL_OP_RESET, nullptr, &resp); !s) return s;
  AXDL_CHECK_ANSWER(AXDL_OP_RESET, axdl_ok_resp_decode(resp.data(), resp.size(), &err_));
  return hello();
}

Status Session::flash(const std::vector<uint8_t>& image,
                      const std::function<bool(const FlashProgress&)>& progress,
                      FlashResult* result, FlashOptions options) {
  *result = FlashResult{};
  if (image.empty()) return Status::error("the model file is empty");
  // Refuse before sending a byte when the model cannot fit.
  if (image.size() > hello_.slot_bytes)
    return Status::error(fmt::format(
        "model is {} bytes but the board's model slot holds {} bytes ({} bytes of flash, two "
        "slots): quantize the model (int8), prune it, or use a board with more flash",
        image.size(), hello_.slot_bytes, hello_.flash_bytes));
  uint8_t digest[AXDL_SHA256_BYTES];
  sha256(image.data(), image.size(), digest);
  const auto t0 = Clock::now();
  std::vector<uint8_t> resp;
  std::vector<uint8_t> buf(AXDL_MAX_PAYLOAD);
  axdl_writer w;

  auto begin = [&](axdl_upload_begin_resp* b) -> Status {
    axdl_writer_init(&w, buf.data(), buf.size());
    axdl_upload_begin_req req{};
    req.size = static_cast<uint32_t>(image.size());
    std::memcpy(req.sha256, digest, sizeof digest);
    axdl_upload_begin_req_encode(&w, &req);
    if (Status s = call(AXDL_OP_UPLOAD_BEGIN, &w, &resp); !s) return s;
    AXDL_CHECK_ANSWER(AXDL_OP_UPLOAD_BEGIN,
                      axdl_upload_begin_resp_decode(resp.data(), resp.size(), b, &err_));
    if (b->resume_offset > image.size())
      return Status::error("board reported a resume offset past the end of the model");
    return Status::ok();
  };

  axdl_upload_begin_resp b{};
  if (Status s = begin(&b); !s) return s;
  result->slot = b.slot;
  result->resumed_from = b.resume_offset;
  const uint64_t total = image.size();
  uint64_t acked = b.resume_offset;  // persisted on the board
  uint64_t next = acked;             // next byte to send
  struct InFlight {
    uint16_t seq;
    uint64_t offset;
    size_t length;
  };
  std::deque<InFlight> in_flight;
  const size_t window = std::max<size_t>(1, std::min<size_t>(hello_.rx_window, AXDL_MAX_WINDOW));
  const auto timeout = link_.timeout_for(window);
  bool compress = options.compress && (hello_.features & AXDL_FEATURE_LZ);
  std::vector<uint8_t> packed(AXDL_MAX_CHUNK_LZ);
  int failures = 0;  // consecutive tries without progress
  const int max_failures = 8;
  std::string last_problem;
  // Start over from what the board has: forget what is in flight (its answers are ignored).
  auto resync = [&](uint64_t board_offset, std::string problem) -> Status {
    last_problem = std::move(problem);
    if (++failures > max_failures)
      return Status::error(fmt::format(
          "{}: the upload makes no progress ({}) after {} tries. It stopped at {} of {} bytes; "
          "the board keeps its current model. Check the cable and baud rate, then flash again "
          "to resume.",
          link_.transport().description(), last_problem, max_failures, acked, total));
    if (next > board_offset)
      link_.count_resends(
          static_cast<size_t>((next - board_offset + b.max_chunk - 1) / b.max_chunk));
    in_flight.clear();
    next = acked = board_offset;
    return Status::ok();
  };
  while (acked < total) {
    while (in_flight.size() < window && next < total) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(b.max_chunk, total - next));
      axdl_writer_init(&w, buf.data(), buf.size());
      // Compressed when that is shorter; raw otherwise (random or already dense data).
      const size_t z = compress ? axdl_lz_encode(image.data() + next, n, packed.data(),
                                                 std::min(packed.size(), n - 1))
                                : 0;
      uint8_t op = AXDL_OP_UPLOAD_CHUNK;
      if (z > 0) {
        axdl_upload_chunk_lz_req c{static_cast<uint32_t>(next), axdl_crc32(packed.data(), z),
                                   static_cast<uint16_t>(n), packed.data(),
                                   static_cast<uint16_t>(z)};
        axdl_upload_chunk_lz_req_encode(&w, &c);
        op = AXDL_OP_UPLOAD_CHUNK_LZ;
        ++result->chunks_compressed;
      } else {
        axdl_upload_chunk_req c{};
        c.offset = static_cast<uint32_t>(next);
        c.data = image.data() + next;
        c.length = static_cast<uint16_t>(n);
        c.crc32 = axdl_crc32(c.data, n);
        axdl_upload_chunk_req_encode(&w, &c);
      }
      ++result->chunks;
      result->chunk_bytes_sent += z > 0 ? z : n;
      uint16_t seq = 0;
      if (Status s = link_.send(op, buf.data(), w.length, &seq); !s)
        return Status::error(fmt::format(
            "{}\nThe upload stopped at {} of {} bytes; the board keeps its current model. Flash "
            "again to resume from there.",
            s.message(), acked, total));
      in_flight.push_back({seq, next, n});
      next += n;
    }
    Link::Answer kind{};
    uint8_t opcode = 0;
    uint16_t seq = 0;
    if (Status s = link_.receive(Clock::now() + timeout, &kind, &opcode, &seq, &resp); !s)
      return Status::error(fmt::format(
          "{}\nThe upload stopped at {} of {} bytes; the board keeps its current model. Flash "
          "again to resume from there.",
          s.message(), acked, total));
    if (kind == Link::Answer::kTimeout || kind == Link::Answer::kDamaged) {
      // Which frame was hit is unknown: ask nothing, resend from the last acknowledged byte.
      // Chunks still queued on the board get BAD_OFFSET answers, which are ignored as stale.
      const char* what = kind == Link::Answer::kTimeout ? "no answer" : "damaged frames";
      if (Status s = resync(acked, what); !s) return s;
      continue;
    }
    auto it = std::find_if(in_flight.begin(), in_flight.end(),
                           [&](const InFlight& f) { return f.seq == seq; });
    if ((opcode != AXDL_OP_UPLOAD_CHUNK && opcode != AXDL_OP_UPLOAD_CHUNK_LZ) ||
        it == in_flight.end())
      continue;                                  // stale answer
    in_flight.erase(in_flight.begin(), it + 1);  // answers come in order: earlier ones are lost
    axdl_error_resp err{};
    axdl_upload_chunk_resp ack{};
    const axdl_status st = axdl_upload_chunk_resp_decode(resp.data(), resp.size(), &ack, &err);
    if (st == AXDL_ST_OK) {
      if (ack.next_offset <= acked || ack.next_offset > total)
        return Status::error("board acknowledged an impossible offset");
      acked = ack.next_offset;
      failures = 0;
    } else if (st == AXDL_ST_CHUNK_CRC) {
      if (Status s = resync(acked, "chunks arrive damaged"); !s) return s;
    } else if (st == AXDL_ST_BAD_COMPRESSED) {
      compress = false;  // the board cannot decode ours: the rest goes uncompressed
      if (Status s = resync(acked, "compressed chunks do not decode on the board"); !s) return s;
    } else if (st == AXDL_ST_BAD_OFFSET && err.arg[0] <= total) {
      if (Status s = resync(err.arg[0], "the board expects another offset"); !s) return s;
    } else if (st == AXDL_ST_BAD_STATE) {
      if (Status s = resync(acked, "the board restarted"); !s) return s;
      if (Status s = begin(&b); !s) return s;  // reopen the upload; it resumes
      next = acked = b.resume_offset;
    } else {
      if (st == AXDL_ST_BAD_LENGTH && err.status == 0)
        return Status::error("malformed UPLOAD_CHUNK answer from the board");
      return Status::error(describe_error(opcode, err));
    }
    const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    FlashProgress p;
    p.done = acked;
    p.total = total;
    p.resumed_from = result->resumed_from;
    p.bytes_per_second = secs > 0 ? static_cast<double>(acked - result->resumed_from) / secs : 0;
    p.eta_seconds =
        p.bytes_per_second > 0 ? static_cast<double>(total - acked) / p.bytes_per_second : 0;
    if (progress && !progress(p))
      return Status::error(fmt::format(
          "flash cancelled at {} of {} bytes; the board keeps its current model; flashing the "
          "same model again resumes from there",
          acked, total));
  }
  // Answers to chunks still queued on the board after a resync are stale: request() skips them.
  if (Status s = call(AXDL_OP_UPLOAD_FINISH, nullptr, &resp); !s) return s;
  axdl_upload_finish_resp fin{};
  AXDL_CHECK_ANSWER(AXDL_OP_UPLOAD_FINISH,
                    axdl_upload_finish_resp_decode(resp.data(), resp.size(), &fin, &err_));
  if (std::memcmp(fin.sha256, digest, sizeof digest) != 0)
    return Status::error("board reports SHA-256 " + hex(fin.sha256, 32) + " but the file has " +
                         hex(digest, 32) + "; flash again");
  result->seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  result->bytes_sent = total - result->resumed_from;
  result->bytes_per_second =
      result->seconds > 0 ? static_cast<double>(result->bytes_sent) / result->seconds : 0;
  if (options.commit) {
    if (Status s = commit(fin.slot); !s) return s;
    result->committed = true;
  }
  return Status::ok();
}

}  // namespace axdl
