// Writes the studio's bundled demo clip (resources/demo/demo_clip.mp4): a slow pan and zoom over
// the shared sample images with people and faces (fastestdet/sample_3.jpg,
// ultraface/sample_crowd.jpg), 640x480, 15 fps, H.264 in MP4 (small; OpenCV's FFmpeg backend
// reads and writes it). Used when no camera is present.
//
//   make_demo_clip OUT.avi                    write the clip
//   make_demo_clip --check COMMITTED NEW.avi  write NEW.avi and check COMMITTED has the same
//                                             frame count and size (the committed clip is what
//                                             this program makes)
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <opencv2/videoio.hpp>
#include <string>

#include "demo_clip.hpp"

namespace {

autox::vision::ClipOptions options() {
  autox::vision::ClipOptions o;
  o.width = 640;
  o.height = 480;
  o.fps = 15;
  o.fourcc = "avc1";
  o.framesPerImage = 45;
  o.motion = true;
  return o;
}

bool probe(const std::string& path, int* frames, int* w, int* h) {
  cv::VideoCapture c(path, cv::CAP_FFMPEG);
  if (!c.isOpened()) return false;
  *w = static_cast<int>(c.get(cv::CAP_PROP_FRAME_WIDTH));
  *h = static_cast<int>(c.get(cv::CAP_PROP_FRAME_HEIGHT));
  cv::Mat f;
  *frames = 0;
  while (c.read(f)) ++*frames;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool check = argc == 4 && std::strcmp(argv[1], "--check") == 0;
  if (argc != 2 && !check) {
    std::fprintf(stderr,
                 "usage: make_demo_clip OUT.avi | make_demo_clip --check COMMITTED NEW.avi\n");
    return 2;
  }
  const std::string out = check ? argv[3] : argv[1];
  std::filesystem::create_directories(std::filesystem::path(out).parent_path());
  const std::string models = AXE_SHARED_MODELS_DIR;
  int written = 0;
  const std::string error = autox::vision::writeClip(
      {models + "/fastestdet/sample_3.jpg", models + "/ultraface/sample_crowd.jpg"}, out, options(),
      &written);
  if (!error.empty()) {
    std::fprintf(stderr, "make_demo_clip: %s\n", error.c_str());
    return 1;
  }
  std::printf("%s: %d frames, %jd bytes\n", out.c_str(), written,
              static_cast<intmax_t>(std::filesystem::file_size(out)));
  if (!check) return 0;
  int n1 = 0, w1 = 0, h1 = 0, n2 = 0, w2 = 0, h2 = 0;
  if (!probe(argv[2], &n1, &w1, &h1)) {
    std::fprintf(stderr, "make_demo_clip: the committed clip %s does not open\n", argv[2]);
    return 1;
  }
  probe(out, &n2, &w2, &h2);
  std::printf("committed %s: %d frames %dx%d; regenerated: %d frames %dx%d\n", argv[2], n1, w1, h1,
              n2, w2, h2);
  if (n1 != n2 || w1 != w2 || h1 != h2 || n1 != written) {
    std::fprintf(
        stderr,
        "make_demo_clip: the committed clip differs from what the generator makes; run "
        "`cmake --build <build> --target demo_clip` and commit resources/demo/demo_clip.mp4\n");
    return 1;
  }
  return 0;
}
