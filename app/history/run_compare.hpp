// Comparing two profile documents layer by layer: deltas, the biggest changes, per-op-type
// totals, and the reports (text, JSON, CSV, HTML with inline SVG charts) autox compare-runs and
// the studio's Profiling page write.
//
//   RunComparison c = compareProfiles(runA.profile, runB.profile, "#3", "#7");
//   QString html = comparisonHtml(c);
//
// Layers are matched by name; when no name matches (a board profile without layer names) and
// both runs have as many layers, by position. A run's per-layer value is its median_ms when it
// has one (host, or a board counting nanoseconds), else its cycles. When the two runs' units
// differ (host ms vs QEMU cycles) deltas are in percentage points of each run's total, since the
// absolute figures are not comparable; `unit` says which.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

struct LayerDelta {
  QString name;
  QString op;
  int indexA = -1, indexB = -1;  // position in each run's layers; -1 when missing there
  double a = 0, b = 0;           // values in the comparison unit
  double delta = 0;              // b - a
  double ratio = 0;              // b / a (0 when a is 0)
};

struct OpTotal {
  QString op;
  double a = 0, b = 0;
  int layers = 0;
};

struct RunComparison {
  QString labelA, labelB;
  QString describeA, describeB;  // model, board, threads, date
  QString unit;                  // "ms", "ns", "cycles" or "%" (share of total)
  bool sharesOnly = false;       // units differ: values are shares of each run's total
  double totalA = 0, totalB = 0;
  double wallA = -1, wallB = -1;  // end-to-end median_ms when known
  QList<LayerDelta> layers;       // A's order, then layers only B has
  QList<OpTotal> ops;             // by B + A total, largest first
  QList<int> biggest;             // indices into layers, largest |delta| first (at most 10)
  int unmatched = 0;              // layers only one run has
};

// Value of one layer entry of a profile: median_ms, else cycles; -1 when neither.
double layerValue(const QJsonObject& layer, QString* unit);
// "ms" for host profiles, else the board's unit.
QString profileUnit(const QJsonObject& profile);

RunComparison compareProfiles(const QJsonObject& a, const QJsonObject& b, const QString& labelA,
                              const QString& labelB);
QString comparisonText(const RunComparison& c);
QJsonObject comparisonJson(const RunComparison& c);
QString comparisonCsv(const RunComparison& c);
// A self-contained HTML page: summary, per-layer grouped bars and per-op-type bars as inline SVG,
// the delta table, and the comparison JSON in a <script type="application/json"> block.
QString comparisonHtml(const RunComparison& c);
// The SVG charts on their own (also used by the studio's report export).
QString layerBarsSvg(const RunComparison& c, int maxLayers = 40);
QString opTotalsSvg(const RunComparison& c);
