// The Profiling page: the run history (host profiles, benchmarks, board profiles) on the left;
// on the right, for the selected runs, per-layer bars (one set per run: grouped bars for two or
// more), sorted by time or in graph order and filtered by op type; the per-op-type breakdown
// (a pie for one run, 100 % stacked bars for several); and the layer-by-layer delta table of the
// first two selected runs. Clicking a bar or a delta row selects that layer in the graph.
// "Profile now" profiles the open model on the host off the GUI thread and stores the run.
#pragma once

#include <QFutureWatcher>
#include <QJsonObject>
#include <QWidget>
#include <memory>

#include "model_document.hpp"

class MainWindow;
class RunHistory;
class RunListModel;
class LayerDeltaModel;
class QTableView;
class QComboBox;
class QSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QProgressBar;
class QChart;
class QChartView;

struct HostProfileResult {
  QJsonObject profile;
  QString error;
};

class ProfilePage : public QWidget {
  Q_OBJECT
 public:
  explicit ProfilePage(MainWindow* window);
  ~ProfilePage() override;

  RunListModel* runModel() const { return runs_; }
  LayerDeltaModel* deltaModel() const { return deltas_; }
  QChart* layerChart() const { return layerChart_; }
  QChart* opChart() const { return opChart_; }
  RunHistory* history();  // opened on first use; nullptr when it cannot be opened

  void reloadRuns();
  void selectRuns(const QList<qint64>& ids);
  QList<qint64> selectedRuns() const;  // in id order
  void setSortByTime(bool byTime);
  void setOpFilter(const QString& op);  // empty: every op type
  void setLayerLimit(int layers);
  QStringList chartLayers() const;  // the layer names of the bars, top to bottom
  QStringList opTypes() const;      // the op filter's choices (without "all")
  // As a click on a bar of category `row` (0 = top): selects the layer in the graph.
  void activateLayer(int row);
  // The HTML report (charts as SVG, the comparison JSON inside) of the first two selected runs,
  // and the JSON next to it (same name, .json).
  bool exportReport(const QString& htmlPath, QString* error);
  void profileNow();
  bool isProfiling() const;
  QString statusText() const;

 signals:
  void profileStored(qint64 id);
  void profileFailed(const QString& message);

 private:
  void setDocument(const DocumentPtr& document);
  void onSelectionChanged();
  void rebuildCharts();
  void rebuildLayerChart();
  void rebuildOpChart();
  void onProfileFinished();
  void tagSelected();
  void deleteSelected();
  void exportDialog();
  void importDialog();
  QList<QJsonObject> selectedProfiles() const;
  QList<QString> selectedLabels() const;

  MainWindow* window_;
  DocumentPtr document_;
  std::unique_ptr<RunHistory> history_;
  bool historyTried_ = false;
  RunListModel* runs_;
  LayerDeltaModel* deltas_;
  QTableView* runView_;
  QTableView* deltaView_;
  QLineEdit* filter_;
  QComboBox* sort_;
  QComboBox* opFilter_;
  QSpinBox* limit_;
  QSpinBox* threads_;
  QPushButton* profileButton_;
  QPushButton* exportButton_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* summary_;
  QChart* layerChart_;
  QChartView* layerView_;
  QChart* opChart_;
  QChartView* opView_;
  QStringList chartLayers_;
  QList<QJsonObject> profiles_;  // of the selected runs, in id order
  QList<QString> labels_;
  QFutureWatcher<HostProfileResult>* watcher_;
};
