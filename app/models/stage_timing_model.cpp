#include "stage_timing_model.hpp"

#include <algorithm>
#include <vector>

StageTimingModel::StageTimingModel(QObject* parent) : QAbstractTableModel(parent) {}

void StageTimingModel::addFrame(const autox::vision::StageTimes& t, double ageMs, double nowMs) {
  const double values[StageCount] = {t.captureMs, t.preMs,   t.inferenceMs,
                                     t.postMs,    t.paintMs, ageMs};
  for (int s = 0; s < StageCount; ++s) {
    samples_[s].push_back(values[s]);
    if (samples_[s].size() > kWindow) samples_[s].pop_front();
  }
  ++frames_;
  paintedAt_.push_back(nowMs);
  while (paintedAt_.size() > 2 && paintedAt_.back() - paintedAt_.front() > 2000)
    paintedAt_.pop_front();
  fps_ = paintedAt_.size() >= 2 && paintedAt_.back() > paintedAt_.front()
             ? 1000.0 * static_cast<double>(paintedAt_.size() - 1) /
                   (paintedAt_.back() - paintedAt_.front())
             : 0;
  emit dataChanged(index(0, Last), index(StageCount - 1, Max));
}

void StageTimingModel::setDropped(qint64 dropped, qint64 captured) {
  dropped_ = dropped;
  captured_ = captured;
}

void StageTimingModel::clear() {
  beginResetModel();
  for (auto& s : samples_) s.clear();
  paintedAt_.clear();
  fps_ = 0;
  dropped_ = captured_ = frames_ = 0;
  endResetModel();
}

double StageTimingModel::median(Stage stage) const {
  const auto& s = samples_[stage];
  if (s.empty()) return 0;
  std::vector<double> v(s.begin(), s.end());
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

int StageTimingModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : StageCount;
}

int StageTimingModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant StageTimingModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= StageCount || index.column() >= ColumnCount) return {};
  const auto stage = static_cast<Stage>(index.row());
  if (role == Qt::TextAlignmentRole && index.column() != Name)
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole && index.column() == Name && stage == Age)
    return tr("Time from reading the frame to painting it: what the viewer waits");
  if (role != Qt::DisplayRole && role != SortRole) return {};
  if (index.column() == Name) {
    switch (stage) {
      case Capture:
        return tr("Capture");
      case Pre:
        return tr("Pre-processing");
      case Inference:
        return tr("Inference");
      case Post:
        return tr("Post-processing");
      case Paint:
        return tr("Paint");
      case Age:
        return tr("Frame age at paint");
      default:
        return {};
    }
  }
  const auto& s = samples_[stage];
  if (s.empty()) return role == SortRole ? QVariant(0.0) : QVariant(QStringLiteral("–"));
  double v = 0;
  switch (index.column()) {
    case Last:
      v = s.back();
      break;
    case Median:
      v = median(stage);
      break;
    case Max:
      v = *std::max_element(s.begin(), s.end());
      break;
    default:
      return {};
  }
  if (role == SortRole) return v;
  return QString::number(v, 'f', v < 10 ? 2 : 1);
}

QVariant StageTimingModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Name:
      return tr("Stage");
    case Last:
      return tr("Last ms");
    case Median:
      return tr("Median ms");
    case Max:
      return tr("Max ms");
    default:
      return {};
  }
}
