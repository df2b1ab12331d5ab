#include "preview_page.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "frame_source.hpp"
#include "plugins_dialog.hpp"
#include "preview_view.hpp"
#include "registry.hpp"
#include "retranslator.hpp"

namespace vision = autox::vision;

namespace {

QString resourcePath(const QString& relative) {
  QStringList roots = {QCoreApplication::applicationDirPath() +
                       QStringLiteral("/../share/autox-studio")};
#ifdef AXE_STUDIO_SOURCE_RESOURCES
  roots << QStringLiteral(AXE_STUDIO_SOURCE_RESOURCES);
#endif
  for (const QString& root : roots) {
    const QString p = QDir::cleanPath(root + QLatin1Char('/') + relative);
    if (QFileInfo::exists(p)) return p;
  }
  return {};
}

QString floatsText(const std::vector<float>& v) {
  QStringList parts;
  for (float f : v) parts << QString::number(static_cast<double>(f), 'g', 6);
  return parts.join(QStringLiteral(", "));
}

bool parseFloats(const QString& text, std::vector<float>* out) {
  out->clear();
  for (const QString& part :
       text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts)) {
    bool ok = false;
    const float v = part.toFloat(&ok);
    if (!ok) return false;
    out->push_back(v);
  }
  return true;
}

// Names, outputs and setting labels of the built-in decoders, translated (the decoders declare
// English; a plugin's texts are shown as it declares them).
const char* const kDecoderTexts[] = {
    QT_TRANSLATE_NOOP("PreviewPage", "FastestDet (COCO-80)"),
    QT_TRANSLATE_NOOP("PreviewPage", "UltraFace (faces)"),
    QT_TRANSLATE_NOOP("PreviewPage", "YOLO-style (anchors, strides)"),
    QT_TRANSLATE_NOOP("PreviewPage", "Classification top-k"),
    QT_TRANSLATE_NOOP("PreviewPage", "PP-OCR (text boxes + recognition)"),
    QT_TRANSLATE_NOOP("PreviewPage",
                      "one tensor 1x(5+C)xHxW: objectness, x, y, w, h, C class scores per cell"),
    QT_TRANSLATE_NOOP("PreviewPage", "scores 1xNx2 (background, face) and boxes 1xNx4"),
    QT_TRANSLATE_NOOP("PreviewPage",
                      "grid: one 1xA*(5+C)xHxW head per stride; boxes: 1xNx(5+C); "
                      "boxes_no_objectness: 1x(4+C)xN"),
    QT_TRANSLATE_NOOP("PreviewPage", "one tensor of class scores: 1xC (or C, 1xCx1x1)"),
    QT_TRANSLATE_NOOP("PreviewPage",
                      "det: one probability map 1x1xHxW; rec model: 1x3x48xW -> 1x(W/8)xclasses"),
    QT_TRANSLATE_NOOP("PreviewPage", "Score threshold"),
    QT_TRANSLATE_NOOP("PreviewPage", "NMS IoU threshold"),
    QT_TRANSLATE_NOOP("PreviewPage", "NMS per class"),
    QT_TRANSLATE_NOOP("PreviewPage", "Max detections"),
    QT_TRANSLATE_NOOP("PreviewPage", "Labels file"),
    QT_TRANSLATE_NOOP("PreviewPage", "Candidates before NMS"),
    QT_TRANSLATE_NOOP("PreviewPage", "Box format"),
    QT_TRANSLATE_NOOP("PreviewPage", "Prior strides"),
    QT_TRANSLATE_NOOP("PreviewPage", "Prior min boxes"),
    QT_TRANSLATE_NOOP("PreviewPage", "Centre variance"),
    QT_TRANSLATE_NOOP("PreviewPage", "Size variance"),
    QT_TRANSLATE_NOOP("PreviewPage", "Output format"),
    QT_TRANSLATE_NOOP("PreviewPage", "Grid formula"),
    QT_TRANSLATE_NOOP("PreviewPage", "Anchors (w,h per head)"),
    QT_TRANSLATE_NOOP("PreviewPage", "Strides"),
    QT_TRANSLATE_NOOP("PreviewPage", "Outputs are logits"),
    QT_TRANSLATE_NOOP("PreviewPage", "Boxes in 0..1"),
    QT_TRANSLATE_NOOP("PreviewPage", "Top k"),
    QT_TRANSLATE_NOOP("PreviewPage", "Softmax"),
    QT_TRANSLATE_NOOP("PreviewPage", "Minimum score"),
    QT_TRANSLATE_NOOP("PreviewPage", "Recognition model"),
    QT_TRANSLATE_NOOP("PreviewPage", "Dictionary"),
    QT_TRANSLATE_NOOP("PreviewPage", "Space as last class"),
    QT_TRANSLATE_NOOP("PreviewPage", "Map threshold"),
    QT_TRANSLATE_NOOP("PreviewPage", "Box score threshold"),
    QT_TRANSLATE_NOOP("PreviewPage", "Unclip ratio"),
    QT_TRANSLATE_NOOP("PreviewPage", "Minimum box side"),
    QT_TRANSLATE_NOOP("PreviewPage", "Max candidates"),
    QT_TRANSLATE_NOOP("PreviewPage", "Max lines recognised"),
    QT_TRANSLATE_NOOP("PreviewPage", "Recognition widths"),
};

}  // namespace

QString PreviewPage::bundledModelPath() {
  return resourcePath(QStringLiteral("models/fastestdet/FastestDet.onnx"));
}

QString PreviewPage::demoClipPath() {
  return resourcePath(QStringLiteral("demo/demo_clip.mp4"));
}

