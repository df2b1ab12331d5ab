#!/usr/bin/env bash
# End to end on the simulated board: convert to .axm, flash, run the reference inputs on the
# board, and compare with the host runtime's outputs of the same .axm (same kernels: bit-exact).
#   tests/device_link/board_e2e_test.sh AUTOX BOARD_SIM SHARED_MODELS_DIR
set -u
autox=$1
sim_bin=$2
export AUTOX_BOARD_SIM=$sim_bin
models=$3
tmp=$(mktemp -d)
export XDG_DATA_HOME=$tmp/data
sim_pid=
cleanup() {
  local f=$XDG_DATA_HOME/autox/sim/sim.endpoint
  [ -f "$f" ] && kill "$(sed -n 2p "$f")" 2>/dev/null
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
  sleep 0.2
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
check() {
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
# run_sets NAME BOARD MODEL.axm REF_DIR: every test_data_set_* on the board and on the host.
run_sets() {
  local name=$1 board=$2 axm=$3 ref=$4 n=0
  for set in "$ref"/test_data_set_*; do
    local s
    s=$(basename "$set")
    "$autox" board run --board "$board" --input-dir "$set" --output-dir "$tmp/$name/board/$s" \
      >"$tmp/run.txt" 2>&1
    check "$name $s runs on the board ($(head -c 200 "$tmp/run.txt"))" $?
    "$autox" run "$axm" --input-dir "$set" --output-dir "$tmp/$name/host/$s" >/dev/null
    for out in "$tmp/$name/host/$s"/output_*.pb; do
      cmp -s "$out" "$tmp/$name/board/$s/$(basename "$out")"
      check "$name $s $(basename "$out") is bit-exact with the host runtime" $?
      n=$((n + 1))
    done
  done
  [ "$n" -gt 0 ]; check "$name compared $n output(s)" $?
}

"$autox" convert "$models/mnist-8/mnist-8.onnx" -o "$tmp/mnist.axm" >/dev/null
check "convert mnist-8" $?
"$autox" flash "$tmp/mnist.axm" --board sim >/dev/null; check "flash mnist-8 to sim" $?
run_sets mnist sim "$tmp/mnist.axm" "$models/mnist-8/ref/mnist-8"
"$autox" board profile --board sim --json >"$tmp/profile.json"; check "profile" $?
grep -q '"unit": "ns"' "$tmp/profile.json" && [ "$(grep -c '"cycles": ' "$tmp/profile.json")" -eq 9 ]
check "profile has one count per layer (9)" $?

# FastestDet needs an 8.5 MB arena: a simulated board with 16 MB of RAM, reached over TCP.
"$autox" convert "$models/fastestdet/FastestDet.onnx" -o "$tmp/fd.axm" >/dev/null
check "convert FastestDet" $?
"$sim_bin" --tcp 0 --flash "$tmp/fd-flash.bin" --ram-size 16M >"$tmp/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do grep -q '^tcp ' "$tmp/sim.out" && break; sleep 0.05; done
board="tcp:$(sed -n 's/^tcp //p' "$tmp/sim.out")"
"$autox" flash "$tmp/fd.axm" --board "$board" >/dev/null; check "flash FastestDet ($board)" $?
run_sets fastestdet "$board" "$tmp/fd.axm" "$models/fastestdet/ref/FastestDet"

# The same model on the default simulated board (512 KB RAM) is refused at commit with the
# arena sizes, and the running model stays.
"$autox" flash "$tmp/fd.axm" --board sim >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -ne 0 ] && grep -q "arena" "$tmp/err"
check "a model whose arena does not fit is refused ($(head -c 300 "$tmp/err"))" $?
"$autox" board info --board sim --json | grep -q "$(sha256sum "$tmp/mnist.axm" | cut -d' ' -f1)"
check "mnist-8 is still active after the refusal" $?
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
