// The plugin host: two-phase start-up over real plugin libraries (the in-tree boards and test
// plugins with bad metadata), the list model, settings, and the boards' planned commands.
#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "autox/plugin.hpp"
#include "board_report.hpp"
#include "plugin_list_model.hpp"
#include "plugin_manager.hpp"

using autox::PluginManager;
using autox::PluginRecord;

class PluginManagerTest : public QObject {
  Q_OBJECT

 private:
  autox::PluginContext context() const {
    autox::PluginContext c;
    c.appVersion = QStringLiteral("test");
    c.engineVersion = QStringLiteral("test");
    c.protocolVersion = 1;
    return c;
  }
  const PluginRecord& record(const PluginManager& m, const QString& id) {
    const PluginRecord* r = m.find(id);
    if (!r) qFatal("no record for %s", qPrintable(id));
    return *r;
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("AutoXTest"));
    QCoreApplication::setApplicationName(QStringLiteral("plugin_manager_test"));
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
  }

  void inTreeBoardsLoad() {
    PluginManager m;
    m.setSearchPath({QStringLiteral(AXE_BOARD_PLUGIN_DIR)});
    m.loadAll(context());
    for (const char* id : {"board.sim", "board.qemu", "board.esp32s3", "board.stm32"}) {
      const PluginRecord& r = record(m, QString::fromLatin1(id));
      QCOMPARE(r.stateText(), QStringLiteral("loaded"));
      QVERIFY2(r.instance, id);
    }
    QCOMPARE(record(m, QStringLiteral("importer.onnx")).state, PluginRecord::State::kBuiltIn);
    QCOMPARE(m.boards().size(), 4);
    autox::PluginListModel model(&m);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 5);
    // sim is always offered; qemu names the machine.
    const auto sim =
        qobject_cast<autox::BoardPlugin*>(record(m, QStringLiteral("board.sim")).instance);
    QCOMPARE(sim->discover().value(0).uri, QStringLiteral("sim"));
  }

  void brokenAndIncompatiblePluginsAreListedAndSkipped() {
    QTemporaryDir dir;
    // Not a library at all, though named like one.
    QFile junk(dir.filePath(QStringLiteral("libjunk.so")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(
        "\x7f"
        "ELF but not really a shared object");
    junk.close();
    PluginManager m;
    m.setSearchPath({dir.path(), QStringLiteral(AXE_TEST_PLUGIN_DIR)});
    m.loadAll(context());
    const PluginRecord& bad = record(m, QStringLiteral("libjunk.so"));
    QCOMPARE(bad.state, PluginRecord::State::kFailed);
    QVERIFY2(bad.reason.contains(QStringLiteral("not a Qt plugin")), qPrintable(bad.reason));

    const PluginRecord& api = record(m, QStringLiteral("test.badapi"));
    QCOMPARE(api.state, PluginRecord::State::kSkipped);
    QVERIFY2(api.reason.contains(QStringLiteral("plugin API 99")), qPrintable(api.reason));
    QVERIFY(!api.instance);

    const PluginRecord& missing = record(m, QStringLiteral("test.needs-missing"));
    QCOMPARE(missing.state, PluginRecord::State::kSkipped);
    QVERIFY2(missing.reason.contains(QStringLiteral("test.nowhere, which is not installed")),
             qPrintable(missing.reason));

    const PluginRecord& newer = record(m, QStringLiteral("test.needs-newer"));
    QCOMPARE(newer.state, PluginRecord::State::kSkipped);
    QVERIFY2(newer.reason.contains(QStringLiteral("3.0 or newer, found 2.1.0")),
             qPrintable(newer.reason));

    const PluginRecord& init = record(m, QStringLiteral("test.initfail"));
    QCOMPARE(init.state, PluginRecord::State::kFailed);
    QVERIFY2(init.reason.contains(QStringLiteral("refuses to start")), qPrintable(init.reason));

    // Its library sorts before test.good's, yet it starts after it (dependency order).
    QVERIFY(record(m, QStringLiteral("test.needs-good")).instance);
    QVERIFY(record(m, QStringLiteral("test.good")).instance);
    QVERIFY(record(m, QStringLiteral("test.needs-good")).startIndex >
            record(m, QStringLiteral("test.good")).startIndex);
    QCOMPARE(m.boards().size(), 2);
  }

  void duplicateIdsKeepTheFirstOnThePath() {
    PluginManager m;
    m.setSearchPath({QStringLiteral(AXE_TEST_PLUGIN_DIR), QStringLiteral(AXE_TEST_PLUGIN_DIR)});
    m.loadAll(context());
    int good = 0, skipped = 0;
    for (const PluginRecord& r : m.plugins()) {
      if (r.id != QLatin1String("test.good")) continue;
      ++good;
      if (r.state == PluginRecord::State::kSkipped) {
        ++skipped;
        QVERIFY2(r.reason.contains(QStringLiteral("same id")), qPrintable(r.reason));
      }
    }
    QCOMPARE(good, 2);
    QCOMPARE(skipped, 1);
  }

  void settingsPersistAndReachThePlugin() {
    {
      PluginManager m;
      m.setSearchPath({QStringLiteral(AXE_TEST_PLUGIN_DIR)});
      m.loadAll(context());
      QCOMPARE(m.settings(QStringLiteral("test.good")).value(QStringLiteral("flavour")).toString(),
               QStringLiteral("plain"));
      m.setSettings(QStringLiteral("test.good"),
                    {{QStringLiteral("flavour"), QStringLiteral("spicy")}});
      auto* b = qobject_cast<autox::BoardPlugin*>(record(m, QStringLiteral("test.good")).instance);
      QCOMPARE(b->discover().value(0).description, QStringLiteral("setting=spicy"));
    }
    PluginManager again;  // a restart
    again.setSearchPath({QStringLiteral(AXE_TEST_PLUGIN_DIR)});
    again.loadAll(context());
    auto* b =
        qobject_cast<autox::BoardPlugin*>(record(again, QStringLiteral("test.good")).instance);
    QCOMPARE(b->discover().value(0).description, QStringLiteral("setting=spicy"));
  }

  void vendorBoardsPlanTheirCommands() {
    PluginManager m;
    m.setSearchPath({QStringLiteral(AXE_BOARD_PLUGIN_DIR)});
    m.loadAll(context());
    m.setSettings(QStringLiteral("board.stm32"),
                  {{QStringLiteral("board"), QStringLiteral("nucleo-h743zi")},
                   {QStringLiteral("flasher"), QStringLiteral("openocd")},
                   {QStringLiteral("source_dir"), QStringLiteral("/src/autox")}});
    auto* stm32 =
        qobject_cast<autox::BoardPlugin*>(record(m, QStringLiteral("board.stm32")).instance);
    QStringList lines;
    for (const autox::PlannedCommand& c : stm32->agentCommands(QString()))
      lines << autox::shellJoin(c.argv);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[0].contains(QStringLiteral("-DAXE_CORTEX_M_CPU=cortex-m7")),
             qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(QStringLiteral(
                 "/src/autox/engine/runtime/ports/cortex_m/toolchain-arm-none-eabi.cmake")),
             qPrintable(lines[0]));
    QVERIFY2(lines[3].startsWith(QStringLiteral(
                 "openocd -f interface/stlink.cfg -f target/stm32h7x.cfg -c 'program ")),
             qPrintable(lines[3]));
    // Tools are probed for real: cmake is on this machine, so it has a path and a version.
    bool sawCmake = false;
    for (const autox::ToolStatus& t : stm32->checkTools()) {
      if (t.name != QLatin1String("cmake")) continue;
      sawCmake = true;
      QVERIFY(!t.path.isEmpty());
      QVERIFY2(t.version.startsWith(QStringLiteral("cmake version")), qPrintable(t.version));
    }
    QVERIFY(sawCmake);

    auto* esp =
        qobject_cast<autox::BoardPlugin*>(record(m, QStringLiteral("board.esp32s3")).instance);
    const QList<autox::PlannedCommand> espCmds = esp->agentCommands(QStringLiteral("/dev/ttyUSB3"));
    QCOMPARE(espCmds.size(), 3);
    const QString flash = autox::shellJoin(espCmds[2].argv);
    QVERIFY2(flash.startsWith(
                 QStringLiteral("esptool.py --chip esp32s3 --port /dev/ttyUSB3 --baud 921600")),
             qPrintable(flash));
    QVERIFY2(flash.contains(QStringLiteral(" 0x10000 ")), qPrintable(flash));
    const QString report = autox::boardReport(*esp, QStringLiteral("/dev/ttyUSB3"));
    QVERIFY2(report.contains(QStringLiteral("To get it:")) ||
                 !report.contains(QStringLiteral("[missing]")),
             qPrintable(report));
  }
};

QTEST_GUILESS_MAIN(PluginManagerTest)
#include "plugin_manager_test.moc"
