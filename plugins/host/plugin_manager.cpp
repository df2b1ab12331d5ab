#include "plugin_manager.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>
#include <QSettings>
#include <QStandardPaths>
#include <QVersionNumber>

#include "autox/importer_plugin.hpp"
#include "autox/postprocess_plugin.hpp"
#include "registry.hpp"

namespace autox {

namespace {

const QString kBoardIid = QStringLiteral(AutoXBoardPlugin_iid);
const QString kImporterIid = QStringLiteral(AutoXImporterPlugin_iid);
const QString kPostprocessIid = QStringLiteral(AutoXPostprocessPlugin_iid);

// The interface each kind must implement.
QString iidOfKind(const QString& kind) {
  if (kind == QLatin1String("board")) return kBoardIid;
  if (kind == QLatin1String("importer")) return kImporterIid;
  if (kind == QLatin1String("postprocess")) return kPostprocessIid;
  return {};
}

struct Dependency {
  QString id;
  QVersionNumber minVersion;
};

// Phase one for one file: the record and its dependencies, from the metadata only.
PluginRecord readMetadata(const QString& path, QList<Dependency>* deps) {
  PluginRecord r;
  r.path = path;
  r.id = QFileInfo(path).fileName();
  r.name = r.id;
  QPluginLoader loader(path);
  const QJsonObject meta = loader.metaData();
  if (meta.isEmpty()) {
    r.state = PluginRecord::State::kFailed;
    r.reason = QCoreApplication::translate("PluginManager",
                                           "not a Qt plugin (%1); remove it from the plugin folder")
                   .arg(loader.errorString());
    return r;
  }
  const QString iid = meta.value(QStringLiteral("IID")).toString();
  const QJsonObject data = meta.value(QStringLiteral("MetaData")).toObject();
  r.id = data.value(QStringLiteral("id")).toString(r.id);
  r.name = data.value(QStringLiteral("name")).toString(r.id);
  r.version = data.value(QStringLiteral("version")).toString();
  r.kind = data.value(QStringLiteral("kind")).toString();
  r.apiVersion = data.value(QStringLiteral("apiVersion")).toInt(0);
  r.settings = data.value(QStringLiteral("settings")).toArray();
  r.state = PluginRecord::State::kSkipped;
  const auto tr = [](const char* text) {
    return QCoreApplication::translate("PluginManager", text);
  };
  if (iid != kBoardIid && iid != kImporterIid && iid != kPostprocessIid) {
    r.reason = tr("unknown plugin interface '%1' (this app offers %2, %3 and %4)")
                   .arg(iid, kBoardIid, kImporterIid, kPostprocessIid);
    return r;
  }
  if (!data.contains(QStringLiteral("id")) || r.version.isEmpty() || r.kind.isEmpty()) {
    r.reason = tr("its metadata lacks id, version or kind; rebuild it against the SDK");
    return r;
  }
  if (iidOfKind(r.kind) != iid) {
    r.reason = tr("kind '%1' does not match its interface %2").arg(r.kind, iid);
    return r;
  }
  if (r.apiVersion != kPluginApiVersion) {
    r.reason = tr("built for plugin API %1, this app has API %2; rebuild it against this SDK")
                   .arg(r.apiVersion)
                   .arg(kPluginApiVersion);
    return r;
  }
  for (const QJsonValue& v : data.value(QStringLiteral("dependencies")).toArray()) {
    const QJsonObject d = v.toObject();
    Dependency dep{d.value(QStringLiteral("id")).toString(),
                   QVersionNumber::fromString(d.value(QStringLiteral("version")).toString())};
    if (dep.id.isEmpty()) {
      r.reason = tr("a dependency without an id in its metadata");
      return r;
    }
    deps->push_back(dep);
    r.dependencies << (dep.minVersion.isNull()
                           ? dep.id
                           : QStringLiteral("%1 >= %2").arg(dep.id, dep.minVersion.toString()));
  }
  r.state = PluginRecord::State::kLoaded;  // candidate; phase two decides
  return r;
}

}  // namespace

QString PluginRecord::stateText() const {
  switch (state) {
    case State::kBuiltIn:
      return QCoreApplication::translate("PluginManager", "built in");
    case State::kLoaded:
      return QCoreApplication::translate("PluginManager", "loaded");
    case State::kSkipped:
      return QCoreApplication::translate("PluginManager", "skipped");
    case State::kFailed:
      return QCoreApplication::translate("PluginManager", "failed");
  }
  return {};
}

PluginManager::PluginManager(QObject* parent) : QObject(parent), searchPath_(defaultSearchPath()) {}

PluginManager::~PluginManager() {
  unloadAll();
}

QStringList PluginManager::defaultSearchPath() {
  QStringList dirs;
  for (const QString& d : qEnvironmentVariable("AUTOX_PLUGIN_PATH").split(u':', Qt::SkipEmptyParts))
    dirs << d;
  const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  if (!data.isEmpty()) dirs << data + QStringLiteral("/plugins");
  const QString bin = QCoreApplication::applicationDirPath();
  if (!bin.isEmpty()) {
    dirs << QDir::cleanPath(bin + QStringLiteral("/../lib/autox-studio/plugins"));
    dirs << QDir::cleanPath(bin + QStringLiteral("/../../plugins"));  // the build tree
  }
  dirs.removeDuplicates();
  return dirs;
}

void PluginManager::addBuiltIns() {
  PluginRecord onnx;
  onnx.id = QStringLiteral("importer.onnx");
  onnx.name = QStringLiteral("ONNX");
  onnx.version = QStringLiteral("1.0.0");
  onnx.kind = QStringLiteral("importer");
  onnx.apiVersion = kPluginApiVersion;
  onnx.state = PluginRecord::State::kBuiltIn;
  records_.push_back(onnx);
}

void PluginManager::unloadAll() {
  for (const QString& id : registeredDecoders_) post::Registry::global().remove(id.toStdString());
  registeredDecoders_.clear();
  for (auto& loader : loaders_) loader->unload();
  loaders_.clear();
  records_.clear();
}

void PluginManager::loadAll(const PluginContext& context) {
  unloadAll();
  addBuiltIns();
  // Phase one: metadata of every library on the search path.
  QList<QList<Dependency>> deps;
  for (const QString& dir : searchPath_) {
    const QDir d(dir);
    if (!d.exists()) continue;
    for (const QFileInfo& f : d.entryInfoList(QDir::Files, QDir::Name)) {
      if (!QLibrary::isLibrary(f.fileName())) continue;
      QList<Dependency> fileDeps;
      PluginRecord r = readMetadata(f.absoluteFilePath(), &fileDeps);
      if (const PluginRecord* first = find(r.id);
          first && r.state == PluginRecord::State::kLoaded) {
        r.state = PluginRecord::State::kSkipped;
        r.reason = tr("same id as %1, which is used")
                       .arg(first->path.isEmpty() ? first->name : first->path);
      }
      records_.push_back(r);
      deps.resize(records_.size());
      deps.back() = fileDeps;
    }
  }
  deps.resize(records_.size());
  // Dependency order: repeatedly start the candidates whose dependencies are all up.
  auto up = [&](const QString& id) {
    const PluginRecord* r = find(id);
    return r && (r->state == PluginRecord::State::kBuiltIn ||
                 (r->state == PluginRecord::State::kLoaded && r->instance));
  };
  auto pending = [](const PluginRecord& r) {
    return r.state == PluginRecord::State::kLoaded && !r.instance;
  };
  for (bool progress = true; progress;) {
    progress = false;
    for (qsizetype i = 0; i < records_.size(); ++i) {
      PluginRecord& r = records_[i];
      if (!pending(r)) continue;
      bool ready = true;
      for (const Dependency& dep : deps[i]) {
        const PluginRecord* d = find(dep.id);
        if (!d || d->state == PluginRecord::State::kSkipped ||
            d->state == PluginRecord::State::kFailed) {
          r.state = PluginRecord::State::kSkipped;
          r.reason = d ? tr("needs %1, which was not started (%2)").arg(dep.id, d->reason)
                       : tr("needs %1, which is not installed").arg(dep.id);
          progress = true;
          break;
        }
        if (!dep.minVersion.isNull() && QVersionNumber::fromString(d->version) < dep.minVersion) {
          r.state = PluginRecord::State::kSkipped;
          r.reason = tr("needs %1 %2 or newer, found %3")
                         .arg(dep.id, dep.minVersion.toString(), d->version);
          progress = true;
          break;
        }
        if (!up(dep.id)) ready = false;
      }
      if (r.state != PluginRecord::State::kLoaded || !ready) continue;
      // Phase two: load the code, check the interface, initialize.
      progress = true;
      auto loader = std::make_unique<QPluginLoader>(r.path);
      QObject* object = loader->instance();
      if (!object) {
        r.state = PluginRecord::State::kFailed;
        r.reason = tr("cannot be loaded: %1").arg(loader->errorString());
        continue;
      }
      Plugin* plugin = nullptr;
      if (r.kind == QLatin1String("board"))
        plugin = qobject_cast<BoardPlugin*>(object);
      else if (r.kind == QLatin1String("importer"))
        plugin = qobject_cast<ImporterPlugin*>(object);
      else
        plugin = qobject_cast<PostprocessPlugin*>(object);
      if (!plugin) {
        r.state = PluginRecord::State::kFailed;
        r.reason = tr("does not implement the %1 interface it declares").arg(r.kind);
        loader->unload();
        continue;
      }
      PluginContext c = context;
      c.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                  QStringLiteral("/plugin-data/") + r.id;
      QString error;
      if (!plugin->initialize(c, &error)) {
        r.state = PluginRecord::State::kFailed;
        r.reason = tr("initialization failed: %1").arg(error);
        loader->unload();
        continue;
      }
      plugin->applySettings(settings(r.id));
      if (auto* decoderPlugin = qobject_cast<PostprocessPlugin*>(object)) {
        // The decoder joins the built-in ones: its description is the plugin's metadata.
        const QJsonObject data = loader->metaData().value(QStringLiteral("MetaData")).toObject();
        const std::string invalid = post::Registry::global().add(
            QJsonDocument(data).toJson(QJsonDocument::Compact).toStdString(),
            [decoderPlugin] { return decoderPlugin->createDecoder(); });
        if (!invalid.empty()) {
          r.state = PluginRecord::State::kFailed;
          r.reason =
              tr("its decoder description is invalid: %1").arg(QString::fromStdString(invalid));
          loader->unload();
          continue;
        }
        registeredDecoders_ << r.id;
      }
      r.instance = object;
      r.startIndex = static_cast<int>(loaders_.size());
      loaders_.push_back(std::move(loader));
    }
  }
  for (PluginRecord& r : records_) {
    if (pending(r)) {
      r.state = PluginRecord::State::kSkipped;
      r.reason = tr("its dependencies form a cycle: %1").arg(r.dependencies.join(u", "));
    }
  }
  emit pluginsChanged();
}

const PluginRecord* PluginManager::find(const QString& id) const {
  for (const PluginRecord& r : records_)
    if (r.id == id && r.state != PluginRecord::State::kSkipped &&
        r.state != PluginRecord::State::kFailed)
      return &r;
  for (const PluginRecord& r : records_)
    if (r.id == id) return &r;
  return nullptr;
}

QList<BoardPlugin*> PluginManager::boards() const {
  QList<BoardPlugin*> out;
  for (const PluginRecord& r : records_)
    if (r.instance)
      if (auto* b = qobject_cast<BoardPlugin*>(r.instance)) out << b;
  return out;
}

QList<ImporterPlugin*> PluginManager::importers() const {
  QList<ImporterPlugin*> out;
  for (const PluginRecord& r : records_)
    if (r.instance)
      if (auto* i = qobject_cast<ImporterPlugin*>(r.instance)) out << i;
  return out;
}

QList<PostprocessPlugin*> PluginManager::postprocessors() const {
  QList<PostprocessPlugin*> out;
  for (const PluginRecord& r : records_)
    if (r.instance)
      if (auto* p = qobject_cast<PostprocessPlugin*>(r.instance)) out << p;
  return out;
}

ImporterPlugin* PluginManager::importerFor(const QString& path) const {
  const QString suffix = QFileInfo(path).suffix().toLower();
  for (ImporterPlugin* i : importers())
    if (i->fileSuffixes().contains(suffix, Qt::CaseInsensitive)) return i;
  return nullptr;
}

QVariantMap PluginManager::settings(const QString& id) const {
  QVariantMap values;
  const PluginRecord* r = find(id);
  if (r)
    for (const QJsonValue& v : r->settings) {
      const QJsonObject s = v.toObject();
      values.insert(s.value(QStringLiteral("key")).toString(),
                    s.value(QStringLiteral("default")).toVariant());
    }
  QSettings store;
  store.beginGroup(QStringLiteral("plugins/") + id);
  for (const QString& key : store.childKeys()) values.insert(key, store.value(key));
  return values;
}

void PluginManager::setSettings(const QString& id, const QVariantMap& values) {
  QSettings store;
  store.beginGroup(QStringLiteral("plugins/") + id);
  for (auto it = values.begin(); it != values.end(); ++it) store.setValue(it.key(), it.value());
  store.endGroup();
  for (const PluginRecord& r : records_) {
    if (r.id != id || !r.instance) continue;
    if (auto* b = qobject_cast<BoardPlugin*>(r.instance)) {
      b->applySettings(settings(id));
    } else if (auto* i = qobject_cast<ImporterPlugin*>(r.instance)) {
      i->applySettings(settings(id));
    } else if (auto* p = qobject_cast<PostprocessPlugin*>(r.instance)) {
      p->applySettings(settings(id));
    }
  }
}

}  // namespace autox
