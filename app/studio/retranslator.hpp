// Keeps widget texts in the current language: bind() applies a setter now and again whenever a
// QEvent::LanguageChange reaches the owner (QApplication sends one through every widget when a
// translator is installed or removed), so that Settings > Language applies without a restart.
//
//   auto* texts = new Retranslator(this);
//   texts->bind([=] { button->setText(tr("Flash")); });   // tr() in the caller's context
#pragma once

#include <QEvent>
#include <QObject>
#include <functional>
#include <vector>

class Retranslator : public QObject {
 public:
  explicit Retranslator(QObject* owner) : QObject(owner) { owner->installEventFilter(this); }
  void bind(std::function<void()> apply) {
    apply();
    setters_.push_back(std::move(apply));
  }
  void applyAll() {
    for (const auto& apply : setters_) apply();
  }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::LanguageChange && watched == parent()) applyAll();
    return false;
  }

 private:
  std::vector<std::function<void()>> setters_;
};
