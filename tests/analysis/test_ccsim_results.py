"""analysis/ccsim_results.py against result files written by the real ccsim binary.

Each check compares two things ccsim writes independently (a table against /summary,
/summary through kpi_table against `ccsim run --json`, ...), so each can fail.

    CCSIM_BIN=build/ccsim /usr/bin/python3 -m unittest discover -s tests/analysis -v
"""
import datetime
import math
import os
import shutil
import tempfile
import unittest

import h5py
import numpy as np

import ccsim_run
import ccsim_results as cr

TMP = None
FILES = {}  # name -> path, written once for the module

# Warm-up 0 so that the whole replication is counted and the tables add up to /summary.
NO_WARMUP = ("--set", "warmup=0s")
SPECS = {
    # one type, retrials
    "help_desk": ("help_desk", NO_WARMUP, "events"),
    # two types, two groups, overflow, retrials, a per-type threshold
    "retail_bank": ("retail_bank", NO_WARMUP, "events"),
    # a waiting room: blocked contacts; warm-up 0 already; the centre can empty before
    # the horizon; a start (Monday 2026-03-02 08:00): clock-time columns
    "insurance_day": ("insurance_day", (), "events"),
    # the scenario's warm-up of 30 min
    "help_desk_warmup": ("help_desk", (), "contacts"),
    "help_desk_summary": ("help_desk", (), "summary"),
}
TRACED = ["help_desk", "retail_bank", "insurance_day"]

OUTCOMES = ["resolved", "transferred", "escalated", "unresolved", "abandoned", "blocked",
            "disconnected", "unserved", "balked", "message", "closed", "callback"]
AGENT_STATES = ["idle", "busy", "wrap_up", "break", "coaching", "offline"]
EVENT_KINDS = ["arrival", "answer", "abandon", "block", "agent_free", "overflow", "retrial",
               "transfer", "escalation", "repeat", "give_up"]
COLUMNS = {  # docs/trace_format.md
    "summary": ["replication", "contact_type", "offered", "answered", "abandoned", "blocked",
                "unserved", "balked", "messages", "closed", "lost", "service_level", "asa",
                "abandon_rate", "aht", "callbacks_offered", "callbacks_accepted",
                "callbacks_reached", "callback_wait", "callback_service_level", "occupancy",
                "staffed_hours", "paid_hours", "fcr",
                "contacts_per_journey", "transfers_per_journey", "journey_time",
                "journey_time_p90", "unresolved_share", "transfers_in", "transfers_out",
                "alerts", "coaching_sessions"],
    "intervals": ["replication", "interval", "start", "end", "contact_type", "offered",
                  "answered", "abandoned", "blocked", "unserved", "balked", "messages",
                  "closed", "lost", "service_level", "asa",
                  "abandon_rate",
                  "aht", "callbacks_offered", "callbacks_accepted", "callbacks_reached",
                  "callback_wait", "callback_service_level", "agents_staffed", "agents_on_break", "occupancy"],
    "contacts": ["contact_id", "customer_id", "contact_type", "attempt", "arrival", "answer",
                 "end", "wait", "handle_time", "agent_id", "agent_group", "outcome"],
    "agents": ["agent_id", "group", "state", "start", "end"],
    "agent_results": ["replication", "agent_id", "group", "contacts", "aht", "occupancy",
                      "resolved_share", "resolved_per_hour", "band", "rank", "staffed", "asa",
                      "asked_for", "asked_wait", "name"],
    "events": ["time", "kind", "contact_id", "customer_id", "contact_type", "agent_id"],
}


def setUpModule():
    global TMP
    TMP = tempfile.mkdtemp(prefix="ccsim_results_test_")
    for name, (scenario, extra, trace) in SPECS.items():
        FILES[name] = ccsim_run.shared(scenario, *extra, trace=trace)


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


def summary_row(res, rep, scope):
    s = res.summary
    rows = s[(s["replication"] == rep) & (s["contact_type"] == scope)]
    assert len(rows) == 1, (rep, scope, len(rows))
    return rows.iloc[0]


def scopes(res):
    return ["ALL"] + res.contact_types


def of_scope(df, scope):
    return df if scope == "ALL" else df[df["contact_type"] == scope]


def close(a, b, rel=1e-9):
    """Equal to `rel` relative (absolute near 0); NaN equals NaN; None (JSON null) is NaN."""
    a = math.nan if a is None else float(a)
    b = math.nan if b is None else float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)


