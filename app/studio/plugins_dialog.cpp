#include "plugins_dialog.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "autox/plugin.hpp"
#include "axdl_protocol.h"
#include "axe/engine.hpp"
#include "board_report.hpp"
#include "plugin_list_model.hpp"
#include "plugin_manager.hpp"

autox::PluginManager& studioPlugins() {
  static autox::PluginManager* manager = [] {
    auto* m = new autox::PluginManager(qApp);
    autox::PluginContext context;
    context.appVersion = QCoreApplication::applicationVersion();
    context.engineVersion = QString::fromLatin1(axe::engine_version());
    context.protocolVersion = AXDL_PROTOCOL_VERSION;
    m->loadAll(context);
    return m;
  }();
  return *manager;
}

PluginsDialog::PluginsDialog(autox::PluginManager& manager, QWidget* parent)
    : QDialog(parent), manager_(manager) {
  setWindowTitle(tr("Plugins"));
  resize(1100, 640);
  model_ = new autox::PluginListModel(&manager, this);
  table_ = new QTableView(this);
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setWordWrap(false);

  auto* details = new QWidget(this);
  auto* dl = new QVBoxLayout(details);
  title_ = new QLabel(details);
  title_->setWordWrap(true);
  title_->setTextFormat(Qt::RichText);
  dl->addWidget(title_);
  formHost_ = new QWidget(details);
  form_ = new QFormLayout(formHost_);
  dl->addWidget(formHost_);
  auto* buttons = new QHBoxLayout;
  apply_ = new QPushButton(tr("Apply settings"), details);
  check_ = new QPushButton(tr("Check tools"), details);
  buttons->addWidget(apply_);
  buttons->addWidget(check_);
  buttons->addStretch(1);
  dl->addLayout(buttons);
  tools_ = new QPlainTextEdit(details);
  tools_->setReadOnly(true);
  tools_->setPlaceholderText(tr("Tools and commands of the selected board appear here."));
  dl->addWidget(tools_, 1);

  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(table_);
  split->addWidget(details);
  split->setSizes({260, 380});
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split);
  auto* close = new QPushButton(tr("Close"), this);
  connect(close, &QPushButton::clicked, this, &QDialog::accept);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(
      new QLabel(tr("Search path: %1").arg(manager.searchPath().join(QStringLiteral(" : "))), this),
      1);
  bottom->addWidget(close);
  layout->addLayout(bottom);

  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) { showPlugin(current.row()); });
  connect(apply_, &QPushButton::clicked, this, &PluginsDialog::applySettings);
  connect(check_, &QPushButton::clicked, this, &PluginsDialog::checkTools);
  table_->resizeColumnsToContents();
  if (model_->rowCount() > 0) table_->selectRow(0);
  showPlugin(model_->rowCount() > 0 ? 0 : -1);
}

