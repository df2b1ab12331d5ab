// Must show 1 of the live preview issue: a clip made with cv::VideoWriter from
// fastestdet/sample_3.jpg and ultraface/sample_crowd.jpg frames (lossless FFV1, 720x478,
// alternating), `autox detect` on it with FastestDet and with UltraFace RFB-320 (both converted
// by `autox convert` with their recipe in the .axm metadata): persons on every frame, faces on
// every frame, and on the frames of each model's reference image every box matches one decoded
// from the ONNX Runtime reference outputs in ../shared/models/*/ref with IoU >= 0.9 (one to
// one, same label, none missing, none extra).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "demo_clip.hpp"
#include "live_test_util.hpp"
#include "registry.hpp"

namespace fs = std::filesystem;
using live_test::shared;

namespace {

struct Command {
  int status = -1;
  std::string out;
};

Command run(const std::string& command) {
  Command r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), p)) > 0) r.out.append(buffer, n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::vector<autox::post::Detection>> framesOf(const std::string& jsonLines,
                                                          nlohmann::json* summary) {
  std::vector<std::vector<autox::post::Detection>> frames;
  size_t start = 0;
  while (start < jsonLines.size()) {
    size_t end = jsonLines.find('\n', start);
    if (end == std::string::npos) end = jsonLines.size();
    const std::string line = jsonLines.substr(start, end - start);
    start = end + 1;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    if (j.contains("summary")) {
      *summary = j["summary"];
      continue;
    }
    std::vector<autox::post::Detection> dets;
    for (const auto& d : j["detections"]) {
      autox::post::Detection det;
      det.label = d["label"];
      det.score = d["score"];
      det.x1 = d["box"][0], det.y1 = d["box"][1], det.x2 = d["box"][2], det.y2 = d["box"][3];
      dets.push_back(det);
    }
    frames.push_back(dets);
  }
  return frames;
}

std::vector<autox::post::Detection> referenceDetections(const std::string& decoder,
                                                        const std::vector<std::string>& outputs,
                                                        int inW, int inH) {
  std::vector<axe::Tensor> tensors;
  std::vector<autox::post::TensorView> views;
  for (const std::string& o : outputs) tensors.push_back(live_test::readTensor(shared(o)));
  for (const axe::Tensor& t : tensors) views.push_back(live_test::view(t));
  std::string error;
  auto d = autox::post::Registry::global().create(decoder, {}, &error);
  EXPECT_TRUE(d) << error;
  autox::post::Result r;
  EXPECT_EQ(d->decode({views, live_test::stretch(720, 478, inW, inH), {}, nullptr}, &r), "");
  return r.detections;
}

class DetectClip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: ctest runs each test case in its own process, in parallel.
    dir_ = fs::path(AXE_LIVE_TEST_SCRATCH) / ("detect_clip_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    autox::vision::ClipOptions o;
    o.width = 720;  // sample_crowd.jpg's own size; sample_3.jpg (500x335) is scaled up to it
    o.height = 478;
    o.fourcc = "FFV1";  // lossless: the frames are the images
    o.framesPerImage = 1;
    const std::string a = shared("fastestdet/sample_3.jpg"),
                      b = shared("ultraface/sample_crowd.jpg");
    int written = 0;
    ASSERT_EQ(autox::vision::writeClip({a, b, a, b, a, b, a, b}, (dir_ / "clip.avi").string(), o,
                                       &written),
              "");
    ASSERT_EQ(written, 8);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path dir_;
};
fs::path DetectClip::dir_;

}  // namespace

TEST_F(DetectClip, FastestDetFindsPersonsOnEveryFrameMatchingTheReference) {
  const std::string axm = (dir_ / "fastestdet.axm").string();
  Command c = run(
      std::string(AXE_AUTOX_PATH) + " convert " + shared("fastestdet/FastestDet.onnx") + " -o " +
      axm +
      " --resize stretch --color-order BGR --layout NCHW --scale 0.00392156862745098 --labels " +
      shared("fastestdet/coco.names"));
  ASSERT_EQ(c.status, 0) << c.out;
  Command d = run(std::string(AXE_AUTOX_PATH) + " detect --model " + axm + " --source " +
                  (dir_ / "clip.avi").string() + " --json");
  ASSERT_EQ(d.status, 0) << d.out;
  nlohmann::json summary;
  const auto frames = framesOf(d.out, &summary);
  ASSERT_EQ(frames.size(), 8u) << d.out;
  EXPECT_EQ(summary["decoder"], "fastestdet");
  const auto expected = referenceDetections(
      "fastestdet", {"fastestdet/ref/FastestDet/test_data_set_0/output_0.pb"}, 352, 352);
  ASSERT_GE(expected.size(), 2u);
  double minIou = 1;
  for (size_t f = 0; f < frames.size(); ++f) {
    size_t persons = 0;
    for (const auto& det : frames[f]) persons += det.label == "person";
    EXPECT_GE(persons, 1u) << "frame " << f;
    if (f % 2 == 0) {  // sample_3.jpg
      const live_test::Match m = live_test::matchBoxes(expected, frames[f], 0.9);
      EXPECT_EQ(m.matched, expected.size()) << "frame " << f;
      EXPECT_EQ(m.matched, frames[f].size()) << "frame " << f;
      for (const std::string& p : m.problems) ADD_FAILURE() << "frame " << f << ": " << p;
      minIou = std::min(minIou, m.minIou);
    }
  }
  std::cout << "[ figures  ] FastestDet: " << expected.size()
            << " persons per sample_3 frame, all matched; smallest IoU with the ONNX Runtime "
               "reference boxes "
            << minIou << "; " << summary.dump() << "\n";
}

