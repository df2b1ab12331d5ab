// autox runs list [--model S] [--board B] [--kind K] [--tag T] [--limit N] [--json]
// autox runs show ID [--json]          (--json: the stored profile document)
// autox runs tag ID TAG... [--remove]
// autox runs delete ID...
// autox runs export [ID...] [-o FILE]  (all runs when no ID)
// autox runs import FILE
//
// The run history (app/history/run_history.hpp): $AUTOX_DATA_DIR/runs.sqlite, else
// ~/.local/share/autox/runs.sqlite.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli_util.hpp"
#include "commands.hpp"

#ifdef AXE_HAVE_HISTORY
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "run_history.hpp"
#endif

namespace {

struct RunsArgs {
  std::string model, board, kind, tag, file;
  int limit = 0;
  bool as_json = false, remove = false;
  std::vector<long long> ids;
  long long id = 0;
  std::vector<std::string> tags;
};

#ifdef AXE_HAVE_HISTORY
std::string s(const QString& q) {
  return q.toStdString();
}

int openHistory(RunHistory* h) {
  if (!h->open()) return autox::fail(s(h->errorString()));
  if (!h->recoveryMessage().isEmpty())
    std::cerr << "autox: warning: " << s(h->recoveryMessage()) << "\n";
  return 0;
}

QJsonObject recordJson(const RunRecord& r) {
  return QJsonObject{
      {QStringLiteral("id"), r.id},
      {QStringLiteral("kind"), r.kind},
      {QStringLiteral("model"), r.model},
      {QStringLiteral("model_sha256"), r.modelSha256},
      {QStringLiteral("quantization"), r.quantization},
      {QStringLiteral("engine"), r.engineVersion},
      {QStringLiteral("board"), r.board},
      {QStringLiteral("clock_hz"), r.clockHz},
      {QStringLiteral("threads"), r.threads},
      {QStringLiteral("date"), r.date.toString(Qt::ISODate)},
      {QStringLiteral("median_ms"), r.medianMs >= 0 ? QJsonValue(r.medianMs) : QJsonValue()},
      {QStringLiteral("unit"), r.unit},
      {QStringLiteral("layers"), r.layerCount},
      {QStringLiteral("tags"), QJsonArray::fromStringList(r.tags)}};
}

int cmdList(const RunsArgs& a) {
  RunHistory h;
  if (int rc = openHistory(&h)) return rc;
  RunFilter f;
  f.model = QString::fromStdString(a.model);
  f.board = QString::fromStdString(a.board);
  f.kind = QString::fromStdString(a.kind);
  f.tag = QString::fromStdString(a.tag);
  f.limit = a.limit;
  const QList<RunRecord> runs = h.list(f);
  if (a.as_json) {
    QJsonArray arr;
    for (const RunRecord& r : runs) arr.append(recordJson(r));
    std::cout << QJsonDocument(arr).toJson().toStdString();
    return 0;
  }
  if (runs.isEmpty()) {
    std::cout << "no runs in " << s(h.path())
              << " (autox bench MODEL --per-layer and autox board profile store runs)\n";
    return 0;
  }
  std::cout << fmt::format("{:>5}  {:<19}  {:<13}  {:<28}  {:<16}  {:>3}  {:>12}  {}\n", "id",
                           "date", "kind", "model", "board", "thr", "median", "tags");
  for (const RunRecord& r : runs) {
    const std::string median =
        r.medianMs >= 0 ? fmt::format("{:.3f} ms", r.medianMs) : "(" + s(r.unit) + ")";
    std::cout << fmt::format("{:>5}  {:<19}  {:<13}  {:<28}  {:<16}  {:>3}  {:>12}  {}\n", r.id,
                             s(r.date.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))), s(r.kind),
                             s(QFileInfo(r.model).fileName().left(28)), s(r.board.left(16)),
                             r.threads, median, s(r.tags.join(QStringLiteral(","))));
  }
  return 0;
}

int cmdShow(const RunsArgs& a) {
  RunHistory h;
  if (int rc = openHistory(&h)) return rc;
  RunRecord r;
  if (!h.get(a.id, &r)) return autox::fail(s(h.errorString()));
  if (a.as_json) {
    std::cout << QJsonDocument(r.profile).toJson().toStdString();
    return 0;
  }
  std::cout << fmt::format(
      "run #{}  {}\nmodel         {}\nsha256        {}\nquantization  {}\nengine        {}\n"
      "board         {}{}\nthreads       {}\ndate          {}\ntags          {}\n",
      r.id, s(r.kind), s(r.model), s(r.modelSha256), s(r.quantization), s(r.engineVersion),
      s(r.board), r.clockHz ? fmt::format(" ({} Hz)", r.clockHz) : "", r.threads,
      s(r.date.toString(Qt::ISODate)), s(r.tags.join(QStringLiteral(", "))));
  if (r.medianMs >= 0) std::cout << fmt::format("median        {:.3f} ms\n", r.medianMs);
  const QJsonArray layers = r.profile.value(QStringLiteral("layers")).toArray();
  std::cout << fmt::format("layers        {} ({}; autox runs show {} --json for all figures)\n",
                           layers.size(), s(r.unit), r.id);
  return 0;
}

