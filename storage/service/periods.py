"""The period a value is recorded for, read against the indicator's own periods (FIX17, issue 17).

A plan whose indicator has targets by period names its periods ('Yr 1 - 2008/9'); a value typed
for 'Yr 3' or 'yr 3' is for 'Yr 3 - 2010/11', stored under the plan's name so the value meets its
target and the chart puts it in its column. `match_period` finds the one period the typed text
names: the same words in any case and spacing, or the start of the name up to a word's end
('Yr 1' is not 'Yr 10 - …'), or one of its ' - ' parts ('2010/11'). A part of a plan's period
('2026 Q1' when the targets are by year '2026') is kept as typed. None or several: a problem
naming the plan's periods. An indicator with no periods takes any text.
"""

from __future__ import annotations

import re

from storage.plan.model import Indicator
from storage.plan.period_order import fold as _fold
from storage.plan.period_order import indicator_periods, latest_value, period_rank

__all__ = ["indicator_periods", "latest_value", "match_period", "period_rank"]


def match_period(indicator: Indicator, typed: str, *, flag: str = "--period") -> tuple[str | None, str | None]:
    """(the plan's name for the period `typed` names, None) or (None, why not). With no periods
    in the plan, (typed as given, None). The one rule of the CLI's `steerco indicator --period`
    and the app's value dialog (`v`); `flag` leads the problem ('' in the app: the field is named
    by the dialog)."""
    periods = [p for p in indicator_periods(indicator) if p.strip()]
    text = typed.strip()
    lead = f"{flag} " if flag else ""
    if not [t for t in indicator.targets if str(t.period).strip()]:
        if text:
            return text, None
        return None, f"{flag}: give the period the value is for" if flag else "Give the period the value is for"
    want = _fold(text)
    exact = [p for p in periods if _fold(p) == want]
    if exact:
        return exact[0], None
    within = [p for p in periods if want.startswith(_fold(p) + " ")]
    if within:  # a part of one of the plan's periods ('2026 Q1' of '2026'): as typed
        return " ".join(text.split()), None
    if want:
        starts = [p for p in periods if re.match(re.escape(want) + r"(?![0-9a-z])", _fold(p))]
        parts = [p for p in periods if want in (_fold(part) for part in p.split(" - "))]
        found = list(dict.fromkeys(starts + parts))
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            return None, (f"{lead}{typed!r} could be {' or '.join(repr(p) for p in found)}: "
                          f"give one of the periods of {indicator.id}")
    listed = ", ".join(repr(p) for p in periods)
    return None, f"{lead}{typed!r} is not a period of {indicator.id}: give one of {listed}"
