#include "axe/engine.hpp"

#include <filesystem>

#include "import/onnx/onnx_importer.hpp"

namespace axe {

namespace fs = std::filesystem;

const char* engine_version() {
  static const std::string v =
      fmt::format("{}.{}.{}", AXE_VERSION_MAJOR, AXE_VERSION_MINOR, AXE_VERSION_PATCH);
  return v.c_str();
}

Status Model::load(const std::string& path, Model* out, const LoadOptions& options) {
  ImportedModel m;
  AXE_TRY(import_onnx_file(path, &m));
  return from_graph(m.graph, path, m.producer, m.ir_version, out, options);
}

Status Model::from_graph(std::shared_ptr<Graph> graph, const std::string& path,
                         const std::string& producer, int64_t ir_version, Model* out,
                         const LoadOptions& options) {
  if (!graph) return Status::error("{}: the importer returned no graph", path);
  Status s = check_ops_supported(*graph);
  if (!s) return s.prefix(path + ": ");
  Model model;
  model.graph_ = std::move(graph);
  model.path_ = path;
  model.producer_ = producer;
  model.ir_version_ = ir_version;
  if (options.optimize) {
    s = run_default_passes(model.graph_.get(), &model.pass_stats_);
    if (!s) return s.prefix(path + ": ");
  }
  *out = std::move(model);
  return Status::ok();
}

std::vector<IoInfo> Model::inputs() const {
  std::vector<IoInfo> r;
  for (int v : graph_->inputs)
    r.push_back(
        {graph_->values[static_cast<size_t>(v)].name, graph_->values[static_cast<size_t>(v)].type});
  return r;
}

std::vector<IoInfo> Model::outputs() const {
  std::vector<IoInfo> r;
  for (int v : graph_->outputs)
    r.push_back(
        {graph_->values[static_cast<size_t>(v)].name, graph_->values[static_cast<size_t>(v)].type});
  return r;
}

namespace {

int64_t node_macs(const Node& n, const GraphTypes& t) {
  auto type = [&](int v) -> const TypeInfo* {
    return v >= 0 ? &t.types[static_cast<size_t>(v)] : nullptr;
  };
  const TypeInfo* out = n.outputs.empty() ? nullptr : type(n.outputs[0]);
  const TypeInfo* in0 = n.inputs.empty() ? nullptr : type(n.inputs[0]);
  const TypeInfo* in1 = n.inputs.size() > 1 ? type(n.inputs[1]) : nullptr;
  auto known = [](const TypeInfo* ti) { return ti && ti->is_tensor() && ti->shape_known(); };
  switch (n.op) {
    case AXE_OP_CONV:
    case AXE_OP_CONV_INTEGER:
    case AXE_OP_QLINEAR_CONV: {
      const TypeInfo* w = n.op == AXE_OP_QLINEAR_CONV ? type(n.inputs[3]) : in1;
      if (!known(out) || !known(w)) return -1;
      return shape_numel(out->shape) * (shape_numel(w->shape) / w->shape[0]);
    }
    case AXE_OP_CONV_TRANSPOSE: {
      if (!known(in0) || !known(in1)) return -1;
      return shape_numel(in0->shape) * (shape_numel(in1->shape) / in1->shape[0]);
    }
    case AXE_OP_MAT_MUL:
    case AXE_OP_MAT_MUL_INTEGER:
    case AXE_OP_QLINEAR_MAT_MUL: {
      const TypeInfo* a = n.op == AXE_OP_QLINEAR_MAT_MUL ? in0 : in0;
      if (!known(out) || !known(a) || a->shape.empty()) return -1;
      return shape_numel(out->shape) * a->shape.back();
    }
    case AXE_OP_GEMM: {
      if (!known(out) || !known(in0) || in0->shape.size() != 2) return -1;
      const Attribute* ta = n.attr("transA");
      const int64_t k = (ta && ta->i) ? in0->shape[0] : in0->shape[1];
      return shape_numel(out->shape) * k;
    }
    default:
      return 0;
  }
}

}  // namespace

namespace {

// Input types with `input_shapes` bound by position (empty = as declared, an unknown batch
// dimension taken as 1). With `require_known`, a still unknown dimension is an error.
Status bind_input_types(const Graph& g, const std::vector<Shape>& input_shapes, bool require_known,
                        std::vector<TypeInfo>* out) {
  out->clear();
  for (size_t i = 0; i < g.inputs.size(); ++i) {
    const Value& decl = g.values[static_cast<size_t>(g.inputs[i])];
    TypeInfo t = decl.type;
    if (i < input_shapes.size() && !input_shapes[i].empty()) {
      if (t.rank_known && t.shape.size() != input_shapes[i].size())
        return Status::error("input '{}' has rank {} ({}) but the given shape {} has rank {}",
                             decl.name, t.shape.size(), t.to_string(),
                             shape_string(input_shapes[i]), input_shapes[i].size());
      t.shape = input_shapes[i];
      t.rank_known = true;
    } else if (t.rank_known && !t.shape.empty() && t.shape[0] < 0) {
      t.shape[0] = 1;  // unknown batch: one sample
    }
    if (require_known && t.kind == ValueKind::kTensor && !t.shape_known())
      return Status::error(
          "input '{}' has shape {} with unknown dimensions; give its shape (e.g. --shape "
          "1x3x640x640 for the first input)",
          decl.name, t.to_string());
    out->push_back(std::move(t));
  }
  return Status::ok();
}

}  // namespace

Status Model::value_types(const std::vector<Shape>& input_shapes, GraphTypes* out) const {
  std::vector<TypeInfo> in_types;
  AXE_TRY(bind_input_types(*graph_, input_shapes, false, &in_types));
  return infer_graph_types(*graph_, in_types, {}, true, out);
}

Status Model::memory_plan(const std::vector<Shape>& input_shapes, const PlanOptions& options,
                          MemoryPlan* out) const {
  std::vector<TypeInfo> in_types;
  AXE_TRY(bind_input_types(*graph_, input_shapes, true, &in_types));
  GraphTypes types;
  AXE_TRY(infer_graph_types(*graph_, in_types, {}, true, &types));
  return plan_memory(*graph_, types, options, out);
}

Status Model::stats(const std::vector<Shape>& input_shapes, ModelStats* out) const {
  const Graph& g = *graph_;
  GraphTypes types;
  AXE_TRY(value_types(input_shapes, &types));
  ModelStats st;
  std::vector<bool> counted(g.values.size(), false);
  for (const Node& n : g.nodes) {
    NodeStats ns;
    ns.name = n.name;
    ns.op = n.op_type;
    for (int v : n.outputs)
      if (v >= 0) ns.output_shapes.push_back(types.types[static_cast<size_t>(v)].shape);
    for (int v : n.inputs) {
      if (v < 0 || !g.values[static_cast<size_t>(v)].constant) continue;
      const Tensor& c = *g.values[static_cast<size_t>(v)].constant;
      ns.params += c.numel();
      if (!counted[static_cast<size_t>(v)]) {
        counted[static_cast<size_t>(v)] = true;
        st.params += c.numel();
        st.weight_bytes += static_cast<int64_t>(c.nbytes());
      }
    }
    ns.macs = node_macs(n, types);
    if (ns.macs < 0)
      st.macs_complete = false;
    else
      st.macs += ns.macs;
    ++st.op_histogram[n.op_type];
    st.nodes.push_back(std::move(ns));
  }
  *out = std::move(st);
  return Status::ok();
}

Session::Session(const Model& model, SessionOptions options)
    : executor_(model.shared_graph(), Executor::Options{options.threads}) {}

Status Session::run(const std::vector<RtValue>& inputs, std::vector<RtValue>* outputs) {
  return executor_.run(inputs, outputs);
}

Status Session::run_profiled(const std::vector<RtValue>& inputs, std::vector<RtValue>* outputs,
                             std::vector<int64_t>* node_ns) {
  executor_.set_node_times(node_ns);
  Status s = executor_.run(inputs, outputs);
  executor_.set_node_times(nullptr);
  return s;
}

Status load_inputs_from_dir(const Model& model, const std::string& dir,
                            std::vector<RtValue>* inputs) {
  const std::vector<IoInfo> decl = model.inputs();
  if (!fs::is_directory(dir)) return Status::error("input directory '{}' does not exist", dir);
  inputs->assign(decl.size(), RtValue{});
  std::vector<bool> bound(decl.size(), false);
  std::vector<std::pair<std::string, RtValue>> files;
  for (size_t i = 0;; ++i) {
    const std::string path = (fs::path(dir) / fmt::format("input_{}.pb", i)).string();
    if (!fs::exists(path)) break;
    const ValueKind kind = i < decl.size() ? decl[i].type.kind : ValueKind::kTensor;
    RtValue v;
    std::string name;
    AXE_TRY(read_value_file(path, kind, &v, &name));
    files.emplace_back(std::move(name), std::move(v));
  }
  if (files.size() > decl.size())
    return Status::error("'{}' has {} input files but the model has {} input(s)", dir, files.size(),
                         decl.size());
  // By name first, then the rest by position into the inputs still free.
  std::vector<bool> used(files.size(), false);
  for (size_t f = 0; f < files.size(); ++f) {
    for (size_t i = 0; i < decl.size(); ++i) {
      if (!bound[i] && !files[f].first.empty() && files[f].first == decl[i].name) {
        (*inputs)[i] = std::move(files[f].second);
        bound[i] = used[f] = true;
        break;
      }
    }
  }
  for (size_t f = 0; f < files.size(); ++f) {
    if (used[f]) continue;
    size_t i = f < decl.size() && !bound[f] ? f : 0;
    while (i < decl.size() && bound[i]) ++i;
    if (i == decl.size()) break;
    (*inputs)[i] = std::move(files[f].second);
    bound[i] = true;
  }
  for (size_t i = 0; i < decl.size(); ++i) {
    if (bound[i]) continue;
    if (decl[i].type.kind == ValueKind::kOptional) {
      (*inputs)[i].kind = ValueKind::kOptional;
      (*inputs)[i].has_element = false;
      continue;
    }
    return Status::error("'{}' has no input_{}.pb for model input '{}' ({})", dir, i, decl[i].name,
                         decl[i].type.to_string());
  }
  return Status::ok();
}

Status save_outputs_to_dir(const Model& model, const std::string& dir,
                           const std::vector<RtValue>& outputs) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::error("cannot create output directory '{}': {}", dir, ec.message());
  const std::vector<IoInfo> decl = model.outputs();
  for (size_t j = 0; j < outputs.size(); ++j) {
    const std::string path = (fs::path(dir) / fmt::format("output_{}.pb", j)).string();
    AXE_TRY(write_value_file(path, outputs[j], j < decl.size() ? decl[j].name : ""));
  }
  return Status::ok();
}

