"""Sweep files (`ccsim sweep -o`) in the analysis kit: SweepResults against what `ccsim
sweep --json` prints for the same sweep, the typing of the points' values, and the sweep
report's figures."""
import json
import math
import os
import shutil
import tempfile
import unittest

import numpy as np
import pandas as pd

import ccsim_run
import ccsim_results as cr
import figure_checks
import report
import sweep_results
import sweep_section

TMP = None
VARY = ("--vary", "agent_groups.desk.agents=4:6:1",
        "--vary", "routing.agent_selection=longest_idle,most_skilled")
SWEEP = {}


def setUpModule():
    global TMP
    TMP = tempfile.mkdtemp(prefix="ccsim_sweep_test_")
    SWEEP["two"] = ccsim_run.sweep("help_desk", *VARY)
    # as test_bad_files' good sweep: one varied key
    SWEEP["one"] = ccsim_run.sweep("help_desk", "--vary", "agent_groups.desk.agents=4:5:1",
                                   replications=2)


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


class SweepResultsTest(unittest.TestCase):
    def test_points_and_their_typed_values(self):
        s = cr.load(SWEEP["two"])
        self.assertIsInstance(s, cr.SweepResults)
        self.assertEqual(s.vary, ["agent_groups.desk.agents", "routing.agent_selection"])
        p = s.points
        self.assertEqual(list(p.index), list(range(6)))
        self.assertEqual(str(p["agent_groups.desk.agents"].dtype), "int64")
        self.assertEqual(list(p["agent_groups.desk.agents"]), [4, 4, 5, 5, 6, 6])
        sel = p["routing.agent_selection"]
        self.assertEqual(str(sel.dtype), "category")
        self.assertEqual(list(sel.cat.categories), ["longest_idle", "most_skilled"])
        self.assertEqual(list(p["replications"]), [3] * 6)

    def test_table_is_ccsim_sweep_json(self):
        s = cr.load(SWEEP["two"])
        doc = json.loads(ccsim_run.run(["sweep", "scenarios/help_desk.yaml", *VARY, "-r", "3",
                                        "--json"]))
        t = s.table()
        self.assertEqual(len(t), len(doc["points"]))
        for point in doc["points"]:
            row = t.loc[point["point"]]
            self.assertEqual(row["routing.agent_selection"],
                             point["values"]["routing.agent_selection"])
            self.assertEqual(str(row["agent_groups.desk.agents"]),
                             point["values"]["agent_groups.desk.agents"])
            for k, v in point["kpis"]["overall"].items():
                with self.subTest(point=point["point"], kpi=k):
                    for got, want in ((row[k], v["mean"]), (row[f"{k}_ci95"], v["ci95"])):
                        # (JSON writes NaN as null)
                        self.assertTrue((want is None and math.isnan(got)) or
                                        np.isclose(got, want, rtol=1e-9, atol=1e-12,
                                                   equal_nan=True), (got, want))

    def test_a_contact_types_table_and_the_points(self):
        s = cr.load(SWEEP["two"])
        per_type = s.table("it_support")
        self.assertNotIn("occupancy", per_type.columns)  # the whole centre only
        np.testing.assert_allclose(per_type["offered"], s.table()["offered"])
        with self.assertRaisesRegex(KeyError, "no scope 'billing'"):
            s.table("billing")
        p3 = s.point(3)
        self.assertEqual(p3.overrides, {"agent_groups.desk.agents": "5",
                                        "routing.agent_selection": "most_skilled"})
        self.assertEqual((p3.service_level_target, p3.service_level_threshold("it_support")),
                         (0.8, 20.0))
        self.assertEqual((p3.horizon, p3.warmup), (8 * 3600.0, 1800.0))
        self.assertEqual(p3.replications, [0, 1, 2])
        long = s.kpi_table()
        self.assertEqual(long.loc[(3, cr.OVERALL, "offered"), "mean"], s.table().loc[3, "offered"])
        with self.assertRaises(KeyError):
            s.point(6)
        with self.assertRaisesRegex(KeyError, "no per-replication tables"):
            p3.contacts(0)

    def test_values_are_typed_by_what_they_all_are(self):
        typed = sweep_results.typed_values
        self.assertEqual(str(typed(["0.5", "1", "2.5"]).dtype), "float64")
        d = typed(["30s", "2m", "1h"])
        self.assertEqual(list(d.dt.total_seconds()), [30.0, 120.0, 3600.0])
        self.assertEqual(str(typed(["30", "2m"]).dtype), "category")  # not all alike
        self.assertEqual(list(typed(["360/h", "400/h"]).cat.categories), ["360/h", "400/h"])


class SweepReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        report.Figures = figure_checks.CheckedFigures
        cls.out = os.path.join(TMP, "report_two")
        report.write_report([cr.load(SWEEP["two"])], cls.out)
        cls.out_one = os.path.join(TMP, "report_one")
        report.write_report([cr.load(SWEEP["one"])], cls.out_one)

    def test_curves_heat_map_and_table(self):
        self.assertEqual(sorted(f for f in os.listdir(self.out) if f.endswith(".png")),
                         ["sweep_curves.png", "sweep_heatmap.png"])
        self.assertEqual(sorted(f for f in os.listdir(self.out_one) if f.endswith(".png")),
                         ["sweep_curves.png"])  # one varied key: no heat map
        with open(os.path.join(self.out, "index.html"), encoding="utf-8") as f:
            text = f.read()
        self.assertIn("<dt>varied: routing.agent_selection</dt>"
                      "<dd>longest_idle, most_skilled</dd>", text)
        self.assertEqual(text.count("<td>most_skilled</td>"), 3)
        self.assertNotIn("blocked", text)  # zero at every point
        csv = pd.read_csv(os.path.join(self.out, "kpis.csv"))
        self.assertEqual(len(csv), 6)
        self.assertIn("service_level_ci95", csv.columns)
        found = [p for p in figure_checks.CheckedFigures.found if p.startswith("sweep_")]
        self.assertEqual(found, [])

    def test_the_service_level_curve_has_its_band_and_target(self):
        s = cr.load(SWEEP["one"])
        fig = sweep_section.curves_figure(s, s.table())
        ax = fig.axes[0]
        self.assertEqual(ax.get_title(), "service level")
        self.assertEqual(ax.get_ylabel(), "service level (%)")
        line = next(ln for ln in ax.get_lines() if ln.get_label() == "mean")
        np.testing.assert_allclose(line.get_xdata(), [4, 5])
        np.testing.assert_allclose(line.get_ydata(), 100 * s.table()["service_level"])
        target = next(ln for ln in ax.get_lines() if ln.get_label() == "target 80%")
        self.assertEqual(list(target.get_ydata()), [80, 80])
        self.assertEqual(len(ax.collections), 1)  # the confidence band
        sweep_section.plt.close(fig)


if __name__ == "__main__":
    unittest.main()
