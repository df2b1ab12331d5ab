// The pipeline pieces without threads: pre-processing against the ONNX Runtime reference inputs,
// letterbox geometry, frame sources (folders, clips, a truncated clip, files removed while
// playing, cameras and streams that are not there), and the Detector's refusals (a decoder that
// does not fit, a recipe that does not fit the input).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "demo_clip.hpp"
#include "detection_json.hpp"
#include "detector.hpp"
#include "frame_source.hpp"
#include "live_test_util.hpp"

namespace fs = std::filesystem;
using namespace autox::vision;
using live_test::shared;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path p = fs::path(AXE_LIVE_TEST_SCRATCH) / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// Compares our pre-processing of `image` with the ONNX Runtime reference input in pixel levels
// (differences divided by the recipe's scale/std). The reference inputs were resized as Pillow's
// BILINEAR does (antialiased), which resize.hpp reproduces: within one level (Pillow rounds in
// fixed point); a wrong colour order differs by tens of levels.
void checkAgainstReference(const std::string& image, const std::string& refInput,
                           const std::string& presetId, const std::vector<int64_t>& shape,
                           const char* label) {
  const cv::Mat frame = cv::imread(shared(image), cv::IMREAD_COLOR);
  ASSERT_FALSE(frame.empty());
  const axe::Tensor ref = live_test::readTensor(shared(refInput));
  ASSERT_EQ(ref.shape(), axe::Shape(shape.begin(), shape.end()));
  double maxLevels = 0;
  auto meanLevels = [&](const Recipe& recipe) {
    InputSpec spec;
    EXPECT_EQ(inputSpec(shape, recipe, &spec), "");
    std::vector<float> ours(spec.elements());
    preprocess(frame, recipe, spec, ours.data());
    const size_t plane = static_cast<size_t>(spec.width) * static_cast<size_t>(spec.height);
    double sum = 0;
    maxLevels = 0;
    for (size_t i = 0; i < ours.size(); ++i) {
      const size_t c = i / plane;
      const float sd = recipe.std.empty() ? 1.0f : recipe.std[recipe.std.size() == 1 ? 0 : c];
      const double d = std::abs(ours[i] - ref.data<float>()[i]) * sd / recipe.scale;
      sum += d;
      maxLevels = std::max(maxLevels, d);
    }
    return sum / static_cast<double>(ours.size());
  };
  Recipe recipe = presetById(presetId)->recipe;
  recipe.resize = "stretch";
  const double levels = meanLevels(recipe);
  const double worst = maxLevels;
  Recipe swapped = recipe;
  swapped.colorOrder = recipe.colorOrder == "RGB" ? "BGR" : "RGB";
  const double wrong = meanLevels(swapped);
  std::cout << "[ figures  ] " << label
            << ": mean |ours - ONNX Runtime reference input| = " << levels << " pixel levels, max "
            << worst << " (with the colour order swapped: " << wrong << ")\n";
  EXPECT_LT(levels, 0.5) << label;
  EXPECT_LE(worst, 1.01) << label;
  EXPECT_GT(wrong, 5.0) << label;
}

