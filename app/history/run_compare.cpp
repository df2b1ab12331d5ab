#include "run_compare.hpp"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtMath>
#include <algorithm>

namespace {

QString str(const QJsonObject& o, const char* key) {
  return o.value(QLatin1String(key)).toString();
}

QString describe(const QJsonObject& p) {
  QString s = QStringLiteral("%1 on %2, %3 thread(s)")
                  .arg(QFileInfo(str(p, "model")).fileName(), str(p, "board"))
                  .arg(p.value(QStringLiteral("threads")).toInt());
  if (!str(p, "quantization").isEmpty()) s += QStringLiteral(", ") + str(p, "quantization");
  if (!str(p, "date").isEmpty()) s += QStringLiteral(", ") + str(p, "date");
  return s;
}

QString fmtValue(double v, const QString& unit) {
  if (unit == QLatin1String("%")) return QString::number(v, 'f', 2) + QStringLiteral(" %");
  if (unit == QLatin1String("ms")) return QString::number(v, 'f', 3) + QStringLiteral(" ms");
  return QString::number(v, 'f', 0) + QLatin1Char(' ') + unit;
}

QString esc(const QString& s) {
  return s.toHtmlEscaped();
}

}  // namespace

QString profileUnit(const QJsonObject& p) {
  const QString unit = str(p, "unit");
  return unit.isEmpty() ? QStringLiteral("ms") : unit;
}

double layerValue(const QJsonObject& l, QString* unit) {
  if (l.contains(QStringLiteral("median_ms")) && !l.value(QStringLiteral("median_ms")).isNull()) {
    if (unit) *unit = QStringLiteral("ms");
    return l.value(QStringLiteral("median_ms")).toDouble();
  }
  if (l.contains(QStringLiteral("cycles"))) {
    if (unit) *unit = QStringLiteral("cycles");
    return l.value(QStringLiteral("cycles")).toDouble();
  }
  return -1;
}

