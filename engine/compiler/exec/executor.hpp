// The host executor: runs an IR graph with the reference kernels over one planned arena.
//
//   Executor exec(graph, {.threads = 2});
//   std::vector<RtValue> outputs;
//   Status s = exec.run({RtValue::of(input)}, &outputs);
//
// On each new set of input shapes it infers every value's type (propagating small constants,
// so shape arithmetic folds away), plans the memory (plan/memory_plan.hpp: node order, in-place
// outputs, scratch, arena offsets), and precomputes nodes whose outputs are constant. It runs the
// nodes in the plan's order; reshape-likes whose output the plan aliases to their input become
// views (no kernel, no copy); element-wise ops the plan runs in place get an output tensor over
// their input's bytes. Values whose shape depends
// on data (NonZero, Loop outputs, ...) are inferred again and allocated while running.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ops/op_registry.hpp"

namespace axe {

// Types (and small known values) of every value of a graph.
struct GraphTypes {
  std::vector<TypeInfo> types;
  std::vector<std::optional<Tensor>> values;
};

// Infers all value types of `graph` from its input (and capture) types. When
// `propagate_constants` is set, nodes whose inputs are all known and whose outputs are small
// are evaluated so their results become known values.
Status infer_graph_types(const Graph& graph, const std::vector<TypeInfo>& input_types,
                         const std::vector<TypeInfo>& capture_types, bool propagate_constants,
                         GraphTypes* out);

// Runs one node eagerly on runtime values: re-infers output shapes from the actual inputs,
// allocates owned outputs, runs the kernel. Errors are prefixed with the node label.
Status run_node(const Node& node, const std::vector<const RtValue*>& inputs,
                std::vector<RtValue>* outputs, int threads, const SubgraphRunner* runner);

// Checks that every node (in subgraphs too) has an implemented op.
Status check_ops_supported(const Graph& graph);

TypeInfo type_of(const RtValue& v);

struct MemoryPlan;

class Executor {
 public:
  struct Options {
    int threads = 1;
    std::string plan_algorithm = "best";  // arena_planner_names()
    bool plan_reorder = true;             // let the plan choose the node order
    bool plan_in_place = true;            // views and in-place element-wise outputs
  };
  using ScopeLookup = std::function<const RtValue*(const std::string& name)>;

  Executor(std::shared_ptr<const Graph> graph, Options options);
  ~Executor();

  Status run(const std::vector<RtValue>& inputs, std::vector<RtValue>* outputs);
  // As run(), resolving the graph's captures through `outer` (for subgraphs).
  Status run_scoped(const std::vector<RtValue>& inputs, std::vector<RtValue>* outputs,
                    const ScopeLookup& outer);

  // Per-node timing: while set, each run() writes into `*ns` (one entry per graph node, by node
  // index) the steady-clock nanoseconds of that node's step: binding its values, the kernel, the
  // fused activation, releasing dead values. Two clock reads per node; nullptr turns it off.
  // Precomputed nodes and the run's own setup (input checks, planning, output copies) get none.
  void set_node_times(std::vector<int64_t>* ns) { node_times_ = ns; }
  // Zeroes the graph's states (Graph::states, e.g. KV caches). States start at zero, live in
  // the arena and keep their contents from run to run; new input shapes re-plan and zero them.
  void reset_state();

  // Arena size of the current plan (0 before the first run).
  size_t arena_bytes() const { return arena_size_; }
  const Graph& graph() const { return *graph_; }
  // Types inferred for the last prepared input shapes.
  const GraphTypes& types() const { return types_; }
  // The memory plan of the last prepared input shapes (nullptr before the first run).
  const MemoryPlan* memory_plan() const { return plan_.get(); }

 private:
  Status prepare(const std::vector<TypeInfo>& input_types,
                 const std::vector<TypeInfo>& capture_types);
  Status check_inputs(const std::vector<RtValue>& inputs) const;

  std::shared_ptr<const Graph> graph_;
  Options options_;
  bool prepared_ = false;
  std::vector<TypeInfo> prepared_inputs_;
  std::vector<TypeInfo> prepared_captures_;
  GraphTypes types_;
  std::vector<bool> node_static_;       // outputs all planned in the arena
  std::vector<bool> node_precomputed_;  // outputs all known constants
  std::shared_ptr<const MemoryPlan> plan_;
  std::vector<int> last_use_;  // step of the last reader, INT_MAX for outputs
  std::shared_ptr<uint8_t[]> arena_;
  size_t arena_size_ = 0;
  size_t arena_capacity_ = 0;
  std::map<const Graph*, std::unique_ptr<Executor>> subgraph_executors_;
  std::vector<int64_t>* node_times_ = nullptr;
};

}  // namespace axe
