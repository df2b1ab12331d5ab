#include "host_profile.hpp"

#include <sys/resource.h>

#include <fmt/format.h>
#include <time.h>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <vector>

extern "C" {
#include "axdl_protocol.h"
}

namespace autox {

namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// CPU time of the whole process (every thread), to tell a busy machine from a slow model.
double process_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

axe::Status parse_dims(const std::string& text, axe::Shape* out) {
  out->clear();
  if (text.empty()) return axe::Status::ok();
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find_first_of("x,", at);
    if (end == std::string::npos) end = text.size();
    const std::string part = text.substr(at, end - at);
    char* stop = nullptr;
    const long long v = std::strtoll(part.c_str(), &stop, 10);
    if (part.empty() || *stop != '\0' || v < 1)
      return axe::Status::error(
          "'{}' is not a shape: write positive dimensions joined by x, "
          "e.g. 1x3x640x640",
          text);
    out->push_back(v);
    at = end + 1;
  }
  return axe::Status::ok();
}

}  // namespace

std::string file_sha256(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return {};
  axdl_sha256 s;
  axdl_sha256_init(&s);
  std::vector<char> buf(1 << 16);
  while (f) {
    f.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (f.gcount() > 0) axdl_sha256_update(&s, buf.data(), static_cast<size_t>(f.gcount()));
  }
  uint8_t digest[AXDL_SHA256_BYTES];
  axdl_sha256_final(&s, digest);
  std::string hex;
  for (uint8_t b : digest) hex += fmt::format("{:02x}", b);
  return hex;
}

std::string graph_quantization(const axe::Graph& graph) {
  for (const axe::Node& n : graph.nodes) {
    const std::string& t = n.op_type;
    if (t == "QuantizeLinear" || t == "DequantizeLinear" || t == "DynamicQuantizeLinear" ||
        t.rfind("QLinear", 0) == 0 || t == "ConvInteger" || t == "MatMulInteger")
      return "int8";
  }
  return "float32";
}

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &local);
  std::string s = buf;  // +hhmm -> +hh:mm
  if (s.size() > 5) s.insert(s.size() - 2, ":");
  return s;
}

