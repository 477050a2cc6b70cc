"""Comparing runs: B − A per KPI with its 95% confidence interval, paired by replication
when both sides saw the same customers (same seed and replications: common random
numbers), as `ccsim compare` does; and labels that say what differs between the runs
(`agents = 6`), read from the overrides, seeds and scenarios the files store.

Example:
    d = differences(five, six)            # one row per KPI: a, b, difference, ci95, ...
    what_differs([five, six])             # ["agents = 5", "agents = 6"]
"""
import os

import pandas as pd

import ccsim_results as cr
from confidence import paired_difference, welch_difference


def can_pair(a, b):
    """Whether replication r of `a` and of `b` saw the same customers: the same seed and
    the same replications (a sweep's points always share the seed)."""
    return a.attrs.get("seed") == b.attrs.get("seed") and a.replications == b.replications


def differences(a, b, kpis=None):
    """B − A for each KPI of the whole centre (default: those that apply to either):
    a DataFrame indexed by KPI with a, a_ci95, b, b_ci95, difference, ci95 (paired when
    can_pair, else Welch's), ci95_unpaired (Welch's), significant (the interval
    excludes 0) and paired."""
    kpis = cr.kpis_that_apply([a, b]) if kpis is None else kpis
    paired = can_pair(a, b)
    ta, tb = a.kpi_table(), b.kpi_table()
    rows = []
    for k in kpis:
        va, vb = cr.replication_values(a, k), cr.replication_values(b, k)
        welch_mean, welch = welch_difference(va, vb)
        mean, ci = (paired_difference(va, vb)[:2] if paired else (welch_mean, welch))
        rows.append({"kpi": k,
                     "a": ta.loc[(cr.OVERALL, k), "mean"], "a_ci95": ta.loc[(cr.OVERALL, k), "ci95"],
                     "b": tb.loc[(cr.OVERALL, k), "mean"], "b_ci95": tb.loc[(cr.OVERALL, k), "ci95"],
                     "difference": mean, "ci95": ci, "ci95_unpaired": welch,
                     "significant": bool(ci == ci and abs(mean) > ci), "paired": paired})
    return pd.DataFrame(rows).set_index("kpi")


# -- what differs ---------------------------------------------------------------------------
def scenario_value(res, key):
    """The value the stored scenario text gives `key` (a dotted path, list items by
    number), as text: "default" when it gives none, "the scenario's" when the text cannot
    be read (PyYAML not installed)."""
    try:
        import yaml
    except ImportError:
        return "the scenario's"
    try:
        node = yaml.safe_load(res.attrs.get("scenario", ""))
        for part in key.split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
    except yaml.YAMLError:
        return "the scenario's"
    except (KeyError, IndexError, ValueError, TypeError):
        return "default"
    return "the scenario's" if isinstance(node, (dict, list)) else str(node)


def _short_names(keys):
    """Each dotted key as its shortest ending that no other key shares ("agents")."""
    out = {}
    for k in keys:
        parts = k.split(".")
        for n in range(1, len(parts) + 1):
            tail = ".".join(parts[-n:])
            if not any(o != k and (o == tail or o.endswith("." + tail)) for o in keys):
                out[k] = tail
                break
        else:
            out[k] = k
    return out


def _differing(results):
    """[(key, [value text of each result])] for what is not the same in all of them."""
    found = []
    keys = list(dict.fromkeys(k for r in results for k in r.overrides))
    for key in keys:
        values = [r.overrides.get(key) for r in results]
        if len(set(values)) > 1:
            found.append((key, [v if v is not None else scenario_value(r, key)
                                for v, r in zip(values, results)]))
    for key, get in (("scenario", lambda r: r.scenario_name),
                     ("seed", lambda r: str(r.attrs.get("seed", ""))),
                     ("replications", lambda r: str(len(r.replications)))):
        values = [get(r) for r in results]
        if len(set(values)) > 1:
            found.append((key, values))
    if not found and len({r.attrs.get("scenario") for r in results}) > 1:
        found.append(("scenario file", [os.path.basename(r.attrs.get("scenario_file", ""))
                                         for r in results]))
    return found


def what_differs(results):
    """A label per result saying what sets it apart from the others ("agents = 6");
    results that nothing tells apart are named by their file (the path where file names
    clash)."""
    found = _differing(results)
    short = _short_names([k for k, _ in found])
    labels = [", ".join(f"{short[k]} = {vals[i]}" for k, vals in found)
              for i in range(len(results))]
    unclear = [labels.count(label) > 1 or not label for label in labels]
    for i, r in enumerate(results):
        if unclear[i]:
            base = os.path.basename(r.path)
            same = sum(os.path.basename(o.path) == base for o in results) > 1
            where = r.path if same else base
            if "point" in r.attrs:
                where += f", point {r.attrs['point']}"
            labels[i] = f"{labels[i]} [{where}]" if labels[i] else f"{r.label} [{where}]"
    return labels
