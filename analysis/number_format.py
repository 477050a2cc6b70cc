"""How every number of the analysis kit is written for people (tables, labels, notes).

One format everywhere:
- a share (a column whose unit is "fraction") as a percentage, "52.5%", and a difference
  of two shares in percentage points, "+2.3 pp";
- seconds with their unit, "39.5 s";
- counts and other numbers in plain digits, never with an exponent: "431,300", "1.069";
- an estimate with its 95% confidence half-width at the precision that shows the
  half-width (two significant digits of it, the mean to the same decimals):
  "1.069 ± 0.0081", "319.6 ± 8.8", "52.5% ± 2.5"; a mean without a half-width (one
  replication) to four significant digits.

Example:
    estimate(0.5247, 0.0251, "fraction")                  # "52.5% ± 2.5"
    estimate(0.0083, 0.0079, "fraction", difference=True)  # "+0.83 pp ± 0.79"
    value(431300.0, "contacts")                            # "431,300"
"""
import math

MAX_DECIMALS = 6
CI_DIGITS = 2  # significant digits of a half-width


def is_missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


def scale_of(unit):
    """What a value is multiplied by for display: 100 for a share, else 1."""
    return 100.0 if unit == "fraction" else 1.0


def suffix(unit, difference=False):
    """The unit written after a number: "%" (or " pp" for a difference), " s", or ""."""
    if unit == "fraction":
        return " pp" if difference else "%"
    return " s" if unit == "s" else ""


def decimals_for(half_width, magnitude=None):
    """Decimals that show two significant digits of `half_width` (a display value);
    without one (0, NaN or None), four significant digits of `magnitude`."""
    if not is_missing(half_width) and half_width > 0:
        d = CI_DIGITS - 1 - math.floor(math.log10(half_width))
    elif not is_missing(magnitude) and magnitude != 0:
        d = 3 - math.floor(math.log10(abs(magnitude)))
    else:
        d = 1
    return max(0, min(MAX_DECIMALS, d))


def _digits(v, decimals, signed=False):
    sign = "+" if signed else ""
    text = f"{v:{sign},.{decimals}f}"
    # "-0.0" reads as a difference that has a sign; it has none.
    if float(text.replace(",", "")) == 0.0:
        text = f"{0.0:.{decimals}f}"
    return text


def value(v, unit="", decimals=None, difference=False):
    """One number in the kit's format: with `decimals` (of the displayed value), else to
    four significant digits without trailing zeros ("20 s", "1.069", "431,300")."""
    if is_missing(v):
        return "–"
    shown = v * scale_of(unit)
    if decimals is None:  # four significant digits, no trailing zeros
        text = _digits(shown, decimals_for(None, shown), signed=difference)
        text = text.rstrip("0").rstrip(".") if "." in text else text
    else:
        text = _digits(shown, decimals, signed=difference)
    return text + suffix(unit, difference)


def estimate(mean, half_width, unit="", difference=False, n=None):
    """"mean ± half-width" (`difference`: B − A, signed, shares in pp); the mean alone when
    there is no half-width: NaN or None, or `n` (the values behind it) below two."""
    if is_missing(mean):
        return "–"
    scale = scale_of(unit)
    if is_missing(half_width) or (n is not None and n < 2):
        return value(mean, unit, difference=difference)
    d = decimals_for(half_width * scale, mean * scale)
    if half_width == 0:
        d = decimals_for(None, mean * scale)
    return (f"{_digits(mean * scale, d, signed=difference)}{suffix(unit, difference)} ± "
            f"{_digits(half_width * scale, d)}")


def axis_label(label, unit, difference=False):
    """An axis title with its unit: "service level (%)", "ASA (s)", "offered (contacts)";
    a difference of shares in percentage points."""
    if unit == "fraction":
        return f"{label} ({'pp' if difference else '%'})"
    return f"{label} ({unit})" if unit else label


def duration(seconds):
    """A length of time as people say it: "8 h", "30 min", "45 s", "1.5 h"."""
    if is_missing(seconds):
        return "?"
    s = float(seconds)
    if s >= 3600:
        return f"{s / 3600:g} h"
    if s >= 60:
        return f"{s / 60:g} min"
    return f"{s:g} s"


def half_width(h, unit="", difference=False):
    """A half-width alone, "± 2.9 pp", at the precision that shows it; "" when missing."""
    if is_missing(h):
        return ""
    shown = h * scale_of(unit)
    return f"± {_digits(shown, decimals_for(shown))}{suffix(unit, difference)}"


def kpi_name(columns, kpi):
    """A KPI's row name: "service level (service_level)", or the name alone when the file
    gives no other label."""
    c = columns.get(kpi)
    return f"{c.label} ({kpi})" if c is not None and c.label != kpi else kpi
