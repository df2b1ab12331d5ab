// The decoders the app offers: the built-in ones (FastestDet, UltraFace, YOLO-style, top-k,
// PP-OCR) and whatever post-processing plugins add. Each is a JSON description (settings as data,
// see autox/postprocess.hpp) and a factory.
//
//   auto& registry = autox::post::Registry::global();
//   std::string error;
//   auto decoder = registry.create("ultraface", {{"score_threshold", "0.8"}}, &error);
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "autox/postprocess.hpp"

namespace autox::post {

using DecoderFactory = std::function<std::unique_ptr<Decoder>()>;

// Parses a decoder's JSON description; "" or what is wrong with it.
std::string parseDecoderInfo(const std::string& json, DecoderInfo* out);

class Registry {
 public:
  // The process-wide registry, with the built-in decoders.
  static Registry& global();

  // Adds (or replaces, for the same id) a decoder; "" or what is wrong with its description.
  std::string add(const std::string& json, DecoderFactory factory);
  std::string add(const DecoderInfo& info, DecoderFactory factory);
  void remove(const std::string& id);
  std::vector<DecoderInfo> list() const;  // in the order added
  bool find(const std::string& id, DecoderInfo* out) const;
  // Every declared setting with its default, overridden by `values` (unknown keys are ignored).
  Values withDefaults(const std::string& id, const Values& values) const;
  // A configured decoder, or nullptr with *error (unknown id, a bad value).
  std::unique_ptr<Decoder> create(const std::string& id, const Values& values,
                                  std::string* error) const;

 private:
  struct Entry {
    DecoderInfo info;
    DecoderFactory factory;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

// Adds FastestDet, UltraFace, YOLO-style, top-k and PP-OCR to `registry`.
void registerBuiltinDecoders(Registry& registry);

}  // namespace autox::post
