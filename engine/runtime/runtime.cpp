// The .axm loader and interpreter. Everything here is bounded by the caller's buffers: the
// model buffer (verified, read in place) and the arena (model state at its head, then the
// compiler's planned activations and scratch).
#include <string.h>

#include "axe_port.h"
#include "runtime_internal.hpp"

namespace axe::rt {

Message& Message::str(const char* s) {
  if (!s) s = "(null)";
  while (*s && len + 1 < cap) buf[len++] = *s++;
  if (cap) buf[len] = '\0';
  return *this;
}

Message& Message::num(uint64_t v) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v && n < 24);
  char out[25];
  for (int i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
  out[n] = '\0';
  return str(out);
}

Message& Message::snum(int64_t v) {
  if (v < 0) {
    str("-");
    return num(static_cast<uint64_t>(-(v + 1)) + 1);
  }
  return num(static_cast<uint64_t>(v));
}

namespace {

constexpr size_t kArenaAlign = 64;

size_t align_up(size_t v, size_t a) {
  return (v + a - 1) / a * a;
}

axe_status set_error(axe_error* e, axe_status s, const char* a, const char* b = nullptr,
                     const char* c = nullptr) {
  if (e) {
    e->status = s;
    Message m(e->message, sizeof e->message);
    m.str(a);
    if (b) m.str(b);
    if (c) m.str(c);
  }
  return s;
}

size_t header_bytes(uint32_t io_count) {
  return align_up(sizeof(axe_model), 16) + align_up(io_count * sizeof(axe_tensor), 16);
}

const char* op_label(const axm::Operator* op) {
  return op->name() ? op->name()->c_str() : "(unnamed)";
}

// Checks everything the kernels rely on that the Verifier cannot know.
axe_status validate(const axm::Model* fb, const axe_kernel_fn* kernels, uint32_t kernel_count,
                    axe_error* err) {
  Message m(err ? err->message : nullptr, err ? sizeof err->message : 0);
  auto bad = [&](axe_status s) {
    if (err) err->status = s;
    return s;
  };
  const auto* tensors = fb->tensors();
  const auto* ops = fb->operators();
  if (!tensors || !ops || !fb->inputs() || !fb->outputs()) {
    m.str("invalid .axm: the tensors, operators, inputs or outputs table is missing");
    return bad(AXE_ERROR_INVALID_MODEL);
  }
  const size_t weights_size = fb->weights() ? fb->weights()->size() : 0;
  if (weights_size && reinterpret_cast<uintptr_t>(fb->weights()->data()) % 16 != 0) {
    m.str("invalid .axm: the weight blob is not 16-byte aligned in the buffer");
    return bad(AXE_ERROR_INVALID_MODEL);
  }
  const uint64_t arena = fb->arena_size();
  for (uint32_t i = 0; i < tensors->size(); ++i) {
    const axm::Tensor* t = tensors->Get(i);
    const int dt = t->dtype();
    const size_t es =
        (dt > 0 && dt < AXE_DTYPE_COUNT) ? axe_dtype_size(static_cast<axe_dtype>(dt)) : 0;
    const auto* shape = t->shape();
    const uint32_t rank = shape ? shape->size() : 0;
    uint64_t n = 1;
    bool ok = es != 0 && rank <= AXE_MAX_RANK && aligned(shape);
    for (uint32_t d = 0; ok && d < rank; ++d) {
      const int64_t v = shape->Get(d);
      if (v < 0 || v > (int64_t{1} << 40))
        ok = false;
      else if (v != 0 && n > (uint64_t{1} << 48) / static_cast<uint64_t>(v))
        ok = false;
      else
        n *= static_cast<uint64_t>(v);
    }
    if (ok && n * es != t->size()) ok = false;
    const uint64_t limit = t->storage() == axm::Storage::Weights ? weights_size : arena;
    if (ok && (t->offset() > limit || t->size() > limit - t->offset())) ok = false;
    if (ok && t->offset() % (es < 8 ? es : 8) != 0) ok = false;
    if (!ok) {
      m.str("invalid .axm: tensor #")
          .num(i)
          .str(" '")
          .str(t->name() ? t->name()->c_str() : "")
          .str("' has an inconsistent dtype, shape, size or offset (");
      m.str(t->storage() == axm::Storage::Weights ? "weights " : "arena ")
          .num(limit)
          .str(" bytes)");
      return bad(AXE_ERROR_INVALID_MODEL);
    }
  }
  const uint32_t nt = tensors->size();
  auto check_index_list = [&](const flatbuffers::Vector<int32_t>* v, bool allow_missing,
                              bool want_arena) {
    if (!v) return true;
    for (uint32_t k = 0; k < v->size(); ++k) {
      const int32_t x = v->Get(k);
      if (x == -1 && allow_missing) continue;
      if (x < 0 || static_cast<uint32_t>(x) >= nt) return false;
      if (want_arena && tensors->Get(static_cast<uint32_t>(x))->storage() != axm::Storage::Arena)
        return false;
    }
    return true;
  };
  if (!check_index_list(fb->inputs(), false, true) ||
      !check_index_list(fb->outputs(), false, true)) {
    m.str("invalid .axm: a model input/output index is out of range or not an arena tensor");
    return bad(AXE_ERROR_INVALID_MODEL);
  }
  for (uint32_t i = 0; i < ops->size(); ++i) {
    const axm::Operator* op = ops->Get(i);
    const int id = op->op();
    if (id <= 0 || id >= AXE_OP_COUNT) {
      m.str("invalid .axm: operator #")
          .num(i)
          .str(" '")
          .str(op_label(op))
          .str("' has unknown op id ")
          .snum(id)
          .str(" (a newer .axm? re-convert the model)");
      return bad(AXE_ERROR_UNSUPPORTED);
    }
    if (static_cast<uint32_t>(id) >= kernel_count || !kernels[id]) {
      m.str("operator #")
          .num(i)
          .str(" '")
          .str(op_label(op))
          .str("' uses ")
          .str(axe_op_name(static_cast<axe_op>(id)))
          .str(" which this runtime build does not include (add its kernel to the op resolver)");
      return bad(AXE_ERROR_UNSUPPORTED);
    }
    if (!op->outputs() || op->outputs()->size() == 0 ||
        !check_index_list(op->inputs(), true, false) ||
        !check_index_list(op->outputs(), false, true)) {
      m.str("invalid .axm: operator #")
          .num(i)
          .str(" '")
          .str(op_label(op))
          .str("' has a tensor index out of range (or writes a constant)");
      return bad(AXE_ERROR_INVALID_MODEL);
    }
    if (op->scratch_offset() > arena || op->scratch_size() > arena - op->scratch_offset() ||
        (op->scratch_size() && op->scratch_offset() % 8)) {
      m.str("invalid .axm: operator #")
          .num(i)
          .str(" '")
          .str(op_label(op))
          .str("' has its scratch outside the arena");
      return bad(AXE_ERROR_INVALID_MODEL);
    }
  }
  return AXE_OK;
}

}  // namespace

