#include "error_banner.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include "retranslator.hpp"

ErrorBanner::ErrorBanner(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("errorBanner"));
  setStyleSheet(
      QStringLiteral("#errorBanner { background: #fde2e1; border-bottom: 1px solid #d9534f; }"
                     "QLabel { color: #8a1c1c; }"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(10, 6, 6, 6);
  label_ = new QLabel(this);
  label_->setWordWrap(true);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* close = new QToolButton(this);
  (new Retranslator(this))->bind([close] { close->setText(tr("Dismiss")); });
  layout->addWidget(label_, 1);
  layout->addWidget(close);
  connect(close, &QToolButton::clicked, this, &QWidget::hide);
  hide();
}

void ErrorBanner::showError(const QString& message) {
  label_->setText(message);
  show();
}

QString ErrorBanner::message() const {
  return isVisible() ? label_->text() : QString();
}
