#include "model_document.hpp"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>
#include <cmath>
#include <set>

#include "model_document_build.hpp"

namespace {

QString shapeText(const axe::TypeInfo& t) {
  if (!t.rank_known) return QStringLiteral("?");
  return QString::fromStdString(axe::shape_string(t.shape));
}

bool isCancelled(const LoadProgress& p) {
  return p.cancel && p.cancel->load();
}

void report(const LoadProgress& p, double fraction, const QString& stage) {
  if (p.report) p.report(fraction, stage);
}

}  // namespace

bool layoutDocument(ModelDocument* doc, const std::atomic<bool>* cancel) {
  const axe::Graph& g = doc->graph();
  doc->viewNodes.clear();
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    ViewNode v;
    v.kind = ViewNode::Kind::Op;
    v.index = static_cast<int>(i);
    v.title = QString::fromStdString(g.nodes[i].op_type);
    v.name = QString::fromStdString(g.nodes[i].name);
    v.shapes = doc->layers[i].outputShapes;
    v.family = opFamily(v.title);
    doc->viewNodes.push_back(std::move(v));
  }
  std::vector<int> inputView(g.values.size(), -1);
  for (int value : g.inputs) {
    ViewNode v;
    v.kind = ViewNode::Kind::Input;
    v.index = value;
    v.title = doc->valueName(value);
    v.name = v.title;
    v.shapes = doc->valueTypeString(value);
    v.family = OpFamily::Input;
    inputView[static_cast<size_t>(value)] = static_cast<int>(doc->viewNodes.size());
    doc->viewNodes.push_back(std::move(v));
  }
  LayoutInput in;
  std::set<std::pair<int, int>> seen;
  auto addEdge = [&](int a, int b) {
    if (a >= 0 && b >= 0 && seen.insert({a, b}).second) in.edges.emplace_back(a, b);
  };
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const axe::Node& node = g.nodes[i];
    auto link = [&](int value) {
      if (value < 0) return;
      const axe::Value& val = g.values[static_cast<size_t>(value)];
      if (val.producer >= 0)
        addEdge(val.producer, static_cast<int>(i));
      else
        addEdge(inputView[static_cast<size_t>(value)], static_cast<int>(i));
    };
    for (int value : node.inputs) link(value);
    for (int value : node.implicit_inputs) link(value);
  }
  for (int value : g.outputs) {
    ViewNode v;
    v.kind = ViewNode::Kind::Output;
    v.index = value;
    v.title = doc->valueName(value);
    v.name = v.title;
    v.shapes = doc->valueTypeString(value);
    v.family = OpFamily::Output;
    const int id = static_cast<int>(doc->viewNodes.size());
    doc->viewNodes.push_back(std::move(v));
    const int producer = g.values[static_cast<size_t>(value)].producer;
    addEdge(producer >= 0 ? producer : inputView[static_cast<size_t>(value)], id);
  }
  for (const ViewNode& v : doc->viewNodes) {
    const double chars = std::max(v.title.size(), qsizetype(4));
    in.sizes.emplace_back(std::clamp(chars * 7.5 + 24, 56.0, 260.0), 30);
  }
  if (cancel && cancel->load()) return false;
  doc->layout = layoutGraph(in, cancel);
  return !(cancel && cancel->load());
}

void computeLayerFigures(ModelDocument* doc) {
  const axe::Graph& g = doc->graph();
  doc->activationBytesTotal = 0;
  doc->layers.resize(g.nodes.size());
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    LayerFigures& f = doc->layers[i];
    const axe::Node& node = g.nodes[i];
    if (i < doc->stats.nodes.size()) {
      f.params = doc->stats.nodes[i].params;
      f.macs = doc->stats.nodes[i].macs;
    }
    for (int value : node.inputs)
      if (value >= 0 && g.values[static_cast<size_t>(value)].constant)
        f.weightBytes +=
            static_cast<int64_t>(g.values[static_cast<size_t>(value)].constant->nbytes());
    QStringList outShapes;
    f.activationBytes = 0;
    for (int value : node.outputs) {
      if (value < 0) continue;
      outShapes << shapeText(doc->types.types[static_cast<size_t>(value)]);
      const int64_t b = doc->valueBytes(value);
      if (b < 0)
        f.activationBytes = -1;
      else if (f.activationBytes >= 0)
        f.activationBytes += b;
    }
    f.outputShapes = outShapes.join(QStringLiteral("; "));
    if (f.activationBytes > 0) doc->activationBytesTotal += f.activationBytes;
  }
}

