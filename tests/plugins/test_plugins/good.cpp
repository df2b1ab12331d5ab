#include "test_board.hpp"

class TestBoardGood : public TestBoardBase {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "good.json")
  Q_INTERFACES(autox::BoardPlugin)
};

#include "good.moc"