void PluginsDialog::showPlugin(int row) {
  while (form_->rowCount() > 0) form_->removeRow(0);
  tools_->clear();
  const autox::PluginRecord* r = model_->record(row);
  currentId_ = r ? r->id : QString();
  currentSettings_ = r ? r->settings : QJsonArray();
  if (!r) {
    title_->setText(tr("No plugins found."));
    apply_->setEnabled(false);
    check_->setEnabled(false);
    return;
  }
  QString text =
      QStringLiteral("<b>%1</b> %2 — %3").arg(r->name.toHtmlEscaped(), r->version, r->stateText());
  if (!r->reason.isEmpty()) text += QStringLiteral("<br>") + r->reason.toHtmlEscaped();
  if (!r->dependencies.isEmpty())
    text += QStringLiteral("<br>") + tr("Needs: %1").arg(r->dependencies.join(u", "));
  title_->setText(text);
  const QVariantMap values = manager_.settings(r->id);
  for (const QJsonValue& v : r->settings) {
    const QJsonObject s = v.toObject();
    const QString key = s.value(QStringLiteral("key")).toString();
    const QString type = s.value(QStringLiteral("type")).toString();
    const QVariant value = values.value(key);
    QWidget* editor = nullptr;
    if (type == QLatin1String("bool")) {
      auto* box = new QCheckBox(formHost_);
      box->setChecked(value.toBool());
      editor = box;
    } else if (type == QLatin1String("int")) {
      auto* spin = new QSpinBox(formHost_);
      spin->setRange(s.value(QStringLiteral("min")).toInt(0),
                     s.value(QStringLiteral("max")).toInt(1 << 30));
      spin->setValue(value.toInt());
      editor = spin;
    } else if (type == QLatin1String("choice")) {
      auto* combo = new QComboBox(formHost_);
      for (const QJsonValue& c : s.value(QStringLiteral("choices")).toArray())
        combo->addItem(c.toVariant().toString());
      combo->setCurrentText(value.toString());
      editor = combo;
    } else {  // string, path
      auto* line = new QLineEdit(value.toString(), formHost_);
      if (type == QLatin1String("path")) {
        auto* host = new QWidget(formHost_);
        auto* hl = new QHBoxLayout(host);
        hl->setContentsMargins(0, 0, 0, 0);
        hl->addWidget(line, 1);
        auto* browse = new QPushButton(tr("Browse…"), host);
        connect(browse, &QPushButton::clicked, this, [this, line] {
          const QString p =
              QFileDialog::getExistingDirectory(this, tr("Choose a folder"), line->text());
          if (!p.isEmpty()) line->setText(p);
        });
        hl->addWidget(browse);
        line->setObjectName(key);
        host->setToolTip(s.value(QStringLiteral("help")).toString());
        form_->addRow(s.value(QStringLiteral("label")).toString(key), host);
        continue;
      }
      editor = line;
    }
    editor->setObjectName(key);
    editor->setToolTip(s.value(QStringLiteral("help")).toString());
    form_->addRow(s.value(QStringLiteral("label")).toString(key), editor);
  }
  apply_->setEnabled(!r->settings.isEmpty() && r->instance);
  check_->setEnabled(r->instance && qobject_cast<autox::BoardPlugin*>(r->instance));
}

void PluginsDialog::applySettings() {
  QVariantMap values;
  for (const QJsonValue& v : currentSettings_) {
    const QString key = v.toObject().value(QStringLiteral("key")).toString();
    QWidget* w = formHost_->findChild<QWidget*>(key);
    if (auto* box = qobject_cast<QCheckBox*>(w))
      values.insert(key, box->isChecked());
    else if (auto* spin = qobject_cast<QSpinBox*>(w))
      values.insert(key, spin->value());
    else if (auto* combo = qobject_cast<QComboBox*>(w))
      values.insert(key, combo->currentText());
    else if (auto* line = qobject_cast<QLineEdit*>(w))
      values.insert(key, line->text());
  }
  manager_.setSettings(currentId_, values);
  tools_->setPlainText(tr("Settings of %1 saved.").arg(currentId_));
}

void PluginsDialog::checkTools() {
  tools_->setPlainText(toolReport());
}

QString PluginsDialog::toolReport() const {
  const autox::PluginRecord* r = manager_.find(currentId_);
  auto* board = r && r->instance ? qobject_cast<autox::BoardPlugin*>(r->instance) : nullptr;
  if (!board) return {};
  return autox::boardReport(*board, QString());
}

QString studioAboutText(const autox::PluginManager& manager) {
  QString plugins;
  for (const autox::PluginRecord& r : manager.plugins())
    plugins += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                   .arg(r.name.toHtmlEscaped(), r.version, r.stateText());
  return QCoreApplication::translate("PluginsDialog",
                                     "<h3>Auto-X Studio %1</h3>"
                                     "<p>Engine %2 · device-link protocol %3 · plugin API %4 · "
                                     "Qt %5</p><table>%6</table>")
      .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(axe::engine_version()))
      .arg(AXDL_PROTOCOL_VERSION)
      .arg(autox::kPluginApiVersion)
      .arg(QString::fromLatin1(qVersion()), plugins);
}
