"""The minutes of a meeting as a document (storage/minutes/document.py), and as Markdown, gathered from the store.

`gather(store, meeting_id)` reads everything the minutes say into a `Minutes` record;
`minutes_document(minutes)` turns that into format-neutral blocks with the user's text kept
raw; `render(minutes)` writes them as Markdown (storage/minutes/write_md.py), the source of
truth; the other formats write the same document (write_html, write_docx, write_pdf).
`render_minutes` gathers and renders. Everything is read from the plan snapshot the meeting
ran on and bounded by the meeting (what was recorded before it opened, and what was recorded
at it), so the minutes of an old meeting give the same bytes for ever, whatever happens to the
plan file or later meetings. Times in the store are UTC; they are shown in the meeting's zone
(the plan's `meeting.time_zone`, read from the snapshot: one zone per render), with its
abbreviation ("10:00 BST"), unless `tz` is given.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, tzinfo

from storage.minutes import formal
from storage.minutes.document import (
    Break,
    Builder,
    Document,
    Inline,
    Item,
    Lines,
    Spans,
    Status,
    Text,
    join,
    plain,
    spans,
    strong,
)
from storage.minutes.gather import (
    ActionMinute,
    ArisingMinute,
    IndicatorMinute,
    Minutes,
    OverdueMinute,
    RiskMinute,
    gather,
)
from storage.minutes.markdown import plain_lines
from storage.minutes.records import Item as ItemRecord
from storage.minutes.records import outcome_words
from storage.plan.status import NOT_RATED, OVERDUE
from storage.plan.zones import abbreviation, time_zone
from storage.store.store import Store

__all__ = ["Minutes", "gather", "long_date", "minutes_document", "render", "render_minutes"]

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
    with _collector_paused():
        return render(gather(store, meeting_id), generated_at=include_generated_at, tz=tz)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector paused while the minutes are gathered and written (benchmark row 7).
    They make ~50,000 short-lived objects, all freed by reference counting, and the full
    collection they set off in a fresh process walked every object of the imports: 15-25 ms of a
    ~130 ms first render. What is left behind (the plan slice kept, ~2,000 objects) is collected
    later as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render(m: Minutes, *, generated_at: datetime | None = None, tz: tzinfo | None = None) -> str:
    """The minutes as Markdown."""
    from storage.minutes.write_md import write

    return write(minutes_document(m, generated_at=generated_at, tz=tz))


# -- the document -------------------------------------------------------------------------


def _status(m: Minutes, word: str) -> Status:
    return Status(word, m.status_symbols.get(word, ""))


def _people(people: list[tuple[str, str | None]], chair: str = "") -> Spans:
    def one(name: str, org: str | None) -> Spans:
        notes = ([spans("Chair")] if name == chair else []) + ([spans(Text(org))] if org else [])
        return spans(Text(name), [" (", *join(notes, ", "), ")"] if notes else [])

    return join([one(name, org) for name, org in people], "; ")


def _item_text(item: ItemRecord | None, about: str = "") -> list[Spans]:
    """Bullets for the discussion note and decisions of one agenda item; `about` (an action arising's
    ref) leads each: 'M1/2: the note', 'M1/2: RESOLVED: …'."""
    if item is None:
        return []
    if about:
        note = [spans(Lines(item.note))] if item.note else []
        return [spans(Text(about), ": ", line) for line in note + _item_text(ItemRecord("", item.decisions))]
    lines = []
    if item.note:
        lines.append(spans("Discussion: ", Lines(item.note)))
    lines += [spans(strong("RESOLVED:"), " ", Lines(formal.resolved(text))) for text in item.decisions]
    return lines


def _status_line(m: Minutes, action: ActionMinute) -> Spans:
    if action.reported == "during":  # typed outside the walk-through while the meeting was open: not agreed
        before = "not rated before" if action.previous is None else spans("previously ", _status(m, action.previous),
                                                                             f"; {action.change}")
        return spans("Status: ", strong(_status(m, action.status)), " (", _during(action.by, STATUS_ROUTES), "; ",
                     before, ").")
    if not action.rated:
        return spans("No status agreed at this meeting (stands at ", strong(_status(m, action.status)), ").")
    parts: list[object] = ["Status agreed: ", strong(_status(m, action.status))]
    if action.previous is None:
        parts.append(" (not rated before)")
    else:
        parts += [" (previously ", _status(m, action.previous), f"; {action.change})"]
    if action.proposed is not None:
        rag, author = action.proposed
        verdict = spans("agreed as proposed") if rag == action.status else spans("agreed ", _status(m, action.status))
        parts += [". Proposed ", _status(m, rag), " by ", Text(author), "; ", verdict]
    return spans(*parts, ".")  # type: ignore[arg-type]


def _superseded(m: Minutes, older: tuple[tuple[str, str], ...], status: bool = True) -> list[Spans]:
    """The older proposals an answer at this meeting settled with the one it answered."""
    return [spans("Earlier proposal settled with it: ", _status(m, what) if status else Text(what), " by ",
                  Text(author), " (superseded).") for what, author in older]


def _risk_proposals(m: Minutes, risks: list[RiskMinute]) -> list[Spans]:
    """Each officer's re-rating the meeting answered ('Proposed I4 × L3 (12 High) by …; agreed …'),
    with the officer's note when the chair's rating says something else."""
    lines = []
    for risk in risks:
        if risk.proposed is not None:
            proposed, author = risk.proposed
            verdict = spans("agreed as proposed") if proposed == risk.agreed else spans("agreed ", Text(risk.agreed))
            lines.append(spans(Text(risk.id), ": Proposed ", Text(proposed), " by ", Text(author), "; ", verdict, "."))
            if risk.proposal_note and risk.proposal_note != risk.note:  # kept when overridden, as for actions
                lines.append(spans(Text(risk.id), ": Officer's update: ", Lines(risk.proposal_note)))
        lines += [spans(Text(risk.id), ": ", line) for line in _superseded(m, risk.superseded, status=False)]
    return lines


def _overdue_words(words: str) -> Spans:
    return spans(" — ", strong(Text(words or OVERDUE)))


def _action(doc: Builder, m: Minutes, action: ActionMinute, ref: str = "") -> None:
    doc.heading(4, "Action ", Text(action.id), ": ", Text(action.title),
                "" if action.in_plan else " (no longer in the plan)", [" (", Text(ref), ")"] if ref else [])
    deadline = spans(Text(action.deadline, "none set"), _overdue_words(action.overdue_words) if action.overdue else ())
    lines = [spans("Owner: ", Text(action.owner)), spans("Deadline: ", deadline)]
    lines += [spans("Milestone: ", Text(line)) for line in action.milestones]
    lines.append(_status_line(m, action))
    lines += _superseded(m, action.superseded)
    if action.update_note:
        lines.append(spans("Update: ", Lines(action.update_note)))
    if action.proposal_note and action.proposal_note != action.update_note:
        lines.append(spans("Officer's update: ", Lines(action.proposal_note)))
    lines += _item_text(action.item)
    doc.bullets(lines)


def _formal_items(doc: Builder, m: Minutes) -> None:
    """The declarations of interest and the minutes of the previous meeting, when on the agenda."""
    if m.formal.declarations is not None:
        doc.section("Declarations of interest", m.formal.ref("declarations"))
        declared = formal.declaration_lines(m.formal)
        doc.bullets(declared) if declared else doc.para("None were declared.")
        doc.bullets(_item_text(m.formal.items.get("declarations")))
    if m.formal.previous is not None:
        doc.section("Minutes of the previous meeting", m.formal.ref("previous_minutes"))
        doc.para(formal.previous_minutes_line(m.formal))
        doc.bullets(_item_text(m.formal.items.get("previous_minutes")))


def _taken_words(ref: str | None, late: bool) -> Spans:
    """After an action taken with nothing recorded: ' (Minute 26/13)', ' (Minute 26/13, OVERDUE)'."""
    words: list[Inline] = [Text(ref)] if ref else []
    if late:
        words += [", ", strong(Text(OVERDUE))] if words else [strong(Text(OVERDUE))]
    return spans(" (", words, ")") if words else spans()


def _overdue(doc: Builder, m: Minutes, overdue: list[OverdueMinute]) -> None:
    """The late actions the meeting neither took, rated nor discussed, each with its late milestones."""
    if not overdue:
        return
    doc.heading(3, "Overdue, not discussed")
    doc.bullets(Item(spans(Text(a.id), " ", Text(a.title), ": owner ", Text(a.owner), "; deadline ",
                           Text(a.deadline, "none set"), _overdue_words(a.overdue_words), "; stands at ",
                           strong(_status(m, a.status)), "."),
                     tuple(Item(spans("Milestone: ", Text(line))) for line in a.milestones))
                for a in overdue)


#: What the summary says of changes at a plan's first meeting, where there is no previous one to compare with.
FIRST_MEETING = "First meeting: every status is new."


def _summary(m: Minutes) -> Spans:
    rated = [a for theme in m.themes for a in theme[1] if a.rated]
    if not rated:
        return spans("No statuses were agreed at this meeting.")
    counts = Counter(a.status for a in rated)
    by_status = join([spans(f"{counts[name]} ", _status(m, name)) for name in m.status_order if counts[name]], ", ")
    noun = "action" if len(rated) == 1 else "actions"
    head = spans(f"Statuses agreed for {len(rated)} {noun}: ", by_status, ".")
    if m.first:
        return spans(head, f" {FIRST_MEETING}")
    moves = _moves(m, rated)
    return spans(head, " Since the previous meeting: ", join(moves, ", "), ".") if moves else head


def _moves(m: Minutes, rated: list[ActionMinute]) -> list[Spans]:
    """How the agreed statuses moved, counted by `storage.plan.status.change`; a move by rank it cannot
    judge ('changed': from a code off the scale, or to one of the same rank) is named with its codes
    ('1 changed (7.1 from ? P (not on the scale) to In progress)')."""
    changes = Counter(a.change for a in rated)
    moves = [spans(f"{changes[word]} {word}") for word in ("improved", "worsened", "unchanged") if changes[word]]
    if changes["not rated before"]:
        moves.append(spans(f"{changes['not rated before']} rated for the first time"))
    if changes["changed"]:
        which = join([spans(Text(a.id), " from ", _status(m, a.previous or NOT_RATED), " to ", _status(m, a.status))
                      for a in rated if a.change == "changed"], "; ")
        moves.append(spans(f"{changes['changed']} changed (", which, ")"))
    return moves


def _arising_rows(items: list[ArisingMinute], with_outcome: bool) -> list[list[Spans]]:
    rows = []
    for a in items:
        due = short_date(a.due) + (" (overdue)" if a.overdue else "")
        row = [spans(Text(a.ref)), spans(Text(a.text)), spans(Text(a.owner)), spans(due)]
        if with_outcome:
            row.append(spans(outcome_words(a.outcome), [": ", Text(a.outcome_note)] if a.outcome_note else []))
        rows.append(row)
    return rows


#: How a record made outside the meeting came in (`storage.store.records.SOURCES`), as the minutes say it; from the
#: command line, by the command that records it.
_ROUTES = {"app": "the app, outside a meeting", "officer-file": "an officer's update file",
           "meeting": "another meeting"}
STATUS_ROUTES = {"command-line": "steerco record", **_ROUTES}
RATING_ROUTES = {"command-line": "steerco rate-risk", **_ROUTES}
VALUE_ROUTES = {"command-line": "steerco indicator", **_ROUTES}


def _by(came: tuple[datetime, str, str], routes: dict[str, str], tz: tzinfo | None = None) -> Spans:
    """', 20 Nov 2026 by Ann Officer, via steerco rate-risk' (no `tz`: ' by …, via …', undated)."""
    at, author, source = came
    day = f", {short_date(at.astimezone(tz).date())}" if tz is not None else ""
    return spans(f"{day} by ", Text(author), f", via {routes.get(source, source)}")


#: What the minutes say of a record of any kind (a status, a risk rating, an indicator value) made outside the
#: walk-through while the meeting was open (the store's `DURING`), before who made it and the route.
DURING_WORDS = "recorded during the meeting"


def _during(came: tuple[datetime, str, str] | None, routes: dict[str, str]) -> Spans:
    """'recorded during the meeting by Ann Officer, via steerco record': the same words for the three kinds,
    each with its command (`STATUS_ROUTES`, `RATING_ROUTES`, `VALUE_ROUTES`)."""
    return spans(DURING_WORDS, _by(came, routes) if came else spans())


def _change(r: RiskMinute, tz: tzinfo) -> Spans:
    """The register's Change: with a re-rating since the last meeting, when, by whom and by which route
    ('Re-rated between meetings: up from 6 (Low), 20 Nov 2026 by Ann Officer, via steerco rate-risk'); one typed
    during the meeting, as a rating at it, then by whom and the route ('Up from 6 (Low), recorded during the
    meeting by Ann Officer, via steerco rate-risk')."""
    if r.reported == "during":
        return spans(Text(r.change), ", ", _during(r.rerated, RATING_ROUTES))
    if r.rerated is None:
        return spans(Text(r.change))
    return spans(Text(r.change), _by(r.rerated, RATING_ROUTES, tz))


def _risk_rows(risks: list[RiskMinute], tz: tzinfo) -> list[list[Spans]]:
    return [[spans(Text(r.id)), spans(Text(r.description)), spans(Text(r.owner)), spans(str(r.impact)),
             spans(str(r.likelihood)), spans(str(r.rating)), spans(Text(r.band)), _change(r, tz)]
            for r in risks]


#: What the Value cell says of a value that did not come through the meeting's walk-through
#: (`IndicatorMinute.reported`), before who recorded it, when and how.
REPORTED_WORDS = {"between": "reported between meetings", "before": "reported before this meeting",
                  "earlier": "reported before this meeting"}


def _value(i: IndicatorMinute, tz: tzinfo) -> Spans:
    """The Value cell: '0.69' as recorded at the meeting; else how it came ('0.69 (recorded during the meeting by
    Ann Officer, via steerco indicator)', '0.69 (reported between meetings, 20 Nov 2026 by …, via …)', and for a
    value the previous meeting already had, '0.69 (reported before this meeting)')."""
    if not i.reported:
        return spans(Text(i.value))
    if i.reported == "during":
        return spans(Text(i.value), " (", _during(i.by, VALUE_ROUTES), ")")
    by = _by(i.by, VALUE_ROUTES, tz) if i.by else spans()
    return spans(Text(i.value), f" ({REPORTED_WORDS[i.reported]}", by, ")")


def _indicator_rows(items: list[IndicatorMinute], tz: tzinfo) -> list[list[Spans]]:
    return [[spans(Text(f"{i.id}: {i.title}")), spans(Text(i.period)), _value(i, tz), spans(Text(i.target)),
             spans(Text(i.against))] for i in items]


def _notes(rows: list[RiskMinute] | list[IndicatorMinute]) -> list[Spans]:
    """Each risk's or indicator's note and what was said on its agenda item, one bullet a line."""
    notes = []
    for row in rows:
        for line in ([spans("Note: ", Lines(row.note))] if row.note else []) + _item_text(row.item):
            notes.append(spans(Text(row.id), ": ", line))
    return notes


def _table(doc: Builder, caption: str, header: list[str], rows: list[list[Spans]], refs: list[str]) -> None:
    """A table with a first column 'Minute' holding each row's reference, when any row has one."""
    if any(refs):
        header, rows = ["Minute", *header], [[spans(Text(ref)), *row] for ref, row in zip(refs, rows, strict=True)]
    doc.table(caption, header, rows)


def minutes_document(m: Minutes, *, generated_at: datetime | None = None, tz: tzinfo | None = None) -> Document:
    """The minutes as blocks (user text raw): every format is written from this."""
    tz = time_zone(m.time_zone) if tz is None else tz
    doc = Builder()
    draft = "" if m.closed else " (draft — meeting still open)"
    title = spans(Text(m.group), f": minutes of the meeting of {long_date(m.held_on)}{draft}")
    doc.heading(1, title)
    if approval := formal.approval_line(m.formal):
        doc.para(approval)
    version: list[Inline] = [" (plan version ", Text(m.plan_version), ")"] if m.plan_version else []
    partnership: list[Inline] = [strong(Text(m.partnership)), Break()] if m.partnership else []
    doc.para(partnership, Text(m.plan_title), version)
    recorded_on = m.opened.astimezone(tz).date()
    if recorded_on == m.held_on:
        when = [spans(f"Opened: {clock_time(m.opened, tz)}"),
                spans(f"Closed: {clock_time(m.closed_at, tz) if m.closed else 'meeting still open'}")]
    else:  # typed in on another day: its clock times are that day's, not the meeting's
        still = "" if m.closed else " (meeting still open)"
        when = [spans(f"Recorded on {recorded_on.day} {_MONTHS[recorded_on.month - 1]} {recorded_on.year}{still}")]
    facts = [spans(f"Date: {long_date(m.held_on)}"), *when,
             spans("Chair: ", Text(m.chair)), spans(f"Meeting reference: M{m.meeting_id}")]
    if m.title:
        facts.insert(0, spans("Meeting: ", Text(m.title)))
    doc.bullets(facts)
    if generated_at is not None:
        doc.para(f"Generated on {short_date(generated_at.astimezone(tz).date())} at {clock_time(generated_at, tz)}.")

    doc.section("Attendance and apologies", m.formal.ref("apologies"))
    doc.para(strong("Present:"), " ", _people(m.present, m.chair) or spans("none recorded"), ".")
    if m.in_attendance:
        doc.para(strong("In attendance:"), " ", _people(m.in_attendance), ".")
    doc.para(strong("Apologies:"), " ", _people(m.apologies) or spans("none"), ".")
    if m.absent is not None:
        doc.para(strong("Absent:"), " ", _people(m.absent) or spans("none"), ".")
    if m.quorum:
        doc.para(m.quorum)
    doc.bullets(_item_text(m.formal.items.get("apologies")))
    _formal_items(doc, m)

    doc.section("Matters arising")
    if m.matters_arising:
        _table(doc, "Matters arising: actions from earlier meetings",
               ["Ref", "Action", "Owner", "Due", "Agreed at this meeting"], _arising_rows(m.matters_arising, True),
               [m.formal.ref("matters_arising", a.ref) for a in m.matters_arising])
    else:
        doc.para("There were no actions outstanding from earlier meetings.")
    doc.bullets([line for ref, item in m.matters_items for line in _item_text(item, ref)] + _item_text(m.matters_item))

    doc.section("Delivery progress")
    doc.para(_summary(m))
    for theme_title, actions in m.themes:
        doc.heading(3, Text(theme_title))
        for action in actions:
            _action(doc, m, action, m.formal.ref("action", action.id))
    if m.not_discussed:
        doc.para("On the agenda with no update recorded: ", join(
            [spans(Text(a), _taken_words(m.formal.ref("action", a), a in m.overdue_taken)) for a in m.not_discussed],
            ", "), ".")
    _overdue(doc, m, m.overdue_not_discussed)

    doc.section("Risk register")
    if m.risks:
        _table(doc, "Risk register", ["Ref", "Risk", "Owner", "Impact", "Likelihood", "Rating", "Band", "Change"],
               _risk_rows(m.risks, tz), [m.formal.ref("risk", r.id) for r in m.risks])
        doc.bullets(_risk_proposals(m, m.risks) + _notes(m.risks))
    else:
        doc.para("The plan has no risk register.")

    doc.section("Indicators")
    if m.indicators:
        _table(doc, "Indicators", ["Indicator", "Period", "Value", "Target", "Against target"],
               _indicator_rows(m.indicators, tz), [m.formal.ref("indicator", i.id) for i in m.indicators])
        doc.bullets(_notes(m.indicators))
    else:
        doc.para("The plan has no indicators.")

    doc.section("Actions arising from this meeting")
    if m.arising:
        doc.table("Actions arising from this meeting", ["Ref", "Action", "Owner", "Due"],
                  _arising_rows(m.arising, with_outcome=False))
    else:
        doc.para("None.")

    doc.section("Any other business", m.formal.ref("aob"))
    aob = _item_text(m.aob_item)
    if aob:
        doc.bullets(aob)
    else:
        doc.para("None.")

    doc.section("Date of next meeting")
    doc.para(long_date(m.next_meeting) + "." if m.next_meeting else "To be arranged.")
    return doc.document(plain(title, plain_lines), created=m.opened)
