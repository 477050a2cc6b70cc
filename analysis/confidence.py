"""Means over replications and their 95% confidence intervals, as ccsim computes them
(sim/engine/statistics.cc), with scipy's Student-t quantile.

Example:
    mean_ci([0.81, 0.78, 0.84])                    # (0.81, 0.0745..., 3)
    paired_difference(a_levels, b_levels)          # B − A replication by replication
    welch_difference(a_levels, b_levels)           # B − A of two independent samples
"""
import functools
import math

import numpy as np
from scipy import stats


@functools.lru_cache(maxsize=None)
def student_t975(dof):
    """The 0.975 quantile of Student's t with `dof` (>= 1) degrees of freedom."""
    if dof < 1:
        raise ValueError("student_t975: dof must be >= 1")
    return float(stats.t.ppf(0.975, dof))


def _defined(values):
    v = np.asarray(values, dtype=float)
    return v[~np.isnan(v)]


def mean_ci(values):
    """(mean, ci95 half-width, n) of the non-NaN values: mean NaN when there is none,
    half-width 0 with fewer than two (as `ccsim run --json`)."""
    v = _defined(values)
    n = len(v)
    if n == 0:
        return math.nan, 0.0, 0
    mean = float(v.mean())
    if n < 2:
        return mean, 0.0, n
    return mean, student_t975(n - 1) * float(v.std(ddof=1)) / math.sqrt(n), n


def paired_difference(a, b):
    """(mean, ci95, n) of b[r] − a[r] over the replications r both have, a NaN on either
    side skipped; ci95 NaN with fewer than two pairs. Common random numbers: the two
    sides saw the same customers, and the pairing removes the noise they share."""
    m = min(len(a), len(b))
    d = np.asarray(b[:m], dtype=float) - np.asarray(a[:m], dtype=float)
    mean, h, n = mean_ci(d)
    return mean, (h if n >= 2 else math.nan), n


def welch_difference(a, b):
    """(mean(b) − mean(a), Welch's ci95) of two independent samples, NaN skipped; ci95
    NaN when a side has fewer than two values. The degrees of freedom are rounded down
    (at least 1), as ccsim does, so the half-widths equal `ccsim compare`'s."""
    va, vb = _defined(a), _defined(b)
    mean = (float(vb.mean()) if len(vb) else math.nan) - (float(va.mean()) if len(va) else math.nan)
    if len(va) < 2 or len(vb) < 2:
        return mean, math.nan
    qa, qb = va.var(ddof=1) / len(va), vb.var(ddof=1) / len(vb)
    se2 = qa + qb
    if se2 <= 0:
        return mean, 0.0
    dof = se2 * se2 / (qa * qa / (len(va) - 1) + qb * qb / (len(vb) - 1))
    return mean, student_t975(max(1, int(dof))) * math.sqrt(se2)