axe::ModelStats statsOfGraph(const axe::Graph& g, const axe::GraphTypes& types) {
  axe::ModelStats st;
  std::vector<bool> counted(g.values.size(), false);
  auto shapeOf = [&](int v) -> const axe::Shape* {
    if (v < 0 || static_cast<size_t>(v) >= types.types.size()) return nullptr;
    const axe::TypeInfo& t = types.types[static_cast<size_t>(v)];
    return t.is_tensor() && t.shape_known() ? &t.shape : nullptr;
  };
  auto ints = [](const axe::Node& n, const char* key) {
    const axe::Attribute* a = n.attr(key);
    return a ? a->ints : std::vector<int64_t>{};
  };
  auto intAttr = [](const axe::Node& n, const char* key, int64_t fallback) {
    const axe::Attribute* a = n.attr(key);
    return a ? a->i : fallback;
  };
  for (const axe::Node& n : g.nodes) {
    axe::NodeStats ns;
    ns.name = n.name;
    ns.op = n.op_type;
    for (int v : n.outputs)
      if (const axe::Shape* s = shapeOf(v)) ns.output_shapes.push_back(*s);
    for (int v : n.inputs) {
      if (v < 0 || !g.values[static_cast<size_t>(v)].constant) continue;
      const axe::Tensor& c = *g.values[static_cast<size_t>(v)].constant;
      ns.params += c.numel();
      if (!counted[static_cast<size_t>(v)]) {
        counted[static_cast<size_t>(v)] = true;
        st.params += c.numel();
        st.weight_bytes += static_cast<int64_t>(c.nbytes());
      }
    }
    const axe::Shape* out = n.outputs.empty() ? nullptr : shapeOf(n.outputs[0]);
    const axe::Shape* in0 = n.inputs.empty() ? nullptr : shapeOf(n.inputs[0]);
    int64_t kernel = 1;
    for (int64_t k : ints(n, "kernel")) kernel *= k;
    const int64_t group = std::max<int64_t>(1, intAttr(n, "group", 1));
    switch (n.op) {
      case AXE_OP_CONV:
        ns.macs =
            out ? axe::shape_numel(*out) * (intAttr(n, "in_channels", 0) / group) * kernel : -1;
        break;
      case AXE_OP_CONV_TRANSPOSE:
        ns.macs =
            in0 ? axe::shape_numel(*in0) * (intAttr(n, "out_channels", 0) / group) * kernel : -1;
        break;
      case AXE_OP_MAT_MUL:
        ns.macs = out && in0 && !in0->empty() ? axe::shape_numel(*out) * in0->back() : -1;
        break;
      case AXE_OP_GEMM:
        ns.macs = out && in0 && in0->size() == 2
                      ? axe::shape_numel(*out) * (intAttr(n, "transA", 0) ? (*in0)[0] : (*in0)[1])
                      : -1;
        break;
      default:
        ns.macs = 0;
    }
    if (ns.macs < 0)
      st.macs_complete = false;
    else
      st.macs += ns.macs;
    ++st.op_histogram[n.op_type];
    st.nodes.push_back(std::move(ns));
  }
  return st;
}

QString ModelDocument::valueName(int value) const {
  if (value < 0) return {};
  return QString::fromStdString(graph().values[static_cast<size_t>(value)].name);
}

QString ModelDocument::valueTypeString(int value) const {
  if (value < 0) return {};
  const axe::TypeInfo& t = static_cast<size_t>(value) < types.types.size()
                               ? types.types[static_cast<size_t>(value)]
                               : graph().values[static_cast<size_t>(value)].type;
  return QStringLiteral("%1 %2").arg(QString::fromLatin1(axe::dtype_name(t.dtype)), shapeText(t));
}

