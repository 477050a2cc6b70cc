"""The report's section comparing runs: the paired differences B − A first (each later
file against the first), then the KPIs side by side and per interval."""
import math

import numpy as np
import pandas as pd

import ccsim_results as cr
import comparison
import number_format as nf
import report_page as page
from plot_axes import band, common_start, kpi_axis, plt, style, target_line, time_axis, unit_of

# The KPIs the differences figure shows, when they apply (the tables show every one).
FIGURE_KPIS = ["service_level", "asa", "abandon_rate", "occupancy", "aht", "lost", "fcr",
               "contacts_per_journey"]
INTERVAL_KPIS = ["service_level", "asa", "abandon_rate", "occupancy"]


def kpi_name(res, k):
    return nf.kpi_name(res.columns, k)


def differences_frame(res, d, label_a, label_b):
    """The differences of comparison.differences as display text, one row per KPI."""
    paired = bool(d["paired"].all()) if len(d) else True
    rows = {}
    for k, r in d.iterrows():
        unit = unit_of(res, k)
        rows[kpi_name(res, k)] = {
            f"A: {label_a}": nf.estimate(r["a"], r["a_ci95"], unit),
            f"B: {label_b}": nf.estimate(r["b"], r["b_ci95"], unit),
            "B − A (paired 95% CI)" if paired else "B − A (Welch 95% CI)":
                nf.estimate(r["difference"], r["ci95"], unit, difference=True),
            "unpaired 95% CI": nf.half_width(r["ci95_unpaired"], unit, difference=True),
            "significant": "yes" if r["significant"] else "no",
        }
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "KPI (whole centre)"
    if not paired:
        df = df.drop(columns="unpaired 95% CI")
    return df


def difference_figure(first, labels, diffs):
    """One panel per KPI: each later file's B − A with its paired 95% CI (thick) beside
    the unpaired one (thin), around zero."""
    kpis = [k for k in FIGURE_KPIS if all(k in d.index for d in diffs)]
    cols = min(4, max(1, len(kpis)))
    rows = math.ceil(len(kpis) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.4 * cols + 1, 3.3 * rows + 1.2),
                             squeeze=False)
    x = np.arange(len(diffs))
    kinds = {bool(d["paired"].all()) for d in diffs}
    label = ("paired 95% CI" if kinds == {True} else "Welch 95% CI" if kinds == {False}
             else "paired (else Welch) 95% CI")
    for ax, k in zip(axes.flat, kpis):
        _, _, scale, _ = style(first, k)
        mean = np.array([d.loc[k, "difference"] for d in diffs]) * scale
        paired = np.array([d.loc[k, "ci95"] for d in diffs]) * scale
        welch = np.array([d.loc[k, "ci95_unpaired"] for d in diffs]) * scale
        ax.axhline(0, color="black", lw=0.8)
        ax.errorbar(x - 0.08, mean, yerr=welch, fmt="none", ecolor="0.6", elinewidth=1,
                    capsize=4, label="unpaired 95% CI")
        ax.errorbar(x + 0.08, mean, yerr=paired, fmt="o", color="C0", elinewidth=2.5,
                    capsize=5, label=label)
        ax.set_title(style(first, k)[0], fontsize=10)
        kpi_axis(ax, first, k, difference=True)
        ax.set_ylabel(nf.axis_label("B − A", unit_of(first, k), difference=True))
        ax.set_xticks(x)
        ax.set_xticklabels([f"({i + 2}) − (1)" for i in x])
        ax.set_xlabel("files compared: B − A")
        ax.set_xlim(-0.6, len(diffs) - 0.4)
        ax.grid(alpha=0.3, axis="y")
    for ax in list(axes.flat)[len(kpis):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7, loc="best")
    key = "   ".join(f"({i + 1}) {label}" for i, label in enumerate(labels))
    fig.suptitle(f"Differences B − A, whole centre, with 95% confidence intervals\n{key}",
                 fontsize=10)
    fig.tight_layout()
    return fig


def interval_figure(results, labels):
    """Service level, ASA, abandon rate and occupancy per interval, one band per file."""
    fig, axes = plt.subplots(2, 2, figsize=(13, 8), sharex=True)
    horizon = max(r.horizon for r in results)
    start = common_start(results)
    for ax, k in zip(axes.flat, INTERVAL_KPIS):
        for i, (r, label) in enumerate(zip(results, labels)):
            band(ax, r, cr.interval_kpis(r, k, "ALL"), k, f"({i + 1}) {label}", f"C{i}",
                 lw=1.8, start=start)
        if k == "service_level":
            for t in sorted({r.service_level_target for r in results} - {None}):
                target_line(ax, t, lw=1)
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


def side_by_side_frame(results, labels, tables, kpis):
    rows = {}
    for k in kpis:
        unit = unit_of(results[0], k)
        rows[kpi_name(results[0], k)] = {
            f"({i + 1}) {label}": (nf.estimate(t.loc[(cr.OVERALL, k), "mean"],
                                               t.loc[(cr.OVERALL, k), "ci95"], unit,
                                               n=t.loc[(cr.OVERALL, k), "n"])
                                   if (cr.OVERALL, k) in t.index else "")
            for i, (label, t) in enumerate(zip(labels, tables))}
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "KPI (whole centre)"
    return df


def file_list(results, labels):
    items = []
    for i, (r, label) in enumerate(zip(results, labels)):
        overrides = " ".join(f"{k}={v}" for k, v in r.overrides.items())
        items.append(
            f"<li>({i + 1}) {page.escape(label)}: <code>{page.escape(r.path)}</code>, seed "
            f"{page.escape(r.attrs.get('seed', ''))}, {len(r.replications)} replications"
            + (f", --set {page.escape(overrides)}" if overrides else "") + "</li>")
    return f"<ul>{''.join(items)}</ul>"


def compare_section(results, labels, tables, figs):
    """Paired differences of each later file against the first, then side by side."""
    first = results[0]
    diffs = [comparison.differences(first, r, cr.kpis_that_apply(results))
             for r in results[1:]]
    parts = [page.heading(2, "Comparison"), file_list(results, labels)]
    for i, d in enumerate(diffs):
        paired = bool(d["paired"].all())
        parts.append(page.heading(3, f"({i + 2}) {labels[i + 1]} − (1) {labels[0]}"))
        parts.append(
            "<p>Paired by replication: both runs have the same seed and replications, so "
            "replication r saw the same customers in both (common random numbers), and "
            "the interval of B − A leaves out the noise they share. The unpaired interval "
            "beside it is what two independent runs would give.</p>" if paired else
            page.note("Not paired: the runs have different seeds or replications, so they "
                      "saw different customers; the intervals are Welch's."))
        parts.append(page.table(differences_frame(first, d, labels[0], labels[i + 1])))
    if diffs and any(k in diffs[0].index for k in FIGURE_KPIS):
        name = figs.save(difference_figure(first, labels, diffs), "compare_differences.png")
        parts.append(page.img(name, "differences B − A with paired and unpaired 95% CIs"))
    parts += [page.heading(3, "Side by side"),
              "<p>Mean ± 95% confidence half-width over replications.</p>",
              page.table(side_by_side_frame(results, labels, tables,
                                            cr.kpis_that_apply(results)))]
    if all(r.intervals is not None and len(r.intervals) for r in results):
        name = figs.save(interval_figure(results, labels), "compare_intervals.png")
        parts.append(page.img(name, "per-interval KPIs side by side with 95% confidence bands"))
    return "\n".join(parts)
