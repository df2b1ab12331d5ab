// autox-studio [MODEL] [--screenshot FILE [--page NAME]] [--lang zh_CN]
//              [--list-plugins [--check-tools]]
#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QImage>
#include <QSettings>
#include <QTimer>
#include <cstdio>

#include "board_report.hpp"
#include "main_window.hpp"
#include "model_loader.hpp"
#include "plugin_manager.hpp"
#include "plugins_dialog.hpp"
#include "preview_page.hpp"
#include "studio_app.hpp"

namespace {

int printPlugins(bool withTools) {
  autox::PluginManager& plugins = studioPlugins();
  std::printf("plugin API %d; search path: %s\n", autox::kPluginApiVersion,
              qPrintable(plugins.searchPath().join(QStringLiteral(" : "))));
  for (const autox::PluginRecord& r : plugins.plugins()) {
    std::printf("%-22s %-9s %-8s %-9s %s\n", qPrintable(r.id), qPrintable(r.kind),
                qPrintable(r.version), qPrintable(r.stateText()),
                qPrintable(r.reason.isEmpty() ? r.path : r.reason));
    if (withTools && r.instance)
      if (auto* board = qobject_cast<autox::BoardPlugin*>(r.instance))
        std::printf("%s\n", qPrintable(autox::boardReport(*board, QString())));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("AutoX"));
  QApplication::setApplicationName(QStringLiteral("Auto-X Studio"));
  QApplication::setApplicationVersion(QString::fromLatin1(axe::engine_version()));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Auto-X Studio: look inside a neural network model."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("model"),
                               QStringLiteral("ONNX or .axm model to open"),
                               QStringLiteral("[MODEL]"));
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QStringLiteral("Render a page to a PNG file and exit."),
                                QStringLiteral("FILE"));
  QCommandLineOption page(QStringLiteral("page"),
                          QStringLiteral("Page for --screenshot: ") +
                              MainWindow::pageNames().join(QStringLiteral(", ")),
                          QStringLiteral("NAME"), QStringLiteral("graph"));
  QCommandLineOption lang(QStringLiteral("lang"),
                          QStringLiteral("Language (en, zh_CN); default: the setting."),
                          QStringLiteral("LANG"));
  QCommandLineOption shape(
      QStringLiteral("shape"),
      QStringLiteral("Shape of the first input, e.g. 1x3x48x320 (binds unknown dimensions)."),
      QStringLiteral("SHAPE"));
  QCommandLineOption original(
      QStringLiteral("original"),
      QStringLiteral("Show the graph as the file has it (no engine passes)."));
  QCommandLineOption listPlugins(
      QStringLiteral("list-plugins"),
      QStringLiteral("Print the plugins found (state, version, path or why skipped) and exit."));
  QCommandLineOption checkTools(
      QStringLiteral("check-tools"),
      QStringLiteral("With --list-plugins: each board's tools and the commands it would run."));
  QCommandLineOption source(
      QStringLiteral("source"),
      QStringLiteral("Live preview source: camera index, video file, image folder, stream URL or "
                     "'demo' (default: the first camera, else the bundled demo clip)."),
      QStringLiteral("SOURCE"));
  parser.addOptions({screenshot, page, lang, shape, original, listPlugins, checkTools, source});
  parser.process(app);
  if (parser.isSet(listPlugins)) return printPlugins(parser.isSet(checkTools));

  installStudioTranslations(app, parser.value(lang));
  MainWindow window;
  const QStringList args = parser.positionalArguments();
  if (parser.isSet(source)) window.previewPage()->setSource(parser.value(source));
  if (parser.isSet(original)) window.setOptimize(false);
  if (parser.isSet(shape) && !window.setInputShape(parser.value(shape))) {
    std::fprintf(stderr, "autox-studio: --shape '%s' is not a shape (e.g. 1x3x48x320)\n",
                 qPrintable(parser.value(shape)));
    return 2;
  }
  if (parser.isSet(screenshot)) {
    if (!MainWindow::pageNames().contains(parser.value(page))) {
      std::fprintf(stderr, "autox-studio: unknown page '%s' (one of %s)\n",
                   qPrintable(parser.value(page)),
                   qPrintable(MainWindow::pageNames().join(QStringLiteral(", "))));
      return 2;
    }
    window.resize(1600, 1000);
    window.show();
    if (!args.isEmpty()) {
      QEventLoop loop;
      QString error;
      QObject::connect(window.loader(), &ModelLoader::loadReady, &loop, &QEventLoop::quit);
      QObject::connect(window.loader(), &ModelLoader::loadFailed, &loop,
                       [&](const QString&, const QString& message) {
                         error = message;
                         loop.quit();
                       });
      window.openFile(args.first());
      if (window.loader()->isBusy()) loop.exec();
      if (!error.isEmpty() || !window.document()) {
        std::fprintf(
            stderr, "autox-studio: %s\n",
            qPrintable(error.isEmpty() ? QStringLiteral("cannot open ") + args.first() : error));
        return 1;
      }
    }
    const QImage image = grabStudioPage(window, parser.value(page));
    if (!image.save(parser.value(screenshot))) {
      std::fprintf(stderr, "autox-studio: cannot write %s\n", qPrintable(parser.value(screenshot)));
      return 1;
    }
    return 0;
  }
  window.show();
  if (!args.isEmpty()) window.openFile(args.first());
  // First launch (or --page preview): the live preview, on the bundled FastestDet (or the model
  // given) and the first camera (or the bundled demo clip).
  if (parser.isSet(page))
    window.showPage(parser.value(page));
  else if (args.isEmpty() && !QSettings().value(QStringLiteral("preview/seen")).toBool())
    window.showPage(QStringLiteral("preview"));
  return app.exec();
}
