// Helpers the in-tree board plugins share: probing external tools and finding serial ports by
// USB VID:PID. (Out-of-tree plugins only need the SDK header.)
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include "autox/plugin.hpp"

namespace autox {

// Looks for the first of `names` on PATH (and in `extraDirs`), runs it with `versionArgs` (5 s
// at most) and keeps the first non-empty output line as the version.
ToolStatus probeTool(const QStringList& names, const QStringList& versionArgs,
                     const QString& purpose, const QString& howToGet, bool required = true,
                     const QStringList& extraDirs = {});

// The agent port's sources a build needs: present when DIR/CMakeLists.txt exists.
ToolStatus agentPortStatus(const QString& name, const QString& dir, const QString& purpose,
                           const QString& howToGet);

struct UsbId {
  quint16 vid = 0, pid = 0;
  const char* what = "";  // "ESP32-S3 USB-Serial/JTAG"
};
// Serial ports whose USB VID:PID is in `ids`, as device-link URIs at `baud`.
QList<BoardCandidate> serialBoards(const QList<UsbId>& ids, int baud);

}  // namespace autox
