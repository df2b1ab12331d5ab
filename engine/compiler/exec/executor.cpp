#include "exec/executor.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstring>

#include "passes/passes.hpp"
#include "plan/in_place.hpp"
#include "plan/memory_plan.hpp"

namespace axe {

namespace {

constexpr int64_t kMaxPropagatedElements = 4096;

bool is_nondeterministic(axe_op op) {
  switch (op) {
    case AXE_OP_BERNOULLI:
    case AXE_OP_MULTINOMIAL:
    case AXE_OP_RANDOM_NORMAL:
    case AXE_OP_RANDOM_NORMAL_LIKE:
    case AXE_OP_RANDOM_UNIFORM:
    case AXE_OP_RANDOM_UNIFORM_LIKE:
    case AXE_OP_IF:
    case AXE_OP_LOOP:
    case AXE_OP_SCAN:
    case AXE_OP_SEQUENCE_MAP:
      return true;
    default:
      return false;
  }
}

}  // namespace

TypeInfo type_of(const RtValue& v) {
  TypeInfo t;
  t.kind = v.kind;
  t.element_kind = v.element_kind;
  if (v.kind == ValueKind::kTensor ||
      (v.kind == ValueKind::kOptional && v.has_element && v.element_kind == ValueKind::kTensor)) {
    t.dtype = v.tensor.dtype();
    t.shape = v.tensor.shape();
    t.rank_known = true;
  } else if (!v.sequence.empty()) {
    t.dtype = v.sequence.front().dtype();
  }
  return t;
}

Status check_ops_supported(const Graph& graph) {
  const OpRegistry& reg = OpRegistry::get();
  for (const Node& node : graph.nodes) {
    if (!reg.find(node.op)) {
      std::string domain = node.domain.empty() ? "ai.onnx" : node.domain;
      if (node.op == AXE_OP_INVALID)
        return Status::error("{} uses op '{}' (domain {}) which Auto-X Engine does not know",
                             node.label(), node.op_type, domain);
      return Status::error("{} uses op '{}' which Auto-X Engine does not implement yet",
                           node.label(), node.op_type);
    }
    for (const auto& [key, attr] : node.attrs) {
      if (attr.g) AXE_TRY(check_ops_supported(*attr.g));
      for (const auto& g : attr.graphs) AXE_TRY(check_ops_supported(*g));
    }
  }
  return Status::ok();
}

Status run_node(const Node& node, const std::vector<const RtValue*>& inputs,
                std::vector<RtValue>* outputs, int threads, const SubgraphRunner* runner) {
  const OpDef* def = OpRegistry::get().find(node.op);
  if (!def) return Status::error("{}: op is not implemented", node.label());
  outputs->assign(node.outputs.size(), RtValue{});
  // Re-infer from the actual inputs so that outputs can be allocated up front.
  std::vector<TypeInfo> in_types(inputs.size());
  std::vector<const TypeInfo*> in_type_ptrs(inputs.size(), nullptr);
  std::vector<const Tensor*> in_values(inputs.size(), nullptr);
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i]) continue;
    in_types[i] = type_of(*inputs[i]);
    in_type_ptrs[i] = &in_types[i];
    if (inputs[i]->kind == ValueKind::kTensor) in_values[i] = &inputs[i]->tensor;
  }
  std::vector<TypeInfo> out_types(node.outputs.size());
  if (def->infer) {
    InferContext ictx(node, in_type_ptrs, in_values, &out_types);
    Status s = def->infer(ictx);
    if (!s) return s.prefix(node.label() + ": ");
  }
  std::vector<RtValue*> out_ptrs(node.outputs.size(), nullptr);
  for (size_t i = 0; i < node.outputs.size(); ++i) {
    if (node.outputs[i] < 0) continue;
    out_ptrs[i] = &(*outputs)[i];
    const TypeInfo& t = out_types[i];
    if (t.kind == ValueKind::kTensor && t.dtype != DType::kUndefined && t.shape_known())
      (*outputs)[i] = RtValue::of(Tensor(t.dtype, t.shape));
  }
  KernelContext kctx(node, inputs, out_ptrs, threads, runner);
  Status s = def->run(kctx);
  if (!s) return s.prefix(node.label() + ": ");
  if (out_ptrs.size() == 1 && out_ptrs[0]) apply_fused_activation(node, &(*outputs)[0].tensor);
  for (size_t i = 0; i < node.outputs.size(); ++i) {
    if (out_ptrs[i] && !(*outputs)[i].defined())
      return Status::error("{}: output {} was not produced", node.label(), i);
  }
  return Status::ok();
}

