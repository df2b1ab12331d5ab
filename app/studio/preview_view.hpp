// The live preview's video: the newest frame scaled to fit, with boxes, labels and scores (text
// lines as polygons with their text, a classifier's top-k as a list), and a small figures line.
// It only paints; the frame comes from LiveSession. Each new frame's paint time is reported.
#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include "live_session.hpp"

class PreviewView : public QWidget {
  Q_OBJECT
 public:
  explicit PreviewView(QWidget* parent = nullptr);
  void showFrame(const LiveFrame& frame);
  void clearFrame();
  const LiveFrame& frame() const { return frame_; }
  bool hasFrame() const { return !frame_.image.isNull(); }
  // The frame at its own resolution with the overlays (snapshots).
  QImage render() const;
  void setPlaceholder(const QString& text);
  void setFiguresLine(const QString& text);

 signals:
  // A new frame was painted, taking `paintMs` (QPainter work of this paintEvent).
  void framePainted(double paintMs);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void drawOverlays(QPainter& p, const QRectF& target, double scale) const;

  LiveFrame frame_;
  bool newFrame_ = false;
  QString placeholder_, figures_;
};

// A stable colour per class id.
QColor classColor(int classId);
