#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [HARNESS...]: builds the libFuzzer harnesses of
# fuzz/ with clang (build-fuzz/, -DKG_FUZZ=ON: ASan + UBSan + coverage) and
# runs each for SECONDS (default 60), one after another, on its seed corpus.
# Any crash, sanitizer report, leak or input slower than 10 s stops that
# harness, leaves the input in build-fuzz/findings/<harness>/ and makes the
# script exit non-zero. Inputs that reach new code are kept in
# build-fuzz/corpus/<harness>/ for the next run. CI (.ci/run) runs it after
# the test suite; docs/reliability.md says how to run it longer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/deps.sh

kg_install_packages "${KG_BUILD_PACKAGES[@]}" "${KG_FUZZ_PACKAGES[@]}"

seconds=${1:-60}
shift || true
harnesses=("$@")
if [[ ${#harnesses[@]} -eq 0 ]]; then
  harnesses=(text extract cypher named)
fi

# BUILD_TESTING is left as the directory has it: scripts/test.sh builds the
# test suite in this same directory, under the same instrumentation.
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_FUZZ=ON
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build build-fuzz -j2 --target "${targets[@]}"

# Seeds per harness: the repository's own fixtures, read in place.
seeds_of() {
  case "$1" in
    text) echo seeds tests/text/fixtures tests/pipeline/fixtures/set_a tests/pipeline/fixtures/set_b ;;
    extract) echo seeds tests/pipeline/fixtures/set_a tests/pipeline/fixtures/set_b fuzz/corpus/extract ;;
    cypher | named) echo "fuzz/corpus/$1" ;;
    *) echo "kg: no harness named '$1' (text, extract, cypher, named)" >&2; return 1 ;;
  esac
}

failed=()
for h in "${harnesses[@]}"; do
  seeds=$(seeds_of "$h")
  corpus=build-fuzz/corpus/$h findings=build-fuzz/findings/$h
  mkdir -p "$corpus" "$findings"
  dict=()
  [[ -f fuzz/$h.dict ]] && dict=(-dict="fuzz/$h.dict")
  echo "== fuzz_$h for ${seconds}s (seeds: $seeds)"
  # shellcheck disable=SC2086  # $seeds is a list of folders
  if ! ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}" \
       UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
       "build-fuzz/fuzz/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
         -print_final_stats=1 -artifact_prefix="$findings/" "${dict[@]}" "$corpus" $seeds; then
    failed+=("$h")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "kg: fuzzing found problems in: ${failed[*]} (inputs in build-fuzz/findings/)" >&2
  exit 1
fi
echo "== fuzzing: no findings"
