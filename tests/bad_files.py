"""Writes hostile result files for tests/hostile_files_test.sh.

    bad_files.py GOOD_RUN.h5 GOOD_SWEEP.h5 OUT_DIR

Each case is a copy of a good file spoiled in one way, OUT_DIR/<case>.h5 (run files) or
OUT_DIR/sweep_<case>.h5 (sweep files); the script that runs ccsim on them holds what
ccsim must say.
"""
import os
import shutil
import sys

import h5py
import numpy as np


def spoil(good, path, change):
    shutil.copy(good, path)
    with h5py.File(path, "r+") as f:
        change(f)


def set_attr(name, value, on="/"):
    def change(f):
        if name in f[on].attrs:
            del f[on].attrs[name]
        f[on].attrs[name] = value
    return change


def summary_key(column, value, at="summary"):
    def change(f):
        rows = f[at][()]
        rows[column][0] = value
        attrs = dict(f[at].attrs)
        del f[at]
        f.create_dataset(at, data=rows)
        f[at].attrs.update(attrs)
    return change


def summary_as(data):
    def change(f):
        del f["summary"]
        f.create_dataset("summary", data=data)
    return change


def main(run, sweep, out):
    runs = {
        "replication_negative": summary_key("replication", -1),
        "replication_huge": summary_key("replication", 10**9),
        "contact_type_unknown": summary_key("contact_type", 99),
        "seed_array": set_attr("seed", np.arange(4000, dtype=np.uint64)),
        "schema_array": set_attr("schema_version", np.ones(4000, dtype=np.int32)),
        "schema_2": set_attr("schema_version", np.int32(2)),
        "schema_text": set_attr("schema_version", "1"),
        "schema_missing": lambda f: f.attrs.__delitem__("schema_version"),
        "scenario_fixed_string": set_attr("scenario", np.bytes_("name: x")),
        "replications_huge": set_attr("replications", np.int32(2**31 - 1)),
        "summary_2d": summary_as(np.zeros((3, 3))),
        "summary_floats": summary_as(np.zeros(3, dtype=[("replication", "<i4"),
                                                         ("asa", "<f4")])),
    }
    for case, change in runs.items():
        spoil(run, os.path.join(out, case + ".h5"), change)
    sweeps = {
        "point_outside": lambda f: summary_key("point", 99, "points/table")(f),
        "schema_2": set_attr("schema_version", np.int32(2)),
        "points_array": set_attr("points", np.ones(10, dtype=np.int32)),
    }
    for case, change in sweeps.items():
        spoil(sweep, os.path.join(out, "sweep_" + case + ".h5"), change)


if __name__ == "__main__":
    main(*sys.argv[1:4])
