// Reads an .axm (engine/schema/axm.fbs) into a ModelDocument so that the graph, layer table,
// summary and memory pages show a compiled model like an ONNX one.
//
// What comes from the file: operators (execution order, op, name, inputs, outputs, resolved
// parameters as attributes, the fused activation), tensors (name, dtype, static shape), weights
// (so the inspector's statistics and histogram work), the arena offsets and scratch buffers the
// compiler placed (the memory page shows that plan as stored, not a new one) and the metadata.
// What an .axm does not carry is listed in ModelDocument::missing: the source graph before
// folding and fusion, ONNX attributes beyond the resolved parameters, opsets, the planner's
// name and its lower bound (recomputed here from the stored lifetimes).
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cstring>

#include "axm_generated.h"
#include "model_document.hpp"
#include "model_document_build.hpp"

namespace {

struct Tr {
  Q_DECLARE_TR_FUNCTIONS(AxmDocument)
};

template <typename T>
std::vector<int64_t> longs(const flatbuffers::Vector<T>* v) {
  std::vector<int64_t> out;
  if (v)
    for (auto x : *v) out.push_back(static_cast<int64_t>(x));
  return out;
}

void setInts(axe::Node* node, const char* key, std::vector<int64_t> values) {
  if (values.empty()) return;
  axe::Attribute a;
  a.type = axe::Attribute::Type::kInts;
  a.ints = std::move(values);
  node->attrs[key] = std::move(a);
}

void setInt(axe::Node* node, const char* key, int64_t value) {
  axe::Attribute a;
  a.type = axe::Attribute::Type::kInt;
  a.i = value;
  node->attrs[key] = std::move(a);
}

void setFloat(axe::Node* node, const char* key, double value) {
  axe::Attribute a;
  a.type = axe::Attribute::Type::kFloat;
  a.f = static_cast<float>(value);
  node->attrs[key] = std::move(a);
}

void setString(axe::Node* node, const char* key, std::string value) {
  axe::Attribute a;
  a.type = axe::Attribute::Type::kString;
  a.s = std::move(value);
  node->attrs[key] = std::move(a);
}

const char* activationName(axm::Activation a) {
  switch (a) {
    case axm::Activation::Relu:
      return "Relu";
    case axm::Activation::Clip:
      return "Clip";
    case axm::Activation::LeakyRelu:
      return "LeakyRelu";
    case axm::Activation::Sigmoid:
      return "Sigmoid";
    case axm::Activation::Tanh:
      return "Tanh";
    case axm::Activation::HardSigmoid:
      return "HardSigmoid";
    case axm::Activation::HardSwish:
      return "HardSwish";
    default:
      return nullptr;
  }
}

const char* poolKindName(axm::PoolKind k) {
  switch (k) {
    case axm::PoolKind::Max:
      return "max";
    case axm::PoolKind::Average:
      return "average";
    case axm::PoolKind::Lp:
      return "lp";
    case axm::PoolKind::GlobalAverage:
      return "global average";
    case axm::PoolKind::GlobalMax:
      return "global max";
    case axm::PoolKind::GlobalLp:
      return "global lp";
  }
  return "?";
}

// The operator's resolved parameters as node attributes (names as the compiler stores them).
void addOptions(const axm::Operator& op, axe::Node* node) {
  if (const auto* c = op.options_as_ConvOptions()) {
    setInts(node, "kernel", longs(c->kernel()));
    setInts(node, "stride", longs(c->stride()));
    setInts(node, "dilation", longs(c->dilation()));
    setInts(node, "pad", longs(c->pad()));
    setInts(node, "image", longs(c->image()));
    setInts(node, "grid", longs(c->grid()));
    setInt(node, "in_channels", c->in_channels());
    setInt(node, "out_channels", c->out_channels());
    setInt(node, "group", c->group());
  } else if (const auto* p = op.options_as_PoolOptions()) {
    setString(node, "kind", poolKindName(p->kind()));
    setInts(node, "kernel", longs(p->kernel()));
    setInts(node, "stride", longs(p->stride()));
    setInts(node, "dilation", longs(p->dilation()));
    setInts(node, "pad", longs(p->pad()));
    setInts(node, "pad_end", longs(p->pad_end()));
    if (p->count_include_pad()) setInt(node, "count_include_pad", 1);
  } else if (const auto* r = op.options_as_ResizeOptions()) {
    setInt(node, "mode", r->mode());
    setInt(node, "coord", r->coord());
    setInt(node, "nearest", r->nearest());
    std::vector<int64_t> out;
    if (r->axes())
      for (const axm::ResizeAxis* a : *r->axes()) out.push_back(a->out_len());
    setInts(node, "out_len", out);
  } else if (const auto* u = op.options_as_UnaryOptions()) {
    if (u->alpha() != 0) setFloat(node, "alpha", u->alpha());
    if (u->beta() != 0) setFloat(node, "beta", u->beta());
    if (u->gamma() != 0) setFloat(node, "gamma", u->gamma());
  } else if (const auto* a = op.options_as_AxisOptions()) {
    setInt(node, "axis", a->axis());
  } else if (const auto* t = op.options_as_TransposeOptions()) {
    setInts(node, "perm", longs(t->perm()));
  } else if (const auto* s = op.options_as_SliceOptions()) {
    setInts(node, "starts", longs(s->starts()));
    setInts(node, "steps", longs(s->steps()));
  } else if (const auto* pad = op.options_as_PadOptions()) {
    setInts(node, "pads_begin", longs(pad->pads_begin()));
    setInt(node, "mode", pad->mode());
    if (pad->value() != 0) setFloat(node, "value", pad->value());
  } else if (const auto* red = op.options_as_ReduceOptions()) {
    setInt(node, "kind", red->kind());
    std::vector<int64_t> axes;
    if (red->reduced())
      for (flatbuffers::uoffset_t i = 0; i < red->reduced()->size(); ++i)
        if (red->reduced()->Get(i)) axes.push_back(i);
    setInts(node, "axes", axes);
  } else if (const auto* g = op.options_as_GemmOptions()) {
    setInt(node, "transA", g->trans_a());
    setInt(node, "transB", g->trans_b());
    setFloat(node, "alpha", g->alpha());
    setFloat(node, "beta", g->beta());
  } else if (const auto* n = op.options_as_NormOptions()) {
    setFloat(node, "epsilon", n->epsilon());
  } else if (const auto* c2 = op.options_as_ClipOptions()) {
    setFloat(node, "min", c2->min());
    setFloat(node, "max", c2->max());
  } else if (const auto* cast = op.options_as_CastOptions()) {
    setString(node, "to", axe::dtype_name(static_cast<axe::DType>(cast->to())));
  }
  if (const char* act = activationName(op.activation())) {
    setString(node, "activation", act);
    if (op.activation_alpha() != 0) setFloat(node, "activation_alpha", op.activation_alpha());
    if (op.activation_beta() != 0) setFloat(node, "activation_beta", op.activation_beta());
  }
  if (op.scratch_size() > 0) setInt(node, "scratch_bytes", static_cast<int64_t>(op.scratch_size()));
}

QString preprocessText(const axm::Preprocess* p) {
  if (!p) return {};
  QStringList parts;
  auto str = [](const flatbuffers::String* s) {
    return s ? QString::fromStdString(s->str()) : QString();
  };
  auto floats = [](const flatbuffers::Vector<float>* v) {
    QStringList l;
    if (v)
      for (float f : *v) l << QString::number(static_cast<double>(f), 'g', 4);
    return l.join(QStringLiteral(", "));
  };
  if (!str(p->resize()).isEmpty()) parts << str(p->resize());
  if (!str(p->color_order()).isEmpty()) parts << str(p->color_order());
  if (!str(p->layout()).isEmpty()) parts << str(p->layout());
  if (p->scale() != 1.0f)
    parts << QStringLiteral("scale %1").arg(static_cast<double>(p->scale()), 0, 'g', 6);
  if (p->mean() && p->mean()->size()) parts << QStringLiteral("mean [%1]").arg(floats(p->mean()));
  if (p->std() && p->std()->size()) parts << QStringLiteral("std [%1]").arg(floats(p->std()));
  return parts.join(QStringLiteral(", "));
}

bool cancelled(const LoadProgress& p) {
  return p.cancel && p.cancel->load();
}

}  // namespace

