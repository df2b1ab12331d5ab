// Pre-processing recipe: how a camera frame (8-bit BGR) becomes the model's input tensor.
// Stored in the .axm metadata (axe::AxmPreprocess); presets for the shared models live in
// presets.hpp.
//
//   autox::vision::InputSpec spec;
//   std::string error = autox::vision::inputSpec(shape, recipe, &spec);   // [1,3,352,352] NCHW
//   std::vector<float> tensor(spec.elements());
//   autox::post::Geometry g = autox::vision::preprocess(frame, recipe, spec, tensor.data());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "autox/postprocess.hpp"
#include "axe/engine.hpp"

namespace cv {
class Mat;
}

namespace autox::vision {

struct Recipe {
  std::string resize = "stretch";  // stretch | letterbox
  std::string colorOrder = "RGB";  // RGB | BGR | GRAY
  std::string layout = "NCHW";     // NCHW | NHWC
  float scale = 1.0f / 255.0f;     // x = (pixel * scale - mean[c]) / std[c]
  std::vector<float> mean, std;    // one value per channel, or one for all; empty: 0 / 1
  float padValue = 114.0f;         // letterbox border (pixel value, before scale); not stored

  bool operator==(const Recipe& o) const {
    return resize == o.resize && colorOrder == o.colorOrder && layout == o.layout &&
           scale == o.scale && mean == o.mean && std == o.std;
  }
  bool operator!=(const Recipe& o) const { return !(*this == o); }
};

// True when the .axm carries no recipe (every field empty/default).
bool isEmpty(const axe::AxmPreprocess& p);
Recipe fromAxm(const axe::AxmPreprocess& p);  // empty fields keep the defaults above
axe::AxmPreprocess toAxm(const Recipe& r);
// "stretch, BGR, NCHW, x/255" / "letterbox, RGB, NCHW, (x/255 - mean) / std"
std::string describe(const Recipe& r);
// "" or what is wrong with the values (unknown mode, mean/std counts, zero std).
std::string validate(const Recipe& r, int channels);

// The model input as an image.
struct InputSpec {
  int width = 0, height = 0, channels = 0;
  bool nchw = true;
  size_t elements() const {
    return static_cast<size_t>(width) * static_cast<size_t>(height) * static_cast<size_t>(channels);
  }
};

// The input's shape read with the recipe's layout: [1,C,H,W] (NCHW) or [1,H,W,C] (NHWC), C 1 or 3.
// "" or a sentence naming the shape and what was expected.
std::string inputSpec(const std::vector<int64_t>& shape, const Recipe& recipe, InputSpec* out);

// Writes the input tensor for `frame` (8-bit BGR, any size) into `dst` (spec.elements() floats)
// and returns where the frame went (for mapping boxes back).
post::Geometry preprocess(const cv::Mat& frame, const Recipe& recipe, const InputSpec& spec,
                          float* dst);

}  // namespace autox::vision
