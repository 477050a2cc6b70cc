"""analysis/report.py on result files written by the real ccsim binary.

A report passes only if index.html shows the plots it should, every plot it references
exists as a real, non-blank PNG, nothing in the folder is left unreferenced, every figure
has a title and its axes' units, and a real browser (headless Chromium) draws the page.
The reports are made once (setUpModule): one through the command, the comparison in this
process, so that each figure is checked as it is saved (figure_checks.CheckedFigures).
"""
import contextlib
import datetime
import html.parser
import io
import json
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
import comparison  # noqa: E402
import figure_checks  # noqa: E402
import number_format as nf  # noqa: E402
import report  # noqa: E402
import run_figures  # noqa: E402
import run_section  # noqa: E402

TMP = None
FILES = {}
REPORTS = {}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PER_FILE = ["service_level", "asa", "abandon_rate", "occupancy"]
NO_WARMUP = ("--set", "warmup=0s")


def setUpModule():
    global TMP
    TMP = tempfile.mkdtemp(prefix="ccsim_report_test_")
    FILES["five"] = ccsim_run.shared("help_desk", *NO_WARMUP)  # events, as test_ccsim_results
    FILES["six"] = ccsim_run.shared("help_desk", *NO_WARMUP, "--set",
                                    "agent_groups.desk.agents=6", trace="summary")
    FILES["seed7"] = ccsim_run.shared("help_desk", *NO_WARMUP, "-s", "7", trace="summary")
    FILES["summary"] = ccsim_run.shared("help_desk", trace="summary")
    FILES["contacts"] = ccsim_run.shared("help_desk", trace="contacts")
    FILES["bank"] = ccsim_run.shared("retail_bank", *NO_WARMUP)
    FILES["clock"] = ccsim_run.shared("insurance_day")  # starts Monday 2026-03-02 08:00
    report.Figures = figure_checks.CheckedFigures  # every figure checked as it is saved
    REPORTS["clock"] = os.path.join(TMP, "report_clock")
    report.write_report([cr.load(FILES["clock"])], REPORTS["clock"])
    REPORTS["compare"] = os.path.join(TMP, "report_compare")
    report.write_report([cr.load(FILES["five"]), cr.load(FILES["six"])], REPORTS["compare"])
    REPORTS["command"] = os.path.join(TMP, "report_command")
    REPORTS["command_run"] = run_report(FILES["summary"], "-o", REPORTS["command"])


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


class ReportCase(unittest.TestCase):
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


class OneFileTest(ReportCase):
    def test_the_command_writes_a_report(self):
        p = REPORTS["command_run"]
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, f"report.py: wrote {REPORTS['command']}/index.html and 4 "
                                   f"plots\n")
        text, pngs = self.check_report(REPORTS["command"])
        self.assertEqual(pngs, set(PER_FILE))
        self.assertIn("summaries only", text)

    def test_one_file_with_a_start(self):
        text, pngs = self.check_report(REPORTS["clock"])
        self.assertEqual(pngs, set(PER_FILE) | {"wait_distribution", "agent_occupancy"})
        res = cr.load(FILES["clock"])
        self.assertIn("<dt>start (time 0)</dt><dd>Mon 2026-03-02 08:00</dd>", text)
        self.assertIn("<dt>replications</dt><dd>3</dd>", text)
        table = cr.kpi_table(res)
        for k, unit in (("service_level", "fraction"), ("asa", "s"), ("offered", "contacts")):
            t = table.loc[(cr.OVERALL, k)]
            self.assertIn(f"<td>{nf.estimate(t['mean'], t['ci95'], unit)}</td>", text)
        csv = pd.read_csv(os.path.join(REPORTS["clock"], "kpis.csv"))
        self.assertEqual(len(csv), len(table))
        np.testing.assert_allclose(csv["mean"], table["mean"], rtol=1e-12)

    def test_rows_that_do_not_apply_are_left_out(self):
        res = cr.load(FILES["five"])
        kpis = cr.kpis_that_apply(res)
        for k in ("blocked", "balked", "alerts", "transfers_in", "coaching_sessions"):
            self.assertNotIn(k, kpis)  # zero in every replication of a help desk
        for k in ("offered", "abandoned", "service_level", "occupancy", "fcr"):
            self.assertIn(k, kpis)
        frame = run_section.kpi_frame(res, res.kpi_table(), kpis)
        self.assertEqual(len(frame), len(kpis))
        self.assertFalse(any("blocked" in row for row in frame.index))

    def test_one_replication_says_it_has_no_interval(self):
        res = cr.load(ccsim_run.shared("help_desk", replications=1, trace="summary"))
        parts = "\n".join(run_section.kpi_section(res, res.kpi_table()))
        self.assertIn("One replication: no confidence interval", parts)
        self.assertNotRegex(parts, "<td>[^<]*±")
        self.assertRegex(parts, "<td>[0-9.]+%</td>")
        two = cr.load(ccsim_run.shared("help_desk", replications=2, trace="contacts"))
        parts = "\n".join(run_section.kpi_section(two, two.kpi_table()))
        self.assertIn("Only 2 replications: the intervals are wide (Student's t with 1 degree "
                      "of freedom is 12.7", parts)
        three = cr.load(FILES["five"])
        self.assertIn("Only 3 replications: the intervals are wide (Student's t with 2 "
                      "degrees of freedom is 4.3", "\n".join(
                          run_section.kpi_section(three, three.kpi_table())))

    def test_interval_axes_show_dates_and_times_of_day_with_a_start(self):
        res = cr.load(FILES["clock"])
        fig = run_figures.interval_figure(res, "service_level", "service level")
        ax = fig.axes[0]
        fig.canvas.draw()
        labels = shown_ticks(ax)
        self.assertIn("Mon 03-02\n10:00", labels)
        self.assertTrue(all(lab.startswith("Mon 03-02\n") for lab in labels), labels)
        self.assertEqual(ax.get_xlabel(), "date and time of day")
        # the first point is the middle of the first half hour
        line = next(ln for ln in ax.get_lines() if len(ln.get_xdata()) == 24)
        self.assertEqual(line.get_xdata()[0], datetime.datetime(2026, 3, 2, 8, 15))
        run_figures.plt.close(fig)

    def test_interval_axes_show_elapsed_hours_without_a_start(self):
        res = cr.load(FILES["summary"])  # help_desk: no start
        fig = run_figures.interval_figure(res, "service_level", "service level")
        ax = fig.axes[0]
        fig.canvas.draw()
        self.assertIn("elapsed", ax.get_xlabel())
        self.assertTrue(ax.get_xlabel().endswith("(h)"))
        self.assertEqual(shown_ticks(ax), [str(h) for h in range(9)])  # 0 to 8 hours
        line = next(ln for ln in ax.get_lines() if len(ln.get_xdata()) == 16)
        self.assertEqual(line.get_xdata()[0], 0.25)  # hours: the middle of 0:00-0:30
        run_figures.plt.close(fig)

    def test_contacts_without_agents(self):
        res = cr.load(FILES["contacts"])
        figs = figure_checks.CheckedFigures(TMP)
        self.assertIn("No agent state spells",
                      "\n".join(run_section.agent_section(res, figs, "y_")))
        self.assertIn("y_wait_distribution.png",
                      "\n".join(run_section.wait_section(res, figs, "y_")))
        bank = cr.load(FILES["bank"])
        frame = run_section.kpi_frame(bank, bank.kpi_table(), cr.kpis_that_apply(bank))
        self.assertEqual(list(frame.columns), [cr.OVERALL, "billing", "tech"])