axe::Status profile_on_host(const HostProfileOptions& o, json* out,
                            const std::function<bool(double)>& progress) {
  axe::Model model;
  AXE_TRY(axe::Model::load(o.model, &model));
  std::vector<axe::RtValue> inputs, outputs;
  if (!o.input_dir.empty()) {
    AXE_TRY(axe::load_inputs_from_dir(model, o.input_dir, &inputs));
  } else {
    axe::Shape shape;
    AXE_TRY(parse_dims(o.shape, &shape));
    AXE_TRY(axe::make_random_inputs(model, shape, 0, &inputs));
  }
  std::vector<axe::Shape> bound;
  for (const axe::RtValue& v : inputs)
    bound.push_back(v.kind == axe::ValueKind::kTensor ? v.tensor.shape() : axe::Shape{});
  axe::ModelStats stats;
  if (axe::Status s = model.stats(bound, &stats); !s) stats = {};

  axe::Session session(model, {o.threads});
  const int total_steps = o.warmup + o.runs;
  int step = 0;
  auto tick = [&]() -> axe::Status {
    ++step;
    if (progress && !progress(static_cast<double>(step) / total_steps))
      return axe::Status::error("profiling {} was cancelled", o.model);
    return axe::Status::ok();
  };
  for (int i = 0; i < o.warmup; ++i) {
    if (axe::Status s = session.run(inputs, &outputs); !s) return s.prefix(o.model + ": ");
    AXE_TRY(tick());
  }
  const size_t node_count = model.graph().nodes.size();
  std::vector<double> plain_ms, profiled_ms, layer_sum_ms, cpu_ms;
  std::vector<std::vector<double>> node_ms(node_count);
  std::vector<int64_t> node_ns;
  for (int r = 0; r < o.runs; ++r) {
    const double cpu0 = process_cpu_ms();
    auto t0 = Clock::now();
    if (axe::Status s = session.run(inputs, &outputs); !s) return s.prefix(o.model + ": ");
    plain_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    cpu_ms.push_back(process_cpu_ms() - cpu0);
    if (o.per_layer) {
      t0 = Clock::now();
      if (axe::Status s = session.run_profiled(inputs, &outputs, &node_ns); !s)
        return s.prefix(o.model + ": ");
      profiled_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      double sum = 0;
      for (size_t n = 0; n < node_count && n < node_ns.size(); ++n) {
        node_ms[n].push_back(static_cast<double>(node_ns[n]) / 1e6);
        sum += static_cast<double>(node_ns[n]) / 1e6;
      }
      layer_sum_ms.push_back(sum);
    }
    AXE_TRY(tick());
  }

  const double median = median_of(plain_ms);
  json j;
  j["kind"] = o.per_layer ? "host-profile" : "bench";
  j["model"] = o.model;
  j["model_sha256"] = file_sha256(o.model);
  j["quantization"] = graph_quantization(model.graph());
  j["engine"] = axe::engine_version();
  j["board"] = "host";
  j["clock_hz"] = nullptr;
  j["threads"] = o.threads;
  j["date"] = now_iso8601();
  std::string input_shape;
  if (!inputs.empty() && inputs[0].kind == axe::ValueKind::kTensor)
    input_shape = axe::shape_string(inputs[0].tensor.shape());
  j["input_shape"] = input_shape;
  j["inputs"] = o.input_dir.empty() ? "random (seed 0)" : o.input_dir;
  j["unit"] = "ms";
  j["runs"] = o.runs;
  j["warmup"] = o.warmup;
  j["warmup_excluded"] = true;
  j["median_ms"] = median;
  j["min_ms"] = *std::min_element(plain_ms.begin(), plain_ms.end());
  j["max_ms"] = *std::max_element(plain_ms.begin(), plain_ms.end());
  // CPU time per plain run over its wall time: about `threads` x 100 % on an idle machine; far
  // less means other processes took the CPU and the times above include their share.
  const double cpu = median_of(cpu_ms);
  j["cpu_ms"] = cpu;
  j["cpu_per_wall_pct"] = median > 0 ? 100.0 * cpu / median : 0.0;
  j["peak_rss_kb"] = peak_rss_kb();
  j["arena_bytes"] = session.arena_bytes();
  j["macs"] = stats.macs;
  if (!o.per_layer) {
    *out = std::move(j);
    return axe::Status::ok();
  }
  const double profiled = median_of(profiled_ms);
  const double layer_sum = median_of(layer_sum_ms);
  j["profiled_median_ms"] = profiled;
  j["layer_sum_ms"] = layer_sum;
  j["framework_overhead_ms"] = profiled - layer_sum;
  j["layer_sum_vs_wall_pct"] = profiled > 0 ? 100.0 * (profiled - layer_sum) / profiled : 0.0;
  j["timer_overhead_pct"] = median > 0 ? 100.0 * (profiled - median) / median : 0.0;
  double medians_total = 0;
  std::vector<double> layer_median(node_count, 0);
  std::vector<bool> ran(node_count, false);
  for (size_t n = 0; n < node_count; ++n) {
    for (double v : node_ms[n]) ran[n] = ran[n] || v > 0;
    layer_median[n] = median_of(node_ms[n]);
    medians_total += layer_median[n];
  }
  // Under CPU contention a layer's median misses the preemptions that land in some run, so the sum
  // of the medians falls below the median wall time; on an idle machine they agree.
  j["layer_median_sum_ms"] = medians_total;
  json layers = json::array();
  const axe::Graph& g = model.graph();
  for (size_t n = 0; n < node_count; ++n) {
    if (!ran[n]) continue;  // folded into constants when the plan was made
    const axe::Node& node = g.nodes[n];
    json l;
    l["index"] = n;
    l["name"] = node.name.empty() ? fmt::format("node_{}", n) : node.name;
    l["op"] = node.op_type;
    const axe::NodeStats* ns = n < stats.nodes.size() ? &stats.nodes[n] : nullptr;
    l["shape"] = ns && !ns->output_shapes.empty() ? axe::shape_string(ns->output_shapes[0]) : "";
    l["macs"] = ns && ns->macs >= 0 ? json(ns->macs) : json(nullptr);
    l["median_ms"] = layer_median[n];
    l["min_ms"] = *std::min_element(node_ms[n].begin(), node_ms[n].end());
    l["share"] = medians_total > 0 ? layer_median[n] / medians_total : 0.0;
    l["gmacs_per_s"] = ns && ns->macs > 0 && layer_median[n] > 0
                           ? json(static_cast<double>(ns->macs) / (layer_median[n] * 1e6))
                           : json(nullptr);
    layers.push_back(std::move(l));
  }
  j["layers"] = std::move(layers);
  *out = std::move(j);
  return axe::Status::ok();
}

}  // namespace autox
