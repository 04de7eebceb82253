#!/usr/bin/env bash
# bench/run.sh owns the end-to-end benchmark: generate a synthetic corpus,
# run `kg build` on it into a fresh database, print MB/s end to end.
#
# usage: bench/run.sh [--mb 50] [--kg PATH/TO/kg] [--corpus DIR] [--seed 1]
# Without --kg it configures and builds Release in build-bench/ (-j2).
# The corpus is generated once per size and seed and then reused.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb=50
seed=1
kg=""
corpus=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --kg) kg="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
corpus="${corpus:-${TMPDIR:-/tmp}/kg-bench-corpus-${mb}mb-seed${seed}}"

if [[ -z "$kg" ]]; then
  cmake -S "$repo" -B "$repo/build-bench" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$repo/build-bench" -j2 --target kg >/dev/null
  kg="$repo/build-bench/tools/kg/kg"
fi
[[ -x "$kg" ]] || { echo "bench/run.sh: kg binary '$kg' is not executable" >&2; exit 1; }

if [[ ! -f "$corpus/.complete" ]]; then
  rm -rf "$corpus"
  echo "generating ${mb} MB of synthetic articles into $corpus" >&2
  /usr/bin/python3 "$repo/bench/gen_corpus.py" "$corpus" --mb "$mb" --seed "$seed"
  touch "$corpus/.complete"
fi
bytes=$(find "$corpus" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
files=$(find "$corpus" -type f -name '*.txt' | wc -l)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/bench.sqlite"

start=$(date +%s.%N)
"$kg" build "$corpus" --db "$db" >"$work/build.out" 2>"$work/build.err" || {
  echo "bench/run.sh: kg build failed:" >&2; tail -20 "$work/build.err" >&2; exit 1; }
end=$(date +%s.%N)

echo "== kg build output"
cat "$work/build.out"
grep -v '^kg build: .*progress' "$work/build.err" | tail -5 || true
awk -v b="$bytes" -v f="$files" -v s="$start" -v e="$end" -v db="$(stat -c %s "$db")" 'BEGIN {
  mb = b / 1048576; t = e - s;
  printf "== benchmark\ncorpus:     %d files, %.1f MB\n", f, mb;
  printf "wall time:  %.2f s (kg build, end to end, including the database write)\n", t;
  printf "throughput: %.2f MB/s end to end (target >= 10 MB/s)\n", (t > 0 ? mb / t : 0);
  printf "database:   %.1f MB\n", db / 1048576;
}'
