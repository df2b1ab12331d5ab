#include "plan/in_place.hpp"

namespace axe {

// Ops added to axe_ops.h must be classified here (kNone is always safe).
static_assert(AXE_OP_COUNT == 202, "classify the new op in in_place_kind()");

InPlaceKind in_place_kind(axe_op op) {
  switch (op) {
    case AXE_OP_RESHAPE:
    case AXE_OP_FLATTEN:
    case AXE_OP_SQUEEZE:
    case AXE_OP_UNSQUEEZE:
    case AXE_OP_IDENTITY:
      return InPlaceKind::kView;
    // ref::unary (elementwise_unary.cpp: one pass y[i] = f(x[i])) and ref::clip.
    case AXE_OP_ABS:
    case AXE_OP_NEG:
    case AXE_OP_RECIPROCAL:
    case AXE_OP_SQRT:
    case AXE_OP_EXP:
    case AXE_OP_LOG:
    case AXE_OP_FLOOR:
    case AXE_OP_CEIL:
    case AXE_OP_ROUND:
    case AXE_OP_SIGN:
    case AXE_OP_ERF:
    case AXE_OP_SIN:
    case AXE_OP_COS:
    case AXE_OP_TAN:
    case AXE_OP_ASIN:
    case AXE_OP_ACOS:
    case AXE_OP_ATAN:
    case AXE_OP_SINH:
    case AXE_OP_COSH:
    case AXE_OP_ASINH:
    case AXE_OP_ACOSH:
    case AXE_OP_ATANH:
    case AXE_OP_NOT:
    case AXE_OP_BITWISE_NOT:
    case AXE_OP_RELU:
    case AXE_OP_LEAKY_RELU:
    case AXE_OP_ELU:
    case AXE_OP_SELU:
    case AXE_OP_CELU:
    case AXE_OP_SIGMOID:
    case AXE_OP_HARD_SIGMOID:
    case AXE_OP_HARD_SWISH:
    case AXE_OP_TANH:
    case AXE_OP_SOFTPLUS:
    case AXE_OP_SOFTSIGN:
    case AXE_OP_THRESHOLDED_RELU:
    case AXE_OP_SHRINK:
    case AXE_OP_GELU:
    case AXE_OP_MISH:
    case AXE_OP_CLIP:
    case AXE_OP_RMS_NORMALIZATION:  // ref/decoder.hpp: y may alias x
    case AXE_OP_ROPE:
      return InPlaceKind::kInput0;
    // ref::binary / ref::pow_mixed (elementwise_binary.cpp: run2 over ref::Broadcast).
    case AXE_OP_ADD:
    case AXE_OP_SUB:
    case AXE_OP_MUL:
    case AXE_OP_DIV:
    case AXE_OP_POW:
    case AXE_OP_MOD:
    case AXE_OP_BIT_SHIFT:
    case AXE_OP_BITWISE_AND:
    case AXE_OP_BITWISE_OR:
    case AXE_OP_BITWISE_XOR:
    case AXE_OP_AND:
    case AXE_OP_OR:
    case AXE_OP_XOR:
    case AXE_OP_PRELU:
    case AXE_OP_SWIGLU:
      return InPlaceKind::kAnyInput;
    default:
      return InPlaceKind::kNone;
  }
}

}  // namespace axe
