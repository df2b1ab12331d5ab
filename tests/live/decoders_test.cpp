// The built-in decoders: on the ONNX Runtime reference outputs of the shared models (FastestDet,
// UltraFace, PP-OCRv4 det) and on synthetic tensors with known boxes (FastestDet, UltraFace with
// priors, YOLO grid / boxes / boxes_no_objectness, top-k); outputs that do not fit say which shape
// was expected and which came; the registry's settings checks. PP-OCR det + rec end to end on
// sample_text.png through the Detector.
#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgcodecs.hpp>

#include "detector.hpp"
#include "live_test_util.hpp"
#include "registry.hpp"

using namespace autox::post;
using live_test::shared;
using live_test::view;

namespace {

std::unique_ptr<Decoder> make(const std::string& id, const Values& values = {}) {
  std::string error;
  auto d = Registry::global().create(id, values, &error);
  EXPECT_TRUE(d) << error;
  return d;
}

float logit(float p) {
  return std::log(p / (1 - p));
}

}  // namespace

TEST(Registry, ListsTheBuiltInsWithTheirSettings) {
  std::vector<std::string> ids;
  for (const DecoderInfo& d : Registry::global().list()) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"fastestdet", "ultraface", "yolo", "topk", "ppocr"}));
  DecoderInfo info;
  ASSERT_TRUE(Registry::global().find("fastestdet", &info));
  ASSERT_GE(info.settings.size(), 3u);
  EXPECT_EQ(info.settings[0].key, "score_threshold");
  EXPECT_EQ(info.settings[0].type, "float");
  EXPECT_EQ(info.settings[0].defaultValue, "0.65");
}

TEST(Registry, BadValuesAndUnknownIdsSayWhat) {
  std::string error;
  EXPECT_FALSE(Registry::global().create("nope", {}, &error));
  EXPECT_NE(error.find("unknown decoder 'nope' (known: fastestdet"), std::string::npos) << error;
  EXPECT_FALSE(Registry::global().create("fastestdet", {{"score_threshold", "abc"}}, &error));
  EXPECT_EQ(error, "fastestdet: score_threshold: 'abc' is not a number");
  EXPECT_FALSE(Registry::global().create("ultraface", {{"iou_threshold", "1.5"}}, &error));
  EXPECT_EQ(error, "ultraface: iou_threshold: 1.5 is outside 0..1");
  EXPECT_FALSE(Registry::global().create("topk", {{"labels", "/no/such/labels.txt"}}, &error));
  EXPECT_NE(error.find("cannot read the labels file '/no/such/labels.txt'"), std::string::npos);
  DecoderInfo info;
  EXPECT_EQ(parseDecoderInfo(R"({"id": "x", "settings": [{"key": "k", "type": "colour"}]})", &info),
            "decoder 'x': setting 'k' has unknown type 'colour' (float, int, bool, choice, path or "
            "string)");
  EXPECT_EQ(parseDecoderInfo("[1]", &info), "the decoder description is not a JSON object");
}

TEST(FastestDet, ReferenceOutputGivesTheUpstreamPersons) {
  const axe::Tensor out =
      live_test::readTensor(shared("fastestdet/ref/FastestDet/test_data_set_0/output_0.pb"));
  ASSERT_EQ(out.shape(), (axe::Shape{1, 85, 22, 22}));
  auto d = make("fastestdet");
  ASSERT_EQ(d->check({view(out)}), "");
  Result r;
  ASSERT_EQ(d->decode({{view(out)}, live_test::stretch(500, 335, 352, 352), {}, nullptr}, &r), "");
  ASSERT_GE(r.detections.size(), 2u);
  // NOTES.md (upstream runtime.py on ONNX Runtime): persons 0.90 / 0.89.
  EXPECT_NEAR(r.detections[0].score, 0.90, 0.01);
  EXPECT_NEAR(r.detections[1].score, 0.89, 0.01);
  for (const Detection& det : r.detections) {
    EXPECT_EQ(det.label, "person");
    EXPECT_GE(det.x1, 0);
    EXPECT_LE(det.x2, 500);
    EXPECT_LT(det.x1, det.x2);
    EXPECT_LE(det.y2, 335);
  }
}

