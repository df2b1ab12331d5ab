// Post-processing plugins add a decoder to the studio's live preview (Preview page), next to the
// built-in ones (FastestDet, UltraFace, YOLO-style, top-k, PP-OCR). Metadata "kind":
// "postprocess"; the rest of the JSON is the decoder's description (postprocess.hpp): "outputs"
// and "settings", which the app draws and hands to Decoder::configure().
//
//   class MyPlugin : public QObject, public autox::PostprocessPlugin {
//     Q_OBJECT
//     Q_PLUGIN_METADATA(IID AutoXPostprocessPlugin_iid FILE "my.json")
//     Q_INTERFACES(autox::PostprocessPlugin)
//    public:
//     bool initialize(const autox::PluginContext&, QString*) override { return true; }
//     std::unique_ptr<autox::post::Decoder> createDecoder() override { return ...; }
//   };
#pragma once

#include <memory>

#include "autox/plugin.hpp"
#include "autox/postprocess.hpp"

namespace autox {

class PostprocessPlugin : public Plugin {
 public:
  // A new decoder; the app may hold several (one per running preview or command).
  virtual std::unique_ptr<post::Decoder> createDecoder() = 0;
};

}  // namespace autox

#define AutoXPostprocessPlugin_iid "io.autox.Studio.PostprocessPlugin/1"
Q_DECLARE_INTERFACE(autox::PostprocessPlugin, AutoXPostprocessPlugin_iid)