Status make_random_inputs(const Model& model, const Shape& first_shape, uint64_t seed,
                          std::vector<RtValue>* inputs) {
  // xorshift32 in [-1, 1): the generator of ../shared/tools/ort-runner/bench_ort.js, so that a
  // side-by-side benchmark feeds both engines identical float inputs.
  uint32_t state = seed ? static_cast<uint32_t>(seed) : 0x12345678u;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return static_cast<float>(static_cast<double>(state) / 4294967296.0 * 2.0 - 1.0);
  };
  inputs->clear();
  const std::vector<IoInfo> decl = model.inputs();
  for (size_t i = 0; i < decl.size(); ++i) {
    const TypeInfo& t = decl[i].type;
    if (t.kind != ValueKind::kTensor)
      return Status::error("input '{}' is a {}; give inputs with --input-dir", decl[i].name,
                           t.to_string());
    Shape shape = t.shape;
    if (i == 0 && !first_shape.empty()) {
      if (t.rank_known && first_shape.size() != t.shape.size())
        return Status::error("--shape {} has rank {} but input '{}' has rank {} ({})",
                             shape_string(first_shape), first_shape.size(), decl[i].name,
                             t.shape.size(), t.to_string());
      for (size_t d = 0; d < t.shape.size(); ++d)
        if (t.shape[d] >= 0 && t.shape[d] != first_shape[d])
          return Status::error("--shape {} does not match input '{}' ({})",
                               shape_string(first_shape), decl[i].name, t.to_string());
      shape = first_shape;
    } else if (!t.rank_known) {
      return Status::error("input '{}' has an unknown shape; give --shape or --input-dir",
                           decl[i].name);
    }
    for (int64_t& d : shape)
      if (d < 0) d = 1;
    Tensor x(t.dtype == DType::kUndefined ? DType::kFloat32 : t.dtype, shape);
    for (int64_t k = 0; k < x.numel(); ++k) {
      const float r = next();
      switch (x.dtype()) {
        case DType::kFloat32:
          x.data<float>()[k] = r;
          break;
        case DType::kFloat64:
          x.data<double>()[k] = r;
          break;
        case DType::kInt64:
          x.data<int64_t>()[k] = static_cast<int64_t>((r + 1) * 5);
          break;
        case DType::kInt32:
          x.data<int32_t>()[k] = static_cast<int32_t>((r + 1) * 5);
          break;
        case DType::kUInt8:
          x.data<uint8_t>()[k] = static_cast<uint8_t>((r + 1) * 127);
          break;
        case DType::kInt8:
          x.data<int8_t>()[k] = static_cast<int8_t>(r * 127);
          break;
        case DType::kBool:
          x.data<bool>()[k] = r > 0.0f;
          break;
        default:
          break;
      }
    }
    inputs->push_back(RtValue::of(std::move(x)));
  }
  return Status::ok();
}

}  // namespace axe
