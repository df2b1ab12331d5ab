#include "node_inspector.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "histogram_widget.hpp"
#include "retranslator.hpp"

namespace {

constexpr int kValueRole = Qt::UserRole + 1;

QString attributeText(const axe::Attribute& a) {
  using T = axe::Attribute::Type;
  auto join = [](const auto& list, auto fmt) {
    QStringList parts;
    for (const auto& x : list) parts << fmt(x);
    if (parts.size() > 16) parts = parts.mid(0, 16) << QStringLiteral("…");
    return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
  };
  switch (a.type) {
    case T::kFloat:
      return QString::number(a.f, 'g', 6);
    case T::kInt:
      return QString::number(a.i);
    case T::kString:
      return QString::fromStdString(a.s);
    case T::kFloats:
      return join(a.floats, [](float v) { return QString::number(v, 'g', 6); });
    case T::kInts:
      return join(a.ints, [](int64_t v) { return QString::number(v); });
    case T::kStrings:
      return join(a.strings, [](const std::string& v) { return QString::fromStdString(v); });
    case T::kTensor:
      return QStringLiteral("tensor %1 %2")
          .arg(QString::fromLatin1(axe::dtype_name(a.t.dtype())),
               QString::fromStdString(axe::shape_string(a.t.shape())));
    case T::kGraph:
      return NodeInspector::tr("subgraph (%n node(s))", nullptr,
                               a.g ? static_cast<int>(a.g->nodes.size()) : 0);
    case T::kGraphs:
      return NodeInspector::tr("%n subgraph(s)", nullptr, static_cast<int>(a.graphs.size()));
    case T::kTensors:
      return NodeInspector::tr("%n tensor(s)", nullptr, static_cast<int>(a.tensors.size()));
    default:
      return QStringLiteral("?");
  }
}

}  // namespace

NodeInspector::NodeInspector(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  title_ = new QLabel(this);
  title_->setWordWrap(true);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  tree_ = new QTreeWidget(this);
  tree_->setColumnCount(2);
  tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  tree_->setRootIsDecorated(true);
  weightTitle_ = new QLabel(this);
  weightTitle_->setWordWrap(true);
  weightStats_ = new QLabel(this);
  weightStats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  histogram_ = new HistogramWidget(this);
  layout->addWidget(title_);
  layout->addWidget(tree_, 1);
  layout->addWidget(weightTitle_);
  layout->addWidget(weightStats_);
  layout->addWidget(histogram_);
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item && item->data(0, kValueRole).isValid()) showWeights(item->data(0, kValueRole).toInt());
  });
  auto* texts = new Retranslator(this);
  texts->bind([this] {
    tree_->setHeaderLabels({tr("Property"), tr("Value")});
    showNode(shownNode_);
  });
}

void NodeInspector::setDocument(const DocumentPtr& document) {
  document_ = document;
  showNode(-1);
}

