// The studio's live preview pipeline: a capture thread reads frames from the source (camera,
// video file, image folder, stream) and keeps only the newest; an inference thread takes that
// newest frame, drops the ones it never got to (so latency never grows), runs the Detector
// (pre-processing, the .axm through the portable runtime, the decoder) and publishes the result;
// the GUI thread is told with at most one pending frameReady() and only paints.
//
//   auto* session = new LiveSession(this);
//   session->setDetector(detector);                       // any time; swapped between frames
//   connect(session, &LiveSession::frameReady, view, [=] { view->show(session->takeLatest()); });
//   connect(session, &LiveSession::sourceLost, page, &Page::offerRetry);
//   session->start("0");                                  // or a file, folder, URL
#pragma once

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <opencv2/core.hpp>
#include <thread>

#include "detector.hpp"

// One processed frame, handed to the GUI by value.
struct LiveFrame {
  QImage image;  // the frame as captured (RGB888)
  autox::post::Result result;
  autox::vision::StageTimes times;  // capture, pre, inference, post (paint: filled by the view)
  qint64 index = -1;                // processed frames since start
  qint64 captured = 0;              // frames read from the source since start
  qint64 dropped = 0;               // captured but never processed (stale when a newer came)
  qint64 capturedAtNs = 0;          // steady clock when the frame was read (for its age at paint)
  QString error;                    // why this frame has no result (decoder/inference error)
  bool hasDetector = false;
};
Q_DECLARE_METATYPE(LiveFrame)

class LiveSession : public QObject {
  Q_OBJECT
 public:
  explicit LiveSession(QObject* parent = nullptr);
  ~LiveSession() override;

  // null: frames pass through without inference.
  void setDetector(std::shared_ptr<autox::vision::Detector> detector);
  // Files and folders play at their frame rate (folders at 15 fps) when true (default), like a
  // camera: frames the inference has no time for are dropped. False: every frame, as fast as the
  // pipeline takes them (the next frame is read while the previous one is processed).
  void setRealtime(bool realtime) { realtime_ = realtime; }
  // Real-time playback of files and folders at this rate instead of their own (0: their own).
  void setPlaybackRate(double fps) { playbackRate_ = fps; }
  // Files and folders start over at their end (default true).
  void setLoop(bool loop) { loop_ = loop; }
  // One JSON line per processed frame to `path` (empty: stop recording). False with *error when
  // the file cannot be opened.
  bool setRecording(const QString& path, QString* error);
  bool isRecording() const;

  void start(const QString& source);
  void stop();  // joins the threads
  bool isRunning() const { return running_; }
  QString source() const { return source_; }

  LiveFrame takeLatest();  // the newest processed frame (GUI thread, after frameReady)
  static qint64 nowNs();

 signals:
  void frameReady();
  void started(const QString& description);
  void sourceFailed(const QString& message);  // could not open
  void sourceLost(const QString& message);    // went away mid-stream: offer Retry
  void sourceEnded();                         // played to its end (loop off)

 private:
  void captureLoop(QString source);
  void inferenceLoop();
  void post(std::function<void()> f);

  std::thread capture_, inference_;
  std::atomic<bool> stop_{false}, running_{false}, realtime_{true}, loop_{true};
  std::atomic<double> playbackRate_{0};
  std::atomic<bool> notifyPending_{false};
  std::atomic<int> generation_{0};
  QString source_;

  std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  cv::Mat pendingFrame_;
  qint64 pendingSeq_ = 0, takenSeq_ = 0, dropped_ = 0, processed_ = 0;
  double pendingCaptureMs_ = 0;
  qint64 pendingAtNs_ = 0;
  bool captureDone_ = false;
  std::shared_ptr<autox::vision::Detector> detector_;
  LiveFrame latest_;
  std::unique_ptr<class QFile> record_;
};
