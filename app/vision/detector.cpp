#include "detector.hpp"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "registry.hpp"

namespace fs = std::filesystem;

namespace autox::vision {

namespace {

double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

std::string shapeText(const std::vector<int64_t>& shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "x" : "") + std::to_string(shape[i]);
  return s;
}

std::vector<int64_t> dimsOf(const axe_tensor* t) {
  return std::vector<int64_t>(t->dims, t->dims + t->rank);
}

bool readFile(const std::string& path, std::vector<uint8_t>* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out->assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return true;
}

bool looksLikeAxm(const std::vector<uint8_t>& bytes) {
  return bytes.size() >= 8 && std::memcmp(bytes.data() + 4, "AXM0", 4) == 0;
}

}  // namespace

std::string expandPath(const std::string& value, const std::string& modelDir) {
  std::string s = value;
  const std::string key = "{model_dir}";
  for (size_t at; (at = s.find(key)) != std::string::npos;) s.replace(at, key.size(), modelDir);
  return s;
}

std::string prepareModel(const std::string& path, const std::vector<int64_t>& inputShape,
                         PreparedModel* out, std::shared_ptr<const axe::Model> onnx) {
  PreparedModel m;
  m.path = path;
  auto bytes = std::make_shared<std::vector<uint8_t>>();
  if (!onnx) {
    if (!readFile(path, bytes.get()))
      return "cannot read '" + path + "': check that the file exists and is readable";
  }
  if (!onnx && looksLikeAxm(*bytes)) {
    if (axe::Status s = axe::read_axm_metadata(bytes->data(), bytes->size(), &m.metadata); !s)
      return path + ": " + s.message();
    m.preset = presetForName(m.metadata.model_name, path);
    if (!m.preset && !m.metadata.source.empty()) m.preset = presetForName("", m.metadata.source);
  } else {
    const auto start = std::chrono::steady_clock::now();
    std::shared_ptr<const axe::Model> model = onnx;
    if (!model) {
      auto loaded = std::make_shared<axe::Model>();
      if (axe::Status s = axe::Model::load(path, loaded.get()); !s) return s.message();
      model = loaded;
    }
    m.preset = presetForName("", path);
    axe::AxmExportOptions options;
    std::vector<int64_t> shape = inputShape;
    if (shape.empty() && m.preset) shape = m.preset->inputShape;
    if (!shape.empty()) options.input_shapes.push_back(shape);
    options.model_name = fs::path(path).stem().string();
    options.source = fs::path(path).filename().string();
    options.producer = model->producer();
    if (m.preset) options.preprocess = toAxm(m.preset->recipe);
    axe::AxmExport exported;
    if (axe::Status s = axe::export_axm(model->graph(), options, &exported); !s)
      return "converting " + options.source + " to .axm failed: " + s.message();
    *bytes = std::move(exported.bytes);
    m.converted = true;
    m.convertMs = msSince(start);
    m.metadata.model_name = options.model_name;
    m.metadata.source = options.source;
    m.metadata.producer = options.producer;
    m.metadata.preprocess = options.preprocess;
  }
  axe::AxmModel probe;
  if (axe::Status s = axe::AxmModel::load_bytes(bytes->data(), bytes->size(), &probe); !s)
    return path + ": " + s.message();
  for (size_t i = 0; i < probe.input_count(); ++i) m.inputShapes.push_back(dimsOf(probe.input(i)));
  for (size_t j = 0; j < probe.output_count(); ++j)
    m.outputShapes.push_back(dimsOf(probe.output(j)));
  m.axm = std::move(bytes);
  *out = std::move(m);
  return {};
}

