"""The minutes of a meeting as GitHub-flavoured Markdown, gathered from the store.

`gather(store, meeting_id)` reads everything the minutes say into a `Minutes` record;
`render(minutes)` turns that into Markdown; `render_minutes` does both. Everything is
read from the plan snapshot the meeting ran on and bounded by the meeting (what was
recorded before it opened, and what was recorded at it), so the minutes of an old
meeting give the same bytes for ever, whatever happens to the plan file or later
meetings. Times in the store are UTC; they are shown in the meeting's zone (the plan's
`meeting.time_zone`, read from the snapshot: one zone per render), with its abbreviation
("10:00 BST"), unless `tz` is given.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from storage.minutes import formal
from storage.minutes import markdown as md
from storage.minutes.gather import (
    ActionMinute,
    ArisingMinute,
    IndicatorMinute,
    Item,
    Minutes,
    OverdueMinute,
    RiskMinute,
    gather,
)
from storage.plan.status import OVERDUE
from storage.plan.zones import abbreviation, time_zone
from storage.store.store import Store

__all__ = ["Minutes", "gather", "long_date", "render", "render_minutes"]

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def long_date(day: date) -> str:
    """'Thursday 15 January 2026', the same whatever the machine's locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | None) -> str:
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}" if day else "—"


def clock_time(moment: datetime | None, tz: tzinfo) -> str:
    """'14:05 UTC' (or the zone's abbreviation, e.g. 'BST', when `tz` is given)."""
    if moment is None:
        return "—"
    return f"{moment.astimezone(tz):%H:%M} {abbreviation(moment, tz)}".rstrip()


def render_minutes(store: Store, meeting_id: int, *, include_generated_at: datetime | None = None,
                   tz: tzinfo | None = None) -> str:
    """The minutes of meeting `meeting_id` as Markdown (same store, same bytes).

    `include_generated_at` adds a 'Generated at' line with that time; leave it out for
    output that only changes when the record does. `tz` is the zone times are shown in
    (None: the meeting's own, the plan's `meeting.time_zone`).
    """
    return render(gather(store, meeting_id), generated_at=include_generated_at, tz=tz)


# -- rendering ----------------------------------------------------------------------------


def _t(text: str | None, *, mid_line: bool = False) -> str:
    """User text on one line, or an em dash: never empty, so never `****` (a rule)."""
    return md.inline(text, "—", mid_line=mid_line)


@dataclass
class _Doc:
    out: list[str] = field(default_factory=list)
    sections: int = 0

    def section(self, title: str, ref: str = "") -> None:
        """A numbered section heading, with the agenda item's minute reference when it has one."""
        self.sections += 1
        self.heading(2, f"{self.sections}. {title}" + (f" ({ref})" if ref else ""))

    def para(self, *text: str) -> None:
        self.out.extend([*text, ""])

    def heading(self, level: int, text: str) -> None:
        self.para("#" * level + " " + text)

    def bullets(self, items: list[str]) -> None:
        if items:
            self.para(*[f"- {item}" for item in items])


def _people(people: list[tuple[str, str | None]], chair: str = "") -> str:
    def one(name: str, org: str | None) -> str:
        notes = (["Chair"] if name == chair else []) + ([_t(org)] if org else [])
        return _t(name) + (f" ({', '.join(notes)})" if notes else "")

    return "; ".join(one(name, org) for name, org in people)


def _item_text(doc: _Doc, item: Item | None, indent: str = "") -> list[str]:
    """Bullets for the discussion note and decisions of one agenda item."""
    if item is None:
        return []
    lines = []
    if item.note:
        lines.append(f"Discussion: {md.lines(item.note, indent + '  ', '—')}")
    lines += [f"**RESOLVED:** {md.lines(formal.resolved(text), indent + '  ', '—')}" for text in item.decisions]
    return lines


def _status_line(action: ActionMinute) -> str:
    if not action.rated:
        return f"No status agreed at this meeting (stands at **{_t(action.status)}**)."
    text = f"Status agreed: **{_t(action.status)}**"
    if action.previous is None:
        text += " (not rated before)"
    else:
        text += f" (previously {_t(action.previous)}; {action.change})"
    if action.proposed is not None:
        rag, author = action.proposed
        verdict = "agreed as proposed" if rag == action.status else f"agreed {_t(action.status)}"
        text += f". Proposed {_t(rag)} by {_t(author)}; {verdict}"
    return text + "."


def _superseded(older: tuple[tuple[str, str], ...]) -> list[str]:
    """The older proposals an answer at this meeting settled with the one it answered."""
    return [f"Earlier proposal settled with it: {_t(what)} by {_t(author)} (superseded)." for what, author in older]


