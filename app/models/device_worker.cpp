// axdl::Session::slots() shares its name with Qt's `slots` keyword macro: reach it from here,
// before any Qt header defines the macro.
#include "axdl_host.hpp"
namespace {
axdl::Status readSlotTable(axdl::Session& session, axdl_slots_resp* out) {
  return session.slots(out);
}
}  // namespace

#include "device_worker.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSerialPortInfo>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "cmd_board_sim.hpp"
#include "import/onnx/onnx_importer.hpp"

namespace {

struct Tr {
  Q_DECLARE_TR_FUNCTIONS(DeviceWorker)
};

QString hexText(const uint8_t* bytes, size_t n) {
  return QString::fromStdString(axdl::hex(bytes, n));
}

QString shapeText(const axdl_tensor_info& t) {
  QStringList dims;
  for (int i = 0; i < t.rank; ++i) dims << QString::number(t.dims[i]);
  return dims.isEmpty() ? QStringLiteral("scalar") : dims.join(QLatin1Char('x'));
}

// Element i of raw tensor bytes as a double (the dtypes the link carries).
bool elementsAsDouble(int dtype, const uint8_t* data, size_t bytes, std::vector<double>* out) {
  out->clear();
  auto take = [&](auto tag) {
    using T = decltype(tag);
    const size_t n = bytes / sizeof(T);
    out->resize(n);
    for (size_t i = 0; i < n; ++i) {
      T v;
      std::memcpy(&v, data + i * sizeof(T), sizeof(T));
      (*out)[i] = static_cast<double>(v);
    }
    return true;
  };
  switch (static_cast<axe::DType>(dtype)) {
    case axe::DType::kFloat32:
      return take(float{});
    case axe::DType::kFloat64:
      return take(double{});
    case axe::DType::kInt8:
      return take(int8_t{});
    case axe::DType::kUInt8:
      return take(uint8_t{});
    case axe::DType::kInt16:
      return take(int16_t{});
    case axe::DType::kInt32:
      return take(int32_t{});
    case axe::DType::kInt64:
      return take(int64_t{});
    default:
      return false;
  }
}

// Seeded inputs for a model without reference data: floats in [-1, 1), integers in [0, 16).
axe::Tensor randomTensor(const axdl_tensor_info& info, uint32_t seed) {
  axe::Shape shape(info.dims, info.dims + info.rank);
  axe::Tensor t(static_cast<axe::DType>(info.dtype), shape);
  uint32_t x = seed ? seed : 2463534242u;
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  };
  const int64_t n = t.numel();
  for (int64_t i = 0; i < n; ++i) {
    switch (t.dtype()) {
      case axe::DType::kFloat32:
        t.data<float>()[i] = static_cast<float>(next() / 2147483648.0 - 1.0);
        break;
      case axe::DType::kInt8:
        t.data<int8_t>()[i] = static_cast<int8_t>(next() % 16);
        break;
      case axe::DType::kUInt8:
        t.data<uint8_t>()[i] = static_cast<uint8_t>(next() % 16);
        break;
      case axe::DType::kInt32:
        t.data<int32_t>()[i] = static_cast<int32_t>(next() % 16);
        break;
      case axe::DType::kInt64:
        t.data<int64_t>()[i] = static_cast<int64_t>(next() % 16);
        break;
      default:
        break;
    }
  }
  return t;
}

}  // namespace

QList<BoardEntry> discoverBoards() {
  QList<BoardEntry> boards;
  for (const QSerialPortInfo& port : QSerialPortInfo::availablePorts()) {
    BoardEntry b;
    b.uri = QStringLiteral("serial:%1?baud=921600").arg(port.systemLocation());
    b.kind = QStringLiteral("serial");
    QStringList about;
    if (!port.description().isEmpty()) about << port.description();
    if (!port.manufacturer().isEmpty()) about << port.manufacturer();
    if (port.hasVendorIdentifier() && port.hasProductIdentifier())
      about << QStringLiteral("%1:%2")
                   .arg(port.vendorIdentifier(), 4, 16, QLatin1Char('0'))
                   .arg(port.productIdentifier(), 4, 16, QLatin1Char('0'));
    if (!port.serialNumber().isEmpty()) about << Tr::tr("serial %1").arg(port.serialNumber());
    b.description = about.isEmpty() ? Tr::tr("serial port") : about.join(QStringLiteral(", "));
    boards << b;
  }
  const std::string running = running_sim_board();
  boards << BoardEntry{
      QStringLiteral("sim"), QStringLiteral("simulated"),
      running.empty()
          ? Tr::tr("Simulated board (starts on first use; flash kept in %1)")
                .arg(QString::fromStdString(sim_board_dir()))
          : Tr::tr("Simulated board, running at %1").arg(QString::fromStdString(running))};
  const std::string elf = find_qemu_agent();
  if (!elf.empty())
    boards << BoardEntry{QStringLiteral("qemu"), QStringLiteral("emulated"),
                         Tr::tr("QEMU mps2-an386 (Cortex-M4F) running %1; counts are "
                                "instructions, not cycles")
                             .arg(QString::fromStdString(elf))};
  return boards;
}

