"""Shared by the analysis tests: run the real ccsim binary into a temporary folder.

CCSIM_BIN names the binary (CTest sets it); without it, build/ccsim of this checkout.
The tests fail, rather than skip, when there is no binary: a suite that checks nothing
must not pass. `shared` writes each file once for all the test modules of one process
(unittest discover runs them in one), so the suite simulates every case once.
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANALYSIS = os.path.join(ROOT, "analysis")
REPORT = os.path.join(ANALYSIS, "report.py")
sys.path.insert(0, ANALYSIS)


def binary():
    path = os.environ.get("CCSIM_BIN") or os.path.join(ROOT, "build", "ccsim")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise AssertionError(f"no ccsim binary at {path}: build it, or set CCSIM_BIN")
    return path


def run(args):
    """Runs `ccsim ARGS` from the project root; returns stdout; fails the test on error."""
    p = subprocess.run([binary()] + list(args), cwd=ROOT, capture_output=True, text=True,
                       timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"ccsim {' '.join(args)} exited {p.returncode}:\n{p.stderr}")
    return p.stdout


def write(out, scenario, *extra, replications=3, trace="events"):
    """`ccsim run scenarios/SCENARIO.yaml -r N -o OUT --trace TRACE EXTRA...`; returns OUT."""
    run(["run", f"scenarios/{scenario}.yaml", "-r", str(replications), "-o", out,
         "--trace", trace] + list(extra))
    if not os.path.isfile(out):
        raise AssertionError(f"ccsim exited 0 but wrote no {out}")
    return out


def json_summary(scenario, *extra, replications=3):
    """The `ccsim run --json` document for the same scenario, replications and overrides."""
    return json.loads(run(["run", f"scenarios/{scenario}.yaml", "-r", str(replications),
                           "--json"] + list(extra)))


_SHARED = {}
_SHARED_DIR = []


def _shared_path(stem):
    """A new path in the folder of shared files (made on first use, removed at exit)."""
    if not _SHARED_DIR:
        _SHARED_DIR.append(tempfile.mkdtemp(prefix="ccsim_shared_test_"))
        atexit.register(shutil.rmtree, _SHARED_DIR[0], True)
    return os.path.join(_SHARED_DIR[0], f"{stem}_{len(_SHARED)}.h5")


def shared(scenario, *extra, replications=3, trace="events"):
    """The file of `write(..., scenario, *extra, replications, trace)`, written once per
    test process. Read it only: copy it to change it."""
    key = (scenario, extra, replications, trace)
    if key not in _SHARED:
        _SHARED[key] = write(_shared_path(scenario), scenario, *extra,
                             replications=replications, trace=trace)
    return _SHARED[key]


def sweep(scenario, *args, replications=3):
    """`ccsim sweep scenarios/SCENARIO.yaml ARGS... -r N -o FILE`, once per test process
    (as shared); returns FILE."""
    key = ("sweep", scenario) + args + (replications,)
    if key not in _SHARED:
        path = _shared_path("sweep")
        run(["sweep", f"scenarios/{scenario}.yaml"] + list(args) +
            ["-r", str(replications), "-o", path])
        _SHARED[key] = path
    return _SHARED[key]
