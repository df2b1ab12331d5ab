#include "profile_page.hpp"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QHorizontalPercentBarSeries>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QMessageBox>
#include <QPieSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>
#include <algorithm>

#include "error_banner.hpp"
#include "host_profile.hpp"
#include "log_dock.hpp"
#include "main_window.hpp"
#include "model_loader.hpp"
#include "run_compare.hpp"
#include "run_history.hpp"
#include "run_models.hpp"

namespace {

constexpr int kBarRowHeight = 22;

QString layerName(const QJsonObject& l) {
  return l.value(QStringLiteral("name")).toString();
}

}  // namespace

ProfilePage::ProfilePage(MainWindow* window) : QWidget(window), window_(window) {
  runs_ = new RunListModel(this);
  deltas_ = new LayerDeltaModel(this);

  // Left: the run history.
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(6, 6, 6, 6);
  auto* profileRow = new QHBoxLayout;
  profileButton_ = new QPushButton(tr("Profile now"), left);
  profileButton_->setToolTip(tr("Profile the open model on this computer, layer by layer"));
  threads_ = new QSpinBox(left);
  threads_->setRange(1, 64);
  threads_->setPrefix(tr("threads "));
  progress_ = new QProgressBar(left);
  progress_->setRange(0, 100);
  progress_->setMaximumWidth(120);
  progress_->hide();
  profileRow->addWidget(profileButton_);
  profileRow->addWidget(threads_);
  profileRow->addWidget(progress_);
  profileRow->addStretch(1);
  leftLayout->addLayout(profileRow);
  filter_ = new QLineEdit(left);
  filter_->setPlaceholderText(tr("Filter runs: model, board, kind or tag"));
  filter_->setClearButtonEnabled(true);
  leftLayout->addWidget(filter_);
  runView_ = new QTableView(left);
  runView_->setModel(runs_);
  runView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  runView_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  runView_->verticalHeader()->hide();
  runView_->horizontalHeader()->setStretchLastSection(true);
  runView_->setAlternatingRowColors(true);
  leftLayout->addWidget(runView_, 1);
  auto* runButtons = new QHBoxLayout;
  auto* tag = new QPushButton(tr("Tag…"), left);
  auto* remove = new QPushButton(tr("Delete"), left);
  auto* import = new QPushButton(tr("Import…"), left);
  exportButton_ = new QPushButton(tr("Export report…"), left);
  exportButton_->setToolTip(tr("HTML with the charts as SVG, and the comparison as JSON"));
  for (QPushButton* b : {tag, remove, import, exportButton_}) runButtons->addWidget(b);
  leftLayout->addLayout(runButtons);
  status_ = new QLabel(left);
  status_->setWordWrap(true);
  leftLayout->addWidget(status_);

  // Right: controls, per-layer chart, op-type breakdown, delta table.
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(6, 6, 6, 6);
  auto* controls = new QHBoxLayout;
  sort_ = new QComboBox(right);
  sort_->addItem(tr("Slowest first"));
  sort_->addItem(tr("Graph order"));
  opFilter_ = new QComboBox(right);
  opFilter_->setMinimumContentsLength(14);
  limit_ = new QSpinBox(right);
  limit_->setRange(5, 2000);
  limit_->setValue(30);
  limit_->setPrefix(tr("show "));
  limit_->setSuffix(tr(" layers"));
  controls->addWidget(new QLabel(tr("Sort"), right));
  controls->addWidget(sort_);
  controls->addWidget(new QLabel(tr("Op type"), right));
  controls->addWidget(opFilter_);
  controls->addWidget(limit_);
  controls->addStretch(1);
  rightLayout->addLayout(controls);
  summary_ = new QLabel(right);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  rightLayout->addWidget(summary_);

  layerChart_ = new QChart;
  layerChart_->setAnimationOptions(QChart::NoAnimation);
  layerChart_->legend()->setAlignment(Qt::AlignTop);
  layerView_ = new QChartView(layerChart_, right);
  layerView_->setRenderHint(QPainter::Antialiasing);
  auto* scroll = new QScrollArea(right);
  scroll->setWidgetResizable(true);
  scroll->setWidget(layerView_);
  opChart_ = new QChart;
  opChart_->setAnimationOptions(QChart::NoAnimation);
  opChart_->legend()->setAlignment(Qt::AlignRight);
  opView_ = new QChartView(opChart_, right);
  opView_->setRenderHint(QPainter::Antialiasing);
  deltaView_ = new QTableView(right);
  auto* proxy = new QSortFilterProxyModel(this);
  proxy->setSourceModel(deltas_);
  proxy->setSortRole(Qt::UserRole);
  deltaView_->setModel(proxy);
  deltaView_->setSortingEnabled(true);
  deltaView_->sortByColumn(LayerDeltaModel::Delta, Qt::DescendingOrder);
  deltaView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  deltaView_->verticalHeader()->hide();
  deltaView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  deltaView_->horizontalHeader()->setSectionResizeMode(LayerDeltaModel::Layer,
                                                       QHeaderView::Interactive);
  deltaView_->setColumnWidth(LayerDeltaModel::Layer, 150);
  deltaView_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
  auto* bottom = new QSplitter(Qt::Horizontal, right);
  bottom->addWidget(opView_);
  bottom->addWidget(deltaView_);
  bottom->setStretchFactor(0, 1);
  bottom->setStretchFactor(1, 1);
  auto* vertical = new QSplitter(Qt::Vertical, right);
  vertical->addWidget(scroll);
  vertical->addWidget(bottom);
  vertical->setStretchFactor(0, 3);
  vertical->setStretchFactor(1, 2);
  vertical->setSizes({600, 360});
  bottom->setSizes({420, 620});
  rightLayout->addWidget(vertical, 1);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 5);
  split->setSizes({380, 1000});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  watcher_ = new QFutureWatcher<HostProfileResult>(this);
  connect(watcher_, &QFutureWatcherBase::finished, this, &ProfilePage::onProfileFinished);
  connect(profileButton_, &QPushButton::clicked, this, &ProfilePage::profileNow);
  connect(filter_, &QLineEdit::textChanged, this, &ProfilePage::reloadRuns);
  connect(runView_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &ProfilePage::onSelectionChanged);
  connect(sort_, &QComboBox::currentIndexChanged, this, &ProfilePage::rebuildLayerChart);
  connect(opFilter_, &QComboBox::currentIndexChanged, this, &ProfilePage::rebuildLayerChart);
  connect(limit_, &QSpinBox::valueChanged, this, &ProfilePage::rebuildLayerChart);
  connect(tag, &QPushButton::clicked, this, &ProfilePage::tagSelected);
  connect(remove, &QPushButton::clicked, this, &ProfilePage::deleteSelected);
  connect(import, &QPushButton::clicked, this, &ProfilePage::importDialog);
  connect(exportButton_, &QPushButton::clicked, this, &ProfilePage::exportDialog);
  connect(deltaView_, &QTableView::clicked, this, [this, proxy](const QModelIndex& index) {
    const QString name =
        deltas_->data(deltas_->index(proxy->mapToSource(index).row(), LayerDeltaModel::Layer))
            .toString();
    const int row = static_cast<int>(chartLayers_.indexOf(name));
    if (row >= 0) {
      activateLayer(row);
    } else if (document_) {
      for (size_t n = 0; n < document_->graph().nodes.size(); ++n)
        if (QString::fromStdString(document_->graph().nodes[n].name) == name)
          window_->selectNode(static_cast<int>(n));
    }
  });
  connect(window->loader(), &ModelLoader::loadReady, this, &ProfilePage::setDocument);
  profileButton_->setEnabled(false);
  // After the window has built its docks (the log, the banner): the history may report there.
  QTimer::singleShot(0, this, &ProfilePage::reloadRuns);
}