def _risk_proposals(risks: list[RiskMinute]) -> list[str]:
    """Each officer's re-rating the meeting answered ('Proposed I4 × L3 (12 High) by …; agreed …'),
    with the officer's note when the chair's rating says something else."""
    lines = []
    for risk in risks:
        if risk.proposed is not None:
            proposed, author = risk.proposed
            verdict = "agreed as proposed" if proposed == risk.agreed else f"agreed {_t(risk.agreed)}"
            lines.append(f"{_t(risk.id)}: Proposed {_t(proposed)} by {_t(author)}; {verdict}.")
            if risk.proposal_note and risk.proposal_note != risk.note:  # kept when overridden, as for actions
                lines.append(f"{_t(risk.id)}: Officer's update: {md.lines(risk.proposal_note, '  ', '—')}")
        lines += [f"{_t(risk.id)}: {line}" for line in _superseded(risk.superseded)]
    return lines


def _action(doc: _Doc, action: ActionMinute, ref: str = "") -> None:
    heading = f"{_t(action.id, mid_line=True)} {_t(action.title, mid_line=True)}"
    heading = heading if action.in_plan else heading + " (no longer in the plan)"
    doc.heading(4, heading + (f" ({ref})" if ref else ""))
    deadline = md.inline(action.deadline, "none set")
    if action.overdue:
        deadline += f" — **{_t(action.overdue_words or OVERDUE, mid_line=True)}**"
    lines = [f"Owner: {_t(action.owner)}", f"Deadline: {deadline}"]
    lines += [f"Milestone: {_t(line)}" for line in action.milestones]
    lines.append(_status_line(action))
    lines += _superseded(action.superseded)
    if action.update_note:
        lines.append(f"Update: {md.lines(action.update_note, '  ', '—')}")
    if action.proposal_note and action.proposal_note != action.update_note:
        lines.append(f"Officer's update: {md.lines(action.proposal_note, '  ', '—')}")
    lines += _item_text(doc, action.item)
    doc.bullets(lines)


def _formal_items(doc: _Doc, m: Minutes) -> None:
    """The declarations of interest and the minutes of the previous meeting, when on the agenda."""
    if m.formal.declarations is not None:
        doc.section("Declarations of interest", m.formal.ref("declarations"))
        declared = formal.declaration_lines(m.formal)
        doc.bullets(declared) if declared else doc.para("None were declared.")
        doc.bullets(_item_text(doc, m.formal.items.get("declarations")))
    if m.formal.previous is not None:
        doc.section("Minutes of the previous meeting", m.formal.ref("previous_minutes"))
        doc.para(formal.previous_minutes_line(m.formal))
        doc.bullets(_item_text(doc, m.formal.items.get("previous_minutes")))


def _overdue(doc: _Doc, overdue: list[OverdueMinute]) -> None:
    """The late actions the meeting neither rated nor discussed, each with its late milestones."""
    if not overdue:
        return
    doc.heading(3, "Overdue, not discussed")
    lines = []
    for action in overdue:
        deadline = md.inline(action.deadline, "none set", mid_line=True)
        lines.append(f"- {_t(action.id)} {_t(action.title, mid_line=True)}: owner {_t(action.owner, mid_line=True)};"
                     f" deadline {deadline} — **{_t(action.overdue_words or OVERDUE, mid_line=True)}**;"
                     f" stands at **{_t(action.status, mid_line=True)}**.")
        lines += [f"  - Milestone: {_t(line, mid_line=True)}" for line in action.milestones]
    doc.para(*lines)


def _summary(m: Minutes) -> str:
    rated = [a for theme in m.themes for a in theme[1] if a.rated]
    if not rated:
        return "No statuses were agreed at this meeting."
    counts = Counter(a.status for a in rated)
    by_status = ", ".join(f"{counts[name]} {_t(name)}" for name in m.status_order if counts[name])
    changes = Counter(a.change for a in rated)
    moves = [f"{changes[word]} {word}" for word in ("improved", "worsened", "unchanged") if changes[word]]
    if changes["not rated before"]:
        moves.append(f"{changes['not rated before']} rated for the first time")
    noun = "action" if len(rated) == 1 else "actions"
    return f"Statuses agreed for {len(rated)} {noun}: {by_status}. Since the previous meeting: {', '.join(moves)}."


def _arising_rows(items: list[ArisingMinute], with_outcome: bool) -> list[list[str]]:
    rows = []
    for a in items:
        due = short_date(a.due) + (" (overdue)" if a.overdue else "")
        row = [md.cell(a.ref), md.cell(a.text), md.cell(a.owner), due]
        if with_outcome:
            outcome = a.outcome.capitalize() + (f": {_t(a.outcome_note)}" if a.outcome_note else "")
            row.append(outcome)
        rows.append(row)
    return rows


def _risk_rows(risks: list[RiskMinute]) -> list[list[str]]:
    return [[md.cell(r.id), md.cell(r.description), md.cell(r.owner), str(r.impact), str(r.likelihood), str(r.rating),
             md.cell(r.band), md.cell(r.change)] for r in risks]


