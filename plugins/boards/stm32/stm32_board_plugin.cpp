// Board plugin "STM32": cross-builds the agent with arm-none-eabi-gcc (CMSIS device headers),
// flashes it with st-flash or OpenOCD through the board's ST-LINK, then the link speaks our
// protocol over the ST-LINK's virtual COM port.
#include <QDir>
#include <QObject>

#include "autox/plugin.hpp"
#include "board_tools.hpp"

#ifndef AXE_SOURCE_DIR
#define AXE_SOURCE_DIR ""
#endif

namespace autox {

namespace {

struct Stm32Board {
  const char* name;
  const char* cpu;            // AXE_CORTEX_M_CPU
  const char* openocdTarget;  // OpenOCD's target/<x>.cfg
};

constexpr Stm32Board kBoards[] = {
    {"nucleo-f446re", "cortex-m4", "stm32f4x"},
    {"nucleo-l476rg", "cortex-m4", "stm32l4x"},
    {"nucleo-h743zi", "cortex-m7", "stm32h7x"},
    {"disco-f746g", "cortex-m7", "stm32f7x"},
};

}  // namespace

class Stm32BoardPlugin : public QObject, public BoardPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "stm32.json")
  Q_INTERFACES(autox::BoardPlugin)

 public:
  bool initialize(const PluginContext& context, QString*) override {
    dataDir_ = context.dataDir;
    return true;
  }
  void applySettings(const QVariantMap& v) override {
    board_ = v.value(QStringLiteral("board"), board_).toString();
    flasher_ = v.value(QStringLiteral("flasher"), flasher_).toString();
    port_ = v.value(QStringLiteral("port")).toString();
    baud_ = v.value(QStringLiteral("baud"), baud_).toString();
    sourceDir_ = v.value(QStringLiteral("source_dir")).toString();
    buildDir_ = v.value(QStringLiteral("build_dir")).toString();
  }
  QList<BoardCandidate> discover() override {
    // ST-LINK/V2-1 (Nucleo-64/144, Discovery), ST-LINK/V3 variants, and STM32's own USB CDC.
    return serialBoards({{0x0483, 0x374b, "STM32 ST-LINK/V2-1 VCP"},
                         {0x0483, 0x374e, "STM32 ST-LINK/V3 VCP"},
                         {0x0483, 0x374f, "STM32 ST-LINK/V3 VCP"},
                         {0x0483, 0x3753, "STM32 ST-LINK/V3 VCP"},
                         {0x0483, 0x5740, "STM32 USB CDC (VCP)"}},
                        baud_.toInt());
  }
  QList<ToolStatus> checkTools() override {
    const bool openocd = flasher_ == QLatin1String("openocd");
    QList<ToolStatus> tools{
        probeTool({QStringLiteral("arm-none-eabi-gcc")}, {QStringLiteral("--version")},
                  tr("cross-compile the agent"), tr("sudo apt install gcc-arm-none-eabi")),
        probeTool({QStringLiteral("cmake")}, {QStringLiteral("--version")},
                  tr("configure the agent build"), tr("sudo apt install cmake")),
        probeTool({QStringLiteral("arm-none-eabi-objcopy")}, {QStringLiteral("--version")},
                  tr("make the .bin image"), tr("sudo apt install binutils-arm-none-eabi")),
        openocd ? probeTool({QStringLiteral("openocd")}, {QStringLiteral("--version")},
                            tr("flash through the ST-LINK"), tr("sudo apt install openocd"))
                : probeTool({QStringLiteral("st-flash")}, {QStringLiteral("--version")},
                            tr("flash through the ST-LINK"), tr("sudo apt install stlink-tools"))};
    tools << agentPortStatus(
        QStringLiteral("device_link/agent/ports/stm32"),
        sourceDir() + QStringLiteral("/device_link/agent/ports/stm32"),
        tr("the agent's STM32 port (USART, flash driver, CMSIS startup)"),
        tr("this version of Auto-X has no STM32 agent port yet; set 'Auto-X source folder' to "
           "a checkout that has one"));
    return tools;
  }
  QList<PlannedCommand> agentCommands(const QString&) override {
    const Stm32Board& b = board();
    const QString src = sourceDir();
    const QString build = buildDir_.isEmpty()
                              ? dataDir_ + QStringLiteral("/build-") + QString::fromLatin1(b.name)
                              : buildDir_;
    const QString elf =
        build + QStringLiteral("/device_link/agent/ports/stm32/axdl_agent_stm32.elf");
    const QString bin = build + QStringLiteral("/axdl_agent_stm32.bin");
    QList<PlannedCommand> cmds{
        {tr("configure the cross build"),
         {QStringLiteral("cmake"), QStringLiteral("-S"), src, QStringLiteral("-B"), build,
          QStringLiteral("-DCMAKE_TOOLCHAIN_FILE=") + src +
              QStringLiteral("/engine/runtime/ports/cortex_m/toolchain-arm-none-eabi.cmake"),
          QStringLiteral("-DCMAKE_BUILD_TYPE=MinSizeRel"), QStringLiteral("-DAXE_TARGET_ONLY=ON"),
          QStringLiteral("-DAXE_CORTEX_M_CPU=") + QString::fromLatin1(b.cpu),
          QStringLiteral("-DAXDL_STM32_BOARD=") + QString::fromLatin1(b.name)},
         {}},
        {tr("build the agent"),
         {QStringLiteral("cmake"), QStringLiteral("--build"), build, QStringLiteral("--target"),
          QStringLiteral("axdl_agent_stm32")},
         {}},
        {tr("make the flash image"),
         {QStringLiteral("arm-none-eabi-objcopy"), QStringLiteral("-O"), QStringLiteral("binary"),
          elf, bin},
         {}}};
    if (flasher_ == QLatin1String("openocd")) {
      cmds << PlannedCommand{
          tr("flash the agent through the ST-LINK"),
          {QStringLiteral("openocd"), QStringLiteral("-f"), QStringLiteral("interface/stlink.cfg"),
           QStringLiteral("-f"),
           QStringLiteral("target/%1.cfg").arg(QString::fromLatin1(b.openocdTarget)),
           QStringLiteral("-c"), QStringLiteral("program %1 verify reset exit").arg(elf)},
          {}};
    } else {
      cmds << PlannedCommand{tr("flash the agent through the ST-LINK"),
                             {QStringLiteral("st-flash"), QStringLiteral("--reset"),
                              QStringLiteral("write"), bin, QStringLiteral("0x8000000")},
                             {}};
    }
    return cmds;
  }

 private:
  const Stm32Board& board() const {
    for (const Stm32Board& b : kBoards)
      if (board_ == QLatin1String(b.name)) return b;
    return kBoards[0];
  }
  QString sourceDir() const {
    return QDir::cleanPath(sourceDir_.isEmpty() ? QStringLiteral(AXE_SOURCE_DIR) : sourceDir_);
  }

  QString dataDir_, board_ = QStringLiteral("nucleo-f446re"), flasher_ = QStringLiteral("st-flash");
  QString port_, baud_ = QStringLiteral("921600"), sourceDir_, buildDir_;
};

}  // namespace autox

#include "stm32_board_plugin.moc"
