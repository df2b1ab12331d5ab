#!/usr/bin/env bash
# End to end over USB: the autox CLI talks libusb to a fake USB board (umockdev) whose bulk
# endpoints lead to the real agent (autox-board-sim). List it, flash mnist-8 with the cable
# pulled mid-upload (clear error, board boots from flash), resume, run the 3 reference sets and
# compare bit-exact with the host runtime.
#   tests/device_link/board_usb_test.sh AUTOX FAKE_BOARD SHARED_MODELS_DIR
set -u
autox=$1
fake=$2
models=$3
if [ "${4:-}" = "--inner" ]; then
  tmp=$5
  failures=0
  check() {
    if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
  }
  "$autox" board list --json >"$tmp/list.json" 2>&1
  grep -q '"uri": "usb:1209:0001?serial=AXT0001"' "$tmp/list.json" && grep -q '"kind": "usb"' "$tmp/list.json"
  check "board list shows the USB board ($(tr -d '\n' <"$tmp/list.json" | head -c 300))" $?
  timeout -s INT 3 "$autox" board list --watch >"$tmp/watch.txt" 2>"$tmp/watch.err"
  grep -q "^+ usb:1209:0001 .*Auto-X board agent (bus 1 device 2)" "$tmp/watch.txt"
  check "board list --watch reports the board ($(cat "$tmp/watch.err"))" $?
  board=usb:1209:0001
  "$autox" board info --board "$board" >"$tmp/info.txt" 2>&1
  grep -q "usb-fake-board" "$tmp/info.txt"; check "board info over USB" $?
  # The cable comes out after 12000 bytes of the 27 KB upload.
  "$autox" flash "$tmp/mnist.axm" --board "$board" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -ne 0 ] && grep -q "unplugged" "$tmp/err" && grep -q "resume" "$tmp/err"
  check "unplug mid-flash fails with what to do ($(head -c 400 "$tmp/err"))" $?
  for _ in $(seq 50); do "$autox" board info --board "$board" >/dev/null 2>&1 && break; sleep 0.1; done
  "$autox" flash "$tmp/mnist.axm" --board "$board" >"$tmp/out" 2>&1
  rc=$?
  [ $rc -eq 0 ] && grep -q "resum" "$tmp/out"
  check "flash again resumes and completes ($(tr -d '\n' <"$tmp/out" | head -c 300))" $?
  n=0
  for set in "$models"/mnist-8/ref/mnist-8/test_data_set_*; do
    s=$(basename "$set")
    "$autox" board run --board "$board" --input-dir "$set" --output-dir "$tmp/board/$s" \
      >"$tmp/run.txt" 2>&1
    check "mnist-8 $s runs on the USB board ($(head -c 200 "$tmp/run.txt"))" $?
    "$autox" run "$tmp/mnist.axm" --input-dir "$set" --output-dir "$tmp/host/$s" >/dev/null
    for out in "$tmp/host/$s"/output_*.pb; do
      cmp -s "$out" "$tmp/board/$s/$(basename "$out")"
      check "mnist-8 $s $(basename "$out") is bit-exact with the host runtime" $?
      n=$((n + 1))
    done
  done
  [ "$n" -eq 3 ]; check "compared $n outputs" $?
  echo "$failures failure(s)"
  [ "$failures" -eq 0 ]
  exit
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$autox" convert "$models/mnist-8/mnist-8.onnx" -o "$tmp/mnist.axm" >/dev/null || exit 1
timeout 240 umockdev-wrapper "$fake" --flash "$tmp/flash.bin" --unplug-after 12000 -- \
  "$0" "$autox" "$fake" "$models" --inner "$tmp"