bool view_of(const axe_model* m, int32_t index, View* out) {
  if (index < 0) return false;
  const axm::Tensor* t = m->fb->tensors()->Get(static_cast<uint32_t>(index));
  out->dtype = static_cast<axe_dtype>(t->dtype());
  out->rank = t->shape() ? static_cast<int>(t->shape()->size()) : 0;
  out->dims = t->shape() ? t->shape()->data() : nullptr;
  out->numel = numel(out->dims, out->rank);
  out->bytes = t->size();
  const uint8_t* base = t->storage() == axm::Storage::Weights ? m->weights : m->arena;
  out->data = const_cast<uint8_t*>(base + t->offset());
  return true;
}

bool has_input(const axe_kernel_context* ctx, uint32_t i) {
  const auto* v = ctx->op->inputs();
  return v && i < v->size() && v->Get(i) >= 0;
}

bool input(const axe_kernel_context* ctx, uint32_t i, View* out) {
  if (!has_input(ctx, i)) {
    Message m(ctx->error->message, sizeof ctx->error->message);
    m.str(op_label(ctx->op)).str(": input ").num(i).str(" is missing");
    ctx->error->status = AXE_ERROR_INVALID_MODEL;
    return false;
  }
  return view_of(ctx->model, ctx->op->inputs()->Get(i), out);
}

bool output(const axe_kernel_context* ctx, uint32_t i, View* out) {
  const auto* v = ctx->op->outputs();
  if (i >= v->size()) {
    Message m(ctx->error->message, sizeof ctx->error->message);
    m.str(op_label(ctx->op)).str(": output ").num(i).str(" is missing");
    ctx->error->status = AXE_ERROR_INVALID_MODEL;
    return false;
  }
  return view_of(ctx->model, v->Get(i), out);
}

axe_status fail(const axe_kernel_context* ctx, axe_status status, const char* what) {
  Message m(ctx->error->message, sizeof ctx->error->message);
  m.str(axe_op_name(static_cast<axe_op>(ctx->op->op())))
      .str(" '")
      .str(op_label(ctx->op))
      .str("': ")
      .str(what);
  ctx->error->status = status;
  return status;
}

}  // namespace axe::rt

using namespace axe::rt;

