#!/usr/bin/python3
"""An HTML report of one or more ccsim result files.

    /usr/bin/python3 analysis/report.py OUT.h5 [MORE.h5 ...] -o REPORT_DIR

writes REPORT_DIR/index.html, the PNG plots it shows and kpis.csv. With one file: service
level, ASA, abandonment and occupancy per interval (mean over replications with a 95%
confidence band; against the date and time of day when the scenario has a `start`, else
against hours elapsed), the wait-time distribution (contacts tables) and per-agent occupancy
(agents tables). With two or more: the same KPIs side by side with their 95% confidence
intervals, then each file's own section.

Exit status: 0 done; 2 an input is missing or not a ccsim result file (nothing written);
1 any other failure.
"""
import argparse
import datetime
import html
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")  # headless: files only, no display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MultipleLocator, PercentFormatter  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ccsim_results as cr  # noqa: E402
import result_checks as checks  # noqa: E402

# Which KPIs the comparison figures plot (a choice of this report); how any column is
# labelled and in what unit comes from the file (style()).
INTERVAL_KPIS = ["service_level", "asa", "abandon_rate", "occupancy"]
COMPARE_KPIS = ["service_level", "asa", "abandon_rate", "occupancy", "aht", "offered",
                "fcr", "contacts_per_journey"]
DPI = 100


class Figures:
    """Saves figures into the report folder and remembers what it wrote."""

    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.written = []

    def save(self, fig, name):
        fig.savefig(os.path.join(self.out_dir, name), dpi=DPI)
        plt.close(fig)
        self.written.append(name)
        return name


# -- formatting ------------------------------------------------------------------------
def style(res, kpi):
    """How a column is shown: (label, unit, scale for display, whether it is a fraction),
    from what the file says of it (a fraction is shown × 100 in %)."""
    c = res.columns.get(kpi) or cr.Column(kpi)
    if c.is_fraction:
        return c.label, "%", 100.0, True
    return c.label, c.unit, 1.0, False


def fmt(res, kpi, mean, ci):
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "–"
    _, unit, scale, frac = style(res, kpi)
    if frac:
        return f"{scale * mean:.1f}% ± {scale * ci:.1f}"
    suffix = " s" if unit == "s" else ""
    return f"{mean:.1f}{suffix} ± {ci:.1f}"


def plot_start(res):
    """The file's start (a datetime) when its interval axes show dates and times of day;
    None without one (or when the run would end past the year 9999, beyond datetime)."""
    if res.start is None:
        return None
    try:
        res.clock(horizon_of(res))
    except OverflowError:
        return None
    return res.start


def common_start(results):
    """The start every file shares (plot_start), or None (a file without one, or files
    that start at different times): the x axis then shows hours elapsed."""
    starts = {plot_start(r) for r in results}
    return starts.pop() if len(starts) == 1 else None


def horizon_of(res):
    return float(res.attrs.get("horizon", res.intervals["end"].max()))


def x_of(seconds, start):
    """Where simulated times (seconds, an array) go on the x axis: their date and time with
    a start, hours elapsed without."""
    seconds = np.asarray(seconds, dtype=float)
    if start is None:
        return seconds / 3600.0
    return [start + datetime.timedelta(seconds=float(s)) for s in seconds]


def time_axis(ax, horizon_s, start):
    """The x axis over [0, horizon]: dates and times of day with a start (ticks labelled
    "Mon 03-02" and the time of day over a few days, the date over longer runs), hours
    elapsed without."""
    if start is None:
        ax.set_xlabel("elapsed time since the start of the replication (hours)")
        hours = max(horizon_s / 3600.0, 1.0)
        step = next(s for s in (0.5, 1, 2, 3, 4, 6, 12, 24, 48, 168, 1e9) if hours / s <= 12)
        ax.xaxis.set_major_locator(MultipleLocator(step))
        ax.set_xlim(0, horizon_s / 3600.0)
        return
    ax.set_xlabel("date and time of day")
    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    short = horizon_s <= 3 * 86400
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %m-%d\n%H:%M" if short else
                                                      "%Y-%m-%d"))
    ax.set_xlim(*x_of([0, horizon_s], start))


