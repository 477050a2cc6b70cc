"""Writes a small result file laid out as docs/trace_format.md says, with h5py.

A stand-in for `ccsim run ... -o OUT.h5` while the C++ writer is being written: a tiny
FCFS multi-server queue with abandonment (one or two contact types, one agent group), so
that the invariants the tests check hold in the fixture too.

    /usr/bin/python3 tests/analysis/make_fixture.py OUT.h5 [--trace events] [-r 3]
"""
import argparse
import math
import random

import h5py
import numpy as np

OUTCOME = {"resolved": 0, "transferred": 1, "escalated": 2, "unresolved": 3,
           "abandoned": 4, "blocked": 5, "disconnected": 6}
AGENT_STATE = {"idle": 0, "busy": 1, "wrap_up": 2, "break": 3, "coaching": 4, "offline": 5}
EVENT_KIND = {"arrival": 0, "answer": 1, "abandon": 2, "block": 3, "agent_free": 4,
              "overflow": 5, "retrial": 6}

SCENARIO = """name: fixture-desk
horizon: 4h
warmup: 0s
interval: 30m
replications: 3
seed: 11
service_level: {threshold: 20s, target: 0.80}
contact_types:
  calls:
    arrivals: {rate: 40/h}
    handle_time: {dist: exponential, mean: 6m}
    wrap_up: 1m
    patience: {dist: exponential, mean: 4m}
  mail:
    arrivals: {rate: 10/h}
    handle_time: {dist: exponential, mean: 4m}
agent_groups:
  desk:
    agents: 6
    skills: {calls: 1, mail: 1}
"""

TYPES = ["calls", "mail"]
RATES = [40 / 3600, 10 / 3600]
MEAN_TALK = [360.0, 240.0]
WRAP = [60.0, 0.0]
MEAN_PATIENCE = [240.0, math.inf]
AGENTS = 6
HORIZON, WARMUP, INTERVAL, THRESHOLD = 4 * 3600.0, 0.0, 1800.0, 20.0


def dtypes():
    ct = h5py.enum_dtype({"ALL": -1, **{n: i for i, n in enumerate(TYPES)}}, basetype="i4")
    grp = h5py.enum_dtype({"(none)": -1, "desk": 0}, basetype="i4")
    out = h5py.enum_dtype(OUTCOME, basetype="u1")
    st = h5py.enum_dtype(AGENT_STATE, basetype="u1")
    ev = h5py.enum_dtype(EVENT_KIND, basetype="u1")
    f8 = "<f8"
    counts = [("offered", f8), ("answered", f8), ("abandoned", f8), ("blocked", f8)]
    kpis = [("service_level", f8), ("asa", f8), ("abandon_rate", f8), ("aht", f8)]
    return {
        "summary": np.dtype([("replication", "<i4"), ("contact_type", ct)] + counts + kpis +
                            [("occupancy", f8)]),
        "intervals": np.dtype([("replication", "<i4"), ("interval", "<i4"), ("start", f8),
                               ("end", f8), ("contact_type", ct)] + counts + kpis +
                              [("agents_staffed", f8), ("occupancy", f8)]),
        "contacts": np.dtype([("contact_id", "<u8"), ("customer_id", "<u8"),
                              ("contact_type", ct), ("attempt", "<i4"), ("arrival", f8),
                              ("answer", f8), ("end", f8), ("wait", f8),
                              ("handle_time", f8), ("agent_id", "<i4"),
                              ("agent_group", grp), ("outcome", out)]),
        "agents": np.dtype([("agent_id", "<i4"), ("group", grp), ("state", st),
                            ("start", f8), ("end", f8)]),
        "events": np.dtype([("time", f8), ("kind", ev), ("contact_id", "<i8"),
                            ("customer_id", "<i8"), ("contact_type", ct),
                            ("agent_id", "<i4")]),
    }


def simulate(rng):
    """One replication: contacts (dicts), agent busy periods, the end of the run."""
    arrivals = []
    for t, rate in enumerate(RATES):
        now = rng.expovariate(rate)
        while now < HORIZON:
            arrivals.append((now, t))
            now += rng.expovariate(rate)
    arrivals.sort()
    free_at = [0.0] * AGENTS
    busy = [[] for _ in range(AGENTS)]  # (answer, end of talk, end of wrap-up)
    contacts = []
    for cid, (arr, t) in enumerate(arrivals):
        agent = min(range(AGENTS), key=lambda a: (max(free_at[a], arr), free_at[a]))
        answer = max(free_at[agent], arr)
        patience = rng.expovariate(1 / MEAN_PATIENCE[t]) if math.isfinite(MEAN_PATIENCE[t]) \
            else math.inf
        c = dict(contact_id=cid, customer_id=cid, contact_type=t, attempt=1, arrival=arr)
        if answer - arr > patience:
            c.update(answer=math.nan, end=arr + patience, wait=patience, handle_time=0.0,
                     agent_id=-1, agent_group=-1, outcome=OUTCOME["abandoned"])
        else:
            talk = rng.expovariate(1 / MEAN_TALK[t])
            c.update(answer=answer, end=answer + talk, wait=answer - arr,
                     handle_time=talk + WRAP[t], agent_id=agent, agent_group=0,
                     outcome=OUTCOME["resolved"])
            free_at[agent] = answer + talk + WRAP[t]
            busy[agent].append((answer, answer + talk, answer + talk + WRAP[t]))
        contacts.append(c)
    end_of_run = max([HORIZON] + free_at + [c["end"] for c in contacts])
    contacts.sort(key=lambda c: c["end"])
    return contacts, busy, end_of_run


