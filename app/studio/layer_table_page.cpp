#include "layer_table_page.hpp"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "retranslator.hpp"

#include "layer_table_model.hpp"

LayerTablePage::LayerTablePage(QWidget* parent) : QWidget(parent) {
  model_ = new LayerTableModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(LayerTableModel::SortRole);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  auto* bar = new QHBoxLayout;
  filter_ = new QLineEdit(this);
  filter_->setClearButtonEnabled(true);
  auto* exportButton = new QPushButton(this);
  bar->addWidget(filter_, 1);
  bar->addWidget(exportButton);
  layout->addLayout(bar);
  table_ = new QTableView(this);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(LayerTableModel::Index, Qt::AscendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setAlternatingRowColors(true);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(22);
  table_->horizontalHeader()->setStretchLastSection(true);
  layout->addWidget(table_, 1);
  totals_ = new QLabel(this);
  totals_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(totals_);
  auto* texts = new Retranslator(this);
  texts->bind([=, this] {
    filter_->setPlaceholderText(tr("Filter by name, op or shape"));
    exportButton->setText(tr("Export…"));
    emit model_->headerDataChanged(Qt::Horizontal, 0, model_->columnCount() - 1);
    updateTotals();
  });

  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setFilterFixedString(text);
    updateTotals();
  });
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (syncing_ || !current.isValid()) return;
            emit nodeSelected(proxy_->data(current, LayerTableModel::NodeRole).toInt());
          });
  connect(exportButton, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export layer table"), QString(),
                                                      tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportTo(path, &error)) totals_->setText(error);
  });
}

void LayerTablePage::setDocument(const DocumentPtr& document) {
  model_->setDocument(document);
  table_->resizeColumnsToContents();
  table_->setColumnWidth(LayerTableModel::Name,
                         std::min(table_->columnWidth(LayerTableModel::Name), 320));
  updateTotals();
}

void LayerTablePage::setFilterText(const QString& text) {
  filter_->setText(text);
}

void LayerTablePage::selectNode(int node) {
  syncing_ = true;
  if (node < 0 || node >= model_->rowCount()) {
    table_->clearSelection();
  } else {
    const QModelIndex i = proxy_->mapFromSource(model_->index(node, 0));
    if (i.isValid()) {
      table_->selectionModel()->setCurrentIndex(
          i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
      table_->scrollTo(i, QAbstractItemView::PositionAtCenter);
    }
  }
  syncing_ = false;
}

void LayerTablePage::updateTotals() {
  const DocumentPtr& doc = model_->document();
  if (!doc) {
    totals_->clear();
    return;
  }
  int64_t params = 0, macs = 0, weights = 0, activations = 0;
  for (int r = 0; r < proxy_->rowCount(); ++r) {
    const int node = proxy_->data(proxy_->index(r, 0), LayerTableModel::NodeRole).toInt();
    const LayerFigures& f = doc->layers[static_cast<size_t>(node)];
    params += f.params;
    macs += std::max<int64_t>(0, f.macs);
    weights += f.weightBytes;
    activations += std::max<int64_t>(0, f.activationBytes);
  }
  totals_->setText(tr("%1 of %2 layers   params %3   MACs %4   weights %5   activations %6")
                       .arg(proxy_->rowCount())
                       .arg(model_->rowCount())
                       .arg(formatCount(params), formatCount(macs), formatBytes(weights),
                            formatBytes(activations)));
}

bool LayerTablePage::exportTo(const QString& path, QString* error) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
    file.write(tableToJson(proxy_));
  else
    file.write(tableToCsv(proxy_).toUtf8());
  return true;
}