std::string HostModelRunner::run(const std::string& path, const std::vector<int64_t>& inputShape,
                                 const std::vector<float>& input,
                                 std::vector<post::OwnedTensor>* outputs) {
  std::lock_guard lock(mutex_);
  const std::string key = path + "@" + shapeText(inputShape);
  std::shared_ptr<axe::AxmModel>& model = models_[key];
  if (!model) {
    std::vector<uint8_t> bytes;
    if (!readFile(path, &bytes)) {
      models_.erase(key);
      return "cannot read '" + path + "': check the path";
    }
    if (!looksLikeAxm(bytes)) {
      std::shared_ptr<axe::Model>& onnx = onnx_[path];
      if (!onnx) {
        onnx = std::make_shared<axe::Model>();
        if (axe::Status s = axe::Model::load(path, onnx.get()); !s) {
          onnx_.erase(path);
          models_.erase(key);
          return s.message();
        }
      }
      axe::AxmExportOptions options;
      options.input_shapes = {inputShape};
      axe::AxmExport exported;
      if (axe::Status s = axe::export_axm(onnx->graph(), options, &exported); !s) {
        models_.erase(key);
        return "converting '" + path + "' for " + shapeText(inputShape) + " failed: " + s.message();
      }
      bytes = std::move(exported.bytes);
    }
    auto loaded = std::make_shared<axe::AxmModel>();
    if (axe::Status s = axe::AxmModel::load_bytes(bytes.data(), bytes.size(), loaded.get()); !s) {
      models_.erase(key);
      return path + ": " + s.message();
    }
    model = loaded;
  }
  if (model->input_count() != 1) return "'" + path + "' must have one input";
  const axe_tensor* in = model->input(0);
  if (dimsOf(in) != inputShape || in->dtype != AXE_DTYPE_FLOAT32)
    return "'" + path + "' takes a float32 " + shapeText(dimsOf(in)) + " input, not " +
           shapeText(inputShape) + " (convert it for that shape, or set its widths to match)";
  if (input.size() * sizeof(float) != in->bytes) return "input size mismatch for '" + path + "'";
  std::memcpy(in->data, input.data(), in->bytes);
  axe_error err{};
  if (axe_model_run(model->raw(), nullptr, nullptr, &err) != AXE_OK) return err.message;
  outputs->clear();
  for (size_t j = 0; j < model->output_count(); ++j) {
    const axe_tensor* o = model->output(j);
    if (o->dtype != AXE_DTYPE_FLOAT32) return "'" + path + "' has a non-float output";
    const auto* p = static_cast<const float*>(o->data);
    outputs->push_back({dimsOf(o), std::vector<float>(p, p + o->bytes / sizeof(float))});
  }
  return {};
}

Recipe modelRecipe(const PreparedModel& model, std::string* source) {
  if (!isEmpty(model.metadata.preprocess)) {
    // A converted ONNX carries the preset's recipe: say where it came from.
    *source = model.converted && model.preset ? "preset" : "model";
    return fromAxm(model.metadata.preprocess);
  }
  if (model.preset) {
    *source = "preset";
    return model.preset->recipe;
  }
  *source = "default";
  Recipe r;
  if (!model.inputShapes.empty() && model.inputShapes[0].size() == 4) {
    const auto& s = model.inputShapes[0];
    if (s[1] == 1 || s[3] == 1) r.colorOrder = "GRAY";
    if (s[3] <= 4 && s[1] > 4) r.layout = "NHWC";
  }
  return r;
}