PreviewPage::PreviewPage(QWidget* parent) : QWidget(parent) {
  (void)kDecoderTexts;
  session_ = new LiveSession(this);
  timings_ = new StageTimingModel(this);
  detectionModel_ = new DetectionTableModel(this);
  watcher_ = new QFutureWatcher<Prepared>(this);
  runner_ = std::make_shared<vision::HostModelRunner>();
  rebuildTimer_ = new QTimer(this);
  rebuildTimer_->setSingleShot(true);
  rebuildTimer_->setInterval(150);
  connect(rebuildTimer_, &QTimer::timeout, this, &PreviewPage::rebuildDetector);
  snapshotDir_ = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) +
                 QStringLiteral("/Auto-X");
  recordDir_ = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
               QStringLiteral("/Auto-X");

  auto* layout = new QHBoxLayout(this);
  auto* left = new QVBoxLayout;
  layout->addLayout(left, 1);

  // Source bar.
  auto* bar = new QHBoxLayout;
  auto* sourceLabel = new QLabel(this);
  sourceCombo_ = new QComboBox(this);
  sourceCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  sourceEdit_ = new QLineEdit(this);
  browse_ = new QPushButton(this);
  refresh_ = new QPushButton(this);
  startStop_ = new QPushButton(this);
  snapshot_ = new QPushButton(this);
  record_ = new QPushButton(this);
  record_->setCheckable(true);
  bar->addWidget(sourceLabel);
  bar->addWidget(sourceCombo_);
  bar->addWidget(sourceEdit_, 1);
  bar->addWidget(browse_);
  bar->addWidget(refresh_);
  bar->addSpacing(12);
  bar->addWidget(startStop_);
  bar->addWidget(snapshot_);
  bar->addWidget(record_);
  left->addLayout(bar);

  // Problems: a source gone (Retry) or a model that does not fit.
  problem_ = new QFrame(this);
  problem_->setObjectName(QStringLiteral("previewProblem"));
  problem_->setStyleSheet(
      QStringLiteral("#previewProblem { background: #fde2e1; border: 1px solid #d9534f; }"
                     "QLabel { color: #8a1c1c; }"));
  auto* problemLayout = new QHBoxLayout(problem_);
  problemLayout->setContentsMargins(10, 6, 6, 6);
  problemText_ = new QLabel(problem_);
  problemText_->setWordWrap(true);
  problemText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  retry_ = new QPushButton(problem_);
  dismiss_ = new QPushButton(problem_);
  problemLayout->addWidget(problemText_, 1);
  problemLayout->addWidget(retry_);
  problemLayout->addWidget(dismiss_);
  problem_->hide();
  left->addWidget(problem_);

  view_ = new PreviewView(this);
  left->addWidget(view_, 1);
  figures_ = new QLabel(this);
  figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  left->addWidget(figures_);

  // Right column: model, decoder, recipe, figures, detections.
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setFixedWidth(430);
  auto* side = new QWidget(scroll);
  auto* right = new QVBoxLayout(side);
  right->setContentsMargins(0, 0, 6, 0);
  scroll->setWidget(side);
  layout->addWidget(scroll);

  modelBox_ = new QGroupBox(side);
  auto* modelLayout = new QVBoxLayout(modelBox_);
  modelLabel_ = new QLabel(modelBox_);
  modelLabel_->setWordWrap(true);
  modelLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* modelButtons = new QHBoxLayout;
  openModel_ = new QPushButton(modelBox_);
  bundled_ = new QPushButton(modelBox_);
  modelButtons->addWidget(openModel_);
  modelButtons->addWidget(bundled_);
  modelButtons->addStretch(1);
  modelLayout->addWidget(modelLabel_);
  modelLayout->addLayout(modelButtons);
  right->addWidget(modelBox_);

  statsBox_ = new QGroupBox(side);
  auto* statsLayout = new QVBoxLayout(statsBox_);
  timingView_ = new QTableView(statsBox_);
  timingView_->setModel(timings_);
  timingView_->verticalHeader()->hide();
  timingView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  timingView_->horizontalHeader()->setStretchLastSection(true);
  timingView_->setSelectionMode(QAbstractItemView::NoSelection);
  timingView_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  timingView_->setFixedHeight(timingView_->horizontalHeader()->sizeHint().height() +
                              StageTimingModel::StageCount *
                                  timingView_->verticalHeader()->defaultSectionSize() +
                              2 * timingView_->frameWidth() + 2);
  statsLayout->addWidget(timingView_);
  right->addWidget(statsBox_);

  decoderBox_ = new QGroupBox(side);
  auto* decoderLayout = new QVBoxLayout(decoderBox_);
  decoderCombo_ = new QComboBox(decoderBox_);
  decoderOutputs_ = new QLabel(decoderBox_);
  decoderOutputs_->setWordWrap(true);
  decoderOutputs_->setStyleSheet(QStringLiteral("color: #666;"));
  settingsForm_ = new QWidget(decoderBox_);
  new QFormLayout(settingsForm_);
  decoderLayout->addWidget(decoderCombo_);
  decoderLayout->addWidget(decoderOutputs_);
  decoderLayout->addWidget(settingsForm_);
  right->addWidget(decoderBox_);

  recipeBox_ = new QGroupBox(side);
  auto* recipeLayout = new QFormLayout(recipeBox_);
  presetCombo_ = new QComboBox(recipeBox_);
  presetCombo_->addItem(QString(), QString());
  for (const vision::Preset& p : vision::presets())
    presetCombo_->addItem(QString::fromStdString(p.name), QString::fromStdString(p.id));
  resizeCombo_ = new QComboBox(recipeBox_);
  resizeCombo_->addItems({QStringLiteral("stretch"), QStringLiteral("letterbox")});
  colorCombo_ = new QComboBox(recipeBox_);
  colorCombo_->addItems({QStringLiteral("RGB"), QStringLiteral("BGR"), QStringLiteral("GRAY")});
  layoutCombo_ = new QComboBox(recipeBox_);
  layoutCombo_->addItems({QStringLiteral("NCHW"), QStringLiteral("NHWC")});
  scaleEdit_ = new QLineEdit(recipeBox_);
  meanEdit_ = new QLineEdit(recipeBox_);
  stdEdit_ = new QLineEdit(recipeBox_);
  recipeSource_ = new QLabel(recipeBox_);
  recipeSource_->setWordWrap(true);
  recipeSource_->setStyleSheet(QStringLiteral("color: #666;"));
  saveRecipe_ = new QPushButton(recipeBox_);
  auto* presetLabel = new QLabel(recipeBox_);
  auto* resizeLabel = new QLabel(recipeBox_);
  auto* colorLabel = new QLabel(recipeBox_);
  auto* layoutLabel = new QLabel(recipeBox_);
  auto* scaleLabel = new QLabel(recipeBox_);
  auto* meanLabel = new QLabel(recipeBox_);
  auto* stdLabel = new QLabel(recipeBox_);
  recipeLayout->addRow(presetLabel, presetCombo_);
  recipeLayout->addRow(resizeLabel, resizeCombo_);
  recipeLayout->addRow(colorLabel, colorCombo_);
  recipeLayout->addRow(layoutLabel, layoutCombo_);
  recipeLayout->addRow(scaleLabel, scaleEdit_);
  recipeLayout->addRow(meanLabel, meanEdit_);
  recipeLayout->addRow(stdLabel, stdEdit_);
  recipeLayout->addRow(recipeSource_);
  recipeLayout->addRow(saveRecipe_);
  right->addWidget(recipeBox_);

  detectionsBox_ = new QGroupBox(side);
  auto* detectionsLayout = new QVBoxLayout(detectionsBox_);
  detectionView_ = new QTableView(detectionsBox_);
  detectionView_->setModel(detectionModel_);
  detectionView_->verticalHeader()->hide();
  detectionView_->horizontalHeader()->setStretchLastSection(true);
  detectionView_->setMinimumHeight(160);
  detectionsLayout->addWidget(detectionView_);
  right->addWidget(detectionsBox_, 1);

  auto* texts = new Retranslator(this);
  texts->bind([=, this] {
    sourceLabel->setText(tr("Source:"));
    sourceEdit_->setPlaceholderText(tr("camera index, video file, image folder or stream URL"));
    browse_->setText(tr("Browse…"));
    refresh_->setText(tr("Refresh"));
    refresh_->setToolTip(tr("Look for cameras again"));
    snapshot_->setText(tr("Snapshot"));
    snapshot_->setToolTip(tr("Save the frame on screen with its boxes as PNG"));
    record_->setText(tr("Record"));
    record_->setToolTip(tr("Write every processed frame's detections to a JSON lines file"));
    retry_->setText(tr("Retry"));
    dismiss_->setText(tr("Dismiss"));
    modelBox_->setTitle(tr("Model"));
    openModel_->setText(tr("Open…"));
    bundled_->setText(tr("Bundled FastestDet"));
    decoderBox_->setTitle(tr("Post-processing"));
    recipeBox_->setTitle(tr("Pre-processing recipe"));
    presetCombo_->setItemText(0, tr("(the model's own)"));
    presetLabel->setText(tr("Preset"));
    resizeLabel->setText(tr("Resize"));
    colorLabel->setText(tr("Colour order"));
    layoutLabel->setText(tr("Layout"));
    scaleLabel->setText(tr("Scale"));
    meanLabel->setText(tr("Mean"));
    stdLabel->setText(tr("Std"));
    scaleEdit_->setToolTip(tr("x = (pixel × scale − mean) / std, per channel"));
    meanEdit_->setPlaceholderText(tr("per channel, e.g. 0.485, 0.456, 0.406"));
    stdEdit_->setPlaceholderText(tr("per channel, e.g. 0.229, 0.224, 0.225"));
    saveRecipe_->setText(tr("Save recipe to the model…"));
    statsBox_->setTitle(tr("Figures"));
    detectionsBox_->setTitle(tr("Detections"));
    view_->setPlaceholder(tr("Press Start to run the model on the source."));
    fillDecoders();
    fillSources();
    updateButtons();
    updateModelLabel();
    fillDecoderForm();
  });

  connect(sourceCombo_, &QComboBox::activated, this, [this](int index) {
    const QString kind = sourceCombo_->itemData(index).toString();
    if (kind == QLatin1String("file")) {
      const QString f =
          QFileDialog::getOpenFileName(this, tr("Video or image"), QString(),
                                       tr("Videos and images (*.avi *.mp4 *.mkv *.mov *.webm *.jpg "
                                          "*.jpeg *.png *.bmp);;All files (*)"));
      if (!f.isEmpty()) sourceEdit_->setText(f);
    } else if (kind == QLatin1String("folder")) {
      const QString d = QFileDialog::getExistingDirectory(this, tr("Folder of images"));
      if (!d.isEmpty()) sourceEdit_->setText(d);
    } else if (kind == QLatin1String("url")) {
      bool ok = false;
      const QString url = QInputDialog::getText(this, tr("Stream URL"),
                                                tr("rtsp://, http://, udp:// … as FFmpeg reads it"),
                                                QLineEdit::Normal, QStringLiteral("rtsp://"), &ok);
      if (ok && !url.trimmed().isEmpty()) sourceEdit_->setText(url.trimmed());
    } else {
      sourceEdit_->setText(kind);
    }
  });
  connect(browse_, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("Video or image"));
    if (!f.isEmpty()) sourceEdit_->setText(f);
  });
  connect(refresh_, &QPushButton::clicked, this, &PreviewPage::fillSources);
  connect(sourceEdit_, &QLineEdit::returnPressed, this, &PreviewPage::start);
  connect(startStop_, &QPushButton::clicked, this, [this] { isRunning() ? stop() : start(); });
  connect(snapshot_, &QPushButton::clicked, this, [this] {
    QString error;
    const QString path = snapshot(&error);
    if (path.isEmpty())
      emit errorMessage(error);
    else
      emit logMessage(tr("Saved a snapshot to %1").arg(path));
  });
  connect(record_, &QPushButton::toggled, this, [this](bool on) {
    QString error;
    if (!setRecording(on, &error)) {
      const QSignalBlocker block(record_);
      record_->setChecked(false);
      emit errorMessage(error);
    }
  });
  connect(retry_, &QPushButton::clicked, this, &PreviewPage::retry);
  connect(dismiss_, &QPushButton::clicked, this, &PreviewPage::clearProblem);
  connect(openModel_, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("Model for the preview"), QString(),
                                                   tr("Models (*.onnx *.axm);;All files (*)"));
    if (!f.isEmpty()) openModel(f);
  });
  connect(bundled_, &QPushButton::clicked, this, &PreviewPage::useBundledModel);
  connect(decoderCombo_, &QComboBox::activated, this, [this](int index) {
    decoderId_ = decoderCombo_->itemData(index).toString();
    settings_.clear();
    rememberDecoder();
    rebuildDetector();
  });
  connect(presetCombo_, &QComboBox::activated, this, [this](int index) {
    const vision::Preset* p =
        vision::presetById(presetCombo_->itemData(index).toString().toStdString());
    if (!p) {
      editedRecipe_.reset();
    } else {
      editedRecipe_ = p->recipe;
      decoderId_ = QString::fromStdString(p->decoder);
      settings_ = p->settings;
      rememberDecoder();
    }
    rebuildDetector();
  });
  for (QComboBox* c : {resizeCombo_, colorCombo_, layoutCombo_})
    connect(c, &QComboBox::activated, this, [this] {
      bool ok = false;
      editedRecipe_ = recipeFromWidgets(&ok);
      scheduleRebuild();
    });
  for (QLineEdit* e : {scaleEdit_, meanEdit_, stdEdit_})
    connect(e, &QLineEdit::editingFinished, this, [this] {
      if (updatingWidgets_) return;
      bool ok = false;
      const vision::Recipe r = recipeFromWidgets(&ok);
      if (!ok) {
        showProblem(tr("The scale, mean and std take numbers separated by commas."), false);
        return;
      }
      if (r != recipe()) {
        editedRecipe_ = r;
        scheduleRebuild();
      }
    });
  connect(saveRecipe_, &QPushButton::clicked, this, [this] {
    QString path;
    if (!prepared_) return;
    if (prepared_->converted) {
      path = QFileDialog::getSaveFileName(
          this, tr("Save as .axm"),
          QFileInfo(modelPath_).completeBaseName() + QStringLiteral(".axm"),
          tr("Auto-X runtime models (*.axm)"));
      if (path.isEmpty()) return;
    }
    QString error;
    if (!saveRecipe(path, &error)) emit errorMessage(error);
  });

  connect(watcher_, &QFutureWatcher<Prepared>::finished, this, &PreviewPage::onPrepared);
  connect(session_, &LiveSession::frameReady, this, &PreviewPage::onFrame);
  connect(view_, &PreviewView::framePainted, this, &PreviewPage::onPainted);
  connect(session_, &LiveSession::started, this, [this](const QString& description) {
    emit logMessage(tr("Preview started: %1").arg(description));
    updateButtons();
  });
  connect(session_, &LiveSession::sourceFailed, this, [this](const QString& message) {
    showProblem(message, true);
    updateButtons();
  });
  connect(session_, &LiveSession::sourceLost, this, [this](const QString& message) {
    session_->stop();
    showProblem(tr("The source stopped: %1").arg(message), true);
    emit logMessage(tr("The source stopped: %1").arg(message));
    updateButtons();
  });
  connect(session_, &LiveSession::sourceEnded, this, [this] {
    session_->stop();
    emit logMessage(tr("The source played to its end."));
    updateButtons();
  });

  fillSources();
  const auto cameras = vision::listCameras();
  setSource(cameras.empty() ? QStringLiteral("demo")
                            : QStringLiteral("camera:%1").arg(cameras.front().index));
  useBundledModel();
  updateButtons();
}

