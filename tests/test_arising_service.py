"""The service behind the action-arising dialogs: who can own one, a due date as typed, the due date
offered when one is carried forward, and carrying forward as one transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage.service.arising import read_due
from storage.service.service import Service
from storage.store.opening import MeetingClosed
from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store
from tests.test_tui_support import Clock, ni15_folder


def test_owners_are_people_then_organisations_then_groups_each_labelled(tmp_path: Path) -> None:
    with Service.open(tmp_path / "steerco.db", ni15_folder(tmp_path)) as service:
        owners = service.arising_owners("ni15")
    labels = dict(owners)
    assert labels["adrian-roberts"] == "Ch. Insp Adrian Roberts, Staffordshire Police"
    assert labels["ben-adams"] == "Cllr Ben Adams"  # no organisation
    assert labels["staffs-police"] == "Staffordshire Police (organisation)"
    assert labels["strategy-group"] == "Strategy Group (group)"
    kinds = ["group" if label.endswith("(group)") else "organisation" if label.endswith("(organisation)")
             else "person" for _, label in owners]
    assert kinds == sorted(kinds, key=["person", "organisation", "group"].index)


@pytest.mark.parametrize(("text", "day", "words"), [
    ("2027-01-12", date(2027, 1, 12), "Tuesday 12 January 2027"),
    ("12/01/2027", date(2027, 1, 12), "Tuesday 12 January 2027"),
    ("12 January 2027", date(2027, 1, 12), "Tuesday 12 January 2027"),
    ("January 2027", date(2027, 1, 31), "Sunday 31 January 2027"),
    ("  ", None, ""),
])
def test_a_due_date_is_read_as_a_deadline_of_one_day(text: str, day: date | None, words: str) -> None:
    found = read_due(text)
    assert (found.day, found.words, found.problem) == (day, words, "")


@pytest.mark.parametrize("text", ["2027-02-30", "31/02/2027", "quarterly", "ongoing", "soon", "2027-13-01"])
def test_words_that_are_no_single_day_are_refused(text: str) -> None:
    found = read_due(text)
    assert found.day is None and found.problem.startswith(repr(text))


def _meeting(tmp_path: Path, held_on: date, due: date | None):
    """A closed meeting on 12 May 2010 that raised M1/1 (due `due`), and an open one on `held_on`."""
    db = tmp_path / "steerco.db"
    clock = Clock(datetime(2010, 5, 12, 14, tzinfo=UTC))
    with Store.open(db, clock=clock) as store:
        first = store.start_meeting("ni15", date(2010, 5, 12), "Chair", [Attendee("Chair", "present")],
                                    [AgendaItem("aob", None, "AOB", 60)], "all", None)
        store.add_action_arising(first, 1, "Circulate the list", "Ch. Insp Adrian Roberts", due)
        store.close_meeting(first, None)
        clock.at = datetime(held_on.year, held_on.month, held_on.day, 10, tzinfo=UTC)
        second = store.start_meeting("ni15", held_on, "Chair", [Attendee("Chair", "present")],
                                     [AgendaItem("matters_arising", "M1/1", "M1/1 Circulate the list", 60)], "all",
                                     None)
    return db, second


def test_carrying_forward_offers_the_next_meeting_moved_off_bank_holidays(tmp_path: Path) -> None:
    db, meeting_id = _meeting(tmp_path, date(2010, 12, 1), date(2010, 6, 10))
    with Service.open(db, ni15_folder(tmp_path)) as service:
        meeting = service.meeting(meeting_id)
        # 1 December 2010 + 31 days is Saturday 1 January 2011; Monday 3 January is a bank holiday
        assert service.arising_due_default(meeting) == date(2011, 1, 4)
        assert service.carry_forward_due(meeting, "M1/1") == date(2011, 1, 4)


def test_carrying_forward_an_action_due_after_the_next_meeting_offers_a_cycle_after_its_due(tmp_path: Path) -> None:
    db, meeting_id = _meeting(tmp_path, date(2010, 6, 15), date(2010, 9, 30))
    with Service.open(db, ni15_folder(tmp_path)) as service:
        assert service.carry_forward_due(service.meeting(meeting_id), "M1/1") == date(2010, 10, 31)


def test_carrying_forward_is_one_write_and_a_closed_meeting_refuses_it(tmp_path: Path) -> None:
    db, meeting_id = _meeting(tmp_path, date(2010, 6, 15), date(2010, 6, 10))
    with Service.open(db, ni15_folder(tmp_path)) as service:
        meeting = service.meeting(meeting_id)
        carried = service.carry_forward(meeting, "M1/1", date(2010, 7, 20))
        assert (carried.status, carried.due, carried.text) == ("carried forward", date(2010, 7, 20),
                                                               "Circulate the list")
        closed = service.close_meeting(meeting, None)
        with pytest.raises(MeetingClosed):
            service.carry_forward(closed, "M1/1", date(2010, 8, 1))
        with pytest.raises(LookupError):
            service.carry_forward(closed, "M9/9", date(2010, 8, 1))
    with Store.open(db) as store:
        statuses = [r[0] for r in store.conn.execute("SELECT status FROM arising_status ORDER BY id")]
        assert statuses == ["open", "carried forward"]  # the refused one wrote nothing
        assert [c["due"] for c in store.corrections(meeting_id)] == ["2010-07-20"]
