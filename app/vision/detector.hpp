// The live pipeline's work on one frame, without threads: pre-processing (recipe), the .axm
// through the portable runtime (the engine that runs on the boards: input written straight into
// the arena, outputs read from it), and post-processing (a decoder from the registry). Used by
// `autox detect` and by the studio's preview (which adds capture and paint threads around it).
//
//   autox::vision::PreparedModel model;
//   std::string error = autox::vision::prepareModel("FastestDet.onnx", {}, &model);
//   autox::vision::DetectorOptions options;            // recipe/decoder: the model's or a preset's
//   std::unique_ptr<autox::vision::Detector> detector;
//   error = autox::vision::Detector::create(model, options, &detector);  // says when outputs do
//   not fit autox::vision::FrameResult r; error = detector->process(frame, &r);              //
//   r.result.detections in frame pixels
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "autox/postprocess.hpp"
#include "axe/engine.hpp"
#include "presets.hpp"
#include "recipe.hpp"

namespace autox::vision {

// An .axm ready to run: the bytes (read, or converted from an ONNX) and their metadata.
struct PreparedModel {
  std::string path;  // what was opened
  bool converted = false;
  double convertMs = 0;
  std::shared_ptr<const std::vector<uint8_t>> axm;
  axe::AxmMetadata metadata;
  const Preset* preset = nullptr;  // matched by name, or null
  std::vector<std::vector<int64_t>> inputShapes, outputShapes;
};

// Reads an .axm, or imports and converts an ONNX (`onnx` when the caller already imported it)
// with the preset's input shape unless `inputShape` is given, and the preset's recipe in the
// metadata. "" or a one-line error.
std::string prepareModel(const std::string& path, const std::vector<int64_t>& inputShape,
                         PreparedModel* out, std::shared_ptr<const axe::Model> onnx = nullptr);

// Runs second models for decoders (PP-OCR rec): .axm files, or ONNX converted once per input
// shape; cached, thread-safe.
class HostModelRunner : public post::ModelRunner {
 public:
  std::string run(const std::string& path, const std::vector<int64_t>& inputShape,
                  const std::vector<float>& input,
                  std::vector<post::OwnedTensor>* outputs) override;

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<axe::Model>> onnx_;
  std::map<std::string, std::shared_ptr<axe::AxmModel>> models_;  // key: path + shape
};

struct DetectorOptions {
  std::optional<Recipe> recipe;     // else the .axm's, else the preset's, else the defaults
  std::string decoder;              // registry id; empty: the preset's, else by output shapes
  post::Values settings;            // over the preset's and the decoder's defaults
  std::vector<std::string> labels;  // else the .axm's
  std::shared_ptr<HostModelRunner> runner;  // shared cache; null: a private one
};

struct StageTimes {
  double captureMs = 0, preMs = 0, inferenceMs = 0, postMs = 0, paintMs = 0;
};

struct FrameResult {
  post::Result result;
  post::Geometry geometry;
  StageTimes times;
};

class Detector {
 public:
  // "" and *out, or what is wrong: the input is not an image, the recipe does not fit it, the
  // decoder is unknown, a setting is bad, or the outputs do not fit the decoder (expected vs got).
  static std::string create(const PreparedModel& model, const DetectorOptions& options,
                            std::unique_ptr<Detector>* out);
  // Not thread-safe: one thread at a time.
  std::string process(const cv::Mat& frame, FrameResult* out);

  const Recipe& recipe() const { return recipe_; }
  const InputSpec& input() const { return input_; }
  const std::string& decoderId() const { return decoderId_; }
  const post::Values& settings() const { return settings_; }
  const std::string& recipeSource() const {
    return recipeSource_;
  }  // "model", "preset", "default", "edited"
  const std::string& modelName() const { return modelName_; }
  size_t arenaBytes() const { return model_.arena_bytes(); }

 private:
  axe::AxmModel model_;
  std::shared_ptr<const std::vector<uint8_t>> bytes_;
  Recipe recipe_;
  InputSpec input_;
  std::string decoderId_, recipeSource_, modelName_, modelDir_;
  post::Values settings_;
  std::unique_ptr<post::Decoder> decoder_;
  std::shared_ptr<HostModelRunner> runner_;
  std::vector<post::TensorView> outputs_;
};

// The recipe a Detector would use without an edited one: the .axm's own, else the preset's, else
// defaults guessed from the input's shape. *source: "model", "preset" or "default".
Recipe modelRecipe(const PreparedModel& model, std::string* source);

// "{model_dir}" in a path setting -> the model's folder.
std::string expandPath(const std::string& value, const std::string& modelDir);

}  // namespace autox::vision
