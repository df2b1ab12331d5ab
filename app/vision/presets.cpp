#include "presets.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace autox::vision {

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

const std::vector<Preset>& presets() {
  static const std::vector<Preset> list = [] {
    std::vector<Preset> p;
    // ../shared/models/fastestdet/NOTES.md: BGR, plain resize to 352x352, x/255.
    p.push_back({"fastestdet",
                 "FastestDet 352x352 (COCO-80)",
                 {"FastestDet"},
                 {"stretch", "BGR", "NCHW", 1.0f / 255.0f, {}, {}, 114.0f},
                 {},
                 "fastestdet",
                 {}});
    // ultraface/NOTES.md: RGB, plain resize to 320x240, (x - 127) / 128.
    p.push_back({"ultraface",
                 "UltraFace 320x240 (faces)",
                 {"version-RFB-320", "version-slim-320", "version-RFB-640",
                  "version-RFB-320_simplified", "version-slim-320_simplified"},
                 {"stretch", "RGB", "NCHW", 1.0f, {127.0f}, {128.0f}, 114.0f},
                 {},
                 "ultraface",
                 {}});
    p.push_back(
        {"ultraface-priors",
         "UltraFace without post-processing (priors)",
         {"version-RFB-320_without_postprocessing", "version-slim-320_without_postprocessing"},
         {"stretch", "RGB", "NCHW", 1.0f, {127.0f}, {128.0f}, 114.0f},
         {},
         "ultraface",
         {{"box_format", "priors"}}});
    // ppocr-v4/NOTES.md: BGR, x/255, ImageNet mean/std; H and W multiples of 32.
    p.push_back({"ppocr-det",
                 "PP-OCRv4 det 480x640 + rec",
                 {"ch_PP-OCRv4_det_infer"},
                 {"letterbox",
                  "BGR",
                  "NCHW",
                  1.0f / 255.0f,
                  {0.485f, 0.456f, 0.406f},
                  {0.229f, 0.224f, 0.225f},
                  0.0f},
                 {1, 3, 480, 640},
                 "ppocr",
                 {}});
    // mnist-8/NOTES.md: white digit on black, 0..255.
    p.push_back({"mnist",
                 "MNIST digits 28x28",
                 {"mnist-8", "mnist"},
                 {"stretch", "GRAY", "NCHW", 1.0f, {}, {}, 0.0f},
                 {},
                 "topk",
                 {{"k", "3"}}});
    p.push_back({"ppocr-cls",
                 "PP-OCR direction classifier",
                 {"ch_ppocr_mobile_v2.0_cls_infer"},
                 {"stretch", "BGR", "NCHW", 1.0f / 255.0f, {0.5f}, {0.5f}, 0.0f},
                 {1, 3, 48, 192},
                 "topk",
                 {{"k", "2"}}});
    return p;
  }();
  return list;
}

const Preset* presetById(const std::string& id) {
  for (const Preset& p : presets())
    if (p.id == id) return &p;
  return nullptr;
}

const Preset* presetForName(const std::string& modelName, const std::string& path) {
  const std::string stem =
      path.empty() ? std::string() : std::filesystem::path(path).stem().string();
  for (const std::string& name : {modelName, stem}) {
    if (name.empty()) continue;
    for (const Preset& p : presets())
      for (const std::string& m : p.match)
        if (lower(m) == lower(name)) return &p;
  }
  return nullptr;
}

std::string decoderForOutputs(const std::vector<std::vector<int64_t>>& shapes) {
  if (shapes.size() == 2) {
    const auto& a = shapes[0];
    const auto& b = shapes[1];
    if (a.size() == 3 && b.size() == 3 && a[1] == b[1] &&
        ((a[2] == 2 && b[2] == 4) || (a[2] == 4 && b[2] == 2)))
      return "ultraface";
  }
  if (shapes.size() != 1) return {};
  const auto& s = shapes[0];
  if (s.size() == 4 && s[0] == 1 && s[1] == 1 && s[2] > 1 && s[3] > 1) return "ppocr";
  if (s.size() == 4 && s[0] == 1 && s[1] >= 6 && s[2] > 1 && s[3] > 1) return "fastestdet";
  int64_t big = 0;
  int count = 0;
  for (int64_t d : s)
    if (d != 1) big = d, ++count;
  if (count == 1 && big >= 2) return "topk";
  return {};
}

}  // namespace autox::vision