ProfilePage::~ProfilePage() {
  if (watcher_->isRunning()) watcher_->waitForFinished();
}

RunHistory* ProfilePage::history() {
  if (!historyTried_) {
    historyTried_ = true;
    auto h = std::make_unique<RunHistory>();
    if (h->open()) {
      history_ = std::move(h);
      if (!history_->recoveryMessage().isEmpty()) {
        window_->errorBanner()->showError(history_->recoveryMessage());
        window_->log()->error(history_->recoveryMessage());
      }
    } else {
      status_->setText(h->errorString());
      window_->log()->error(h->errorString());
    }
  }
  return history_.get();
}

void ProfilePage::reloadRuns() {
  const QList<qint64> keep = selectedRuns();
  RunHistory* h = history();
  RunFilter f;
  f.text = filter_->text().trimmed();
  runs_->setRuns(h ? h->list(f) : QList<RunRecord>{});
  runView_->resizeColumnsToContents();
  if (h && runs_->rowCount() == 0 && f.text.isEmpty())
    status_->setText(tr("No runs yet: open a model and press Profile now, or run autox bench "
                        "MODEL --per-layer. History: %1")
                         .arg(h->path()));
  selectRuns(keep);
}

void ProfilePage::selectRuns(const QList<qint64>& ids) {
  QItemSelection selection;
  for (qint64 id : ids) {
    const int row = runs_->rowOfId(id);
    if (row >= 0)
      selection.select(runs_->index(row, 0), runs_->index(row, RunListModel::ColumnCount - 1));
  }
  runView_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
  onSelectionChanged();
}

