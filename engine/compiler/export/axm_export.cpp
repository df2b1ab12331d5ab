// The weight blob is 64-byte aligned (cache lines, SIMD loads); flatbuffers' builder asserts
// alignments above FLATBUFFERS_MAX_ALIGNMENT (32 by default). Only this file builds .axm files.
#define FLATBUFFERS_MAX_ALIGNMENT 64
#include "export/axm_export.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>

#include "axe/axe_kernels.h"
#include "axm_generated.h"
#include "exec/executor.hpp"
#include "ops/nn_util.hpp"
#include "plan/memory_plan.hpp"
#include "ref/nn_resize.hpp"
#include "ref/reduce.hpp"
#include "runtime_internal.hpp"

namespace axe {

int axm_format_major() {
  return AXM_FORMAT_MAJOR;
}
int axm_format_minor() {
  return AXM_FORMAT_MINOR;
}

namespace {

constexpr size_t kWeightAlign = 64;
constexpr size_t kArenaAlign = 64;

size_t align_up(size_t v, size_t a) {
  return (v + a - 1) / a * a;
}

bool runtime_has(axe_op op) {
  switch (op) {
#define AXE_CASE(ID, FN) case AXE_OP_##ID:
    AXE_RUNTIME_OP_LIST(AXE_CASE)
#undef AXE_CASE
    return true;
    default:
      return false;
  }
}

using fbb_t = flatbuffers::FlatBufferBuilder;
using OptionsRef = std::pair<axm::OpOptions, flatbuffers::Offset<void>>;

struct OpBuild {
  OptionsRef options{axm::OpOptions::NONE, 0};
  uint64_t scratch = 0;  // bytes
};

class Exporter {
 public:
  Exporter(const GraphTypes& t, fbb_t& b) : types_(t), b_(b) {}

  const TypeInfo& type(int v) const { return types_.types[static_cast<size_t>(v)]; }
  const Shape& shape(int v) const { return type(v).shape; }
  const Tensor* known(const Node& n, size_t i) const {
    if (i >= n.inputs.size() || n.inputs[i] < 0) return nullptr;
    const auto& k = types_.values[static_cast<size_t>(n.inputs[i])];
    return k ? &*k : nullptr;
  }
  bool has_input(const Node& n, size_t i) const { return i < n.inputs.size() && n.inputs[i] >= 0; }

  flatbuffers::Offset<flatbuffers::Vector<int64_t>> vec3(const int64_t* v) {
    return b_.CreateVector(v, static_cast<size_t>(ref::kMaxSpatial));
  }

  Status require_float(const Node& n) const {
    if (!n.inputs.empty() && n.inputs[0] >= 0 && type(n.inputs[0]).dtype != DType::kFloat32)
      return Status::error("{} ({}): the runtime kernel handles float32 only, got {}", n.label(),
                           n.op_type, dtype_name(type(n.inputs[0]).dtype));
    if (type(n.outputs[0]).dtype != DType::kFloat32)
      return Status::error("{} ({}): the runtime kernel handles float32 only, got {}", n.label(),
                           n.op_type, dtype_name(type(n.outputs[0]).dtype));
    return Status::ok();
  }

  Status conv(const Node& n, OpBuild* ob) {
    AXE_TRY(require_float(n));
    const Shape& x = shape(n.inputs[0]);
    const Shape& w = shape(n.inputs[1]);
    const Shape& y = shape(n.outputs[0]);
    const int nsp = static_cast<int>(x.size()) - 2;
    if (nsp < 1 || nsp > 3)
      return Status::error("{}: {} spatial dims are not supported", n.label(), nsp);
    AttrReader a(n);
    nn::Window win;
    int64_t kdef[3] = {1, 1, 1}, in_sp[3], out_sp[3];
    for (int i = 0; i < nsp; ++i) {
      kdef[i] = w[static_cast<size_t>(2 + i)];
      in_sp[i] = x[static_cast<size_t>(2 + i)];
      out_sp[i] = y[static_cast<size_t>(2 + i)];
    }
    AXE_TRY(nn::read_window(a, n.op_type.c_str(), nsp, kdef, &win));
    ref::ConvParams p;
    p.batch = x[0];
    p.in_channels = x[1];
    p.group = a.attr_int("group", 1);
    if (n.op == AXE_OP_CONV) {
      int64_t o[3];
      AXE_TRY(nn::window_output("Conv", &win, in_sp, o));
      p.g = nn::make_geom(win, in_sp, out_sp);
      p.out_channels = w[0];
      ob->scratch = static_cast<uint64_t>(ref::conv_scratch_elems(p)) * sizeof(float);
    } else {
      if (a.has_attr("output_shape") || win.auto_pad != "NOTSET")
        return Status::error(
            "{} (ConvTranspose): output_shape / auto_pad are not supported by the "
            "exporter yet; give explicit pads",
            n.label());
      p.g = nn::make_geom(win, out_sp, in_sp);
      p.out_channels = w[1] * p.group;
      ob->scratch = static_cast<uint64_t>(ref::conv_transpose_scratch_elems(p)) * sizeof(float);
    }
    auto o = axm::CreateConvOptions(b_, vec3(p.g.image), vec3(p.g.grid), vec3(p.g.kernel),
                                    vec3(p.g.stride), vec3(p.g.dilation), vec3(p.g.pad), p.batch,
                                    p.in_channels, p.out_channels, p.group);
    ob->options = {axm::OpOptions::ConvOptions, o.Union()};
    return Status::ok();
  }