PreviewPage::~PreviewPage() {
  session_->stop();
  watcher_->waitForFinished();
}

void PreviewPage::fillSources() {
  const QString current = sourceCombo_->currentData().toString();
  const QSignalBlocker block(sourceCombo_);
  sourceCombo_->clear();
  for (const vision::CameraInfo& c : vision::listCameras())
    sourceCombo_->addItem(tr("Camera %1: %2").arg(c.index).arg(QString::fromStdString(c.name)),
                          QStringLiteral("camera:%1").arg(c.index));
  if (sourceCombo_->count() == 0)
    sourceCombo_->addItem(tr("No camera found"), QStringLiteral("none"));
  if (!demoClipPath().isEmpty()) sourceCombo_->addItem(tr("Demo clip"), QStringLiteral("demo"));
  sourceCombo_->addItem(tr("Video or image file…"), QStringLiteral("file"));
  sourceCombo_->addItem(tr("Image folder…"), QStringLiteral("folder"));
  sourceCombo_->addItem(tr("Stream URL…"), QStringLiteral("url"));
  const int keep = sourceCombo_->findData(current);
  if (keep >= 0) sourceCombo_->setCurrentIndex(keep);
}

void PreviewPage::setSource(const QString& source) {
  sourceEdit_->setText(source);
  QString kind = source;
  if (sourceCombo_->findData(source) < 0) {
    const QFileInfo info(source);
    if (source.contains(QLatin1String("://")))
      kind = QStringLiteral("url");
    else if (info.isDir())
      kind = QStringLiteral("folder");
    else
      kind = QStringLiteral("file");
  }
  const int i = sourceCombo_->findData(kind);
  if (i >= 0) sourceCombo_->setCurrentIndex(i);
}