RunComparison compareProfiles(const QJsonObject& a, const QJsonObject& b, const QString& labelA,
                              const QString& labelB) {
  RunComparison c;
  c.labelA = labelA;
  c.labelB = labelB;
  c.describeA = describe(a);
  c.describeB = describe(b);
  const QJsonArray la = a.value(QStringLiteral("layers")).toArray();
  const QJsonArray lb = b.value(QStringLiteral("layers")).toArray();
  QString unitA, unitB;
  QList<double> va, vb;
  for (const QJsonValue& v : la) va << layerValue(v.toObject(), &unitA);
  for (const QJsonValue& v : lb) vb << layerValue(v.toObject(), &unitB);
  if (unitA.isEmpty()) unitA = unitB;
  if (unitB.isEmpty()) unitB = unitA;
  c.sharesOnly = unitA != unitB;
  c.unit = c.sharesOnly ? QStringLiteral("%") : unitA;
  double sumA = 0, sumB = 0;
  for (double v : va) sumA += std::max(0.0, v);
  for (double v : vb) sumB += std::max(0.0, v);
  auto scaled = [&](double v, double sum) {
    return c.sharesOnly ? (sum > 0 ? 100.0 * std::max(0.0, v) / sum : 0.0) : std::max(0.0, v);
  };
  c.totalA = c.sharesOnly ? 100 : sumA;
  c.totalB = c.sharesOnly ? 100 : sumB;
  if (a.value(QStringLiteral("median_ms")).isDouble())
    c.wallA = a.value(QStringLiteral("median_ms")).toDouble();
  if (b.value(QStringLiteral("median_ms")).isDouble())
    c.wallB = b.value(QStringLiteral("median_ms")).toDouble();

  QHash<QString, int> byNameB;
  for (int i = 0; i < lb.size(); ++i)
    byNameB.insert(lb[i].toObject().value(QStringLiteral("name")).toString(), i);
  int nameMatches = 0;
  for (const QJsonValue& v : la)
    if (byNameB.contains(v.toObject().value(QStringLiteral("name")).toString())) ++nameMatches;
  const bool byPosition = nameMatches == 0 && la.size() == lb.size();
  QSet<int> usedB;
  for (int i = 0; i < la.size(); ++i) {
    const QJsonObject l = la[i].toObject();
    LayerDelta d;
    d.name = l.value(QStringLiteral("name")).toString();
    d.op = l.value(QStringLiteral("op")).toString();
    d.indexA = i;
    d.a = scaled(va[i], sumA);
    const int j = byPosition ? i : byNameB.value(d.name, -1);
    if (j >= 0 && !usedB.contains(j)) {
      d.indexB = j;
      usedB.insert(j);
      d.b = scaled(vb[j], sumB);
      if (d.op.isEmpty()) d.op = lb[j].toObject().value(QStringLiteral("op")).toString();
    }
    c.layers << d;
  }
  for (int j = 0; j < lb.size(); ++j) {
    if (usedB.contains(j)) continue;
    const QJsonObject l = lb[j].toObject();
    LayerDelta d;
    d.name = l.value(QStringLiteral("name")).toString();
    d.op = l.value(QStringLiteral("op")).toString();
    d.indexB = j;
    d.b = scaled(vb[j], sumB);
    c.layers << d;
  }
  QHash<QString, int> opIndex;
  for (LayerDelta& d : c.layers) {
    d.delta = d.b - d.a;
    d.ratio = d.a > 0 ? d.b / d.a : 0;
    if (d.indexA < 0 || d.indexB < 0) ++c.unmatched;
    const QString op = d.op.isEmpty() ? QStringLiteral("(unknown)") : d.op;
    if (!opIndex.contains(op)) {
      opIndex.insert(op, static_cast<int>(c.ops.size()));
      c.ops << OpTotal{op, 0, 0, 0};
    }
    OpTotal& t = c.ops[opIndex.value(op)];
    t.a += d.a;
    t.b += d.b;
    ++t.layers;
  }
  std::stable_sort(c.ops.begin(), c.ops.end(),
                   [](const OpTotal& x, const OpTotal& y) { return x.a + x.b > y.a + y.b; });
  QList<int> order;
  for (int i = 0; i < c.layers.size(); ++i) order << i;
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
    return std::abs(c.layers[x].delta) > std::abs(c.layers[y].delta);
  });
  c.biggest = order.mid(0, 10);
  return c;
}

QString comparisonText(const RunComparison& c) {
  QString s;
  s += QStringLiteral("A %1: %2\n").arg(c.labelA, c.describeA);
  s += QStringLiteral("B %1: %2\n").arg(c.labelB, c.describeB);
  if (c.sharesOnly)
    s += QStringLiteral(
        "The runs count in different units: figures are each layer's share of its run's total "
        "and deltas are percentage points.\n");
  s += QStringLiteral("sum of layer medians: A %1, B %2")
           .arg(fmtValue(c.totalA, c.unit), fmtValue(c.totalB, c.unit));
  if (!c.sharesOnly && c.totalA > 0)
    s += QStringLiteral(" (B/A %1x)").arg(c.totalB / c.totalA, 0, 'f', 3);
  if (c.wallA >= 0 && c.wallB >= 0)
    s += QStringLiteral("; end-to-end median A %1 ms, B %2 ms")
             .arg(c.wallA, 0, 'f', 3)
             .arg(c.wallB, 0, 'f', 3);
  s += QStringLiteral("\n%1 layers, %2 only in one run\n\nbiggest changes:\n")
           .arg(c.layers.size())
           .arg(c.unmatched);
  for (int i : c.biggest) {
    const LayerDelta& d = c.layers[i];
    s += QStringLiteral("  %1 %2  A %3  B %4  delta %5%6\n")
             .arg(d.name.left(40), -40)
             .arg(d.op, -16)
             .arg(fmtValue(d.a, c.unit), 14)
             .arg(fmtValue(d.b, c.unit), 14)
             .arg(fmtValue(d.delta, c.unit), 14)
             .arg(d.a > 0 && !c.sharesOnly ? QStringLiteral("  (%1x)").arg(d.ratio, 0, 'f', 2)
                                           : QString());
  }
  s += QStringLiteral("\nper op type:\n");
  for (const OpTotal& t : c.ops)
    s += QStringLiteral("  %1 x%2  A %3  B %4  delta %5\n")
             .arg(t.op, -20)
             .arg(t.layers, -4)
             .arg(fmtValue(t.a, c.unit), 14)
             .arg(fmtValue(t.b, c.unit), 14)
             .arg(fmtValue(t.b - t.a, c.unit), 14);
  return s;
}

