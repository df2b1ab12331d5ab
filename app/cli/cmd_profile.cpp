// autox profile M.axm [--input-dir IN] [--runs N] [--json]: per-layer time and cycles from the
// runtime's layer callback (the figures a board run reports through its port).
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "axe/engine.hpp"
#include "cmd_runs_store.hpp"
#include "commands.hpp"
#include "host_profile.hpp"
#include "import/onnx/onnx_importer.hpp"

namespace {

struct ProfileArgs {
  std::string model, in_dir;
  int runs = 5;
  bool as_json = false;
  bool no_history = false;
};

struct Layer {
  std::string name;
  axe_op op = AXE_OP_INVALID;
  std::vector<uint64_t> ns, cycles;
};

void on_layer(const axe_layer_info* info, void* user) {
  auto* layers = static_cast<std::vector<Layer>*>(user);
  if (info->index >= layers->size()) layers->resize(info->index + 1);
  Layer& l = (*layers)[info->index];
  l.name = info->name;
  l.op = info->op;
  l.ns.push_back(info->time_ns);
  l.cycles.push_back(info->cycles);
}

template <class T>
T median(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? T{} : v[v.size() / 2];
}

int run_profile(const ProfileArgs& a) {
  auto fail = [](const std::string& m) {
    std::cerr << "autox: " << m << "\n";
    return 1;
  };
  axe::AxmModel m;
  if (axe::Status s = axe::AxmModel::load_file(a.model, &m); !s) return fail(s.message());
  std::vector<axe::Tensor> inputs;
  for (size_t i = 0; i < m.input_count(); ++i) {
    const axe_tensor* d = m.input(i);
    axe::Tensor t(static_cast<axe::DType>(d->dtype), axe::Shape(d->dims, d->dims + d->rank));
    if (!a.in_dir.empty()) {
      axe::RtValue v;
      const std::string f = a.in_dir + "/input_" + std::to_string(i) + ".pb";
      if (axe::Status s = axe::read_value_file(f, axe::ValueKind::kTensor, &v, nullptr); !s)
        return fail(s.message());
      t = v.tensor;
    } else {
      std::memset(t.raw(), 0, t.nbytes());
    }
    inputs.push_back(std::move(t));
  }
  std::vector<Layer> layers;
  std::vector<axe::Tensor> outputs;
  for (int r = 0; r < a.runs; ++r)
    if (axe::Status s = m.run(inputs, &outputs, on_layer, &layers); !s)
      return fail(a.model + ": " + s.message());
  uint64_t total = 0;
  std::map<std::string, uint64_t> by_op;
  for (const Layer& l : layers) {
    total += median(l.ns);
    by_op[axe_op_name(l.op)] += median(l.ns);
  }
  // The profile document of the run history (app/history/README.md), with the .axm figures.
  nlohmann::ordered_json j = {{"kind", "axm-profile"},
                              {"model", a.model},
                              {"model_sha256", autox::file_sha256(a.model)},
                              {"engine", axe::engine_version()},
                              {"board", "host"},
                              {"threads", 1},
                              {"date", autox::now_iso8601()},
                              {"unit", "ms"},
                              {"runs", a.runs},
                              {"arena_bytes", m.arena_bytes()},
                              {"total_ns", total},
                              {"median_ms", total / 1e6}};
  j["layers"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < layers.size(); ++i)
    j["layers"].push_back({{"index", i},
                           {"name", layers[i].name},
                           {"op", axe_op_name(layers[i].op)},
                           {"median_ns", median(layers[i].ns)},
                           {"median_ms", median(layers[i].ns) / 1e6},
                           {"median_cycles", median(layers[i].cycles)}});
  j["by_op_ns"] = by_op;
  if (!a.no_history) autox::store_in_history(&j, {});
  if (a.as_json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("{}: {} layers, median of {} run(s), arena {} bytes, total {:.3f} ms\n",
                           a.model, layers.size(), a.runs, m.arena_bytes(), total / 1e6);
  std::cout << fmt::format("{:<5} {:<40} {:<20} {:>12} {:>14} {:>6}\n", "#", "layer", "op", "us",
                           "cycles", "%");
  for (size_t i = 0; i < layers.size(); ++i) {
    const uint64_t ns = median(layers[i].ns);
    std::cout << fmt::format("{:<5} {:<40} {:<20} {:>12.1f} {:>14} {:>6.1f}\n", i,
                             layers[i].name.substr(0, 40), axe_op_name(layers[i].op), ns / 1e3,
                             median(layers[i].cycles), total ? 100.0 * ns / total : 0.0);
  }
  std::cout << "by op:";
  for (const auto& [op, ns] : by_op)
    std::cout << fmt::format(" {} {:.1f}%", op, total ? 100.0 * ns / total : 0.0);
  std::cout << "\n";
  return 0;
}

}  // namespace

CliCommand add_profile_command(CLI::App& app) {
  auto args = std::make_shared<ProfileArgs>();
  auto* c = app.add_subcommand("profile", "Per-layer time of an .axm on the portable runtime");
  c->add_option("model", args->model, ".axm model")->required();
  c->add_option("--input-dir", args->in_dir, "Folder with input_<i>.pb (default: zeros)");
  c->add_option("--runs", args->runs, "Runs (the median per layer is shown)")
      ->check(CLI::Range(1, 10000));
  c->add_flag("--json", args->as_json, "Machine-readable output");
  c->add_flag("--no-history", args->no_history, "Do not store the run in the run history");
  return {c, [args] { return run_profile(*args); }};
}
