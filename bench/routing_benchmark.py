#!/usr/bin/python3
"""Routing macro-benchmark: one queue of 110 agents, one of 10,000, and a multi-skill centre.

Runs `ccsim run MODEL -j 1 --json` (one replication, summary only) on three models carrying
about 1.27 million contacts each:

  mmc_110     bench/mmc_110.yaml with horizon 1,270,000 s (1 call/s, 100 s, 110 agents)
  mmc_10000   bench/mmc_10000.yaml: 52,900 calls/h, 612 s, 10,000 agents, one day
  multiskill  bench/multiskill_100x100.yaml: the same load as 50 types, 100 groups of 100
              agents with three skills each, each type served by 6 groups
  multiskill_high  bench/multiskill_100x91.yaml: the same with 91 agents a group (load 0.99
              of them): contacts wait, so freed agents take work from the queues (a figure,
              no target)

and prints contacts simulated per second of whole-process wall time and per second of CPU
time (user + system; each the best of --repeat), peak resident memory, and the ratios of
contacts per CPU second (on a loaded machine wall time also measures the other processes):

  mmc_10000 / mmc_110     the cost of a large pending-event set     (target >= 0.80)
  multiskill / mmc_110    large centre against the small queue      (target >= 0.60)
  multiskill / mmc_10000  the cost of multi-skill routing           (target >= 0.85)

With several --ccsim binaries (e.g. a baseline and a new build) the runs are interleaved,
binary after binary, so that they share the machine's load, and each binary gets its own
table. Runs in a few seconds per repeat.

Usage: /usr/bin/python3 bench/routing_benchmark.py [--ccsim build/ccsim ...] [--repeat 5]
"""
import argparse
import json
import os

from process_measure import measure

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

MODELS = [
    ("mmc_110", ["mmc_110.yaml", "--set", "horizon=1270000s"]),
    ("mmc_10000", ["mmc_10000.yaml"]),
    ("multiskill", ["multiskill_100x100.yaml"]),
    ("multiskill_high", ["multiskill_100x91.yaml"]),
]
RATIOS = [
    ("mmc_10000", "mmc_110", 0.80),
    ("multiskill", "mmc_110", 0.60),
    ("multiskill", "mmc_10000", 0.85),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ccsim", action="append",
                    help="ccsim binary (repeatable; default build/ccsim)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    binaries = args.ccsim or [os.path.join(ROOT, "build", "ccsim")]

    # best[(binary, model)] = [wall, cpu, rss, contacts]: best wall, best CPU, peak RSS
    best = {}
    for _ in range(args.repeat):
        for name, model in MODELS:
            for binary in binaries:
                argv = [binary, "run", os.path.join(HERE, model[0])] + model[1:] + [
                    "--json", "-j", "1"]
                wall, cpu, rss, out = measure(argv)
                kpis = json.loads(out)["kpis"]["overall"]
                contacts = kpis["offered"]["mean"] + kpis["blocked"]["mean"]
                old = best.setdefault((binary, name), [wall, cpu, rss, contacts])
                old[0], old[1], old[2] = min(old[0], wall), min(old[1], cpu), max(old[2], rss)

    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"best of {args.repeat}, -j 1, whole process; load average after: {load}")
    for binary in binaries:
        print(f"\n{binary}")
        print(f"{'model':<15} {'contacts':>9} {'contacts/s':>11} {'/CPU s':>11} {'wall s':>7} "
              f"{'CPU s':>6} {'peak MiB':>9}")
        rate = {}
        for name, _ in MODELS:
            wall, cpu, rss, contacts = best[(binary, name)]
            rate[name] = contacts / cpu
            print(f"{name:<15} {contacts:>9.0f} {contacts / wall:>11.0f} {rate[name]:>11.0f} "
                  f"{wall:>7.3f} {cpu:>6.3f} {rss:>9.1f}")
        for a, b, target in RATIOS:
            r = rate[a] / rate[b]
            print(f"{a} / {b}: {r:.2f} (target >= {target:.2f}; contacts per CPU second)")
    if len(binaries) > 1:
        print()
        for name, _ in MODELS:
            walls = [best[(b, name)][0] for b in binaries]
            cpus = [best[(b, name)][1] for b in binaries]
            print(f"{name}: relative to the first binary: wall "
                  + ", ".join(f"{w / walls[0]:.3f}" for w in walls) + "; CPU "
                  + ", ".join(f"{c / cpus[0]:.3f}" for c in cpus))


if __name__ == "__main__":
    main()