class CompareTest(ReportCase):
    def test_paired_differences_come_first_labelled_by_what_differs(self):
        text, pngs = self.check_report(REPORTS["compare"])
        self.assertIn("compare_differences", pngs)
        self.assertIn("compare_intervals", pngs)
        for p in PER_FILE + ["wait_distribution", "agent_occupancy"]:
            self.assertIn(f"file1_{p}", pngs)
        self.assertLess(text.index("B − A (paired 95% CI)"), text.index("Side by side"))
        # (1) has no override: its value is the stored scenario's
        self.assertIn("<th>A: agents = 5</th>", text)
        self.assertIn("<th>B: agents = 6</th>", text)
        self.assertIn("--set agent_groups.desk.agents=6", text)
        csv = pd.read_csv(os.path.join(REPORTS["compare"], "kpis.csv"))
        self.assertEqual(list(csv["label"].unique()), ["agents = 5", "agents = 6"])
        table = text[text.index("B − A (paired 95% CI)"):text.index("Side by side")]
        self.assertNotIn("blocked", table)  # zero in both
        self.assertIn("pp ± ", table)       # a difference of shares in percentage points

    def test_differences_are_ccsim_compares(self):
        five, six = cr.load(FILES["five"]), cr.load(FILES["six"])
        for b, paired in ((six, 1), (cr.load(FILES["seed7"]), 0)):
            doc = json.loads(ccsim_run.run(["compare", FILES["five"], b.path, "--json"]))
            self.assertEqual(doc["paired"], paired)
            d = comparison.differences(five, b, kpis=list(doc["kpis"]))
            self.assertEqual(bool(d["paired"].all()), bool(paired))
            for k, v in doc["kpis"].items():
                with self.subTest(b=b.path, kpi=k):
                    for field in ("a", "b", "difference", "ci95", "ci95_unpaired"):
                        got, want = d.loc[k, field], v[field]
                        self.assertTrue(np.isclose(got, want, rtol=1e-9, atol=1e-12,
                                                   equal_nan=True), (field, got, want))
                    self.assertEqual(int(d.loc[k, "significant"]), v["significant"])
        # pairing narrows the interval: same customers on both sides
        d = comparison.differences(five, six)
        self.assertLess(d.loc["service_level", "ci95"], d.loc["service_level", "ci95_unpaired"])

    def test_unpaired_runs_say_so(self):
        runs = [cr.load(FILES["five"]), cr.load(FILES["seed7"])]
        self.assertEqual(comparison.what_differs(runs), ["seed = 2026", "seed = 7"])
        import comparison_section
        os.makedirs(os.path.join(TMP, "unpaired"))
        section = comparison_section.compare_section(
            runs, ["seed = 2026", "seed = 7"], [r.kpi_table() for r in runs],
            figure_checks.CheckedFigures(os.path.join(TMP, "unpaired")))
        self.assertIn("Not paired", section)
        self.assertIn("B − A (Welch 95% CI)", section)
        self.assertNotIn("unpaired 95% CI</th>", section)

    def test_runs_nothing_tells_apart_are_named_by_their_files(self):
        for d in ("a", "b"):
            os.makedirs(os.path.join(TMP, d), exist_ok=True)
            shutil.copy(FILES["summary"], os.path.join(TMP, d, "run.h5"))
        runs = [cr.load(os.path.join(TMP, d, "run.h5")) for d in ("a", "b")]
        self.assertEqual(comparison.what_differs(runs),
                         [f"help-desk [{r.path}]" for r in runs])
        shutil.copy(FILES["summary"], os.path.join(TMP, "a", "other.h5"))
        runs[1] = cr.load(os.path.join(TMP, "a", "other.h5"))
        self.assertEqual(comparison.what_differs(runs),
                         ["help-desk [run.h5]", "help-desk [other.h5]"])

    def test_time_axes_show_clock_time_with_a_start(self):
        labels = figure_checks.CheckedFigures.time_labels
        for name in PER_FILE:  # insurance_day has a start; the help desk has none
            self.assertEqual(set(labels[f"{name}.png"]), {figure_checks.TIME_AXES[0]}, name)
            self.assertEqual(set(labels[f"file1_{name}.png"]), {figure_checks.TIME_AXES[1]})

    def test_every_figure_has_a_title_and_axis_units(self):
        saved = figure_checks.CheckedFigures.saved
        for name in ("compare_differences.png", "compare_intervals.png",
                     "file1_wait_distribution.png", "file1_agent_occupancy.png",
                     "file2_occupancy.png", "wait_distribution.png", "agent_occupancy.png"):
            self.assertIn(name, saved)
        self.assertEqual(figure_checks.CheckedFigures.found, [])
        # no start in help_desk: the time axes say hours elapsed
        self.assertEqual(set(figure_checks.CheckedFigures.time_labels["file1_asa.png"]),
                         {figure_checks.TIME_AXES[1]})


