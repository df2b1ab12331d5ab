#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine.
#   packaging/setup.sh start   install what is missing, build (release), launch autox-studio on the bundled
#                              FastestDet with the live preview (camera, else the bundled demo clip)
#   packaging/setup.sh test    install what is missing, build (default + asan), run every test
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=${1:-start}

packages=(
  build-essential cmake ninja-build pkg-config git
  libonnx-dev libonnx-testdata libprotobuf-dev protobuf-compiler
  libfmt-dev nlohmann-json3-dev libcli11-dev
  libflatbuffers-dev flatbuffers-compiler
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  qt6-svg-dev libqt6opengl6-dev fonts-noto-cjk xvfb xauth
  time ccache debootstrap appstream
  qt6-charts-dev qt6-serialport-dev libqt6sql6-sqlite
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-videoio-dev
  libusb-1.0-0-dev umockdev libumockdev-dev
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm
)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

jobs=$(nproc)

case "$mode" in
  start)
    install_missing
    cmake --preset release -G Ninja >/dev/null
    cmake --build --preset release -j "$jobs" --target autox autox-studio
    # The bundled FastestDet on the live preview: the first camera, or the bundled demo clip
    # (resources/demo) when there is none.
    model=resources/models/fastestdet/FastestDet.onnx
    studio=build/release/app/studio/autox-studio
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec "$studio" --page preview "$model"
    fi
    # No display: run the studio on a virtual one and save what it shows (the preview after
    # ten frames of the camera or the demo clip).
    mkdir -p build/release/screenshots
    for page in preview graph layers memory summary; do
      xvfb-run -a -s '-screen 0 1600x1000x24' "$studio" --screenshot "build/release/screenshots/$page.png" --page "$page" "$model"
    done
    echo "No display: rendered autox-studio on $model to build/release/screenshots/{preview,graph,layers,memory,summary}.png"
    ;;
  test)
    install_missing
    start=$(date +%s)
    cmake --preset default -G Ninja >/dev/null
    cmake --build --preset default -j "$jobs"
    (cd build/default && ctest -j "$jobs" --output-on-failure --timeout 900)
    # Sanitizers: ASan+UBSan build of the engine tests (kernels, ops, planner, .axm export and
    # runtime, bad input, the LLM decoder) and bounded libFuzzer runs on the ONNX importer, the
    # llama2.c readers, the .axm loader, the board agent's receive path and its decompressor.
    cmake --preset asan -G Ninja >/dev/null
    cmake --build --preset asan -j "$jobs" --target axe_engine_tests axe_llm_tests \
      axe_fuzz_onnx_import axe_fuzz_llama2c axe_fuzz_axm_load axdl_fuzz_agent axdl_fuzz_lz
    (cd build/asan && ctest -j "$jobs" --output-on-failure --timeout 900 -L 'engine|fuzz')
    echo "setup.sh test: done in $(( $(date +%s) - start )) s"
    ;;
  package)
    install_missing
    cmake --preset release -G Ninja >/dev/null
    cmake --build --preset release -j "$jobs"
    (cd build/release && cpack --config CPackConfig.cmake -G DEB)
    echo "Install with: sudo apt install ./$(ls build/release/autox-studio_*.deb)"
    ;;
  *)
    echo "usage: packaging/setup.sh start|test|package" >&2
    exit 2
    ;;
esac
