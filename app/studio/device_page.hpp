// The Device page: boards found (serial ports, the simulated board, QEMU) and a manual port
// field, connect, the board's facts and model slots, one-click Flash of the open model (an ONNX
// model is converted to .axm first) with progress, speed, ETA and cancel, and a run on the
// board with its outputs compared to the host engine's. The link runs in a DeviceWorker thread.
#pragma once

#include <QWidget>

#include "device_worker.hpp"

class QLabel;
class QLineEdit;
class QComboBox;
class QPushButton;
class QProgressBar;
class QTreeWidget;
class QTableWidget;
class QGroupBox;
class QThread;

class DevicePage : public QWidget {
  Q_OBJECT
 public:
  explicit DevicePage(QWidget* parent = nullptr);
  ~DevicePage() override;

  void setDocument(const DocumentPtr& document);
  // The board URI in the port field: sim, qemu, serial:/dev/ttyUSB0?baud=921600, tcp:HOST:PORT.
  void setUri(const QString& uri);
  QString uri() const;
  void connectBoard();
  void disconnectBoard();
  void flash();
  void cancelFlash();
  void runOnBoard();
  void refreshBoards();

  bool isConnected() const { return connected_; }
  bool isBusy() const { return busy_; }
  DeviceWorker* worker() const { return worker_; }
  QTreeWidget* boardList() const { return boards_; }
  QTreeWidget* factsTree() const { return facts_; }
  QTableWidget* comparisonTable() const { return comparison_; }
  QString flashText() const;  // the speed / ETA / result line
  QString linkText() const;   // the link counters line

 signals:
  void logMessage(const QString& text);
  void errorMessage(const QString& text);

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  void retranslate();  // fixed texts, then the three views below
  void updateFacts();
  void updateFlashText();
  void updateRun();
  void updateButtons();
  void showFacts(const BoardFacts& facts);
  void showProgress(const FlashStatus& status);
  void showFlashed(const FlashSummary& summary, const BoardFacts& facts);
  void showComparison(const RunComparison& comparison);
  void showBoards(const QList<BoardEntry>& boards);

  QThread* thread_;
  class QTimer* rescan_;
  DeviceWorker* worker_;
  DocumentPtr document_;
  bool connected_ = false, busy_ = false, flashing_ = false;
  bool haveFacts_ = false, haveFlash_ = false, haveRun_ = false;
  BoardFacts facts0_;
  FlashStatus lastStatus_;
  FlashSummary lastFlash_;
  qint64 cancelledAt_ = -1, cancelledTotal_ = 0;
  RunComparison lastRun_;
  QString inputDir_;

  QGroupBox *boardBox_, *factsBox_, *modelBox_, *runBox_, *linkBox_;
  QLabel* linkStats_;
  class QPlainTextEdit* trace_;
  QTreeWidget* boards_;
  QPushButton* refresh_;
  QLabel *uriLabel_, *baudLabel_, *state_;
  QLineEdit* uriEdit_;
  QComboBox* baud_;
  QPushButton *connect_, *disconnect_;
  QTreeWidget* facts_;
  QLabel* model_;
  QPushButton *flash_, *cancel_;
  QProgressBar* progress_;
  QLabel* speed_;
  QPushButton *run_, *chooseInputs_;
  QLabel* inputs_;
  QTableWidget* comparison_;
  QLabel* runInfo_;
};
