"""The report on a sweep's file: each KPI against the varied key with 95% confidence
bands and the service-level target, a heat map over two varied keys, and the table of
points."""
import numpy as np
import pandas as pd

import ccsim_results as cr
import number_format as nf
import report_page as page
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from plot_axes import kpi_axis, plt, style, unit_of

CURVE_KPIS = ["service_level", "asa", "abandon_rate", "occupancy"]
HEATMAP_KPIS = ["service_level", "asa"]
MAX_LINES = 8


def x_axis(values, key):
    """Where a varied key's values go on an x axis: (positions, tick labels or None,
    axis label). Numbers stay numbers, durations are seconds, other values categories."""
    if pd.api.types.is_timedelta64_dtype(values):
        return values.dt.total_seconds().to_numpy(), None, f"{key} (s)"
    if pd.api.types.is_numeric_dtype(values):
        return values.to_numpy(dtype=float), None, key
    cats = list(values.cat.categories) if hasattr(values, "cat") else list(dict.fromkeys(values))
    return np.array([cats.index(v) for v in values], dtype=float), cats, key


def groups(table, others):
    """The points split by the values of the other varied keys: [(label, rows)]."""
    if not others:
        return [("", table)]
    out = []
    by = others if len(others) > 1 else others[0]
    for values, rows in table.groupby(by, sort=False, observed=True):
        values = values if isinstance(values, tuple) else (values,)
        out.append((", ".join(f"{k} = {v}" for k, v in zip(others, values)), rows))
    return out


def _targets(sweep, points):
    return {sweep.point(p).service_level_target for p in points} - {None}


def _curve(ax, first, rows, k, key, label, color):
    x, cats, _ = x_axis(rows[key], key)
    _, _, scale, frac = style(first, k)
    order = np.argsort(x, kind="stable")
    x, m, h = x[order], rows[k].to_numpy()[order] * scale, rows[f"{k}_ci95"].to_numpy()[order] * scale
    if cats is None:
        ax.plot(x, m, marker="o", ms=4, color=color, label=label or "mean")
        ax.fill_between(x, np.maximum(m - h, 0), np.minimum(m + h, 100) if frac else m + h,
                        color=color, alpha=0.2, lw=0,
                        label="95% confidence band" if not label else None)
    else:
        ax.errorbar(x, m, yerr=h, fmt="o", capsize=5, color=color,
                    label=label or "mean with 95% CI")
        ax.set_xticks(range(len(cats)))
        ax.set_xticklabels(cats)


def curves_figure(sweep, table):
    """CURVE_KPIS against the first varied key, one line per value of the others."""
    key, others = sweep.vary[0], sweep.vary[1:]
    first = sweep.results()[0]
    kpis = [k for k in CURVE_KPIS if k in table.columns]
    parts = groups(table, others)[:MAX_LINES]
    fig, axes = plt.subplots(1, len(kpis), figsize=(4.2 * len(kpis) + 0.5, 4.6), squeeze=False)
    for ax, k in zip(axes.flat, kpis):
        for i, (label, rows) in enumerate(parts):
            _curve(ax, first, rows, k, key, label, f"C{i}")
        if k == "service_level":
            for t in sorted(_targets(sweep, table.index)):
                ax.axhline(100 * t, color="crimson", ls="--", lw=1.2,
                           label=f"target {nf.value(t, 'fraction', decimals=0)}")
            ax.set_ylim(0, 105)
        else:
            ax.set_ylim(bottom=0)
        kpi_axis(ax, first, k)
        ax.set_xlabel(x_axis(table[key], key)[2])
        if pd.api.types.is_integer_dtype(table[key]):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(style(first, k)[0])
        ax.grid(alpha=0.3)
    axes.flat[0].legend(fontsize=7, loc="best")
    reps = sorted(set(table["replications"]))
    fig.suptitle(f"{sweep.label}: whole-centre KPIs against {key}\nmean over "
                 f"{'/'.join(map(str, reps))} replications per point with 95% confidence "
                 f"interval; every point on the same customers (seed {sweep.attrs.get('seed')})",
                 fontsize=10)
    fig.tight_layout()
    return fig


