"""Targets by direction, and relative targets worked out with their arithmetic
(storage/plan/targets.py): what the walk-through, the dashboard and the minutes judge by."""

from __future__ import annotations

import pytest

from storage.plan.model import Baseline, Indicator, Target
from storage.plan.targets import Goal, against_target, direction_words, goals, missing_base, number, verdict


def indicator(*targets: Target, lower_is_better: bool = True, baseline: Baseline | None = None) -> Indicator:
    return Indicator(id="X", title="X", lower_is_better=lower_is_better, targets=list(targets), baseline=baseline)


def test_each_direction_meets_its_own_way() -> None:
    at_least = indicator(Target(period="P", as_written="at least 40", value=40, direction="at_least"))
    at_most = indicator(Target(period="P", as_written="no more than 40", value=40, direction="at_most"),
                        lower_is_better=False)  # the direction written wins over lower_is_better
    exactly = indicator(Target(period="P", as_written="maintain 1,220", value=1220, direction="exactly"))
    assert against_target(at_least, "P", 40)[1] == "✓ met: 40 ≥ 40"
    assert against_target(at_least, "P", 39.5)[1] == "✗ not met: 39.5 < 40"
    assert against_target(at_most, "P", 41)[1] == "✗ not met: 41 > 40"
    assert against_target(at_most, "P", 40)[1] == "✓ met: 40 ≤ 40"
    assert against_target(exactly, "P", 1220)[1] == "✓ met: 1,220 = 1,220"
    assert against_target(exactly, "P", 1221)[1] == "✗ not met: 1,221 ≠ 1,220"


def test_no_direction_follows_lower_is_better() -> None:
    higher = indicator(Target(period="P", as_written="40", value=40), lower_is_better=False)
    lower = indicator(Target(period="P", as_written="40", value=40))
    assert against_target(higher, "P", 45)[1] == "✓ met: 45 ≥ 40"
    assert against_target(lower, "P", 45)[1] == "✗ not met: 45 > 40"


def test_relative_targets_on_the_baseline_and_on_a_relative_target() -> None:
    ind = indicator(
        Target(period="2010/11", as_written="-3% on the baseline", change_percent=-3, relative_to="2009/10"),
        Target(period="2011/12", as_written="-10% on 2010/11", change_percent=-10, relative_to="2010/11"),
        baseline=Baseline(as_written="1,234", value=1234, period="2009/10"))
    first, second = goals(ind)
    assert (first.value, first.working) == (1196.98, "-3% on 2009/10 baseline 1,234 → 1,197")
    assert (second.value, second.working) == (
        1077.282, "2010/11's result not yet recorded: worked out on its target, 1,197 → 1,077")
    assert second.shown == ("-10% on 2010/11 (2010/11's result not yet recorded: worked out on its target, "
                            "1,197 → 1,077)")
    assert direction_words(second) == "at most 1,077"
    assert against_target(ind, "2010/11", 1190) == (
        "-3% on the baseline (-3% on 2009/10 baseline 1,234 → 1,197)", "✓ met: 1,190 ≤ 1,197")


def test_a_target_that_cannot_be_worked_out_says_why() -> None:
    cyclic = indicator(Target(period="A", as_written="+1% on B", change_percent=1, relative_to="B"),
                       Target(period="B", as_written="+1% on A", change_percent=1, relative_to="A"))
    unknown = indicator(Target(period="A", as_written="-3% on 2001", change_percent=-3, relative_to="2001"))
    assert against_target(cyclic, "A", 1) == ("+1% on B (base periods go round in a circle)",
                                              "target cannot be worked out: base periods go round in a circle")
    assert against_target(unknown, "A", 1)[1] == "target cannot be worked out: needs a baseline for 2001"
    assert against_target(indicator(), None, 1) == ("—", "no target")  # the Met column's words, as the charts'
    assert verdict(Goal("A", "n/a", None, "at_most"), 1) == "no target"


