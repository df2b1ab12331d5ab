#include "run_history.hpp"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace {

QAtomicInt connectionCounter;
constexpr int kSchemaVersion = 1;

QString lastError(const QSqlQuery& q) {
  return q.lastError().text();
}

}  // namespace

RunHistory::RunHistory(const QString& path)
    : path_(path),
      connection_(QStringLiteral("autox-runs-%1").arg(connectionCounter.fetchAndAddRelaxed(1))) {}

RunHistory::~RunHistory() {
  if (QSqlDatabase::contains(connection_)) {
    QSqlDatabase::database(connection_, false).close();
    QSqlDatabase::removeDatabase(connection_);
  }
}

QString RunHistory::defaultPath() {
  const QByteArray dir = qgetenv("AUTOX_DATA_DIR");
  if (!dir.isEmpty()) return QString::fromLocal8Bit(dir) + QStringLiteral("/runs.sqlite");
  return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
         QStringLiteral("/autox/runs.sqlite");
}

bool RunHistory::exec(const QString& sql) {
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  if (!q.exec(sql)) {
    error_ = QStringLiteral("%1: %2").arg(path_, lastError(q));
    return false;
  }
  return true;
}

bool RunHistory::openFile() {
  if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
    error_ = QStringLiteral(
        "Qt's SQLite driver is missing: install libqt6sql6-sqlite to keep a run history");
    return false;
  }
  QSqlDatabase db = QSqlDatabase::contains(connection_)
                        ? QSqlDatabase::database(connection_, false)
                        : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
  db.setDatabaseName(path_);
  db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
  if (!db.open()) {
    error_ = QStringLiteral("cannot open the run history %1: %2").arg(path_, db.lastError().text());
    return false;
  }
  return true;
}

// True when the file is a healthy database (or empty/new).
bool RunHistory::check() {
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next()) {
    error_ = lastError(q);
    return false;
  }
  const QString verdict = q.value(0).toString();
  if (verdict != QLatin1String("ok")) {
    error_ = verdict;
    return false;
  }
  return true;
}

bool RunHistory::createSchema() {
  return exec(QStringLiteral("PRAGMA foreign_keys = ON")) &&
         exec(QStringLiteral(
             "CREATE TABLE IF NOT EXISTS runs ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, model TEXT,"
             " model_sha256 TEXT, quantization TEXT, engine_version TEXT, board TEXT,"
             " clock_hz INTEGER, threads INTEGER, date TEXT, median_ms REAL, unit TEXT,"
             " layer_count INTEGER, profile TEXT NOT NULL)")) &&
         exec(QStringLiteral("CREATE TABLE IF NOT EXISTS run_tags ("
                             " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                             " tag TEXT NOT NULL, PRIMARY KEY (run_id, tag))")) &&
         exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
}

bool RunHistory::open() {
  open_ = false;
  recovery_.clear();
  QDir().mkpath(QFileInfo(path_).absolutePath());
  const bool existed = QFileInfo::exists(path_);
  bool healthy = openFile() && check() && createSchema();
  if (!healthy && existed) {
    const QString why = error_;
    if (QSqlDatabase::contains(connection_)) QSqlDatabase::database(connection_, false).close();
    const QString aside = path_ + QStringLiteral(".damaged-") +
                          QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!QFile::rename(path_, aside)) {
      error_ = QStringLiteral(
                   "the run history %1 is damaged (%2) and cannot be moved aside: "
                   "move or delete it by hand")
                   .arg(path_, why);
      return false;
    }
    recovery_ = QStringLiteral(
                    "The run history %1 was damaged (%2); it was moved to %3 and a new, empty "
                    "history was started.")
                    .arg(path_, why.trimmed(), aside);
    healthy = openFile() && check() && createSchema();
  }
  open_ = healthy;
  return healthy;
}