void NodeInspector::showNode(int viewNode) {
  shownNode_ = viewNode;
  tree_->clear();
  weightTitle_->clear();
  weightStats_->clear();
  histogram_->setHistogram({}, 0, 0);
  histogram_->setVisible(false);
  if (!document_ || viewNode < 0 || static_cast<size_t>(viewNode) >= document_->viewNodes.size()) {
    title_->setText(tr("Select a node in the graph or the layer table."));
    return;
  }
  const ViewNode& vn = document_->viewNodes[static_cast<size_t>(viewNode)];
  const axe::Graph& g = document_->graph();
  auto section = [this](const QString& name) {
    auto* item = new QTreeWidgetItem(tree_, {name});
    QFont f = item->font(0);
    f.setBold(true);
    item->setFont(0, f);
    item->setExpanded(true);
    return item;
  };
  auto tensorRow = [this](QTreeWidgetItem* parent, int value, const QString& role) {
    QString text = document_->valueTypeString(value);
    const int64_t bytes = document_->valueBytes(value);
    if (bytes >= 0) text += QStringLiteral("  (%1)").arg(formatBytes(bytes));
    const axe::Value& v = document_->graph().values[static_cast<size_t>(value)];
    if (v.constant) text += tr("  weights");
    auto* item = new QTreeWidgetItem(
        parent, {role + QStringLiteral(": ") + document_->valueName(value), text});
    item->setToolTip(0, document_->valueName(value));
    if (v.constant) item->setData(0, kValueRole, value);
    return item;
  };
  if (vn.kind != ViewNode::Kind::Op) {
    title_->setText(
        (vn.kind == ViewNode::Kind::Input ? tr("Graph input %1") : tr("Graph output %1"))
            .arg(vn.name));
    tensorRow(section(tr("Tensor")), vn.index, tr("value"));
    return;
  }
  const axe::Node& node = g.nodes[static_cast<size_t>(vn.index)];
  const LayerFigures& f = document_->layers[static_cast<size_t>(vn.index)];
  title_->setText(
      QStringLiteral("<b>%1</b> &nbsp; %2").arg(vn.title.toHtmlEscaped(), vn.name.toHtmlEscaped()));
  QTreeWidgetItem* props = section(tr("Node"));
  new QTreeWidgetItem(
      props,
      {tr("Op"), QString::fromStdString(node.domain.empty() ? node.op_type
                                                            : node.domain + "." + node.op_type)});
  if (!document_->isAxm())  // an .axm keeps no opsets
    new QTreeWidgetItem(props, {tr("Opset"), QString::number(node.opset)});
  new QTreeWidgetItem(props, {tr("Family"), opFamilyName(vn.family)});
  new QTreeWidgetItem(props, {tr("Params"), formatCount(f.params)});
  new QTreeWidgetItem(props, {tr("MACs"), formatCount(f.macs)});
  new QTreeWidgetItem(props, {tr("Weight bytes"), formatBytes(f.weightBytes)});
  new QTreeWidgetItem(props, {tr("Activation bytes"), formatBytes(f.activationBytes)});
  if (!node.attrs.empty()) {
    QTreeWidgetItem* attrs = section(tr("Attributes"));
    for (const auto& [key, a] : node.attrs)
      new QTreeWidgetItem(attrs, {QString::fromStdString(key), attributeText(a)});
  }
  QTreeWidgetItem* inputs = section(tr("Inputs"));
  int firstWeight = -1;
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    const int value = node.inputs[i];
    if (value < 0) {
      new QTreeWidgetItem(inputs, {QStringLiteral("#%1").arg(i), tr("(omitted)")});
      continue;
    }
    tensorRow(inputs, value, QStringLiteral("#%1").arg(i));
    if (firstWeight < 0 && g.values[static_cast<size_t>(value)].constant) firstWeight = value;
  }
  QTreeWidgetItem* outputs = section(tr("Outputs"));
  for (size_t i = 0; i < node.outputs.size(); ++i)
    if (node.outputs[i] >= 0) tensorRow(outputs, node.outputs[i], QStringLiteral("#%1").arg(i));
  if (firstWeight >= 0) showWeights(firstWeight);
}

QString NodeInspector::weightSummary() const {
  return weightStats_->text();
}

void NodeInspector::showWeights(int value) {
  const axe::Value& v = document_->graph().values[static_cast<size_t>(value)];
  if (!v.constant) return;
  const WeightStats st = computeWeightStats(*v.constant);
  weightTitle_->setText(tr("<b>Weights</b> %1").arg(document_->valueName(value).toHtmlEscaped()));
  if (!st.numeric) {
    weightStats_->setText(tr("not numeric"));
    histogram_->setVisible(false);
    return;
  }
  weightStats_->setText(tr("count %1   min %2   max %3\nmean %4   std %5   sparsity %6 %")
                            .arg(formatCount(st.count))
                            .arg(st.min, 0, 'g', 5)
                            .arg(st.max, 0, 'g', 5)
                            .arg(st.mean, 0, 'g', 5)
                            .arg(st.stddev, 0, 'g', 5)
                            .arg(st.sparsity * 100, 0, 'f', 2));
  histogram_->setHistogram(st.histogram, st.min, st.max);
  histogram_->setVisible(true);
}
