// Auto-X Studio plugin SDK: what a plugin implements and what the app gives it.
//
// A plugin is a Qt plugin (QPluginLoader) whose JSON metadata (Q_PLUGIN_METADATA FILE) says:
//   { "id": "board.example", "name": "Example board", "version": "1.0.0",
//     "apiVersion": 1, "kind": "board" | "importer" | "postprocess",
//     "dependencies": [ { "id": "board.sim", "version": "1.0" } ],          (optional)
//     "settings": [ { "key": "port", "label": "Serial port", "type": "string",
//                     "default": "", "help": "..." } ] }                    (optional)
// Start-up has two phases: the app reads every plugin's metadata without loading its code,
// skips the incompatible ones (API version, missing or too old dependencies) and orders the
// rest by dependency; then it instantiates them in that order and calls initialize().
// Settings are data: the app draws the widgets (type string, int, bool, choice, path) and
// hands the values to applySettings().
//
// Boards: a BoardPlugin finds boards (discover), checks the tools it needs (checkTools),
// says how to build and flash the board agent (agentCommands: the exact command lines), and
// names the device-link URI the app then speaks our protocol over (serial:..., tcp:..., usb:...,
// sim, qemu).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QtPlugin>

namespace autox {

// Bumped on any incompatible change of the interfaces below.
constexpr int kPluginApiVersion = 1;

struct PluginContext {
  QString appVersion;       // "0.1.0"
  QString engineVersion;    // axe::engine_version()
  int protocolVersion = 0;  // device-link protocol (AXDL_PROTOCOL_VERSION)
  QString dataDir;          // a writable folder for this plugin
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  // Phase two of start-up. false + *error: the plugin is listed as failed with that reason.
  virtual bool initialize(const PluginContext& context, QString* error) = 0;
  // Values for the settings the metadata declares (key -> value; missing keys keep defaults).
  virtual void applySettings(const QVariantMap& values) { (void)values; }
};

// One external program a plugin needs (esptool, st-flash, openocd, idf.py, a compiler).
struct ToolStatus {
  QString name;     // "esptool.py"
  QString purpose;  // "flash the ESP32-S3"
  QString path;     // where it was found; empty when absent
  QString version;  // what `--version` printed (first line), empty when absent
  bool required = true;
  QString howToGet;  // what to do when it is absent: "pip install esptool" / "apt install ..."
};

// A command line the plugin would run, in order, with what it is for.
struct PlannedCommand {
  QString purpose;     // "build the agent", "flash the agent"
  QStringList argv;    // program and arguments, exactly as run
  QString workingDir;  // empty: the current directory
};

struct BoardCandidate {
  QString uri;          // device-link URI: "serial:/dev/ttyACM0?baud=921600", "sim", ...
  QString description;  // "ESP32-S3 (USB-Serial/JTAG) on /dev/ttyACM0"
  bool ready = true;    // false: found but not usable yet (e.g. the agent is not flashed)
};

class BoardPlugin : public Plugin {
 public:
  // Boards of this kind that are present now (ports, running simulators, emulators).
  virtual QList<BoardCandidate> discover() = 0;
  // The tools this board needs, probed now (presence and version).
  virtual QList<ToolStatus> checkTools() = 0;
  // The commands that build and flash the board agent with the current settings; empty for
  // boards that need none (sim, qemu). `port` is where the board is attached.
  virtual QList<PlannedCommand> agentCommands(const QString& port) = 0;
};

}  // namespace autox

#define AutoXBoardPlugin_iid "io.autox.Studio.BoardPlugin/1"
Q_DECLARE_INTERFACE(autox::BoardPlugin, AutoXBoardPlugin_iid)
