// Opens models off the GUI thread. One load at a time: a new load() cancels the previous one.
//
//   ModelLoader loader;
//   connect(&loader, &ModelLoader::loadReady, this, &Window::showDocument);
//   connect(&loader, &ModelLoader::loadFailed, this, &Window::showError);
//   loader.load("model.onnx");
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <memory>

#include "model_document.hpp"

class ModelLoader : public QObject {
  Q_OBJECT
 public:
  explicit ModelLoader(QObject* parent = nullptr);
  ~ModelLoader() override;

  void load(const QString& path, const axe::Shape& inputShape = {}, bool optimize = true);
  // Emits loadCancelled() at once. The worker stops at its next cancellation check: between
  // the engine's stages (import, analysis, planning) and inside the layout; a running engine
  // stage itself cannot be interrupted, its result is dropped.
  void cancel();
  // Workers of cancelled or superseded loads that have not returned yet.
  int pendingWorkers() const;
  bool isBusy() const { return busy_; }

 signals:
  void started(const QString& path);
  void progress(double fraction, const QString& stage);
  void loadReady(const DocumentPtr& document);
  void loadFailed(const QString& path, const QString& message);
  void loadCancelled(const QString& path);

 private:
  struct Job;
  void abandon();
  std::shared_ptr<Job> job_;
  std::vector<std::shared_ptr<Job>> abandoned_;
  bool busy_ = false;
};
