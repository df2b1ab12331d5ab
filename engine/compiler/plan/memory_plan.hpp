// Memory plan of a graph: in which order nodes run, which tensors live in the arena, when, and
// where; which outputs reuse an input's bytes; the kernels' scratch buffers.
//
//   GraphTypes types;   // from infer_graph_types() with static input shapes
//   MemoryPlan plan;
//   AXE_TRY(plan_memory(graph, types, {.algorithm = "best"}, &plan));
//   AXE_TRY(check_plan(plan));
//   plan.peak_bytes;  plan.lower_bound_bytes;  plan.offset_of_value[v];  plan.schedule;
//
// Steps are positions in `schedule` (a topological order of graph.nodes, indices into it). A
// tensor lives from the step that produces it to the last step that reads it (inclusive);
// graph outputs live to the end (step = schedule.size()). Constants, graph inputs, strings,
// sequences and tensors of unknown shape are not in the arena; nor are the outputs of nodes
// that do not run from the arena (node_runs_in_arena() false: some output of unknown shape).
// Graph states (Graph::states: KV caches) are in the arena for every step, [0, schedule.size()].
//
// What plan_memory() does, each part switchable in PlanOptions:
// - schedule (reorder): the graph's own order and a memory-aware greedy topological order
//   (among the ready nodes, the one that frees the most / allocates the least bytes), plus an
//   exhaustive search for graphs of at most kExactScheduleMaxNodes nodes; the order whose
//   plan has the smallest peak wins (ties keep the graph's order).
// - in place (in_place): reshape-likes become zero-copy views of their input; element-wise ops
//   (in_place.hpp) write over an input of the same shape and dtype that dies at that node. Such
//   tensors carry alias_of; they share their root's buffer.
// - scratch: ops with an OpDef::scratch hook (Conv, ConvTranspose: im2col) get a buffer alive
//   during their own step only; KernelContext::scratch() hands it out.
// - placement: the ArenaPlanner named by `algorithm` (arena_planner.hpp), over one buffer per
//   alias group and one per scratch.
// Guarantee: tensors alive at the same step never overlap unless one aliases the other, and an
// in-place output is written only after every other reader of its bytes ran (check_plan()
// verifies both). lower_bound_bytes is the largest sum of buffers alive at one step of the
// chosen schedule: no placement of these buffers can be smaller.
#pragma once

#include <string>
#include <vector>

#include "exec/executor.hpp"
#include "plan/arena_planner.hpp"

namespace axe {

struct PlannedTensor {
  int value = -1;         // value id in the graph; -1 for a kernel scratch buffer
  int scratch_node = -1;  // node index for a scratch buffer
  std::string name;       // value name, or "<node label>/scratch"
  size_t size = 0;        // bytes (unaligned)
  int first_step = 0;
  int last_step = 0;
  size_t offset = 0;
  int alias_of = -1;      // value whose bytes this tensor reuses (-1: its own buffer)
  bool in_place = false;  // with alias_of: the op writes over them (else: a zero-copy view)
};

struct MemoryPlan {
  std::string algorithm;           // the placement that won (e.g. "greedy-by-breadth")
  std::string schedule_algorithm;  // "graph order", "greedy" or "exact"
  bool proven_optimal = false;     // no placement of these buffers has a smaller peak
  size_t peak_bytes = 0;
  size_t lower_bound_bytes = 0;  // max over steps of the (aligned) bytes alive at that step
  size_t baseline_bytes = 0;     // no reuse at all: every tensor and scratch its own bytes
  double plan_ms = 0;
  std::vector<PlannedTensor> tensors;
  std::vector<int64_t> offset_of_value;  // per graph value; -1 when not in the arena
  std::vector<int> alias_of_value;       // per graph value; -1 when it has its own bytes
  std::vector<int64_t> scratch_offset;   // per node; -1 when it has no planned scratch
  std::vector<size_t> scratch_bytes;     // per node
  std::vector<int> schedule;             // node indices in execution order
};

struct PlanOptions {
  std::string algorithm = "best";  // an arena_planner_names() entry
  bool reorder = true;
  bool in_place = true;
  bool scratch = true;
  int threads = 1;                     // the executor's; sizes per-thread scratch
  int64_t exact_node_budget = 50'000;  // branch-and-bound nodes for exact placement
};

constexpr int kExactScheduleMaxNodes = 18;

// True when the executor runs `node` with its outputs in the arena: every output is a tensor of
// known shape and dtype (not a string) and not all of them are known constants.
bool node_runs_in_arena(const Node& node, const GraphTypes& types);

Status plan_memory(const Graph& graph, const GraphTypes& types, const PlanOptions& options,
                   MemoryPlan* out);

// Verifies that every tensor fits in the peak, that no two tensors alive at the same step
// overlap unless they are aliases of one buffer, and that an in-place output is not created
// while another tensor of its buffer is still read later.
Status check_plan(const MemoryPlan& plan);

}  // namespace axe