QString findReferenceInputs(const QString& modelPath) {
  const QFileInfo info(modelPath);
  const QDir dir = info.absoluteDir();
  auto hasInputs = [](const QString& d) {
    return QFile::exists(d + QStringLiteral("/input_0.pb"));
  };
  QStringList candidates = {dir.filePath(QStringLiteral("test_data_set_0"))};
  for (const QString& s : dir.entryList({QStringLiteral("sample_*")}, QDir::Dirs, QDir::Name))
    candidates << dir.filePath(s);
  candidates << dir.filePath(QStringLiteral("ref/%1/test_data_set_0").arg(info.completeBaseName()));
  for (const QString& c : candidates)
    if (hasInputs(c)) return QDir::cleanPath(c);
  return {};
}

void compareVectors(const std::vector<double>& a, const std::vector<double>& b, double* maxAbsError,
                    double* cosine) {
  double maxErr = 0, dot = 0, na = 0, nb = 0;
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    maxErr = std::max(maxErr, std::abs(a[i] - b[i]));
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  *maxAbsError = a.size() == b.size() ? maxErr : INFINITY;
  if (na == 0 && nb == 0)
    *cosine = 1;
  else if (na == 0 || nb == 0)
    *cosine = 0;
  else
    *cosine = dot / (std::sqrt(na) * std::sqrt(nb));
}

DeviceWorker::DeviceWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<BoardFacts>("BoardFacts");
  qRegisterMetaType<FlashStatus>("FlashStatus");
  qRegisterMetaType<FlashSummary>("FlashSummary");
  qRegisterMetaType<RunComparison>("RunComparison");
  qRegisterMetaType<QList<BoardEntry>>("QList<BoardEntry>");
  qRegisterMetaType<DocumentPtr>("DocumentPtr");
}

DeviceWorker::~DeviceWorker() = default;

void DeviceWorker::requestDiscover() {
  // One scan queued at a time: requests made while a long flash runs collapse into one.
  if (discoverQueued_.exchange(true)) return;
  QMetaObject::invokeMethod(this, [this] {
    discoverQueued_ = false;
    emit boardsFound(discoverBoards());
  });
}

void DeviceWorker::requestConnect(const QString& uri) {
  QMetaObject::invokeMethod(this, [this, uri] { doConnect(uri); });
}

void DeviceWorker::requestDisconnect() {
  QMetaObject::invokeMethod(this, [this] {
    if (!session_) return;
    session_.reset();
    emit logLine(Tr::tr("Disconnected from %1").arg(uri_));
    emit disconnected();
  });
}

void DeviceWorker::requestFlash(const DocumentPtr& document) {
  cancel_ = false;
  QMetaObject::invokeMethod(this, [this, document] { doFlash(document); });
}

void DeviceWorker::requestRun(const DocumentPtr& document, const QString& inputDir) {
  QMetaObject::invokeMethod(this, [this, document, inputDir] { doRun(document, inputDir); });
}

void DeviceWorker::reportLink() {
  if (!session_) return;
  const axdl::Link& link = session_->link();
  const axdl::LinkStats& st = link.stats();
  const QString stats =
      Tr::tr("%1 requests, %2 resent, %3 timeouts, %4 damaged frames; %5 sent, %6 received")
          .arg(st.requests)
          .arg(st.resends)
          .arg(st.timeouts)
          .arg(st.bad_frames)
          .arg(formatBytes(static_cast<int64_t>(st.bytes_sent)),
               formatBytes(static_cast<int64_t>(st.bytes_received)));
  QStringList frames;
  const auto& trace = link.trace();
  const size_t first = trace.size() > 300 ? trace.size() - 300 : 0;
  for (size_t i = first; i < trace.size(); ++i)
    frames << QString::fromStdString(trace[i].to_string());
  emit linkReport(stats, frames);
}