// Serves one file over HTTP/1.0 to every connection, cut after `limit` bytes (the connection
// dropping mid-stream), until destroyed.
class TinyHttpServer {
 public:
  TinyHttpServer(std::string bytes, size_t limit) : bytes_(std::move(bytes)), limit_(limit) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    ::listen(fd_, 4);
    socklen_t len = sizeof(a);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] {
      while (true) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        char request[2048];
        (void)::recv(c, request, sizeof(request), 0);
        const std::string head =
            "HTTP/1.0 200 OK\r\nContent-Type: video/x-msvideo\r\nContent-Length: " +
            std::to_string(bytes_.size()) + "\r\n\r\n";
        (void)::send(c, head.data(), head.size(), MSG_NOSIGNAL);
        (void)::send(c, bytes_.data(), std::min(limit_, bytes_.size()), MSG_NOSIGNAL);
        ::close(c);
      }
    });
  }
  ~TinyHttpServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url(const std::string& name) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + name;
  }

 private:
  std::string bytes_;
  size_t limit_;
  int fd_ = -1, port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST(Preprocess, MatchesTheReferenceInputs) {
  // One 8-bit step after the recipe's scaling: resampling may round a pixel the other way.
  checkAgainstReference("fastestdet/sample_3.jpg",
                        "fastestdet/ref/FastestDet/test_data_set_0/input_0.pb", "fastestdet",
                        {1, 3, 352, 352}, "FastestDet");
  checkAgainstReference("ultraface/sample_crowd.jpg",
                        "ultraface/ref/version-RFB-320/test_data_set_0/input_0.pb", "ultraface",
                        {1, 3, 240, 320}, "UltraFace");
  checkAgainstReference("ppocr-v4/sample_text.png",
                        "ppocr-v4/ref/ch_PP-OCRv4_det_infer/test_data_set_0/input_0.pb",
                        "ppocr-det", {1, 3, 256, 544}, "PP-OCRv4 det");
}

TEST(Preprocess, LetterboxGeometryMapsBack) {
  cv::Mat frame(480, 640, CV_8UC3, cv::Scalar(10, 20, 30));
  Recipe r;
  r.resize = "letterbox";
  r.colorOrder = "BGR";
  r.scale = 1;
  InputSpec spec;
  ASSERT_EQ(
      inputSpec({1, 320, 320, 3}, Recipe{r.resize, r.colorOrder, "NHWC", 1, {}, {}, 114}, &spec),
      "");
  EXPECT_FALSE(spec.nchw);
  r.layout = "NHWC";
  std::vector<float> t(spec.elements());
  const autox::post::Geometry g = preprocess(frame, r, spec, t.data());
  EXPECT_FLOAT_EQ(g.scaleX, 0.5f);
  EXPECT_FLOAT_EQ(g.scaleY, 0.5f);
  EXPECT_FLOAT_EQ(g.padX, 0);
  EXPECT_FLOAT_EQ(g.padY, 40);
  EXPECT_FLOAT_EQ(g.frameX(160), 320);
  EXPECT_FLOAT_EQ(g.frameY(40), 0);
  EXPECT_FLOAT_EQ(t[0], 114);                       // padding row, BGR as is
  EXPECT_FLOAT_EQ(t[(50 * 320 + 10) * 3 + 2], 30);  // inside the image: R channel of BGR order
}

TEST(Preprocess, RecipesThatDoNotFitTheInputSayWhy) {
  InputSpec spec;
  Recipe rgb;
  EXPECT_EQ(inputSpec({1, 1, 28, 28}, rgb, &spec),
            "the model's input 1x1x28x28 has 1 channel(s) but the recipe's colour order is RGB "
            "(use GRAY)");
  EXPECT_EQ(inputSpec({1, 10}, rgb, &spec),
            "the model's input 1x10 is not one image (expected 1xCxHxW or 1xHxWxC)");
  Recipe nhwc;
  nhwc.layout = "NHWC";
  EXPECT_EQ(inputSpec({1, 3, 224, 224}, nhwc, &spec),
            "the model's input 1x3x224x224 read as NHWC has 224 channels; an image has 1 or 3 "
            "(check the layout: NCHW?)");
  Recipe mean = rgb;
  mean.mean = {1, 2};
  EXPECT_EQ(inputSpec({1, 3, 8, 8}, mean, &spec),
            "mean has 2 values; give 1 or 3 (one per channel)");
  EXPECT_EQ(describe(presetById("ultraface")->recipe), "stretch, RGB, NCHW, (x - [127]) / [128]");
  EXPECT_EQ(describe(presetById("fastestdet")->recipe), "stretch, BGR, NCHW, x/255");
}

