// Generic YOLO-style decoder. Three output formats:
//  - grid: raw heads, one per stride, [1, A*(5+C), H, W] or [1, A, H, W, 5+C], anchors (input
//    pixels) and strides as settings; YOLOv5 formula (xy = (2s-0.5+cell)*stride,
//    wh = (2s)^2*anchor, s = sigmoid) or YOLOv3 (xy = (s+cell)*stride, wh = exp(t)*anchor);
//  - boxes: one tensor [1, N, 5+C] of decoded cx, cy, w, h, objectness, class scores (YOLOv5/v7
//    exported with their Detect layer);
//  - boxes_no_objectness: one tensor [1, 4+C, N] or [1, N, 4+C] (YOLOv8 / v11): cx, cy, w, h and
//    class scores.
// score = objectness * class score (class score alone without objectness), then NMS.
#include <algorithm>
#include <cmath>

#include "builtin.hpp"
#include "common.hpp"

namespace autox::post {

namespace {

const char* const kInfo = R"json({
  "id": "yolo",
  "name": "YOLO-style (anchors, strides)",
  "outputs": "grid: one 1xA*(5+C)xHxW head per stride; boxes: 1xNx(5+C); boxes_no_objectness: 1x(4+C)xN",
  "description": "YOLOv3/v5/v7/v8-style outputs; anchors and strides as settings.",
  "settings": [
    {"key": "format", "label": "Output format", "type": "choice", "default": "grid",
     "choices": ["grid", "boxes", "boxes_no_objectness"]},
    {"key": "formula", "label": "Grid formula", "type": "choice", "default": "yolov5",
     "choices": ["yolov5", "yolov3"]},
    {"key": "anchors", "label": "Anchors (w,h per head)", "type": "string",
     "default": "10,13, 16,30, 33,23; 30,61, 62,45, 59,119; 116,90, 156,198, 373,326",
     "help": "Input pixels; one group per head, separated by ';'."},
    {"key": "strides", "label": "Strides", "type": "string", "default": "",
     "help": "One per head, e.g. 8,16,32; empty: input height / head height."},
    {"key": "logits", "label": "Outputs are logits", "type": "bool", "default": "true",
     "help": "grid: apply the sigmoid (raw heads); off when the model already applied it."},
    {"key": "normalized", "label": "Boxes in 0..1", "type": "bool", "default": "false",
     "help": "boxes formats: cx, cy, w, h are fractions of the input instead of pixels."},
    {"key": "score_threshold", "label": "Score threshold", "type": "float", "default": "0.25",
     "min": 0, "max": 1},
    {"key": "iou_threshold", "label": "NMS IoU threshold", "type": "float", "default": "0.45",
     "min": 0, "max": 1},
    {"key": "nms_per_class", "label": "NMS per class", "type": "bool", "default": "true"},
    {"key": "max_detections", "label": "Max detections", "type": "int", "default": "300",
     "min": 1, "max": 100000},
    {"key": "labels", "label": "Labels file", "type": "path", "default": "",
     "help": "Empty: the model's labels, else COCO-80."}
  ]
})json";

class YoloDecoder : public Decoder {
 public:
  std::string configure(const Values& values) override {
    ValueReader r(values);
    format_ = r.text("format").empty() ? "grid" : r.text("format");
    if (format_ != "grid" && format_ != "boxes" && format_ != "boxes_no_objectness")
      return "format: '" + format_ + "' is not grid, boxes or boxes_no_objectness";
    const std::string formula = r.text("formula");
    v3_ = formula == "yolov3";
    if (!formula.empty() && formula != "yolov5" && !v3_)
      return "formula: '" + formula + "' is not yolov5 or yolov3";
    if (!parseNumberGroups(r.text("anchors"), &anchors_))
      return "anchors: '" + r.text("anchors") + "' is not groups of w,h pairs";
    for (const auto& g : anchors_)
      if (g.empty() || g.size() % 2 != 0)
        return "anchors: every head needs w,h pairs (got a group of " + std::to_string(g.size()) +
               " numbers)";
    strides_ = r.numbers("strides");
    logits_ = r.flag("logits", true);
    normalized_ = r.flag("normalized", false);
    score_ = r.number("score_threshold", 0.25f, 0, 1);
    iou_ = r.number("iou_threshold", 0.45f, 0, 1);
    perClass_ = r.flag("nms_per_class", true);
    max_ = r.integer("max_detections", 300, 1, 100000);
    if (!r.error().empty()) return r.error();
    fileLabels_.clear();
    if (const std::string path = r.text("labels"); !path.empty()) {
      std::string error;
      fileLabels_ = readLabelsFile(path, &error);
      if (!error.empty()) return error;
    }
    return {};
  }
  void setLabels(const std::vector<std::string>& labels) override { modelLabels_ = labels; }

