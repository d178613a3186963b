"""What the store hands back: small immutable records (named tuples), importable without Textual.

Named tuples, not frozen dataclasses: CPython builds a frozen dataclass by compiling six
methods, ~1.3 ms each class, and the store's records are imported before the home screen's
first paint (row 1 of docs/performance.md). Their annotations are evaluated (no
`from __future__ import annotations`): as strings, `NamedTuple` would compile each one.

`Attendee` and `AgendaItem` are also what callers pass in to `Store.start_meeting`.
Times are timezone-aware UTC datetimes; show them with `.astimezone()`.
"""

from datetime import date, datetime
from typing import Literal, NamedTuple

from storage.store.schema_version import TREND_LENGTH

Source = Literal["meeting", "officer-file", "command-line", "app"]
SOURCES: tuple[str, ...] = ("meeting", "officer-file", "command-line", "app")
ATTENDANCE: tuple[str, ...] = ("present", "apologies", "guest")
ITEM_KINDS: tuple[str, ...] = ("apologies", "declarations", "previous_minutes", "matters_arising", "action", "risk",
                               "indicator", "aob")
ARISING_STATUSES: tuple[str, ...] = ("open", "done", "carried forward", "dropped")


def sql_list(values: tuple[str, ...]) -> str:
    """Constant words as an SQL list, for an `IN (...)` that a rule's one definition fills in."""
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


class Attendee(NamedTuple):
    """One person at a meeting: present, sent apologies, or a guest; a name as written,
    with the roster's id and organisation when known."""

    name: str
    status: str  # 'present' | 'apologies' | 'guest'
    person_id: str | None = None
    organisation: str | None = None


class AgendaItem(NamedTuple):
    """One item of a meeting's agenda, with the time allotted to it."""

    kind: str  # 'matters_arising' | 'action' | 'risk' | 'indicator' | 'aob'
    ref: str | None
    title: str
    allotted_seconds: int


class Update(NamedTuple):
    """One progress update on an action: a RAG code and a note."""

    id: int
    plan_id: str
    action_id: str
    rag: str
    note: str
    author: str
    recorded_at: datetime
    source: str
    meeting_id: int | None = None
    plan_version_id: int | None = None
    proposal_id: int | None = None


class RatingBefore(NamedTuple):
    """A risk's latest rating before a meeting opened, for its minutes: `since_last`, recorded
    after the plan's previous closed meeting closed (every rating, at its `first` meeting), by
    `source` (command-line, app, ...) with its `note`; `then` the rating that meeting left it at (None: none)."""

    impact: int
    likelihood: int
    rating: int
    recorded_at: datetime
    author: str
    source: str
    since_last: bool
    first: bool
    then: int | None
    note: str = ""


class Rating(NamedTuple):
    """One (re-)rating of a risk; `rating` is impact × likelihood."""

    id: int
    plan_id: str
    risk_id: str
    impact: int
    likelihood: int
    rating: int
    residual: int | None
    note: str
    author: str
    recorded_at: datetime
    source: str
    meeting_id: int | None = None
    plan_version_id: int | None = None
    proposal_id: int | None = None


class IndicatorValue(NamedTuple):
    """One value of an indicator for a period, as recorded."""

    id: int
    plan_id: str
    indicator_id: str
    period: str
    value: float
    note: str
    author: str
    recorded_at: datetime
    source: str
    meeting_id: int | None = None


class ValueReported(NamedTuple):
    """An indicator value as a meeting's minutes report it: `during`, recorded outside any meeting
    while this one was open (not through its walk-through); `since_last`, recorded after the plan's
    previous closed meeting closed (every value, at its `first` meeting), as `RatingBefore`."""

    value: IndicatorValue
    during: bool
    since_last: bool
    first: bool


class Meeting(NamedTuple):
    """A meeting with its attendance and agenda; agenda positions start at 1."""

    id: int
    plan_id: str
    held_on: date
    chair: str
    agenda_mode: str
    started_at: datetime
    plan_version_id: int | None
    title: str | None
    attendance: tuple[Attendee, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    closed: bool = False
    closed_at: datetime | None = None
    next_meeting: date | None = None
    abandoned_at: datetime | None = None  # set: abandoned (storage/store/abandon.py), no minutes, never "latest"

    @property
    def abandoned(self) -> bool:
        return self.abandoned_at is not None

    @property
    def present(self) -> tuple[Attendee, ...]:
        return tuple(a for a in self.attendance if a.status == "present")

    @property
    def apologies(self) -> tuple[Attendee, ...]:
        return tuple(a for a in self.attendance if a.status == "apologies")

    def item(self, position: int) -> AgendaItem:
        """The agenda item at `position` (1-based)."""
        return self.agenda[position - 1]


class Decision(NamedTuple):
    """A decision recorded at an agenda item of a meeting."""

    id: int
    meeting_id: int
    position: int
    text: str
    at: datetime


class ActionArising(NamedTuple):
    """A new action agreed in a meeting, with its latest status."""

    id: int
    ref: str  # "M3/1": meeting 3, first action arising
    meeting_id: int
    plan_id: str
    position: int
    text: str
    owner: str
    due: date | None
    created_at: datetime
    status: str = "open"
    status_note: str = ""
    status_at: datetime | None = None
    status_meeting_id: int | None = None


class Proposal(NamedTuple):
    """An update an officer sent in (imported from an update file), awaiting the chair."""

    id: int
    uid: str
    plan_id: str
    plan_version: str | None
    kind: str  # 'action' | 'risk'
    item_id: str
    rag: str | None
    impact: int | None
    likelihood: int | None
    note: str
    author: str
    written_at: str
    imported_file_id: int
    imported_at: datetime


class ArisingAtMeeting(NamedTuple):
    """An action arising from an earlier meeting as a later meeting found it: its latest status
    before that meeting opened, and the status (and note) the meeting agreed, if any."""

    ref: str
    text: str
    owner: str
    due: date | None
    before: str | None
    agreed: str | None
    agreed_note: str | None


class LoggedArising(NamedTuple):
    """One line of the action log as stored: an action arising, its current status, the date
    of the meeting that raised it and, once done or dropped, when and at which meeting."""

    ref: str
    plan_id: str
    text: str
    owner: str
    due: date | None
    meeting_id: int
    status: str
    status_note: str
    held_on: date
    closed_at: datetime | None
    closed_meeting_id: int | None


class ImportedFile(NamedTuple):
    """An update file already imported (known by its sha256)."""

    sha256: str
    name: str
    imported_at: datetime
    entries: int


def when(text: str | None) -> datetime | None:
    """A stored UTC ISO-8601 string as an aware datetime."""
    return datetime.fromisoformat(text) if text else None


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def trend_codes(updates: list[tuple[str, int | None]]) -> list[str]:
    """The trend of an action from its updates, oldest first, as (code, meeting id): one code per
    run of updates in the same meeting (the last), one per update outside meetings; the last
    TREND_LENGTH codes. The rule `storage.store.schema`'s trigger on `updates` keeps in `action_state`."""
    codes: list[str] = []
    previous: int | None = None
    for code, meeting_id in updates:
        if codes and meeting_id is not None and meeting_id == previous:
            codes[-1] = code
        else:
            codes.append(code)
        previous = meeting_id
    return codes[-TREND_LENGTH:]
