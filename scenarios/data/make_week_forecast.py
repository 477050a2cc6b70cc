#!/usr/bin/env python3
"""Writes week_forecast.csv, the half-hourly forecast of scenarios/week.yaml.

A WFM-style forecast for the week from Monday 2026-03-02: billing and tech_support, one
row per half hour and queue from 00:00 to 24:00 of every day (volume 0 while closed),
with the interval's average handle time. The shape is the usual one: a Monday peak that
eases through the week, a morning peak, a lunch dip and a smaller afternoon peak on
weekdays (08:00-20:00), a short Saturday morning (09:00-13:00), Sunday closed. Handle
times are a little longer on Mondays and in the mornings.

Deterministic (no random numbers): run it again after changing the figures below, then
check the scenario and its golden summary:

    python3 scenarios/data/make_week_forecast.py
    build/ccsim validate scenarios/week.yaml
    tests/golden_test.sh build/ccsim . --update
"""
import datetime
import os

START = datetime.datetime(2026, 3, 2)  # a Monday, the scenario's start
SLOT = datetime.timedelta(minutes=30)

# Relative volume of each half hour of a weekday from 08:00 and of Saturday from 09:00.
WEEKDAY_SHAPE = [0.55, 0.80, 1.00, 1.15, 1.25, 1.25, 1.20, 1.10,  # 08:00-12:00
                 0.95, 0.80, 0.80, 0.95, 1.10, 1.15, 1.10, 1.00,  # 12:00-16:00
                 0.95, 0.85, 0.75, 0.65, 0.55, 0.45, 0.35, 0.25]  # 16:00-20:00
SATURDAY_SHAPE = [0.60, 0.80, 0.90, 0.90, 0.85, 0.80, 0.70, 0.50]  # 09:00-13:00

# Contacts a day, Monday to Saturday (Sunday closed), and the base AHT in seconds.
QUEUES = {
    "billing": {"days": [2100, 1700, 1550, 1500, 1450, 320], "aht": 240},
    "tech_support": {"days": [1150, 950, 880, 850, 800, 150], "aht": 420},
}


def day_volumes(total, day):
    """The day's volume per half hour from 00:00 (48 values)."""
    volumes = [0.0] * 48
    if day == 6:
        return volumes
    shape, first = (SATURDAY_SHAPE, 18) if day == 5 else (WEEKDAY_SHAPE, 16)
    for i, weight in enumerate(shape):
        volumes[first + i] = round(total * weight / sum(shape), 1)
    return volumes


def aht(base, day, slot):
    """Longer on Mondays and before noon."""
    factor = (1.05 if day == 0 else 1.0) * (1.04 if slot < 24 else 0.98)
    return round(base * factor)


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "week_forecast.csv")
    with open(path, "w", encoding="utf-8") as out:
        out.write("interval_start,contact_type,volume,aht\n")
        for day in range(7):
            for slot in range(48):
                start = START + datetime.timedelta(days=day) + slot * SLOT
                for queue, q in QUEUES.items():
                    total = q["days"][day] if day < 6 else 0
                    volume = day_volumes(total, day)[slot]
                    shown = aht(q["aht"], day, slot) if volume > 0 else ""
                    out.write(f"{start:%Y-%m-%d %H:%M},{queue},{volume:g},{shown}\n")


if __name__ == "__main__":
    main()
