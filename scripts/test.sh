#!/usr/bin/env bash
# scripts/test.sh: the README's second command, and what CI (.ci/run) runs.
# Installs what is missing, builds with clang, AddressSanitizer +
# UndefinedBehaviorSanitizer and libFuzzer's coverage hooks (build-fuzz/,
# RelWithDebInfo: optimised, so code runs as in Release), runs the whole test
# suite there, then runs each fuzz harness from that same build. The library
# is compiled once: CI has 15 minutes on two cores. The Release build with
# gcc is the README's first command (scripts/setup.sh, build/); to run the
# suite on it as well: ctest --test-dir build. Two cores: -j2.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/deps.sh

kg_install_packages "${KG_BUILD_PACKAGES[@]}" "${KG_TEST_PACKAGES[@]}" "${KG_FUZZ_PACKAGES[@]}"

echo "== AddressSanitizer + UBSan build (clang, with fuzz coverage) and tests (build-fuzz/)"
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_FUZZ=ON -DBUILD_TESTING=ON
cmake --build build-fuzz -j2
ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
  ctest --test-dir build-fuzz --output-on-failure -j2

echo "== libFuzzer harnesses, ${KG_FUZZ_SECONDS:-20} s each (build-fuzz/, docs/reliability.md)"
bash scripts/fuzz.sh "${KG_FUZZ_SECONDS:-20}"

echo "== all tests passed (ASan + UBSan build, and fuzzing)"
