// UltraFace (Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB): scores [1, N, 2] (softmax
// background / face) and boxes [1, N, 4]. The released version-*-320/640.onnx models output
// corner boxes (x1, y1, x2, y2) normalised to the input; the *_without_postprocessing variants
// output SSD offsets that are decoded against priors (strides and min boxes as settings). Then
// face probability > threshold and hard NMS, as upstream detect_imgs_onnx.py.
#include <algorithm>
#include <cmath>

#include "builtin.hpp"
#include "common.hpp"

namespace autox::post {

namespace {

const char* const kInfo = R"json({
  "id": "ultraface",
  "name": "UltraFace (faces)",
  "outputs": "scores 1xNx2 (background, face) and boxes 1xNx4",
  "description": "Ultra-Light-Fast-Generic-Face-Detector-1MB: corner boxes, or raw SSD offsets decoded with priors.",
  "settings": [
    {"key": "score_threshold", "label": "Score threshold", "type": "float", "default": "0.7",
     "min": 0, "max": 1},
    {"key": "iou_threshold", "label": "NMS IoU threshold", "type": "float", "default": "0.3",
     "min": 0, "max": 1},
    {"key": "max_detections", "label": "Max detections", "type": "int", "default": "500",
     "min": 1, "max": 100000},
    {"key": "candidates", "label": "Candidates before NMS", "type": "int", "default": "200",
     "min": 0, "max": 100000,
     "help": "Only the best this many boxes above the threshold enter NMS (upstream: 200); 0: all."},
    {"key": "box_format", "label": "Box format", "type": "choice", "default": "corners",
     "choices": ["corners", "priors"],
     "help": "corners: x1,y1,x2,y2 in 0..1 (version-*-320.onnx); priors: raw SSD offsets (*_without_postprocessing)."},
    {"key": "strides", "label": "Prior strides", "type": "string", "default": "8,16,32,64"},
    {"key": "min_boxes", "label": "Prior min boxes", "type": "string",
     "default": "10,16,24; 32,48; 64,96; 128,192,256",
     "help": "Box sizes in input pixels per stride, groups separated by ';'."},
    {"key": "center_variance", "label": "Centre variance", "type": "float", "default": "0.1",
     "min": 0, "max": 10},
    {"key": "size_variance", "label": "Size variance", "type": "float", "default": "0.2",
     "min": 0, "max": 10},
    {"key": "labels", "label": "Labels file", "type": "path", "default": "",
     "help": "Empty: the model's labels, else BACKGROUND, face."}
  ]
})json";

class UltraFaceDecoder : public Decoder {
 public:
  std::string configure(const Values& values) override {
    ValueReader r(values);
    score_ = r.number("score_threshold", 0.7f, 0, 1);
    iou_ = r.number("iou_threshold", 0.3f, 0, 1);
    max_ = r.integer("max_detections", 500, 1, 100000);
    candidates_ = r.integer("candidates", 200, 0, 100000);
    centerVariance_ = r.number("center_variance", 0.1f, 0, 10);
    sizeVariance_ = r.number("size_variance", 0.2f, 0, 10);
    const std::string format = r.text("box_format");
    priors_ = format == "priors";
    if (!format.empty() && format != "corners" && !priors_)
      return "box_format: '" + format + "' is not corners or priors";
    strides_ = r.numbers("strides");
    if (!r.error().empty()) return r.error();
    if (!parseNumberGroups(r.text("min_boxes"), &minBoxes_))
      return "min_boxes: '" + r.text("min_boxes") + "' is not groups of numbers (10,16,24; 32,48)";
    if (priors_ && (strides_.empty() || strides_.size() != minBoxes_.size()))
      return "strides and min_boxes must have one entry per stride (" +
             std::to_string(strides_.size()) + " strides, " + std::to_string(minBoxes_.size()) +
             " groups of min boxes)";
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
    int scores = -1, boxes = -1;
    find(outputs, &scores, &boxes);
    if (scores >= 0 && boxes >= 0 && outputs.size() == 2) return {};
    return "UltraFace expects two outputs, scores 1xNx2 and boxes 1xNx4 with the same N (e.g. "
           "1x4420x2 and 1x4420x4); the model has " +
           outputsText(outputs);
  }

