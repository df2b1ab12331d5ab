#!/usr/bin/env bash
# The autox CLI contract: exit codes, one-line errors, JSON fields, the run file layout.
#   tests/cli/cli_test.sh AUTOX SHARED_MODELS_DIR
set -u
autox=$1
models=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export AUTOX_DATA_DIR=$tmp/data  # the run history of this test, not the user's
failures=0
check() {  # check NAME CONDITION-EXIT-CODE
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
one_line_error() {  # one_line_error NAME NEEDLE -- command...
  local name=$1 needle=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  local lines
  lines=$(wc -l <"$tmp/err")
  [ $rc -ne 0 ] && [ "$lines" -eq 1 ] && grep -q -- "$needle" "$tmp/err"
  check "$name (exit $rc, $lines stderr line(s): $(head -c 200 "$tmp/err"))" $?
}
mnist=$models/mnist-8/mnist-8.onnx
ref=$models/mnist-8/ref/mnist-8/test_data_set_1

"$autox" inspect "$mnist" >"$tmp/inspect.txt"
check "inspect exits 0" $?
grep -q "Conv x2" "$tmp/inspect.txt"; check "inspect shows the op histogram" $?
"$autox" inspect "$mnist" --json >"$tmp/inspect.json"
for key in '"inputs"' '"outputs"' '"op_histogram"' '"params"' '"weight_bytes"' '"macs"' '"nodes"'; do
  grep -q "$key" "$tmp/inspect.json"; check "inspect --json has $key" $?
done

"$autox" run "$mnist" --input-dir "$ref" --output-dir "$tmp/out_dir" --threads 2
check "run exits 0" $?
[ -s "$tmp/out_dir/output_0.pb" ]; check "run writes output_0.pb" $?

"$autox" bench "$mnist" --runs 5 --json >"$tmp/bench.json"
check "bench exits 0" $?
for key in '"median_ms"' '"min_ms"' '"peak_rss_kb"'; do
  grep -q "$key" "$tmp/bench.json"; check "bench --json has $key" $?
done
"$autox" bench "$mnist" --input-dir "$ref" --runs 3 >/dev/null
check "bench --input-dir exits 0" $?

"$autox" plan "$mnist" >"$tmp/plan.txt"
check "plan exits 0" $?
grep -q "lower bound" "$tmp/plan.txt"; check "plan shows the lower bound" $?
"$autox" plan "$mnist" --json >"$tmp/plan.json"
check "plan --json exits 0" $?
for key in '"peak_bytes"' '"lower_bound_bytes"' '"baseline_bytes"' '"algorithm"' '"plan_ms"' \
           '"tensors"' '"name"' '"size"' '"first_step"' '"last_step"' '"offset"'; do
  grep -q "$key" "$tmp/plan.json"; check "plan --json has $key" $?
done
python3 - "$tmp/plan.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
t = p["tensors"]
assert t and p["lower_bound_bytes"] <= p["peak_bytes"] <= p["baseline_bytes"], p
for x in t:
    assert 0 <= x["first_step"] <= x["last_step"] and x["offset"] + x["size"] <= p["peak_bytes"], x
PY
check "plan --json is consistent (steps inclusive, tensors inside the peak)" $?
"$autox" plan "$mnist" --algo no-reuse --no-in-place --json >"$tmp/plan_none.json"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); sys.exit(p["peak_bytes"] != p["baseline_bytes"])' "$tmp/plan_none.json"
check "plan --algo no-reuse --no-in-place peaks at the baseline" $?
one_line_error "plan with unbound input dims" "unknown dimensions" -- "$autox" plan "$models/ppocr-v4/ch_PP-OCRv4_det_infer.onnx"

head -c 9000 "$mnist" >"$tmp/truncated.onnx"
one_line_error "truncated model" "truncated.onnx" -- "$autox" run "$tmp/truncated.onnx" --input-dir "$ref" --output-dir "$tmp/o"
head -c 3000 /dev/urandom >"$tmp/garbage.onnx"
one_line_error "garbage model" "garbage.onnx" -- "$autox" inspect "$tmp/garbage.onnx"
one_line_error "missing model" "missing.onnx" -- "$autox" inspect "$tmp/missing.onnx"
one_line_error "missing input dir" "does not exist" -- "$autox" run "$mnist" --input-dir "$tmp/none" --output-dir "$tmp/o"
one_line_error "wrong --shape" "1x1x28x28" -- "$autox" bench "$mnist" --shape 1x3x28x28 --runs 1
one_line_error "wrong input shape" "expects shape" -- "$autox" run "$models/fastestdet/FastestDet.onnx" --input-dir "$ref" --output-dir "$tmp/o"

# .axm: convert, run with the same .pb contract (same outputs as the ONNX path), export-c, refusals.
"$autox" convert "$mnist" -o "$tmp/mnist.axm" >"$tmp/convert.txt"
check "convert exits 0" $?
grep -q "arena" "$tmp/convert.txt"; check "convert reports the arena size" $?
"$autox" run "$tmp/mnist.axm" --input-dir "$ref" --output-dir "$tmp/axm_out"
check "run .axm exits 0" $?
cmp -s "$tmp/axm_out/output_0.pb" "$tmp/out_dir/output_0.pb" ||
  python3 - "$tmp/axm_out/output_0.pb" "$tmp/out_dir/output_0.pb" <<'PY'
import struct, sys
def floats(p):  # the last 40 bytes of a [1,10] float TensorProto are its raw data
    return struct.unpack("<10f", open(p, "rb").read()[-40:])
a, b = floats(sys.argv[1]), floats(sys.argv[2])
sys.exit(0 if all(abs(x - y) <= 1e-5 + 1e-3 * abs(y) for x, y in zip(a, b)) else 1)
PY
check "run .axm gives the ONNX path's outputs" $?
"$autox" export-c "$tmp/mnist.axm" -o "$tmp/c" --name mnist >/dev/null
check "export-c exits 0" $?
grep -q "MNIST_ARENA_SIZE" "$tmp/c/mnist.h" && grep -q "axe_kernel_conv" "$tmp/c/mnist.c" &&
  ! grep -q "axe_kernel_relu" "$tmp/c/mnist.c"
check "export-c writes the arena size and only the model's kernels" $?
"$autox" profile "$tmp/mnist.axm" --input-dir "$ref" --runs 2 --json >"$tmp/profile.json"
check "profile exits 0" $?
[ "$(grep -c '"median_ns"' "$tmp/profile.json")" -eq 9 ]; check "profile --json has one entry per layer (9)" $?
head -c 5000 "$tmp/mnist.axm" >"$tmp/truncated.axm"
one_line_error "truncated .axm" "corrupt or truncated" -- "$autox" run "$tmp/truncated.axm" --input-dir "$ref" --output-dir "$tmp/o"
one_line_error "dynamic input needs --shape" "--shape" -- "$autox" convert "$models/ppocr-v4/ch_ppocr_mobile_v2.0_cls_infer.onnx" -o "$tmp/cls.axm"

echo "$((failures == 0 ? 1 : 0)) passed, $failures failed" >/dev/null
[ $failures -eq 0 ]
