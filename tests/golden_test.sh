#!/usr/bin/env bash
# Golden summaries: every scenario in scenarios/ run as
#   ccsim run SCENARIO --json --intervals -r 4 -j 2
# must print exactly tests/golden/<name>.json, bit for bit. A change of numbers is a
# deliberate update of those files (explained in the commit):
#   tests/golden_test.sh build/ccsim . --update
set -u
CCSIM=$1
SRC=$2
UPDATE=${3:-}
cd "$SRC" || exit 1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failed=0
checked=0
for scenario in scenarios/*.yaml; do
  grep -q '^templates:' "$scenario" && continue  # shift templates for `ccsim schedule`
  name=$(basename "$scenario" .yaml)
  golden=tests/golden/$name.json
  if ! "$CCSIM" run "$scenario" --json --intervals -r 4 -j 2 >"$TMP/out" 2>"$TMP/err"; then
    echo "FAIL $name: ccsim run failed"; sed 's/^/    /' "$TMP/err" | head -10
    failed=$((failed + 1)); continue
  fi
  if [ "$UPDATE" = "--update" ]; then
    cp "$TMP/out" "$golden"; echo "updated $golden"; continue
  fi
  if [ ! -f "$golden" ]; then
    echo "FAIL $name: no golden summary $golden (run with --update once, and commit it)"
    failed=$((failed + 1)); continue
  fi
  if ! cmp -s "$TMP/out" "$golden"; then
    echo "FAIL $name: the summary differs from $golden"
    /usr/bin/python3 - "$golden" "$TMP/out" <<'PY'
import json, sys
def flat(x, p=""):
    if isinstance(x, dict):
        for k, v in x.items(): yield from flat(v, f"{p}.{k}" if p else k)
    elif isinstance(x, list):
        for i, v in enumerate(x): yield from flat(v, f"{p}[{i}]")
    else: yield p, x
a, b = (dict(flat(json.load(open(f)))) for f in sys.argv[1:3])
diff = [k for k in sorted(a.keys() | b.keys()) if a.get(k, "<missing>") != b.get(k, "<missing>")]
for k in diff[:15]: print(f"    {k}: golden {a.get(k, '<missing>')} now {b.get(k, '<missing>')}")
print(f"    ({len(diff)} values differ)")
PY
    failed=$((failed + 1)); continue
  fi
  checked=$((checked + 1))
done
for golden in tests/golden/*.json; do
  name=$(basename "$golden" .json)
  [ -f "scenarios/$name.yaml" ] || { echo "FAIL $golden: no scenarios/$name.yaml"; failed=$((failed + 1)); }
done
[ "$UPDATE" = "--update" ] && exit "$failed"
echo "$checked golden summaries identical, $failed failed"
[ "$checked" -gt 0 ] && [ "$failed" -eq 0 ]
