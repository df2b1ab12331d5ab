#include "summary_page.hpp"

#include <QCoreApplication>
#include <QEvent>
#include <QFileInfo>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

SummaryPage::SummaryPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  text_ = new QTextBrowser(this);
  text_->setOpenLinks(false);
  layout->addWidget(text_);
  setDocument(nullptr);
}

void SummaryPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) setDocument(document_);
  QWidget::changeEvent(event);
}

QString SummaryPage::html() const {
  return text_->toHtml();
}

void SummaryPage::setDocument(const DocumentPtr& doc) {
  document_ = doc;
  if (!doc) {
    text_->setHtml(tr("<p>No model open.</p>"));
    return;
  }
  const axe::ModelStats& st = doc->stats;
  auto row = [](const QString& k, const QString& v) {
    return QStringLiteral("<tr><td style='padding-right:18px'><b>%1</b></td><td>%2</td></tr>")
        .arg(k, v.toHtmlEscaped());
  };
  QString h;
  h += QStringLiteral("<h2>%1</h2>").arg(QFileInfo(doc->path).fileName().toHtmlEscaped());
  h += QStringLiteral("<table>");
  h += row(tr("File"), doc->path);
  if (doc->isAxm()) {
    const AxmFacts& a = doc->axm;
    h += row(tr("Format"), tr(".axm %1.%2 (compiled for the Auto-X runtime), %3")
                               .arg(a.formatMajor)
                               .arg(a.formatMinor)
                               .arg(formatBytes(a.fileBytes)));
    if (!a.modelName.isEmpty()) h += row(tr("Model name"), a.modelName);
    h += row(tr("Converted from"), a.source.isEmpty() ? tr("(not recorded)") : a.source);
    h += row(tr("Producer"), a.producer.isEmpty() ? tr("(not recorded)") : a.producer);
    h += row(tr("Pre-processing"), a.preprocess.isEmpty() ? tr("(not recorded)") : a.preprocess);
    if (!a.labels.isEmpty())
      h += row(tr("Labels"), tr("%n label(s): %1", nullptr, static_cast<int>(a.labels.size()))
                                 .arg(QStringList(a.labels.mid(0, 8)).join(QStringLiteral(", ")) +
                                      (a.labels.size() > 8 ? QStringLiteral(" …") : QString())));
    h += row(tr("Operators"), formatCount(static_cast<int64_t>(doc->graph().nodes.size())));
  } else {
    h += row(tr("Producer"), QString::fromStdString(doc->model->producer()));
    h += row(tr("IR version"), QString::number(doc->model->ir_version()));
    QStringList opsets;
    for (const auto& [domain, version] : doc->graph().opsets)
      opsets << QStringLiteral("%1 %2")
                    .arg(domain.empty() ? QStringLiteral("ai.onnx")
                                        : QString::fromStdString(domain))
                    .arg(version);
    h += row(tr("Opsets"), opsets.join(QStringLiteral(", ")));
    h += row(tr("Nodes"), formatCount(static_cast<int64_t>(doc->graph().nodes.size())));
  }
  h += row(tr("Parameters"), formatCount(st.params));
  h += row(tr("MACs"),
           formatCount(st.macs) + (st.macs_complete ? QString() : tr(" (some shapes unknown)")));
  h += row(tr("Weight bytes"), formatBytes(st.weight_bytes));
  h += row(tr("Activation bytes (sum)"), formatBytes(doc->activationBytesTotal));
  if (doc->isAxm()) {
    h += row(tr("Arena (as stored in the file)"), formatBytes(doc->axm.arenaBytes));
    h += row(tr("Arena lower bound"),
             formatBytes(static_cast<int64_t>(doc->plan.lower_bound_bytes)));
    h += row(tr("Runtime arena (axe_model_load)"), formatBytes(doc->axm.runtimeArena));
  } else if (doc->planError.isEmpty()) {
    h += row(tr("Arena (%1)").arg(QString::fromStdString(doc->plan.algorithm)),
             formatBytes(static_cast<int64_t>(doc->plan.peak_bytes)));
    h += row(tr("Arena lower bound"),
             formatBytes(static_cast<int64_t>(doc->plan.lower_bound_bytes)));
  } else {
    h += row(tr("Arena"), doc->planError);
  }
  if (!doc->isAxm())
    h += row(tr("Passes"), doc->optimized
                               ? QString::fromStdString(doc->model->pass_stats().summary())
                               : tr("off (the graph as the file has it)"));
  h += row(tr("Load / analyse / plan / layout"), QStringLiteral("%1 / %2 / %3 / %4 ms")
                                                     .arg(doc->loadMs, 0, 'f', 1)
                                                     .arg(doc->statsMs, 0, 'f', 1)
                                                     .arg(doc->planMs, 0, 'f', 1)
                                                     .arg(doc->layout.layoutMs, 0, 'f', 1));
  h += QStringLiteral("</table>");

  auto ioTable = [&](const QString& title, const std::vector<int>& values) {
    QString t = QStringLiteral("<h3>%1</h3><table>").arg(title);
    for (int v : values) t += row(doc->valueName(v), doc->valueTypeString(v));
    return t + QStringLiteral("</table>");
  };
  h += ioTable(tr("Inputs"), doc->graph().inputs);
  h += ioTable(tr("Outputs"), doc->graph().outputs);

  std::vector<std::pair<std::string, int>> ops(st.op_histogram.begin(), st.op_histogram.end());
  std::sort(ops.begin(), ops.end(), [](const auto& a, const auto& b) {
    return a.second > b.second || (a.second == b.second && a.first < b.first);
  });
  h += QStringLiteral("<h3>%1</h3><table>").arg(tr("Ops"));
  for (const auto& [op, count] : ops) h += row(QString::fromStdString(op), QString::number(count));
  h += QStringLiteral("</table>");
  if (!doc->missing.isEmpty()) {
    h += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Not in this file"));
    for (const QString& m : doc->missing)
      h += QStringLiteral("<li>%1</li>")
               .arg(QCoreApplication::translate("AxmDocument", m.toUtf8().constData())
                        .toHtmlEscaped());
    h += QStringLiteral("</ul>");
  }
  text_->setHtml(h);
}
