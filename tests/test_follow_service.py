"""The follower's service: what it reads of the chair's open meeting, and that it cannot write."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from storage.service import NOT_RATED, UNRATED_CODE, Meeting, StoreError
from storage.service.follow import FollowService
from storage.service.service import Service


def chair(db_path: Path, plans_dir: Path) -> Service:
    return Service.open(db_path, plans_dir)


def started(service: Service) -> tuple[Meeting, int]:
    meeting = service.start_meeting("demo", date(2026, 11, 23), "ann", ["ann", "bob"], [], [], "all")
    position = next(n for n, i in enumerate(meeting.agenda, 1) if i.kind == "action")
    service.enter_item(meeting, position)
    return meeting, position


def test_no_meeting_open_then_the_chairs_meeting_and_status(db_path: Path, plans_dir: Path) -> None:
    with chair(db_path, plans_dir) as service, FollowService.open(db_path, plans_dir) as follower:
        assert follower.changed()
        view = follower.view("demo")
        assert view.meeting_id is None and view.plan_title
        meeting, position = started(service)
        assert follower.changed()
        view = follower.view("demo")
        assert view.meeting_id == meeting.id and view.position == position
        assert view.kind == "Action" and view.ref == meeting.item(position).ref
        assert (view.status_word, view.status_code) == (NOT_RATED, UNRATED_CODE)
        assert [i.current for i in view.agenda].count(True) == 1 and view.agenda[position - 1].taken
        assert not follower.changed()  # nothing committed since: the poll reads no table
        service.set_status(meeting, view.ref, "A", note="slipping")
        assert follower.changed()
        view = follower.view("demo")
        assert (view.status_word, view.status_symbol, view.status_code, view.agreed_here) == ("Amber", "▲", "A", True)


def test_the_followers_connection_refuses_every_write(db_path: Path, plans_dir: Path) -> None:
    with chair(db_path, plans_dir) as service:
        started(service)
    before = db_path.read_bytes()
    with FollowService.open(db_path, plans_dir) as follower:
        follower.view("demo")
        conn = follower._store.conn  # the connection itself, below the service that offers no write
        for sql in ("INSERT INTO item_notes (meeting_id, position, note, author, at) VALUES (1, 1, 'x', 'y', 'z')",
                    "CREATE TABLE t (x)", "PRAGMA user_version = 99"):
            with pytest.raises(sqlite3.OperationalError):
                conn.execute(sql)
        assert not [name for name in dir(follower) if name.startswith(("set_", "record_", "start_", "close_",
                                                                        "enter_", "add_", "accept_"))]
    assert db_path.read_bytes() == before


def test_a_missing_store_is_one_line_and_not_made(db_path: Path, plans_dir: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        FollowService.open(db_path, plans_dir)
    assert not db_path.exists()
