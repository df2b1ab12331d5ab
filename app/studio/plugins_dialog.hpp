// Settings > Plugins: every plugin found (loaded, built in, skipped or failed, with the reason),
// the selected plugin's settings drawn from its metadata, and for boards the tools it needs and
// the exact commands it would run. Help > About lists versions of the app, engine, protocol
// and plugins.
#pragma once

#include <QDialog>
#include <QJsonArray>

namespace autox {
class PluginManager;
class PluginListModel;
}  // namespace autox
class QTableView;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;

// The app's plugins, loaded on first use (search path: PluginManager::defaultSearchPath()).
autox::PluginManager& studioPlugins();

class PluginsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit PluginsDialog(autox::PluginManager& manager, QWidget* parent = nullptr);
  QTableView* table() const { return table_; }
  // Probes the selected board plugin's tools and shows them with its planned commands.
  void checkTools();
  QString toolReport() const;

 private:
  void showPlugin(int row);
  void applySettings();

  autox::PluginManager& manager_;
  autox::PluginListModel* model_;
  QTableView* table_;
  QLabel* title_;
  QFormLayout* form_;
  QWidget* formHost_;
  QPushButton* apply_;
  QPushButton* check_;
  QPlainTextEdit* tools_;
  QString currentId_;
  QJsonArray currentSettings_;
};

// HTML for Help > About: versions of the app, engine, device-link protocol, Qt and plugins.
QString studioAboutText(const autox::PluginManager& manager);