QList<qint64> ProfilePage::selectedRuns() const {
  QList<qint64> ids;
  for (const QModelIndex& i : runView_->selectionModel()->selectedRows())
    ids << runs_->data(i, Qt::UserRole).toLongLong();
  std::sort(ids.begin(), ids.end());
  return ids;
}

void ProfilePage::setSortByTime(bool byTime) {
  sort_->setCurrentIndex(byTime ? 0 : 1);
}

void ProfilePage::setOpFilter(const QString& op) {
  const int i = op.isEmpty() ? 0 : opFilter_->findData(op);
  opFilter_->setCurrentIndex(std::max(0, i));
}

void ProfilePage::setLayerLimit(int layers) {
  limit_->setValue(layers);
}

QStringList ProfilePage::chartLayers() const {
  return chartLayers_;
}

QStringList ProfilePage::opTypes() const {
  QStringList ops;
  for (int i = 1; i < opFilter_->count(); ++i) ops << opFilter_->itemData(i).toString();
  return ops;
}

QString ProfilePage::statusText() const {
  return status_->text();
}

void ProfilePage::setDocument(const DocumentPtr& document) {
  document_ = document;
  profileButton_->setEnabled(document_ != nullptr && !watcher_->isRunning());
  if (!document_ || !selectedRuns().isEmpty()) return;
  // Nothing chosen yet: show the newest two runs of this model (one when there is one).
  if (!historyTried_) reloadRuns();
  const QString file = QFileInfo(document_->path).fileName();
  QList<qint64> ids;
  for (const RunRecord& r : runs_->runs()) {
    if (QFileInfo(r.model).fileName() != file || r.layerCount == 0) continue;
    ids.prepend(r.id);
    if (ids.size() == 2) break;
  }
  if (!ids.isEmpty()) selectRuns(ids);
}