qint64 RunHistory::add(const QJsonObject& p, const QStringList& tags) {
  if (!open_) {
    error_ = QStringLiteral("the run history is not open");
    return 0;
  }
  if (!p.value(QStringLiteral("kind")).isString()) {
    error_ = QStringLiteral("not a profile document: it has no \"kind\"");
    return 0;
  }
  QSqlDatabase db = QSqlDatabase::database(connection_, false);
  db.transaction();
  QSqlQuery q(db);
  q.prepare(QStringLiteral(
      "INSERT INTO runs (kind, model, model_sha256, quantization, engine_version, board,"
      " clock_hz, threads, date, median_ms, unit, layer_count, profile)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  q.addBindValue(p.value(QStringLiteral("kind")).toString());
  q.addBindValue(p.value(QStringLiteral("model")).toString());
  q.addBindValue(p.value(QStringLiteral("model_sha256")).toString());
  q.addBindValue(p.value(QStringLiteral("quantization")).toString());
  q.addBindValue(p.value(QStringLiteral("engine")).toString());
  q.addBindValue(p.value(QStringLiteral("board")).toString());
  q.addBindValue(static_cast<qint64>(p.value(QStringLiteral("clock_hz")).toDouble()));
  q.addBindValue(p.value(QStringLiteral("threads")).toInt());
  q.addBindValue(p.value(QStringLiteral("date")).toString());
  q.addBindValue(p.contains(QStringLiteral("median_ms")) &&
                         !p.value(QStringLiteral("median_ms")).isNull()
                     ? QVariant(p.value(QStringLiteral("median_ms")).toDouble())
                     : QVariant(-1.0));
  q.addBindValue(p.value(QStringLiteral("unit")).toString());
  q.addBindValue(static_cast<int>(p.value(QStringLiteral("layers")).toArray().size()));
  q.addBindValue(QString::fromUtf8(QJsonDocument(p).toJson(QJsonDocument::Compact)));
  if (!q.exec()) {
    error_ = QStringLiteral("cannot store the run in %1: %2").arg(path_, lastError(q));
    db.rollback();
    return 0;
  }
  const qint64 id = q.lastInsertId().toLongLong();
  db.commit();
  if (!tags.isEmpty() && !addTags(id, tags)) return 0;
  return id;
}

namespace {

RunRecord recordFrom(const QSqlQuery& q) {
  RunRecord r;
  r.id = q.value(0).toLongLong();
  r.kind = q.value(1).toString();
  r.model = q.value(2).toString();
  r.modelSha256 = q.value(3).toString();
  r.quantization = q.value(4).toString();
  r.engineVersion = q.value(5).toString();
  r.board = q.value(6).toString();
  r.clockHz = q.value(7).toLongLong();
  r.threads = q.value(8).toInt();
  r.date = QDateTime::fromString(q.value(9).toString(), Qt::ISODate);
  r.medianMs = q.value(10).toDouble();
  r.unit = q.value(11).toString();
  r.layerCount = q.value(12).toInt();
  const QString tags = q.value(13).toString();
  if (!tags.isEmpty()) r.tags = tags.split(QLatin1Char('\n'));
  r.tags.sort();
  return r;
}

const char* kColumns =
    "SELECT r.id, r.kind, r.model, r.model_sha256, r.quantization, r.engine_version, r.board,"
    " r.clock_hz, r.threads, r.date, r.median_ms, r.unit, r.layer_count,"
    " (SELECT group_concat(tag, char(10)) FROM run_tags t WHERE t.run_id = r.id)";

}  // namespace

QList<RunRecord> RunHistory::list(const RunFilter& f) const {
  QList<RunRecord> out;
  if (!open_) return out;
  QString sql = QString::fromLatin1(kColumns) + QStringLiteral(" FROM runs r WHERE 1");
  QVariantList binds;
  if (!f.model.isEmpty()) {
    sql += QStringLiteral(" AND r.model LIKE ?");
    binds << QStringLiteral("%") + f.model + QStringLiteral("%");
  }
  if (!f.board.isEmpty()) {
    sql += QStringLiteral(" AND r.board = ?");
    binds << f.board;
  }
  if (!f.kind.isEmpty()) {
    sql += QStringLiteral(" AND r.kind = ?");
    binds << f.kind;
  }
  if (!f.tag.isEmpty()) {
    sql += QStringLiteral(
        " AND EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND "
        "t.tag = ?)");
    binds << f.tag;
  }
  if (!f.text.isEmpty()) {
    sql += QStringLiteral(
        " AND (r.model LIKE ?1 OR r.board LIKE ?1 OR r.kind LIKE ?1 OR EXISTS (SELECT 1 FROM "
        "run_tags t WHERE t.run_id = r.id AND t.tag LIKE ?1))");
    sql.replace(QStringLiteral("?1"), QStringLiteral("?"));
    for (int i = 0; i < 4; ++i) binds << QStringLiteral("%") + f.text + QStringLiteral("%");
  }
  sql += QStringLiteral(" ORDER BY r.id DESC");
  if (f.limit > 0) sql += QStringLiteral(" LIMIT %1").arg(f.limit);
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.prepare(sql);
  for (const QVariant& b : binds) q.addBindValue(b);
  if (!q.exec()) {
    error_ = QStringLiteral("cannot read the run history %1: %2").arg(path_, lastError(q));
    return out;
  }
  while (q.next()) out << recordFrom(q);
  return out;
}

bool RunHistory::get(qint64 id, RunRecord* out) const {
  if (!open_) return false;
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.prepare(QString::fromLatin1(kColumns) +
            QStringLiteral(", r.profile FROM runs r WHERE r.id = ?"));
  q.addBindValue(id);
  if (!q.exec() || !q.next()) {
    error_ = QStringLiteral("there is no run #%1 in %2 (autox runs list shows the ids)")
                 .arg(id)
                 .arg(path_);
    return false;
  }
  *out = recordFrom(q);
  out->profile = QJsonDocument::fromJson(q.value(14).toString().toUtf8()).object();
  return true;
}

bool RunHistory::addTags(qint64 id, const QStringList& tags) {
  RunRecord r;
  if (!get(id, &r)) return false;
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.prepare(QStringLiteral("INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)"));
  for (const QString& tag : tags) {
    const QString t = tag.trimmed();
    if (t.isEmpty()) continue;
    q.addBindValue(id);
    q.addBindValue(t);
    if (!q.exec()) {
      error_ = QStringLiteral("cannot tag run #%1: %2").arg(id).arg(lastError(q));
      return false;
    }
  }
  return true;
}

bool RunHistory::removeTags(qint64 id, const QStringList& tags) {
  RunRecord r;
  if (!get(id, &r)) return false;
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.prepare(QStringLiteral("DELETE FROM run_tags WHERE run_id = ? AND tag = ?"));
  for (const QString& tag : tags) {
    q.addBindValue(id);
    q.addBindValue(tag.trimmed());
    if (!q.exec()) {
      error_ = lastError(q);
      return false;
    }
  }
  return true;
}

bool RunHistory::remove(qint64 id) {
  RunRecord r;
  if (!get(id, &r)) return false;
  return exec(QStringLiteral("DELETE FROM run_tags WHERE run_id = %1").arg(id)) &&
         exec(QStringLiteral("DELETE FROM runs WHERE id = %1").arg(id));
}

QJsonObject RunHistory::exportJson(const QList<qint64>& ids) const {
  QList<qint64> which = ids;
  if (which.isEmpty())
    for (const RunRecord& r : list()) which.prepend(r.id);  // oldest first
  QJsonArray runs;
  for (qint64 id : which) {
    RunRecord r;
    if (!get(id, &r)) continue;
    runs.append(QJsonObject{{QStringLiteral("id"), r.id},
                            {QStringLiteral("tags"), QJsonArray::fromStringList(r.tags)},
                            {QStringLiteral("profile"), r.profile}});
  }
  return QJsonObject{{QStringLiteral("format"), QStringLiteral("autox-runs")},
                     {QStringLiteral("version"), 1},
                     {QStringLiteral("runs"), runs}};
}

int RunHistory::importJson(const QJsonObject& doc) {
  QJsonArray runs;
  if (doc.value(QStringLiteral("format")).toString() == QLatin1String("autox-runs")) {
    runs = doc.value(QStringLiteral("runs")).toArray();
  } else if (doc.value(QStringLiteral("kind")).isString()) {
    runs.append(QJsonObject{{QStringLiteral("profile"), doc}});  // a single profile document
  } else {
    error_ = QStringLiteral(
        "not a run export: expected {\"format\": \"autox-runs\", \"runs\": [...]} (autox runs "
        "export) or one profile document (autox bench --per-layer --json)");
    return -1;
  }
  int added = 0;
  for (const QJsonValue& v : runs) {
    const QJsonObject run = v.toObject();
    QStringList tags;
    for (const QJsonValue& t : run.value(QStringLiteral("tags")).toArray()) tags << t.toString();
    if (!add(run.value(QStringLiteral("profile")).toObject(), tags)) return -1;
    ++added;
  }
  return added;
}

QString describeRun(const RunRecord& r) {
  QString time = r.medianMs >= 0 ? QStringLiteral("%1 ms").arg(r.medianMs, 0, 'f', 3)
                                 : QStringLiteral("(%1)").arg(r.unit);
  QString s = QStringLiteral("#%1 %2 %3 %4 %5 thr %6")
                  .arg(r.id)
                  .arg(r.kind, QFileInfo(r.model).fileName(), r.board)
                  .arg(r.threads)
                  .arg(time);
  if (!r.tags.isEmpty()) s += QStringLiteral(" [%1]").arg(r.tags.join(QStringLiteral(", ")));
  return s;
}
