#include "frame_source.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace fs = std::filesystem;

namespace autox::vision {

namespace {

bool isImageFile(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* e : {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".pgm", ".ppm"})
    if (ext == e) return true;
  return false;
}

bool isUrl(const std::string& s) {
  const auto scheme = s.find("://");
  if (scheme == std::string::npos || scheme == 0) return false;
  return std::all_of(s.begin(), s.begin() + static_cast<long>(scheme), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

// "0", "camera:0", "/dev/video0" -> 0; -1 otherwise.
int cameraIndexOf(const std::string& s) {
  std::string digits = s;
  if (digits.rfind("camera:", 0) == 0)
    digits = digits.substr(7);
  else if (digits.rfind("/dev/video", 0) == 0)
    digits = digits.substr(10);
  if (digits.empty() || digits.size() > 3 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return -1;
  return std::stoi(digits);
}

}  // namespace

std::vector<CameraInfo> listCameras() {
  std::vector<CameraInfo> cameras;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/dev", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("video", 0) != 0) continue;
    const int index = cameraIndexOf(entry.path().string());
    if (index < 0) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_NONBLOCK);
    if (fd < 0) continue;
    v4l2_capability cap{};
    const bool ok = ::ioctl(fd, VIDIOC_QUERYCAP, &cap) == 0;
    ::close(fd);
    if (!ok) continue;
    const uint32_t caps =
        (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
    if (!(caps & (V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_VIDEO_CAPTURE_MPLANE))) continue;
    cameras.push_back({index, entry.path().string(), reinterpret_cast<const char*>(cap.card)});
  }
  std::sort(cameras.begin(), cameras.end(),
            [](const CameraInfo& a, const CameraInfo& b) { return a.index < b.index; });
  return cameras;
}

FrameSource::FrameSource() = default;
FrameSource::~FrameSource() = default;
FrameSource::FrameSource(FrameSource&&) noexcept = default;
FrameSource& FrameSource::operator=(FrameSource&&) noexcept = default;

void FrameSource::close() {
  capture_.reset();
  images_.clear();
  kind_ = Kind::kNone;
  fps_ = 0;
  frameCount_ = -1;
  position_ = 0;
}

bool FrameSource::open(const std::string& source, std::string* error) {
  close();
  spec_ = source;
  path_.clear();
  cameraIndex_ = -1;
  if (source.empty()) {
    *error = "no source given: a camera index (0), a video file, an image folder or a stream URL";
    return false;
  }
  if (const int index = cameraIndexOf(source); index >= 0) {
    auto capture = std::make_unique<cv::VideoCapture>();
    if (!capture->open(index, cv::CAP_V4L2) && !capture->open(index, cv::CAP_ANY)) {
      const auto cameras = listCameras();
      std::string present;
      for (const CameraInfo& c : cameras)
        present += (present.empty() ? "" : ", ") + std::to_string(c.index) + " (" + c.name + ")";
      *error = "camera " + std::to_string(index) + " cannot be opened" +
               (cameras.empty() ? std::string(": no camera is connected")
                                : ": cameras present: " + present);
      return false;
    }
    cameraIndex_ = index;
    capture_ = std::move(capture);
    kind_ = Kind::kCamera;
  } else if (isUrl(source)) {
    auto capture = std::make_unique<cv::VideoCapture>();
    if (!capture->open(source, cv::CAP_FFMPEG)) {
      *error = "the stream '" + source +
               "' cannot be opened: check the URL and that the server is reachable";
      return false;
    }
    capture_ = std::move(capture);
    kind_ = Kind::kStream;
    const double count = capture_->get(cv::CAP_PROP_FRAME_COUNT);
    frameCount_ = count > 0 ? static_cast<int>(count) : -1;
  } else {
    std::error_code ec;
    const fs::path p(source);
    if (!fs::exists(p, ec)) {
      *error = "'" + source +
               "' does not exist: give a camera index (0), a video file, an image folder or a "
               "stream URL";
      return false;
    }
    path_ = p.string();
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::directory_iterator(p, ec))
        if (e.is_regular_file() && isImageFile(e.path())) images_.push_back(e.path().string());
      std::sort(images_.begin(), images_.end());
      if (images_.empty()) {
        *error = "the folder '" + source + "' holds no images (.jpg, .png, .bmp ...)";
        return false;
      }
      kind_ = Kind::kImages;
      frameCount_ = static_cast<int>(images_.size());
    } else if (isImageFile(p)) {
      images_ = {path_};
      kind_ = Kind::kImages;
      frameCount_ = 1;
    } else {
      auto capture = std::make_unique<cv::VideoCapture>();
      if (!capture->open(path_, cv::CAP_FFMPEG) && !capture->open(path_, cv::CAP_ANY)) {
        *error = "'" + source + "' is not a video OpenCV can read (or an image)";
        return false;
      }
      capture_ = std::move(capture);
      kind_ = Kind::kVideoFile;
      const double count = capture_->get(cv::CAP_PROP_FRAME_COUNT);
      frameCount_ = count > 0 ? static_cast<int>(count) : -1;
      fps_ = capture_->get(cv::CAP_PROP_FPS);
      if (!(fps_ > 0 && fps_ < 1000)) fps_ = 0;
    }
  }
  if (capture_) {
    width_ = static_cast<int>(capture_->get(cv::CAP_PROP_FRAME_WIDTH));
    height_ = static_cast<int>(capture_->get(cv::CAP_PROP_FRAME_HEIGHT));
  }
  position_ = 0;
  return true;
}

