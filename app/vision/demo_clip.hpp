// Writes a clip from still images with cv::VideoWriter: the bundled demo clip (slow pan and zoom
// over the shared sample images, resources/demo/) and the test clips (each image held still).
#pragma once

#include <string>
#include <vector>

namespace autox::vision {

struct ClipOptions {
  int width = 640, height = 480;
  double fps = 15;
  std::string fourcc = "FFV1";  // FFV1: lossless; MJPG, mp4v: small
  int framesPerImage = 10;
  bool motion = false;  // pan and zoom across each image instead of holding it still
  // Images are stretched to the frame size (motion: a window of the frame's aspect ratio).
};

// "" or what went wrong (an image that cannot be read, no encoder for the fourcc).
std::string writeClip(const std::vector<std::string>& images, const std::string& path,
                      const ClipOptions& options, int* framesWritten = nullptr);

}  // namespace autox::vision
