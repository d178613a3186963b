"""Meetings in the store: start, move through the agenda, notes, decisions, actions arising, close."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from storage.store.records import AgendaItem, Attendee
from storage.store.store import MeetingClosed, Store, StoreError

T0 = datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(db_path: Path, clock: Clock):
    with Store.open(db_path, clock=clock) as s:
        yield s


PEOPLE = [Attendee("Bob Chair", "present", "bob"), Attendee("Ann Officer", "apologies", "ann", "Demo Police"),
          Attendee("Guest Speaker", "guest")]
AGENDA = [AgendaItem("matters_arising", None, "Matters arising", 300),
          AgendaItem("action", "1.1", "Run the summer campaign.", 120),
          AgendaItem("risk", "R-1", "Funding falls", 60),
          AgendaItem("aob", None, "Any other business", 120)]


def start(store: Store, held_on: date = date(2026, 11, 21)) -> int:
    return store.start_meeting("demo", held_on, "Bob Chair", PEOPLE, AGENDA, "all", None, title="November")


def test_start_and_read_a_meeting(store: Store) -> None:
    meeting_id = start(store)
    meeting = store.meeting(meeting_id)
    assert (meeting.plan_id, meeting.held_on, meeting.chair, meeting.title) == (
        "demo",
        date(2026, 11, 21),
        "Bob Chair",
        "November",
    )
    assert meeting.attendance == tuple(PEOPLE)
    assert [a.name for a in meeting.present] == ["Bob Chair"]
    assert [a.name for a in meeting.apologies] == ["Ann Officer"]
    assert meeting.agenda == tuple(AGENDA)
    assert meeting.item(2).ref == "1.1"
    assert not meeting.closed and meeting.started_at == T0
    assert store.open_meeting("demo") == meeting
    assert store.open_meeting("other") is None
    assert store.last_meeting("demo") is None  # none closed yet


def test_bad_agenda_kind_writes_nothing(store: Store) -> None:
    with pytest.raises(StoreError, match="kind"):
        store.start_meeting("demo", date(2026, 1, 1), "Bob", PEOPLE, [AgendaItem("lunch", None, "Lunch", 60)], "all",
                            None)
    assert store.meetings("demo") == []


def test_entering_items_and_time_per_item(store: Store, clock: Clock) -> None:
    meeting_id = start(store)
    assert store.current_position(meeting_id) == 0
    assert store.item_seconds(meeting_id) == {}
    store.enter_item(meeting_id, 1)
    clock.advance(90)
    store.enter_item(meeting_id, 2)
    clock.advance(30)
    store.enter_item(meeting_id, 2)  # already there: nothing appended
    clock.advance(15)
    store.enter_item(meeting_id, 1)  # back to matters arising
    clock.advance(10)
    assert store.current_position(meeting_id) == 1
    assert store.item_seconds(meeting_id) == {1: 100.0, 2: 45.0}
    assert store.item_seconds(meeting_id, now=clock.now + timedelta(seconds=5)) == {1: 105.0, 2: 45.0}
    events = [(r["position"], r["event"]) for r in store.db["item_events"].rows]
    assert events == [(1, "enter"), (1, "leave"), (2, "enter"), (2, "leave"), (1, "enter")]
    with pytest.raises(StoreError, match="no agenda item 9"):
        store.enter_item(meeting_id, 9)


def test_notes_latest_wins_and_decisions(store: Store) -> None:
    meeting_id = start(store)
    store.record_note(meeting_id, 2, "first draft", "Bob")
    store.record_note(meeting_id, 2, "campaign launched in June", "Bob")
    store.record_note(meeting_id, 3, "funding bid submitted", "Bob")
    assert store.notes(meeting_id) == {2: "campaign launched in June", 3: "funding bid submitted"}
    assert store.db["item_notes"].count == 3
    store.record_decision(meeting_id, 2, "Extend the campaign to the winter.")
    store.record_decision(meeting_id, 3, "Escalate to the board.")
    assert [(d.position, d.text) for d in store.decisions(meeting_id)] == [
        (2, "Extend the campaign to the winter."), (3, "Escalate to the board.")]


def test_actions_arising_and_their_status(store: Store) -> None:
    first = start(store)
    one = store.add_action_arising(first, 2, "Write to the council.", "Ann Officer", date(2026, 12, 15))
    two = store.add_action_arising(first, 3, "Cost the bid.", "Bob Chair", None)
    assert (one.ref, two.ref) == (f"M{first}/1", f"M{first}/2")
    assert (one.status, one.due, two.due) == ("open", date(2026, 12, 15), None)
    store.set_arising_status(two.id, "done", meeting_id=first, note="costed")
    assert [a.ref for a in store.actions_arising("demo", open_only=True)] == [one.ref]
    everything = store.actions_arising("demo")
    assert [(a.ref, a.status, a.status_note) for a in everything] == [(one.ref, "open", ""),
                                                                      (two.ref, "done", "costed")]
    store.close_meeting(first, next_meeting=date(2026, 12, 19))
    second = start(store, date(2026, 12, 19))
    store.set_arising_status(one.id, "carried forward", meeting_id=second)
    assert [a.status for a in store.actions_arising("demo", open_only=True)] == ["carried forward"]
    assert store.actions_arising("demo", meeting_id=second) == []
    view = [r["status"] for r in store.db.query("SELECT * FROM open_actions_arising")]
    assert view == ["carried forward"]
    with pytest.raises(StoreError, match="status"):
        store.set_arising_status(one.id, "forgotten")


def test_close_meeting_makes_it_read_only(store: Store, clock: Clock) -> None:
    meeting_id = start(store)
    store.enter_item(meeting_id, 1)
    clock.advance(60)
    store.close_meeting(meeting_id, next_meeting=date(2026, 12, 19))
    clock.advance(600)
    meeting = store.meeting(meeting_id)
    assert meeting.closed and meeting.next_meeting == date(2026, 12, 19)
    assert meeting.closed_at == T0 + timedelta(seconds=60)
    assert store.item_seconds(meeting_id) == {1: 60.0}  # the clock stopped at closing
    assert store.open_meeting("demo") is None
    assert store.last_meeting("demo") == meeting
    refused = [
        lambda: store.close_meeting(meeting_id),
        lambda: store.enter_item(meeting_id, 2),
        lambda: store.record_note(meeting_id, 1, "late note", "Bob"),
        lambda: store.record_decision(meeting_id, 1, "late decision"),
        lambda: store.add_action_arising(meeting_id, 1, "late", "Bob", None),
        lambda: store.record_update("demo", "1.1", "G", "", "Bob", "meeting", meeting_id=meeting_id),
        lambda: store.rate_risk("demo", "R-1", 1, 1, "", "Bob", "meeting", meeting_id=meeting_id),
        lambda: store.record_indicator("demo", "I1", "Q1", 1.0, "", "Bob", "meeting", meeting_id=meeting_id),
    ]
    counts = {t: store.db[t].count for t in store.db.table_names()}
    for write in refused:
        with pytest.raises(MeetingClosed):
            write()
    assert {t: store.db[t].count for t in store.db.table_names()} == counts


def test_updates_in_a_meeting_link_to_it(store: Store) -> None:
    meeting_id = start(store)
    update_id = store.record_update("demo", "1.1", "A", "", "Bob", "meeting", meeting_id=meeting_id)
    assert store.history("demo", "1.1")[0].meeting_id == meeting_id
    assert update_id
    with pytest.raises(StoreError, match="no meeting 999"):
        store.record_update("demo", "1.1", "A", "", "Bob", "meeting", meeting_id=999)


def test_meetings_newest_first(store: Store) -> None:
    first = start(store, date(2026, 10, 1))
    store.close_meeting(first)
    second = start(store, date(2026, 11, 1))
    assert [m.id for m in store.meetings("demo")] == [second, first]
    assert store.open_meeting("demo").id == second
    assert store.last_meeting("demo").id == first
    assert store.last_meeting("demo", closed_only=False).id == second


def test_a_status_into_an_abandoned_meeting_is_refused_and_writes_nothing(store: Store) -> None:
    """The status key's write refuses a meeting that was abandoned, in the transaction that would append."""
    meeting_id = start(store)
    store.abandon_meeting(meeting_id, "opened by mistake", "Bob")
    counts = {t: store.db[t].count for t in store.db.table_names()}
    with pytest.raises(MeetingClosed, match="abandoned"):
        store.record_update("demo", "1.1", "G", "", "Bob", "meeting", meeting_id=meeting_id)
    assert {t: store.db[t].count for t in store.db.table_names()} == counts
    assert store.record_update("demo", "1.1", "G", "", "Bob", "command-line") > 0  # no meeting: no test
