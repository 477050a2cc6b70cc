#!/usr/bin/env bash
# The two commands of the README, on a fresh Debian 12 machine:
#   ./dev.sh run [ccsim run options...]   install what is missing, build (Release), run the
#                                         default scenario
#   ./dev.sh test                         install what is missing, build, run every test
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the build, the tests and the benchmarks need.
PACKAGES=(
  cmake g++ make
  libboost-random-dev libboost-program-options-dev
  libyaml-dev libtbb-dev librandom123-dev libhdf5-dev libdeflate-dev
  libgtest-dev libbenchmark-dev
  coinor-libcbc-dev pkg-config
  python3-h5py python3-pandas python3-matplotlib
  libopenmpi-dev openmpi-bin
)
DEFAULT_SCENARIO=scenarios/help_desk.yaml
BUILD_DIR=${CCSIM_BUILD_DIR:-build}

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

case "${1:-}" in
  run)
    shift
    install_missing
    build
    "$BUILD_DIR/ccsim" run "$DEFAULT_SCENARIO" "$@"
    ;;
  test)
    install_missing
    build
    # --no-tests=error: a run that finds no test fails instead of passing quietly.
    ctest --test-dir "$BUILD_DIR" --output-on-failure --no-tests=error -j "$(nproc)"
    ;;
  *)
    echo "usage: ./dev.sh run [ccsim run options...] | ./dev.sh test" >&2
    exit 2
    ;;
esac
