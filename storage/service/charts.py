"""The numbers behind the charts: an indicator's values by period against its baseline and targets,
an action's status at the end of each of the last meetings, and the plan's RAG mix over time.

A mixin of `Service`. Targets are worked out by storage.plan.targets (find_target, goal_of), the
status at a meeting's end read by the store (storage/store/chart_reads.py); the records are
storage.minutes.charts', which also makes them into document charts. Nothing heavy is imported
here: the drawing library only when a document is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.minutes.charts import IndicatorSeries, MeetingRef, RagMix, ScaleStatus, StatusSeries
    from storage.plan.model import Indicator, Plan
    from storage.plan.targets import Goal
    from storage.store.chart_reads import MeetingEnd
    from storage.store.records import IndicatorValue
    from storage.store.store import Store

#: How many of the last meetings a status chart and the RAG mix show by default.
STATUS_MEETINGS = 6
MIX_MEETINGS = 12


class ChartsMixin:
    _store: Store
    plan: Callable[[str], Plan]

    def indicator_series(self, plan_id: str, indicator_id: str,
                         values: Iterable[IndicatorValue] | None = None) -> IndicatorSeries:
        """The indicator's latest value of each period (in the order periods were first recorded),
        then its targets' periods that have no value yet, each with its target; and its baseline.
        `values`: the plan's values if already read (any indicator's: the others are left out)."""
        from storage.minutes.charts import IndicatorSeries, PeriodValue
        from storage.plan.targets import find_target, goal_of

        indicator = self.plan(plan_id).indicator(indicator_id)
        if indicator is None:
            raise LookupError(f"no indicator {indicator_id} in plan {plan_id}")
        read = self._store.indicator_values(plan_id, indicator.id) if values is None else values
        latest: dict[str, float] = {}
        for v in read:
            if v.indicator_id == indicator.id:
                latest[v.period] = v.value
        order = _periods(indicator, [v.period for v in read if v.indicator_id == indicator.id])

        def goal(period: str) -> Goal | None:
            target = find_target(indicator, period)
            return goal_of(indicator, target, latest) if target is not None else None

        periods = tuple(PeriodValue(p, latest.get(p), goal(p)) for p in order)
        return IndicatorSeries(indicator.id, indicator.title, indicator.unit, indicator.lower_is_better,
                               indicator.baseline, periods)

    def _scale(self, plan: Plan) -> tuple[ScaleStatus, ...]:
        from storage.minutes.charts import ScaleStatus, unrated

        return (*(ScaleStatus(s.code, s.name, s.symbol) for s in plan.rag_scale), unrated())

    @staticmethod
    def _refs(ends: list[MeetingEnd]) -> tuple[MeetingRef, ...]:
        from storage.minutes.charts import MeetingRef

        return tuple(MeetingRef(e.meeting_id, e.held_on) for e in ends)

    def status_series(self, plan_id: str, action_id: str, meetings: int = STATUS_MEETINGS) -> StatusSeries:
        """The action's status at the end of each of the plan's last `meetings` meetings (not
        abandoned), oldest first: its last update by then (a meeting's last status is the one its
        trend keeps, `trend_codes`); not yet rated before its first."""
        from storage.minutes.charts import StatusSeries
        from storage.plan.status import UNRATED_CODE

        plan = self.plan(plan_id)
        action = plan.action(action_id)
        if action is None:
            raise LookupError(f"no action {action_id} in plan {plan_id}")
        ends = self._store.meeting_ends(plan_id, meetings)
        at = self._store.statuses_at(plan_id, ends, [action.id])
        codes = tuple(found.rag if (found := statuses.get(action.id)) else UNRATED_CODE for statuses in at)
        return StatusSeries(action.id, action.display_title, self._refs(ends), codes, self._scale(plan))

    def rag_mix(self, plan_id: str, meetings: int = MIX_MEETINGS) -> RagMix:
        """How many of the plan's actions stood at each status of its scale (in scale order, then
        not yet rated) at the end of each of its last `meetings` meetings, oldest first. The plan's
        actions as it is now: one added since counts as not yet rated before it was."""
        from storage.minutes.charts import RagMix

        plan = self.plan(plan_id)
        scale = self._scale(plan)
        codes = [s.code for s in scale]
        actions = [a.id for _, a in plan.actions()]
        ends = self._store.meeting_ends(plan_id, meetings)
        counts = []
        for statuses in self._store.statuses_at(plan_id, ends):
            row = dict.fromkeys(codes, 0)
            for action_id in actions:
                found = statuses.get(action_id)
                code = found.rag if found is not None and found.rag in row else codes[-1]  # off the scale: unrated
                row[code] += 1
            counts.append(tuple(row[c] for c in codes))
        return RagMix(plan.title, self._refs(ends), scale, tuple(counts))


def _periods(indicator: Indicator, recorded: list[str]) -> list[str]:
    """The chart's periods: the targets' in the plan's order, each named as its value's period
    when one was recorded for it (`find_target`: 'Yr 2 - 2009/10' for target 'Yr 2'); a period
    with no target after the period recorded before it (first: at the start)."""
    from storage.plan.targets import find_target

    slots: list[str] = [t.period for t in indicator.targets]
    last = -1
    for period in dict.fromkeys(recorded):
        target = find_target(indicator, period)
        if target is not None and target.period in slots:
            last = slots.index(target.period)
            slots[last] = period
        elif period not in slots:
            last += 1
            slots.insert(last, period)
        else:
            last = slots.index(period)
    return slots
