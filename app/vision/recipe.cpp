#include "recipe.hpp"

#include "resize.hpp"

#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace autox::vision {

bool isEmpty(const axe::AxmPreprocess& p) {
  return p.resize.empty() && p.color_order.empty() && p.layout.empty() && p.scale == 1.0f &&
         p.mean.empty() && p.std.empty();
}

Recipe fromAxm(const axe::AxmPreprocess& p) {
  Recipe r;
  if (!p.resize.empty()) r.resize = p.resize;
  if (!p.color_order.empty()) r.colorOrder = p.color_order;
  if (!p.layout.empty()) r.layout = p.layout;
  if (!isEmpty(p)) r.scale = p.scale;
  r.mean = p.mean;
  r.std = p.std;
  return r;
}

axe::AxmPreprocess toAxm(const Recipe& r) {
  return {r.resize, r.colorOrder, r.layout, r.scale, r.mean, r.std};
}

namespace {
std::string number(float v) {
  char b[32];
  std::snprintf(b, sizeof(b), "%g", static_cast<double>(v));
  return b;
}
std::string numbers(const std::vector<float>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + number(v[i]);
  return s;
}
}  // namespace

std::string describe(const Recipe& r) {
  std::string x = "x";
  if (std::abs(r.scale - 1.0f / 255.0f) < 1e-9f)
    x = "x/255";
  else if (r.scale != 1.0f)
    x = "x*" + number(r.scale);
  if (!r.mean.empty()) x = "(" + x + " - [" + numbers(r.mean) + "])";
  if (!r.std.empty()) x += " / [" + numbers(r.std) + "]";
  return r.resize + ", " + r.colorOrder + ", " + r.layout + ", " + x;
}

std::string validate(const Recipe& r, int channels) {
  if (r.resize != "stretch" && r.resize != "letterbox")
    return "resize '" + r.resize + "' is not stretch or letterbox";
  if (r.colorOrder != "RGB" && r.colorOrder != "BGR" && r.colorOrder != "GRAY")
    return "colour order '" + r.colorOrder + "' is not RGB, BGR or GRAY";
  if (r.layout != "NCHW" && r.layout != "NHWC")
    return "layout '" + r.layout + "' is not NCHW or NHWC";
  if (!std::isfinite(r.scale) || r.scale == 0) return "the scale must be a non-zero number";
  const auto count = [&](const std::vector<float>& v) {
    return v.empty() || v.size() == 1 || static_cast<int>(v.size()) == channels;
  };
  if (!count(r.mean))
    return "mean has " + std::to_string(r.mean.size()) + " values; give 1 or " +
           std::to_string(channels) + " (one per channel)";
  if (!count(r.std))
    return "std has " + std::to_string(r.std.size()) + " values; give 1 or " +
           std::to_string(channels) + " (one per channel)";
  for (float s : r.std)
    if (s == 0 || !std::isfinite(s)) return "std values must be non-zero numbers";
  return {};
}

std::string inputSpec(const std::vector<int64_t>& shape, const Recipe& recipe, InputSpec* out) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "x" : "") + std::to_string(shape[i]);
  const bool nchw = recipe.layout != "NHWC";
  if (shape.size() != 4 || shape[0] != 1)
    return "the model's input " + text + " is not one image (expected 1xCxHxW or 1xHxWxC)";
  InputSpec s;
  s.nchw = nchw;
  s.channels = static_cast<int>(nchw ? shape[1] : shape[3]);
  s.height = static_cast<int>(nchw ? shape[2] : shape[1]);
  s.width = static_cast<int>(nchw ? shape[3] : shape[2]);
  if (s.channels != 1 && s.channels != 3)
    return "the model's input " + text + " read as " + recipe.layout + " has " +
           std::to_string(s.channels) +
           " channels; an image has 1 or 3 (check the layout: " + (nchw ? "NHWC?" : "NCHW?") + ")";
  if (s.width < 1 || s.height < 1) return "the model's input " + text + " has no pixels";
  if ((s.channels == 1) != (recipe.colorOrder == "GRAY"))
    return "the model's input " + text + " has " + std::to_string(s.channels) +
           " channel(s) but the recipe's colour order is " + recipe.colorOrder +
           (s.channels == 1 ? " (use GRAY)" : " (use RGB or BGR)");
  if (std::string e = validate(recipe, s.channels); !e.empty()) return e;
  *out = s;
  return {};
}

