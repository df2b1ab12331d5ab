// Board plugin "qemu": the agent firmware in qemu-system-arm (counts are instructions with
// -icount, not real cycles).
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QObject>

#include "autox/plugin.hpp"
#include "board_tools.hpp"

namespace autox {

class QemuBoardPlugin : public QObject, public BoardPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "qemu.json")
  Q_INTERFACES(autox::BoardPlugin)

 public:
  bool initialize(const PluginContext&, QString*) override { return true; }
  void applySettings(const QVariantMap& values) override {
    image_ = values.value(QStringLiteral("agent_image")).toString();
    machine_ = values.value(QStringLiteral("machine"), machine_).toString();
  }
  QList<BoardCandidate> discover() override {
    const QString elf = agentImage();
    const ToolStatus qemu = emulator();
    const bool ready = !elf.isEmpty() && !qemu.path.isEmpty();
    return {{QStringLiteral("qemu"),
             ready ? tr("QEMU %1 with %2").arg(machine_, elf)
                   : tr("QEMU board (needs qemu-system-arm and the agent image)"),
             ready}};
  }
  QList<ToolStatus> checkTools() override {
    ToolStatus image;
    image.name = QStringLiteral("axdl_agent_qemu.elf");
    image.purpose = tr("the agent firmware QEMU runs");
    image.path = agentImage();
    image.version = image.path.isEmpty() ? QString() : tr("present");
    image.howToGet =
        tr("install the autox-studio package, or build the Cortex-M sub-build "
           "(cmake --preset arm-cortex-m4) and set 'Agent image'");
    return {emulator(), image};
  }
  QList<PlannedCommand> agentCommands(const QString&) override {
    return {{tr("start the emulated board (the link does this on demand)"),
             {QStringLiteral("qemu-system-arm"), QStringLiteral("-machine"), machine_,
              QStringLiteral("-nographic"), QStringLiteral("-monitor"), QStringLiteral("none"),
              QStringLiteral("-icount"), QStringLiteral("shift=0"), QStringLiteral("-serial"),
              QStringLiteral("pty"), QStringLiteral("-kernel"), agentImage()},
             {}}};
  }

 private:
  static ToolStatus emulator() {
    return probeTool({QStringLiteral("qemu-system-arm")}, {QStringLiteral("--version")},
                     tr("emulate the Cortex-M board"), tr("sudo apt install qemu-system-arm"));
  }
  QString agentImage() const {
    if (!image_.isEmpty()) return QFileInfo::exists(image_) ? image_ : QString();
    const QString bin = QCoreApplication::applicationDirPath();
    for (const QString& p :
         {bin + QStringLiteral("/../share/autox-studio/firmware/axdl_agent_qemu.elf"),
          bin + QStringLiteral("/../../cortex_m/cortex-m4/device_link/agent/ports/qemu_cortex_m/"
                               "axdl_agent_qemu.elf")})
      if (QFileInfo::exists(p)) return QDir::cleanPath(p);
    return {};
  }

  QString image_;
  QString machine_ = QStringLiteral("mps2-an386");
};

}  // namespace autox

#include "qemu_board_plugin.moc"
