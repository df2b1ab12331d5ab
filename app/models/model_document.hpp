// Everything the studio shows about one opened model, computed once off the GUI thread and then
// shared read-only between views (std::shared_ptr<const ModelDocument>).
//
//   ModelDocument doc;
//   QString error;
//   if (!buildModelDocument("mnist-8.onnx", {}, {}, &doc, &error)) showBanner(error);
//   doc.layout.nodeRects[doc.viewNodeOfGraphNode(3)];
#pragma once

#include <QMetaType>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "axe/engine.hpp"
#include "graph_layout.hpp"
#include "op_family.hpp"

// Per graph node figures for the layer table and the inspector.
struct LayerFigures {
  int64_t params = 0;            // elements of constant inputs
  int64_t macs = -1;             // -1 when unknown
  int64_t weightBytes = 0;       // bytes of constant inputs
  int64_t activationBytes = -1;  // bytes of the outputs; -1 when a shape is unknown
  QString outputShapes;          // "1x8x28x28; 1x10"
};

// A node of the drawn graph: a graph node, a graph input or a graph output.
struct ViewNode {
  enum class Kind { Op, Input, Output };
  Kind kind = Kind::Op;
  int index = -1;  // node index for Op, value id for Input/Output
  QString title;   // op type or value name
  QString name;    // node name or value name
  QString shapes;  // output shapes (Op) or the value's shape
  OpFamily family = OpFamily::Other;
};

// What an .axm file carries beyond its graph (engine/schema/axm.fbs).
struct AxmFacts {
  int formatMajor = 0, formatMinor = 0;
  int64_t fileBytes = 0;
  int64_t arenaBytes = 0;    // the file's arena_size (activations + scratch)
  int64_t runtimeArena = 0;  // what axe_model_load() needs (model state + arena)
  int64_t weightBlobBytes = 0;
  QString modelName, producer, source;
  QString preprocess;  // "letterbox, RGB, NCHW, scale 0.0039 ..." or empty
  QStringList labels;
};

struct ModelDocument {
  enum class Format { Onnx, Axm };
  QString path;
  Format format = Format::Onnx;
  axe::Shape inputShape;
  bool optimized = true;  // the engine's passes ran (an .axm: always, by its compiler)
  QString unknownInputs;  // inputs left with unknown dimensions, "x: 1x3x48x?"
  std::shared_ptr<const axe::Model> model;      // ONNX only (null for an .axm)
  std::shared_ptr<const axe::Graph> graphData;  // the model's graph, or the one read from an .axm
  AxmFacts axm;                                 // .axm only
  // What the opened file does not carry and so is not shown (one sentence each; English source
  // text, shown through QCoreApplication::translate("AxmDocument", ...)).
  QStringList missing;
  axe::ModelStats stats;
  axe::GraphTypes types;
  std::vector<LayerFigures> layers;  // per graph node
  int64_t activationBytesTotal = 0;
  axe::MemoryPlan plan;
  QString planError;  // when the memory plan could not be made (unknown shapes ...)
  std::vector<ViewNode> viewNodes;
  GraphLayout layout;
  double loadMs = 0, statsMs = 0, planMs = 0;

  const axe::Graph& graph() const { return *graphData; }
  bool isAxm() const { return format == Format::Axm; }
  int viewNodeOfGraphNode(int node) const { return node; }  // ops come first
  // Display string of a value's type: "float32 1x3x48x320".
  QString valueTypeString(int value) const;
  int64_t valueBytes(int value) const;  // -1 when unknown
  QString valueName(int value) const;
  // The node a planned buffer belongs to: a tensor's producer, a scratch buffer's user (-1: none).
  int plannedNode(const axe::PlannedTensor& t) const;
  // A planned buffer's name: the value's, or "<node>/scratch".
  QString plannedName(const axe::PlannedTensor& t) const;
};

using DocumentPtr = std::shared_ptr<const ModelDocument>;
Q_DECLARE_METATYPE(DocumentPtr)

struct LoadProgress {
  std::function<void(double, const QString&)> report;  // fraction in [0, 1], stage text
  const std::atomic<bool>* cancel = nullptr;
};

// Imports, analyses, plans and lays out `path` (ONNX, or an .axm: see buildAxmDocument()). Returns
// false with the engine's one-line error. A cancelled build returns false with an empty error.
// `inputShape` binds the first input (empty: as declared, unknown batch = 1).
// `optimize` false shows the graph as the file has it (no engine passes).
bool buildModelDocument(const QString& path, const axe::Shape& inputShape,
                        const LoadProgress& progress, ModelDocument* out, QString* error,
                        bool optimize = true);

// True when `path` starts like an .axm (flatbuffers file identifier "AXM0"), whatever its name.
bool isAxmFile(const QString& path);
// Reads an .axm (verified by the runtime's loader first, so a damaged file gets the runtime's
// message) into a document: operators become nodes, tensors values, weights constants, and the
// memory plan is the file's own (offsets as stored; lifetimes from the operator order).
bool buildAxmDocument(const QString& path, const LoadProgress& progress, ModelDocument* out,
                      QString* error);

// "1x3x48x320" -> {1, 3, 48, 320}; false for anything else.
bool parseShape(const QString& text, axe::Shape* out);

// Replans `doc` with another algorithm (fast: milliseconds); the rest is shared.
bool replanDocument(const ModelDocument& doc, const QString& algorithm, ModelDocument* out,
                    QString* error);

// The planner algorithms the engine offers.
QStringList plannerAlgorithms();

// Summary figures of a constant tensor, for the inspector.
struct WeightStats {
  bool numeric = false;
  int64_t count = 0;
  double min = 0, max = 0, mean = 0, stddev = 0;
  double sparsity = 0;         // fraction of exact zeros
  std::vector<int> histogram;  // 64 equal bins over [min, max]
};
WeightStats computeWeightStats(const axe::Tensor& tensor);

QString formatBytes(int64_t bytes);  // "1.52 MB", "640 B"
QString formatCount(int64_t count);  // "1,234,567"
