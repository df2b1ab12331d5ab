// View models (QAbstractItemModelTester + golden dumps), exports, the layout and helpers.
#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

#include "graph_layout.hpp"
#include "layer_table_model.hpp"
#include "memory_plan_model.hpp"
#include "model_document.hpp"
#include "model_loader.hpp"

#include <onnx/onnx_pb.h>

namespace {

DocumentPtr loadDocument(const QString& path, const axe::Shape& shape = {}) {
  auto doc = std::make_shared<ModelDocument>();
  QString error;
  if (!buildModelDocument(path, shape, {}, doc.get(), &error)) {
    qWarning("%s", qPrintable(error));
    return nullptr;
  }
  return doc;
}

// Every cell's DisplayRole, tab-separated, with the header: what a golden file holds.
QString dumpModel(const QAbstractItemModel& model) {
  QString out;
  QStringList header;
  for (int c = 0; c < model.columnCount(); ++c)
    header << model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
  out += header.join(QLatin1Char('\t')) + QLatin1Char('\n');
  for (int r = 0; r < model.rowCount(); ++r) {
    QStringList row;
    for (int c = 0; c < model.columnCount(); ++c) row << model.data(model.index(r, c)).toString();
    out += row.join(QLatin1Char('\t')) + QLatin1Char('\n');
  }
  return out;
}

void compareGolden(const QString& actual, const QString& name) {
  const QString path = QStringLiteral(AXE_STUDIO_GOLDEN_DIR "/") + name;
  if (qEnvironmentVariableIsSet("AXE_UPDATE_GOLDEN")) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(actual.toUtf8());
    return;
  }
  QFile f(path);
  QVERIFY2(f.open(QIODevice::ReadOnly),
           qPrintable(path + QStringLiteral(" missing; run with AXE_UPDATE_GOLDEN=1")));
  const QString expected = QString::fromUtf8(f.readAll());
  if (actual != expected) {
    const QStringList a = actual.split(QLatin1Char('\n')), e = expected.split(QLatin1Char('\n'));
    for (int i = 0; i < std::min(a.size(), e.size()); ++i)
      if (a[i] != e[i])
        QFAIL(qPrintable(QStringLiteral("%1 line %2:\n  got      %3\n  expected %4")
                             .arg(name)
                             .arg(i + 1)
                             .arg(a[i], e[i])));
    QFAIL(qPrintable(
        QStringLiteral("%1: %2 lines, expected %3").arg(name).arg(a.size()).arg(e.size())));
  }
}

const QString kMnist = QStringLiteral(AXE_STUDIO_RESOURCES_DIR "/models/mnist-8/mnist-8.onnx");

// Converts `onnx` to an .axm in `dir` as `autox convert` does; "" on failure.
QString convertToAxm(const QString& onnx, const QString& dir, const axe::Shape& shape = {}) {
  axe::Model model;
  if (axe::Status s = axe::Model::load(onnx.toStdString(), &model); !s) {
    qWarning("%s", s.message().c_str());
    return {};
  }
  axe::AxmExportOptions options;
  if (!shape.empty()) options.input_shapes.push_back(shape);
  options.model_name = QFileInfo(onnx).completeBaseName().toStdString();
  options.source = QFileInfo(onnx).fileName().toStdString();
  options.producer = model.producer();
  options.labels = {"zero", "one"};
  options.preprocess.color_order = "GRAY";
  options.preprocess.scale = 1.0f / 255;
  axe::AxmExport out;
  if (axe::Status s = axe::export_axm(model.graph(), options, &out); !s) {
    qWarning("%s", s.message().c_str());
    return {};
  }
  // A name without .axm: the studio recognises the file by its identifier.
  const QString path =
      dir + QStringLiteral("/") + QFileInfo(onnx).completeBaseName() + QStringLiteral(".compiled");
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(reinterpret_cast<const char*>(out.bytes.data()), static_cast<qint64>(out.bytes.size()));
  return path;
}

