// Finds, checks and starts the app's plugins (see plugins/sdk/include/autox/plugin.hpp).
// Search path, first wins for a duplicated id: $AUTOX_PLUGIN_PATH (':'-separated), the user's
// folder (<AppDataLocation>/plugins), the install folder (<bin>/../lib/autox-studio/plugins).
// A broken or incompatible plugin is listed with the reason and skipped; nothing it does at
// load time can stop the others.
#pragma once

#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

#include "autox/plugin.hpp"

class QPluginLoader;

namespace autox {

class ImporterPlugin;
class PostprocessPlugin;

struct PluginRecord {
  enum class State { kBuiltIn, kLoaded, kSkipped, kFailed };
  QString id, name, version, kind;  // from the metadata (file name when it has none)
  QString path;                     // the library; empty for built-ins
  int apiVersion = 0;
  QStringList dependencies;  // "id >= version"
  QJsonArray settings;       // as declared
  State state = State::kSkipped;
  QString reason;  // why skipped or failed; empty when loaded
  QObject* instance = nullptr;
  int startIndex = -1;        // order of phase two (dependencies first)
  QString stateText() const;  // "loaded", "built in", "skipped", "failed"
};

class PluginManager : public QObject {
  Q_OBJECT
 public:
  explicit PluginManager(QObject* parent = nullptr);
  ~PluginManager() override;

  static QStringList defaultSearchPath();
  void setSearchPath(const QStringList& dirs) { searchPath_ = dirs; }
  const QStringList& searchPath() const { return searchPath_; }

  // Phase one (metadata, compatibility, dependency order) then phase two (instantiate,
  // initialize). Safe to call again: unloads what was loaded first.
  void loadAll(const PluginContext& context);
  void unloadAll();

  const QList<PluginRecord>& plugins() const { return records_; }
  const PluginRecord* find(const QString& id) const;
  QList<BoardPlugin*> boards() const;
  QList<ImporterPlugin*> importers() const;
  // Loaded post-processing plugins; their decoders are in autox::post::Registry::global() while
  // they are loaded.
  QList<PostprocessPlugin*> postprocessors() const;
  // The loaded importer plugin for the file's suffix, or nullptr (ONNX is built in).
  ImporterPlugin* importerFor(const QString& path) const;

  // Settings of one plugin, stored in QSettings under plugins/<id>/, defaults from metadata.
  QVariantMap settings(const QString& id) const;
  void setSettings(const QString& id, const QVariantMap& values);

 signals:
  void pluginsChanged();

 private:
  void addBuiltIns();
  void scan(const QString& dir, const PluginContext& context);

  QStringList searchPath_;
  QList<PluginRecord> records_;
  std::vector<std::unique_ptr<QPluginLoader>> loaders_;
  QStringList registeredDecoders_;
};

}  // namespace autox
