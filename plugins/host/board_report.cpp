#include "board_report.hpp"

#include <QCoreApplication>
#include <QRegularExpression>

namespace autox {

QString shellJoin(const QStringList& argv) {
  static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
  QStringList quoted;
  for (const QString& a : argv) {
    if (plain.match(a).hasMatch()) {
      quoted << a;
    } else {
      QString q = a;
      q.replace(QLatin1String("'"), QLatin1String("'\\''"));
      quoted << QLatin1Char('\'') + q + QLatin1Char('\'');
    }
  }
  return quoted.join(u' ');
}

QString boardReport(BoardPlugin& board, const QString& port) {
  const auto tr = [](const char* text) { return QCoreApplication::translate("BoardReport", text); };
  QString out = tr("Boards found:") + u'\n';
  const QList<BoardCandidate> found = board.discover();
  if (found.isEmpty()) out += QStringLiteral("  ") + tr("(none attached)") + u'\n';
  for (const BoardCandidate& c : found)
    out += QStringLiteral("  %1  %2%3\n")
               .arg(c.uri, c.description, c.ready ? QString() : tr(" (not ready)"));
  out += tr("Tools:") + u'\n';
  bool missing = false;
  for (const ToolStatus& t : board.checkTools()) {
    if (t.path.isEmpty()) {
      missing = missing || t.required;
      out += QStringLiteral("  [%1] %2 — %3. %4\n")
                 .arg(t.required ? tr("missing") : tr("optional, missing"), t.name, t.purpose,
                      tr("To get it: %1").arg(t.howToGet));
    } else {
      out += QStringLiteral("  [ok] %1 %2 (%3) — %4\n").arg(t.name, t.version, t.path, t.purpose);
    }
  }
  const QList<PlannedCommand> commands = board.agentCommands(port);
  if (!commands.isEmpty()) {
    out += (missing ? tr("Commands it would run (cannot yet: a required tool is missing):")
                    : tr("Commands it runs:")) +
           u'\n';
    for (const PlannedCommand& c : commands)
      out += QStringLiteral("  # %1\n  %2%3\n")
                 .arg(c.purpose,
                      c.workingDir.isEmpty() ? QString()
                                             : QStringLiteral("cd ") + shellJoin({c.workingDir}) +
                                                   QStringLiteral(" && "),
                      shellJoin(c.argv));
  }
  return out;
}

}  // namespace autox