  Status pool(const Node& n, OpBuild* ob) {
    AXE_TRY(require_float(n));
    if (n.outputs.size() > 1 && n.outputs[1] >= 0)
      return Status::error("{} (MaxPool): the Indices output is not supported by the runtime",
                           n.label());
    const Shape& x = shape(n.inputs[0]);
    const Shape& y = shape(n.outputs[0]);
    const int nsp = static_cast<int>(x.size()) - 2;
    if (nsp < 1 || nsp > 3)
      return Status::error("{}: {} spatial dims are not supported", n.label(), nsp);
    axm::PoolKind kind = axm::PoolKind::Max;
    if (n.op == AXE_OP_AVERAGE_POOL) kind = axm::PoolKind::Average;
    if (n.op == AXE_OP_GLOBAL_AVERAGE_POOL) kind = axm::PoolKind::GlobalAverage;
    if (n.op == AXE_OP_GLOBAL_MAX_POOL) kind = axm::PoolKind::GlobalMax;
    if (kind == axm::PoolKind::GlobalAverage || kind == axm::PoolKind::GlobalMax) {
      int64_t spatial = 1;
      for (int i = 0; i < nsp; ++i) spatial *= x[static_cast<size_t>(2 + i)];
      axm::PoolOptionsBuilder pb(b_);
      pb.add_kind(kind);
      pb.add_channels(x[0] * x[1]);
      pb.add_spatial(spatial);
      ob->options = {axm::OpOptions::PoolOptions, pb.Finish().Union()};
      return Status::ok();
    }
    AttrReader a(n);
    nn::Window win;
    AXE_TRY(nn::read_window(a, n.op_type.c_str(), nsp, nullptr, &win));
    int64_t in_sp[3], out_sp[3];
    for (int i = 0; i < nsp; ++i) in_sp[i] = x[static_cast<size_t>(2 + i)];
    AXE_TRY(nn::window_output(n.op_type.c_str(), &win, in_sp, out_sp));
    for (int i = 0; i < nsp; ++i)
      if (out_sp[i] != y[static_cast<size_t>(2 + i)])
        return Status::error("{}: window output disagrees with the inferred shape", n.label());
    const ref::Im2ColGeom g = nn::make_geom(win, in_sp, out_sp);
    int64_t pad_end[3] = {0, 0, 0};
    for (int i = 0; i < nsp; ++i) pad_end[ref::kMaxSpatial - nsp + i] = win.pad_end[i];
    auto o = axm::CreatePoolOptions(b_, kind, vec3(g.image), vec3(g.grid), vec3(g.kernel),
                                    vec3(g.stride), vec3(g.dilation), vec3(g.pad), vec3(pad_end),
                                    x[0] * x[1], a.attr_int("count_include_pad", 0) != 0);
    ob->options = {axm::OpOptions::PoolOptions, o.Union()};
    return Status::ok();
  }

