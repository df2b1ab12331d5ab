#include "registry.hpp"

#include <nlohmann/json.hpp>

namespace autox::post {

namespace {

std::string text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_null()) return {};
  return v.dump();
}

}  // namespace

std::string parseDecoderInfo(const std::string& json, DecoderInfo* out) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "the decoder description is not a JSON object";
  DecoderInfo info;
  info.id = text(j.value("id", nlohmann::json()));
  info.name = text(j.value("name", nlohmann::json(info.id)));
  info.outputs = text(j.value("outputs", nlohmann::json()));
  info.description = text(j.value("description", nlohmann::json()));
  if (info.id.empty()) return "the decoder description has no id";
  const nlohmann::json settings = j.value("settings", nlohmann::json::array());
  if (!settings.is_array()) return "decoder '" + info.id + "': settings must be a JSON array";
  for (const nlohmann::json& s : settings) {
    if (!s.is_object() || !s.contains("key"))
      return "decoder '" + info.id + "': every setting needs a key";
    Setting setting;
    setting.key = text(s["key"]);
    setting.label = text(s.value("label", nlohmann::json(setting.key)));
    setting.type = text(s.value("type", nlohmann::json("string")));
    setting.defaultValue = text(s.value("default", nlohmann::json("")));
    setting.min = s.value("min", 0.0);
    setting.max = s.value("max", 0.0);
    setting.help = text(s.value("help", nlohmann::json("")));
    for (const nlohmann::json& c : s.value("choices", nlohmann::json::array()))
      setting.choices.push_back(text(c));
    static const char* kTypes[] = {"float", "int", "bool", "choice", "path", "string"};
    bool known = false;
    for (const char* t : kTypes) known = known || setting.type == t;
    if (!known)
      return "decoder '" + info.id + "': setting '" + setting.key + "' has unknown type '" +
             setting.type + "' (float, int, bool, choice, path or string)";
    info.settings.push_back(std::move(setting));
  }
  *out = std::move(info);
  return {};
}

Registry& Registry::global() {
  static Registry* registry = [] {
    auto* r = new Registry;
    registerBuiltinDecoders(*r);
    return r;
  }();
  return *registry;
}

std::string Registry::add(const std::string& json, DecoderFactory factory) {
  DecoderInfo info;
  if (std::string e = parseDecoderInfo(json, &info); !e.empty()) return e;
  return add(info, std::move(factory));
}

std::string Registry::add(const DecoderInfo& info, DecoderFactory factory) {
  if (!factory) return "decoder '" + info.id + "' has no factory";
  std::lock_guard lock(mutex_);
  for (Entry& e : entries_)
    if (e.info.id == info.id) {
      e = {info, std::move(factory)};
      return {};
    }
  entries_.push_back({info, std::move(factory)});
  return {};
}

void Registry::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it)
    if (it->info.id == id) {
      entries_.erase(it);
      return;
    }
}

std::vector<DecoderInfo> Registry::list() const {
  std::lock_guard lock(mutex_);
  std::vector<DecoderInfo> out;
  for (const Entry& e : entries_) out.push_back(e.info);
  return out;
}

bool Registry::find(const std::string& id, DecoderInfo* out) const {
  std::lock_guard lock(mutex_);
  for (const Entry& e : entries_)
    if (e.info.id == id) {
      if (out) *out = e.info;
      return true;
    }
  return false;
}

Values Registry::withDefaults(const std::string& id, const Values& values) const {
  DecoderInfo info;
  Values out;
  if (!find(id, &info)) return out;
  for (const Setting& s : info.settings) {
    auto it = values.find(s.key);
    out[s.key] = it != values.end() ? it->second : s.defaultValue;
  }
  return out;
}

std::unique_ptr<Decoder> Registry::create(const std::string& id, const Values& values,
                                          std::string* error) const {
  DecoderFactory factory;
  std::string known;
  {
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_) {
      known += (known.empty() ? "" : ", ") + e.info.id;
      if (e.info.id == id) factory = e.factory;
    }
  }
  if (!factory) {
    *error = "unknown decoder '" + id + "' (known: " + known + ")";
    return nullptr;
  }
  std::unique_ptr<Decoder> decoder = factory();
  if (!decoder) {
    *error = "decoder '" + id + "' could not be created";
    return nullptr;
  }
  if (std::string e = decoder->configure(withDefaults(id, values)); !e.empty()) {
    *error = id + ": " + e;
    return nullptr;
  }
  return decoder;
}

}  // namespace autox::post
