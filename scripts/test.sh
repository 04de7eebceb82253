#!/usr/bin/env bash
# scripts/test.sh: the README's second command, and what CI (.ci/run) runs.
# Installs what is missing, builds Release and runs the whole test suite,
# then builds again with AddressSanitizer + UndefinedBehaviorSanitizer in a
# second build directory and runs the suite there too. Two cores: -j2.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/deps.sh

kg_install_packages "${KG_BUILD_PACKAGES[@]}" "${KG_TEST_PACKAGES[@]}" "${KG_FUZZ_PACKAGES[@]}"

echo "== Release build and tests (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKG_SANITIZE=OFF -DBUILD_TESTING=ON
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2

echo "== AddressSanitizer + UBSan build and tests (build-sanitize/)"
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DKG_SANITIZE=ON -DBUILD_TESTING=ON
cmake --build build-sanitize -j2
ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
  ctest --test-dir build-sanitize --output-on-failure -j2

echo "== libFuzzer harnesses, a minute each (build-fuzz/, docs/reliability.md)"
bash scripts/fuzz.sh "${KG_FUZZ_SECONDS:-60}"

echo "== all tests passed (Release, sanitizers and fuzzing)"