  Status resize(const Node& n, OpBuild* ob) {
    AXE_TRY(require_float(n));
    AttrReader a(n);
    const bool up = n.op == AXE_OP_UPSAMPLE;
    const int opset = n.opset;
    if (a.has_attr("axes") || a.attr_string("keep_aspect_ratio_policy", "stretch") != "stretch")
      return Status::error(
          "{} (Resize): axes / keep_aspect_ratio_policy are not supported by the "
          "exporter yet",
          n.label());
    const std::string mode = a.attr_string("mode", "nearest");
    ref::ResizeMode m;
    if (mode == "nearest")
      m = ref::ResizeMode::kNearest;
    else if (mode == "linear" || mode == "bilinear")
      m = ref::ResizeMode::kLinear;
    else if (mode == "cubic")
      m = ref::ResizeMode::kCubic;
    else
      return Status::error("{}: mode '{}' is not supported", n.label(), mode);
    ref::ResizeCoord coord = ref::ResizeCoord::kAsymmetric;
    ref::NearestMode nearest = ref::NearestMode::kSimple;
    if (!up && opset >= 11) {
      static const std::map<std::string, ref::ResizeCoord> coords = {
          {"half_pixel", ref::ResizeCoord::kHalfPixel},
          {"half_pixel_symmetric", ref::ResizeCoord::kHalfPixelSymmetric},
          {"pytorch_half_pixel", ref::ResizeCoord::kPytorchHalfPixel},
          {"align_corners", ref::ResizeCoord::kAlignCorners},
          {"asymmetric", ref::ResizeCoord::kAsymmetric},
          {"tf_half_pixel_for_nn", ref::ResizeCoord::kTfHalfPixelForNn},
          {"tf_crop_and_resize", ref::ResizeCoord::kTfCropAndResize}};
      static const std::map<std::string, ref::NearestMode> nearests = {
          {"round_prefer_floor", ref::NearestMode::kRoundPreferFloor},
          {"round_prefer_ceil", ref::NearestMode::kRoundPreferCeil},
          {"floor", ref::NearestMode::kFloor},
          {"ceil", ref::NearestMode::kCeil}};
      auto c = coords.find(a.attr_string("coordinate_transformation_mode", "half_pixel"));
      auto nm = nearests.find(a.attr_string("nearest_mode", "round_prefer_floor"));
      if (c == coords.end() || nm == nearests.end())
        return Status::error("{}: coordinate_transformation_mode / nearest_mode not supported",
                             n.label());
      coord = c->second;
      nearest = nm->second;
    }
    const Shape& x = shape(n.inputs[0]);
    const Shape& y = shape(n.outputs[0]);
    const size_t r = x.size();
    std::vector<double> scales;
    const int iscales = up ? (opset >= 9 ? 1 : -1) : (opset < 11 ? 1 : 2);
    if (up && opset < 9) {
      for (float f : a.attr_floats("scales")) scales.push_back(f);
    } else if (const Tensor* t = known(n, static_cast<size_t>(iscales)); t && t->numel() > 0) {
      scales = t->to_doubles();
    }
    std::vector<double> roi;
    if (!up && opset >= 11 && coord == ref::ResizeCoord::kTfCropAndResize)
      if (const Tensor* t = known(n, 1); t && t->numel() == static_cast<int64_t>(2 * r))
        roi = t->to_doubles();
    std::vector<flatbuffers::Offset<axm::ResizeAxis>> axes;
    int64_t biggest = std::max(shape_numel(x), shape_numel(y));
    int64_t cur = shape_numel(x);
    uint64_t tables = 0;
    for (size_t i = 0; i < r; ++i) {
      ref::ResizeAxisParams ap;
      ap.in_len = x[i];
      ap.out_len = y[i];
      ap.scale = scales.size() == r ? scales[i]
                 : x[i] > 0         ? static_cast<double>(y[i]) / static_cast<double>(x[i])
                                    : 1.0;
      ap.mode = m;
      ap.coord = coord;
      ap.nearest = nearest;
      ap.cubic_a = a.attr_float("cubic_coeff_a", -0.75f);
      ap.exclude_outside = a.attr_int("exclude_outside", 0) != 0;
      ap.antialias = a.attr_int("antialias", 0) != 0;
      if (!roi.empty()) {
        ap.roi_start = roi[i];
        ap.roi_end = roi[r + i];
      }
      axes.push_back(
          axm::CreateResizeAxis(b_, ap.in_len, ap.out_len, ap.scale, ap.roi_start, ap.roi_end));
      if (x[i] > 0) cur = cur / x[i] * y[i];
      biggest = std::max(biggest, cur);
      const uint64_t taps = static_cast<uint64_t>(ref::resize_axis_taps(ap));
      const uint64_t n_idx = static_cast<uint64_t>(ap.out_len) * taps;
      tables = std::max<uint64_t>(
          tables, align_up(n_idx * 8, 8) * 2 + align_up(static_cast<uint64_t>(ap.out_len), 8));
    }
    ob->scratch = 2 * align_up(static_cast<uint64_t>(biggest) * sizeof(float), 8) + tables;
    auto av = b_.CreateVector(axes);
    auto o = axm::CreateResizeOptions(
        b_, static_cast<int8_t>(m), static_cast<int8_t>(coord), static_cast<int8_t>(nearest),
        a.attr_float("cubic_coeff_a", -0.75f), a.attr_int("exclude_outside", 0) != 0,
        a.attr_int("antialias", 0) != 0, a.attr_float("extrapolation_value", 0.0f), av);
    ob->options = {axm::OpOptions::ResizeOptions, o.Union()};
    return Status::ok();
  }

  Status axis_of(const Node& n, int64_t raw, int64_t rank, int64_t* axis) const {
    Status s = normalize_axis(raw, rank, axis);
    return s ? s : s.prefix(n.label() + ": ");
  }

