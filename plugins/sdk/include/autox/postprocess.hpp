// Post-processing decoders: a model's raw outputs -> boxes, labels, scores and text. Plain C++
// (no Qt), so that the studio, `autox detect` and plugins share one interface.
//
// A decoder is described by JSON data (as board plugins are): id, name, what outputs it takes,
// and its settings, which the app draws as widgets and hands back as text values:
//   { "id": "fastestdet", "name": "FastestDet (COCO-80)",
//     "outputs": "one tensor [1, 5+C, H, W]",
//     "settings": [ { "key": "score_threshold", "label": "Score threshold", "type": "float",
//                     "default": "0.65", "min": 0, "max": 1, "help": "..." } ] }
// Types: float, int, bool ("true"/"false"), choice ("choices": [...]), path, string.
//
//   std::unique_ptr<autox::post::Decoder> d = registry.create("fastestdet");
//   if (std::string e = d->configure(values); !e.empty()) report(e);
//   if (std::string e = d->check(outputs); !e.empty()) report(e);   // shapes do not fit
//   autox::post::Result r;
//   d->decode({outputs, geometry, image, runner}, &r);                // boxes in frame pixels
//
// Errors are returned as text (empty = fine); nothing throws across this interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace autox::post {

// Bumped on any incompatible change of the types below (PostprocessPlugin's IID carries it).
constexpr int kDecoderApiVersion = 1;

struct Setting {
  std::string key;
  std::string label;  // English; the studio translates the built-in decoders' labels
  std::string type;   // float, int, bool, choice, path, string
  std::string defaultValue;
  double min = 0, max = 0;  // numeric range; both 0: unbounded
  std::vector<std::string> choices;
  std::string help;
};

// What the registry knows about a decoder, from its JSON description.
struct DecoderInfo {
  std::string id, name, outputs, description;
  std::vector<Setting> settings;
};

// Setting values by key, as text ("0.65", "true", "/path/coco.names").
using Values = std::map<std::string, std::string>;

// A float32 output of the model, in the model's layout.
struct TensorView {
  std::string name;
  std::vector<int64_t> shape;
  const float* data = nullptr;
  size_t count() const {
    size_t n = 1;
    for (int64_t d : shape) n *= static_cast<size_t>(d < 0 ? 0 : d);
    return n;
  }
};

// The frame the model saw (8-bit BGR, rows of `stride` bytes).
struct ImageView {
  int width = 0, height = 0;
  size_t stride = 0;
  const uint8_t* bgr = nullptr;
};

// Where frame pixels went in the model input: input = frame * scale + pad, per axis (stretch:
// pad 0 and scaleX != scaleY; letterbox: one scale, centred padding).
struct Geometry {
  int frameWidth = 0, frameHeight = 0;
  int inputWidth = 0, inputHeight = 0;
  float scaleX = 1, scaleY = 1, padX = 0, padY = 0;
  float frameX(float inputX) const { return (inputX - padX) / scaleX; }
  float frameY(float inputY) const { return (inputY - padY) / scaleY; }
};

struct Point {
  float x = 0, y = 0;
};

// A box in frame pixels (x1,y1 top left; x2,y2 bottom right), its class and score; OCR adds the
// text line's polygon and the recognised text.
struct Detection {
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  int classId = -1;
  std::string label;
  float score = 0;
  std::string text;
  float textScore = 0;
  std::vector<Point> polygon;
};

// One class of a classifier's top-k.
struct Classification {
  int classId = -1;
  std::string label;
  float score = 0;
};

struct Result {
  std::vector<Detection> detections;
  std::vector<Classification> classes;
};

// A tensor a decoder gets back from a second model (PP-OCR recognition).
struct OwnedTensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
};

// Lets a decoder run another model through the same engine (a pipeline such as PP-OCR det +
// rec). The host owns and caches the models.
class ModelRunner {
 public:
  virtual ~ModelRunner() = default;
  // Runs the model at `path` (an .axm, or an ONNX the host converts once for `inputShape`) on a
  // float32 NCHW input; "" or an error a user can act on.
  virtual std::string run(const std::string& path, const std::vector<int64_t>& inputShape,
                          const std::vector<float>& input, std::vector<OwnedTensor>* outputs) = 0;
};

struct DecodeInput {
  std::vector<TensorView> outputs;
  Geometry geometry;
  ImageView image;
  ModelRunner* runner = nullptr;  // may be null: decoders that need it say so
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Applies setting values (every declared key is present: the registry fills in defaults).
  // "" or what is wrong with which value.
  virtual std::string configure(const Values& values) = 0;
  // Class names from the model (.axm metadata); a labels file in the settings takes precedence.
  virtual void setLabels(const std::vector<std::string>& labels) { (void)labels; }
  // "" when outputs of these shapes fit this decoder, else a sentence that names the shape it
  // expected and the shape it got. Called before decode(); decode() may assume it passed.
  virtual std::string check(const std::vector<TensorView>& outputs) const = 0;
  virtual std::string decode(const DecodeInput& input, Result* out) = 0;
};

}  // namespace autox::post