TEST(FrameSources, FolderAndClipPlayToTheirEnd) {
  const fs::path dir = scratch("folder");
  for (const char* name : {"b.jpg", "a.png", "c.bmp"})
    cv::imwrite((dir / name).string(), cv::Mat(48, 64, CV_8UC3, cv::Scalar(name[0], 0, 0)));
  std::ofstream(dir / "notes.txt") << "not an image";
  FrameSource folder;
  std::string error;
  ASSERT_TRUE(folder.open(dir.string(), &error)) << error;
  cv::Mat frame;
  std::vector<int> order;
  while (folder.read(&frame, &error) == FrameSource::Read::kFrame)
    order.push_back(frame.at<cv::Vec3b>(0, 0)[0]);
  EXPECT_EQ(order, (std::vector<int>{'a', 'b', 'c'}));  // name order
  EXPECT_TRUE(folder.rewind());
  EXPECT_EQ(folder.read(&frame, &error), FrameSource::Read::kFrame);

  ClipOptions o;
  o.width = 64;
  o.height = 48;
  o.framesPerImage = 10;
  int written = 0;
  ASSERT_EQ(writeClip({(dir / "a.png").string(), (dir / "b.jpg").string()},
                      (dir / "clip.avi").string(), o, &written),
            "");
  EXPECT_EQ(written, 20);
  FrameSource clip;
  ASSERT_TRUE(clip.open((dir / "clip.avi").string(), &error)) << error;
  EXPECT_EQ(clip.frameCount(), 20);
  EXPECT_EQ(clip.fps(), 15);
  int n = 0;
  FrameSource::Read r;
  while ((r = clip.read(&frame, &error)) == FrameSource::Read::kFrame) ++n;
  EXPECT_EQ(r, FrameSource::Read::kEnd);
  EXPECT_EQ(n, 20);
  EXPECT_EQ(frame.empty() ? 64 : frame.cols, 64);
}

TEST(FrameSources, TruncatedClipIsLostNotEnded) {
  const fs::path dir = scratch("truncated");
  cv::imwrite((dir / "a.png").string(), cv::Mat(48, 64, CV_8UC3, cv::Scalar(1, 2, 3)));
  ClipOptions o;
  o.width = 64;
  o.height = 48;
  o.framesPerImage = 40;
  o.fourcc = "MJPG";
  ASSERT_EQ(writeClip({(dir / "a.png").string()}, (dir / "clip.avi").string(), o), "");
  const auto size = fs::file_size(dir / "clip.avi");
  fs::resize_file(dir / "clip.avi", size / 2);
  FrameSource clip;
  std::string error;
  ASSERT_TRUE(clip.open((dir / "clip.avi").string(), &error)) << error;
  cv::Mat frame;
  int n = 0;
  FrameSource::Read r;
  while ((r = clip.read(&frame, &error)) == FrameSource::Read::kFrame) ++n;
  std::cout << "[ figures  ] half of a 40-frame clip: " << n << " frames, then: " << error << "\n";
  EXPECT_EQ(r, FrameSource::Read::kLost);
  EXPECT_LT(n, 40);
  EXPECT_NE(error.find("the file is truncated or damaged"), std::string::npos) << error;
  EXPECT_NE(error.find("of 40"), std::string::npos) << error;
}

