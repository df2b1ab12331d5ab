// The run history: every benchmark, host profile and board profile, kept in an SQLite database
// (Qt SQL's QSQLITE driver) with the metadata needed to reproduce it. No widgets.
//
//   RunHistory history;                       // RunHistory::defaultPath()
//   if (!history.open()) report(history.errorString());
//   if (!history.recoveryMessage().isEmpty()) warn(history.recoveryMessage());
//   qint64 id = history.add(profileJson, {"baseline"});
//   for (const RunRecord& r : history.list({.model = "det"})) ...
//
// Where: $AUTOX_DATA_DIR/runs.sqlite when that variable is set (tests), else
// QStandardPaths::GenericDataLocation/autox/runs.sqlite (~/.local/share/autox, the data folder
// the CLI and the studio share with the simulated board). A file that does not open as a
// database or fails `PRAGMA integrity_check` is renamed to runs.sqlite.damaged-<date> and a fresh
// database is created; recoveryMessage() says what happened.
//
// A connection belongs to the thread that opened it (Qt SQL's rule): use one RunHistory per
// thread.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

struct RunRecord {
  qint64 id = 0;
  QString kind;  // "host-profile", "bench", "board-profile"
  QString model;
  QString modelSha256;
  QString quantization;
  QString engineVersion;
  QString board;  // "host" or the board's name
  qint64 clockHz = 0;
  int threads = 0;
  QDateTime date;
  double medianMs = -1;  // -1 when the run has no time (a board counting cycles)
  QString unit;          // "ms", "ns", "cycles"
  int layerCount = 0;
  QStringList tags;
  QJsonObject profile;  // the whole profile document (filled by get(), not by list())
};

struct RunFilter {
  QString model;  // substring of the model path
  QString board;  // exact
  QString kind;   // exact
  QString tag;    // runs carrying this tag
  QString text;   // substring of model, board, kind or a tag
  int limit = 0;  // 0: all
};

class RunHistory {
 public:
  explicit RunHistory(const QString& path = defaultPath());
  ~RunHistory();
  RunHistory(const RunHistory&) = delete;
  RunHistory& operator=(const RunHistory&) = delete;

  static QString defaultPath();
  QString path() const { return path_; }

  // Opens (creating the folder and schema). A damaged file is moved aside and replaced.
  bool open();
  bool isOpen() const { return open_; }
  QString errorString() const { return error_; }
  QString recoveryMessage() const { return recovery_; }

  // Stores a profile document (host-profile, bench or board-profile JSON); returns its id, or 0
  // with errorString() set.
  qint64 add(const QJsonObject& profile, const QStringList& tags = {});
  QList<RunRecord> list(const RunFilter& filter = {}) const;  // newest first
  bool get(qint64 id, RunRecord* out) const;
  bool addTags(qint64 id, const QStringList& tags);
  bool removeTags(qint64 id, const QStringList& tags);
  bool remove(qint64 id);
  // {"format": "autox-runs", "version": 1, "runs": [ {id, tags, profile} ... ]}
  QJsonObject exportJson(const QList<qint64>& ids = {}) const;  // empty: all
  // Adds every run of an export (new ids); returns how many, -1 with errorString() on bad input.
  int importJson(const QJsonObject& doc);

 private:
  bool openFile();
  bool check();
  bool createSchema();
  bool exec(const QString& sql);

  QString path_;
  QString connection_;
  mutable QString error_;
  QString recovery_;
  bool open_ = false;
};

// A one-line description: "#12 host-profile det.onnx host 1 thr 43.2 ms [baseline]".
QString describeRun(const RunRecord& run);
