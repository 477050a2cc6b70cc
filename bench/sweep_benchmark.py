#!/usr/bin/python3
"""Sweep benchmark: a 200-point sweep with -j 1 and -j 2; prints points/s and the speed-up.

The sweep varies the help desk's call rate over 200 values (20/h to 219/h), 4
replications a point, so the task pool holds 800 independent (point, replication)
tasks. Target: -j 2 at least 1.8 times as fast as -j 1 on a 2-core machine.

Usage: /usr/bin/python3 bench/sweep_benchmark.py [--ccsim build/ccsim] [--repeat 3]
"""
import argparse
import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def wall(argv, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ccsim", default=os.path.join(ROOT, "build", "ccsim"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    points = 200
    base = [args.ccsim, "sweep", os.path.join(ROOT, "scenarios", "help_desk.yaml"),
            "--vary", f"contact_types.it_support.arrivals.rate=20:{19 + points}:1", "-r", "20",
            "--json"]
    t1 = wall(base + ["-j", "1"], args.repeat)
    t2 = wall(base + ["-j", "2"], args.repeat)
    print(f"{points}-point sweep, 20 replications each ({points * 20} tasks)")
    print(f"-j 1: {t1:.3f} s  {points / t1:.1f} points/s")
    print(f"-j 2: {t2:.3f} s  {points / t2:.1f} points/s")
    print(f"speed-up: {t1 / t2:.2f}x (target >= 1.8x)")


if __name__ == "__main__":
    main()
