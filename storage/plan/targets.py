"""An indicator's target for a period, worked out when it is relative, and whether a value meets
it by the target's direction: shown in the dashboard, the walk-through and the minutes. Plain
data in and out.

A target is absolute (`value`) or a change on a base period (`change_percent` on
`relative_to`): the base is that period's performance, as the plans word it ('-3% reduction on
Yr 1 performance'): the result recorded for it (`results`: the latest value of each period) when
there is one, until then the target of that period (itself worked out if relative), said so in
the arithmetic ("Yr 1's result not yet recorded: worked out on its target, 0.72 → 0.6775");
else the baseline when the baseline's `period` is the one named. Its direction is as written
(`at_least`, `at_most`, `exactly`), else `at_most` when lower is better and `at_least` when not.
A target that cannot be worked out says why (`Goal.missing`: 'needs a baseline value'), and
`missing_base` says where in the plan the missing part belongs, for `validate` to point at.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    #: Why `value` cannot be worked out ('needs a baseline value'); None when it is known.
    missing: str | None = None

    @property
    def shown(self) -> str:
        """The words, with the arithmetic of a relative target (or why it cannot be worked out) after them."""
        after = self.working or self.missing
        return f"{self.written} ({after})" if after else self.written


@dataclass(frozen=True)
class MissingBase:
    """What a relative target's base lacks: `at` is the missing field's path in the indicator
    (('baseline',), ('baseline', 'period'), ('baseline', 'value'); a path into a missing field
    points at its parent), or () when the target's `relative_to` names a period that is no
    target's and not the baseline's; `reason` what the views show ('needs a baseline value'),
    `problem` what `validate` says there."""

    at: tuple[str, ...]
    reason: str
    problem: str


def missing_base(indicator: Indicator, target: Target) -> MissingBase | None:
    """What is missing for `target`'s base when it is measured against the baseline (its
    `relative_to` is no target's period); None when nothing is, or it is not."""
    wanted = target.relative_to
    if target.change_percent is None or wanted is None or any(t.period == wanted for t in indicator.targets):
        return None
    baseline = indicator.baseline
    so = f"so target {target.period!r} ({target.change_percent:+g}% on {wanted}) cannot be worked out"
    if baseline is None:
        return MissingBase(("baseline",), f"needs a baseline for {wanted}",
                           f"no baseline, {so}; add `baseline` with `period: {wanted}` and its `value`")
    if baseline.period is None:
        return MissingBase(("baseline", "period"), "needs a baseline period",
                           f"the baseline has no `period`, {so}; give it `period: {wanted}`")
    if baseline.period != wanted:
        return MissingBase((), f"needs a target or baseline for {wanted}",
                           f"target {target.period!r} is measured against {wanted!r}, which is neither one of "
                           f"its targets' periods nor the baseline's ({baseline.period!r})")
    if baseline.value is None:
        return MissingBase(("baseline", "value"), "needs a baseline value",
                           f"the baseline has no `value`, {so}; give the baseline's number as `value`")
    return None


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


_CIRCLE = "base periods go round in a circle"


#: What a view shows where a period has no target it can compare with (the Met column fits it).
NO_TARGET = "no target"


def short_period(period: str) -> str:
    """A period's short name, as the plans refer to it: 'Yr 1' for 'Yr 1 - 2008/9'."""
    return period.split(" - ")[0].strip() or period


def unrecorded_working(period: str, base: float, value: float) -> str:
    """The arithmetic of a relative target whose base period has no result yet, in a reader's
    words: "Yr 1's result not yet recorded: worked out on its target, 0.72 → 0.6775"."""
    return (f"{short_period(period)}'s result not yet recorded: worked out on its target, "
            f"{number(base)} → {number(value)}")


def result_of(results: Mapping[str, float] | None, period: str) -> float | None:
    """The result recorded for `period`: the value of that period, else of the one whose period
    starts the same way (as `find_target` matches: 'Yr 1' for 'Yr 1 - 2008/9'); None when none."""
    if not results:
        return None
    if period in results:
        return results[period]
    key = _period_key(period)
    return next((v for p, v in results.items() if _period_key(p) == key), None)


