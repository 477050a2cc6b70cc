"""The figures of one run: KPIs per interval with confidence bands, occupancy and agents
staffed, the wait-time distribution (contacts tables) and occupancy per agent (agents
tables). Each returns a matplotlib figure with a title and its axes' units.
"""
import numpy as np
import pandas as pd

import ccsim_results as cr
import number_format as nf
from plot_axes import (band, below, kpi_axis, plot_start, plt, shade_warmup, target_line,
                       time_axis)
from matplotlib.ticker import FuncFormatter, PercentFormatter


def interval_figure(res, kpi, title):
    """One KPI per interval, the whole centre and each contact type, with the target for
    the service level."""
    fig, ax = plt.subplots(figsize=(9, 4.5))
    start = plot_start(res)
    shade_warmup(ax, res)
    scopes = ["ALL"]
    if not res.columns[kpi].overall_only and len(res.contact_types) > 1:
        scopes += res.contact_types
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, scope in enumerate(scopes):
        iv = cr.interval_kpis(res, kpi, scope)
        name = "all contact types" if scope == "ALL" else scope
        band(ax, res, iv, kpi, f"{name} (mean, 95% CI)", colors[i % len(colors)],
             lw=2.2 if scope == "ALL" else 1.2, alpha=0.2 if scope == "ALL" else 0.1,
             start=start)
    if kpi == "service_level":
        if res.service_level_target is not None:
            target_line(ax, res.service_level_target)
        ax.set_ylim(0, 105)
    else:
        ax.set_ylim(bottom=0)
    kpi_axis(ax, res, kpi)
    time_axis(ax, res.horizon, start)
    ax.set_title(f"{res.label}: {title}\nby arrival interval, mean over "
                 f"{len(res.replications)} replications with 95% confidence band")
    ax.grid(alpha=0.3)
    below(ax, len(scopes) + 2, offset=-0.16 if start is None else -0.24)
    fig.tight_layout()
    return fig


def occupancy_figure(res):
    """Occupancy per interval above, agents staffed below."""
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(9, 6), sharex=True,
                                  gridspec_kw={"height_ratios": [2, 1]})
    start = plot_start(res)
    shade_warmup(ax, res)
    band(ax, res, cr.interval_kpis(res, "occupancy", "ALL"), "occupancy",
         "occupancy (mean, 95% CI)", "C0", start=start)
    ax.set_ylim(0, 105)
    kpi_axis(ax, res, "occupancy")
    ax.set_title(f"{res.label}: agent occupancy (busy incl. wrap-up / staffed time) per "
                 f"interval\nmean over {len(res.replications)} replications with 95% "
                 f"confidence band")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    shade_warmup(ax2, res)
    band(ax2, res, cr.interval_kpis(res, "agents_staffed", "ALL"), "agents_staffed",
         "agents staffed", "C2", lw=1.5, start=start)
    kpi_axis(ax2, res, "agents_staffed")
    ax2.set_title("agents staffed (on duty, not on a break) per interval", fontsize=10)
    ax2.set_ylim(bottom=0)
    ax2.grid(alpha=0.3)
    time_axis(ax2, res.horizon, start)
    fig.tight_layout()
    return fig


def counted_contacts(res):
    """Every replication's contacts that arrived after the warm-up."""
    c = res.all_contacts()
    return c[c["arrival"] >= res.warmup]


def thresholds(res):
    """(threshold s, None for the scenario's or the contact types that have their own)."""
    base = res.service_level_threshold()
    own = {}
    for t in res.contact_types:
        thr = res.service_level_threshold(t)
        if thr != base:
            own.setdefault(thr, []).append(t)
    return [(base, None)] + [(thr, ", ".join(ts)) for thr, ts in sorted(own.items())]


def _wait_histogram(ax, res, waits, top):
    bins = np.linspace(0, top, 41)
    ax.hist(np.clip(waits, 0, top), bins=bins, color="C0", alpha=0.8,
            label=f"answered contacts (n = {nf.value(len(waits), decimals=0)})")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if v >= 1 else ""))
    ax.set_xlabel("wait before answer (s)  [last bin: ≥ 99th percentile]")
    ax.set_ylabel("answered contacts (log scale)")
    ax.set_title("Waits of answered contacts")
    for thr, who in thresholds(res):
        ax.axvline(thr, color="crimson", ls="--" if who is None else ":", lw=1.2,
                   label=f"threshold {nf.value(thr, 's')}" + (f" ({who})" if who else ""))
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)


