/* The ops the portable runtime (engine/runtime) has kernels for, and their symbols.
 *
 *   #define X(ID, FN) ...          // ID as in axe_ops.h, FN the kernel suffix
 *   AXE_RUNTIME_OP_LIST(X)
 *
 * Each kernel is `axe_status axe_kernel_<FN>(const axe_kernel_context*)`. A firmware build
 * links only the kernels its op resolver names (`autox export-c` writes one per model), the
 * way TFLite Micro's MicroMutableOpResolver does.
 */
#ifndef AXE_KERNELS_H
#define AXE_KERNELS_H

#include "axe/axe.h"

// clang-format off
#define AXE_RUNTIME_OP_LIST(X) \
  X(CONV, conv) \
  X(CONV_TRANSPOSE, conv_transpose) \
  X(MAX_POOL, max_pool) \
  X(AVERAGE_POOL, average_pool) \
  X(GLOBAL_AVERAGE_POOL, global_average_pool) \
  X(GLOBAL_MAX_POOL, global_max_pool) \
  X(RESIZE, resize) \
  X(UPSAMPLE, upsample) \
  X(ABS, abs) \
  X(NEG, neg) \
  X(RECIPROCAL, reciprocal) \
  X(SQRT, sqrt) \
  X(EXP, exp) \
  X(LOG, log) \
  X(FLOOR, floor) \
  X(CEIL, ceil) \
  X(ERF, erf) \
  X(RELU, relu) \
  X(LEAKY_RELU, leaky_relu) \
  X(ELU, elu) \
  X(SIGMOID, sigmoid) \
  X(HARD_SIGMOID, hard_sigmoid) \
  X(HARD_SWISH, hard_swish) \
  X(TANH, tanh) \
  X(SOFTPLUS, softplus) \
  X(GELU, gelu) \
  X(ADD, add) \
  X(SUB, sub) \
  X(MUL, mul) \
  X(DIV, div) \
  X(POW, pow) \
  X(MAX, max) \
  X(MIN, min) \
  X(PRELU, prelu) \
  X(RESHAPE, reshape) \
  X(FLATTEN, flatten) \
  X(SQUEEZE, squeeze) \
  X(UNSQUEEZE, unsqueeze) \
  X(IDENTITY, identity) \
  X(CONCAT, concat) \
  X(TRANSPOSE, transpose) \
  X(SLICE, slice) \
  X(GATHER, gather) \
  X(PAD, pad) \
  X(SOFTMAX, softmax) \
  X(LOG_SOFTMAX, log_softmax) \
  X(REDUCE_MEAN, reduce_mean) \
  X(REDUCE_SUM, reduce_sum) \
  X(REDUCE_MAX, reduce_max) \
  X(REDUCE_MIN, reduce_min) \
  X(MAT_MUL, mat_mul) \
  X(GEMM, gemm) \
  X(BATCH_NORMALIZATION, batch_normalization) \
  X(CAST, cast) \
  X(CLIP, clip) \
  X(RMS_NORMALIZATION, rms_normalization) \
  X(LINEAR, linear) \
  X(ROPE, rope) \
  X(CACHED_ATTENTION, cached_attention) \
  X(SWIGLU, swiglu)
// clang-format on

#ifdef __cplusplus
extern "C" {
#endif

#define AXE_KERNEL_DECLARE(ID, FN) axe_status axe_kernel_##FN(const axe_kernel_context* ctx);
AXE_RUNTIME_OP_LIST(AXE_KERNEL_DECLARE)
#undef AXE_KERNEL_DECLARE

#ifdef __cplusplus
}
#endif

#endif /* AXE_KERNELS_H */
