"""The pre-meeting pack as a document (storage/minutes/document.py), and as plain data for --json.

`document(pack)` builds the cover ("For the meeting of ...; circulated by ..."), then one
numbered section each: the agenda with timings, the exception report, officers' proposals,
actions with no update since the last meeting, open actions arising, the risk register and the
indicators with their charts (each chart's numbers as a table: all Markdown shows). User text
(titles, notes, names) stays raw in the blocks: each writer escapes it for its format.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from storage.minutes.charts import NO_VALUES, indicator_chart, rag_mix_chart, status_chart
from storage.minutes.document import Builder, Document, Heading, Spans, Status, Text, spans, strong
from storage.minutes.pack_records import Pack, QuietLine, clock
from storage.minutes.render import long_date, short_date
from storage.plan.status import AS_REGISTERED

KIND_WORDS = {"apologies": "Standing item", "declarations": "Standing item", "previous_minutes": "Standing item",
              "matters_arising": "Matter arising", "action": "Action", "risk": "Risk", "indicator": "Indicator",
              "aob": "Other business"}


def _minutes(seconds: int) -> str:
    minutes = seconds // 60
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


def _written(text: str) -> Spans:
    """An officer's 'written at' (from their file): its date when it reads as one, else as written."""
    try:
        return spans(short_date(date.fromisoformat(text[:10])))
    except ValueError:
        return spans(Text(text))


def cover(pack: Pack) -> str:
    """'For the meeting of Tuesday 12 January 2027; circulated by Tuesday 5 January 2027.'"""
    return f"For the meeting of {long_date(pack.meeting_on)}; circulated by {long_date(pack.circulate_by)}."


def document(pack: Pack) -> Document:
    doc = Builder()
    doc.heading(1, "Pre-meeting pack: ", Text(pack.plan_title))
    if pack.partnership:
        doc.para(Text(pack.partnership))
    doc.para(strong(cover(pack)))
    doc.para(f"The date of the meeting: {long_date(pack.meeting_on)} ({pack.date_from}). The pack goes out "
             "five working days before it "
             f"(weekends and bank holidays skipped); its figures are as at {long_date(pack.as_of)}.")
    if pack.last_meeting is not None:
        meeting_id, held_on = pack.last_meeting
        doc.para(f"Changes are counted since the last meeting, M{meeting_id} on {long_date(held_on)}.")
    else:
        doc.para("No meeting of the plan has been held yet.")

    _agenda(doc, pack)
    _exceptions(doc, pack)
    _proposals(doc, pack)
    _quiet(doc, pack)
    _arising(doc, pack)
    _risks(doc, pack)
    _indicators(doc, pack)
    _draft_minutes(doc, pack)
    return doc.document(f"Pre-meeting pack: {pack.plan_title}, meeting of {long_date(pack.meeting_on)}",
                        created=datetime.combine(pack.circulate_by, time(), UTC),
                        name=f"pack-{pack.plan_id}-{pack.meeting_on.isoformat()}")


def _agenda(doc: Builder, pack: Pack) -> None:
    doc.section("Agenda")
    starts = f"from {pack.start:%H:%M}" if pack.start is not None else "in hours:minutes after the opening"
    mode = "every action" if pack.mode == "all" else "actions by exception"
    doc.para(f"{len(pack.agenda)} items, {_minutes(pack.total_seconds)}, with {mode}; times {starts}, "
             f"ending at {clock(pack, pack.total_seconds)}.")
    if pack.rule:
        doc.para(pack.rule)
    exception = pack.mode == "exception"
    header = ["No.", "Starts", "Item", "Ref", "Allotted", *(["Why on the agenda"] if exception else [])]
    rows = []
    for item in pack.agenda:
        row = [spans(str(item.position)), spans(clock(pack, item.offset)),
               spans(f"{KIND_WORDS.get(item.kind, item.kind)}: ", Text(item.title)),
               _ref(item.kind, item.ref), spans(_minutes(item.seconds))]
        if exception:
            row.append(spans(item.reason or "—"))
        rows.append(row)
    doc.table("Agenda with timings", header, rows)


def _ref(kind: str, ref: str | None) -> Spans:
    if ref is None:
        return spans("—")
    return spans(f"M{ref}") if kind == "previous_minutes" else spans(Text(ref))


