// The Live preview page (offscreen): FastestDet on the bundled demo clip with boxes, figures, a
// snapshot, recorded JSON lines and a screenshot; a source that disappears mid-stream (a folder
// removed, a clip truncated while playing) shows a message with Retry, and Retry works; a decoder
// that does not fit the model says which shapes it expected and got and draws nothing; the
// recipe is saved into the .axm's metadata; the page inside the main window in en and zh_CN.
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include "demo_clip.hpp"
#include "main_window.hpp"
#include "preview_page.hpp"
#include "preview_view.hpp"
#include "studio_app.hpp"

namespace {

const QString kShots = QStringLiteral(AXE_LIVE_SCREENSHOT_DIR);
const std::string kModels = AXE_SHARED_MODELS_DIR;

int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
  return static_cast<int>(colours.size());
}

void fillFolder(const QString& dir, int count) {
  QDir().mkpath(dir);
  const QString sample = QString::fromStdString(kModels + "/fastestdet/sample_3.jpg");
  for (int i = 0; i < count; ++i)
    QFile::copy(sample, QStringLiteral("%1/%2.jpg").arg(dir).arg(i, 3, 10, QLatin1Char('0')));
}

}  // namespace

class PreviewPageTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(!PreviewPage::bundledModelPath().isEmpty());
    QVERIFY(!PreviewPage::demoClipPath().isEmpty());
    QVERIFY(QDir().mkpath(kShots));
  }

  void runsFastestDetOnTheDemoClip() {
    QTemporaryDir dir;
    PreviewPage page;
    page.setAutoStart(false);
    page.resize(1500, 900);
    page.setSource(QStringLiteral("demo"));
    page.show();
    QVERIFY(page.runUntilPainted(20, 120000));
    QVERIFY(page.isModelReady());
    QCOMPARE(page.decoderId(), QStringLiteral("fastestdet"));
    QCOMPARE(page.message(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(page.detections()->rowCount() > 0, 20000);
    QCOMPARE(page.detections()->index(0, DetectionTableModel::Label).data().toString(),
             QStringLiteral("person"));
    StageTimingModel* t = page.timings();
    QVERIFY(t->frames() >= 20);
    QVERIFY(t->median(StageTimingModel::Inference) > 0);
    QVERIFY(t->median(StageTimingModel::Paint) > 0);
    QVERIFY(t->fps() > 0);
    qInfo(
        "demo clip: %.1f fps painted, median ms: capture %.2f pre %.2f inference %.2f post %.2f "
        "paint %.2f, frame age %.1f",
        t->fps(), t->median(StageTimingModel::Capture), t->median(StageTimingModel::Pre),
        t->median(StageTimingModel::Inference), t->median(StageTimingModel::Post),
        t->median(StageTimingModel::Paint), t->median(StageTimingModel::Age));
    // Wait for a frame with boxes on screen, then look at it.
    QTRY_VERIFY_WITH_TIMEOUT(page.view()->frame().result.detections.size() >= 2, 20000);
    const QImage shot = page.grab().toImage();
    QVERIFY(distinctColours(shot) > 200);
    QVERIFY(shot.save(kShots + QStringLiteral("/preview_page.png")));

    page.setSnapshotDir(dir.filePath(QStringLiteral("shots")));
    QString error;
    const QString png = page.snapshot(&error);
    QVERIFY2(!png.isEmpty(), qPrintable(error));
    const QImage snap(png);
    QCOMPARE(snap.size(), QSize(640, 480));

    page.setRecordDir(dir.filePath(QStringLiteral("records")));
    QVERIFY(page.setRecording(true, &error));
    const QString jsonl = page.recordingPath();
    QVERIFY(page.runUntilPainted(8, 30000));
    QVERIFY(page.setRecording(false, &error));
    QFile f(jsonl);
    QVERIFY(f.open(QIODevice::ReadOnly));
    int lines = 0, persons = 0;
    while (!f.atEnd()) {
      const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
      QVERIFY(o.contains(QStringLiteral("frame")));
      QVERIFY(o.value(QStringLiteral("times_ms")).toObject().contains(QStringLiteral("inference")));
      for (const QJsonValue& d : o.value(QStringLiteral("detections")).toArray())
        persons +=
            d.toObject().value(QStringLiteral("label")).toString() == QLatin1String("person");
      ++lines;
    }
    QVERIFY(lines >= 8);
    QVERIFY(persons > 0);
    page.stop();
    QVERIFY(!page.isRunning());
  }

  void sourceThatDisappearsOffersRetry() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("frames"));
    fillFolder(folder, 60);
    PreviewPage page;
    page.setAutoStart(false);
    page.resize(1200, 800);
    page.setSource(folder);
    page.show();
    QVERIFY(page.runUntilPainted(3, 120000));
    QVERIFY(QDir(folder).removeRecursively());  // the "camera" is gone
    QTRY_VERIFY_WITH_TIMEOUT(!page.message().isEmpty(), 10000);
    QVERIFY2(page.message().contains(QStringLiteral("is gone")), qPrintable(page.message()));
    QVERIFY(page.retryOffered());
    QVERIFY(!page.isRunning());
    QVERIFY(page.grab().toImage().save(kShots + QStringLiteral("/preview_source_lost.png")));
    // Back again: Retry runs.
    fillFolder(folder, 60);
    page.retry();
    QVERIFY(page.runUntilPainted(3, 30000));
    QCOMPARE(page.message(), QString());
    page.stop();

    // A clip truncated while it plays.
    autox::vision::ClipOptions o;
    o.width = 320;
    o.height = 240;
    o.fourcc = "MJPG";
    o.framesPerImage = 60;
    const QString clip = dir.filePath(QStringLiteral("clip.avi"));
    QCOMPARE(QString::fromStdString(autox::vision::writeClip({kModels + "/fastestdet/sample_3.jpg"},
                                                             clip.toStdString(), o)),
             QString());
    page.setSource(clip);
    QVERIFY(page.runUntilPainted(3, 30000));
    QVERIFY(QFile::resize(clip, QFileInfo(clip).size() * 4 / 10));
    QTRY_VERIFY_WITH_TIMEOUT(!page.message().isEmpty(), 15000);
    QVERIFY2(page.message().contains(QStringLiteral("the file is truncated or damaged")),
             qPrintable(page.message()));
    QVERIFY(page.retryOffered());
  }

  void decoderThatDoesNotFitSaysSoAndDrawsNothing() {
    PreviewPage page;
    page.setAutoStart(false);
    page.resize(1500, 900);
    page.setSource(QStringLiteral("demo"));
    page.show();
    QVERIFY(page.runUntilPainted(3, 120000));
    page.setDecoder(QStringLiteral("ultraface"));
    const QString m = page.message();
    QVERIFY2(
        m.contains(QStringLiteral("UltraFace expects two outputs, scores 1xNx2 and boxes 1xNx4")),
        qPrintable(m));
    QVERIFY2(m.contains(QStringLiteral("the model has 1 output: 1x85x22x22")), qPrintable(m));
    QVERIFY(!page.retryOffered());
    QVERIFY(!page.isModelReady());
    QVERIFY(page.runUntilPainted(5, 30000));  // the video goes on, without boxes
    QVERIFY(!page.view()->frame().hasDetector);
    QVERIFY(page.view()->frame().result.detections.empty());
    QCOMPARE(page.detections()->rowCount(), 0);
    QVERIFY(page.grab().toImage().save(kShots + QStringLiteral("/preview_wrong_decoder.png")));
    page.setDecoder(QStringLiteral("fastestdet"));
    QCOMPARE(page.message(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(page.detections()->rowCount() > 0, 20000);
  }

  void recipeIsSavedIntoTheAxm() {
    QTemporaryDir dir;
    PreviewPage page;
    page.setAutoStart(false);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.isModelReady(), 60000);
    const QString axm = dir.filePath(QStringLiteral("fastestdet.axm"));
    QString error;
    QVERIFY2(page.saveRecipe(QString(), &error) == false, "an ONNX model needs a target");
    QVERIFY2(page.saveRecipe(axm, &error), qPrintable(error));
    auto metadataOf = [](const QString& path) {
      QFile f(path);
      f.open(QIODevice::ReadOnly);
      const QByteArray bytes = f.readAll();
      axe::AxmMetadata md;
      if (!axe::read_axm_metadata(bytes.constData(), static_cast<size_t>(bytes.size()), &md))
        qWarning("%s does not read as an .axm", qPrintable(path));
      return md;
    };
    axe::AxmMetadata md = metadataOf(axm);
    QCOMPARE(QString::fromStdString(md.preprocess.color_order), QStringLiteral("BGR"));
    QCOMPARE(QString::fromStdString(md.preprocess.resize), QStringLiteral("stretch"));
    page.openModel(axm);
    QTRY_VERIFY_WITH_TIMEOUT(page.modelPath() == axm && page.isModelReady(), 60000);
    autox::vision::Recipe r = page.recipe();
    r.resize = "letterbox";
    r.mean = {0.5f};
    page.setRecipe(r);
    QVERIFY(page.isModelReady());
    QVERIFY2(page.saveRecipe(QString(), &error), qPrintable(error));  // into the .axm itself
    md = metadataOf(axm);
    QCOMPARE(QString::fromStdString(md.preprocess.resize), QStringLiteral("letterbox"));
    QCOMPARE(md.preprocess.mean, std::vector<float>{0.5f});
    axe::AxmModel runtime;
    QVERIFY(axe::AxmModel::load_file(axm.toStdString(), &runtime));
  }

  void screenshotsInTheMainWindow_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
  }

  void screenshotsInTheMainWindow() {
    QFETCH(QString, language);
    QTranslator translator;
    if (language != QLatin1String("en")) {
      QVERIFY(translator.load(QStringLiteral(":/i18n/autox-studio_") + language));
      QApplication::installTranslator(&translator);
    }
    {
      MainWindow window;
      window.resize(1600, 1000);
      window.previewPage()->setSource(QStringLiteral("demo"));
      // The node inspector has nothing to say about the preview: room for the video.
      window.findChild<QDockWidget*>(QStringLiteral("inspectorDock"))->hide();
      window.show();
      const QImage image = grabStudioPage(window, QStringLiteral("preview"));
      QVERIFY(distinctColours(image) > 200);
      QVERIFY(window.previewPage()->isRunning());
      QVERIFY(window.previewPage()->view()->hasFrame());
      QVERIFY(image.save(kShots + QStringLiteral("/preview_") + language + QStringLiteral(".png")));
      if (language == QLatin1String("zh_CN"))
        QVERIFY2(window.previewPage()->findChild<QGroupBox*>()->title() == QStringLiteral("模型"),
                 qPrintable(window.previewPage()->findChild<QGroupBox*>()->title()));
    }
    QApplication::removeTranslator(&translator);
  }
};

QTEST_MAIN(PreviewPageTest)
#include "preview_page_test.moc"
