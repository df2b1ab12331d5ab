#include "resize.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace autox::vision {

namespace {

// Taps of one output pixel: first input index and normalised weights (Pillow's precompute_coeffs
// with the bilinear filter, support 1).
struct Taps {
  std::vector<int> first;
  std::vector<int> count;
  std::vector<float> weights;  // `width` per output pixel
  int width = 0;
};

Taps taps(int in, int out) {
  Taps t;
  const double scale = static_cast<double>(in) / out;
  const double filterScale = std::max(scale, 1.0);
  const double support = 1.0 * filterScale;
  t.width = static_cast<int>(std::ceil(support)) * 2 + 1;
  t.first.resize(static_cast<size_t>(out));
  t.count.resize(static_cast<size_t>(out));
  t.weights.assign(static_cast<size_t>(out) * static_cast<size_t>(t.width), 0.0f);
  for (int i = 0; i < out; ++i) {
    const double center = (i + 0.5) * scale;
    const int lo = std::max(static_cast<int>(center - support + 0.5), 0);
    const int hi = std::min(static_cast<int>(center + support + 0.5), in);
    double total = 0;
    float* w = &t.weights[static_cast<size_t>(i) * static_cast<size_t>(t.width)];
    for (int j = lo; j < hi; ++j) {
      const double x = std::fabs((j - center + 0.5) / filterScale);
      const double v = x < 1 ? 1 - x : 0;
      w[j - lo] = static_cast<float>(v);
      total += v;
    }
    if (total > 0)
      for (int k = 0; k < hi - lo; ++k) w[k] = static_cast<float>(w[k] / total);
    t.first[static_cast<size_t>(i)] = lo;
    t.count[static_cast<size_t>(i)] = hi - lo;
  }
  return t;
}

inline uint8_t clip8(float v) {
  return static_cast<uint8_t>(std::clamp(static_cast<int>(std::lround(v)), 0, 255));
}

template <int C>
void horizontal(const cv::Mat& src, const Taps& t, cv::Mat& dst) {
  for (int y = 0; y < src.rows; ++y) {
    const uint8_t* in = src.ptr<uint8_t>(y);
    uint8_t* out = dst.ptr<uint8_t>(y);
    for (int x = 0; x < dst.cols; ++x) {
      const float* w = &t.weights[static_cast<size_t>(x) * static_cast<size_t>(t.width)];
      const uint8_t* p = in + t.first[static_cast<size_t>(x)] * C;
      float acc[C] = {};
      for (int k = 0; k < t.count[static_cast<size_t>(x)]; ++k)
        for (int c = 0; c < C; ++c) acc[c] += w[k] * static_cast<float>(p[k * C + c]);
      for (int c = 0; c < C; ++c) out[x * C + c] = clip8(acc[c]);
    }
  }
}

void vertical(const cv::Mat& src, const Taps& t, cv::Mat& dst) {
  const int n = src.cols * src.channels();
  std::vector<float> acc(static_cast<size_t>(n));
  for (int y = 0; y < dst.rows; ++y) {
    std::fill(acc.begin(), acc.end(), 0.0f);
    const float* w = &t.weights[static_cast<size_t>(y) * static_cast<size_t>(t.width)];
    for (int k = 0; k < t.count[static_cast<size_t>(y)]; ++k) {
      const uint8_t* in = src.ptr<uint8_t>(t.first[static_cast<size_t>(y)] + k);
      const float wk = w[k];
      for (int i = 0; i < n; ++i) acc[static_cast<size_t>(i)] += wk * static_cast<float>(in[i]);
    }
    uint8_t* out = dst.ptr<uint8_t>(y);
    for (int i = 0; i < n; ++i) out[i] = clip8(acc[static_cast<size_t>(i)]);
  }
}

}  // namespace

void resizeBilinearAntialias(const cv::Mat& src, cv::Size size, cv::Mat& dst) {
  CV_Assert(src.depth() == CV_8U && (src.channels() == 1 || src.channels() == 3));
  cv::Mat rows = src;
  if (size.width != src.cols) {
    rows = cv::Mat(src.rows, size.width, src.type());
    const Taps t = taps(src.cols, size.width);
    if (src.channels() == 3)
      horizontal<3>(src, t, rows);
    else
      horizontal<1>(src, t, rows);
  }
  if (size.height != src.rows) {
    cv::Mat out(size, src.type());
    vertical(rows, taps(src.rows, size.height), out);
    dst = out;
  } else if (rows.data == src.data) {
    src.copyTo(dst);
  } else {
    dst = rows;
  }
}

}  // namespace autox::vision