def _exceptions(doc: Builder, pack: Pack) -> None:
    doc.section("Exception report")
    unrated = " not yet rated," if pack.unrated else ""
    doc.para(f"The actions the meeting should look at: {pack.attention}, overdue, changed since the last "
             f"meeting,{unrated} or with an officer's proposal waiting; with the reason for each, and \"no update\" "
             "when nothing was recorded or written on it since the last meeting.")
    if not pack.unrated:
        doc.para("Not yet rated is no reason by itself, as on the by-exception agenda (with --unrated it is one in "
                 "both): an action with no other reason and no update is in section 4, for its owner to be asked "
                 "for one.")
    if not pack.exceptions:
        doc.para("No action is reported by exception.")
        return
    doc.table("Exception report", ["Action", "Title", "Owner", "Status", "Why reported"],
              [[spans(Text(e.action_id)), spans(Text(e.title)), spans(Text(e.owner)),
                (Status(e.status_name, e.symbol),), spans(e.reason)] for e in pack.exceptions])
    if pack.history:
        doc.heading(3, "Status of the reported actions at the end of each meeting")
        doc.chart(status_chart(pack.history, "Reported actions: status at the end of each meeting"))


def _proposals(doc: Builder, pack: Pack) -> None:
    doc.section("Officers' proposals")
    since = "since the last meeting" if pack.last_meeting else "so far"
    doc.para(f"Proposals received {since}, and any still pending; the chair agrees or overrides each at the meeting.")
    if not pack.proposals:
        doc.para("No proposals received.")
        return

    def stands(fate: str, meeting_id: int | None) -> str:
        return f"{fate.capitalize()} at M{meeting_id}" if meeting_id and fate != "pending" else fate.capitalize()

    doc.table("Officers' proposals", ["Item", "Title", "Proposed", "Note", "From", "Written", "Where it stands"],
              [[spans(f"{'Action' if p.kind == 'action' else 'Risk'} ", Text(p.item_id)), spans(Text(p.item_title)),
                spans(Text(p.proposed)), spans(Text(p.note)), spans(Text(p.author)), _written(p.written_at),
                spans(stands(p.fate, p.meeting_id))] for p in pack.proposals])


def _recorded(q: QuietLine) -> Spans:
    if q.status_recorded is None:
        return spans("never rated")
    where = f"at M{q.recorded_at_meeting}" if q.recorded_at_meeting is not None else "outside a meeting"
    return spans(f"{short_date(q.status_recorded)}, {where}")


def _quiet(doc: Builder, pack: Pack) -> None:
    doc.section("Other actions with no update")
    if pack.last_meeting:
        doc.para("Actions not in the exception report and not complete, with no status recorded and no officer's "
                 "update written since the last meeting: their owners are asked for one. (A reported action with "
                 "no update says so in the exception report.) \"Status recorded\" is when the status it stands at "
                 "was recorded; \"Officer's last update\" when its owner last wrote one.")
    else:
        doc.para("Actions not in the exception report, not complete and not yet rated, with no officer's update "
                 "received: their owners are asked for one.")
    if not pack.quiet:
        doc.para("None outside the exception report.")
        return
    doc.table("Other actions with no update",
              ["Action", "Title", "Owner", "Status", "Status recorded", "Officer's last update"],
              [[spans(Text(q.action_id)), spans(Text(q.title)), spans(Text(q.owner)), spans(Text(q.status_name)),
                _recorded(q), _written(q.officer_update) if q.officer_update else spans("none received")]
               for q in pack.quiet])


def _arising(doc: Builder, pack: Pack) -> None:
    doc.section("Open actions arising")
    if not pack.arising:
        doc.para("No action arising is open.")
        return
    doc.table("Open actions arising", ["Ref", "Action", "Owner", "Due", "Status", "Raised at"],
              [[spans(Text(a.ref)), spans(Text(a.text)), spans(Text(a.owner)), spans(short_date(a.due)),
                spans(a.status.capitalize(), [" — ", strong("overdue")] if a.overdue else []),
                spans(f"M{a.meeting_id}, {short_date(a.meeting_date)}")] for a in pack.arising])


def _risks(doc: Builder, pack: Pack) -> None:
    doc.section("Risk register")
    if not pack.risks:
        doc.para("The plan has no risk register.")
        return
    doc.table("Risk register: current ratings",
              ["Ref", "Risk", "Owner", "Impact", "Likelihood", "Rating", "Band", "Last re-rated"],
              [[spans(Text(r.risk_id)), spans(Text(r.description)), spans(Text(r.owner)), spans(str(r.impact)),
                spans(str(r.likelihood)), spans(str(r.rating)), spans(Text(r.band)) if r.band else spans("—"),
                spans(short_date(r.rated_on) if r.rated_on else AS_REGISTERED)] for r in pack.risks])