bool DeviceWorker::facts(BoardFacts* out, QString* error) {
  const axdl_hello_resp& h = session_->info();
  BoardFacts f;
  f.uri = uri_;
  f.resolvedUri = resolvedUri_;
  f.transport = QString::fromStdString(session_->link().transport().description());
  f.board = QString::fromUtf8(h.board);
  f.cpu = QString::fromUtf8(h.cpu);
  f.agentVersion = QString::fromUtf8(h.agent_version);
  f.protocolVersion = h.protocol_version;
  f.clockHz = h.clock_hz;
  f.ramBytes = h.ram_bytes;
  f.flashBytes = h.flash_bytes;
  f.slotBytes = h.slot_bytes;
  f.arenaBytes = h.arena_bytes;
  f.maxPayload = h.max_payload;
  f.maxChunk = h.max_chunk;
  f.window = h.rx_window;
  f.hasRuntime = h.has_runtime != 0;
  const std::pair<uint32_t, const char*> dtypes[] = {{AXDL_DTYPE_FLOAT32, "float32"},
                                                     {AXDL_DTYPE_INT8, "int8"},
                                                     {AXDL_DTYPE_UINT8, "uint8"},
                                                     {AXDL_DTYPE_INT32, "int32"},
                                                     {AXDL_DTYPE_INT64, "int64"}};
  for (const auto& [bit, name] : dtypes)
    if (h.dtype_mask & bit) f.dtypes << QString::fromLatin1(name);
  for (int i = 0; i < h.op_count && i < static_cast<int>(AXDL_MAX_OPS); ++i)
    f.ops << QString::fromLatin1(axe_op_name(static_cast<axe_op>(h.ops[i])));
  axdl_slots_resp slotTable{};
  if (axdl::Status s = readSlotTable(*session_, &slotTable); !s) {
    *error = QString::fromStdString(s.message());
    return false;
  }
  for (unsigned i = 0; i < AXDL_SLOT_COUNT; ++i) {
    BoardSlot slot;
    const axdl_slot_info& si = slotTable.slot[i];
    slot.state = si.state == AXDL_SLOT_READY       ? QStringLiteral("ready")
                 : si.state == AXDL_SLOT_RECEIVING ? QStringLiteral("partial")
                                                   : QStringLiteral("empty");
    slot.size = si.size;
    slot.received = si.received;
    if (si.state != AXDL_SLOT_EMPTY) slot.sha256 = hexText(si.sha256, AXDL_SHA256_BYTES);
    slot.active = slotTable.active == i;
    f.modelSlots << slot;
  }
  *out = f;
  return true;
}

void DeviceWorker::doConnect(const QString& uri) {
  emit busyChanged(true);
  session_.reset();
  uri_ = uri.trimmed();
  std::string resolved = uri_.toStdString();
  axdl::Status s;
  if (resolved == "sim" || resolved.rfind("sim?", 0) == 0)
    s = resolve_sim_board(&resolved);
  else if (resolved == "qemu")
    s = resolve_qemu_board(&resolved);
  axdl::LinkOptions options;
  if (uri_ == QLatin1String("qemu")) options.timeout_ms = 30000;  // QEMU's UART: 6-32 kB/s
  if (s) s = axdl::Session::open(resolved, options, &session_);
  resolvedUri_ = QString::fromStdString(resolved);
  BoardFacts f;
  QString error;
  if (!s || !facts(&f, &error)) {
    session_.reset();
    const QString message = !s ? QString::fromStdString(s.message()) : error;
    emit disconnected();
    emit failed(Tr::tr("Connect"),
                uri_ != resolvedUri_
                    ? QStringLiteral("%1 (%2): %3").arg(uri_, resolvedUri_, message)
                    : message);
    reportLink();
    emit busyChanged(false);
    return;
  }
  emit logLine(Tr::tr("Connected to %1 (%2): %3, %4").arg(uri_, f.transport, f.board, f.cpu));
  emit connected(f);
  reportLink();
  emit busyChanged(false);
}

