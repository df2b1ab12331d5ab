#include "plugin_list_model.hpp"

#include <QBrush>
#include <QColor>

namespace autox {

PluginListModel::PluginListModel(const PluginManager* manager, QObject* parent)
    : QAbstractTableModel(parent), manager_(manager) {
  connect(manager, &PluginManager::pluginsChanged, this, [this] {
    beginResetModel();
    endResetModel();
  });
}

int PluginListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(manager_->plugins().size());
}

int PluginListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

const PluginRecord* PluginListModel::record(int row) const {
  if (row < 0 || row >= manager_->plugins().size()) return nullptr;
  return &manager_->plugins()[row];
}

QVariant PluginListModel::data(const QModelIndex& index, int role) const {
  const PluginRecord* r = index.isValid() ? record(index.row()) : nullptr;
  if (!r) return {};
  const bool broken =
      r->state == PluginRecord::State::kSkipped || r->state == PluginRecord::State::kFailed;
  if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
    switch (index.column()) {
      case kName:
        return r->name;
      case kId:
        return r->id;
      case kVersion:
        return r->version;
      case kKind:
        return r->kind;
      case kState:
        return r->stateText();
      case kDetails:
        return broken ? r->reason : (r->path.isEmpty() ? tr("part of the app") : r->path);
      default:
        return {};
    }
  }
  if (role == Qt::ForegroundRole && index.column() == kState && broken)
    return QBrush(QColor(0xb0, 0x30, 0x20));
  return {};
}

QVariant PluginListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case kName:
      return tr("Name");
    case kId:
      return tr("Id");
    case kVersion:
      return tr("Version");
    case kKind:
      return tr("Kind");
    case kState:
      return tr("State");
    case kDetails:
      return tr("Details");
    default:
      return {};
  }
}

}  // namespace autox
