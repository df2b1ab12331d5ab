// Per-stage latency of the live preview: capture, pre-processing, inference, post-processing,
// paint, and the frame's age when painted (capture to screen); last, median and maximum over the
// last 120 painted frames, plus frames per second (painted) and frames dropped as stale.
#pragma once

#include <QAbstractTableModel>
#include <deque>

#include "detector.hpp"

class StageTimingModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Stage { Capture, Pre, Inference, Post, Paint, Age, StageCount };
  enum Column { Name, Last, Median, Max, ColumnCount };
  enum Role { SortRole = Qt::UserRole + 1 };
  static constexpr int kWindow = 120;

  explicit StageTimingModel(QObject* parent = nullptr);
  // One painted frame: its stage times (paint included) and age in ms; `nowMs` for the rate.
  void addFrame(const autox::vision::StageTimes& times, double ageMs, double nowMs);
  void setDropped(qint64 dropped, qint64 captured);
  void clear();
  double fps() const { return fps_; }
  double median(Stage stage) const;
  qint64 dropped() const { return dropped_; }
  qint64 frames() const { return frames_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::deque<double> samples_[StageCount];
  std::deque<double> paintedAt_;
  double fps_ = 0;
  qint64 dropped_ = 0, captured_ = 0, frames_ = 0;
};
