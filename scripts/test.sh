#!/usr/bin/env bash
# scripts/test.sh: the README's second command, and what CI (.ci/run) runs.
# Installs what is missing, builds Release and runs the whole test suite,
# then builds again with clang, AddressSanitizer + UndefinedBehaviorSanitizer
# and libFuzzer's coverage hooks in a second build directory (build-fuzz/),
# runs the suite there too, and runs each fuzz harness from that same build,
# so the instrumented library is compiled once (CI has 15 minutes on two
# cores). Two cores: -j2.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/deps.sh

kg_install_packages "${KG_BUILD_PACKAGES[@]}" "${KG_TEST_PACKAGES[@]}" "${KG_FUZZ_PACKAGES[@]}"

echo "== Release build and tests (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKG_SANITIZE=OFF -DBUILD_TESTING=ON
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2

echo "== AddressSanitizer + UBSan build (clang, with fuzz coverage) and tests (build-fuzz/)"
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_FUZZ=ON -DBUILD_TESTING=ON
cmake --build build-fuzz -j2
ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
  ctest --test-dir build-fuzz --output-on-failure -j2

echo "== libFuzzer harnesses, ${KG_FUZZ_SECONDS:-30} s each (build-fuzz/, docs/reliability.md)"
bash scripts/fuzz.sh "${KG_FUZZ_SECONDS:-30}"

echo "== all tests passed (Release, sanitizers and fuzzing)"
