#include "device_page.hpp"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextCursor>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString hz(qint64 v) {
  return v >= 1000000 ? QStringLiteral("%1 MHz").arg(static_cast<double>(v) / 1e6, 0, 'f', 0)
                      : QStringLiteral("%1 Hz").arg(v);
}

QString seconds(double s) {
  if (s < 60) return QStringLiteral("%1 s").arg(s, 0, 'f', s < 10 ? 1 : 0);
  return QStringLiteral("%1:%2")
      .arg(static_cast<int>(s) / 60)
      .arg(static_cast<int>(s) % 60, 2, 10, QLatin1Char('0'));
}

QString rate(double bytesPerSecond) {
  return QStringLiteral("%1/s").arg(formatBytes(static_cast<int64_t>(bytesPerSecond)));
}

}  // namespace

DevicePage::DevicePage(QWidget* parent) : QWidget(parent) {
  thread_ = new QThread(this);
  thread_->setObjectName(QStringLiteral("device link"));
  worker_ = new DeviceWorker;
  worker_->moveToThread(thread_);
  connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
  thread_->start();

  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  layout->addLayout(top, 2);

  // Boards found and the manual port field.
  boardBox_ = new QGroupBox(this);
  auto* boardLayout = new QGridLayout(boardBox_);
  boards_ = new QTreeWidget(boardBox_);
  boards_->setColumnCount(3);
  boards_->setRootIsDecorated(false);
  boards_->header()->setStretchLastSection(true);
  boardLayout->addWidget(boards_, 0, 0, 1, 6);
  uriLabel_ = new QLabel(boardBox_);
  uriEdit_ = new QLineEdit(QStringLiteral("sim"), boardBox_);
  baudLabel_ = new QLabel(boardBox_);
  baud_ = new QComboBox(boardBox_);
  baud_->setEditable(true);
  for (const char* b : {"115200", "230400", "460800", "921600", "1000000", "2000000"})
    baud_->addItem(QString::fromLatin1(b));
  baud_->setCurrentText(QStringLiteral("921600"));
  refresh_ = new QPushButton(boardBox_);
  connect_ = new QPushButton(boardBox_);
  disconnect_ = new QPushButton(boardBox_);
  state_ = new QLabel(boardBox_);
  state_->setWordWrap(true);
  state_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  boardLayout->addWidget(uriLabel_, 1, 0);
  boardLayout->addWidget(uriEdit_, 1, 1);
  boardLayout->addWidget(baudLabel_, 1, 2);
  boardLayout->addWidget(baud_, 1, 3);
  boardLayout->addWidget(refresh_, 1, 4);
  boardLayout->addWidget(connect_, 2, 4);
  boardLayout->addWidget(disconnect_, 2, 5);
  boardLayout->addWidget(state_, 2, 0, 1, 4);
  boardLayout->setColumnStretch(1, 1);
  top->addWidget(boardBox_, 3);

  factsBox_ = new QGroupBox(this);
  auto* factsLayout = new QVBoxLayout(factsBox_);
  facts_ = new QTreeWidget(factsBox_);
  facts_->setColumnCount(2);
  facts_->header()->setStretchLastSection(true);
  factsLayout->addWidget(facts_);
  top->addWidget(factsBox_, 2);

  // Flash the open model.
  modelBox_ = new QGroupBox(this);
  auto* modelLayout = new QGridLayout(modelBox_);
  model_ = new QLabel(modelBox_);
  model_->setWordWrap(true);
  flash_ = new QPushButton(modelBox_);
  cancel_ = new QPushButton(modelBox_);
  progress_ = new QProgressBar(modelBox_);
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  progress_->setTextVisible(false);
  speed_ = new QLabel(modelBox_);
  speed_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  modelLayout->addWidget(model_, 0, 0, 1, 3);
  modelLayout->addWidget(progress_, 1, 0);
  modelLayout->addWidget(flash_, 1, 1);
  modelLayout->addWidget(cancel_, 1, 2);
  modelLayout->addWidget(speed_, 2, 0, 1, 3);
  modelLayout->setColumnStretch(0, 1);
  layout->addWidget(modelBox_);

  // Run on the board, compare with the host engine.
  runBox_ = new QGroupBox(this);
  auto* runLayout = new QGridLayout(runBox_);
  inputs_ = new QLabel(runBox_);
  inputs_->setWordWrap(true);
  chooseInputs_ = new QPushButton(runBox_);
  run_ = new QPushButton(runBox_);
  comparison_ = new QTableWidget(0, 7, runBox_);
  comparison_->horizontalHeader()->setStretchLastSection(true);
  comparison_->verticalHeader()->hide();
  comparison_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  runInfo_ = new QLabel(runBox_);
  runInfo_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  runLayout->addWidget(inputs_, 0, 0);
  runLayout->addWidget(chooseInputs_, 0, 1);
  runLayout->addWidget(run_, 0, 2);
  runLayout->addWidget(comparison_, 1, 0, 1, 3);
  runLayout->addWidget(runInfo_, 2, 0, 1, 3);
  runLayout->setColumnStretch(0, 1);
  layout->addWidget(runBox_, 2);

  // The link: counters and the last frames, for when something goes wrong on the wire.
  linkBox_ = new QGroupBox(this);
  auto* linkLayout = new QVBoxLayout(linkBox_);
  linkStats_ = new QLabel(linkBox_);
  linkStats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  trace_ = new QPlainTextEdit(linkBox_);
  trace_->setReadOnly(true);
  trace_->setLineWrapMode(QPlainTextEdit::NoWrap);
  trace_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  trace_->setMaximumBlockCount(300);
  linkLayout->addWidget(linkStats_);
  linkLayout->addWidget(trace_, 1);
  layout->addWidget(linkBox_, 1);

  connect(refresh_, &QPushButton::clicked, this, &DevicePage::refreshBoards);
  connect(connect_, &QPushButton::clicked, this, &DevicePage::connectBoard);
  connect(disconnect_, &QPushButton::clicked, this, &DevicePage::disconnectBoard);
  connect(uriEdit_, &QLineEdit::returnPressed, this, &DevicePage::connectBoard);
  connect(flash_, &QPushButton::clicked, this, &DevicePage::flash);
  connect(cancel_, &QPushButton::clicked, this, &DevicePage::cancelFlash);
  connect(run_, &QPushButton::clicked, this, &DevicePage::runOnBoard);
  connect(chooseInputs_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Folder with input_0.pb, input_1.pb …"), inputDir_);
    if (dir.isEmpty()) return;
    inputDir_ = dir;
    retranslate();
  });
  connect(boards_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item) setUri(item->text(0));
  });
  connect(boards_, &QTreeWidget::itemDoubleClicked, this, [this] { connectBoard(); });
  connect(baud_, &QComboBox::currentTextChanged, this, [this](const QString& b) {
    // A serial URI carries its baud rate: keep the field in step with the combo box.
    QString u = uriEdit_->text().trimmed();
    if (!u.startsWith(QLatin1String("serial:"))) return;
    u.remove(QRegularExpression(QStringLiteral("\\?baud=\\d*")));
    uriEdit_->setText(u + QStringLiteral("?baud=") + b.trimmed());
  });

  connect(worker_, &DeviceWorker::boardsFound, this, &DevicePage::showBoards);
  connect(worker_, &DeviceWorker::connected, this, [this](const BoardFacts& f) {
    connected_ = true;
    showFacts(f);
  });
  connect(worker_, &DeviceWorker::disconnected, this, [this] {
    connected_ = false;
    haveFacts_ = false;
    retranslate();
  });
  connect(worker_, &DeviceWorker::flashProgress, this, &DevicePage::showProgress);
  connect(worker_, &DeviceWorker::flashed, this, &DevicePage::showFlashed);
  connect(worker_, &DeviceWorker::flashCancelled, this, [this](qint64 done, qint64 total) {
    flashing_ = false;
    cancelledAt_ = done;
    cancelledTotal_ = total;
    retranslate();
  });
  connect(worker_, &DeviceWorker::ran, this, &DevicePage::showComparison);
  connect(worker_, &DeviceWorker::failed, this, [this](const QString& action, const QString& m) {
    flashing_ = false;
    const QString text = tr("%1 failed: %2").arg(action, m);
    state_->setText(text);
    emit errorMessage(text);
    updateButtons();
  });
  connect(worker_, &DeviceWorker::logLine, this, &DevicePage::logMessage);
  connect(worker_, &DeviceWorker::linkReport, this,
          [this](const QString& stats, const QStringList& frames) {
            linkStats_->setText(stats);
            trace_->setPlainText(frames.join(QLatin1Char('\n')));
            trace_->moveCursor(QTextCursor::End);
          });
  connect(worker_, &DeviceWorker::busyChanged, this, [this](bool busy) {
    busy_ = busy;
    updateButtons();
  });
  retranslate();
  refreshBoards();
  // Boards come and go (USB serial adapters): rescan every 2 s while the page is shown.
  rescan_ = new QTimer(this);
  rescan_->setInterval(2000);
  connect(rescan_, &QTimer::timeout, this, &DevicePage::refreshBoards);
}

