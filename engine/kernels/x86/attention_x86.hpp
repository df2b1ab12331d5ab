// Optimised cached attention for x86-64: the contract of axe::ref::cached_attention_f32
// (ref/decoder.hpp) with 8-wide AVX2/FMA dot products, a vector exp (Cephes-style polynomial,
// within 2 ulp of expf over the softmax's range) and FMA accumulation of the values. Used when
// the CPU has AVX2+FMA and head_size is a multiple of 8 up to 256; otherwise it calls the
// reference. tests/llm compares both.
//
//   axe::x86::cached_attention_f32(q, k, v, key_cache, value_cache, pos, n_heads, n_kv_heads,
//                                  head_size, scores, out);
#pragma once

#include <stdint.h>

namespace axe::x86 {

void cached_attention_f32(const float* q, const float* k, const float* v, float* key_cache,
                          float* value_cache, int64_t pos, int64_t n_heads, int64_t n_kv_heads,
                          int64_t head_size, float* scores, float* out);

}  // namespace axe::x86
