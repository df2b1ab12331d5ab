// The run history (SQLite): store, list, filter, tag, delete, export/import, survive a restart,
// recover from a damaged file; comparisons and their reports; the item models
// (QAbstractItemModelTester); the host per-layer profiler on a real model.
#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "host_profile.hpp"
#include "run_compare.hpp"
#include "run_history.hpp"
#include "run_models.hpp"

namespace {

// A host-style profile with the given per-layer times.
QJsonObject hostProfile(const QList<std::tuple<QString, QString, double>>& layers, int threads) {
  QJsonArray arr;
  double sum = 0;
  for (const auto& [name, op, ms] : layers) {
    arr.append(QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("op"), op},
                           {QStringLiteral("median_ms"), ms}});
    sum += ms;
  }
  return QJsonObject{{QStringLiteral("kind"), QStringLiteral("host-profile")},
                     {QStringLiteral("model"), QStringLiteral("/models/net.onnx")},
                     {QStringLiteral("model_sha256"), QStringLiteral("ab12")},
                     {QStringLiteral("quantization"), QStringLiteral("float32")},
                     {QStringLiteral("engine"), QStringLiteral("0.1.0")},
                     {QStringLiteral("board"), QStringLiteral("host")},
                     {QStringLiteral("threads"), threads},
                     {QStringLiteral("date"), QStringLiteral("2026-11-25T07:00:00+00:00")},
                     {QStringLiteral("unit"), QStringLiteral("ms")},
                     {QStringLiteral("median_ms"), sum * 1.01},
                     {QStringLiteral("layers"), arr}};
}

QJsonObject boardProfile(const QList<std::pair<QString, double>>& layers) {
  QJsonArray arr;
  for (const auto& [name, cycles] : layers)
    arr.append(QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("op"), QString()},
                           {QStringLiteral("cycles"), cycles}});
  return QJsonObject{{QStringLiteral("kind"), QStringLiteral("board-profile")},
                     {QStringLiteral("board"), QStringLiteral("mps2-an386")},
                     {QStringLiteral("clock_hz"), 25000000},
                     {QStringLiteral("threads"), 1},
                     {QStringLiteral("unit"), QStringLiteral("cycles")},
                     {QStringLiteral("layers"), arr}};
}

RunFilter by(QString RunFilter::*field, const QString& value) {
  RunFilter f;
  f.*field = value;
  return f;
}

}  // namespace

