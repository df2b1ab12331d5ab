#include "main_window.hpp"

#include <QAbstractScrollArea>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QDirIterator>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include "device_page.hpp"
#include "error_banner.hpp"
#include "generate_page.hpp"
#include "graph_page.hpp"
#include "graph_view.hpp"
#include "layer_table_page.hpp"
#include "log_dock.hpp"
#include "memory_plan_page.hpp"
#include "model_loader.hpp"
#include "node_inspector.hpp"
#include "plugins_dialog.hpp"
#include "preview_page.hpp"
#include "profile_page.hpp"
#include "retranslator.hpp"
#include "studio_app.hpp"
#include "summary_page.hpp"
#include "welcome_page.hpp"

namespace {
constexpr int kMaxRecent = 10;
const char* const kRecentKey = "recentFiles";
}  // namespace

QStringList bundledSampleModels() {
  QStringList roots = {QCoreApplication::applicationDirPath() +
                       QStringLiteral("/../share/autox-studio/models")};
#ifdef AXE_STUDIO_SOURCE_RESOURCES
  roots << QStringLiteral(AXE_STUDIO_SOURCE_RESOURCES "/models");
#endif
  QStringList found;
  for (const QString& root : roots) {
    QDirIterator it(root, {QStringLiteral("*.onnx")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) found << QFileInfo(it.next()).canonicalFilePath();
    if (!found.isEmpty()) break;
  }
  found.sort();
  return found;
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  auto* texts = new Retranslator(this);
  setAcceptDrops(true);
  resize(1500, 920);
  loader_ = new ModelLoader(this);

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  banner_ = new ErrorBanner(central);
  layout->addWidget(banner_);
  tabs_ = new QTabWidget(central);
  tabs_->setDocumentMode(true);
  welcome_ = new WelcomePage(tabs_);
  graph_ = new GraphPage(tabs_);
  layers_ = new LayerTablePage(tabs_);
  memory_ = new MemoryPlanPage(tabs_);
  summary_ = new SummaryPage(tabs_);
  // One line per tab; the name must also be in kTabPages (pageNames() for --page).
  // Titles are untranslated sources (QT_TR_NOOP); they follow the language.
  addPage(QStringLiteral("welcome"), welcome_, QT_TR_NOOP("Welcome"));
  addPage(QStringLiteral("graph"), graph_, QT_TR_NOOP("Graph"));
  addPage(QStringLiteral("layers"), layers_, QT_TR_NOOP("Layers"));
  addPage(QStringLiteral("memory"), memory_, QT_TR_NOOP("Memory"));
  addPage(QStringLiteral("summary"), summary_, QT_TR_NOOP("Summary"));
  addPage(QStringLiteral("device"), device_ = new DevicePage(tabs_), QT_TR_NOOP("Device"));
  addPage(QStringLiteral("profiling"), new ProfilePage(this), QT_TR_NOOP("Profiling"));
  addPage(QStringLiteral("generate"), new GeneratePage(tabs_), QT_TR_NOOP("Generate"));
  addPage(QStringLiteral("preview"), preview_ = new PreviewPage(tabs_), QT_TR_NOOP("Live preview"));
  layout->addWidget(tabs_, 1);
  setCentralWidget(central);

  inspector_ = new NodeInspector(this);
  inspectorDock_ = new QDockWidget(this);
  inspectorDock_->setObjectName(QStringLiteral("inspectorDock"));
  inspectorDock_->setWidget(inspector_);
  addDockWidget(Qt::RightDockWidgetArea, inspectorDock_);
  log_ = new LogDock(this);
  logDock_ = new QDockWidget(this);
  logDock_->setObjectName(QStringLiteral("logDock"));
  logDock_->setWidget(log_);
  addDockWidget(Qt::BottomDockWidgetArea, logDock_);
  resizeDocks({inspectorDock_}, {380}, Qt::Horizontal);
  resizeDocks({logDock_}, {110}, Qt::Vertical);

  progress_ = new QProgressBar(this);
  progress_->setRange(0, 100);
  progress_->setMaximumWidth(220);
  progress_->hide();
  cancel_ = new QPushButton(this);
  cancel_->hide();
  status_ = new QLabel(this);
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);

  // Input shape: binds unknown dimensions (a dynamic width, batch ...) for statistics and plan.
  QToolBar* toolbar = addToolBar(QString());
  toolbar->setObjectName(QStringLiteral("modelToolbar"));
  toolbar->setMovable(false);
  auto* shapeLabel = new QLabel(toolbar);
  toolbar->addWidget(shapeLabel);
  shapeEdit_ = new QLineEdit(toolbar);
  shapeEdit_->setMaximumWidth(220);
  toolbar->addWidget(shapeEdit_);
  QAction* apply = toolbar->addAction(QString(), this, [this] {
    if (setInputShape(shapeEdit_->text()) && document_) openFile(document_->path);
  });
  optimize_ = new QCheckBox(toolbar);
  optimize_->setChecked(true);
  toolbar->addSeparator();
  toolbar->addWidget(optimize_);
  connect(optimize_, &QCheckBox::toggled, this, [this] {
    if (document_) openFile(document_->path);
  });
  connect(shapeEdit_, &QLineEdit::returnPressed, this, [this] {
    if (setInputShape(shapeEdit_->text()) && document_) openFile(document_->path);
  });

  // Menus.
  QMenu* file = menuBar()->addMenu(QString());
  QAction* open = file->addAction(QString(), QKeySequence::Open, this, &MainWindow::openDialog);
  recentMenu_ = file->addMenu(QString());
  QAction* exportTable = file->addAction(QString(), this, &MainWindow::exportLayers);
  file->addSeparator();
  QAction* quit = file->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);
  QMenu* view = menuBar()->addMenu(QString());
  QAction* fit =
      view->addAction(QString(), QKeySequence(Qt::Key_F5), graph_->view(), &GraphView::fitToView);
  view->addAction(inspectorDock_->toggleViewAction());
  view->addAction(logDock_->toggleViewAction());
  QMenu* settings = menuBar()->addMenu(QString());
  QMenu* language = settings->addMenu(QString());
  // Every fixed text of the window, set now and again after a language switch.
  texts->bind([=, this] {
    setWindowTitle(document_ ? tr("%1 — Auto-X Studio").arg(QFileInfo(document_->path).fileName())
                             : tr("Auto-X Studio"));
    for (int i = 0; i < tabs_->count(); ++i)
      tabs_->setTabText(i, tr(tabTitles_.value(tabs_->widget(i))));
    inspectorDock_->setWindowTitle(tr("Node inspector"));
    logDock_->setWindowTitle(tr("Log"));
    cancel_->setText(tr("Cancel"));
    toolbar->setWindowTitle(tr("Model"));
    shapeLabel->setText(tr(" Input shape: "));
    shapeEdit_->setPlaceholderText(tr("as declared, e.g. 1x3x48x320"));
    apply->setText(tr("Apply"));
    optimize_->setText(tr("Optimized graph"));
    optimize_->setToolTip(
        tr("Show the graph after the engine's passes (constant folding, BatchNorm "
           "folding, activation fusion), as it runs; off: as the file has it."));
    file->setTitle(tr("&File"));
    open->setText(tr("&Open…"));
    recentMenu_->setTitle(tr("Open &Recent"));
    exportTable->setText(tr("&Export layer table…"));
    quit->setText(tr("&Quit"));
    view->setTitle(tr("&View"));
    fit->setText(tr("&Fit graph"));
    settings->setTitle(tr("&Settings"));
    language->setTitle(tr("&Language"));
  });
  auto* group = new QActionGroup(this);
  const QString current =
      QSettings().value(QStringLiteral("language"), QStringLiteral("en")).toString();
  for (const auto& [code, name] :
       {std::pair{QStringLiteral("en"), QStringLiteral("English")},
        std::pair{QStringLiteral("zh_CN"), QStringLiteral("简体中文")}}) {
    QAction* a = language->addAction(name);
    a->setData(code);
    languageActions_ << a;
    a->setCheckable(true);
    a->setChecked(code == current);
    group->addAction(a);
    connect(a, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
  }
  QAction* plugins = settings->addAction(QString(), this, [this] {
    PluginsDialog dialog(studioPlugins(), this);
    dialog.exec();
  });
  QMenu* help = menuBar()->addMenu(QString());
  QAction* about = help->addAction(QString(), this, [this] {
    QMessageBox::about(this, tr("About Auto-X Studio"), studioAboutText(studioPlugins()));
  });
  texts->bind([=, this] {
    plugins->setText(tr("&Plugins…"));
    help->setTitle(tr("&Help"));
    about->setText(tr("&About Auto-X Studio"));
  });

  connect(welcome_, &WelcomePage::openRequested, this, &MainWindow::openFile);
  connect(welcome_, &WelcomePage::openDialogRequested, this, &MainWindow::openDialog);
  connect(graph_, &GraphPage::nodeSelected, this, &MainWindow::selectNode);
  connect(layers_, &LayerTablePage::nodeSelected, this, &MainWindow::selectNode);
  connect(memory_, &MemoryPlanPage::nodeSelected, this, &MainWindow::selectNode);
  connect(memory_, &MemoryPlanPage::replanned, this, [this](const DocumentPtr& doc) {
    log_->info(tr("Replanned with %1: peak %2")
                   .arg(QString::fromStdString(doc->plan.algorithm),
                        formatBytes(static_cast<int64_t>(doc->plan.peak_bytes))));
    document_ = doc;
    memory_->setDocument(doc);
    summary_->setDocument(doc);
  });
  connect(memory_, &MemoryPlanPage::replanFailed, banner_, &ErrorBanner::showError);
  connect(device_, &DevicePage::logMessage, log_, &LogDock::info);
  connect(device_, &DevicePage::errorMessage, banner_, &ErrorBanner::showError);
  connect(device_, &DevicePage::errorMessage, log_, &LogDock::error);
  connect(preview_, &PreviewPage::logMessage, log_, &LogDock::info);
  connect(preview_, &PreviewPage::errorMessage, log_, &LogDock::error);
  connect(cancel_, &QPushButton::clicked, loader_, &ModelLoader::cancel);
  connect(loader_, &ModelLoader::started, this, [this](const QString& path) {
    log_->info(tr("Opening %1").arg(path));
    progress_->setValue(0);
    progress_->show();
    cancel_->show();
  });
  connect(loader_, &ModelLoader::progress, this, [this](double fraction, const QString& stage) {
    progress_->setValue(static_cast<int>(fraction * 100));
    status_->setText(stage);
  });
  connect(loader_, &ModelLoader::loadReady, this, &MainWindow::setDocument);
  connect(loader_, &ModelLoader::loadFailed, this, &MainWindow::onLoadFailed);
  connect(loader_, &ModelLoader::loadCancelled, this, [this](const QString& path) {
    progress_->hide();
    cancel_->hide();
    status_->setText(tr("Cancelled opening %1").arg(path));
    log_->info(tr("Cancelled opening %1").arg(path));
  });

  welcome_->setSampleFiles(bundledSampleModels());
  refreshRecentMenu();
  // A file dropped anywhere opens it: text fields would otherwise take the drop as text.
  for (QWidget* w : findChildren<QWidget*>())
    if (qobject_cast<QLineEdit*>(w)) {
      w->setAcceptDrops(false);
    } else if (auto* area = qobject_cast<QAbstractScrollArea*>(w)) {
      area->setAcceptDrops(false);
      area->viewport()->setAcceptDrops(false);
    }
}

