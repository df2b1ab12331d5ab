#!/usr/bin/env bash
# Installs the build into a scratch prefix, builds plugins/boards/example out of tree against the
# installed SDK (find_package(AutoXPluginSdk)), and checks that the installed studio loads it and
# its own board plugins from <prefix>/lib/autox-studio/plugins.
#   example_out_of_tree_test.sh BUILD_DIR EXAMPLE_SRC WORK_DIR
set -euo pipefail
build=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
test -f "$work/prefix/include/autox/plugin.hpp"
cmake -S "$src" -B "$work/example" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log"
cmake --build "$work/example" >"$work/build.log"
out=$(cd "$work" && HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
      AUTOX_PLUGIN_PATH="$work/example" QT_QPA_PLATFORM=offscreen \
      "$work/prefix/bin/autox-studio" --list-plugins --check-tools 2>&1)
echo "$out"
grep -Eq "^board.example-tcp +board +1.0.0 +loaded +$work/example/libautox_board_example.so" <<<"$out" ||
  { echo "FAIL: the out-of-tree example plugin was not loaded"; exit 1; }
grep -q "tcp:127.0.0.1:5555" <<<"$out" || { echo "FAIL: the example board offers no board"; exit 1; }
grep -Eq "^board.sim +board +1.0.0 +loaded +$work/prefix/lib/autox-studio/plugins/" <<<"$out" ||
  { echo "FAIL: the installed board plugins were not loaded from the install folder"; exit 1; }
echo "PASS"