QJsonObject comparisonJson(const RunComparison& c) {
  QJsonArray layers, ops, biggest;
  for (const LayerDelta& d : c.layers)
    layers.append(QJsonObject{{QStringLiteral("name"), d.name},
                              {QStringLiteral("op"), d.op},
                              {QStringLiteral("index_a"), d.indexA},
                              {QStringLiteral("index_b"), d.indexB},
                              {QStringLiteral("a"), d.a},
                              {QStringLiteral("b"), d.b},
                              {QStringLiteral("delta"), d.delta},
                              {QStringLiteral("ratio"), d.ratio}});
  for (const OpTotal& t : c.ops)
    ops.append(QJsonObject{{QStringLiteral("op"), t.op},
                           {QStringLiteral("layers"), t.layers},
                           {QStringLiteral("a"), t.a},
                           {QStringLiteral("b"), t.b},
                           {QStringLiteral("delta"), t.b - t.a}});
  for (int i : c.biggest) biggest.append(c.layers[i].name);
  QJsonObject j{{QStringLiteral("a"), c.labelA},
                {QStringLiteral("b"), c.labelB},
                {QStringLiteral("a_run"), c.describeA},
                {QStringLiteral("b_run"), c.describeB},
                {QStringLiteral("unit"), c.unit},
                {QStringLiteral("shares_only"), c.sharesOnly},
                {QStringLiteral("total_a"), c.totalA},
                {QStringLiteral("total_b"), c.totalB},
                {QStringLiteral("unmatched_layers"), c.unmatched},
                {QStringLiteral("layers"), layers},
                {QStringLiteral("by_op"), ops},
                {QStringLiteral("biggest_changes"), biggest}};
  if (c.wallA >= 0) j.insert(QStringLiteral("median_ms_a"), c.wallA);
  if (c.wallB >= 0) j.insert(QStringLiteral("median_ms_b"), c.wallB);
  return j;
}

QString comparisonCsv(const RunComparison& c) {
  auto quote = [](QString s) {
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')))
      s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
  };
  QString s = QStringLiteral("name,op,index_a,index_b,a_%1,b_%1,delta_%1,ratio\n")
                  .arg(c.sharesOnly ? QStringLiteral("share_pct") : c.unit);
  for (const LayerDelta& d : c.layers)
    s += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
             .arg(quote(d.name), quote(d.op))
             .arg(d.indexA)
             .arg(d.indexB)
             .arg(d.a, 0, 'g', 8)
             .arg(d.b, 0, 'g', 8)
             .arg(d.delta, 0, 'g', 8)
             .arg(d.ratio, 0, 'g', 6);
  return s;
}