void DevicePage::showEvent(QShowEvent* event) {
  rescan_->start();
  refreshBoards();
  QWidget::showEvent(event);
}

void DevicePage::hideEvent(QHideEvent* event) {
  rescan_->stop();
  QWidget::hideEvent(event);
}

DevicePage::~DevicePage() {
  worker_->cancel();
  thread_->quit();
  thread_->wait();
}

void DevicePage::setDocument(const DocumentPtr& document) {
  document_ = document;
  inputDir_.clear();
  haveRun_ = false;
  comparison_->setRowCount(0);
  retranslate();
}

void DevicePage::setUri(const QString& uri) {
  uriEdit_->setText(uri);
  const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\\?baud=(\\d+)")).match(uri);
  if (m.hasMatch()) {
    const QSignalBlocker block(baud_);
    baud_->setCurrentText(m.captured(1));
  }
}

QString DevicePage::uri() const {
  return uriEdit_->text().trimmed();
}

void DevicePage::refreshBoards() {
  worker_->requestDiscover();
}

void DevicePage::connectBoard() {
  if (uri().isEmpty()) {
    emit errorMessage(
        tr("Enter a board: sim, qemu, serial:/dev/ttyUSB0?baud=921600 or "
           "tcp:HOST:PORT."));
    return;
  }
  state_->setText(tr("Connecting to %1 …").arg(uri()));
  busy_ = true;
  updateButtons();
  worker_->requestConnect(uri());
}

