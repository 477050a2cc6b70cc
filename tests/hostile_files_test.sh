#!/usr/bin/env bash
# Result files from anyone never crash ccsim: each hostile file (tests/bad_files.py) makes
# `compare`, `run --from` and `merge` exit 2 with a message naming the file and the fault.
#   tests/hostile_files_test.sh PATH/TO/ccsim PROJECT_ROOT
set -uo pipefail
CCSIM=$1
ROOT=$2
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

# expect_refusal MESSAGE COMMAND...: exit 2 and MESSAGE on stderr.
expect_refusal() {
  local message=$1
  shift
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq 2 ] && grep -qF -- "$message" "$TMP/err"; then pass; else
    fail "$*: exit $got, expected 2 and '$message'; stderr: $(head -c 300 "$TMP/err")"
  fi
}

"$CCSIM" run scenarios/help_desk.yaml -r 2 -o "$TMP/good.h5" >/dev/null
"$CCSIM" sweep scenarios/help_desk.yaml -r 2 --vary agent_groups.desk.agents=5,6 \
  --shard 0/1 -o "$TMP/sweep.h5" >/dev/null
mkdir "$TMP/bad"
/usr/bin/python3 tests/bad_files.py "$TMP/good.h5" "$TMP/sweep.h5" "$TMP/bad" || fail "bad_files.py"

B=$TMP/bad
while IFS='|' read -r case message; do
  expect_refusal "$B/$case.h5: $message" "$CCSIM" compare "$TMP/good.h5" "$B/$case.h5"
done <<'EOF_CASES'
replication_negative|/summary row 0: replication -1 is outside 0..1
replication_huge|/summary row 0: replication 1000000000 is outside 0..1
contact_type_unknown|/summary row 0: contact_type 99 is not a type of the file's enum
seed_array|attribute seed is not a single value
schema_array|attribute schema_version is not a single value
schema_2|schema_version 2 is not one this ccsim reads (1)
schema_text|attribute schema_version is a string; expected an integer
scenario_fixed_string|attribute scenario is a fixed-length string
replications_huge|attribute replications is 2147483647; expected 1..1000000
summary_2d|/summary is not a table of rows
summary_floats|column asa of /summary is a floating-point number of 4 bytes
EOF_CASES
expect_refusal "$B/schema_missing.h5 is not a ccsim result file" \
  "$CCSIM" compare "$TMP/good.h5" "$B/schema_missing.h5"
for case in seed_array schema_array schema_2 schema_text; do
  expect_refusal "--from: $B/$case.h5: " "$CCSIM" run --from "$B/$case.h5" -r 1
done
expect_refusal "$B/sweep_point_outside.h5: /points/table names point 99; the sweep has 0..1" \
  "$CCSIM" merge "$B/sweep_point_outside.h5" -o "$TMP/merged.h5"
expect_refusal "$B/sweep_schema_2.h5: schema_version 2 is not one" \
  "$CCSIM" merge "$B/sweep_schema_2.h5" -o "$TMP/merged.h5"
expect_refusal "$B/sweep_points_array.h5: attribute points is not a single value" \
  "$CCSIM" merge "$B/sweep_points_array.h5" -o "$TMP/merged.h5"
expect_refusal "$B/sweep_schema_2.h5: schema_version 2 is not one" \
  "$CCSIM" compare "$B/sweep_schema_2.h5" --points 0 1
[ -e "$TMP/merged.h5" ] && fail "a refused merge left $TMP/merged.h5" || pass

# Every input the fuzzer found (docs/fuzzing.md), through every command that reads files:
# an answer or exit 2, never a crash or a hang.
for f in tests/fuzz/result_crashes/*.h5; do
  for args in "compare $f $f" "compare $f --points 0 1" "run --from $f -r 1 --set horizon=1h" \
              "merge $f -o $TMP/m.h5"; do
    timeout 60 "$CCSIM" $args >/dev/null 2>"$TMP/err"
    got=$?
    if [ "$got" -eq 0 ] || [ "$got" -eq 2 ]; then pass; else
      fail "ccsim $args: exit $got; stderr: $(head -c 300 "$TMP/err")"
    fi
    rm -f "$TMP/m.h5"
  done
done
expect_refusal "attribute transfers_in.definition holds 15 bytes; its type needs 16" \
  "$CCSIM" compare tests/fuzz/result_crashes/asan-heap-overflow-attribute-shorter-than-type.h5 --points 0 1
expect_refusal "is corrupt (its free space has size 0)" \
  "$CCSIM" compare tests/fuzz/result_crashes/timeout-global-heap-free-space-size-0.h5 --points 0 1
expect_refusal "HDF5 fails on it (Segmentation fault while reading): the file is malformed" \
  "$CCSIM" merge tests/fuzz/result_crashes/segv-global-heap-reference-out-of-range.h5 -o "$TMP/m.h5"

finish hostile_files_test
