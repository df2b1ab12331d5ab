// The live preview's Qt pieces without widgets: the detection and stage-timing view models under
// QAbstractItemModelTester, the LiveSession's threads (newest frame wins, stale frames dropped,
// frame age bounded, stop), and a post-processing plugin loaded by the PluginManager joining the
// decoder registry.
#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

#include "autox/postprocess_plugin.hpp"
#include "demo_clip.hpp"
#include "detection_table_model.hpp"
#include "live_session.hpp"
#include "plugin_manager.hpp"
#include "registry.hpp"
#include "stage_timing_model.hpp"

namespace {

autox::post::Result result(int boxes, int classes) {
  autox::post::Result r;
  for (int i = 0; i < boxes; ++i) {
    autox::post::Detection d;
    d.label = i % 2 ? "face" : "person";
    d.classId = i % 2;
    d.score = 0.5f + 0.01f * static_cast<float>(i);
    d.x1 = static_cast<float>(i), d.y1 = 2, d.x2 = static_cast<float>(i + 10), d.y2 = 20;
    if (i == 0) d.text = "hello";
    r.detections.push_back(d);
  }
  for (int i = 0; i < classes; ++i)
    r.classes.push_back({i, "c" + std::to_string(i), 0.9f - 0.1f * static_cast<float>(i)});
  return r;
}

}  // namespace