bool DeviceWorker::image(const DocumentPtr& document, std::vector<uint8_t>* out, bool* converted,
                         double* convertMs, QString* error) {
  *converted = false;
  *convertMs = 0;
  if (cachedDocument_ == document.get() && !cachedImage_.empty()) {
    *out = cachedImage_;
    return true;
  }
  if (document->isAxm()) {
    QFile f(document->path);
    if (!f.open(QIODevice::ReadOnly)) {
      *error = Tr::tr("Cannot read %1: %2").arg(document->path, f.errorString());
      return false;
    }
    const QByteArray bytes = f.readAll();
    out->assign(bytes.begin(), bytes.end());
  } else {
    QElapsedTimer timer;
    timer.start();
    axe::AxmExportOptions options;
    if (!document->inputShape.empty()) options.input_shapes.push_back(document->inputShape);
    const QFileInfo info(document->path);
    options.model_name = info.completeBaseName().toStdString();
    options.source = info.fileName().toStdString();
    options.producer = document->model->producer();
    axe::AxmExport exported;
    // The graph as the engine runs it: the passes must have run (the toolbar's "Optimized
    // graph"), else the export sees ops the runtime does not have.
    if (axe::Status s = axe::export_axm(document->graph(), options, &exported); !s) {
      *error = Tr::tr("Converting %1 to .axm failed: %2")
                   .arg(info.fileName(), QString::fromStdString(s.message()));
      return false;
    }
    *out = std::move(exported.bytes);
    *converted = true;
    *convertMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  }
  cachedDocument_ = document.get();
  cachedOwner_ = document;
  cachedImage_ = *out;
  return true;
}

void DeviceWorker::doFlash(const DocumentPtr& document) {
  if (!session_) {
    emit failed(Tr::tr("Flash"), Tr::tr("No board connected: pick one and press Connect."));
    return;
  }
  if (!document) {
    emit failed(Tr::tr("Flash"), Tr::tr("No model open: open an ONNX or .axm model first."));
    return;
  }
  emit busyChanged(true);
  FlashSummary summary;
  std::vector<uint8_t> bytes;
  QString error;
  if (!document->isAxm()) {
    FlashStatus st;
    st.stage = Tr::tr("Converting to .axm");
    emit flashProgress(st);
  }
  if (!image(document, &bytes, &summary.converted, &summary.convertMs, &error)) {
    emit failed(Tr::tr("Flash"), error);
    reportLink();
    emit busyChanged(false);
    return;
  }
  if (summary.converted)
    emit logLine(Tr::tr("Converted %1 to .axm: %2 bytes in %3 ms")
                     .arg(QFileInfo(document->path).fileName())
                     .arg(bytes.size())
                     .arg(summary.convertMs, 0, 'f', 0));
  if (cancel_) {
    emit flashCancelled(0, static_cast<qint64>(bytes.size()));
    reportLink();
    emit busyChanged(false);
    return;
  }
  summary.imageBytes = static_cast<qint64>(bytes.size());
  uint8_t digest[AXDL_SHA256_BYTES];
  axdl::sha256(bytes.data(), bytes.size(), digest);
  summary.sha256 = hexText(digest, sizeof digest);
  qint64 lastDone = 0;
  QElapsedTimer throttle;
  throttle.start();
  axdl::FlashResult result;
  const axdl::Status s = session_->flash(
      bytes,
      [&](const axdl::FlashProgress& p) {
        lastDone = static_cast<qint64>(p.done);
        // At most ~30 updates a second reach the GUI.
        if (throttle.elapsed() >= 33 || p.done == p.total) {
          throttle.restart();
          FlashStatus st;
          st.stage = Tr::tr("Uploading");
          st.done = static_cast<qint64>(p.done);
          st.total = static_cast<qint64>(p.total);
          st.resumedFrom = static_cast<qint64>(p.resumed_from);
          st.bytesPerSecond = p.bytes_per_second;
          st.etaSeconds = p.eta_seconds;
          emit flashProgress(st);
        }
        return !cancel_.load();
      },
      &result);
  if (!s) {
    if (cancel_) {
      emit logLine(Tr::tr("Flash cancelled at %1 of %2 bytes; the board keeps its active model "
                          "and the next flash of this model resumes")
                       .arg(lastDone)
                       .arg(bytes.size()));
      emit flashCancelled(lastDone, static_cast<qint64>(bytes.size()));
    } else {
      emit failed(Tr::tr("Flash"), QString::fromStdString(s.message()));
    }
    reportLink();
    emit busyChanged(false);
    return;
  }
  summary.slot = result.slot;
  summary.resumedFrom = static_cast<qint64>(result.resumed_from);
  summary.bytesSent = static_cast<qint64>(result.bytes_sent);
  summary.seconds = result.seconds;
  summary.bytesPerSecond = result.bytes_per_second;
  summary.committed = result.committed;
  BoardFacts f;
  if (!facts(&f, &error)) emit failed(Tr::tr("Flash"), error);
  emit logLine(Tr::tr("Flashed %1 bytes to slot %2 in %3 s (%4 kB/s)%5")
                   .arg(summary.imageBytes)
                   .arg(summary.slot == 0 ? QStringLiteral("A") : QStringLiteral("B"))
                   .arg(summary.seconds, 0, 'f', 2)
                   .arg(summary.bytesPerSecond / 1000, 0, 'f', 1)
                   .arg(summary.resumedFrom > 0
                            ? Tr::tr(", resumed from byte %1").arg(summary.resumedFrom)
                            : QString()));
  emit flashed(summary, f);
  reportLink();
  emit busyChanged(false);
}

