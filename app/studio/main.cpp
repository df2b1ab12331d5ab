// autox-studio [MODEL] [--screenshot FILE [--page NAME]] [--lang zh_CN]
#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QImage>
#include <QTimer>
#include <cstdio>

#include "main_window.hpp"
#include "model_loader.hpp"
#include "studio_app.hpp"

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
  parser.addOptions({screenshot, page, lang, shape, original});
  parser.process(app);

  installStudioTranslations(app, parser.value(lang));
  MainWindow window;
  const QStringList args = parser.positionalArguments();
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
  return app.exec();
}