  std::string check(const std::vector<TensorView>& outputs) const override {
    if (format_ == "grid") {
      std::string why;
      if (outputs.size() != anchors_.size())
        why = std::to_string(anchors_.size()) + " head(s) (one per anchor group)";
      else if (!strides_.empty() && strides_.size() != outputs.size())
        why = std::to_string(strides_.size()) + " head(s) (one per stride)";
      for (size_t k = 0; why.empty() && k < outputs.size(); ++k) {
        Head h;
        if (!head(outputs[k], anchors_[k].size() / 2, &h))
          why = "head " + std::to_string(k) + " as 1x" + std::to_string(anchors_[k].size() / 2) +
                "*(5+C)xHxW or 1x" + std::to_string(anchors_[k].size() / 2) + "xHxWx(5+C)";
      }
      if (why.empty()) return {};
      return "YOLO (grid) expects " + why + "; the model has " + outputsText(outputs);
    }
    const bool one =
        outputs.size() == 1 && outputs[0].shape.size() == 3 && outputs[0].shape[0] == 1;
    if (format_ == "boxes") {
      if (one && outputs[0].shape[2] >= 6) return {};
      return "YOLO (boxes) expects one output 1xNx(5+C) (e.g. 1x25200x85); the model has " +
             outputsText(outputs);
    }
    if (one && std::max(outputs[0].shape[1], outputs[0].shape[2]) >= 5) return {};
    return "YOLO (boxes_no_objectness) expects one output 1x(4+C)xN or 1xNx(4+C) (e.g. "
           "1x84x8400); the model has " +
           outputsText(outputs);
  }

