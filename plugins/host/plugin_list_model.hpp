// The plugin list for the studio's Plugins dialog: one row per plugin found (loaded, built in,
// skipped or failed), with the reason for the last two.
#pragma once

#include <QAbstractTableModel>

#include "plugin_manager.hpp"

namespace autox {

class PluginListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kName, kId, kVersion, kKind, kState, kDetails, kColumnCount };
  explicit PluginListModel(const PluginManager* manager, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  const PluginRecord* record(int row) const;

 private:
  const PluginManager* manager_;
};

}  // namespace autox