class LayoutTest(unittest.TestCase):
    def test_root_attributes(self):
        res = cr.load(FILES["help_desk"])
        a = res.attrs
        self.assertEqual(a["schema_version"], 1)
        self.assertEqual(res.scenario_name, "help-desk")
        self.assertEqual(a["seed"], 2026)
        self.assertEqual(a["replications"], 3)
        self.assertEqual(res.replications, [0, 1, 2])
        self.assertEqual(res.trace, "events")
        self.assertEqual((a["horizon"], a["warmup"], a["interval"]), (8 * 3600.0, 0.0, 1800.0))
        self.assertIn("warmup=0s", a["overrides"])
        self.assertTrue(a["scenario_file"].endswith("help_desk.yaml"), a["scenario_file"])
        with open(os.path.join(ccsim_run.ROOT, "scenarios", "help_desk.yaml")) as f:
            self.assertEqual(a["scenario"], f.read())
        self.assertEqual(res.service_level_target, 0.80)
        self.assertEqual(res.service_level_threshold(), 20.0)
        self.assertEqual(cr.load(FILES["help_desk_warmup"]).attrs["overrides"], "")

    def test_per_type_threshold_as_the_file_stores_it(self):
        res = cr.load(FILES["retail_bank"])
        self.assertEqual(res.service_level_threshold("billing"), 20.0)
        self.assertEqual(res.service_level_threshold("tech"), 60.0)  # its own
        self.assertEqual(res.attrs["service_level_thresholds"], "billing=20\ntech=60")
        # --set changes what the file stores, and the kit reads that, not the scenario text
        path = ccsim_run.shared("retail_bank", "--set",
                                "contact_types.tech.service_level.threshold=1.5m",
                                "--set", "service_level.threshold=30s",
                                replications=1, trace="summary")
        res = cr.load(path)
        self.assertEqual(res.service_level_threshold("tech"), 90.0)
        self.assertEqual(res.service_level_threshold("billing"), 30.0)
        self.assertEqual(res.service_level_threshold(), 30.0)
        self.assertEqual(res.overrides, {"contact_types.tech.service_level.threshold": "1.5m",
                                         "service_level.threshold": "30s"})

    def test_a_file_without_per_type_thresholds_uses_the_scenarios(self):
        path = os.path.join(TMP, "old_thresholds.h5")
        shutil.copy(FILES["retail_bank"], path)
        with h5py.File(path, "r+") as f:
            del f.attrs["service_level_thresholds"]
        res = cr.load(path)
        self.assertEqual(res.service_level_threshold("tech"), 20.0)

    def test_thresholds_of_no_contact_type_are_refused(self):
        path = os.path.join(TMP, "bad_thresholds.h5")
        shutil.copy(FILES["retail_bank"], path)
        with h5py.File(path, "r+") as f:
            f.attrs["service_level_thresholds"] = "billing=20\nteck=60"
        with self.assertRaisesRegex(cr.CcsimFileError, "names 'teck', which is no contact"):
            cr.load(path)
        with h5py.File(path, "r+") as f:
            f.attrs["service_level_thresholds"] = "billing=twenty"
        with self.assertRaisesRegex(cr.CcsimFileError, "gives billing 'twenty'; expected"):
            cr.load(path)

    def test_columns_describe_themselves(self):
        res = cr.load(FILES["retail_bank"])
        summary_kpis = [c for c in COLUMNS["summary"] if c not in ("replication", "contact_type")]
        for name in summary_kpis + ["agents_staffed", "agents_on_break"]:
            c = res.columns[name]
            self.assertTrue(c.label and c.unit and c.definition, c)
            self.assertIn(c.scope, ("per_type", "overall_only"), c)
        self.assertEqual(res.columns["service_level"].unit, "fraction")
        self.assertEqual(res.columns["asa"].unit, "s")
        self.assertEqual(res.columns["asa"].label, "ASA (average speed of answer)")
        self.assertTrue(res.columns["occupancy"].overall_only)
        self.assertFalse(res.columns["aht"].overall_only)

    def test_labels_units_and_scopes_come_from_the_file(self):
        path = os.path.join(TMP, "relabelled.h5")
        shutil.copy(FILES["retail_bank"], path)
        with h5py.File(path, "r+") as f:
            f["summary"].attrs["asa.label"] = "time to answer"
            f["summary"].attrs["asa.unit"] = "fraction"
            f["summary"].attrs["fcr.scope"] = "per_type"
        res = cr.load(path)
        self.assertEqual(res.columns["asa"].label, "time to answer")
        table = cr.kpi_table(res)
        self.assertIn(("billing", "fcr"), table.index)
        self.assertNotIn(("billing", "occupancy"), table.index)
        import plot_axes  # the report's labels and units are the file's too
        self.assertEqual(plot_axes.style(res, "asa"), ("time to answer", "%", 100.0, True))
        self.assertEqual(plot_axes.style(res, "aht")[:2], ("AHT (talk + wrap-up)", "s"))

    def test_a_file_without_descriptions_falls_back_to_the_names(self):
        path = os.path.join(TMP, "bare.h5")
        shutil.copy(FILES["retail_bank"], path)
        with h5py.File(path, "r+") as f:
            for table in ("summary", "intervals"):
                for key in list(f[table].attrs):
                    del f[table].attrs[key]
        res = cr.load(path)
        self.assertEqual((res.columns["asa"].label, res.columns["asa"].unit), ("asa", ""))
        self.assertIn(("billing", "occupancy"), cr.kpi_table(res).index)

    def test_columns_are_the_documented_ones(self):
        res = cr.load(FILES["retail_bank"])
        self.assertEqual(list(res.summary.columns), COLUMNS["summary"])
        self.assertEqual(list(res.intervals.columns), COLUMNS["intervals"])
        self.assertEqual(list(res.agent_results.columns), COLUMNS["agent_results"])
        for table in ("contacts", "agents", "events"):
            df = getattr(res, table)(0)
            self.assertEqual(list(df.columns), COLUMNS[table], table)

    def test_a_start_gives_clock_time_columns(self):
        res = cr.load(FILES["insurance_day"])
        start = datetime.datetime(2026, 3, 2, 8, 0)  # the scenario's start, a Monday
        self.assertEqual(res.start, start)
        cols = COLUMNS["intervals"]
        at = cols.index("contact_type") + 1
        self.assertEqual(list(res.intervals.columns),
                         cols[:at] + ["interval_start", "day_of_week"] + cols[at:])
        iv = res.intervals
        self.assertEqual(str(iv["interval_start"].dtype), "datetime64[ns]")
        expect = [start + datetime.timedelta(seconds=s) for s in iv["start"]]
        self.assertEqual(list(iv["interval_start"].dt.to_pydatetime()), expect)
        self.assertEqual(list(iv["day_of_week"].cat.categories),
                         ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        self.assertEqual(set(iv["day_of_week"].astype(str)), {"Mon"})  # 08:00 to 20:00
        # h5py on its own: the root's start and the ISO 8601 text of each interval
        with h5py.File(FILES["insurance_day"], "r") as f:
            self.assertEqual(f.attrs["start"], "2026-03-02T08:00:00")
            raw = f["intervals"]["interval_start"]
            self.assertEqual(raw[0], b"2026-03-02T08:00:00")
            self.assertEqual(raw[-1], b"2026-03-02T19:30:00")
        k = cr.interval_kpis(res, "asa")
        self.assertEqual(list(k.columns),
                         ["interval", "start", "end", "interval_start", "mean", "ci95", "n"])
        self.assertEqual(k["interval_start"].iloc[1], datetime.datetime(2026, 3, 2, 8, 30))
        self.assertEqual(res.clock(3600), datetime.datetime(2026, 3, 2, 9, 0))

    def test_no_start_no_clock_time(self):
        res = cr.load(FILES["retail_bank"])
        self.assertIsNone(res.start)
        self.assertNotIn("interval_start", res.intervals.columns)
        self.assertNotIn("interval_start", cr.interval_kpis(res, "asa").columns)

    def test_summary_rows_in_order(self):
        res = cr.load(FILES["retail_bank"])
        expect = [(r, t) for r in res.replications for t in ["ALL", "billing", "tech"]]
        got = list(zip(res.summary["replication"], res.summary["contact_type"].astype(str)))
        self.assertEqual(got, expect)

    def test_group_rows_pool_their_agents(self):
        """/summary's agent-group rows (res.group_summary): staffed hours and occupancy of the
        group's agents in /agent_results, the hours adding up to the centre's."""
        res = cr.load(FILES["retail_bank"])
        groups = res.group_summary
        self.assertEqual(len(groups), 2 * len(res.replications))
        self.assertTrue(groups["offered"].isna().all())  # only the groups' KPIs
        ar = res.agent_results
        for r in res.replications:
            mine = groups[groups["replication"] == r]
            self.assertEqual(list(mine["agent_group"].astype(str)), ["tier1", "tech_team"])
            for _, row in mine.iterrows():
                agents = ar[(ar["replication"] == r) & (ar["group"] == row["agent_group"])]
                staffed = agents["staffed"].sum()
                busy = (agents["occupancy"] * agents["staffed"]).sum()
                self.assertTrue(close(row["staffed_hours"], staffed / 3600), row)
                self.assertTrue(close(row["occupancy"], busy / staffed), row)
            self.assertTrue(close(mine["staffed_hours"].sum(),
                                  summary_row(res, r, "ALL")["staffed_hours"]))
            self.assertTrue(close(mine["paid_hours"].sum(),
                                  summary_row(res, r, "ALL")["paid_hours"]))
            self.assertTrue((mine["paid_hours"] >= mine["staffed_hours"]).all())  # breaks paid

    def test_enums_become_categoricals_with_their_names(self):
        res = cr.load(FILES["retail_bank"])
        self.assertEqual(res.contact_types, ["billing", "tech"])
        self.assertEqual(list(res.summary["contact_type"].cat.categories),
                         ["ALL", "billing", "tech"])
        c, a, e = res.contacts(0), res.agents(0), res.events(0)
        self.assertEqual(list(c["outcome"].cat.categories), OUTCOMES)
        self.assertEqual(list(c["agent_group"].cat.categories), ["(none)", "tier1", "tech_team"])
        self.assertEqual(list(a["state"].cat.categories), AGENT_STATES)
        # The documented kinds keep their values; newer ones may follow (as trace_test).
        kinds = list(e["kind"].cat.categories)
        self.assertEqual(kinds[:len(EVENT_KINDS)], EVENT_KINDS)
        for df, col in [(c, "contact_type"), (c, "outcome"), (a, "group"), (a, "state"),
                        (e, "kind"), (e, "contact_type")]:
            self.assertEqual(df[col].isna().sum(), 0, f"{col}: values outside the enum")
        # the same integers as the raw file
        with h5py.File(FILES["retail_bank"], "r") as f:
            raw = f["replications/0/contacts"]["outcome"]
            names = {v: n for n, v in h5py.check_enum_dtype(
                f["replications/0/contacts"].dtype.fields["outcome"][0]).items()}
        self.assertEqual(list(c["outcome"].astype(str)), [names[v] for v in raw])

    def test_nan_is_kept(self):
        res = cr.load(FILES["help_desk"])
        c = res.contacts(0)
        unanswered = c[c["outcome"].isin(["abandoned", "blocked"])]
        self.assertGreater(len(unanswered), 0)
        self.assertTrue(unanswered["answer"].isna().all())
        s = res.summary
        self.assertTrue(s.loc[s["contact_type"] != "ALL", "occupancy"].isna().all())
        self.assertFalse(s.loc[s["contact_type"] == "ALL", "occupancy"].isna().any())

    def test_summary_trace_has_no_replication_tables(self):
        res = cr.load(FILES["help_desk_summary"])
        self.assertEqual(res.trace, "summary")
        self.assertFalse(res.has_table("contacts"),
                         "--trace summary wrote /replications/<k>/contacts "
                         "(docs/trace_format.md: only with --trace contacts or events)")
        with self.assertRaises(KeyError):
            res.contacts(0)

    def test_all_contacts_concatenates_replications(self):
        res = cr.load(FILES["help_desk"])
        allc = res.all_contacts()
        self.assertEqual(len(allc), sum(len(res.contacts(r)) for r in res.replications))
        self.assertEqual(sorted(allc["replication"].unique()), res.replications)


class ContactsTest(unittest.TestCase):
    def test_rows_equal_offered_plus_blocked(self):
        for name in TRACED:
            res = cr.load(FILES[name])
            for r in res.replications:
                c = res.contacts(r)
                for scope in scopes(res):
                    row = summary_row(res, r, scope)
                    with self.subTest(file=name, rep=r, type=scope):
                        self.assertEqual(len(of_scope(c, scope)), row["offered"] + row["blocked"])

    def test_rows_after_warmup_equal_offered_plus_blocked(self):
        res = cr.load(FILES["help_desk_warmup"])
        warmup = res.attrs["warmup"]
        self.assertGreater(warmup, 0)
        for r in res.replications:
            c = res.contacts(r)
            row = summary_row(res, r, "ALL")
            self.assertLess(int((c["arrival"] >= warmup).sum()), len(c))
            self.assertEqual(int((c["arrival"] >= warmup).sum()), row["offered"] + row["blocked"])

    def test_wait_and_times(self):
        for name in TRACED:
            res = cr.load(FILES[name])
            for r in res.replications:
                c = res.contacts(r)
                out = c["outcome"].astype(str)
                ans = c[c["answer"].notna()]
                ab = c[out == "abandoned"]
                bl = c[out == "blocked"]
                with self.subTest(file=name, rep=r):
                    self.assertGreater(len(ans), 0)
                    np.testing.assert_allclose(ans["wait"], ans["answer"] - ans["arrival"],
                                               rtol=0, atol=1e-9)
                    self.assertTrue((ans["wait"] >= 0).all())
                    self.assertTrue((ans["end"] >= ans["answer"]).all())
                    self.assertTrue((ans["agent_id"] >= 0).all())
                    self.assertFalse((ans["agent_group"] == "(none)").any())
                    self.assertTrue((ans["handle_time"] > 0).all())
                    np.testing.assert_allclose(ab["wait"], ab["end"] - ab["arrival"],
                                               rtol=0, atol=1e-9)
                    self.assertTrue((bl["wait"] == 0).all() and (bl["end"] == bl["arrival"]).all())
                    unanswered = c[c["answer"].isna()]
                    self.assertTrue((unanswered["agent_id"] == -1).all())
                    self.assertTrue((unanswered["agent_group"] == "(none)").all())
                    self.assertTrue((unanswered["handle_time"] == 0).all())
                    self.assertTrue(c["contact_id"].is_unique)
                    self.assertTrue((c["attempt"] >= 1).all())

    def test_outcomes_match_summary(self):
        blocked_seen = 0
        for name in TRACED:
            res = cr.load(FILES[name])
            for r in res.replications:
                c = res.contacts(r)
                for scope in scopes(res):
                    part = of_scope(c, scope)
                    out = part["outcome"].astype(str)
                    row = summary_row(res, r, scope)
                    with self.subTest(file=name, rep=r, type=scope):
                        self.assertEqual(part["answer"].notna().sum(), row["answered"])
                        self.assertEqual((out == "abandoned").sum(), row["abandoned"])
                        self.assertEqual((out == "blocked").sum(), row["blocked"])
                        self.assertEqual((out != "blocked").sum(), row["offered"])
                        blocked_seen += int(row["blocked"])
        self.assertGreater(blocked_seen, 0, "no blocked contact: the check is vacuous")

    def test_summary_kpis_from_contacts(self):
        """Service level, ASA, abandon rate and AHT recomputed from the contacts."""
        res = cr.load(FILES["retail_bank"])
        for r in res.replications:
            c = res.contacts(r)
            for scope in scopes(res):
                part = of_scope(c, scope)
                offered = part[part["outcome"] != "blocked"]
                ans = offered[offered["answer"].notna()]
                row = summary_row(res, r, scope)
                # each contact against its own type's threshold (tech: 60 s, billing: 20 s)
                thr = ans["contact_type"].astype(str).map(res.service_level_threshold)
                within = (ans["wait"] <= thr).sum()
                with self.subTest(rep=r, type=scope):
                    self.assertTrue(close(within / len(offered), row["service_level"]))
                    self.assertTrue(close(ans["wait"].mean(), row["asa"]))
                    self.assertTrue(close(ans["handle_time"].mean(), row["aht"]))
                    self.assertTrue(close((offered["outcome"] == "abandoned").sum() /
                                          len(offered), row["abandon_rate"]))

    def test_events_match_contacts(self):
        for name in TRACED:
            res = cr.load(FILES[name])
            for r in res.replications:
                c, e = res.contacts(r), res.events(r)
                kinds = e["kind"].astype(str).value_counts()
                out = c["outcome"].astype(str)
                with self.subTest(file=name, rep=r):
                    self.assertTrue((np.diff(e["time"].to_numpy()) >= 0).all())
                    self.assertEqual(kinds.get("answer", 0), c["answer"].notna().sum())
                    self.assertEqual(kinds.get("abandon", 0), (out == "abandoned").sum())
                    self.assertEqual(kinds.get("block", 0), (out == "blocked").sum())
                    self.assertEqual(kinds.get("arrival", 0) + kinds.get("retrial", 0), len(c))
                    self.assertEqual(kinds.get("agent_free", 0), c["answer"].notna().sum())


class IntervalsTest(unittest.TestCase):
    def test_interval_sums_equal_totals(self):
        for name in TRACED:
            res = cr.load(FILES[name])
            self.assertEqual(res.attrs["warmup"], 0.0)
            iv = res.intervals
            for r in res.replications:
                for scope in scopes(res):
                    part = iv[(iv["replication"] == r) & (iv["contact_type"] == scope)]
                    row = summary_row(res, r, scope)
                    for k in ("offered", "answered", "abandoned", "blocked"):
                        with self.subTest(file=name, rep=r, type=scope, count=k):
                            self.assertEqual(part[k].sum(), row[k])

    def test_intervals_cover_the_horizon(self):
        for name in TRACED:
            res = cr.load(FILES[name])
            a, iv = res.attrs, res.intervals
            n = math.ceil(a["horizon"] / a["interval"])
            self.assertEqual(len(iv), len(res.replications) * n * (1 + len(res.contact_types)))
            for (r, t), g in iv.groupby(["replication", "contact_type"], observed=True):
                self.assertEqual(list(g["interval"]), list(range(n)))
                self.assertEqual(g["start"].iloc[0], 0.0)
                self.assertEqual(g["end"].iloc[-1], a["horizon"])
                np.testing.assert_array_equal(g["start"].to_numpy()[1:], g["end"].to_numpy()[:-1])
            # centre-wide columns are the same on every row of an interval
            for _, g in iv.groupby(["replication", "interval"]):
                self.assertEqual(g["occupancy"].nunique(dropna=False), 1)
                self.assertEqual(g["agents_staffed"].nunique(dropna=False), 1)


class AgentsTest(unittest.TestCase):
    def test_spells_tile_the_run(self):
        for name in TRACED:
            res = cr.load(FILES[name])
            horizon = res.attrs["horizon"]
            for r in res.replications:
                a = res.agents(r)
                last_end = res.contacts(r)["end"].max()
                ends = set()
                for agent, g in a.groupby("agent_id"):
                    g = g.sort_values("start", kind="stable")
                    s, e = g["start"].to_numpy(), g["end"].to_numpy()
                    with self.subTest(file=name, rep=r, agent=agent):
                        self.assertEqual(s[0], 0.0)
                        self.assertTrue((e > s).all(), "an empty or reversed spell")
                        np.testing.assert_array_equal(s[1:], e[:-1])  # no gap, no overlap
                        self.assertEqual(g["group"].nunique(), 1)
                    ends.add(e[-1])
                with self.subTest(file=name, rep=r):
                    self.assertEqual(len(ends), 1, f"agents' spells end at {sorted(ends)}")
                    end = ends.pop()
                    self.assertGreaterEqual(end, horizon,
                                            "spells end before the horizon: staffed time "
                                            "short of what /summary occupancy counts")
                    self.assertGreaterEqual(end, last_end)

    def test_busy_spells_match_contacts(self):
        res = cr.load(FILES["retail_bank"])
        for r in res.replications:
            a, c = res.agents(r), res.contacts(r)
            busy = a[a["state"].isin(cr.BUSY_STATES)]
            ans = c[c["answer"].notna()]
            per_agent = (busy["end"] - busy["start"]).groupby(busy["agent_id"]).sum()
            expect = ans["handle_time"].groupby(ans["agent_id"]).sum()
            np.testing.assert_allclose(per_agent.sort_index(), expect.sort_index(), rtol=1e-9)

    def test_agent_occupancy_matches_summary(self):
        for name in TRACED + ["help_desk_warmup"]:
            res = cr.load(FILES[name])
            if not res.has_table("agents"):
                continue
            for r in res.replications:
                occ = cr.agent_occupancy(res, r)
                from_spells = occ["busy"].sum() / occ["staffed"].sum()
                in_summary = summary_row(res, r, "ALL")["occupancy"]
                with self.subTest(file=name, rep=r):
                    self.assertTrue(close(from_spells, in_summary),
                                    f"occupancy from agent spells {from_spells!r}, "
                                    f"/summary {in_summary!r}")
                    self.assertTrue(((occ["occupancy"] >= 0) & (occ["occupancy"] <= 1)).all())


# help_desk with shifts and breaks (the scenarios in scenarios/ have none), so that the
# staffing columns and the agents' staffed time are checked with breaks in them.
BREAKS_SHIFTS = """    shifts:
      - {start: 0h, end: 8h, agents: 4, breaks: [{after: 2h, duration: 15m}, {after: 5h, duration: 30m}]}
      - {start: 2h, end: 6h, agents: 2, breaks: [{after: 1h, duration: 10m}]}
"""


def breaks_scenario():
    with open(os.path.join(ccsim_run.ROOT, "scenarios", "help_desk.yaml")) as f:
        text = f.read()
    assert "    agents: 5\n" in text
    path = os.path.join(TMP, "help_desk_breaks.yaml")
    with open(path, "w") as f:
        f.write(text.replace("    agents: 5\n", BREAKS_SHIFTS))
    return path


def overlap_seconds(spells, lo, hi):
    return (np.minimum(spells["end"], hi) - np.maximum(spells["start"], lo)).clip(lower=0.0)


class AgentResultsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.breaks_yaml = breaks_scenario()
        cls.breaks = os.path.join(TMP, "breaks.h5")
        ccsim_run.run(["run", cls.breaks_yaml, "-r", "3", "-o", cls.breaks, "--trace", "events",
                       "--set", "agent_variation.handle_time_cv=0.3"])

    def test_one_row_per_replication_and_agent(self):
        for name in ["help_desk_warmup", "retail_bank", "help_desk_summary"]:
            res = cr.load(FILES[name])
            a = res.agent_results
            agents = a["agent_id"].nunique()
            self.assertGreater(agents, 1)
            self.assertEqual(len(a), len(res.replications) * agents)
            expect = [(r, i) for r in res.replications for i in range(agents)]
            self.assertEqual(list(zip(a["replication"], a["agent_id"])), expect)

    def test_contacts_add_up_to_answered_after_warmup(self):
        """Per agent, the handled contacts that arrived after warm-up (from the contacts
        table) give its contacts, AHT and resolved share; summed, /summary's answered."""
        res = cr.load(FILES["help_desk_warmup"])
        warmup = res.attrs["warmup"]
        self.assertGreater(warmup, 0)
        a = res.agent_results
        for r in res.replications:
            mine = a[a["replication"] == r].set_index("agent_id")
            c = res.contacts(r)
            late = c[(c["arrival"] >= warmup) & c["answer"].notna()]
            self.assertLess(len(late), c["answer"].notna().sum())  # warm-up contacts left out
            with self.subTest(rep=r):
                self.assertEqual(mine["contacts"].sum(), summary_row(res, r, "ALL")["answered"])
                by_agent = late.groupby("agent_id")
                counts = by_agent.size().reindex(mine.index, fill_value=0)
                np.testing.assert_array_equal(mine["contacts"], counts)
                aht = by_agent["handle_time"].mean().reindex(mine.index)
                np.testing.assert_allclose(mine["aht"], aht, rtol=1e-9)
                resolved = (late["outcome"] == "resolved").groupby(late["agent_id"]).mean()
                np.testing.assert_allclose(mine["resolved_share"],
                                           resolved.reindex(mine.index), rtol=1e-9)

    def test_bands_split_the_stack_rank_in_thirds(self):
        res = cr.load(FILES["retail_bank"])
        a = res.agent_results
        self.assertEqual(list(a["band"].cat.categories), ["none", "top", "middle", "bottom"])
        self.assertEqual(list(a["group"].cat.categories), ["(none)", "tier1", "tech_team"])
        for r in res.replications:
            mine = a[a["replication"] == r].sort_values("rank")
            ranked = mine[mine["band"] != "none"]
            n = len(ranked)
            third = -(-n // 3)
            with self.subTest(rep=r):
                self.assertEqual(list(ranked["rank"]), list(range(1, n + 1)))
                score = ranked["resolved_per_hour"].to_numpy()
                self.assertTrue((np.diff(score) <= 0).all(), "rank not by resolved_per_hour")
                self.assertEqual(list(ranked["band"].astype(str)),
                                 ["top"] * third + ["middle"] * (n - 2 * third) +
                                 ["bottom"] * third)
                np.testing.assert_allclose(
                    ranked["resolved_per_hour"],
                    ranked["resolved_share"] * ranked["contacts"] / (ranked["staffed"] / 3600),
                    rtol=1e-9)

    def test_band_table_matches_ccsim_json(self):
        for name in ["help_desk_warmup", "retail_bank"]:
            scenario, extra, _ = SPECS[name]
            doc = ccsim_run.json_summary(scenario, *extra)
            table = cr.agent_band_table(cr.load(FILES[name]))
            self.assertEqual(set(doc["agents"]), set(cr.BANDS))
            for band, figures in doc["agents"].items():
                self.assertEqual(list(figures), cr.BAND_FIGURES)
                for k, v in figures.items():
                    for field in ("mean", "ci95"):
                        with self.subTest(file=name, band=band, figure=k, field=field):
                            self.assertTrue(close(table.loc[(band, k), field], v[field]),
                                            f"{table.loc[(band, k), field]!r} != {v[field]!r}")

    def test_agents_detail_matches_the_file(self):
        scenario, extra, _ = SPECS["retail_bank"]
        doc = ccsim_run.json_summary(scenario, *extra, "--agents")
        a = cr.load(FILES["retail_bank"]).agent_results
        detail = doc["agents_detail"]
        self.assertEqual([d["agent_id"] for d in detail], sorted(a["agent_id"].unique()))
        for d in detail:
            mine = a[a["agent_id"] == d["agent_id"]]
            with self.subTest(agent=d["agent_id"]):
                self.assertEqual(d["group"], str(mine["group"].iloc[0]))
                for k in ("contacts", "aht", "occupancy", "resolved_share", "resolved_per_hour",
                          "asa", "asked_for", "asked_wait"):
                    self.assertTrue(close(d[k], mine[k].mean()), k)
                counts = mine["band"].astype(str).value_counts()
                self.assertEqual(d["band_replications"],
                                 {b: int(counts.get(b, 0)) for b in cr.BANDS + ["none"]})
                self.assertEqual(counts.get(d["band"], 0), counts.max())

    def test_staffing_per_interval_from_spells(self):
        """agents_staffed and agents_on_break of /intervals against the agent spells."""
        res = cr.load(self.breaks)
        iv = res.intervals[res.intervals["contact_type"] == "ALL"]
        seen_break = 0.0
        for r in res.replications:
            sp = res.agents(r)
            state = sp["state"].astype(str)
            on_break, staffed = sp[state == "break"], sp[~state.isin(cr.UNSTAFFED_STATES)]
            for _, row in iv[iv["replication"] == r].iterrows():
                length = row["end"] - row["start"]
                want_break = overlap_seconds(on_break, row["start"], row["end"]).sum() / length
                want_staffed = overlap_seconds(staffed, row["start"], row["end"]).sum() / length
                with self.subTest(rep=r, interval=row["interval"]):
                    self.assertTrue(close(row["agents_on_break"], want_break, rel=1e-9),
                                    (row["agents_on_break"], want_break))
                    self.assertTrue(close(row["agents_staffed"], want_staffed, rel=1e-9),
                                    (row["agents_staffed"], want_staffed))
                seen_break += row["agents_on_break"] * length
        # 4 agents take 15 + 30 min, 2 take 10 min, in each replication
        self.assertTrue(close(seen_break, 3 * (4 * 45 + 2 * 10) * 60.0, rel=1e-9), seen_break)

    def test_agent_figures_match_spells_with_breaks(self):
        res = cr.load(self.breaks)
        for r in res.replications:
            occ = cr.agent_occupancy(res, r).set_index("agent_id")
            mine = res.agent_results[res.agent_results["replication"] == r].set_index("agent_id")
            with self.subTest(rep=r):
                np.testing.assert_allclose(mine["staffed"], occ["staffed"], rtol=1e-9)
                np.testing.assert_allclose(mine["occupancy"], occ["occupancy"], rtol=1e-9)
                self.assertTrue(close(occ["busy"].sum() / occ["staffed"].sum(),
                                      summary_row(res, r, "ALL")["occupancy"]))


class KpiTableTest(unittest.TestCase):
    def check_against_json(self, res, doc):
        table = cr.kpi_table(res)
        self.assertEqual(doc["replications"], len(res.replications))
        self.assertEqual(doc["seed"], res.attrs["seed"])
        self.assertEqual(doc["scenario"], res.scenario_name)
        expect = {(cr.OVERALL, k): v for k, v in doc["kpis"]["overall"].items()}
        for t, kpis in doc["kpis"]["by_type"].items():
            expect.update({(t, k): v for k, v in kpis.items()})
        self.assertEqual(set(table.index), set(expect), "KPIs differ from the JSON's")
        for key, v in expect.items():
            for field in ("mean", "ci95"):
                with self.subTest(kpi=key, field=field):
                    self.assertTrue(close(table.loc[key, field], v[field]),
                                    f"{table.loc[key, field]!r} != {v[field]!r}")

    def test_matches_ccsim_json(self):
        for name in ["help_desk", "retail_bank", "insurance_day", "help_desk_warmup"]:
            scenario, extra, _ = SPECS[name]
            with self.subTest(file=name):
                self.check_against_json(cr.load(FILES[name]),
                                        ccsim_run.json_summary(scenario, *extra))

    def test_one_replication_has_zero_half_width(self):
        path = ccsim_run.write(os.path.join(TMP, "one.h5"), "help_desk", replications=1,
                               trace="summary")
        res = cr.load(path)
        self.check_against_json(res, ccsim_run.json_summary("help_desk", replications=1))
        self.assertTrue((cr.kpi_table(res)["ci95"] == 0).all())

    def test_interval_kpis_match_ccsim_json_intervals(self):
        res = cr.load(FILES["retail_bank"])
        doc = ccsim_run.json_summary("retail_bank", *NO_WARMUP, "--intervals")
        self.assertEqual(len(doc["intervals"]), res.intervals["interval"].nunique())
        for k in doc["intervals"][0]["kpis"]:
            iv = cr.interval_kpis(res, k)
            for i, d in enumerate(doc["intervals"]):
                with self.subTest(kpi=k, interval=i):
                    self.assertEqual((iv["start"][i], iv["end"][i]), (d["start"], d["end"]))
                    self.assertTrue(close(iv["mean"][i], d["kpis"][k]["mean"]))
                    self.assertTrue(close(iv["ci95"][i], d["kpis"][k]["ci95"]))

    def test_student_t975_matches_boost(self):
        # boost::math::quantile(students_t_distribution<double>(dof), 0.975), as ccsim uses;
        # scipy 1.10's quantile (Debian 12) is within 4e-11 of it, far below any digit shown.
        boost = {1: 12.706204736174694, 2: 4.3026527297494619, 3: 3.1824463052837086,
                 4: 2.7764451051977934, 10: 2.2281388519862744, 29: 2.0452296421327039,
                 100: 1.9839715185235518, 1000: 1.9623390808264081}
        for dof, q in boost.items():
            self.assertTrue(close(cr.student_t975(dof), q, rel=1e-10), dof)
        self.assertTrue(close(cr.student_t975(1), math.tan(0.475 * math.pi), rel=1e-10))

    def test_mean_ci_skips_nan(self):
        m, h, n = cr.mean_ci([1.0, math.nan, 3.0])
        self.assertEqual((m, n), (2.0, 2))
        self.assertTrue(close(h, cr.student_t975(1) * math.sqrt(2.0) / math.sqrt(2.0)))
        self.assertEqual(cr.mean_ci([5.0]), (5.0, 0.0, 1))
        m, h, n = cr.mean_ci([math.nan])
        self.assertTrue(math.isnan(m))
        self.assertEqual((h, n), (0.0, 0))


class BadFileTest(unittest.TestCase):
    def test_not_hdf5(self):
        path = os.path.join(TMP, "notes.h5")
        with open(path, "w") as f:
            f.write("this is not HDF5\n")
        with self.assertRaisesRegex(cr.CcsimFileError, "not an HDF5 file"):
            cr.load(path)

    def test_missing(self):
        with self.assertRaisesRegex(cr.CcsimFileError, "no such file"):
            cr.load(os.path.join(TMP, "nowhere.h5"))

    def test_hdf5_but_not_ccsim(self):
        path = os.path.join(TMP, "other.h5")
        with h5py.File(path, "w") as f:
            f["x"] = np.arange(3)
        with self.assertRaisesRegex(cr.CcsimFileError, "not a ccsim result file"):
            cr.load(path)

    def test_start_that_is_no_date(self):
        path = os.path.join(TMP, "bad_start.h5")
        shutil.copy(FILES["help_desk_summary"], path)
        with h5py.File(path, "r+") as f:
            f.attrs["start"] = "Monday morning"
        with self.assertRaisesRegex(cr.CcsimFileError,
                                    "attribute start is 'Monday morning'; expected a date"):
            cr.load(path)

    def test_other_schema_version(self):
        path = os.path.join(TMP, "v2.h5")
        shutil.copy(FILES["help_desk_summary"], path)
        with h5py.File(path, "r+") as f:
            f.attrs["schema_version"] = np.int32(2)
        with self.assertRaisesRegex(cr.CcsimFileError, "schema_version 2"):
            cr.load(path)


if __name__ == "__main__":
    unittest.main()