QString PreviewPage::source() const {
  const QString s = sourceEdit_->text().trimmed();
  if (s == QLatin1String("demo")) return demoClipPath();
  return s;
}

bool PreviewPage::isRunning() const {
  return session_->isRunning();
}

bool PreviewPage::isPreparing() const {
  return watcher_->isRunning();
}

void PreviewPage::start() {
  preparePending();
  const QString s = source();
  if (s.isEmpty() || s == QLatin1String("none")) {
    showProblem(tr("No source: pick a camera, a video file, an image folder or a stream URL."),
                false);
    return;
  }
  clearProblem();
  timings_->clear();
  detectionModel_->clear();
  lastFrameError_.clear();
  session_->setDetector(detector_);
  session_->start(s);
  updateButtons();
}

void PreviewPage::stop() {
  session_->stop();
  updateButtons();
}

void PreviewPage::retry() {
  clearProblem();
  start();
}

void PreviewPage::fillDecoders() {
  const QSignalBlocker block(decoderCombo_);
  decoderCombo_->clear();
  for (const autox::post::DecoderInfo& d : autox::post::Registry::global().list())
    decoderCombo_->addItem(QCoreApplication::translate("PreviewPage", d.name.c_str()),
                           QString::fromStdString(d.id));
  const int i = decoderCombo_->findData(decoderId_);
  if (i >= 0) decoderCombo_->setCurrentIndex(i);
}

