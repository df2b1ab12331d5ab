// Resizing for pre-processing: bilinear with antialiasing, as Pillow's Image.resize(BILINEAR)
// does it (a triangle filter whose support widens with the shrink factor, so that every source
// pixel counts when shrinking; plain bilinear when enlarging). The ONNX Runtime reference inputs
// in ../shared/models were made this way: the preview reproduces them within one 8-bit level,
// so its boxes match the reference boxes. OpenCV's INTER_LINEAR samples only 2x2 pixels when
// shrinking (aliasing: a 2.25x shrink of the crowd photo differs from the reference by 5.5
// levels on average and moves 20-pixel faces by a pixel or two).
#pragma once

#include <opencv2/core.hpp>

namespace autox::vision {

// `src` 8-bit with 1 or 3 channels -> `dst` of `size` (same type). Separable: horizontal pass
// rounded to 8 bits, then vertical, as Pillow.
void resizeBilinearAntialias(const cv::Mat& src, cv::Size size, cv::Mat& dst);

}  // namespace autox::vision
