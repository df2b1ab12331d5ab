#include "x86/attention_x86.hpp"

#include <immintrin.h>
#include <math.h>
#include <string.h>

#include "ref/decoder.hpp"
#include "x86/exp_avx2.hpp"
#include "x86/linear_x86.hpp"

namespace axe::x86 {

namespace {

constexpr int64_t kMaxHeadVectors = 32;  // head_size <= 256

__attribute__((target("avx2,fma"))) inline float hsum(__m256 v) {
  const __m128 lo = _mm256_castps256_ps128(v);
  const __m128 hi = _mm256_extractf128_ps(v, 1);
  __m128 s = _mm_add_ps(lo, hi);
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma"))) void attention_avx2(const float* q, const float* key_cache,
                                                        const float* value_cache, int64_t pos,
                                                        int64_t n_heads, int64_t n_kv_heads,
                                                        int64_t head_size, float* scores,
                                                        float* out, int64_t begin, int64_t end) {
  const int64_t kv_dim = n_kv_heads * head_size;
  const int64_t kv_mul = n_heads / n_kv_heads;
  const int64_t vecs = head_size / 8;
  const float inv_scale = 1.0f / sqrtf(static_cast<float>(head_size));
  const int64_t count = pos + 1;
  for (int64_t h = begin; h < end; ++h) {
    const float* qh = q + h * head_size;
    const int64_t kv_off = (h / kv_mul) * head_size;
    __m256 qv[kMaxHeadVectors];
    for (int64_t j = 0; j < vecs; ++j) qv[j] = _mm256_loadu_ps(qh + 8 * j);
    // Scores four positions at a time: four dot products reduced together with hadds.
    __m128 max4 = _mm_set1_ps(-INFINITY);
    const __m128 scale4 = _mm_set1_ps(inv_scale);
    int64_t t0 = 0;
    for (; t0 + 4 <= count; t0 += 4) {
      const float* k0 = key_cache + t0 * kv_dim + kv_off;
      const float* k1 = k0 + kv_dim;
      const float* k2 = k1 + kv_dim;
      const float* k3 = k2 + kv_dim;
      __m256 a0 = _mm256_mul_ps(qv[0], _mm256_loadu_ps(k0));
      __m256 a1 = _mm256_mul_ps(qv[0], _mm256_loadu_ps(k1));
      __m256 a2 = _mm256_mul_ps(qv[0], _mm256_loadu_ps(k2));
      __m256 a3 = _mm256_mul_ps(qv[0], _mm256_loadu_ps(k3));
      for (int64_t j = 1; j < vecs; ++j) {
        a0 = _mm256_fmadd_ps(qv[j], _mm256_loadu_ps(k0 + 8 * j), a0);
        a1 = _mm256_fmadd_ps(qv[j], _mm256_loadu_ps(k1 + 8 * j), a1);
        a2 = _mm256_fmadd_ps(qv[j], _mm256_loadu_ps(k2 + 8 * j), a2);
        a3 = _mm256_fmadd_ps(qv[j], _mm256_loadu_ps(k3 + 8 * j), a3);
      }
      const __m256 sum4 = _mm256_hadd_ps(_mm256_hadd_ps(a0, a1), _mm256_hadd_ps(a2, a3));
      const __m128 s4 = _mm_mul_ps(
          _mm_add_ps(_mm256_castps256_ps128(sum4), _mm256_extractf128_ps(sum4, 1)), scale4);
      _mm_storeu_ps(scores + t0, s4);
      max4 = _mm_max_ps(max4, s4);
    }
    alignas(16) float maxes[4];
    _mm_store_ps(maxes, max4);
    float max_score = maxes[0];
    for (int i = 1; i < 4; ++i) max_score = maxes[i] > max_score ? maxes[i] : max_score;
    for (int64_t t = t0; t < count; ++t) {
      const float* kt = key_cache + t * kv_dim + kv_off;
      __m256 acc = _mm256_mul_ps(qv[0], _mm256_loadu_ps(kt));
      for (int64_t j = 1; j < vecs; ++j)
        acc = _mm256_fmadd_ps(qv[j], _mm256_loadu_ps(kt + 8 * j), acc);
      const float s = hsum(acc) * inv_scale;
      scores[t] = s;
      max_score = s > max_score ? s : max_score;
    }
    const __m256 mx = _mm256_set1_ps(max_score);
    __m256 sumv = _mm256_setzero_ps();
    int64_t t = 0;
    for (; t + 8 <= count; t += 8) {
      const __m256 e = exp_ps(_mm256_sub_ps(_mm256_loadu_ps(scores + t), mx));
      _mm256_storeu_ps(scores + t, e);
      sumv = _mm256_add_ps(sumv, e);
    }
    float sum = hsum(sumv);
    for (; t < count; ++t) {
      scores[t] = expf(scores[t] - max_score);
      sum += scores[t];
    }
    const float inv_sum = 1.0f / sum;
    float* oh = out + h * head_size;
    if (vecs == 1) {
      // One vector per head (head_size 8): four accumulators over the positions, in registers.
      __m256 b0 = _mm256_setzero_ps(), b1 = _mm256_setzero_ps();
      __m256 b2 = _mm256_setzero_ps(), b3 = _mm256_setzero_ps();
      const float* vt = value_cache + kv_off;
      for (t = 0; t + 4 <= count; t += 4, vt += 4 * kv_dim) {
        b0 = _mm256_fmadd_ps(_mm256_set1_ps(scores[t]), _mm256_loadu_ps(vt), b0);
        b1 = _mm256_fmadd_ps(_mm256_set1_ps(scores[t + 1]), _mm256_loadu_ps(vt + kv_dim), b1);
        b2 = _mm256_fmadd_ps(_mm256_set1_ps(scores[t + 2]), _mm256_loadu_ps(vt + 2 * kv_dim), b2);
        b3 = _mm256_fmadd_ps(_mm256_set1_ps(scores[t + 3]), _mm256_loadu_ps(vt + 3 * kv_dim), b3);
      }
      for (; t < count; ++t, vt += kv_dim)
        b0 = _mm256_fmadd_ps(_mm256_set1_ps(scores[t]), _mm256_loadu_ps(vt), b0);
      const __m256 total = _mm256_add_ps(_mm256_add_ps(b0, b1), _mm256_add_ps(b2, b3));
      _mm256_storeu_ps(oh, _mm256_mul_ps(total, _mm256_set1_ps(inv_sum)));
      continue;
    }
    // Wider heads: the output row accumulates in place (the stores pipeline across j).
    for (int64_t j = 0; j < vecs; ++j) _mm256_storeu_ps(oh + 8 * j, _mm256_setzero_ps());
    for (t = 0; t < count; ++t) {
      const float* vt = value_cache + t * kv_dim + kv_off;
      const __m256 a = _mm256_set1_ps(scores[t] * inv_sum);
      for (int64_t j = 0; j < vecs; ++j)
        _mm256_storeu_ps(oh + 8 * j, _mm256_fmadd_ps(a, _mm256_loadu_ps(vt + 8 * j),
                                                     _mm256_loadu_ps(oh + 8 * j)));
    }
  }
}

}  // namespace

void cached_attention_f32(const float* q, const float* k, const float* v, float* key_cache,
                          float* value_cache, int64_t pos, int64_t n_heads, int64_t n_kv_heads,
                          int64_t head_size, float* scores, float* out) {
  const int64_t vecs = head_size / 8;
  if (!linear_has_avx2() || head_size % 8 != 0 || vecs == 0 || vecs > kMaxHeadVectors) {
    ref::cached_attention_f32(q, k, v, key_cache, value_cache, pos, n_heads, n_kv_heads, head_size,
                              scores, out);
    return;
  }
  const int64_t kv_dim = n_kv_heads * head_size;
  memcpy(key_cache + pos * kv_dim, k, static_cast<size_t>(kv_dim) * sizeof(float));
  memcpy(value_cache + pos * kv_dim, v, static_cast<size_t>(kv_dim) * sizeof(float));
  attention_avx2(q, key_cache, value_cache, pos, n_heads, n_kv_heads, head_size, scores, out, 0,
                 n_heads);
}

}  // namespace axe::x86
