#!/usr/bin/env bash
# bench/run.sh owns the end-to-end benchmark: generate a synthetic corpus,
# run `kg build` on it into a fresh database, print MB/s end to end.
#
# usage: bench/run.sh [--mb 50] [--kg PATH/TO/kg] [--stage-bench PATH] [--corpus DIR] [--seed 1]
# Without --kg it configures and builds Release in build-bench/ (-j2), with
# kg_stage_bench, which then times each stage on its own.
# The corpus is generated once per size and seed and then reused.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb=50
seed=1
kg=""
stage_bench=""
corpus=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --kg) kg="$2"; shift 2 ;;
    --stage-bench) stage_bench="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
corpus="${corpus:-${TMPDIR:-/tmp}/kg-bench-corpus-${mb}mb-seed${seed}}"

if [[ -z "$kg" ]]; then
  cmake -S "$repo" -B "$repo/build-bench" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$repo/build-bench" -j2 --target kg kg_stage_bench >/dev/null
  kg="$repo/build-bench/tools/kg/kg"
  stage_bench="$repo/build-bench/bench/kg_stage_bench"
fi
[[ -x "$kg" ]] || { echo "bench/run.sh: kg binary '$kg' is not executable" >&2; exit 1; }

# The marker lives beside the corpus: kg build reads every file inside it.
if [[ ! -f "$corpus.complete" ]]; then
  rm -rf "$corpus"
  echo "generating ${mb} MB of synthetic articles into $corpus" >&2
  /usr/bin/python3 "$repo/bench/gen_corpus.py" "$corpus" --mb "$mb" --seed "$seed"
  touch "$corpus.complete"
fi
bytes=$(find "$corpus" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
files=$(find "$corpus" -type f -name '*.txt' | wc -l)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/bench.sqlite"

start=$(date +%s.%N)
status=0
"$kg" build "$corpus" --db "$db" >"$work/build.out" 2>"$work/build.err" || status=$?
end=$(date +%s.%N)

echo "== kg build output"
cat "$work/build.out"
grep -v 'processed [0-9]*/' "$work/build.err" | tail -5 || true
if [[ $status -ne 0 ]] && ! grep -q '^built into' "$work/build.out"; then
  echo "bench/run.sh: kg build failed (exit $status)" >&2
  exit 1
fi
awk -v b="$bytes" -v f="$files" -v s="$start" -v e="$end" -v db="$(stat -c %s "$db")" 'BEGIN {
  mb = b / 1048576; t = e - s;
  printf "== benchmark\ncorpus:     %d files, %.1f MB\n", f, mb;
  printf "wall time:  %.2f s (kg build, end to end, including the database write)\n", t;
  printf "throughput: %.2f MB/s end to end (target >= 10 MB/s)\n", (t > 0 ? mb / t : 0);
  printf "database:   %.1f MB\n", db / 1048576;
}'

if [[ -n "$stage_bench" && -x "$stage_bench" ]]; then
  echo "== per stage"
  "$stage_bench" "$corpus" "$work/stages.sqlite"
fi