void DevicePage::disconnectBoard() {
  worker_->requestDisconnect();
}

void DevicePage::flash() {
  if (!document_) {
    emit errorMessage(tr("Open a model first (File > Open), then flash it."));
    return;
  }
  flashing_ = true;
  haveFlash_ = false;
  cancelledAt_ = -1;
  lastStatus_ = {};
  progress_->setValue(0);
  busy_ = true;
  updateButtons();
  worker_->requestFlash(document_);
}

void DevicePage::cancelFlash() {
  worker_->cancel();
}

void DevicePage::runOnBoard() {
  busy_ = true;
  updateButtons();
  worker_->requestRun(document_, inputDir_);
}

QString DevicePage::linkText() const {
  return linkStats_->text();
}

QString DevicePage::flashText() const {
  return speed_->text();
}

void DevicePage::updateButtons() {
  connect_->setEnabled(!busy_);
  disconnect_->setEnabled(connected_ && !busy_);
  flash_->setEnabled(connected_ && !busy_ && document_);
  cancel_->setEnabled(flashing_);
  run_->setEnabled(connected_ && !busy_ && document_ && facts0_.hasRuntime);
  chooseInputs_->setEnabled(!busy_);
  refresh_->setEnabled(true);
}

void DevicePage::showBoards(const QList<BoardEntry>& boards) {
  const QString keep = uri();
  boards_->clear();
  for (const BoardEntry& b : boards) new QTreeWidgetItem(boards_, {b.uri, b.kind, b.description});
  boards_->resizeColumnToContents(0);
  boards_->resizeColumnToContents(1);
  setUri(keep);
}

void DevicePage::showFacts(const BoardFacts& facts) {
  facts0_ = facts;
  haveFacts_ = true;
  retranslate();
}

void DevicePage::showProgress(const FlashStatus& status) {
  lastStatus_ = status;
  progress_->setValue(status.total > 0 ? static_cast<int>(1000 * status.done / status.total) : 0);
  updateFlashText();
}

void DevicePage::showFlashed(const FlashSummary& summary, const BoardFacts& facts) {
  flashing_ = false;
  lastFlash_ = summary;
  haveFlash_ = true;
  progress_->setValue(1000);
  if (!facts.board.isEmpty()) facts0_ = facts;
  retranslate();
}

