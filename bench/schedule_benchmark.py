#!/usr/bin/python3
"""Schedule benchmark: how `ccsim schedule` scales with templates x intervals, and the
solver's share of the time.

A generated centre of 3 groups (one skill each, plus a second skill between neighbours)
with a half-hourly arrival pattern (weekends at half the weekday volume, closed from 21:00
to 07:00), scheduled over a day (48 intervals) and a week (336 intervals) with 10, 25 and
50 templates, one group each in turn (8 h with a lunch window, 6 h with a short break,
4 h part time; four starts, every 30 min, from 07:00, 10:00, 13:00 or 16:00; over the week
the first nine every day, then mon-fri or sat-sun). Each run: -r 4, at most --rounds
rounds (default 10), -j 2. Prints, per case, the columns of the integer program, the
rounds, the wall time, the time in CBC and in simulation, and the solver's share.

Usage: /usr/bin/python3 bench/schedule_benchmark.py [--ccsim build/ccsim] [--rounds 10]
       [--templates 10,25,50] [--days 1,7]
"""
import argparse
import json
import math
import os
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GROUPS = ["north", "centre", "south"]


def rates(day, base):
    """Per-half-hour rates (per hour) of one day: nothing at night, two daily peaks."""
    weekend = 0.5 if day >= 5 else 1.0
    out = []
    for slot in range(48):
        h = slot / 2
        if h < 7 or h >= 21:
            out.append(0)
            continue
        shape = 0.6 + 0.4 * math.exp(-((h - 10.5) ** 2) / 4) + 0.3 * math.exp(-((h - 15) ** 2) / 3)
        out.append(round(base * shape * weekend))
    return out


def scenario(days):
    types = []
    for k, g in enumerate(GROUPS):
        rs = [r for d in range(days) for r in rates(d, 120 + 40 * k)]
        types.append(f"  {g}_calls:\n    arrivals: {{pattern: {{slot: 30m, rates: [{', '.join(f'{r}/h' for r in rs)}]}}}}\n"
                     f"    handle_time: {{dist: exponential, mean: {4 + k}m}}\n"
                     f"    patience: {{dist: exponential, mean: 3m}}\n")
    groups = []
    for k, g in enumerate(GROUPS):
        other = GROUPS[(k + 1) % 3]
        groups.append(f"  {g}: {{agents: 1, skills: {{{g}_calls: 1, {other}_calls: 2}}}}\n")
    return (f"name: schedule-bench\nstart: 2026-03-02 00:00\nhorizon: {days}d\ninterval: 30m\n"
            f"seed: 3\ncontact_types:\n{''.join(types)}agent_groups:\n{''.join(groups)}")


def templates(n, days):
    shapes = [("8h", '[{length: 30m, window: ["%s", "%s"]}]', 4), ("6h", '[{length: 15m, window: ["%s", "%s"]}]', 3),
              ("4h", None, 0)]
    day_sets = ["[mon-sun]", "mon-fri", "[sat, sun]"]
    out = ["templates:"]
    for k in range(n):
        length, breaks, mid = shapes[k % 3]
        first = 7 + ((k // 3) * 3) % 12  # each group's first three start at 07, 10, 13
        group = GROUPS[k % 3]
        line = (f'  t{k:02d}: {{start: {{from: "{first:02d}:00", to: "{first + 1:02d}:30", step: 30m}}, '
                f'length: {length}, days: {day_sets[(k // 9) % 3] if days == 7 else "[mon-sun]"}, cost: {20 + k % 7}, groups: [{group}]')
        if breaks:
            a, b = first + mid - 1, first + mid + 1
            line += ", breaks: " + breaks % (f"{a % 24:02d}:00", f"{b % 24:02d}:00")
        out.append(line + "}")
    return "\n".join(out) + "\n"


def run(ccsim, folder, days, n, rounds):
    s = os.path.join(folder, f"s{days}.yaml")
    t = os.path.join(folder, f"t{n}.yaml")
    with open(s, "w") as f:
        f.write(scenario(days))
    with open(t, "w") as f:
        f.write(templates(n, days))
    argv = [ccsim, "schedule", s, "--templates", t, "--target", "0.8", "-r", "4", "-j", "2",
            "--max-rounds", str(rounds), "--json"]
    start = time.perf_counter()
    done = subprocess.run(argv, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    d = json.loads(done.stdout)
    return wall, d


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ccsim", default=os.path.join(ROOT, "build", "ccsim"))
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--templates", default="10,25,50")
    ap.add_argument("--days", default="1,7")
    a = ap.parse_args()
    print("| days | intervals | templates | columns | rounds | wall s | solver s | simulation s | solver share | cost |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for days in map(int, a.days.split(",")):
            for n in map(int, a.templates.split(",")):
                wall, d = run(a.ccsim, folder, days, n, a.rounds)
                sol, sim = d["solver"]["seconds"], d["simulation_seconds"]
                print(f"| {days} | {48 * days} | {n} | {d['solver']['columns']} | {d['rounds']} | {wall:.2f} | "
                      f"{sol:.2f} | {sim:.2f} | {100 * sol / wall:.0f}% | {d['cost']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
