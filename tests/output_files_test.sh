#!/usr/bin/env bash
# Where ccsim writes: special files are written to never replaced, links are refused, a
# full disk or a failed stdout gives a message and exit 1 (never 139), and nothing is left
# under the final name.
#   tests/output_files_test.sh PATH/TO/ccsim PROJECT_ROOT
set -uo pipefail
CCSIM=$1
ROOT=$2
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

# expect WANT MESSAGE COMMAND...: exit WANT and MESSAGE on stderr.
expect() {
  local want=$1 message=$2
  shift 2
  "$@" >/dev/null 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq "$want" ] && grep -qF -- "$message" "$TMP/err"; then pass; else
    fail "$*: exit $got, expected $want and '$message'; stderr: $(head -c 300 "$TMP/err")"
  fi
}
# limited BLOCKS COMMAND...: runs COMMAND with files limited to BLOCKS KiB, as a full disk
# fails writes (stderr goes through a pipe, which the limit does not touch).
limited() {
  local blocks=$1
  shift
  ( ulimit -f "$blocks"; trap '' XFSZ; exec "$@" ) 2>&1 >/dev/null | cat >&2
  return "${PIPESTATUS[0]}"
}
nothing_left() {  # nothing_left PATH: no temporary file beside it
  compgen -G "$1.tmp-*" >/dev/null && fail "a temporary file was left beside $1" || pass
}

RUN=("$CCSIM" run scenarios/help_desk.yaml -r 1)
SWEEP=("$CCSIM" sweep scenarios/help_desk.yaml -r 1 --vary agent_groups.desk.agents=5,6)
"${RUN[@]}" -o "$TMP/good.h5" >/dev/null

# Devices, FIFOs and directories are refused with or without --force, and stay as they are.
for force in "" --force; do
  expect 2 "-o: /dev/full is not a regular file" "${RUN[@]}" -o /dev/full $force
  expect 2 "-o: /dev/null is not a regular file" "${SWEEP[@]}" -o /dev/null $force
done
[ -c /dev/full ] && pass || fail "/dev/full is no longer a device"
mkfifo "$TMP/fifo"
expect 2 "-o: $TMP/fifo is not a regular file" "$CCSIM" merge "$TMP/good.h5" -o "$TMP/fifo" --force
[ -p "$TMP/fifo" ] && pass || fail "the FIFO was replaced"
expect 2 "-o: $TMP is a folder; expected a file name" "${RUN[@]}" -o "$TMP" --force
expect 2 "--csv: /dev/full is not a regular file" \
  "$CCSIM" staff scenarios/help_desk.yaml --target 0.8 -r 1 --csv /dev/full

# Links, dangling or not, are refused; nothing is written through them.
ln -s "$TMP/nowhere/x.h5" "$TMP/dangling.h5"
ln -s "$TMP/good.h5" "$TMP/link.h5"
for link in dangling link; do
  for force in "" --force; do
    expect 2 "-o: $TMP/$link.h5 is a symbolic link" "${RUN[@]}" -o "$TMP/$link.h5" $force
  done
done
[ -L "$TMP/dangling.h5" ] && [ ! -e "$TMP/nowhere" ] && pass || fail "the dangling link was written through"

# Standard output that cannot be written: exit 1 with the reason, for every command.
expect 1 "ccsim run: error: cannot write to standard output: No space left on device" \
  bash -c '"$@" --json >/dev/full' _ "${RUN[@]}"
expect 1 "cannot write to standard output" bash -c '"$@" >/dev/full' _ "$CCSIM" compare "$TMP/good.h5" "$TMP/good.h5"
expect 1 "cannot write to standard output" bash -c '"$@" >/dev/full' _ "$CCSIM" erlang --rate 100 --aht 3m --agents 6
expect 1 "cannot write to standard output" bash -c '"$@" >/dev/full' _ "$CCSIM" validate scenarios/help_desk.yaml
expect 1 "cannot write to standard output" bash -c '"$@" >/dev/full' _ "$CCSIM" --help

# A full disk (a file-size limit, as a full disk fails the writes): the reason, exit 1 and
# not 139 from HDF5's cleanup, nothing under the final name and no temporary file.
for limit in 20 80; do
  expect 1 "failed to write $TMP/full.h5 (nothing left under that name): write $TMP/full.h5.tmp-" \
    limited $limit "$CCSIM" run scenarios/help_desk.yaml -r 2 --trace events -o "$TMP/full.h5"
  grep -qF "File too large" "$TMP/err" && pass || fail "full disk: no reason: $(cat "$TMP/err")"
  [ -e "$TMP/full.h5" ] && fail "a failed write left $TMP/full.h5" || pass
  nothing_left "$TMP/full.h5"
done
expect 1 "failed to write $TMP/full_sweep.h5" \
  limited 20 "${SWEEP[@]}" -o "$TMP/full_sweep.h5"
[ -e "$TMP/full_sweep.h5" ] && fail "a failed sweep left its file" || pass
nothing_left "$TMP/full_sweep.h5"
expect 1 "--csv: cannot write $TMP/plan.csv.tmp-" \
  limited 0 "$CCSIM" staff scenarios/help_desk.yaml --target 0.8 -r 1 --csv "$TMP/plan.csv"
[ -e "$TMP/plan.csv" ] && fail "a failed --csv left its file" || pass
nothing_left "$TMP/plan.csv"

finish output_files_test
