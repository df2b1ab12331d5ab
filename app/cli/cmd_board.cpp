// cmd_board.cpp: autox board list | info | log | rollback | run | profile, and autox flash.
//
//   autox board list [--json] [--watch]
//   autox board info --board URI [--json]
//   autox flash MODEL.axm --board URI [--no-commit] [--no-compress] [--trace FILE]
//   autox board run --board URI --input-dir IN --output-dir OUT
//   autox board profile --board URI [--model M.axm] [--input-dir IN] [--runs N] [--json]
//
// URI: sim | qemu | serial:/dev/ttyACM0?baud=921600 | tcp:127.0.0.1:PORT | usb:VID:PID
#include "cmd_board.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "axdl_host.hpp"
#include "cli_util.hpp"
#include "cmd_board_sim.hpp"
#include "cmd_runs_store.hpp"
#include "host_profile.hpp"
#include "import/onnx/onnx_importer.hpp"
#include "ir/tensor.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

using autox::fail;

struct BoardOptions {
  std::string board;
  std::string model;
  std::string in_dir, out_dir;
  std::string trace_file;
  bool as_json = false;
  bool no_commit = false;
  bool no_compress = false;
  bool watch = false;
  int timeout_ms = 1000;
  int runs = 1;
  bool no_history = false;
  std::vector<std::string> tags;
};

axdl::Status connect(const BoardOptions& o, std::unique_ptr<axdl::Session>* out) {
  std::string uri = o.board;
  if (uri == "sim" || uri.rfind("sim?", 0) == 0) {
    if (axdl::Status s = resolve_sim_board(&uri); !s) return s;
  } else if (uri == "qemu") {
    if (axdl::Status s = resolve_qemu_board(&uri); !s) return s;
  }
  axdl::LinkOptions lo;
  lo.timeout_ms = o.timeout_ms;
  // QEMU's UART moves 5-30 kB/s and a run takes seconds of emulated time.
  if (o.board == "qemu" && o.timeout_ms == BoardOptions{}.timeout_ms) lo.timeout_ms = 30000;
  axdl::Status s = axdl::Session::open(uri, lo, out);
  if (!s && o.board != uri) return axdl::Status::error(o.board + " (" + uri + "): " + s.message());
  return s;
}

void write_trace(const BoardOptions& o, axdl::Session& s) {
  if (o.trace_file.empty()) return;
  std::ofstream f(o.trace_file);
  for (const auto& e : s.link().trace()) f << e.to_string() << "\n";
}

std::string slot_name(uint8_t slot) {
  return slot == 0 ? "A" : slot == 1 ? "B" : "none";
}

const char* state_name(uint8_t state) {
  switch (state) {
    case AXDL_SLOT_EMPTY:
      return "empty";
    case AXDL_SLOT_RECEIVING:
      return "partial";
    case AXDL_SLOT_READY:
      return "ready";
    default:
      return "?";
  }
}

std::string bytes_text(double v) {
  if (v >= 1 << 20) return fmt::format("{:.2f} MiB", v / (1 << 20));
  if (v >= 1 << 10) return fmt::format("{:.1f} KiB", v / (1 << 10));
  return fmt::format("{:.0f} B", v);
}

// Prints USB boards as they come and go until Ctrl-C (libusb hotplug, else a 1 s scan).
volatile std::sig_atomic_t g_watch_stop = 0;

