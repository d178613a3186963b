"""An approval of the previous minutes as a true record, made by mistake, is withdrawn through
the walk-through's Amend (`u` on the standing item): keys only, then the store and the minutes
read. Append-only (a withdrawal row after the approval, migration 7); only the approving meeting
withdraws it, while open; the minutes can be agreed again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from storage.minutes.render import render_minutes
from storage.store.opening import MeetingClosed, StoreError
from storage.store.schema import migrations
from storage.store.schema_version import SCHEMA_VERSION
from storage.store.store import Store
from tests.test_formalities import Clock, held, service
from tests.test_tui_formalities import first_meeting
from tests.test_tui_support import on_previous_minutes, seeded_app

DRAFT = "**Draft**: not yet approved as a true record."


async def test_the_approval_is_withdrawn_through_amend_and_agreed_again(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    db = tmp_path / "steerco.db"
    earlier = first_meeting(db)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await on_previous_minutes(pilot)
        await pilot.press("u")  # nothing recorded yet: a notice, no list
        await pilot.pause()
        assert app.screen is walk
        await pilot.press("t", "y")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        listed = app.screen.query_one("#amend-list")
        assert [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)] == [
            "✓ Approved as a true record at this meeting — withdraw"]
        await pilot.press("e")  # not editable: told so, the list stays
        await pilot.pause()
        assert "not edited" in str(app.screen.query_one("#amend-why").render())
        await pilot.press("enter")  # straight to the confirm
        await pilot.pause()
        await pilot.press("n")  # keep
        await pilot.pause()
        with Store.open(db) as store:
            assert store.approval_of(earlier) is not None
        await pilot.press("w", "y")
        await pilot.pause()
        assert app.screen is walk
        assert "Draft" in str(walk.query_one("#wt-status").render())
        with Store.open(db) as store:
            assert store.approval_of(earlier) is None
            assert DRAFT in render_minutes(store, earlier)
            assert store.conn.execute("SELECT withdrawn FROM minutes_approvals ORDER BY id").fetchall() == [(0,), (1,)]
        await pilot.press("t", "y")  # agreed again, after all
        await pilot.pause()
        meeting_id = walk.meeting.id
    with Store.open(db) as store:
        approval = store.approval_of(earlier)
        assert approval is not None and approval.meeting_id == meeting_id
        assert "**Approved** at the meeting of" in render_minutes(store, earlier)
        assert store.approved_at(meeting_id) == earlier


def test_only_the_approving_meeting_withdraws_while_open(tmp_path: Path) -> None:
    clock = Clock()
    with service(tmp_path, clock) as svc:
        first = held(svc, clock, date(2026, 11, 10))
        svc.close_meeting(first)
        second = held(svc, clock, date(2026, 12, 8))
        with pytest.raises(StoreError, match="not approved: nothing to withdraw"):
            svc.withdraw_approval(second)
        svc.approve_minutes(second)
        svc.withdraw_approval(second)
        with pytest.raises(StoreError, match="nothing to withdraw"):
            svc.withdraw_approval(second)
        svc.approve_minutes(second)
        svc.close_meeting(second)
        with pytest.raises(MeetingClosed):
            svc.withdraw_approval(second)
        third = held(svc, clock, date(2027, 1, 12))
        with pytest.raises(StoreError, match="only that meeting withdraws it"):
            svc._store.withdraw_approval(third.id, first.id, "Chair")
        assert svc.approval_of(first.id).meeting_id == second.id  # type: ignore[union-attr]
        assert "be approved as a true record" in render_minutes(svc._store, second.id)


def test_migration_7_keeps_the_approvals_and_lets_them_be_withdrawn(tmp_path: Path) -> None:
    path = tmp_path / "steerco.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m007_approvals_withdrawable")
    db.execute("PRAGMA user_version = 6")
    for n, day in ((1, "2026-01-05"), (2, "2026-02-02")):
        db["meetings"].insert({"id": n, "plan_id": "p", "held_on": day, "chair": "C", "agenda_mode": "all",
                               "started_at": f"{day}T10:00:00+00:00"})
    db["meeting_closures"].insert({"meeting_id": 1, "closed_at": "2026-01-05T11:00:00+00:00"})
    db["minutes_approvals"].insert({"id": 7, "meeting_id": 2, "approved_meeting_id": 1, "position": 3,
                                    "author": "C", "at": "2026-02-02T10:05:00+00:00"})
    db.close()
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        approval = store.approval_of(1)
        assert approval is not None and (approval.meeting_id, approval.held_on) == (2, date(2026, 2, 2))
        assert store.conn.execute("SELECT id, position, note, withdrawn FROM minutes_approvals").fetchall() == [
            (7, 3, "", 0)]
        with pytest.raises(Exception, match="append-only"):
            store.conn.execute("UPDATE minutes_approvals SET withdrawn = 1")
        store.withdraw_approval(2, 1, "C")
        assert store.approval_of(1) is None and store.approved_at(2) is None
        assert store.conn.execute("SELECT id, withdrawn, position FROM minutes_approvals ORDER BY id").fetchall() == [
            (7, 0, 3), (8, 1, 3)]