TEST(FrameSources, RemovedWhilePlayingIsLost) {
  const fs::path dir = scratch("removed");
  for (const char* name : {"1.png", "2.png", "3.png"})
    cv::imwrite((dir / name).string(), cv::Mat(8, 8, CV_8UC3));
  FrameSource folder;
  std::string error;
  ASSERT_TRUE(folder.open(dir.string(), &error));
  cv::Mat frame;
  ASSERT_EQ(folder.read(&frame, &error), FrameSource::Read::kFrame);
  fs::remove_all(dir);
  EXPECT_EQ(folder.read(&frame, &error), FrameSource::Read::kLost);
  EXPECT_NE(error.find("image 2 of 3"), std::string::npos) << error;
  EXPECT_NE(error.find("is gone: the file or its folder was removed"), std::string::npos) << error;

  // A video whose file is deleted mid-stream: what was buffered plays, then it is reported gone.
  const fs::path d2 = scratch("removed_clip");
  cv::imwrite((d2 / "a.png").string(), cv::Mat(48, 64, CV_8UC3, cv::Scalar(9, 9, 9)));
  ClipOptions o;
  o.width = 64;
  o.height = 48;
  ASSERT_EQ(writeClip({(d2 / "a.png").string()}, (d2 / "clip.avi").string(), o), "");
  FrameSource clip;
  ASSERT_TRUE(clip.open((d2 / "clip.avi").string(), &error));
  ASSERT_EQ(clip.read(&frame, &error), FrameSource::Read::kFrame);
  fs::remove(d2 / "clip.avi");
  FrameSource::Read r;
  while ((r = clip.read(&frame, &error)) == FrameSource::Read::kFrame) {
  }
  EXPECT_EQ(r, FrameSource::Read::kLost);
  EXPECT_NE(error.find("the file was removed while playing"), std::string::npos) << error;
}