Status infer_graph_types(const Graph& graph, const std::vector<TypeInfo>& input_types,
                         const std::vector<TypeInfo>& capture_types, bool propagate_constants,
                         GraphTypes* out) {
  const OpRegistry& reg = OpRegistry::get();
  out->types.assign(graph.values.size(), TypeInfo{});
  out->values.assign(graph.values.size(), std::nullopt);
  for (size_t v = 0; v < graph.values.size(); ++v) {
    const Value& val = graph.values[v];
    if (val.constant) {
      out->types[v] = TypeInfo::tensor(val.constant->dtype(), val.constant->shape());
      out->values[v] = *val.constant;
    } else {
      out->types[v] = val.type;
    }
  }
  for (size_t i = 0; i < graph.inputs.size() && i < input_types.size(); ++i)
    out->types[static_cast<size_t>(graph.inputs[i])] = input_types[i];
  for (size_t i = 0; i < graph.captures.size() && i < capture_types.size(); ++i)
    out->types[static_cast<size_t>(graph.captures[i])] = capture_types[i];

  for (const Node& node : graph.nodes) {
    const OpDef* def = reg.find(node.op);
    if (!def) return Status::error("{}: op is not implemented", node.label());
    std::vector<const TypeInfo*> in_types(node.inputs.size(), nullptr);
    std::vector<const Tensor*> in_values(node.inputs.size(), nullptr);
    bool all_known = true;
    Tensor shape_only;  // Shape/Size read only the shape: a static shape makes them known
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      const int v = node.inputs[i];
      if (v < 0) continue;
      in_types[i] = &out->types[static_cast<size_t>(v)];
      if (out->values[static_cast<size_t>(v)]) {
        in_values[i] = &*out->values[static_cast<size_t>(v)];
      } else if (i == 0 && (node.op == AXE_OP_SHAPE || node.op == AXE_OP_SIZE) &&
                 in_types[i]->is_tensor() && in_types[i]->shape_known()) {
        shape_only = Tensor::borrow(in_types[i]->dtype, in_types[i]->shape, nullptr);
      } else {
        all_known = false;
      }
    }
    std::vector<TypeInfo> out_types(node.outputs.size());
    if (def->infer) {
      InferContext ctx(node, in_types, in_values, &out_types);
      Status s = def->infer(ctx);
      if (!s) return s.prefix(node.label() + ": ");
    }
    for (size_t i = 0; i < node.outputs.size(); ++i)
      if (node.outputs[i] >= 0) out->types[static_cast<size_t>(node.outputs[i])] = out_types[i];

    if (!propagate_constants || !all_known || !node.implicit_inputs.empty() ||
        is_nondeterministic(node.op))
      continue;
    bool small = true;
    for (const TypeInfo& t : out_types)
      if (t.kind != ValueKind::kTensor || !t.shape_known() ||
          shape_numel(t.shape) > kMaxPropagatedElements)
        small = false;
    if (!small) continue;
    std::vector<RtValue> in_rt(node.inputs.size());
    std::vector<const RtValue*> in_ptrs(node.inputs.size(), nullptr);
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      const Tensor* t =
          in_values[i] ? in_values[i] : (i == 0 && shape_only.defined() ? &shape_only : nullptr);
      if (!t) continue;
      in_rt[i] = RtValue::of(*t);
      in_ptrs[i] = &in_rt[i];
    }
    std::vector<RtValue> results;
    if (!run_node(node, in_ptrs, &results, 1, nullptr)) continue;  // leave it to run time
    for (size_t i = 0; i < node.outputs.size(); ++i) {
      const int v = node.outputs[i];
      if (v < 0) continue;
      out->values[static_cast<size_t>(v)] = results[i].tensor;
      out->types[static_cast<size_t>(v)] =
          TypeInfo::tensor(results[i].tensor.dtype(), results[i].tensor.shape());
    }
  }
  return Status::ok();
}

