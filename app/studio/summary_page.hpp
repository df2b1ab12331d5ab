// The model summary page: file, producer, inputs / outputs, totals (params, MACs, weights,
// activations, arena), op histogram, pass statistics and timings.
#pragma once

#include <QWidget>

#include "model_document.hpp"

class QTextBrowser;

class SummaryPage : public QWidget {
  Q_OBJECT
 public:
  explicit SummaryPage(QWidget* parent = nullptr);
  void setDocument(const DocumentPtr& document);
  QString html() const;

 protected:
  void changeEvent(QEvent* event) override;  // a language switch rebuilds the page

 private:
  DocumentPtr document_;
  QTextBrowser* text_;
};