void PreviewPage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (!pluginsLoaded_) {
    // Post-processing plugins add decoders to the registry when they load.
    pluginsLoaded_ = true;
    studioPlugins();
    fillDecoders();
  }
  QSettings().setValue(QStringLiteral("preview/seen"), true);
  preparePending();
  if (autoStart_ && !autoStarted_) {
    autoStarted_ = true;
    if (!isRunning()) start();
  }
}

void PreviewPage::updateButtons() {
  startStop_->setText(isRunning() ? tr("Stop") : tr("Start"));
  snapshot_->setEnabled(view_->hasFrame());
  saveRecipe_->setEnabled(prepared_.has_value());
}

void PreviewPage::showProblem(const QString& text, bool retry) {
  problemText_->setText(text);
  problemRetry_ = retry;
  retry_->setVisible(retry);
  problem_->show();
}

void PreviewPage::clearProblem() {
  problem_->hide();
  problemText_->clear();
  problemRetry_ = false;
}

QString PreviewPage::message() const {
  return problem_->isVisibleTo(const_cast<PreviewPage*>(this)) ? problemText_->text() : QString();
}

bool PreviewPage::retryOffered() const {
  return !message().isEmpty() && problemRetry_;
}

bool PreviewPage::runUntilPainted(int frames, int timeoutMs) {
  QElapsedTimer timer;
  timer.start();
  preparePending();
  while (isPreparing() && timer.elapsed() < timeoutMs)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  QCoreApplication::processEvents();
  if (!isRunning()) start();
  const qint64 target = timings_->frames() + frames;
  while (timings_->frames() < target && timer.elapsed() < timeoutMs) {
    if (!isRunning() && !message().isEmpty()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  }
  return timings_->frames() >= target;
}

// ---- model ----------------------------------------------------------------------------------

void PreviewPage::useBundledModel() {
  const QString path = bundledModelPath();
  if (path.isEmpty()) {
    showProblem(tr("The bundled FastestDet model is missing from this installation; open a model."),
                false);
    return;
  }
  openModel(path);
}

void PreviewPage::openModel(const QString& path) {
  request({path, nullptr, {}});
}

void PreviewPage::request(PendingModel model) {
  pending_ = std::move(model);
  modelLabel_->setText(
      tr("%1 (loaded when the preview is shown)").arg(QFileInfo(pending_->path).fileName()));
  if (isVisible()) preparePending();
}

void PreviewPage::preparePending() {
  if (!pending_) return;
  const PendingModel m = *pending_;
  pending_.reset();
  prepare(m.path, m.onnx, m.shape);
}

void PreviewPage::setDocument(const DocumentPtr& document) {
  if (!document) return;
  // The document's import is reused when it ran the engine's passes (what the runtime needs).
  std::shared_ptr<const axe::Model> onnx =
      !document->isAxm() && document->optimized ? document->model : nullptr;
  request({document->path, onnx, document->inputShape});
}

void PreviewPage::prepare(const QString& path, std::shared_ptr<const axe::Model> onnx,
                          axe::Shape shape) {
  if (watcher_->isRunning()) watcher_->waitForFinished();
  pendingPath_ = path;
  modelLabel_->setText(
      QFileInfo(path).suffix().compare(QLatin1String("axm"), Qt::CaseInsensitive) == 0
          ? tr("Loading %1…").arg(QFileInfo(path).fileName())
          : tr("Converting %1 to .axm in the background…").arg(QFileInfo(path).fileName()));
  watcher_->setFuture(QtConcurrent::run([path, onnx, shape] {
    Prepared p;
    p.error =
        QString::fromStdString(vision::prepareModel(path.toStdString(), shape, &p.model, onnx));
    return p;
  }));
}

QString PreviewPage::settingsKey() const {
  return QStringLiteral("preview/models/") +
         QString::fromLatin1(
             QCryptographicHash::hash(QFileInfo(modelPath_).absoluteFilePath().toUtf8(),
                                      QCryptographicHash::Sha1)
                 .toHex()
                 .left(16));
}

void PreviewPage::rememberDecoder() {
  if (modelPath_.isEmpty()) return;
  QSettings s;
  s.beginGroup(settingsKey());
  s.setValue(QStringLiteral("path"), modelPath_);
  s.setValue(QStringLiteral("decoder"), decoderId_);
  QVariantMap values;
  for (const auto& [k, v] : settings_)
    values.insert(QString::fromStdString(k), QString::fromStdString(v));
  s.setValue(QStringLiteral("settings"), values);
}

void PreviewPage::onPrepared() {
  const Prepared p = watcher_->result();
  if (!p.error.isEmpty()) {
    showProblem(
        tr("The preview cannot use %1: %2").arg(QFileInfo(pendingPath_).fileName(), p.error),
        false);
    updateModelLabel();
    return;
  }
  prepared_ = p.model;
  modelPath_ = pendingPath_;
  editedRecipe_.reset();
  decoderId_.clear();
  settings_.clear();
  QSettings s;
  s.beginGroup(settingsKey());
  if (s.value(QStringLiteral("path")).toString() == modelPath_) {
    decoderId_ = s.value(QStringLiteral("decoder")).toString();
    const QVariantMap values = s.value(QStringLiteral("settings")).toMap();
    for (auto it = values.begin(); it != values.end(); ++it)
      settings_[it.key().toStdString()] = it.value().toString().toStdString();
  }
  s.endGroup();
  if (p.model.converted)
    emit logMessage(tr("Converted %1 to .axm in %2 ms for the preview")
                        .arg(QFileInfo(modelPath_).fileName())
                        .arg(p.model.convertMs, 0, 'f', 0));
  rebuildDetector();
}

void PreviewPage::scheduleRebuild() {
  rebuildTimer_->start();
}

void PreviewPage::rebuildDetector() {
  if (!prepared_) return;
  vision::DetectorOptions options;
  options.recipe = editedRecipe_;
  options.decoder = decoderId_.toStdString();
  options.settings = settings_;
  options.runner = runner_;
  std::unique_ptr<vision::Detector> detector;
  const std::string error = vision::Detector::create(*prepared_, options, &detector);
  if (!error.empty()) {
    // No boxes rather than wrong ones: the video keeps running without inference.
    detector_.reset();
    session_->setDetector(nullptr);
    view_->clearFrame();
    detectionModel_->clear();
    showProblem(QString::fromStdString(error), false);
    emit errorMessage(QString::fromStdString(error));
  } else {
    detector_ = std::move(detector);
    session_->setDetector(detector_);
    if (!problemRetry_) clearProblem();
    decoderId_ = QString::fromStdString(detector_->decoderId());
    settings_ = detector_->settings();
    emit modelReady(QString::fromStdString(detector_->modelName()));
  }
  {
    updatingWidgets_ = true;
    // No decoder picked (none recognises the outputs): none shown.
    decoderCombo_->setCurrentIndex(decoderCombo_->findData(decoderId_));
    showRecipe(recipe());
    updatingWidgets_ = false;
  }
  fillDecoderForm();
  updateModelLabel();
  updateButtons();
}

void PreviewPage::updateModelLabel() {
  if (!prepared_) {
    if (!watcher_->isRunning()) modelLabel_->setText(tr("No model"));
    return;
  }
  const QString name = QFileInfo(modelPath_).fileName();
  QString text;
  if (detector_) {
    const vision::InputSpec& in = detector_->input();
    text = tr("%1: input %2x%3x%4, arena %5 KiB, host runtime (.axm)")
               .arg(name)
               .arg(in.channels)
               .arg(in.height)
               .arg(in.width)
               .arg(static_cast<double>(detector_->arenaBytes()) / 1024.0, 0, 'f', 0);
  } else {
    text = tr("%1 (not running: see the message above)").arg(name);
  }
  if (prepared_->converted)
    text +=
        QLatin1Char('\n') + tr("Converted from ONNX in %1 ms").arg(prepared_->convertMs, 0, 'f', 0);
  modelLabel_->setText(text);
}

// ---- decoder settings (drawn from the decoder's declared settings) ---------------------------

void PreviewPage::fillDecoderForm() {
  auto* form = static_cast<QFormLayout*>(settingsForm_->layout());
  while (form->rowCount() > 0) form->removeRow(0);
  autox::post::DecoderInfo info;
  if (!autox::post::Registry::global().find(decoderId_.toStdString(), &info)) {
    decoderOutputs_->clear();
    return;
  }
  decoderOutputs_->setText(
      tr("Expects %1").arg(QCoreApplication::translate("PreviewPage", info.outputs.c_str())));
  const autox::post::Values values =
      autox::post::Registry::global().withDefaults(info.id, settings_);
  for (const autox::post::Setting& s : info.settings) {
    const QString key = QString::fromStdString(s.key);
    const QString value = QString::fromStdString(values.at(s.key));
    const QString label = QCoreApplication::translate("PreviewPage", s.label.c_str());
    QWidget* editor = nullptr;
    auto changed = [this, key](const QString& v) {
      if (updatingWidgets_) return;
      settings_[key.toStdString()] = v.toStdString();
      rememberDecoder();
      scheduleRebuild();
    };
    if (s.type == "float") {
      auto* spin = new QDoubleSpinBox(settingsForm_);
      spin->setDecimals(3);
      spin->setSingleStep(0.05);
      spin->setRange(s.min != s.max ? s.min : -1e9, s.min != s.max ? s.max : 1e9);
      spin->setValue(value.toDouble());
      connect(spin, &QDoubleSpinBox::valueChanged, this,
              [changed](double v) { changed(QString::number(v, 'g', 6)); });
      editor = spin;
    } else if (s.type == "int") {
      auto* spin = new QSpinBox(settingsForm_);
      spin->setRange(s.min != s.max ? static_cast<int>(s.min) : -1000000000,
                     s.min != s.max ? static_cast<int>(s.max) : 1000000000);
      spin->setValue(value.toInt());
      connect(spin, &QSpinBox::valueChanged, this,
              [changed](int v) { changed(QString::number(v)); });
      editor = spin;
    } else if (s.type == "bool") {
      auto* box = new QCheckBox(settingsForm_);
      box->setChecked(value == QLatin1String("true"));
      connect(box, &QCheckBox::toggled, this, [changed](bool on) {
        changed(on ? QStringLiteral("true") : QStringLiteral("false"));
      });
      editor = box;
    } else if (s.type == "choice") {
      auto* combo = new QComboBox(settingsForm_);
      for (const std::string& c : s.choices) combo->addItem(QString::fromStdString(c));
      combo->setCurrentText(value);
      connect(combo, &QComboBox::currentTextChanged, this, changed);
      editor = combo;
    } else {
      auto* row = new QWidget(settingsForm_);
      auto* h = new QHBoxLayout(row);
      h->setContentsMargins(0, 0, 0, 0);
      auto* edit = new QLineEdit(value, row);
      h->addWidget(edit, 1);
      if (s.type == "path") {
        auto* pick = new QToolButton(row);
        pick->setText(QStringLiteral("…"));
        h->addWidget(pick);
        connect(pick, &QToolButton::clicked, this, [this, edit, label] {
          const QString f = QFileDialog::getOpenFileName(this, label);
          if (!f.isEmpty()) {
            edit->setText(f);
            emit edit->editingFinished();
          }
        });
      }
      connect(edit, &QLineEdit::editingFinished, this, [edit, changed] { changed(edit->text()); });
      editor = row;
    }
    editor->setObjectName(QStringLiteral("setting_") + key);
    if (!s.help.empty()) editor->setToolTip(QString::fromStdString(s.help));
    form->addRow(label, editor);
  }
}

void PreviewPage::setDecoder(const QString& id) {
  decoderId_ = id;
  settings_.clear();
  rememberDecoder();
  rebuildDetector();
}

void PreviewPage::setDecoderSetting(const QString& key, const QString& value) {
  settings_[key.toStdString()] = value.toStdString();
  rememberDecoder();
  rebuildDetector();
}

QString PreviewPage::decoderId() const {
  return decoderId_;
}

// ---- recipe ---------------------------------------------------------------------------------

void PreviewPage::showRecipe(const vision::Recipe& r) {
  resizeCombo_->setCurrentText(QString::fromStdString(r.resize));
  colorCombo_->setCurrentText(QString::fromStdString(r.colorOrder));
  layoutCombo_->setCurrentText(QString::fromStdString(r.layout));
  scaleEdit_->setText(QString::number(static_cast<double>(r.scale), 'g', 8));
  meanEdit_->setText(floatsText(r.mean));
  stdEdit_->setText(floatsText(r.std));
  int preset = 0;
  for (int i = 1; i < presetCombo_->count(); ++i)
    if (const vision::Preset* p =
            vision::presetById(presetCombo_->itemData(i).toString().toStdString());
        p && p->recipe == r && editedRecipe_)
      preset = i;
  presetCombo_->setCurrentIndex(preset);
  QString from;
  std::string source = "edited";
  if (detector_)
    source = detector_->recipeSource();
  else if (!editedRecipe_ && prepared_)
    vision::modelRecipe(*prepared_, &source);
  if (source == "model")
    from = tr("From the model's .axm metadata.");
  else if (source == "preset")
    from = tr("From the preset for %1 (the model carries none).")
               .arg(prepared_ && prepared_->preset ? QString::fromStdString(prepared_->preset->name)
                                                   : QString());
  else if (source == "edited")
    from = tr("Edited here: save it to keep it with the model.");
  else
    from = tr("Defaults (no recipe in the model, no preset): check them.");
  recipeSource_->setText(from);
}

vision::Recipe PreviewPage::recipeFromWidgets(bool* ok) const {
  vision::Recipe r = recipe();
  r.resize = resizeCombo_->currentText().toStdString();
  r.colorOrder = colorCombo_->currentText().toStdString();
  r.layout = layoutCombo_->currentText().toStdString();
  bool scaleOk = false;
  const float scale = scaleEdit_->text().toFloat(&scaleOk);
  std::vector<float> mean, sd;
  *ok = scaleOk && parseFloats(meanEdit_->text(), &mean) && parseFloats(stdEdit_->text(), &sd);
  if (!*ok) return r;
  r.scale = scale;
  r.mean = mean;
  r.std = sd;
  return r;
}

void PreviewPage::setRecipe(const vision::Recipe& recipe) {
  editedRecipe_ = recipe;
  rebuildDetector();
}

vision::Recipe PreviewPage::recipe() const {
  if (detector_) return detector_->recipe();
  if (editedRecipe_) return *editedRecipe_;
  std::string source;
  return prepared_ ? vision::modelRecipe(*prepared_, &source) : vision::Recipe{};
}

bool PreviewPage::saveRecipe(const QString& path, QString* error) {
  if (!prepared_) {
    *error = tr("No model is loaded.");
    return false;
  }
  axe::AxmMetadata md = prepared_->metadata;
  md.preprocess = vision::toAxm(recipe());
  std::vector<uint8_t> bytes;
  const auto& axm = *prepared_->axm;
  if (axe::Status s = axe::replace_axm_metadata(axm.data(), axm.size(), md, &bytes); !s) {
    *error = QString::fromStdString(s.message());
    return false;
  }
  const QString target = path.isEmpty() ? modelPath_ : path;
  if (path.isEmpty() && prepared_->converted) {
    *error = tr("%1 is an ONNX model: choose where to save the .axm.").arg(modelPath_);
    return false;
  }
  QFile f(target);
  if (!f.open(QIODevice::WriteOnly) ||
      f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size())) !=
          static_cast<qint64>(bytes.size())) {
    *error = tr("Cannot write %1: %2").arg(target, f.errorString());
    return false;
  }
  f.close();
  if (target == modelPath_) {
    prepared_->axm = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
    prepared_->metadata = md;
    editedRecipe_.reset();
    rebuildDetector();
  }
  emit logMessage(
      tr("Saved the pre-processing recipe (%1) into %2")
          .arg(QString::fromStdString(vision::describe(vision::fromAxm(md.preprocess))), target));
  return true;
}

