// Board plugin "sim": the simulated board (autox-board-sim, started on demand by the link).
#include <QCoreApplication>
#include <QObject>

#include "autox/plugin.hpp"
#include "board_tools.hpp"

namespace autox {

class SimBoardPlugin : public QObject, public BoardPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "sim.json")
  Q_INTERFACES(autox::BoardPlugin)

 public:
  bool initialize(const PluginContext&, QString*) override { return true; }
  QList<BoardCandidate> discover() override {
    const ToolStatus sim = simulator();
    return {{QStringLiteral("sim"),
             sim.path.isEmpty() ? tr("Simulated board (autox-board-sim not found)")
                                : tr("Simulated board (%1, starts on first use)").arg(sim.path),
             !sim.path.isEmpty()}};
  }
  QList<ToolStatus> checkTools() override { return {simulator()}; }
  QList<PlannedCommand> agentCommands(const QString&) override { return {}; }

 private:
  static ToolStatus simulator() {
    return probeTool({QStringLiteral("autox-board-sim")}, {QStringLiteral("--version")},
                     tr("run the simulated board"),
                     tr("install the autox-studio package, or build the autox-board-sim target"),
                     true,
                     {QCoreApplication::applicationDirPath(),
                      QCoreApplication::applicationDirPath() +
                          QStringLiteral("/../../device_link")});  // the build tree
  }
};

}  // namespace autox

#include "sim_board_plugin.moc"
