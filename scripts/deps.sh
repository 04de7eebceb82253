# scripts/deps.sh (sourced by setup.sh and test.sh) owns the list of Debian 12
# packages kg needs and installs the ones that are missing. When everything is
# installed it does nothing, not even `apt-get update`, so reruns are quick
# and work offline.

# To build and run kg.
KG_BUILD_PACKAGES=(g++ cmake make libboost-graph-dev libicu-dev rapidjson-dev libsqlite3-dev
                   libgtest-dev libcli11-dev help2man libopencc-dev libgumbo-dev libpoppler-cpp-dev
                   libzstd-dev libmimalloc-dev nettle-dev)
# To run the whole test suite: the reference scorer and the export/report
# checks use Python with ICU, NetworkX and igraph, xmllint, Graphviz, Chromium;
# a CJK font so that Graphviz measures Chinese labels and Chromium draws them.
KG_TEST_PACKAGES=(python3 python3-icu python3-networkx python3-igraph libxml2-utils graphviz chromium
                  fonts-noto-cjk)
# To build and run the libFuzzer harnesses (fuzz/, scripts/fuzz.sh): clang
# and its runtime libraries (libFuzzer, ASan, UBSan).
KG_FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# For bench/scale.sh only (not the tests): the jieba + NetworkX pipeline kg's
# speed is compared with, and GNU time for peak memory.
KG_BENCH_PACKAGES=(python3 python3-jieba python3-networkx time)

kg_install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "kg: missing packages: ${missing[*]}; run as root or install them with apt-get" >&2
      return 1
    fi
  fi
  echo "kg: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}
