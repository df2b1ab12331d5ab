// Operator definitions: how each op infers its output types and how it runs.
//
//   static Status relu_infer(InferContext& ctx) {
//     ctx.set_output(0, ctx.input_type(0));
//     return Status::ok();
//   }
//   static Status relu_run(KernelContext& ctx) {
//     const Tensor& x = ctx.input(0);
//     ref::relu_f32(x.data<float>(), ctx.output(0).data<float>(), x.numel());
//     return Status::ok();
//   }
//   void register_activation_ops(OpRegistry& r) { r.add(AXE_OP_RELU, {relu_infer, relu_run}); }
//
// Contract:
// - infer() sees input types, and input data where it is known before running (constants,
//   folded shapes, or the actual values when the executor re-infers at run time). It sets every
//   output's dtype and, when it can, shape. It validates attributes and shapes and fails with a
//   message that says what is wrong (the executor prefixes the node label).
// - run() gets inputs and, for outputs whose shape infer() determined, preallocated output
//   tensors (output(i)). When infer() could not know a shape (data-dependent ops), run() calls
//   allocate_output(i, dtype, shape). Sequence/optional outputs use set_output_value().
// - The numeric work belongs in engine/kernels/ref (portable, no heap); run() is the glue.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.hpp"

namespace axe {

// A value at run time: a tensor, a sequence of tensors, or an optional of either.
struct RtValue {
  ValueKind kind = ValueKind::kTensor;
  ValueKind element_kind = ValueKind::kTensor;  // for optionals
  bool has_element = true;                      // for optionals
  Tensor tensor;
  std::vector<Tensor> sequence;

  static RtValue of(Tensor t) {
    RtValue v;
    v.tensor = std::move(t);
    return v;
  }
  static RtValue of_sequence(std::vector<Tensor> s) {
    RtValue v;
    v.kind = ValueKind::kSequence;
    v.sequence = std::move(s);
    return v;
  }
  bool defined() const { return kind != ValueKind::kTensor || tensor.defined(); }
};

// Attribute access shared by both contexts. Defaults apply when the attribute is absent.
class AttrReader {
 public:
  explicit AttrReader(const Node& node) : node_(&node) {}
  const Node& node() const { return *node_; }
  bool has_attr(const std::string& key) const { return node_->attr(key) != nullptr; }
  const Attribute* attr(const std::string& key) const { return node_->attr(key); }
  int64_t attr_int(const std::string& key, int64_t def) const;
  float attr_float(const std::string& key, float def) const;
  std::string attr_string(const std::string& key, const std::string& def = "") const;
  std::vector<int64_t> attr_ints(const std::string& key,
                                 const std::vector<int64_t>& def = {}) const;
  std::vector<float> attr_floats(const std::string& key, const std::vector<float>& def = {}) const;
  std::vector<std::string> attr_strings(const std::string& key) const;
  const Tensor* attr_tensor(const std::string& key) const;
  const Graph* attr_graph(const std::string& key) const;

 private:
  const Node* node_;
};

class InferContext : public AttrReader {
 public:
  InferContext(const Node& node, std::vector<const TypeInfo*> input_types,
               std::vector<const Tensor*> input_values, std::vector<TypeInfo>* output_types)
      : AttrReader(node),
        input_types_(std::move(input_types)),
        input_values_(std::move(input_values)),
        outputs_(output_types) {}

  int opset() const { return node().opset; }
  size_t num_inputs() const { return input_types_.size(); }
  bool has_input(size_t i) const { return i < input_types_.size() && input_types_[i] != nullptr; }
  const TypeInfo& input_type(size_t i) const { return *input_types_[i]; }
  // Known data of input i, or nullptr.
  const Tensor* input_value(size_t i) const {
    return i < input_values_.size() ? input_values_[i] : nullptr;
  }
  size_t num_outputs() const { return outputs_->size(); }
  void set_output(size_t i, TypeInfo t) {
    if (i < outputs_->size()) (*outputs_)[i] = std::move(t);
  }
  void set_output(size_t i, DType dtype, Shape shape) {
    set_output(i, TypeInfo::tensor(dtype, std::move(shape)));
  }
  // An output whose dtype is known but whose shape is not (data-dependent).
  void set_output_dtype(size_t i, DType dtype, int rank = -1) {
    TypeInfo t;
    t.dtype = dtype;
    if (rank >= 0) {
      t.rank_known = true;
      t.shape.assign(static_cast<size_t>(rank), -1);
    }
    set_output(i, std::move(t));
  }

