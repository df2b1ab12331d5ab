#include "welcome_page.hpp"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QListWidget* fileList(QWidget* parent) {
  auto* list = new QListWidget(parent);
  list->setMinimumWidth(360);
  return list;
}

void fill(QListWidget* list, const QStringList& files, const QString& empty) {
  list->clear();
  for (const QString& f : files) {
    auto* item = new QListWidgetItem(QFileInfo(f).fileName() + QStringLiteral("\n") + f, list);
    item->setData(Qt::UserRole, f);
    item->setToolTip(f);
  }
  if (files.isEmpty()) {
    auto* item = new QListWidgetItem(empty, list);
    item->setFlags(Qt::NoItemFlags);
  }
}

}  // namespace

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(32, 24, 32, 24);
  auto* title = title_ = new QLabel(this);
  title->setWordWrap(true);
  layout->addWidget(title);
  auto* open = open_ = new QPushButton(this);
  open->setMinimumHeight(34);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(open);
  buttons->addStretch(1);
  layout->addLayout(buttons);
  auto* columns = new QHBoxLayout;
  auto* left = new QVBoxLayout;
  left->addWidget(recentTitle_ = new QLabel(this));
  recent_ = fileList(this);
  left->addWidget(recent_);
  auto* right = new QVBoxLayout;
  right->addWidget(samplesTitle_ = new QLabel(this));
  samples_ = fileList(this);
  right->addWidget(samples_);
  columns->addLayout(left, 1);
  columns->addSpacing(24);
  columns->addLayout(right, 1);
  layout->addLayout(columns, 1);
  connect(open, &QPushButton::clicked, this, &WelcomePage::openDialogRequested);
  for (QListWidget* list : {recent_, samples_})
    connect(list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
      const QString path = item->data(Qt::UserRole).toString();
      if (!path.isEmpty()) emit openRequested(path);
    });
  retranslate();
}

void WelcomePage::retranslate() {
  title_->setText(
      tr("<h1>Auto-X Studio</h1>"
         "<p>Drop an ONNX or .axm model anywhere on this window, or open one. "
         "You will see its graph, per-layer statistics and memory plan, and can "
         "flash it to a board on the Device page.</p>"));
  open_->setText(tr("Open model…"));
  recentTitle_->setText(tr("<h3>Recent files</h3>"));
  samplesTitle_->setText(tr("<h3>Sample models</h3>"));
  setRecentFiles(recentFiles_);
  setSampleFiles(sampleFiles_);
}

void WelcomePage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void WelcomePage::setRecentFiles(const QStringList& files) {
  recentFiles_ = files;
  fill(recent_, files, tr("No recent files yet."));
}

void WelcomePage::setSampleFiles(const QStringList& files) {
  sampleFiles_ = files;
  fill(samples_, files, tr("No sample models found."));
}