TEST(FastestDet, SyntheticCellDecodesToItsBox) {
  // 1 class, 2x2 grid; cell (row 1, column 0): x offset tanh 0.5, y offset 0, w 0.5, h 0.25.
  axe::Tensor t(axe::DType::kFloat32, {1, 6, 2, 2});
  float* p = t.data<float>();
  const int cell = 1 * 2 + 0, plane = 4;
  p[0 * plane + cell] = 0.9f;
  p[1 * plane + cell] = std::atanh(0.5f);
  p[2 * plane + cell] = 0.0f;
  p[3 * plane + cell] = logit(0.5f);
  p[4 * plane + cell] = logit(0.25f);
  p[5 * plane + cell] = 1.0f;
  auto d = make("fastestdet");
  d->setLabels({"thing"});
  Result r;
  ASSERT_EQ(d->decode({{view(t)}, live_test::stretch(200, 100, 40, 40), {}, nullptr}, &r), "");
  ASSERT_EQ(r.detections.size(), 1u);
  const Detection& det = r.detections[0];
  EXPECT_EQ(det.label, "thing");
  EXPECT_NEAR(det.score, std::pow(0.9, 0.6), 1e-5);
  EXPECT_NEAR(det.x1, 0, 1e-3);
  EXPECT_NEAR(det.x2, 100, 1e-3);
  EXPECT_NEAR(det.y1, 37.5, 1e-3);
  EXPECT_NEAR(det.y2, 62.5, 1e-3);
}

TEST(FastestDet, OutputsThatDoNotFitSaySo) {
  axe::Tensor scores(axe::DType::kFloat32, {1, 4420, 2}), boxes(axe::DType::kFloat32, {1, 4420, 4});
  auto d = make("fastestdet");
  EXPECT_EQ(d->check({view(scores), view(boxes)}),
            "FastestDet expects one output of shape 1x(5+C)xHxW (e.g. 1x85x22x22); the model has 2 "
            "outputs: 1x4420x2, 1x4420x4");
}

TEST(UltraFace, ReferenceOutputsGiveTheCrowdsFaces) {
  const std::string dir = shared("ultraface/ref/version-RFB-320/test_data_set_0/");
  const axe::Tensor scores = live_test::readTensor(dir + "output_0.pb");
  const axe::Tensor boxes = live_test::readTensor(dir + "output_1.pb");
  auto d = make("ultraface");
  // Either output order fits.
  ASSERT_EQ(d->check({view(boxes), view(scores)}), "");
  Result r;
  ASSERT_EQ(
      d->decode({{view(scores), view(boxes)}, live_test::stretch(720, 478, 320, 240), {}, nullptr},
                &r),
      "");
  std::cout << "[ figures  ] UltraFace RFB-320 on the ONNX Runtime reference outputs: "
            << r.detections.size() << " faces\n";
  EXPECT_GE(r.detections.size(), 40u);
  EXPECT_LE(r.detections.size(), 52u);
  for (const Detection& det : r.detections) {
    EXPECT_EQ(det.label, "face");
    EXPECT_GT(det.score, 0.7f);
    EXPECT_LT(det.x2 - det.x1, 100);  // faces in a group photo are small
  }
}

TEST(UltraFace, SyntheticCornersAndNms) {
  axe::Tensor scores(axe::DType::kFloat32, {1, 3, 2}), boxes(axe::DType::kFloat32, {1, 3, 4});
  const float s[] = {0.1f, 0.9f, 0.2f, 0.8f, 0.5f, 0.5f};
  const float b[] = {0.1f, 0.2f, 0.5f, 0.6f, 0.11f, 0.21f, 0.5f, 0.6f, 0.7f, 0.7f, 0.9f, 0.9f};
  std::copy(s, s + 6, scores.data<float>());
  std::copy(b, b + 12, boxes.data<float>());
  auto d = make("ultraface");
  Result r;
  ASSERT_EQ(
      d->decode({{view(scores), view(boxes)}, live_test::stretch(320, 240, 320, 240), {}, nullptr},
                &r),
      "");
  ASSERT_EQ(r.detections.size(), 1u);  // the overlapping 0.8 is suppressed, 0.5 is below 0.7
  EXPECT_NEAR(r.detections[0].x1, 32, 1e-3);
  EXPECT_NEAR(r.detections[0].y1, 48, 1e-3);
  EXPECT_NEAR(r.detections[0].x2, 160, 1e-3);
  EXPECT_NEAR(r.detections[0].y2, 144, 1e-3);
}