void DevicePage::showComparison(const RunComparison& comparison) {
  lastRun_ = comparison;
  haveRun_ = true;
  retranslate();
}

void DevicePage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void DevicePage::retranslate() {
  boardBox_->setTitle(tr("Boards"));
  boards_->setHeaderLabels({tr("Board"), tr("Kind"), tr("Description")});
  uriLabel_->setText(tr("Port or URI:"));
  uriEdit_->setPlaceholderText(tr("sim, qemu, serial:/dev/ttyUSB0?baud=921600, tcp:HOST:PORT"));
  baudLabel_->setText(tr("Baud:"));
  baud_->setToolTip(tr("Line rate for serial: boards (8N1)"));
  refresh_->setText(tr("Refresh"));
  connect_->setText(tr("Connect"));
  disconnect_->setText(tr("Disconnect"));
  factsBox_->setTitle(tr("Board facts"));
  facts_->setHeaderLabels({tr("Property"), tr("Value")});
  modelBox_->setTitle(tr("Flash"));
  flash_->setText(tr("Flash"));
  cancel_->setText(tr("Cancel"));
  runBox_->setTitle(tr("Run on the board"));
  linkBox_->setTitle(tr("Link: counters and the last frames"));
  if (linkStats_->text().isEmpty()) trace_->setPlaceholderText(tr("No frames yet."));
  run_->setText(tr("Run and compare"));
  chooseInputs_->setText(tr("Inputs…"));
  comparison_->setHorizontalHeaderLabels({tr("Output"), tr("Shape"), tr("Type"), tr("Elements"),
                                          tr("Max abs error"), tr("Cosine"), tr("Result")});

  if (!connected_ && !busy_)
    state_->setText(tr("Not connected. Pick a board above or type its port, then Connect."));
  else if (connected_)
    state_->setText(tr("Connected to %1 (%2)").arg(facts0_.uri, facts0_.transport));

  updateFacts();
  updateFlashText();
  updateRun();
  updateButtons();
}

void DevicePage::updateFacts() {
  facts_->clear();
  if (haveFacts_ && connected_) {
    const BoardFacts& f = facts0_;
    auto row = [this](const QString& k, const QString& v) { new QTreeWidgetItem(facts_, {k, v}); };
    row(tr("Board"), f.board);
    row(tr("CPU"), QStringLiteral("%1, %2").arg(f.cpu, hz(f.clockHz)));
    row(tr("RAM"), formatBytes(f.ramBytes));
    row(tr("Flash"), formatBytes(f.flashBytes));
    row(tr("Model slot"), tr("%1 each (A and B)").arg(formatBytes(f.slotBytes)));
    row(tr("Arena for models"), formatBytes(f.arenaBytes));
    row(tr("Agent"), tr("%1, protocol %2").arg(f.agentVersion).arg(f.protocolVersion));
    row(tr("Link"), tr("%1; frames up to %2 bytes, %3 in flight")
                        .arg(f.transport)
                        .arg(f.maxPayload)
                        .arg(f.window));
    row(tr("Runtime"), f.hasRuntime ? tr("yes: %n op(s)", nullptr, static_cast<int>(f.ops.size()))
                                    : tr("no (upload only)"));
    row(tr("Data types"), f.dtypes.join(QStringLiteral(", ")));
    if (!f.ops.isEmpty()) {
      auto* ops = new QTreeWidgetItem(facts_, {tr("Ops"), QString()});
      ops->setText(1, f.ops.join(QStringLiteral(" ")));
      ops->setToolTip(1, f.ops.join(QStringLiteral(" ")));
    }
    for (int i = 0; i < f.modelSlots.size(); ++i) {
      const BoardSlot& s = f.modelSlots[i];
      const QString name = i == 0 ? QStringLiteral("A") : QStringLiteral("B");
      const QString state = s.state == QLatin1String("ready")     ? tr("ready")
                            : s.state == QLatin1String("partial") ? tr("partial")
                                                                  : tr("empty");
      QString value = state;
      if (s.state != QLatin1String("empty"))
        value += tr(", %1 of %2, SHA-256 %3…")
                     .arg(formatBytes(s.received), formatBytes(s.size), s.sha256.left(12));
      if (s.active) value += tr(" (active)");
      row(tr("Slot %1").arg(name), value);
    }
    facts_->resizeColumnToContents(0);
  }
}

