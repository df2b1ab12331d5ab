// Reference kernels for decoder-only transformers (llama2.c / Llama 2 family): linear layers over
// row-major weights, RMSNorm, rotary position embedding, attention over a key/value cache and
// the SwiGLU gate.
//
//   // one decode step of one layer, dim = n_heads * head_size, kv_dim = n_kv_heads * head_size
//   axe::ref::rms_norm_f32(x, weight, xb, 1, dim, 1e-5f);
//   axe::ref::linear_f32(xb, wq, q, 1, dim, dim);              // q = xb . wq^T
//   axe::ref::rope_f32(q, dim, head_size, pos, 10000.0f);
//   axe::ref::cached_attention_f32(q, k, v, key_cache, value_cache, pos, n_heads, n_kv_heads,
//                                  head_size, scores, out);
//
// Contract: dense row-major float buffers, no heap, no exceptions. Float sums accumulate in
// float in index order, the way llama2.c's run.c does, so greedy decoding reproduces its text.
// The optimised linear (engine/kernels/x86) is checked against linear_f32 within a relative
// tolerance (its sums are reassociated).
#pragma once

#include <stdint.h>

namespace axe::ref {

// y[r, o] = sum_i x[r, i] * w[o, i]: rows of x times the transposed weight w[out][in] (the
// layout of PyTorch's nn.Linear and of llama2.c checkpoints). y must not alias x or w.
void linear_f32(const float* x, const float* w, float* y, int64_t rows, int64_t in, int64_t out);

// y[r, :] = weight * x[r, :] / sqrt(mean(x[r, :]^2) + eps). y may alias x.
void rms_norm_f32(const float* x, const float* weight, float* y, int64_t rows, int64_t size,
                  float eps);

// Rotates consecutive pairs (x[2i], x[2i+1]) of every head of x[size] in place by the angle
// pos * theta^(-(2i mod head_size) / head_size) (RoPE as in Llama 2, interleaved pairs).
void rope_f32(float* x, int64_t size, int64_t head_size, int64_t pos, float theta);

// One query position of causal multi-head attention with grouped key/value heads:
// writes k and v (kv_dim = n_kv_heads * head_size floats each) into row `pos` of
// key_cache/value_cache ([max_positions, kv_dim]), then for every query head h
// out[h] = softmax(q[h] . key_cache[0..pos, h / (n_heads / n_kv_heads)] / sqrt(head_size))
//          . value_cache[0..pos, same head].
// scores holds pos + 1 floats. out must not alias q or the caches.
void cached_attention_f32(const float* q, const float* k, const float* v, float* key_cache,
                          float* value_cache, int64_t pos, int64_t n_heads, int64_t n_kv_heads,
                          int64_t head_size, float* scores, float* out);

// y = silu(gate) * up = gate / (1 + exp(-gate)) * up. y may alias gate or up.
void swiglu_f32(const float* gate, const float* up, float* y, int64_t n);

}  // namespace axe::ref
