"""Runs one whole ccsim (or reference) process and measures it: the helper the macro
benchmarks share."""
import os
import subprocess
import sys
import time


def measure(argv):
    """Runs argv; returns (wall seconds, CPU seconds (user + system), peak RSS in MiB,
    stdout). Exits with the process's stderr when it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(argv)} failed ({code}):\n{err.decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, out.decode()