MainWindow::~MainWindow() = default;

namespace {
// Tab pages in tab order, then the docks. A new page adds its name here and an addPage() call.
// clang-format off
constexpr const char* kTabPages[] = {
    "welcome",
    "graph",
    "layers",
    "memory",
    "summary",
    "device",
    "profiling",
    "generate",
    "preview",
};
// clang-format on
constexpr const char* kDockPages[] = {"inspector", "log"};
}  // namespace

QStringList MainWindow::pageNames() {
  QStringList names;
  for (const char* name : kTabPages) names << QString::fromLatin1(name);
  for (const char* name : kDockPages) names << QString::fromLatin1(name);
  return names;
}

void MainWindow::addPage(const QString& name, QWidget* page, const char* title) {
  Q_ASSERT(pageNames().contains(name));
  page->setObjectName(name + QStringLiteral("Page"));
  tabTitles_.insert(page, title);
  tabs_->addTab(page, tr(title));
}

bool MainWindow::showPage(const QString& name) {
  if (!pageNames().contains(name)) return false;
  if (name == QLatin1String("inspector") || name == QLatin1String("log")) {
    tabs_->setCurrentWidget(graph_);
    QDockWidget* dock = name == QLatin1String("inspector") ? inspectorDock_ : logDock_;
    dock->show();
    dock->raise();
    return true;
  }
  for (int i = 0; i < tabs_->count(); ++i) {
    if (tabs_->widget(i)->objectName() == name + QStringLiteral("Page")) {
      tabs_->setCurrentIndex(i);
      return true;
    }
  }
  return false;
}