def _indicator_rows(items: list[IndicatorMinute]) -> list[list[str]]:
    return [[md.cell(f"{i.id}: {i.title}"), md.cell(i.period), md.cell(i.value), md.cell(i.target),
             md.cell(i.against)] for i in items]


def _notes(doc: _Doc, rows: list[RiskMinute] | list[IndicatorMinute]) -> list[str]:
    """Each risk's or indicator's note and what was said on its agenda item, one bullet a line."""
    notes = []
    for row in rows:
        for line in ([f"Note: {md.lines(row.note, '  ', '—')}"] if row.note else []) + _item_text(doc, row.item):
            notes.append(f"{_t(row.id)}: {line}")
    return notes


def render(m: Minutes, *, generated_at: datetime | None = None, tz: tzinfo | None = None) -> str:
    tz = time_zone(m.time_zone) if tz is None else tz
    doc = _Doc()
    draft = "" if m.closed else " (draft — meeting still open)"
    doc.heading(1, f"{_t(m.group)}: minutes of the meeting of {long_date(m.held_on)}{draft}")
    if approval := formal.approval_line(m.formal):
        doc.para(approval)
    version = f" (plan version {_t(m.plan_version)})" if m.plan_version else ""
    doc.para(*([f"**{_t(m.partnership)}**  "] if m.partnership else []), f"{_t(m.plan_title)}{version}")
    facts = [f"Date: {long_date(m.held_on)}", f"Opened: {clock_time(m.opened, tz)}",
             f"Closed: {clock_time(m.closed_at, tz) if m.closed else 'meeting still open'}",
             f"Chair: {_t(m.chair)}", f"Meeting reference: M{m.meeting_id}"]
    if m.title:
        facts.insert(0, f"Meeting: {_t(m.title)}")
    doc.bullets(facts)
    if generated_at is not None:
        doc.para(f"Generated on {short_date(generated_at.astimezone(tz).date())} at {clock_time(generated_at, tz)}.")

    doc.section("Attendance and apologies", m.formal.ref("apologies"))
    doc.para(f"**Present:** {_people(m.present, m.chair) or 'none recorded'}.")
    if m.in_attendance:
        doc.para(f"**In attendance:** {_people(m.in_attendance)}.")
    doc.para(f"**Apologies:** {_people(m.apologies) or 'none'}.")
    if m.quorum:
        doc.para(m.quorum)
    doc.bullets(_item_text(doc, m.formal.items.get("apologies")))
    _formal_items(doc, m)

    doc.section("Matters arising")
    if m.matters_arising:
        doc.para(*md.table(*formal.with_minute_column(
            ["Ref", "Action", "Owner", "Due", "Agreed at this meeting"], _arising_rows(m.matters_arising, True),
            [m.formal.ref("matters_arising", a.ref) for a in m.matters_arising])))
    else:
        doc.para("There were no actions outstanding from earlier meetings.")
    doc.bullets(_item_text(doc, m.matters_item))

    doc.section("Delivery progress")
    doc.para(_summary(m))
    for theme_title, actions in m.themes:
        doc.heading(3, _t(theme_title, mid_line=True))
        for action in actions:
            _action(doc, action, m.formal.ref("action", action.id))
    if m.not_discussed:
        doc.para("On the agenda with no update recorded: " + ", ".join(
            _t(a) + (f" ({ref})" if (ref := m.formal.ref("action", a)) else "") for a in m.not_discussed) + ".")
    _overdue(doc, m.overdue_not_discussed)

    doc.section("Risk register")
    if m.risks:
        doc.para(*md.table(*formal.with_minute_column(
            ["Ref", "Risk", "Owner", "Impact", "Likelihood", "Rating", "Band", "Change"], _risk_rows(m.risks),
            [m.formal.ref("risk", r.id) for r in m.risks])))
        doc.bullets(_risk_proposals(m.risks) + _notes(doc, m.risks))
    else:
        doc.para("The plan has no risk register.")

    doc.section("Indicators")
    if m.indicators:
        doc.para(*md.table(*formal.with_minute_column(
            ["Indicator", "Period", "Value", "Target", "Against target"], _indicator_rows(m.indicators),
            [m.formal.ref("indicator", i.id) for i in m.indicators])))
        doc.bullets(_notes(doc, m.indicators))
    else:
        doc.para("The plan has no indicators.")

    doc.section("Actions arising from this meeting")
    if m.arising:
        doc.para(*md.table(["Ref", "Action", "Owner", "Due"], _arising_rows(m.arising, with_outcome=False)))
    else:
        doc.para("None.")

    doc.section("Any other business", m.formal.ref("aob"))
    aob = _item_text(doc, m.aob_item)
    if aob:
        doc.bullets(aob)
    else:
        doc.para("None.")

    doc.section("Date of next meeting")
    doc.para(long_date(m.next_meeting) + "." if m.next_meeting else "To be arranged.")
    text = "\n".join(doc.out).rstrip("\n") + "\n"
    return text
