"""The way back and the chase: the agreed position after a meeting, sent to officers.

`StatusFilesMixin` (of `Service`, the chair's) writes a status file after a meeting
(`export_status`) and lists, per owner, the items nobody has updated since the last meeting
(`chase`), with a pre-filled update file and a message for each owner (`chase_files`). The
officer's side (`OfficerService`) takes status files in. What an item's agreed position is,
and how it is worded ("Agreed at the meeting of 12 Jan 2027: Amber — note"), is defined once
here: `agreed_positions`, `agreed_words`. Nothing is sent anywhere. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any, cast

from storage.plan.ids import fold_id
from storage.plan.index import plan_index
from storage.plan.rating_text import rating_text
from storage.plan.status import off_scale_words
from storage.store.agreed import AgreedPosition
from storage.store.opening import StoreError
from storage.store.records import Meeting, Rating, Update
from storage.updates.discussion import Discussion, discussion_of, discussion_text

if TYPE_CHECKING:
    from storage.plan.model import Action, Person, Plan, Risk
    from storage.store.store import Store
    from storage.updates.file_format import Kind

__all__ = ["AgreedPosition", "ChaseItem", "ChaseList", "StatusFilesMixin", "agreed_positions", "agreed_words",
           "chase_message", "prefill", "since_words", "unchased_words"]


def short_date(day: date) -> str:
    """'12 Jan 2027', as the minutes write a date (imported when first used: the minutes' module
    is not on the app's first paint)."""
    from storage.minutes.render import short_date as minutes_date

    return minutes_date(day)


def _position(plan_id: str, kind: str, item_id: str, record: Update | Rating, held_on: date,
              discussion: Discussion | None = None) -> AgreedPosition:
    rag = record.rag if isinstance(record, Update) else None
    impact, likelihood = (record.impact, record.likelihood) if isinstance(record, Rating) else (None, None)
    return AgreedPosition(f"m-{kind}-{record.id}", plan_id, kind, item_id, rag, impact, likelihood, record.note,
                          discussion_text(discussion or []), None, None, held_on, record.recorded_at, "",
                          record.recorded_at)


def discussions(store: Store, meeting: Meeting, agreed_in: Mapping[tuple[str, str], int | None]
                ) -> dict[tuple[str, str], Discussion]:
    """The chair's notes on each item (by (kind, item id), those of `agreed_in`) at the plan's
    closed meetings from the one that agreed its position (`agreed_in`: its meeting's id) up to
    `meeting`, oldest first: what a status file carries back as the item's `discussion`."""
    found: dict[tuple[str, str], Discussion] = {}
    held = sorted((m for m in store.meetings(meeting.plan_id) if m.closed and m.id <= meeting.id),
                  key=lambda m: m.id)
    for m in held:
        for position, note in store.notes(m.id).items():
            if not 0 < position <= len(m.agenda) or not note.strip():
                continue
            item = m.agenda[position - 1]
            key = (item.kind, item.ref or "")
            if key in agreed_in and m.id >= (agreed_in[key] or 0):
                found.setdefault(key, []).append((m.held_on, note.strip()))
    return found


def agreed_positions(store: Store, plan_id: str) -> dict[tuple[str, str], AgreedPosition]:
    """Each item's agreed position as this store knows it, by (kind, item id): the later of
    what its own closed meetings agreed (a chair's store) and what status files brought in
    (an officer's store)."""
    found = dict(store.current_agreed(plan_id))
    last = store.last_meeting(plan_id)
    if last is not None:
        updates, ratings = store.agreed_as_of(last)
        held = store.meeting_dates([u.meeting_id or 0 for u in updates.values()]
                                   + [x.meeting_id or 0 for x in ratings.values()])
        talked = discussions(store, last, {**{("action", a): u.meeting_id for a, u in updates.items()},
                                           **{("risk", r): x.meeting_id for r, x in ratings.items()}})
        own = [_position(plan_id, "action", a, u, held.get(u.meeting_id or 0, last.held_on),
                         talked.get(("action", a), [])) for a, u in updates.items()]
        own += [_position(plan_id, "risk", r, x, held.get(x.meeting_id or 0, last.held_on),
                          talked.get(("risk", r), [])) for r, x in ratings.items()]
        for position in own:
            key = (position.kind, position.item_id)
            if key not in found or found[key].agreed_at < position.agreed_at:
                found[key] = position
    return found


def agreed_words(plan: Plan, position: AgreedPosition, *, marked: bool = False) -> str:
    """'Agreed at the meeting of 12 Jan 2027: Amber — note · Discussed: the chair's note'
    (a note at a later meeting: 'Discussed on 9 Feb 2027: …'); a risk's position as
    'I4 × L3 (12 High)'; an action arising's as its status ('open'). `marked`: an action's status
    with its symbol and code, as the app shows a status beside it ('▲ A Amber'; officer mode)."""
    if position.kind == "risk":
        said = rating_text(plan, position.impact or 0, position.likelihood or 0)
    elif position.kind == "action":
        status = plan.rag(position.rag or "")
        if status is None:  # a code the scale has since dropped
            said = off_scale_words(position.rag) if marked and position.rag else (position.rag or "")
        else:
            said = f"{status.symbol} {status.code} {status.name}" if marked else status.name
    else:
        said = position.rag or ""
    note = " ".join(position.note.split())
    talked = discussion_of(position.text) if position.kind in ("action", "risk") else []
    discussed = "".join(f" · Discussed{'' if day == position.agreed_on else f' on {short_date(day)}'}: "
                        + " ".join(words.split()) for day, words in talked)
    return (f"Agreed at the meeting of {short_date(position.agreed_on)}: {said}" + (f" — {note}" if note else "")
            + discussed)


def prefill(position: AgreedPosition) -> dict[str, Any]:
    """An update file entry's values pre-filled from an agreed position."""
    if position.kind == "risk":
        return {"impact": position.impact, "likelihood": position.likelihood}
    return {"status": position.rag}


@dataclass(frozen=True)
class ChaseItem:
    """An action or risk nobody has updated since the chase's date."""

    kind: str
    item: Action | Risk
    owner: str  # as every view names it (`PlanIndex.owner_label`, `risk_owner_label`)
    due: str  # the deadline as every view words it (`deadline_text(...).full`); '' for a risk
    agreed: AgreedPosition | None
    late: bool = False  # `is_late` on its `late_due` (its own or an open milestone's date), as every view marks it
    unchased: str = ""  # for an item nobody on the roster owns, why: `unchased_words`
    overdue_words: str = ""  # when late, 'OVERDUE' and why (`Action.overdue_words`), as every view marks it

    def as_dict(self, plan: Plan) -> dict[str, Any]:
        agreed = self.agreed
        return {"kind": self.kind, "id": self.item.id, "owner": self.owner, "due": self.due or None,
                "overdue": self.late, **({"unchased": self.unchased} if self.unchased else {}),
                "agreed": None if agreed is None else {
                    "status": agreed.rag, "impact": agreed.impact, "likelihood": agreed.likelihood,
                    "note": agreed.note, "meeting": agreed.agreed_on.isoformat(),
                    "words": agreed_words(plan, agreed)}}


@dataclass
class ChaseList:
    """Who to chase for a plan: per roster person, the items they own that nobody has updated
    since `since`; items with no roster owner apart."""

    plan: Plan
    since: datetime | None
    meeting: Meeting | None
    owners: list[tuple[Person, list[ChaseItem]]] = field(default_factory=list)
    unowned: list[ChaseItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len({(c.kind, c.item.id) for _, items in self.owners for c in items} |
                   {(c.kind, c.item.id) for c in self.unowned})

    def as_dict(self) -> dict[str, Any]:
        return {"plan": self.plan.id, "since": self.since.isoformat() if self.since else None,
                "meeting": self.meeting.held_on.isoformat() if self.meeting else None, "items": self.count,
                "owners": [{"person": p.id, "name": p.name, "items": [c.as_dict(self.plan) for c in items]}
                           for p, items in self.owners],
                "unowned": [c.as_dict(self.plan) for c in self.unowned]}


class StatusFilesMixin:
    _store: Store

    plan: Callable[[str], Plan]
    today: Callable[[], date]

    def closed_meeting(self, plan_id: str, meeting_id: int | None = None) -> Meeting:
        """The meeting `meeting_id` of the plan (default: its last closed one); LookupError
        when there is none, or it is another plan's or still open."""
        if meeting_id is None:
            found = self._store.last_meeting(plan_id)
            if found is None:
                raise LookupError(f"plan {plan_id} has no closed meeting in this store yet")
            return found
        try:
            found = self._store.meeting(meeting_id)
        except StoreError:  # an unknown id
            raise LookupError(f"no meeting {meeting_id} in this store") from None
        if found.plan_id != plan_id:
            raise LookupError(f"meeting {meeting_id} is of plan {found.plan_id}, not {plan_id}")
        if found.abandoned:
            raise LookupError(f"meeting {meeting_id} was abandoned: it agreed nothing (what was recorded at it "
                              "does not count); give another meeting, or none for the last closed one")
        if not found.closed:
            raise LookupError(f"meeting {meeting_id} is still open; close it first")
        return found

    def export_status(self, plan_id: str, meeting_id: int | None = None, for_name: str | None = None,
                      written_at: datetime | None = None) -> tuple[str, int, int]:
        """The status file after a closed meeting (default: the last): every action's and risk's
        agreed position, and the actions arising; with `for_name` (a person, as `resolve_person`
        reads names), only the items and the actions arising they own. Returns the text and how
        many items and actions arising it holds."""
        from storage.plan.index import resolve_person
        from storage.updates.ownership import owns_item
        from storage.updates.status_file import status_file_text

        plan = self.plan(plan_id)
        meeting = self.closed_meeting(plan_id, meeting_id)
        updates, ratings = self._store.agreed_as_of(meeting)
        arising = self._store.arising_as_of(meeting)
        person = None
        if for_name is not None:
            person = resolve_person([plan], for_name)  # UnknownPerson, a LookupError, naming the closest
            index = plan_index(plan)
            updates = {a: u for a, u in updates.items()
                       if a in index.actions and owns_item(plan, person, index.actions[a])}
            ratings = {r: x for r, x in ratings.items() if r in index.risks and owns_item(plan, person, index.risks[r])}
            names = {fold_id(person.id), fold_id(person.name)}  # the one rule for ids and names
            arising = [a for a in arising if fold_id(a.owner) in names]
        held = self._store.meeting_dates([meeting.id, *(a.meeting_id for a in arising),
                                          *(a.status_meeting_id or 0 for a in arising),
                                          *(u.meeting_id or 0 for u in updates.values()),
                                          *(x.meeting_id or 0 for x in ratings.values())])
        talked = discussions(self._store, meeting, {**{("action", a): u.meeting_id for a, u in updates.items()},
                                                    **{("risk", r): x.meeting_id for r, x in ratings.items()}})
        text = status_file_text(plan, meeting, updates, ratings, arising, held, written_at or datetime.now(UTC),
                                for_name=person.name if person else None, discussions=talked)
        return text, len(updates) + len(ratings), len(arising)

    def chase(self, plan_id: str, since: date | None = None) -> ChaseList:
        """Per roster person, the actions and risks they own that have had no update, rating
        or officer's proposal since the last closed meeting closed (or since `since`). A
        complete action (`Plan.complete_code`, its current status) is never chased."""
        from storage.plan.deadline_text import deadline_text  # not before home's first paint (row 1)
        from storage.plan.status import is_late
        from storage.updates.ownership import owns_item

        plan = self.plan(plan_id)
        meeting = self._store.last_meeting(plan_id)
        start = (datetime.combine(since, time(0, 0), UTC) if since is not None
                 else meeting.closed_at if meeting is not None else None)
        # with no meeting and no date, anything ever recorded or proposed counts as an update
        updated = self._store.items_updated_since(plan_id, start or datetime.min.replace(tzinfo=UTC))
        agreed = agreed_positions(self._store, plan_id)
        index = plan_index(plan)
        today = self.today()
        codes = self._store.current_codes(plan_id)
        done = plan.complete_code

        def status(action: Action) -> str | None:
            position = agreed.get(("action", action.id))
            return codes.get(action.id) or (position.rag if position else None)

        def chased(kind: str, item: Action | Risk) -> ChaseItem:
            late = False
            if kind == "action":
                action = cast("Action", item)
                owner, due = index.owner_label(action), deadline_text(action.deadline, action.due, today).full
                late = is_late(action.late_due, status(action), today, done)
            else:
                owner, due = index.risk_owner_label(cast("Risk", item)), ""
            words = cast("Action", item).overdue_words(today) if late else ""
            return ChaseItem(kind, item, owner, due, agreed.get((kind, item.id)), late, overdue_words=words)

        waiting = [chased("action", a) for _, a in plan.actions()
                   if ("action", a.id) not in updated and status(a) != done]
        waiting += [chased("risk", r) for r in plan.risks if ("risk", r.id) not in updated]
        found = ChaseList(plan, start, meeting)
        owned_by_someone: set[tuple[str, str]] = set()
        for person in plan.people:
            mine = [c for c in waiting if owns_item(plan, person, c.item)]
            if mine:
                found.owners.append((person, mine))
                owned_by_someone.update((c.kind, c.item.id) for c in mine)
        found.unowned = [replace(c, unchased=unchased_words(plan, c)) for c in waiting
                         if (c.kind, c.item.id) not in owned_by_someone]
        return found

    def chase_files(self, chase: ChaseList, now: datetime) -> list[tuple[Person, str, str]]:
        """For each person to chase: (person, a pre-filled update file of their items, a message)."""
        from storage.updates.ownership import OwnedItem
        from storage.updates.writer import template_text

        plan = chase.plan
        out = []
        for person, items in chase.owners:
            owned = [OwnedItem(plan, person, cast("Kind", c.kind), c.item) for c in items]
            notes = {(c.kind, c.item.id): agreed_words(plan, c.agreed) for c in items if c.agreed}
            values = {(c.kind, c.item.id): prefill(c.agreed) for c in items if c.agreed}
            text = template_text(plan, person.id, now, items=owned, notes=notes, prefill=values)
            assert text is not None
            out.append((person, text, chase_message(chase, person, items)))
        return out


def unchased_words(plan: Plan, chased: ChaseItem) -> str:
    """Why nobody is chased for an item: 'owned by Midshire Fire and Rescue Service, which has
    no people on the roster' (an organisation or group with nobody on the roster in it), or 'no
    roster owner: To be identified' (the owner as the plan writes it)."""
    ids = cast("Action", chased.item).owner_ids if chased.kind == "action" else (
        (cast("Risk", chased.item).owner,) if cast("Risk", chased.item).owner else ())
    on_roster = [i for i in ids if i in plan.roster_ids()]
    if not on_roster:
        return f"no roster owner: {chased.owner}"
    return f"owned by {chased.owner}, which {'have' if len(on_roster) > 1 else 'has'} no people on the roster"


def since_words(chase: ChaseList) -> str:
    """'since the meeting of 12 Nov 2026', 'since 2026-11-01', or 'yet' (no meeting, no date)."""
    if chase.since is None:
        return "yet"
    if chase.meeting is not None and chase.since == chase.meeting.closed_at:
        return f"since the meeting of {short_date(chase.meeting.held_on)}"
    return f"since {chase.since.date().isoformat()}"


def _cut(text: str, width: int) -> str:
    words = " ".join(text.split())
    return words if len(words) <= width else words[:width - 1].rstrip() + "…"


def chase_message(chase: ChaseList, person: Person, items: list[ChaseItem]) -> str:
    """A short plain-text message a secretary can paste into an email (nothing is sent)."""
    import textwrap

    plan = chase.plan
    lines = [f"Dear {person.name},", "",
             *textwrap.wrap(f"We have no update {since_words(chase)} on these items of {plan.title} ({plan.id}) "
                            "that you own:", 76), ""]
    for c in items:
        title = cast("Action", c.item).display_title if c.kind == "action" else cast("Risk", c.item).description
        due = f" (deadline: {c.due}" + (f"; {c.overdue_words})" if c.late else ")") if c.due else ""
        lines += textwrap.wrap(f"- {c.kind} {c.item.id}: {_cut(title, 70)}{due}", 76, subsequent_indent="  ")
        if c.agreed:
            lines += textwrap.wrap(agreed_words(plan, c.agreed), 76, initial_indent="  ", subsequent_indent="  ")
    lines += ["", *textwrap.wrap("The attached update file lists them, each with the status last agreed filled "
                                 "in. Change what has changed, add a note for each, and send it back (or use "
                                 "`steerco update` and `steerco export-updates`).", 76), "", "Thank you."]
    return "\n".join(lines) + "\n"

