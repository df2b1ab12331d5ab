// The Generate page: text from a tiny language model (a llama2.c checkpoint and its tokenizer),
// streamed as it is produced, with tokens/s and memory (arena = KV cache + activations,
// weights). Generation runs on a worker thread; pieces come back through pieceReady().
#pragma once

#include <QStringDecoder>
#include <QWidget>
#include <atomic>
#include <memory>

#include "axe/llm.hpp"

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QThread;

// What one generation produced, for the GUI thread.
struct GenerateResult {
  axe::GenerateStats stats;
  qint64 arenaBytes = 0;
  qint64 lowerBoundBytes = 0;
  qint64 kvCacheBytes = 0;
  qint64 weightBytes = 0;
  QString modelSummary;
};

class GeneratePage : public QWidget {
  Q_OBJECT
 public:
  explicit GeneratePage(QWidget* parent = nullptr);
  ~GeneratePage() override;

  void setModelFiles(const QString& checkpoint, const QString& tokenizer);
  void setSampling(double temperature, double topp, int steps, quint64 seed);
  void setPrompt(const QString& prompt);
  QString text() const;
  QString statsText() const;
  bool isRunning() const { return worker_ != nullptr; }

 public slots:
  void start();
  void stop();

 signals:
  void pieceReady(const QByteArray& piece);
  void generationReady(const GenerateResult& result);
  void generationFailed(const QString& message);

 private:
  void onPiece(const QByteArray& piece);
  void onReady(const GenerateResult& result);
  void onFailed(const QString& message);
  void updateButtons();
  QString browse(const QString& title, QLineEdit* edit);

  QLineEdit* model_;
  QLineEdit* tokenizer_;
  QLineEdit* prompt_;
  QSpinBox* steps_;
  QDoubleSpinBox* temperature_;
  QDoubleSpinBox* topp_;
  QLineEdit* seed_;
  QPushButton* generate_;
  QPushButton* stop_;
  QPlainTextEdit* output_;
  QLabel* stats_;
  QLabel* memory_;
  QThread* worker_ = nullptr;
  std::atomic<bool> stopRequested_{false};
  std::shared_ptr<axe::LanguageModel> model_cache_;
  QString cachedPaths_;
  QStringDecoder decoder_{QStringDecoder::Utf8};
  qint64 pieces_ = 0;
  qint64 startedMs_ = 0;
};
