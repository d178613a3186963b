"""The risk register and the indicators as the minutes give them, bounded by the meeting.

The risks are read with three store queries (storage/store/minutes_reads.py): the latest rating
of every risk recorded before the meeting opened, what was recorded at it, and what each risk was
left at when that was recorded outside any meeting while it was open (`Store.ratings_left_during`:
`steerco rate-risk` typed during it, minuted as the meeting's with who and the route,
`RiskMinute.reported`). The indicators take two:
the keys of every value the meeting knew (recorded at it, before it opened, or outside any
meeting while it was open: `steerco indicator` typed during it), of which each indicator's latest
period's (`storage.plan.period_order.latest_value`) is then read whole, with how it came
(`Store.values_reported`): one not entered through the meeting's walk-through is minuted with how
it came (`IndicatorMinute.reported`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from storage.minutes.records import IndicatorMinute, Item, RiskMinute
from storage.plan.model import Indicator, Plan, Risk
from storage.plan.period_order import latest_index
from storage.plan.targets import Goal, find_target, goal_of, meets, number
from storage.store.period_results import period_results_at
from storage.store.records import Meeting, Rating, RatingBefore, ValueReported
from storage.store.store import Store

ItemsFor = dict[tuple[str, str], Item]

def risks(store: Store, meeting: Meeting, plan: Plan, items_for: ItemsFor) -> list[RiskMinute]:
    at_meeting: dict[str, Rating] = {}
    for rated in store.meeting_ratings(meeting.id):
        at_meeting[rated.risk_id] = rated
    by_id: dict[str, Risk] = {}
    for listed in plan.risks:
        by_id.setdefault(listed.id, listed)

    def band(rating: int) -> str:
        found = plan.band(rating)
        return found.name if found else "—"

    ids = [r.id for r in plan.risks] + sorted(set(at_meeting) - set(by_id))
    # A re-rating typed outside the walk-through while the meeting was open (`steerco rate-risk`) that the risk was
    # left at: the meeting's last word on it, its change as for a rating at it, minuted with who and the route.
    typed = store.ratings_left_during(meeting, ids)
    at_meeting.update(typed)
    ids += sorted(set(typed) - set(ids))
    before = store.ratings_when_opened(meeting, ids)
    out = []
    for risk_id in ids:
        risk = by_id.get(risk_id)
        last = before.get(risk_id)
        prior = last[:3] if last else ((risk.impact, risk.likelihood, risk.rating) if risk else None)
        now = at_meeting.get(risk_id)
        impact, likelihood, rating = (now.impact, now.likelihood, now.rating) if now else prior or (0, 0, 0)
        rerated, note = None, now.note if now else ""
        reported = "during" if risk_id in typed else ""
        if reported:
            rerated = (now.recorded_at, now.author, now.source) if now else None
        if now is None and last is not None and last.since_last:
            change, rerated = _rerated_before(last, risk, band), (last.recorded_at, last.author, last.source)
            reported = "before" if last.first else "between"
            note = last.note  # why it was re-rated: minuted as a rating agreed at the meeting is
        elif now is None:
            change = "Not re-rated"
        elif prior is None:
            change = "First rated"
        elif rating == prior[2]:
            change = "Re-rated, no change"
        else:
            change = f"{'Up' if rating > prior[2] else 'Down'} from {prior[2]} ({band(prior[2])})"
        out.append(RiskMinute(
            id=risk_id, description=risk.description if risk else "(no longer in the register)",
            impact=impact, likelihood=likelihood, rating=rating, band=band(rating), change=change,
            note=note, item=items_for.get(("risk", risk_id)),
            owner=plan.risk_owner_label(risk) if risk else "—", rerated=rerated, reported=reported,
        ))
    return out


def _rerated_before(last: RatingBefore, risk: Risk | None, band: Callable[[int], str]) -> str:
    """A risk the meeting did not re-rate but that was re-rated since the previous meeting (at a
    first meeting: before it), against the rating that meeting left it at, else the register's."""
    when = "before this meeting" if last.first else "between meetings"
    then = last.then if last.then is not None else risk.rating if risk else None
    if then is None:
        return f"First rated {when}"
    if then == last.rating:
        return f"Re-rated {when}, no change"
    return f"Re-rated {when}: {'up' if last.rating > then else 'down'} from {then} ({band(then)})"


def _target(indicator: Indicator | None, period: str, results: Mapping[str, float] | None = None) -> Goal | None:
    """The target for the period reported (`storage.plan.targets.find_target`), worked out (a
    relative one on its base period's result in `results`, else on that period's target)."""
    found = find_target(indicator, period) if indicator is not None else None
    return goal_of(indicator, found, results) if indicator is not None and found is not None else None


def _results_at(store: Store, meeting: Meeting, plan: Plan) -> dict[str, dict[str, float]]:
    """Per indicator, each period's result as the meeting knew it (its latest value recorded at the
    meeting or before it opened), when the plan has a relative target to work out on one; else {}."""
    bases = {t.relative_to for i in plan.indicators for t in i.targets
             if t.change_percent is not None and t.relative_to}
    if not bases:
        return {}
    return period_results_at(store, meeting, {*bases, *(b.split(" - ")[0].strip() for b in bases)})


def indicators(store: Store, meeting: Meeting, plan: Plan, items_for: ItemsFor) -> list[IndicatorMinute]:
    results = _results_at(store, meeting, plan)
    by_id: dict[str, Indicator] = {}
    for listed in plan.indicators:
        by_id.setdefault(listed.id, listed)
    of: dict[str, tuple[list[str], list[int]]] = {}  # indicator id -> (periods, ids) of its values, in record order
    for indicator_id, period, value_id in store.indicator_value_keys_at(meeting):
        periods, ids_ = of.setdefault(indicator_id, ([], []))
        periods.append(period)
        ids_.append(value_id)
    chosen = [ids_[latest_index(by_id[i], periods) or 0] if i in by_id else ids_[-1]  # gone from the plan: the last
              for i, (periods, ids_) in of.items()]
    reported = {r.value.indicator_id: r for r in store.values_reported(meeting, chosen)}
    ids = [i.id for i in plan.indicators] + sorted(set(of) - set(by_id))
    out = []
    for indicator_id in ids:
        indicator = by_id.get(indicator_id)
        found = reported.get(indicator_id)
        item = items_for.get(("indicator", indicator_id))
        title = indicator.title if indicator else "(no longer in the plan)"
        if found is None:
            out.append(IndicatorMinute(indicator_id, title, "—", "not yet reported", "—", "—", "", item))
            continue
        row = found.value
        goal = _target(indicator, row.period, results.get(indicator_id))
        target = goal.shown if goal else "—"
        against = "—"
        if goal is not None and goal.value is not None:
            against = "Met" if meets(goal, row.value) else "Not met"
        how = _how(found, meeting)
        by = (row.recorded_at, row.author, row.source) if how in ("during", "between", "before") else None
        out.append(IndicatorMinute(indicator_id, title, row.period, number(row.value), target, against, row.note,
                                   item, how, by))
    return out


def _how(found: ValueReported, meeting: Meeting) -> str:
    """How the meeting came by a value (`IndicatorMinute.reported`): '' through its walk-through; 'during' it
    outside any meeting; 'between' meetings, or 'before' a first meeting, since the previous meeting closed;
    else 'earlier' (the previous meeting knew it), as the risk register's "Re-rated between meetings"."""
    if found.value.meeting_id == meeting.id:
        return ""
    if found.during:
        return "during"
    if found.since_last:
        return "before" if found.first else "between"
    return "earlier"
