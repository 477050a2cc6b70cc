"""What every figure of the report shares: where simulated time goes on the x axis (clock
time with a `start`, hours elapsed without), KPI axes labelled with their units from the
file, confidence bands, the warm-up shading, and saving figures into the report folder.
"""
import datetime
import os

import matplotlib

matplotlib.use("Agg")  # headless: files only, no display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import MultipleLocator, PercentFormatter, ScalarFormatter  # noqa: E402

import number_format as nf  # noqa: E402
from run_results import Column  # noqa: E402

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


def style(res, kpi):
    """How a column is shown: (label, unit shown, scale for display, whether it is a
    share), from what the file says of it (a share is shown × 100 in %)."""
    c = res.columns.get(kpi) or Column(kpi)
    if c.is_fraction:
        return c.label, "%", 100.0, True
    return c.label, c.unit, 1.0, False


def unit_of(res, kpi):
    """The unit the file gives a column ("fraction", "s", "contacts", ... or "")."""
    c = res.columns.get(kpi)
    return c.unit if c is not None else ""


def plot_start(res):
    """The file's start (a datetime) when its interval axes show dates and times of day;
    None without one (or when the run would end past the year 9999, beyond datetime)."""
    if res.start is None:
        return None
    try:
        res.clock(res.horizon)
    except (OverflowError, ValueError):
        return None
    return res.start


def common_start(results):
    """The start every file shares (plot_start), or None (a file without one, or files
    that start at different times): the x axis then shows hours elapsed."""
    starts = {plot_start(r) for r in results}
    return starts.pop() if len(starts) == 1 else None


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
        ax.set_xlabel("elapsed time since the start of the replication (h)")
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


def kpi_axis(ax, res, kpi, axis="y", difference=False):
    """Labels an axis with the KPI's label and unit; a share's ticks in % (or pp)."""
    label, _, _, frac = style(res, kpi)
    unit = unit_of(res, kpi)
    text = nf.axis_label(label, unit, difference)
    target = ax.yaxis if axis == "y" else ax.xaxis
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(text)
    if frac and not difference:
        target.set_major_formatter(PercentFormatter(100.0, decimals=0))
    else:  # plain digits: no "1e5" or "+1.069" at the axis' end
        plain = ScalarFormatter(useOffset=False)
        plain.set_scientific(False)
        target.set_major_formatter(plain)


def shade_warmup(ax, res, start=None):
    w = res.warmup
    if w > 0:
        ax.axvspan(*x_of([0, w], start if start is not None else plot_start(res)),
                   color="0.85", zorder=0, label="warm-up (left out of the KPI tables)")


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
    # Every KPI is >= 0 and a share <= 100%: the band is clipped to what can happen.
    ax.fill_between(x, (m - h).clip(lower=0), (m + h).clip(upper=100 if frac else None),
                    color=color, alpha=alpha, lw=0)


def target_line(ax, target, **kw):
    """The service-level target as a dashed line (a share, drawn in %)."""
    style = {"color": "crimson", "ls": "--", "lw": 1.2,
             "label": f"target {nf.value(target, 'fraction', decimals=0)}"} | kw
    ax.axhline(100 * target, **style)
