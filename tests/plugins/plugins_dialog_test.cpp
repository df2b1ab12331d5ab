// Settings > Plugins and Help > About: the dialog lists every plugin, draws the selected
// plugin's settings from its metadata, saves them, and shows a board's tools and commands.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

#include "plugin_manager.hpp"
#include "plugins_dialog.hpp"

class PluginsDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AutoXTest"));
    QCoreApplication::setApplicationName(QStringLiteral("plugins_dialog_test"));
    QSettings().clear();
  }

  void rendersSettingsAndTools() {
    autox::PluginManager m;
    m.setSearchPath({QStringLiteral(AXE_BOARD_PLUGIN_DIR)});
    m.loadAll({});
    PluginsDialog dialog(m);
    dialog.resize(1100, 700);
    dialog.show();
    QAbstractItemModelTester tester(dialog.table()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    int stm32 = -1;
    for (int row = 0; row < dialog.table()->model()->rowCount(); ++row)
      if (dialog.table()->model()->index(row, 1).data().toString() == QLatin1String("board.stm32"))
        stm32 = row;
    QVERIFY(stm32 >= 0);
    dialog.table()->selectRow(stm32);
    auto* board = dialog.findChild<QComboBox*>(QStringLiteral("board"));
    QVERIFY2(board, "the 'board' choice setting is drawn as a combo box");
    QCOMPARE(board->count(), 4);
    board->setCurrentText(QStringLiteral("disco-f746g"));
    auto* apply = dialog.findChild<QPushButton*>();
    for (QPushButton* b : dialog.findChildren<QPushButton*>())
      if (b->text() == QLatin1String("Apply settings")) apply = b;
    apply->click();
    QCOMPARE(m.settings(QStringLiteral("board.stm32")).value(QStringLiteral("board")).toString(),
             QStringLiteral("disco-f746g"));
    dialog.checkTools();
    const QString report = dialog.findChild<QPlainTextEdit*>()->toPlainText();
    QVERIFY2(report.contains(QStringLiteral("target/stm32f7x.cfg")) ||
                 report.contains(QStringLiteral("st-flash --reset write")),
             qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("arm-none-eabi-gcc")), qPrintable(report));
    for (int i = 0; i < 5; ++i) QApplication::processEvents();
    const QString png = QStringLiteral(AXE_SCREENSHOT_DIR "/plugins_dialog.png");
    QVERIFY(dialog.grab().save(png));

    const QString about = studioAboutText(m);
    QVERIFY2(about.contains(QStringLiteral("device-link protocol 1")), qPrintable(about));
    QVERIFY2(about.contains(QStringLiteral("STM32 Nucleo / Discovery")), qPrintable(about));
  }
};

QTEST_MAIN(PluginsDialogTest)
#include "plugins_dialog_test.moc"