int64_t ModelDocument::valueBytes(int value) const {
  if (value < 0 || static_cast<size_t>(value) >= types.types.size()) return -1;
  const axe::TypeInfo& t = types.types[static_cast<size_t>(value)];
  if (!t.is_tensor() || !t.shape_known() || t.dtype == axe::DType::kUndefined ||
      t.dtype == axe::DType::kString)
    return -1;
  return axe::shape_numel(t.shape) * static_cast<int64_t>(axe::dtype_size(t.dtype));
}

bool parseShape(const QString& text, axe::Shape* out) {
  out->clear();
  const QStringList parts = text.trimmed().split(QLatin1Char('x'));
  for (const QString& part : parts) {
    bool ok = false;
    const qlonglong d = part.trimmed().toLongLong(&ok);
    if (!ok || d <= 0) return false;
    out->push_back(d);
  }
  return !out->empty();
}

bool buildModelDocument(const QString& path, const axe::Shape& inputShape,
                        const LoadProgress& progress, ModelDocument* out, QString* error,
                        bool optimize) {
  if (isAxmFile(path)) return buildAxmDocument(path, progress, out, error);
  QElapsedTimer timer;
  timer.start();
  ModelDocument doc;
  doc.path = path;
  doc.inputShape = inputShape;
  doc.optimized = optimize;
  std::vector<axe::Shape> shapes;
  if (!inputShape.empty()) shapes.push_back(inputShape);
  report(progress, 0.05, QObject::tr("Importing %1").arg(path));
  auto model = std::make_shared<axe::Model>();
  if (axe::Status s = axe::Model::load(path.toStdString(), model.get(), {.optimize = optimize});
      !s) {
    *error = QString::fromStdString(s.message());
    return false;
  }
  doc.model = model;
  doc.graphData = model->shared_graph();
  doc.loadMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  if (isCancelled(progress)) return error->clear(), false;

  report(progress, 0.45, QObject::tr("Inferring shapes and counting MACs"));
  timer.restart();
  if (axe::Status s = model->stats(shapes, &doc.stats); !s) {
    *error = QString::fromStdString(s.message());
    return false;
  }
  if (axe::Status s = model->value_types(shapes, &doc.types); !s) {
    *error = QString::fromStdString(s.message());
    return false;
  }
  const axe::Graph& g = model->graph();
  computeLayerFigures(&doc);
  doc.statsMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  if (isCancelled(progress)) return error->clear(), false;

  {
    QStringList unknown;
    for (int v : g.inputs) {
      const axe::TypeInfo& t = doc.types.types[static_cast<size_t>(v)];
      if (t.is_tensor() && !t.shape_known())
        unknown << QStringLiteral("%1: %2").arg(doc.valueName(v), shapeText(t));
    }
    doc.unknownInputs = unknown.join(QStringLiteral(", "));
  }

  report(progress, 0.6, QObject::tr("Planning memory"));
  timer.restart();
  if (axe::Status s = model->memory_plan(shapes, {}, &doc.plan); !s)
    doc.planError = QString::fromStdString(s.message());
  doc.planMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  if (isCancelled(progress)) return error->clear(), false;

  report(progress, 0.7,
         QObject::tr("Laying out %n node(s)", nullptr, static_cast<int>(g.nodes.size())));
  if (!layoutDocument(&doc, progress.cancel)) return error->clear(), false;
  report(progress, 1.0, QObject::tr("Done"));
  *out = std::move(doc);
  return true;
}

