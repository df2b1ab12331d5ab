#include "graph_page.hpp"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include "graph_view.hpp"
#include "retranslator.hpp"

GraphPage::GraphPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  auto* bar = new QWidget(this);
  auto* barLayout = new QHBoxLayout(bar);
  barLayout->setContentsMargins(6, 4, 6, 4);
  auto* texts = new Retranslator(this);
  search_ = new QLineEdit(bar);
  search_->setClearButtonEnabled(true);
  auto* previous = new QToolButton(bar);
  auto* next = new QToolButton(bar);
  matchLabel_ = new QLabel(bar);
  matchLabel_->setMinimumWidth(90);
  auto* fit = new QToolButton(bar);
  edgeLabels_ = new QCheckBox(bar);
  texts->bind([=, this] {
    search_->setPlaceholderText(tr("Find node by name, op type or shape (e.g. Conv, 1x64x)"));
    previous->setText(tr("Previous"));
    next->setText(tr("Next"));
    fit->setText(tr("Fit"));
    edgeLabels_->setText(tr("Shapes on edges"));
  });
  barLayout->addWidget(search_, 1);
  barLayout->addWidget(previous);
  barLayout->addWidget(next);
  barLayout->addWidget(matchLabel_);
  barLayout->addSpacing(12);
  barLayout->addWidget(fit);
  barLayout->addWidget(edgeLabels_);
  layout->addWidget(bar);

  // Legend: op families.
  auto* legend = new QWidget(this);
  auto* legendLayout = new QHBoxLayout(legend);
  legendLayout->setContentsMargins(6, 0, 6, 4);
  for (int f = static_cast<int>(OpFamily::Conv); f < static_cast<int>(OpFamily::Count); ++f) {
    const OpFamily family = static_cast<OpFamily>(f);
    auto* chip = new QLabel(legend);
    texts->bind([chip, family] { chip->setText(opFamilyName(family)); });
    chip->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; padding: 1px 5px; "
                                       "border-radius: 3px; font-size: 8pt; }")
                            .arg(opFamilyColor(family).name()));
    legendLayout->addWidget(chip);
  }
  legendLayout->addStretch(1);
  layout->addWidget(legend);

  view_ = new GraphView(this);
  layout->addWidget(view_, 1);

  connect(search_, &QLineEdit::textChanged, this, [this] { updateMatches(); });
  connect(search_, &QLineEdit::returnPressed, this, &GraphPage::findNext);
  connect(next, &QToolButton::clicked, this, &GraphPage::findNext);
  connect(previous, &QToolButton::clicked, this, &GraphPage::findPrevious);
  connect(fit, &QToolButton::clicked, view_, &GraphView::fitToView);
  connect(edgeLabels_, &QCheckBox::toggled, view_, &GraphView::setEdgeLabelsVisible);
  connect(view_, &GraphView::nodeClicked, this, &GraphPage::nodeSelected);
  texts->bind([this] {
    if (!search_->text().isEmpty()) updateMatches();
  });
}

void GraphPage::setDocument(const DocumentPtr& document) {
  document_ = document;
  if (!document) {
    view_->clear();
  } else {
    view_->setGraph(std::shared_ptr<const GraphLayout>(document, &document->layout),
                    std::shared_ptr<const std::vector<ViewNode>>(document, &document->viewNodes));
  }
  updateMatches();
}

void GraphPage::selectNode(int viewNode) {
  view_->setSelectedNode(viewNode);
  if (viewNode >= 0) view_->centerOn(viewNode);
}

void GraphPage::setSearchText(const QString& text) {
  search_->setText(text);
}

void GraphPage::updateMatches() {
  matches_.clear();
  current_ = -1;
  const QString text = search_->text().trimmed();
  if (document_ && !text.isEmpty()) {
    for (size_t i = 0; i < document_->viewNodes.size(); ++i) {
      const ViewNode& n = document_->viewNodes[i];
      if (n.name.contains(text, Qt::CaseInsensitive) ||
          n.title.compare(text, Qt::CaseInsensitive) == 0 ||
          (n.kind == ViewNode::Kind::Op && n.title.contains(text, Qt::CaseInsensitive)) ||
          n.shapes.contains(text, Qt::CaseInsensitive))
        matches_.push_back(static_cast<int>(i));
    }
  }
  view_->setHighlightedNodes(matches_);
  if (text.isEmpty())
    matchLabel_->clear();
  else
    matchLabel_->setText(matches_.empty() ? tr("no match")
                                          : tr("%n match(es)", nullptr, matchCount()));
}

void GraphPage::showMatch() {
  if (current_ < 0 || matches_.empty()) return;
  const int v = matches_[static_cast<size_t>(current_)];
  matchLabel_->setText(tr("%1 of %2").arg(current_ + 1).arg(matches_.size()));
  selectNode(v);
  emit nodeSelected(v);
}

void GraphPage::findNext() {
  if (matches_.empty()) return;
  current_ = (current_ + 1) % static_cast<int>(matches_.size());
  showMatch();
}

void GraphPage::findPrevious() {
  if (matches_.empty()) return;
  current_ = current_ <= 0 ? static_cast<int>(matches_.size()) - 1 : current_ - 1;
  showMatch();
}