def heatmap_figure(sweep, table):
    """HEATMAP_KPIS over the first two varied keys, each cell annotated with its estimate."""
    k1, k2 = sweep.vary[0], sweep.vary[1]
    first = sweep.results()[0]
    kpis = [k for k in HEATMAP_KPIS if k in table.columns]
    fig, axes = plt.subplots(1, len(kpis), figsize=(6.2 * len(kpis), 5), squeeze=False)
    for ax, k in zip(axes.flat, kpis):
        _, _, scale, frac = style(first, k)
        mean = table.pivot_table(index=k2, columns=k1, values=k, observed=False) * scale
        ci = table.pivot_table(index=k2, columns=k1, values=f"{k}_ci95", observed=False)
        im = ax.imshow(mean.to_numpy(), aspect="auto", origin="lower",
                       cmap="RdYlGn" if k == "service_level" else "RdYlGn_r")
        bar = fig.colorbar(im, ax=ax)
        bar.set_label(nf.axis_label(style(first, k)[0], unit_of(first, k)))
        for (i, j), v in np.ndenumerate(mean.to_numpy()):
            if not np.isnan(v):
                text = nf.estimate(v / scale, ci.to_numpy()[i, j], unit_of(first, k))
                ax.text(j, i, text.replace(" ± ", "\n± "), ha="center", va="center", fontsize=7)
        title = f"{style(first, k)[0]}: mean ± 95% CI"
        if k == "service_level" and len(_targets(sweep, table.index)) == 1:
            target = _targets(sweep, table.index).pop()
            for (i, j), v in np.ndenumerate(mean.to_numpy()):
                if v >= 100 * target:
                    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, lw=2.5))
            title += f"\nboxed: meets the target {nf.value(target, 'fraction', decimals=0)}"
        ax.set_xticks(range(len(mean.columns)))
        ax.set_xticklabels([str(c) for c in mean.columns])
        ax.set_yticks(range(len(mean.index)))
        ax.set_yticklabels([str(v) for v in mean.index])
        ax.set_xlabel(x_axis(table[k1], k1)[2])
        ax.set_ylabel(x_axis(table[k2], k2)[2])
        ax.set_title(title)
    fig.suptitle(f"{sweep.label}: whole-centre KPIs over {k1} and {k2}", fontsize=10)
    fig.tight_layout()
    return fig


def points_frame(sweep, table, kpis):
    """The points as display text: their values, replications and KPIs that apply."""
    first = sweep.results()[0]
    out = pd.DataFrame(index=table.index)
    for key in sweep.vary:
        out[key] = [sweep.point(p).overrides.get(key, "") for p in table.index]
    out["replications"] = table["replications"].astype(str)
    for k in kpis:
        unit = unit_of(first, k)
        out[nf.kpi_name(first.columns, k)] = [
            nf.estimate(m, h, unit, n=n) for m, h, n in
            zip(table[k], table[f"{k}_ci95"], table["replications"])]
    return out


def meta(sweep):
    a = sweep.attrs
    values = {k: ", ".join(map(str, dict.fromkeys(sweep.points[k].astype(str))))
              for k in sweep.vary}
    items = [("file", sweep.path), ("scenario", sweep.scenario_name),
             ("scenario file", a.get("scenario_file", "")),
             ("overrides (--set)", "; ".join(a.get("overrides", "").split("\n")) or "none"),
             ("seed", a.get("seed", ""))]
    items += [(f"varied: {k}", v) for k, v in values.items()]
    items += [("points", f"{len(sweep.points)} of {a.get('points')}" +
               (f" (part {sweep.shard})" if sweep.shard else "")),
              ("ccsim version", a.get("ccsim_version", ""))]
    return page.definitions(items)


def sweep_section(sweep, figs):
    """The whole report body for a sweep's file."""
    table = sweep.table()
    kpis = cr.kpis_that_apply(sweep.results())
    parts = [page.heading(2, f"Sweep of {sweep.label}"), meta(sweep),
             "<p>Every point ran on the same seed, so the points saw the same customers and "
             "their differences are the varied keys'.</p>"]
    name = figs.save(curves_figure(sweep, table), "sweep_curves.png")
    parts.append(page.img(name, f"KPIs against {sweep.vary[0]} with 95% confidence bands"))
    if len(sweep.vary) > 1 and len(groups(table, sweep.vary[1:])) > MAX_LINES:
        parts.append(page.note(f"The curves show the first {MAX_LINES} combinations of "
                               f"the other varied keys; the table has every point."))
    if len(sweep.vary) == 2:
        name = figs.save(heatmap_figure(sweep, table), "sweep_heatmap.png")
        parts.append(page.img(name, f"KPIs over {sweep.vary[0]} and {sweep.vary[1]}"))
    parts += [page.heading(3, "Points: mean ± 95% confidence half-width over replications"),
              page.table(points_frame(sweep, table, kpis))]
    return "\n".join(parts)