FrameSource::Read FrameSource::read(cv::Mat* frame, std::string* error) {
  switch (kind_) {
    case Kind::kNone:
      *error = "no source is open";
      return Read::kLost;
    case Kind::kImages: {
      if (position_ >= static_cast<int>(images_.size())) return Read::kEnd;
      const std::string& file = images_[static_cast<size_t>(position_)];
      *frame = cv::imread(file, cv::IMREAD_COLOR);
      if (frame->empty()) {
        std::error_code ec;
        *error = "image " + std::to_string(position_ + 1) + " of " +
                 std::to_string(images_.size()) + " ('" + file + "') " +
                 (fs::exists(file, ec) ? "cannot be decoded: the file is damaged"
                                       : "is gone: the file or its folder was removed");
        return Read::kLost;
      }
      ++position_;
      return Read::kFrame;
    }
    case Kind::kCamera:
    case Kind::kStream:
    case Kind::kVideoFile:
      break;
  }
  if (capture_->read(*frame) && !frame->empty()) {
    if (frame->channels() == 1) cv::cvtColor(*frame, *frame, cv::COLOR_GRAY2BGR);
    ++position_;
    return Read::kFrame;
  }
  if (kind_ == Kind::kCamera) {
    *error = "camera " + std::to_string(cameraIndex_) +
             " stopped delivering frames: it was unplugged or another program took it";
    return Read::kLost;
  }
  if (kind_ == Kind::kStream) {
    // A finite stream (a file over HTTP) that delivered all it announced has ended.
    if (frameCount_ > 0 && position_ >= frameCount_) return Read::kEnd;
    *error = "the stream '" + spec_ + "' ended after frame " + std::to_string(position_) +
             " or the connection dropped";
    return Read::kLost;
  }
  std::error_code ec;
  if (!fs::exists(path_, ec)) {
    *error = "'" + path_ + "' is gone after frame " + std::to_string(position_) +
             ": the file was removed while playing";
    return Read::kLost;
  }
  if (frameCount_ > 0 && position_ < frameCount_) {
    *error = "'" + path_ + "' ended at frame " + std::to_string(position_) + " of " +
             std::to_string(frameCount_) + ": the file is truncated or damaged";
    return Read::kLost;
  }
  return Read::kEnd;
}

bool FrameSource::rewind() {
  if (kind_ == Kind::kImages) {
    position_ = 0;
    return true;
  }
  if (kind_ != Kind::kVideoFile) return false;
  // Reopening is the reliable way back to frame 0 for every container.
  std::string error;
  const std::string spec = spec_;
  return open(spec, &error);
}

std::string FrameSource::describe() const {
  switch (kind_) {
    case Kind::kNone:
      return "no source";
    case Kind::kCamera:
      return "camera " + std::to_string(cameraIndex_) + " (" + std::to_string(width_) + "x" +
             std::to_string(height_) + ")";
    case Kind::kStream:
      return spec_;
    case Kind::kImages:
      return images_.size() == 1 ? fs::path(path_).filename().string()
                                 : fs::path(path_).filename().string() + " (" +
                                       std::to_string(images_.size()) + " images)";
    case Kind::kVideoFile: {
      char rate[32];
      std::snprintf(rate, sizeof(rate), "%g fps", fps_);
      return fs::path(path_).filename().string() + " (" + std::to_string(width_) + "x" +
             std::to_string(height_) + ", " + rate +
             (frameCount_ > 0 ? ", " + std::to_string(frameCount_) + " frames" : std::string()) +
             ")";
    }
  }
  return {};
}

}  // namespace autox::vision
