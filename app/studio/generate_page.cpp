#include "generate_page.hpp"

#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace {
QString kib(qint64 bytes) {
  return QStringLiteral("%1 KiB").arg(static_cast<double>(bytes) / 1024.0, 0, 'f', 1);
}
}  // namespace

GeneratePage::GeneratePage(QWidget* parent) : QWidget(parent) {
  qRegisterMetaType<GenerateResult>("GenerateResult");
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  auto fileRow = [&](QLineEdit** edit, const QString& placeholder, const QString& title) {
    auto* row = new QHBoxLayout;
    *edit = new QLineEdit(this);
    (*edit)->setPlaceholderText(placeholder);
    auto* button = new QPushButton(tr("Browse..."), this);
    QLineEdit* target = *edit;
    connect(button, &QPushButton::clicked, this, [this, target, title] { browse(title, target); });
    connect(*edit, &QLineEdit::textChanged, this, &GeneratePage::updateButtons);
    row->addWidget(*edit, 1);
    row->addWidget(button);
    return row;
  };
  form->addRow(tr("Checkpoint"), fileRow(&model_, tr("llama2.c model .bin, e.g. stories260K.bin"),
                                         tr("Open a llama2.c checkpoint")));
  form->addRow(tr("Tokenizer"), fileRow(&tokenizer_, tr("llama2.c tokenizer .bin, e.g. tok512.bin"),
                                        tr("Open a llama2.c tokenizer")));
  prompt_ = new QLineEdit(this);
  prompt_->setPlaceholderText(tr("Optional: text to start from, e.g. Once upon a time"));
  form->addRow(tr("Prompt"), prompt_);

  auto* sampling = new QHBoxLayout;
  steps_ = new QSpinBox(this);
  steps_->setRange(1, 1 << 16);
  steps_->setValue(256);
  temperature_ = new QDoubleSpinBox(this);
  temperature_->setRange(0.0, 2.0);
  temperature_->setSingleStep(0.1);
  temperature_->setValue(1.0);
  temperature_->setToolTip(tr("0 picks the most likely token (greedy, deterministic)"));
  topp_ = new QDoubleSpinBox(this);
  topp_->setRange(0.0, 1.0);
  topp_->setSingleStep(0.05);
  topp_->setValue(0.9);
  topp_->setToolTip(
      tr("Nucleus sampling: draw from the most likely tokens whose probabilities "
         "add up to this; 1 draws from all"));
  seed_ = new QLineEdit(this);
  seed_->setPlaceholderText(tr("clock"));
  seed_->setValidator(
      new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,19}")), seed_));
  seed_->setMaximumWidth(160);
  sampling->addWidget(new QLabel(tr("Steps"), this));
  sampling->addWidget(steps_);
  sampling->addSpacing(12);
  sampling->addWidget(new QLabel(tr("Temperature"), this));
  sampling->addWidget(temperature_);
  sampling->addSpacing(12);
  sampling->addWidget(new QLabel(tr("Top-p"), this));
  sampling->addWidget(topp_);
  sampling->addSpacing(12);
  sampling->addWidget(new QLabel(tr("Seed"), this));
  sampling->addWidget(seed_);
  sampling->addStretch(1);
  generate_ = new QPushButton(tr("Generate"), this);
  stop_ = new QPushButton(tr("Stop"), this);
  sampling->addWidget(generate_);
  sampling->addWidget(stop_);
  form->addRow(tr("Sampling"), sampling);
  layout->addLayout(form);

  output_ = new QPlainTextEdit(this);
  output_->setReadOnly(true);
  output_->setPlaceholderText(tr("Generated text appears here as it is produced."));
  QFont font = output_->font();
  font.setPointSizeF(font.pointSizeF() * 1.2);
  output_->setFont(font);
  layout->addWidget(output_, 1);
  stats_ = new QLabel(this);
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  memory_ = new QLabel(this);
  memory_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  memory_->setWordWrap(true);
  layout->addWidget(stats_);
  layout->addWidget(memory_);
  stats_->setText(tr("Choose a checkpoint and its tokenizer, then Generate."));

  connect(generate_, &QPushButton::clicked, this, &GeneratePage::start);
  connect(stop_, &QPushButton::clicked, this, &GeneratePage::stop);
  connect(this, &GeneratePage::pieceReady, this, &GeneratePage::onPiece, Qt::QueuedConnection);
  connect(this, &GeneratePage::generationReady, this, &GeneratePage::onReady, Qt::QueuedConnection);
  connect(this, &GeneratePage::generationFailed, this, &GeneratePage::onFailed,
          Qt::QueuedConnection);
  updateButtons();
}

GeneratePage::~GeneratePage() {
  stopRequested_ = true;
  if (worker_) worker_->wait();
}

void GeneratePage::setModelFiles(const QString& checkpoint, const QString& tokenizer) {
  model_->setText(checkpoint);
  tokenizer_->setText(tokenizer);
}

void GeneratePage::setSampling(double temperature, double topp, int steps, quint64 seed) {
  temperature_->setValue(temperature);
  topp_->setValue(topp);
  steps_->setValue(steps);
  seed_->setText(seed ? QString::number(seed) : QString());
}

