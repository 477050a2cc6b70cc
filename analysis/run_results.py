"""One run's results: a run's file, or one point of a sweep's file (docs/trace_format.md).
Made by ccsim_results.load; see ccsim_results.py for the whole kit.
"""
import datetime
import os

import h5py
import numpy as np
import pandas as pd

import result_checks as checks
from confidence import mean_ci
from result_checks import CcsimFileError

OVERALL = "overall"  # the scope name of the `ALL` rows in kpi_table, as in the JSON


class Column:
    """What a float64 column of /summary or /intervals is: its label, unit ("fraction"
    for a share in 0..1, "s", "contacts", ...), one-line definition and scope
    ("per_type", or "overall_only": for the whole centre only). A file written before
    ccsim stored these gives the column's name as label and "" elsewhere."""

    def __init__(self, name, label="", unit="", definition="", scope=""):
        self.name = name
        self.label = label or name
        self.unit = unit
        self.definition = definition
        self.scope = scope

    @property
    def overall_only(self):
        return self.scope == "overall_only"

    @property
    def is_fraction(self):
        return self.unit == "fraction"

    def __repr__(self):
        return f"Column({self.name!r}, {self.label!r}, unit={self.unit!r}, scope={self.scope!r})"


class Results:
    """One run: a run's file, or one point of a sweep's file (then `group` is its
    /points/<i>/ and `attrs` the root's with the point's own). Root attributes, /summary,
    /intervals and /agent_results are read at once (`agent_results` is None in a file
    written before ccsim had it); the per-replication tables when asked for."""

    def __init__(self, path, f, attrs, group="/"):
        self.path = path
        self.group = group
        self.attrs = attrs
        try:
            self._read(f[group])
        except (OSError, RuntimeError) as e:  # what h5py raises on broken structures
            raise CcsimFileError(f"{path}: HDF5 cannot read it: {e}") from e

    def _read(self, g):
        """The result tables of group `g`, each checked (result_checks.py)."""
        path = self.path
        summary = checks.table(g, path, "summary")
        mapping = h5py.check_enum_dtype(summary.dtype.fields["contact_type"][0])
        replications = self.attrs.get("replications")
        if replications is None:  # files from before the attribute: what the rows say
            replications = int(summary["replication"].max()) + 1 if summary.size else 1
        checks.check_keys(path, "summary", summary, replications, mapping)
        intervals = checks.table(g, path, "intervals", required=False)
        if intervals is not None:
            checks.check_keys(path, "intervals", intervals, replications,
                              h5py.check_enum_dtype(intervals.dtype.fields["contact_type"][0]))
        agent_results = checks.table(g, path, "agent_results", required=False)
        if agent_results is not None:
            checks.check_keys(path, "agent_results", agent_results, replications, {})
        self.summary = table_frame(summary)
        # The agent groups' rows (files since by-group results: contact_type ALL, the group
        # in agent_group) apart, so that summary keeps one row per replication and type.
        self.group_summary = None
        if "agent_group" in self.summary:
            of_group = self.summary["agent_group"] != "(none)"
            self.group_summary = self.summary[of_group].drop(columns="contact_type")
            self.group_summary = self.group_summary.reset_index(drop=True)
            self.summary = self.summary[~of_group].drop(columns="agent_group")
            self.summary = self.summary.reset_index(drop=True)
        self.columns = _columns(g["summary"], path)
        if intervals is not None:
            for name, c in _columns(g["intervals"], path).items():
                self.columns.setdefault(name, c)
        self.intervals = table_frame(intervals) if intervals is not None else None
        if self.intervals is not None and "interval_start" in self.intervals:
            self.intervals["interval_start"] = pd.to_datetime(
                self.intervals["interval_start"], format="%Y-%m-%dT%H:%M:%S", errors="coerce")
        self.agent_results = table_frame(agent_results) if agent_results is not None else None
        reps = checks.replication_numbers(g, path, replications)
        self.replications = reps if reps is not None else sorted(
            int(r) for r in self.summary["replication"].unique())
        self.contact_types = [n for n, v in sorted(mapping.items(), key=lambda kv: kv[1])
                              if v >= 0]
        self._thresholds = checks.thresholds(path, self.attrs, self.contact_types)

    # -- root attributes, with the names people look for ---------------------------
    @property
    def scenario_name(self):
        return self.attrs.get("scenario_name", "")

    @property
    def start(self):
        """The local date and time of time 0 (a datetime) when the scenario has a `start`;
        None otherwise (times are then elapsed since time 0)."""
        if "start" not in self.attrs:
            return None
        return checks.start_of(self.path, self.attrs["start"])

    def clock(self, seconds):
        """Seconds from time 0 as the datetime they fall on. REQUIRES: self.start."""
        return self.start + datetime.timedelta(seconds=float(seconds))

    @property
    def trace(self):
        return self.attrs.get("trace", "summary")

    @property
    def label(self):
        return self.scenario_name or os.path.basename(self.path)

    @property
    def overrides(self):
        """The --set overrides the run was made with (and, for a sweep's point, its
        varied values), as {key path: value text} in the order given."""
        return checks.key_values(self.attrs.get("overrides", "")) | checks.key_values(
            self.attrs.get("values", ""))

    @property
    def horizon(self):
        """The horizon in seconds (the root attribute; else the end of the last interval)."""
        if "horizon" in self.attrs:
            return float(self.attrs["horizon"])
        if self.intervals is not None and len(self.intervals):
            return float(self.intervals["end"].max())
        return float("nan")

    @property
    def warmup(self):
        return float(self.attrs.get("warmup", 0.0))

    def has_table(self, name):
        """Whether the replications hold table `name` ("contacts", "agents", "events")."""
        if not self.replications or self.group != "/":
            return False
        with h5py.File(self.path, "r") as f:
            return f"replications/{self.replications[0]}/{name}" in f

    # -- per-replication tables -----------------------------------------------------
    def contacts(self, rep):
        """/replications/<rep>/contacts, one row per contact in the order they ended."""
        return self._replication_table(rep, "contacts")

    def agents(self, rep):
        """/replications/<rep>/agents, one row per agent state spell."""
        return self._replication_table(rep, "agents")

    def events(self, rep):
        """/replications/<rep>/events, the event log in the order events ran."""
        return self._replication_table(rep, "events")

    def all_contacts(self):
        """Every replication's contacts in one DataFrame, with a `replication` column."""
        frames = []
        for r in self.replications:
            df = self.contacts(r)
            df.insert(0, "replication", np.int32(r))
            frames.append(df)
        return pd.concat(frames, ignore_index=True)

    def _replication_table(self, rep, name):
        with h5py.File(self.path, "r") as f:
            key = f"replications/{int(rep)}/{name}"
            if self.group != "/" or key not in f:
                why = ("a sweep's points hold no per-replication tables" if self.group != "/"
                       else f"the file was written with --trace {self.trace}"
                       if int(rep) in self.replications else
                       f"replications are {self.replications[:1]}..{self.replications[-1:]}")
                raise KeyError(f"{self.path}: no /{key} ({why})")
            return table_frame(f[key])

    # -- tables over replications ---------------------------------------------------
    def kpi_table(self):
        """Mean, 95% CI half-width and number of defining replications of every KPI over
        replications, from /summary: a DataFrame indexed by (scope, kpi), scope "overall"
        (the ALL rows) then each contact type; KPIs whose column is overall_only (the file
        says, self.columns) for "overall" only.
        The same numbers as `ccsim run --json` prints under kpis.overall / kpis.by_type."""
        s = self.summary
        kpis = [c for c in s.columns if c not in ("replication", "contact_type")
                and s[c].dtype.kind == "f"]
        rows = []
        for scope, label in [("ALL", OVERALL)] + [(t, t) for t in self.contact_types]:
            part = s[s["contact_type"] == scope].sort_values("replication", kind="stable")
            for k in kpis:
                if scope != "ALL" and k in self.columns and self.columns[k].overall_only:
                    continue
                m, h, n = mean_ci(part[k].to_numpy())
                rows.append((label, k, m, h, n))
        df = pd.DataFrame(rows, columns=["scope", "kpi", "mean", "ci95", "n"])
        return df.set_index(["scope", "kpi"])

    # -- service level settings ---------------------------------------------------
    @property
    def service_level_target(self):
        """The scenario's service_level.target, as the file stores it (None when it does
        not: a sweep's file from before points stored their settings)."""
        v = self.attrs.get("service_level_target")
        return None if v is None else float(v)

    def service_level_threshold(self, contact_type=None):
        """The service-level threshold in seconds of one contact type (its own, else the
        scenario's) or of the scenario, as the file stores it; None when it does not."""
        if contact_type is not None and contact_type in self._thresholds:
            return self._thresholds[contact_type]
        v = self.attrs.get("service_level_threshold")
        return None if v is None else float(v)


# -- reading tables ------------------------------------------------------------------------
def _columns(dataset, path):
    """The float64 columns of a table and what the file says of them, by name."""
    out = {}
    for name in dataset.dtype.names:
        if dataset.dtype.fields[name][0].kind != "f":
            continue
        out[name] = Column(name, *(checks.text_attribute(dataset, f"{name}.{key}", path)
                                   for key in ("label", "unit", "definition", "scope")))
    return out


def table_frame(dataset):
    """A compound dataset (or its rows, read) as a DataFrame, enum fields as Categoricals
    of their names, strings as str."""
    data = dataset[()] if isinstance(dataset, h5py.Dataset) else dataset
    df = pd.DataFrame(data)
    for name in data.dtype.names:
        mapping = h5py.check_enum_dtype(data.dtype.fields[name][0])
        if mapping:
            ordered = sorted(mapping.items(), key=lambda kv: kv[1])
            names = {v: n for n, v in ordered}
            df[name] = pd.Categorical(df[name].map(names),
                                      categories=[n for n, _ in ordered])
        elif data.dtype.fields[name][0].kind in "SO":
            df[name] = df[name].map(lambda b: b.decode() if isinstance(b, bytes) else b)
    return df
