"""report.py and ccsim_results on files that are not good ccsim result files: each gives
"report.py: error: FILE: ..." and exit 2 (never a traceback), and writes no report."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

import ccsim_run
import ccsim_results as cr

TMP = None
GOOD = None


def setUpModule():
    global TMP, GOOD
    TMP = tempfile.mkdtemp(prefix="ccsim_bad_files_test_")
    GOOD = ccsim_run.write(os.path.join(TMP, "good.h5"), "help_desk", replications=2,
                           trace="contacts")


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


def spoiled(name, change):
    path = os.path.join(TMP, name)
    shutil.copy(GOOD, path)
    with h5py.File(path, "r+") as f:
        change(f)
    return path


def set_attribute(name, value):
    def change(f):
        if name in f.attrs:
            del f.attrs[name]
        f.attrs[name] = value
    return change


def replace(table, rows):
    def change(f):
        del f[table]
        f.create_dataset(table, data=rows)
    return change


def key_set(table, column, value):
    def change(f):
        rows = f[table][()]
        rows[column][0] = value
        replace(table, rows)(f)
    return change


def report(path):
    out = os.path.join(TMP, "report_" + os.path.basename(path))
    p = subprocess.run([sys.executable, ccsim_run.REPORT, path, "-o", out],
                       capture_output=True, text=True, timeout=300, cwd=ccsim_run.ROOT)
    return p, out


class BadFileTest(unittest.TestCase):
    def check(self, path, message, via_report=False):
        """cr.load raises CcsimFileError with `message`; with `via_report`, report.py
        (a process that takes a second to start) exits 2 with it too."""
        with self.subTest(path=os.path.basename(path)):
            with self.assertRaises(cr.CcsimFileError) as raised:
                cr.load(path)
            self.assertIn(message, str(raised.exception))
            if not via_report:
                return
            p, out = report(path)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn(f"report.py: error: {path}", p.stderr)
            self.assertIn(message, p.stderr)
            self.assertNotIn("Traceback", p.stderr)
            self.assertFalse(os.path.exists(out), "wrote a report from a bad file")

    def test_not_a_result_file(self):
        empty = os.path.join(TMP, "empty.h5")
        open(empty, "wb").close()
        self.check(empty, "not an HDF5 file", via_report=True)
        text = os.path.join(TMP, "text.h5")
        with open(text, "w") as f:
            f.write("name: x\n")
        self.check(text, "not an HDF5 file", via_report=True)
        folder = os.path.join(TMP, "folder.h5")
        os.makedirs(folder)
        self.check(folder, "is a directory", via_report=True)
        with open(GOOD, "rb") as f:
            data = f.read()
        truncated = os.path.join(TMP, "truncated.h5")
        with open(truncated, "wb") as f:
            f.write(data[:len(data) // 2])
        self.check(truncated, "cannot open as HDF5", via_report=True)

    def test_root_attributes(self):
        self.check(spoiled("no_summary.h5", lambda f: f.__delitem__("summary")),
                   "not a ccsim result file", via_report=True)
        self.check(spoiled("schema_2.h5", set_attribute("schema_version", np.int32(2))),
                   "schema_version 2; this module reads schema_version 1", via_report=True)
        self.check(spoiled("schema_text.h5", set_attribute("schema_version", "1")),
                   "attribute schema_version is text; expected an integer")
        self.check(spoiled("schema_array.h5",
                           set_attribute("schema_version", np.ones(9, dtype=np.int32))),
                   "attribute schema_version is not a single value")
        self.check(spoiled("seed_array.h5", set_attribute("seed", np.arange(9))),
                   "attribute seed is not a single value")
        self.check(spoiled("horizon_text.h5", set_attribute("horizon", "a day")),
                   "attribute horizon is text; expected a number")
        self.check(spoiled("scenario_bytes.h5", set_attribute("scenario", np.bytes_(b"\xff"))),
                   "attribute scenario is not UTF-8 text")
        self.check(spoiled("sweep.h5", set_attribute("kind", "sweep")), "a sweep's file")

    def test_tables(self):
        self.check(spoiled("summary_2d.h5", replace("summary", np.zeros((3, 3)))),
                   "/summary is not a table of rows")
        self.check(spoiled("summary_group.h5",
                           lambda f: (f.__delitem__("summary"), f.create_group("summary"))),
                   "/summary is not a table (a group")
        self.check(spoiled("summary_columns.h5",
                           replace("summary", np.zeros(3, dtype=[("replication", "<i4")]))),
                   "/summary lacks the column contact_type")
        self.check(spoiled("replication_negative.h5", key_set("summary", "replication", -1)),
                   "/summary row 0: replication -1 is outside 0..1", via_report=True)
        self.check(spoiled("replication_huge.h5", key_set("summary", "replication", 10**9)),
                   "/summary row 0: replication 1000000000 is outside 0..1")
        self.check(spoiled("contact_type.h5", key_set("summary", "contact_type", 99)),
                   "/summary row 0: contact_type 99 is not a value of its enum")
        self.check(spoiled("intervals_columns.h5", lambda f: replace(
            "intervals", f["intervals"][()][["replication", "contact_type"]])(f)),
                   "/intervals lacks the column interval")
        self.check(spoiled("replication_group.h5",
                           lambda f: f["replications"].create_group("x")),
                   "/replications/x is not a replication")


class IsolatedLoadTest(unittest.TestCase):
    def test_a_crash_while_reading_is_a_file_error(self):
        import result_checks  # analysis/result_checks.py, as report.py uses it

        def crash(path):
            os.kill(os.getpid(), 11)  # as HDF5 does on some malformed files

        with self.assertRaises(cr.CcsimFileError) as raised:
            result_checks.isolated(crash, GOOD)
        self.assertEqual(str(raised.exception),
                         f"{GOOD}: HDF5 fails on it (SIGSEGV while reading): the file is malformed")
        self.assertEqual(result_checks.isolated(cr.load, GOOD).replications, [0, 1])

    def test_an_absurd_allocation_fails_in_the_child_and_is_the_answer(self):
        import result_checks

        def greedy(path):
            bytearray(64 << 30)  # as HDF5 allocates what a malformed string claims

        with self.assertRaises(cr.CcsimFileError) as raised:
            result_checks.isolated(greedy, GOOD)
        self.assertIn("cannot be read: MemoryError", str(raised.exception))


    def test_every_input_the_fuzzer_found_is_a_file_error(self):
        import result_checks
        crashes = os.path.join(ccsim_run.ROOT, "tests", "fuzz", "result_crashes")
        for name in sorted(os.listdir(crashes)):
            if name.endswith(".h5"):
                with self.subTest(name=name):
                    with self.assertRaises(cr.CcsimFileError):
                        result_checks.isolated(cr.load, os.path.join(crashes, name))


if __name__ == "__main__":
    unittest.main()