TEST(UltraFace, PriorsDecodeRawOffsets) {
  // 320x240 with strides 8/16/32/64 gives 4420 priors; prior 3901 is stride 16, row 7,
  // column 10, min box 48: centre (0.525, 0.5), size (0.15, 0.2).
  axe::Tensor scores(axe::DType::kFloat32, {1, 4420, 2}), boxes(axe::DType::kFloat32, {1, 4420, 4});
  scores.data<float>()[2 * 3901 + 1] = 0.95f;
  boxes.data<float>()[4 * 3901 + 0] = 1.0f;                   // cx += 1 * 0.1 * w
  boxes.data<float>()[4 * 3901 + 2] = std::log(2.0f) / 0.2f;  // w *= 2
  auto d = make("ultraface", {{"box_format", "priors"}});
  Result r;
  ASSERT_EQ(
      d->decode({{view(scores), view(boxes)}, live_test::stretch(320, 240, 320, 240), {}, nullptr},
                &r),
      "");
  ASSERT_EQ(r.detections.size(), 1u);
  const float cx = 0.525f + 0.1f * 0.15f, w = 0.3f;
  EXPECT_NEAR(r.detections[0].x1, (cx - w / 2) * 320, 1e-2);
  EXPECT_NEAR(r.detections[0].x2, (cx + w / 2) * 320, 1e-2);
  EXPECT_NEAR(r.detections[0].y1, 0.4 * 240, 1e-2);
  EXPECT_NEAR(r.detections[0].y2, 0.6 * 240, 1e-2);
  // A model with another number of boxes than the priors give is refused with both counts.
  axe::Tensor s2(axe::DType::kFloat32, {1, 100, 2}), b2(axe::DType::kFloat32, {1, 100, 4});
  const std::string e =
      d->decode({{view(s2), view(b2)}, live_test::stretch(320, 240, 320, 240), {}, nullptr}, &r);
  EXPECT_NE(e.find("give 4420 boxes for a 320x240 input, the model outputs 100"), std::string::npos)
      << e;
}

TEST(UltraFace, OutputsThatDoNotFitSaySo) {
  axe::Tensor t(axe::DType::kFloat32, {1, 85, 22, 22});
  EXPECT_EQ(make("ultraface")->check({view(t)}),
            "UltraFace expects two outputs, scores 1xNx2 and boxes 1xNx4 with the same N (e.g. "
            "1x4420x2 and 1x4420x4); the model has 1 output: 1x85x22x22");
}

TEST(Yolo, GridHeadsDecodeWithAnchorsAndStrides) {
  // One head, one anchor (10x13), stride 16 over a 32x32 input, 2 classes; cell (row 0, col 1).
  for (bool channelsLast : {false, true}) {
    axe::Tensor t(axe::DType::kFloat32,
                  channelsLast ? axe::Shape{1, 1, 2, 2, 7} : axe::Shape{1, 7, 2, 2});
    float* p = t.data<float>();
    const float values[7] = {0.0f, std::log(3.0f), 0.0f, std::log(3.0f), 5.0f, -5.0f, 5.0f};
    const int cell = 0 * 2 + 1;
    for (int e = 0; e < 7; ++e) p[channelsLast ? cell * 7 + e : e * 4 + cell] = values[e];
    auto d = make("yolo", {{"anchors", "10,13"}, {"strides", "16"}});
    ASSERT_EQ(d->check({view(t)}), "");
    Result r;
    ASSERT_EQ(d->decode({{view(t)}, live_test::stretch(32, 32, 32, 32), {}, nullptr}, &r), "");
    ASSERT_EQ(r.detections.size(), 1u) << "channels last " << channelsLast;
    const Detection& det = r.detections[0];
    EXPECT_EQ(det.classId, 1);
    EXPECT_EQ(det.label, "bicycle");  // COCO class 1 when the model names none
    const float s = 1.0f / (1.0f + std::exp(-5.0f));
    EXPECT_NEAR(det.score, s * s, 1e-5);
    // cx = (2*0.5 - 0.5 + 1) * 16 = 24, cy = (2*0.75 - 0.5) * 16 = 16, w = 10, h = 1.5^2 * 13.
    EXPECT_NEAR(det.x1, 19, 1e-3);
    EXPECT_NEAR(det.x2, 29, 1e-3);
    EXPECT_NEAR(det.y1, 16 - 29.25 / 2, 1e-3);
    EXPECT_NEAR(det.y2, 16 + 29.25 / 2, 1e-3);
  }
}

