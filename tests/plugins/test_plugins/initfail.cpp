#include "test_board.hpp"

class TestBoardInitfail : public TestBoardBase {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "initfail.json")
  Q_INTERFACES(autox::BoardPlugin)
  bool initialize(const autox::PluginContext&, QString* error) override {
    *error = QStringLiteral("the test board refuses to start");
    return false;
  }
};

#include "initfail.moc"