int cmdTag(const RunsArgs& a) {
  RunHistory h;
  if (int rc = openHistory(&h)) return rc;
  QStringList tags;
  for (const std::string& t : a.tags) tags << QString::fromStdString(t);
  const bool ok = a.remove ? h.removeTags(a.id, tags) : h.addTags(a.id, tags);
  if (!ok) return autox::fail(s(h.errorString()));
  RunRecord r;
  h.get(a.id, &r);
  std::cout << s(describeRun(r)) << "\n";
  return 0;
}

int cmdDelete(const RunsArgs& a) {
  RunHistory h;
  if (int rc = openHistory(&h)) return rc;
  for (long long id : a.ids)
    if (!h.remove(id)) return autox::fail(s(h.errorString()));
  std::cout << fmt::format("deleted {} run(s)\n", a.ids.size());
  return 0;
}

int cmdExport(const RunsArgs& a) {
  RunHistory h;
  if (int rc = openHistory(&h)) return rc;
  QList<qint64> ids;
  for (long long id : a.ids) {
    RunRecord r;
    if (!h.get(id, &r)) return autox::fail(s(h.errorString()));
    ids << id;
  }
  const QByteArray text = QJsonDocument(h.exportJson(ids)).toJson();
  if (a.file.empty()) {
    std::cout << text.toStdString();
    return 0;
  }
  QFile f(QString::fromStdString(a.file));
  if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
    return autox::fail("cannot write " + a.file + ": " + s(f.errorString()));
  std::cout << fmt::format("exported {} run(s) to {}\n",
                           h.exportJson(ids).value(QStringLiteral("runs")).toArray().size(),
                           a.file);
  return 0;
}

int cmdImport(const RunsArgs& a) {
  QFile f(QString::fromStdString(a.file));
  if (!f.open(QIODevice::ReadOnly))
    return autox::fail("cannot read " + a.file + ": " + s(f.errorString()));
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
  if (doc.isNull())
    return autox::fail(a.file + " is not JSON (" + s(err.errorString()) + " at byte " +
                       std::to_string(err.offset) + ")");
  RunHistory h;
  if (int rc = openHistory(&h)) return rc;
  const int n = h.importJson(doc.object());
  if (n < 0) return autox::fail(a.file + ": " + s(h.errorString()));
  std::cout << fmt::format("imported {} run(s) into {}\n", n, s(h.path()));
  return 0;
}
#endif

}  // namespace

CliCommand add_runs_command(CLI::App& app) {
  auto a = std::make_shared<RunsArgs>();
  auto* c = app.add_subcommand("runs", "The run history: list, show, tag, delete, export, import");
  c->require_subcommand(1);
  auto* list = c->add_subcommand("list", "Stored runs, newest first");
  list->add_option("--model", a->model, "Only models whose path contains this");
  list->add_option("--board", a->board, "Only this board ('host' for the desktop)");
  list->add_option("--kind", a->kind, "host-profile | bench | axm-profile | board-profile");
  list->add_option("--tag", a->tag, "Only runs with this tag");
  list->add_option("--limit", a->limit, "At most N runs")->check(CLI::Range(1, 1000000));
  list->add_flag("--json", a->as_json, "Machine-readable output");
  auto* show = c->add_subcommand("show", "One run's metadata (--json: its profile document)");
  show->add_option("id", a->id, "Run id (autox runs list)")->required();
  show->add_flag("--json", a->as_json, "The stored profile document");
  auto* tag = c->add_subcommand("tag", "Add (or --remove) tags");
  tag->add_option("id", a->id, "Run id")->required();
  tag->add_option("tags", a->tags, "Tags")->required();
  tag->add_flag("--remove", a->remove, "Remove the tags instead");
  auto* del = c->add_subcommand("delete", "Delete runs");
  del->add_option("ids", a->ids, "Run ids")->required();
  auto* exp = c->add_subcommand("export", "Runs as JSON (all when no id is given)");
  exp->add_option("ids", a->ids, "Run ids");
  exp->add_option("-o,--output", a->file, "Write to FILE instead of stdout");
  auto* imp = c->add_subcommand("import", "Add the runs of an export (or one profile JSON)");
  imp->add_option("file", a->file, "JSON file")->required();
  return {c, [=]() -> int {
#ifdef AXE_HAVE_HISTORY
            if (list->parsed()) return cmdList(*a);
            if (show->parsed()) return cmdShow(*a);
            if (tag->parsed()) return cmdTag(*a);
            if (del->parsed()) return cmdDelete(*a);
            if (exp->parsed()) return cmdExport(*a);
            if (imp->parsed()) return cmdImport(*a);
            return 1;
#else
            (void)list, (void)show, (void)tag, (void)del, (void)exp, (void)imp;
            return autox::fail("this autox was built without Qt SQL: no run history "
                               "(install qt6-base-dev and libqt6sql6-sqlite, rebuild)");
#endif
          }};
}
