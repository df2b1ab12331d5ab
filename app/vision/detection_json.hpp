// One JSON line per frame (`autox detect --json`, the preview's "Record"):
//   {"frame": 3, "width": 720, "height": 478,
//    "times_ms": {"capture": 1.2, "pre": 0.8, "inference": 15.1, "post": 0.2},
//    "detections": [{"label": "person", "class": 0, "score": 0.9, "box": [x1, y1, x2, y2]}],
//    "classes": [{"label": "7", "class": 7, "score": 0.98}]}
// Boxes are frame pixels (x1, y1 top left; x2, y2 bottom right); OCR adds "text", "text_score"
// and "polygon"; the preview adds "paint" to the times and "time" (ISO 8601).
#pragma once

#include <string>

#include "detector.hpp"

namespace autox::vision {

std::string frameJson(long frame, int width, int height, const FrameResult& result,
                      const std::string& isoTime = {}, bool withPaint = false);

}  // namespace autox::vision