namespace {
const char* kColorA = "#4e79a7";
const char* kColorB = "#f28e2b";

QString legend(const RunComparison& c, int x, int y) {
  return QStringLiteral(
             "<rect x='%1' y='%2' width='12' height='12' fill='%3'/><text x='%4' y='%5'>A "
             "%6</text><rect x='%7' y='%2' width='12' height='12' fill='%8'/><text x='%9' "
             "y='%5'>B %10</text>")
      .arg(x)
      .arg(y)
      .arg(QLatin1String(kColorA))
      .arg(x + 16)
      .arg(y + 11)
      .arg(esc(c.labelA))
      .arg(x + 200)
      .arg(QLatin1String(kColorB))
      .arg(x + 216)
      .arg(esc(c.labelB));
}

// Horizontal grouped bars: rows of (label, a, b).
QString groupedBars(const QString& title, const QList<std::tuple<QString, double, double>>& rows,
                    const RunComparison& c) {
  const int labelWidth = 260, barWidth = 520, rowHeight = 22, top = 46;
  const int width = labelWidth + barWidth + 110;
  const int height = top + rowHeight * static_cast<int>(rows.size()) + 30;
  double maxValue = 0;
  for (const auto& [label, a, b] : rows) maxValue = std::max({maxValue, a, b});
  if (maxValue <= 0) maxValue = 1;
  QString s = QStringLiteral(
                  "<svg xmlns='http://www.w3.org/2000/svg' width='%1' height='%2' "
                  "font-family='sans-serif' font-size='11'><rect width='100%' height='100%' "
                  "fill='white'/><text x='8' y='18' font-size='14' font-weight='bold'>%3</text>")
                  .arg(width)
                  .arg(height)
                  .arg(esc(title));
  s += legend(c, 8, 26);
  int y = top;
  for (const auto& [label, a, b] : rows) {
    const double wa = barWidth * a / maxValue, wb = barWidth * b / maxValue;
    s += QStringLiteral("<text x='%1' y='%2' text-anchor='end'>%3</text>")
             .arg(labelWidth - 6)
             .arg(y + 14)
             .arg(esc(label.left(40)));
    s += QStringLiteral(
             "<rect x='%1' y='%2' width='%3' height='9' fill='%4'><title>A %5</title></rect>")
             .arg(labelWidth)
             .arg(y + 2)
             .arg(wa, 0, 'f', 1)
             .arg(QLatin1String(kColorA))
             .arg(fmtValue(a, c.unit));
    s += QStringLiteral(
             "<rect x='%1' y='%2' width='%3' height='9' fill='%4'><title>B %5</title></rect>")
             .arg(labelWidth)
             .arg(y + 11)
             .arg(wb, 0, 'f', 1)
             .arg(QLatin1String(kColorB))
             .arg(fmtValue(b, c.unit));
    s += QStringLiteral("<text x='%1' y='%2' fill='#555'>%3</text>")
             .arg(labelWidth + std::max(wa, wb) + 4, 0, 'f', 1)
             .arg(y + 15)
             .arg(esc(fmtValue(b - a, c.unit)).prepend(b >= a ? QStringLiteral("+") : QString()));
    y += rowHeight;
  }
  s += QStringLiteral("<line x1='%1' y1='%2' x2='%1' y2='%3' stroke='#999'/>")
           .arg(labelWidth)
           .arg(top)
           .arg(y);
  s += QStringLiteral(
           "<text x='%1' y='%2' fill='#555'>0</text><text x='%3' y='%2' "
           "text-anchor='end' fill='#555'>%4</text></svg>")
           .arg(labelWidth)
           .arg(y + 16)
           .arg(labelWidth + barWidth)
           .arg(esc(fmtValue(maxValue, c.unit)));
  return s;
}
}  // namespace

QString layerBarsSvg(const RunComparison& c, int maxLayers) {
  QList<int> order;
  for (int i = 0; i < c.layers.size(); ++i) order << i;
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
    return std::max(c.layers[x].a, c.layers[x].b) > std::max(c.layers[y].a, c.layers[y].b);
  });
  const bool cut = order.size() > maxLayers;
  order = order.mid(0, maxLayers);
  std::sort(order.begin(), order.end());  // back to graph order
  QList<std::tuple<QString, double, double>> rows;
  for (int i : order) {
    const LayerDelta& d = c.layers[i];
    rows << std::make_tuple(QStringLiteral("%1 (%2)").arg(d.name, d.op), d.a, d.b);
  }
  const QString title = cut ? QStringLiteral("Per layer (the %1 largest of %2, graph order), %3")
                                  .arg(maxLayers)
                                  .arg(c.layers.size())
                                  .arg(c.sharesOnly ? QStringLiteral("share of each run's total")
                                                    : QStringLiteral("median ") + c.unit)
                            : QStringLiteral("Per layer, %1")
                                  .arg(c.sharesOnly ? QStringLiteral("share of each run's total")
                                                    : QStringLiteral("median ") + c.unit);
  return groupedBars(title, rows, c);
}