void GeneratePage::setPrompt(const QString& prompt) {
  prompt_->setText(prompt);
}
QString GeneratePage::text() const {
  return output_->toPlainText();
}
QString GeneratePage::statsText() const {
  return stats_->text() + QLatin1Char('\n') + memory_->text();
}

QString GeneratePage::browse(const QString& title, QLineEdit* edit) {
  const QString path = QFileDialog::getOpenFileName(this, title, QFileInfo(edit->text()).path(),
                                                    tr("llama2.c files (*.bin);;All files (*)"));
  if (!path.isEmpty()) edit->setText(path);
  return path;
}

void GeneratePage::updateButtons() {
  const bool running = worker_ != nullptr;
  generate_->setEnabled(!running && !model_->text().isEmpty() && !tokenizer_->text().isEmpty());
  stop_->setEnabled(running);
}

void GeneratePage::start() {
  if (worker_) return;
  const QString checkpoint = model_->text(), tokenizer = tokenizer_->text();
  axe::GenerateOptions options;
  options.prompt = prompt_->text().toStdString();
  options.steps = steps_->value();
  options.temperature = static_cast<float>(temperature_->value());
  options.topp = static_cast<float>(topp_->value());
  options.seed = seed_->text().toULongLong();
  output_->clear();
  decoder_.resetState();
  pieces_ = 0;
  startedMs_ = QDateTime::currentMSecsSinceEpoch();
  stats_->setText(tr("Loading %1 ...").arg(QFileInfo(checkpoint).fileName()));
  memory_->clear();
  stopRequested_ = false;
  const QString key = checkpoint + QLatin1Char('\n') + tokenizer;
  std::shared_ptr<axe::LanguageModel> cached = key == cachedPaths_ ? model_cache_ : nullptr;
  worker_ = QThread::create([this, checkpoint, tokenizer, options, cached, key] {
    std::shared_ptr<axe::LanguageModel> lm = cached;
    if (!lm) {
      lm = std::make_shared<axe::LanguageModel>();
      if (axe::Status s =
              axe::LanguageModel::load(checkpoint.toStdString(), tokenizer.toStdString(), lm.get());
          !s) {
        emit generationFailed(QString::fromStdString(s.message()));
        return;
      }
    }
    GenerateResult result;
    axe::Status s = lm->generate(
        options,
        [this](const std::string& piece) {
          emit pieceReady(QByteArray(piece.data(), static_cast<qsizetype>(piece.size())));
          return !stopRequested_.load();
        },
        &result.stats);
    if (!s) {
      emit generationFailed(QString::fromStdString(s.message()));
      return;
    }
    const axe::llama2c::Config& c = lm->config();
    result.arenaBytes = static_cast<qint64>(lm->arena_bytes());
    result.lowerBoundBytes = static_cast<qint64>(lm->arena_lower_bound_bytes());
    result.kvCacheBytes = lm->kv_cache_bytes();
    result.weightBytes = lm->weight_bytes();
    result.modelSummary =
        tr("dim %1, hidden %2, %3 layers, %4 heads (%5 key/value), vocabulary %6, "
           "context %7")
            .arg(c.dim)
            .arg(c.hidden_dim)
            .arg(c.n_layers)
            .arg(c.n_heads)
            .arg(c.n_kv_heads)
            .arg(c.vocab_size)
            .arg(c.seq_len);
    QMetaObject::invokeMethod(
        this,
        [this, lm, key] {
          model_cache_ = lm;
          cachedPaths_ = key;
        },
        Qt::QueuedConnection);
    emit generationReady(result);
  });
  connect(worker_, &QThread::finished, this, [this] {
    worker_->deleteLater();
    worker_ = nullptr;
    updateButtons();
  });
  worker_->start();
  updateButtons();
}

void GeneratePage::stop() {
  stopRequested_ = true;
}

void GeneratePage::onPiece(const QByteArray& piece) {
  ++pieces_;
  output_->moveCursor(QTextCursor::End);
  output_->insertPlainText(decoder_(piece));
  const double seconds =
      static_cast<double>(QDateTime::currentMSecsSinceEpoch() - startedMs_) / 1000.0;
  if (seconds > 0)
    stats_->setText(
        tr("Generating: %1 tokens, %2 tokens/s").arg(pieces_).arg(pieces_ / seconds, 0, 'f', 0));
}

void GeneratePage::onReady(const GenerateResult& r) {
  stats_->setText(tr("%1 tokens/s: %2 positions (%3 sampled) in %4 s after the first; seed %5")
                      .arg(r.stats.tokens_per_second, 0, 'f', 1)
                      .arg(r.stats.positions)
                      .arg(r.stats.generated)
                      .arg(r.stats.seconds, 0, 'f', 3)
                      .arg(r.stats.seed));
  memory_->setText(tr("Model: %1. Memory: arena %2 = KV cache %3 + activations %4 (lower bound "
                      "%5); weights %6 (read-only, outside the arena).")
                       .arg(r.modelSummary, kib(r.arenaBytes), kib(r.kvCacheBytes),
                            kib(r.arenaBytes - r.kvCacheBytes), kib(r.lowerBoundBytes),
                            kib(r.weightBytes)));
}

void GeneratePage::onFailed(const QString& message) {
  stats_->setText(tr("Cannot generate: %1").arg(message));
}
