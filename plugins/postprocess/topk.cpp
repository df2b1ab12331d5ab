// Classification top-k: one output with one score per class ([1, C], [C] or [1, C, 1, 1]);
// a softmax is applied when the scores are logits (or always / never, as set).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "builtin.hpp"
#include "common.hpp"

namespace autox::post {

namespace {

const char* const kInfo = R"json({
  "id": "topk",
  "name": "Classification top-k",
  "outputs": "one tensor of class scores: 1xC (or C, 1xCx1x1)",
  "description": "The k best classes with their probabilities.",
  "settings": [
    {"key": "k", "label": "Top k", "type": "int", "default": "5", "min": 1, "max": 1000},
    {"key": "softmax", "label": "Softmax", "type": "choice", "default": "auto",
     "choices": ["auto", "always", "never"],
     "help": "auto: when the scores are not already probabilities (outside 0..1 or not summing to 1)."},
    {"key": "min_score", "label": "Minimum score", "type": "float", "default": "0",
     "min": 0, "max": 1},
    {"key": "labels", "label": "Labels file", "type": "path", "default": "",
     "help": "Empty: the model's labels, else class numbers."}
  ]
})json";

class TopKDecoder : public Decoder {
 public:
  std::string configure(const Values& values) override {
    ValueReader r(values);
    k_ = r.integer("k", 5, 1, 1000);
    minScore_ = r.number("min_score", 0, 0, 1);
    softmax_ = r.text("softmax").empty() ? "auto" : r.text("softmax");
    if (softmax_ != "auto" && softmax_ != "always" && softmax_ != "never")
      return "softmax: '" + softmax_ + "' is not auto, always or never";
    if (!r.error().empty()) return r.error();
    fileLabels_.clear();
    if (const std::string path = r.text("labels"); !path.empty()) {
      std::string error;
      fileLabels_ = readLabelsFile(path, &error);
      if (!error.empty()) return error;
    }
    return {};
  }
  void setLabels(const std::vector<std::string>& labels) override { modelLabels_ = labels; }

  std::string check(const std::vector<TensorView>& outputs) const override {
    if (outputs.size() == 1) {
      int64_t big = 0, count = 0;
      for (int64_t d : outputs[0].shape)
        if (d != 1) big = d, ++count;
      if (count <= 1 && big >= 2) return {};
    }
    return "Top-k expects one output with one score per class (e.g. 1x1000); the model has " +
           outputsText(outputs);
  }

  std::string decode(const DecodeInput& in, Result* out) override {
    const TensorView& t = in.outputs[0];
    std::vector<float> p(t.data, t.data + t.count());
    bool probabilities = true;
    double sum = 0;
    for (float v : p) {
      probabilities = probabilities && v >= 0 && v <= 1;
      sum += v;
    }
    probabilities = probabilities && std::abs(sum - 1.0) < 1e-2;
    if (softmax_ == "always" || (softmax_ == "auto" && !probabilities)) {
      const float m = *std::max_element(p.begin(), p.end());
      double z = 0;
      for (float& v : p) z += (v = std::exp(v - m));
      for (float& v : p) v = static_cast<float>(v / z);
    }
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    const size_t k = std::min(order.size(), static_cast<size_t>(k_));
    std::partial_sort(
        order.begin(), order.begin() + static_cast<long>(k), order.end(),
        [&](int a, int b) { return p[static_cast<size_t>(a)] > p[static_cast<size_t>(b)]; });
    const std::vector<std::string>& labels = !fileLabels_.empty() ? fileLabels_ : modelLabels_;
    out->classes.clear();
    for (size_t i = 0; i < k; ++i) {
      const float s = p[static_cast<size_t>(order[i])];
      if (s < minScore_) break;
      out->classes.push_back(
          {order[i], labels.empty() ? std::to_string(order[i]) : labelOf(labels, order[i]), s});
    }
    return {};
  }

 private:
  int k_ = 5;
  float minScore_ = 0;
  std::string softmax_ = "auto";
  std::vector<std::string> fileLabels_, modelLabels_;
};

}  // namespace

void registerTopK(Registry& registry) {
  registry.add(kInfo, [] { return std::make_unique<TopKDecoder>(); });
}

}  // namespace autox::post
