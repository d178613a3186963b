"""An indicator's own period order, and THE rule for its latest value (FIXD, issue 17 try).

Values are recorded in any order: a late value for Yr 2 may come after Yr 3's. "Latest" means
the latest period, not the last record: every view that shows an indicator's latest value (the
dashboard's tab and detail, the walk-through's panel and jump list, the minutes' indicator
table) takes it from `latest_value`. Here, under the service and the minutes, so both reach it;
storage/service/periods.py gives it to the app.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from storage.plan.model import Indicator


class _Recorded(Protocol):
    @property
    def indicator_id(self) -> str: ...
    @property
    def period(self) -> str: ...


V = TypeVar("V", bound=_Recorded)


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


def indicator_periods(indicator: Indicator) -> list[str]:
    """The indicator's periods in plan order: its baseline's, then its targets' (each once)."""
    found: list[str] = []
    if indicator.baseline is not None and indicator.baseline.period:
        found.append(str(indicator.baseline.period))
    for target in indicator.targets:
        if str(target.period) not in found:
            found.append(str(target.period))
    return found


def period_rank(indicator: Indicator, period: str) -> int | None:
    """Where `period` stands in the indicator's own period order (`indicator_periods`): its
    place, or that of the plan's period it names ('Yr 2' for 'Yr 2 - 2009/10') or is a part of
    ('2026 Q1' of '2026'); None for a period the plan does not list."""
    return _Ranks(indicator)(period)


class _Ranks:
    """`period_rank` for one indicator, its periods folded once (the minutes rank every value)."""

    def __init__(self, indicator: Indicator) -> None:
        self.periods = [fold(p) for p in indicator_periods(indicator)]
        self.exact = {p: n for n, p in reversed(list(enumerate(indicator_periods(indicator))))}
        self.keys = [p.split(" - ")[0].strip() for p in self.periods]

    def __call__(self, period: str) -> int | None:
        if period in self.exact:  # as the plan names it: how a value is stored (storage/service/periods.py)
            return self.exact[period]
        want = fold(period)
        if want in self.periods:
            return self.periods.index(want)
        key = want.split(" - ")[0].strip()
        for n, listed in enumerate(self.periods):
            if self.keys[n] == key or want.startswith(listed + " "):
                return n
        return None


def latest_index(indicator: Indicator, periods: Iterable[str]) -> int | None:
    """Where, in `periods` (the periods of the indicator's values in the order recorded), its latest
    value is (`latest_value`'s rule); None when there is none."""
    rank_of = _Ranks(indicator)
    best: int | None = None
    best_key = (-1, -1)
    rank = -1
    for n, period in enumerate(periods):
        placed = rank_of(period)
        rank = rank if placed is None else placed
        if (rank, n) >= best_key:
            best, best_key = n, (rank, n)
    return best


def latest_value(indicator: Indicator, values: Iterable[V]) -> V | None:
    """THE rule for an indicator's latest value: the value of its latest period in the plan's
    period order (`period_rank`), of that period its newest record. `values` are in the order
    recorded (any indicator's: the others are left out). A period the plan does not list, and
    every period of an indicator with no periods, goes by record order: it stands where the
    value recorded before it stood, so it is later than that one and earlier than a later period.
    So a late value for Yr 2 recorded after Yr 3's is not the latest; Yr 3's is."""
    mine = [v for v in values if v.indicator_id == indicator.id]
    found = latest_index(indicator, [v.period for v in mine])
    return None if found is None else mine[found]
