#!/usr/bin/env bash
# End to end on the QEMU board: the agent firmware (Cortex-M, cross-built) in qemu-system-arm,
# UART0 on TCP 127.0.0.1; flash mnist-8 as .axm, run the three reference digits on the board,
# compare with the host runtime (same reference kernels, other compiler/FPU: within tolerance).
#   tests/device_link/board_qemu_test.sh AUTOX COMPARE QEMU MACHINE AGENT_ELF SHARED_MODELS_DIR
set -u
autox=$1 compare=$2 qemu=$3 machine=$4 elf=$5 models=$6
tmp=$(mktemp -d)
qemu_pid=
export XDG_DATA_HOME=$tmp/data AUTOX_QEMU_AGENT=$elf
cleanup() {
  [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null
  local f=$XDG_DATA_HOME/autox/qemu/qemu.endpoint
  [ -f "$f" ] && kill "$(sed -n 2p "$f")" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
check() {
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
[ -f "$elf" ] || { echo "FAIL agent firmware $elf not built"; exit 1; }
for try in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  "$qemu" -machine "$machine" -nographic -monitor none -icount shift=0 \
    -serial "tcp:127.0.0.1:$port,server=on,wait=off" -kernel "$elf" >"$tmp/qemu.log" 2>&1 &
  qemu_pid=$!
  sleep 1
  kill -0 "$qemu_pid" 2>/dev/null && break
  qemu_pid=
done
board=tcp:127.0.0.1:$port
"$autox" board info --board "$board" --timeout-ms 5000 >"$tmp/info.txt"
check "board info over QEMU's UART ($(head -1 "$tmp/info.txt"))" $?
"$autox" convert "$models/mnist-8/mnist-8.onnx" -o "$tmp/m.axm" >/dev/null
"$autox" flash "$tmp/m.axm" --board "$board" --timeout-ms 5000 >"$tmp/flash.txt" 2>&1
check "flash mnist-8 into QEMU ($(cat "$tmp/flash.txt"))" $?
for s in 0 1 2; do
  ref=$models/mnist-8/ref/mnist-8/test_data_set_$s
  "$autox" board run --board "$board" --timeout-ms 30000 --input-dir "$ref" \
    --output-dir "$tmp/board$s" >"$tmp/run.txt" 2>&1
  check "run set $s on QEMU ($(cat "$tmp/run.txt"))" $?
  "$autox" run "$tmp/m.axm" --input-dir "$ref" --output-dir "$tmp/host$s" >/dev/null
  "$compare" "$tmp/host$s/output_0.pb" "$tmp/board$s/output_0.pb" 1e-4 >"$tmp/cmp.txt"
  check "set $s matches the host runtime ($(cat "$tmp/cmp.txt"))" $?
done
"$autox" board profile --board "$board" --timeout-ms 30000 --json >"$tmp/profile.json"
[ "$(grep -c '"cycles": ' "$tmp/profile.json")" -eq 9 ]
check "per-layer counts from the board (9 layers)" $?
# --board qemu starts QEMU itself (mps2-an386) and the next command reuses it.
if [ "$machine" = mps2-an386 ]; then
  "$autox" flash "$tmp/m.axm" --board qemu >"$tmp/flash.txt" 2>&1
  check "--board qemu starts QEMU and flashes ($(cat "$tmp/flash.txt"))" $?
  "$autox" board info --board qemu --json | grep -q "$(sha256sum "$tmp/m.axm" | cut -d' ' -f1)"
  check "--board qemu reuses the running QEMU (model still there)" $?
fi
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
