#include "common.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>

namespace autox::post {

std::string ValueReader::text(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? std::string() : it->second;
}

void ValueReader::fail(const std::string& key, const std::string& what) {
  if (error_.empty()) error_ = key + ": " + what;
}

float ValueReader::number(const std::string& key, float fallback, float min, float max) {
  const std::string t = text(key);
  if (t.empty()) return fallback;
  char* end = nullptr;
  errno = 0;
  const float v = std::strtof(t.c_str(), &end);
  if (end == t.c_str() || *end != '\0' || errno != 0 || !std::isfinite(v)) {
    fail(key, "'" + t + "' is not a number");
    return fallback;
  }
  if (v < min || v > max) {
    char range[96];
    std::snprintf(range, sizeof(range), "%g is outside %g..%g", static_cast<double>(v),
                  static_cast<double>(min), static_cast<double>(max));
    fail(key, range);
    return fallback;
  }
  return v;
}

int ValueReader::integer(const std::string& key, int fallback, int min, int max) {
  const std::string t = text(key);
  if (t.empty()) return fallback;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(t.c_str(), &end, 10);
  if (end == t.c_str() || *end != '\0' || errno != 0) {
    fail(key, "'" + t + "' is not a whole number");
    return fallback;
  }
  if (v < min || v > max) {
    fail(key,
         std::to_string(v) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    return fallback;
  }
  return static_cast<int>(v);
}

bool ValueReader::flag(const std::string& key, bool fallback) {
  const std::string t = text(key);
  if (t.empty()) return fallback;
  if (t == "true" || t == "1" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "0" || t == "no" || t == "off") return false;
  fail(key, "'" + t + "' is not true or false");
  return fallback;
}

bool parseNumberGroups(const std::string& text, std::vector<std::vector<float>>* out) {
  out->clear();
  std::vector<float> group;
  std::string token;
  auto flush = [&]() -> bool {
    if (token.empty()) return true;
    char* end = nullptr;
    const float v = std::strtof(token.c_str(), &end);
    if (end == token.c_str() || *end != '\0' || !std::isfinite(v)) return false;
    group.push_back(v);
    token.clear();
    return true;
  };
  for (char c : text) {
    if (c == ';') {
      if (!flush()) return false;
      out->push_back(group);
      group.clear();
    } else if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
      if (!flush()) return false;
    } else {
      token += c;
    }
  }
  if (!flush()) return false;
  if (!group.empty() || !out->empty()) out->push_back(group);
  return true;
}

std::vector<float> ValueReader::numbers(const std::string& key) {
  std::vector<std::vector<float>> groups;
  if (!parseNumberGroups(text(key), &groups)) {
    fail(key, "'" + text(key) + "' is not a list of numbers (e.g. 8,16,32)");
    return {};
  }
  std::vector<float> out;
  for (const auto& g : groups) out.insert(out.end(), g.begin(), g.end());
  return out;
}

std::vector<std::string> readLabelsFile(const std::string& path, std::string* error) {
  std::ifstream f(path);
  if (!f) {
    *error = "cannot read the labels file '" + path + "': check the path";
    return {};
  }
  std::vector<std::string> labels;
  for (std::string line; std::getline(f, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    labels.push_back(line);
  }
  while (!labels.empty() && labels.back().empty()) labels.pop_back();
  return labels;
}

const std::vector<std::string>& cocoLabels() {
  static const std::vector<std::string> labels = {
      "person",        "bicycle",       "car",           "motorbike",
      "aeroplane",     "bus",           "train",         "truck",
      "boat",          "traffic light", "fire hydrant",  "stop sign",
      "parking meter", "bench",         "bird",          "cat",
      "dog",           "horse",         "sheep",         "cow",
      "elephant",      "bear",          "zebra",         "giraffe",
      "backpack",      "umbrella",      "handbag",       "tie",
      "suitcase",      "frisbee",       "skis",          "snowboard",
      "sports ball",   "kite",          "baseball bat",  "baseball glove",
      "skateboard",    "surfboard",     "tennis racket", "bottle",
      "wine glass",    "cup",           "fork",          "knife",
      "spoon",         "bowl",          "banana",        "apple",
      "sandwich",      "orange",        "broccoli",      "carrot",
      "hot dog",       "pizza",         "donut",         "cake",
      "chair",         "sofa",          "pottedplant",   "bed",
      "diningtable",   "toilet",        "tvmonitor",     "laptop",
      "mouse",         "remote",        "keyboard",      "cell phone",
      "microwave",     "oven",          "toaster",       "sink",
      "refrigerator",  "book",          "clock",         "vase",
      "scissors",      "teddy bear",    "hair drier",    "toothbrush"};
  return labels;
}

std::string labelOf(const std::vector<std::string>& labels, int index) {
  if (index >= 0 && static_cast<size_t>(index) < labels.size()) return labels[index];
  return "class " + std::to_string(index);
}

float iou(const Detection& a, const Detection& b) {
  const float ix = std::max(0.0f, std::min(a.x2, b.x2) - std::max(a.x1, b.x1));
  const float iy = std::max(0.0f, std::min(a.y2, b.y2) - std::max(a.y1, b.y1));
  const float inter = ix * iy;
  const float areaA = std::max(0.0f, a.x2 - a.x1) * std::max(0.0f, a.y2 - a.y1);
  const float areaB = std::max(0.0f, b.x2 - b.x1) * std::max(0.0f, b.y2 - b.y1);
  const float uni = areaA + areaB - inter;
  return uni > 0 ? inter / uni : 0.0f;
}

void nms(std::vector<Detection>* detections, float iouThreshold, bool perClass, int maxDetections) {
  std::vector<Detection>& d = *detections;
  std::stable_sort(d.begin(), d.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  std::vector<Detection> kept;
  for (const Detection& candidate : d) {
    bool suppressed = false;
    for (const Detection& k : kept)
      if ((!perClass || k.classId == candidate.classId) && iou(k, candidate) > iouThreshold) {
        suppressed = true;
        break;
      }
    if (suppressed) continue;
    kept.push_back(candidate);
    if (maxDetections > 0 && static_cast<int>(kept.size()) >= maxDetections) break;
  }
  d = std::move(kept);
}

Detection boxInFrame(float x1, float y1, float x2, float y2, const Geometry& g) {
  Detection d;
  const auto clampX = [&](float v) {
    return std::clamp(v, 0.0f, static_cast<float>(g.frameWidth));
  };
  const auto clampY = [&](float v) {
    return std::clamp(v, 0.0f, static_cast<float>(g.frameHeight));
  };
  d.x1 = clampX(g.frameX(x1));
  d.y1 = clampY(g.frameY(y1));
  d.x2 = clampX(g.frameX(x2));
  d.y2 = clampY(g.frameY(y2));
  return d;
}

std::string shapeText(const std::vector<int64_t>& shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "x" : "") + std::to_string(shape[i]);
  return s.empty() ? "scalar" : s;
}

std::string outputsText(const std::vector<TensorView>& outputs) {
  std::string s =
      std::to_string(outputs.size()) + (outputs.size() == 1 ? " output: " : " outputs: ");
  for (size_t i = 0; i < outputs.size(); ++i) s += (i ? ", " : "") + shapeText(outputs[i].shape);
  return s;
}

}  // namespace autox::post
