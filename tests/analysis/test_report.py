"""analysis/report.py on result files written by the real ccsim binary.

A report passes only if index.html shows the plots it should, every plot it references
exists as a real, non-blank PNG, and nothing in the folder is left unreferenced.
"""
import datetime
import html.parser
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import ccsim_run  # noqa: E402
import ccsim_results as cr  # noqa: E402

TMP = None
FILES = {}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PER_FILE = ["service_level", "asa", "abandon_rate", "occupancy"]


def setUpModule():
    global TMP
    TMP = tempfile.mkdtemp(prefix="ccsim_report_test_")
    os.makedirs(os.path.join(TMP, "a"))
    os.makedirs(os.path.join(TMP, "b"))
    FILES["hd5"] = ccsim_run.write(os.path.join(TMP, "hd5.h5"), "help_desk",
                                   "--set", "agent_groups.desk.agents=5")
    FILES["hd6"] = ccsim_run.write(os.path.join(TMP, "hd6.h5"), "help_desk",
                                   "--set", "agent_groups.desk.agents=6")
    FILES["summary"] = ccsim_run.write(os.path.join(TMP, "summary.h5"), "help_desk",
                                       replications=2, trace="summary")
    FILES["bank"] = ccsim_run.write(os.path.join(TMP, "bank.h5"), "retail_bank",
                                    trace="contacts")
    # two files of the same name in different folders
    FILES["same_a"] = ccsim_run.write(os.path.join(TMP, "a", "run.h5"), "insurance_day",
                                      replications=2, trace="summary")
    FILES["same_b"] = ccsim_run.write(os.path.join(TMP, "b", "run.h5"), "insurance_day",
                                      "--set", "agent_groups.claims_team.agents=16",
                                      replications=2, trace="summary")
    with open(os.path.join(TMP, "notes.txt"), "w") as f:
        f.write("not a result file\n")
    FILES["not_hdf5"] = os.path.join(TMP, "notes.txt")


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


def run_report(*args):
    return subprocess.run([sys.executable, ccsim_run.REPORT] + list(args),
                          capture_output=True, text=True, timeout=600, cwd=ccsim_run.ROOT)


def shown_ticks(ax):
    """The x tick labels inside the axis' limits (after the figure is drawn)."""
    lo, hi = sorted(ax.get_xlim())
    return [t.get_text() for t, x in zip(ax.get_xticklabels(), ax.get_xticks())
            if lo <= x <= hi]


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.links = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a.get("src"))
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])


