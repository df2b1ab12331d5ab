// PP-OCR text detection + recognition (PaddleOCR DBPostProcess and CTCLabelDecode): the det
// model's probability map [1, 1, H, W] -> text boxes (threshold, contours, minimum-area boxes,
// box score, unclip), then each box cropped from the frame (perspective warp), resized to height
// 48 and run through the rec model ([1, 3, 48, W] -> [1, W/8, classes]), greedy CTC decoding
// with the dictionary. The rec model runs through the host's engine (ModelRunner); the widths
// come from a list of buckets so that an ONNX rec model is converted once per bucket.
// Not done: the direction classifier (cls); upside-down lines are read as they are.
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "builtin.hpp"
#include "common.hpp"

namespace autox::post {

namespace {

const char* const kInfo = R"json({
  "id": "ppocr",
  "name": "PP-OCR (text boxes + recognition)",
  "outputs": "det: one probability map 1x1xHxW; rec model: 1x3x48xW -> 1x(W/8)xclasses",
  "description": "PaddleOCR DB text detection, then the recognition model on each line.",
  "settings": [
    {"key": "rec_model", "label": "Recognition model", "type": "path",
     "default": "{model_dir}/ch_PP-OCRv4_rec_infer.onnx",
     "help": ".axm or ONNX; {model_dir} is the detection model's folder. Empty: boxes only."},
    {"key": "dictionary", "label": "Dictionary", "type": "path",
     "default": "{model_dir}/ppocr_keys_v1.txt", "help": "One character per line (index 1 = line 1)."},
    {"key": "space_char", "label": "Space as last class", "type": "bool", "default": "true"},
    {"key": "bin_threshold", "label": "Map threshold", "type": "float", "default": "0.3",
     "min": 0, "max": 1},
    {"key": "box_threshold", "label": "Box score threshold", "type": "float", "default": "0.6",
     "min": 0, "max": 1},
    {"key": "unclip_ratio", "label": "Unclip ratio", "type": "float", "default": "1.5",
     "min": 0, "max": 10},
    {"key": "min_size", "label": "Minimum box side", "type": "float", "default": "3",
     "min": 0, "max": 1000},
    {"key": "max_candidates", "label": "Max candidates", "type": "int", "default": "1000",
     "min": 1, "max": 100000},
    {"key": "max_lines", "label": "Max lines recognised", "type": "int", "default": "50",
     "min": 0, "max": 10000},
    {"key": "rec_widths", "label": "Recognition widths", "type": "string",
     "default": "320,640,960,1280",
     "help": "Input widths the rec model runs at; a line takes the smallest that fits."}
  ]
})json";

class PpOcrDecoder : public Decoder {
 public:
  std::string configure(const Values& values) override {
    ValueReader r(values);
    recModel_ = r.text("rec_model");
    spaceChar_ = r.flag("space_char", true);
    binThreshold_ = r.number("bin_threshold", 0.3f, 0, 1);
    boxThreshold_ = r.number("box_threshold", 0.6f, 0, 1);
    unclip_ = r.number("unclip_ratio", 1.5f, 0, 10);
    minSize_ = r.number("min_size", 3, 0, 1000);
    maxCandidates_ = r.integer("max_candidates", 1000, 1, 100000);
    maxLines_ = r.integer("max_lines", 50, 0, 10000);
    widths_.clear();
    for (float w : r.numbers("rec_widths"))
      if (w >= 8) widths_.push_back(static_cast<int>(w));
    if (!r.error().empty()) return r.error();
    std::sort(widths_.begin(), widths_.end());
    if (widths_.empty()) widths_ = {320};
    // Files are read at the first decode, so that a decoder picked for the wrong model reports
    // the outputs that do not fit (check()) rather than a dictionary it does not need yet.
    dictionaryPath_ = r.text("dictionary");
    dictionary_.clear();
    if (!recModel_.empty() && dictionaryPath_.empty())
      return "dictionary: needed to read the recognition model's classes";
    return {};
  }

