// Importer plugins turn a model file into the engine's IR (in-tree only: they link the engine).
// Metadata "kind": "importer"; see plugin.hpp for the rest of the contract.
#pragma once

#include <string>

#include "autox/plugin.hpp"
#include "axe/engine.hpp"

namespace autox {

class ImporterPlugin : public Plugin {
 public:
  virtual QString formatName() const = 0;        // "TensorFlow Lite"
  virtual QStringList fileSuffixes() const = 0;  // {"tflite"}
  // The file as an engine model (graph checked and optimised by axe::Model::from_graph).
  virtual axe::Status importFile(const std::string& path, const axe::LoadOptions& options,
                                 axe::Model* out) = 0;
};

}  // namespace autox

#define AutoXImporterPlugin_iid "io.autox.Studio.ImporterPlugin/1"
Q_DECLARE_INTERFACE(autox::ImporterPlugin, AutoXImporterPlugin_iid)