def _answered_within(ax, res, offered, top):
    scopes = [(None, offered)]
    if len(res.contact_types) > 1:
        scopes += [(t, offered[offered["contact_type"].astype(str) == t])
                   for t in res.contact_types]
    t_grid = np.linspace(0, top, 400)
    for i, (t, part) in enumerate(scopes):
        w = np.sort(part.loc[part["answer"].notna(), "wait"].to_numpy())
        if len(part) == 0:
            continue
        share = np.searchsorted(w, t_grid, side="right") / len(part)
        ax.plot(t_grid, 100 * share, color=f"C{i}", lw=2.2 if t is None else 1.2,
                label="all contact types" if t is None else t)
        thr = res.service_level_threshold(t)
        sl = np.searchsorted(w, thr, side="right") / len(part)
        ax.plot([thr], [100 * sl], "o", color=f"C{i}", ms=5)
        if t is None or thr != res.service_level_threshold():
            ax.axvline(thr, color=f"C{i}", ls=":", lw=1)
    target_line(ax, res.service_level_target)
    ax.set_ylim(0, 105)
    ax.set_xlim(0, top)
    ax.yaxis.set_major_formatter(PercentFormatter(100.0, decimals=0))
    ax.set_xlabel("wait t (s)")
    ax.set_ylabel("offered contacts answered within t (%)")
    ax.set_title("Answered within t, share of offered\n(dot: the service level, at the "
                 "threshold)")
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(alpha=0.3)


def wait_figure(res, c):
    """Histogram of the waits of answered contacts, and the share of offered contacts
    answered within t (at t = threshold that is the service level, pooled)."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
    offered = c[c["outcome"].astype(str) != "blocked"]
    waits = offered.loc[offered["answer"].notna(), "wait"].to_numpy()
    top = float(np.quantile(waits, 0.99)) if len(waits) else 60.0
    top = max(top, 1.2 * res.service_level_threshold(), 1.0)
    _wait_histogram(ax1, res, waits, top)
    _answered_within(ax2, res, offered, top)
    fig.suptitle(f"{res.label}: wait-time distribution, contacts arriving after warm-up, "
                 f"{len(res.replications)} replications pooled")
    fig.tight_layout()
    return fig


def agent_table(res):
    """Per agent: occupancy in each replication, then mean and 95% CI over them."""
    per_rep = pd.concat([cr.agent_occupancy(res, r).assign(replication=r)
                         for r in res.replications], ignore_index=True)
    rows = []
    for a, g in per_rep.groupby("agent_id", sort=True):
        m, h, n = cr.mean_ci(g["occupancy"].to_numpy())
        rows.append((int(a), str(g["group"].iloc[0]), m, h, n))
    return pd.DataFrame(rows, columns=["agent_id", "group", "mean", "ci95", "n"])


def agent_figure(res, table):
    """Each agent's occupancy with its 95% CI, coloured by group, and the centre's."""
    fig, ax = plt.subplots(figsize=(max(6, min(16, 0.35 * len(table) + 3)), 4.5))
    groups = list(dict.fromkeys(table["group"]))
    for i, grp in enumerate(groups):
        part = table[table["group"] == grp]
        m = part["mean"].to_numpy()
        err = [np.minimum(part["ci95"], m), np.minimum(part["ci95"], 1.0 - m)]  # in [0, 1]
        ax.bar(part["agent_id"], 100 * m, yerr=100 * np.array(err), capsize=2,
               color=f"C{i}", alpha=0.85, label=f"group {grp}")
    occ = cr.kpi_table(res).loc[(cr.OVERALL, "occupancy"), "mean"]
    ax.axhline(100 * occ, color="black", ls="--", lw=1,
               label=f"centre occupancy {nf.value(occ, 'fraction', decimals=1)}")
    ax.set_ylim(0, 105)
    ax.yaxis.set_major_formatter(PercentFormatter(100.0, decimals=0))
    ax.set_xlabel("agent id (numbered group by group)")
    ax.set_ylabel("occupancy (%)")
    if len(table) <= 40:
        ax.set_xticks(table["agent_id"])
    ax.set_title(f"{res.label}: occupancy per agent over [warm-up, horizon]\n"
                 f"mean over {len(res.replications)} replications with 95% CI")
    below(ax, len(groups) + 1, offset=-0.14)
    ax.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    return fig