def kpi_axis(ax, res, kpi):
    label, unit, _, frac = style(res, kpi)
    ax.set_ylabel(f"{label} ({unit})" if unit else label)
    if frac:
        ax.yaxis.set_major_formatter(PercentFormatter(100.0, decimals=0))


def shade_warmup(ax, res):
    w = float(res.attrs.get("warmup", 0.0))
    if w > 0:
        ax.axvspan(*x_of([0, w], plot_start(res)), color="0.85", zorder=0,
                   label="warm-up (left out of the KPI tables)")


def below(ax, entries, offset=-0.16):
    """The legend under the plot, where it hides no data."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, offset), ncol=min(entries, 4),
              fontsize=8, frameon=False)


def band(ax, res, iv, kpi, label, color, lw=2.0, alpha=0.2, start=None):
    """One per-interval line (mean over replications) with its 95% confidence band, at
    each interval's middle (x_of with `start`)."""
    _, _, scale, frac = style(res, kpi)
    x = x_of((iv["start"] + iv["end"]) / 2, start)
    m = iv["mean"] * scale
    h = iv["ci95"] * scale
    ax.plot(x, m, marker="o", ms=3, lw=lw, color=color, label=label)
    # Every KPI is >= 0 and a fraction <= 100%: the band is clipped to what can happen.
    ax.fill_between(x, (m - h).clip(lower=0), (m + h).clip(upper=100 if frac else None),
                    color=color, alpha=alpha, lw=0)


def distinct_labels(results):
    """scenario_name, plus the file name where names clash (the path where those do too)."""
    names = [r.label for r in results]
    labels = []
    for r, n in zip(results, names):
        if names.count(n) > 1:
            base = os.path.basename(r.path)
            same = sum(os.path.basename(o.path) == base for o in results) > 1
            labels.append(f"{n} [{r.path if same else base}]")
        else:
            labels.append(n)
    return labels


# -- one file ----------------------------------------------------------------------------
def interval_figure(res, kpi, title):
    fig, ax = plt.subplots(figsize=(9, 4.5))
    shade_warmup(ax, res)
    scopes = ["ALL"]
    if kpi != "occupancy" and len(res.contact_types) > 1:
        scopes += res.contact_types  # occupancy is centre-wide
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, scope in enumerate(scopes):
        iv = cr.interval_kpis(res, kpi, scope)
        name = "all contact types" if scope == "ALL" else scope
        band(ax, res, iv, kpi, f"{name} (mean, 95% CI)", colors[i % len(colors)],
             lw=2.2 if scope == "ALL" else 1.2, alpha=0.2 if scope == "ALL" else 0.1,
             start=plot_start(res))
    if kpi == "service_level":
        target = res.service_level_target
        ax.axhline(100 * target, color="crimson", ls="--", lw=1.2,
                   label=f"target {100 * target:.0f}%")
        ax.set_ylim(0, 105)
    else:
        ax.set_ylim(bottom=0)
    kpi_axis(ax, res, kpi)
    time_axis(ax, horizon_of(res), plot_start(res))
    ax.set_title(f"{res.label}: {title}\nby arrival interval, mean over "
                 f"{len(res.replications)} replications with 95% confidence band")
    ax.grid(alpha=0.3)
    below(ax, len(scopes) + 2, offset=-0.16 if plot_start(res) is None else -0.24)
    fig.tight_layout()
    return fig


def occupancy_figure(res):
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(9, 6), sharex=True,
                                  gridspec_kw={"height_ratios": [2, 1]})
    shade_warmup(ax, res)
    band(ax, res, cr.interval_kpis(res, "occupancy", "ALL"), "occupancy",
         "occupancy (mean, 95% CI)", "C0", start=plot_start(res))
    ax.set_ylim(0, 105)
    kpi_axis(ax, res, "occupancy")
    ax.set_title(f"{res.label}: agent occupancy (busy incl. wrap-up / staffed time) per "
                 f"interval\nmean over {len(res.replications)} replications with 95% "
                 f"confidence band")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    shade_warmup(ax2, res)
    band(ax2, res, cr.interval_kpis(res, "agents_staffed", "ALL"), "agents_staffed", "agents staffed",
         "C2", lw=1.5, start=plot_start(res))
    ax2.set_ylabel("agents staffed")
    ax2.set_ylim(bottom=0)
    ax2.grid(alpha=0.3)
    time_axis(ax2, horizon_of(res), plot_start(res))
    fig.tight_layout()
    return fig