bool replanDocument(const ModelDocument& doc, const QString& algorithm, ModelDocument* out,
                    QString* error) {
  if (!doc.model) {
    *error = QObject::tr(
                 "%1 carries the memory plan its compiler made; open the ONNX model to compare "
                 "planners.")
                 .arg(QFileInfo(doc.path).fileName());
    return false;
  }
  ModelDocument copy = doc;
  copy.plan = {};
  copy.planError.clear();
  axe::PlanOptions options;
  options.algorithm = algorithm.toStdString();
  std::vector<axe::Shape> shapes;
  if (!doc.inputShape.empty()) shapes.push_back(doc.inputShape);
  QElapsedTimer timer;
  timer.start();
  if (axe::Status s = doc.model->memory_plan(shapes, options, &copy.plan); !s) {
    *error = QString::fromStdString(s.message());
    return false;
  }
  copy.planMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  *out = std::move(copy);
  return true;
}

int ModelDocument::plannedNode(const axe::PlannedTensor& t) const {
  return t.value >= 0 ? graph().values[static_cast<size_t>(t.value)].producer : t.scratch_node;
}

QString ModelDocument::plannedName(const axe::PlannedTensor& t) const {
  return t.value >= 0 ? valueName(t.value) : QString::fromStdString(t.name);
}

QStringList plannerAlgorithms() {
  QStringList names;
  for (const std::string& name : axe::planner_algorithms()) names << QString::fromStdString(name);
  return names;
}

WeightStats computeWeightStats(const axe::Tensor& tensor) {
  WeightStats st;
  const axe::DType t = tensor.dtype();
  if (t == axe::DType::kString || t == axe::DType::kComplex64 || t == axe::DType::kComplex128 ||
      !tensor.defined())
    return st;
  const int64_t n = tensor.numel();
  auto at = [&](int64_t i) -> double {
    switch (t) {
      case axe::DType::kFloat32:
        return tensor.data<float>()[i];
      case axe::DType::kFloat64:
        return tensor.data<double>()[i];
      case axe::DType::kFloat16:
        return axe::half_to_float(tensor.data<uint16_t>()[i]);
      case axe::DType::kBFloat16:
        return axe::bfloat16_to_float(tensor.data<uint16_t>()[i]);
      case axe::DType::kInt8:
        return tensor.data<int8_t>()[i];
      case axe::DType::kUInt8:
        return tensor.data<uint8_t>()[i];
      case axe::DType::kInt16:
        return tensor.data<int16_t>()[i];
      case axe::DType::kUInt16:
        return tensor.data<uint16_t>()[i];
      case axe::DType::kInt32:
        return tensor.data<int32_t>()[i];
      case axe::DType::kUInt32:
        return tensor.data<uint32_t>()[i];
      case axe::DType::kInt64:
        return static_cast<double>(tensor.data<int64_t>()[i]);
      case axe::DType::kUInt64:
        return static_cast<double>(tensor.data<uint64_t>()[i]);
      case axe::DType::kBool:
        return tensor.data<bool>()[i] ? 1 : 0;
      default:
        return 0;
    }
  };
  if (n == 0) return st;
  st.numeric = true;
  st.count = n;
  st.min = st.max = at(0);
  double sum = 0, sumSq = 0;
  int64_t zeros = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double v = at(i);
    st.min = std::min(st.min, v);
    st.max = std::max(st.max, v);
    sum += v;
    sumSq += v * v;
    zeros += v == 0;
  }
  st.mean = sum / static_cast<double>(n);
  st.stddev = std::sqrt(std::max(0.0, sumSq / static_cast<double>(n) - st.mean * st.mean));
  st.sparsity = static_cast<double>(zeros) / static_cast<double>(n);
  st.histogram.assign(64, 0);
  const double span = st.max - st.min;
  for (int64_t i = 0; i < n; ++i) {
    int bin = span > 0 ? static_cast<int>((at(i) - st.min) / span * 64) : 0;
    ++st.histogram[static_cast<size_t>(std::clamp(bin, 0, 63))];
  }
  return st;
}

QString formatBytes(int64_t bytes) {
  if (bytes < 0) return QStringLiteral("?");
  return QLocale().formattedDataSize(bytes, 2, QLocale::DataSizeSIFormat);
}

QString formatCount(int64_t count) {
  if (count < 0) return QStringLiteral("?");
  QLocale c(QLocale::English);
  return c.toString(static_cast<qlonglong>(count));
}
