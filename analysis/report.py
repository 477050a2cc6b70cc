#!/usr/bin/python3
"""An HTML report of ccsim result files.

    /usr/bin/python3 analysis/report.py OUT.h5 [MORE.h5 ...] -o REPORT_DIR
    /usr/bin/python3 analysis/report.py SWEEP.h5 -o REPORT_DIR

writes REPORT_DIR/index.html, the PNG plots it shows and kpis.csv.
- One run's file: the KPI table; service level, ASA, abandonment and occupancy per interval
  (mean over replications with a 95% confidence band, against the date and time of day
  when the scenario has a `start`, else against hours elapsed), the wait-time
  distribution (contacts tables) and per-agent occupancy (agents tables).
- Two or more: first the paired differences B − A of each file against the first, with
  their 95% confidence intervals (paired by replication when the runs share seed and
  replications: common random numbers), labelled by what differs between the runs; then
  the KPIs side by side and per interval; then each file's own section.
- A sweep's file (alone): each KPI against the varied key with confidence bands and the
  target, a heat map over two varied keys, and every point's KPIs.

Exit status: 0 done; 2 an input is missing or not a ccsim result file (nothing written);
1 any other failure.
"""
import argparse
import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ccsim_results as cr  # noqa: E402
import comparison  # noqa: E402
import comparison_section  # noqa: E402
import report_page as page  # noqa: E402
import result_checks as checks  # noqa: E402
import run_section  # noqa: E402
import sweep_section  # noqa: E402
from plot_axes import Figures  # noqa: E402

INTRO = ("<p>Made by <code>analysis/report.py</code> from ccsim result files. KPIs count "
         "contacts arriving after the warm-up; per-interval figures count contacts by the "
         "interval they arrived in (warm-up intervals, shaded grey, included). Shares are "
         "in %, differences of shares in percentage points (pp), times in seconds (s); "
         "± is the half-width of the 95% confidence interval over replications. The "
         'tables are also in <a href="kpis.csv">kpis.csv</a>.</p>')


def write_runs(results, out_dir, figs):
    """The report on run files; returns the page's title and sections."""
    labels = comparison.what_differs(results) if len(results) > 1 else [results[0].label]
    tables = [r.kpi_table() for r in results]
    sections = []
    if len(results) > 1:
        sections.append(comparison_section.compare_section(results, labels, tables, figs))
    for i, (r, label, t) in enumerate(zip(results, labels, tables)):
        prefix = f"file{i + 1}_" if len(results) > 1 else ""
        heading = f"({i + 1}) {label}" if len(results) > 1 else label
        sections.append(run_section.file_section(r, t, figs, prefix, heading))
    csv = pd.concat([t.reset_index().assign(label=label, file=r.path)
                     for r, label, t in zip(results, labels, tables)], ignore_index=True)
    csv[["file", "label", "scope", "kpi", "mean", "ci95", "n"]].to_csv(
        os.path.join(out_dir, "kpis.csv"), index=False)
    names = ", ".join(dict.fromkeys(r.label for r in results))
    title = f"ccsim report: {names}" + (
        f" ({' vs '.join(labels)})" if len(results) > 1 else "")
    return title, sections


def write_sweep(sweep, out_dir, figs):
    """The report on a sweep's file; returns the page's title and sections."""
    sweep.table().to_csv(os.path.join(out_dir, "kpis.csv"))
    return f"ccsim report: sweep of {sweep.label}", [sweep_section.sweep_section(sweep, figs)]


def write_report(results, out_dir):
    """Writes index.html, the PNGs and kpis.csv into out_dir; returns the PNG names.
    `results`: run Results, or one SweepResults."""
    os.makedirs(out_dir, exist_ok=True)
    figs = Figures(out_dir)
    if isinstance(results[0], cr.SweepResults):
        title, sections = write_sweep(results[0], out_dir, figs)
    else:
        title, sections = write_runs(results, out_dir, figs)
    with open(os.path.join(out_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write(page.page(title, INTRO, sections))
    return figs.written


def load_all(paths):
    """Every input, checked before anything is written; a CcsimFileError names the first
    that cannot be used."""
    results = [checks.isolated(cr.load, path) for path in paths]
    sweeps = [r for r in results if isinstance(r, cr.SweepResults)]
    if sweeps and len(results) > 1:
        raise cr.CcsimFileError(f"{sweeps[0].path}: a sweep's file is reported alone (its "
                                f"points are compared in its own report)")
    return results


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="report.py",
        description="HTML report (index.html + PNG plots) of ccsim result files: one run, "
                    "runs compared (paired differences first), or one sweep.")
    p.add_argument("files", nargs="+", metavar="OUT.h5",
                   help="ccsim result files (runs), or one sweep's file")
    p.add_argument("-o", "--output", required=True, metavar="REPORT_DIR",
                   help="folder for index.html and the plots (created if missing)")
    a = p.parse_args(argv)
    try:
        results = load_all(a.files)
    except cr.CcsimFileError as e:
        print(f"report.py: error: {e}", file=sys.stderr)
        return 2
    written = write_report(results, a.output)
    print(f"report.py: wrote {os.path.join(a.output, 'index.html')} and {len(written)} plots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