TEST(FrameSources, StreamPlaysAndADroppedConnectionIsLost) {
  const fs::path dir = scratch("stream");
  cv::imwrite((dir / "a.png").string(), cv::Mat(48, 64, CV_8UC3, cv::Scalar(40, 80, 120)));
  ClipOptions o;
  o.width = 64;
  o.height = 48;
  o.fourcc = "MJPG";
  o.framesPerImage = 30;
  ASSERT_EQ(writeClip({(dir / "a.png").string()}, (dir / "clip.avi").string(), o), "");
  std::ifstream f(dir / "clip.avi", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  {
    TinyHttpServer server(bytes, bytes.size());
    FrameSource s;
    std::string error;
    ASSERT_TRUE(s.open(server.url("clip.avi"), &error)) << error;
    EXPECT_EQ(s.kind(), FrameSource::Kind::kStream);
    cv::Mat frame;
    int n = 0;
    FrameSource::Read r;
    while ((r = s.read(&frame, &error)) == FrameSource::Read::kFrame) ++n;
    EXPECT_EQ(n, 30);
    EXPECT_EQ(r, FrameSource::Read::kEnd) << error;
  }
  {
    TinyHttpServer server(bytes, bytes.size() / 2);  // the connection drops halfway
    FrameSource s;
    std::string error;
    ASSERT_TRUE(s.open(server.url("clip.avi"), &error)) << error;
    cv::Mat frame;
    int n = 0;
    FrameSource::Read r;
    while ((r = s.read(&frame, &error)) == FrameSource::Read::kFrame) ++n;
    std::cout << "[ figures  ] stream cut halfway: " << n << " frames, then: " << error << "\n";
    EXPECT_EQ(r, FrameSource::Read::kLost);
    EXPECT_LT(n, 30);
    EXPECT_NE(error.find("or the connection dropped"), std::string::npos) << error;
  }
}

TEST(FrameSources, MissingCamerasStreamsAndFilesSayWhat) {
  FrameSource s;
  std::string error;
  EXPECT_FALSE(s.open("camera:63", &error));
  EXPECT_NE(error.find("camera 63 cannot be opened"), std::string::npos) << error;
  EXPECT_FALSE(s.open("/no/such/clip.avi", &error));
  EXPECT_EQ(error,
            "'/no/such/clip.avi' does not exist: give a camera index (0), a video file, an image "
            "folder or a stream URL");
  EXPECT_FALSE(s.open("http://127.0.0.1:9/stream.mjpg", &error));
  EXPECT_NE(error.find("cannot be opened: check the URL"), std::string::npos) << error;
  const fs::path dir = scratch("empty");
  EXPECT_FALSE(s.open(dir.string(), &error));
  EXPECT_NE(error.find("holds no images"), std::string::npos) << error;
}

TEST(Detector, ADecoderThatDoesNotFitIsRefusedWithBothShapes) {
  PreparedModel model;
  ASSERT_EQ(prepareModel(shared("fastestdet/FastestDet.onnx"), {}, &model), "");
  EXPECT_TRUE(model.converted);
  ASSERT_TRUE(model.preset);
  EXPECT_EQ(model.preset->id, "fastestdet");
  DetectorOptions options;
  options.decoder = "ultraface";
  std::unique_ptr<Detector> d;
  EXPECT_EQ(Detector::create(model, options, &d),
            "FastestDet does not fit the UltraFace (faces) decoder: UltraFace expects two outputs, "
            "scores 1xNx2 and boxes 1xNx4 with the same N (e.g. 1x4420x2 and 1x4420x4); the model "
            "has 1 output: 1x85x22x22");
  EXPECT_FALSE(d);
  options.decoder = "ppocr";
  EXPECT_NE(Detector::create(model, options, &d).find("expects the det model's probability map"),
            std::string::npos);
  options.decoder = "nope";
  EXPECT_NE(Detector::create(model, options, &d).find("unknown decoder 'nope'"), std::string::npos);
}

TEST(Detector, ModelRecipeWinsAndMnistRunsGrayTopK) {
  PreparedModel model;
  ASSERT_EQ(prepareModel(shared("mnist-8/mnist-8.onnx"), {}, &model), "");
  std::unique_ptr<Detector> d;
  ASSERT_EQ(Detector::create(model, {}, &d), "");
  EXPECT_EQ(d->decoderId(), "topk");
  EXPECT_EQ(d->recipe().colorOrder, "GRAY");
  EXPECT_EQ(d->recipeSource(), "preset");  // stored in the converted .axm, from the preset
  // A white 3 on black, drawn from the bundled sample's pixels.
  cv::Mat digit = cv::imread(shared("mnist-8/opencv_digits.png"), cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(digit.empty());
  cv::Mat cell = digit(cv::Rect(0, 3 * 5 * 20, 20, 20)).clone();  // row 15: digit 3
  cv::Mat padded;
  cv::copyMakeBorder(cell, padded, 4, 4, 4, 4, cv::BORDER_CONSTANT, 0);
  cv::Mat bgr;
  cv::cvtColor(padded, bgr, cv::COLOR_GRAY2BGR);
  FrameResult r;
  ASSERT_EQ(d->process(bgr, &r), "");
  ASSERT_FALSE(r.result.classes.empty());
  EXPECT_EQ(r.result.classes[0].label, "3");
  DetectorOptions rgb;
  rgb.recipe = Recipe{};
  EXPECT_EQ(Detector::create(model, rgb, &d),
            "mnist-8: the model's input 1x1x28x28 has 1 channel(s) but the recipe's colour order "
            "is RGB (use GRAY)");
}

TEST(DetectionJson, OneLinePerFrame) {
  FrameResult r;
  autox::post::Detection d;
  d.x1 = 1.23456f, d.y1 = 2, d.x2 = 30, d.y2 = 40;
  d.label = "person";
  d.classId = 0;
  d.score = 0.912345f;
  r.result.detections.push_back(d);
  r.times.inferenceMs = 15.1234;
  const auto j = nlohmann::json::parse(frameJson(7, 640, 480, r));
  EXPECT_EQ(j["frame"], 7);
  EXPECT_EQ(j["detections"][0]["label"], "person");
  EXPECT_DOUBLE_EQ(j["detections"][0]["score"].get<double>(), 0.912);
  EXPECT_DOUBLE_EQ(j["detections"][0]["box"][0].get<double>(), 1.235);
  EXPECT_DOUBLE_EQ(j["times_ms"]["inference"].get<double>(), 15.123);
  EXPECT_FALSE(j.contains("classes"));
}