class ReportTest(unittest.TestCase):
    def make(self, *files, name):
        out = os.path.join(TMP, "report_" + name)
        p = run_report(*files, "-o", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        return out

    def check_report(self, out):
        """Checks index.html and its PNGs; returns (html text, PNG names without .png)."""
        index = os.path.join(out, "index.html")
        self.assertTrue(os.path.isfile(index), "no index.html")
        with open(index, encoding="utf-8") as f:
            text = f.read()
        links = Links()
        links.feed(text)
        self.assertGreater(len(links.images), 0, "the report shows no plot")
        for src in links.images:
            self.assertFalse(os.path.isabs(src) or src.startswith(("http:", "https:", "..")),
                             f"{src}: not a relative path inside the report folder")
            self.check_png(os.path.join(out, src))
        for href in links.links:
            self.assertTrue(os.path.isfile(os.path.join(out, href)), href)
        on_disk = {f for f in os.listdir(out) if f.endswith(".png")}
        self.assertEqual(on_disk, set(links.images), "PNGs and index.html disagree")
        return text, {src[:-4] for src in links.images}

    def check_png(self, path):
        self.assertTrue(os.path.isfile(path), f"{path}: missing")
        size = os.path.getsize(path)
        self.assertGreater(size, 10_000, f"{path}: {size} bytes")
        self.assertLess(size, 5_000_000, f"{path}: {size} bytes")
        with open(path, "rb") as f:
            head = f.read(24)
        self.assertEqual(head[:8], PNG_MAGIC, f"{path}: not a PNG")
        self.assertEqual(head[12:16], b"IHDR")
        width, height = struct.unpack(">II", head[16:24])
        self.assertTrue(400 <= width <= 3000 and 300 <= height <= 3000, (path, width, height))
        pixels = matplotlib.image.imread(path)[..., :3]
        drawn = (pixels < 0.9).any(axis=2).mean()  # share of non-white pixels
        self.assertGreater(drawn, 0.01, f"{path}: blank")

    def test_one_file(self):
        out = self.make(FILES["hd5"], name="one")
        text, pngs = self.check_report(out)
        self.assertEqual(pngs, set(PER_FILE) | {"wait_distribution", "agent_occupancy"})
        res = cr.load(FILES["hd5"])
        self.assertIn("help-desk", text)
        self.assertIn("2026", text)  # the seed
        self.assertIn("<dt>replications</dt><dd>3</dd>", text)
        table = cr.kpi_table(res)
        sl = table.loc[(cr.OVERALL, "service_level")]
        self.assertIn(f"{100 * sl['mean']:.1f}% ± {100 * sl['ci95']:.1f}", text)
        asa = table.loc[(cr.OVERALL, "asa")]
        self.assertIn(f"{asa['mean']:.1f} s ± {asa['ci95']:.1f}", text)
        csv = pd.read_csv(os.path.join(out, "kpis.csv"))
        self.assertEqual(len(csv), len(table))
        np.testing.assert_allclose(csv["mean"], table["mean"], rtol=1e-12)

    def test_interval_axes_show_dates_and_times_of_day_with_a_start(self):
        import report  # analysis/report.py
        res = cr.load(FILES["same_a"])  # insurance_day: starts Monday 2026-03-02 08:00
        fig = report.interval_figure(res, "service_level", "service level")
        ax = fig.axes[0]
        fig.canvas.draw()
        labels = shown_ticks(ax)
        self.assertIn("Mon 03-02\n10:00", labels)
        self.assertTrue(all(l.startswith("Mon 03-02\n") for l in labels), labels)
        self.assertEqual(ax.get_xlabel(), "date and time of day")
        # the first point is the middle of the first half hour
        line = next(l for l in ax.get_lines() if len(l.get_xdata()) == 24)
        self.assertEqual(line.get_xdata()[0], datetime.datetime(2026, 3, 2, 8, 15))
        report.plt.close(fig)
        text, _ = self.check_report(self.make(FILES["same_a"], name="clock"))
        self.assertIn("<dt>start (time 0)</dt><dd>Mon 2026-03-02 08:00</dd>", text)

    def test_interval_axes_show_elapsed_hours_without_a_start(self):
        import report
        res = cr.load(FILES["summary"])  # help_desk: no start
        fig = report.interval_figure(res, "service_level", "service level")
        ax = fig.axes[0]
        fig.canvas.draw()
        self.assertIn("elapsed", ax.get_xlabel())
        labels = shown_ticks(ax)
        self.assertEqual(labels, [str(h) for h in range(9)])  # 0 to 8 hours
        line = next(l for l in ax.get_lines() if len(l.get_xdata()) == 16)
        self.assertEqual(line.get_xdata()[0], 0.25)  # hours: the middle of 0:00-0:30
        report.plt.close(fig)

    def test_summary_only_file_says_so(self):
        out = self.make(FILES["summary"], name="summary")
        text, pngs = self.check_report(out)
        self.assertEqual(pngs, set(PER_FILE))
        self.assertIn("summaries only", text)
        self.assertIn("--trace events", text)

    def test_contacts_without_agents(self):
        out = self.make(FILES["bank"], name="bank")
        text, pngs = self.check_report(out)
        self.assertEqual(pngs, set(PER_FILE) | {"wait_distribution"})
        self.assertIn("No agent state spells", text)
        for t in ("billing", "tech"):
            self.assertIn(f"<th>{t}</th>", text)

    def test_two_files_compared(self):
        out = self.make(FILES["hd5"], FILES["hd6"], name="compare")
        text, pngs = self.check_report(out)
        self.assertIn("compare_kpis", pngs)
        self.assertIn("compare_intervals", pngs)
        for i in (1, 2):
            for p in PER_FILE + ["wait_distribution", "agent_occupancy"]:
                self.assertIn(f"file{i}_{p}", pngs)
        # same scenario name: the file names tell them apart
        self.assertIn("help-desk [hd5.h5]", text)
        self.assertIn("help-desk [hd6.h5]", text)
        self.assertIn("agent_groups.desk.agents=6", text)
        csv = pd.read_csv(os.path.join(out, "kpis.csv"))
        self.assertEqual(sorted(csv["label"].unique()), ["help-desk [hd5.h5]",
                                                          "help-desk [hd6.h5]"])
        occ = csv[(csv["scope"] == cr.OVERALL) & (csv["kpi"] == "occupancy")]
        self.assertEqual(len(occ), 2)
        # six agents are less busy than five on the same customers
        self.assertGreater(occ["mean"].iloc[0], occ["mean"].iloc[1])

    def test_same_file_names_are_told_apart_by_path(self):
        out = self.make(FILES["same_a"], FILES["same_b"], name="same")
        text, pngs = self.check_report(out)
        self.assertIn("compare_kpis", pngs)
        self.assertIn(f"[{FILES['same_a']}]", text)
        self.assertIn(f"[{FILES['same_b']}]", text)

    def test_not_a_result_file_exits_2_and_writes_nothing(self):
        for bad in (FILES["not_hdf5"], os.path.join(TMP, "missing.h5")):
            out = os.path.join(TMP, "report_bad")
            with self.subTest(input=bad):
                p = run_report(FILES["hd5"], bad, "-o", out)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn(bad, p.stderr)
                self.assertRegex(p.stderr, "not an HDF5 file|no such file")
                self.assertFalse(os.path.exists(out), "wrote a report from bad input")

    def test_hdf5_but_not_ccsim_exits_2(self):
        path = os.path.join(TMP, "other.h5")
        with h5py.File(path, "w") as f:
            f["x"] = np.arange(3)
        p = run_report(path, "-o", os.path.join(TMP, "report_other"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("not a ccsim result file", p.stderr)

    def test_usage_error(self):
        p = run_report(FILES["hd5"])  # no -o
        self.assertEqual(p.returncode, 2)
        self.assertIn("REPORT_DIR", p.stderr)


if __name__ == "__main__":
    unittest.main()
