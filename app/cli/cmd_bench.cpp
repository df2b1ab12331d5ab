// autox bench MODEL [--input-dir IN | --shape 1x3x640x640] [--threads N] [--runs N]
//                   [--warmup N] [--per-layer] [--json] [--tag T]... [--no-history]
//
// End-to-end latency (median/min over timed runs, warm-up runs excluded) and peak memory; with
// --per-layer the executor's per-node timer adds, per layer, op, output shape, MACs, median ms,
// share and achieved GMAC/s, and the layer sum is reconciled with the wall time (the rest is
// framework overhead). Every run is stored in the run history (autox runs list) unless
// --no-history.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_util.hpp"
#include "cmd_runs_store.hpp"
#include "commands.hpp"
#include "host_profile.hpp"

namespace {

using json = nlohmann::ordered_json;

struct BenchArgs {
  autox::HostProfileOptions options;
  bool as_json = false;
  bool no_history = false;
  std::vector<std::string> tags;
};

std::string macs_text(const json& v) {
  if (v.is_null()) return "?";
  double m = v.get<double>();
  const char* units[] = {"", "K", "M", "G"};
  int u = 0;
  while (m >= 1000 && u < 3) {
    m /= 1000;
    ++u;
  }
  return fmt::format("{:.3g}{}", m, units[u]);
}

void print_layers(const json& j) {
  std::cout << fmt::format("{:<5} {:<44} {:<18} {:<16} {:>8} {:>10} {:>6} {:>8}\n", "#", "layer",
                           "op", "output", "MACs", "median ms", "share", "GMAC/s");
  for (const json& l : j["layers"]) {
    const std::string name = l["name"].get<std::string>();
    std::cout << fmt::format(
        "{:<5} {:<44} {:<18} {:<16} {:>8} {:>10.4f} {:>5.1f}% {:>8}\n", l["index"].get<int>(),
        name.size() > 44 ? "…" + name.substr(name.size() - 43) : name, l["op"].get<std::string>(),
        l["shape"].get<std::string>(), macs_text(l["macs"]), l["median_ms"].get<double>(),
        100.0 * l["share"].get<double>(),
        l["gmacs_per_s"].is_null() ? "-" : fmt::format("{:.2f}", l["gmacs_per_s"].get<double>()));
  }
  // Per op type: where the time goes.
  std::map<std::string, std::pair<double, int>> by_op;
  for (const json& l : j["layers"]) {
    auto& [ms, n] = by_op[l["op"].get<std::string>()];
    ms += l["median_ms"].get<double>();
    ++n;
  }
  std::vector<std::pair<std::string, std::pair<double, int>>> ops(by_op.begin(), by_op.end());
  std::sort(ops.begin(), ops.end(),
            [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  const double sum = j["layer_median_sum_ms"].get<double>();
  std::cout << "\nby op type (share of the summed layer medians):";
  for (const auto& [op, v] : ops)
    std::cout << fmt::format("  {} x{} {:.3f} ms ({:.1f}%)", op, v.second, v.first,
                             sum > 0 ? 100.0 * v.first / sum : 0.0);
  std::cout << "\n\n";
  const double wall = j["profiled_median_ms"].get<double>();
  std::cout << fmt::format(
      "layer sum           {:10.3f} ms  (per run, median over the profiled runs)\n",
      j["layer_sum_ms"].get<double>());
  std::cout << fmt::format("wall time           {:10.3f} ms  (median of the same runs)\n", wall);
  const double medians = j["layer_median_sum_ms"].get<double>();
  std::cout << fmt::format(
      "sum of layer medians{:10.3f} ms  ({:+.1f}% of wall; below it when the CPU is shared and "
      "runs get preempted)\n",
      medians, wall > 0 ? 100.0 * (medians - wall) / wall : 0.0);
  std::cout << fmt::format(
      "framework overhead  {:10.3f} ms  ({:.1f}% of wall: input checks, output copies, call)\n",
      j["framework_overhead_ms"].get<double>(), j["layer_sum_vs_wall_pct"].get<double>());
  std::cout << fmt::format(
      "timer cost          {:+9.1f} %    (profiled runs vs plain runs, median {:.3f} ms)\n",
      j["timer_overhead_pct"].get<double>(), j["median_ms"].get<double>());
}

int run_bench(BenchArgs& a) {
  json j;
  if (axe::Status s = autox::profile_on_host(a.options, &j); !s) return autox::fail(s.message());
  if (!a.no_history) autox::store_in_history(&j, a.tags);
  if (a.as_json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  const std::string& path = a.options.model;
  if (a.options.per_layer) {
    std::cout << fmt::format(
        "{}: input {}, {} thread(s), {} timed run(s) after {} warm-up run(s); warm-up runs are "
        "excluded from every figure\n\n",
        path, j["input_shape"].get<std::string>(), a.options.threads, a.options.runs,
        a.options.warmup);
    print_layers(j);
  }
  std::cout << fmt::format(
      "{}: median {:.3f} ms, min {:.3f} ms over {} runs ({} warm-up, {} thread(s)); arena {} "
      "bytes; peak RSS {} KB\n",
      path, j["median_ms"].get<double>(), j["min_ms"].get<double>(), a.options.runs,
      a.options.warmup, a.options.threads, j["arena_bytes"].get<size_t>(),
      j["peak_rss_kb"].get<long>());
  const double busy = j["cpu_per_wall_pct"].get<double>();
  if (busy < 85.0 * a.options.threads)
    std::cout << fmt::format(
        "note: CPU time per run is {:.3f} ms, {:.0f}% of the wall time with {} thread(s): other "
        "load on this machine inflates these times\n",
        j["cpu_ms"].get<double>(), busy, a.options.threads);
  if (j.contains("history_id"))
    std::cout << fmt::format("stored as run #{} (autox runs show {})\n",
                             j["history_id"].get<long long>(), j["history_id"].get<long long>());
  return 0;
}

}  // namespace

CliCommand add_bench_command(CLI::App& app) {
  auto a = std::make_shared<BenchArgs>();
  a->options.per_layer = false;
  auto* c = app.add_subcommand("bench", "Latency (median/min), peak memory, per-layer profile");
  c->add_option("model", a->options.model, "ONNX model")->required();
  auto* in = c->add_option("--input-dir", a->options.input_dir, "Folder with input_<i>.pb");
  c->add_option("--shape", a->options.shape, "First input's shape for random inputs")->excludes(in);
  c->add_option("--threads", a->options.threads, "Threads")->check(CLI::Range(1, 256));
  c->add_option("--runs", a->options.runs, "Timed runs")->check(CLI::Range(1, 100000));
  c->add_option("--warmup", a->options.warmup, "Untimed warm-up runs (excluded from figures)")
      ->check(CLI::Range(0, 1000));
  c->add_flag("--per-layer", a->options.per_layer,
              "Per-layer times, shares and GMAC/s, reconciled with the wall time");
  c->add_flag("--json", a->as_json, "Machine-readable output");
  c->add_option("--tag", a->tags, "Tag the stored run (repeatable)");
  c->add_flag("--no-history", a->no_history, "Do not store the run in the run history");
  return {c, [a] { return run_bench(*a); }};
}