  std::string decode(const DecodeInput& in, Result* out) override {
    std::vector<Detection> found;
    const Geometry& g = in.geometry;
    const float iw = static_cast<float>(g.inputWidth), ih = static_cast<float>(g.inputHeight);
    auto add = [&](float cx, float cy, float w, float h, int cls, float score) {
      if (normalized_ && format_ != "grid") cx *= iw, cy *= ih, w *= iw, h *= ih;
      Detection d = boxInFrame(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, g);
      d.classId = cls;
      d.label = labelOf(labels(), cls);
      d.score = score;
      found.push_back(std::move(d));
    };
    if (format_ == "grid") {
      for (size_t k = 0; k < in.outputs.size(); ++k) {
        const size_t anchors = anchors_[k].size() / 2;
        Head h;
        head(in.outputs[k], anchors, &h);
        const float stride = !strides_.empty() ? strides_[k] : ih / static_cast<float>(h.h);
        const float* p = in.outputs[k].data;
        for (size_t a = 0; a < anchors; ++a)
          for (int64_t y = 0; y < h.h; ++y)
            for (int64_t x = 0; x < h.w; ++x) {
              // Element e of (anchor a, cell y,x) in either layout.
              auto at = [&](int64_t e) {
                const size_t cell = static_cast<size_t>(y * h.w + x);
                const size_t plane = static_cast<size_t>(h.h * h.w);
                const size_t i =
                    h.channelsFirst
                        ? (a * static_cast<size_t>(h.k) + static_cast<size_t>(e)) * plane + cell
                        : (a * plane + cell) * static_cast<size_t>(h.k) + static_cast<size_t>(e);
                return logits_ ? sigmoid(p[i]) : p[i];
              };
              const float obj = at(4);
              if (!(obj > score_)) continue;
              int best = 0;
              float bestScore = at(5);
              for (int64_t c = 1; c < h.k - 5; ++c)
                if (const float s = at(5 + c); s > bestScore)
                  bestScore = s, best = static_cast<int>(c);
              const float score = obj * bestScore;
              if (!(score > score_)) continue;
              const float aw = anchors_[k][2 * a], ah = anchors_[k][2 * a + 1];
              float cx, cy, w, hh;
              if (v3_) {
                const size_t cell = static_cast<size_t>(y * h.w + x),
                             plane = static_cast<size_t>(h.h * h.w);
                auto raw = [&](int64_t e) {
                  return h.channelsFirst
                             ? p[(a * static_cast<size_t>(h.k) + static_cast<size_t>(e)) * plane +
                                 cell]
                             : p[(a * plane + cell) * static_cast<size_t>(h.k) +
                                 static_cast<size_t>(e)];
                };
                cx = (at(0) + static_cast<float>(x)) * stride;
                cy = (at(1) + static_cast<float>(y)) * stride;
                w = std::exp(raw(2)) * aw;
                hh = std::exp(raw(3)) * ah;
              } else {
                cx = (at(0) * 2 - 0.5f + static_cast<float>(x)) * stride;
                cy = (at(1) * 2 - 0.5f + static_cast<float>(y)) * stride;
                w = std::pow(at(2) * 2, 2.0f) * aw;
                hh = std::pow(at(3) * 2, 2.0f) * ah;
              }
              add(cx, cy, w, hh, best, score);
            }
      }
    } else {
      const TensorView& t = in.outputs[0];
      const bool obj = format_ == "boxes";
      // boxes_no_objectness: [1, 4+C, N] when the attribute axis is the shorter one.
      const bool transposed = !obj && t.shape[1] < t.shape[2];
      const int64_t n = transposed ? t.shape[2] : t.shape[1];
      const int64_t k = transposed ? t.shape[1] : t.shape[2];
      auto at = [&](int64_t i, int64_t e) {
        return transposed ? t.data[e * n + i] : t.data[i * k + e];
      };
      const int64_t first = obj ? 5 : 4;
      for (int64_t i = 0; i < n; ++i) {
        const float o = obj ? at(i, 4) : 1.0f;
        if (obj && !(o > score_)) continue;
        int best = 0;
        float bestScore = at(i, first);
        for (int64_t c = 1; c < k - first; ++c)
          if (const float s = at(i, first + c); s > bestScore)
            bestScore = s, best = static_cast<int>(c);
        const float score = o * bestScore;
        if (!(score > score_)) continue;
        add(at(i, 0), at(i, 1), at(i, 2), at(i, 3), best, score);
      }
    }
    nms(&found, iou_, perClass_, max_);
    out->detections = std::move(found);
    return {};
  }

 private:
  struct Head {
    int64_t h = 0, w = 0, k = 0;  // grid rows, columns, 5+C
    bool channelsFirst = true;
  };
  static bool head(const TensorView& t, size_t anchors, Head* out) {
    const auto& s = t.shape;
    const auto a = static_cast<int64_t>(anchors);
    if (s.size() == 4 && s[0] == 1 && a > 0 && s[1] % a == 0 && s[1] / a >= 6) {
      *out = {s[2], s[3], s[1] / a, true};
      return s[2] > 0 && s[3] > 0;
    }
    if (s.size() == 5 && s[0] == 1 && s[1] == a && s[4] >= 6) {
      *out = {s[2], s[3], s[4], false};
      return s[2] > 0 && s[3] > 0;
    }
    return false;
  }
  const std::vector<std::string>& labels() const {
    return !fileLabels_.empty() ? fileLabels_
                                : (!modelLabels_.empty() ? modelLabels_ : cocoLabels());
  }

  std::string format_ = "grid";
  bool v3_ = false, logits_ = true, normalized_ = false, perClass_ = true;
  std::vector<std::vector<float>> anchors_;
  std::vector<float> strides_;
  float score_ = 0.25f, iou_ = 0.45f;
  int max_ = 300;
  std::vector<std::string> fileLabels_, modelLabels_;
};

}  // namespace

void registerYolo(Registry& registry) {
  registry.add(kInfo, [] { return std::make_unique<YoloDecoder>(); });
}

}  // namespace autox::post