  std::string check(const std::vector<TensorView>& outputs) const override {
    if (outputs.size() == 1 && outputs[0].shape.size() == 4 && outputs[0].shape[0] == 1 &&
        outputs[0].shape[1] == 1 && outputs[0].shape[2] > 1 && outputs[0].shape[3] > 1)
      return {};
    return "PP-OCR expects the det model's probability map, one output 1x1xHxW (e.g. "
           "1x1x480x640); the model has " +
           outputsText(outputs);
  }

  std::string decode(const DecodeInput& in, Result* out) override {
    const TensorView& t = in.outputs[0];
    const int mh = static_cast<int>(t.shape[2]), mw = static_cast<int>(t.shape[3]);
    const cv::Mat prob(mh, mw, CV_32F, const_cast<float*>(t.data));
    const cv::Mat bitmap = prob > binThreshold_;
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(bitmap, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
    const Geometry& g = in.geometry;
    // Map pixels -> input pixels -> frame pixels.
    const float sx = static_cast<float>(g.inputWidth) / static_cast<float>(mw);
    const float sy = static_cast<float>(g.inputHeight) / static_cast<float>(mh);
    std::vector<Detection> lines;
    for (size_t c = 0; c < contours.size() && c < static_cast<size_t>(maxCandidates_); ++c) {
      cv::RotatedRect box = cv::minAreaRect(contours[c]);
      if (std::min(box.size.width, box.size.height) < minSize_) continue;
      const std::vector<cv::Point2f> corners = ordered(box);
      const float score = boxScore(prob, corners);
      if (score < boxThreshold_) continue;
      // Unclip: offsetting a rectangle by d (round joins) and taking the minimum-area box of the
      // result gives the rectangle grown by d on every side; d = area * ratio / perimeter.
      const float area = box.size.width * box.size.height;
      const float perimeter = 2 * (box.size.width + box.size.height);
      const float d = perimeter > 0 ? area * unclip_ / perimeter : 0;
      box.size.width += 2 * d;
      box.size.height += 2 * d;
      if (std::min(box.size.width, box.size.height) < minSize_ + 2) continue;
      Detection line;
      line.classId = 0;
      line.label = "text";
      line.score = score;
      for (const cv::Point2f& p : ordered(box)) {
        const float fx = std::clamp(g.frameX(p.x * sx), 0.0f, static_cast<float>(g.frameWidth));
        const float fy = std::clamp(g.frameY(p.y * sy), 0.0f, static_cast<float>(g.frameHeight));
        line.polygon.push_back({fx, fy});
      }
      line.x1 = line.x2 = line.polygon[0].x;
      line.y1 = line.y2 = line.polygon[0].y;
      for (const Point& p : line.polygon) {
        line.x1 = std::min(line.x1, p.x), line.x2 = std::max(line.x2, p.x);
        line.y1 = std::min(line.y1, p.y), line.y2 = std::max(line.y2, p.y);
      }
      if (line.x2 - line.x1 < 1 || line.y2 - line.y1 < 1) continue;
      lines.push_back(std::move(line));
    }
    sortLines(&lines);
    if (!recModel_.empty()) {
      if (dictionary_.empty()) {
        std::string error;
        dictionary_ = readLabelsFile(dictionaryPath_, &error);
        if (!error.empty()) return "PP-OCR dictionary: " + error;
      }
      if (!in.runner) return "PP-OCR recognition needs a model runner from the host";
      if (!in.image.bgr) return "PP-OCR recognition needs the frame";
      const cv::Mat frame(in.image.height, in.image.width, CV_8UC3,
                          const_cast<uint8_t*>(in.image.bgr), in.image.stride);
      for (size_t i = 0; i < lines.size() && i < static_cast<size_t>(maxLines_); ++i)
        if (std::string e = recognize(frame, *in.runner, &lines[i]); !e.empty()) return e;
    }
    out->detections = std::move(lines);
    return {};
  }

 private:
  // PaddleOCR get_mini_boxes(): top-left, top-right, bottom-right, bottom-left.
  static std::vector<cv::Point2f> ordered(const cv::RotatedRect& box) {
    cv::Point2f p[4];
    box.points(p);
    std::vector<cv::Point2f> v(p, p + 4);
    std::sort(v.begin(), v.end(),
              [](const cv::Point2f& a, const cv::Point2f& b) { return a.x < b.x; });
    const cv::Point2f tl = v[0].y <= v[1].y ? v[0] : v[1], bl = v[0].y <= v[1].y ? v[1] : v[0];
    const cv::Point2f tr = v[2].y <= v[3].y ? v[2] : v[3], br = v[2].y <= v[3].y ? v[3] : v[2];
    return {tl, tr, br, bl};
  }

  // PaddleOCR box_score_fast(): mean probability inside the box polygon.
  static float boxScore(const cv::Mat& prob, const std::vector<cv::Point2f>& box) {
    float x0 = box[0].x, x1 = box[0].x, y0 = box[0].y, y1 = box[0].y;
    for (const auto& p : box)
      x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y),
      y1 = std::max(y1, p.y);
    const int xmin = std::clamp(static_cast<int>(std::floor(x0)), 0, prob.cols - 1);
    const int xmax = std::clamp(static_cast<int>(std::ceil(x1)), 0, prob.cols - 1);
    const int ymin = std::clamp(static_cast<int>(std::floor(y0)), 0, prob.rows - 1);
    const int ymax = std::clamp(static_cast<int>(std::ceil(y1)), 0, prob.rows - 1);
    cv::Mat mask = cv::Mat::zeros(ymax - ymin + 1, xmax - xmin + 1, CV_8U);
    std::vector<cv::Point> poly;
    for (const auto& p : box)
      poly.emplace_back(static_cast<int>(p.x - static_cast<float>(xmin)),
                        static_cast<int>(p.y - static_cast<float>(ymin)));
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{poly}, cv::Scalar(1));
    return static_cast<float>(
        cv::mean(prob(cv::Rect(xmin, ymin, xmax - xmin + 1, ymax - ymin + 1)), mask)[0]);
  }

  // PaddleOCR sorted_boxes(): top to bottom, left to right within a 10-pixel row.
  static void sortLines(std::vector<Detection>* lines) {
    std::vector<Detection>& v = *lines;
    std::sort(v.begin(), v.end(), [](const Detection& a, const Detection& b) {
      return a.polygon[0].y != b.polygon[0].y ? a.polygon[0].y < b.polygon[0].y
                                              : a.polygon[0].x < b.polygon[0].x;
    });
    for (size_t i = 0; i + 1 < v.size(); ++i)
      for (size_t j = i + 1; j-- > 0;) {
        if (std::abs(v[j + 1].polygon[0].y - v[j].polygon[0].y) < 10 &&
            v[j + 1].polygon[0].x < v[j].polygon[0].x)
          std::swap(v[j], v[j + 1]);
        else
          break;
      }
  }

  std::string recognize(const cv::Mat& frame, ModelRunner& runner, Detection* line) const {
    const std::vector<Point>& q = line->polygon;
    auto dist = [](const Point& a, const Point& b) { return std::hypot(a.x - b.x, a.y - b.y); };
    const int w = static_cast<int>(std::max(dist(q[0], q[1]), dist(q[2], q[3])));
    const int h = static_cast<int>(std::max(dist(q[0], q[3]), dist(q[1], q[2])));
    if (w < 2 || h < 2) return {};
    const cv::Point2f src[4] = {
        {q[0].x, q[0].y}, {q[1].x, q[1].y}, {q[2].x, q[2].y}, {q[3].x, q[3].y}};
    const cv::Point2f dst[4] = {{0, 0},
                                {static_cast<float>(w), 0},
                                {static_cast<float>(w), static_cast<float>(h)},
                                {0, static_cast<float>(h)}};
    cv::Mat crop;
    cv::warpPerspective(frame, crop, cv::getPerspectiveTransform(src, dst), cv::Size(w, h),
                        cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    if (static_cast<float>(crop.rows) >= static_cast<float>(crop.cols) * 1.5f)
      cv::rotate(crop, crop, cv::ROTATE_90_COUNTERCLOCKWISE);
    constexpr int kHeight = 48;
    const float ratio = static_cast<float>(crop.cols) / static_cast<float>(crop.rows);
    const int needed = static_cast<int>(std::ceil(kHeight * ratio));
    int width = widths_.back();
    for (int b : widths_)
      if (b >= needed) {
        width = b;
        break;
      }
    const int resized = std::clamp(needed, 1, width);
    cv::Mat small;
    cv::resize(crop, small, cv::Size(resized, kHeight), 0, 0, cv::INTER_LINEAR);
    std::vector<float> input(static_cast<size_t>(3 * kHeight * width), 0.0f);
    for (int y = 0; y < kHeight; ++y) {
      const uint8_t* row = small.ptr<uint8_t>(y);
      for (int x = 0; x < resized; ++x)
        for (int c = 0; c < 3; ++c)
          input[(static_cast<size_t>(c) * kHeight + static_cast<size_t>(y)) *
                    static_cast<size_t>(width) +
                static_cast<size_t>(x)] =
              (static_cast<float>(row[3 * x + c]) / 255.0f - 0.5f) / 0.5f;
    }
    std::vector<OwnedTensor> outputs;
    if (std::string e = runner.run(recModel_, {1, 3, kHeight, width}, input, &outputs); !e.empty())
      return "PP-OCR recognition: " + e;
    if (outputs.size() != 1 || outputs[0].shape.size() != 3 || outputs[0].shape[0] != 1)
      return "PP-OCR recognition expects one output 1xTxclasses from the rec model; it gave " +
             std::to_string(outputs.size()) + " output(s)" +
             (outputs.empty() ? std::string() : ", the first " + shapeText(outputs[0].shape));
    const OwnedTensor& o = outputs[0];
    const size_t steps = static_cast<size_t>(o.shape[1]), classes = static_cast<size_t>(o.shape[2]);
    const size_t expected = dictionary_.size() + 1 + (spaceChar_ ? 1 : 0);
    if (classes != expected)
      return "PP-OCR recognition: the rec model has " + std::to_string(classes) +
             " classes, the dictionary gives " + std::to_string(expected) + " (blank + " +
             std::to_string(dictionary_.size()) + " characters" + (spaceChar_ ? " + space" : "") +
             "); pick the dictionary that came with the model";
    std::string text;
    double sum = 0;
    int count = 0;
    size_t previous = 0;
    for (size_t s = 0; s < steps; ++s) {
      const float* p = o.data.data() + s * classes;
      const size_t best = static_cast<size_t>(std::max_element(p, p + classes) - p);
      if (best != 0 && best != previous) {
        text += best <= dictionary_.size() ? dictionary_[best - 1] : std::string(" ");
        sum += p[best];
        ++count;
      }
      previous = best;
    }
    line->text = text;
    line->textScore = count ? static_cast<float>(sum / count) : 0.0f;
    return {};
  }

  std::string recModel_, dictionaryPath_;
  bool spaceChar_ = true;
  float binThreshold_ = 0.3f, boxThreshold_ = 0.6f, unclip_ = 1.5f, minSize_ = 3;
  int maxCandidates_ = 1000, maxLines_ = 50;
  std::vector<int> widths_{320};
  std::vector<std::string> dictionary_;
};

}  // namespace

void registerPpOcr(Registry& registry) {
  registry.add(kInfo, [] { return std::make_unique<PpOcrDecoder>(); });
}

}  // namespace autox::post
