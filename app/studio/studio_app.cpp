#include "studio_app.hpp"

#include <QApplication>
#include <QEvent>
#include <QImage>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>
#include <memory>

#include "main_window.hpp"
#include "preview_page.hpp"

namespace {
QTranslator* qtTranslator = nullptr;
QTranslator* studioTranslator = nullptr;
}  // namespace

bool switchStudioLanguage(const QString& language) {
  for (QTranslator** t : {&qtTranslator, &studioTranslator}) {
    if (*t) {
      QCoreApplication::removeTranslator(*t);
      delete *t;
      *t = nullptr;
    }
  }
  if (language.isEmpty() || language == QLatin1String("en")) {
    // Removing the translators already sent LanguageChange; send one for the case where none
    // was installed, so that the result does not depend on the previous state.
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
    return true;
  }
  auto qt = std::make_unique<QTranslator>();
  if (qt->load(QStringLiteral("qtbase_") + language,
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    qtTranslator = qt.release();
    QCoreApplication::installTranslator(qtTranslator);
  }
  auto studio = std::make_unique<QTranslator>();
  if (!studio->load(QStringLiteral(":/i18n/autox-studio_") + language)) return false;
  studioTranslator = studio.release();
  QCoreApplication::installTranslator(studioTranslator);
  return true;
}

void installStudioTranslations(QApplication& app, const QString& language) {
  (void)app;
  const QString lang =
      language.isEmpty()
          ? QSettings().value(QStringLiteral("language"), QStringLiteral("en")).toString()
          : language;
  if (lang == QLatin1String("en")) return;
  switchStudioLanguage(lang);
}

QImage grabStudioPage(MainWindow& window, const QString& page) {
  const DocumentPtr& doc = window.document();
  if (doc && !doc->layers.empty()) {
    int best = 0;
    for (size_t i = 0; i < doc->layers.size(); ++i)
      if (doc->layers[i].macs > doc->layers[static_cast<size_t>(best)].macs)
        best = static_cast<int>(i);
    window.selectNode(best);
  }
  window.showPage(page);
  // The live preview shows what it runs: wait for the model and a few painted frames.
  if (page == QLatin1String("preview")) window.previewPage()->runUntilPainted(10, 30000);
  for (int i = 0; i < 5; ++i) QApplication::processEvents();
  return window.pageWidget(page)->grab().toImage();
}
