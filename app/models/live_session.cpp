#include "live_session.hpp"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QMetaObject>
#include <chrono>
#include <opencv2/imgproc.hpp>

#include "detection_json.hpp"
#include "frame_source.hpp"

namespace {
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(LiveSession)
};
}  // namespace

LiveSession::LiveSession(QObject* parent) : QObject(parent) {
  qRegisterMetaType<LiveFrame>();
}

LiveSession::~LiveSession() {
  stop();
}

qint64 LiveSession::nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void LiveSession::setDetector(std::shared_ptr<autox::vision::Detector> detector) {
  std::lock_guard lock(mutex_);
  detector_ = std::move(detector);
}

bool LiveSession::setRecording(const QString& path, QString* error) {
  std::lock_guard lock(mutex_);
  record_.reset();
  if (path.isEmpty()) return true;
  auto file = std::make_unique<QFile>(path);
  if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
    *error = Tr::tr("Cannot write %1: %2").arg(path, file->errorString());
    return false;
  }
  record_ = std::move(file);
  return true;
}

bool LiveSession::isRecording() const {
  auto* self = const_cast<LiveSession*>(this);
  std::lock_guard lock(self->mutex_);
  return record_ != nullptr;
}

void LiveSession::post(std::function<void()> f) {
  // Dropped when the session was restarted or stopped meanwhile.
  const int generation = generation_;
  QMetaObject::invokeMethod(
      this,
      [this, generation, f = std::move(f)] {
        if (generation == generation_) f();
      },
      Qt::QueuedConnection);
}

void LiveSession::start(const QString& source) {
  stop();
  ++generation_;
  source_ = source;
  stop_ = false;
  {
    std::lock_guard lock(mutex_);
    pendingFrame_.release();
    pendingSeq_ = takenSeq_ = dropped_ = processed_ = 0;
    captureDone_ = false;
    latest_ = {};
  }
  notifyPending_ = false;
  running_ = true;
  capture_ = std::thread([this, source] { captureLoop(source); });
  inference_ = std::thread([this] { inferenceLoop(); });
}

void LiveSession::stop() {
  stop_ = true;
  wake_.notify_all();
  if (capture_.joinable()) capture_.join();
  if (inference_.joinable()) inference_.join();
  running_ = false;
  ++generation_;
}

LiveFrame LiveSession::takeLatest() {
  std::lock_guard lock(mutex_);
  notifyPending_ = false;
  return latest_;
}

void LiveSession::captureLoop(QString source) {
  autox::vision::FrameSource frames;
  std::string error;
  if (!frames.open(source.toStdString(), &error)) {
    const QString message = QString::fromStdString(error);
    post([this, message] {
      stop();
      emit sourceFailed(message);
    });
    std::lock_guard lock(mutex_);
    captureDone_ = true;
    wake_.notify_all();
    return;
  }
  const QString description = QString::fromStdString(frames.describe());
  post([this, description] { emit started(description); });
  using clock = std::chrono::steady_clock;
  const bool paced = frames.kind() == autox::vision::FrameSource::Kind::kVideoFile ||
                     frames.kind() == autox::vision::FrameSource::Kind::kImages;
  const double fps =
      playbackRate_ > 0 ? playbackRate_.load() : (frames.fps() > 0 ? frames.fps() : 15.0);
  auto due = clock::now();
  cv::Mat frame;
  while (!stop_) {
    if (paced && !realtime_) {
      // Every frame: wait until the inference thread took the previous one.
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || takenSeq_ == pendingSeq_; });
      if (stop_) break;
    }
    const auto t = clock::now();
    const auto r = frames.read(&frame, &error);
    const double ms = std::chrono::duration<double, std::milli>(clock::now() - t).count();
    if (r == autox::vision::FrameSource::Read::kEnd) {
      if (loop_ && frames.rewind()) continue;
      post([this] { emit sourceEnded(); });
      break;
    }
    if (r == autox::vision::FrameSource::Read::kLost) {
      const QString message = QString::fromStdString(error);
      post([this, message] { emit sourceLost(message); });
      break;
    }
    {
      std::lock_guard lock(mutex_);
      pendingFrame_ = frame;  // the newest replaces one not yet taken
      ++pendingSeq_;
      pendingCaptureMs_ = ms;
      pendingAtNs_ = nowNs();
    }
    wake_.notify_all();
    frame = cv::Mat();  // the inference thread owns the buffer now
    if (paced && realtime_) {
      due += std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(1.0 / fps));
      const auto now = clock::now();
      if (due < now) due = now;  // behind (a slow decode): no burst to catch up
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, due, [this] { return stop_.load(); });
    }
  }
  std::lock_guard lock(mutex_);
  captureDone_ = true;
  wake_.notify_all();
}

void LiveSession::inferenceLoop() {
  while (true) {
    cv::Mat frame;
    LiveFrame out;
    std::shared_ptr<autox::vision::Detector> detector;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || pendingSeq_ > takenSeq_ || captureDone_; });
      if (stop_ || (pendingSeq_ == takenSeq_ && captureDone_)) return;
      frame = pendingFrame_;
      pendingFrame_ = cv::Mat();
      dropped_ += pendingSeq_ - takenSeq_ - 1;
      takenSeq_ = pendingSeq_;
      wake_.notify_all();  // a capture thread waiting for the slot to empty
      out.times.captureMs = pendingCaptureMs_;
      out.capturedAtNs = pendingAtNs_;
      out.captured = pendingSeq_;
      out.dropped = dropped_;
      detector = detector_;
    }
    autox::vision::FrameResult result;
    result.times = out.times;
    if (detector) {
      out.hasDetector = true;
      if (std::string e = detector->process(frame, &result); !e.empty())
        out.error = QString::fromStdString(e);
    }
    const auto t = std::chrono::steady_clock::now();
    // The frame for painting (RGB, owned by the QImage; counted in post-processing).
    out.image = QImage(frame.cols, frame.rows, QImage::Format_RGB888);
    cv::Mat rgb(frame.rows, frame.cols, CV_8UC3, out.image.bits(),
                static_cast<size_t>(out.image.bytesPerLine()));
    cv::cvtColor(frame, rgb, frame.channels() == 1 ? cv::COLOR_GRAY2RGB : cv::COLOR_BGR2RGB);
    result.times.postMs +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
    out.result = std::move(result.result);
    out.times = result.times;
    {
      std::lock_guard lock(mutex_);
      out.index = processed_++;
      if (record_ && out.hasDetector && out.error.isEmpty()) {
        result.result = out.result;
        const std::string line = autox::vision::frameJson(
            out.index, frame.cols, frame.rows, result,
            QDateTime::currentDateTime().toString(Qt::ISODateWithMs).toStdString());
        record_->write(line.data(), static_cast<qint64>(line.size()));
        record_->write("\n", 1);
        record_->flush();
      }
      latest_ = std::move(out);
    }
    if (!notifyPending_.exchange(true)) post([this] { emit frameReady(); });
  }
}