std::string Detector::create(const PreparedModel& model, const DetectorOptions& options,
                             std::unique_ptr<Detector>* out) {
  auto d = std::unique_ptr<Detector>(new Detector);
  if (!model.axm) return "no model";
  d->bytes_ = model.axm;
  if (axe::Status s = axe::AxmModel::load_bytes(model.axm->data(), model.axm->size(), &d->model_);
      !s)
    return model.path + ": " + s.message();
  d->modelName_ = model.metadata.model_name.empty() ? fs::path(model.path).stem().string()
                                                    : model.metadata.model_name;
  d->modelDir_ = fs::path(model.path).parent_path().string();
  if (d->modelDir_.empty()) d->modelDir_ = ".";
  if (d->model_.input_count() != 1)
    return d->modelName_ + " has " + std::to_string(d->model_.input_count()) +
           " inputs; the preview runs models with one image input";
  const axe_tensor* in = d->model_.input(0);
  if (in->dtype != AXE_DTYPE_FLOAT32)
    return d->modelName_ + ": the input '" + in->name +
           "' is not float32; the preview feeds float images";
  // Recipe: edited > the model's own > the preset's > defaults.
  if (options.recipe) {
    d->recipe_ = *options.recipe;
    d->recipeSource_ = "edited";
  } else {
    d->recipe_ = modelRecipe(model, &d->recipeSource_);
  }
  if (std::string e = inputSpec(dimsOf(in), d->recipe_, &d->input_); !e.empty())
    return d->modelName_ + ": " + e;
  // Decoder and its settings.
  std::vector<std::vector<int64_t>> shapes;
  d->outputs_.clear();
  for (size_t j = 0; j < d->model_.output_count(); ++j) {
    const axe_tensor* o = d->model_.output(j);
    if (o->dtype != AXE_DTYPE_FLOAT32)
      return d->modelName_ + ": output '" + o->name + "' is not float32; the decoders read floats";
    shapes.push_back(dimsOf(o));
    d->outputs_.push_back({o->name, dimsOf(o), static_cast<const float*>(o->data)});
  }
  d->decoderId_ = options.decoder;
  if (d->decoderId_.empty() && model.preset) d->decoderId_ = model.preset->decoder;
  if (d->decoderId_.empty()) d->decoderId_ = decoderForOutputs(shapes);
  if (d->decoderId_.empty()) {
    std::string got;
    for (const auto& s : shapes) got += (got.empty() ? "" : ", ") + shapeText(s);
    return d->modelName_ + ": no decoder recognises its outputs (" + got + "); pick one";
  }
  post::Registry& registry = post::Registry::global();
  post::DecoderInfo info;
  if (!registry.find(d->decoderId_, &info)) {
    std::string known;
    for (const auto& i : registry.list()) known += (known.empty() ? "" : ", ") + i.id;
    return "unknown decoder '" + d->decoderId_ + "' (known: " + known + ")";
  }
  post::Values values;
  if (model.preset && model.preset->decoder == d->decoderId_) values = model.preset->settings;
  for (const auto& [k, v] : options.settings) values[k] = v;
  values = registry.withDefaults(d->decoderId_, values);
  for (const post::Setting& s : info.settings)
    if (s.type == "path") values[s.key] = expandPath(values[s.key], d->modelDir_);
  d->settings_ = values;
  std::string error;
  d->decoder_ = registry.create(d->decoderId_, values, &error);
  if (!d->decoder_) return error;
  d->decoder_->setLabels(!options.labels.empty() ? options.labels : model.metadata.labels);
  if (std::string e = d->decoder_->check(d->outputs_); !e.empty())
    return d->modelName_ + " does not fit the " + info.name + " decoder: " + e;
  d->runner_ = options.runner ? options.runner : std::make_shared<HostModelRunner>();
  *out = std::move(d);
  return {};
}

std::string Detector::process(const cv::Mat& frame, FrameResult* out) {
  if (frame.empty()) return "empty frame";
  cv::Mat bgr = frame;
  if (frame.type() != CV_8UC3) {
    if (frame.channels() == 1)
      cv::cvtColor(frame, bgr, cv::COLOR_GRAY2BGR);
    else if (frame.channels() == 4)
      cv::cvtColor(frame, bgr, cv::COLOR_BGRA2BGR);
    else
      return "unsupported frame type";
  }
  auto t = std::chrono::steady_clock::now();
  out->geometry = preprocess(bgr, recipe_, input_, static_cast<float*>(model_.input(0)->data));
  out->times.preMs = msSince(t);
  t = std::chrono::steady_clock::now();
  axe_error err{};
  if (axe_model_run(model_.raw(), nullptr, nullptr, &err) != AXE_OK)
    return modelName_ + ": " + err.message;
  out->times.inferenceMs = msSince(t);
  t = std::chrono::steady_clock::now();
  post::DecodeInput in;
  in.outputs = outputs_;
  in.geometry = out->geometry;
  in.image = {bgr.cols, bgr.rows, bgr.step[0], bgr.data};
  in.runner = runner_.get();
  out->result = {};
  if (std::string e = decoder_->decode(in, &out->result); !e.empty()) return e;
  out->times.postMs = msSince(t);
  return {};
}

}  // namespace autox::vision
