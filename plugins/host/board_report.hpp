// A board plugin's state as text: boards found, tools (present with version, or missing with
// what to do) and the exact commands it would run. For the studio and `--list-plugins`.
#pragma once

#include <QString>
#include <QStringList>

#include "autox/plugin.hpp"

namespace autox {

// "prog arg 'arg with space'": a command line as a user would type it.
QString shellJoin(const QStringList& argv);
QString boardReport(BoardPlugin& board, const QString& port);

}  // namespace autox
