#include "cmd_runs_store.hpp"

#include <iostream>

#ifdef AXE_HAVE_HISTORY
#include <QJsonDocument>
#include <QStringList>

#include "run_history.hpp"
#endif

namespace autox {

long long store_in_history(nlohmann::ordered_json* profile, const std::vector<std::string>& tags) {
#ifdef AXE_HAVE_HISTORY
  RunHistory history;
  if (!history.open()) {
    std::cerr << "autox: warning: the run was not stored: " << history.errorString().toStdString()
              << "\n";
    return 0;
  }
  if (!history.recoveryMessage().isEmpty())
    std::cerr << "autox: warning: " << history.recoveryMessage().toStdString() << "\n";
  const QJsonObject doc =
      QJsonDocument::fromJson(QByteArray::fromStdString(profile->dump())).object();
  QStringList qtags;
  for (const std::string& t : tags) qtags << QString::fromStdString(t);
  const qint64 id = history.add(doc, qtags);
  if (!id) {
    std::cerr << "autox: warning: the run was not stored: " << history.errorString().toStdString()
              << "\n";
    return 0;
  }
  (*profile)["history_id"] = id;
  return id;
#else
  (void)profile;
  (void)tags;
  return 0;
#endif
}

}  // namespace autox
