#include "plan/memory_plan.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <map>
#include <numeric>
#include <unordered_map>

#include "plan/arena_planner.hpp"
#include "plan/in_place.hpp"

namespace axe {

namespace {

size_t aligned(size_t v) {
  return (v + ArenaPlanner::kAlignment - 1) / ArenaPlanner::kAlignment * ArenaPlanner::kAlignment;
}

bool arena_type(const TypeInfo& t, const std::optional<Tensor>& known) {
  return !known && t.kind == ValueKind::kTensor && t.shape_known() &&
         t.dtype != DType::kUndefined && t.dtype != DType::kString;
}

// Schedule-independent facts about the graph.
struct GraphFacts {
  size_t nodes = 0;
  size_t values = 0;
  std::vector<bool> arena_node;
  std::vector<bool> arena_value;
  std::vector<size_t> bytes;            // per value (unaligned)
  std::vector<size_t> scratch;          // per node (unaligned)
  std::vector<int> producer;            // per value, -1 for inputs/constants
  std::vector<std::vector<int>> reads;  // per node: distinct values read (inputs + implicit)
  std::vector<std::vector<int>> preds;  // per node: distinct producer nodes
  std::vector<bool> graph_output;       // per value
};

GraphFacts collect_facts(const Graph& g, const GraphTypes& types, const PlanOptions& options) {
  GraphFacts f;
  f.nodes = g.nodes.size();
  f.values = g.values.size();
  f.arena_node.assign(f.nodes, false);
  f.arena_value.assign(f.values, false);
  f.bytes.assign(f.values, 0);
  f.scratch.assign(f.nodes, 0);
  f.producer.assign(f.values, -1);
  f.reads.assign(f.nodes, {});
  f.preds.assign(f.nodes, {});
  f.graph_output.assign(f.values, false);
  for (int v : g.outputs)
    if (v >= 0) f.graph_output[static_cast<size_t>(v)] = true;
  const OpRegistry& reg = OpRegistry::get();
  for (size_t n = 0; n < f.nodes; ++n) {
    const Node& node = g.nodes[n];
    for (int v : node.outputs)
      if (v >= 0 && f.producer[static_cast<size_t>(v)] < 0)
        f.producer[static_cast<size_t>(v)] = static_cast<int>(n);
    f.arena_node[n] = node_runs_in_arena(node, types);
    if (!f.arena_node[n]) continue;
    for (int v : node.outputs) {
      if (v < 0) continue;
      const size_t vi = static_cast<size_t>(v);
      if (!arena_type(types.types[vi], types.values[vi])) continue;
      f.arena_value[vi] = true;
      const TypeInfo& t = types.types[vi];
      f.bytes[vi] = static_cast<size_t>(shape_numel(t.shape)) * dtype_size(t.dtype);
    }
    const OpDef* def = reg.find(node.op);
    if (options.scratch && def && def->scratch) {
      std::vector<const TypeInfo*> in_types(node.inputs.size(), nullptr);
      std::vector<const Tensor*> in_values(node.inputs.size(), nullptr);
      for (size_t i = 0; i < node.inputs.size(); ++i) {
        const int v = node.inputs[i];
        if (v < 0) continue;
        in_types[i] = &types.types[static_cast<size_t>(v)];
        if (types.values[static_cast<size_t>(v)])
          in_values[i] = &*types.values[static_cast<size_t>(v)];
      }
      std::vector<TypeInfo> out_types(node.outputs.size());
      InferContext ctx(node, in_types, in_values, &out_types);
      f.scratch[n] = def->scratch(ctx, std::max(1, options.threads));
    }
  }
  for (int v : g.states) {
    const size_t vi = static_cast<size_t>(v);
    const TypeInfo& t = types.types[vi];
    if (!arena_type(t, types.values[vi])) continue;
    f.arena_value[vi] = true;
    f.bytes[vi] = static_cast<size_t>(shape_numel(t.shape)) * dtype_size(t.dtype);
  }
  for (size_t n = 0; n < f.nodes; ++n) {
    const Node& node = g.nodes[n];
    for (const auto* list : {&node.inputs, &node.implicit_inputs})
      for (int v : *list) {
        if (v < 0) continue;
        auto& r = f.reads[n];
        if (std::find(r.begin(), r.end(), v) == r.end()) r.push_back(v);
        const int p = f.producer[static_cast<size_t>(v)];
        auto& pr = f.preds[n];
        if (p >= 0 && p != static_cast<int>(n) && std::find(pr.begin(), pr.end(), p) == pr.end())
          pr.push_back(p);
      }
  }
  return f;
}

size_t node_alloc(const Graph& g, const GraphFacts& f, size_t n) {
  size_t a = aligned(f.scratch[n]);
  for (int v : g.nodes[n].outputs)
    if (v >= 0 && f.arena_value[static_cast<size_t>(v)])
      a += aligned(f.bytes[static_cast<size_t>(v)]);
  return a;
}

// Memory-aware list scheduling: among the ready nodes, the one with the smallest
// (bytes it allocates - bytes it frees); ties keep the graph's order.
std::vector<int> greedy_schedule(const Graph& g, const GraphFacts& f) {
  const size_t nn = f.nodes;
  std::vector<int> waiting(nn, 0);
  std::vector<std::vector<int>> succs(nn);
  for (size_t n = 0; n < nn; ++n) {
    waiting[n] = static_cast<int>(f.preds[n].size());
    for (int p : f.preds[n]) succs[static_cast<size_t>(p)].push_back(static_cast<int>(n));
  }
  std::vector<int> readers_left(f.values, 0);
  for (size_t n = 0; n < nn; ++n)
    for (int v : f.reads[n]) ++readers_left[static_cast<size_t>(v)];
  std::vector<int> ready;
  for (size_t n = 0; n < nn; ++n)
    if (waiting[n] == 0) ready.push_back(static_cast<int>(n));
  std::vector<int> order;
  order.reserve(nn);
  while (!ready.empty()) {
    size_t best = 0;
    int64_t best_delta = INT64_MAX;
    for (size_t i = 0; i < ready.size(); ++i) {
      const size_t n = static_cast<size_t>(ready[i]);
      int64_t delta = static_cast<int64_t>(node_alloc(g, f, n));
      for (int v : f.reads[n]) {
        const size_t vi = static_cast<size_t>(v);
        if (f.arena_value[vi] && readers_left[vi] == 1 && !f.graph_output[vi])
          delta -= static_cast<int64_t>(aligned(f.bytes[vi]));
      }
      if (delta < best_delta || (delta == best_delta && ready[i] < ready[best])) {
        best_delta = delta;
        best = i;
      }
    }
    const int n = ready[best];
    ready.erase(ready.begin() + static_cast<std::ptrdiff_t>(best));
    order.push_back(n);
    for (int v : f.reads[static_cast<size_t>(n)]) --readers_left[static_cast<size_t>(v)];
    for (int s : succs[static_cast<size_t>(n)])
      if (--waiting[static_cast<size_t>(s)] == 0) ready.push_back(s);
  }
  return order;
}

// Exhaustive search over topological orders (dynamic programming over the set of nodes already
// run) minimising the largest live bytes at a step. Empty when the graph is too large or the
// state budget runs out.
std::vector<int> exact_schedule(const Graph& g, const GraphFacts& f) {
  const size_t nn = f.nodes;
  if (nn == 0 || nn > static_cast<size_t>(kExactScheduleMaxNodes)) return {};
  using Mask = uint32_t;
  std::vector<Mask> pred_mask(nn, 0);
  for (size_t n = 0; n < nn; ++n)
    for (int p : f.preds[n]) pred_mask[n] |= Mask{1} << p;
  // Bytes alive after the nodes in `done` ran: arena outputs still read by a node not in done.
  std::vector<Mask> reader_mask(f.values, 0);
  for (size_t n = 0; n < nn; ++n)
    for (int v : f.reads[n]) reader_mask[static_cast<size_t>(v)] |= Mask{1} << n;
  auto live_after = [&](Mask done) {
    size_t live = 0;
    for (size_t n = 0; n < nn; ++n) {
      if (!(done >> n & 1)) continue;
      for (int v : g.nodes[n].outputs) {
        if (v < 0 || !f.arena_value[static_cast<size_t>(v)]) continue;
        const size_t vi = static_cast<size_t>(v);
        if (f.graph_output[vi] || (reader_mask[vi] & ~done)) live += aligned(f.bytes[vi]);
      }
    }
    return live;
  };
  struct State {
    size_t peak;
    Mask prev;
    int node;
  };
  std::unordered_map<Mask, State> best;
  best[0] = {0, 0, -1};
  std::vector<Mask> layer = {0};
  constexpr size_t kMaxStates = 200'000;
  for (size_t depth = 0; depth < nn; ++depth) {
    std::vector<Mask> next;
    for (Mask done : layer) {
      const State cur = best[done];
      const size_t live = live_after(done);
      for (size_t n = 0; n < nn; ++n) {
        if ((done >> n & 1) || (pred_mask[n] & ~done)) continue;
        const Mask to = done | Mask{1} << n;
        const size_t peak = std::max(cur.peak, live + node_alloc(g, f, n));
        auto it = best.find(to);
        if (it == best.end()) {
          best[to] = {peak, done, static_cast<int>(n)};
          next.push_back(to);
        } else if (peak < it->second.peak) {
          it->second = {peak, done, static_cast<int>(n)};
        }
      }
      if (best.size() > kMaxStates) return {};
    }
    layer = std::move(next);
  }
  const Mask all = nn == 32 ? ~Mask{0} : (Mask{1} << nn) - 1;
  if (!best.count(all)) return {};
  std::vector<int> order;
  for (Mask m = all; m != 0; m = best[m].prev) order.push_back(best[m].node);
  std::reverse(order.begin(), order.end());
  return order;
}

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int v) {
    while (parent[static_cast<size_t>(v)] != v) {
      parent[static_cast<size_t>(v)] = parent[static_cast<size_t>(parent[static_cast<size_t>(v)])];
      v = parent[static_cast<size_t>(v)];
    }
    return v;
  }
};