  Status options(const Node& n, OpBuild* ob) {
    AttrReader a(n);
    const int x = n.inputs.empty() ? -1 : n.inputs[0];
    switch (n.op) {
      case AXE_OP_CONV:
      case AXE_OP_CONV_TRANSPOSE:
        return conv(n, ob);
      case AXE_OP_MAX_POOL:
      case AXE_OP_AVERAGE_POOL:
      case AXE_OP_GLOBAL_AVERAGE_POOL:
      case AXE_OP_GLOBAL_MAX_POOL:
        return pool(n, ob);
      case AXE_OP_RESIZE:
      case AXE_OP_UPSAMPLE:
        return resize(n, ob);
      case AXE_OP_LEAKY_RELU:
      case AXE_OP_ELU:
      case AXE_OP_HARD_SIGMOID:
      case AXE_OP_GELU: {
        float alpha = 0, beta = 0;
        if (n.op == AXE_OP_LEAKY_RELU) alpha = a.attr_float("alpha", 0.01f);
        if (n.op == AXE_OP_ELU) alpha = a.attr_float("alpha", 1.0f);
        if (n.op == AXE_OP_HARD_SIGMOID) {
          alpha = a.attr_float("alpha", 0.2f);
          beta = a.attr_float("beta", 0.5f);
        }
        if (n.op == AXE_OP_GELU)
          alpha = a.attr_string("approximate", "none") == "tanh" ? 1.0f : 0.0f;
        ob->options = {axm::OpOptions::UnaryOptions,
                       axm::CreateUnaryOptions(b_, alpha, beta).Union()};
        return Status::ok();
      }
      case AXE_OP_CONCAT: {
        int64_t axis;
        AXE_TRY(axis_of(n, a.attr_int("axis", 0), static_cast<int64_t>(shape(n.outputs[0]).size()),
                        &axis));
        ob->options = {axm::OpOptions::AxisOptions,
                       axm::CreateAxisOptions(b_, static_cast<int32_t>(axis)).Union()};
        return Status::ok();
      }
      case AXE_OP_GATHER: {
        int64_t axis;
        AXE_TRY(axis_of(n, a.attr_int("axis", 0), static_cast<int64_t>(shape(x).size()), &axis));
        ob->options = {axm::OpOptions::AxisOptions,
                       axm::CreateAxisOptions(b_, static_cast<int32_t>(axis)).Union()};
        return Status::ok();
      }
      case AXE_OP_SOFTMAX:
      case AXE_OP_LOG_SOFTMAX: {
        const Shape& s = shape(x);
        const int64_t rank = static_cast<int64_t>(s.size());
        int64_t axis;
        AXE_TRY(axis_of(n, a.attr_int("axis", n.opset < 13 ? 1 : -1), std::max<int64_t>(rank, 1),
                        &axis));
        int64_t outer = 1, len = 1, inner = 1;
        for (int64_t d = 0; d < rank; ++d) {
          const int64_t v = s[static_cast<size_t>(d)];
          if (d < axis)
            outer *= v;
          else if (d == axis || n.opset < 13)
            len *= v;
          else
            inner *= v;
        }
        ob->options = {
            axm::OpOptions::AxisOptions,
            axm::CreateAxisOptions(b_, static_cast<int32_t>(axis), outer, len, inner).Union()};
        return Status::ok();
      }
      case AXE_OP_TRANSPOSE: {
        const int64_t rank = static_cast<int64_t>(shape(x).size());
        std::vector<int64_t> perm = a.attr_ints("perm");
        if (perm.empty())
          for (int64_t d = rank - 1; d >= 0; --d) perm.push_back(d);
        ob->options = {axm::OpOptions::TransposeOptions,
                       axm::CreateTransposeOptions(b_, b_.CreateVector(perm)).Union()};
        return Status::ok();
      }
      case AXE_OP_SLICE:
        return slice(n, ob);
      case AXE_OP_PAD:
        return pad(n, ob);
      case AXE_OP_REDUCE_MEAN:
      case AXE_OP_REDUCE_SUM:
      case AXE_OP_REDUCE_MAX:
      case AXE_OP_REDUCE_MIN: {
        AXE_TRY(require_float(n));
        const int64_t rank = static_cast<int64_t>(shape(x).size());
        std::vector<int64_t> axes;
        const bool axes_as_input = (n.op == AXE_OP_REDUCE_SUM && n.opset >= 13) || n.opset >= 18;
        if (axes_as_input) {
          if (has_input(n, 1)) {
            const Tensor* t = known(n, 1);
            if (!t) return Status::error("{}: axes must be a constant for the runtime", n.label());
            axes = t->to_int64s();
          }
        } else {
          axes = a.attr_ints("axes");
        }
        std::vector<uint8_t> reduced(static_cast<size_t>(rank),
                                     axes.empty() && a.attr_int("noop_with_empty_axes", 0) == 0);
        for (int64_t ax : axes) {
          int64_t v;
          AXE_TRY(axis_of(n, ax, rank, &v));
          reduced[static_cast<size_t>(v)] = 1;
        }
        std::vector<bool> rb(reduced.begin(), reduced.end());
        auto rv = b_.CreateVector(rb);
        ob->options = {
            axm::OpOptions::ReduceOptions,
            axm::CreateReduceOptions(b_, static_cast<int8_t>(reduce_kind(n.op)), rv).Union()};
        return Status::ok();
      }
      case AXE_OP_GEMM:
        ob->options = {
            axm::OpOptions::GemmOptions,
            axm::CreateGemmOptions(b_, a.attr_int("transA", 0) != 0, a.attr_int("transB", 0) != 0,
                                   a.attr_float("alpha", 1.0f), a.attr_float("beta", 1.0f))
                .Union()};
        return Status::ok();
      case AXE_OP_BATCH_NORMALIZATION:
        if (n.outputs.size() > 1 &&
            std::any_of(n.outputs.begin() + 1, n.outputs.end(), [](int v) { return v >= 0; }))
          return Status::error("{} (BatchNormalization): training mode is not supported",
                               n.label());
        ob->options = {axm::OpOptions::NormOptions,
                       axm::CreateNormOptions(b_, a.attr_float("epsilon", 1e-5f)).Union()};
        return Status::ok();
      case AXE_OP_RMS_NORMALIZATION:
        ob->options = {axm::OpOptions::NormOptions,
                       axm::CreateNormOptions(b_, a.attr_float("epsilon", 1e-5f)).Union()};
        return Status::ok();
      case AXE_OP_ROPE:
      case AXE_OP_CACHED_ATTENTION: {
        const int64_t heads = a.attr_int("num_heads", 0);
        ob->options = {
            axm::OpOptions::DecoderOptions,
            axm::CreateDecoderOptions(b_, a.attr_int("head_size", 0),
                                      a.attr_float("theta", 10000.0f), static_cast<int32_t>(heads),
                                      static_cast<int32_t>(a.attr_int("num_kv_heads", heads)))
                .Union()};
        if (n.op == AXE_OP_CACHED_ATTENTION)  // attention scores: one float per cached position
          ob->scratch = static_cast<uint64_t>(shape(n.inputs[4])[0]) * sizeof(float);
        return Status::ok();
      }
      case AXE_OP_CAST:
        ob->options = {
            axm::OpOptions::CastOptions,
            axm::CreateCastOptions(b_, static_cast<int32_t>(type(n.outputs[0]).dtype)).Union()};
        return Status::ok();
      case AXE_OP_CLIP: {
        AXE_TRY(require_float(n));
        float lo = -std::numeric_limits<float>::infinity(),
              hi = std::numeric_limits<float>::infinity();
        if (n.opset < 11) {
          lo = a.attr_float("min", lo);
          hi = a.attr_float("max", hi);
        } else {
          for (size_t i = 1; i <= 2; ++i) {
            if (!has_input(n, i)) continue;
            const Tensor* t = known(n, i);
            if (!t)
              return Status::error("{}: min/max must be constants for the runtime", n.label());
            (i == 1 ? lo : hi) = static_cast<float>(t->to_doubles().at(0));
          }
        }
        ob->options = {axm::OpOptions::ClipOptions, axm::CreateClipOptions(b_, lo, hi).Union()};
        return Status::ok();
      }
      case AXE_OP_MAX:
      case AXE_OP_MIN:
        if (n.inputs.size() != 2)
          return Status::error("{} ({}): the runtime takes exactly 2 inputs, got {}", n.label(),
                               n.op_type, n.inputs.size());
        return Status::ok();
      default:
        return Status::ok();
    }
  }