QString opTotalsSvg(const RunComparison& c) {
  QList<std::tuple<QString, double, double>> rows;
  for (const OpTotal& t : c.ops)
    rows << std::make_tuple(QStringLiteral("%1 x%2").arg(t.op).arg(t.layers), t.a, t.b);
  return groupedBars(
      QStringLiteral("Per op type, total %1").arg(c.sharesOnly ? QStringLiteral("share") : c.unit),
      rows, c);
}

QString comparisonHtml(const RunComparison& c) {
  QString h = QStringLiteral(
      "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Auto-X run comparison</title>"
      "<style>body{font-family:sans-serif;margin:16px;color:#222}table{border-collapse:collapse;"
      "font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
      "td:first-child,td:nth-child(2){text-align:left}.up{color:#b00}.down{color:#070}"
      "</style></head><body>\n");
  h += QStringLiteral("<h2>Run comparison: %1 vs %2</h2>\n<p>A %1: %3<br>B %2: %4</p>\n")
           .arg(esc(c.labelA), esc(c.labelB), esc(c.describeA), esc(c.describeB));
  if (c.sharesOnly)
    h += QStringLiteral(
        "<p><b>The runs count in different units</b> (e.g. host milliseconds vs board cycles): "
        "every figure is the layer's share of its own run's total; deltas are percentage "
        "points.</p>\n");
  h += QStringLiteral("<p>Sum of layer medians A %1, B %2")
           .arg(esc(fmtValue(c.totalA, c.unit)), esc(fmtValue(c.totalB, c.unit)));
  if (c.wallA >= 0 && c.wallB >= 0)
    h += QStringLiteral("; end-to-end median A %1 ms, B %2 ms")
             .arg(c.wallA, 0, 'f', 3)
             .arg(c.wallB, 0, 'f', 3);
  h += QStringLiteral("; %1 layers, %2 only in one run.</p>\n")
           .arg(c.layers.size())
           .arg(c.unmatched);
  h += QStringLiteral("<div>%1</div>\n<div>%2</div>\n").arg(layerBarsSvg(c), opTotalsSvg(c));
  h += QStringLiteral(
      "<h3>Biggest changes</h3>\n<table><tr><th>layer</th><th>op</th><th>A</th>"
      "<th>B</th><th>delta</th><th>B/A</th></tr>\n");
  for (int i : c.biggest) {
    const LayerDelta& d = c.layers[i];
    h += QStringLiteral(
             "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td class='%5'>%6</td>"
             "<td>%7</td></tr>\n")
             .arg(esc(d.name), esc(d.op), esc(fmtValue(d.a, c.unit)), esc(fmtValue(d.b, c.unit)),
                  d.delta > 0 ? QStringLiteral("up") : QStringLiteral("down"),
                  esc(fmtValue(d.delta, c.unit)),
                  d.a > 0 && !c.sharesOnly ? QString::number(d.ratio, 'f', 2) : QString());
  }
  h += QStringLiteral(
      "</table>\n<h3>All layers</h3>\n<table><tr><th>layer</th><th>op</th>"
      "<th>A</th><th>B</th><th>delta</th></tr>\n");
  for (const LayerDelta& d : c.layers)
    h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>\n")
             .arg(esc(d.name), esc(d.op),
                  d.indexA >= 0 ? esc(fmtValue(d.a, c.unit)) : QStringLiteral("—"),
                  d.indexB >= 0 ? esc(fmtValue(d.b, c.unit)) : QStringLiteral("—"),
                  esc(fmtValue(d.delta, c.unit)));
  h += QStringLiteral("</table>\n<script type='application/json' id='comparison'>\n");
  QString json =
      QString::fromUtf8(QJsonDocument(comparisonJson(c)).toJson(QJsonDocument::Indented));
  json.replace(QStringLiteral("</"), QStringLiteral("<\\/"));
  h += json;
  h += QStringLiteral("</script>\n</body></html>\n");
  return h;
}