Executor::Executor(std::shared_ptr<const Graph> graph, Options options)
    : graph_(std::move(graph)), options_(options) {}

Executor::~Executor() = default;

Status Executor::check_inputs(const std::vector<RtValue>& inputs) const {
  const Graph& g = *graph_;
  if (inputs.size() != g.inputs.size())
    return Status::error("model expects {} input(s), got {}", g.inputs.size(), inputs.size());
  std::map<std::string, int64_t> bound;  // symbolic dim -> value
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Value& decl = g.values[static_cast<size_t>(g.inputs[i])];
    const RtValue& in = inputs[i];
    if (decl.type.kind != in.kind && decl.type.kind != ValueKind::kOptional)
      return Status::error("input '{}' expects a {}, got a different kind of value", decl.name,
                           decl.type.to_string());
    if (in.kind != ValueKind::kTensor) continue;
    if (!in.tensor.defined())
      return Status::error("input '{}' ({}) was not given", decl.name, decl.type.to_string());
    if (decl.type.dtype != DType::kUndefined && decl.type.dtype != in.tensor.dtype())
      return Status::error("input '{}' expects {}, got {}; convert the input to {}", decl.name,
                           decl.type.to_string(), dtype_name(in.tensor.dtype()),
                           dtype_name(decl.type.dtype));
    if (!decl.type.rank_known) continue;
    const Shape& shape = in.tensor.shape();
    if (shape.size() != decl.type.shape.size())
      return Status::error("input '{}' expects shape {} (rank {}), got {} (rank {})", decl.name,
                           shape_string(decl.type.shape), decl.type.shape.size(),
                           shape_string(shape), shape.size());
    for (size_t d = 0; d < shape.size(); ++d) {
      const int64_t want = decl.type.shape[d];
      if (want >= 0 && want != shape[d])
        return Status::error("input '{}' expects shape {}, got {} (dimension {} must be {})",
                             decl.name, shape_string(decl.type.shape), shape_string(shape), d,
                             want);
      const std::string& sym = d < decl.type.dim_names.size() ? decl.type.dim_names[d] : "";
      if (want < 0 && !sym.empty()) {
        auto [it, inserted] = bound.emplace(sym, shape[d]);
        if (!inserted && it->second != shape[d])
          return Status::error(
              "input '{}' dimension {} ('{}') is {} but another input bound '{}' to {}", decl.name,
              d, sym, shape[d], sym, it->second);
      }
    }
  }
  return Status::ok();
}

Status Executor::prepare(const std::vector<TypeInfo>& input_types,
                         const std::vector<TypeInfo>& capture_types) {
  const Graph& g = *graph_;
  AXE_TRY(infer_graph_types(g, input_types, capture_types, true, &types_));
  const size_t nv = g.values.size();
  const size_t nn = g.nodes.size();
  node_static_.assign(nn, false);
  node_precomputed_.assign(nn, false);
  for (size_t n = 0; n < nn; ++n) {
    const Node& node = g.nodes[n];
    bool precomputed = !node.outputs.empty();
    for (int v : node.outputs)
      if (v >= 0 && !types_.values[static_cast<size_t>(v)]) precomputed = false;
    node_precomputed_[n] = precomputed;
    node_static_[n] = node_runs_in_arena(node, types_);
  }
  PlanOptions popt;
  popt.algorithm = options_.plan_algorithm;
  popt.reorder = options_.plan_reorder;
  popt.in_place = options_.plan_in_place;
  popt.threads = options_.threads;
  auto plan = std::make_shared<MemoryPlan>();
  AXE_TRY(plan_memory(g, types_, popt, plan.get()));
  last_use_.assign(nv, -1);
  for (size_t s = 0; s < plan->schedule.size(); ++s) {
    const Node& node = g.nodes[static_cast<size_t>(plan->schedule[s])];
    for (const auto* list : {&node.inputs, &node.implicit_inputs})
      for (int v : *list)
        if (v >= 0) last_use_[static_cast<size_t>(v)] = static_cast<int>(s);
  }
  for (int v : g.outputs)
    if (v >= 0) last_use_[static_cast<size_t>(v)] = INT_MAX;
  if (plan->peak_bytes > arena_capacity_ || !arena_) {
    arena_capacity_ = plan->peak_bytes;
    arena_ = std::shared_ptr<uint8_t[]>(
        new (std::align_val_t{64}) uint8_t[arena_capacity_ + 64],
        [](uint8_t* p) { ::operator delete[](p, std::align_val_t{64}); });
  }
  arena_size_ = plan->peak_bytes;
  plan_ = std::move(plan);
  for (int v : g.states) last_use_[static_cast<size_t>(v)] = INT_MAX;
  reset_state();
  prepared_inputs_ = input_types;
  prepared_captures_ = capture_types;
  prepared_ = true;
  return Status::ok();
}

