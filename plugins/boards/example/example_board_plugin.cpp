// Example third-party board plugin: boards whose agent listens on TCP (a Wi-Fi board, or the
// simulator started with `autox-board-sim --tcp 5555`). Uses only the SDK header and Qt Core.
#include <QObject>
#include <QStringList>

#include "autox/plugin.hpp"

class ExampleTcpBoardPlugin : public QObject, public autox::BoardPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "example.json")
  Q_INTERFACES(autox::BoardPlugin)

 public:
  bool initialize(const autox::PluginContext& context, QString* error) override {
    if (context.protocolVersion < 1) {
      *error = QStringLiteral("needs device-link protocol 1 or newer");
      return false;
    }
    return true;
  }
  void applySettings(const QVariantMap& values) override {
    hosts_ = values.value(QStringLiteral("hosts")).toString().split(u',', Qt::SkipEmptyParts);
  }
  QList<autox::BoardCandidate> discover() override {
    QList<autox::BoardCandidate> out;
    for (const QString& h : hosts_)
      out.push_back({QStringLiteral("tcp:") + h.trimmed(),
                     QStringLiteral("Network board at %1").arg(h.trimmed()), true});
    return out;
  }
  QList<autox::ToolStatus> checkTools() override { return {}; }
  QList<autox::PlannedCommand> agentCommands(const QString&) override { return {}; }

 private:
  QStringList hosts_;
};

#include "example_board_plugin.moc"
