#include "memory_plan_page.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "memory_plan_model.hpp"
#include "memory_plan_view.hpp"
#include "retranslator.hpp"

MemoryPlanPage::MemoryPlanPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  auto* bar = new QHBoxLayout;
  auto* plannerLabel = new QLabel(this);
  bar->addWidget(plannerLabel);
  algorithm_ = new QComboBox(this);
  algorithm_->addItems(plannerAlgorithms());
  bar->addWidget(algorithm_);
  figures_ = new QLabel(this);
  figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  bar->addWidget(figures_, 1);
  layout->addLayout(bar);
  auto* split = new QSplitter(Qt::Vertical, this);
  view_ = new MemoryPlanView(split);
  model_ = new MemoryPlanModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(MemoryPlanModel::SortRole);
  table_ = new QTableView(split);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(MemoryPlanModel::FirstStep, Qt::AscendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(22);
  table_->horizontalHeader()->setStretchLastSection(true);
  split->addWidget(view_);
  split->addWidget(table_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  layout->addWidget(split, 1);

  auto* texts = new Retranslator(this);
  texts->bind([=, this] {
    plannerLabel->setText(tr("Planner:"));
    emit model_->headerDataChanged(Qt::Horizontal, 0, model_->columnCount() - 1);
    setDocument(document_);  // figures and tooltips
  });
  connect(view_, &MemoryPlanView::nodeSelected, this, &MemoryPlanPage::nodeSelected);
  connect(table_, &QTableView::clicked, this, [this](const QModelIndex& i) {
    const int node = proxy_->data(i, MemoryPlanModel::NodeRole).toInt();
    if (node >= 0) {
      view_->setSelectedNode(node);
      emit nodeSelected(node);
    }
  });
  connect(algorithm_, &QComboBox::currentTextChanged, this, [this](const QString& algorithm) {
    if (!document_ || QString::fromStdString(document_->plan.algorithm) == algorithm) return;
    auto doc = std::make_shared<ModelDocument>();
    QString error;
    if (!replanDocument(*document_, algorithm, doc.get(), &error)) {
      emit replanFailed(error);
      return;
    }
    emit replanned(DocumentPtr(doc));
  });
}

void MemoryPlanPage::setDocument(const DocumentPtr& document) {
  document_ = document;
  // An .axm carries its compiler's plan: there is nothing to re-place without the source graph.
  algorithm_->setEnabled(!document || !document->isAxm());
  algorithm_->setToolTip(document && document->isAxm()
                             ? tr("The .axm stores its arena offsets; open the ONNX model to "
                                  "compare planners.")
                             : QString());
  view_->setDocument(document);
  model_->setDocument(document);
  table_->resizeColumnsToContents();
  table_->setColumnWidth(MemoryPlanModel::Tensor,
                         std::min(table_->columnWidth(MemoryPlanModel::Tensor), 300));
  table_->setColumnWidth(MemoryPlanModel::Producer,
                         std::min(table_->columnWidth(MemoryPlanModel::Producer), 300));
  updateFigures();
}

void MemoryPlanPage::selectNode(int node) {
  view_->setSelectedNode(node);
}

void MemoryPlanPage::updateFigures() {
  if (!document_) {
    figures_->clear();
    return;
  }
  if (!document_->planError.isEmpty()) {
    figures_->setText(document_->planError);
    return;
  }
  const axe::MemoryPlan& plan = document_->plan;
  if (document_->isAxm()) {
    figures_->setText(
        tr("as stored in the .axm: peak %1   lower bound %2   no reuse %3   %n buffer(s)", nullptr,
           static_cast<int>(plan.tensors.size()))
            .arg(formatBytes(static_cast<int64_t>(plan.peak_bytes)),
                 formatBytes(static_cast<int64_t>(plan.lower_bound_bytes)),
                 formatBytes(static_cast<int64_t>(plan.baseline_bytes))));
    return;
  }
  figures_->setText(tr("peak %1   lower bound %2   no reuse %3   %n tensor(s)   planned in %4 ms",
                       nullptr, static_cast<int>(plan.tensors.size()))
                        .arg(formatBytes(static_cast<int64_t>(plan.peak_bytes)),
                             formatBytes(static_cast<int64_t>(plan.lower_bound_bytes)),
                             formatBytes(static_cast<int64_t>(plan.baseline_bytes)))
                        .arg(document_->planMs, 0, 'f', 2));
}
