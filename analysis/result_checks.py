"""Checks that a file is a ccsim result file this kit reads (a run's or a sweep's,
docs/trace_format.md), before anything is taken from it: attributes of the right type and
shape, the tables as 1-D compound datasets with their key columns, replication,
contact-type and point indices in range. Every fault is one CcsimFileError naming the file
and what is wrong, which report.py turns into "report.py: error: FILE: ..." and exit 2.
"""
import contextlib
import datetime
import os
import resource
import signal

import h5py
import numpy as np

SCHEMA_VERSION = 1
MAX_REPLICATIONS = 1_000_000  # as the simulator's readers (sim/trace/file_checks.h)
PROBE_SECONDS = 120
PROBE_MEMORY_BYTES = 4 << 30

MAX_POINTS = 1_000_000
MAX_VARIED = 1_000

STRING_ATTRIBUTES = ("ccsim_version", "scenario", "scenario_name", "scenario_file",
                     "overrides", "trace", "kind", "start", "vary", "shard", "values",
                     "service_level_thresholds")
INTEGER_ATTRIBUTES = {"schema_version": (-2**31, 2**31 - 1), "seed": (0, 2**64 - 1),
                      "replications": (1, MAX_REPLICATIONS), "points": (1, MAX_POINTS)}
NUMBER_ATTRIBUTES = ("horizon", "warmup", "interval", "service_level_threshold",
                     "service_level_target")

# Each table's key columns: "i" an integer, "f" a float, "enum" an HDF5 enum.
KEY_COLUMNS = {
    "summary": {"replication": "i", "contact_type": "enum"},
    "intervals": {"replication": "i", "interval": "i", "start": "f", "end": "f",
                  "contact_type": "enum"},
    "agent_results": {"replication": "i", "agent_id": "i"},
}


class CcsimFileError(ValueError):
    """The path is missing, is not HDF5, or is not a ccsim result file this module reads."""


def plain(v):
    """An attribute value as a plain Python str / int / float."""
    if isinstance(v, np.ndarray) and v.shape == ():
        v = v[()]
    if isinstance(v, (bytes, np.bytes_)):
        return bytes(v).decode("utf-8")
    if isinstance(v, np.generic):
        return v.item()
    return v


@contextlib.contextmanager
def opened(path):
    """The file at `path` opened read-only with h5py, once it is known to be an HDF5 file."""
    if not os.path.exists(path):
        raise CcsimFileError(f"{path}: no such file")
    if os.path.isdir(path):
        raise CcsimFileError(f"{path}: is a directory, not a ccsim result file")
    if not h5py.is_hdf5(path):
        raise CcsimFileError(
            f"{path}: not an HDF5 file (a ccsim result file is written by "
            f"`ccsim run SCENARIO -o OUT.h5` or `ccsim sweep SCENARIO ... -o OUT.h5`)")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise CcsimFileError(f"{path}: cannot open as HDF5: {e}") from e
    with f:
        try:
            yield f
        except (OSError, RuntimeError) as e:  # what h5py raises on broken structures
            raise CcsimFileError(f"{path}: HDF5 cannot read it: {e}") from e


def root_attributes(f, path):
    """The root attributes as plain values, each checked."""
    attrs = attributes(f, path)
    _check_schema(path, attrs)
    check_attributes(path, attrs)
    if attrs.get("kind") not in (None, "sweep"):
        raise CcsimFileError(f"{path}: attribute kind is {attrs['kind']!r}; expected \"sweep\" "
                             f"(or none, for a run's file)")
    if attrs.get("kind") == "sweep" and "points" not in attrs:
        raise CcsimFileError(f"{path}: a sweep's file without the attribute points")
    if len(split_lines(attrs.get("vary", ""))) > MAX_VARIED:
        raise CcsimFileError(f"{path}: attribute vary names more than {MAX_VARIED} keys")
    return attrs


def attributes(obj, path):
    """The attributes of a group (or the root) as plain values, each a single value."""
    attrs = {}
    for name in obj.attrs:
        try:
            raw = obj.attrs[name]
        except (OSError, TypeError, ValueError) as e:
            raise CcsimFileError(f"{path}: attribute {name} cannot be read: {e}") from e
        if np.ndim(raw) != 0:
            raise CcsimFileError(f"{path}: attribute {name} is not a single value "
                                 f"(shape {np.shape(raw)})")
        try:
            attrs[name] = plain(raw)
        except UnicodeDecodeError as e:
            raise CcsimFileError(f"{path}: attribute {name} is not UTF-8 text") from e
    return attrs


