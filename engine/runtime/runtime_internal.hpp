// Internals shared by the runtime's loader (runtime.cpp) and its kernels (kernels_*.cpp).
// Kernels read their resolved parameters from the flatbuffer and their tensors through the
// context; they never allocate (scratch is planned by the compiler and handed in).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "axe/axe.h"
#include "axe/axe_kernels.h"
#include "axm_generated.h"

// 1: axe_model_load(..., ops = NULL, ...) uses axe_op_resolver_all() (every kernel gets linked).
// 0: the caller must pass a resolver, so a firmware build links only the kernels its resolver
//    names (e.g. the one `autox export-c` writes); build with -ffunction-sections and
//    -Wl,--gc-sections.
#ifndef AXE_RUNTIME_DEFAULT_RESOLVER
#define AXE_RUNTIME_DEFAULT_RESOLVER 1
#endif

#define AXM_FORMAT_MAJOR 1
#define AXM_FORMAT_MINOR 1

struct axe_model {
  const axm::Model* fb;
  const uint8_t* weights;
  size_t weights_size;
  uint8_t* arena;  // planned activations + scratch (64-byte aligned)
  size_t arena_size;
  const axe_kernel_fn* kernels;
  uint32_t kernel_count;
  uint32_t input_count, output_count;
  axe_tensor* io;  // inputs then outputs
};

struct axe_kernel_context {
  const axe_model* model;
  const axm::Operator* op;
  uint32_t index;
  uint8_t* scratch;
  size_t scratch_size;
  axe_error* error;
};

namespace axe::rt {

// A tensor as a kernel sees it: data and a plain dims array.
struct View {
  void* data = nullptr;
  axe_dtype dtype = AXE_DTYPE_UNDEFINED;
  int rank = 0;
  const int64_t* dims = nullptr;
  int64_t numel = 0;
  size_t bytes = 0;
  template <typename T>
  T* as() const {
    return static_cast<T*>(data);
  }
};

bool view_of(const axe_model* m, int32_t tensor, View* out);
// Input/output i of the op; false (and an error message) when it is missing.
bool input(const axe_kernel_context* ctx, uint32_t i, View* out);
bool has_input(const axe_kernel_context* ctx, uint32_t i);
bool output(const axe_kernel_context* ctx, uint32_t i, View* out);

// Writes "<op name>: <what>" into ctx->error; returns `status`.
axe_status fail(const axe_kernel_context* ctx, axe_status status, const char* what);

// Small string builder over a fixed buffer (no snprintf: it may allocate on some libcs).
struct Message {
  char* buf;
  size_t cap;
  size_t len = 0;
  Message(char* b, size_t c) : buf(b), cap(c) {
    if (cap) buf[0] = '\0';
  }
  Message& str(const char* s);
  Message& num(uint64_t v);
  Message& snum(int64_t v);
};

// Applies the op's fused activation to a float32 output in place.
void apply_activation(const axm::Operator* op, const View& y);

// The Verifier checks a vector's length prefix alignment only: 8-byte elements of a crafted
// file may sit at 4 mod 8. Every int64 vector is checked with this before it is read.
template <class T>
inline bool aligned(const flatbuffers::Vector<T>* v) {
  return !v || v->size() == 0 || reinterpret_cast<uintptr_t>(v->data()) % alignof(T) == 0;
}

// a * b * ... without overflow; false when the product leaves [0, 2^62].
inline bool product(int64_t* out, int64_t a, int64_t b, int64_t c = 1, int64_t d = 1) {
  int64_t r;
  if (a < 0 || b < 0 || c < 0 || d < 0) return false;
  if (__builtin_mul_overflow(a, b, &r) || __builtin_mul_overflow(r, c, &r) ||
      __builtin_mul_overflow(r, d, &r) || r > (int64_t{1} << 62))
    return false;
  *out = r;
  return true;
}

inline int64_t numel(const int64_t* dims, int rank) {
  int64_t n = 1;
  for (int i = 0; i < rank; ++i) n *= dims[i];
  return n;
}

}  // namespace axe::rt
