#include "test_board.hpp"

class TestBoardNeedsGood : public TestBoardBase {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "needs_good.json")
  Q_INTERFACES(autox::BoardPlugin)
};

#include "needs_good.moc"