int watch_usb() {
  axdl::UsbMonitor monitor;
  std::mutex out;
  const axdl::Status st = monitor.start([&](bool arrived, const axdl::UsbDeviceInfo& d) {
    std::lock_guard<std::mutex> lock(out);
    std::cout << fmt::format("{} {:<40} {} (bus {} device {})", arrived ? "+" : "-", d.uri(),
                             d.board.empty() ? "USB board" : d.board, d.bus, d.address)
              << std::endl;
  });
  if (!st) return fail(st.message());
  std::cerr << fmt::format("watching USB boards ({}); Ctrl-C stops\n",
                           monitor.uses_hotplug() ? "hotplug events" : "scanning every second");
  std::signal(SIGINT, [](int) { g_watch_stop = 1; });
  std::signal(SIGTERM, [](int) { g_watch_stop = 1; });
  while (!g_watch_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  monitor.stop();
  return 0;
}

int cmd_list(const BoardOptions& o) {
  json boards = json::array();
  std::error_code ec;
  // Real serial ports: stable names first (/dev/serial/by-id), then the raw device nodes.
  std::set<std::string> seen;
  if (fs::exists("/dev/serial/by-id", ec))
    for (const auto& e : fs::directory_iterator("/dev/serial/by-id", ec)) {
      const std::string target = fs::weakly_canonical(e.path(), ec).string();
      seen.insert(target);
      boards.push_back({{"uri", "serial:" + target + "?baud=921600"},
                        {"kind", "serial"},
                        {"description", e.path().filename().string()}});
    }
  for (const auto& e : fs::directory_iterator("/dev", ec)) {
    const std::string name = e.path().filename().string();
    if ((name.rfind("ttyACM", 0) == 0 || name.rfind("ttyUSB", 0) == 0) &&
        !seen.count(e.path().string()))
      boards.push_back({{"uri", "serial:" + e.path().string() + "?baud=921600"},
                        {"kind", "serial"},
                        {"description", "USB serial port"}});
  }
  // USB boards (libusb): the VID:PID table and vendor-class bulk interfaces.
  std::vector<axdl::UsbDeviceInfo> usb;
  if (axdl::usb_supported()) {
    if (axdl::Status st = axdl::list_usb_devices(&usb); !st)
      std::cerr << "note: USB boards not listed: " << st.message() << "\n";
  }
  for (const auto& d : usb) {
    std::string text = d.board.empty() ? "USB board" : d.board;
    if (!d.product.empty() && d.product != d.board) text += ", " + d.product;
    text += fmt::format(" (bus {} device {}", d.bus, d.address);
    if (!d.serial.empty()) text += ", serial " + d.serial;
    text += ")";
    if (!d.problem.empty()) text += "; " + d.problem;
    boards.push_back({{"uri", d.uri()},
                      {"kind", "usb"},
                      {"description", text},
                      {"vid", fmt::format("{:04x}", d.vid)},
                      {"pid", fmt::format("{:04x}", d.pid)},
                      {"interface", d.interface}});
  }
  const std::string sim = running_sim_board();
  boards.push_back(
      {{"uri", "sim"},
       {"kind", "simulated"},
       {"description", sim.empty()
                           ? "simulated board (starts on first use), flash in " + sim_board_dir()
                           : "simulated board, running at " + sim}});
  const std::string qemu_elf = find_qemu_agent();
  if (!qemu_elf.empty())
    boards.push_back({{"uri", "qemu"},
                      {"kind", "emulated"},
                      {"description", "QEMU mps2-an386 (Cortex-M4F) with " + qemu_elf}});
  if (o.as_json) {
    std::cout << boards.dump(2) << "\n";
  } else {
    for (const auto& b : boards)
      std::cout << fmt::format("{:<40} {:<10} {}\n", b["uri"].get<std::string>(),
                               b["kind"].get<std::string>(), b["description"].get<std::string>());
  }
  if (o.watch) return watch_usb();
  return 0;
}

int cmd_info(const BoardOptions& o) {
  std::unique_ptr<axdl::Session> s;
  if (axdl::Status st = connect(o, &s); !st) return fail(st.message());
  axdl_slots_resp slots{};
  if (axdl::Status st = s->slots(&slots); !st) return fail(st.message());
  const axdl_hello_resp& h = s->info();
  if (o.as_json) {
    json j = {{"board", h.board},
              {"cpu", h.cpu},
              {"agent_version", h.agent_version},
              {"protocol_version", h.protocol_version},
              {"clock_hz", h.clock_hz},
              {"ram_bytes", h.ram_bytes},
              {"flash_bytes", h.flash_bytes},
              {"slot_bytes", h.slot_bytes},
              {"arena_bytes", h.arena_bytes},
              {"max_chunk", h.max_chunk},
              {"has_runtime", h.has_runtime != 0},
              {"active_slot",
               slots.active == AXDL_NO_SLOT ? json(nullptr) : json(slot_name(slots.active))}};
    json dtypes = json::array();
    const char* names[] = {"float32", "int8", "uint8", "int32", "int64"};
    for (int i = 0; i < 5; ++i)
      if (h.dtype_mask & (1u << i)) dtypes.push_back(names[i]);
    j["dtypes"] = dtypes;
    j["ops"] = std::vector<uint16_t>(h.ops, h.ops + h.op_count);
    json sl = json::array();
    for (uint8_t i = 0; i < AXDL_SLOT_COUNT; ++i)
      sl.push_back({{"slot", slot_name(i)},
                    {"state", state_name(slots.slot[i].state)},
                    {"size", slots.slot[i].size},
                    {"received", slots.slot[i].received},
                    {"sha256", slots.slot[i].state == AXDL_SLOT_EMPTY
                                   ? json(nullptr)
                                   : json(axdl::hex(slots.slot[i].sha256, 32))},
                    {"active", slots.active == i}});
    j["slots"] = sl;
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("board     {}  ({}{})\n", h.board, h.cpu,
                           h.clock_hz ? fmt::format(", {} MHz", h.clock_hz / 1e6) : "");
  std::cout << fmt::format("agent     {}  protocol {}  {}\n", h.agent_version, h.protocol_version,
                           h.has_runtime ? "runtime: yes" : "runtime: none (upload only)");
  std::cout << fmt::format("memory    RAM {}  flash {}  model slot {} x2  arena {}\n",
                           bytes_text(h.ram_bytes), bytes_text(h.flash_bytes),
                           bytes_text(h.slot_bytes), bytes_text(h.arena_bytes));
  for (uint8_t i = 0; i < AXDL_SLOT_COUNT; ++i) {
    const auto& sl = slots.slot[i];
    std::cout << fmt::format("slot {}    {:<8}{}", slot_name(i), state_name(sl.state),
                             slots.active == i ? " active" : "");
    if (sl.state == AXDL_SLOT_READY)
      std::cout << fmt::format("  {} bytes  sha256 {}", sl.size, axdl::hex(sl.sha256, 32));
    else if (sl.state == AXDL_SLOT_RECEIVING)
      std::cout << fmt::format("  {} of {} bytes (flash the same model again to resume)",
                               sl.received, sl.size);
    std::cout << "\n";
  }
  return 0;
}

int cmd_flash(const BoardOptions& o) {
  std::ifstream f(o.model, std::ios::binary);
  if (!f) return fail("cannot read " + o.model);
  std::vector<uint8_t> image((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (image.empty()) return fail(o.model + " is empty");
  std::unique_ptr<axdl::Session> s;
  if (axdl::Status st = connect(o, &s); !st) return fail(st.message());
  const bool tty = ::isatty(2);
  auto last = std::chrono::steady_clock::now();
  auto progress = [&](const axdl::FlashProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (tty && (now - last > std::chrono::milliseconds(200) || p.done == p.total)) {
      last = now;
      std::cerr << fmt::format("\rflash {:5.1f}%  {} of {}  {}/s  ETA {:.0f} s   ",
                               100.0 * static_cast<double>(p.done) / static_cast<double>(p.total),
                               bytes_text(static_cast<double>(p.done)),
                               bytes_text(static_cast<double>(p.total)),
                               bytes_text(p.bytes_per_second), p.eta_seconds);
    }
    return true;
  };
  axdl::FlashResult r;
  axdl::FlashOptions fo;
  fo.commit = !o.no_commit;
  fo.compress = !o.no_compress;
  const axdl::Status st = s->flash(image, progress, &r, fo);
  if (tty) std::cerr << "\n";
  write_trace(o, *s);
  if (!st) return fail(o.model + ": " + st.message());
  uint8_t digest[32];
  axdl::sha256(image.data(), image.size(), digest);
  std::cout << fmt::format(
      "flashed {} ({} bytes, sha256 {}) to slot {}{}{}; {} at {}/s\n", o.model, image.size(),
      axdl::hex(digest, 32), slot_name(r.slot),
      r.resumed_from ? fmt::format(", resumed at byte {}", r.resumed_from) : "",
      r.committed ? ", active" : ", not active (autox board commit)",
      fmt::format("{:.2f} s", r.seconds), bytes_text(r.bytes_per_second));
  if (r.chunks_compressed)
    std::cout << fmt::format("compressed {} of {} chunks: {} on the line for {} of model\n",
                             r.chunks_compressed, r.chunks,
                             bytes_text(static_cast<double>(r.chunk_bytes_sent)),
                             bytes_text(static_cast<double>(image.size() - r.resumed_from)));
  return 0;
}

int cmd_log(const BoardOptions& o) {
  std::unique_ptr<axdl::Session> s;
  if (axdl::Status st = connect(o, &s); !st) return fail(st.message());
  std::string text;
  if (axdl::Status st = s->logs(&text); !st) return fail(st.message());
  std::cout << text;
  return 0;
}

int cmd_rollback(const BoardOptions& o) {
  std::unique_ptr<axdl::Session> s;
  if (axdl::Status st = connect(o, &s); !st) return fail(st.message());
  uint8_t active = AXDL_NO_SLOT;
  if (axdl::Status st = s->rollback(&active); !st) return fail(st.message());
  std::cout << "slot " << slot_name(active) << " is active again\n";
  return 0;
}

axdl::Status connect_runtime(const BoardOptions& o, std::unique_ptr<axdl::Session>* s,
                             const char* what) {
  if (axdl::Status st = connect(o, s); !st) return st;
  if (!(*s)->info().has_runtime)
    return axdl::Status::error(fmt::format(
        "{} cannot {}: its agent ({} {}) has no model runtime (upload only). {}", o.board, what,
        (*s)->info().board, (*s)->info().agent_version, axdl_status_hint(AXDL_ST_NO_RUNTIME)));
  return axdl::Status::ok();
}

std::string shape_text(const axdl_tensor_info& t) {
  std::string s;
  for (uint8_t i = 0; i < t.rank; ++i) s += (i ? "x" : "") + std::to_string(t.dims[i]);
  return s.empty() ? "scalar" : s;
}

// IN/input_<i>.pb for the board's model inputs `ins`: bound by name first, then by position (as
// `autox run` does); returns non-zero after printing the reason.
int read_board_inputs(const BoardOptions& o, const std::vector<axdl_tensor_info>& ins,
                      std::vector<std::vector<uint8_t>>* inputs_out) {
  std::vector<std::pair<std::string, axe::Tensor>> files;
  for (size_t i = 0;; ++i) {
    const std::string f = (fs::path(o.in_dir) / fmt::format("input_{}.pb", i)).string();
    if (!fs::exists(f)) break;
    axe::RtValue v;
    std::string name;
    if (axe::Status st = axe::read_value_file(f, axe::ValueKind::kTensor, &v, &name); !st)
      return fail(st.message());
    files.emplace_back(name.substr(0, AXDL_NAME_BYTES), v.tensor);
  }
  std::vector<std::vector<uint8_t>> inputs(ins.size());
  std::vector<bool> bound(ins.size()), used(files.size());
  auto bind = [&](size_t i, size_t f) -> int {
    const axe::Tensor& t = files[f].second;
    if (static_cast<uint8_t>(t.dtype()) != ins[i].dtype || t.nbytes() != ins[i].bytes)
      return fail(
          fmt::format("input_{}.pb ({} bytes, dtype {}) does not match the board's model "
                      "input {} '{}' ({}, {} bytes, dtype {})",
                      f, t.nbytes(), static_cast<int>(t.dtype()), i, ins[i].name,
                      shape_text(ins[i]), ins[i].bytes, ins[i].dtype));
    const auto* p = static_cast<const uint8_t*>(t.raw());
    inputs[i].assign(p, p + t.nbytes());
    bound[i] = used[f] = true;
    return 0;
  };
  for (size_t f = 0; f < files.size(); ++f)
    for (size_t i = 0; i < ins.size(); ++i)
      if (!bound[i] && !files[f].first.empty() && files[f].first == ins[i].name) {
        if (bind(i, f)) return 1;
        break;
      }
  for (size_t f = 0, i = 0; f < files.size(); ++f) {
    if (used[f]) continue;
    while (i < ins.size() && bound[i]) ++i;
    if (i == ins.size()) break;
    if (bind(i, f)) return 1;
  }
  for (size_t i = 0; i < ins.size(); ++i)
    if (!bound[i])
      return fail(fmt::format("'{}' has no input_{}.pb for the board's model input '{}' ({})",
                              o.in_dir, i, ins[i].name, shape_text(ins[i])));
  *inputs_out = std::move(inputs);
  return 0;
}

int cmd_run(const BoardOptions& o) {
  std::unique_ptr<axdl::Session> s;
  if (axdl::Status st = connect_runtime(o, &s, "run models"); !st) return fail(st.message());
  std::vector<axdl_tensor_info> ins, outs;
  if (axdl::Status st = s->tensors(0, &ins); !st) return fail(st.message());
  if (axdl::Status st = s->tensors(1, &outs); !st) return fail(st.message());
  std::vector<std::vector<uint8_t>> inputs;
  if (int rc = read_board_inputs(o, ins, &inputs)) return rc;
  std::vector<std::vector<uint8_t>> outputs;
  axdl::RunStats stats;
  if (axdl::Status st = s->run(inputs, &outputs, &stats); !st) return fail(st.message());
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) return fail("cannot create output directory '" + o.out_dir + "': " + ec.message());
  for (size_t j = 0; j < outputs.size(); ++j) {
    axe::Shape shape(outs[j].dims, outs[j].dims + outs[j].rank);
    axe::Tensor t(static_cast<axe::DType>(outs[j].dtype), shape);
    if (t.nbytes() != outputs[j].size())
      return fail(fmt::format("output {} from the board has {} bytes, its shape {} needs {}", j,
                              outputs[j].size(), shape_text(outs[j]), t.nbytes()));
    std::memcpy(t.raw(), outputs[j].data(), outputs[j].size());
    const std::string f = (fs::path(o.out_dir) / fmt::format("output_{}.pb", j)).string();
    if (axe::Status st = axe::write_value_file(f, axe::RtValue::of(t), outs[j].name); !st)
      return fail(st.message());
  }
  std::cout << fmt::format("ran on {} ({}): {} layers, {} board counts, {:.3f} s with transfers\n",
                           o.board, s->info().board, stats.layers, stats.cycles, stats.seconds);
  return 0;
}

struct LayerName {
  std::string name, op;
};

void collect_layer_name(const axe_layer_info* info, void* user) {
  auto* names = static_cast<std::vector<LayerName>*>(user);
  if (info->index >= names->size()) names->resize(info->index + 1);
  (*names)[info->index] = {info->name ? info->name : "", axe_op_name(info->op)};
}

// Names and ops of the .axm's layers in schedule order (the board's layer order): one run of it
// on the host runtime with zero inputs.
int axm_layer_names(const std::string& path, std::vector<LayerName>* names) {
  axe::AxmModel m;
  if (axe::Status st = axe::AxmModel::load_file(path, &m); !st) return fail(st.message());
  std::vector<axe::Tensor> inputs, outputs;
  for (size_t i = 0; i < m.input_count(); ++i) {
    const axe_tensor* d = m.input(i);
    axe::Tensor t(static_cast<axe::DType>(d->dtype), axe::Shape(d->dims, d->dims + d->rank));
    std::memset(t.raw(), 0, t.nbytes());
    inputs.push_back(std::move(t));
  }
  if (axe::Status st = m.run(inputs, &outputs, collect_layer_name, names); !st)
    return fail(path + ": " + st.message());
  return 0;
}

int cmd_profile(const BoardOptions& o) {
  std::unique_ptr<axdl::Session> s;
  if (axdl::Status st = connect_runtime(o, &s, "profile models"); !st) return fail(st.message());
  const axdl_hello_resp& hello = s->info();
  axdl_slots_resp slots{};
  if (axdl::Status st = s->slots(&slots); !st) return fail(st.message());
  if (slots.active >= AXDL_SLOT_COUNT)
    return fail(o.board + " has no active model: flash one first (autox flash M.axm --board " +
                o.board + ")");
  const std::string board_sha = axdl::hex(slots.slot[slots.active].sha256, AXDL_SHA256_BYTES);
  std::vector<LayerName> names;
  if (!o.model.empty()) {
    const std::string sha = autox::file_sha256(o.model);
    if (sha.empty()) return fail("cannot read " + o.model);
    if (sha != board_sha)
      return fail(
          fmt::format("{} (SHA-256 {}) is not the model active on {} ({}): flash it "
                      "first or name the flashed .axm",
                      o.model, sha.substr(0, 12), o.board, board_sha.substr(0, 12)));
    if (int rc = axm_layer_names(o.model, &names)) return rc;
  }
  std::vector<axdl_tensor_info> ins;
  if (axdl::Status st = s->tensors(0, &ins); !st) return fail(st.message());
  std::vector<std::vector<uint8_t>> inputs(ins.size());
  if (!o.in_dir.empty()) {
    if (int rc = read_board_inputs(o, ins, &inputs)) return rc;
  } else {
    for (size_t i = 0; i < ins.size(); ++i) inputs[i].assign(ins[i].bytes, 0);
  }
  // Each run: inputs over the link, RUN, outputs back, then the per-layer counts of that run.
  std::vector<std::vector<double>> per_layer;
  std::vector<double> in_ms, run_ms, out_ms, totals;
  size_t in_bytes = 0, out_bytes = 0;
  for (const auto& in : inputs) in_bytes += in.size();
  for (int r = 0; r < o.runs; ++r) {
    std::vector<std::vector<uint8_t>> outputs;
    axdl::RunStats stats;
    if (axdl::Status st = s->run(inputs, &outputs, &stats); !st) return fail(st.message());
    std::vector<uint32_t> cycles;
    if (axdl::Status st = s->profile(&cycles); !st) return fail(st.message());
    per_layer.resize(std::max(per_layer.size(), cycles.size()));
    for (size_t i = 0; i < cycles.size(); ++i) per_layer[i].push_back(cycles[i]);
    in_ms.push_back(stats.input_seconds * 1e3);
    run_ms.push_back(stats.run_seconds * 1e3);
    out_ms.push_back(stats.output_seconds * 1e3);
    totals.push_back(static_cast<double>(stats.cycles));
    out_bytes = 0;
    for (const auto& out : outputs) out_bytes += out.size();
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty()      ? 0.0
           : v.size() % 2 ? v[v.size() / 2]
                          : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
  };
  if (!names.empty() && names.size() != per_layer.size())
    return fail(fmt::format("{} has {} layers but the board reported {}", o.model, names.size(),
                            per_layer.size()));
  const bool ns = hello.clock_hz == 1000000000u;
  std::string board_name = hello.board, lower = board_name + " " + o.board;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  // The mps2-* agents are the qemu_cortex_m port (QEMU's MPS2 machines).
  const bool qemu = lower.find("qemu") != std::string::npos || lower.rfind("mps2-", 0) == 0;
  const std::string unit = ns ? "ns" : "cycles";
  std::string note = ns ? "nanoseconds of the host process that simulates the board"
                        : fmt::format("{} counter at {} Hz", hello.cpu, hello.clock_hz);
  if (qemu)
    note = fmt::format(
        "QEMU with -icount shift=0: the counter is SysTick at {} Hz derived from QEMU's virtual "
        "clock, i.e. executed instructions (1 ns each) / {}, not real Cortex-M cycles",
        hello.clock_hz, hello.clock_hz ? 1000000000u / hello.clock_hz : 0);
  double layer_total = 0;
  std::vector<double> layer_median(per_layer.size());
  for (size_t i = 0; i < per_layer.size(); ++i)
    layer_total += layer_median[i] = median(per_layer[i]);
  const double total = median(totals);
  json j;
  j["kind"] = "board-profile";
  j["model"] = o.model;
  j["model_sha256"] = board_sha;
  j["quantization"] = "";
  j["engine"] = hello.agent_version;
  j["board"] = board_name;
  j["board_uri"] = o.board;
  j["cpu"] = hello.cpu;
  j["clock_hz"] = hello.clock_hz;
  j["threads"] = 1;
  j["date"] = autox::now_iso8601();
  j["inputs"] = o.in_dir.empty() ? "zeros" : o.in_dir;
  j["unit"] = unit;
  j["unit_note"] = note;
  j["runs"] = o.runs;
  j["warmup"] = 0;
  j["total_cycles"] = total;
  j["layer_cycles_sum"] = layer_total;
  if (ns) j["median_ms"] = total / 1e6;  // compute on the board, transfers excluded
  if (qemu && hello.clock_hz) j["emulated_ms"] = 1e3 * total / hello.clock_hz;
  j["transfer"] = {{"set_input_ms", median(in_ms)},
                   {"run_ms", median(run_ms)},
                   {"get_output_ms", median(out_ms)},
                   {"input_bytes", in_bytes},
                   {"output_bytes", out_bytes},
                   {"note",
                    "host wall time per phase; run_ms is the board's compute plus one "
                    "request/answer round trip"}};
  json layers = json::array();
  for (size_t i = 0; i < per_layer.size(); ++i) {
    json l = {{"index", i},
              {"name", names.empty() ? fmt::format("layer_{}", i) : names[i].name},
              {"op", names.empty() ? "" : names[i].op},
              {"cycles", layer_median[i]},
              {"share", layer_total > 0 ? layer_median[i] / layer_total : 0.0}};
    if (ns) l["median_ms"] = layer_median[i] / 1e6;
    layers.push_back(std::move(l));
  }
  j["layers"] = std::move(layers);
  if (!o.no_history) autox::store_in_history(&j, o.tags);
  if (o.as_json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("{} ({}, {}): {} layers, median of {} run(s); {}\n", o.board, board_name,
                           hello.cpu, per_layer.size(), o.runs, note);
  std::cout << fmt::format("{:<6} {:<40} {:<18} {:>14}  {:>6}\n", "layer", "name", "op", unit,
                           "share");
  for (size_t i = 0; i < per_layer.size(); ++i)
    std::cout << fmt::format("{:<6} {:<40} {:<18} {:>14.0f}  {:5.1f}%\n", i,
                             names.empty() ? "" : names[i].name.substr(0, 40),
                             names.empty() ? "" : names[i].op, layer_median[i],
                             layer_total ? 100.0 * layer_median[i] / layer_total : 0.0);
  std::cout << fmt::format("total  {:>14.0f} {} (layers sum to {:.0f})\n", total, unit,
                           layer_total);
  std::cout << fmt::format(
      "host wall time: set input {:.3f} ms ({} B), run {:.3f} ms, get output {:.3f} ms ({} B)\n",
      median(in_ms), in_bytes, median(run_ms), median(out_ms), out_bytes);
  if (j.contains("history_id"))
    std::cout << fmt::format("stored as run #{}\n", j["history_id"].get<long long>());
  return 0;
}

}  // namespace

std::function<int()> add_board_commands(CLI::App& app) {
  auto o = std::make_shared<BoardOptions>();
  const std::string uri_help =
      "sim | qemu | serial:/dev/ttyACM0?baud=921600 | tcp:127.0.0.1:PORT | usb:VID:PID";
  auto* board = app.add_subcommand("board", "Boards: list, info, log, rollback, run, profile, generate");
  board->require_subcommand(1);
  auto* list = board->add_subcommand("list", "Serial ports, USB boards and simulated boards");
  list->add_flag("--json", o->as_json, "Machine-readable output");
  list->add_flag("--watch", o->watch, "Then print USB boards as they are plugged in and out");
  auto* info = board->add_subcommand("info", "Board facts and model slots");
  info->add_option("--board", o->board, uri_help)->required();
  info->add_flag("--json", o->as_json, "Machine-readable output");
  auto* log = board->add_subcommand("log", "Print and clear the board's log lines");
  log->add_option("--board", o->board, uri_help)->required();
  auto* rollback = board->add_subcommand("rollback", "Make the previous model active again");
  rollback->add_option("--board", o->board, uri_help)->required();
  auto* run = board->add_subcommand("run", "Run IN/input_<i>.pb on the board, write OUT");
  run->add_option("--board", o->board, uri_help)->required();
  run->add_option("--input-dir", o->in_dir, "Folder with input_<i>.pb")->required();
  run->add_option("--output-dir", o->out_dir, "Folder for output_<j>.pb")->required();
  auto* profile = board->add_subcommand("profile", "Per-layer counts and transfer times");
  profile->add_option("--board", o->board, uri_help)->required();
  profile->add_option("--model", o->model, "The flashed .axm: names the layers");
  profile->add_option("--input-dir", o->in_dir, "Folder with input_<i>.pb (default: zeros)");
  profile->add_option("--runs", o->runs, "Runs (median per layer)")->check(CLI::Range(1, 1000));
  profile->add_flag("--json", o->as_json, "Machine-readable output");
  profile->add_option("--tag", o->tags, "Tag the stored run (repeatable)");
  profile->add_flag("--no-history", o->no_history, "Do not store the run in the run history");
  auto* flash = app.add_subcommand("flash", "Upload a model to a board (resumable, verified)");
  flash->add_option("model", o->model, ".axm model")->required();
  flash->add_option("--board", o->board, uri_help)->required();
  flash->add_flag("--no-commit", o->no_commit, "Verify but keep the current model active");
  flash->add_flag("--no-compress", o->no_compress,
                  "Send the model uncompressed even when the board can decompress");
  flash->add_option("--trace", o->trace_file, "Write the frame trace to FILE");
  for (CLI::App* c : {info, log, rollback, run, profile, flash})
    c->add_option("--timeout-ms", o->timeout_ms, "Answer timeout per try (plus line time)")
        ->check(CLI::Range(10, 60000));
  return [=]() -> int {
    if (list->parsed()) return cmd_list(*o);
    if (info->parsed()) return cmd_info(*o);
    if (log->parsed()) return cmd_log(*o);
    if (rollback->parsed()) return cmd_rollback(*o);
    if (run->parsed()) return cmd_run(*o);
    if (profile->parsed()) return cmd_profile(*o);
    if (flash->parsed()) return cmd_flash(*o);
    return -1;
  };
}
