#include "detection_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace autox::vision {

namespace {
double round3(double v) {
  return std::round(v * 1000.0) / 1000.0;
}
}  // namespace

std::string frameJson(long frame, int width, int height, const FrameResult& r,
                      const std::string& isoTime, bool withPaint) {
  nlohmann::ordered_json j;
  j["frame"] = frame;
  if (!isoTime.empty()) j["time"] = isoTime;
  j["width"] = width;
  j["height"] = height;
  nlohmann::ordered_json t;
  t["capture"] = round3(r.times.captureMs);
  t["pre"] = round3(r.times.preMs);
  t["inference"] = round3(r.times.inferenceMs);
  t["post"] = round3(r.times.postMs);
  if (withPaint) t["paint"] = round3(r.times.paintMs);
  j["times_ms"] = t;
  nlohmann::ordered_json dets = nlohmann::ordered_json::array();
  for (const post::Detection& d : r.result.detections) {
    nlohmann::ordered_json o;
    o["label"] = d.label;
    o["class"] = d.classId;
    o["score"] = round3(d.score);
    o["box"] = {round3(d.x1), round3(d.y1), round3(d.x2), round3(d.y2)};
    if (!d.polygon.empty()) {
      nlohmann::ordered_json poly = nlohmann::ordered_json::array();
      for (const post::Point& p : d.polygon) poly.push_back({round3(p.x), round3(p.y)});
      o["polygon"] = poly;
    }
    if (!d.text.empty() || !d.polygon.empty()) {
      o["text"] = d.text;
      o["text_score"] = round3(d.textScore);
    }
    dets.push_back(o);
  }
  j["detections"] = dets;
  if (!r.result.classes.empty()) {
    nlohmann::ordered_json classes = nlohmann::ordered_json::array();
    for (const post::Classification& c : r.result.classes)
      classes.push_back({{"label", c.label}, {"class", c.classId}, {"score", round3(c.score)}});
    j["classes"] = classes;
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace autox::vision
