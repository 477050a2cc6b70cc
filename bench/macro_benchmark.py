#!/usr/bin/python3
"""Macro-benchmark: ccsim against the minimal reference engine on the same M/M/c model.

Runs `ccsim run bench/mmc_110.yaml` (rate 1/s, exponential 100 s handle time, 110 agents,
one replication, summary only) with 1e6 and 1e7 arrivals, and the reference engine of
../shared/reference/ built with g++ -O2 on the same model. Prints, for each: contacts
simulated per second of whole-process wall time, and peak resident memory; then the
speed ratio (target: ccsim >= 50% of the reference) and the memory growth from 1e6 to
1e7 arrivals (target: < 1.2x: memory bounded by what is in the system, not the horizon).

Usage: /usr/bin/python3 bench/macro_benchmark.py [--ccsim build/ccsim] [--repeat 3]
"""
import argparse
import json
import os
import subprocess
import tempfile

from process_measure import measure

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def best_of(repeat, argv):
    runs = [(wall, rss, out) for wall, _, rss, out in (measure(argv) for _ in range(repeat))]
    wall = min(r[0] for r in runs)
    rss = max(r[1] for r in runs)
    return wall, rss, runs[0][2]


def build_reference(shared):
    src = os.path.join(shared, "reference", "mmc_ref.cpp")
    exe = os.path.join(tempfile.gettempdir(), "ccsim_mmc_ref")
    subprocess.run(["g++", "-O2", "-std=c++17", "-o", exe, src], check=True)
    return exe


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ccsim", default=os.path.join(ROOT, "build", "ccsim"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    scenario = os.path.join(HERE, "mmc_110.yaml")
    ref = build_reference(args.shared)
    rows = {}
    for arrivals in (1_000_000, 10_000_000):
        argv = [args.ccsim, "run", scenario, "--set", f"horizon={arrivals}s", "--json", "-j", "1"]
        wall, rss, out = best_of(args.repeat, argv)
        kpis = json.loads(out)["kpis"]["overall"]
        contacts = kpis["offered"]["mean"] + kpis["blocked"]["mean"]
        rows[("ccsim", arrivals)] = (contacts, wall, rss, kpis["service_level"]["mean"])
        argv = [ref, "--model", "A", "--engine", "heap", "--horizon", str(arrivals), "--c", "110",
                "--lam", "1", "--mean-service", "100"]
        wall, rss, out = best_of(args.repeat, argv)
        r = json.loads(out)
        rows[("reference", arrivals)] = (r["arrivals"], wall, rss, r["P_W_le_20_served"])

    print(f"{'engine':<10} {'arrivals':>10} {'contacts/s':>12} {'wall s':>8} {'peak MiB':>9} {'SL(20s)':>8}")
    for (engine, arrivals), (contacts, wall, rss, sl) in rows.items():
        print(f"{engine:<10} {arrivals:>10} {contacts / wall:>12.0f} {wall:>8.3f} {rss:>9.1f} {sl:>8.4f}")
    for arrivals in (1_000_000, 10_000_000):
        c = rows[("ccsim", arrivals)]
        r = rows[("reference", arrivals)]
        print(f"speed ratio ccsim/reference at {arrivals} arrivals: "
              f"{(c[0] / c[1]) / (r[0] / r[1]):.2f} (target >= 0.50, whole process)")
    growth = rows[("ccsim", 10_000_000)][2] / rows[("ccsim", 1_000_000)][2]
    print(f"ccsim peak memory growth 1e6 -> 1e7 arrivals: {growth:.2f}x (target < 1.20x)")

    # Tracing: the same 1e6-arrival run writing one row per contact to an HDF5 file.
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "trace.h5")
        argv = [args.ccsim, "run", scenario, "--set", "horizon=1000000s", "--json", "-j", "1",
                "-o", out, "--trace", "contacts", "--force"]
        wall, rss, text = best_of(args.repeat, argv)
        kpis = json.loads(text)["kpis"]["overall"]
        contacts = kpis["offered"]["mean"] + kpis["blocked"]["mean"]
        size = os.path.getsize(out)
    plain = rows[("ccsim", 1_000_000)]
    print(f"--trace contacts at 1e6 arrivals: {contacts / wall:.0f} contacts/s "
          f"(untraced {plain[0] / plain[1]:.0f}), time {wall / plain[1]:.2f}x untraced "
          f"(target <= 2x), peak {rss:.1f} MiB, file {size / 2**20 / (contacts / 1e6):.1f} MiB "
          f"per million contacts")


if __name__ == "__main__":
    main()
