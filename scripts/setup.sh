#!/usr/bin/env bash
# scripts/setup.sh: the README's first command. Installs what is missing,
# builds kg in Release (build/), builds the knowledge graph of seeds/ into
# kg.sqlite and prints a short summary. Safe to run again: an unchanged
# file is not read twice.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/deps.sh

kg_install_packages "${KG_BUILD_PACKAGES[@]}"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2 --target kg
build/tools/kg/kg build seeds/ --db kg.sqlite
build/tools/kg/kg stats --db kg.sqlite
