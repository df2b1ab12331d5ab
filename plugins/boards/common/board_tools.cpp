#include "board_tools.hpp"

#include <QFileInfo>
#include <QProcess>
#include <QSerialPortInfo>
#include <QStandardPaths>

namespace autox {

ToolStatus probeTool(const QStringList& names, const QStringList& versionArgs,
                     const QString& purpose, const QString& howToGet, bool required,
                     const QStringList& extraDirs) {
  ToolStatus t;
  t.name = names.value(0);
  t.purpose = purpose;
  t.howToGet = howToGet;
  t.required = required;
  for (const QString& name : names) {
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty() && !extraDirs.isEmpty())
      path = QStandardPaths::findExecutable(name, extraDirs);
    if (path.isEmpty()) continue;
    t.name = name;
    t.path = path;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(path, versionArgs);
    if (p.waitForFinished(5000)) {
      for (const QString& line : QString::fromLocal8Bit(p.readAll()).split(u'\n')) {
        if (!line.trimmed().isEmpty()) {
          t.version = line.trimmed();
          break;
        }
      }
    } else {
      p.kill();
      p.waitForFinished(1000);
      t.version = QStringLiteral("(did not answer %1 within 5 s)").arg(versionArgs.join(u' '));
    }
    break;
  }
  return t;
}

ToolStatus agentPortStatus(const QString& name, const QString& dir, const QString& purpose,
                           const QString& howToGet) {
  ToolStatus t;
  t.name = name;
  t.purpose = purpose;
  t.path = QFileInfo::exists(dir + QStringLiteral("/CMakeLists.txt")) ? dir : QString();
  t.version = t.path.isEmpty() ? QString() : QStringLiteral("present");
  t.howToGet = howToGet;
  return t;
}

QList<BoardCandidate> serialBoards(const QList<UsbId>& ids, int baud) {
  QList<BoardCandidate> out;
  for (const QSerialPortInfo& port : QSerialPortInfo::availablePorts()) {
    if (!port.hasVendorIdentifier() || !port.hasProductIdentifier()) continue;
    for (const UsbId& id : ids) {
      if (port.vendorIdentifier() != id.vid || port.productIdentifier() != id.pid) continue;
      BoardCandidate c;
      c.uri = QStringLiteral("serial:%1?baud=%2").arg(port.systemLocation()).arg(baud);
      c.description = QStringLiteral("%1 (%2:%3) on %4")
                          .arg(QString::fromLatin1(id.what))
                          .arg(id.vid, 4, 16, QLatin1Char('0'))
                          .arg(id.pid, 4, 16, QLatin1Char('0'))
                          .arg(port.systemLocation());
      out << c;
    }
  }
  return out;
}

}  // namespace autox