// A residual chain of `blocks` Conv 1x1 + Relu + Add blocks (8 channels, 16x16): 3 nodes per
// block, so that import, passes and planning take long enough to cancel in the middle.
QString writeChainModel(const QString& dir, int blocks) {
  onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(13);
  onnx::GraphProto* g = m.mutable_graph();
  g->set_name("chain");
  auto* in = g->add_input();
  in->set_name("x");
  auto* tt = in->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(onnx::TensorProto::FLOAT);
  for (int d : {1, 8, 16, 16}) tt->mutable_shape()->add_dim()->set_dim_value(d);
  std::string prev = "x";
  for (int b = 0; b < blocks; ++b) {
    const std::string id = std::to_string(b);
    auto* w = g->add_initializer();
    w->set_name("w" + id);
    w->set_data_type(onnx::TensorProto::FLOAT);
    for (int d : {8, 8, 1, 1}) w->add_dims(d);
    for (int i = 0; i < 64; ++i)
      w->add_float_data(0.01f * static_cast<float>((i * 7 + b) % 13 - 6));
    auto add = [&](const char* op, std::vector<std::string> inputs, const std::string& out) {
      auto* n = g->add_node();
      n->set_op_type(op);
      n->set_name(out);
      for (const auto& i : inputs) n->add_input(i);
      n->add_output(out);
    };
    add("Conv", {prev, "w" + id}, "c" + id);
    add("Relu", {"c" + id}, "r" + id);
    add("Add", {"r" + id, prev}, "a" + id);
    prev = "a" + id;
  }
  auto* out = g->add_output();
  out->set_name(prev);
  out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  const QString path = dir + QStringLiteral("/chain.onnx");
  std::string bytes;
  m.SerializeToString(&bytes);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(bytes.data(), static_cast<qint64>(bytes.size()));
  return path;
}

}  // namespace

