"""The report's section on one run: what was run, the KPI table and the run's figures."""
import pandas as pd

import ccsim_results as cr
import number_format as nf
import report_page as page
import run_figures
from confidence import student_t975
from plot_axes import unit_of

FEW_REPLICATIONS = 5  # below it the report says that the intervals are wide


def kpi_frame(res, table, kpis):
    """The KPI table as display text: one row per KPI that applies, a column for the
    whole centre and one per contact type."""
    scopes = [cr.OVERALL] + res.contact_types
    rows = {}
    for k in kpis:
        row = {}
        for s in scopes:
            if (s, k) in table.index:
                t = table.loc[(s, k)]
                row[s] = nf.estimate(t["mean"], t["ci95"], unit_of(res, k), n=t["n"])
            else:
                row[s] = ""
        rows[nf.kpi_name(res.columns, k)] = row
    df = pd.DataFrame.from_dict(rows, orient="index", columns=scopes)
    df.index.name = "KPI"
    return df


def start_text(res):
    if res.start is None:
        return "none given: times are elapsed since time 0"
    return res.start.strftime("%a %Y-%m-%d %H:%M")


def goal_text(res):
    """"80% within 20 s; 60 s (tech)", from what the file stores."""
    if res.service_level_target is None:
        return "not stored in this file"
    return (f"{nf.value(res.service_level_target, 'fraction', decimals=0)} within " +
            "; ".join(nf.value(thr, "s") + (f" ({who})" if who else "")
                      for thr, who in run_figures.thresholds(res)))


def meta(res):
    a = res.attrs
    overrides = "; ".join(f"{k}={v}" for k, v in res.overrides.items())
    items = [
        ("file", res.path), ("scenario", res.scenario_name),
        ("scenario file", a.get("scenario_file", "")),
        ("overrides (--set)", overrides or "none"),
        ("seed", a.get("seed", "")), ("replications", len(res.replications)),
        ("trace", res.trace),
        ("start (time 0)", start_text(res)),
        ("horizon / warm-up / interval", " / ".join(
            nf.duration(a.get(k)) for k in ("horizon", "warmup", "interval"))),
        ("service-level goal", goal_text(res)),
        ("ccsim version", a.get("ccsim_version", "")),
    ]
    return page.definitions(items)


def kpi_section(res, table):
    parts = [page.heading(3, "KPIs: mean ± 95% confidence half-width over replications"),
             page.table(kpi_frame(res, table, cr.kpis_that_apply(res)))]
    n = len(res.replications)
    if n < 2:
        parts.append(page.note("One replication: no confidence interval can be given. Run "
                               "more replications (<code>-r 10</code> or more) to see how "
                               "precise these numbers are."))
    elif n < FEW_REPLICATIONS:
        parts.append(page.note(
            f"Only {n} replications: the intervals are wide (Student's t with {n - 1} "
            f"degree{'s' if n > 2 else ''} of freedom is {student_t975(n - 1):.1f}, against "
            f"2.0 for many). Run more replications (<code>-r 10</code> or more) for "
            f"decisions."))
    return parts


def interval_section(res, figs, prefix):
    if res.intervals is None or not len(res.intervals):
        return [page.note("This file has no /intervals table.")]
    parts = [page.heading(3, "Through the day")]
    for kpi, title in [("service_level", "service level per interval"),
                       ("asa", "average speed of answer per interval"),
                       ("abandon_rate", "abandon rate per interval")]:
        name = figs.save(run_figures.interval_figure(res, kpi, title), f"{prefix}{kpi}.png")
        parts.append(page.img(name, f"{res.label}: {title}"))
    name = figs.save(run_figures.occupancy_figure(res), f"{prefix}occupancy.png")
    parts.append(page.img(name, f"{res.label}: occupancy per interval"))
    return parts


def wait_section(res, figs, prefix):
    parts = [page.heading(3, "Wait-time distribution")]
    if not res.has_table("contacts"):
        return parts + [page.note(
            f"This file holds summaries only (written with --trace "
            f"{page.escape(res.trace)}): there are no per-contact waits to plot. Run ccsim "
            f"with <code>--trace contacts</code> or <code>--trace events</code> for this "
            f"plot.")]
    c = run_figures.counted_contacts(res)
    if not len(c):
        return parts + [page.note("No contact arrived after the warm-up.")]
    name = figs.save(run_figures.wait_figure(res, c), f"{prefix}wait_distribution.png")
    return parts + [page.img(name, f"{res.label}: wait-time distribution")]


def agent_section(res, figs, prefix):
    parts = [page.heading(3, "Occupancy per agent")]
    if not res.has_table("agents"):
        return parts + [page.note(
            f"No agent state spells in this file (written with --trace "
            f"{page.escape(res.trace)}); run ccsim with <code>--trace events</code> for "
            f"per-agent occupancy.")]
    fig = run_figures.agent_figure(res, run_figures.agent_table(res))
    name = figs.save(fig, f"{prefix}agent_occupancy.png")
    return parts + [page.img(name, f"{res.label}: occupancy per agent")]


def file_section(res, table, figs, prefix, heading):
    """One run's section: heading, what was run, KPIs, figures, the scenario as read."""
    parts = [page.heading(2, heading), meta(res)]
    parts += kpi_section(res, table)
    parts += interval_section(res, figs, prefix)
    parts += wait_section(res, figs, prefix)
    parts += agent_section(res, figs, prefix)
    parts.append("<details><summary>scenario as read</summary><pre>" +
                 page.escape(res.attrs.get("scenario", "")) + "</pre></details>")
    return "\n".join(parts)
