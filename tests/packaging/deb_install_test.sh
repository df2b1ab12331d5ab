#!/usr/bin/env bash
# Builds the .deb from BUILD_DIR with CPack, installs it with apt into a clean Debian 12 root
# (debootstrap minbase, cached as a tarball in WORK_DIR), and runs from inside that root:
#   autox inspect on the bundled model, autox-studio --screenshot (offscreen), the board plugins
#   (autox-studio --list-plugins) and autox board list (the simulator and the QEMU agent image).
# Needs root (chroot), debootstrap and a Debian mirror; exits 77 (skipped) when one is missing.
#
#   deb_install_test.sh BUILD_DIR WORK_DIR [MIRROR]
set -euo pipefail

build=$(realpath "$1")
work=$(realpath -m "$2")
mirror=${3:-http://deb.debian.org/debian}
skip() { echo "SKIP: $*"; exit 77; }

[ "$(id -u)" -eq 0 ] || skip "needs root for chroot (run as root or in a container)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap)"
command -v dpkg-shlibdeps >/dev/null || skip "dpkg-dev is not installed"

mkdir -p "$work"
root="$work/root"
cleanup() {
  for m in proc dev/pts dev; do mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"; done
  return 0
}
trap cleanup EXIT
cleanup
rm -rf "$root"

# 1. The package.
rm -f "$build"/autox-studio_*.deb
(cd "$build" && cpack --config CPackConfig.cmake -G DEB >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$build"/autox-studio_*.deb)
echo "package: $deb ($(stat -c %s "$deb") bytes)"
dpkg-deb -f "$deb" Depends Recommends
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/autox ./usr/bin/autox-studio ./usr/bin/autox-board-sim \
         ./usr/share/applications/io.autox.Studio.desktop \
         ./usr/share/metainfo/io.autox.Studio.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/io.autox.Studio.svg \
         ./usr/share/autox-studio/models/mnist-8/mnist-8.onnx; do
  grep -q " $f\$" <<<"$contents" || { echo "FAIL: $f is not in the package"; exit 1; }
done

# 2. A clean Debian 12 root (debootstrap once, then from the cached tarball).
base="$work/bookworm-minbase.tar"
if [ ! -s "$base" ]; then
  tmp="$work/bootstrap"
  rm -rf "$tmp"
  debootstrap --variant=minbase bookworm "$tmp" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -5 "$work/debootstrap.log"; skip "debootstrap from $mirror failed (no mirror reachable?)"; }
  tar -C "$tmp" -cf "$base" .
  rm -rf "$tmp"
fi
mkdir -p "$root"
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

# 3. Install with apt, which resolves the package's Depends from the mirror.
cp "$deb" "$root/tmp/"
in_root apt-get update -qq >"$work/apt.log" 2>&1 || { tail "$work/apt.log"; skip "apt-get update failed in the root"; }
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "/tmp/$(basename "$deb")" >>"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; echo "FAIL: apt-get install"; exit 1; }
echo "installed into $root"

# 4. Use it.
model=/usr/share/autox-studio/models/mnist-8/mnist-8.onnx
in_root autox inspect "$model" | tee "$work/inspect.txt"
grep -q "Conv" "$work/inspect.txt" || { echo "FAIL: autox inspect shows no Conv"; exit 1; }
in_root env QT_QPA_PLATFORM=offscreen autox-studio --screenshot /tmp/graph.png --page graph "$model"
cp "$root/tmp/graph.png" "$work/graph.png"
[ "$(head -c 8 "$work/graph.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  { echo "FAIL: autox-studio --screenshot wrote no PNG"; exit 1; }
[ "$(stat -c %s "$work/graph.png")" -gt 20000 ] || { echo "FAIL: screenshot is nearly empty"; exit 1; }
in_root env QT_QPA_PLATFORM=offscreen autox-studio --list-plugins | tee "$work/plugins.txt"
for id in board.sim board.qemu board.esp32s3 board.stm32; do
  grep -Eq "^$id +board +[0-9.]+ +loaded +/usr/lib/autox-studio/plugins/" "$work/plugins.txt" ||
    { echo "FAIL: plugin $id is not loaded from /usr/lib/autox-studio/plugins"; exit 1; }
done
in_root autox board list | tee "$work/boards.txt"
grep -q "^sim" "$work/boards.txt" || { echo "FAIL: autox board list has no sim board"; exit 1; }
if grep -q axdl_agent_qemu <<<"$contents"; then
  grep -q "^qemu" "$work/boards.txt" || { echo "FAIL: the packaged QEMU agent is not found"; exit 1; }
fi
echo "PASS: installed $(basename "$deb") in a clean Debian 12 root; screenshot $work/graph.png"