class StudioModelsTest : public QObject {
  Q_OBJECT
 private slots:
  void layerTableModel() {
    const DocumentPtr doc = loadDocument(kMnist);
    QVERIFY(doc);
    LayerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(doc);
    QCOMPARE(model.rowCount(), static_cast<int>(doc->graph().nodes.size()));
    compareGolden(dumpModel(model), QStringLiteral("mnist8_layers.txt"));
    // Totals agree with the engine's statistics.
    int64_t params = 0, macs = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
      params += model.data(model.index(r, LayerTableModel::Params), LayerTableModel::SortRole)
                    .toLongLong();
      macs += std::max<qlonglong>(
          0, model.data(model.index(r, LayerTableModel::Macs), LayerTableModel::SortRole)
                 .toLongLong());
    }
    QCOMPARE(params, doc->stats.params);
    QCOMPARE(macs, doc->stats.macs);
    model.setDocument(nullptr);
    QCOMPARE(model.rowCount(), 0);
  }

  void layerTableSortsNumerically() {
    const DocumentPtr doc = loadDocument(kMnist);
    QVERIFY(doc);
    LayerTableModel model;
    model.setDocument(doc);
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setSortRole(LayerTableModel::SortRole);
    proxy.sort(LayerTableModel::Macs, Qt::DescendingOrder);
    qlonglong previous = std::numeric_limits<qlonglong>::max();
    for (int r = 0; r < proxy.rowCount(); ++r) {
      const qlonglong v =
          proxy.data(proxy.index(r, LayerTableModel::Macs), LayerTableModel::SortRole).toLongLong();
      QVERIFY(v <= previous);
      previous = v;
    }
    QCOMPARE(proxy.data(proxy.index(0, LayerTableModel::Op)).toString(), QStringLiteral("Conv"));
    proxy.setFilterKeyColumn(LayerTableModel::Op);
    proxy.setFilterFixedString(QStringLiteral("Conv"));
    QCOMPARE(proxy.rowCount(), doc->stats.op_histogram.at("Conv"));

    // CSV and JSON export what the proxy shows, with raw numbers.
    const QStringList lines = tableToCsv(&proxy).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), proxy.rowCount() + 1);
    QVERIFY(lines[0].startsWith(QStringLiteral("#,Name,Op,Output shape,Params,MACs")));
    const QJsonArray rows = QJsonDocument::fromJson(tableToJson(&proxy)).array();
    QCOMPARE(rows.size(), proxy.rowCount());
    const qlonglong firstMacs =
        proxy.data(proxy.index(0, LayerTableModel::Macs), LayerTableModel::SortRole).toLongLong();
    QCOMPARE(rows[0].toObject().value(QStringLiteral("MACs")).toInteger(), firstMacs);
  }

  void memoryPlanModel() {
    const DocumentPtr doc = loadDocument(kMnist);
    QVERIFY(doc);
    QVERIFY2(doc->planError.isEmpty(), qPrintable(doc->planError));
    MemoryPlanModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(doc);
    QCOMPARE(model.rowCount(), static_cast<int>(doc->plan.tensors.size()));
    QVERIFY(model.rowCount() > 0);
    compareGolden(dumpModel(model), QStringLiteral("mnist8_memory.txt"));
    for (int r = 0; r < model.rowCount(); ++r) {
      const int producer = model.data(model.index(r, 0), MemoryPlanModel::NodeRole).toInt();
      QVERIFY(producer >= 0 && producer < static_cast<int>(doc->graph().nodes.size()));
      const qlonglong end =
          model.data(model.index(r, MemoryPlanModel::Offset), MemoryPlanModel::SortRole)
              .toLongLong() +
          model.data(model.index(r, MemoryPlanModel::Size), MemoryPlanModel::SortRole).toLongLong();
      QVERIFY(end <= static_cast<qlonglong>(doc->plan.peak_bytes));
    }
  }

  // An .axm opens like an ONNX file: the same parameters, weights and MACs, the compiled
  // operators, the stored arena; golden dumps of its layer and memory tables.
  void axmDocument() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString axm = convertToAxm(kMnist, dir.path());
    QVERIFY(!axm.isEmpty());
    QVERIFY(isAxmFile(axm));
    QVERIFY(!isAxmFile(kMnist));
    const DocumentPtr onnx = loadDocument(kMnist);
    const DocumentPtr doc = loadDocument(axm);
    QVERIFY(onnx && doc);
    QVERIFY(doc->isAxm());
    QVERIFY(!doc->model);
    // The same float weights (the ONNX also counts Reshape's int64 shape input, which the
    // compiler resolves into the operator).
    auto floatWeights = [](const axe::Graph& g) {
      std::set<int> read;
      for (const axe::Node& node : g.nodes)
        for (int v : node.inputs)
          if (v >= 0 && g.values[static_cast<size_t>(v)].constant &&
              g.values[static_cast<size_t>(v)].constant->dtype() == axe::DType::kFloat32)
            read.insert(v);
      int64_t n = 0;
      for (int v : read) n += g.values[static_cast<size_t>(v)].constant->numel();
      return n;
    };
    QCOMPARE(floatWeights(doc->graph()), floatWeights(onnx->graph()));
    QVERIFY(doc->stats.params <= onnx->stats.params);
    QCOMPARE(doc->stats.macs, onnx->stats.macs);
    QVERIFY(doc->stats.macs_complete);
    QCOMPARE(doc->graph().inputs.size(), onnx->graph().inputs.size());
    QCOMPARE(doc->valueTypeString(doc->graph().inputs[0]),
             onnx->valueTypeString(onnx->graph().inputs[0]));
    QCOMPARE(doc->axm.modelName, QStringLiteral("mnist-8"));
    QCOMPARE(doc->axm.source, QStringLiteral("mnist-8.onnx"));
    QCOMPARE(doc->axm.labels, QStringList({QStringLiteral("zero"), QStringLiteral("one")}));
    QVERIFY2(doc->axm.preprocess.contains(QStringLiteral("GRAY")), qPrintable(doc->axm.preprocess));
    QVERIFY(doc->axm.arenaBytes > 0 && doc->axm.runtimeArena >= doc->axm.arenaBytes);
    // The stored plan: every buffer inside the arena, nothing alive at one step overlapping
    // unless written in place, the lower bound under the peak.
    const axe::MemoryPlan& plan = doc->plan;
    QVERIFY(!plan.tensors.empty());
    QVERIFY(plan.peak_bytes <= static_cast<size_t>(doc->axm.arenaBytes));
    QVERIFY(plan.lower_bound_bytes <= plan.peak_bytes && plan.lower_bound_bytes > 0);
    for (size_t i = 0; i < plan.tensors.size(); ++i)
      for (size_t j = i + 1; j < plan.tensors.size(); ++j) {
        const axe::PlannedTensor &a = plan.tensors[i], &b = plan.tensors[j];
        const bool timeOverlap = a.first_step <= b.last_step && b.first_step <= a.last_step;
        const bool byteOverlap = a.offset < b.offset + b.size && b.offset < a.offset + a.size;
        if (timeOverlap && byteOverlap)
          QVERIFY2((b.alias_of >= 0 && b.alias_of == a.value) ||
                       (a.alias_of >= 0 && a.alias_of == b.value),
                   qPrintable(QString::fromStdString(a.name + " / " + b.name)));
      }
    // Weights are there: the inspector's statistics come from the file's blob.
    int weight = -1;
    for (size_t v = 0; v < doc->graph().values.size(); ++v)
      if (doc->graph().values[v].constant && doc->graph().values[v].constant->numel() > 100) {
        weight = static_cast<int>(v);
        break;
      }
    QVERIFY(weight >= 0);
    const WeightStats st =
        computeWeightStats(*doc->graph().values[static_cast<size_t>(weight)].constant);
    QVERIFY(st.numeric && st.max > st.min && st.stddev > 0);
    QVERIFY(!doc->missing.isEmpty());
    // A conv shows its resolved geometry and the fused activation where the compiler fused one.
    bool convWithKernel = false;
    for (const axe::Node& n : doc->graph().nodes)
      if (n.op == AXE_OP_CONV && n.attr("kernel") && n.attr("kernel")->ints.back() == 5)
        convWithKernel = true;
    QVERIFY(convWithKernel);
    QVERIFY(!doc->layout.nodeRects.empty());
    QCOMPARE(doc->viewNodes.size(),
             doc->graph().nodes.size() + doc->graph().inputs.size() + doc->graph().outputs.size());

    LayerTableModel layers;
    QAbstractItemModelTester t1(&layers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    layers.setDocument(doc);
    compareGolden(dumpModel(layers), QStringLiteral("mnist8_axm_layers.txt"));
    MemoryPlanModel memory;
    QAbstractItemModelTester t2(&memory, QAbstractItemModelTester::FailureReportingMode::QtTest);
    memory.setDocument(doc);
    compareGolden(dumpModel(memory), QStringLiteral("mnist8_axm_memory.txt"));

    // Replanning needs the source graph: a clear refusal, not a crash.
    ModelDocument replanned;
    QString error;
    QVERIFY(!replanDocument(*doc, QStringLiteral("best"), &replanned, &error));
    QVERIFY2(error.contains(QStringLiteral("ONNX")), qPrintable(error));
  }

  // Cancel takes effect within 100 ms at any stage of a long load (the loader lets go of the
  // worker at once; the worker stops at its next check), the result never arrives, and the
  // next load works while the abandoned worker winds down.
  void cancelStopsABigLoadQuickly() {
    QTemporaryDir dir;
    const QString path = writeChainModel(dir.path(), 4000);
    QVERIFY(!path.isEmpty());
    ModelLoader loader;
    // The stages as the loader reports them, and how long a whole load takes.
    QStringList stages;
    QElapsedTimer whole;
    {
      QSignalSpy ready(&loader, &ModelLoader::loadReady);
      connect(&loader, &ModelLoader::progress, this,
              [&](double, const QString& stage) { stages << stage; });
      whole.start();
      loader.load(path);
      QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 120000);
      disconnect(&loader, &ModelLoader::progress, this, nullptr);
    }
    const qint64 wholeMs = whole.elapsed();
    QVERIFY(stages.size() >= 4);
    qInfo("whole load of %s: %lld ms (stages: %s)", qPrintable(path), wholeMs,
          qPrintable(stages.join(QStringLiteral(" | "))));
    // Cancel in each stage: wait for that stage's progress report, then cancel.
    for (int stage = 0; stage < 4; ++stage) {
      QSignalSpy ready(&loader, &ModelLoader::loadReady);
      QSignalSpy cancelled(&loader, &ModelLoader::loadCancelled);
      int seen = -1;
      QElapsedTimer t;
      // Cancel from the handler of that stage's report, before any later event is processed.
      auto c = connect(&loader, &ModelLoader::progress, this, [&](double, const QString&) {
        if (++seen == stage) {
          t.start();
          loader.cancel();
        }
      });
      qint64 signalMs = -1;
      auto c2 =
          connect(&loader, &ModelLoader::loadCancelled, this, [&] { signalMs = t.elapsed(); });
      loader.load(path);
      QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 120000);
      QVERIFY(!loader.isBusy());
      QTRY_COMPARE_WITH_TIMEOUT(loader.pendingWorkers(), 0, 120000);
      const qint64 workerMs = t.elapsed();
      disconnect(c);
      disconnect(c2);
      QTest::qWait(50);
      QCOMPARE(ready.count(), 0);
      qInfo("cancel during '%s': cancelled after %lld ms, worker returned after %lld ms",
            qPrintable(stages.value(stage)), signalMs, workerMs);
      QVERIFY(signalMs >= 0 && signalMs < 100);
    }
    // Cancel, then open another model at once: it arrives although the first worker may still
    // be inside an engine stage.
    QSignalSpy ready(&loader, &ModelLoader::loadReady);
    loader.load(path);
    QTest::qWait(30);
    loader.cancel();
    loader.load(kMnist);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
    QCOMPARE(ready.at(0).at(0).value<DocumentPtr>()->path, kMnist);
  }

  // A damaged .axm is refused with the runtime loader's message.
  void truncatedAxmGivesTheRuntimeError() {
    QTemporaryDir dir;
    const QString axm = convertToAxm(kMnist, dir.path());
    QVERIFY(!axm.isEmpty());
    QFile f(axm);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.resize(f.size() / 2));
    f.close();
    ModelDocument doc;
    QString error;
    QVERIFY(!buildModelDocument(axm, {}, {}, &doc, &error));
    QVERIFY2(error.contains(axm) && error.contains(QStringLiteral(".axm")), qPrintable(error));
  }

  void badFileGivesTheEngineError() {
    QTemporaryFile file(QDir::tempPath() + QStringLiteral("/corrupt-XXXXXX.onnx"));
    QVERIFY(file.open());
    file.write("this is not a protobuf \x01\x02\x03");
    file.close();
    ModelDocument doc;
    QString error;
    QVERIFY(!buildModelDocument(file.fileName(), {}, {}, &doc, &error));
    QVERIFY2(error.contains(file.fileName()), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
  }

  void inputShapeBindsUnknownDims() {
    const QString rec =
        QStringLiteral(AXE_SHARED_MODELS_DIR "/ppocr-v4/ch_PP-OCRv4_rec_infer.onnx");
    if (!QFile::exists(rec)) QSKIP("PP-OCRv4 rec not available");
    const DocumentPtr open = loadDocument(rec);
    QVERIFY(open);
    QVERIFY(!open->unknownInputs.isEmpty());
    const DocumentPtr bound = loadDocument(rec, {1, 3, 48, 320});
    QVERIFY(bound);
    QVERIFY(bound->unknownInputs.isEmpty());
    QVERIFY(bound->stats.macs_complete);
    QVERIFY(bound->stats.macs > open->stats.macs);
    QVERIFY(bound->plan.peak_bytes > 0);
  }

  void parseShapes() {
    axe::Shape s;
    QVERIFY(parseShape(QStringLiteral("1x3x48x320"), &s));
    QCOMPARE(s, (axe::Shape{1, 3, 48, 320}));
    QVERIFY(!parseShape(QStringLiteral("1x3x?"), &s));
    QVERIFY(!parseShape(QStringLiteral(""), &s));
    QVERIFY(!parseShape(QStringLiteral("0x3"), &s));
  }

  void weightStats() {
    axe::Tensor t(axe::DType::kFloat32, {4});
    float* p = t.data<float>();
    p[0] = -1;
    p[1] = 0;
    p[2] = 1;
    p[3] = 4;
    const WeightStats st = computeWeightStats(t);
    QVERIFY(st.numeric);
    QCOMPARE(st.min, -1.0);
    QCOMPARE(st.max, 4.0);
    QCOMPARE(st.mean, 1.0);
    QCOMPARE(st.sparsity, 0.25);
    QVERIFY(qFuzzyCompare(st.stddev, std::sqrt(18.0 / 4 - 1)));
    QCOMPARE(std::accumulate(st.histogram.begin(), st.histogram.end(), 0), 4);
    QCOMPARE(st.histogram.front(), 1);
    QCOMPARE(st.histogram.back(), 1);
  }

  void layoutIsLayeredAndDisjoint() {
    const LayoutInput in = makeSyntheticGraph(2000, 7);
    const GraphLayout g = layoutGraph(in);
    QCOMPARE(g.nodeRects.size(), in.sizes.size());
    QCOMPARE(g.edges.size(), in.edges.size());
    for (const auto& [a, b] : in.edges)
      QVERIFY(g.nodeLayer[static_cast<size_t>(b)] > g.nodeLayer[static_cast<size_t>(a)]);
    for (const auto& layer : g.nodesInLayer)
      for (size_t i = 1; i < layer.size(); ++i) {
        const QRectF& left = g.nodeRects[static_cast<size_t>(layer[i - 1])];
        const QRectF& right = g.nodeRects[static_cast<size_t>(layer[i])];
        QVERIFY2(left.right() <= right.left() + 1e-6,
                 "nodes of a layer overlap or are out of order");
      }
    for (const EdgeRoute& e : g.edges) {
      QVERIFY(e.points.size() >= 2);
      for (size_t i = 1; i < e.points.size(); ++i) QVERIFY(e.points[i].y() > e.points[i - 1].y());
    }
    for (const QRectF& r : g.nodeRects) QVERIFY(g.bounds.adjusted(-1, -1, 1, 1).contains(r));
  }
};

QTEST_GUILESS_MAIN(StudioModelsTest)
#include "studio_models_test.moc"
