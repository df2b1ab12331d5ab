// The node inspector dock: the selected node's op, attributes, input and output tensors (shape,
// dtype, bytes), and for a constant input (weights) its min / max / mean / std, sparsity and a
// histogram. Clicking a weight row shows that tensor's statistics.
#pragma once

#include <QWidget>

#include "model_document.hpp"

class QTreeWidget;
class QTreeWidgetItem;
class QLabel;
class HistogramWidget;

class NodeInspector : public QWidget {
  Q_OBJECT
 public:
  explicit NodeInspector(QWidget* parent = nullptr);
  void setDocument(const DocumentPtr& document);
  void showNode(int viewNode);
  QString weightSummary() const;  // the statistics line(s) of the weights shown

 private:
  void showWeights(int value);

  DocumentPtr document_;
  int shownNode_ = -1;
  QLabel* title_;
  QTreeWidget* tree_;
  QLabel* weightTitle_;
  QLabel* weightStats_;
  HistogramWidget* histogram_;
};