void ProfilePage::onSelectionChanged() {
  profiles_.clear();
  labels_.clear();
  if (RunHistory* h = history()) {
    for (qint64 id : selectedRuns()) {
      RunRecord r;
      if (!h->get(id, &r)) continue;
      profiles_ << r.profile;
      labels_ << QStringLiteral("#%1 %2 %3")
                     .arg(id)
                     .arg(r.board, r.board == QLatin1String("host")
                                       ? tr("%n thread(s)", nullptr, r.threads)
                                       : QString());
    }
  }
  // The op filter offers the op types of the selected runs.
  const QString currentOp = opFilter_->currentData().toString();
  QSet<QString> ops;
  for (const QJsonObject& p : profiles_)
    for (const QJsonValue& l : p.value(QStringLiteral("layers")).toArray())
      ops.insert(l.toObject().value(QStringLiteral("op")).toString());
  QStringList sorted(ops.begin(), ops.end());
  sorted.removeAll(QString());
  sorted.sort();
  {
    QSignalBlocker block(opFilter_);
    opFilter_->clear();
    opFilter_->addItem(tr("All op types"), QString());
    for (const QString& op : sorted) opFilter_->addItem(op, op);
    opFilter_->setCurrentIndex(std::max(0, opFilter_->findData(currentOp)));
  }
  if (profiles_.size() >= 2) {
    deltas_->setComparison(compareProfiles(profiles_[0], profiles_[1], labels_[0], labels_[1]));
    deltaView_->sortByColumn(LayerDeltaModel::Delta, Qt::DescendingOrder);
  } else {
    deltas_->clear();
  }
  exportButton_->setEnabled(profiles_.size() >= 1);
  rebuildCharts();
}

void ProfilePage::rebuildCharts() {
  rebuildLayerChart();
  rebuildOpChart();
  QString text;
  if (profiles_.isEmpty()) {
    text =
        tr("Select one run for its per-layer profile, two or more to compare them "
           "(Ctrl+click).");
  } else {
    QStringList lines;
    for (int i = 0; i < profiles_.size(); ++i) {
      const QJsonObject& p = profiles_[i];
      QString line = QStringLiteral("<b>%1</b> %2")
                         .arg(labels_[i].toHtmlEscaped(),
                              QFileInfo(p.value(QStringLiteral("model")).toString())
                                  .fileName()
                                  .toHtmlEscaped());
      if (p.contains(QStringLiteral("layer_sum_ms")))
        line += tr(": layers %1 ms, wall %2 ms, framework overhead %3 ms (%4 %); warm-up "
                   "excluded")
                    .arg(p.value(QStringLiteral("layer_sum_ms")).toDouble(), 0, 'f', 3)
                    .arg(p.value(QStringLiteral("profiled_median_ms")).toDouble(), 0, 'f', 3)
                    .arg(p.value(QStringLiteral("framework_overhead_ms")).toDouble(), 0, 'f', 3)
                    .arg(p.value(QStringLiteral("layer_sum_vs_wall_pct")).toDouble(), 0, 'f', 1);
      else if (p.contains(QStringLiteral("total_cycles")))
        line += tr(": %1 %2 on the board; transfers: set input %3 ms, run %4 ms, get output %5 ms")
                    .arg(p.value(QStringLiteral("total_cycles")).toDouble(), 0, 'f', 0)
                    .arg(p.value(QStringLiteral("unit")).toString())
                    .arg(p.value(QStringLiteral("transfer"))
                             .toObject()
                             .value(QStringLiteral("set_input_ms"))
                             .toDouble(),
                         0, 'f', 2)
                    .arg(p.value(QStringLiteral("transfer"))
                             .toObject()
                             .value(QStringLiteral("run_ms"))
                             .toDouble(),
                         0, 'f', 2)
                    .arg(p.value(QStringLiteral("transfer"))
                             .toObject()
                             .value(QStringLiteral("get_output_ms"))
                             .toDouble(),
                         0, 'f', 2);
      lines << line;
    }
    const RunComparison& c = deltas_->comparison();
    if (profiles_.size() >= 2 && c.sharesOnly)
      lines << tr(
          "<i>The runs count in different units: bars and deltas are each layer's share "
          "of its run's total.</i>");
    text = lines.join(QStringLiteral("<br>"));
  }
  summary_->setText(text);
}

