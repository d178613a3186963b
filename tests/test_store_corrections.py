"""Corrections of a meeting's record in the store (storage/store/corrections.py): append-only,
the latest row is what the record says, withdrawn is gone from every read, a closed meeting
and another meeting's record refused."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.store.corrections import NotThisMeeting
from storage.store.records import AgendaItem, Attendee
from storage.store.store import MeetingClosed, Store, StoreError

T0 = datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)
PEOPLE = [Attendee("Bob Chair", "present", "bob")]
AGENDA = [AgendaItem("action", "1.1", "Run the summer campaign.", 120),
          AgendaItem("aob", None, "Any other business", 120)]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path, clock=Clock()) as s:
        yield s


def start(store: Store, held_on: date = date(2026, 11, 21)) -> int:
    return store.start_meeting("demo", held_on, "Bob Chair", PEOPLE, AGENDA, "all", None)


def test_a_corrected_note_reads_as_corrected_and_the_original_row_stays(store: Store) -> None:
    m = start(store)
    note_id = store.record_note(m, 1, "Campain late", "Bob Chair")
    store.correct_note(m, note_id, "Campaign late", "Bob Chair")
    assert store.notes(m) == {1: "Campaign late"}
    assert store.conn.execute("SELECT text FROM item_notes WHERE id = ?", [note_id]).fetchone() == ("Campain late",)
    [entry] = store.meeting_record(m)
    assert (entry.kind, entry.text, entry.corrected) == ("note", "Campaign late", True)
    assert [v.text for v in entry.versions] == ["Campain late", "Campaign late"]
    store.withdraw_note(m, note_id, "Bob Chair")
    assert store.notes(m) == {}
    assert store.meeting_record(m) == []
    assert [r.withdrawn for r in store.meeting_record(m, withdrawn=True)] == [True]
    assert store.conn.execute("SELECT count(*) FROM record_corrections").fetchone() == (2,)


def test_a_new_note_after_a_withdrawn_one_is_the_note(store: Store) -> None:
    m = start(store)
    note_id = store.record_note(m, 1, "First", "Bob Chair")
    store.withdraw_note(m, note_id, "Bob Chair")
    store.record_note(m, 1, "Second", "Bob Chair")
    assert store.notes(m) == {1: "Second"}
    assert [(r.text, r.corrected) for r in store.meeting_record(m)] == [("Second", False)]


def test_decisions_corrected_and_withdrawn(store: Store) -> None:
    m = start(store)
    one = store.record_decision(m, 1, "Agreed to extend")
    two = store.record_decision(m, 1, "Agreed to fund")
    store.correct_decision(m, one, "Agreed to extend to March", "Bob Chair")
    store.withdraw_decision(m, two, "Bob Chair")
    assert [(d.id, d.text) for d in store.decisions(m)] == [(one, "Agreed to extend to March")]
    assert store.conn.execute("SELECT count(*) FROM decisions").fetchone() == (2,)


def test_an_arising_corrected_everywhere_it_is_read(store: Store) -> None:
    m = start(store)
    arising = store.add_action_arising(m, 1, "Write to the funder", "Adrian", date(2026, 12, 1))
    store.correct_arising(m, arising.id, "Write to the funder and the council", "Ann Officer", date(2026, 12, 15),
                          "Bob Chair")
    [now] = store.actions_arising("demo", meeting_id=m)
    assert (now.ref, now.text, now.owner, now.due) == (arising.ref, "Write to the funder and the council",
                                                       "Ann Officer", date(2026, 12, 15))
    [logged] = store.action_log("demo")
    assert (logged.text, logged.owner, logged.due) == (now.text, now.owner, now.due)
    store.correct_arising(m, arising.id, "Write to the funder", "Ann Officer", None, "Bob Chair")
    assert store.actions_arising("demo")[0].due is None
    [entry] = store.meeting_record(m)
    assert [(v.owner, v.due) for v in entry.versions] == [("Adrian", date(2026, 12, 1)),
                                                          ("Ann Officer", date(2026, 12, 15)), ("Ann Officer", None)]
    store.withdraw_arising(m, arising.id, "Bob Chair")
    assert store.actions_arising("demo") == [] and store.action_log("demo") == []
    assert store.conn.execute("SELECT text, owner FROM actions_arising").fetchall() == [("Write to the funder",
                                                                                          "Adrian")]


def test_an_earlier_meetings_minutes_keep_the_arising_as_it_closed(store: Store) -> None:
    first = start(store)
    arising = store.add_action_arising(first, 1, "Write to the funder", "Adrian", date(2026, 12, 1))
    store.correct_arising(first, arising.id, "Write to the funder", "Adrian Hall", date(2026, 12, 8), "Bob Chair")
    store.close_meeting(first)
    second = start(store, date(2026, 12, 21))
    store.set_arising_status(arising.id, "carried forward", meeting_id=second)
    with store._write():  # as carrying it forward does: a later meeting's new due date
        store._append_correction(second, "arising", arising.id, author="Bob Chair", text="Write to the funder",
                                 owner="Adrian Hall", due=date(2027, 1, 20))
    assert [a.due for a in store.arising_as_closed(store.meeting(first))] == [date(2026, 12, 8)]
    assert [a.due for a in store.arising_as_of(store.meeting(first))] == [date(2026, 12, 8)]
    assert store.actions_arising("demo")[0].due == date(2027, 1, 20)
    [matter] = store.matters_arising(store.meeting(second))
    assert (matter.owner, matter.due, matter.agreed) == ("Adrian Hall", date(2027, 1, 20), "carried forward")


def test_a_closed_meeting_and_another_meetings_record_are_refused(store: Store) -> None:
    first = start(store)
    note_id = store.record_note(first, 1, "Note", "Bob Chair")
    decision = store.record_decision(first, 1, "Agreed")
    store.close_meeting(first)
    with pytest.raises(MeetingClosed):
        store.correct_note(first, note_id, "Changed", "Bob Chair")
    second = start(store, date(2026, 12, 21))
    with pytest.raises(NotThisMeeting):
        store.withdraw_decision(second, decision, "Bob Chair")
    with pytest.raises(StoreError, match="no decision"):
        store.withdraw_decision(second, 999, "Bob Chair")
    assert store.conn.execute("SELECT count(*) FROM record_corrections").fetchone() == (0,)


def test_a_withdrawn_record_is_not_corrected_and_text_is_needed(store: Store) -> None:
    m = start(store)
    decision = store.record_decision(m, 1, "Agreed")
    with pytest.raises(StoreError, match="needs its text"):
        store.correct_decision(m, decision, "  ", "Bob Chair")
    store.withdraw_decision(m, decision, "Bob Chair")
    with pytest.raises(StoreError, match="withdrawn"):
        store.correct_decision(m, decision, "Agreed again", "Bob Chair")


def test_corrections_are_append_only(store: Store) -> None:
    m = start(store)
    store.correct_note(m, store.record_note(m, 1, "a", "Bob Chair"), "b", "Bob Chair")
    for sql in ("UPDATE record_corrections SET text = 'c'", "DELETE FROM record_corrections"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.conn.execute(sql)


def test_the_meeting_record_is_read_in_one_query_per_table(store: Store) -> None:
    m = start(store)
    for n in range(50):
        store.correct_decision(m, store.record_decision(m, 1, f"d{n}"), f"D{n}", "Bob Chair")
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    record = store.meeting_record(m)
    store.conn.set_trace_callback(None)
    assert [r.text for r in record] == [f"D{n}" for n in range(50)]
    assert len(statements) <= 8  # one per kind, one of corrections per kind with rows


OPS = st.lists(st.tuples(st.sampled_from(["note", "decision", "arising"]), st.integers(0, 2),
                         st.sampled_from(["edit", "withdraw"]), st.text("abc ", min_size=1, max_size=4)), max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_any_sequence_of_corrections_leaves_the_last_version_of_each(tmp_path_factory, ops) -> None:
    with Store.open(tmp_path_factory.mktemp("c") / "s.db", clock=Clock()) as store:
        m = start(store)
        targets = {"note": [store.record_note(m, p, f"n{p}", "Bob Chair") for p in (1, 2, 3)],
                   "decision": [store.record_decision(m, 1, f"d{n}") for n in range(3)],
                   "arising": [store.add_action_arising(m, 1, f"a{n}", "Ann", None).id for n in range(3)]}
        expected = {(kind, n): (f"{kind[0]}{n if kind != 'note' else n + 1}", False)
                    for kind in targets for n in range(3)}
        for kind, n, op, text in ops:
            target = targets[kind][n]
            if expected[(kind, n)][1]:
                with pytest.raises(StoreError):
                    getattr(store, f"withdraw_{kind}")(m, target, "Bob Chair")
                continue
            if op == "withdraw":
                getattr(store, f"withdraw_{kind}")(m, target, "Bob Chair")
                expected[(kind, n)] = (expected[(kind, n)][0], True)
            elif text.strip():
                args = (text, "Ann", None) if kind == "arising" else (text,)
                getattr(store, f"correct_{kind}")(m, target, *args, "Bob Chair")
                expected[(kind, n)] = (text, False)
        shown = {(kind, n): text for (kind, n), (text, gone) in expected.items() if not gone}
        assert store.notes(m) == {n + 1: shown[("note", n)] for n in range(3) if ("note", n) in shown}
        assert [d.text for d in store.decisions(m)] == [shown[("decision", n)] for n in range(3)
                                                        if ("decision", n) in shown]
        assert [a.text for a in store.actions_arising("demo")] == [shown[("arising", n)] for n in range(3)
                                                                   if ("arising", n) in shown]
        assert {(r.kind, r.target_id): r.text for r in store.meeting_record(m)} == {
            (kind, targets[kind][n]): text for (kind, n), text in shown.items()}


def test_a_declaration_corrected_then_withdrawn(store: Store) -> None:
    m = start(store)
    declared = store.record_declaration(m, 1, "Cllr Ben Adams", "1.1", "Pecuniary: a relative works there", "Bob")
    store.correct_declaration(m, declared, "Cllr Ben Adams", "Non-pecuniary: a relative works there", "Bob")
    [now] = store.declarations(m)
    assert (now.member, now.item, now.nature) == ("Cllr Ben Adams", "1.1", "Non-pecuniary: a relative works there")
    [entry] = store.meeting_record(m)
    assert (entry.kind, entry.owner, entry.corrected) == ("declaration", "Cllr Ben Adams", True)
    store.withdraw_declaration(m, declared, "Bob")
    assert store.declarations(m) == [] and store.meeting_record(m) == []
