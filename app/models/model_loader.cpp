#include "model_loader.hpp"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

struct ModelLoader::Job {
  QString path;
  axe::Shape inputShape;
  bool optimize = true;
  std::atomic<bool> cancel{false};
  QFuture<void> future;
};

ModelLoader::ModelLoader(QObject* parent) : QObject(parent) {
  qRegisterMetaType<DocumentPtr>("DocumentPtr");
}

ModelLoader::~ModelLoader() {
  if (job_) abandon();
  for (const auto& job : abandoned_) job->future.waitForFinished();
}

void ModelLoader::abandon() {
  job_->cancel = true;
  std::erase_if(abandoned_, [](const std::shared_ptr<Job>& j) { return j->future.isFinished(); });
  abandoned_.push_back(job_);
  job_.reset();
}

void ModelLoader::cancel() {
  if (!job_) return;
  // Takes effect now: the window is free and keeps its model; the worker stops at its next
  // check (between engine stages, inside the layout) and its result is dropped.
  const QString path = job_->path;
  abandon();
  busy_ = false;
  emit loadCancelled(path);
}

void ModelLoader::load(const QString& path, const axe::Shape& inputShape, bool optimize) {
  if (job_) abandon();  // its result will be dropped
  auto job = std::make_shared<Job>();
  job->path = path;
  job->inputShape = inputShape;
  job->optimize = optimize;
  job_ = job;
  busy_ = true;
  emit started(path);
  QPointer<ModelLoader> self(this);
  job->future = QtConcurrent::run([self, job] {
    LoadProgress p;
    p.cancel = &job->cancel;
    p.report = [self, job](double fraction, const QString& stage) {
      if (!self) return;
      QMetaObject::invokeMethod(
          self.data(),
          [self, job, fraction, stage] {
            if (self && self->job_ == job) emit self->progress(fraction, stage);
          },
          Qt::QueuedConnection);
    };
    auto doc = std::make_shared<ModelDocument>();
    QString error;
    const bool ok =
        buildModelDocument(job->path, job->inputShape, p, doc.get(), &error, job->optimize);
    if (!self) return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, job, ok, doc, error] {
          if (!self || self->job_ != job) return;  // superseded
          self->busy_ = false;
          self->job_.reset();
          if (ok)
            emit self->loadReady(DocumentPtr(doc));
          else
            emit self->loadFailed(job->path, error);
        },
        Qt::QueuedConnection);
  });
}

int ModelLoader::pendingWorkers() const {
  int n = 0;
  for (const auto& job : abandoned_) n += !job->future.isFinished();
  return n;
}