// The full plan for one schedule.
Status plan_for_schedule(const Graph& g, const GraphTypes& types, const GraphFacts& f,
                         const PlanOptions& options, std::vector<int> schedule, MemoryPlan* out) {
  MemoryPlan plan;
  plan.schedule = std::move(schedule);
  const int steps = static_cast<int>(plan.schedule.size());
  std::vector<int> first(f.values, -1), last(f.values, -1);
  for (int s = 0; s < steps; ++s) {
    const size_t n = static_cast<size_t>(plan.schedule[static_cast<size_t>(s)]);
    for (int v : g.nodes[n].outputs)
      if (v >= 0 && first[static_cast<size_t>(v)] < 0) first[static_cast<size_t>(v)] = s;
    for (int v : f.reads[n]) last[static_cast<size_t>(v)] = s;
  }
  for (int v : g.states)  // persistent: alive for the whole program
    if (f.arena_value[static_cast<size_t>(v)]) first[static_cast<size_t>(v)] = 0;
  for (int v : g.states) last[static_cast<size_t>(v)] = steps;
  for (size_t v = 0; v < f.values; ++v) {
    if (f.graph_output[v]) last[v] = steps;
    if (first[v] >= 0) last[v] = std::max(last[v], first[v]);
  }

  // Aliases: views and in-place outputs join their input's group (union-find over values).
  UnionFind groups(f.values);
  std::vector<int> group_last(last);  // per group root: the last step any member is read
  plan.alias_of_value.assign(f.values, -1);
  std::vector<bool> in_place(f.values, false);
  for (int s = 0; s < steps && options.in_place; ++s) {
    const size_t n = static_cast<size_t>(plan.schedule[static_cast<size_t>(s)]);
    const Node& node = g.nodes[n];
    const InPlaceKind kind = in_place_kind(node.op);
    if (kind == InPlaceKind::kNone || !f.arena_node[n] || node.outputs.size() != 1) continue;
    const int out_v = node.outputs[0];
    if (out_v < 0 || !f.arena_value[static_cast<size_t>(out_v)]) continue;
    const TypeInfo& out_t = types.types[static_cast<size_t>(out_v)];
    int chosen = -1;
    const size_t candidates = kind == InPlaceKind::kAnyInput
                                  ? std::min<size_t>(2, node.inputs.size())
                                  : std::min<size_t>(1, node.inputs.size());
    for (size_t i = 0; i < candidates && chosen < 0; ++i) {
      const int in_v = node.inputs[i];
      if (in_v < 0 || in_v == out_v || !f.arena_value[static_cast<size_t>(in_v)]) continue;
      if (f.bytes[static_cast<size_t>(in_v)] != f.bytes[static_cast<size_t>(out_v)]) continue;
      if (kind == InPlaceKind::kView) {
        chosen = in_v;
        break;
      }
      const TypeInfo& in_t = types.types[static_cast<size_t>(in_v)];
      if (in_t.dtype != out_t.dtype || in_t.shape != out_t.shape) continue;
      const int root = groups.find(in_v);
      if (group_last[static_cast<size_t>(root)] != s) continue;  // read later: cannot overwrite
      bool shared = false;  // another input reads the same bytes under another value
      for (int other : node.inputs)
        if (other >= 0 && other != in_v && f.arena_value[static_cast<size_t>(other)] &&
            groups.find(other) == root)
          shared = true;
      for (int other : node.implicit_inputs)
        if (other >= 0 && f.arena_value[static_cast<size_t>(other)] && groups.find(other) == root)
          shared = true;
      if (!shared) chosen = in_v;
    }
    if (chosen < 0) continue;
    const int root = groups.find(chosen);
    groups.parent[static_cast<size_t>(out_v)] = root;
    group_last[static_cast<size_t>(root)] =
        std::max(group_last[static_cast<size_t>(root)], last[static_cast<size_t>(out_v)]);
    plan.alias_of_value[static_cast<size_t>(out_v)] = chosen;
    in_place[static_cast<size_t>(out_v)] = kind != InPlaceKind::kView;
  }

  // One buffer per group root, one per scratch.
  std::unique_ptr<ArenaPlanner> planner =
      make_arena_planner(options.algorithm, options.exact_node_budget);
  if (!planner) {
    std::string names;
    for (const auto& name : arena_planner_names()) names += (names.empty() ? "" : ", ") + name;
    return Status::error("unknown planning algorithm '{}'; choose one of: {}", options.algorithm,
                         names);
  }
  struct Group {
    size_t size = 0;
    int first = INT_MAX;
    int last = -1;
  };
  std::map<int, Group> group_of_root;
  for (size_t v = 0; v < f.values; ++v) {
    if (!f.arena_value[v] || first[v] < 0) continue;
    Group& gr = group_of_root[groups.find(static_cast<int>(v))];
    gr.size = std::max(gr.size, f.bytes[v]);
    gr.first = std::min(gr.first, first[v]);
    gr.last = std::max(gr.last, last[v]);
    plan.baseline_bytes += aligned(f.bytes[v]);
  }
  std::map<int, int> buffer_of_root;
  for (const auto& [root, gr] : group_of_root)
    buffer_of_root[root] = planner->add_buffer(gr.size, gr.first, gr.last);
  std::vector<int> scratch_buffer(f.nodes, -1);
  for (int s = 0; s < steps; ++s) {
    const size_t n = static_cast<size_t>(plan.schedule[static_cast<size_t>(s)]);
    if (f.scratch[n] == 0 || !f.arena_node[n]) continue;
    scratch_buffer[n] = planner->add_buffer(f.scratch[n], s, s);
    plan.baseline_bytes += aligned(f.scratch[n]);
  }
  planner->plan();
  plan.algorithm = planner->winner();
  plan.peak_bytes = planner->peak_bytes();
  plan.lower_bound_bytes = planner->live_lower_bound();
  if (auto* best = dynamic_cast<BestPlanner*>(planner.get())) {
    plan.proven_optimal = best->proven_optimal();
  } else if (auto* exact = dynamic_cast<ExactPlanner*>(planner.get())) {
    plan.proven_optimal = exact->proven_optimal();
  } else {
    plan.proven_optimal = plan.peak_bytes <= plan.lower_bound_bytes;
  }

  plan.offset_of_value.assign(f.values, -1);
  for (int s = 0; s < steps; ++s) {
    const size_t n = static_cast<size_t>(plan.schedule[static_cast<size_t>(s)]);
    for (int v : g.nodes[n].outputs) {
      if (v < 0 || !f.arena_value[static_cast<size_t>(v)] || first[static_cast<size_t>(v)] != s)
        continue;
      const size_t vi = static_cast<size_t>(v);
      PlannedTensor pt;
      pt.value = v;
      pt.name = g.values[vi].name;
      pt.size = f.bytes[vi];
      pt.first_step = first[vi];
      pt.last_step = last[vi];
      pt.offset = planner->offset_of(buffer_of_root.at(groups.find(v)));
      pt.alias_of = plan.alias_of_value[vi];
      pt.in_place = in_place[vi];
      plan.offset_of_value[vi] = static_cast<int64_t>(pt.offset);
      plan.tensors.push_back(std::move(pt));
    }
  }
  for (int v : g.states) {
    const size_t vi = static_cast<size_t>(v);
    if (!f.arena_value[vi]) continue;
    PlannedTensor pt;
    pt.value = v;
    pt.name = g.values[vi].name;
    pt.size = f.bytes[vi];
    pt.first_step = first[vi];
    pt.last_step = last[vi];
    pt.offset = planner->offset_of(buffer_of_root.at(groups.find(v)));
    plan.offset_of_value[vi] = static_cast<int64_t>(pt.offset);
    plan.tensors.push_back(std::move(pt));
  }
  plan.scratch_offset.assign(f.nodes, -1);
  plan.scratch_bytes.assign(f.nodes, 0);
  for (int s = 0; s < steps; ++s) {
    const size_t n = static_cast<size_t>(plan.schedule[static_cast<size_t>(s)]);
    if (scratch_buffer[n] < 0) continue;
    PlannedTensor pt;
    pt.scratch_node = static_cast<int>(n);
    pt.name =
        (g.nodes[n].name.empty() ? fmt::format("{}#{}", g.nodes[n].op_type, n) : g.nodes[n].name) +
        "/scratch";
    pt.size = f.scratch[n];
    pt.first_step = pt.last_step = s;
    pt.offset = planner->offset_of(scratch_buffer[n]);
    plan.scratch_offset[n] = static_cast<int64_t>(pt.offset);
    plan.scratch_bytes[n] = pt.size;
    plan.tensors.push_back(std::move(pt));
  }
  *out = std::move(plan);
  return Status::ok();
}

}  // namespace