post::Geometry preprocess(const cv::Mat& frame, const Recipe& recipe, const InputSpec& spec,
                          float* dst) {
  post::Geometry g;
  g.frameWidth = frame.cols;
  g.frameHeight = frame.rows;
  g.inputWidth = spec.width;
  g.inputHeight = spec.height;
  const int W = spec.width, H = spec.height, C = spec.channels;
  // Resize first (fewer pixels to convert); RGB is a channel swap while writing the tensor.
  cv::Mat color = frame;
  if (recipe.colorOrder == "GRAY") cv::cvtColor(frame, color, cv::COLOR_BGR2GRAY);
  cv::Mat image;
  if (recipe.resize == "letterbox") {
    const float s = std::min(static_cast<float>(W) / static_cast<float>(frame.cols),
                             static_cast<float>(H) / static_cast<float>(frame.rows));
    const int nw =
        std::clamp(static_cast<int>(std::lround(static_cast<float>(frame.cols) * s)), 1, W);
    const int nh =
        std::clamp(static_cast<int>(std::lround(static_cast<float>(frame.rows) * s)), 1, H);
    const int px = (W - nw) / 2, py = (H - nh) / 2;
    image = cv::Mat(H, W, color.type(), cv::Scalar::all(recipe.padValue));
    if (nw == color.cols && nh == color.rows) {
      color.copyTo(image(cv::Rect(px, py, nw, nh)));
    } else {
      cv::Mat scaled;
      resizeBilinearAntialias(color, cv::Size(nw, nh), scaled);
      scaled.copyTo(image(cv::Rect(px, py, nw, nh)));
    }
    g.scaleX = static_cast<float>(nw) / static_cast<float>(frame.cols);
    g.scaleY = static_cast<float>(nh) / static_cast<float>(frame.rows);
    g.padX = static_cast<float>(px);
    g.padY = static_cast<float>(py);
  } else {
    if (color.cols == W && color.rows == H)
      image = color;
    else
      resizeBilinearAntialias(color, cv::Size(W, H), image);
    g.scaleX = static_cast<float>(W) / static_cast<float>(frame.cols);
    g.scaleY = static_cast<float>(H) / static_cast<float>(frame.rows);
  }
  // x[c] = pixel * a[c] + b[c] with a = scale / std, b = -mean / std; channel c of the tensor
  // reads channel from[c] of the BGR (or gray) image.
  float a[3], b[3];
  int from[3] = {0, 1, 2};
  for (int c = 0; c < C; ++c) {
    const size_t i = static_cast<size_t>(c);
    const float mean = recipe.mean.empty() ? 0.0f : recipe.mean[recipe.mean.size() == 1 ? 0 : i];
    const float sd = recipe.std.empty() ? 1.0f : recipe.std[recipe.std.size() == 1 ? 0 : i];
    a[c] = recipe.scale / sd;
    b[c] = -mean / sd;
    if (recipe.colorOrder == "RGB") from[c] = 2 - c;
  }
  const size_t plane = static_cast<size_t>(W) * static_cast<size_t>(H);
  for (int y = 0; y < H; ++y) {
    const uint8_t* row = image.ptr<uint8_t>(y);
    const size_t base = static_cast<size_t>(y) * static_cast<size_t>(W);
    if (spec.nchw) {
      for (int c = 0; c < C; ++c) {
        float* out = dst + static_cast<size_t>(c) * plane + base;
        const uint8_t* in = row + from[c];
        const float ac = a[c], bc = b[c];
        for (int x = 0; x < W; ++x) out[x] = static_cast<float>(in[x * C]) * ac + bc;
      }
    } else {
      float* out = dst + base * static_cast<size_t>(C);
      for (int x = 0; x < W; ++x)
        for (int c = 0; c < C; ++c)
          out[x * C + c] = static_cast<float>(row[x * C + from[c]]) * a[c] + b[c];
    }
  }
  return g;
}

}  // namespace autox::vision
