// The studio's side of the device link: finds boards, connects, flashes the open model and runs
// it on the board against the host engine. All link work happens in the worker's own thread
// (DeviceWorker lives in a QThread); results come back as value types through signals.
//
//   auto* thread = new QThread(this);
//   auto* worker = new DeviceWorker;            // no parent: it moves to `thread`
//   worker->moveToThread(thread);
//   connect(thread, &QThread::finished, worker, &QObject::deleteLater);
//   connect(worker, &DeviceWorker::connected, this, &Page::showFacts);
//   thread->start();
//   worker->requestConnect("sim");              // queued into the worker's thread
//   worker->requestFlash(document);              // converts an ONNX document to .axm first
//   worker->cancel();                            // any thread: stops a flash at the next chunk
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <vector>

#include "model_document.hpp"

namespace axdl {
class Session;
}

struct BoardEntry {
  QString uri;          // what Session::open or the sim/qemu resolvers take
  QString kind;         // "serial", "simulated", "emulated"
  QString description;  // "USB serial port (FTDI, 0403:6001)"
};

// Serial ports (QSerialPortInfo), the simulated board and, when its firmware is built, QEMU.
QList<BoardEntry> discoverBoards();

struct BoardSlot {
  QString state;  // "empty", "partial", "ready"
  qint64 size = 0, received = 0;
  QString sha256;
  bool active = false;
};

struct BoardFacts {
  QString uri, resolvedUri, transport;
  QString board, cpu, agentVersion;
  int protocolVersion = 0;
  qint64 clockHz = 0, ramBytes = 0, flashBytes = 0, slotBytes = 0, arenaBytes = 0;
  int maxPayload = 0, maxChunk = 0, window = 0;
  bool hasRuntime = false;
  QStringList dtypes, ops;
  QList<BoardSlot> modelSlots;  // A and B
};

struct FlashStatus {
  QString stage;  // "Converting to .axm", "Uploading"
  qint64 done = 0, total = 0, resumedFrom = 0;
  double bytesPerSecond = 0, etaSeconds = 0;
};

struct FlashSummary {
  qint64 imageBytes = 0, bytesSent = 0, resumedFrom = 0;
  double seconds = 0, bytesPerSecond = 0, convertMs = 0;
  int slot = 0;
  bool committed = false, converted = false;
  QString sha256;
};

struct OutputComparison {
  QString name, shape, dtype;
  qint64 count = 0;
  double maxAbsError = 0;
  double cosine = 0;  // 1 when both are all zeros
  bool bitExact = false;
};

struct RunComparison {
  QString inputs;  // where the inputs came from
  QList<OutputComparison> outputs;
  double boardSeconds = 0, hostMs = 0;
  quint64 cycles = 0;
  int layers = 0;
};

Q_DECLARE_METATYPE(BoardFacts)
Q_DECLARE_METATYPE(FlashStatus)
Q_DECLARE_METATYPE(FlashSummary)
Q_DECLARE_METATYPE(RunComparison)

// Reference inputs next to a model: DIR/test_data_set_0, DIR/sample_*, DIR/ref/STEM/test_data_set_0
// (the ONNX backend test layout of input_<i>.pb files); "" when there are none.
QString findReferenceInputs(const QString& modelPath);

// Max |a - b| and the cosine similarity of two equally long vectors.
void compareVectors(const std::vector<double>& a, const std::vector<double>& b, double* maxAbsError,
                    double* cosine);

class DeviceWorker : public QObject {
  Q_OBJECT
 public:
  explicit DeviceWorker(QObject* parent = nullptr);
  ~DeviceWorker() override;

  // Queue work into the worker's thread (callable from any thread).
  void requestDiscover();
  void requestConnect(const QString& uri);
  void requestDisconnect();
  void requestFlash(const DocumentPtr& document);
  // `inputDir` empty: the model's reference inputs, else seeded random inputs.
  void requestRun(const DocumentPtr& document, const QString& inputDir = {});
  // Any thread: a flash stops at its next chunk (the board keeps its active model; the next
  // flash of the same image resumes).
  void cancel() { cancel_ = true; }

 signals:
  void boardsFound(const QList<BoardEntry>& boards);
  void connected(const BoardFacts& facts);
  void disconnected();
  void flashProgress(const FlashStatus& status);
  void flashed(const FlashSummary& summary, const BoardFacts& facts);
  void flashCancelled(qint64 done, qint64 total);
  void ran(const RunComparison& comparison);
  void failed(const QString& action, const QString& message);
  void logLine(const QString& text);
  void busyChanged(bool busy);
  // After each operation: the link's counters and its last frames (TraceEntry::to_string()).
  void linkReport(const QString& stats, const QStringList& frames);

 private:
  void doConnect(const QString& uri);
  void doFlash(const DocumentPtr& document);
  void doRun(const DocumentPtr& document, const QString& inputDir);
  bool facts(BoardFacts* out, QString* error);
  void reportLink();
  // The .axm bytes of `document` (converted from the ONNX graph, cached per document).
  bool image(const DocumentPtr& document, std::vector<uint8_t>* out, bool* converted,
             double* convertMs, QString* error);

  std::unique_ptr<axdl::Session> session_;
  QString uri_, resolvedUri_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> discoverQueued_{false};
  const ModelDocument* cachedDocument_ = nullptr;
  DocumentPtr cachedOwner_;
  std::vector<uint8_t> cachedImage_;
};
