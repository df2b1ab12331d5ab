#include "test_board.hpp"

class TestBoardNeedsMissing : public TestBoardBase {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "needs_missing.json")
  Q_INTERFACES(autox::BoardPlugin)
};

#include "needs_missing.moc"
