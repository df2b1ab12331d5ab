#!/usr/bin/env bash
# Tokens/s of `autox generate` vs llama2.c's run.c (built here with gcc -Ofast -march=native) on
# the llama2.c checkpoints in the shared models, greedy, the same steps, runs interleaved; then
# the engine's arena against the lower bound (KV cache + live activations) and the weights.
# Also a stories15M-shaped checkpoint with random weights (make_llama2c_checkpoint.py).
# Not a test (timings on a shared machine are noisy: medians and best of RUNS).
#
#   tests/bench/bench_llm.sh [BUILD_DIR] [RUNS] [STEPS]
#
# run.c is not vendored in this repository: put karpathy/llama2.c's run.c (MIT) at
# $RUN_C (default BUILD_DIR/runc/run.c); without it only Auto-X is measured.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/release}
runs=${2:-15}
steps=${3:-256}
shared=${AXE_SHARED_DIR:-$root/../shared}
autox=$build/app/cli/autox
run_c=${RUN_C:-$build/runc/run.c}
m=$shared/models/llama2c-stories260K
models=("stories260K|$m/stories260K.bin|$m/tok512.bin")
# stories15M's shape with random weights (the real checkpoint is not in the shared models):
# the same work per token, meaningless text.
synthetic=$build/llm-synthetic
if [ ! -f "$synthetic/stories15M-random.bin" ]; then
  python3 "$here/make_llama2c_checkpoint.py" stories15M "$synthetic" >/dev/null
fi
models+=("stories15M shape, random weights|$synthetic/stories15M-random.bin|$synthetic/tok32000-random.bin")

run_bin=""
if [ -f "$run_c" ]; then
  run_bin=$build/runc/run-ofast
  mkdir -p "$(dirname "$run_bin")"
  gcc -Ofast -march=native -o "$run_bin" "$run_c" -lm
else
  echo "note: $run_c not found; measuring Auto-X only (see the header of this script)" >&2
fi

stats() {  # median and max of the numbers on stdin
  sort -g | awk '{v[NR]=$1} END {printf "%.0f %.0f\n", v[int((NR+1)/2)], v[NR]}'
}

echo "| model | steps | Auto-X tok/s median (best) | run.c -Ofast tok/s median (best) | ratio of medians |"
echo "|---|---|---|---|---|"
for entry in "${models[@]}"; do
  IFS='|' read -r name model tok <<<"$entry"
  ours=() theirs=()
  for ((i = 0; i < runs; i++)); do
    ours+=("$("$autox" generate "$model" --tokenizer "$tok" --temperature 0 --steps "$steps" \
      2>&1 >/dev/null | sed -n 's/^achieved tok\/s: \([0-9.]*\).*/\1/p')")
    if [ -n "$run_bin" ]; then
      theirs+=("$("$run_bin" "$model" -z "$tok" -t 0 -n "$steps" 2>&1 >/dev/null |
        sed -n 's/^achieved tok\/s: \([0-9.]*\).*/\1/p')")
    fi
  done
  read -r om ob < <(printf '%s\n' "${ours[@]}" | stats)
  if [ -n "$run_bin" ]; then
    read -r tm tb < <(printf '%s\n' "${theirs[@]}" | stats)
    ratio=$(awk -v a="$om" -v b="$tm" 'BEGIN {printf "%.2f", a / b}')
    echo "| $name | $steps | $om ($ob) | $tm ($tb) | $ratio |"
  else
    echo "| $name | $steps | $om ($ob) | - | - |"
  fi
  "$autox" generate "$model" --tokenizer "$tok" --temperature 0 --steps 2 2>&1 >/dev/null |
    sed -n 's/^\(model\|memory\):/  \1:/p'
done
