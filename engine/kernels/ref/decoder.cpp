#include "ref/decoder.hpp"

#include <math.h>
#include <string.h>

namespace axe::ref {

void linear_f32(const float* x, const float* w, float* y, int64_t rows, int64_t in, int64_t out) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * in;
    float* yr = y + r * out;
    for (int64_t o = 0; o < out; ++o) {
      const float* wo = w + o * in;
      float sum = 0.0f;
      for (int64_t i = 0; i < in; ++i) sum += wo[i] * xr[i];
      yr[o] = sum;
    }
  }
}

void rms_norm_f32(const float* x, const float* weight, float* y, int64_t rows, int64_t size,
                  float eps) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * size;
    float* yr = y + r * size;
    float ss = 0.0f;
    for (int64_t j = 0; j < size; ++j) ss += xr[j] * xr[j];
    ss /= static_cast<float>(size);
    ss += eps;
    ss = 1.0f / sqrtf(ss);
    for (int64_t j = 0; j < size; ++j) yr[j] = weight[j] * (ss * xr[j]);
  }
}

void rope_f32(float* x, int64_t size, int64_t head_size, int64_t pos, float theta) {
  // The angle depends on the pair's place within its head only: compute it once per place and
  // rotate that pair in every head (same float formula as run.c, n_heads times fewer powf/sincos).
  for (int64_t j = 0; j + 1 < head_size; j += 2) {
    const float freq = 1.0f / powf(theta, static_cast<float>(j) / static_cast<float>(head_size));
    const float angle = static_cast<float>(pos) * freq;
    const float c = cosf(angle);
    const float s = sinf(angle);
    for (int64_t i = j; i + 1 < size; i += head_size) {
      const float v0 = x[i];
      const float v1 = x[i + 1];
      x[i] = v0 * c - v1 * s;
      x[i + 1] = v0 * s + v1 * c;
    }
  }
}

void cached_attention_f32(const float* q, const float* k, const float* v, float* key_cache,
                          float* value_cache, int64_t pos, int64_t n_heads, int64_t n_kv_heads,
                          int64_t head_size, float* scores, float* out) {
  const int64_t kv_dim = n_kv_heads * head_size;
  const int64_t kv_mul = n_heads / n_kv_heads;
  memcpy(key_cache + pos * kv_dim, k, static_cast<size_t>(kv_dim) * sizeof(float));
  memcpy(value_cache + pos * kv_dim, v, static_cast<size_t>(kv_dim) * sizeof(float));
  const float scale = sqrtf(static_cast<float>(head_size));
  for (int64_t h = 0; h < n_heads; ++h) {
    const float* qh = q + h * head_size;
    const int64_t kv_off = (h / kv_mul) * head_size;
    float max_score = -INFINITY;
    for (int64_t t = 0; t <= pos; ++t) {
      const float* kt = key_cache + t * kv_dim + kv_off;
      float score = 0.0f;
      for (int64_t i = 0; i < head_size; ++i) score += qh[i] * kt[i];
      score /= scale;
      scores[t] = score;
      if (score > max_score) max_score = score;
    }
    float sum = 0.0f;
    for (int64_t t = 0; t <= pos; ++t) {
      scores[t] = expf(scores[t] - max_score);
      sum += scores[t];
    }
    for (int64_t t = 0; t <= pos; ++t) scores[t] /= sum;
    float* oh = out + h * head_size;
    for (int64_t i = 0; i < head_size; ++i) oh[i] = 0.0f;
    for (int64_t t = 0; t <= pos; ++t) {
      const float* vt = value_cache + t * kv_dim + kv_off;
      const float a = scores[t];
      for (int64_t i = 0; i < head_size; ++i) oh[i] += a * vt[i];
    }
  }
}

void swiglu_f32(const float* gate, const float* up, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const float g = gate[i];
    y[i] = g * (1.0f / (1.0f + expf(-g))) * up[i];
  }
}

}  // namespace axe::ref
