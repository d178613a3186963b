"""A store that fails during a session is a notification in the store's words, and the app stays
open with nothing shown as saved (tui/store_trouble.py): locked by another writer past the busy
timeout under a status key, damaged where the dashboard reads its rows."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from storage.service.service import Service
from storage.store import opening
from tui.app import SteercoApp, make_app


def open_meeting_at_1_1(db: Path, plans_dir: Path) -> int:
    """A meeting of the demo plan left open at the agenda item of action 1.1."""
    with Service.open(db, plans_dir) as service:
        meeting = service.start_meeting("demo", date(2026, 11, 12), "bob", ["bob", "ann"], [], [], "all")
        position = next(n for n, item in enumerate(meeting.agenda, 1) if item.ref == "1.1")
        service.enter_item(meeting, position)
        return meeting.id


def updates(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM updates").fetchone()[0])
    finally:
        conn.close()


async def test_a_status_key_on_a_locked_store_is_a_notification_and_nothing_is_stored(
        db_path: Path, plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_meeting_at_1_1(db_path, plans_dir)
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 50)
    app = make_app(db_path=db_path, plans_dir=plans_dir, plan="demo", start_meeting=True)
    assert isinstance(app, SteercoApp)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("y")  # resume the open meeting, at action 1.1: entering it cannot be recorded
            await pilot.pause()
            assert type(app.screen).__name__ == "WalkthroughScreen"
            assert any("is locked by another writer" in n.message for n in app._notifications)
            app.clear_notifications()
            await pilot.press("g")
            await pilot.pause()
            told = [n.message for n in app._notifications]
            assert any("is locked by another writer" in m and "nothing was changed" in m for m in told), told
            assert app.is_running and type(app.screen).__name__ == "WalkthroughScreen"
        finally:
            holder.close()
        before = updates(db_path)
        await pilot.press("a")  # the lock gone, the next key records
        await pilot.pause()
        assert updates(db_path) == before + 1
    assert updates(db_path) == before + 1  # the locked key stored nothing
    assert before == 0


def damage_table(db: Path, table: str) -> None:
    """Overwrite every page of `table` with noise: the schema reads, the table does not."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", [table])]
    conn.close()
    with db.open("r+b") as out:
        for page in pages:
            out.seek((page - 1) * size)
            out.write(b"\xa5" * size)


async def test_a_damaged_read_in_the_dashboard_is_a_notification_and_the_app_stays_open(
        db_path: Path, plans_dir: Path) -> None:
    with Service.open(db_path, plans_dir) as service:
        meeting = service.start_meeting("demo", date(2026, 11, 12), "bob", ["bob", "ann"], [], [], "all")
        service.set_status(meeting, "1.1", "A", note="Venue late.")
    damage_table(db_path, "updates")
    app = make_app(db_path=db_path, plans_dir=plans_dir, plan="demo")
    assert isinstance(app, SteercoApp)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "DashboardScreen"
        told = [n.message for n in app._notifications]
        assert any("is damaged (database disk image is malformed)" in m for m in told), told
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running
