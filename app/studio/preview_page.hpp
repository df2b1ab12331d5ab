// The Live preview page: frames from a camera (picker of the cameras present), a video file, an
// image folder or a stream URL go through the model on the host runtime (the .axm engine the
// boards run; an ONNX model is converted in the background) and come back with boxes, labels and
// scores; FPS and per-stage latency (capture, pre, inference, post, paint); start / stop,
// snapshot to PNG, record detections to JSON lines. The pre-processing recipe (presets for the
// shared models) and the decoder with its settings (drawn from the decoder's declared settings)
// are edited on the right; the recipe is saved into the .axm metadata.
//
// With no model open it runs the bundled FastestDet; with no camera, the bundled demo clip.
#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <memory>
#include <optional>

#include "detection_table_model.hpp"
#include "detector.hpp"
#include "live_session.hpp"
#include "model_document.hpp"
#include "stage_timing_model.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QFormLayout;
class QGroupBox;
class QTableView;
class QFrame;
class QTimer;
class PreviewView;

class PreviewPage : public QWidget {
  Q_OBJECT
 public:
  explicit PreviewPage(QWidget* parent = nullptr);
  ~PreviewPage() override;

  // The studio's open model becomes the preview's (converted in the background if ONNX).
  void setDocument(const DocumentPtr& document);
  void openModel(const QString& path);  // an .onnx or .axm file
  void useBundledModel();
  QString modelPath() const { return modelPath_; }
  bool isModelReady() const { return detector_ != nullptr; }
  bool isPreparing() const;

  void setSource(const QString& source);  // "camera:0", a file, a folder, a URL, or "demo"
  QString source() const;
  void start();
  void stop();
  void retry();
  bool isRunning() const;

  void setDecoder(const QString& id);
  void setDecoderSetting(const QString& key, const QString& value);
  QString decoderId() const;
  void setRecipe(const autox::vision::Recipe& recipe);
  autox::vision::Recipe recipe() const;
  // Writes the current recipe into the model's .axm metadata: the open .axm itself when `path`
  // is empty, else a new .axm at `path` (an ONNX model is saved converted).
  bool saveRecipe(const QString& path, QString* error);

  // A PNG of the frame on screen with its overlays, into snapshotDir(); its path or empty.
  QString snapshot(QString* error);
  // Records every processed frame's detections as JSON lines into recordDir(); false + *error.
  bool setRecording(bool on, QString* error);
  QString recordingPath() const { return recordingPath_; }
  void setSnapshotDir(const QString& dir) { snapshotDir_ = dir; }
  void setRecordDir(const QString& dir) { recordDir_ = dir; }
  void setAutoStart(bool on) { autoStart_ = on; }

  // Waits (running the event loop) for the model, starts the preview if needed and returns once
  // `frames` frames were painted (false on timeout). For screenshots and tests.
  bool runUntilPainted(int frames, int timeoutMs);

  // The problem shown above the video (empty: none) and whether it offers Retry.
  QString message() const;
  bool retryOffered() const;

  LiveSession* session() const { return session_; }
  PreviewView* view() const { return view_; }
  StageTimingModel* timings() const { return timings_; }
  DetectionTableModel* detections() const { return detectionModel_; }

  static QString bundledModelPath();  // resources/models/fastestdet/FastestDet.onnx
  static QString demoClipPath();      // resources/demo/demo_clip.mp4

 signals:
  void modelReady(const QString& description);
  void logMessage(const QString& text);
  void errorMessage(const QString& text);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  struct Prepared {
    QString error;
    autox::vision::PreparedModel model;
  };
  struct PendingModel {
    QString path;
    std::shared_ptr<const axe::Model> onnx;
    axe::Shape shape;
  };
  // Models are prepared when the page is first shown (or started), not while it is hidden.
  void request(PendingModel model);
  void preparePending();
  void prepare(const QString& path, std::shared_ptr<const axe::Model> onnx, axe::Shape shape);
  void onPrepared();
  void rebuildDetector();
  void scheduleRebuild();
  void fillSources();
  void fillDecoders();
  void fillDecoderForm();
  void showRecipe(const autox::vision::Recipe& recipe);
  autox::vision::Recipe recipeFromWidgets(bool* ok) const;
  void showProblem(const QString& text, bool retry);
  void clearProblem();
  void onFrame();
  void onPainted(double paintMs);
  void updateButtons();
  void updateModelLabel();
  QString settingsKey() const;
  void rememberDecoder();

  LiveSession* session_;
  PreviewView* view_;
  StageTimingModel* timings_;
  DetectionTableModel* detectionModel_;
  QFutureWatcher<Prepared>* watcher_;
  QTimer* rebuildTimer_;

  QComboBox* sourceCombo_;
  QLineEdit* sourceEdit_;
  QPushButton *browse_, *refresh_, *startStop_, *snapshot_, *record_;
  QFrame* problem_;
  QLabel* problemText_;
  QPushButton *retry_, *dismiss_;
  QGroupBox *modelBox_, *decoderBox_, *recipeBox_, *statsBox_, *detectionsBox_;
  QLabel *modelLabel_, *figures_;
  QPushButton *openModel_, *bundled_;
  QComboBox* decoderCombo_;
  QLabel* decoderOutputs_;
  QWidget* settingsForm_;
  QComboBox *presetCombo_, *resizeCombo_, *colorCombo_, *layoutCombo_;
  QLineEdit *scaleEdit_, *meanEdit_, *stdEdit_;
  QLabel* recipeSource_;
  QPushButton* saveRecipe_;
  QTableView *timingView_, *detectionView_;

  QString modelPath_, pendingPath_;
  std::optional<autox::vision::PreparedModel> prepared_;
  std::optional<PendingModel> pending_;
  std::shared_ptr<autox::vision::Detector> detector_;
  std::shared_ptr<autox::vision::HostModelRunner> runner_;
  std::optional<autox::vision::Recipe> editedRecipe_;
  QString decoderId_;  // empty: the model's / preset's
  autox::post::Values settings_;
  QString snapshotDir_, recordDir_, recordingPath_;
  QString lastFrameError_;
  bool autoStart_ = true, autoStarted_ = false, updatingWidgets_ = false, problemRetry_ = false;
  bool pluginsLoaded_ = false;
};
