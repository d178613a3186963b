"""A write the store refuses mid-meeting (its write-ahead log made immutable, `chattr +i`, then a status key) is
told as a failed write that recorded nothing: it was 'PATH cannot be read as SQLite (disk I/O error); refusing to
open it', the words for a store refused when opened, though the app had it open (new-user try of issue 12). The
app stays open and the next key, once the disk takes writes again, records. Keys only, then the store read."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from storage.store.opening import failure
from storage.store.store import Store
from tests.test_store_trouble_tui import open_meeting_at_1_1, updates
from tui.app import SteercoApp, make_app

DISK = sqlite3.OperationalError("disk I/O error")


def write_failed(db: Path) -> str:
    return (f"writing to {db} failed (disk I/O error); this change was not recorded: check the disk it is on, "
            "then try again")  # the app recorded entering the item before it: not 'nothing was changed'


async def press_a_status_key(db_path: Path, plans_dir: Path, block, unblock) -> list[str]:
    """Resume the open meeting at action 1.1, block writes, press g, unblock, press a; what was told under g."""
    open_meeting_at_1_1(db_path, plans_dir)
    app = make_app(db_path=db_path, plans_dir=plans_dir, plan="demo", start_meeting=True)
    assert isinstance(app, SteercoApp)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkthroughScreen"
        app.clear_notifications()
        block()
        try:
            await pilot.press("g")
            await pilot.pause()
            told = [n.message for n in app._notifications if n.title == "steerco: the store"]
            assert app.is_running and type(app.screen).__name__ == "WalkthroughScreen"
        finally:
            unblock()
        assert updates(db_path) == 0  # the refused key stored nothing
        await pilot.press("a")
        await pilot.pause()
        assert updates(db_path) == 1
    return told


def _chattr_works(folder: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        return False
    probe = folder / "probe"
    probe.write_text("x", encoding="utf-8")
    done = subprocess.run(["chattr", "+i", str(probe)], check=False, capture_output=True).returncode == 0
    subprocess.run(["chattr", "-i", str(probe)], check=False, capture_output=True)
    return done


async def test_a_write_refused_by_the_disk_is_told_as_a_write_that_recorded_nothing(
        db_path: Path, plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same SQLite error the immutable log gives, raised inside the write's transaction: rolled back, told."""
    def refused(*args: object, **kwargs: object) -> int:
        raise DISK

    told = await press_a_status_key(db_path, plans_dir, lambda: monkeypatch.setattr(Store, "_insert", refused),
                                    monkeypatch.undo)
    assert told == [write_failed(db_path)], told


async def test_an_immutable_write_ahead_log_mid_meeting(db_path: Path, plans_dir: Path, tmp_path: Path) -> None:
    if not _chattr_works(tmp_path):
        pytest.skip("chattr +i needs root on a filesystem that supports it")
    wal = Path(f"{db_path}-wal")
    told = await press_a_status_key(
        db_path, plans_dir, lambda: subprocess.run(["chattr", "+i", str(wal)], check=True),
        lambda: subprocess.run(["chattr", "-i", str(wal)], check=True))
    assert told == [write_failed(db_path)], told


def test_the_words_for_each_moment(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert failure(db, DISK) == f"{db} cannot be read as SQLite (disk I/O error); refusing to open it"
    assert failure(db, DISK, during="write", nothing="this change was not recorded") == (
        f"writing to {db} failed (disk I/O error); this change was not recorded: check the disk it is on, "
        "then try again")
    assert failure(db, DISK, during="use", recorded="the update was recorded (update 3)") == (
        f"the update was recorded (update 3), but then: reading or writing {db} failed (disk I/O error); "
        "check the disk it is on, then try again")
