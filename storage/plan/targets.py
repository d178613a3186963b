"""An indicator's target for a period, and whether a value meets it: shown in the dashboard
and the walk-through. Plain data in and out."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.plan.model import Indicator


def target_value(indicator: Indicator, period: str | None) -> tuple[str, float | None]:
    """The target for `period` (else the last target): as written, and as a number when known."""
    if not indicator.targets:
        return "—", None
    target = next((t for t in indicator.targets if t.period == period), indicator.targets[-1])
    if target.value is not None:
        return target.as_written, target.value
    base = next((t.value for t in indicator.targets if t.period == target.relative_to), None)
    if base is not None and target.change_percent is not None:
        return target.as_written, round(base * (1 + target.change_percent / 100), 4)
    return target.as_written, None


def against_target(indicator: Indicator, period: str | None, value: float | None) -> tuple[str, str]:
    """(the target as written, '✓ met: 0.7 ≤ 0.72' / '✗ not met: …' / what is missing)."""
    written, goal = target_value(indicator, period)
    if value is None:
        return written, "no value yet"
    if goal is None:
        return written, "target not numeric"
    met = value <= goal if indicator.lower_is_better else value >= goal
    sign = "≤" if indicator.lower_is_better else "≥"
    return written, f"{'✓ met' if met else '✗ not met'}: {value:g} {sign if met else ('>' if sign == '≤' else '<')} {goal:g}"