class LiveModelsTest : public QObject {
  Q_OBJECT
 private slots:
  void detectionModel() {
    DetectionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(DetectionTableModel::ColumnCount));
    model.setResult(result(3, 0));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, DetectionTableModel::Label).data().toString(),
             QStringLiteral("person"));
    QCOMPARE(model.index(0, DetectionTableModel::Score).data().toString(), QStringLiteral("0.500"));
    QCOMPARE(model.index(0, DetectionTableModel::Box).data().toString(),
             QStringLiteral("0, 2 – 10, 20"));
    QCOMPARE(model.index(0, DetectionTableModel::Text).data().toString(), QStringLiteral("hello"));
    QVERIFY(qAbs(model.index(2, DetectionTableModel::Score)
                     .data(DetectionTableModel::SortRole)
                     .toDouble() -
                 0.52) < 1e-6);
    // Same row count: updated in place (dataChanged), no reset.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setResult(result(3, 0));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    model.setResult(result(1, 1));  // a box and a classifier's top-1: fewer rows, a reset
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, DetectionTableModel::Label).data().toString(), QStringLiteral("c0"));
    QCOMPARE(model.index(1, DetectionTableModel::Box).data().toString(), QString());
    QCOMPARE(
        model.headerData(DetectionTableModel::Score, Qt::Horizontal, Qt::DisplayRole).toString(),
        QStringLiteral("Score"));
    model.setResult(result(0, 0));
    QCOMPARE(model.rowCount(), 0);
    model.clear();
  }

  void stageTimingModel() {
    StageTimingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(StageTimingModel::StageCount));
    QCOMPARE(model.index(StageTimingModel::Inference, StageTimingModel::Median).data().toString(),
             QStringLiteral("–"));
    for (int i = 0; i < 5; ++i) {
      autox::vision::StageTimes t;
      t.captureMs = 1;
      t.preMs = 2;
      t.inferenceMs = 10 + i;  // 10 .. 14
      t.postMs = 0.5;
      t.paintMs = 3;
      model.addFrame(t, 40 + i, 1000.0 + 50.0 * i);  // one frame every 50 ms: 20 fps
    }
    QCOMPARE(model.frames(), 5);
    QCOMPARE(model.median(StageTimingModel::Inference), 12.0);
    QCOMPARE(model.index(StageTimingModel::Inference, StageTimingModel::Last).data().toString(),
             QStringLiteral("14.0"));
    QCOMPARE(model.index(StageTimingModel::Inference, StageTimingModel::Max)
                 .data(StageTimingModel::SortRole)
                 .toDouble(),
             14.0);
    QCOMPARE(model.index(StageTimingModel::Age, StageTimingModel::Median).data().toString(),
             QStringLiteral("42.0"));
    QCOMPARE(model.index(StageTimingModel::Paint, StageTimingModel::Name).data().toString(),
             QStringLiteral("Paint"));
    QVERIFY(qAbs(model.fps() - 20.0) < 1e-9);
    for (int i = 0; i < StageTimingModel::kWindow + 10; ++i) model.addFrame({}, 0, 2000.0 + i);
    QCOMPARE(model.index(StageTimingModel::Inference, StageTimingModel::Max)
                 .data(StageTimingModel::SortRole)
                 .toDouble(),
             0.0);
    model.clear();
    QCOMPARE(model.frames(), 0);
  }

  // A 60 fps clip played in real time into FastestDet, which is slower than that on this machine:
  // the inference thread always takes the newest frame, so frames are dropped and the age of what
  // is shown stays bounded instead of growing with a queue.
  void sessionDropsStaleFrames() {
    QTemporaryDir dir;
    autox::vision::ClipOptions o;
    o.width = 320;
    o.height = 240;
    o.fps = 60;
    o.fourcc = "MJPG";
    o.framesPerImage = 150;
    const std::string models = AXE_SHARED_MODELS_DIR;
    const QString clip = dir.filePath(QStringLiteral("fast.avi"));
    QCOMPARE(QString::fromStdString(autox::vision::writeClip({models + "/fastestdet/sample_3.jpg"},
                                                             clip.toStdString(), o)),
             QString());
    autox::vision::PreparedModel model;
    QCOMPARE(QString::fromStdString(
                 autox::vision::prepareModel(models + "/fastestdet/FastestDet.onnx", {}, &model)),
             QString());
    std::unique_ptr<autox::vision::Detector> detector;
    QCOMPARE(QString::fromStdString(autox::vision::Detector::create(model, {}, &detector)),
             QString());
    LiveSession session;
    session.setDetector(std::move(detector));
    session.setLoop(false);
    QSignalSpy ended(&session, &LiveSession::sourceEnded);
    QSignalSpy started(&session, &LiveSession::started);
    double maxAge = 0, sumInference = 0;
    int frames = 0;
    qint64 lastIndex = -1;
    connect(&session, &LiveSession::frameReady, this, [&] {
      const LiveFrame f = session.takeLatest();
      QVERIFY(f.index > lastIndex);
      lastIndex = f.index;
      QVERIFY(f.hasDetector);
      QVERIFY(f.error.isEmpty());
      QVERIFY(!f.result.detections.empty());
      QCOMPARE(f.image.size(), QSize(320, 240));
      maxAge = std::max(maxAge, static_cast<double>(LiveSession::nowNs() - f.capturedAtNs) / 1e6);
      sumInference += f.times.inferenceMs;
      ++frames;
    });
    session.start(clip);
    QVERIFY(ended.wait(20000));
    QCOMPARE(started.count(), 1);
    // The frame read last is still processed (the newest always is).
    QTRY_COMPARE_WITH_TIMEOUT(session.takeLatest().captured, 150, 5000);
    const LiveFrame last = session.takeLatest();
    const double inference = sumInference / std::max(frames, 1);
    qInfo(
        "150 frames at 60 fps: %d shown, %lld dropped as stale, mean inference %.1f ms, largest "
        "frame age %.1f ms",
        frames, last.dropped, inference, maxAge);
    QCOMPARE(last.captured, 150);
    QVERIFY(frames > 3);
    QCOMPARE(last.dropped + last.index + 1, last.captured);
    if (inference > 1000.0 / 60 * 1.5) QVERIFY(last.dropped > 0);
    // Bounded: a frame waits at most for the one in progress (plus scheduling on a busy machine).
    QVERIFY2(maxAge < 4 * inference + 250, qPrintable(QStringLiteral("max age %1 ms").arg(maxAge)));
    session.stop();
    QVERIFY(!session.isRunning());
  }

  // Not real time: every frame of a file, the next one read while the previous is processed.
  void sessionTakesEveryFrameWhenNotRealTime() {
    QTemporaryDir dir;
    autox::vision::ClipOptions o;
    o.width = 160;
    o.height = 120;
    o.fps = 60;
    o.fourcc = "MJPG";
    o.framesPerImage = 20;
    const std::string models = AXE_SHARED_MODELS_DIR;
    const QString clip = dir.filePath(QStringLiteral("clip.avi"));
    QCOMPARE(QString::fromStdString(autox::vision::writeClip({models + "/fastestdet/sample_3.jpg"},
                                                             clip.toStdString(), o)),
             QString());
    autox::vision::PreparedModel model;
    QCOMPARE(QString::fromStdString(
                 autox::vision::prepareModel(models + "/fastestdet/FastestDet.onnx", {}, &model)),
             QString());
    std::unique_ptr<autox::vision::Detector> detector;
    QCOMPARE(QString::fromStdString(autox::vision::Detector::create(model, {}, &detector)),
             QString());
    LiveSession session;
    session.setDetector(std::move(detector));
    session.setLoop(false);
    session.setRealtime(false);
    QSignalSpy ended(&session, &LiveSession::sourceEnded);
    session.start(clip);
    QVERIFY(ended.wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(session.takeLatest().index, 19, 10000);
    const LiveFrame last = session.takeLatest();
    QCOMPARE(last.captured, 20);
    QCOMPARE(last.dropped, 0);
    session.stop();
  }

  void sessionReportsSourcesThatFail() {
    LiveSession session;
    QSignalSpy failed(&session, &LiveSession::sourceFailed);
    session.start(QStringLiteral("/no/such/clip.avi"));
    QVERIFY(failed.wait(5000));
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("does not exist")));
    QVERIFY(!session.isRunning());
    // A folder removed mid-stream is lost (Retry), not ended.
    QTemporaryDir dir;
    for (int i = 0; i < 50; ++i)
      QVERIFY(QImage(16, 16, QImage::Format_RGB888)
                  .save(dir.filePath(QStringLiteral("%1.png").arg(i, 3, 10, QLatin1Char('0')))));
    QSignalSpy lost(&session, &LiveSession::sourceLost);
    QSignalSpy frame(&session, &LiveSession::frameReady);
    session.start(dir.path());  // 15 fps: 50 images take 3.3 s
    QVERIFY(frame.wait(5000));
    QVERIFY(dir.remove());
    QVERIFY(lost.wait(5000));
    QVERIFY2(lost.at(0).at(0).toString().contains(QStringLiteral("is gone")),
             qPrintable(lost.at(0).at(0).toString()));
    session.stop();
  }

  void postprocessPluginJoinsTheRegistry() {
    QStandardPaths::setTestModeEnabled(true);
    autox::PluginManager manager;
    manager.setSearchPath({QStringLiteral(AXE_LIVE_TEST_PLUGIN_DIR)});
    manager.loadAll({});
    const autox::PluginRecord* r = manager.find(QStringLiteral("postprocess.wholeframe"));
    QVERIFY(r);
    QCOMPARE(r->kind, QStringLiteral("postprocess"));
    QVERIFY2(r->instance, qPrintable(r->reason));
    QCOMPARE(manager.postprocessors().size(), 1);
    autox::post::DecoderInfo info;
    QVERIFY(autox::post::Registry::global().find("postprocess.wholeframe", &info));
    QCOMPARE(QString::fromStdString(info.name), QStringLiteral("Whole-frame class (test plugin)"));
    QCOMPARE(info.settings.size(), size_t(1));
    QCOMPARE(QString::fromStdString(info.settings[0].type), QStringLiteral("float"));
    std::string error;
    auto decoder = autox::post::Registry::global().create("postprocess.wholeframe", {}, &error);
    QVERIFY2(decoder, error.c_str());
    std::vector<float> scores = {0.1f, 0.8f, 0.1f};
    autox::post::TensorView view{"out", {1, 3}, scores.data()};
    QCOMPARE(QString::fromStdString(decoder->check({view})), QString());
    autox::post::Geometry g;
    g.frameWidth = 640;
    g.frameHeight = 480;
    autox::post::Result out;
    QCOMPARE(QString::fromStdString(decoder->decode({{view}, g, {}, nullptr}, &out)), QString());
    QCOMPARE(out.detections.size(), size_t(1));
    QCOMPARE(out.detections[0].classId, 1);
    QCOMPARE(out.detections[0].x2, 640.0f);
    decoder.reset();
    manager.unloadAll();
    QVERIFY(!autox::post::Registry::global().find("postprocess.wholeframe", nullptr));
  }
};

QTEST_GUILESS_MAIN(LiveModelsTest)
#include "models_test.moc"
