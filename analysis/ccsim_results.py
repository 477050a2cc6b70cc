"""Read ccsim result files (HDF5, docs/trace_format.md) into pandas.

Example:
    import ccsim_results as cr
    res = cr.load("out.h5")                            # a run's file: Results
    res.attrs["scenario_name"], res.replications      # "help-desk", [0, 1, 2]
    res.summary                                        # one row per replication and type
    res.group_summary                                  # one row per replication and agent group
    res.agent_results                                  # one row per replication and agent
    res.contacts(0)                                    # /replications/0/contacts
    res.columns["asa"].unit, res.columns["asa"].label  # "s", "ASA (average speed of answer)"
    cr.kpi_table(res)                                  # mean and 95% CI half-width per KPI
    res.start                                          # datetime of time 0, or None

    sweep = cr.load("sweep.h5")                        # a sweep's file: SweepResults
    sweep.table()                                      # one row per point: its values, KPIs, CIs

A scenario with a `start` gives its file the root attribute `start`, and /intervals the
columns `interval_start` (here a pandas datetime64 column; NaT outside the years pandas
holds, 1678..2261) and `day_of_week` (a Categorical, Mon..Sun). Without a start, times are
seconds elapsed since time 0, as everywhere.

Enum columns (contact_type, agent_group, outcome, state, kind, group, band) come back as
pandas Categoricals whose categories are the enum's names in the order of their values
(`ALL`, `(none)` and `none`, value -1, first). NaN (e.g. `answer` of an unanswered contact, a
service level with nothing offered) is kept as NaN.

Confidence intervals use scipy's Student-t quantile (confidence.py) and agree with
`ccsim run --json` to about 1e-13. Everything the kit needs of the scenario (horizon,
warm-up, interval, service levels, overrides) is read from what the file stores.
"""
import os

import numpy as np
import pandas as pd

import agent_tables
import result_checks as checks
from confidence import mean_ci, paired_difference, student_t975, welch_difference  # noqa: F401
from result_checks import CcsimFileError  # noqa: F401 (the error this module raises)
from run_results import OVERALL, Column, Results, table_frame  # noqa: F401
from sweep_results import SweepResults

SCHEMA_VERSION = checks.SCHEMA_VERSION

# What a column is, unit and all, comes from the file (docs/trace_format.md, the
# attributes "<column>.label", ".unit", ".definition", ".scope" of /summary and
# /intervals), not from a list kept here: see Results.columns.
BANDS = agent_tables.BANDS
BAND_FIGURES = agent_tables.BAND_FIGURES
BUSY_STATES = agent_tables.BUSY_STATES
UNSTAFFED_STATES = agent_tables.UNSTAFFED_STATES


def load(path):
    """Opens a ccsim result file: a run's gives Results, a sweep's SweepResults. Raises
    CcsimFileError when the file is missing, not HDF5 or not a ccsim result file."""
    path = os.fspath(path)
    with checks.opened(path) as f:
        attrs = checks.root_attributes(f, path)
        if attrs.get("kind") == "sweep":
            return SweepResults(path, f, attrs)
        return Results(path, f, attrs)


def _as_results(results):
    return results if isinstance(results, Results) else load(results)


# -- tables over replications -------------------------------------------------------------
def kpi_table(results):
    """Mean, 95% CI half-width and number of defining replications of every KPI over
    replications (Results.kpi_table): the same numbers as `ccsim run --json` prints."""
    return _as_results(results).kpi_table()


def replication_values(results, kpi, contact_type="ALL"):
    """One KPI of /summary per replication (ordered by replication) for one contact type
    ("ALL" for the whole centre), as a numpy array: what paired comparisons pair."""
    s = results.summary
    part = s[s["contact_type"] == contact_type].sort_values("replication", kind="stable")
    return part[kpi].to_numpy(dtype=float)


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
    """Top, middle and bottom bands' figures over replications, as `ccsim run --json`
    prints under "agents" (agent_tables.band_table)."""
    results = _as_results(results)
    if results.agent_results is None:
        raise KeyError(f"{results.path}: no /agent_results table")
    return agent_tables.band_table(results.agent_results, results.replications)


def agent_occupancy(results, rep, start=None, end=None):
    """Per agent of replication `rep`: busy and staffed seconds inside [start, end)
    (default [warmup, horizon], as the summary's occupancy) and their ratio."""
    a = results.agents(rep)
    lo = results.warmup if start is None else float(start)
    hi = float(results.attrs.get("horizon", a["end"].max())) if end is None else float(end)
    return agent_tables.occupancy(a, lo, hi)




def kpis_that_apply(results):
    """The KPI columns of /summary, in order, that are neither 0 nor NaN in some
    replication of some of `results` (Results, or a list of them): a KPI all zero
    everywhere (blocked contacts without a waiting-room limit, alerts without real-time
    control) does not apply to what is shown."""
    many = results if isinstance(results, (list, tuple)) else [results]
    kpis = []
    for r in many:
        s = r.summary
        for k in s.columns:
            if k in ("replication", "contact_type") or s[k].dtype.kind != "f" or k in kpis:
                continue
            v = s[k].to_numpy()
            if np.any((v != 0) & ~np.isnan(v)):
                kpis.append(k)
    order = list(many[0].summary.columns)
    return sorted(kpis, key=lambda k: order.index(k) if k in order else len(order))
