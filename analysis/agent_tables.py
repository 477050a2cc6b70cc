"""Agents' figures from a result file's tables: the stack-rank bands of /agent_results
over replications, and each agent's occupancy from its state spells.

Example (through ccsim_results):
    cr.agent_band_table(res)      # top / middle / bottom, as `ccsim run --json` "agents"
    cr.agent_occupancy(res, 0)    # per agent of replication 0: busy, staffed, occupancy
"""
import math

import numpy as np
import pandas as pd

from confidence import mean_ci

# Spells in these states count as staffed time; busy and wrap_up count as busy time
# (occupancy = busy agent time / staffed agent time, wrap-up is busy). Staffed means on
# duty and on the phones: a break or a coaching session is not staffed time.
BUSY_STATES = ("busy", "wrap_up")
UNSTAFFED_STATES = ("break", "coaching", "offline")

# The stack-rank bands of /agent_results, best first, and the figures `ccsim run --json`
# reports per band under "agents".
BANDS = ["top", "middle", "bottom"]
BAND_FIGURES = ["agents", "contacts", "aht", "occupancy", "resolved_share",
                "resolved_per_hour"]


def _band_sums(a):
    """Per row of /agent_results the sums its ratios came from (an undefined ratio had a
    zero numerator's share)."""
    contacts = a["contacts"].to_numpy()
    staffed = a["staffed"].to_numpy()
    return pd.DataFrame({
        "replication": a["replication"].to_numpy(),
        "band": a["band"].astype(str).to_numpy(),
        "contacts": contacts,
        "handle": np.where(contacts > 0, a["aht"].to_numpy() * contacts, 0.0),
        "resolved": np.where(contacts > 0, np.round(a["resolved_share"].to_numpy() * contacts),
                             0.0),
        "busy": np.where(staffed > 0, a["occupancy"].to_numpy() * staffed, 0.0),
        "staffed": staffed,
    })


def _band_figures(g):
    """One band's figures in one replication, from its rows of _band_sums."""
    n = float(len(g))
    c, h, r, b, st = (float(g[k].sum()) for k in
                      ("contacts", "handle", "resolved", "busy", "staffed"))
    return {"agents": n,
            "contacts": c / n if n > 0 else math.nan,
            "aht": h / c if c > 0 else math.nan,
            "occupancy": b / st if st > 0 else math.nan,
            "resolved_share": r / c if c > 0 else math.nan,
            "resolved_per_hour": r / (st / 3600.0) if st > 0 else math.nan}


def band_table(agent_results, replications):
    """Mean, 95% CI half-width and number of defining replications of each band's figures
    over `replications`: a DataFrame indexed by (band, figure), bands top, middle, bottom
    and figures BAND_FIGURES. Per replication a band's figures pool its agents (contacts
    per agent; AHT = its handle time / its contacts, occupancy = its busy / its staffed
    time, ...); a band empty in a replication counts 0 agents there and leaves the rest
    undefined."""
    df = _band_sums(agent_results)
    rows = []
    for band in BANDS:
        per_rep = [_band_figures(df[(df["replication"] == rep) & (df["band"] == band)])
                   for rep in replications]
        for k in BAND_FIGURES:
            m, h, n = mean_ci([f[k] for f in per_rep])
            rows.append((band, k, m, h, n))
    out = pd.DataFrame(rows, columns=["band", "figure", "mean", "ci95", "n"])
    return out.set_index(["band", "figure"])


def occupancy(spells, lo, hi):
    """Per agent of one replication's state spells: busy and staffed seconds inside
    [lo, hi) and their ratio."""
    overlap = (np.minimum(spells["end"], hi) - np.maximum(spells["start"], lo)).clip(lower=0.0)
    state = spells["state"].astype(str)
    df = pd.DataFrame({
        "agent_id": spells["agent_id"],
        "group": spells["group"],
        "busy": overlap.where(state.isin(BUSY_STATES), 0.0),
        "staffed": overlap.where(~state.isin(UNSTAFFED_STATES), 0.0),
    })
    out = df.groupby(["agent_id"], sort=True).agg(
        group=("group", "first"), busy=("busy", "sum"), staffed=("staffed", "sum"))
    out["occupancy"] = out["busy"] / out["staffed"].where(out["staffed"] > 0)
    return out.reset_index()
