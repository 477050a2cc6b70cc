#!/usr/bin/env bash
# The analysis tests as CTest runs them: tests/analysis/run_tests.sh [path/to/ccsim]
# (default build/ccsim). They run the binary into temporary folders and check
# analysis/ccsim_results.py and analysis/report.py on the files it writes.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CCSIM_BIN="$(realpath "${1:-${CCSIM_BIN:-build/ccsim}}")"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
exec /usr/bin/python3 -m unittest discover -s tests/analysis -v