void ProfilePage::rebuildLayerChart() {
  layerChart_->removeAllSeries();
  for (QAbstractAxis* axis : layerChart_->axes()) layerChart_->removeAxis(axis);
  chartLayers_.clear();
  if (profiles_.isEmpty()) {
    layerChart_->setTitle(tr("No run selected"));
    layerView_->setMinimumHeight(200);
    return;
  }
  // Values per run in a common unit: the runs' own when they agree, else shares of each total.
  QStringList units;
  for (const QJsonObject& p : profiles_) {
    QString unit;
    for (const QJsonValue& l : p.value(QStringLiteral("layers")).toArray()) {
      layerValue(l.toObject(), &unit);
      break;
    }
    units << unit;
  }
  const bool shares = units.size() > 1 && QSet<QString>(units.begin(), units.end()).size() > 1;
  const QString unit = shares ? QStringLiteral("%") : units.value(0);
  QStringList order;  // graph order: the first run's, then names only later runs have
  QHash<QString, QString> opOf;
  QList<QHash<QString, double>> values;
  for (const QJsonObject& p : profiles_) {
    QHash<QString, double> v;
    double total = 0;
    const QJsonArray layers = p.value(QStringLiteral("layers")).toArray();
    for (const QJsonValue& l : layers) total += std::max(0.0, layerValue(l.toObject(), nullptr));
    for (const QJsonValue& lv : layers) {
      const QJsonObject l = lv.toObject();
      const QString name = layerName(l);
      if (!opOf.contains(name)) {
        order << name;
        opOf.insert(name, l.value(QStringLiteral("op")).toString());
      }
      const double x = std::max(0.0, layerValue(l, nullptr));
      v.insert(name, shares ? (total > 0 ? 100.0 * x / total : 0) : x);
    }
    values << v;
  }
  const QString op = opFilter_->currentData().toString();
  if (!op.isEmpty())
    order.erase(std::remove_if(order.begin(), order.end(),
                               [&](const QString& n) { return opOf.value(n) != op; }),
                order.end());
  auto peak = [&](const QString& n) {
    double m = 0;
    for (const auto& v : values) m = std::max(m, v.value(n));
    return m;
  };
  QStringList byTime = order;
  std::stable_sort(byTime.begin(), byTime.end(),
                   [&](const QString& x, const QString& y) { return peak(x) > peak(y); });
  const int limit = limit_->value();
  QStringList shown = byTime.mid(0, limit);
  if (sort_->currentIndex() == 1) {  // graph order among the shown ones
    const QSet<QString> keep(shown.begin(), shown.end());
    shown.clear();
    for (const QString& n : order)
      if (keep.contains(n)) shown << n;
  }
  chartLayers_ = shown;
  auto* series = new QHorizontalBarSeries;
  double maxValue = 0;
  for (int r = 0; r < profiles_.size(); ++r) {
    auto* set = new QBarSet(labels_[r]);
    // Categories run bottom-up on a horizontal bar axis: append in reverse so the first is on top.
    for (int i = static_cast<int>(shown.size()) - 1; i >= 0; --i) {
      const double v = values[r].value(shown[i]);
      *set << v;
      maxValue = std::max(maxValue, v);
    }
    connect(set, &QBarSet::clicked, this,
            [this, count = static_cast<int>(shown.size())](int index) {
              activateLayer(count - 1 - index);
            });
    series->append(set);
  }
  series->setBarWidth(profiles_.size() > 1 ? 0.85 : 0.7);
  layerChart_->addSeries(series);
  QStringList categories;
  for (int i = static_cast<int>(shown.size()) - 1; i >= 0; --i)
    categories << QStringLiteral("%1 (%2)").arg(shown[i].right(36), opOf.value(shown[i]));
  auto* axisY = new QBarCategoryAxis;
  axisY->append(categories);
  auto* axisX = new QValueAxis;
  axisX->setRange(0, maxValue > 0 ? maxValue * 1.05 : 1);
  axisX->setLabelFormat(unit == QLatin1String("ms") ? QStringLiteral("%.3g")
                                                    : QStringLiteral("%.0f"));
  axisX->setTitleText(shares ? tr("share of the run's total (%)")
                             : (unit == QLatin1String("ms") ? tr("median time (ms)") : unit));
  layerChart_->addAxis(axisY, Qt::AlignLeft);
  layerChart_->addAxis(axisX, Qt::AlignBottom);
  series->attachAxis(axisY);
  series->attachAxis(axisX);
  layerChart_->setTitle(
      tr("%1 of %2 layers, %3")
          .arg(shown.size())
          .arg(order.size())
          .arg(sort_->currentIndex() == 0 ? tr("slowest first") : tr("in graph order")));
  layerView_->setMinimumHeight(
      std::max(260, 110 +
                        static_cast<int>(shown.size()) * kBarRowHeight *
                            std::max(1, static_cast<int>(profiles_.size())) / 2 +
                        static_cast<int>(shown.size()) * 8));
}

