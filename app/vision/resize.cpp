#include "resize.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace autox::vision {

namespace {

// Fixed point as Pillow's resample.c: weights scaled by 2^kBits, rounded; the sums are rounded
// back to 8 bits after each pass.
constexpr int kBits = 14;
constexpr int kHalf = 1 << (kBits - 1);

// Taps of each output pixel: first input index, count, and weights (Pillow's precompute_coeffs
// with the bilinear filter, support 1, widened by the shrink factor).
struct Taps {
  std::vector<int> first, count;
  std::vector<int32_t> weights;  // `width` per output pixel
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
  t.weights.assign(static_cast<size_t>(out) * static_cast<size_t>(t.width), 0);
  std::vector<double> w(static_cast<size_t>(t.width));
  for (int i = 0; i < out; ++i) {
    const double center = (i + 0.5) * scale;
    const int lo = std::max(static_cast<int>(center - support + 0.5), 0);
    const int hi = std::min(static_cast<int>(center + support + 0.5), in);
    double total = 0;
    for (int j = lo; j < hi; ++j) {
      const double x = std::fabs((j - center + 0.5) / filterScale);
      w[static_cast<size_t>(j - lo)] = x < 1 ? 1 - x : 0;
      total += w[static_cast<size_t>(j - lo)];
    }
    int32_t* out_w = &t.weights[static_cast<size_t>(i) * static_cast<size_t>(t.width)];
    for (int k = 0; k < hi - lo; ++k)
      out_w[k] = static_cast<int32_t>(
          std::lround(total > 0 ? w[static_cast<size_t>(k)] / total * (1 << kBits) : 0));
    t.first[static_cast<size_t>(i)] = lo;
    t.count[static_cast<size_t>(i)] = hi - lo;
  }
  return t;
}

inline uint8_t clip8(int32_t v) {
  v = (v + kHalf) >> kBits;
  return static_cast<uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

template <int C>
void horizontal(const cv::Mat& src, const Taps& t, cv::Mat& dst) {
  const size_t width = static_cast<size_t>(t.width);
  for (int y = 0; y < src.rows; ++y) {
    const uint8_t* in = src.ptr<uint8_t>(y);
    uint8_t* out = dst.ptr<uint8_t>(y);
    for (int x = 0; x < dst.cols; ++x) {
      const int32_t* w = &t.weights[static_cast<size_t>(x) * width];
      const uint8_t* p = in + t.first[static_cast<size_t>(x)] * C;
      int32_t acc[C] = {};
      const int n = t.count[static_cast<size_t>(x)];
      for (int k = 0; k < n; ++k)
        for (int c = 0; c < C; ++c) acc[c] += w[k] * p[k * C + c];
      for (int c = 0; c < C; ++c) out[x * C + c] = clip8(acc[c]);
    }
  }
}

void vertical(const cv::Mat& src, const Taps& t, cv::Mat& dst) {
  const int n = src.cols * src.channels();
  std::vector<int32_t> acc(static_cast<size_t>(n));
  for (int y = 0; y < dst.rows; ++y) {
    std::fill(acc.begin(), acc.end(), 0);
    const int32_t* w = &t.weights[static_cast<size_t>(y) * static_cast<size_t>(t.width)];
    int32_t* a = acc.data();
    for (int k = 0; k < t.count[static_cast<size_t>(y)]; ++k) {
      const uint8_t* in = src.ptr<uint8_t>(t.first[static_cast<size_t>(y)] + k);
      const int32_t wk = w[k];
      for (int i = 0; i < n; ++i) a[i] += wk * in[i];  // vectorised by the compiler
    }
    uint8_t* out = dst.ptr<uint8_t>(y);
    for (int i = 0; i < n; ++i) out[i] = clip8(a[i]);
  }
}

}  // namespace

void resizeBilinearAntialias(const cv::Mat& src, cv::Size size, cv::Mat& dst) {
  CV_Assert(src.depth() == CV_8U && (src.channels() == 1 || src.channels() == 3));
  // Only the rows the vertical pass reads go through the horizontal one.
  cv::Mat rows = src;
  Taps vt;
  int firstRow = 0, lastRow = src.rows;
  if (size.height != src.rows) {
    vt = taps(src.rows, size.height);
    firstRow = vt.first.front();
    lastRow = vt.first.back() + vt.count.back();
    for (int& f : vt.first) f -= firstRow;
  }
  const cv::Mat band = src.rowRange(firstRow, lastRow);
  if (size.width != src.cols) {
    rows = cv::Mat(band.rows, size.width, src.type());
    const Taps t = taps(src.cols, size.width);
    if (src.channels() == 3)
      horizontal<3>(band, t, rows);
    else
      horizontal<1>(band, t, rows);
  } else {
    rows = band;
  }
  if (size.height != src.rows) {
    cv::Mat out(size, src.type());
    vertical(rows, vt, out);
    dst = out;
  } else if (rows.data == src.data) {
    src.copyTo(dst);
  } else {
    dst = rows;
  }
}

}  // namespace autox::vision
