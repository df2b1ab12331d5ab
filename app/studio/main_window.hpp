// The studio's main window: pages (welcome, graph, layers, memory, summary) in tabs, the node
// inspector and the log as docks, an error banner, and the loader's progress with cancel.
// Open by drag-and-drop, File > Open, recent files or openFile() (the command line).
// Selection is one graph node index shared by all views.
#pragma once

#include <QHash>
#include <QMainWindow>

#include "model_document.hpp"

class QTabWidget;
class QProgressBar;
class QPushButton;
class QLabel;
class QMenu;
class ModelLoader;
class WelcomePage;
class GraphPage;
class LayerTablePage;
class MemoryPlanPage;
class SummaryPage;
class DevicePage;
class PreviewPage;
class NodeInspector;
class LogDock;
class ErrorBanner;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  void openFile(const QString& path);
  // The first input's shape for the next open ("1x3x48x320"; empty: as the model declares).
  bool setInputShape(const QString& text);
  // Whether the next open runs the engine's graph passes (default) or shows the file's graph.
  void setOptimize(bool optimize);
  void selectNode(int viewNode);
  bool showPage(const QString& name);  // one of pageNames()
  static QStringList pageNames();      // tab pages in tab order, then the docks
  // What a screenshot of `name` shows: the window for pages, the dock for inspector and log.
  QWidget* pageWidget(const QString& name);

  const DocumentPtr& document() const { return document_; }
  ModelLoader* loader() const { return loader_; }
  ErrorBanner* errorBanner() const { return banner_; }
  GraphPage* graphPage() const { return graph_; }
  LayerTablePage* layerPage() const { return layers_; }
  MemoryPlanPage* memoryPage() const { return memory_; }
  DevicePage* devicePage() const { return device_; }
  PreviewPage* previewPage() const { return preview_; }
  LogDock* log() const { return log_; }
  NodeInspector* inspector() const { return inspector_; }
  QStringList recentFiles() const;

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  // `title` is an untranslated source marked with QT_TR_NOOP; the tab follows the language.
  void addPage(const QString& name, QWidget* page, const char* title);
  void setDocument(const DocumentPtr& document);
  void onLoadFailed(const QString& path, const QString& message);
  void addRecentFile(const QString& path);
  void refreshRecentMenu();
  void openDialog();
  void exportLayers();

 public:
  // Switches the interface language now (en, zh_CN) and remembers it in the settings.
  void setLanguage(const QString& language);

 private:
  QHash<QWidget*, const char*> tabTitles_;
  DocumentPtr document_;
  ModelLoader* loader_;
  QTabWidget* tabs_;
  WelcomePage* welcome_;
  GraphPage* graph_;
  LayerTablePage* layers_;
  MemoryPlanPage* memory_;
  SummaryPage* summary_;
  DevicePage* device_;
  PreviewPage* preview_;
  NodeInspector* inspector_;
  LogDock* log_;
  ErrorBanner* banner_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  QLabel* status_;
  class QLineEdit* shapeEdit_;
  class QCheckBox* optimize_;
  QMenu* recentMenu_;
  QList<QAction*> languageActions_;
  class QDockWidget* inspectorDock_;
  class QDockWidget* logDock_;
};

// Bundled samples: resources/models/**.onnx next to the executable's share folder or the source
// tree.
QStringList bundledSampleModels();