def counted_contacts(res):
    c = res.all_contacts()
    return c[c["arrival"] >= float(res.attrs.get("warmup", 0.0))]


def wait_figure(res, c):
    """Histogram of the waits of answered contacts, and the share of offered contacts
    answered within t (at t = threshold that is the service level, pooled)."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
    offered = c[c["outcome"].astype(str) != "blocked"]
    answered = offered[offered["answer"].notna()]
    waits = answered["wait"].to_numpy()
    top = float(np.quantile(waits, 0.99)) if len(waits) else 60.0
    top = max(top, 1.2 * res.service_level_threshold(), 1.0)
    bins = np.linspace(0, top, 41)
    ax1.hist(np.clip(waits, 0, top), bins=bins, color="C0", alpha=0.8,
             label=f"answered contacts (n={len(waits)})")
    ax1.set_yscale("log")
    ax1.set_xlabel("wait before answer (s)  [last bin: ≥ 99th percentile]")
    ax1.set_ylabel("contacts (log scale)")
    ax1.set_title("Waits of answered contacts")
    thr_all = res.service_level_threshold()
    for thr, who in thresholds(res):
        ax1.axvline(thr, color="crimson", ls="--" if who is None else ":", lw=1.2,
                    label=f"threshold {thr:g} s" + (f" ({who})" if who else ""))
    ax1.legend(fontsize=8)
    ax1.grid(alpha=0.3)

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
        ax2.plot(t_grid, 100 * share, color=f"C{i}", lw=2.2 if t is None else 1.2,
                 label="all contact types" if t is None else t)
        thr = res.service_level_threshold(t)
        sl = np.searchsorted(w, thr, side="right") / len(part)
        ax2.plot([thr], [100 * sl], "o", color=f"C{i}", ms=5)
        if t is None or res.service_level_threshold(t) != thr_all:
            ax2.axvline(thr, color=f"C{i}", ls=":", lw=1)
    target = res.service_level_target
    ax2.axhline(100 * target, color="crimson", ls="--", lw=1.2,
                label=f"target {100 * target:.0f}%")
    ax2.set_ylim(0, 105)
    ax2.set_xlim(0, top)
    ax2.yaxis.set_major_formatter(PercentFormatter(100.0, decimals=0))
    ax2.set_xlabel("wait t (s)")
    ax2.set_ylabel("offered contacts answered within t (%)")
    ax2.set_title("Answered within t, share of offered\n(dot: the service level, at the "
                  "threshold)")
    ax2.legend(fontsize=8, loc="lower right")
    ax2.grid(alpha=0.3)
    fig.suptitle(f"{res.label}: wait-time distribution, contacts arriving after warm-up, "
                 f"{len(res.replications)} replications pooled")
    fig.tight_layout()
    return fig


def thresholds(res):
    """(threshold s, None for the scenario's or the contact types that have their own)."""
    base = res.service_level_threshold()
    own = {}
    for t in res.contact_types:
        thr = res.service_level_threshold(t)
        if thr != base:
            own.setdefault(thr, []).append(t)
    return [(base, None)] + [(thr, ", ".join(ts)) for thr, ts in sorted(own.items())]


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
               label=f"centre occupancy {100 * occ:.1f}%")
    ax.set_ylim(0, 105)
    ax.yaxis.set_major_formatter(PercentFormatter(100.0, decimals=0))
    ax.set_xlabel("agent id")
    ax.set_ylabel("occupancy (%)")
    if len(table) <= 40:
        ax.set_xticks(table["agent_id"])
    ax.set_title(f"{res.label}: occupancy per agent over [warm-up, horizon]\n"
                 f"mean over {len(res.replications)} replications with 95% CI")
    below(ax, len(groups) + 1, offset=-0.14)
    ax.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    return fig