def goal_of(indicator: Indicator, target: Target, results: Mapping[str, float] | None = None) -> Goal:
    """`target` worked out: its value, or its change on its base period's performance: the result
    in `results` (period -> the latest value recorded for it), else that period's target."""
    return _goal(indicator, target, frozenset(), results)


def _goal(indicator: Indicator, target: Target, seen: frozenset[str],
          results: Mapping[str, float] | None = None) -> Goal:
    direction = direction_of(indicator, target)
    if target.value is not None:
        return Goal(target.period, target.as_written, target.value, direction)
    if target.change_percent is None:
        return Goal(target.period, target.as_written, None, direction, missing="needs a value or change_percent")
    if target.relative_to is None:
        return Goal(target.period, target.as_written, None, direction, missing="needs relative_to, its base period")
    if target.period in seen:
        return Goal(target.period, target.as_written, None, direction, missing=_CIRCLE)
    base = next((t for t in indicator.targets if t.period == target.relative_to), None)
    unrecorded = False
    base_value: float | None
    if base is not None and (result := result_of(results, base.period)) is not None:
        base_value, base_kind, missing = result, "result", None
    elif base is not None:
        based = _goal(indicator, base, seen | {target.period}, results)
        base_value, base_kind, missing, unrecorded = based.value, "target", based.missing, True
        if missing and missing != _CIRCLE and not missing.startswith("target "):  # name the first target only
            missing = f"target {target.relative_to} {missing}"
    else:
        gap = missing_base(indicator, target)
        base_value = indicator.baseline.value if gap is None and indicator.baseline else None
        base_kind, missing = "baseline", gap.reason if gap else None
    if base_value is None:
        return Goal(target.period, target.as_written, None, direction, missing=missing)
    value = round(base_value * (1 + target.change_percent / 100), 4)
    if unrecorded:
        working = unrecorded_working(target.relative_to, base_value, value)
    else:
        working = (f"{target.change_percent:+g}% on {target.relative_to} {base_kind} {number(base_value)}"
                   f" → {number(value)}")
    return Goal(target.period, target.as_written, value, direction, working)


def goals(indicator: Indicator, results: Mapping[str, float] | None = None) -> list[Goal]:
    """Every target of the indicator worked out (on the base periods' `results` where recorded), in plan order."""
    return [goal_of(indicator, t, results) for t in indicator.targets]


def target_value(indicator: Indicator, period: str | None,
                 results: Mapping[str, float] | None = None) -> tuple[str, float | None]:
    """The target for `period` (else the last target): as written, and as a number when known."""
    if not indicator.targets:
        return "—", None
    found = goal_of(indicator, find_target(indicator, period) or indicator.targets[-1], results)
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
        return f"target cannot be worked out: {goal.missing}" if goal.missing else NO_TARGET
    met = meets(goal, value)
    sign = _SIGNS[goal.direction][0 if met else 1]
    shown, target = number(value), number(goal.value)
    if shown == target and sign != "=":  # rounded alike: show them as they are
        shown, target = f"{value:g}", f"{goal.value:g}"
    return f"{'✓ met' if met else '✗ not met'}: {shown} {sign} {target}"


def against_target(indicator: Indicator, period: str | None, value: float | None,
                   results: Mapping[str, float] | None = None) -> tuple[str, str]:
    """(the target for `period`, else the last, as written with any arithmetic; the verdict)."""
    if not indicator.targets:
        return "—", "no value yet" if value is None else NO_TARGET
    found = goal_of(indicator, find_target(indicator, period) or indicator.targets[-1], results)
    return found.shown, verdict(found, value)


def direction_words(goal: Goal) -> str:
    """'at most 0.72', 'at least 40': the direction and the number, for a list of targets (else
    why there is no number: 'needs a baseline value')."""
    if goal.value is None:
        return goal.missing or "no number"
    return f"{_WORDS[goal.direction]} {number(goal.value)}"


def contributions(plan: Plan, indicator: Indicator) -> str:
    """What delivers the indicator (`contributes_to`), as the views list it: 'theme 2, action 7.4'."""
    themes = {t.id for t in plan.themes}
    return ", ".join(f"{'theme' if ident in themes else 'action'} {ident}" for ident in indicator.contributes_to)
