#!/usr/bin/env bash
# The two commands of the README, on a fresh Debian 12 machine:
#   ./dev.sh run [ccsim run options...]   install what a user needs, build the ccsim program
#                                         alone (Release; no tests or benchmarks), run the
#                                         default scenario
#   ./dev.sh test                         install what the tests need too, build everything,
#                                         run every test
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages: what builds and runs ccsim and its analysis kit (analysis/: h5py,
# pandas, matplotlib, scipy; PyYAML for the scenario's values in comparison labels) ...
RUN_PACKAGES=(
  cmake g++ make
  libboost-random-dev libboost-program-options-dev
  libyaml-dev libtbb-dev librandom123-dev libhdf5-dev libdeflate-dev
  coinor-libcbc-dev pkg-config
  libopenmpi-dev openmpi-bin
  python3-h5py python3-pandas python3-matplotlib python3-scipy python3-yaml
)
# ... and what the tests and benchmarks add (chromium opens the HTML report, headless).
TEST_PACKAGES=(
  libgtest-dev libbenchmark-dev
  chromium
)
DEFAULT_SCENARIO=scenarios/help_desk.yaml
BUILD_DIR=${CCSIM_BUILD_DIR:-build}

# install_missing PACKAGE...: apt-get installs those that are not installed.
install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# build ON|OFF [TARGET]: configures (Release) with the tests and benchmarks ON or OFF and
# builds TARGET, or everything. The option only adds or drops targets: ccsim's objects
# are the same either way.
build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
        -DCCSIM_BUILD_TESTS="$1" -DCCSIM_BUILD_BENCH="$1" >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)" ${2:+--target "$2"}
}

case "${1:-}" in
  run)
    shift
    install_missing "${RUN_PACKAGES[@]}"
    build OFF ccsim
    "$BUILD_DIR/ccsim" run "$DEFAULT_SCENARIO" "$@"
    ;;
  test)
    install_missing "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build ON
    # --no-tests=error: a run that finds no test fails instead of passing quietly.
    ctest --test-dir "$BUILD_DIR" --output-on-failure --no-tests=error -j "$(nproc)"
    ;;
  *)
    echo "usage: ./dev.sh run [ccsim run options...] | ./dev.sh test" >&2
    exit 2
    ;;
esac
