#include "x86/activation_x86.hpp"

#include "ref/decoder.hpp"
#include "x86/exp_avx2.hpp"
#include "x86/linear_x86.hpp"

namespace axe::x86 {

namespace {

__attribute__((target("avx2,fma"))) void swiglu_avx2(const float* gate, const float* up, float* y,
                                                     int64_t n) {
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 sign = _mm256_set1_ps(-0.0f);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 g = _mm256_loadu_ps(gate + i);
    const __m256 e = exp_ps(_mm256_xor_ps(g, sign));  // exp(-g)
    const __m256 silu = _mm256_div_ps(g, _mm256_add_ps(one, e));
    _mm256_storeu_ps(y + i, _mm256_mul_ps(silu, _mm256_loadu_ps(up + i)));
  }
  if (i < n) ref::swiglu_f32(gate + i, up + i, y + i, n - i);
}

}  // namespace

void swiglu_f32(const float* gate, const float* up, float* y, int64_t n) {
  if (linear_has_avx2())
    swiglu_avx2(gate, up, y, n);
  else
    ref::swiglu_f32(gate, up, y, n);
}

}  // namespace axe::x86