# -- several files -----------------------------------------------------------------------
def compare_kpi_figure(results, labels, tables):
    kpis = [k for k in COMPARE_KPIS if all((cr.OVERALL, k) in t.index for t in tables)]
    cols = 3
    rows = math.ceil(len(kpis) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(12, 3.6 * rows + 0.6), squeeze=False)
    x = np.arange(len(results))
    for ax, k in zip(axes.flat, kpis):
        label, unit, scale, frac = style(results[0], k)
        m = np.array([t.loc[(cr.OVERALL, k), "mean"] for t in tables]) * scale
        h = np.array([t.loc[(cr.OVERALL, k), "ci95"] for t in tables]) * scale
        ax.bar(x, m, yerr=h, capsize=6, color=[f"C{i}" for i in range(len(x))], alpha=0.85)
        for xi, mi, hi in zip(x, m, h):
            ax.annotate(f"{mi:.2f}" if abs(mi) < 10 and not frac else f"{mi:.1f}{'%' if frac else ''}",
                        (xi, mi + hi), ha="center",
                        va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
        if k == "service_level":
            for i, r in enumerate(results):
                ax.hlines(100 * r.service_level_target, i - 0.4, i + 0.4, colors="crimson",
                          linestyles="--", lw=1.2, label="target" if i == 0 else None)
            ax.legend(fontsize=8, loc="lower right")
        ax.set_title(label)
        ax.set_ylabel(f"{unit}" if unit else "")
        if frac:
            ax.yaxis.set_major_formatter(PercentFormatter(100.0, decimals=0))
        ax.set_ylim(0, max(1e-9, float(np.nanmax(m + h))) * 1.18)
        ax.set_xticks(x)
        ax.set_xticklabels([f"({i + 1})" for i in x])
        ax.grid(alpha=0.3, axis="y")
    for ax in list(axes.flat)[len(kpis):]:
        ax.axis("off")
    key = "   ".join(f"({i + 1}) {l}" for i, l in enumerate(labels))
    fig.suptitle(f"Whole-centre KPIs, mean with 95% confidence interval\n{key}", fontsize=10)
    fig.tight_layout()
    return fig


def compare_interval_figure(results, labels):
    fig, axes = plt.subplots(2, 2, figsize=(13, 8), sharex=True)
    horizon = max(horizon_of(r) for r in results)
    start = common_start(results)
    for ax, k in zip(axes.flat, INTERVAL_KPIS):
        for i, (r, l) in enumerate(zip(results, labels)):
            band(ax, r, cr.interval_kpis(r, k, "ALL"), k, l, f"C{i}", lw=1.8, start=start)
        if k == "service_level":
            for t in sorted({r.service_level_target for r in results}):
                ax.axhline(100 * t, color="crimson", ls="--", lw=1, label=f"target {100*t:.0f}%")
        kpi_axis(ax, results[0], k)
        ax.set_ylim(0, 105) if k in ("service_level", "occupancy") else ax.set_ylim(bottom=0)
        ax.set_title(style(results[0], k)[0])
        ax.grid(alpha=0.3)
        time_axis(ax, horizon, start)
        if ax in axes[0]:
            ax.set_xlabel("")
        ax.legend(fontsize=8, loc="best")
    fig.suptitle("Per interval, all contact types: mean over replications with 95% "
                 "confidence band", fontsize=11)
    fig.tight_layout()
    return fig


# -- HTML ---------------------------------------------------------------------------------
CSS = """body{font-family:sans-serif;max-width:1200px;margin:1em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em;
text-align:right}th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}
img{max-width:100%;border:1px solid #ddd;margin:.3em 0}.note{background:#fff6dd;padding:.5em;
border-left:4px solid #e0b000}pre{background:#f6f6f6;padding:.5em;overflow:auto}
dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}dt{font-weight:bold}"""


def kpi_html(res, table):
    scopes = [cr.OVERALL] + res.contact_types
    head = "".join(f"<th>{html.escape(s)}</th>" for s in scopes)
    out = [f"<table><tr><th>KPI</th>{head}</tr>"]
    for k in dict.fromkeys(table.index.get_level_values("kpi")):
        cells = []
        for s in scopes:
            if (s, k) in table.index:
                row = table.loc[(s, k)]
                cells.append(f"<td>{html.escape(fmt(res, k, row['mean'], row['ci95']))}</td>")
            else:
                cells.append("<td></td>")
        out.append(f"<tr><td>{html.escape(k)}</td>{''.join(cells)}</tr>")
    out.append("</table>")
    return "\n".join(out)


def meta_html(res):
    a = res.attrs
    def dur(key):
        if key not in a:
            return "?"
        s = float(a[key])
        return f"{s / 3600:g} h" if s >= 3600 else f"{s / 60:g} min" if s >= 60 else f"{s:g} s"
    items = [
        ("file", res.path), ("scenario", res.scenario_name),
        ("scenario file", a.get("scenario_file", "")),
        ("overrides (--set)", a.get("overrides", "") or "none"),
        ("seed", a.get("seed", "")), ("replications", len(res.replications)),
        ("trace", res.trace),
        ("start (time 0)", res.start.strftime("%a %Y-%m-%d %H:%M") if res.start else
         "none given: times are elapsed since time 0"),
        ("horizon / warm-up / interval",
                               f"{dur('horizon')} / {dur('warmup')} / {dur('interval')}"),
        ("service-level goal", f"{100 * res.service_level_target:.0f}% within " + "; ".join(
            f"{thr:g} s" + (f" ({who})" if who else "") for thr, who in thresholds(res))),
        ("ccsim version", a.get("ccsim_version", "")),
    ]
    body = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>"
                   for k, v in items)
    return f"<dl>{body}</dl>"


