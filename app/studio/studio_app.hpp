// Application set-up shared by main() and the tests: organisation names, translations.
#pragma once

#include <QString>

class QApplication;
class QImage;
class MainWindow;

// Installs the Qt and studio translators for `language` ("en", "zh_CN"; empty = the setting).
void installStudioTranslations(QApplication& app, const QString& language);

// Replaces the installed Qt and studio translators with those of `language` ("en": none); Qt then
// sends QEvent::LanguageChange through every widget, which retranslate. False when the studio
// has no translation for `language`.
bool switchStudioLanguage(const QString& language);

// Shows `page` with a representative node selected (the one with the most MACs) and grabs the
// whole window. The document must be loaded.
QImage grabStudioPage(MainWindow& window, const QString& page);