def kpis(cs, threshold=THRESHOLD):
    offered = [c for c in cs if c["outcome"] != OUTCOME["blocked"]]
    answered = [c for c in offered if not math.isnan(c["answer"])]
    n, a = len(offered), len(answered)
    aband = sum(c["outcome"] == OUTCOME["abandoned"] for c in offered)
    return (n, a, aband, len(cs) - n,
            sum(c["wait"] <= threshold for c in answered) / n if n else math.nan,
            sum(c["wait"] for c in answered) / a if a else math.nan,
            aband / n if n else math.nan,
            sum(c["handle_time"] for c in answered) / a if a else math.nan)


def busy_time(busy, lo, hi):
    return sum(max(0.0, min(e, hi) - max(s, lo)) for periods in busy for s, _, e in periods)


def write(path, trace="events", replications=3, seed=11):
    dt = dtypes()
    rng = random.Random(seed)
    summary, intervals = [], []
    n_int = int(math.ceil(HORIZON / INTERVAL))
    with h5py.File(path, "w") as f:
        for k, v in [("schema_version", np.int32(1)), ("ccsim_version", "0.1.0-fixture"),
                     ("scenario", SCENARIO), ("scenario_name", "fixture-desk"),
                     ("scenario_file", "fixture.yaml"), ("overrides", ""),
                     ("seed", np.uint64(seed)), ("replications", np.int32(replications)),
                     ("trace", trace), ("horizon", HORIZON), ("warmup", WARMUP),
                     ("interval", INTERVAL), ("service_level_target", 0.80),
                     ("service_level_threshold", THRESHOLD)]:
            f.attrs[k] = v
        for r in range(replications):
            contacts, busy, end_of_run = simulate(rng)
            occ = busy_time(busy, WARMUP, HORIZON) / (AGENTS * (HORIZON - WARMUP))
            counted = [c for c in contacts if c["arrival"] >= WARMUP]
            summary.append((r, -1) + kpis(counted) + (occ,))
            for t in range(len(TYPES)):
                summary.append((r, t) + kpis([c for c in counted if c["contact_type"] == t]) +
                               (math.nan,))
            for i in range(n_int):
                lo, hi = i * INTERVAL, min((i + 1) * INTERVAL, HORIZON)
                ic = [c for c in contacts if lo <= c["arrival"] < hi]
                iocc = busy_time(busy, lo, hi) / (AGENTS * (hi - lo))
                for t in [-1] + list(range(len(TYPES))):
                    sel = ic if t < 0 else [c for c in ic if c["contact_type"] == t]
                    intervals.append((r, i, lo, hi, t) + kpis(sel) + (float(AGENTS), iocc))
            if trace == "summary":
                continue
            g = f.create_group(f"replications/{r}")
            rows = [tuple(c[n] for n in dt["contacts"].names) for c in contacts]
            g.create_dataset("contacts", data=np.array(rows, dtype=dt["contacts"]),
                             chunks=True, compression="gzip", shuffle=True)
            if trace != "events":
                continue
            spells = []
            for a, periods in enumerate(busy):
                now = 0.0
                for s, talk_end, e in periods:
                    if s > now:
                        spells.append((a, 0, AGENT_STATE["idle"], now, s))
                    spells.append((a, 0, AGENT_STATE["busy"], s, talk_end))
                    if e > talk_end:
                        spells.append((a, 0, AGENT_STATE["wrap_up"], talk_end, e))
                    now = e
                if now < end_of_run:
                    spells.append((a, 0, AGENT_STATE["idle"], now, end_of_run))
            spells.sort(key=lambda s: s[4])
            g.create_dataset("agents", data=np.array(spells, dtype=dt["agents"]))
            events = []
            for c in contacts:
                events.append((c["arrival"], EVENT_KIND["arrival"], c["contact_id"],
                               c["customer_id"], c["contact_type"], -1))
                if c["agent_id"] >= 0:
                    events.append((c["answer"], EVENT_KIND["answer"], c["contact_id"],
                                   c["customer_id"], c["contact_type"], c["agent_id"]))
                    events.append((c["answer"] + c["handle_time"], EVENT_KIND["agent_free"],
                                   -1, -1, -1, c["agent_id"]))
                else:
                    events.append((c["end"], EVENT_KIND["abandon"], c["contact_id"],
                                   c["customer_id"], c["contact_type"], -1))
            events.sort(key=lambda e: e[0])
            g.create_dataset("events", data=np.array(events, dtype=dt["events"]))
        f.create_dataset("summary", data=np.array(summary, dtype=dt["summary"]))
        f.create_dataset("intervals", data=np.array(intervals, dtype=dt["intervals"]))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--trace", default="events", choices=["summary", "contacts", "events"])
    p.add_argument("-r", type=int, default=3)
    p.add_argument("-s", type=int, default=11)
    a = p.parse_args()
    write(a.out, a.trace, a.r, a.s)
