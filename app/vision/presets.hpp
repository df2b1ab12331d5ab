// Presets: recipe + decoder (+ settings, input shape) for the models in ../shared/models, picked
// by the model's name or, failing that, by what its outputs look like.
#pragma once

#include <string>
#include <vector>

#include "autox/postprocess.hpp"
#include "recipe.hpp"

namespace autox::vision {

struct Preset {
  std::string id;                  // "fastestdet"
  std::string name;                // "FastestDet 352x352 (COCO-80)"
  std::vector<std::string> match;  // model names / file stems it is for (case-insensitive)
  Recipe recipe;
  std::vector<int64_t>
      inputShape;         // binds dynamic dimensions when converting an ONNX; empty: as declared
  std::string decoder;    // registry id
  post::Values settings;  // decoder settings beyond its defaults
};

const std::vector<Preset>& presets();
const Preset* presetById(const std::string& id);
// The preset whose match list names `modelName` (or the file stem of `path`), else nullptr.
const Preset* presetForName(const std::string& modelName, const std::string& path);
// A decoder for outputs of these shapes when nothing names one: 1x(5+C)xHxW -> fastestdet,
// 1xNx2 + 1xNx4 -> ultraface, 1x1xHxW -> ppocr, one score per class -> topk; "" when unsure.
std::string decoderForOutputs(const std::vector<std::vector<int64_t>>& shapes);

}  // namespace autox::vision