def _indicators(doc: Builder, pack: Pack) -> None:
    doc.section("Indicators")
    if not pack.indicators:
        doc.para("The plan has no indicators.")
    for series in pack.indicators:
        doc.heading(3, "Indicator ", Text(series.indicator_id), ": ", Text(series.title))
        chart = indicator_chart(series)
        if series.has_values:
            doc.para(Text(series.numbers))
        elif chart.alt.rows:
            doc.para(f"{NO_VALUES}; its baseline and targets:")
        else:
            doc.para(f"{NO_VALUES}, and the plan gives it no baseline or targets.")
        if chart.alt.rows:
            doc.chart(chart)
    if pack.mix is not None and pack.mix.meetings:
        doc.heading(3, "Status of the plan's actions at each meeting")
        doc.chart(rag_mix_chart(pack.mix))


def _draft_minutes(doc: Builder, pack: Pack) -> None:
    """The last meeting's minutes, not yet approved: circulated for approval under the standing item,
    marked Draft; their headings two levels down so they sit inside this section."""
    if pack.draft_minutes is None:
        return
    meeting_id, held_on, minutes = pack.draft_minutes
    doc.section(f"Draft minutes of the last meeting (M{meeting_id}, {short_date(held_on)})")
    doc.para("Circulated with the pack: the meeting is asked to agree them as a true record.")
    for block in minutes.blocks:
        doc.blocks.append(Heading(block.level + 2, block.spans) if isinstance(block, Heading) else block)


# -- plain data ---------------------------------------------------------------------------


def to_json(pack: Pack) -> dict[str, Any]:
    """The pack's data for scripts (dates ISO; times as shown)."""
    return {
        "plan": pack.plan_id, "meeting_on": pack.meeting_on.isoformat(), "circulate_by": pack.circulate_by.isoformat(),
        "cover": cover(pack), "date_from": pack.date_from, "as_of": pack.as_of.isoformat(),
        "last_meeting": ({"id": pack.last_meeting[0], "held_on": pack.last_meeting[1].isoformat()}
                         if pack.last_meeting else None),
        "mode": pack.mode, "rule": pack.rule or None, "start": pack.start.strftime("%H:%M") if pack.start else None,
        "agenda": [{"position": i.position, "kind": i.kind, "ref": i.ref, "title": i.title, "seconds": i.seconds,
                    "starts": clock(pack, i.offset), "ends": clock(pack, i.offset + i.seconds),
                    "reason": i.reason or None} for i in pack.agenda],
        "total_seconds": pack.total_seconds,
        "exceptions": [{"action": e.action_id, "title": e.title, "owner": e.owner, "status": e.status,
                        "status_name": e.status_name, "reasons": list(e.reasons), "reason": e.reason}
                       for e in pack.exceptions],
        "proposals": [{"uid": p.uid, "kind": p.kind, "item": p.item_id, "title": p.item_title, "proposed": p.proposed,
                       "note": p.note, "author": p.author, "written_at": p.written_at, "fate": p.fate,
                       "meeting_id": p.meeting_id} for p in pack.proposals],
        "no_update": [{"action": q.action_id, "title": q.title, "owner": q.owner, "status_name": q.status_name,
                       "status_recorded": q.status_recorded.isoformat() if q.status_recorded else None,
                       "recorded_at_meeting": q.recorded_at_meeting, "officer_update": q.officer_update}
                      for q in pack.quiet],
        "arising": [{"ref": a.ref, "text": a.text, "owner": a.owner, "due": a.due.isoformat() if a.due else None,
                     "status": a.status, "overdue": a.overdue, "meeting_id": a.meeting_id} for a in pack.arising],
        "risks": [{"risk": r.risk_id, "description": r.description, "owner": r.owner, "impact": r.impact,
                   "likelihood": r.likelihood, "rating": r.rating, "band": r.band,
                   "rated_on": r.rated_on.isoformat() if r.rated_on else None} for r in pack.risks],
        "indicators": [{"indicator": s.indicator_id, "title": s.title, "numbers": s.numbers,
                        "periods": [{"period": p.period, "value": p.value, "verdict": p.verdict} for p in s.periods]}
                       for s in pack.indicators],
        "draft_minutes": ({"meeting_id": pack.draft_minutes[0], "held_on": pack.draft_minutes[1].isoformat()}
                          if pack.draft_minutes is not None else None),
    }
