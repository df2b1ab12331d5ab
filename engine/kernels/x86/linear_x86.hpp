// Optimised linear layer for x86-64: the contract of axe::ref::linear_f32 (ref/decoder.hpp),
// computed four weight rows at a time with 16-wide FMA when the CPU has AVX-512F, 8-wide when it
// has AVX2 and FMA (checked once at run time), otherwise with a portable 4-row blocked loop the
// compiler vectorises.
//
//   axe::x86::linear_f32(x, w, y, rows, in, out_begin, out_end, out);  // y[:, begin..end)
//
// Sums are reassociated (8 lanes, then a horizontal add), so results differ from the reference
// by rounding only; tests/llm compares both on odd sizes.
#pragma once

#include <stdint.h>

namespace axe::x86 {

// y[r, o] = sum_i x[r, i] * w[o, i] for o in [out_begin, out_end); y rows are `out` floats.
void linear_f32(const float* x, const float* w, float* y, int64_t rows, int64_t in,
                int64_t out_begin, int64_t out_end, int64_t out);

// One path by name (tests check each against the reference); the path must be available.
enum class LinearPath { kGeneric, kAvx2, kAvx512 };
void linear_f32_path(LinearPath path, const float* x, const float* w, float* y, int64_t rows,
                     int64_t in, int64_t out_begin, int64_t out_end, int64_t out);

// True when the AVX2+FMA path runs on this CPU.
bool linear_has_avx2();
// True when the AVX-512F path runs (preferred over AVX2).
bool linear_has_avx512();

}  // namespace axe::x86