bool node_runs_in_arena(const Node& node, const GraphTypes& types) {
  bool all_known = !node.outputs.empty();
  for (int v : node.outputs) {
    if (v < 0) continue;
    const TypeInfo& t = types.types[static_cast<size_t>(v)];
    if (!types.values[static_cast<size_t>(v)]) all_known = false;
    if (t.kind != ValueKind::kTensor || !t.shape_known() || t.dtype == DType::kUndefined ||
        t.dtype == DType::kString)
      return false;
  }
  return !all_known;
}

Status plan_memory(const Graph& g, const GraphTypes& types, const PlanOptions& options,
                   MemoryPlan* out) {
  const auto t0 = std::chrono::steady_clock::now();
  const GraphFacts facts = collect_facts(g, types, options);
  std::vector<int> identity(g.nodes.size());
  std::iota(identity.begin(), identity.end(), 0);
  std::vector<std::pair<std::string, std::vector<int>>> orders;
  orders.emplace_back("graph order", identity);
  if (options.reorder) {
    for (auto& [name, order] : {std::pair{"greedy", greedy_schedule(g, facts)},
                                std::pair{"exact", exact_schedule(g, facts)}})
      if (order.size() == g.nodes.size() && order != identity) orders.emplace_back(name, order);
  }
  // Every order, with in-place outputs and (as a fallback) without: aliasing changes the buffers
  // the placement sees, and a heuristic placement is not monotone in them. The smallest peak
  // wins; ties keep the earlier candidate (graph order, in place).
  std::vector<bool> variants = {options.in_place};
  if (options.in_place) variants.push_back(false);
  MemoryPlan best;
  bool have = false;
  for (bool in_place : variants) {
    PlanOptions o = options;
    o.in_place = in_place;
    for (const auto& [name, order] : orders) {
      MemoryPlan candidate;
      AXE_TRY(plan_for_schedule(g, types, facts, o, order, &candidate));
      if (!have || candidate.peak_bytes < best.peak_bytes) {
        best = std::move(candidate);
        best.schedule_algorithm = name;
        have = true;
      }
    }
  }
  best.plan_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  *out = std::move(best);
  return Status::ok();
}