void ProfilePage::rebuildOpChart() {
  opChart_->removeAllSeries();
  for (QAbstractAxis* axis : opChart_->axes()) opChart_->removeAxis(axis);
  if (profiles_.isEmpty()) {
    opChart_->setTitle(QString());
    return;
  }
  // Op totals per run.
  QList<QHash<QString, double>> totals;
  QHash<QString, double> overall;
  for (const QJsonObject& p : profiles_) {
    QHash<QString, double> t;
    double sum = 0;
    for (const QJsonValue& lv : p.value(QStringLiteral("layers")).toArray()) {
      const QJsonObject l = lv.toObject();
      const double v = std::max(0.0, layerValue(l, nullptr));
      QString op = l.value(QStringLiteral("op")).toString();
      if (op.isEmpty()) op = tr("(unknown)");
      t[op] += v;
      sum += v;
    }
    for (auto it = t.begin(); it != t.end(); ++it)
      overall[it.key()] += sum > 0 ? it.value() / sum : 0;
    totals << t;
  }
  QStringList ops = overall.keys();
  std::sort(ops.begin(), ops.end(),
            [&](const QString& a, const QString& b) { return overall[a] > overall[b]; });
  const QString other = tr("other");
  const QStringList top = ops.mid(0, 8);
  if (profiles_.size() == 1) {
    auto* pie = new QPieSeries;
    double rest = 0;
    for (const QString& op : ops) {
      if (top.contains(op))
        pie->append(op, totals[0].value(op));
      else
        rest += totals[0].value(op);
    }
    if (rest > 0) pie->append(other, rest);
    for (QPieSlice* s : pie->slices()) {
      s->setLabel(
          QStringLiteral("%1 %2 %").arg(s->label()).arg(100.0 * s->percentage(), 0, 'f', 1));
      s->setLabelVisible(s->percentage() > 0.03);
    }
    opChart_->addSeries(pie);
    opChart_->setTitle(tr("Time per op type, %1").arg(labels_[0]));
    return;
  }
  auto* series = new QHorizontalPercentBarSeries;
  QStringList stacks = top;
  if (ops.size() > top.size()) stacks << other;
  for (const QString& op : stacks) {
    auto* set = new QBarSet(op);
    for (int r = static_cast<int>(profiles_.size()) - 1; r >= 0; --r) {
      double v = 0;
      if (op == other) {
        for (auto it = totals[r].begin(); it != totals[r].end(); ++it)
          if (!top.contains(it.key())) v += it.value();
      } else {
        v = totals[r].value(op);
      }
      *set << v;
    }
    series->append(set);
  }
  opChart_->addSeries(series);
  QStringList categories;
  for (int r = static_cast<int>(profiles_.size()) - 1; r >= 0; --r) categories << labels_[r];
  auto* axisY = new QBarCategoryAxis;
  axisY->append(categories);
  auto* axisX = new QValueAxis;
  axisX->setRange(0, 100);
  axisX->setTickCount(5);
  axisX->setLabelFormat(QStringLiteral("%.0f"));
  axisX->setTitleText(tr("% of the run's total"));
  opChart_->addAxis(axisY, Qt::AlignLeft);
  opChart_->addAxis(axisX, Qt::AlignBottom);
  series->attachAxis(axisY);
  series->attachAxis(axisX);
  opChart_->setTitle(tr("Share of each run's time per op type"));
}