extern "C" {

const char* axe_status_name(axe_status s) {
  switch (s) {
    case AXE_OK:
      return "ok";
    case AXE_ERROR_INVALID_ARGUMENT:
      return "invalid argument";
    case AXE_ERROR_UNSUPPORTED:
      return "unsupported";
    case AXE_ERROR_OUT_OF_MEMORY:
      return "out of memory";
    case AXE_ERROR_INVALID_MODEL:
      return "invalid model";
    case AXE_ERROR_INTERNAL:
      return "internal error";
    default:
      return "unknown status";
  }
}

const char* axe_op_name(axe_op op) {
  static const char* const names[AXE_OP_COUNT] = {"(invalid)",
#define AXE_OP_NAME_ENTRY(ID, NAME) NAME,
                                                  AXE_OP_LIST(AXE_OP_NAME_ENTRY)
#undef AXE_OP_NAME_ENTRY
  };
  const int i = static_cast<int>(op);
  return i >= 0 && i < AXE_OP_COUNT ? names[i] : "(unknown op)";
}

static axe_status open_buffer(const void* data, size_t size, const axm::Model** out,
                              axe_error* err) {
  if (!data) return set_error(err, AXE_ERROR_INVALID_ARGUMENT, "model buffer is NULL");
  if (size < 8 || !flatbuffers::BufferHasIdentifier(data, axm::ModelIdentifier()))
    return set_error(err, AXE_ERROR_INVALID_MODEL,
                     "not an .axm model (the file identifier 'AXM0' is missing); convert the "
                     "model with `autox convert MODEL.onnx -o MODEL.axm`");
  if (reinterpret_cast<uintptr_t>(data) % 16 != 0)
    return set_error(err, AXE_ERROR_INVALID_ARGUMENT,
                     "the model buffer must be 16-byte aligned (its weights are read in place)");
  flatbuffers::Verifier verifier(static_cast<const uint8_t*>(data), size, 64, 1000000);
  if (!axm::VerifyModelBuffer(verifier))
    return set_error(err, AXE_ERROR_INVALID_MODEL,
                     "corrupt or truncated .axm: the flatbuffers verifier rejects it (",
                     size < 64 ? "too short" : "bad offsets or sizes",
                     "); re-convert or re-copy the file");
  const axm::Model* fb = axm::GetModel(data);
  const axm::Version* v = fb->version();
  if (!v) return set_error(err, AXE_ERROR_INVALID_MODEL, "invalid .axm: no version");
  if (v->major() != AXM_FORMAT_MAJOR) {
    if (err) {
      err->status = AXE_ERROR_UNSUPPORTED;
      Message m(err->message, sizeof err->message);
      m.str(".axm format version ")
          .num(v->major())
          .str(".")
          .num(v->minor())
          .str(" is not supported by this runtime (it reads ")
          .num(AXM_FORMAT_MAJOR)
          .str(".x); convert the model with a matching autox");
    }
    return AXE_ERROR_UNSUPPORTED;
  }
  *out = fb;
  return AXE_OK;
}

static size_t needed_arena(const axm::Model* fb) {
  const uint32_t io =
      (fb->inputs() ? fb->inputs()->size() : 0) + (fb->outputs() ? fb->outputs()->size() : 0);
  return header_bytes(io) + kArenaAlign + static_cast<size_t>(fb->arena_size());
}

axe_status axe_model_arena_size(const void* data, size_t size, size_t* arena_size,
                                axe_error* error) {
  const axm::Model* fb = nullptr;
  if (axe_status s = open_buffer(data, size, &fb, error); s != AXE_OK) return s;
  if (arena_size) *arena_size = needed_arena(fb);
  return AXE_OK;
}

axe_status axe_model_load(const void* data, size_t size, void* arena, size_t arena_size,
                          const axe_op_resolver* ops, axe_model** model, axe_error* error) {
  if (model) *model = nullptr;
  if (!model || !arena)
    return set_error(error, AXE_ERROR_INVALID_ARGUMENT, "model or arena pointer is NULL");
  const axm::Model* fb = nullptr;
  if (axe_status s = open_buffer(data, size, &fb, error); s != AXE_OK) return s;
#if AXE_RUNTIME_DEFAULT_RESOLVER
  if (!ops) ops = axe_op_resolver_all();
#else
  if (!ops)
    return set_error(error, AXE_ERROR_INVALID_ARGUMENT,
                     "no op resolver given (this build has no default one: pass the model's, e.g. "
                     "model_ops from `autox export-c`)");
#endif
  if (axe_status s = validate(fb, ops->kernels, ops->count, error); s != AXE_OK) return s;
  const size_t need = needed_arena(fb);
  uint8_t* base = static_cast<uint8_t*>(arena);
  const uintptr_t mis = reinterpret_cast<uintptr_t>(base) % 16;
  const size_t lost = mis ? 16 - mis : 0;
  if (arena_size < need || arena_size - need < lost) {
    if (error) {
      error->status = AXE_ERROR_OUT_OF_MEMORY;
      Message m(error->message, sizeof error->message);
      m.str("arena too small: the model needs ")
          .num(need)
          .str(" bytes, got ")
          .num(arena_size)
          .str(" (short by ")
          .num(need + lost - arena_size)
          .str(")");
    }
    return AXE_ERROR_OUT_OF_MEMORY;
  }
  base += lost;
  axe_model* m = reinterpret_cast<axe_model*>(base);
  memset(m, 0, sizeof *m);
  m->fb = fb;
  m->weights = fb->weights() ? fb->weights()->data() : nullptr;
  m->weights_size = fb->weights() ? fb->weights()->size() : 0;
  m->kernels = ops->kernels;
  m->kernel_count = ops->count;
  m->input_count = fb->inputs()->size();
  m->output_count = fb->outputs()->size();
  m->io = reinterpret_cast<axe_tensor*>(base + align_up(sizeof(axe_model), 16));
  uint8_t* planned = base + header_bytes(m->input_count + m->output_count);
  planned += (kArenaAlign - reinterpret_cast<uintptr_t>(planned) % kArenaAlign) % kArenaAlign;
  m->arena = planned;
  m->arena_size = static_cast<size_t>(fb->arena_size());
  for (uint32_t i = 0; i < m->input_count + m->output_count; ++i) {
    const int32_t t =
        i < m->input_count ? fb->inputs()->Get(i) : fb->outputs()->Get(i - m->input_count);
    View v;
    view_of(m, t, &v);
    axe_tensor& d = m->io[i];
    d.data = v.data;
    d.bytes = v.bytes;
    d.dtype = v.dtype;
    d.rank = v.rank;
    for (int k = 0; k < AXE_MAX_RANK; ++k) d.dims[k] = k < v.rank ? v.dims[k] : 0;
    const auto* name = fb->tensors()->Get(static_cast<uint32_t>(t))->name();
    d.name = name ? name->c_str() : "";
  }
  // States (KV caches, format 1.1) start at zero; nothing else writes their bytes between runs.
  for (uint32_t t = 0; t < fb->tensors()->size(); ++t) {
    const axm::Tensor* d = fb->tensors()->Get(t);
    if (d->state() && d->storage() == axm::Storage::Arena) memset(m->arena + d->offset(), 0, d->size());
  }
  *model = m;
  if (error) {
    error->status = AXE_OK;
    error->message[0] = '\0';
  }
  return AXE_OK;
}

uint32_t axe_model_input_count(const axe_model* m) {
  return m ? m->input_count : 0;
}
uint32_t axe_model_output_count(const axe_model* m) {
  return m ? m->output_count : 0;
}
const axe_tensor* axe_model_input(const axe_model* m, uint32_t i) {
  return m && i < m->input_count ? &m->io[i] : nullptr;
}
const axe_tensor* axe_model_output(const axe_model* m, uint32_t i) {
  return m && i < m->output_count ? &m->io[m->input_count + i] : nullptr;
}
uint32_t axe_model_op_count(const axe_model* m) {
  return m ? m->fb->operators()->size() : 0;
}

axe_status axe_model_run(axe_model* m, axe_layer_callback callback, void* user, axe_error* error) {
  axe_error local;
  if (!error) error = &local;
  if (!m) return set_error(error, AXE_ERROR_INVALID_ARGUMENT, "model is NULL");
  const auto* ops = m->fb->operators();
  for (uint32_t i = 0; i < ops->size(); ++i) {
    const axm::Operator* op = ops->Get(i);
    axe_kernel_context ctx{
        m, op, i, m->arena + op->scratch_offset(), static_cast<size_t>(op->scratch_size()), error};
    const uint64_t c0 = callback ? axe_port_cycles() : 0;
    const uint64_t t0 = callback ? axe_port_time_ns() : 0;
    const axe_status s = m->kernels[op->op()](&ctx);
    if (s != AXE_OK) {
      error->status = s;
      return s;
    }
    if (op->activation() != axm::Activation::None) {
      View y;
      view_of(m, op->outputs()->Get(0), &y);
      apply_activation(op, y);
    }
    if (callback) {
      axe_layer_info info{i, static_cast<axe_op>(op->op()), op_label(op), axe_port_cycles() - c0,
                          axe_port_time_ns() - t0};
      callback(&info, user);
    }
  }
  error->status = AXE_OK;
  error->message[0] = '\0';
  return AXE_OK;
}

}  // extern "C"