def check_attributes(path, attrs):
    """The known attributes of the kind the format gives them (text, integer, number)."""
    for name in STRING_ATTRIBUTES:
        if name in attrs and not isinstance(attrs[name], str):
            raise CcsimFileError(f"{path}: attribute {name} is {_kind(attrs[name])}; "
                                 f"expected text")
    for name, (lo, hi) in INTEGER_ATTRIBUTES.items():
        v = attrs.get(name)
        if v is not None and not (_is_integer(v) and lo <= v <= hi):
            raise CcsimFileError(f"{path}: attribute {name} is {v!r}; expected an integer "
                                 f"in {lo}..{hi}")
    for name in NUMBER_ATTRIBUTES:
        v = attrs.get(name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            raise CcsimFileError(f"{path}: attribute {name} is {_kind(v)}; expected a number")
    if "start" in attrs:
        start_of(path, attrs["start"])
    thresholds(path, attrs, None)


def split_lines(text):
    """An attribute holding one item a line (overrides, vary, values) as a list."""
    return [line for line in str(text).split("\n") if line]


def key_values(text):
    """"KEY=VALUE" lines (overrides, a point's values) as {KEY: VALUE} in their order."""
    out = {}
    for line in split_lines(text):
        key, _, value = line.partition("=")
        out[key.strip()] = value.strip()
    return out


def thresholds(path, attrs, contact_types):
    """The attribute service_level_thresholds ("TYPE=SECONDS" a line) as {TYPE: seconds};
    {} when the file has none. With `contact_types`, every name must be one of them."""
    out = {}
    for name, text in key_values(attrs.get("service_level_thresholds", "")).items():
        try:
            out[name] = float(text)
        except ValueError:
            raise CcsimFileError(f"{path}: attribute service_level_thresholds gives {name} "
                                 f"{text!r}; expected seconds") from None
        if contact_types is not None and name not in contact_types:
            raise CcsimFileError(f"{path}: attribute service_level_thresholds names {name!r}, "
                                 f"which is no contact type of /summary")
    return out


def text_attribute(dataset, name, path):
    """A string attribute of a dataset (a column's label, unit, ...), "" when absent."""
    try:
        v = plain(dataset.attrs.get(name, ""))
    except (OSError, TypeError, ValueError) as e:  # UnicodeDecodeError too
        raise CcsimFileError(f"{path}: attribute {name} of {dataset.name} cannot be read: "
                             f"{e}") from e
    if not isinstance(v, str):
        raise CcsimFileError(f"{path}: attribute {name} of {dataset.name} is not text")
    return v


def start_of(path, text):
    """The root attribute `start` (ISO 8601 local time, "2026-03-02T08:00:00") as a
    datetime."""
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError as e:
        raise CcsimFileError(f"{path}: attribute start is {text!r}; expected a date and time "
                             f"like 2026-03-02T08:00:00") from e


def _check_schema(path, attrs):
    version = attrs.get("schema_version")
    if version is None:
        raise CcsimFileError(
            f"{path}: an HDF5 file, but not a ccsim result file (no `schema_version` root "
            f"attribute or no /summary table)")
    if not _is_integer(version):
        raise CcsimFileError(f"{path}: attribute schema_version is {_kind(version)}; "
                             f"expected an integer")
    if version != SCHEMA_VERSION:
        raise CcsimFileError(f"{path}: schema_version {version}; this module reads "
                             f"schema_version {SCHEMA_VERSION}")


def _is_integer(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _kind(v):
    return {str: "text", bytes: "bytes", float: "a float", int: "an integer"}.get(
        type(v), type(v).__name__)


def table(f, path, name, required=True):
    """The rows of table `name` (a numpy structured array), checked, or None when the
    table is absent and not required."""
    where = f"{f.name.rstrip('/')}/{name}"
    if name not in f:
        if required:
            raise CcsimFileError(
                f"{path}: an HDF5 file, but not a ccsim result file (no `schema_version` "
                f"root attribute or no {where} table)")
        return None
    dataset = f[name]
    if not isinstance(dataset, h5py.Dataset):
        raise CcsimFileError(f"{path}: {where} is not a table (a group, not a dataset)")
    if dataset.ndim != 1 or dataset.dtype.names is None:
        raise CcsimFileError(f"{path}: {where} is not a table of rows (a 1-D compound "
                             f"dataset); it is {dataset.ndim}-D of {dataset.dtype}")
    for column, kind in KEY_COLUMNS.get(name, {}).items():
        if column not in dataset.dtype.names:
            raise CcsimFileError(f"{path}: {where} lacks the column {column}")
        dt = dataset.dtype.fields[column][0]
        ok = (h5py.check_enum_dtype(dt) is not None if kind == "enum" else
              dt.kind in ("iu" if kind == "i" else "f"))
        if not ok:
            raise CcsimFileError(f"{path}: column {column} of {where} is of type {dt}; "
                                 f"expected {'an enum' if kind == 'enum' else dict(i='an integer', f='a float')[kind]}")
    try:
        return dataset[()]
    except (OSError, ValueError) as e:
        raise CcsimFileError(f"{path}: {where} cannot be read: {e}") from e


def check_keys(path, name, rows, replications, contact_types):
    """Every row's replication in 0..replications-1 and contact_type a value of the
    enum; /summary with a row per replication and type (and ALL)."""
    reps = rows["replication"]
    bad = np.flatnonzero((reps < 0) | (reps >= replications))
    if bad.size:
        raise CcsimFileError(f"{path}: /{name} row {bad[0]}: replication {reps[bad[0]]} is "
                             f"outside 0..{replications - 1}")
    if "contact_type" in rows.dtype.names:
        values = np.asarray(sorted(contact_types.values()))
        ct = rows["contact_type"]
        bad = np.flatnonzero(~np.isin(ct, values))
        if bad.size:
            raise CcsimFileError(f"{path}: /{name} row {bad[0]}: contact_type {ct[bad[0]]} is "
                                 f"not a value of its enum")
    if name == "summary" and rows.size < replications * len(contact_types):
        raise CcsimFileError(f"{path}: /summary has {rows.size} rows, too few for "
                             f"{replications} replications of {len(contact_types) - 1} "
                             f"contact types and ALL")


def sweep_points(f, path, attrs):
    """/points/table's rows (a numpy structured array), checked: a point column, one text
    column per varied key, each point in 0..points-1 once, each with its group."""
    group = f.get("points")
    if not isinstance(group, h5py.Group):
        raise CcsimFileError(f"{path}: a sweep's file without the group /points")
    vary = split_lines(attrs.get("vary", ""))
    rows = table(group, path, "table")
    names = rows.dtype.names
    if "point" not in names or rows.dtype.fields["point"][0].kind not in "iu":
        raise CcsimFileError(f"{path}: /points/table lacks the integer column point")
    for key in vary:
        if key not in names or rows.dtype.fields[key][0].kind not in "SO":
            raise CcsimFileError(f"{path}: /points/table lacks the text column {key}")
    total = attrs["points"]
    seen = set()
    for i, p in enumerate(rows["point"]):
        if not 0 <= p < total or p in seen:
            raise CcsimFileError(f"{path}: /points/table row {i}: point {p} is outside "
                                 f"0..{total - 1} or given twice")
        seen.add(int(p))
        if not isinstance(group.get(str(p)), h5py.Group):
            raise CcsimFileError(f"{path}: no group /points/{p} for point {p}")
    return rows


def point_attributes(group, path):
    """The attributes of /points/<i>, checked: replications and values at least."""
    attrs = attributes(group, path)
    check_attributes(path, attrs)
    if "replications" not in attrs:
        raise CcsimFileError(f"{path}: {group.name} lacks the attribute replications")
    return attrs


def replication_numbers(f, path, replications):
    """The groups under /replications, each a number in 0..replications-1."""
    if "replications" not in f:
        return None
    group = f["replications"]
    if not isinstance(group, h5py.Group):
        raise CcsimFileError(f"{path}: /replications is not a group")
    numbers = []
    for key in group.keys():
        if not key.isdigit() or int(key) >= replications:
            raise CcsimFileError(f"{path}: /replications/{key} is not a replication "
                                 f"(0..{replications - 1})")
        numbers.append(int(key))
    return sorted(numbers)


def isolated(load, path):
    """load(path), after running it once in a child process with bounded time and memory
    (as the simulator's readers, sim/trace/isolated_read.h): HDF5 (the library h5py uses)
    crashes on some malformed files, or allocates what a string claims. Such a file is a
    CcsimFileError rather than the end of the program; when the child's load fails, its
    error is the answer and this process never reads the file."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(load, path, write_end)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        error = answer.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM:
        raise CcsimFileError(f"{path}: HDF5 did not finish reading it in {PROBE_SECONDS} s: "
                             f"the file is malformed")
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise CcsimFileError(f"{path}: HDF5 fails on it ({name} while reading): the file "
                             f"is malformed")
    if error:
        raise CcsimFileError(error)
    return load(path)


def _child(load, path, fd):
    """In the child: load within bounds, send the error (if any) through fd, and end."""
    error = ""
    try:
        signal.alarm(PROBE_SECONDS)
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = size + PROBE_MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        load(path)
    except CcsimFileError as e:
        error = str(e)
    except BaseException as e:  # noqa: B036 (a MemoryError too: the file claims too much)
        error = f"{path}: cannot be read: {type(e).__name__}: {e}"
    os.write(fd, error.encode("utf-8"))
    os._exit(0)
