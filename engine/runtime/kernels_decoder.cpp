// Runtime kernels for decoder-only transformers (llama2.c): RMSNormalization, Linear, Rope,
// CachedAttention (KV caches are state tensors of the arena), SwiGLU. float32, ref kernels.
#include <string.h>

#include "ref/decoder.hpp"
#include "runtime_internal.hpp"

using namespace axe::rt;

namespace {

bool all_float(const View* v, int n) {
  for (int i = 0; i < n; ++i)
    if (v[i].dtype != AXE_DTYPE_FLOAT32) return false;
  return true;
}

bool position_of(const View& p, int64_t* pos) {
  if (p.numel != 1) return false;
  if (p.dtype == AXE_DTYPE_INT64)
    *pos = p.as<int64_t>()[0];
  else if (p.dtype == AXE_DTYPE_INT32)
    *pos = p.as<int32_t>()[0];
  else
    return false;
  return true;
}

}  // namespace

extern "C" {

axe_status axe_kernel_rms_normalization(const axe_kernel_context* ctx) {
  const auto* o = ctx->op->options_as_NormOptions();
  View v[3];
  if (!input(ctx, 0, &v[0]) || !input(ctx, 1, &v[1]) || !output(ctx, 0, &v[2]))
    return ctx->error->status;
  const int64_t size = v[0].rank ? v[0].dims[v[0].rank - 1] : 0;
  if (!o || !all_float(v, 3) || size < 1 || v[1].numel != size || v[2].numel != v[0].numel)
    return fail(ctx, AXE_ERROR_INVALID_MODEL, "float32 x, scale[last dim], y of x's size needed");
  axe::ref::rms_norm_f32(v[0].as<float>(), v[1].as<float>(), v[2].as<float>(), v[0].numel / size,
                         size, o->epsilon());
  return AXE_OK;
}

axe_status axe_kernel_linear(const axe_kernel_context* ctx) {
  View v[3];
  if (!input(ctx, 0, &v[0]) || !input(ctx, 1, &v[1]) || !output(ctx, 0, &v[2]))
    return ctx->error->status;
  if (!all_float(v, 3) || v[1].rank != 2 || v[0].rank < 1)
    return fail(ctx, AXE_ERROR_INVALID_MODEL, "float32 x [..., in], w [out, in], y needed");
  const int64_t out = v[1].dims[0], in = v[1].dims[1];
  if (in < 1 || v[0].dims[v[0].rank - 1] != in || v[2].numel != v[0].numel / in * out)
    return fail(ctx, AXE_ERROR_INVALID_MODEL, "x, w and y sizes do not match");
  axe::ref::linear_f32(v[0].as<float>(), v[1].as<float>(), v[2].as<float>(), v[0].numel / in, in,
                       out);
  return AXE_OK;
}

axe_status axe_kernel_rope(const axe_kernel_context* ctx) {
  const auto* o = ctx->op->options_as_DecoderOptions();
  View x, p, y;
  if (!input(ctx, 0, &x) || !input(ctx, 1, &p) || !output(ctx, 0, &y)) return ctx->error->status;
  int64_t pos;
  const int64_t size = x.rank ? x.dims[x.rank - 1] : 0;
  if (!o || o->head_size() < 2 || o->head_size() % 2 || size % o->head_size() ||
      x.dtype != AXE_DTYPE_FLOAT32 || y.dtype != AXE_DTYPE_FLOAT32 || y.numel != x.numel)
    return fail(ctx, AXE_ERROR_INVALID_MODEL, "DecoderOptions.head_size and float32 x/y needed");
  if (!position_of(p, &pos)) return fail(ctx, AXE_ERROR_INVALID_ARGUMENT, "position: one int");
  if (y.data != x.data) memcpy(y.data, x.data, x.bytes);
  for (int64_t r = 0; r < x.numel / size; ++r)
    axe::ref::rope_f32(y.as<float>() + r * size, size, o->head_size(), pos, o->theta());
  return AXE_OK;
}

axe_status axe_kernel_cached_attention(const axe_kernel_context* ctx) {
  const auto* o = ctx->op->options_as_DecoderOptions();
  View q, k, v, p, kc, vc, y;
  if (!input(ctx, 0, &q) || !input(ctx, 1, &k) || !input(ctx, 2, &v) || !input(ctx, 3, &p) ||
      !input(ctx, 4, &kc) || !input(ctx, 5, &vc) || !output(ctx, 0, &y))
    return ctx->error->status;
  const View f[] = {q, k, v, kc, vc, y};
  if (!o || o->num_heads() < 1 || o->num_kv_heads() < 1 || o->num_heads() % o->num_kv_heads() ||
      !all_float(f, 6) || q.numel % o->num_heads() || y.numel != q.numel || kc.rank != 2 ||
      vc.rank != 2 || kc.dims[0] != vc.dims[0])
    return fail(ctx, AXE_ERROR_INVALID_MODEL, "DecoderOptions heads and float32 tensors needed");
  const int64_t head_size = q.numel / o->num_heads(), kv_dim = head_size * o->num_kv_heads();
  if (k.numel != kv_dim || v.numel != kv_dim || kc.dims[1] != kv_dim || vc.dims[1] != kv_dim)
    return fail(ctx, AXE_ERROR_INVALID_MODEL,
                "k, v and the caches must be num_kv_heads x head_size");
  int64_t pos;
  if (!position_of(p, &pos)) return fail(ctx, AXE_ERROR_INVALID_ARGUMENT, "position: one int");
  if (pos < 0 || pos >= kc.dims[0])
    return fail(ctx, AXE_ERROR_INVALID_ARGUMENT, "position is outside the key/value cache");
  if (ctx->scratch_size < static_cast<size_t>(kc.dims[0]) * sizeof(float))
    return fail(ctx, AXE_ERROR_INVALID_MODEL, "scratch too small for the attention scores");
  axe::ref::cached_attention_f32(q.as<float>(), k.as<float>(), v.as<float>(), kc.as<float>(),
                                 vc.as<float>(), pos, o->num_heads(), o->num_kv_heads(), head_size,
                                 reinterpret_cast<float*>(ctx->scratch), y.as<float>());
  return AXE_OK;
}

axe_status axe_kernel_swiglu(const axe_kernel_context* ctx) {
  View v[3];
  if (!input(ctx, 0, &v[0]) || !input(ctx, 1, &v[1]) || !output(ctx, 0, &v[2]))
    return ctx->error->status;
  if (!all_float(v, 3) || v[1].numel != v[0].numel || v[2].numel != v[0].numel)
    return fail(ctx, AXE_ERROR_INVALID_MODEL, "float32 gate, up and y of one size needed");
  axe::ref::swiglu_f32(v[0].as<float>(), v[1].as<float>(), v[2].as<float>(), v[0].numel);
  return AXE_OK;
}

}  // extern "C"
