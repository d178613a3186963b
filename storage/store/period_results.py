"""Each indicator's result per period as a meeting knew it: the base of a relative target
('-3% reduction on Yr 1 performance', storage/plan/targets.py) in the minutes.

One query, no record objects: the latest value of each (indicator, period) the meeting knew
(`storage.store.minutes_reads.KNOWN`, the bound of `indicator_value_keys_at`), of the periods asked for.
Reading every value as IndicatorValue records took ~10 ms of CPU on the benchmark store's 2,000
values (row 7's minutes); this reads only the base periods' rows.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import TYPE_CHECKING

from storage.store.minutes_reads import KNOWN, value_bound

if TYPE_CHECKING:
    from storage.store.records import Meeting
    from storage.store.store import Store

_RESULTS = f"""
SELECT indicator_id, period, value FROM indicator_values
WHERE id IN (SELECT max(id) FROM indicator_values
             WHERE plan_id = :plan AND {KNOWN} AND period IN (SELECT value FROM json_each(:periods))
             GROUP BY indicator_id, period)
ORDER BY id
"""


def period_results_at(store: Store, meeting: Meeting, periods: Collection[str]) -> dict[str, dict[str, float]]:
    """Indicator id -> period -> its latest value `meeting` knew (`KNOWN`), for the `periods`
    named (the base periods: a handful, where the plan's values have many)."""
    out: dict[str, dict[str, float]] = {}
    params = {**value_bound(meeting), "periods": json.dumps(sorted(periods))}
    for indicator_id, period, value in store.conn.execute(_RESULTS, params):
        out.setdefault(indicator_id, {})[period] = float(value)
    return out
