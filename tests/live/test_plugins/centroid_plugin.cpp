// A post-processing plugin as a third party would write one: the decoder's description (settings
// as data) is the plugin's JSON metadata; the code is a Decoder.
#include <QObject>
#include <algorithm>
#include <cstdlib>

#include "autox/postprocess_plugin.hpp"

namespace {

class WholeFrameDecoder : public autox::post::Decoder {
 public:
  std::string configure(const autox::post::Values& values) override {
    const auto it = values.find("min_score");
    if (it == values.end()) return "min_score: missing";
    char* end = nullptr;
    minScore_ = std::strtof(it->second.c_str(), &end);
    if (end == it->second.c_str()) return "min_score: '" + it->second + "' is not a number";
    return {};
  }
  std::string check(const std::vector<autox::post::TensorView>& outputs) const override {
    if (outputs.size() == 1 && outputs[0].shape.size() == 2 && outputs[0].shape[0] == 1) return {};
    return "the whole-frame decoder expects one output 1xC";
  }
  std::string decode(const autox::post::DecodeInput& in, autox::post::Result* out) override {
    const autox::post::TensorView& t = in.outputs[0];
    const float* best = std::max_element(t.data, t.data + t.count());
    out->detections.clear();
    if (*best < minScore_) return {};
    autox::post::Detection d;
    d.x2 = static_cast<float>(in.geometry.frameWidth);
    d.y2 = static_cast<float>(in.geometry.frameHeight);
    d.classId = static_cast<int>(best - t.data);
    d.label = "class " + std::to_string(d.classId);
    d.score = *best;
    out->detections.push_back(d);
    return {};
  }

 private:
  float minScore_ = 0.5f;
};

}  // namespace

class WholeFramePlugin : public QObject, public autox::PostprocessPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXPostprocessPlugin_iid FILE "centroid.json")
  Q_INTERFACES(autox::PostprocessPlugin)

 public:
  bool initialize(const autox::PluginContext&, QString*) override { return true; }
  std::unique_ptr<autox::post::Decoder> createDecoder() override {
    return std::make_unique<WholeFrameDecoder>();
  }
};

#include "centroid_plugin.moc"
