#!/usr/bin/env bash
# Per-layer profiles, the run history and run comparison from the CLI:
#   autox bench --per-layer, autox board profile (simulated board), autox runs ..., compare-runs,
#   and a damaged history file moved aside.
#   tests/cli/profile_cli_test.sh AUTOX BOARD_SIM SHARED_MODELS_DIR
set -u
autox=$1
export AUTOX_BOARD_SIM=$2
models=$3
tmp=$(mktemp -d)
export AUTOX_DATA_DIR=$tmp/data XDG_DATA_HOME=$tmp/xdg
stop_sim() {
  local f=$XDG_DATA_HOME/autox/sim/sim.endpoint
  [ -f "$f" ] && kill "$(sed -n 2p "$f")" 2>/dev/null
  for _ in $(seq 50); do [ -f "$f" ] || break; sleep 0.05; done
}
trap 'stop_sim; rm -rf "$tmp"' EXIT
failures=0
check() {
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
one_line_error() {  # one_line_error NAME NEEDLE -- command...
  local name=$1 needle=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$? lines
  lines=$(wc -l <"$tmp/err")
  [ $rc -ne 0 ] && [ "$lines" -eq 1 ] && grep -q -- "$needle" "$tmp/err"
  check "$name (exit $rc, $lines stderr line(s): $(head -c 300 "$tmp/err"))" $?
}
json() {  # json FILE PYTHON-EXPRESSION-ON-d: prints the value
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
mnist=$models/mnist-8/mnist-8.onnx
ref=$models/mnist-8/ref/mnist-8/test_data_set_0

# Host per-layer profile.
"$autox" bench "$mnist" --input-dir "$ref" --per-layer --runs 10 --json --tag base >"$tmp/a.json"
check "bench --per-layer --json exits 0" $?
[ "$(json "$tmp/a.json" "all('name' in l and 'op' in l and 'median_ms' in l for l in d['layers']) and len(d['layers'])")" -ge 8 ]
check "every layer has name, op and median_ms" $?
[ "$(json "$tmp/a.json" "d['median_ms'] > 0 and d['warmup_excluded'] and d['warmup'] == 3")" = True ]
check "the run's median_ms, warm-up excluded" $?
[ "$(json "$tmp/a.json" "abs(d['profiled_median_ms'] - d['layer_sum_ms'] - d['framework_overhead_ms']) < 1e-9 and d['layer_sum_ms'] <= d['profiled_median_ms']")" = True ]
check "layer sum + framework overhead = wall time" $?
[ "$(json "$tmp/a.json" "abs(sum(l['share'] for l in d['layers']) - 1) < 1e-6")" = True ]
check "shares add up to 1" $?
[ "$(json "$tmp/a.json" "all(l['gmacs_per_s'] > 0 for l in d['layers'] if l['op'] == 'Conv')")" = True ]
check "convolutions report GMAC/s" $?
[ "$(json "$tmp/a.json" "len(d['model_sha256'])")" = 64 ]; check "the model's SHA-256 is recorded" $?
id_a=$(json "$tmp/a.json" "d['history_id']")
"$autox" bench "$mnist" --input-dir "$ref" --per-layer --runs 5 --threads 2 >"$tmp/b.txt"
check "bench --per-layer (text) exits 0" $?
grep -q "warm-up runs are excluded" "$tmp/b.txt"; check "the text says warm-up is excluded" $?
grep -q "^framework overhead" "$tmp/b.txt"; check "the text reconciles layers with wall time" $?
id_b=$(sed -n 's/^stored as run #\([0-9]*\).*/\1/p' "$tmp/b.txt")
[ -n "$id_b" ] && [ "$id_b" -gt "$id_a" ]; check "the second run is stored as #$id_b" $?
"$autox" bench "$mnist" --runs 2 --no-history >/dev/null
[ "$("$autox" runs list --json | json /dev/stdin "len(d)")" = 2 ]; check "--no-history stores nothing" $?

# The history.
"$autox" runs list >"$tmp/list.txt"; check "runs list exits 0" $?
grep -q "host-profile.*mnist-8.onnx.*base" "$tmp/list.txt"; check "runs list shows the tagged run" $?
"$autox" runs tag "$id_b" two-threads >/dev/null; check "runs tag" $?
[ "$("$autox" runs list --tag two-threads --json | json /dev/stdin "d[0]['id']")" = "$id_b" ]
check "runs list --tag filters" $?
"$autox" runs show "$id_a" --json >"$tmp/show.json"
[ "$(json "$tmp/show.json" "len(d['layers'])")" = "$(json "$tmp/a.json" "len(d['layers'])")" ]
check "runs show --json gives the stored profile" $?
one_line_error "unknown run id" "no run #999" -- "$autox" runs show 999

# Comparison.
"$autox" compare-runs "$id_a" "$id_b" >"$tmp/cmp.txt"; check "compare-runs (text)" $?
grep -q "biggest changes" "$tmp/cmp.txt" && grep -q "per op type" "$tmp/cmp.txt"
check "the text has the biggest changes and per-op totals" $?
"$autox" compare-runs "$id_a" "$id_b" --json >"$tmp/cmp.json"
[ "$(json "$tmp/cmp.json" "len(d['layers']) == len(json.load(open('$tmp/a.json'))['layers']) and d['unit'] == 'ms' and d['unmatched_layers'] == 0")" = True ]
check "compare-runs --json matches every layer" $?
"$autox" compare-runs "$tmp/a.json" "$id_b" --csv >"$tmp/cmp.csv"
[ "$(wc -l <"$tmp/cmp.csv")" -eq $(($(json "$tmp/a.json" "len(d['layers'])") + 1)) ]
check "compare-runs FILE ID --csv: one row per layer" $?
"$autox" compare-runs "$id_a" "$id_b" --html -o "$tmp/report.html" >/dev/null
[ "$(grep -c "<svg " "$tmp/report.html")" -eq 2 ] && grep -q "application/json" "$tmp/report.html"
check "--html embeds two SVG charts and the JSON" $?
echo '{"hello": 1}' >"$tmp/not_profile.json"
one_line_error "a JSON that is no profile is refused" "not a per-layer profile" -- \
  "$autox" compare-runs "$tmp/not_profile.json" "$id_a"

# Export, import, delete.
"$autox" runs export "$id_a" -o "$tmp/export.json" >/dev/null; check "runs export" $?
AUTOX_DATA_DIR=$tmp/other "$autox" runs import "$tmp/export.json" >/dev/null
check "runs import into another history" $?
[ "$(AUTOX_DATA_DIR=$tmp/other "$autox" runs list --json | json /dev/stdin "d[0]['tags']")" = "['base']" ]
check "the imported run keeps its tags" $?
"$autox" runs delete "$id_b" >/dev/null; check "runs delete" $?
[ "$("$autox" runs list --json | json /dev/stdin "len(d)")" = 1 ]; check "one run left" $?

# Board profile on the simulated board: per-layer counts with names, transfers apart.
"$autox" convert "$mnist" -o "$tmp/m.axm" >/dev/null
"$autox" flash "$tmp/m.axm" --board sim >/dev/null; check "flash the sim" $?
"$autox" board profile --board sim --model "$tmp/m.axm" --input-dir "$ref" --runs 3 --json \
  >"$tmp/board.json"
check "board profile --json exits 0" $?
[ "$(json "$tmp/board.json" "d['unit'] == 'ns' and len(d['layers']) == 9 and all(l['cycles'] > 0 and l['name'] and l['op'] for l in d['layers'])")" = True ]
check "board profile: 9 named layers with counts" $?
[ "$(json "$tmp/board.json" "all(d['transfer'][k] > 0 for k in ('set_input_ms', 'run_ms', 'get_output_ms')) and d['transfer']['input_bytes'] == 3136")" = True ]
check "board profile: transfer times apart from the run" $?
"$autox" compare-runs "$id_a" "$(json "$tmp/board.json" "d['history_id']")" --json >"$tmp/hb.json"
[ "$(json "$tmp/hb.json" "d['unmatched_layers']")" = 0 ]; check "host and board layers match by name" $?
"$autox" profile "$tmp/m.axm" --input-dir "$ref" --runs 3 --json >"$tmp/axm.json"
[ "$(json "$tmp/axm.json" "d['kind'] == 'axm-profile' and d['history_id'] > 0 and len(d['layers']) == 9")" = True ]
check "autox profile (.axm runtime) stores its run too" $?
cp "$tmp/m.axm" "$tmp/other.axm" && printf 'x' >>"$tmp/other.axm"
one_line_error "--model that is not on the board" "is not the model active" -- \
  "$autox" board profile --board sim --model "$tmp/other.axm"

# A damaged history file: moved aside with a message, a fresh one takes the run.
printf 'this is not a database%.0s' $(seq 300) >"$AUTOX_DATA_DIR/runs.sqlite"
"$autox" bench "$mnist" --runs 2 >"$tmp/out" 2>"$tmp/err"
check "bench still works with a damaged history (exit $?)" $?
grep -q "damaged" "$tmp/err"; check "the damage is reported ($(head -c 200 "$tmp/err"))" $?
ls "$AUTOX_DATA_DIR"/runs.sqlite.damaged-* >/dev/null 2>&1; check "the damaged file is kept aside" $?
[ "$("$autox" runs list --json | json /dev/stdin "len(d)")" = 1 ]; check "a fresh history holds the new run" $?

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
