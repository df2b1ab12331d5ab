// A minimal board plugin for the plugin manager's tests; each test plugin differs only in its
// metadata (and TestBoardInitFails in initialize()).
#pragma once

#include <QObject>

#include "autox/plugin.hpp"

class TestBoardBase : public QObject, public autox::BoardPlugin {
 public:
  bool initialize(const autox::PluginContext&, QString*) override { return true; }
  void applySettings(const QVariantMap& values) override { settings_ = values; }
  QList<autox::BoardCandidate> discover() override {
    return {{QStringLiteral("tcp:127.0.0.1:1"),
             QStringLiteral("setting=") + settings_.value(QStringLiteral("flavour")).toString(),
             true}};
  }
  QList<autox::ToolStatus> checkTools() override { return {}; }
  QList<autox::PlannedCommand> agentCommands(const QString&) override { return {}; }

 private:
  QVariantMap settings_;
};