TEST(Yolo, DecodedBoxFormats) {
  axe::Tensor boxes(axe::DType::kFloat32, {1, 2, 7});
  const float rows[14] = {16, 16, 8, 8, 0.9f, 0.1f, 0.8f, 4, 4, 2, 2, 0.1f, 0.9f, 0.1f};
  std::copy(rows, rows + 14, boxes.data<float>());
  auto d = make("yolo", {{"format", "boxes"}});
  Result r;
  ASSERT_EQ(d->decode({{view(boxes)}, live_test::stretch(64, 64, 32, 32), {}, nullptr}, &r), "");
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_NEAR(r.detections[0].score, 0.72, 1e-5);
  EXPECT_NEAR(r.detections[0].x1, 24, 1e-3);  // (16 - 4) * 2: the frame is twice the input
  EXPECT_NEAR(r.detections[0].x2, 40, 1e-3);
  // YOLOv8 style: [1, 4+C, N] (the attribute axis is the shorter one), no objectness.
  axe::Tensor v8(axe::DType::kFloat32, {1, 6, 8});
  float* p = v8.data<float>();
  const float cols[3][6] = {
      {10, 10, 4, 4, 0.1f, 0.05f}, {20, 20, 6, 8, 0.2f, 0.7f}, {5, 5, 2, 2, 0.0f, 0.1f}};
  for (int i = 0; i < 3; ++i)
    for (int e = 0; e < 6; ++e) p[e * 8 + i] = cols[i][e];
  auto d8 = make("yolo", {{"format", "boxes_no_objectness"}});
  ASSERT_EQ(d8->check({view(v8)}), "");
  ASSERT_EQ(d8->decode({{view(v8)}, live_test::stretch(32, 32, 32, 32), {}, nullptr}, &r), "");
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_EQ(r.detections[0].classId, 1);
  EXPECT_NEAR(r.detections[0].y1, 16, 1e-3);
  EXPECT_NEAR(r.detections[0].y2, 24, 1e-3);
}

TEST(Yolo, OutputsThatDoNotFitSaySo) {
  axe::Tensor t(axe::DType::kFloat32, {1, 85, 22, 22});
  EXPECT_EQ(make("yolo")->check({view(t)}),
            "YOLO (grid) expects 3 head(s) (one per anchor group); the model has 1 output: "
            "1x85x22x22");
  EXPECT_EQ(make("yolo", {{"format", "boxes"}})->check({view(t)}),
            "YOLO (boxes) expects one output 1xNx(5+C) (e.g. 1x25200x85); the model has 1 output: "
            "1x85x22x22");
  std::string error;
  EXPECT_FALSE(Registry::global().create("yolo", {{"anchors", "10,13,16"}}, &error));
  EXPECT_EQ(error, "yolo: anchors: every head needs w,h pairs (got a group of 3 numbers)");
}