void DevicePage::updateFlashText() {
  // The open model and how it gets to the board.
  if (!document_) {
    model_->setText(tr("No model open. Open an ONNX or .axm model, then flash it."));
  } else {
    const QString name = QFileInfo(document_->path).fileName();
    model_->setText(
        document_->isAxm()
            ? tr("%1 (.axm, %2) is flashed as it is.")
                  .arg(name, formatBytes(document_->axm.fileBytes))
            : tr("%1 is converted to .axm in the background (as `autox convert` does), then "
                 "flashed.")
                  .arg(name));
  }
  if (flashing_) {
    const FlashStatus& st = lastStatus_;
    if (st.total == 0)
      speed_->setText(st.stage.isEmpty() ? tr("Starting …") : st.stage + QStringLiteral(" …"));
    else
      speed_->setText(tr("%1: %2 of %3, %4, %5 left%6")
                          .arg(st.stage, formatBytes(st.done), formatBytes(st.total),
                               rate(st.bytesPerSecond), seconds(st.etaSeconds),
                               st.resumedFrom > 0
                                   ? tr(" (resumed from %1)").arg(formatBytes(st.resumedFrom))
                                   : QString()));
  } else if (cancelledAt_ >= 0) {
    speed_->setText(tr("Cancelled at %1 of %2. The board keeps its active model; the next Flash "
                       "of this model resumes.")
                        .arg(formatBytes(cancelledAt_), formatBytes(cancelledTotal_)));
  } else if (haveFlash_) {
    const FlashSummary& s = lastFlash_;
    speed_->setText(
        tr("Flashed %1 to slot %2 in %3 (%4)%5%6. SHA-256 %7…")
            .arg(formatBytes(s.imageBytes), s.slot == 0 ? QStringLiteral("A") : QStringLiteral("B"),
                 seconds(s.seconds), rate(s.bytesPerSecond),
                 s.resumedFrom > 0 ? tr(", resumed from %1").arg(formatBytes(s.resumedFrom))
                                   : QString(),
                 s.committed ? tr(", active") : tr(", not committed"), s.sha256.left(16)));
  } else {
    speed_->clear();
  }
}

void DevicePage::updateRun() {
  if (!inputDir_.isEmpty())
    inputs_->setText(tr("Inputs: %1").arg(inputDir_));
  else if (document_) {
    const QString ref = findReferenceInputs(document_->path);
    inputs_->setText(ref.isEmpty() ? tr("Inputs: seeded random data (no reference inputs next "
                                        "to the model; choose a folder of input_<i>.pb files)")
                                   : tr("Inputs: %1 (reference inputs)").arg(ref));
  } else {
    inputs_->setText(tr("Inputs: the model's reference inputs (input_<i>.pb)"));
  }
  comparison_->setRowCount(0);
  runInfo_->clear();
  if (haveRun_) {
    const RunComparison& r = lastRun_;
    comparison_->setRowCount(static_cast<int>(r.outputs.size()));
    for (int i = 0; i < r.outputs.size(); ++i) {
      const OutputComparison& o = r.outputs[i];
      const QString verdict = o.bitExact           ? tr("bit-exact")
                              : o.cosine >= 0.9999 ? tr("within tolerance")
                                                   : tr("differs");
      const QStringList cells = {o.name,
                                 o.shape,
                                 o.dtype,
                                 formatCount(o.count),
                                 QString::number(o.maxAbsError, 'g', 3),
                                 QString::number(o.cosine, 'f', 6),
                                 verdict};
      for (int c = 0; c < cells.size(); ++c)
        comparison_->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    comparison_->resizeColumnsToContents();
    runInfo_->setText(
        tr("Board: %1 ms for the run with transfers, %2 layers, counter %3 (%4). Host engine: "
           "%5 ms. Inputs: %6")
            .arg(r.boardSeconds * 1000, 0, 'f', 1)
            .arg(r.layers)
            .arg(r.cycles)
            .arg(facts0_.uri == QLatin1String("qemu") ? tr("instructions, not cycles")
                                                      : tr("the board's clock"))
            .arg(r.hostMs, 0, 'f', 1)
            .arg(r.inputs));
  }
  updateButtons();
}
