// Per-layer profile of a model on the host runtime, as the profile document every other part
// reads (autox bench --per-layer --json, the run history, compare-runs, the studio).
//
//   autox::HostProfileOptions o;
//   o.model = "det.onnx";
//   o.shape = "1x3x640x640";
//   nlohmann::ordered_json profile;
//   if (axe::Status s = autox::profile_on_host(o, &profile); !s) report(s.message());
//   double wall = profile["median_ms"], layers = profile["layer_sum_ms"];
//
// How it measures: `warmup` untimed runs first (they plan memory, fault pages in, warm caches;
// they are excluded from every figure). Then `runs` rounds, each one plain run (the end-to-end
// latency, median_ms) and, with per_layer, one run with the executor's per-node timer on. The
// per-layer figures are medians over the timed runs; the per-run layer sum is reconciled with the
// wall time of the same run: the difference is framework overhead (input checks, output copies,
// the session call). The timer's own cost is the difference between the profiled and the plain
// runs' medians. No Qt here: the CLI and the studio both call it.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "axe/engine.hpp"

namespace autox {

struct HostProfileOptions {
  std::string model;
  std::string input_dir;  // input_<i>.pb; empty: seeded random inputs of `shape`
  std::string shape;      // first input's shape for random inputs, "1x3x640x640"
  int threads = 1;
  int runs = 20;
  int warmup = 3;
  bool per_layer = true;
};

// The profile document (schema in app/history/README.md). `progress` gets the fraction done and
// returns false to cancel (the result is then an error saying so).
axe::Status profile_on_host(const HostProfileOptions& options, nlohmann::ordered_json* out,
                            const std::function<bool(double)>& progress = {});

// Lowercase hex SHA-256 of a file's bytes; empty when it cannot be read.
std::string file_sha256(const std::string& path);
// "int8" when the graph holds quantize/dequantize or integer-arithmetic ops, else "float32".
std::string graph_quantization(const axe::Graph& graph);
// Local date and time now, ISO 8601 with offset ("2026-11-25T07:10:02+00:00").
std::string now_iso8601();

}  // namespace autox
