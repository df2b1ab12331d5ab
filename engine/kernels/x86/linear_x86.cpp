#include "x86/linear_x86.hpp"

#include <immintrin.h>

namespace axe::x86 {

namespace {

__attribute__((target("avx2,fma"))) inline float hsum(__m256 v) {
  const __m128 lo = _mm256_castps256_ps128(v);
  const __m128 hi = _mm256_extractf128_ps(v, 1);
  __m128 s = _mm_add_ps(lo, hi);
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma"))) void linear_avx2(const float* x, const float* w, float* y,
                                                     int64_t rows, int64_t in, int64_t begin,
                                                     int64_t end, int64_t out) {
  const int64_t in8 = in & ~int64_t{7};
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * in;
    float* yr = y + r * out;
    int64_t o = begin;
    for (; o + 4 <= end; o += 4) {
      const float* w0 = w + o * in;
      const float* w1 = w0 + in;
      const float* w2 = w1 + in;
      const float* w3 = w2 + in;
      __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
      __m256 a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
      for (int64_t i = 0; i < in8; i += 8) {
        const __m256 xv = _mm256_loadu_ps(xr + i);
        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w0 + i), xv, a0);
        a1 = _mm256_fmadd_ps(_mm256_loadu_ps(w1 + i), xv, a1);
        a2 = _mm256_fmadd_ps(_mm256_loadu_ps(w2 + i), xv, a2);
        a3 = _mm256_fmadd_ps(_mm256_loadu_ps(w3 + i), xv, a3);
      }
      // Four horizontal sums at once: pairwise hadds, then the two 128-bit halves.
      const __m256 h01 = _mm256_hadd_ps(a0, a1), h23 = _mm256_hadd_ps(a2, a3);
      const __m256 h = _mm256_hadd_ps(h01, h23);
      __m128 sums = _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
      if (in8 != in) {
        alignas(16) float tail[4] = {0, 0, 0, 0};
        for (int64_t i = in8; i < in; ++i) {
          tail[0] += w0[i] * xr[i];
          tail[1] += w1[i] * xr[i];
          tail[2] += w2[i] * xr[i];
          tail[3] += w3[i] * xr[i];
        }
        sums = _mm_add_ps(sums, _mm_load_ps(tail));
      }
      _mm_storeu_ps(yr + o, sums);
    }
    for (; o < end; ++o) {
      const float* wo = w + o * in;
      __m256 a = _mm256_setzero_ps();
      for (int64_t i = 0; i < in8; i += 8)
        a = _mm256_fmadd_ps(_mm256_loadu_ps(wo + i), _mm256_loadu_ps(xr + i), a);
      float s = hsum(a);
      for (int64_t i = in8; i < in; ++i) s += wo[i] * xr[i];
      yr[o] = s;
    }
  }
}

__attribute__((target("avx512f,avx2,fma"))) inline __m256 fold512(__m512 v) {
  // Through memory: GCC 12's 512->256 extract intrinsics trip -Wmaybe-uninitialized.
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, v);
  return _mm256_add_ps(_mm256_load_ps(lanes), _mm256_load_ps(lanes + 8));
}

// The same with 16-wide AVX-512 FMAs (the four rows' sums folded to 8 lanes, then hadds).
__attribute__((target("avx512f,avx2,fma"))) void linear_avx512(const float* x, const float* w,
                                                               float* y, int64_t rows, int64_t in,
                                                               int64_t begin, int64_t end,
                                                               int64_t out) {
  const int64_t in16 = in & ~int64_t{15};
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * in;
    float* yr = y + r * out;
    int64_t o = begin;
    for (; o + 4 <= end; o += 4) {
      const float* w0 = w + o * in;
      const float* w1 = w0 + in;
      const float* w2 = w1 + in;
      const float* w3 = w2 + in;
      __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
      __m512 a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
      for (int64_t i = 0; i < in16; i += 16) {
        const __m512 xv = _mm512_loadu_ps(xr + i);
        a0 = _mm512_fmadd_ps(_mm512_loadu_ps(w0 + i), xv, a0);
        a1 = _mm512_fmadd_ps(_mm512_loadu_ps(w1 + i), xv, a1);
        a2 = _mm512_fmadd_ps(_mm512_loadu_ps(w2 + i), xv, a2);
        a3 = _mm512_fmadd_ps(_mm512_loadu_ps(w3 + i), xv, a3);
      }
      const __m256 h01 = _mm256_hadd_ps(fold512(a0), fold512(a1)),
                   h23 = _mm256_hadd_ps(fold512(a2), fold512(a3));
      const __m256 h = _mm256_hadd_ps(h01, h23);
      __m128 sums = _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
      if (in16 != in) {
        alignas(16) float tail[4] = {0, 0, 0, 0};
        for (int64_t i = in16; i < in; ++i) {
          tail[0] += w0[i] * xr[i];
          tail[1] += w1[i] * xr[i];
          tail[2] += w2[i] * xr[i];
          tail[3] += w3[i] * xr[i];
        }
        sums = _mm_add_ps(sums, _mm_load_ps(tail));
      }
      _mm_storeu_ps(yr + o, sums);
    }
    if (o < end) linear_avx2(x + r * in, w, y + r * out, 1, in, o, end, out);
  }
}

void linear_generic(const float* x, const float* w, float* y, int64_t rows, int64_t in,
                    int64_t begin, int64_t end, int64_t out) {
  constexpr int kLanes = 8;
  const int64_t in_blocked = in / kLanes * kLanes;
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * in;
    float* yr = y + r * out;
    for (int64_t o = begin; o < end; ++o) {
      const float* wo = w + o * in;
      float lanes[kLanes] = {};
      for (int64_t i = 0; i < in_blocked; i += kLanes)
        for (int l = 0; l < kLanes; ++l) lanes[l] += wo[i + l] * xr[i + l];
      float s = 0.0f;
      for (float lane : lanes) s += lane;
      for (int64_t i = in_blocked; i < in; ++i) s += wo[i] * xr[i];
      yr[o] = s;
    }
  }
}

}  // namespace

bool linear_has_avx512() {
  static const bool has = linear_has_avx2() && __builtin_cpu_supports("avx512f");
  return has;
}

bool linear_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}

void linear_f32(const float* x, const float* w, float* y, int64_t rows, int64_t in,
                int64_t out_begin, int64_t out_end, int64_t out) {
  if (linear_has_avx512())
    linear_avx512(x, w, y, rows, in, out_begin, out_end, out);
  else if (linear_has_avx2())
    linear_avx2(x, w, y, rows, in, out_begin, out_end, out);
  else
    linear_generic(x, w, y, rows, in, out_begin, out_end, out);
}

void linear_f32_path(LinearPath path, const float* x, const float* w, float* y, int64_t rows,
                     int64_t in, int64_t out_begin, int64_t out_end, int64_t out) {
  switch (path) {
    case LinearPath::kAvx512:
      linear_avx512(x, w, y, rows, in, out_begin, out_end, out);
      break;
    case LinearPath::kAvx2:
      linear_avx2(x, w, y, rows, in, out_begin, out_end, out);
      break;
    case LinearPath::kGeneric:
      linear_generic(x, w, y, rows, in, out_begin, out_end, out);
      break;
  }
}

}  // namespace axe::x86
