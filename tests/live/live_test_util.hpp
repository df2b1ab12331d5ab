// Helpers for the live-preview tests: reference tensors as decoder views, IoU matching.
#pragma once

#include <string>
#include <vector>

#include "autox/postprocess.hpp"
#include "axe/engine.hpp"
#include "import/onnx/onnx_importer.hpp"

namespace live_test {

inline std::string shared(const std::string& relative) {
  return std::string(AXE_SHARED_MODELS_DIR) + "/" + relative;
}

inline axe::Tensor readTensor(const std::string& path) {
  axe::RtValue v;
  axe::Status s = axe::read_value_file(path, axe::ValueKind::kTensor, &v);
  if (!s) return {};
  return v.tensor;
}

inline autox::post::TensorView view(const axe::Tensor& t, const std::string& name = {}) {
  return {name, std::vector<int64_t>(t.shape().begin(), t.shape().end()), t.data<float>()};
}

inline autox::post::Geometry stretch(int frameW, int frameH, int inW, int inH) {
  autox::post::Geometry g;
  g.frameWidth = frameW;
  g.frameHeight = frameH;
  g.inputWidth = inW;
  g.inputHeight = inH;
  g.scaleX = static_cast<float>(inW) / static_cast<float>(frameW);
  g.scaleY = static_cast<float>(inH) / static_cast<float>(frameH);
  return g;
}

struct Match {
  size_t matched = 0;
  double minIou = 1;
  std::vector<std::string> problems;  // unmatched boxes
};

// One-to-one greedy matching (best IoU first) of same-label boxes.
inline Match matchBoxes(const std::vector<autox::post::Detection>& expected,
                        const std::vector<autox::post::Detection>& got, double minIou) {
  struct Pair {
    double iou;
    size_t e, g;
  };
  std::vector<Pair> pairs;
  auto iouOf = [](const autox::post::Detection& a, const autox::post::Detection& b) {
    const double ix = std::max(0.0f, std::min(a.x2, b.x2) - std::max(a.x1, b.x1));
    const double iy = std::max(0.0f, std::min(a.y2, b.y2) - std::max(a.y1, b.y1));
    const double inter = ix * iy;
    const double u = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
    return u > 0 ? inter / u : 0.0;
  };
  for (size_t e = 0; e < expected.size(); ++e)
    for (size_t g = 0; g < got.size(); ++g)
      if (expected[e].label == got[g].label) pairs.push_back({iouOf(expected[e], got[g]), e, g});
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.iou > b.iou; });
  std::vector<bool> usedE(expected.size()), usedG(got.size());
  Match m;
  for (const Pair& p : pairs) {
    if (usedE[p.e] || usedG[p.g] || p.iou < minIou) continue;
    usedE[p.e] = usedG[p.g] = true;
    ++m.matched;
    m.minIou = std::min(m.minIou, p.iou);
  }
  auto describe = [](const char* what, const autox::post::Detection& d) {
    char b[160];
    std::snprintf(b, sizeof(b), "%s %s %.3f [%.1f %.1f %.1f %.1f]", what, d.label.c_str(),
                  static_cast<double>(d.score), static_cast<double>(d.x1),
                  static_cast<double>(d.y1), static_cast<double>(d.x2), static_cast<double>(d.y2));
    return std::string(b);
  };
  for (size_t e = 0; e < expected.size(); ++e)
    if (!usedE[e]) m.problems.push_back(describe("expected, not found:", expected[e]));
  for (size_t g = 0; g < got.size(); ++g)
    if (!usedG[g]) m.problems.push_back(describe("found, not expected:", got[g]));
  return m;
}

}  // namespace live_test