// ---- frames ---------------------------------------------------------------------------------

void PreviewPage::onFrame() {
  const LiveFrame frame = session_->takeLatest();
  if (frame.image.isNull()) return;
  const StageTimingModel* t = timings_;
  view_->setFiguresLine(
      frame.hasDetector
          ? tr("%1 fps · inference %2 ms · %n object(s)", "",
               static_cast<int>(frame.result.detections.size() + frame.result.classes.size()))
                .arg(t->fps(), 0, 'f', 1)
                .arg(frame.times.inferenceMs, 0, 'f', 1)
          : tr("%1 fps · no boxes: the model does not run (see the message above)")
                .arg(t->fps(), 0, 'f', 1));
  view_->showFrame(frame);
  detectionModel_->setResult(frame.result);
  timings_->setDropped(frame.dropped, frame.captured);
  if (!frame.error.isEmpty() && frame.error != lastFrameError_) {
    lastFrameError_ = frame.error;
    showProblem(frame.error, false);
    emit errorMessage(frame.error);
  }
  if (!snapshot_->isEnabled()) updateButtons();
}

void PreviewPage::onPainted(double paintMs) {
  LiveFrame frame = view_->frame();
  vision::StageTimes times = frame.times;
  times.paintMs = paintMs;
  const qint64 now = LiveSession::nowNs();
  const double ageMs = frame.capturedAtNs ? static_cast<double>(now - frame.capturedAtNs) / 1e6 : 0;
  timings_->addFrame(times, ageMs, static_cast<double>(now) / 1e6);
  figures_->setText(tr("%1 fps painted · %2 of %3 captured frames dropped as stale · median "
                       "inference %4 ms")
                        .arg(timings_->fps(), 0, 'f', 1)
                        .arg(timings_->dropped())
                        .arg(frame.captured)
                        .arg(timings_->median(StageTimingModel::Inference), 0, 'f', 1));
}

