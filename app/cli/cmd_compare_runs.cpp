// autox compare-runs RUN1 RUN2 [--json | --csv | --html] [-o FILE]
//
// RUN: a run id from the history (autox runs list) or a profile JSON file (autox bench
// --per-layer --json, autox board profile --json, autox runs show ID --json). Prints per-layer
// deltas, the biggest changes and per-op-type totals; --html writes a self-contained page with
// the charts as inline SVG and the comparison JSON.
#include <iostream>
#include <memory>

#include "cli_util.hpp"
#include "commands.hpp"

#ifdef AXE_HAVE_HISTORY
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "run_compare.hpp"
#include "run_history.hpp"
#endif

namespace {

struct CompareArgs {
  std::string a, b, output;
  bool as_json = false, as_csv = false, as_html = false;
};

#ifdef AXE_HAVE_HISTORY
// Loads RUN (an id or a file) into `profile`; `label` becomes "#7" or the file name.
bool loadRun(const std::string& run, RunHistory* history, QJsonObject* profile, QString* label,
             std::string* error) {
  const QString text = QString::fromStdString(run);
  bool isId = false;
  const qint64 id = text.toLongLong(&isId);
  if (isId && !QFileInfo::exists(text)) {
    if (!history->isOpen() && !history->open()) {
      *error = history->errorString().toStdString();
      return false;
    }
    RunRecord r;
    if (!history->get(id, &r)) {
      *error = history->errorString().toStdString();
      return false;
    }
    *profile = r.profile;
    *label = QStringLiteral("#%1").arg(id);
    return true;
  }
  QFile f(text);
  if (!f.open(QIODevice::ReadOnly)) {
    *error = run + " is neither a run id nor a readable profile JSON file (" +
             f.errorString().toStdString() + ")";
    return false;
  }
  QJsonParseError err{};
  QJsonObject doc = QJsonDocument::fromJson(f.readAll(), &err).object();
  if (doc.value(QStringLiteral("format")).toString() == QLatin1String("autox-runs")) {
    const QJsonArray runs = doc.value(QStringLiteral("runs")).toArray();
    if (runs.size() != 1) {
      *error = run + " is a run export with " + std::to_string(runs.size()) +
               " runs; compare needs one (autox runs export ID)";
      return false;
    }
    doc = runs[0].toObject().value(QStringLiteral("profile")).toObject();
  }
  if (!doc.value(QStringLiteral("layers")).isArray()) {
    *error = run +
             " is not a per-layer profile (no \"layers\" list): make one with autox bench "
             "MODEL --per-layer --json or autox board profile --json";
    return false;
  }
  *profile = doc;
  *label = QFileInfo(text).fileName();
  return true;
}
#endif

int runCompare(const CompareArgs& a) {
#ifdef AXE_HAVE_HISTORY
  RunHistory history;
  QJsonObject pa, pb;
  QString la, lb;
  std::string error;
  if (!loadRun(a.a, &history, &pa, &la, &error) || !loadRun(a.b, &history, &pb, &lb, &error))
    return autox::fail(error);
  if (pa.value(QStringLiteral("layers")).toArray().isEmpty() ||
      pb.value(QStringLiteral("layers")).toArray().isEmpty())
    return autox::fail(
        "a run without per-layer figures cannot be compared layer by layer: "
        "profile with autox bench MODEL --per-layer");
  const RunComparison c = compareProfiles(pa, pb, la, lb);
  QString out;
  if (a.as_json)
    out = QString::fromUtf8(QJsonDocument(comparisonJson(c)).toJson());
  else if (a.as_csv)
    out = comparisonCsv(c);
  else if (a.as_html)
    out = comparisonHtml(c);
  else
    out = comparisonText(c);
  if (a.output.empty()) {
    std::cout << out.toStdString();
    return 0;
  }
  QFile f(QString::fromStdString(a.output));
  const QByteArray bytes = out.toUtf8();
  if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
    return autox::fail("cannot write " + a.output + ": " + f.errorString().toStdString());
  std::cout << "wrote " << a.output << "\n";
  return 0;
#else
  (void)a;
  return autox::fail("this autox was built without Qt: no compare-runs (install qt6-base-dev)");
#endif
}

}  // namespace

CliCommand add_compare_runs_command(CLI::App& app) {
  auto a = std::make_shared<CompareArgs>();
  auto* c = app.add_subcommand("compare-runs", "Per-layer deltas of two runs (ids or JSON files)");
  c->add_option("run1", a->a, "Run id or profile JSON (A, the baseline)")->required();
  c->add_option("run2", a->b, "Run id or profile JSON (B)")->required();
  auto* j = c->add_flag("--json", a->as_json, "Comparison as JSON");
  auto* v = c->add_flag("--csv", a->as_csv, "Per-layer deltas as CSV");
  auto* h = c->add_flag("--html", a->as_html, "HTML report with SVG charts and the JSON");
  j->excludes(v)->excludes(h);
  v->excludes(h);
  c->add_option("-o,--output", a->output, "Write to FILE instead of stdout");
  return {c, [a] { return runCompare(*a); }};
}
