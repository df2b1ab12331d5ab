// The Profiling page: real host profiles of mnist-8 (1 and 2 threads) from the history, one run
// and grouped bars, sort and op filter, a bar click selecting the layer in the graph, the delta
// table, report export, "Profile now" off the GUI thread, a damaged history reported in the
// window; QAbstractItemModelTester on its models; screenshots.
#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QChart>
#include <QDir>
#include <QHorizontalBarSeries>
#include <QHorizontalPercentBarSeries>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPieSeries>
#include <QTemporaryDir>
#include <QtTest>

#include "error_banner.hpp"
#include "graph_page.hpp"
#include "graph_view.hpp"
#include "host_profile.hpp"
#include "main_window.hpp"
#include "model_loader.hpp"
#include "profile_page.hpp"
#include "run_history.hpp"
#include "run_models.hpp"
#include "studio_app.hpp"

namespace {

const QString kMnist = QStringLiteral(AXE_SHARED_MODELS_DIR "/mnist-8/mnist-8.onnx");

bool waitLoaded(MainWindow& window) {
  QSignalSpy ready(window.loader(), &ModelLoader::loadReady);
  QSignalSpy failed(window.loader(), &ModelLoader::loadFailed);
  QElapsedTimer timer;
  timer.start();
  while (ready.count() + failed.count() == 0 && timer.elapsed() < 60000) QTest::qWait(20);
  return ready.count() == 1;
}

QJsonObject profileMnist(int threads) {
  autox::HostProfileOptions o;
  o.model = kMnist.toStdString();
  o.input_dir = AXE_SHARED_MODELS_DIR "/mnist-8/ref/mnist-8/test_data_set_0";
  o.threads = threads;
  o.runs = 5;
  o.warmup = 1;
  nlohmann::ordered_json j;
  if (!autox::profile_on_host(o, &j)) return {};
  return QJsonDocument::fromJson(QByteArray::fromStdString(j.dump())).object();
}

QHorizontalBarSeries* layerSeries(ProfilePage* page) {
  const auto series = page->layerChart()->series();
  return series.size() == 1 ? qobject_cast<QHorizontalBarSeries*>(series.first()) : nullptr;
}

}  // namespace

class ProfilePageTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(data_.isValid());
    qputenv("AUTOX_DATA_DIR", data_.path().toLocal8Bit());
    RunHistory h;
    QVERIFY2(h.open(), qPrintable(h.errorString()));
    one_ = profileMnist(1);
    two_ = profileMnist(2);
    QVERIFY(!one_.isEmpty() && !two_.isEmpty());
    id1_ = h.add(one_, {QStringLiteral("1 thread")});
    id2_ = h.add(two_);
    QVERIFY(id1_ > 0 && id2_ > id1_);
  }

  void chartsDeltasAndSelection() {
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    window.openFile(kMnist);
    QVERIFY(waitLoaded(window));
    auto* page = window.findChild<ProfilePage*>();
    QVERIFY(page);
    QVERIFY(window.showPage(QStringLiteral("profiling")));
    QAbstractItemModelTester runTester(page->runModel(),
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester deltaTester(page->deltaModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    page->reloadRuns();
    QCOMPARE(page->runModel()->rowCount(), 2);

    // One run: one bar set, the layers slowest first, a pie per op type.
    page->setLayerLimit(100);
    page->selectRuns({id1_});
    const QJsonArray layers = one_.value(QStringLiteral("layers")).toArray();
    QHorizontalBarSeries* series = layerSeries(page);
    QVERIFY(series);
    QCOMPARE(series->count(), 1);
    QCOMPARE(series->barSets().first()->count(), layers.size());
    QCOMPARE(page->chartLayers().size(), layers.size());
    QHash<QString, double> ms;
    QHash<QString, int> graphIndex;
    QHash<QString, QString> op;
    for (const QJsonValue& v : layers) {
      const QJsonObject l = v.toObject();
      ms.insert(l.value(QStringLiteral("name")).toString(),
                l.value(QStringLiteral("median_ms")).toDouble());
      graphIndex.insert(l.value(QStringLiteral("name")).toString(),
                        l.value(QStringLiteral("index")).toInt());
      op.insert(l.value(QStringLiteral("name")).toString(),
                l.value(QStringLiteral("op")).toString());
    }
    const QStringList byTime = page->chartLayers();
    for (int i = 1; i < byTime.size(); ++i) QVERIFY(ms[byTime[i - 1]] >= ms[byTime[i]]);
    QCOMPARE(page->opChart()->series().size(), 1);
    QVERIFY(qobject_cast<QPieSeries*>(page->opChart()->series().first()));
    QCOMPARE(page->deltaModel()->rowCount(), 0);  // nothing to compare yet

    page->setSortByTime(false);
    const QStringList inOrder = page->chartLayers();
    for (int i = 1; i < inOrder.size(); ++i)
      QVERIFY(graphIndex[inOrder[i - 1]] < graphIndex[inOrder[i]]);
    page->setLayerLimit(5);
    QCOMPARE(page->chartLayers().size(), 5);  // the five slowest, in graph order
    for (const QString& n : page->chartLayers()) QVERIFY(byTime.mid(0, 5).contains(n));
    page->setLayerLimit(100);

    QVERIFY(page->opTypes().contains(QStringLiteral("Conv")));
    page->setOpFilter(QStringLiteral("Conv"));
    QVERIFY(!page->chartLayers().isEmpty());
    for (const QString& n : page->chartLayers()) QCOMPARE(op[n], QStringLiteral("Conv"));
    page->setOpFilter(QString());
    QCOMPARE(page->chartLayers().size(), layers.size());

    // A click on the top bar selects that layer in the graph.
    page->setSortByTime(true);
    series = layerSeries(page);
    QBarSet* set = series->barSets().first();
    emit set->clicked(set->count() - 1);  // the top row is the last value on a horizontal axis
    const QString top = page->chartLayers().first();
    QCOMPARE(window.graphPage()->view()->selectedNode(), graphIndex[top]);
    QVERIFY(page->statusText().contains(top));

    // Two runs: grouped bars, 100 % stacked op types, the delta table.
    page->selectRuns({id1_, id2_});
    QCOMPARE(page->selectedRuns(), (QList<qint64>{id1_, id2_}));
    series = layerSeries(page);
    QVERIFY(series);
    QCOMPARE(series->count(), 2);
    QVERIFY(qobject_cast<QHorizontalPercentBarSeries*>(page->opChart()->series().first()));
    QCOMPARE(page->deltaModel()->rowCount(), layers.size());
    QVERIFY(!page->deltaModel()->comparison().sharesOnly);
    QTest::qWait(50);
    const QString dir = QStringLiteral(AXE_STUDIO_SCREENSHOT_DIR "/en");
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(grabStudioPage(window, QStringLiteral("profiling"))
                .save(dir + QStringLiteral("/profiling_compare.png")));

    // The report: HTML with SVG charts, and the JSON beside it.
    const QString html = data_.path() + QStringLiteral("/report.html");
    QString error;
    QVERIFY2(page->exportReport(html, &error), qPrintable(error));
    QFile h(html);
    QVERIFY(h.open(QIODevice::ReadOnly));
    const QByteArray text = h.readAll();
    QCOMPARE(text.count("<svg "), 2);
    QFile j(data_.path() + QStringLiteral("/report.json"));
    QVERIFY(j.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(j.readAll()).object();
    QCOMPARE(json.value(QStringLiteral("layers")).toArray().size(), layers.size());
    QCOMPARE(json.value(QStringLiteral("profiles")).toArray().size(), 2);
  }

  void profileNowRunsOffTheGuiThread() {
    MainWindow window;
    window.show();
    window.openFile(kMnist);
    QVERIFY(waitLoaded(window));
    auto* page = window.findChild<ProfilePage*>();
    page->reloadRuns();
    const int before = page->runModel()->rowCount();
    QSignalSpy stored(page, &ProfilePage::profileStored);
    QSignalSpy failed(page, &ProfilePage::profileFailed);
    page->profileNow();
    QVERIFY(page->isProfiling());  // profileNow() returned while the worker runs
    QElapsedTimer timer;
    timer.start();
    while (stored.isEmpty() && failed.isEmpty() && timer.elapsed() < 120000) {
      QTest::qWait(5);
    }
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(stored.count(), 1);
    QCOMPARE(page->runModel()->rowCount(), before + 1);
    const qint64 id = stored.first().first().toLongLong();
    QVERIFY(page->selectedRuns().contains(id));
    RunHistory h;
    QVERIFY(h.open());
    RunRecord r;
    QVERIFY(h.get(id, &r));
    QCOMPARE(r.kind, QStringLiteral("host-profile"));
    QVERIFY(r.profile.value(QStringLiteral("warmup_excluded")).toBool());
    QVERIFY(h.remove(id));
  }

  void damagedHistoryIsReportedAndReplaced() {
    QTemporaryDir other;
    qputenv("AUTOX_DATA_DIR", other.path().toLocal8Bit());
    {
      QFile f(other.path() + QStringLiteral("/runs.sqlite"));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(QByteArray(4096, '\x42'));
    }
    {
      MainWindow window;
      window.show();
      auto* page = window.findChild<ProfilePage*>();
      QTRY_VERIFY(window.errorBanner()->isVisible());
      QVERIFY2(window.errorBanner()->message().contains(QStringLiteral("damaged")),
               qPrintable(window.errorBanner()->message()));
      QCOMPARE(page->runModel()->rowCount(), 0);
      QVERIFY(page->history());
    }
    QCOMPARE(
        QDir(other.path()).entryList({QStringLiteral("runs.sqlite.damaged-*")}, QDir::Files).size(),
        1);
    qputenv("AUTOX_DATA_DIR", data_.path().toLocal8Bit());
  }

 private:
  QTemporaryDir data_;
  QJsonObject one_, two_;
  qint64 id1_ = 0, id2_ = 0;
};

QTEST_MAIN(ProfilePageTest)
#include "profile_page_test.moc"
