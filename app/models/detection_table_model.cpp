#include "detection_table_model.hpp"

DetectionTableModel::DetectionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void DetectionTableModel::setResult(const autox::post::Result& result) {
  QList<Row> rows;
  for (const autox::post::Detection& d : result.detections)
    rows.push_back({QString::fromStdString(d.label), QString::fromStdString(d.text), d.score, true,
                    d.x1, d.y1, d.x2, d.y2});
  for (const autox::post::Classification& c : result.classes)
    rows.push_back({QString::fromStdString(c.label), QString(), c.score, false});
  if (rows.size() == rows_.size()) {
    // Same number of rows (the common case while the scene holds still): update in place, so
    // that the view keeps its scroll position and selection.
    rows_ = rows;
    if (!rows_.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    return;
  }
  beginResetModel();
  rows_ = rows;
  endResetModel();
}

void DetectionTableModel::clear() {
  beginResetModel();
  rows_.clear();
  endResetModel();
}

int DetectionTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int DetectionTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant DetectionTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size() || index.column() >= ColumnCount) return {};
  const Row& r = rows_[index.row()];
  if (role == Qt::TextAlignmentRole && index.column() == Score)
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole) return {};
  switch (index.column()) {
    case Label:
      return r.label;
    case Score:
      if (role == SortRole) return r.score;
      return QString::number(r.score, 'f', 3);
    case Box:
      if (!r.hasBox) return role == SortRole ? QVariant(0.0) : QVariant(QString());
      if (role == SortRole) return static_cast<double>(r.x1);
      return QStringLiteral("%1, %2 – %3, %4")
          .arg(r.x1, 0, 'f', 0)
          .arg(r.y1, 0, 'f', 0)
          .arg(r.x2, 0, 'f', 0)
          .arg(r.y2, 0, 'f', 0);
    case Text:
      return r.text;
    default:
      return {};
  }
}

QVariant DetectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Label:
      return tr("Label");
    case Score:
      return tr("Score");
    case Box:
      return tr("Box (x1, y1 – x2, y2)");
    case Text:
      return tr("Text");
    default:
      return {};
  }
}
