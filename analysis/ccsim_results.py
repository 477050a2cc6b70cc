"""Read a ccsim result file (HDF5, docs/trace_format.md) into pandas.

Example:
    import ccsim_results as cr
    res = cr.load("out.h5")
    res.attrs["scenario_name"], res.replications      # "help-desk", [0, 1, 2]
    res.summary                                        # one row per replication and type
    res.group_summary                                  # one row per replication and agent group
    res.agent_results                                  # one row per replication and agent
    res.contacts(0)                                    # /replications/0/contacts
    res.columns["asa"].unit, res.columns["asa"].label  # "s", "ASA (average speed of answer)"
    cr.kpi_table(res)                                  # mean and 95% CI half-width per KPI
    res.start                                          # datetime of time 0, or None

A scenario with a `start` gives its file the root attribute `start`, and /intervals the
columns `interval_start` (here a pandas datetime64 column; NaT outside the years pandas
holds, 1678..2261) and `day_of_week` (a Categorical, Mon..Sun). Without a start, times are
seconds elapsed since time 0, as everywhere.

Enum columns (contact_type, agent_group, outcome, state, kind, group, band) come back as
pandas Categoricals whose categories are the enum's names in the order of their values
(`ALL`, `(none)` and `none`, value -1, first). NaN (e.g. `answer` of an unanswered contact, a
service level with nothing offered) is kept as NaN.

The confidence half-widths use the Student-t 0.975 quantile computed here from the
regularised incomplete beta function (`student_t975`), so the module needs neither scipy
nor a table, and gives the same numbers as `ccsim run --json` (boost's quantile) to
about 1e-13.

Only the Python standard library, numpy, pandas and h5py are needed; PyYAML is used, when
installed, to read per-type service-level thresholds from the stored scenario text.
"""
import datetime
import functools
import math
import os

import h5py
import numpy as np
import pandas as pd

import result_checks as checks
from result_checks import CcsimFileError  # noqa: F401 (the error this module raises)

SCHEMA_VERSION = checks.SCHEMA_VERSION

# What a column is, unit and all, comes from the file (docs/trace_format.md, the
# attributes "<column>.label", ".unit", ".definition", ".scope" of /summary and
# /intervals), not from a list kept here: see Results.columns.
OVERALL = "overall"  # the scope name of the `ALL` rows in kpi_table, as in the JSON

# Spells in these states count as staffed time; busy and wrap_up count as busy time
# (SPEC §4: occupancy = busy agent time / staffed agent time, wrap-up is busy). Staffed
# means on duty and on the phones: a break or a coaching session is not staffed time.
BUSY_STATES = ("busy", "wrap_up")
UNSTAFFED_STATES = ("break", "coaching", "offline")

# The stack-rank bands of /agent_results, best first, and the figures `ccsim run --json`
# reports per band under "agents" (agent_band_table).
BANDS = ["top", "middle", "bottom"]
BAND_FIGURES = ["agents", "contacts", "aht", "occupancy", "resolved_share",
                "resolved_per_hour"]

_DEFAULT_SL_THRESHOLD = 20.0  # SPEC §2 defaults
_DEFAULT_SL_TARGET = 0.80


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


def load(path):
    """Opens a ccsim result file and returns its Results. Raises CcsimFileError."""
    return Results(path)