void ProfilePage::activateLayer(int row) {
  if (row < 0 || row >= chartLayers_.size()) return;
  const QString name = chartLayers_[row];
  if (!document_) {
    status_->setText(tr("Layer %1: open its model to see it in the graph").arg(name));
    return;
  }
  const auto& nodes = document_->graph().nodes;
  for (size_t n = 0; n < nodes.size(); ++n) {
    if (QString::fromStdString(nodes[n].name) == name) {
      window_->selectNode(static_cast<int>(n));
      status_->setText(tr("Selected layer %1 (node %2)").arg(name).arg(n));
      return;
    }
  }
  status_->setText(
      tr("Layer %1 is not in the open model %2").arg(name, QFileInfo(document_->path).fileName()));
}

bool ProfilePage::exportReport(const QString& htmlPath, QString* error) {
  if (profiles_.isEmpty()) {
    *error = tr("Select a run (two to compare) first.");
    return false;
  }
  const QJsonObject& b = profiles_.size() >= 2 ? profiles_[1] : profiles_[0];
  const RunComparison c =
      compareProfiles(profiles_[0], b, labels_[0], labels_.value(1, labels_[0]));
  const QByteArray html = comparisonHtml(c).toUtf8();
  QJsonObject json = comparisonJson(c);
  json.insert(QStringLiteral("profiles"), QJsonArray{profiles_[0], b});
  const QByteArray jsonText = QJsonDocument(json).toJson();
  QFile h(htmlPath);
  if (!h.open(QIODevice::WriteOnly) || h.write(html) != html.size()) {
    *error = tr("Cannot write %1: %2").arg(htmlPath, h.errorString());
    return false;
  }
  const QString jsonPath = QFileInfo(htmlPath).path() + QLatin1Char('/') +
                           QFileInfo(htmlPath).completeBaseName() + QStringLiteral(".json");
  QFile j(jsonPath);
  if (!j.open(QIODevice::WriteOnly) || j.write(jsonText) != jsonText.size()) {
    *error = tr("Cannot write %1: %2").arg(jsonPath, j.errorString());
    return false;
  }
  status_->setText(tr("Wrote %1 and %2").arg(htmlPath, jsonPath));
  return true;
}

void ProfilePage::exportDialog() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export profile report"),
                                                    QStringLiteral("profile-report.html"),
                                                    tr("HTML report (*.html)"));
  if (path.isEmpty()) return;
  QString error;
  if (!exportReport(path, &error)) window_->errorBanner()->showError(error);
}

void ProfilePage::importDialog() {
  RunHistory* h = history();
  if (!h) return;
  const QString path = QFileDialog::getOpenFileName(this, tr("Import runs"), QString(),
                                                    tr("Run export or profile JSON (*.json)"));
  if (path.isEmpty()) return;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    window_->errorBanner()->showError(tr("Cannot read %1: %2").arg(path, f.errorString()));
    return;
  }
  const int n = h->importJson(QJsonDocument::fromJson(f.readAll()).object());
  if (n < 0) {
    window_->errorBanner()->showError(tr("%1: %2").arg(path, h->errorString()));
    return;
  }
  status_->setText(tr("Imported %n run(s)", nullptr, n));
  reloadRuns();
}