  std::string decode(const DecodeInput& in, Result* out) override {
    int si = -1, bi = -1;
    find(in.outputs, &si, &bi);
    const TensorView& scores = in.outputs[static_cast<size_t>(si)];
    const TensorView& boxes = in.outputs[static_cast<size_t>(bi)];
    const size_t n = static_cast<size_t>(scores.shape[1]);
    const Geometry& g = in.geometry;
    if (priors_ && priorCount(g) != n)
      return "the priors from strides " +
             shapeText(std::vector<int64_t>(strides_.begin(), strides_.end())) + " give " +
             std::to_string(priorCount(g)) + " boxes for a " + std::to_string(g.inputWidth) + "x" +
             std::to_string(g.inputHeight) + " input, the model outputs " + std::to_string(n) +
             ": check the strides and min boxes, or use box_format corners";
    if (priors_ && priorsFor_ != std::make_pair(g.inputWidth, g.inputHeight)) makePriors(g);
    const std::vector<std::string>& labels =
        !fileLabels_.empty()
            ? fileLabels_
            : (!modelLabels_.empty() ? modelLabels_
                                     : std::vector<std::string>{"BACKGROUND", "face"});
    std::vector<Detection> found;
    const float iw = static_cast<float>(g.inputWidth), ih = static_cast<float>(g.inputHeight);
    for (size_t i = 0; i < n; ++i) {
      const float p = scores.data[2 * i + 1];
      if (!(p > score_)) continue;
      const float* b = boxes.data + 4 * i;
      float x1, y1, x2, y2;
      if (priors_) {
        const float* pr = priorData_.data() + 4 * i;
        const float cx = b[0] * centerVariance_ * pr[2] + pr[0];
        const float cy = b[1] * centerVariance_ * pr[3] + pr[1];
        const float w = std::exp(b[2] * sizeVariance_) * pr[2];
        const float h = std::exp(b[3] * sizeVariance_) * pr[3];
        x1 = cx - w / 2, y1 = cy - h / 2, x2 = cx + w / 2, y2 = cy + h / 2;
      } else {
        x1 = b[0], y1 = b[1], x2 = b[2], y2 = b[3];
      }
      Detection d = boxInFrame(x1 * iw, y1 * ih, x2 * iw, y2 * ih, g);
      d.classId = 1;
      d.label = labelOf(labels, 1);
      d.score = p;
      found.push_back(std::move(d));
    }
    if (candidates_ > 0 && found.size() > static_cast<size_t>(candidates_)) {
      std::stable_sort(found.begin(), found.end(),
                       [](const Detection& a, const Detection& b) { return a.score > b.score; });
      found.resize(static_cast<size_t>(candidates_));
    }
    nms(&found, iou_, false, max_);
    out->detections = std::move(found);
    return {};
  }

 private:
  static void find(const std::vector<TensorView>& outputs, int* scores, int* boxes) {
    for (size_t i = 0; i < outputs.size(); ++i) {
      const auto& s = outputs[i].shape;
      if (s.size() != 3 || s[0] != 1) continue;
      if (s[2] == 2 && *scores < 0)
        *scores = static_cast<int>(i);
      else if (s[2] == 4 && *boxes < 0)
        *boxes = static_cast<int>(i);
    }
    if (*scores >= 0 && *boxes >= 0 &&
        outputs[static_cast<size_t>(*scores)].shape[1] !=
            outputs[static_cast<size_t>(*boxes)].shape[1])
      *scores = *boxes = -1;
  }
  size_t priorCount(const Geometry& g) const {
    size_t n = 0;
    for (size_t k = 0; k < strides_.size(); ++k) {
      const auto fw =
          static_cast<size_t>(std::ceil(static_cast<float>(g.inputWidth) / strides_[k]));
      const auto fh =
          static_cast<size_t>(std::ceil(static_cast<float>(g.inputHeight) / strides_[k]));
      n += fw * fh * minBoxes_[k].size();
    }
    return n;
  }
  // Upstream generate_priors(): stride, row j, column i, min box; centre-size form in 0..1.
  void makePriors(const Geometry& g) {
    priorData_.clear();
    const float iw = static_cast<float>(g.inputWidth), ih = static_cast<float>(g.inputHeight);
    for (size_t k = 0; k < strides_.size(); ++k) {
      const int fw = static_cast<int>(std::ceil(iw / strides_[k]));
      const int fh = static_cast<int>(std::ceil(ih / strides_[k]));
      const float scaleW = iw / strides_[k], scaleH = ih / strides_[k];
      for (int j = 0; j < fh; ++j)
        for (int i = 0; i < fw; ++i)
          for (float box : minBoxes_[k]) {
            priorData_.push_back(std::clamp((static_cast<float>(i) + 0.5f) / scaleW, 0.0f, 1.0f));
            priorData_.push_back(std::clamp((static_cast<float>(j) + 0.5f) / scaleH, 0.0f, 1.0f));
            priorData_.push_back(std::clamp(box / iw, 0.0f, 1.0f));
            priorData_.push_back(std::clamp(box / ih, 0.0f, 1.0f));
          }
    }
    priorsFor_ = {g.inputWidth, g.inputHeight};
  }

  float score_ = 0.7f, iou_ = 0.3f, centerVariance_ = 0.1f, sizeVariance_ = 0.2f;
  int max_ = 500, candidates_ = 200;
  bool priors_ = false;
  std::vector<float> strides_;
  std::vector<std::vector<float>> minBoxes_;
  std::vector<float> priorData_;
  std::pair<int, int> priorsFor_{0, 0};
  std::vector<std::string> fileLabels_, modelLabels_;
};

}  // namespace

void registerUltraFace(Registry& registry) {
  registry.add(kInfo, [] { return std::make_unique<UltraFaceDecoder>(); });
}

}  // namespace autox::post
