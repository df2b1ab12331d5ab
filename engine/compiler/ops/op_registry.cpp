#include "ops/op_registry.hpp"

#include <array>
#include <cassert>

#include "exec/thread_pool.hpp"

namespace axe {

namespace {
constexpr std::array<const char*, AXE_OP_COUNT> kOpNames = {"<invalid>",
#define AXE_OP_NAME_ENTRY(ID, NAME) NAME,
                                                            AXE_OP_LIST(AXE_OP_NAME_ENTRY)
#undef AXE_OP_NAME_ENTRY
};
}  // namespace

int64_t AttrReader::attr_int(const std::string& key, int64_t def) const {
  const Attribute* a = attr(key);
  if (!a) return def;
  if (a->type == Attribute::Type::kFloat) return static_cast<int64_t>(a->f);
  return a->i;
}
float AttrReader::attr_float(const std::string& key, float def) const {
  const Attribute* a = attr(key);
  if (!a) return def;
  if (a->type == Attribute::Type::kInt) return static_cast<float>(a->i);
  return a->f;
}
std::string AttrReader::attr_string(const std::string& key, const std::string& def) const {
  const Attribute* a = attr(key);
  return a ? a->s : def;
}
std::vector<int64_t> AttrReader::attr_ints(const std::string& key,
                                           const std::vector<int64_t>& def) const {
  const Attribute* a = attr(key);
  return a ? a->ints : def;
}
std::vector<float> AttrReader::attr_floats(const std::string& key,
                                           const std::vector<float>& def) const {
  const Attribute* a = attr(key);
  return a ? a->floats : def;
}
std::vector<std::string> AttrReader::attr_strings(const std::string& key) const {
  const Attribute* a = attr(key);
  return a ? a->strings : std::vector<std::string>{};
}
const Tensor* AttrReader::attr_tensor(const std::string& key) const {
  const Attribute* a = attr(key);
  return a && a->type == Attribute::Type::kTensor ? &a->t : nullptr;
}
const Graph* AttrReader::attr_graph(const std::string& key) const {
  const Attribute* a = attr(key);
  return a && a->g ? a->g.get() : nullptr;
}

const Tensor& KernelContext::input(size_t i) const {
  static const Tensor kUndefined;
  if (!has_input(i)) return kUndefined;
  return inputs_[i]->tensor;
}

Tensor& KernelContext::output(size_t i) {
  assert(has_output(i));
  return outputs_[i]->tensor;
}

Tensor& KernelContext::allocate_output(size_t i, DType dtype, Shape shape) {
  if (!has_output(i)) {  // an omitted optional output: computed, then dropped
    discard_ = Tensor(dtype, std::move(shape));
    return discard_;
  }
  RtValue& v = *outputs_[i];
  if (v.kind == ValueKind::kTensor && v.tensor.defined() && v.tensor.dtype() == dtype &&
      v.tensor.shape() == shape)
    return v.tensor;
  v = RtValue::of(Tensor(dtype, std::move(shape)));
  return v.tensor;
}

void KernelContext::set_output_value(size_t i, RtValue v) {
  if (has_output(i)) *outputs_[i] = std::move(v);
}

void KernelContext::parallel_for(int64_t n, const std::function<void(int64_t, int64_t)>& fn) const {
  ThreadPool::shared().parallel_for(n, threads_, fn);
}

void* KernelContext::scratch(size_t bytes) {
  if (bytes == 0) return nullptr;
  if (planned_scratch_ && bytes <= planned_scratch_bytes_) return planned_scratch_;
  if (bytes > owned_scratch_bytes_) {
    owned_scratch_ = std::shared_ptr<uint8_t[]>(
        new (std::align_val_t{64}) uint8_t[bytes],
        [](uint8_t* p) { ::operator delete[](p, std::align_val_t{64}); });
    owned_scratch_bytes_ = bytes;
  }
  return owned_scratch_.get();
}

Status KernelContext::run_subgraph(const Graph& graph, const std::vector<RtValue>& in,
                                   std::vector<RtValue>* out) const {
  if (!runner_) return Status::error("subgraphs cannot run in this context");
  return (*runner_)(graph, in, out);
}

const OpRegistry& OpRegistry::get() {
  static const OpRegistry registry = [] {
    OpRegistry r;
    register_elementwise_ops(r);
    register_tensor_ops(r);
    register_reduce_ops(r);
    register_nn_ops(r);
    register_control_ops(r);
    register_misc_ops(r);
    register_decoder_ops(r);
    return r;
  }();
  return registry;
}

void OpRegistry::add(axe_op op, OpDef def) {
  assert(op > AXE_OP_INVALID && op < AXE_OP_COUNT);
  assert(defs_[static_cast<size_t>(op)].run == nullptr && "op registered twice");
  defs_[static_cast<size_t>(op)] = def;
}

const OpDef* OpRegistry::find(axe_op op) const {
  if (op <= AXE_OP_INVALID || op >= AXE_OP_COUNT) return nullptr;
  const OpDef& d = defs_[static_cast<size_t>(op)];
  return d.run ? &d : nullptr;
}

axe_op OpRegistry::op_from_name(std::string_view name) {
  for (size_t i = 1; i < kOpNames.size(); ++i)
    if (name == kOpNames[i]) return static_cast<axe_op>(i);
  return AXE_OP_INVALID;
}

const char* OpRegistry::op_name(axe_op op) {
  if (op < 0 || op >= AXE_OP_COUNT) return "<invalid>";
  return kOpNames[static_cast<size_t>(op)];
}

Status broadcast_shapes(const Shape& a, const Shape& b, Shape* out) {
  const size_t rank = std::max(a.size(), b.size());
  Shape r(rank);
  for (size_t i = 0; i < rank; ++i) {
    const int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da == db || db == 1) {
      r[i] = da;
    } else if (da == 1) {
      r[i] = db;
    } else if (da < 0 || db < 0) {
      r[i] = std::max(da, db) > 1 ? std::max(da, db) : -1;
    } else {
      return Status::error("shapes {} and {} cannot be broadcast together", shape_string(a),
                           shape_string(b));
    }
  }
  *out = std::move(r);
  return Status::ok();
}

Status normalize_axis(int64_t axis, int64_t rank, int64_t* out) {
  if (axis < -rank || axis >= rank)
    return Status::error("axis {} is out of range for rank {}", axis, rank);
  *out = axis < 0 ? axis + rank : axis;
  return Status::ok();
}

}  // namespace axe
