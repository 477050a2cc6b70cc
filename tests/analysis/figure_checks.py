"""What every figure of the report must have, checked on the figure objects themselves:
a title, labelled axes, a unit on every value axis, clock time on time axes when the file
has a `start`. Used by the report tests through CheckedFigures, which checks each figure
the report saves before saving it."""
import re

import plot_axes  # analysis/plot_axes.py

# A value axis ends in its unit: "(%)", "(s)", "(pp)", "(contacts)", "(log scale)" ...
UNIT = re.compile(r"\([^()]+\)$")
TIME_AXES = ("date and time of day", "elapsed time since the start of the replication (h)")


def has_data(ax):
    return bool(ax.lines or ax.collections or ax.images or ax.patches or ax.containers)


def problems(fig, name):
    """What the figure lacks, as a list of texts (empty when it is complete)."""
    found = []
    suptitle = fig._suptitle.get_text() if fig._suptitle is not None else ""
    for i, ax in enumerate(fig.axes):
        where = f"{name} axes {i}"
        if ax.get_label() == "<colorbar>":
            if not UNIT.search(ax.get_ylabel()):
                found.append(f"{where}: colour bar without a unit: {ax.get_ylabel()!r}")
            continue
        if not ax.axison or not has_data(ax):
            continue
        if not (ax.get_title() or suptitle):
            found.append(f"{where}: no title")
        shares_x = any(ax is not o and ax.get_shared_x_axes().joined(ax, o) for o in fig.axes)
        if not ax.get_xlabel() and not shares_x:
            found.append(f"{where}: no x label")
        if not ax.images and not UNIT.search(ax.get_ylabel()):
            found.append(f"{where}: y label without a unit: {ax.get_ylabel()!r}")
    return found


class CheckedFigures(plot_axes.Figures):
    """Figures that records, for each figure saved, what it lacks (see problems) and its
    time axes' labels."""

    found = []
    saved = []
    time_labels = {}

    def save(self, fig, name):
        CheckedFigures.found += problems(fig, name)
        CheckedFigures.saved.append(name)
        CheckedFigures.time_labels[name] = [ax.get_xlabel() for ax in fig.axes
                                            if ax.get_xlabel() in TIME_AXES]
        return super().save(fig, name)
