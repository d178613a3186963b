"""The risk register and the indicators as the minutes give them, bounded by the meeting.

Each is read with one store query (storage/store/minutes_reads.py): the latest rating (or
value) of every risk (or indicator) recorded before the meeting opened, and what was
recorded at it.
"""

from __future__ import annotations

from storage.minutes.records import IndicatorMinute, Item, RiskMinute
from storage.plan.model import Indicator, Plan, Risk
from storage.store.records import Meeting, Rating
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
    before = store.ratings_when_opened(meeting, ids)
    out = []
    for risk_id in ids:
        risk = by_id.get(risk_id)
        prior = before.get(risk_id) or ((risk.impact, risk.likelihood, risk.rating) if risk else None)
        now = at_meeting.get(risk_id)
        impact, likelihood, rating = (now.impact, now.likelihood, now.rating) if now else prior or (0, 0, 0)
        if now is None:
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
            note=now.note if now else "", item=items_for.get(("risk", risk_id)),
        ))
    return out


def _number(value: float) -> str:
    return f"{value:.4g}"


def _target(indicator: Indicator | None, period: str) -> tuple[str, float | None]:
    if indicator is None:
        return "—", None

    def key(text: str) -> str:
        return text.split(" - ")[0].strip().lower()

    target = next((t for t in indicator.targets if t.period == period), None) or next(
        (t for t in indicator.targets if key(t.period) == key(period)), None)
    if target is None:
        return "—", None
    if target.value is not None:
        return target.as_written, target.value
    base = next((t for t in indicator.targets if t.period == target.relative_to), None)
    if target.change_percent is not None and base is not None and base.value is not None:
        value = base.value * (1 + target.change_percent / 100)
        return f"{target.as_written} (= {_number(value)})", value
    return target.as_written, None


def indicators(store: Store, meeting: Meeting, plan: Plan, items_for: ItemsFor) -> list[IndicatorMinute]:
    latest = {value.indicator_id: value for value in store.indicator_values_at(meeting)}
    by_id: dict[str, Indicator] = {}
    for listed in plan.indicators:
        by_id.setdefault(listed.id, listed)
    ids = [i.id for i in plan.indicators] + sorted(set(latest) - set(by_id))
    out = []
    for indicator_id in ids:
        indicator = by_id.get(indicator_id)
        row = latest.get(indicator_id)
        item = items_for.get(("indicator", indicator_id))
        title = indicator.title if indicator else "(no longer in the plan)"
        if row is None:
            out.append(IndicatorMinute(indicator_id, title, "—", "not yet reported", "—", "—", "", item))
            continue
        target, value = _target(indicator, row.period)
        against = "—"
        if value is not None and indicator is not None:
            met = row.value <= value if indicator.lower_is_better else row.value >= value
            against = "Met" if met else "Not met"
        shown = _number(row.value)
        if row.meeting_id != meeting.id:
            shown += " (reported before this meeting)"
        out.append(IndicatorMinute(indicator_id, title, row.period, shown, target, against, row.note, item))
    return out
