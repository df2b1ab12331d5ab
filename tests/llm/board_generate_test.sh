#!/usr/bin/env bash
# stories260K on boards: export the decode step with a 256-position KV cache (322 KiB arena),
# flash it, generate greedily with each step on the board; the text must be the golden greedy
# text of llama2.c's doc/stories260K.md.
#   tests/llm/board_generate_test.sh AUTOX MODEL_DIR BOARD [QEMU_AGENT_ELF]
#   BOARD: sim (the simulated board, 512 KiB RAM) or qemu (mps2-an386, Cortex-M4)
set -u
autox=$1 dir=$2 board=$3 elf=${4:-}
tmp=$(mktemp -d)
export XDG_DATA_HOME=$tmp/data
[ -n "$elf" ] && export AUTOX_QEMU_AGENT=$elf
cleanup() {
  for f in "$XDG_DATA_HOME"/autox/sim/sim.endpoint "$XDG_DATA_HOME"/autox/qemu/qemu.endpoint; do
    [ -f "$f" ] && kill "$(sed -n 2p "$f")" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
check() {
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
m=(--tokenizer "$dir/tok512.bin" --context 256)
"$autox" generate "$dir/stories260K.bin" "${m[@]}" --export-axm "$tmp/s.axm" >"$tmp/export.txt"
check "export ($(cat "$tmp/export.txt"))" $?
"$autox" flash "$tmp/s.axm" --board "$board" >"$tmp/flash.txt" 2>&1
check "flash to $board ($(tail -1 "$tmp/flash.txt"))" $?
"$autox" board generate --board "$board" "$dir/stories260K.bin" "${m[@]}" --temperature 0 \
  >"$tmp/text.txt" 2>"$tmp/stats.txt"
check "generate on $board ($(cat "$tmp/stats.txt"))" $?
# The greedy block of the doc, without the fence lines.
awk '/^\$ \.\/run stories260K\/stories260K.bin -z stories260K\/tok512.bin -t 0.0$/ {on=1; next}
     on && /^```/ {exit} on {print}' "$dir/stories260K.md" >"$tmp/golden.txt"
diff "$tmp/golden.txt" "$tmp/text.txt" >"$tmp/diff.txt"
check "text on $board is the golden greedy text ($(wc -c <"$tmp/golden.txt") bytes)" $?
[ -s "$tmp/diff.txt" ] && head -5 "$tmp/diff.txt"
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