bool isAxmFile(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return false;
  const QByteArray head = f.read(8);
  return head.size() == 8 && head.mid(4, 4) == QByteArrayLiteral("AXM0");
}

bool buildAxmDocument(const QString& path, const LoadProgress& progress, ModelDocument* out,
                      QString* error) {
  QElapsedTimer timer;
  timer.start();
  if (progress.report) progress.report(0.05, Tr::tr("Reading %1").arg(path));
  // The runtime's loader verifies the buffer (flatbuffers Verifier, every index, offset and
  // size): a file it refuses is refused here with its message.
  axe::AxmModel runtime;
  if (axe::Status s = axe::AxmModel::load_file(path.toStdString(), &runtime); !s) {
    *error = QString::fromStdString(s.message());
    return false;
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = Tr::tr("%1: cannot read the file: %2").arg(path, file.errorString());
    return false;
  }
  const QByteArray bytes = file.readAll();
  flatbuffers::Verifier verifier(reinterpret_cast<const uint8_t*>(bytes.constData()),
                                 static_cast<size_t>(bytes.size()));
  if (!axm::VerifyModelBuffer(verifier)) {
    *error = Tr::tr("%1: not a valid .axm (the flatbuffers verifier refuses it)").arg(path);
    return false;
  }
  const axm::Model& m = *axm::GetModel(bytes.constData());
  if (cancelled(progress)) return error->clear(), false;

  ModelDocument doc;
  doc.path = path;
  doc.format = ModelDocument::Format::Axm;
  doc.optimized = true;
  AxmFacts& facts = doc.axm;
  if (m.version()) {
    facts.formatMajor = m.version()->major();
    facts.formatMinor = m.version()->minor();
  }
  facts.fileBytes = bytes.size();
  facts.arenaBytes = static_cast<int64_t>(m.arena_size());
  facts.runtimeArena = static_cast<int64_t>(runtime.arena_bytes());
  facts.weightBlobBytes = m.weights() ? m.weights()->size() : 0;
  if (const axm::Metadata* md = m.metadata()) {
    auto str = [](const flatbuffers::String* s) {
      return s ? QString::fromStdString(s->str()) : QString();
    };
    facts.modelName = str(md->model_name());
    facts.producer = str(md->producer());
    facts.source = str(md->source());
    facts.preprocess = preprocessText(md->preprocess());
    if (md->labels())
      for (const flatbuffers::String* l : *md->labels()) facts.labels << str(l);
  }

  // Tensors -> values; weights become constants so that the inspector can show statistics.
  auto graph = std::make_shared<axe::Graph>();
  graph->name = facts.modelName.toStdString();
  const auto* tensors = m.tensors();
  const uint8_t* weights = m.weights() ? m.weights()->data() : nullptr;
  const size_t tensorCount = tensors ? tensors->size() : 0;
  for (size_t i = 0; i < tensorCount; ++i) {
    const axm::Tensor& t = *tensors->Get(static_cast<flatbuffers::uoffset_t>(i));
    const auto dtype = static_cast<axe::DType>(t.dtype());
    axe::Shape shape = longs(t.shape());
    std::string name = t.name() ? t.name()->str() : "tensor_" + std::to_string(i);
    const int v = graph->add_value(std::move(name), axe::TypeInfo::tensor(dtype, shape));
    if (t.storage() == axm::Storage::Weights) {
      axe::Tensor c(dtype, shape);
      // The runtime's loader checked that offset + size lies inside the weight blob.
      const size_t n = std::min<size_t>(c.nbytes(), t.size());
      if (weights && n) std::memcpy(c.raw(), weights + t.offset(), n);
      graph->values[static_cast<size_t>(v)].constant = std::move(c);
    }
  }
  // Operators -> nodes, in execution order.
  const auto* ops = m.operators();
  const size_t opCount = ops ? ops->size() : 0;
  for (size_t i = 0; i < opCount; ++i) {
    const axm::Operator& op = *ops->Get(static_cast<flatbuffers::uoffset_t>(i));
    std::vector<int> inputs, outputs;
    if (op.inputs())
      for (int x : *op.inputs()) inputs.push_back(x);
    if (op.outputs())
      for (int x : *op.outputs()) outputs.push_back(x);
    const auto id = static_cast<axe_op>(op.op());
    const int n = graph->add_node(axe_op_name(id), op.name() ? op.name()->str() : std::string(),
                                  std::move(inputs), std::move(outputs));
    axe::Node& node = graph->nodes[static_cast<size_t>(n)];
    node.op = id;
    addOptions(op, &node);
  }
  if (m.inputs())
    for (int x : *m.inputs()) graph->inputs.push_back(x);
  if (m.outputs())
    for (int x : *m.outputs()) graph->outputs.push_back(x);
  graph->rebuild_producers();
  doc.graphData = graph;
  doc.loadMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  if (cancelled(progress)) return error->clear(), false;

  if (progress.report) progress.report(0.45, Tr::tr("Counting parameters and MACs"));
  timer.restart();
  const axe::Graph& g = *graph;
  doc.types.types.resize(g.values.size());
  for (size_t v = 0; v < g.values.size(); ++v) doc.types.types[v] = g.values[v].type;
  doc.stats = statsOfGraph(g, doc.types);
  computeLayerFigures(&doc);
  doc.statsMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

  // The memory plan as stored: arena tensors at their offsets, alive from their producer's step
  // to their last reader's (graph inputs from step 0, graph outputs to the end), plus each
  // operator's scratch during its own step.
  if (progress.report) progress.report(0.6, Tr::tr("Reading the stored memory plan"));
  timer.restart();
  axe::MemoryPlan& plan = doc.plan;
  const int steps = static_cast<int>(g.nodes.size());
  plan.algorithm = "as stored in the .axm";
  plan.schedule_algorithm = "graph order";
  for (int s = 0; s < steps; ++s) plan.schedule.push_back(s);
  plan.offset_of_value.assign(g.values.size(), -1);
  plan.alias_of_value.assign(g.values.size(), -1);
  plan.scratch_offset.assign(g.nodes.size(), -1);
  plan.scratch_bytes.assign(g.nodes.size(), 0);
  std::vector<int> lastUse(g.values.size(), -1);
  for (int s = 0; s < steps; ++s)
    for (int v : g.nodes[static_cast<size_t>(s)].inputs)
      if (v >= 0) lastUse[static_cast<size_t>(v)] = s;
  for (int v : g.outputs) lastUse[static_cast<size_t>(v)] = steps;
  std::vector<int> tensorOfValue(g.values.size(), -1);
  for (size_t i = 0; i < tensorCount; ++i) {
    const axm::Tensor& t = *tensors->Get(static_cast<flatbuffers::uoffset_t>(i));
    if (t.storage() != axm::Storage::Arena || t.size() == 0) continue;
    axe::PlannedTensor pt;
    pt.value = static_cast<int>(i);
    pt.name = g.values[i].name;
    pt.size = t.size();
    pt.offset = t.offset();
    const int producer = g.values[i].producer;
    pt.first_step = producer >= 0 ? producer : 0;
    pt.last_step = std::max(pt.first_step, lastUse[i]);
    plan.offset_of_value[i] = static_cast<int64_t>(t.offset());
    tensorOfValue[i] = static_cast<int>(plan.tensors.size());
    plan.tensors.push_back(std::move(pt));
  }
  // An output that overlaps one of its op's inputs in the arena was written in place.
  for (axe::PlannedTensor& pt : plan.tensors) {
    const int producer = g.values[static_cast<size_t>(pt.value)].producer;
    if (producer < 0) continue;
    for (int in : g.nodes[static_cast<size_t>(producer)].inputs) {
      const int ti = in >= 0 ? tensorOfValue[static_cast<size_t>(in)] : -1;
      if (ti < 0) continue;
      const axe::PlannedTensor& src = plan.tensors[static_cast<size_t>(ti)];
      if (src.offset < pt.offset + pt.size && pt.offset < src.offset + src.size) {
        pt.alias_of = src.value;
        pt.in_place = true;
        plan.alias_of_value[static_cast<size_t>(pt.value)] = src.value;
        break;
      }
    }
  }
  for (size_t i = 0; i < opCount; ++i) {
    const axm::Operator& op = *ops->Get(static_cast<flatbuffers::uoffset_t>(i));
    if (op.scratch_size() == 0) continue;
    axe::PlannedTensor pt;
    pt.scratch_node = static_cast<int>(i);
    pt.name = g.nodes[i].label() + "/scratch";
    pt.size = op.scratch_size();
    pt.offset = op.scratch_offset();
    pt.first_step = pt.last_step = static_cast<int>(i);
    plan.scratch_offset[i] = static_cast<int64_t>(op.scratch_offset());
    plan.scratch_bytes[i] = op.scratch_size();
    plan.tensors.push_back(std::move(pt));
  }
  // Peak: the highest byte any buffer reaches (the file's arena_size also covers alignment).
  // Lower bound: the most bytes alive at one step, counting a buffer shared in place once.
  std::vector<size_t> alive(static_cast<size_t>(steps) + 1, 0);
  for (const axe::PlannedTensor& pt : plan.tensors) {
    plan.peak_bytes = std::max(plan.peak_bytes, pt.offset + pt.size);
    plan.baseline_bytes += pt.size;
    for (int s = pt.first_step; s <= pt.last_step && s <= steps; ++s) {
      size_t live = pt.size;
      if (pt.alias_of >= 0 && s == pt.first_step) {
        const int ti = tensorOfValue[static_cast<size_t>(pt.alias_of)];
        if (ti >= 0 && plan.tensors[static_cast<size_t>(ti)].last_step == s)
          live = 0;  // counted with the input it overwrites
      }
      alive[static_cast<size_t>(s)] += live;
    }
  }
  for (size_t a : alive) plan.lower_bound_bytes = std::max(plan.lower_bound_bytes, a);
  plan.lower_bound_bytes = std::min(plan.lower_bound_bytes, plan.peak_bytes);
  doc.planMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  if (cancelled(progress)) return error->clear(), false;

  // Source texts: views translate them when they show them (QCoreApplication::translate with
  // the "AxmDocument" context), so that a language switch applies.
  doc.missing = {
      QStringLiteral(QT_TRANSLATE_NOOP(
          "AxmDocument",
          "The source graph: the .axm holds the compiled operators, after constant folding, "
          "BatchNorm folding and activation fusion (fused activations are shown as the "
          "'activation' attribute). Open the ONNX file to see the graph as exported.")),
      QStringLiteral(QT_TRANSLATE_NOOP("AxmDocument",
                                       "ONNX attributes, opsets and the IR version: the .axm "
                                       "keeps the resolved parameters (kernel, stride, pads, "
                                       "axes ...) only.")),
      QStringLiteral(QT_TRANSLATE_NOOP(
          "AxmDocument",
          "The planner that placed the arena: the memory page shows the stored offsets; "
          "comparing planners needs the ONNX file.")),
  };
  if (facts.preprocess.isEmpty())
    doc.missing << QStringLiteral(QT_TRANSLATE_NOOP(
        "AxmDocument",
        "Pre-processing: the file does not say how to turn an image into the input (convert "
        "with --resize/--color-order/--mean/--std to store it)."));

  if (progress.report)
    progress.report(0.7, Tr::tr("Laying out %n node(s)", nullptr, static_cast<int>(opCount)));
  if (!layoutDocument(&doc, progress.cancel)) return error->clear(), false;
  if (progress.report) progress.report(1.0, Tr::tr("Done"));
  *out = std::move(doc);
  return true;
}
