// Shared pieces of the built-in decoders: reading setting values, labels files, IoU and NMS, and
// shape texts for the messages that say why outputs do not fit.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "autox/postprocess.hpp"

namespace autox::post {

// Reads typed values; the first bad value is kept in error() ("score_threshold: 'x' is not a
// number").
class ValueReader {
 public:
  explicit ValueReader(const Values& values) : values_(values) {}
  std::string text(const std::string& key) const;
  float number(const std::string& key, float fallback, float min, float max);
  int integer(const std::string& key, int fallback, int min, int max);
  bool flag(const std::string& key, bool fallback);
  // "1,2, 3" (also ';' and spaces) -> {1, 2, 3}.
  std::vector<float> numbers(const std::string& key);
  const std::string& error() const { return error_; }

 private:
  void fail(const std::string& key, const std::string& what);
  const Values& values_;
  std::string error_;
};

// "10,13, 16,30; 30,61" -> groups split at ';', numbers at ',' or blanks.
bool parseNumberGroups(const std::string& text, std::vector<std::vector<float>>* out);

// One label per line (trailing blanks and '\r' removed); *error when the file cannot be read.
std::vector<std::string> readLabelsFile(const std::string& path, std::string* error);
// The 80 COCO class names in darknet order (coco.names).
const std::vector<std::string>& cocoLabels();
// labels[i] or "class i".
std::string labelOf(const std::vector<std::string>& labels, int index);

float iou(const Detection& a, const Detection& b);
// Greedy non-maximum suppression, highest score first; `perClass` compares boxes of the same
// class only. Keeps at most `maxDetections` (0: no limit).
void nms(std::vector<Detection>* detections, float iouThreshold, bool perClass, int maxDetections);

// A box given in model-input pixels, in frame pixels and clipped to the frame.
Detection boxInFrame(float x1, float y1, float x2, float y2, const Geometry& g);

std::string shapeText(const std::vector<int64_t>& shape);  // "1x85x22x22"
// "1 output: 1x85x22x22" / "2 outputs: 1x4420x2, 1x4420x4".
std::string outputsText(const std::vector<TensorView>& outputs);

inline float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

}  // namespace autox::post
