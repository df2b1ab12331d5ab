#include "test_board.hpp"

class TestBoardBadapi : public TestBoardBase {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID AutoXBoardPlugin_iid FILE "badapi.json")
  Q_INTERFACES(autox::BoardPlugin)
};

#include "badapi.moc"
