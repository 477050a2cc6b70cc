#!/usr/bin/env bash
# `ccsim schedule` as users run it, and its roster read back by `ccsim run`.
#   tests/schedule_test.sh PATH/TO/ccsim PROJECT_ROOT
# The roster it writes gives, with `run`, the agents on duty per interval that schedule
# reported and the very service levels it simulated (same seed, same shifts); every
# interval meets the target; mistakes exit 2 with their exact diagnostics.
set -uo pipefail
CCSIM=$1
ROOT=$2
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

START='start=2026-03-02 08:00'  # insurance_day's calendar (Monday 08:00)

# --- schedule: a roster that meets the target -------------------------------------
"$CCSIM" schedule scenarios/insurance_day.yaml --set "$START" \
  --templates scenarios/schedule_shifts_part_time.yaml --target 0.8 -r 10 -j 2 \
  -o "$TMP/roster.csv" --json >"$TMP/schedule.json" 2>"$TMP/err"
status=$?
[ "$status" -eq 0 ] && pass || { fail "schedule: exit $status"; cat "$TMP/err"; }
if /usr/bin/python3 - "$TMP/schedule.json" "$TMP/roster.csv" <<'PY'; then pass; else fail "schedule --json: target, cost or roster rows wrong"; fi
import csv, datetime, json, sys
d = json.load(open(sys.argv[1]))
assert d["target_met"] == 1 and d["rosters"][0]["file"] == sys.argv[2], d
ivs = d["intervals"]
assert len(ivs) == 24
for iv in ivs:  # the simulation has the last word: every interval at or above the target
    assert iv["offered"] > 0 and iv["service_level"]["mean"] >= 0.8, iv
    assert iv["on_duty"] >= iv["required"] - 1e-9, iv
# The roster's rows give the agents on duty (and not on a break) that schedule reported.
start = datetime.datetime(2026, 3, 2, 8, 0)
on = [0.0] * 24
rows = list(csv.DictReader(open(sys.argv[2])))
assert sum(t["agents"] for t in d["templates"]) == len(rows)
for r in rows:
    a = (datetime.datetime.fromisoformat(r["start"]) - start).total_seconds()
    b = (datetime.datetime.fromisoformat(r["end"]) - start).total_seconds()
    off = []
    for item in filter(None, r["breaks"].split(";")):
        when, length = item.split("+")
        h, m = map(int, when.split(":"))
        t = (h - 8) * 3600 + m * 60
        off.append((t, t + int(length.rstrip("m")) * 60))
    for i in range(24):
        lo, hi = i * 1800, (i + 1) * 1800
        share = max(0, min(hi, b) - max(lo, a)) - sum(max(0, min(hi, y) - max(lo, x)) for x, y in off)
        on[i] += share / 1800
for i, iv in enumerate(ivs):
    assert abs(on[i] - iv["on_duty"]) < 1e-9, (i, on[i], iv["on_duty"])
cost = sum(t["cost"] for t in d["templates"])
assert abs(cost - d["cost"]) < 1e-6 and d["solver"]["status"] == "optimal", d["solver"]
PY

# --- run reads the roster: the same service levels, interval by interval -------------
sed "s#^    agents: 14\$#    roster: $TMP/roster.csv#" scenarios/insurance_day.yaml >"$TMP/rostered.yaml"
"$CCSIM" run "$TMP/rostered.yaml" --set "$START" -r 10 -j 2 --json --intervals >"$TMP/run.json" 2>"$TMP/err"
status=$?
[ "$status" -eq 0 ] && pass || { fail "run with the roster: exit $status"; cat "$TMP/err"; }
if /usr/bin/python3 - "$TMP/schedule.json" "$TMP/run.json" <<'PY'; then pass; else fail "run with the roster: service levels differ from schedule's"; fi
import json, sys
s = json.load(open(sys.argv[1]))["intervals"]
r = json.load(open(sys.argv[2]))["intervals"]
assert len(s) == len(r) == 24
for a, b in zip(s, r):
    assert a["service_level"]["mean"] == b["kpis"]["service_level"]["mean"], (a, b)
    assert a["service_level"]["ci95"] == b["kpis"]["service_level"]["ci95"], (a, b)
PY

# --- the tables, and several groups: a roster per group ------------------------------
"$CCSIM" schedule scenarios/insurance_day.yaml --set "$START" \
  --templates scenarios/schedule_shifts.yaml -r 4 -j 2 -o "$TMP/r.csv" >"$TMP/out" 2>"$TMP/err"
grep -q '^Mon 03-02 08:00 ' "$TMP/out" && grep -q '^early ' "$TMP/out" && [ -s "$TMP/r.csv" ] && pass ||
  fail "schedule tables: no clock-time interval rows or template rows"
cat >"$TMP/two.yaml" <<'YAML'
name: two-groups
horizon: 4h
contact_types:
  sales: {arrivals: {rate: 60/h}, handle_time: 4m}
  service: {arrivals: {rate: 90/h}, handle_time: 5m}
agent_groups:
  mixed: {agents: 1, skills: {sales: 1, service: 2}}
  support: {agents: 1, skills: {service: 1}}
YAML
printf 'templates:\n  two: {start: {from: "00:00", to: "02:00", step: 1h}, length: 2h, cost: 10}\n' >"$TMP/two_t.yaml"
"$CCSIM" schedule "$TMP/two.yaml" --templates "$TMP/two_t.yaml" -r 4 -j 2 -o "$TMP/two.csv" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 0 ] && head -1 "$TMP/two.mixed.csv" | grep -q '^agent,start,end,breaks$' && [ -s "$TMP/two.support.csv" ] &&
  grep -q '^0:00-0:30 ' "$TMP/out" && pass || fail "two groups: no roster per group, or no elapsed labels"

# --- mistakes: exit 2, exact diagnostics, nothing written --------------------------
printf 'templates:\n  early: {start: "8am", length: 8h, cost: 20}\n' >"$TMP/bad.yaml"
"$CCSIM" schedule scenarios/insurance_day.yaml --templates "$TMP/bad.yaml" -o "$TMP/x.csv" >"$TMP/out" 2>"$TMP/err"
status=$?
expected="$TMP/bad.yaml:2:18: error: templates.early.start: expected a clock time like 08:00, a list of them, or a range like {from: \"07:00\", to: \"10:00\", step: 30m}; got '8am'"
if [ "$status" -eq 2 ] && [ "$(cat "$TMP/err")" = "$expected" ] && [ ! -e "$TMP/x.csv" ]; then pass; else
  fail "bad templates: exit $status, stderr: $(cat "$TMP/err")"
fi
"$CCSIM" schedule scenarios/insurance_day.yaml --templates scenarios/schedule_shifts.yaml --interval 10s >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "^ccsim schedule: error: --interval: expected a duration of at least 1m" "$TMP/err" && pass ||
  fail "--interval 10s: not refused"
"$CCSIM" schedule scenarios/insurance_day.yaml >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && [ "$(cat "$TMP/err")" = "ccsim schedule: error: missing --templates SHIFTS.yaml (see ccsim schedule --help)" ] && pass ||
  fail "missing --templates: $(cat "$TMP/err")"
"$CCSIM" schedule scenarios/insurance_day.yaml --templates scenarios/schedule_shifts.yaml -o "$TMP/no/such/dir/r.csv" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "^ccsim schedule: error: -o: " "$TMP/err" && pass || fail "-o in a missing folder: not refused before simulating"
"$CCSIM" schedule --help >"$TMP/out" 2>&1
grep -q "Example:" "$TMP/out" && pass || fail "schedule --help has no example"

finish schedule_test
