// Optimised activations for x86-64: the contracts of the ref/decoder.hpp ones with 8-wide
// AVX2+FMA and a vector exp (x86/exp_avx2.hpp) when the CPU has them, else the reference.
#pragma once

#include <stdint.h>

namespace axe::x86 {

// ref::swiglu_f32: y = gate / (1 + exp(-gate)) * up. y may alias gate or up.
void swiglu_f32(const float* gate, const float* up, float* y, int64_t n);

}  // namespace axe::x86
