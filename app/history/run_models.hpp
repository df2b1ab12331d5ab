// Item models over the run history and a comparison (Qt Core, no widgets): the studio's
// Profiling page shows them in table views.
//
//   RunListModel runs;
//   runs.setRuns(history.list());
//   LayerDeltaModel deltas;
//   deltas.setComparison(compareProfiles(a.profile, b.profile, "#1", "#2"));
#pragma once

#include <QAbstractTableModel>

#include "run_compare.hpp"
#include "run_history.hpp"

// One row per run: id, date, kind, model, board, threads, median, tags. Qt::UserRole gives the id.
class RunListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Id, Date, Kind, Model, Board, Threads, Median, Tags, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  void setRuns(const QList<RunRecord>& runs);
  const QList<RunRecord>& runs() const { return runs_; }
  int rowOfId(qint64 id) const;  // -1 when absent

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  QList<RunRecord> runs_;
};

// One row per layer of a comparison: layer, op, A, B, delta, B/A. Qt::UserRole gives the sort
// key (numbers for the numeric columns; |delta| for the delta column).
class LayerDeltaModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Layer, Op, A, B, Delta, Ratio, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  void setComparison(const RunComparison& comparison);
  void clear();
  const RunComparison& comparison() const { return comparison_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  RunComparison comparison_;
};

// "12.345 ms", "15.2 %", "30544 cycles".
QString formatProfileValue(double value, const QString& unit);