RELATIVE = Target(period="2010/11", as_written="-3% on the baseline", change_percent=-3, relative_to="2009/10")
ON_RELATIVE = Target(period="2011/12", as_written="-10% on 2010/11", change_percent=-10, relative_to="2010/11")


@pytest.mark.parametrize(("baseline", "reason", "at"), [
    (Baseline(as_written="1,234", period="2009/10"), "needs a baseline value", ("baseline", "value")),
    (Baseline(as_written="1,234", value=1234), "needs a baseline period", ("baseline", "period")),
    (None, "needs a baseline for 2009/10", ("baseline",)),
    (Baseline(as_written="1,234", value=1234, period="2008/09"), "needs a target or baseline for 2009/10", ()),
])
def test_a_target_on_a_baseline_that_lacks_a_part_says_which(baseline: Baseline | None, reason: str,
                                                             at: tuple[str, ...]) -> None:
    """A deleted baseline value or period: every view says what the target needs, never 'not numeric'."""
    ind = indicator(RELATIVE, ON_RELATIVE, baseline=baseline)
    first, second = goals(ind)
    assert (first.value, first.missing, direction_words(first)) == (None, reason, reason)
    assert first.shown == f"-3% on the baseline ({reason})"
    assert second.missing == f"target 2010/11 {reason}"  # a target on it names the first target only
    assert against_target(ind, "2010/11", 1190)[1] == f"target cannot be worked out: {reason}"
    gap = missing_base(ind, RELATIVE)
    assert gap is not None and (gap.at, gap.reason) == (at, reason)
    assert missing_base(ind, ON_RELATIVE) is None  # measured against a target, not the baseline


@pytest.mark.parametrize(("value", "shown"), [
    (23500.0, "23,500"), (1234567.0, "1,234,567"), (0.6984, "0.6984"), (12.0, "12"), (0.71, "0.71")])
def test_a_value_is_shown_one_way_everywhere_never_in_scientific_notation(value: float, shown: str) -> None:
    """The minutes printed 23,500 as 2.35e+04 while the walk-through said 23500."""
    assert number(value) == shown


def test_a_relative_target_is_worked_out_on_its_base_periods_result_once_recorded() -> None:
    """NI 15's plan: Yr 2 is '-3% reduction on Yr 1 performance': on Yr 1's result, not its target
    (FIX17B, issue 17 try, item 3); the target stands in only until the result is recorded."""
    ind = indicator(
        Target(period="Yr 1 - 2008/9", as_written="0.72", value=0.72),
        Target(period="Yr 2 - 2009/10", as_written="-3% reduction on Yr 1 performance", change_percent=-3,
               relative_to="Yr 1 - 2008/9"),
        Target(period="Yr 3 - 2010/11", as_written="-5.9% reduction on Yr 1", change_percent=-5.9,
               relative_to="Yr 1 - 2008/9"))
    before = goals(ind)
    assert before[1].working == "Yr 1's result not yet recorded: worked out on its target, 0.72 → 0.6984"
    assert before[2].shown == ("-5.9% reduction on Yr 1 (Yr 1's result not yet recorded: worked out on its target, "
                               "0.72 → 0.6775)")
    results = {"Yr 1 - 2008/9": 0.70}
    _, second, third = goals(ind, results)
    assert (second.value, second.working) == (0.679, "-3% on Yr 1 - 2008/9 result 0.7 → 0.679")
    assert (third.value, third.working) == (0.6587, "-5.9% on Yr 1 - 2008/9 result 0.7 → 0.6587")
    assert against_target(ind, "Yr 2 - 2009/10", 0.69, results)[1] == "✗ not met: 0.69 > 0.679"
    assert against_target(ind, "Yr 2 - 2009/10", 0.69)[1] == "✓ met: 0.69 ≤ 0.6984"  # on the target, before
    assert goals(ind, {"Yr 1": 0.70})[1].value == 0.679  # a result stored under the period's short name