class Results:
    """One result file. Root attributes, /summary, /intervals and /agent_results are read
    at once (`agent_results` is None in a file written before ccsim had it); the
    per-replication tables when asked for (the file is opened for each call)."""

    def __init__(self, path):
        self.path = os.fspath(path)
        if not os.path.exists(self.path):
            raise CcsimFileError(f"{self.path}: no such file")
        if os.path.isdir(self.path):
            raise CcsimFileError(f"{self.path}: is a directory, not a ccsim result file")
        if not h5py.is_hdf5(self.path):
            raise CcsimFileError(
                f"{self.path}: not an HDF5 file (a ccsim result file is written by "
                f"`ccsim run SCENARIO -o OUT.h5`)")
        try:
            f = h5py.File(self.path, "r")
        except OSError as e:
            raise CcsimFileError(f"{self.path}: cannot open as HDF5: {e}") from e
        with f:
            try:
                self._read(f)
            except (OSError, RuntimeError) as e:  # what h5py raises on broken structures
                raise CcsimFileError(f"{self.path}: HDF5 cannot read it: {e}") from e

    def _read(self, f):
        """Root attributes and the result tables, each checked (result_checks.py)."""
        path = self.path
        self.attrs = checks.root_attributes(f, path)
        summary = checks.table(f, path, "summary")
        ct = summary.dtype.fields["contact_type"][0]
        mapping = h5py.check_enum_dtype(ct)
        replications = self.attrs.get("replications")
        if replications is None:  # files from before the attribute: what the rows say
            replications = int(summary["replication"].max()) + 1 if summary.size else 1
        checks.check_keys(path, "summary", summary, replications, mapping)
        intervals = checks.table(f, path, "intervals", required=False)
        if intervals is not None:
            checks.check_keys(path, "intervals", intervals, replications,
                              h5py.check_enum_dtype(intervals.dtype.fields["contact_type"][0]))
        agent_results = checks.table(f, path, "agent_results", required=False)
        if agent_results is not None:
            checks.check_keys(path, "agent_results", agent_results, replications, {})
        self.summary = _table(summary)
        # The agent groups' rows (files since by-group results: contact_type ALL, the group
        # in agent_group) apart, so that summary keeps one row per replication and type.
        self.group_summary = None
        if "agent_group" in self.summary:
            of_group = self.summary["agent_group"] != "(none)"
            self.group_summary = self.summary[of_group].drop(columns="contact_type")
            self.group_summary = self.group_summary.reset_index(drop=True)
            self.summary = self.summary[~of_group].drop(columns="agent_group")
            self.summary = self.summary.reset_index(drop=True)
        self.columns = _columns(f["summary"], path)
        if intervals is not None:
            for name, c in _columns(f["intervals"], path).items():
                self.columns.setdefault(name, c)
        self.intervals = _table(intervals) if intervals is not None else None
        if self.intervals is not None and "interval_start" in self.intervals:
            self.intervals["interval_start"] = pd.to_datetime(
                self.intervals["interval_start"], format="%Y-%m-%dT%H:%M:%S", errors="coerce")
        self.agent_results = _table(agent_results) if agent_results is not None else None
        reps = checks.replication_numbers(f, path, replications)
        self.replications = reps if reps is not None else sorted(
            int(r) for r in self.summary["replication"].unique())
        self.contact_types = [n for n, v in sorted(mapping.items(), key=lambda kv: kv[1])
                              if v >= 0]

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

    def has_table(self, name):
        """Whether the replications hold table `name` ("contacts", "agents", "events")."""
        if not self.replications:
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
            if key not in f:
                why = (f"the file was written with --trace {self.trace}"
                       if int(rep) in self.replications else
                       f"replications are {self.replications[:1]}..{self.replications[-1:]}")
                raise KeyError(f"{self.path}: no /{key} ({why})")
            return _table(f[key])

    # -- service level settings ---------------------------------------------------
    @property
    def service_level_target(self):
        """The scenario's service_level.target (root attribute, else the stored YAML)."""
        if "service_level_target" in self.attrs:
            return float(self.attrs["service_level_target"])
        sl = (self.scenario_dict() or {}).get("service_level") or {}
        return float(sl.get("target", _DEFAULT_SL_TARGET))

    def service_level_threshold(self, contact_type=None):
        """The service-level threshold in seconds, of one contact type or of the scenario."""
        scen = self.scenario_dict() or {}
        if contact_type is not None:
            t = ((scen.get("contact_types") or {}).get(contact_type) or {})
            own = (t.get("service_level") or {}).get("threshold")
            if own is not None:
                return parse_duration(own)
        if "service_level_threshold" in self.attrs:
            return float(self.attrs["service_level_threshold"])
        sl = scen.get("service_level") or {}
        return parse_duration(sl.get("threshold", _DEFAULT_SL_THRESHOLD))

    def scenario_dict(self):
        """The stored scenario YAML with the --set overrides applied, as a dict; None when
        PyYAML is not installed or the text does not parse."""
        try:
            import yaml
        except ImportError:
            return None
        try:
            scen = yaml.safe_load(self.attrs.get("scenario", "")) or {}
            for line in str(self.attrs.get("overrides", "")).splitlines():
                if "=" in line:
                    key, value = line.split("=", 1)
                    _set_path(scen, key.strip().split("."), yaml.safe_load(value))
            return scen if isinstance(scen, dict) else None
        except Exception:  # a malformed override must not stop the analysis
            return None


