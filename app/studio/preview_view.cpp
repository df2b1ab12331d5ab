#include "preview_view.hpp"

#include <QPainter>
#include <QPainterPath>

QColor classColor(int classId) {
  // Golden-angle hues: neighbouring class ids get distinct colours.
  const int hue = static_cast<int>((static_cast<unsigned>(classId + 1) * 137u) % 360u);
  return QColor::fromHsv(hue, 230, 255);
}

PreviewView::PreviewView(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(320, 240);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PreviewView::showFrame(const LiveFrame& frame) {
  frame_ = frame;
  newFrame_ = true;
  update();
}

void PreviewView::clearFrame() {
  frame_ = {};
  newFrame_ = false;
  update();
}

void PreviewView::setPlaceholder(const QString& text) {
  placeholder_ = text;
  if (!hasFrame()) update();
}

void PreviewView::setFiguresLine(const QString& text) {
  figures_ = text;
}

void PreviewView::drawOverlays(QPainter& p, const QRectF& target, double scale) const {
  const double line = std::max(2.0, 2.0 * scale / std::max(scale, 1.0));
  QFont font = p.font();
  font.setPixelSize(std::max(11, static_cast<int>(13 * std::min(1.5, std::max(0.8, scale)))));
  font.setBold(true);
  p.setFont(font);
  const QFontMetrics fm(font);
  const auto map = [&](float x, float y) {
    return QPointF(target.left() + x * scale, target.top() + y * scale);
  };
  for (const autox::post::Detection& d : frame_.result.detections) {
    const QColor color = classColor(d.classId);
    p.setPen(QPen(color, line));
    p.setBrush(Qt::NoBrush);
    if (d.polygon.size() >= 3) {
      QPolygonF poly;
      for (const autox::post::Point& q : d.polygon) poly << map(q.x, q.y);
      p.drawPolygon(poly);
    } else {
      p.drawRect(QRectF(map(d.x1, d.y1), map(d.x2, d.y2)));
    }
    QString caption =
        d.text.empty()
            ? QStringLiteral("%1 %2").arg(QString::fromStdString(d.label)).arg(d.score, 0, 'f', 2)
            : QString::fromStdString(d.text);
    const QPointF at = map(d.x1, d.y1);
    const QRectF box(at.x(), std::max(target.top(), at.y() - fm.height() - 2),
                     fm.horizontalAdvance(caption) + 8, fm.height() + 2);
    p.fillRect(box, QColor(color.red(), color.green(), color.blue(), 200));
    p.setPen(Qt::black);
    p.drawText(box.adjusted(4, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, caption);
  }
  if (!frame_.result.classes.empty()) {
    double y = target.top() + 8;
    for (const autox::post::Classification& c : frame_.result.classes) {
      const QString caption =
          QStringLiteral("%1  %2").arg(QString::fromStdString(c.label)).arg(c.score, 0, 'f', 3);
      const QRectF box(target.left() + 8, y, fm.horizontalAdvance(caption) + 10, fm.height() + 4);
      p.fillRect(box, QColor(0, 0, 0, 170));
      p.setPen(classColor(c.classId));
      p.drawText(box.adjusted(5, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, caption);
      y += box.height() + 2;
    }
  }
}

void PreviewView::paintEvent(QPaintEvent*) {
  QElapsedTimer timer;
  timer.start();
  QPainter p(this);
  p.fillRect(rect(), QColor(24, 24, 28));
  if (frame_.image.isNull()) {
    p.setPen(QColor(200, 200, 200));
    p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
    return;
  }
  const QSizeF image = frame_.image.size();
  const double scale = std::min(width() / image.width(), height() / image.height());
  const QSizeF size = image * scale;
  const QRectF target((width() - size.width()) / 2, (height() - size.height()) / 2, size.width(),
                      size.height());
  p.drawImage(target, frame_.image);
  p.setRenderHint(QPainter::Antialiasing);
  drawOverlays(p, target, scale);
  if (!figures_.isEmpty()) {
    QFont font = p.font();
    font.setBold(false);
    font.setPixelSize(12);
    p.setFont(font);
    const QFontMetrics fm(font);
    const QRectF box(target.left(), target.bottom() - fm.height() - 6,
                     fm.horizontalAdvance(figures_) + 12, fm.height() + 6);
    p.fillRect(box, QColor(0, 0, 0, 160));
    p.setPen(QColor(235, 235, 235));
    p.drawText(box.adjusted(6, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, figures_);
  }
  p.end();
  if (newFrame_) {
    newFrame_ = false;
    emit framePainted(static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
}

QImage PreviewView::render() const {
  QImage out = frame_.image.convertToFormat(QImage::Format_RGB32);
  if (out.isNull()) return out;
  QPainter p(&out);
  p.setRenderHint(QPainter::Antialiasing);
  drawOverlays(p, QRectF(QPointF(0, 0), QSizeF(out.size())), 1.0);
  return out;
}
