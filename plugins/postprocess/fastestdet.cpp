// FastestDet (dog-qiuqiu/FastestDet): one anchor-free stride-16 head [1, 5+C, H, W]. Per cell:
// [0] objectness (already a sigmoid), [1], [2] x/y offsets (tanh), [3], [4] width/height (sigmoid,
// normalised to the input), [5..] class scores (already a softmax). score = obj^0.6 * cls^0.4,
// then greedy NMS (class-agnostic upstream). Matches upstream example/onnx-runtime/runtime.py.
#include <cmath>

#include "builtin.hpp"
#include "common.hpp"

namespace autox::post {

namespace {

const char* const kInfo = R"json({
  "id": "fastestdet",
  "name": "FastestDet (COCO-80)",
  "outputs": "one tensor 1x(5+C)xHxW: objectness, x, y, w, h, C class scores per cell",
  "description": "Anchor-free single-head detector (dog-qiuqiu/FastestDet); COCO-80 labels unless the model or a labels file names others.",
  "settings": [
    {"key": "score_threshold", "label": "Score threshold", "type": "float", "default": "0.65",
     "min": 0, "max": 1, "help": "Keep cells whose obj^0.6 * class^0.4 is above this."},
    {"key": "iou_threshold", "label": "NMS IoU threshold", "type": "float", "default": "0.45",
     "min": 0, "max": 1, "help": "Drop a box that overlaps a better one by more than this."},
    {"key": "nms_per_class", "label": "NMS per class", "type": "bool", "default": "false",
     "help": "Off: boxes of different classes suppress each other (upstream)."},
    {"key": "max_detections", "label": "Max detections", "type": "int", "default": "100",
     "min": 1, "max": 10000},
    {"key": "labels", "label": "Labels file", "type": "path", "default": "",
     "help": "One class name per line; empty: the model's labels, else COCO-80."}
  ]
})json";

class FastestDetDecoder : public Decoder {
 public:
  std::string configure(const Values& values) override {
    ValueReader r(values);
    score_ = r.number("score_threshold", 0.65f, 0, 1);
    iou_ = r.number("iou_threshold", 0.45f, 0, 1);
    perClass_ = r.flag("nms_per_class", false);
    max_ = r.integer("max_detections", 100, 1, 10000);
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
    const bool fits = outputs.size() == 1 && outputs[0].shape.size() == 4 &&
                      outputs[0].shape[0] == 1 && outputs[0].shape[1] >= 6 &&
                      outputs[0].shape[2] > 0 && outputs[0].shape[3] > 0;
    if (fits) return {};
    return "FastestDet expects one output of shape 1x(5+C)xHxW (e.g. 1x85x22x22); the model has " +
           outputsText(outputs);
  }

  std::string decode(const DecodeInput& in, Result* out) override {
    const TensorView& t = in.outputs[0];
    const int channels = static_cast<int>(t.shape[1]), h = static_cast<int>(t.shape[2]),
              w = static_cast<int>(t.shape[3]);
    const int classes = channels - 5;
    const size_t plane = static_cast<size_t>(h) * static_cast<size_t>(w);
    const std::vector<std::string>& labels =
        !fileLabels_.empty() ? fileLabels_ : (!modelLabels_.empty() ? modelLabels_ : cocoLabels());
    std::vector<Detection> found;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const size_t cell =
            static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x);
        const float obj = t.data[cell];
        if (!(obj > 0)) continue;
        int best = 0;
        float bestScore = t.data[5 * plane + cell];
        for (int c = 1; c < classes; ++c) {
          const float s = t.data[(5 + static_cast<size_t>(c)) * plane + cell];
          if (s > bestScore) {
            bestScore = s;
            best = c;
          }
        }
        const float score = std::pow(obj, 0.6f) * std::pow(std::max(bestScore, 0.0f), 0.4f);
        if (!(score > score_)) continue;
        const float cx =
            (static_cast<float>(x) + std::tanh(t.data[plane + cell])) / static_cast<float>(w);
        const float cy =
            (static_cast<float>(y) + std::tanh(t.data[2 * plane + cell])) / static_cast<float>(h);
        const float bw = sigmoid(t.data[3 * plane + cell]), bh = sigmoid(t.data[4 * plane + cell]);
        const float iw = static_cast<float>(in.geometry.inputWidth),
                    ih = static_cast<float>(in.geometry.inputHeight);
        Detection d = boxInFrame((cx - bw / 2) * iw, (cy - bh / 2) * ih, (cx + bw / 2) * iw,
                                 (cy + bh / 2) * ih, in.geometry);
        d.classId = best;
        d.label = labelOf(labels, best);
        d.score = score;
        found.push_back(std::move(d));
      }
    nms(&found, iou_, perClass_, max_);
    out->detections = std::move(found);
    return {};
  }

 private:
  float score_ = 0.65f, iou_ = 0.45f;
  bool perClass_ = false;
  int max_ = 100;
  std::vector<std::string> fileLabels_, modelLabels_;
};

}  // namespace

void registerFastestDet(Registry& registry) {
  registry.add(kInfo, [] { return std::make_unique<FastestDetDecoder>(); });
}

}  // namespace autox::post
