// Live preview benchmark (prints figures; fails only when no frame gets through): FastestDet
// 352x352 on the bundled demo clip (640x480) through the whole preview — capture thread
// (decoding as fast as it can), inference thread (pre-processing, the .axm on the host runtime,
// decoding), the GUI thread painting every frame into a 1280x800 page — and, meanwhile, the GUI
// event loop's latency: a 5 ms timer's lateness (how long a click would wait).
//
//   live_preview_bench [--seconds 10] [--fps 30]
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <thread>
#include <vector>

#include "preview_page.hpp"
#include "preview_view.hpp"

namespace {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

QString loadAverage() {
  QFile f(QStringLiteral("/proc/loadavg"));
  if (!f.open(QIODevice::ReadOnly)) return QStringLiteral("?");
  return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  double seconds = 10;
  double rate = 30;
  for (int i = 1; i < argc; ++i) {
    if (QByteArray(argv[i]) == "--seconds" && i + 1 < argc) seconds = std::atof(argv[++i]);
    if (QByteArray(argv[i]) == "--fps" && i + 1 < argc) rate = std::atof(argv[++i]);
  }
  std::printf(
      "live_preview_bench: %u hardware threads, load average %s (other work on the "
      "machine slows every figure)\n",
      std::thread::hardware_concurrency(), qPrintable(loadAverage()));

  // The engine alone on one frame, no threads: what inference costs here.
  {
    autox::vision::PreparedModel model;
    const std::string error =
        autox::vision::prepareModel(PreviewPage::bundledModelPath().toStdString(), {}, &model);
    std::unique_ptr<autox::vision::Detector> detector;
    if (!error.empty() || !autox::vision::Detector::create(model, {}, &detector).empty()) {
      std::fprintf(stderr, "live_preview_bench: cannot load FastestDet: %s\n", error.c_str());
      return 1;
    }
    const cv::Mat frame = cv::imread(AXE_SHARED_MODELS_DIR "/fastestdet/sample_3.jpg");
    std::vector<double> pre, inference, post;
    for (int i = 0; i < 30; ++i) {
      autox::vision::FrameResult r;
      detector->process(frame, &r);
      if (i < 5) continue;  // warm-up
      pre.push_back(r.times.preMs);
      inference.push_back(r.times.inferenceMs);
      post.push_back(r.times.postMs);
    }
    const double total = percentile(pre, 0.5) + percentile(inference, 0.5) + percentile(post, 0.5);
    std::printf(
        "engine alone (one thread, 25 runs after 5 warm-up): median pre %.2f ms, "
        "inference %.2f ms (min %.2f), post %.2f ms -> at most %.1f fps on one core\n",
        percentile(pre, 0.5), percentile(inference, 0.5), percentile(inference, 0.0),
        percentile(post, 0.5), 1000.0 / total);
  }

  PreviewPage page;
  page.setAutoStart(false);
  page.resize(1280, 800);
  page.setSource(QStringLiteral("demo"));
  page.show();
  if (!page.runUntilPainted(5, 120000)) {
    std::fprintf(stderr, "live_preview_bench: no frame painted: %s\n", qPrintable(page.message()));
    return 1;
  }
  // Two sources: a camera-like one (the clip paced at --fps, default 30: frames the pipeline has
  // no time for are dropped) and every frame of the clip as fast as the pipeline takes them.
  qint64 painted = 0;
  for (const bool paced : {true, false}) {
    page.stop();
    page.session()->setRealtime(paced);
    page.session()->setPlaybackRate(paced ? rate : 0);
    page.start();
    if (!page.runUntilPainted(5, 60000)) {
      std::fprintf(stderr, "live_preview_bench: no frame painted: %s\n",
                   qPrintable(page.message()));
      return 1;
    }
    page.timings()->clear();
    const qint64 capturedBefore = page.view()->frame().captured;
    const qint64 droppedBefore = page.view()->frame().dropped;
    std::vector<double> lateness;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
      const qint64 now = clock.nsecsElapsed();
      lateness.push_back(std::max(0.0, static_cast<double>(now - last) / 1e6 - 5.0));
      last = now;
    });
    probe.start();
    QElapsedTimer run;
    run.start();
    QEventLoop loop;
    QTimer::singleShot(static_cast<int>(seconds * 1000), &loop, &QEventLoop::quit);
    loop.exec();
    probe.stop();
    const double elapsed = static_cast<double>(run.nsecsElapsed()) / 1e9;
    const StageTimingModel* t = page.timings();
    const qint64 frames = t->frames();
    painted += frames;
    const LiveFrame& f = page.view()->frame();
    if (paced)
      std::printf(
          "preview, camera-like source (the demo clip paced at %.0f fps), GUI painting every "
          "frame at 1280x800:\n",
          rate);
    else
      std::printf(
          "preview, every frame of the demo clip as fast as the pipeline takes them, GUI "
          "painting every frame at 1280x800:\n");
    std::printf(
        "  %lld frames painted in %.1f s = %.1f fps end to end; %lld of %lld captured "
        "frames dropped as stale\n",
        static_cast<long long>(frames), elapsed, static_cast<double>(frames) / elapsed,
        static_cast<long long>(f.dropped - droppedBefore),
        static_cast<long long>(f.captured - capturedBefore));
    std::printf(
        "  median ms over the last %d frames: capture %.2f, pre %.2f, inference %.2f, post "
        "%.2f, paint %.2f; frame age at paint %.1f (max %.1f)\n",
        StageTimingModel::kWindow, t->median(StageTimingModel::Capture),
        t->median(StageTimingModel::Pre), t->median(StageTimingModel::Inference),
        t->median(StageTimingModel::Post), t->median(StageTimingModel::Paint),
        t->median(StageTimingModel::Age),
        t->index(StageTimingModel::Age, StageTimingModel::Max)
            .data(StageTimingModel::SortRole)
            .toDouble());
    std::printf(
        "  GUI event loop latency (5 ms timer lateness, %zu samples): median %.2f ms, p95 "
        "%.2f ms, p99 %.2f ms, max %.2f ms (goal: < 50 ms)\n",
        lateness.size(), percentile(lateness, 0.5), percentile(lateness, 0.95),
        percentile(lateness, 0.99), percentile(lateness, 1.0));
  }
  page.stop();
  std::printf("load average after: %s\n", qPrintable(loadAverage()));
  return painted > 0 ? 0 : 1;
}
