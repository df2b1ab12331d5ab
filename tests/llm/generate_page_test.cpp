// The studio's Generate page: streams stories260K's greedy text (the golden of llama2.c's doc),
// shows tokens/s and memory, reports a bad file, and renders (screenshot in the build tree).
#include <QFile>
#include <QtTest>

#include "generate_page.hpp"

class GeneratePageTest : public QObject {
  Q_OBJECT
  const QString dir = QStringLiteral(AXE_LLAMA2C_DIR);

  QString goldenGreedy() {
    QFile f(dir + QStringLiteral("/stories260K.md"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QString doc = QString::fromUtf8(f.readAll());
    const QString marker =
        QStringLiteral("$ ./run stories260K/stories260K.bin -z stories260K/tok512.bin -t 0.0\n");
    const qsizetype begin = doc.indexOf(marker) + marker.size();
    return doc.mid(begin, doc.indexOf(QStringLiteral("```"), begin) - begin - 1);
  }

 private slots:
  void streamsGreedyText() {
    GeneratePage page;
    page.resize(1200, 720);
    page.show();
    page.setModelFiles(dir + QStringLiteral("/stories260K.bin"),
                       dir + QStringLiteral("/tok512.bin"));
    page.setSampling(0.0, 0.9, 256, 0);
    int pieces = 0;
    connect(&page, &GeneratePage::pieceReady, this, [&] { ++pieces; });
    QSignalSpy ready(&page, &GeneratePage::generationReady);
    page.start();
    QVERIFY(page.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 60000);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(page.text(), goldenGreedy());
    QVERIFY(pieces > 100);  // streamed piece by piece
    QVERIFY2(page.statsText().contains(QStringLiteral("tokens/s")), qPrintable(page.statsText()));
    QVERIFY2(page.statsText().contains(QStringLiteral("KV cache 640.0 KiB")),
             qPrintable(page.statsText()));
    QVERIFY(QDir().mkpath(QStringLiteral(AXE_LLM_SCREENSHOT_DIR)));
    QVERIFY(page.grab().save(QStringLiteral(AXE_LLM_SCREENSHOT_DIR "/generate.png")));
    // A second run reuses the loaded model and gives the same text.
    page.setPrompt(QStringLiteral("Lily and Tom"));
    page.setSampling(0.0, 0.9, 40, 0);
    page.start();
    QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 60000);
    QVERIFY2(page.text().startsWith(QStringLiteral("Lily and Tom")), qPrintable(page.text()));
  }

  void reportsBadFiles() {
    GeneratePage page;
    page.setModelFiles(dir + QStringLiteral("/stories260K.bin"), dir + QStringLiteral("/NOTES.md"));
    page.start();
    QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 60000);
    QVERIFY2(page.statsText().startsWith(QStringLiteral("Cannot generate:")),
             qPrintable(page.statsText()));
    QVERIFY(page.text().isEmpty());
  }
};

QTEST_MAIN(GeneratePageTest)
#include "generate_page_test.moc"