  static int reduce_kind(axe_op op) {
    switch (op) {
      case AXE_OP_REDUCE_MEAN:
        return static_cast<int>(ref::ReduceKind::kMean);
      case AXE_OP_REDUCE_MAX:
        return static_cast<int>(ref::ReduceKind::kMax);
      case AXE_OP_REDUCE_MIN:
        return static_cast<int>(ref::ReduceKind::kMin);
      default:
        return static_cast<int>(ref::ReduceKind::kSum);
    }
  }

  Status slice(const Node& n, OpBuild* ob) {
    AttrReader a(n);
    const Shape& x = shape(n.inputs[0]);
    const Shape& y = shape(n.outputs[0]);
    const int64_t rank = static_cast<int64_t>(x.size());
    std::vector<int64_t> starts, ends, axes, steps;
    if (n.opset < 10) {
      starts = a.attr_ints("starts");
      ends = a.attr_ints("ends");
      axes = a.attr_ints("axes");
    } else {
      for (size_t i = 1; i <= 4; ++i) {
        if (!has_input(n, i)) continue;
        const Tensor* t = known(n, i);
        if (!t)
          return Status::error(
              "{} (Slice): starts/ends/axes/steps must be constants for the runtime", n.label());
        (i == 1 ? starts : i == 2 ? ends : i == 3 ? axes : steps) = t->to_int64s();
      }
    }
    if (axes.empty())
      for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
    if (steps.empty()) steps.assign(starts.size(), 1);
    if (ends.size() != starts.size() || axes.size() != starts.size() ||
        steps.size() != starts.size())
      return Status::error("{} (Slice): starts/ends/axes/steps lengths differ", n.label());
    std::vector<int64_t> st(static_cast<size_t>(rank), 0), sp(static_cast<size_t>(rank), 1);
    for (size_t i = 0; i < starts.size(); ++i) {
      int64_t ax;
      AXE_TRY(axis_of(n, axes[i], rank, &ax));
      const int64_t dim = x[static_cast<size_t>(ax)], step = steps[i];
      if (step == 0) return Status::error("{} (Slice): step 0", n.label());
      int64_t s = starts[i];
      if (s < 0) s += dim;
      s = step > 0 ? std::clamp<int64_t>(s, 0, dim) : std::clamp<int64_t>(s, 0, dim - 1);
      st[static_cast<size_t>(ax)] = s;
      sp[static_cast<size_t>(ax)] = step;
    }
    for (int64_t d = 0; d < rank; ++d)
      if (y[static_cast<size_t>(d)] > 0 && st[static_cast<size_t>(d)] >= x[static_cast<size_t>(d)])
        return Status::error("{} (Slice): resolved start is outside the input", n.label());
    auto sv = b_.CreateVector(st);
    auto pv = b_.CreateVector(sp);
    ob->options = {axm::OpOptions::SliceOptions, axm::CreateSliceOptions(b_, sv, pv).Union()};
    return Status::ok();
  }

