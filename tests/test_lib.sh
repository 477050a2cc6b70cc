# What the shell tests share; sourced once CCSIM and ROOT are set:
#   source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"
# Makes $TMP (removed on exit), enters $ROOT, counts checks with pass / fail, and `finish
# NAME` prints the counts and fails when a check failed or none ran.
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT" || exit 1

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*"
}
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
