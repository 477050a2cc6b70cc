"""report.py and ccsim_results on files that are not good ccsim result files: each gives
"report.py: error: FILE: ..." and exit 2 (never a traceback), and writes no report.
report.py's main() runs in this process (test_report runs the command itself)."""
import contextlib
import io
import os
import shutil
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
    GOOD = ccsim_run.shared("help_desk", replications=2, trace="contacts")


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
    """report.py PATH -o OUT in this process: (exit status, stderr, OUT)."""
    import report as report_py  # analysis/report.py
    out = os.path.join(TMP, "report_" + os.path.basename(path))
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = report_py.main([path, "-o", out])
    return status, err.getvalue(), out


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
            status, stderr, out = report(path)
            self.assertEqual(status, 2, stderr)
            self.assertIn(f"report.py: error: {path}", stderr)
            self.assertIn(message, stderr)
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
        self.check(spoiled("sweep.h5", set_attribute("kind", "sweep")),
                   "a sweep's file without the attribute points")
        self.check(spoiled("kind.h5", set_attribute("kind", "run")),
                   "attribute kind is 'run'; expected \"sweep\"")

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


class BadSweepTest(unittest.TestCase):
    """A sweep's file is checked as a run's is, and its points too."""

    @classmethod
    def setUpClass(cls):
        cls.good = ccsim_run.sweep("help_desk", "--vary", "agent_groups.desk.agents=4:5:1",
                                   replications=2)

    def spoiled(self, name, change):
        path = os.path.join(TMP, name)
        shutil.copy(self.good, path)
        with h5py.File(path, "r+") as f:
            change(f)
        return path

    def test_points(self):
        def point_out_of_range(f):
            rows = f["points/table"][()]
            rows["point"][1] = 7
            replace("points/table", rows)(f)

        def point_twice(f):
            rows = f["points/table"][()]
            rows["point"][1] = 0
            replace("points/table", rows)(f)

        check = BadFileTest.check
        check(self, self.spoiled("no_points.h5", lambda f: f.__delitem__("points")),
              "a sweep's file without the group /points", via_report=True)
        check(self, self.spoiled("points_out.h5", point_out_of_range),
              "/points/table row 1: point 7 is outside 0..1 or given twice")
        check(self, self.spoiled("points_twice.h5", point_twice),
              "/points/table row 1: point 0 is outside 0..1 or given twice")
        check(self, self.spoiled("point_group.h5", lambda f: f.__delitem__("points/1")),
              "no group /points/1 for point 1")
        check(self, self.spoiled("point_key.h5", key_set("points/1/summary", "replication", 5)),
              "/summary row 0: replication 5 is outside 0..1")
        check(self, self.spoiled("point_reps.h5", lambda f: f["points/0"].attrs.__delitem__(
            "replications")), "/points/0 lacks the attribute replications")
        check(self, self.spoiled("vary.h5", set_attribute("vary", "agent_groups.desk.skill")),
              "/points/table lacks the text column agent_groups.desk.skill")

    def test_a_sweep_is_reported_alone(self):
        status, stderr, out = report(GOOD)  # a run's file is fine alone
        self.assertEqual(status, 0, stderr)
        import report as report_py
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = report_py.main([GOOD, self.good, "-o", os.path.join(TMP, "mixed")])
        self.assertEqual(status, 2)
        self.assertIn(f"{self.good}: a sweep's file is reported alone", err.getvalue())


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
