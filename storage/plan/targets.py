"""An indicator's target for a period, worked out when it is relative, and whether a value meets
it by the target's direction: shown in the dashboard, the walk-through and the minutes. Plain
data in and out.

A target is absolute (`value`) or a change on a base period (`change_percent` on
`relative_to`): the base is the target of that period (itself worked out if relative), else
the baseline when the baseline's `period` is the one named. Its direction is as written
(`at_least`, `at_most`, `exactly`), else `at_most` when lower is better and `at_least` when not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.plan.model import Indicator, Plan, Target

AT_LEAST, AT_MOST, EXACTLY = "at_least", "at_most", "exactly"
#: The sign a met value stands to the target by, and the sign of a miss, per direction.
_SIGNS = {AT_MOST: ("≤", ">"), AT_LEAST: ("≥", "<"), EXACTLY: ("=", "≠")}
_WORDS = {AT_MOST: "at most", AT_LEAST: "at least", EXACTLY: "exactly"}


@dataclass(frozen=True)
class Goal:
    """A target as steerco reads it: its words, its number when known, its direction, and for
    a relative target the arithmetic ('-3% on 2009/10 baseline 1,234 → 1,197')."""

    period: str
    written: str
    value: float | None
    direction: str
    working: str | None = None

    @property
    def shown(self) -> str:
        """The words, with the arithmetic of a relative target after them."""
        return f"{self.written} ({self.working})" if self.working else self.written


def number(value: float) -> str:
    """A target or value as the views print it: thousands separated, four significant figures
    below 1,000 ('1,197', '0.6984')."""
    if abs(value) >= 1000:
        return f"{round(value):,}"
    return f"{value:.4g}"


def direction_of(indicator: Indicator, target: Target) -> str:
    return target.direction or (AT_MOST if indicator.lower_is_better else AT_LEAST)


def _period_key(text: str) -> str:
    return text.split(" - ")[0].strip().casefold()


def find_target(indicator: Indicator, period: str | None) -> Target | None:
    """The target for `period`: the one of that period, else the one whose period starts the
    same way ('Yr 2' for 'Yr 2 - 2009/10'); None when there is none."""
    if period is None:
        return None
    exact = next((t for t in indicator.targets if t.period == period), None)
    return exact or next((t for t in indicator.targets if _period_key(t.period) == _period_key(period)), None)


def goal_of(indicator: Indicator, target: Target) -> Goal:
    """`target` worked out: its value, or its change on its base period's value."""
    return _goal(indicator, target, frozenset())


def _goal(indicator: Indicator, target: Target, seen: frozenset[str]) -> Goal:
    direction = direction_of(indicator, target)
    if target.value is not None:
        return Goal(target.period, target.as_written, target.value, direction)
    if target.change_percent is None or target.relative_to is None or target.period in seen:
        return Goal(target.period, target.as_written, None, direction)
    base_value, base_kind = None, ""
    base = next((t for t in indicator.targets if t.period == target.relative_to), None)
    if base is not None:
        base_value, base_kind = _goal(indicator, base, seen | {target.period}).value, "target"
    elif indicator.baseline is not None and indicator.baseline.period == target.relative_to:
        base_value, base_kind = indicator.baseline.value, "baseline"
    if base_value is None:
        return Goal(target.period, target.as_written, None, direction)
    value = round(base_value * (1 + target.change_percent / 100), 4)
    working = (f"{target.change_percent:+g}% on {target.relative_to} {base_kind} {number(base_value)}"
               f" → {number(value)}")
    return Goal(target.period, target.as_written, value, direction, working)


def goals(indicator: Indicator) -> list[Goal]:
    """Every target of the indicator worked out, in the plan's order."""
    return [goal_of(indicator, t) for t in indicator.targets]


def target_value(indicator: Indicator, period: str | None) -> tuple[str, float | None]:
    """The target for `period` (else the last target): as written, and as a number when known."""
    if not indicator.targets:
        return "—", None
    found = goal_of(indicator, find_target(indicator, period) or indicator.targets[-1])
    return found.written, found.value


def meets(goal: Goal, value: float) -> bool:
    if goal.value is None:
        return False
    if goal.direction == EXACTLY:
        return abs(value - goal.value) <= 1e-9 * max(1.0, abs(goal.value))
    return value <= goal.value if goal.direction == AT_MOST else value >= goal.value


def verdict(goal: Goal, value: float | None) -> str:
    """'✓ met: 0.7 ≤ 0.72' / '✗ not met: …' / what is missing."""
    if value is None:
        return "no value yet"
    if goal.value is None:
        return "target not numeric"
    met = meets(goal, value)
    sign = _SIGNS[goal.direction][0 if met else 1]
    shown, target = number(value), number(goal.value)
    if shown == target and sign != "=":  # rounded alike: show them as they are
        shown, target = f"{value:g}", f"{goal.value:g}"
    return f"{'✓ met' if met else '✗ not met'}: {shown} {sign} {target}"


def against_target(indicator: Indicator, period: str | None, value: float | None) -> tuple[str, str]:
    """(the target for `period`, else the last, as written with any arithmetic; the verdict)."""
    if not indicator.targets:
        return "—", "no value yet" if value is None else "target not numeric"
    found = goal_of(indicator, find_target(indicator, period) or indicator.targets[-1])
    return found.shown, verdict(found, value)


def direction_words(goal: Goal) -> str:
    """'at most 0.72', 'at least 40': the direction and the number, for a list of targets."""
    return f"{_WORDS[goal.direction]} {number(goal.value)}" if goal.value is not None else "not numeric"


def contributions(plan: Plan, indicator: Indicator) -> str:
    """What delivers the indicator (`contributes_to`), as the views list it: 'theme 2, action 7.4'."""
    themes = {t.id for t in plan.themes}
    return ", ".join(f"{'theme' if ident in themes else 'action'} {ident}" for ident in indicator.contributes_to)