namespace {
bool same_types(const std::vector<TypeInfo>& a, const std::vector<TypeInfo>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].dtype != b[i].dtype || a[i].shape != b[i].shape ||
        a[i].rank_known != b[i].rank_known)
      return false;
  return true;
}
}  // namespace

void Executor::reset_state() {
  if (!plan_) return;
  for (int v : graph_->states) {
    const int64_t offset = plan_->offset_of_value[static_cast<size_t>(v)];
    const TypeInfo& t = types_.types[static_cast<size_t>(v)];
    if (offset >= 0)
      std::memset(arena_.get() + offset, 0,
                  static_cast<size_t>(shape_numel(t.shape)) * dtype_size(t.dtype));
  }
}

Status Executor::run(const std::vector<RtValue>& inputs, std::vector<RtValue>* outputs) {
  return run_scoped(inputs, outputs, nullptr);
}

Status Executor::run_scoped(const std::vector<RtValue>& inputs, std::vector<RtValue>* outputs,
                            const ScopeLookup& outer) {
  const Graph& g = *graph_;
  AXE_TRY(check_inputs(inputs));
  std::vector<RtValue> env(g.values.size());
  for (size_t i = 0; i < g.inputs.size(); ++i) env[static_cast<size_t>(g.inputs[i])] = inputs[i];
  std::vector<TypeInfo> capture_types;
  for (int c : g.captures) {
    const Value& v = g.values[static_cast<size_t>(c)];
    const RtValue* found = outer ? outer(v.name) : nullptr;
    if (!found) return Status::error("subgraph reads '{}' which no enclosing graph has", v.name);
    env[static_cast<size_t>(c)] = *found;
    capture_types.push_back(type_of(*found));
  }
  std::vector<TypeInfo> input_types;
  input_types.reserve(inputs.size());
  for (const RtValue& in : inputs) input_types.push_back(type_of(in));
  if (!prepared_ || !same_types(input_types, prepared_inputs_) ||
      !same_types(capture_types, prepared_captures_))
    AXE_TRY(prepare(input_types, capture_types));

  for (size_t v = 0; v < g.values.size(); ++v)
    if (types_.values[v] && !env[v].defined()) env[v] = RtValue::of(*types_.values[v]);
  for (int v : g.states) {
    const size_t vi = static_cast<size_t>(v);
    const int64_t offset = plan_->offset_of_value[vi];
    if (offset < 0)
      return Status::error("state '{}' has no static shape ({}); give it one", g.values[vi].name,
                           types_.types[vi].to_string());
    env[vi] = RtValue::of(
        Tensor::borrow(types_.types[vi].dtype, types_.types[vi].shape, arena_.get() + offset));
  }

  ScopeLookup lookup = [&](const std::string& name) -> const RtValue* {
    int v = g.find_value(name);
    if (v >= 0 && env[static_cast<size_t>(v)].defined()) return &env[static_cast<size_t>(v)];
    return outer ? outer(name) : nullptr;
  };
  SubgraphRunner runner = [&](const Graph& sub, const std::vector<RtValue>& in,
                              std::vector<RtValue>* out) -> Status {
    auto& exec = subgraph_executors_[&sub];
    if (!exec) {
      // The subgraph is owned by a node attribute of graph_, which outlives this executor.
      exec = std::make_unique<Executor>(std::shared_ptr<const Graph>(graph_, &sub), options_);
    }
    return exec->run_scoped(in, out, lookup);
  };

  std::vector<const RtValue*> in_ptrs;
  std::vector<RtValue> results;
  const MemoryPlan& plan = *plan_;
  using Clock = std::chrono::steady_clock;
  if (node_times_) node_times_->assign(g.nodes.size(), 0);
  Clock::time_point step_start;
  for (size_t step = 0; step < plan.schedule.size(); ++step) {
    const size_t n = static_cast<size_t>(plan.schedule[step]);
    const Node& node = g.nodes[n];
    if (node_precomputed_[n]) continue;
    if (node_times_) step_start = Clock::now();
    in_ptrs.assign(node.inputs.size(), nullptr);
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      const int v = node.inputs[i];
      if (v < 0) continue;
      if (!env[static_cast<size_t>(v)].defined() &&
          g.values[static_cast<size_t>(v)].type.kind == ValueKind::kTensor)
        return Status::error("{}: input '{}' has no value", node.label(),
                             g.values[static_cast<size_t>(v)].name);
      in_ptrs[i] = &env[static_cast<size_t>(v)];
    }
    const int out0 = node.outputs.empty() ? -1 : node.outputs[0];
    if (node_static_[n] && out0 >= 0 && in_place_kind(node.op) == InPlaceKind::kView &&
        !node.inputs.empty() && plan.alias_of_value[static_cast<size_t>(out0)] == node.inputs[0] &&
        env[static_cast<size_t>(node.inputs[0])].kind == ValueKind::kTensor) {
      // A zero-copy view: the plan gave the output the input's bytes; no kernel runs.
      const TypeInfo& t = types_.types[static_cast<size_t>(out0)];
      env[static_cast<size_t>(out0)] =
          RtValue::of(env[static_cast<size_t>(node.inputs[0])].tensor.reshaped(t.shape));
    } else if (node_static_[n]) {
      std::vector<RtValue*> out_ptrs(node.outputs.size(), nullptr);
      for (size_t i = 0; i < node.outputs.size(); ++i) {
        const int v = node.outputs[i];
        if (v < 0) continue;
        const TypeInfo& t = types_.types[static_cast<size_t>(v)];
        const int64_t offset = plan.offset_of_value[static_cast<size_t>(v)];
        env[static_cast<size_t>(v)] =
            offset >= 0 ? RtValue::of(Tensor::borrow(t.dtype, t.shape, arena_.get() + offset))
                        : RtValue::of(Tensor(t.dtype, t.shape));
        out_ptrs[i] = &env[static_cast<size_t>(v)];
      }
      const OpDef* def = OpRegistry::get().find(node.op);
      KernelContext ctx(node, in_ptrs, out_ptrs, options_.threads, &runner);
      if (plan.scratch_offset[n] >= 0)
        ctx.set_planned_scratch(arena_.get() + plan.scratch_offset[n], plan.scratch_bytes[n]);
      Status s = def->run(ctx);
      if (!s) return s.prefix(node.label() + ": ");
      if (out_ptrs.size() == 1 && out_ptrs[0]) apply_fused_activation(node, &out_ptrs[0]->tensor);
    } else {
      AXE_TRY(run_node(node, in_ptrs, &results, options_.threads, &runner));
      for (size_t i = 0; i < node.outputs.size(); ++i)
        if (node.outputs[i] >= 0) env[static_cast<size_t>(node.outputs[i])] = std::move(results[i]);
    }
    // Release values whose last reader has run (owned storage is freed; arena slots are reused
    // by the plan).
    auto release = [&](int v) {
      if (v >= 0 && last_use_[static_cast<size_t>(v)] == static_cast<int>(step) &&
          !types_.values[static_cast<size_t>(v)])
        env[static_cast<size_t>(v)] = RtValue{};
    };
    for (int v : node.inputs) release(v);
    if (node_times_)
      (*node_times_)[n] +=
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - step_start).count();
  }
  outputs->clear();
  outputs->reserve(g.outputs.size());
  for (int v : g.outputs) {
    RtValue out = env[static_cast<size_t>(v)];
    // Arena-backed outputs are copied so they outlive the next run.
    if (out.kind == ValueKind::kTensor && out.tensor.is_borrowed()) out.tensor = out.tensor.clone();
    outputs->push_back(std::move(out));
  }
  return Status::ok();
}

}  // namespace axe
