#include "run_models.hpp"

#include <QColor>
#include <QFileInfo>
#include <cmath>

void RunListModel::setRuns(const QList<RunRecord>& runs) {
  beginResetModel();
  runs_ = runs;
  endResetModel();
}

int RunListModel::rowOfId(qint64 id) const {
  for (int i = 0; i < runs_.size(); ++i)
    if (runs_[i].id == id) return i;
  return -1;
}

int RunListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(runs_.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= runs_.size()) return {};
  const RunRecord& r = runs_[index.row()];
  if (role == Qt::UserRole) return r.id;
  if (role == Qt::ToolTipRole)
    return tr("%1\nSHA-256 %2\nengine %3, %4")
        .arg(r.model, r.modelSha256, r.engineVersion,
             r.quantization.isEmpty() ? tr("quantization unknown") : r.quantization);
  if (role == Qt::TextAlignmentRole &&
      (index.column() == Id || index.column() == Threads || index.column() == Median))
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Id:
      return r.id;
    case Date:
      return r.date.toString(QStringLiteral("MM-dd HH:mm"));
    case Kind:
      return r.kind;
    case Model:
      return QFileInfo(r.model).fileName();
    case Board:
      return r.board;
    case Threads:
      return r.threads;
    case Median:
      return r.medianMs >= 0 ? formatProfileValue(r.medianMs, QStringLiteral("ms"))
                             : QStringLiteral("(%1)").arg(r.unit);
    case Tags:
      return r.tags.join(QStringLiteral(", "));
    default:
      return {};
  }
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Id:
      return tr("Run");
    case Date:
      return tr("Date");
    case Kind:
      return tr("Kind");
    case Model:
      return tr("Model");
    case Board:
      return tr("Board");
    case Threads:
      return tr("Threads");
    case Median:
      return tr("Median");
    case Tags:
      return tr("Tags");
    default:
      return {};
  }
}

void LayerDeltaModel::setComparison(const RunComparison& comparison) {
  beginResetModel();
  comparison_ = comparison;
  endResetModel();
}

void LayerDeltaModel::clear() {
  setComparison({});
}

int LayerDeltaModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(comparison_.layers.size());
}

int LayerDeltaModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerDeltaModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= comparison_.layers.size()) return {};
  const LayerDelta& d = comparison_.layers[index.row()];
  const QString& unit = comparison_.unit;
  if (role == Qt::UserRole) {
    switch (index.column()) {
      case Layer:
        return d.name;
      case Op:
        return d.op;
      case A:
        return d.a;
      case B:
        return d.b;
      case Delta:
        return std::abs(d.delta);  // the biggest changes first, whichever way they went
      case Ratio:
        return d.ratio;
      default:
        return {};
    }
  }
  if (role == Qt::ForegroundRole && index.column() == Delta && d.delta != 0)
    return QColor(d.delta > 0 ? QColor(176, 0, 0) : QColor(0, 120, 0));
  if (role == Qt::TextAlignmentRole && index.column() >= A)
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Layer:
      return d.name;
    case Op:
      return d.op;
    case A:
      return d.indexA >= 0 ? formatProfileValue(d.a, unit) : QStringLiteral("—");
    case B:
      return d.indexB >= 0 ? formatProfileValue(d.b, unit) : QStringLiteral("—");
    case Delta:
      return (d.delta > 0 ? QStringLiteral("+") : QString()) + formatProfileValue(d.delta, unit);
    case Ratio:
      return d.a > 0 && !comparison_.sharesOnly ? QStringLiteral("%1×").arg(d.ratio, 0, 'f', 2)
                                                : QString();
    default:
      return {};
  }
}

QVariant LayerDeltaModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  // Headers carry the run's first word ("#7"); the tooltip has the whole label.
  const QString a = comparison_.labelA.section(QLatin1Char(' '), 0, 0);
  const QString b = comparison_.labelB.section(QLatin1Char(' '), 0, 0);
  if (role == Qt::ToolTipRole) {
    if (section == A) return comparison_.describeA;
    if (section == B) return comparison_.describeB;
    return {};
  }
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Layer:
      return tr("Layer");
    case Op:
      return tr("Op");
    case A:
      return a.isEmpty() ? tr("A") : tr("A %1").arg(a);
    case B:
      return b.isEmpty() ? tr("B") : tr("B %1").arg(b);
    case Delta:
      return tr("Delta");
    case Ratio:
      return tr("B/A");
    default:
      return {};
  }
}

QString formatProfileValue(double v, const QString& unit) {
  if (unit == QLatin1String("%")) return QString::number(v, 'f', 2) + QStringLiteral(" %");
  if (unit == QLatin1String("ms"))  // four significant digits below 1 ms
    return QString::number(v, 'f', std::abs(v) >= 1 || v == 0 ? 3 : 4) + QStringLiteral(" ms");
  return QString::number(v, 'f', 0) + QLatin1Char(' ') + unit;
}
