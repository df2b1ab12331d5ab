// The main window: drag-and-drop opening, a corrupt file keeping the previous model, selection
// sync, search, and offscreen screenshots of every page in English and zh_CN.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDropEvent>
#include <QGroupBox>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>
#include "device_page.hpp"

#include "error_banner.hpp"
#include "graph_page.hpp"
#include "graph_view.hpp"
#include "layer_table_model.hpp"
#include "layer_table_page.hpp"
#include "log_dock.hpp"
#include "main_window.hpp"
#include "memory_plan_page.hpp"
#include "memory_plan_view.hpp"
#include "model_loader.hpp"
#include "node_inspector.hpp"
#include "studio_app.hpp"

namespace {

const QString kMnist = QStringLiteral(AXE_STUDIO_RESOURCES_DIR "/models/mnist-8/mnist-8.onnx");
const QString kRec = QStringLiteral(AXE_SHARED_MODELS_DIR "/ppocr-v4/ch_PP-OCRv4_rec_infer.onnx");

// Drops `path` on `target` (a widget inside the window): Qt passes drag events up to the first
// ancestor that accepts drops, as it does for a real drag.
bool drop(QWidget* target, const QString& path) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(path)});
  const QPoint at = target->rect().center();
  QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &enter);
  if (!enter.isAccepted()) return false;
  QDropEvent dropEvent(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &dropEvent);
  return dropEvent.isAccepted();
}

// Waits for the loader to finish; true when it produced a document.
bool waitLoaded(MainWindow& window) {
  QSignalSpy ready(window.loader(), &ModelLoader::loadReady);
  QSignalSpy failed(window.loader(), &ModelLoader::loadFailed);
  if (!window.loader()->isBusy()) return false;
  QElapsedTimer timer;
  timer.start();
  while (ready.count() + failed.count() == 0 && timer.elapsed() < 60000) QTest::qWait(20);
  return ready.count() == 1;
}

// A PNG is worth keeping when it is not one flat colour.
int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
  return static_cast<int>(colours.size());
}

// `onnx` compiled to an .axm in `dir` (what `autox convert` writes); "" on failure.
QString convertToAxm(const QString& onnx, const QString& dir) {
  axe::Model model;
  if (!axe::Model::load(onnx.toStdString(), &model)) return {};
  axe::AxmExportOptions options;
  options.model_name = QFileInfo(onnx).completeBaseName().toStdString();
  options.source = QFileInfo(onnx).fileName().toStdString();
  axe::AxmExport out;
  if (!axe::export_axm(model.graph(), options, &out)) return {};
  const QString path =
      dir + QLatin1Char('/') + QFileInfo(onnx).completeBaseName() + QStringLiteral(".axm");
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(reinterpret_cast<const char*>(out.bytes.data()), static_cast<qint64>(out.bytes.size()));
  return path;
}

}  // namespace

class StudioWindowTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AutoXTest"));
    QSettings().clear();
  }

  void dropOpensAndCorruptFileKeepsModel() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    // Onto the log's text area, which would take text drops if the window did not stop it.
    QPlainTextEdit* logText = window.log()->findChild<QPlainTextEdit*>();
    QVERIFY(logText);
    QVERIFY(drop(logText->viewport(), kMnist));
    QVERIFY(waitLoaded(window));
    QVERIFY(window.document());
    QCOMPARE(window.document()->path, QFileInfo(kMnist).absoluteFilePath());
    QCOMPARE(window.recentFiles().value(0), QFileInfo(kMnist).absoluteFilePath());
    QVERIFY(window.errorBanner()->isHidden());

    QTemporaryFile corrupt(QDir::tempPath() + QStringLiteral("/corrupt-XXXXXX.onnx"));
    QVERIFY(corrupt.open());
    corrupt.write(QByteArray(300, '\x7f'));
    corrupt.close();
    QVERIFY(drop(window.graphPage()->view(), corrupt.fileName()));
    QVERIFY(!waitLoaded(window));
    QVERIFY(window.errorBanner()->isVisible());
    QVERIFY2(window.errorBanner()->message().contains(corrupt.fileName()),
             qPrintable(window.errorBanner()->message()));
    QCOMPARE(window.document()->path, QFileInfo(kMnist).absoluteFilePath());  // still open
    QVERIFY(window.log()->text().contains(QStringLiteral("error")));
  }

  void cancelKeepsTheOpenModel() {
    MainWindow window;
    window.show();
    window.openFile(kMnist);
    QVERIFY(waitLoaded(window));
    QSignalSpy cancelled(window.loader(), &ModelLoader::loadCancelled);
    QSignalSpy ready(window.loader(), &ModelLoader::loadReady);
    window.openFile(QFile::exists(kRec) ? kRec : kMnist);
    QVERIFY(window.loader()->isBusy());
    window.loader()->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 60000);
    QCOMPARE(ready.count(), 0);
    QVERIFY(!window.loader()->isBusy());
    QCOMPARE(window.document()->path, QFileInfo(kMnist).absoluteFilePath());
  }

  void selectionIsSharedAndSearchFinds() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    window.openFile(kMnist);
    QVERIFY(waitLoaded(window));
    const DocumentPtr doc = window.document();
    // Search by op type: the matches are the Conv nodes, Next selects the first one everywhere.
    window.graphPage()->setSearchText(QStringLiteral("Conv"));
    QCOMPARE(window.graphPage()->matchCount(), doc->stats.op_histogram.at("Conv"));
    QSignalSpy selected(window.graphPage(), &GraphPage::nodeSelected);
    window.graphPage()->findNext();
    QCOMPARE(selected.count(), 1);
    const int node = selected.at(0).at(0).toInt();
    QCOMPARE(QString::fromStdString(doc->graph().nodes[static_cast<size_t>(node)].op_type),
             QStringLiteral("Conv"));
    QCOMPARE(window.graphPage()->view()->selectedNode(), node);
    QTableView* table = window.layerPage()->table();
    QCOMPARE(table->currentIndex().data(LayerTableModel::NodeRole).toInt(), node);
    // The inspector shows that Conv's weights: count = elements of its weight tensor.
    const axe::Node& conv = doc->graph().nodes[static_cast<size_t>(node)];
    const axe::Tensor& w = *doc->graph().values[static_cast<size_t>(conv.inputs[1])].constant;
    QVERIFY2(window.inspector()->weightSummary().startsWith(
                 QStringLiteral("count %1 ").arg(formatCount(w.numel()))),
             qPrintable(window.inspector()->weightSummary()));
    // Clicking a row in the table selects the node in the graph.
    const int other = static_cast<int>(doc->graph().nodes.size()) - 1;
    table->setCurrentIndex(window.layerPage()->proxy()->index(other, 0));
    QCOMPARE(window.graphPage()->view()->selectedNode(),
             window.layerPage()->proxy()->index(other, 0).data(LayerTableModel::NodeRole).toInt());
    // Clicking a tensor in the memory view selects its producer everywhere.
    QVERIFY(window.showPage(QStringLiteral("memory")));
    MemoryPlanView* memory = window.memoryPage()->view();
    QTest::qWait(20);
    // A tensor (not a kernel scratch buffer) from the middle of the plan whose rectangle is on
    // top at its centre (in-place outputs and views are drawn over the bytes they reuse).
    int tensor = -1;
    for (int i = static_cast<int>(doc->plan.tensors.size()) / 2;
         i < static_cast<int>(doc->plan.tensors.size()) && tensor < 0; ++i)
      if (doc->plan.tensors[static_cast<size_t>(i)].value >= 0 &&
          memory->tensorAt(memory->tensorRect(i).center()) == i)
        tensor = i;
    QVERIFY(tensor >= 0);
    const QRectF r = memory->tensorRect(tensor);
    QVERIFY(r.width() >= 1 && r.height() >= 1);
    QTest::mouseClick(memory, Qt::LeftButton, {}, r.center().toPoint());
    const int producer =
        doc->graph()
            .values[static_cast<size_t>(doc->plan.tensors[static_cast<size_t>(tensor)].value)]
            .producer;
    QVERIFY(producer >= 0);
    QCOMPARE(window.graphPage()->view()->selectedNode(), producer);
    QCOMPARE(table->currentIndex().data(LayerTableModel::NodeRole).toInt(), producer);
    // A search by shape.
    window.graphPage()->setSearchText(QStringLiteral("1x10"));
    QVERIFY(window.graphPage()->matchCount() >= 1);
  }

  void graphViewPanZoomClick() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    window.openFile(kMnist);
    QVERIFY(waitLoaded(window));
    QVERIFY(window.showPage(QStringLiteral("graph")));
    GraphView* view = window.graphPage()->view();
    QTest::qWait(20);
    // Zoom about a point keeps that point still.
    const double before = view->scale();
    view->zoomBy(2.0, QPointF(300, 200));
    QVERIFY(qFuzzyCompare(view->scale(), std::min(4.0, before * 2)));
    // Clicking a node selects it (the first op node sits in the view after fitting).
    view->fitToView();
    const DocumentPtr doc = window.document();
    QSignalSpy clicked(view, &GraphView::nodeClicked);
    QVERIFY(!doc->layout.nodeRects.empty());
    view->centerOn(0);  // node 0 now sits under the widget's centre
    QTest::qWait(10);
    QTest::mouseClick(view, Qt::LeftButton, {}, view->rect().center());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 0);
    QCOMPARE(view->selectedNode(), 0);
    // Dragging pans: the node under the centre moves away, clicking there now hits nothing.
    QTest::mousePress(view, Qt::LeftButton, {}, view->rect().center());
    QMouseEvent move(QEvent::MouseMove, QPointF(view->rect().center() + QPoint(300, 0)),
                     view->mapToGlobal(QPointF(view->rect().center() + QPoint(300, 0))),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view, &move);
    QTest::mouseRelease(view, Qt::LeftButton, {}, view->rect().center() + QPoint(300, 0));
    QCOMPARE(clicked.count(), 1);  // a drag is not a click
    QTest::mouseClick(view, Qt::LeftButton, {}, view->rect().center());
    QCOMPARE(clicked.count(), 2);
    QCOMPARE(clicked.at(1).at(0).toInt(), -1);
  }

  // An .axm dropped on the window opens on every page; screenshots land in screenshots/axm/.
  void axmDropAndScreenshots() {
    QTemporaryDir dir;
    const QString axm = convertToAxm(kMnist, dir.path());
    QVERIFY(!axm.isEmpty());
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QVERIFY(drop(window.graphPage()->view(), axm));
    QVERIFY(waitLoaded(window));
    QVERIFY(window.document()->isAxm());
    QCOMPARE(window.recentFiles().value(0), QFileInfo(axm).absoluteFilePath());
    QVERIFY(window.log()->text().contains(QStringLiteral("Not in this file")));
    const QString shots = QStringLiteral(AXE_STUDIO_SCREENSHOT_DIR "/axm");
    QVERIFY(QDir().mkpath(shots));
    for (const QString& page : {QStringLiteral("graph"), QStringLiteral("layers"),
                                QStringLiteral("memory"), QStringLiteral("summary")}) {
      const QImage image = grabStudioPage(window, page);
      QVERIFY2(distinctColours(image) > 20, qPrintable(page));
      QVERIFY(image.save(shots + QLatin1Char('/') + page + QStringLiteral(".png")));
    }
    // The planner switch is off: the file's own arena is shown.
    auto* planner = window.memoryPage()->findChild<QComboBox*>();
    QVERIFY(planner && !planner->isEnabled());
  }

  // Settings > Language applies at once: en -> zh_CN -> en changes the menu bar, tab titles,
  // dock titles, page buttons, table headers and the summary without a restart.
  void languageSwitchesLive() {
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    window.openFile(kMnist);
    QVERIFY(waitLoaded(window));
    auto* tabs = window.findChild<QTabWidget*>();
    QVERIFY(tabs);
    auto tabTitle = [&](const QString& page) {
      for (int i = 0; i < tabs->count(); ++i)
        if (tabs->widget(i)->objectName() == page + QStringLiteral("Page")) return tabs->tabText(i);
      return QString();
    };
    auto* inspectorDock = window.findChild<QDockWidget*>(QStringLiteral("inspectorDock"));
    auto* previous = window.graphPage()->findChild<QToolButton*>();
    auto* layerTable = window.layerPage()->findChild<QTableView*>();
    auto* summary = window.findChild<QTextBrowser*>();
    QVERIFY(inspectorDock && previous && layerTable && summary);
    struct Texts {
      QString menu, graphTab, dock, button, header, summary, flash;
    };
    auto visible = [&] {
      return Texts{window.menuBar()->actions().first()->text(),
                   tabTitle(QStringLiteral("graph")),
                   inspectorDock->windowTitle(),
                   previous->text(),
                   layerTable->model()->headerData(1, Qt::Horizontal).toString(),
                   summary->toPlainText(),
                   window.devicePage()->findChild<QGroupBox*>()->title()};
    };
    const Texts en = visible();
    QCOMPARE(en.menu, QStringLiteral("&File"));
    QCOMPARE(en.graphTab, QStringLiteral("Graph"));
    QCOMPARE(en.header, QStringLiteral("Name"));
    QVERIFY(en.summary.contains(QStringLiteral("Parameters")));

    window.setLanguage(QStringLiteral("zh_CN"));
    QCoreApplication::processEvents();
    const Texts zh = visible();
    QCOMPARE(zh.menu, QStringLiteral("文件(&F)"));
    QCOMPARE(zh.graphTab, QStringLiteral("计算图"));
    QCOMPARE(zh.dock, QStringLiteral("节点检查器"));
    QCOMPARE(zh.button, QStringLiteral("上一个"));
    QVERIFY(zh.header != en.header);
    QVERIFY2(zh.summary.contains(QStringLiteral("参数量")), qPrintable(zh.summary.left(200)));
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));
    const QString dir = QStringLiteral(AXE_STUDIO_SCREENSHOT_DIR "/live_zh_CN");
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(grabStudioPage(window, QStringLiteral("summary"))
                .save(dir + QStringLiteral("/summary.png")));

    window.setLanguage(QStringLiteral("en"));
    QCoreApplication::processEvents();
    const Texts back = visible();
    QCOMPARE(back.menu, en.menu);
    QCOMPARE(back.graphTab, en.graphTab);
    QCOMPARE(back.dock, en.dock);
    QCOMPARE(back.button, en.button);
    QCOMPARE(back.header, en.header);
    QCOMPARE(back.flash, en.flash);
    QVERIFY(back.summary.contains(QStringLiteral("Parameters")));
    QSettings().remove(QStringLiteral("language"));
  }

  void screenshots_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
  }

  void screenshots() {
    QFETCH(QString, language);
    const QString model = QFile::exists(kRec) ? kRec : kMnist;
    QTranslator translator;
    if (language != QLatin1String("en")) {
      QVERIFY(translator.load(QStringLiteral(":/i18n/autox-studio_") + language));
      QApplication::installTranslator(&translator);
    }
    {
      MainWindow window;
      window.resize(1600, 1000);
      window.show();
      if (model == kRec) QVERIFY(window.setInputShape(QStringLiteral("1x3x48x320")));
      window.openFile(model);
      QVERIFY(waitLoaded(window));
      const QString dir = QStringLiteral(AXE_STUDIO_SCREENSHOT_DIR "/") + language;
      QVERIFY(QDir().mkpath(dir));
      for (const QString& page : MainWindow::pageNames()) {
        const QImage image = grabStudioPage(window, page);
        QCOMPARE(image.size(), window.pageWidget(page)->size() * image.devicePixelRatio());
        QVERIFY2(distinctColours(image) > 20, qPrintable(page));
        QVERIFY(image.save(dir + QLatin1Char('/') + page + QStringLiteral(".png")));
      }
      // The graph with shapes on the edges, zoomed onto the selected node.
      window.graphPage()->view()->setEdgeLabelsVisible(true);
      const QImage shapes = grabStudioPage(window, QStringLiteral("graph"));
      QVERIFY(shapes != grabStudioPage(window, QStringLiteral("layers")));
      QVERIFY(shapes.save(dir + QStringLiteral("/graph_shapes.png")));
      QCOMPARE(window.menuBar()->actions().first()->text(), language == QLatin1String("zh_CN")
                                                                ? QStringLiteral("文件(&F)")
                                                                : QStringLiteral("&File"));
    }
    QApplication::removeTranslator(&translator);
  }
};

QTEST_MAIN(StudioWindowTest)
#include "studio_window_test.moc"
