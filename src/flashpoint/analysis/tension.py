"""The tension index of a dyad and the weekly change bands that escalation alerts are built on.

Tension of a dyad in a week (docs/analysis.md):

    T = sum(|Goldstein| of its QuadClass 3-4 events) - sum(|Goldstein| of its QuadClass 1-2 events)

counted over real events (clusters). A country pair's tension is the dyad's in both directions.
Each week is compared with the weeks before it (ACLED-style change bands, after ACLED's Conflict
Change Map, which flags a period at least two standard deviations above its past-year average):

    z52        = (T - mean of the previous 52 weeks) / max(sd of the previous 52 weeks, SD_FLOOR)
    change_4w  = (T - mean of the previous 4 weeks) / max(|that mean|, 1)  (a fraction)
    band       = major increase (z52 >= 2), increase (>= 1), stable (-1 < z52 < 1), decrease, major decrease
    highest_in = number of consecutive previous weeks (up to 52) whose tension was below T
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from flashpoint.analysis import series
from flashpoint.store.db import Store

SD_FLOOR = 10.0  # Goldstein points: one fully violent event. Keeps a flat history from turning noise into z.
MIN_HISTORY = 4  # weeks of history before a band is given
BANDS = ((2.0, "major increase"), (1.0, "increase"), (-1.0, "stable"), (-2.0, "decrease"))


def band(z: float | None) -> str | None:
    if z is None:
        return None
    for threshold, name in BANDS:
        if z > threshold or (z == threshold and threshold > 0):
            return name
    return "major decrease"


def week_stats(values: Sequence[float], index: int) -> dict[str, Any]:
    """Change of ``values[index]`` against the 4 and 52 values before it."""
    value = values[index]
    before = list(values[max(0, index - 52):index])
    if len(before) < MIN_HISTORY:
        return {"z52": None, "band": None, "change_4w": None, "change_52w": None, "baseline_52w": None,
                "highest_in_weeks": None}
    mean52 = sum(before) / len(before)
    sd52 = math.sqrt(max(sum(v * v for v in before) / len(before) - mean52 * mean52, 0.0))
    mean4 = sum(before[-4:]) / 4
    z = (value - mean52) / max(sd52, SD_FLOOR)
    highest_in = 0
    for previous in reversed(before):
        if previous >= value:
            break
        highest_in += 1
    return {
        "z52": round(z, 3),
        "band": band(z),
        "change_4w": round((value - mean4) / max(abs(mean4), 1.0), 3),
        "change_52w": round((value - mean52) / max(abs(mean52), 1.0), 3),
        "baseline_52w": round(mean52, 3),
        "highest_in_weeks": highest_in,
    }


def tension_series(store: Store, actor: str, recipient: str, *, since: str | None = None,
                   until: str | None = None, undirected: bool = False, by: str = "country") -> list[dict[str, Any]]:
    """Weekly tension of actor -> recipient (or of the pair both ways) with its change bands."""
    rows = series.dyad_series(store, actor, recipient, by=by, freq="week", since=since, until=until,
                              undirected=undirected)
    values = [row["tension"] for row in rows]
    for index, row in enumerate(rows):
        row.update(week_stats(values, index))
    return rows


def rolling_sums(daily: dict[dt.date, int], first: dt.date, last: dt.date, days: int = 30) -> np.ndarray:
    """Sum of the ``days`` days ending on each day from first to last (index 0 is ``first``)."""
    base = first - dt.timedelta(days=days)
    values = np.zeros((last - base).days + 1, dtype=np.int64)
    for day, value in daily.items():
        offset = (day - base).days
        if 0 <= offset < len(values):
            values[offset] += value
    total = np.concatenate(([0], np.cumsum(values)))
    ends = np.arange(days, len(values)) + 1
    return total[ends] - total[ends - days]


def tension(store: Store, actor: str, recipient: str, *, freq: str = "week", since: str | None = None,
            until: str | None = None, undirected: bool = False) -> dict[str, Any]:
    """The tension line of a dyad with the alerts of each week (weekly; ``freq`` other than week is refused)."""
    from flashpoint.analysis.alerts import dyad_alerts
    from flashpoint.errors import InputError

    if freq != "week":
        raise InputError(f"the tension index is weekly; got period {freq!r}")
    rows = tension_series(store, actor, recipient, since=since, until=until, undirected=undirected)
    return {"actor": actor.upper(), "recipient": recipient.upper(), "undirected": undirected, "series": rows,
            "alerts": dyad_alerts(store, actor, recipient, rows, undirected=undirected)}


def alerts(store: Store, as_of: str | None = None) -> list[dict[str, Any]]:
    """The alerts of the latest week over every dyad (see alerts.py)."""
    from flashpoint.analysis.alerts import alerts as all_alerts

    return all_alerts(store, as_of)