TEST_F(DetectClip, UltraFaceFindsFacesOnEveryFrameMatchingTheReference) {
  const std::string axm = (dir_ / "ultraface.axm").string();
  Command c = run(std::string(AXE_AUTOX_PATH) + " convert " +
                  shared("ultraface/version-RFB-320.onnx") + " -o " + axm +
                  " --resize stretch --color-order RGB --layout NCHW --scale 1 --mean 127,127,127 "
                  "--std 128,128,128 --labels " +
                  shared("ultraface/voc-model-labels.txt"));
  ASSERT_EQ(c.status, 0) << c.out;
  Command d = run(std::string(AXE_AUTOX_PATH) + " detect --model " + axm + " --source " +
                  (dir_ / "clip.avi").string() + " --json");
  ASSERT_EQ(d.status, 0) << d.out;
  nlohmann::json summary;
  const auto frames = framesOf(d.out, &summary);
  ASSERT_EQ(frames.size(), 8u) << d.out;
  EXPECT_EQ(summary["decoder"], "ultraface");
  const auto expected =
      referenceDetections("ultraface",
                          {"ultraface/ref/version-RFB-320/test_data_set_0/output_0.pb",
                           "ultraface/ref/version-RFB-320/test_data_set_0/output_1.pb"},
                          320, 240);
  ASSERT_GE(expected.size(), 30u);
  double minIou = 1;
  for (size_t f = 0; f < frames.size(); ++f) {
    size_t faces = 0;
    for (const auto& det : frames[f]) faces += det.label == "face";
    EXPECT_GE(faces, 1u) << "frame " << f;
    if (f % 2 == 1) {  // sample_crowd.jpg
      const live_test::Match m = live_test::matchBoxes(expected, frames[f], 0.9);
      EXPECT_EQ(m.matched, expected.size()) << "frame " << f;
      EXPECT_EQ(m.matched, frames[f].size()) << "frame " << f;
      for (const std::string& p : m.problems) ADD_FAILURE() << "frame " << f << ": " << p;
      minIou = std::min(minIou, m.minIou);
    }
  }
  std::cout << "[ figures  ] UltraFace RFB-320: " << expected.size()
            << " faces per sample_crowd frame, all matched; smallest IoU with the ONNX Runtime "
               "reference boxes "
            << minIou << "; " << summary.dump() << "\n";
}

TEST_F(DetectClip, TruncatedClipStopsWithAMessage) {
  const fs::path cut = dir_ / "cut.avi";
  fs::copy_file(dir_ / "clip.avi", cut, fs::copy_options::overwrite_existing);
  fs::resize_file(cut, fs::file_size(cut) / 2);
  Command d = run(std::string(AXE_AUTOX_PATH) + " detect --model " +
                  shared("fastestdet/FastestDet.onnx") + " --source " + cut.string());
  EXPECT_EQ(d.status, 1) << d.out;
  EXPECT_NE(d.out.find("autox: "), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("the file is truncated or damaged"), std::string::npos) << d.out;
}

TEST_F(DetectClip, WrongDecoderIsRefusedBeforeAnyFrame) {
  Command d =
      run(std::string(AXE_AUTOX_PATH) + " detect --model " + shared("fastestdet/FastestDet.onnx") +
          " --decoder ultraface --source " + (dir_ / "clip.avi").string());
  EXPECT_EQ(d.status, 1);
  EXPECT_NE(
      d.out.find(
          "autox: FastestDet does not fit the UltraFace (faces) decoder: UltraFace expects two "
          "outputs, scores 1xNx2 and boxes 1xNx4"),
      std::string::npos)
      << d.out;
  EXPECT_EQ(d.out.find("frame 0"), std::string::npos) << d.out;
}