void DeviceWorker::doRun(const DocumentPtr& document, const QString& inputDir) {
  if (!session_) {
    emit failed(Tr::tr("Run"), Tr::tr("No board connected: pick one and press Connect."));
    return;
  }
  if (!document) {
    emit failed(Tr::tr("Run"), Tr::tr("No model open: open the model that is on the board."));
    return;
  }
  emit busyChanged(true);
  auto fail = [&](const QString& message) {
    emit failed(Tr::tr("Run"), message);
    reportLink();
    emit busyChanged(false);
  };
  std::vector<uint8_t> bytes;
  bool converted = false;
  double convertMs = 0;
  QString error;
  if (!image(document, &bytes, &converted, &convertMs, &error)) return fail(error);
  // The board must hold this very model: compare the active slot's SHA-256.
  uint8_t digest[AXDL_SHA256_BYTES];
  axdl::sha256(bytes.data(), bytes.size(), digest);
  axdl_slots_resp slotTable{};
  if (axdl::Status s = readSlotTable(*session_, &slotTable); !s)
    return fail(QString::fromStdString(s.message()));
  if (slotTable.active == AXDL_NO_SLOT ||
      std::memcmp(slotTable.slot[slotTable.active].sha256, digest, sizeof digest) != 0)
    return fail(Tr::tr("The board's active model is not %1: press Flash first.")
                    .arg(QFileInfo(document->path).fileName()));
  std::vector<axdl_tensor_info> ins, outs;
  if (axdl::Status s = session_->tensors(0, &ins); !s)
    return fail(QString::fromStdString(s.message()));
  if (axdl::Status s = session_->tensors(1, &outs); !s)
    return fail(QString::fromStdString(s.message()));

  // Inputs: input_<i>.pb files bound by name, then by position; else seeded random data.
  RunComparison cmp;
  std::vector<axe::Tensor> inputs(ins.size());
  const QString dir = inputDir.isEmpty() ? findReferenceInputs(document->path) : inputDir;
  if (!dir.isEmpty()) {
    std::vector<std::pair<std::string, axe::Tensor>> files;
    for (size_t i = 0;; ++i) {
      const QString f = QStringLiteral("%1/input_%2.pb").arg(dir).arg(i);
      if (!QFile::exists(f)) break;
      axe::RtValue v;
      std::string name;
      if (axe::Status s = axe::read_value_file(f.toStdString(), axe::ValueKind::kTensor, &v, &name);
          !s)
        return fail(QString::fromStdString(s.message()));
      files.emplace_back(name, v.tensor);
    }
    std::vector<bool> bound(ins.size()), used(files.size());
    for (size_t f = 0; f < files.size(); ++f)
      for (size_t i = 0; i < ins.size(); ++i)
        if (!bound[i] && !files[f].first.empty() && files[f].first == ins[i].name) {
          inputs[i] = files[f].second;
          bound[i] = used[f] = true;
          break;
        }
    for (size_t f = 0, i = 0; f < files.size(); ++f) {
      if (used[f]) continue;
      while (i < ins.size() && bound[i]) ++i;
      if (i == ins.size()) break;
      inputs[i] = files[f].second;
      bound[i] = used[f] = true;
    }
    for (size_t i = 0; i < ins.size(); ++i)
      if (!bound[i])
        return fail(Tr::tr("%1 has no input_%2.pb for the model input '%3' (%4)")
                        .arg(dir)
                        .arg(i)
                        .arg(QString::fromUtf8(ins[i].name), shapeText(ins[i])));
    cmp.inputs = dir;
  } else {
    for (size_t i = 0; i < ins.size(); ++i)
      inputs[i] = randomTensor(ins[i], static_cast<uint32_t>(i + 1));
    cmp.inputs = Tr::tr("seeded random inputs (no reference inputs next to the model)");
  }
  std::vector<std::vector<uint8_t>> raw(ins.size());
  for (size_t i = 0; i < ins.size(); ++i) {
    const axe::Tensor& t = inputs[i];
    if (static_cast<int>(t.dtype()) != ins[i].dtype || t.nbytes() != ins[i].bytes)
      return fail(Tr::tr("Input %1 (%2 bytes) does not match the board's input '%3' (%4, %5 "
                         "bytes)")
                      .arg(i)
                      .arg(t.nbytes())
                      .arg(QString::fromUtf8(ins[i].name), shapeText(ins[i]))
                      .arg(ins[i].bytes));
    const auto* p = static_cast<const uint8_t*>(t.raw());
    raw[i].assign(p, p + t.nbytes());
  }
  std::vector<std::vector<uint8_t>> boardOut;
  axdl::RunStats stats;
  if (axdl::Status s = session_->run(raw, &boardOut, &stats); !s)
    return fail(QString::fromStdString(s.message()));
  cmp.boardSeconds = stats.seconds;
  cmp.cycles = stats.cycles;
  cmp.layers = stats.layers;

  // The host engine on the same .axm.
  QElapsedTimer timer;
  timer.start();
  axe::AxmModel host;
  if (axe::Status s = axe::AxmModel::load_bytes(bytes.data(), bytes.size(), &host); !s)
    return fail(QString::fromStdString(s.message()));
  std::vector<axe::Tensor> hostOut;
  if (axe::Status s = host.run(inputs, &hostOut); !s)
    return fail(QString::fromStdString(s.message()));
  cmp.hostMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  if (hostOut.size() != boardOut.size())
    return fail(Tr::tr("The board returned %1 outputs, the host engine %2")
                    .arg(boardOut.size())
                    .arg(hostOut.size()));
  for (size_t j = 0; j < boardOut.size(); ++j) {
    OutputComparison o;
    o.name = j < outs.size() ? QString::fromUtf8(outs[j].name) : QString::number(j);
    o.shape = j < outs.size() ? shapeText(outs[j]) : QString();
    o.dtype = QString::fromLatin1(axe::dtype_name(hostOut[j].dtype()));
    std::vector<double> a, b;
    const auto* hp = static_cast<const uint8_t*>(hostOut[j].raw());
    if (!elementsAsDouble(static_cast<int>(hostOut[j].dtype()), hp, hostOut[j].nbytes(), &a) ||
        !elementsAsDouble(static_cast<int>(hostOut[j].dtype()), boardOut[j].data(),
                          boardOut[j].size(), &b))
      return fail(Tr::tr("Output '%1' has dtype %2, which the comparison does not read")
                      .arg(o.name, o.dtype));
    o.count = static_cast<qint64>(a.size());
    compareVectors(a, b, &o.maxAbsError, &o.cosine);
    o.bitExact = boardOut[j].size() == hostOut[j].nbytes() &&
                 std::memcmp(boardOut[j].data(), hp, boardOut[j].size()) == 0;
    cmp.outputs << o;
  }
  emit logLine(Tr::tr("Ran on the board in %1 ms (%2 layers); host engine %3 ms")
                   .arg(cmp.boardSeconds * 1000, 0, 'f', 1)
                   .arg(cmp.layers)
                   .arg(cmp.hostMs, 0, 'f', 1));
  emit ran(cmp);
  reportLink();
  emit busyChanged(false);
}