void ProfilePage::tagSelected() {
  RunHistory* h = history();
  const QList<qint64> ids = selectedRuns();
  if (!h || ids.isEmpty()) return;
  bool ok = false;
  const QString text = QInputDialog::getText(this, tr("Tag runs"),
                                             tr("Tags for the selected runs (comma separated):"),
                                             QLineEdit::Normal, QString(), &ok);
  if (!ok) return;
  for (qint64 id : ids) h->addTags(id, text.split(QLatin1Char(','), Qt::SkipEmptyParts));
  reloadRuns();
}

void ProfilePage::deleteSelected() {
  RunHistory* h = history();
  const QList<qint64> ids = selectedRuns();
  if (!h || ids.isEmpty()) return;
  if (QMessageBox::question(this, tr("Delete runs"),
                            tr("Delete %n run(s) from the history?", nullptr,
                               static_cast<int>(ids.size()))) != QMessageBox::Yes)
    return;
  for (qint64 id : ids) h->remove(id);
  reloadRuns();
}

void ProfilePage::profileNow() {
  if (!document_ || watcher_->isRunning()) return;
  autox::HostProfileOptions o;
  o.model = document_->path.toStdString();
  o.shape =
      document_->inputShape.empty() ? std::string() : axe::shape_string(document_->inputShape);
  o.threads = threads_->value();
  o.runs = 10;
  o.warmup = 2;
  profileButton_->setEnabled(false);
  progress_->setValue(0);
  progress_->show();
  status_->setText(tr("Profiling %1 on this computer (%n thread(s))…", nullptr, o.threads)
                       .arg(QFileInfo(document_->path).fileName()));
  QPointer<QProgressBar> bar = progress_;
  watcher_->setFuture(QtConcurrent::run([o, bar]() {
    HostProfileResult result;
    nlohmann::ordered_json j;
    axe::Status s = autox::profile_on_host(o, &j, [bar](double fraction) {
      QMetaObject::invokeMethod(
          bar,
          [bar, fraction] {
            if (bar) bar->setValue(static_cast<int>(fraction * 100));
          },
          Qt::QueuedConnection);
      return true;
    });
    if (!s)
      result.error = QString::fromStdString(s.message());
    else
      result.profile = QJsonDocument::fromJson(QByteArray::fromStdString(j.dump())).object();
    return result;
  }));
}

bool ProfilePage::isProfiling() const {
  return watcher_->isRunning();
}

void ProfilePage::onProfileFinished() {
  progress_->hide();
  profileButton_->setEnabled(document_ != nullptr);
  const HostProfileResult result = watcher_->result();
  if (!result.error.isEmpty()) {
    const QString message = tr("Profiling failed: %1").arg(result.error);
    status_->setText(message);
    window_->errorBanner()->showError(message);
    window_->log()->error(message);
    emit profileFailed(result.error);
    return;
  }
  RunHistory* h = history();
  const qint64 id = h ? h->add(result.profile) : 0;
  if (!id) {
    const QString message =
        tr("The profile was not stored: %1").arg(h ? h->errorString() : status_->text());
    status_->setText(message);
    emit profileFailed(message);
    return;
  }
  const QJsonObject& p = result.profile;
  const QString done =
      tr("Run #%1: %2 ms end to end; the layers sum to %3 ms (framework "
         "overhead %4 ms)")
          .arg(id)
          .arg(p.value(QStringLiteral("median_ms")).toDouble(), 0, 'f', 3)
          .arg(p.value(QStringLiteral("layer_sum_ms")).toDouble(), 0, 'f', 3)
          .arg(p.value(QStringLiteral("framework_overhead_ms")).toDouble(), 0, 'f', 3);
  window_->log()->info(done);
  QList<qint64> keep = selectedRuns();
  keep << id;
  filter_->clear();
  reloadRuns();
  selectRuns(keep.size() > 2 ? QList<qint64>{keep[keep.size() - 2], id} : keep);
  status_->setText(done);
  emit profileStored(id);
}
