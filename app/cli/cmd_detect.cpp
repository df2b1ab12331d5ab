// autox detect --model M --source SRC [--frames N] [--json] [--decoder ID] [--set KEY=VALUE ...]
// The studio preview's pipeline without a window: frames from a camera, video file, image folder
// or stream, the model's pre-processing recipe, the .axm through the portable runtime, a decoder;
// per-frame detections and stage timings.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "cli_util.hpp"
#include "commands.hpp"
#include "detection_json.hpp"
#include "detector.hpp"
#include "frame_source.hpp"
#include "registry.hpp"

namespace {

using autox::fail;
namespace vision = autox::vision;

struct DetectArgs {
  std::string model, source, decoder, labels, shape, resize, color_order, layout;
  std::vector<std::string> set;
  std::vector<float> mean, std;
  float scale = 0;
  long frames = 0;
  bool json = false, loop = false, list_decoders = false, list_cameras = false;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int listDecoders() {
  for (const autox::post::DecoderInfo& d : autox::post::Registry::global().list()) {
    std::cout << d.id << "  " << d.name << "\n    outputs: " << d.outputs << "\n";
    for (const autox::post::Setting& s : d.settings)
      std::cout << "    --set " << s.key << "="
                << (s.defaultValue.empty() ? "\"\"" : s.defaultValue) << "  (" << s.type << ") "
                << s.label << "\n";
  }
  return 0;
}

int listCameras() {
  const auto cameras = vision::listCameras();
  if (cameras.empty()) std::cout << "no camera found (no V4L2 capture device under /dev)\n";
  for (const vision::CameraInfo& c : cameras)
    std::cout << c.index << "  " << c.device << "  " << c.name << "\n";
  return 0;
}

int runDetect(const DetectArgs& a) {
  if (a.list_decoders) return listDecoders();
  if (a.list_cameras) return listCameras();
  if (a.model.empty() || a.source.empty())
    return fail("detect needs --model and --source (or --list-decoders / --list-cameras)");
  axe::Shape shape;
  if (axe::Status s = autox::parse_shape(a.shape, &shape); !s) return fail(s.message());
  vision::PreparedModel model;
  if (std::string e = vision::prepareModel(a.model, shape, &model); !e.empty()) return fail(e);
  vision::DetectorOptions options;
  options.decoder = a.decoder;
  for (const std::string& kv : a.set) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      return fail("--set takes KEY=VALUE (e.g. --set score_threshold=0.5), not '" + kv + "'");
    options.settings[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!a.labels.empty()) options.settings["labels"] = a.labels;
  const bool editRecipe = !a.resize.empty() || !a.color_order.empty() || !a.layout.empty() ||
                          a.scale != 0 || !a.mean.empty() || !a.std.empty();
  if (editRecipe) {
    vision::Recipe r = !vision::isEmpty(model.metadata.preprocess)
                           ? vision::fromAxm(model.metadata.preprocess)
                           : (model.preset ? model.preset->recipe : vision::Recipe{});
    if (!a.resize.empty()) r.resize = a.resize;
    if (!a.color_order.empty()) r.colorOrder = a.color_order;
    if (!a.layout.empty()) r.layout = a.layout;
    if (a.scale != 0) r.scale = a.scale;
    if (!a.mean.empty()) r.mean = a.mean;
    if (!a.std.empty()) r.std = a.std;
    options.recipe = r;
  }
  std::unique_ptr<vision::Detector> detector;
  if (std::string e = vision::Detector::create(model, options, &detector); !e.empty())
    return fail(e);
  vision::FrameSource source;
  std::string error;
  if (!source.open(a.source, &error)) return fail(error);

  const vision::InputSpec& in = detector->input();
  const std::string inputText = std::to_string(in.channels) + "x" + std::to_string(in.height) +
                                "x" + std::to_string(in.width);
  if (!a.json) {
    std::cout << "model " << a.model << (model.converted ? " (converted to .axm in " : "")
              << (model.converted ? fmt::format("{:.0f} ms)", model.convertMs) : "") << ": input "
              << inputText << ", recipe " << vision::describe(detector->recipe()) << " (from the "
              << detector->recipeSource() << "), decoder " << detector->decoderId() << ", arena "
              << detector->arenaBytes() << " bytes\n"
              << "source " << source.describe() << "\n";
  }
  std::vector<double> capture, pre, inference, post;
  long done = 0;
  int status = 0;
  const auto start = std::chrono::steady_clock::now();
  cv::Mat frame;
  while (a.frames <= 0 || done < a.frames) {
    const auto t = std::chrono::steady_clock::now();
    const vision::FrameSource::Read r = source.read(&frame, &error);
    if (r == vision::FrameSource::Read::kEnd) {
      if (a.loop && source.rewind()) continue;
      break;
    }
    if (r == vision::FrameSource::Read::kLost) {
      status = fail(error);
      break;
    }
    vision::FrameResult result;
    result.times.captureMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
    if (std::string e = detector->process(frame, &result); !e.empty()) {
      status = fail(fmt::format("frame {}: {}", done, e));
      break;
    }
    capture.push_back(result.times.captureMs);
    pre.push_back(result.times.preMs);
    inference.push_back(result.times.inferenceMs);
    post.push_back(result.times.postMs);
    if (a.json) {
      std::cout << vision::frameJson(done, frame.cols, frame.rows, result) << "\n";
    } else {
      std::cout << fmt::format(
          "frame {}: {} detection(s)  capture {:.2f} ms  pre {:.2f} ms  inference {:.2f} ms  "
          "post {:.2f} ms\n",
          done, result.result.detections.size() + result.result.classes.size(),
          result.times.captureMs, result.times.preMs, result.times.inferenceMs,
          result.times.postMs);
      for (const auto& d : result.result.detections)
        std::cout << fmt::format("  {} {:.2f} ({:.1f}, {:.1f})-({:.1f}, {:.1f}){}\n", d.label,
                                 d.score, d.x1, d.y1, d.x2, d.y2,
                                 d.text.empty() ? std::string() : "  \"" + d.text + "\"");
      for (const auto& c : result.result.classes)
        std::cout << fmt::format("  {} {:.3f}\n", c.label, c.score);
    }
    std::cout.flush();
    ++done;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double fps = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  if (a.json) {
    nlohmann::ordered_json s;
    s["frames"] = done;
    s["seconds"] = seconds;
    s["fps"] = fps;
    s["model"] = a.model;
    s["source"] = source.describe();
    s["decoder"] = detector->decoderId();
    s["input"] = inputText;
    s["median_ms"] = {{"capture", median(capture)},
                      {"pre", median(pre)},
                      {"inference", median(inference)},
                      {"post", median(post)}};
    std::cout << nlohmann::ordered_json{{"summary", s}}.dump() << "\n";
  } else {
    std::cout << fmt::format(
        "{} frame(s) in {:.2f} s: {:.1f} fps end to end; median ms: capture {:.2f}, pre {:.2f}, "
        "inference {:.2f}, post {:.2f}\n",
        done, seconds, fps, median(capture), median(pre), median(inference), median(post));
  }
  return status;
}

}  // namespace

CliCommand add_detect_command(CLI::App& app) {
  auto args = std::make_shared<DetectArgs>();
  auto* c = app.add_subcommand(
      "detect", "Run a model on camera / video / image frames: detections and stage timings");
  c->add_option("--model", args->model, "The .axm or ONNX model (ONNX is converted in memory)");
  c->add_option("--source", args->source,
                "Camera index (0), video file, image folder or image, or stream URL");
  c->add_option("--frames", args->frames, "Stop after N frames (default: until the source ends)");
  c->add_flag("--json", args->json, "One JSON line per frame, then a summary line");
  c->add_option("--decoder", args->decoder,
                "fastestdet, ultraface, yolo, topk, ppocr (default: from the model)");
  c->add_option("--set", args->set, "Decoder setting KEY=VALUE (repeatable)");
  c->add_option("--labels", args->labels, "Labels file (one class per line)");
  c->add_option("--shape", args->shape, "ONNX: bind the input shape, e.g. 1x3x480x640");
  c->add_flag("--loop", args->loop, "Start files and folders over at their end");
  c->add_option("--resize", args->resize, "Recipe override: stretch or letterbox")
      ->check(CLI::IsMember({"stretch", "letterbox"}));
  c->add_option("--color-order", args->color_order, "Recipe override: RGB, BGR or GRAY")
      ->check(CLI::IsMember({"RGB", "BGR", "GRAY"}));
  c->add_option("--layout", args->layout, "Recipe override: NCHW or NHWC")
      ->check(CLI::IsMember({"NCHW", "NHWC"}));
  c->add_option("--scale", args->scale, "Recipe override: x = (pixel * scale - mean) / std");
  c->add_option("--mean", args->mean, "Recipe override: mean per channel")->delimiter(',');
  c->add_option("--std", args->std, "Recipe override: std per channel")->delimiter(',');
  c->add_flag("--list-decoders", args->list_decoders, "Print the decoders and their settings");
  c->add_flag("--list-cameras", args->list_cameras, "Print the cameras present");
  return {c, [args] { return runDetect(*args); }};
}
