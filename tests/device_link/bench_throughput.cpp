// Flash throughput over a pseudo-terminal with autox-board-sim emulating a UART baud rate.
// Not a test: prints payload bytes/s as a fraction of the line's physical limit (baud/10 for
// 8N1), uncompressed and with the upload compression (AXDL_FEATURE_LZ); with compression the
// effective rate (model bytes per second) can pass the line's limit.
//   axdl_bench_throughput [--baud 921600] [--bytes 1048576] [--file MODEL.axm]...
// Without --file the image is --bytes of random data (incompressible: the worst case).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "axdl_host.hpp"
#include "sim_process.hpp"

namespace {

bool flash_once(const std::string& dir, long baud, const std::vector<uint8_t>& image, bool compress,
                const std::string& name) {
  std::filesystem::remove(dir + "/flash.bin");
  SimProcess sim;
  if (!sim.start({"--no-runtime", "--pty", "--baud", std::to_string(baud), "--flash",
                  dir + "/flash.bin", "--flash-size",
                  std::to_string(4 * image.size() + (1 << 16))})) {
    std::fprintf(stderr, "cannot start %s\n", AXDL_BOARD_SIM_PATH);
    return false;
  }
  std::unique_ptr<axdl::Session> s;
  if (axdl::Status st = axdl::Session::open(sim.uri + "?baud=" + std::to_string(baud), {}, &s);
      !st) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return false;
  }
  axdl::FlashResult r;
  axdl::FlashOptions o;
  o.compress = compress;
  if (axdl::Status st = s->flash(image, nullptr, &r, o); !st) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return false;
  }
  const double line = static_cast<double>(baud) / 10.0;
  std::printf(
      "%-28s %9zu B  %-12s %6.2f s  %8.0f B/s = %6.1f %% of the line  (on the wire %zu B = "
      "%.1f %%, %llu/%llu chunks compressed, %llu resends)\n",
      name.c_str(), image.size(), compress ? "compressed" : "uncompressed", r.seconds,
      r.bytes_per_second, 100.0 * r.bytes_per_second / line,
      static_cast<size_t>(r.chunk_bytes_sent),
      100.0 * static_cast<double>(r.chunk_bytes_sent) / static_cast<double>(image.size()),
      static_cast<unsigned long long>(r.chunks_compressed),
      static_cast<unsigned long long>(r.chunks),
      static_cast<unsigned long long>(s->link().stats().resends));
  std::fflush(stdout);
  sim.stop();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  long baud = 921600;
  size_t bytes = 1u << 20;
  std::vector<std::string> files;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--baud")) baud = std::strtol(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--bytes")) bytes = std::strtoul(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--file")) files.push_back(argv[i + 1]);
  }
  char tmpl[] = "/tmp/axdl_bench_XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  std::printf(
      "upload over a pty at emulated %ld baud 8N1 (line limit %.0f B/s); payload = model bytes "
      "per second incl. begin, the SHA-256 verify and commit\n",
      baud, static_cast<double>(baud) / 10.0);
  std::vector<std::pair<std::string, std::vector<uint8_t>>> images;
  if (files.empty()) {
    std::vector<uint8_t> image(bytes);
    std::mt19937 rng(1);
    for (auto& b : image) b = static_cast<uint8_t>(rng());
    images.emplace_back("random", std::move(image));
  }
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::vector<uint8_t> image((std::istreambuf_iterator<char>(in)), {});
    if (image.empty()) {
      std::fprintf(stderr, "cannot read %s\n", f.c_str());
      return 1;
    }
    images.emplace_back(std::filesystem::path(f).filename().string(), std::move(image));
  }
  for (const auto& [name, image] : images)
    for (bool compress : {false, true})
      if (!flash_once(dir, baud, image, compress, name)) return 1;
  std::filesystem::remove_all(dir);
  return 0;
}
