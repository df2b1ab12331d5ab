// Where frames come from: a camera (V4L2 device index), a video file, a folder of images (or one
// image) or a stream URL, through OpenCV's VideoCapture (images through imgcodecs). A source that
// ends is told apart from one that is lost mid-stream (a truncated file, an unplugged camera, a
// dropped connection), so the app can offer Retry.
//
//   autox::vision::FrameSource source;
//   std::string error;
//   if (!source.open("0", &error)) report(error);          // or "clip.avi", "frames/",
//   "rtsp://..." cv::Mat frame; while (source.read(&frame, &error) == FrameSource::Read::kFrame)
//   use(frame);
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace cv {
class VideoCapture;
}

namespace autox::vision {

struct CameraInfo {
  int index = 0;
  std::string device;  // /dev/video0
  std::string name;    // the driver's card name, "Integrated Camera"
};

// Video capture devices present now (V4L2 nodes that can capture), by index.
std::vector<CameraInfo> listCameras();

class FrameSource {
 public:
  enum class Kind { kNone, kCamera, kVideoFile, kImages, kStream };
  enum class Read {
    kFrame,  // *frame holds the next frame
    kEnd,    // a file or folder played to its end
    kLost,   // the source went away mid-stream; *error says what happened
  };

  FrameSource();
  ~FrameSource();
  FrameSource(FrameSource&&) noexcept;
  FrameSource& operator=(FrameSource&&) noexcept;

  // "0" / "camera:0" / "/dev/video0": a camera; "rtsp://", "http(s)://", "udp://", ...: a stream;
  // a folder: its images in name order; a file: an image, else a video.
  bool open(const std::string& source, std::string* error);
  void close();
  bool isOpen() const { return kind_ != Kind::kNone; }
  Read read(cv::Mat* frame, std::string* error);
  // Files and folders start over (looping playback); false for cameras and streams.
  bool rewind();

  Kind kind() const { return kind_; }
  const std::string& spec() const { return spec_; }
  std::string describe()
      const;  // "camera 0 (/dev/video0)", "clip.avi (640x480, 15 fps, 60 frames)"
  double fps() const { return fps_; }  // the file's rate (for real-time playback); 0 when unknown
  int frameCount() const { return frameCount_; }  // -1 when unknown
  int position() const { return position_; }      // frames delivered since open/rewind

 private:
  Kind kind_ = Kind::kNone;
  std::string spec_, path_;
  int cameraIndex_ = -1;
  std::unique_ptr<cv::VideoCapture> capture_;
  std::vector<std::string> images_;
  double fps_ = 0;
  int frameCount_ = -1, position_ = 0, width_ = 0, height_ = 0;
};

}  // namespace autox::vision