class BrowserTest(ReportCase):
    def test_the_page_draws_in_a_real_browser(self):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser is None:
            self.skipTest("no Chromium: apt-get install chromium (./dev.sh test installs it)")
        shot = os.path.join(TMP, "screenshot.png")
        profile = tempfile.mkdtemp(prefix="chromium_", dir=TMP)
        index = os.path.join(REPORTS["compare"], "index.html")
        p = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", f"--user-data-dir={profile}",
                            "--window-size=1280,2600", f"--screenshot={shot}",
                            "file://" + index],
                           capture_output=True, text=True, timeout=300,
                           env=dict(os.environ, HOME=profile))
        self.assertEqual(p.returncode, 0, p.stderr)
        pixels = matplotlib.image.imread(shot)[..., :3]
        self.assertEqual(pixels.shape[:2], (2600, 1280))
        grey = pixels.mean(axis=2)
        self.assertGreater(grey.var(), 0.005, "the page is blank")
        self.assertGreater((grey < 0.9).mean(), 0.02, "almost nothing drawn")
        # matplotlib's first colour (#1f77b4) appears only where the browser drew a figure
        blue = np.abs(pixels - np.array([0x1f, 0x77, 0xb4]) / 255).max(axis=2) < 0.06
        self.assertGreater(blue.sum(), 500, "no figure was drawn")


class CommandTest(unittest.TestCase):
    def test_not_a_result_file_exits_2_and_writes_nothing(self):
        notes = os.path.join(TMP, "notes.txt")
        with open(notes, "w") as f:
            f.write("not a result file\n")
        for bad in (notes, os.path.join(TMP, "missing.h5")):
            out = os.path.join(TMP, "report_bad")
            with self.subTest(input=bad):
                p = run_report(FILES["summary"], bad, "-o", out)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn(bad, p.stderr)
                self.assertRegex(p.stderr, "not an HDF5 file|no such file")
                self.assertNotIn("Traceback", p.stderr)
                self.assertFalse(os.path.exists(out), "wrote a report from bad input")

    def test_hdf5_but_not_ccsim_exits_2(self):
        path = os.path.join(TMP, "other.h5")
        with h5py.File(path, "w") as f:
            f["x"] = np.arange(3)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            self.assertEqual(report.main([path, "-o", os.path.join(TMP, "report_other")]), 2)
        self.assertIn("not a ccsim result file", err.getvalue())

    def test_usage_error(self):
        err = io.StringIO()
        with self.assertRaises(SystemExit) as stop, contextlib.redirect_stderr(err):
            report.main([FILES["summary"]])  # no -o
        self.assertEqual(stop.exception.code, 2)
        self.assertIn("REPORT_DIR", err.getvalue())


if __name__ == "__main__":
    unittest.main()
