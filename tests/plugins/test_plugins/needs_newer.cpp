#include "test_board.hpp"

class TestBoardNeedsNewer : public TestBoardBase {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "needs_newer.json")
  Q_INTERFACES(autox::BoardPlugin)
};

#include "needs_newer.moc"