QString PreviewPage::snapshot(QString* error) {
  const QImage image = view_->render();
  if (image.isNull()) {
    *error = tr("No frame to save yet: start the preview first.");
    return {};
  }
  if (!QDir().mkpath(snapshotDir_)) {
    *error = tr("Cannot create the folder %1").arg(snapshotDir_);
    return {};
  }
  const QString path =
      snapshotDir_ + QStringLiteral("/auto-x-snapshot-") +
      QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) +
      QStringLiteral(".png");
  if (!image.save(path)) {
    *error = tr("Cannot write %1").arg(path);
    return {};
  }
  return path;
}

bool PreviewPage::setRecording(bool on, QString* error) {
  if (!on) {
    session_->setRecording(QString(), error);
    if (!recordingPath_.isEmpty())
      emit logMessage(tr("Recorded detections to %1").arg(recordingPath_));
    recordingPath_.clear();
    const QSignalBlocker block(record_);
    record_->setChecked(false);
    return true;
  }
  if (!QDir().mkpath(recordDir_)) {
    *error = tr("Cannot create the folder %1").arg(recordDir_);
    return false;
  }
  const QString path = recordDir_ + QStringLiteral("/detections-") +
                       QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
                       QStringLiteral(".jsonl");
  if (!session_->setRecording(path, error)) return false;
  recordingPath_ = path;
  const QSignalBlocker block(record_);
  record_->setChecked(true);
  emit logMessage(tr("Recording detections to %1").arg(path));
  return true;
}