TEST(TopK, SoftmaxWhenLogitsAndLabels) {
  axe::Tensor logits(axe::DType::kFloat32, {1, 5});
  for (int i = 0; i < 5; ++i) logits.data<float>()[i] = static_cast<float>(i + 1);
  auto d = make("topk", {{"k", "2"}});
  d->setLabels({"a", "b", "c", "d", "e"});
  Result r;
  ASSERT_EQ(d->decode({{view(logits)}, {}, {}, nullptr}, &r), "");
  ASSERT_EQ(r.classes.size(), 2u);
  EXPECT_EQ(r.classes[0].label, "e");
  double z = 0;
  for (int i = 1; i <= 5; ++i) z += std::exp(i);
  EXPECT_NEAR(r.classes[0].score, std::exp(5) / z, 1e-5);
  EXPECT_EQ(r.classes[1].label, "d");
  // Probabilities already: kept as they are.
  axe::Tensor probs(axe::DType::kFloat32, {1, 3, 1, 1});
  const float pv[] = {0.1f, 0.7f, 0.2f};
  std::copy(pv, pv + 3, probs.data<float>());
  auto d2 = make("topk");
  ASSERT_EQ(d2->decode({{view(probs)}, {}, {}, nullptr}, &r), "");
  ASSERT_EQ(r.classes.size(), 3u);
  EXPECT_EQ(r.classes[0].classId, 1);
  EXPECT_FLOAT_EQ(r.classes[0].score, 0.7f);
  EXPECT_EQ(r.classes[0].label, "1");
  axe::Tensor two(axe::DType::kFloat32, {2, 5});
  EXPECT_EQ(d2->check({view(two)}),
            "Top-k expects one output with one score per class (e.g. 1x1000); the model has 1 "
            "output: 2x5");
}

TEST(PpOcr, DetReferenceMapGivesTheTextLines) {
  const axe::Tensor map = live_test::readTensor(
      shared("ppocr-v4/ref/ch_PP-OCRv4_det_infer/test_data_set_0/output_0.pb"));
  ASSERT_EQ(map.shape(), (axe::Shape{1, 1, 256, 544}));
  auto d = make("ppocr", {{"rec_model", ""}});
  ASSERT_EQ(d->check({view(map)}), "");
  Result r;
  ASSERT_EQ(d->decode({{view(map)}, live_test::stretch(556, 257, 544, 256), {}, nullptr}, &r), "");
  std::cout << "[ figures  ] PP-OCRv4 det reference map: " << r.detections.size()
            << " text lines\n";
  // NOTES.md: the det map gives 13 text lines.
  EXPECT_EQ(r.detections.size(), 13u);
  for (size_t i = 0; i < r.detections.size(); ++i) {
    EXPECT_EQ(r.detections[i].polygon.size(), 4u);
    if (i) {
      EXPECT_GE(r.detections[i].y1 + 10, r.detections[i - 1].y1);  // top to bottom
    }
  }
  axe::Tensor wrong(axe::DType::kFloat32, {1, 85, 22, 22});
  EXPECT_EQ(d->check({view(wrong)}),
            "PP-OCR expects the det model's probability map, one output 1x1xHxW (e.g. "
            "1x1x480x640); the model has 1 output: 1x85x22x22");
}

TEST(PpOcr, DetAndRecReadTheSampleText) {
  autox::vision::PreparedModel model;
  ASSERT_EQ(autox::vision::prepareModel(shared("ppocr-v4/ch_PP-OCRv4_det_infer.onnx"),
                                        {1, 3, 256, 544}, &model),
            "");
  autox::vision::DetectorOptions options;
  autox::vision::Recipe recipe = model.preset->recipe;
  recipe.resize = "stretch";  // PaddleOCR resizes the 556x257 sample to 544x256
  options.recipe = recipe;
  std::unique_ptr<autox::vision::Detector> detector;
  ASSERT_EQ(autox::vision::Detector::create(model, options, &detector), "");
  EXPECT_EQ(detector->decoderId(), "ppocr");
  const cv::Mat image = cv::imread(shared("ppocr-v4/sample_text.png"), cv::IMREAD_COLOR);
  autox::vision::FrameResult result;
  ASSERT_EQ(detector->process(image, &result), "");
  std::string all;
  for (const Detection& d : result.result.detections) {
    std::cout << "[ figures  ] line " << d.text << " (" << d.textScore << ")\n";
    all += d.text + "\n";
  }
  EXPECT_EQ(result.result.detections.size(), 13u);
  // NOTES.md: rec on line crops reads these (PaddleOCR's reference answers).
  EXPECT_NE(all.find("details are too complex to cover in the book itself"), std::string::npos)
      << all;
  EXPECT_NE(all.find("working with real-world images"), std::string::npos) << all;
}