# -- statistics --------------------------------------------------------------------------
def mean_ci(values):
    """(mean, ci95 half-width, n) of the non-NaN values, as ccsim computes them: summed in
    order; mean NaN when there is no value; half-width 0 with fewer than two."""
    vals = [float(v) for v in values if not math.isnan(v)]
    n = len(vals)
    if n == 0:
        return math.nan, 0.0, 0
    total = 0.0
    for v in vals:
        total += v
    mean = total / n
    if n < 2:
        return mean, 0.0, n
    ss = 0.0
    for v in vals:
        ss += (v - mean) * (v - mean)
    return mean, student_t975(n - 1) * math.sqrt(ss / (n - 1)) / math.sqrt(n), n


def kpi_table(results):
    """Mean, 95% CI half-width and number of defining replications of every KPI over
    replications, from /summary: a DataFrame indexed by (scope, kpi), scope "overall"
    (the ALL rows) then each contact type; KPIs whose column is overall_only (the file
    says, Results.columns) for "overall" only.
    The same numbers as `ccsim run --json` prints under kpis.overall / kpis.by_type."""
    if not isinstance(results, Results):
        results = load(results)
    s = results.summary
    kpis = [c for c in s.columns if c not in ("replication", "contact_type")
            and s[c].dtype.kind == "f"]
    rows = []
    for scope, label in [("ALL", OVERALL)] + [(t, t) for t in results.contact_types]:
        part = s[s["contact_type"] == scope].sort_values("replication", kind="stable")
        for k in kpis:
            if scope != "ALL" and k in results.columns and results.columns[k].overall_only:
                continue
            m, h, n = mean_ci(part[k].to_numpy())
            rows.append((label, k, m, h, n))
    df = pd.DataFrame(rows, columns=["scope", "kpi", "mean", "ci95", "n"])
    return df.set_index(["scope", "kpi"])


def interval_kpis(results, kpi, contact_type="ALL"):
    """Per interval: start, end (s) and the mean, ci95 and n over replications of one
    /intervals column for one contact type ("ALL" for the whole centre); and, when the
    file has a start, interval_start (datetime64) after end."""
    iv = results.intervals
    if iv is None:
        raise KeyError(f"{results.path}: no /intervals table")
    part = iv[iv["contact_type"] == contact_type]
    rows = []
    for i, g in part.groupby("interval", sort=True):
        g = g.sort_values("replication", kind="stable")
        m, h, n = mean_ci(g[kpi].to_numpy())
        rows.append((int(i), float(g["start"].iloc[0]), float(g["end"].iloc[0]), m, h, n))
    out = pd.DataFrame(rows, columns=["interval", "start", "end", "mean", "ci95", "n"])
    if "interval_start" in part:
        first = part.groupby("interval", sort=True)["interval_start"].first()
        out.insert(3, "interval_start", first.to_numpy())
    return out


def agent_band_table(results):
    """Mean, 95% CI half-width and number of defining replications of each band's figures
    over replications, from /agent_results: a DataFrame indexed by (band, figure), bands
    top, middle, bottom and figures BAND_FIGURES. Per replication a band's figures pool its
    agents (contacts per agent; AHT = its handle time / its contacts, occupancy = its busy
    / its staffed time, ...); a band empty in a replication counts 0 agents there and
    leaves the rest undefined. The same numbers as `ccsim run --json` prints under
    "agents"."""
    if not isinstance(results, Results):
        results = load(results)
    a = results.agent_results
    if a is None:
        raise KeyError(f"{results.path}: no /agent_results table")
    contacts = a["contacts"].to_numpy()
    staffed = a["staffed"].to_numpy()
    # The sums the ratios came from (an undefined ratio had a zero numerator's share).
    df = pd.DataFrame({
        "replication": a["replication"].to_numpy(),
        "band": a["band"].astype(str).to_numpy(),
        "contacts": contacts,
        "handle": np.where(contacts > 0, a["aht"].to_numpy() * contacts, 0.0),
        "resolved": np.where(contacts > 0, np.round(a["resolved_share"].to_numpy() * contacts),
                             0.0),
        "busy": np.where(staffed > 0, a["occupancy"].to_numpy() * staffed, 0.0),
        "staffed": staffed,
    })
    rows = []
    for band in BANDS:
        per_rep = {k: [] for k in BAND_FIGURES}
        for rep in results.replications:
            g = df[(df["replication"] == rep) & (df["band"] == band)]
            n = float(len(g))
            c, h, r, b, st = (float(g[k].sum()) for k in
                              ("contacts", "handle", "resolved", "busy", "staffed"))
            per_rep["agents"].append(n)
            per_rep["contacts"].append(c / n if n > 0 else math.nan)
            per_rep["aht"].append(h / c if c > 0 else math.nan)
            per_rep["occupancy"].append(b / st if st > 0 else math.nan)
            per_rep["resolved_share"].append(r / c if c > 0 else math.nan)
            per_rep["resolved_per_hour"].append(r / (st / 3600.0) if st > 0 else math.nan)
        for k in BAND_FIGURES:
            m, h, n = mean_ci(per_rep[k])
            rows.append((band, k, m, h, n))
    out = pd.DataFrame(rows, columns=["band", "figure", "mean", "ci95", "n"])
    return out.set_index(["band", "figure"])


