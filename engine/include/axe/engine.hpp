// Auto-X Engine C++ facade: what the studio and the CLI use. No exceptions cross it; every
// fallible call returns a Status with a message a user can act on.
//
//   axe::Model model;
//   if (axe::Status s = axe::Model::load("mnist-8.onnx", &model); !s) { report(s.message()); }
//   axe::Session session(model, {.threads = 2});
//   std::vector<axe::RtValue> inputs, outputs;
//   s = axe::load_inputs_from_dir(model, "test_data_set_0", &inputs);
//   s = session.run(inputs, &outputs);
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "exec/executor.hpp"
#include "export/axm_export.hpp"
#include "export/axm_host.hpp"
#include "export/axm_metadata.hpp"
#include "export/export_c.hpp"
#include "ir/graph.hpp"
#include "ir/status.hpp"
#include "ir/tensor.hpp"
#include "passes/passes.hpp"
#include "plan/arena_planner.hpp"
#include "plan/memory_plan.hpp"

namespace axe {

const char* engine_version();  // "0.1.0"

struct LoadOptions {
  bool optimize = true;  // run the default graph passes
};

struct NodeStats {
  std::string name;
  std::string op;
  std::vector<Shape> output_shapes;  // -1 where unknown
  int64_t params = 0;                // elements of constant inputs (weights)
  int64_t macs = -1;                 // multiply-accumulates; -1 when shapes are unknown
};

struct ModelStats {
  std::map<std::string, int> op_histogram;
  int64_t params = 0;         // elements of all constant tensors read by nodes
  int64_t weight_bytes = 0;   // bytes of those tensors
  int64_t macs = 0;           // total over nodes with known MACs
  bool macs_complete = true;  // false when some node's shapes are unknown
  std::vector<NodeStats> nodes;
};

struct IoInfo {
  std::string name;
  TypeInfo type;
};

class Model {
 public:
  static Status load(const std::string& path, Model* out, const LoadOptions& options = {});
  // A graph made by another importer (a plugin's): checked for supported ops, then optimised
  // like load() does. `path` and `producer` only label the model.
  static Status from_graph(std::shared_ptr<Graph> graph, const std::string& path,
                           const std::string& producer, int64_t ir_version, Model* out,
                           const LoadOptions& options = {});
  const std::string& path() const { return path_; }
  const std::string& producer() const { return producer_; }
  int64_t ir_version() const { return ir_version_; }
  std::vector<IoInfo> inputs() const;
  std::vector<IoInfo> outputs() const;
  const Graph& graph() const { return *graph_; }
  std::shared_ptr<const Graph> shared_graph() const { return graph_; }
  const PassStats& pass_stats() const { return pass_stats_; }
  // Statistics with the inputs bound to `input_shapes` (by position; empty = as declared, with
  // unknown batch dimensions taken as 1).
  Status stats(const std::vector<Shape>& input_shapes, ModelStats* out) const;
  // Types of every graph value with the inputs bound as in stats().
  Status value_types(const std::vector<Shape>& input_shapes, GraphTypes* out) const;
  // The arena plan (plan_memory()) with the inputs bound as in stats(); fails when an input
  // dimension is still unknown.
  Status memory_plan(const std::vector<Shape>& input_shapes, const PlanOptions& options,
                     MemoryPlan* out) const;

 private:
  std::shared_ptr<Graph> graph_;
  std::string path_;
  std::string producer_;
  int64_t ir_version_ = 0;
  PassStats pass_stats_;
};

// Names of the placement algorithms PlanOptions::algorithm accepts ("best" first).
inline const std::vector<std::string>& planner_algorithms() {
  return arena_planner_names();
}

struct SessionOptions {
  int threads = 1;
};

class Session {
 public:
  Session(const Model& model, SessionOptions options);
  Status run(const std::vector<RtValue>& inputs, std::vector<RtValue>* outputs);
  // As run(), and writes each graph node's time in ns (by node index; Executor::set_node_times).
  Status run_profiled(const std::vector<RtValue>& inputs, std::vector<RtValue>* outputs,
                      std::vector<int64_t>* node_ns);
  size_t arena_bytes() const { return executor_.arena_bytes(); }

 private:
  Executor executor_;
};

// Reads DIR/input_<i>.pb (ONNX TensorProto / SequenceProto / OptionalProto) and binds each to
// the model input of the same name, else by position.
Status load_inputs_from_dir(const Model& model, const std::string& dir,
                            std::vector<RtValue>* inputs);
// Writes DIR/output_<j>.pb in graph-output order (creating DIR).
Status save_outputs_to_dir(const Model& model, const std::string& dir,
                           const std::vector<RtValue>& outputs);
// Seeded pseudo-random inputs (xorshift32, floats in [-1, 1); seed 0 = bench_ort.js's seed);
// `first_shape` binds the first input's shape (its unknown dims must be given), other unknown dims
// default to 1.
Status make_random_inputs(const Model& model, const Shape& first_shape, uint64_t seed,
                          std::vector<RtValue>* inputs);

}  // namespace axe
