// The Device page against simulated boards: connect to `sim`, flash the open ONNX model
// (converted in the background), run it on the board and compare with the host engine; cancel a
// paced flash and resume it; a screenshot of the page (screenshots/en/device.png).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <csignal>

#include "device_page.hpp"
#include "device_worker.hpp"
#include "main_window.hpp"
#include "model_loader.hpp"
#include "studio_app.hpp"

namespace {

const QString kMnist = QStringLiteral(AXE_STUDIO_RESOURCES_DIR "/models/mnist-8/mnist-8.onnx");

QString factValue(QTreeWidget* tree, const QString& key) {
  for (int i = 0; i < tree->topLevelItemCount(); ++i)
    if (tree->topLevelItem(i)->text(0) == key) return tree->topLevelItem(i)->text(1);
  return {};
}

}  // namespace

class StudioDeviceTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(data_.isValid());
    // The `sim` board keeps its flash and endpoint under $XDG_DATA_HOME/autox/sim.
    qputenv("XDG_DATA_HOME", data_.path().toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AutoXDeviceTest"));
    QSettings().clear();
  }

  void cleanupTestCase() {
    // Stop the boards that `sim` and `qemu` started for this test (their pids are in the
    // endpoint files).
    for (const char* file : {"/autox/sim/sim.endpoint", "/autox/qemu/qemu.endpoint"}) {
      QFile endpoint(data_.path() + QLatin1String(file));
      if (!endpoint.open(QIODevice::ReadOnly)) continue;
      const QStringList parts =
          QString::fromUtf8(endpoint.readAll())
              .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
      if (parts.size() >= 2 && parts[1].toInt() > 0) ::kill(parts[1].toInt(), SIGTERM);
    }
  }

  // The same on the Cortex-M4 agent in QEMU (mps2-an386): its UART moves 6-32 kB/s and its
  // float kernels are built by arm-none-eabi-gcc, so outputs must agree within tolerance.
  void flashRunAndCompareOnQemu() {
    bool listed = false;
    for (const BoardEntry& b : discoverBoards()) listed |= b.uri == QLatin1String("qemu");
    if (!listed || QStandardPaths::findExecutable(QStringLiteral("qemu-system-arm")).isEmpty())
      QSKIP("no QEMU agent firmware (arm-cortex-m4 build) or no qemu-system-arm");
    auto doc = std::make_shared<ModelDocument>();
    QString error;
    QVERIFY(buildModelDocument(kMnist, {}, {}, doc.get(), &error));
    DevicePage page;
    page.setDocument(doc);
    page.setUri(QStringLiteral("qemu"));
    QSignalSpy failed(page.worker(), &DeviceWorker::failed);
    page.connectBoard();
    QTRY_VERIFY_WITH_TIMEOUT((page.isConnected() && !page.isBusy()) || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
    QSignalSpy flashed(page.worker(), &DeviceWorker::flashed);
    page.flash();
    QTRY_VERIFY_WITH_TIMEOUT(flashed.count() + failed.count() > 0, 120000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
    QSignalSpy ran(page.worker(), &DeviceWorker::ran);
    page.runOnBoard();
    QTRY_VERIFY_WITH_TIMEOUT(ran.count() + failed.count() > 0, 120000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
    const auto cmp = ran.at(0).at(0).value<RunComparison>();
    QCOMPARE(cmp.outputs.size(), 1);
    const auto summary = flashed.at(0).at(0).value<FlashSummary>();
    qInfo("qemu: flashed %lld bytes at %.0f B/s; output max abs error %g, cosine %.9f, %s",
          summary.imageBytes, summary.bytesPerSecond, cmp.outputs[0].maxAbsError,
          cmp.outputs[0].cosine, cmp.outputs[0].bitExact ? "bit-exact" : "not bit-exact");
    QVERIFY(cmp.outputs[0].cosine > 0.9999);
    QVERIFY(cmp.outputs[0].maxAbsError < 1e-3);
    QTRY_VERIFY_WITH_TIMEOUT(page.comparisonTable()->rowCount() == 1, 5000);
  }

  void flashRunAndCompareOnSim() {
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    window.openFile(kMnist);
    QSignalSpy loaded(window.loader(), &ModelLoader::loadReady);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    DevicePage* page = window.devicePage();
    QVERIFY(window.showPage(QStringLiteral("device")));
    // The boards list always offers the simulated board.
    QTRY_VERIFY_WITH_TIMEOUT(page->boardList()->topLevelItemCount() >= 1, 5000);
    bool hasSim = false;
    for (int i = 0; i < page->boardList()->topLevelItemCount(); ++i)
      hasSim |= page->boardList()->topLevelItem(i)->text(0) == QLatin1String("sim");
    QVERIFY(hasSim);

    page->setUri(QStringLiteral("sim"));
    page->connectBoard();
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected() && !page->isBusy(), 30000);
    QVERIFY(!factValue(page->factsTree(), QStringLiteral("Board")).isEmpty());
    QVERIFY(
        factValue(page->factsTree(), QStringLiteral("Runtime")).startsWith(QStringLiteral("yes")));

    // One click: the ONNX document is converted to .axm in the worker, then uploaded.
    QSignalSpy flashed(page->worker(), &DeviceWorker::flashed);
    QSignalSpy failed(page->worker(), &DeviceWorker::failed);
    page->flash();
    QTRY_VERIFY_WITH_TIMEOUT(flashed.count() + failed.count() > 0, 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
    const auto summary = flashed.at(0).at(0).value<FlashSummary>();
    QVERIFY(summary.converted);
    QVERIFY(summary.committed);
    QVERIFY(summary.imageBytes > 10000);
    // The spy sees the worker's signal in the worker thread; the page gets it queued.
    QTRY_VERIFY2_WITH_TIMEOUT(page->flashText().contains(QStringLiteral("Flashed")),
                              qPrintable(page->flashText()), 5000);
    QVERIFY(
        factValue(page->factsTree(), QStringLiteral("Slot A")).contains(QStringLiteral("active")) ||
        factValue(page->factsTree(), QStringLiteral("Slot B")).contains(QStringLiteral("active")));

    // Run on the board with the bundled reference input; the board runs the same runtime and
    // kernels as the host engine, so the outputs must be bit-exact.
    QSignalSpy ran(page->worker(), &DeviceWorker::ran);
    page->runOnBoard();
    QTRY_VERIFY_WITH_TIMEOUT(ran.count() + failed.count() > 0, 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
    const auto cmp = ran.at(0).at(0).value<RunComparison>();
    QVERIFY2(cmp.inputs.contains(QStringLiteral("sample_digit_3")), qPrintable(cmp.inputs));
    QCOMPARE(cmp.outputs.size(), 1);
    QVERIFY(cmp.outputs[0].bitExact);
    QCOMPARE(cmp.outputs[0].maxAbsError, 0.0);
    QVERIFY(cmp.outputs[0].cosine > 0.999999);
    QCOMPARE(cmp.outputs[0].count, 10);
    QTRY_COMPARE_WITH_TIMEOUT(page->comparisonTable()->rowCount(), 1, 5000);
    QCOMPARE(page->comparisonTable()->item(0, 6)->text(), QStringLiteral("bit-exact"));

    // The link counters and frame trace of the last operation.
    QTRY_VERIFY_WITH_TIMEOUT(page->linkText().contains(QStringLiteral("requests")), 5000);
    const QString dir = QStringLiteral(AXE_STUDIO_SCREENSHOT_DIR "/en");
    QVERIFY(QDir().mkpath(dir));
    const QImage image = grabStudioPage(window, QStringLiteral("device"));
    QVERIFY(image.save(dir + QStringLiteral("/device.png")));
    page->disconnectBoard();
    QTRY_VERIFY_WITH_TIMEOUT(!page->isConnected(), 5000);
  }

  // A flash over a line paced at 115200 baud: Cancel stops it within a chunk's line time, the
  // board keeps what it had, and the next Flash resumes from the acknowledged bytes.
  void cancelAndResumeAPacedFlash() {
    QTemporaryDir dir;
    QProcess sim;
    const QString endpoint = dir.path() + QStringLiteral("/endpoint");
    sim.start(
        QStringLiteral(AXDL_BOARD_SIM_PATH),
        {QStringLiteral("--tcp"), QStringLiteral("0"), QStringLiteral("--baud"),
         QStringLiteral("115200"), QStringLiteral("--flash"),
         dir.path() + QStringLiteral("/flash.bin"), QStringLiteral("--endpoint-file"), endpoint});
    QVERIFY(sim.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(endpoint).size() > 0, 10000);
    QFile ep(endpoint);
    QVERIFY(ep.open(QIODevice::ReadOnly));
    const QString uri = QString::fromUtf8(ep.readLine()).split(QLatin1Char(' ')).value(0).trimmed();
    QVERIFY2(uri.startsWith(QStringLiteral("tcp:")), qPrintable(uri));

    auto doc = std::make_shared<ModelDocument>();
    QString error;
    QVERIFY(buildModelDocument(kMnist, {}, {}, doc.get(), &error));
    DevicePage page;
    page.setDocument(doc);
    page.setUri(uri);
    page.connectBoard();
    QTRY_VERIFY_WITH_TIMEOUT(page.isConnected() && !page.isBusy(), 30000);

    QSignalSpy progress(page.worker(), &DeviceWorker::flashProgress);
    QSignalSpy cancelled(page.worker(), &DeviceWorker::flashCancelled);
    QSignalSpy flashed(page.worker(), &DeviceWorker::flashed);
    page.flash();
    // Wait for about a third of the image, then cancel.
    auto done = [&] {
      return progress.isEmpty() ? 0 : progress.last().at(0).value<FlashStatus>().done;
    };
    QTRY_VERIFY_WITH_TIMEOUT(done() > 8000, 30000);
    const FlashStatus before = progress.last().at(0).value<FlashStatus>();
    QVERIFY(before.bytesPerSecond > 5000 && before.bytesPerSecond < 11520);  // paced line
    QVERIFY(before.etaSeconds > 0);
    QElapsedTimer t;
    t.start();
    page.cancelFlash();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 5000);
    const qint64 stopMs = t.elapsed();
    const qint64 stoppedAt = cancelled.at(0).at(0).toLongLong();
    qInfo("flash at %.0f B/s cancelled at %lld of %lld bytes; stopped %lld ms after Cancel",
          before.bytesPerSecond, stoppedAt, cancelled.at(0).at(1).toLongLong(), stopMs);
    QVERIFY(stopMs < 1000);
    QCOMPARE(flashed.count(), 0);
    QTRY_VERIFY2_WITH_TIMEOUT(page.flashText().contains(QStringLiteral("Cancelled")),
                              qPrintable(page.flashText()), 5000);

    page.flash();
    QTRY_COMPARE_WITH_TIMEOUT(flashed.count(), 1, 60000);
    const auto summary = flashed.at(0).at(0).value<FlashSummary>();
    QVERIFY2(summary.resumedFrom > 0, qPrintable(QString::number(summary.resumedFrom)));
    QVERIFY(summary.bytesSent < summary.imageBytes);
    qInfo("resumed from %lld, sent %lld of %lld bytes", summary.resumedFrom, summary.bytesSent,
          summary.imageBytes);
    sim.terminate();
    sim.waitForFinished(5000);
  }

  // A model bigger than the board's slot is refused before the upload starts, with both sizes in
  // the message (on a 115200-baud line the 4.8 MB image would take 7 minutes to send).
  void tooBigModelIsRefusedBeforeUpload() {
    const QString det =
        QStringLiteral(AXE_SHARED_MODELS_DIR "/ppocr-v4/ch_PP-OCRv4_det_infer.onnx");
    if (!QFile::exists(det)) QSKIP("PP-OCRv4 det not available");
    QTemporaryDir dir;
    QProcess sim;
    const QString endpoint = dir.path() + QStringLiteral("/endpoint");
    sim.start(
        QStringLiteral(AXDL_BOARD_SIM_PATH),
        {QStringLiteral("--tcp"), QStringLiteral("0"), QStringLiteral("--baud"),
         QStringLiteral("115200"), QStringLiteral("--flash"),
         dir.path() + QStringLiteral("/flash.bin"), QStringLiteral("--endpoint-file"), endpoint});
    QVERIFY(sim.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(endpoint).size() > 0, 10000);
    QFile ep(endpoint);
    QVERIFY(ep.open(QIODevice::ReadOnly));
    const QString uri = QString::fromUtf8(ep.readLine()).split(QLatin1Char(' ')).value(0).trimmed();

    auto doc = std::make_shared<ModelDocument>();
    QString error;
    QVERIFY(buildModelDocument(det, {1, 3, 320, 320}, {}, doc.get(), &error));
    DevicePage page;
    QSignalSpy pageErrors(&page, &DevicePage::errorMessage);
    page.setDocument(doc);
    page.setUri(uri);
    page.connectBoard();
    QTRY_VERIFY_WITH_TIMEOUT(page.isConnected() && !page.isBusy(), 30000);
    QSignalSpy failed(page.worker(), &DeviceWorker::failed);
    QSignalSpy progress(page.worker(), &DeviceWorker::flashProgress);
    QElapsedTimer t;
    t.start();
    page.flash();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
    const QString message = failed.at(0).at(1).toString();
    qInfo("refused after %lld ms (conversion included): %s", t.elapsed(), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("slot")), qPrintable(message));
    QVERIFY2(message.contains(QRegularExpression(QStringLiteral("\\d{7}"))), qPrintable(message));
    for (const auto& p : progress) QCOMPARE(p.at(0).value<FlashStatus>().done, 0);
    QTRY_COMPARE_WITH_TIMEOUT(pageErrors.count(), 1, 5000);  // the window shows it in the banner
    sim.terminate();
    sim.waitForFinished(5000);
  }

 private:
  QTemporaryDir data_;
};

QTEST_MAIN(StudioDeviceTest)
#include "studio_device_test.moc"