bool MainWindow::setInputShape(const QString& text) {
  axe::Shape shape;
  if (!text.trimmed().isEmpty() && !parseShape(text, &shape)) {
    banner_->showError(
        tr("'%1' is not a shape: write positive dimensions joined by x, e.g. 1x3x48x320")
            .arg(text));
    return false;
  }
  if (shapeEdit_->text() != text) shapeEdit_->setText(text);
  return true;
}

void MainWindow::setOptimize(bool optimize) {
  const QSignalBlocker block(optimize_);
  optimize_->setChecked(optimize);
}

QWidget* MainWindow::pageWidget(const QString& name) {
  if (name == QLatin1String("inspector")) return inspectorDock_;
  if (name == QLatin1String("log")) return logDock_;
  return this;
}

void MainWindow::openFile(const QString& path) {
  const QFileInfo info(path);
  if (!info.exists()) {
    onLoadFailed(path, tr("%1: no such file").arg(path));
    return;
  }
  axe::Shape shape;
  if (!shapeEdit_->text().trimmed().isEmpty() && !parseShape(shapeEdit_->text(), &shape))
    shape.clear();
  loader_->load(info.absoluteFilePath(), shape, optimize_->isChecked());
}

void MainWindow::setDocument(const DocumentPtr& doc) {
  progress_->hide();
  cancel_->hide();
  banner_->hide();
  document_ = doc;
  graph_->setDocument(doc);
  layers_->setDocument(doc);
  memory_->setDocument(doc);
  summary_->setDocument(doc);
  inspector_->setDocument(doc);
  device_->setDocument(doc);
  preview_->setDocument(doc);
  setWindowTitle(tr("%1 — Auto-X Studio").arg(QFileInfo(doc->path).fileName()));
  const QString line =
      tr("Opened %1: %2 nodes, import %3 ms, analysis %4 ms, plan %5 ms, layout %6 ms")
          .arg(doc->path)
          .arg(doc->graph().nodes.size())
          .arg(doc->loadMs, 0, 'f', 1)
          .arg(doc->statsMs, 0, 'f', 1)
          .arg(doc->planMs, 0, 'f', 1)
          .arg(doc->layout.layoutMs, 0, 'f', 1);
  status_->setText(line);
  log_->info(line);
  if (!doc->planError.isEmpty()) log_->error(doc->planError);
  for (const QString& missing : doc->missing)
    log_->info(tr("Not in this file: %1")
                   .arg(QCoreApplication::translate("AxmDocument", missing.toUtf8().constData())));
  if (!doc->unknownInputs.isEmpty()) {
    const QString hint =
        tr("Unknown input dimensions (%1): MACs, activation bytes and the memory plan "
           "leave out what depends on them. Enter an input shape in the toolbar, e.g. "
           "1x3x48x320, and press Enter.")
            .arg(doc->unknownInputs);
    banner_->showError(hint);
    log_->info(hint);
  }
  addRecentFile(doc->path);
  // The preview keeps its page: it now runs the model just opened.
  if (tabs_->currentWidget() != preview_) tabs_->setCurrentWidget(graph_);
}