def img(name, alt):
    return f'<p><img src="{html.escape(name)}" alt="{html.escape(alt)}"></p>'


def file_section(res, table, figs, prefix, heading):
    parts = [f"<h2>{html.escape(heading)}</h2>", meta_html(res),
             "<h3>KPIs: mean ± 95% confidence half-width over replications</h3>",
             kpi_html(res, table)]
    if res.intervals is not None and len(res.intervals):
        parts.append("<h3>Through the day</h3>")
        for kpi, title in [("service_level", "service level per interval"),
                           ("asa", "average speed of answer per interval"),
                           ("abandon_rate", "abandon rate per interval")]:
            name = figs.save(interval_figure(res, kpi, title), f"{prefix}{kpi}.png")
            parts.append(img(name, f"{res.label}: {title}"))
        name = figs.save(occupancy_figure(res), f"{prefix}occupancy.png")
        parts.append(img(name, f"{res.label}: occupancy per interval"))
    else:
        parts.append('<p class="note">This file has no /intervals table.</p>')
    parts.append("<h3>Wait-time distribution</h3>")
    if res.has_table("contacts"):
        c = counted_contacts(res)
        if len(c):
            name = figs.save(wait_figure(res, c), f"{prefix}wait_distribution.png")
            parts.append(img(name, f"{res.label}: wait-time distribution"))
        else:
            parts.append('<p class="note">No contact arrived after the warm-up.</p>')
    else:
        parts.append(
            f'<p class="note">This file holds summaries only (written with --trace '
            f'{html.escape(res.trace)}): there are no per-contact waits to plot. Run ccsim '
            f'with <code>--trace contacts</code> or <code>--trace events</code> for this '
            f'plot.</p>')
    parts.append("<h3>Occupancy per agent</h3>")
    if res.has_table("agents"):
        name = figs.save(agent_figure(res, agent_table(res)), f"{prefix}agent_occupancy.png")
        parts.append(img(name, f"{res.label}: occupancy per agent"))
    else:
        parts.append(
            f'<p class="note">No agent state spells in this file (written with --trace '
            f'{html.escape(res.trace)}); run ccsim with <code>--trace events</code> for '
            f'per-agent occupancy.</p>')
    parts.append("<details><summary>scenario as read</summary><pre>" +
                 html.escape(str(res.attrs.get("scenario", ""))) + "</pre></details>")
    return "\n".join(parts)