  Status pad(const Node& n, OpBuild* ob) {
    AttrReader a(n);
    const Shape& x = shape(n.inputs[0]);
    const int64_t rank = static_cast<int64_t>(x.size());
    std::vector<int64_t> pads;
    double value = 0;
    if (n.opset < 11) {
      pads = a.attr_ints("pads");
      value = a.attr_float("value", 0.0f);
    } else {
      const Tensor* t = known(n, 1);
      if (!t) return Status::error("{} (Pad): pads must be a constant for the runtime", n.label());
      pads = t->to_int64s();
      if (has_input(n, 2)) {
        const Tensor* v = known(n, 2);
        if (!v) return Status::error("{} (Pad): constant_value must be a constant", n.label());
        if (v->numel() > 0) value = v->to_doubles()[0];
      }
      if (has_input(n, 3))
        return Status::error("{} (Pad): the axes input is not supported yet", n.label());
    }
    if (static_cast<int64_t>(pads.size()) != 2 * rank)
      return Status::error("{} (Pad): pads has {} values for rank {}", n.label(), pads.size(),
                           rank);
    const std::string mode = a.attr_string("mode", "constant");
    int8_t m = mode == "constant"  ? 0
               : mode == "reflect" ? 1
               : mode == "edge"    ? 2
               : mode == "wrap"    ? 3
                                   : -1;
    if (m < 0) return Status::error("{} (Pad): mode '{}' is not supported", n.label(), mode);
    std::vector<int64_t> begin(pads.begin(), pads.begin() + rank);
    auto bv = b_.CreateVector(begin);
    ob->options = {axm::OpOptions::PadOptions, axm::CreatePadOptions(b_, bv, m, value).Union()};
    return Status::ok();
  }