 private:
  std::vector<const TypeInfo*> input_types_;
  std::vector<const Tensor*> input_values_;
  std::vector<TypeInfo>* outputs_;
};

class KernelContext;

// Runs a subgraph (If/Loop/Scan bodies) with the current scope as its enclosing scope.
using SubgraphRunner = std::function<Status(const Graph& graph, const std::vector<RtValue>& inputs,
                                            std::vector<RtValue>* outputs)>;

class KernelContext : public AttrReader {
 public:
  KernelContext(const Node& node, std::vector<const RtValue*> inputs, std::vector<RtValue*> outputs,
                int threads, const SubgraphRunner* runner)
      : AttrReader(node),
        inputs_(std::move(inputs)),
        outputs_(std::move(outputs)),
        threads_(threads),
        runner_(runner) {}

  int opset() const { return node().opset; }
  size_t num_inputs() const { return inputs_.size(); }
  bool has_input(size_t i) const { return i < inputs_.size() && inputs_[i] != nullptr; }
  // Tensor input i; an undefined tensor when the input is omitted.
  const Tensor& input(size_t i) const;
  const RtValue& input_value(size_t i) const { return *inputs_[i]; }
  size_t num_outputs() const { return outputs_.size(); }
  bool has_output(size_t i) const { return i < outputs_.size() && outputs_[i] != nullptr; }
  // Preallocated output i (defined when inference knew its shape).
  Tensor& output(size_t i);
  // Output i with this dtype and shape: the preallocated tensor when it matches, else a new one.
  Tensor& allocate_output(size_t i, DType dtype, Shape shape);
  void set_output_value(size_t i, RtValue v);
  int threads() const { return threads_; }
  // Runs fn(begin, end) over [0, n) split across up to threads() cores; returns when done.
  // Chunks must write disjoint outputs. With one thread it is a plain call.
  void parallel_for(int64_t n, const std::function<void(int64_t, int64_t)>& fn) const;
  Status run_subgraph(const Graph& graph, const std::vector<RtValue>& inputs,
                      std::vector<RtValue>* outputs) const;
  // Working memory of at least `bytes` bytes (64-byte aligned) for this run: the arena slice the
  // memory plan reserved for this node when it is large enough (OpDef::scratch sized it),
  // otherwise a buffer owned by the context. Valid until run() returns.
  void* scratch(size_t bytes);
  // Set by the executor: the planned scratch slice of this node.
  void set_planned_scratch(void* data, size_t bytes) {
    planned_scratch_ = data;
    planned_scratch_bytes_ = bytes;
  }
  // Bytes handed out from an owned buffer because the plan had no (large enough) slice.
  size_t unplanned_scratch_bytes() const { return owned_scratch_bytes_; }

 private:
  std::vector<const RtValue*> inputs_;
  std::vector<RtValue*> outputs_;
  int threads_;
  const SubgraphRunner* runner_;
  Tensor discard_;
  void* planned_scratch_ = nullptr;
  size_t planned_scratch_bytes_ = 0;
  std::shared_ptr<uint8_t[]> owned_scratch_;
  size_t owned_scratch_bytes_ = 0;
};

using InferFn = Status (*)(InferContext&);
using RunFn = Status (*)(KernelContext&);
// Bytes of working memory run() will ask KernelContext::scratch() for, given the input types
// (shapes known) and the executor's thread count; 0 when it needs none or cannot tell.
using ScratchFn = size_t (*)(const InferContext&, int threads);

struct OpDef {
  InferFn infer = nullptr;
  RunFn run = nullptr;
  ScratchFn scratch = nullptr;  // optional: lets the memory plan reserve the scratch in the arena
};

class OpRegistry {
 public:
  // The registry with every family registered (built once, thread-safe).
  static const OpRegistry& get();
  void add(axe_op op, OpDef def);
  // nullptr when the op is known by name but not implemented.
  const OpDef* find(axe_op op) const;
  static axe_op op_from_name(std::string_view name);  // AXE_OP_INVALID if unknown
  static const char* op_name(axe_op op);

 private:
  std::vector<OpDef> defs_ = std::vector<OpDef>(AXE_OP_COUNT);
};

// Families; each lives in its own file in engine/compiler/ops/.
void register_elementwise_ops(OpRegistry& r);
void register_tensor_ops(OpRegistry& r);
void register_reduce_ops(OpRegistry& r);
void register_nn_ops(OpRegistry& r);
void register_control_ops(OpRegistry& r);
void register_misc_ops(OpRegistry& r);
void register_decoder_ops(OpRegistry& r);  // RMSNorm, Linear, Rope, CachedAttention, SwiGLU

// Helpers for infer functions.
// Numpy-style broadcast of two shapes; fails if incompatible. Unknown dims (-1) propagate.
Status broadcast_shapes(const Shape& a, const Shape& b, Shape* out);
// Normalises a possibly negative axis against rank; fails if out of range.
Status normalize_axis(int64_t axis, int64_t rank, int64_t* out);

}  // namespace axe