Status check_plan(const MemoryPlan& plan) {
  std::map<int, size_t> tensor_of_value;
  for (size_t i = 0; i < plan.tensors.size(); ++i)
    if (plan.tensors[i].value >= 0) tensor_of_value[plan.tensors[i].value] = i;
  auto describe = [&](const PlannedTensor& t) {
    return t.value >= 0 ? fmt::format("'{}' (value {})", t.name, t.value)
                        : fmt::format("'{}'", t.name);
  };
  // Root buffer of each tensor (following alias_of); views/in-place outputs must sit on it.
  std::vector<size_t> root(plan.tensors.size());
  for (size_t i = 0; i < plan.tensors.size(); ++i) {
    size_t r = i;
    for (size_t hops = 0; plan.tensors[r].alias_of >= 0; ++hops) {
      auto it = tensor_of_value.find(plan.tensors[r].alias_of);
      if (it == tensor_of_value.end())
        return Status::error("tensor {} aliases value {} which is not in the arena",
                             describe(plan.tensors[r]), plan.tensors[r].alias_of);
      if (plan.tensors[it->second].offset != plan.tensors[r].offset)
        return Status::error("tensor {} aliases {} but sits at offset {} instead of {}",
                             describe(plan.tensors[r]), describe(plan.tensors[it->second]),
                             plan.tensors[r].offset, plan.tensors[it->second].offset);
      if (hops > plan.tensors.size())
        return Status::error("alias cycle through {}", describe(plan.tensors[i]));
      r = it->second;
    }
    root[i] = r;
  }
  std::vector<size_t> order(plan.tensors.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return plan.tensors[a].offset < plan.tensors[b].offset; });
  for (size_t i : order) {
    const PlannedTensor& t = plan.tensors[i];
    if (t.offset + t.size > plan.peak_bytes)
      return Status::error("tensor {} ends at {} beyond the peak {}", describe(t),
                           t.offset + t.size, plan.peak_bytes);
  }
  for (size_t i = 0; i < order.size(); ++i) {
    const PlannedTensor& a = plan.tensors[order[i]];
    for (size_t j = i + 1; j < order.size() && plan.tensors[order[j]].offset < a.offset + a.size;
         ++j) {
      const PlannedTensor& b = plan.tensors[order[j]];
      if (a.size == 0 || b.size == 0 || root[order[i]] == root[order[j]]) continue;
      if (a.first_step <= b.last_step && b.first_step <= a.last_step)
        return Status::error(
            "tensors {} and {} are alive together (steps {}-{} and {}-{}) and overlap in memory "
            "([{}, {}) and [{}, {}))",
            describe(a), describe(b), a.first_step, a.last_step, b.first_step, b.last_step,
            a.offset, a.offset + a.size, b.offset, b.offset + b.size);
    }
  }
  // An in-place output overwrites its buffer: nothing created before it may be read after.
  for (size_t i = 0; i < plan.tensors.size(); ++i) {
    const PlannedTensor& z = plan.tensors[i];
    if (!z.in_place) continue;
    for (size_t j = 0; j < plan.tensors.size(); ++j) {
      const PlannedTensor& t = plan.tensors[j];
      if (j == i || root[j] != root[i] || t.first_step >= z.first_step) continue;
      if (t.last_step > z.first_step)
        return Status::error(
            "tensor {} is written in place at step {} over {}, which is still read at step {}",
            describe(z), z.first_step, describe(t), t.last_step);
    }
  }
  return Status::ok();
}

}  // namespace axe
