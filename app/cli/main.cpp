// autox: the Auto-X Studio command line.
//
//   autox inspect MODEL [--json]
//   autox run MODEL --input-dir IN --output-dir OUT [--threads N]
//   autox convert MODEL.onnx -o M.axm [--shape ...]     (cmd_convert.cpp)
//   autox export-c M.axm -o DIR                          (cmd_export_c.cpp)
//   autox profile M.axm [--input-dir IN] [--json]       (cmd_profile.cpp)
//   autox bench MODEL [--per-layer] [--shape 1x3x640x640] [--threads N] [--json]  (cmd_bench.cpp)
//   autox runs list|show|tag|delete|export|import    (cmd_runs.cpp)
//   autox compare-runs RUN1 RUN2 [--json|--csv|--html FILE]   (cmd_compare_runs.cpp)
//   autox plan MODEL [--algo NAME] [--shape 1x3x640x640] [--json]   (cmd_plan.cpp)
//
// Every failure exits non-zero with a one-line reason on stderr.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "axe/engine.hpp"
#include "cli_util.hpp"
#include "cmd_board.hpp"
#include "cmd_plan.hpp"
#include "commands.hpp"

namespace {

using autox::fail;
using autox::parse_shape;
using json = nlohmann::ordered_json;

json type_json(const axe::TypeInfo& t) {
  json shape = json::array();
  for (size_t i = 0; i < t.shape.size(); ++i) {
    const std::string& sym = i < t.dim_names.size() ? t.dim_names[i] : "";
    if (t.shape[i] >= 0)
      shape.push_back(t.shape[i]);
    else if (!sym.empty())
      shape.push_back(sym);
    else
      shape.push_back(nullptr);
  }
  json j = {{"dtype", axe::dtype_name(t.dtype)}};
  j["shape"] = t.rank_known ? shape : json(nullptr);
  if (t.kind == axe::ValueKind::kSequence) j["kind"] = "sequence";
  if (t.kind == axe::ValueKind::kOptional) j["kind"] = "optional";
  return j;
}

std::string human(double v) {
  const char* units[] = {"", "K", "M", "G", "T"};
  int u = 0;
  while (v >= 1000 && u < 4) {
    v /= 1000;
    ++u;
  }
  return fmt::format("{:.3g}{}", v, units[u]);
}

int cmd_inspect(const std::string& path, const std::string& shape_text, bool as_json) {
  axe::Model model;
  if (axe::Status s = axe::Model::load(path, &model); !s) return fail(s.message());
  axe::Shape shape;
  if (axe::Status s = parse_shape(shape_text, &shape); !s) return fail(s.message());
  axe::ModelStats st;
  if (axe::Status s = model.stats({shape}, &st); !s) return fail(s.message());
  if (as_json) {
    json j;
    j["model"] = path;
    j["producer"] = model.producer();
    j["ir_version"] = model.ir_version();
    json opsets = json::object();
    for (const auto& [d, v] : model.graph().opsets) opsets[d.empty() ? "ai.onnx" : d] = v;
    j["opsets"] = opsets;
    for (const auto& io : model.inputs())
      j["inputs"].push_back(json{{"name", io.name}, {"type", type_json(io.type)}});
    for (const auto& io : model.outputs())
      j["outputs"].push_back(json{{"name", io.name}, {"type", type_json(io.type)}});
    j["op_histogram"] = st.op_histogram;
    j["node_count"] = st.nodes.size();
    j["params"] = st.params;
    j["weight_bytes"] = st.weight_bytes;
    j["macs"] = st.macs;
    j["macs_complete"] = st.macs_complete;
    j["passes"] = model.pass_stats().summary();
    json nodes = json::array();
    for (const auto& n : st.nodes) {
      json shapes = json::array();
      for (const auto& s : n.output_shapes) shapes.push_back(s);
      nodes.push_back(json{{"name", n.name},
                           {"op", n.op},
                           {"output_shapes", shapes},
                           {"params", n.params},
                           {"macs", n.macs >= 0 ? json(n.macs) : json(nullptr)}});
    }
    j["nodes"] = nodes;
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "model     " << path << "  (producer " << model.producer() << ", IR "
            << model.ir_version() << ", opset " << model.graph().opsets.at("") << ")\n";
  for (const auto& io : model.inputs())
    std::cout << "input     " << io.name << "  " << io.type.to_string() << "\n";
  for (const auto& io : model.outputs())
    std::cout << "output    " << io.name << "  " << io.type.to_string() << "\n";
  std::cout << fmt::format("nodes     {}   params {} ({} weight bytes)   MACs {}{}\n",
                           st.nodes.size(), human(static_cast<double>(st.params)),
                           human(static_cast<double>(st.weight_bytes)),
                           human(static_cast<double>(st.macs)),
                           st.macs_complete ? "" : " (partial: bind dynamic dims with --shape)");
  std::cout << "passes    " << model.pass_stats().summary() << "\n";
  std::vector<std::pair<std::string, int>> ops(st.op_histogram.begin(), st.op_histogram.end());
  std::sort(ops.begin(), ops.end(), [](auto& a, auto& b) { return a.second > b.second; });
  std::cout << "ops      ";
  for (const auto& [op, n] : ops) std::cout << " " << op << " x" << n;
  std::cout << "\n\n"
            << fmt::format("{:<5} {:<40} {:<20} {:>12} {:>10}  {}\n", "#", "node", "op", "MACs",
                           "params", "output");
  for (size_t i = 0; i < st.nodes.size(); ++i) {
    const auto& n = st.nodes[i];
    std::cout << fmt::format("{:<5} {:<40} {:<20} {:>12} {:>10}  {}\n", i, n.name.substr(0, 40),
                             n.op, n.macs >= 0 ? std::to_string(n.macs) : "?", n.params,
                             n.output_shapes.empty() ? "" : axe::shape_string(n.output_shapes[0]));
  }
  return 0;
}

int cmd_run(const std::string& path, const std::string& in_dir, const std::string& out_dir,
            int threads) {
  if (std::filesystem::path(path).extension() == ".axm") {
    if (axe::Status s = axe::run_axm_dir(path, in_dir, out_dir); !s) return fail(s.message());
    return 0;
  }
  axe::Model model;
  if (axe::Status s = axe::Model::load(path, &model); !s) return fail(s.message());
  std::vector<axe::RtValue> inputs, outputs;
  if (axe::Status s = axe::load_inputs_from_dir(model, in_dir, &inputs); !s)
    return fail(s.message());
  axe::Session session(model, {threads});
  if (axe::Status s = session.run(inputs, &outputs); !s) return fail(path + ": " + s.message());
  if (axe::Status s = axe::save_outputs_to_dir(model, out_dir, outputs); !s)
    return fail(s.message());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Auto-X Studio command line: inspect, run and benchmark models"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("autox ") + axe::engine_version());

  std::string model, in_dir, out_dir, shape;
  int threads = 1;
  bool as_json = false;

  auto* inspect = app.add_subcommand("inspect", "Inputs, outputs, op histogram, params, MACs");
  inspect->add_option("model", model, "ONNX model")->required();
  inspect->add_option("--shape", shape, "Bind the first input's shape, e.g. 1x3x640x640");
  inspect->add_flag("--json", as_json, "Machine-readable output");

  auto* run = app.add_subcommand("run", "Run IN/input_<i>.pb, write OUT/output_<j>.pb");
  run->add_option("model", model, "ONNX model or .axm")->required();
  run->add_option("--input-dir", in_dir, "Folder with input_<i>.pb")->required();
  run->add_option("--output-dir", out_dir, "Folder for output_<j>.pb")->required();
  run->add_option("--threads", threads, "Threads")->check(CLI::Range(1, 256));

  auto* plan = autox::add_plan_subcommand(app);
  // clang-format off
  const CliCommand extra[] = {
      add_convert_command(app),
      add_export_c_command(app),
      add_profile_command(app),
      add_bench_command(app),
      add_runs_command(app),
      add_compare_runs_command(app),
      add_generate_command(app),
      add_detect_command(app),
  };
  // clang-format on
  auto board_commands = add_board_commands(app);
  const CliCommand board_generate = add_board_generate_command(*app.get_subcommand("board"));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (int rc = board_commands(); rc >= 0) return rc;
  if (board_generate.sub->parsed()) return board_generate.run();
  if (inspect->parsed()) return cmd_inspect(model, shape, as_json);
  if (run->parsed()) return cmd_run(model, in_dir, out_dir, threads);
  if (plan->parsed()) return autox::run_plan_subcommand();
  for (const CliCommand& c : extra)
    if (c.sub->parsed()) return c.run();
  return 1;
}
