// Board plugin "ESP32-S3": builds the agent with ESP-IDF (idf.py), flashes it with esptool,
// then the link speaks our protocol over the board's USB serial port.
#include <QDir>
#include <QObject>

#include "autox/plugin.hpp"
#include "board_tools.hpp"

#ifndef AXE_SOURCE_DIR
#define AXE_SOURCE_DIR ""
#endif

namespace autox {

class Esp32BoardPlugin : public QObject, public BoardPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "esp32.json")
  Q_INTERFACES(autox::BoardPlugin)

 public:
  bool initialize(const PluginContext& context, QString*) override {
    dataDir_ = context.dataDir;
    return true;
  }
  void applySettings(const QVariantMap& v) override {
    port_ = v.value(QStringLiteral("port")).toString();
    baud_ = v.value(QStringLiteral("baud"), baud_).toString();
    idfPath_ = v.value(QStringLiteral("idf_path")).toString();
    sourceDir_ = v.value(QStringLiteral("source_dir")).toString();
    buildDir_ = v.value(QStringLiteral("build_dir")).toString();
  }
  QList<BoardCandidate> discover() override {
    // Espressif's own IDs (USB-Serial/JTAG of the S3, TinyUSB CDC) and the USB-UART bridges of
    // common DevKits (Silicon Labs CP210x, WCH CH340/CH343).
    return serialBoards({{0x303a, 0x1001, "ESP32-S3 USB-Serial/JTAG"},
                         {0x303a, 0x4001, "ESP32-S3 TinyUSB CDC"},
                         {0x10c4, 0xea60, "ESP32 DevKit (CP210x)"},
                         {0x1a86, 0x7523, "ESP32 DevKit (CH340)"},
                         {0x1a86, 0x55d3, "ESP32-S3 DevKit (CH343)"}},
                        baud_.toInt());
  }
  QList<ToolStatus> checkTools() override {
    const QStringList idfBins =
        idfRoot().isEmpty() ? QStringList{} : QStringList{idfRoot() + QStringLiteral("/tools")};
    QList<ToolStatus> tools{
        probeTool({QStringLiteral("idf.py")}, {QStringLiteral("--version")},
                  tr("build the agent (ESP-IDF 5.x)"),
                  tr("install ESP-IDF (docs.espressif.com, 'Get Started'), then run "
                     "'. $IDF_PATH/export.sh' in the shell that starts the studio"),
                  true, idfBins),
        probeTool({QStringLiteral("esptool.py"), QStringLiteral("esptool")},
                  {QStringLiteral("version")}, tr("flash the ESP32-S3"),
                  tr("comes with ESP-IDF; or: sudo apt install esptool")),
        probeTool({QStringLiteral("python3")}, {QStringLiteral("--version")},
                  tr("run esptool and idf.py"), tr("sudo apt install python3"))};
    tools << agentPortStatus(QStringLiteral("device_link/agent/ports/esp32s3"), agentDir(),
                             tr("the agent's ESP-IDF project"),
                             tr("this version of Auto-X has no ESP32-S3 agent port yet; set "
                                "'Auto-X source folder' to a checkout that has one"));
    return tools;
  }
  QList<PlannedCommand> agentCommands(const QString& port) override {
    const QString build = buildDir();
    const QString p =
        port.isEmpty() ? (port_.isEmpty() ? QStringLiteral("/dev/ttyACM0") : port_) : port;
    return {
        {tr("choose the chip"),
         {QStringLiteral("idf.py"), QStringLiteral("-C"), agentDir(), QStringLiteral("-B"), build,
          QStringLiteral("set-target"), QStringLiteral("esp32s3")},
         {}},
        {tr("build the agent"),
         {QStringLiteral("idf.py"), QStringLiteral("-C"), agentDir(), QStringLiteral("-B"), build,
          QStringLiteral("build")},
         {}},
        {tr("flash bootloader, partition table and agent"),
         {QStringLiteral("esptool.py"), QStringLiteral("--chip"), QStringLiteral("esp32s3"),
          QStringLiteral("--port"), p, QStringLiteral("--baud"), baud_, QStringLiteral("--before"),
          QStringLiteral("default_reset"), QStringLiteral("--after"), QStringLiteral("hard_reset"),
          QStringLiteral("write_flash"), QStringLiteral("0x0"),
          build + QStringLiteral("/bootloader/bootloader.bin"), QStringLiteral("0x8000"),
          build + QStringLiteral("/partition_table/partition-table.bin"), QStringLiteral("0x10000"),
          build + QStringLiteral("/autox_agent.bin")},
         {}},
    };
  }

 private:
  QString idfRoot() const {
    return idfPath_.isEmpty() ? qEnvironmentVariable("IDF_PATH") : idfPath_;
  }
  QString agentDir() const {
    const QString src = sourceDir_.isEmpty() ? QStringLiteral(AXE_SOURCE_DIR) : sourceDir_;
    return QDir::cleanPath(src + QStringLiteral("/device_link/agent/ports/esp32s3"));
  }
  QString buildDir() const {
    return buildDir_.isEmpty() ? dataDir_ + QStringLiteral("/build-esp32s3") : buildDir_;
  }

  QString dataDir_, port_, baud_ = QStringLiteral("921600"), idfPath_, sourceDir_, buildDir_;
};

}  // namespace autox

#include "esp32_board_plugin.moc"
