// Decoder-only transformer ops (Llama 2 / llama2.c): RMSNormalization, Linear, Rope,
// CachedAttention, SwiGLU. float32 only; kernels in ref/decoder.hpp (Linear also x86/).
//
// CachedAttention is the one op that writes into an input: its key_cache and value_cache inputs
// are graph states (Graph::states), tensors that the executor keeps in the arena for the whole
// program and across runs. It writes row `position` of both, then reads rows 0..position.
#include <algorithm>
#include <cstring>

#include "ops/op_registry.hpp"
#include "ref/decoder.hpp"
#if defined(AXE_HAVE_X86_KERNELS)
#include "x86/activation_x86.hpp"
#include "x86/attention_x86.hpp"
#include "x86/linear_x86.hpp"
#endif

namespace axe {
namespace {

Status require_f32(const InferContext& ctx, size_t i, const char* what) {
  const std::string& op = ctx.node().op_type;
  if (!ctx.has_input(i)) return Status::error("{}: input '{}' is required", op, what);
  const TypeInfo& t = ctx.input_type(i);
  if (t.dtype != DType::kFloat32)
    return Status::error("{}: input '{}' must be float32, got {}", op, what, dtype_name(t.dtype));
  if (!t.rank_known || t.shape.empty())
    return Status::error("{}: input '{}' needs a known rank >= 1", op, what);
  return Status::ok();
}

int64_t last_dim(const TypeInfo& t) {
  return t.shape.empty() ? -1 : t.shape.back();
}

Status require_position(const InferContext& ctx, size_t i) {
  const std::string& op = ctx.node().op_type;
  if (!ctx.has_input(i)) return Status::error("{}: input 'position' is required", op);
  const TypeInfo& t = ctx.input_type(i);
  if (t.dtype != DType::kInt64 && t.dtype != DType::kInt32)
    return Status::error("{}: input 'position' must be int64 or int32, got {}", op,
                         dtype_name(t.dtype));
  if (t.shape_known() && shape_numel(t.shape) != 1)
    return Status::error("{}: input 'position' must hold one value, got shape {}", op,
                         shape_string(t.shape));
  return Status::ok();
}

// ---------------------------------------------------------------------------------------------
// RMSNormalization(X, scale): over the last axis (ONNX opset 23 semantics with axis = -1).

Status rms_infer(InferContext& ctx) {
  AXE_TRY(require_f32(ctx, 0, "X"));
  AXE_TRY(require_f32(ctx, 1, "scale"));
  const TypeInfo& x = ctx.input_type(0);
  const int64_t axis = ctx.attr_int("axis", -1);
  if (axis != -1 && axis != static_cast<int64_t>(x.shape.size()) - 1)
    return Status::error("RMSNormalization: only the last axis is supported, got axis {}", axis);
  const TypeInfo& s = ctx.input_type(1);
  if (s.shape_known() && x.shape_known() && shape_numel(s.shape) != last_dim(x))
    return Status::error(
        "RMSNormalization: 'scale' must have {} elements (X's last dimension), "
        "got shape {}",
        last_dim(x), shape_string(s.shape));
  ctx.set_output(0, x);
  return Status::ok();
}

Status rms_run(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const int64_t size = x.shape().back();
  ref::rms_norm_f32(x.data<float>(), ctx.input(1).data<float>(), ctx.output(0).data<float>(),
                    x.numel() / std::max<int64_t>(size, 1), size, ctx.attr_float("epsilon", 1e-5f));
  return Status::ok();
}

// ---------------------------------------------------------------------------------------------
// Linear(X [..., in], W [out, in]) -> [..., out]: X . W^T.

Status linear_infer(InferContext& ctx) {
  AXE_TRY(require_f32(ctx, 0, "X"));
  AXE_TRY(require_f32(ctx, 1, "W"));
  const TypeInfo& x = ctx.input_type(0);
  const TypeInfo& w = ctx.input_type(1);
  if (w.shape.size() != 2)
    return Status::error("Linear: 'W' must be [out, in], got shape {}", shape_string(w.shape));
  if (last_dim(x) >= 0 && w.shape[1] >= 0 && last_dim(x) != w.shape[1])
    return Status::error(
        "Linear: X's last dimension {} does not match W's in dimension {} (W is {})", last_dim(x),
        w.shape[1], shape_string(w.shape));
  Shape out = x.shape;
  out.back() = w.shape[0];
  ctx.set_output(0, DType::kFloat32, out);
  return Status::ok();
}

Status linear_run(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& w = ctx.input(1);
  const int64_t in = w.dim(1), out = w.dim(0);
  const int64_t rows = x.numel() / std::max<int64_t>(in, 1);
  const float* xp = x.data<float>();
  const float* wp = w.data<float>();
  float* yp = ctx.output(0).data<float>();
#if defined(AXE_HAVE_X86_KERNELS)
  constexpr int64_t kMinMacsPerThread = 1 << 18;  // below this a thread hand-off costs more
  if (ctx.threads() > 1 && rows * in * out >= 2 * kMinMacsPerThread) {
    ctx.parallel_for(out, [&](int64_t begin, int64_t end) {
      x86::linear_f32(xp, wp, yp, rows, in, begin, end, out);
    });
  } else {
    x86::linear_f32(xp, wp, yp, rows, in, 0, out, out);
  }
#else
  ref::linear_f32(xp, wp, yp, rows, in, out);
#endif
  return Status::ok();
}

// ---------------------------------------------------------------------------------------------
// Rope(X [..., size], position) with head_size and theta: rotary embedding of one position.

Status rope_infer(InferContext& ctx) {
  AXE_TRY(require_f32(ctx, 0, "X"));
  AXE_TRY(require_position(ctx, 1));
  const int64_t head_size = ctx.attr_int("head_size", 0);
  const TypeInfo& x = ctx.input_type(0);
  if (head_size <= 0 || head_size % 2 != 0)
    return Status::error("Rope: attribute 'head_size' must be a positive even number, got {}",
                         head_size);
  if (last_dim(x) >= 0 && last_dim(x) % head_size != 0)
    return Status::error("Rope: X's last dimension {} is not a multiple of head_size {}",
                         last_dim(x), head_size);
  ctx.set_output(0, x);
  return Status::ok();
}

Status rope_run(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  Tensor& y = ctx.output(0);
  if (y.raw() != x.raw()) std::memcpy(y.raw(), x.raw(), x.nbytes());
  const int64_t pos = ctx.input(1).get_int64(0);
  const int64_t size = x.shape().back();
  const int64_t head_size = ctx.attr_int("head_size", 0);
  const float theta = ctx.attr_float("theta", 10000.0f);
  for (int64_t r = 0; r < x.numel() / std::max<int64_t>(size, 1); ++r)
    ref::rope_f32(y.data<float>() + r * size, size, head_size, pos, theta);
  return Status::ok();
}

// ---------------------------------------------------------------------------------------------
// CachedAttention(q [1, dim], k [1, kv_dim], v [1, kv_dim], position, key_cache [P, kv_dim],
// value_cache [P, kv_dim]) with num_heads, num_kv_heads -> [1, dim].

Status attention_infer(InferContext& ctx) {
  const char* names[] = {"q", "k", "v", "position", "key_cache", "value_cache"};
  for (size_t i = 0; i < 6; ++i) {
    if (i == 3)
      AXE_TRY(require_position(ctx, i));
    else
      AXE_TRY(require_f32(ctx, i, names[i]));
  }
  const int64_t heads = ctx.attr_int("num_heads", 0);
  const int64_t kv_heads = ctx.attr_int("num_kv_heads", heads);
  if (heads <= 0 || kv_heads <= 0 || heads % kv_heads != 0)
    return Status::error(
        "CachedAttention: num_heads ({}) must be a positive multiple of "
        "num_kv_heads ({})",
        heads, kv_heads);
  const TypeInfo& q = ctx.input_type(0);
  if (q.shape_known() && shape_numel(q.shape) % heads != 0)
    return Status::error("CachedAttention: q has {} elements, not a multiple of num_heads {}",
                         shape_numel(q.shape), heads);
  if (q.shape_known()) {
    const int64_t kv_dim = shape_numel(q.shape) / heads * kv_heads;
    for (size_t i : {size_t{1}, size_t{2}}) {
      const TypeInfo& t = ctx.input_type(i);
      if (t.shape_known() && shape_numel(t.shape) != kv_dim)
        return Status::error(
            "CachedAttention: '{}' must have {} elements (num_kv_heads x "
            "head_size), got shape {}",
            names[i], kv_dim, shape_string(t.shape));
    }
    for (size_t i : {size_t{4}, size_t{5}}) {
      const TypeInfo& t = ctx.input_type(i);
      if (t.shape_known() && (t.shape.size() != 2 || t.shape[1] != kv_dim))
        return Status::error("CachedAttention: '{}' must be [positions, {}], got shape {}",
                             names[i], kv_dim, shape_string(t.shape));
    }
  }
  ctx.set_output(0, q);
  return Status::ok();
}

size_t attention_scratch(const InferContext& ctx, int /*threads*/) {
  if (!ctx.has_input(4) || !ctx.input_type(4).shape_known()) return 0;
  return static_cast<size_t>(ctx.input_type(4).shape[0]) * sizeof(float);
}

Status attention_run(KernelContext& ctx) {
  const Tensor& q = ctx.input(0);
  const int64_t pos = ctx.input(3).get_int64(0);
  // The caches are graph states: the executor hands them over in the arena, read-write.
  Tensor& key_cache = const_cast<Tensor&>(ctx.input(4));
  Tensor& value_cache = const_cast<Tensor&>(ctx.input(5));
  const int64_t positions = key_cache.dim(0);
  if (pos < 0 || pos >= positions || value_cache.dim(0) != positions)
    return Status::error("position {} is outside the key/value cache of {} positions", pos,
                         positions);
  const int64_t heads = ctx.attr_int("num_heads", 0);
  const int64_t kv_heads = ctx.attr_int("num_kv_heads", heads);
  auto* scores = static_cast<float*>(ctx.scratch(static_cast<size_t>(positions) * sizeof(float)));
#if defined(AXE_HAVE_X86_KERNELS)
  x86::cached_attention_f32(
#else
  ref::cached_attention_f32(
#endif
      q.data<float>(), ctx.input(1).data<float>(), ctx.input(2).data<float>(),
      key_cache.data<float>(), value_cache.data<float>(), pos, heads, kv_heads, q.numel() / heads,
      scores, ctx.output(0).data<float>());
  return Status::ok();
}

// ---------------------------------------------------------------------------------------------
// SwiGLU(gate, up) = silu(gate) * up.

Status swiglu_infer(InferContext& ctx) {
  AXE_TRY(require_f32(ctx, 0, "gate"));
  AXE_TRY(require_f32(ctx, 1, "up"));
  const TypeInfo& g = ctx.input_type(0);
  const TypeInfo& u = ctx.input_type(1);
  if (g.shape_known() && u.shape_known() && g.shape != u.shape)
    return Status::error("SwiGLU: 'gate' {} and 'up' {} must have the same shape",
                         shape_string(g.shape), shape_string(u.shape));
  ctx.set_output(0, g);
  return Status::ok();
}

Status swiglu_run(KernelContext& ctx) {
  const Tensor& g = ctx.input(0);
#if defined(AXE_HAVE_X86_KERNELS)
  x86::swiglu_f32(
#else
  ref::swiglu_f32(
#endif
      g.data<float>(), ctx.input(1).data<float>(), ctx.output(0).data<float>(), g.numel());
  return Status::ok();
}

}  // namespace

void register_decoder_ops(OpRegistry& r) {
  r.add(AXE_OP_RMS_NORMALIZATION, {rms_infer, rms_run});
  r.add(AXE_OP_LINEAR, {linear_infer, linear_run});
  r.add(AXE_OP_ROPE, {rope_infer, rope_run});
  r.add(AXE_OP_CACHED_ATTENTION, {attention_infer, attention_run, attention_scratch});
  r.add(AXE_OP_SWIGLU, {swiglu_infer, swiglu_run});
}

}  // namespace axe