def compare_section(results, labels, tables, figs):
    head = "".join(f"<th>({i + 1}) {html.escape(l)}</th>" for i, l in enumerate(labels))
    rows = [f"<table><tr><th>KPI (whole centre)</th>{head}</tr>"]
    kpis = list(dict.fromkeys(k for t in tables for s, k in t.index if s == cr.OVERALL))
    for k in kpis:
        cells = []
        for t in tables:
            if (cr.OVERALL, k) in t.index:
                row = t.loc[(cr.OVERALL, k)]
                cells.append(f"<td>{html.escape(fmt(results[0], k, row['mean'], row['ci95']))}</td>")
            else:
                cells.append("<td></td>")
        rows.append(f"<tr><td>{html.escape(k)}</td>{''.join(cells)}</tr>")
    rows.append("</table>")
    items = []
    for i, (r, l) in enumerate(zip(results, labels)):
        overrides = " ".join(str(r.attrs.get("overrides", "")).split())
        items.append(
            f"<li>({i + 1}) {html.escape(l)}: <code>{html.escape(r.path)}</code>, seed "
            f"{html.escape(str(r.attrs.get('seed', '')))}, {len(r.replications)} replications"
            + (f", --set {html.escape(overrides)}" if overrides else "") + "</li>")
    files = "".join(items)
    parts = ["<h2>Comparison</h2>", f"<ul>{files}</ul>",
             "<p>Mean ± 95% confidence half-width over replications. Runs with the same "
             "seed see the same customers (common random numbers), so differences are the "
             "scenarios'.</p>", "\n".join(rows)]
    name = figs.save(compare_kpi_figure(results, labels, tables), "compare_kpis.png")
    parts.append(img(name, "KPIs side by side with 95% confidence intervals"))
    if all(r.intervals is not None and len(r.intervals) for r in results):
        name = figs.save(compare_interval_figure(results, labels), "compare_intervals.png")
        parts.append(img(name, "per-interval KPIs side by side with 95% confidence bands"))
    return "\n".join(parts)


def write_report(results, out_dir):
    """Writes index.html, the PNGs and kpis.csv into out_dir; returns the PNG names."""
    os.makedirs(out_dir, exist_ok=True)
    figs = Figures(out_dir)
    labels = distinct_labels(results)
    tables = [cr.kpi_table(r) for r in results]
    sections = []
    if len(results) > 1:
        sections.append(compare_section(results, labels, tables, figs))
    for i, (r, l, t) in enumerate(zip(results, labels, tables)):
        prefix = f"file{i + 1}_" if len(results) > 1 else ""
        heading = f"({i + 1}) {l}" if len(results) > 1 else l
        sections.append(file_section(r, t, figs, prefix, heading))
    csv = pd.concat([t.reset_index().assign(label=l, file=r.path)
                     for r, l, t in zip(results, labels, tables)], ignore_index=True)
    csv[["file", "label", "scope", "kpi", "mean", "ci95", "n"]].to_csv(
        os.path.join(out_dir, "kpis.csv"), index=False)
    title = "ccsim report: " + ", ".join(labels)
    doc = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
           f"<h1>{html.escape(title)}</h1>",
           '<p>Made by <code>analysis/report.py</code> from ccsim result files. KPIs count '
           'contacts arriving after the warm-up; per-interval figures count contacts by the '
           'interval they arrived in (warm-up intervals, shaded grey, included). The KPI '
           'tables are also in <a href="kpis.csv">kpis.csv</a>.</p>'] + sections + \
          ["</body></html>"]
    with open(os.path.join(out_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write("\n".join(doc) + "\n")
    return figs.written


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="report.py",
        description="HTML report (index.html + PNG plots) of ccsim result files; two or "
                    "more files are compared side by side.")
    p.add_argument("files", nargs="+", metavar="OUT.h5", help="ccsim result files")
    p.add_argument("-o", "--output", required=True, metavar="REPORT_DIR",
                   help="folder for index.html and the plots (created if missing)")
    a = p.parse_args(argv)
    results = []
    for path in a.files:  # check every input before writing anything
        try:
            results.append(checks.isolated(cr.load, path))
        except cr.CcsimFileError as e:
            print(f"report.py: error: {e}", file=sys.stderr)
            return 2
    written = write_report(results, a.output)
    print(f"report.py: wrote {os.path.join(a.output, 'index.html')} and {len(written)} plots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
