"""Status codes and the two rules every view shares (late, stale), without the plan model.

The home screen counts from plan outlines before pydantic and `storage/plan/model.py` are
imported (docs/performance.md, figure 1), so these live here; the model re-exports
UNRATED_CODE.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from functools import lru_cache

UNRATED_CODE = "-"
COMPLETE_CODE = "B"  # complete on the default scale; a plan's own is `Plan.complete_code`


def is_late(due: date | None, rag: str | None, today: date, complete: str = COMPLETE_CODE) -> bool:
    """Past its resolved deadline and not complete (`complete`: the plan's highest rank)."""
    return due is not None and due < today and rag != complete


def stale_before(today: date, cycle_days: int) -> datetime:
    """The first instant (local midnight) of the earliest local day that is not stale."""
    return _local_midnight(today - timedelta(days=cycle_days), time.tzname, time.timezone)


@lru_cache(maxsize=16)
def _local_midnight(day: date, _zone_names: tuple[str, str], _offset: int) -> datetime:
    """Cached by day and by zone (tests change TZ), as 10,000 rows ask for the same one."""
    return datetime.combine(day, datetime.min.time()).astimezone()


def is_stale(last: datetime | None, today: date, cycle_days: int) -> bool:
    """Last updated on a local day more than one meeting cycle before `today`: compared with
    one instant rather than converting each time to a local date (the same answer)."""
    return last is not None and last < stale_before(today, cycle_days)
