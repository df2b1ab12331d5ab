#include "demo_clip.hpp"

#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace autox::vision {

std::string writeClip(const std::vector<std::string>& images, const std::string& path,
                      const ClipOptions& o, int* framesWritten) {
  if (o.fourcc.size() != 4) return "a fourcc has 4 characters, not '" + o.fourcc + "'";
  std::vector<cv::Mat> stills;
  for (const std::string& file : images) {
    cv::Mat m = cv::imread(file, cv::IMREAD_COLOR);
    if (m.empty()) return "cannot read the image '" + file + "'";
    stills.push_back(m);
  }
  const cv::Size size(o.width, o.height);
  cv::VideoWriter writer;
  const int fourcc = cv::VideoWriter::fourcc(o.fourcc[0], o.fourcc[1], o.fourcc[2], o.fourcc[3]);
  if (!writer.open(path, cv::CAP_FFMPEG, fourcc, o.fps, size) &&
      !writer.open(path, fourcc, o.fps, size))
    return "cannot write '" + path + "' with the " + o.fourcc +
           " codec (OpenCV's FFmpeg backend has no such encoder, or the folder is not writable)";
  int written = 0;
  cv::Mat frame;
  for (const cv::Mat& still : stills) {
    for (int i = 0; i < o.framesPerImage; ++i) {
      if (!o.motion) {
        if (still.size() == size)
          frame = still;
        else
          cv::resize(still, frame, size, 0, 0, cv::INTER_AREA);
      } else {
        // A window with the frame's aspect ratio, zooming from the whole image to 80 % of it
        // while sliding left to right.
        const double t = o.framesPerImage > 1 ? static_cast<double>(i) / (o.framesPerImage - 1) : 0;
        const double aspect = static_cast<double>(o.width) / o.height;
        double w = still.cols, h = w / aspect;
        if (h > still.rows) h = still.rows, w = h * aspect;
        const double zoom = 1.0 - 0.2 * t;
        w *= zoom;
        h *= zoom;
        const double x = (still.cols - w) * t, y = (still.rows - h) * 0.5;
        const cv::Rect r(
            static_cast<int>(x), static_cast<int>(y),
            std::max(1, std::min(static_cast<int>(w), still.cols - static_cast<int>(x))),
            std::max(1, std::min(static_cast<int>(h), still.rows - static_cast<int>(y))));
        cv::resize(still(r), frame, size, 0, 0, cv::INTER_AREA);
      }
      writer.write(frame);
      ++written;
    }
  }
  writer.release();
  if (framesWritten) *framesWritten = written;
  return {};
}

}  // namespace autox::vision
