// The welcome page: open a model, recent files, the sample models bundled with the app.
#pragma once

#include <QWidget>

class QListWidget;
class QLabel;
class QPushButton;

class WelcomePage : public QWidget {
  Q_OBJECT
 public:
  explicit WelcomePage(QWidget* parent = nullptr);
  void setRecentFiles(const QStringList& files);
  void setSampleFiles(const QStringList& files);

 signals:
  void openRequested(const QString& path);
  void openDialogRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QLabel *title_, *recentTitle_, *samplesTitle_;
  QPushButton* open_;
  QStringList recentFiles_, sampleFiles_;
  QListWidget* recent_;
  QListWidget* samples_;
};