class HistoryTest : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    QVERIFY(dir_.isValid());
    path_ = dir_.path() + QStringLiteral("/runs-%1.sqlite").arg(++counter_);
  }

  void defaultPathFollowsEnvironment() {
    qputenv("AUTOX_DATA_DIR", dir_.path().toLocal8Bit());
    QCOMPARE(RunHistory::defaultPath(), dir_.path() + QStringLiteral("/runs.sqlite"));
    qunsetenv("AUTOX_DATA_DIR");
    QVERIFY(RunHistory::defaultPath().endsWith(QStringLiteral("/autox/runs.sqlite")));
  }

  void storeListFilterTagDelete() {
    RunHistory h(path_);
    QVERIFY2(h.open(), qPrintable(h.errorString()));
    QVERIFY(h.recoveryMessage().isEmpty());
    const qint64 a = h.add(hostProfile({{"conv", "Conv", 2.0}}, 1), {QStringLiteral("base")});
    const qint64 b = h.add(boardProfile({{"conv", 100}}));
    QVERIFY(a > 0 && b > a);
    QCOMPARE(h.add(QJsonObject{{QStringLiteral("layers"), QJsonArray()}}), 0);  // no kind
    QVERIFY(h.errorString().contains(QStringLiteral("kind")));
    QList<RunRecord> all = h.list();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].id, b);  // newest first
    QCOMPARE(all[1].tags, QStringList{QStringLiteral("base")});
    QCOMPARE(all[1].threads, 1);
    QCOMPARE(all[1].board, QStringLiteral("host"));
    QCOMPARE(all[1].modelSha256, QStringLiteral("ab12"));
    QCOMPARE(all[1].layerCount, 1);
    QCOMPARE(all[0].medianMs, -1.0);  // a board counting cycles has no time
    QCOMPARE(h.list(by(&RunFilter::board, QStringLiteral("host"))).size(), 1);
    QCOMPARE(h.list(by(&RunFilter::kind, QStringLiteral("board-profile"))).first().id, b);
    QCOMPARE(h.list(by(&RunFilter::tag, QStringLiteral("base"))).first().id, a);
    QCOMPARE(h.list(by(&RunFilter::text, QStringLiteral("mps2"))).first().id, b);
    QCOMPARE(h.list(by(&RunFilter::model, QStringLiteral("net.onnx"))).size(), 1);
    QVERIFY(h.addTags(b, {QStringLiteral("qemu"), QStringLiteral("m4")}));
    QCOMPARE(h.list(by(&RunFilter::tag, QStringLiteral("qemu"))).first().tags,
             (QStringList{QStringLiteral("m4"), QStringLiteral("qemu")}));
    QVERIFY(h.removeTags(b, {QStringLiteral("m4")}));
    RunRecord r;
    QVERIFY(h.get(b, &r));
    QCOMPARE(r.tags, QStringList{QStringLiteral("qemu")});
    QCOMPARE(r.profile.value(QStringLiteral("layers")).toArray().size(), 1);
    QVERIFY(h.remove(a));
    QVERIFY(!h.get(a, &r));
    QVERIFY(h.errorString().contains(QStringLiteral("no run #%1").arg(a)));
    QVERIFY(!h.remove(a));
    QCOMPARE(h.list().size(), 1);
    QVERIFY(
        h.list(by(&RunFilter::tag, QStringLiteral("base"))).isEmpty());  // its tags went with it
  }

  void survivesRestart() {
    qint64 id = 0;
    {
      RunHistory h(path_);
      QVERIFY(h.open());
      id = h.add(hostProfile({{"a", "Conv", 1.5}, {"b", "Relu", 0.25}}, 2),
                 {QStringLiteral("kept")});
      QVERIFY(id > 0);
    }
    RunHistory again(path_);
    QVERIFY(again.open());
    QVERIFY(again.recoveryMessage().isEmpty());
    RunRecord r;
    QVERIFY(again.get(id, &r));
    QCOMPARE(r.threads, 2);
    QCOMPARE(r.tags, QStringList{QStringLiteral("kept")});
    QCOMPARE(r.profile.value(QStringLiteral("layers"))
                 .toArray()[1]
                 .toObject()
                 .value(QStringLiteral("median_ms")),
             QJsonValue(0.25));
  }

  void damagedFileIsMovedAsideAndReplaced_data() {
    QTest::addColumn<bool>("garbageOnly");
    QTest::newRow("not a database") << true;
    QTest::newRow("header overwritten") << false;
  }

  void damagedFileIsMovedAsideAndReplaced() {
    QFETCH(bool, garbageOnly);
    QByteArray bytes;
    if (garbageOnly) {
      bytes = QByteArray(8192, 'x');
    } else {
      {
        RunHistory h(path_);
        QVERIFY(h.open());
        for (int i = 0; i < 20; ++i) QVERIFY(h.add(hostProfile({{"a", "Conv", 1.0 * i}}, 1)));
      }
      QFile f(path_);
      QVERIFY(f.open(QIODevice::ReadOnly));
      bytes = f.readAll();
      for (int i = 0; i < 100; ++i) bytes[i] = static_cast<char>(0xA5);
    }
    {
      QFile f(path_);
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      f.write(bytes);
    }
    RunHistory h(path_);
    QVERIFY2(h.open(), qPrintable(h.errorString()));
    QVERIFY2(h.recoveryMessage().contains(QStringLiteral("damaged")),
             qPrintable(h.recoveryMessage()));
    const QStringList aside =
        QDir(dir_.path())
            .entryList({QFileInfo(path_).fileName() + QStringLiteral(".damaged-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QVERIFY(h.recoveryMessage().contains(aside.first()));
    QFile moved(dir_.path() + QLatin1Char('/') + aside.first());
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QCOMPARE(moved.readAll(), bytes);  // kept as it was, for the user to inspect
    QVERIFY(h.list().isEmpty());
    QVERIFY(h.add(hostProfile({{"a", "Conv", 1.0}}, 1)) > 0);
    RunHistory again(path_);
    QVERIFY(again.open());
    QVERIFY(again.recoveryMessage().isEmpty());
    QCOMPARE(again.list().size(), 1);
  }

  void exportImportRoundTrip() {
    RunHistory h(path_);
    QVERIFY(h.open());
    const qint64 a = h.add(hostProfile({{"a", "Conv", 1.0}}, 1), {QStringLiteral("x")});
    h.add(boardProfile({{"a", 10}}));
    const QJsonObject doc = h.exportJson();
    QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("autox-runs"));
    QCOMPARE(doc.value(QStringLiteral("runs")).toArray().size(), 2);
    QCOMPARE(h.exportJson({a}).value(QStringLiteral("runs")).toArray().size(), 1);
    RunHistory other(path_ + QStringLiteral(".other"));
    QVERIFY(other.open());
    QCOMPARE(other.importJson(doc), 2);
    const QList<RunRecord> runs = other.list();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[1].tags, QStringList{QStringLiteral("x")});
    QCOMPARE(runs[0].kind, QStringLiteral("board-profile"));
    QCOMPARE(other.importJson(hostProfile({{"z", "Add", 1}}, 4)), 1);  // one profile document
    QCOMPARE(other.importJson(QJsonObject{{QStringLiteral("hello"), 1}}), -1);
    QVERIFY(other.errorString().contains(QStringLiteral("autox-runs")));
  }

  void compareSameUnit() {
    const QJsonObject a =
        hostProfile({{"c1", "Conv", 4.0}, {"r1", "Relu", 1.0}, {"c2", "Conv", 2.0}}, 1);
    const QJsonObject b =
        hostProfile({{"c1", "Conv", 2.0}, {"r1", "Relu", 1.5}, {"c3", "Conv", 1.0}}, 2);
    const RunComparison c = compareProfiles(a, b, QStringLiteral("#1"), QStringLiteral("#2"));
    QCOMPARE(c.unit, QStringLiteral("ms"));
    QVERIFY(!c.sharesOnly);
    QCOMPARE(c.totalA, 7.0);
    QCOMPARE(c.totalB, 4.5);
    QCOMPARE(c.layers.size(), 4);  // c1, r1, c2 (only A), c3 (only B)
    QCOMPARE(c.unmatched, 2);
    QCOMPARE(c.layers[0].delta, -2.0);
    QCOMPARE(c.layers[0].ratio, 0.5);
    QCOMPARE(c.layers[2].indexB, -1);
    QCOMPARE(c.layers[3].indexA, -1);
    QCOMPARE(c.layers[c.biggest.first()].name, QStringLiteral("c1"));  // |-2| is the largest
    QCOMPARE(c.ops.first().op, QStringLiteral("Conv"));
    QCOMPARE(c.ops.first().a, 6.0);
    QCOMPARE(c.ops.first().b, 3.0);
    QCOMPARE(c.ops.first().layers, 3);
    const QString csv = comparisonCsv(c);
    QCOMPARE(csv.count(QLatin1Char('\n')), 5);
    QVERIFY(csv.startsWith(QStringLiteral("name,op,index_a,index_b,a_ms")));
    QVERIFY(comparisonText(c).contains(QStringLiteral("biggest changes")));
  }

  void compareDifferentUnitsUsesShares() {
    const QJsonObject a = hostProfile({{"l0", "Conv", 3.0}, {"l1", "Add", 1.0}}, 1);
    const QJsonObject b = boardProfile({{"l0", 100}, {"l1", 300}});
    const RunComparison c = compareProfiles(a, b, QStringLiteral("host"), QStringLiteral("qemu"));
    QVERIFY(c.sharesOnly);
    QCOMPARE(c.unit, QStringLiteral("%"));
    QCOMPARE(c.layers[0].a, 75.0);
    QCOMPARE(c.layers[0].b, 25.0);
    QCOMPARE(c.layers[1].delta, 50.0);
    QCOMPARE(c.ops.size(), 2);
  }

  void compareByPositionWhenNoNameMatches() {
    const QJsonObject a = hostProfile({{"x", "Conv", 3.0}, {"y", "Add", 1.0}}, 1);
    const QJsonObject b = boardProfile({{"layer_0", 10}, {"layer_1", 30}});
    const RunComparison c = compareProfiles(a, b, QStringLiteral("a"), QStringLiteral("b"));
    QCOMPARE(c.layers.size(), 2);
    QCOMPARE(c.unmatched, 0);
    QCOMPARE(c.layers[1].indexB, 1);
  }

  void htmlReportEmbedsSvgAndJson() {
    const QJsonObject a = hostProfile({{"c1", "Conv", 4.0}, {"r<1>", "Relu", 1.0}}, 1);
    const QJsonObject b = hostProfile({{"c1", "Conv", 3.0}, {"r<1>", "Relu", 1.0}}, 2);
    const RunComparison c = compareProfiles(a, b, QStringLiteral("#1"), QStringLiteral("#2"));
    const QString html = comparisonHtml(c);
    QCOMPARE(html.count(QStringLiteral("<svg ")), 2);
    QVERIFY(html.contains(QStringLiteral("r&lt;1&gt;")));  // names are escaped
    QVERIFY(!html.contains(QStringLiteral(">r<1>")));
    const QRegularExpression script(
        QStringLiteral("<script type='application/json' id='comparison'>\\n(.*)</script>"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = script.match(html);
    QVERIFY(m.hasMatch());
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(m.captured(1).toUtf8(), &err);
    QVERIFY2(!doc.isNull(), qPrintable(err.errorString()));
    QCOMPARE(doc.object(), comparisonJson(c));
    // Two bars per layer row in the layer chart (A and B).
    QCOMPARE(layerBarsSvg(c).count(QStringLiteral("<rect x='260'")), 4);
  }

  void itemModels() {
    RunHistory h(path_);
    QVERIFY(h.open());
    h.add(hostProfile({{"c1", "Conv", 4.0}}, 1), {QStringLiteral("t")});
    h.add(boardProfile({{"c1", 10}}));
    RunListModel runs;
    QAbstractItemModelTester runTester(&runs,
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
    runs.setRuns(h.list());
    QCOMPARE(runs.rowCount(), 2);
    QCOMPARE(runs.columnCount(), static_cast<int>(RunListModel::ColumnCount));
    QCOMPARE(runs.data(runs.index(1, RunListModel::Median)).toString(), QStringLiteral("4.040 ms"));
    QCOMPARE(runs.data(runs.index(0, RunListModel::Median)).toString(), QStringLiteral("(cycles)"));
    QCOMPARE(runs.data(runs.index(1, RunListModel::Tags)).toString(), QStringLiteral("t"));
    QCOMPARE(runs.rowOfId(runs.data(runs.index(1, 0), Qt::UserRole).toLongLong()), 1);
    runs.setRuns({});
    QCOMPARE(runs.rowCount(), 0);

    LayerDeltaModel deltas;
    QAbstractItemModelTester deltaTester(&deltas,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    deltas.setComparison(compareProfiles(hostProfile({{"c1", "Conv", 4.0}, {"a", "Add", 1}}, 1),
                                         hostProfile({{"c1", "Conv", 5.0}}, 1),
                                         QStringLiteral("#1"), QStringLiteral("#2")));
    QCOMPARE(deltas.rowCount(), 2);
    QCOMPARE(deltas.data(deltas.index(0, LayerDeltaModel::Delta)).toString(),
             QStringLiteral("+1.000 ms"));
    QCOMPARE(deltas.data(deltas.index(1, LayerDeltaModel::B)).toString(), QStringLiteral("—"));
    QCOMPARE(deltas.data(deltas.index(0, LayerDeltaModel::Ratio), Qt::UserRole).toDouble(), 1.25);
    QCOMPARE(deltas.headerData(LayerDeltaModel::A, Qt::Horizontal).toString(),
             QStringLiteral("A #1"));
    deltas.clear();
    QCOMPARE(deltas.rowCount(), 0);
  }

  void hostProfileReconcilesLayersWithWallTime() {
    autox::HostProfileOptions o;
    o.model = AXE_SHARED_MODELS_DIR "/mnist-8/mnist-8.onnx";
    o.input_dir = AXE_SHARED_MODELS_DIR "/mnist-8/ref/mnist-8/test_data_set_0";
    o.runs = 15;
    o.warmup = 2;
    nlohmann::ordered_json j;
    int calls = 0;
    axe::Status s = autox::profile_on_host(o, &j, [&](double) { return ++calls > 0; });
    QVERIFY2(s, s.message().c_str());
    QCOMPARE(calls, 17);
    QVERIFY(j["warmup_excluded"].get<bool>());
    QCOMPARE(j["warmup"].get<int>(), 2);
    QCOMPARE(j["model_sha256"].get<std::string>().size(), size_t{64});
    QCOMPARE(j["quantization"].get<std::string>(), std::string("float32"));
    const auto& layers = j["layers"];
    QVERIFY(layers.size() >= 8);  // mnist-8: convs, pools, matmul, adds after the passes
    double sum = 0;
    for (const auto& l : layers) {
      QVERIFY(l.contains("name") && l.contains("op") && l.contains("median_ms"));
      QVERIFY(l["median_ms"].get<double>() > 0);
      sum += l["share"].get<double>();
    }
    QVERIFY(std::abs(sum - 1.0) < 1e-9);
    const double wall = j["profiled_median_ms"].get<double>();
    const double layerSum = j["layer_sum_ms"].get<double>();
    QVERIFY(layerSum > 0 && layerSum <= wall);
    // The layers account for the run: what is left is the framework's own work.
    QVERIFY2(wall - layerSum < 0.25 * wall,
             qPrintable(QStringLiteral("layers %1 ms of %2 ms").arg(layerSum).arg(wall)));
    QCOMPARE(j["framework_overhead_ms"].get<double>(), wall - layerSum);
    bool conv = false;
    for (const auto& l : layers)
      if (l["op"] == "Conv") {
        conv = true;
        QVERIFY(l["macs"].get<int64_t>() > 0);
        QVERIFY(l["gmacs_per_s"].get<double>() > 0);
      }
    QVERIFY(conv);
    // Cancelling stops with a message.
    s = autox::profile_on_host(o, &j, [](double) { return false; });
    QVERIFY(!s);
    QVERIFY(s.message().find("cancelled") != std::string::npos);
  }

 private:
  QTemporaryDir dir_;
  QString path_;
  int counter_ = 0;
};

QTEST_MAIN(HistoryTest)
#include "history_test.moc"