def agent_occupancy(results, rep, start=None, end=None):
    """Per agent of replication `rep`: busy and staffed seconds inside [start, end)
    (default [warmup, horizon], as the summary's occupancy) and their ratio."""
    a = results.agents(rep)
    lo = float(results.attrs.get("warmup", 0.0)) if start is None else float(start)
    hi = float(results.attrs.get("horizon", a["end"].max())) if end is None else float(end)
    overlap = (np.minimum(a["end"], hi) - np.maximum(a["start"], lo)).clip(lower=0.0)
    state = a["state"].astype(str)
    df = pd.DataFrame({
        "agent_id": a["agent_id"],
        "group": a["group"],
        "busy": overlap.where(state.isin(BUSY_STATES), 0.0),
        "staffed": overlap.where(~state.isin(UNSTAFFED_STATES), 0.0),
    })
    out = df.groupby(["agent_id"], sort=True).agg(
        group=("group", "first"), busy=("busy", "sum"), staffed=("staffed", "sum"))
    out["occupancy"] = out["busy"] / out["staffed"].where(out["staffed"] > 0)
    return out.reset_index()


@functools.lru_cache(maxsize=None)
def student_t975(dof):
    """The 0.975 quantile of Student's t with `dof` (>= 1) degrees of freedom.

    P(|T| < t) = 0.95 is I_y(1/2, dof/2) = 0.95 with y = t^2 / (dof + t^2); y is found by
    bisection to machine precision (solving in y rather than 1 - y keeps the precision
    for large dof). Agrees with boost::math::quantile to about 1e-14.
    """
    if dof < 1:
        raise ValueError("student_t975: dof must be >= 1")
    b = dof / 2.0
    lo, hi = 0.0, 1.0  # I_y grows with y: I_0 = 0 < 0.95 < 1 = I_1
    while True:
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if _betainc(0.5, b, mid) < 0.95:
            lo = mid
        else:
            hi = mid
    y = 0.5 * (lo + hi)
    return math.sqrt(dof * y / (1.0 - y))


def _betainc(a, b, x):
    """Regularised incomplete beta I_x(a, b) (continued fraction, modified Lentz)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) +
                a * math.log(x) + b * math.log1p(-x))
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - _betainc(b, a, 1.0 - x)
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        for num in (m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
                    -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-16:
            break
    return math.exp(ln_front) * h / a


# -- helpers ---------------------------------------------------------------------------
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}


def parse_duration(v):
    """A SPEC §1 duration ("45s", "2.5m", "1h", or a bare number of seconds) in seconds."""
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip()
    if s and s[-1] in _UNITS:
        return float(s[:-1]) * _UNITS[s[-1]]
    return float(s)


def _set_path(d, keys, value):
    for i, k in enumerate(keys):
        last = i == len(keys) - 1
        if isinstance(d, list):
            k = int(k)
            if last:
                d[k] = value
            else:
                d = d[k]
        else:
            if last:
                d[k] = value
            else:
                d = d.setdefault(k, {})


def _columns(dataset, path):
    """The float64 columns of a table and what the file says of them, by name."""
    def attr(name, key):
        try:
            v = checks.plain(dataset.attrs.get(f"{name}.{key}", ""))
        except (OSError, TypeError, ValueError) as e:  # UnicodeDecodeError too
            raise CcsimFileError(f"{path}: attribute {name}.{key} of {dataset.name} cannot "
                                 f"be read: {e}") from e
        if not isinstance(v, str):
            raise CcsimFileError(f"{path}: attribute {name}.{key} of {dataset.name} is not "
                                 f"text")
        return v

    out = {}
    for name in dataset.dtype.names:
        if dataset.dtype.fields[name][0].kind != "f":
            continue
        out[name] = Column(name, attr(name, "label"), attr(name, "unit"),
                           attr(name, "definition"), attr(name, "scope"))
    return out


def _table(dataset):
    """A compound dataset (or its rows, read) as a DataFrame, enum fields as Categoricals
    of their names."""
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