void MainWindow::onLoadFailed(const QString& path, const QString& message) {
  progress_->hide();
  cancel_->hide();
  const QString text = message.isEmpty() ? tr("%1: could not be opened").arg(path) : message;
  banner_->showError(
      document_ ? tr("%1 — still showing %2").arg(text, QFileInfo(document_->path).fileName())
                : text);
  status_->setText(text);
  log_->error(text);
}

void MainWindow::selectNode(int viewNode) {
  graph_->selectNode(viewNode);
  const int graphNodes = document_ ? static_cast<int>(document_->graph().nodes.size()) : 0;
  layers_->selectNode(viewNode < graphNodes ? viewNode : -1);
  memory_->selectNode(viewNode < graphNodes ? viewNode : -1);
  inspector_->showNode(viewNode);
}

QStringList MainWindow::recentFiles() const {
  return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void MainWindow::addRecentFile(const QString& path) {
  QStringList files = recentFiles();
  files.removeAll(path);
  files.prepend(path);
  while (files.size() > kMaxRecent) files.removeLast();
  QSettings().setValue(QLatin1String(kRecentKey), files);
  refreshRecentMenu();
}

void MainWindow::refreshRecentMenu() {
  const QStringList files = recentFiles();
  recentMenu_->clear();
  for (const QString& f : files) recentMenu_->addAction(f, this, [this, f] { openFile(f); });
  recentMenu_->setEnabled(!files.isEmpty());
  welcome_->setRecentFiles(files);
}

void MainWindow::openDialog() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open model"), QString(),
                                   tr("Models (*.onnx *.axm);;ONNX models (*.onnx);;Auto-X runtime "
                                      "models (*.axm);;All files (*)"));
  if (!path.isEmpty()) openFile(path);
}

void MainWindow::exportLayers() {
  if (!document_) return;
  const QString path = QFileDialog::getSaveFileName(this, tr("Export layer table"), QString(),
                                                    tr("CSV (*.csv);;JSON (*.json)"));
  if (path.isEmpty()) return;
  QString error;
  if (!layers_->exportTo(path, &error))
    banner_->showError(error);
  else
    log_->info(tr("Exported the layer table to %1").arg(path));
}

void MainWindow::setLanguage(const QString& language) {
  QSettings().setValue(QStringLiteral("language"), language);
  // Installing the translators sends QEvent::LanguageChange through every widget: pages, docks,
  // menus and the toolbar retranslate at once.
  if (!switchStudioLanguage(language))
    banner_->showError(
        tr("No translation for '%1' is built into this Auto-X Studio.").arg(language));
  for (QAction* a : languageActions_) a->setChecked(a->data().toString() == language);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) {
    for (const QUrl& url : event->mimeData()->urls())
      if (url.isLocalFile()) {
        event->acceptProposedAction();
        return;
      }
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) {
      event->acceptProposedAction();
      openFile(url.toLocalFile());
      return;
    }
  }
}