 private:
  const GraphTypes& types_;
  fbb_t& b_;
};

// Buffers the memory plan does not know (graph inputs, kernel scratch) are placed first-fit into
// the gaps left by the tensors alive at the same steps, so they only grow the arena when no gap
// is large enough.
struct Placed {
  uint64_t offset, size;
  int first, last;
};

uint64_t place(std::vector<Placed>* placed, uint64_t size, int first, int last) {
  std::vector<const Placed*> busy;
  for (const Placed& p : *placed)
    if (p.size && p.first <= last && first <= p.last) busy.push_back(&p);
  std::sort(busy.begin(), busy.end(), [](auto* a, auto* b) { return a->offset < b->offset; });
  const uint64_t need = align_up(size, kArenaAlign);
  uint64_t offset = 0;
  for (const Placed* p : busy) {
    if (p->offset >= offset + need) break;
    offset = std::max(offset, align_up(p->offset + p->size, kArenaAlign));
  }
  placed->push_back({offset, need, first, last});
  return offset;
}

axm::Activation activation_of(const Node& n, float* alpha, float* beta) {
  const Attribute* a = n.attr("axe.activation");
  const Attribute* pa = n.attr("axe.activation_alpha");
  const Attribute* pb = n.attr("axe.activation_beta");
  *alpha = pa ? pa->f : 0.0f;
  *beta = pb ? pb->f : 0.0f;
  if (!a) return axm::Activation::None;
  static const std::map<std::string, axm::Activation> m = {
      {"Relu", axm::Activation::Relu},           {"Clip", axm::Activation::Clip},
      {"LeakyRelu", axm::Activation::LeakyRelu}, {"Sigmoid", axm::Activation::Sigmoid},
      {"Tanh", axm::Activation::Tanh},           {"HardSigmoid", axm::Activation::HardSigmoid},
      {"HardSwish", axm::Activation::HardSwish}};
  auto it = m.find(a->s);
  return it == m.end() ? axm::Activation::None : it->second;
}

}  // namespace

Status export_axm(const Graph& g, const AxmExportOptions& options, AxmExport* out) {
  // 1. Bind the inputs and infer everything, evaluating what is known at compile time.
  std::vector<TypeInfo> in_types;
  for (size_t i = 0; i < g.inputs.size(); ++i) {
    const Value& v = g.values[static_cast<size_t>(g.inputs[i])];
    TypeInfo t = v.type;
    if (i < options.input_shapes.size() && !options.input_shapes[i].empty()) {
      const Shape& want = options.input_shapes[i];
      if (t.rank_known && want.size() != t.shape.size())
        return Status::error("input '{}' has rank {} ({}), the given shape {} has rank {}", v.name,
                             t.shape.size(), t.to_string(), shape_string(want), want.size());
      t.shape = want;
      t.rank_known = true;
    }
    if (t.kind != ValueKind::kTensor || !t.shape_known() || t.dtype == DType::kString)
      return Status::error(
          "input '{}' is {}: the .axm runtime needs a static tensor shape; bind it "
          "with --shape (e.g. --shape 1x3x640x640)",
          v.name, t.to_string());
    in_types.push_back(t);
  }
  GraphTypes types;
  AXE_TRY(infer_graph_types(g, in_types, {}, true, &types));
  MemoryPlan plan;
  // The runtime's kernels are not all safe to run in place yet, and the exporter places kernel
  // scratch (and graph inputs) itself below: plan tensors only, each in its own bytes.
  PlanOptions plan_options;
  plan_options.in_place = false;
  plan_options.scratch = false;
  AXE_TRY(plan_memory(g, types, plan_options, &plan));
  AXE_TRY(check_plan(plan));

  fbb_t b(1 << 20);
  Exporter ex(types, b);
  AxmExport result;

  // 2. Which nodes run on the device, and are they supported?
  std::vector<int> run_nodes;
  for (int ni : plan.schedule) {
    const Node& n = g.nodes[static_cast<size_t>(ni)];
    bool all_known = !n.outputs.empty();
    for (int v : n.outputs)
      if (v >= 0 && !types.values[static_cast<size_t>(v)]) all_known = false;
    if (all_known) {
      ++result.folded_nodes;
      continue;
    }
    if (!runtime_has(n.op))
      return Status::error(
          "{} uses op {} which the .axm runtime has no kernel for (run the model "
          "as ONNX with `autox run`, or ask for the op to be added)",
          n.label(), n.op_type);
    if (!n.implicit_inputs.empty())
      return Status::error("{} ({}) has subgraphs, which the .axm runtime does not run", n.label(),
                           n.op_type);
    for (int v : n.outputs) {
      if (v < 0) continue;
      const TypeInfo& t = types.types[static_cast<size_t>(v)];
      if (!types.values[static_cast<size_t>(v)] && plan.offset_of_value[static_cast<size_t>(v)] < 0)
        return Status::error(
            "{} ({}): output '{}' is {}, its shape depends on the data; the .axm "
            "runtime needs static shapes",
            n.label(), n.op_type, g.values[static_cast<size_t>(v)].name, t.to_string());
    }
    run_nodes.push_back(ni);
  }

  // 3. Tensors: activations at their planned offsets, inputs after them, constants in the blob.
  std::vector<int> tensor_of(g.values.size(), -1);
  struct TensorRec {
    int value;
    axm::Storage storage;
    uint64_t offset;
  };
  std::vector<TensorRec> recs;
  std::vector<uint8_t> weights;
  std::vector<Placed> placed;
  for (const PlannedTensor& t : plan.tensors)
    placed.push_back({t.offset, align_up(t.size, kArenaAlign), t.first_step, t.last_step});
  std::vector<int> step_of(g.nodes.size(), 0), last_read(g.values.size(), -1);
  for (size_t st = 0; st < plan.schedule.size(); ++st) {
    step_of[static_cast<size_t>(plan.schedule[st])] = static_cast<int>(st);
    for (int v : g.nodes[static_cast<size_t>(plan.schedule[st])].inputs)
      if (v >= 0) last_read[static_cast<size_t>(v)] = static_cast<int>(st);
  }
  auto tensor_index = [&](int v) -> int {
    if (tensor_of[static_cast<size_t>(v)] >= 0) return tensor_of[static_cast<size_t>(v)];
    const TypeInfo& t = types.types[static_cast<size_t>(v)];
    TensorRec r{v, axm::Storage::Arena, 0};
    if (const auto& k = types.values[static_cast<size_t>(v)]; k) {
      r.storage = axm::Storage::Weights;
      r.offset = align_up(weights.size(), kWeightAlign);
      weights.resize(r.offset + k->nbytes(), 0);
      if (k->nbytes()) std::memcpy(weights.data() + r.offset, k->raw(), k->nbytes());
    } else if (plan.offset_of_value[static_cast<size_t>(v)] >= 0) {
      r.offset = static_cast<uint64_t>(plan.offset_of_value[static_cast<size_t>(v)]);
    } else {
      // A graph input: written by the caller before the first step, alive to its last reader.
      r.offset = place(&placed, static_cast<uint64_t>(shape_numel(t.shape)) * dtype_size(t.dtype),
                       0, std::max(0, last_read[static_cast<size_t>(v)]));
    }
    tensor_of[static_cast<size_t>(v)] = static_cast<int>(recs.size());
    recs.push_back(r);
    return tensor_of[static_cast<size_t>(v)];
  };
  std::vector<int32_t> model_inputs, model_outputs;
  for (int v : g.inputs) model_inputs.push_back(tensor_index(v));
  for (int v : g.outputs) {
    if (types.values[static_cast<size_t>(v)] || std::count(g.inputs.begin(), g.inputs.end(), v))
      return Status::error(
          "output '{}' is a constant or an input; the .axm runtime computes outputs",
          g.values[static_cast<size_t>(v)].name);
  }

  // 4. Operators in schedule order, with resolved options and scratch.
  std::vector<flatbuffers::Offset<axm::Operator>> ops;
  std::set<axe_op> used;
  uint64_t max_scratch = 0;
  struct Pending {
    int node;
    OpBuild ob;
    std::vector<int32_t> ins, outs;
    uint64_t scratch_offset = 0;
  };
  std::vector<Pending> pending;
  for (int ni : run_nodes) {
    const Node& n = g.nodes[static_cast<size_t>(ni)];
    Pending p{ni, {}, {}, {}, 0};
    size_t n_in = n.inputs.size();
    switch (n.op) {  // inputs folded into the options
      case AXE_OP_RESHAPE:
      case AXE_OP_SQUEEZE:
      case AXE_OP_UNSQUEEZE:
      case AXE_OP_FLATTEN:
      case AXE_OP_IDENTITY:
      case AXE_OP_RESIZE:
      case AXE_OP_UPSAMPLE:
      case AXE_OP_SLICE:
      case AXE_OP_PAD:
      case AXE_OP_CLIP:
      case AXE_OP_CAST:
      case AXE_OP_REDUCE_MEAN:
      case AXE_OP_REDUCE_SUM:
      case AXE_OP_REDUCE_MAX:
      case AXE_OP_REDUCE_MIN:
        n_in = std::min<size_t>(n_in, 1);
        break;
      case AXE_OP_BATCH_NORMALIZATION:
        n_in = std::min<size_t>(n_in, 5);
        break;
      default:
        break;
    }
    for (size_t i = 0; i < n_in; ++i) {
      const int v = n.inputs[i];
      if (v >= 0 && types.types[static_cast<size_t>(v)].kind != ValueKind::kTensor)
        return Status::error("{} ({}): input {} is not a tensor", n.label(), n.op_type, i);
      p.ins.push_back(v < 0 ? -1 : tensor_index(v));
    }
    size_t n_out = n.outputs.size();
    while (n_out > 1 && n.outputs[n_out - 1] < 0) --n_out;
    if (n.op == AXE_OP_BATCH_NORMALIZATION || n.op == AXE_OP_MAX_POOL) n_out = 1;
    for (size_t i = 0; i < n_out; ++i) {
      if (n.outputs[i] < 0)
        return Status::error("{} ({}): omitted outputs are not supported", n.label(), n.op_type);
      p.outs.push_back(tensor_index(n.outputs[i]));
    }
    Status s = ex.options(n, &p.ob);
    if (!s) return s;
    max_scratch = std::max(max_scratch, align_up(p.ob.scratch, 8));
    pending.push_back(std::move(p));
  }
  for (int v : g.outputs) model_outputs.push_back(tensor_index(v));
  uint64_t activations_end = 0;
  for (const Placed& p : placed) activations_end = std::max(activations_end, p.offset + p.size);
  for (Pending& p : pending)
    if (p.ob.scratch) {
      const int st = step_of[static_cast<size_t>(p.node)];
      p.scratch_offset = place(&placed, p.ob.scratch, st, st);
    }
  uint64_t arena_size = 0;
  for (const Placed& p : placed) arena_size = std::max(arena_size, p.offset + p.size);
  for (const Pending& p : pending) {
    const Node& n = g.nodes[static_cast<size_t>(p.node)];
    float alpha = 0, beta = 0;
    const axm::Activation act = activation_of(n, &alpha, &beta);
    auto name = b.CreateString(n.name.empty() ? n.op_type : n.name);
    auto iv = b.CreateVector(p.ins);
    auto ov = b.CreateVector(p.outs);
    axm::OperatorBuilder ob(b);
    ob.add_op(static_cast<int32_t>(n.op));
    ob.add_name(name);
    ob.add_inputs(iv);
    ob.add_outputs(ov);
    if (p.ob.options.first != axm::OpOptions::NONE) {
      ob.add_options_type(p.ob.options.first);
      ob.add_options(p.ob.options.second);
    }
    ob.add_activation(act);
    ob.add_activation_alpha(alpha);
    ob.add_activation_beta(beta);
    if (p.ob.scratch) {
      ob.add_scratch_offset(p.scratch_offset);
      ob.add_scratch_size(p.ob.scratch);
    }
    ops.push_back(ob.Finish());
    used.insert(n.op);
  }

  std::vector<flatbuffers::Offset<axm::Tensor>> tensors;
  for (const TensorRec& r : recs) {
    const TypeInfo& t = types.types[static_cast<size_t>(r.value)];
    auto name = b.CreateString(g.values[static_cast<size_t>(r.value)].name);
    auto sv = b.CreateVector(t.shape);
    const uint64_t bytes = static_cast<uint64_t>(shape_numel(t.shape)) * dtype_size(t.dtype);
    const bool state = std::find(g.states.begin(), g.states.end(), r.value) != g.states.end();
    tensors.push_back(axm::CreateTensor(b, name, static_cast<int32_t>(t.dtype), sv, r.storage,
                                        r.offset, bytes, 0, state));
  }
  auto tv = b.CreateVector(tensors);
  auto opv = b.CreateVector(ops);
  auto inv = b.CreateVector(model_inputs);
  auto outv = b.CreateVector(model_outputs);
  b.ForceVectorAlignment(weights.size(), 1, kWeightAlign);
  auto wv = b.CreateVector(weights);
  const AxmPreprocess& pp = options.preprocess;
  auto pre = axm::CreatePreprocess(b, b.CreateString(pp.resize), b.CreateString(pp.color_order),
                                   b.CreateString(pp.layout), pp.scale, b.CreateVector(pp.mean),
                                   b.CreateVector(pp.std));
  auto labels = b.CreateVectorOfStrings(options.labels);
  auto meta =
      axm::CreateMetadata(b, b.CreateString(options.model_name), b.CreateString(options.producer),
                          b.CreateString(options.source), pre, labels);
  const axm::Version version(AXM_FORMAT_MAJOR, AXM_FORMAT_MINOR);
  auto root = axm::CreateModel(b, &version, tv, opv, inv, outv, arena_size, wv, meta);
  axm::FinishModelBuffer(b, root);

  result.bytes.assign(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
  result.arena_bytes = arena_size;
  result.activation_bytes = activations_end;
  result.plan_peak_bytes = plan.peak_bytes;
  result.scratch_bytes = max_scratch;
  result.weight_bytes = weights.size();
  result.operator_count = static_cast<int>(ops.size());
  result.ops.assign(used.begin(), used.end());
  *out = std::move(result);
  return Status::ok();
}

}  // namespace axe
