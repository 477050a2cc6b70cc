"""A sweep's result file (`ccsim sweep ... -o`, `ccsim merge`): each design point's
results, and the points with their values and KPIs in one DataFrame.

Example:
    sweep = cr.load("sweep.h5")             # SweepResults
    sweep.vary                              # ["agent_groups.desk.agents"]
    sweep.points                            # one row per point: its values (typed), replications
    t = sweep.table()                       # ... and each KPI's mean and ci95, whole centre
    t.plot(x="agent_groups.desk.agents", y="service_level")
    sweep.table("billing")                  # one contact type's KPIs
    sweep.point(3)                          # point 3 as Results (summary, intervals, ...)

A point's values are stored as the text given to --vary; here a key whose values are all
numbers is numeric (int64 or float64), one whose values are all durations with a unit
("30s", "2m") a timedelta64, and any other (a policy name, a rate "360/h") a Categorical
in the order of the points.
"""
import pandas as pd

import result_checks as checks
from run_results import OVERALL, Results


def typed_values(texts):
    """The texts of one varied key as a typed pandas Series (see the module's note)."""
    s = pd.Series(list(texts), dtype=object)
    numbers = pd.to_numeric(s, errors="coerce")
    if len(s) and numbers.notna().all():
        return numbers
    if len(s) and all(t[-1:].isalpha() and t[:1].isdigit() for t in s):
        try:
            return pd.to_timedelta(s)
        except ValueError:
            pass
    return pd.Series(pd.Categorical(s, categories=list(dict.fromkeys(s))))


class SweepResults:
    """One sweep's file: root attributes, the varied keys, and a Results per point."""

    def __init__(self, path, f, attrs):
        self.path = path
        self.attrs = attrs
        self.vary = checks.split_lines(attrs.get("vary", ""))
        rows = checks.sweep_points(f, path, attrs)
        order = sorted(range(len(rows)), key=lambda i: int(rows["point"][i]))
        self._results = {}
        for i in order:
            p = int(rows["point"][i])
            group = f["points"][str(p)]
            point_attrs = {k: v for k, v in attrs.items() if k not in ("kind", "points")}
            point_attrs.update(checks.point_attributes(group, path))
            point_attrs["point"] = p
            self._results[p] = Results(path, f, point_attrs, group=group.name)
        frame = {"point": [int(rows["point"][i]) for i in order]}
        for key in self.vary:
            texts = [_text(rows[key][i]) for i in order]
            frame[key] = typed_values(texts)
        frame["replications"] = [len(r.replications) for r in self._results.values()]
        self.points = pd.DataFrame(frame).set_index("point")

    @property
    def scenario_name(self):
        return self.attrs.get("scenario_name", "")

    @property
    def label(self):
        return self.scenario_name or self.path

    @property
    def shard(self):
        """"" for a whole sweep; "I/N" or "rank R/N" for a part file."""
        return self.attrs.get("shard", "")

    def point(self, p):
        """Point `p` (its number in the sweep) as Results."""
        if p not in self._results:
            raise KeyError(f"{self.path}: no point {p} (the file holds "
                           f"{list(self._results)[:1]}..{list(self._results)[-1:]})")
        return self._results[p]

    def results(self):
        """Every point's Results, in point order."""
        return list(self._results.values())

    @property
    def columns(self):
        """What each KPI column is (run_results.Column), from the first point."""
        first = next(iter(self._results.values()), None)
        return first.columns if first is not None else {}

    def kpi_table(self):
        """Every point's kpi_table in one DataFrame indexed by (point, scope, kpi)."""
        return pd.concat({p: r.kpi_table() for p, r in self._results.items()},
                         names=["point", "scope", "kpi"])

    def table(self, scope=OVERALL):
        """One row per point: the varied keys' values (typed), replications, then each KPI
        of `scope` ("overall", or a contact type) as its mean over replications and its 95%
        half-width `<kpi>_ci95`."""
        long = self.kpi_table()
        if scope not in long.index.get_level_values("scope"):
            raise KeyError(f"{self.path}: no scope {scope!r} (the whole centre is "
                           f"{OVERALL!r}, else a contact type)")
        long = long.xs(scope, level="scope")
        means = long["mean"].unstack("kpi")
        cis = long["ci95"].unstack("kpi").add_suffix("_ci95")
        kpis = list(dict.fromkeys(long.index.get_level_values("kpi")))
        both = pd.concat([means, cis], axis=1)
        ordered = [c for k in kpis for c in (k, f"{k}_ci95")]
        return self.points.join(both[ordered])


def _text(v):
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)
