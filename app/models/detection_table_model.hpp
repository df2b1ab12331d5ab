// The detections of the frame on screen: label, score, box (frame pixels) and recognised text;
// a classifier's top-k as rows without a box. Qt::DisplayRole is text, SortRole the number.
#pragma once

#include <QAbstractTableModel>

#include "autox/postprocess.hpp"

class DetectionTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Label, Score, Box, Text, ColumnCount };
  enum Role { SortRole = Qt::UserRole + 1 };

  explicit DetectionTableModel(QObject* parent = nullptr);
  void setResult(const autox::post::Result& result);
  void clear();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  struct Row {
    QString label, text;
    double score = 0;
    bool hasBox = false;
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  };
  QList<Row> rows_;
};
