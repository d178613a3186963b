"""The store's place and health: what each bad place says, backup while in use, check, atomic file writes,
and the app's store-problem screen."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from steerco.cli import main
from storage.service.service import Service
from storage.store import opening
from storage.store.files import FileWriteError, write_file
from storage.store.store import Store, StoreError


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded(db: Path, plans_dir: Path) -> Path:
    result = run("record", "demo", "1.1", "--rag", "A", "--note", "late", "--by", "ann",
                 "--db", str(db), "--plans", str(plans_dir))
    assert result.exit_code == 0, result.output
    return db


# -- where a store may be -----------------------------------------------------------------------------


MOUNTS = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
61 27 0:50 / /mnt/council\\040share rw,relatime - cifs //files/share rw,vers=3.0
62 27 0:51 / /home/ann/remote rw,nosuid - fuse.sshfs ann@host:/srv rw
63 61 0:52 / /mnt/council\\040share/local rw - ext4 /dev/vdb rw
"""


@pytest.mark.parametrize(("where", "kind"), [
    ("/mnt/council share/plans/steerco.db", "cifs"),
    ("/home/ann/remote/new-folder/steerco.db", "fuse.sshfs"),
    ("/mnt/council share/local/steerco.db", "ext4"),  # a local disk mounted under the share
    ("/tmp/steerco.db", "ext4"),
])
def test_the_filesystem_is_read_from_the_mount_table(monkeypatch: pytest.MonkeyPatch, where: str, kind: str) -> None:
    monkeypatch.setattr(opening, "read_mountinfo", lambda: MOUNTS)
    assert opening.filesystem_type(Path(where)) == kind


def test_a_store_on_a_network_filesystem_is_refused_with_advice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                              plans_dir: Path) -> None:
    monkeypatch.setattr(opening, "read_mountinfo", lambda: f"70 27 0:60 / {tmp_path} rw - nfs4 server:/x rw\n")
    result = run("record", "demo", "1.1", "--rag", "A", "--note", "n", "--by", "ann",
                 "--db", str(tmp_path / "steerco.db"), "--plans", str(plans_dir))
    assert result.exit_code == 2
    assert "network filesystem (nfs4)" in result.output and "keep the store on a local disk" in result.output
    assert not (tmp_path / "steerco.db").exists()


def test_a_reading_command_makes_no_store_and_a_writing_one_says_it_made_one(tmp_path: Path, plans_dir: Path) -> None:
    db = tmp_path / "typo" / "steerco.db"
    for args in (("status", "demo"), ("history", "demo", "1.1"), ("minutes", "demo"), ("actions", "demo"),
                 ("export-updates", "--as", "ann"), ("backup",), ("check",)):
        plans = ("--plans", str(plans_dir)) if args[0] not in ("backup", "check") else ()
        result = run(*args, "--db", str(db), *plans)
        assert result.exit_code == 2, (args, result.output)
        assert f"no store at {db}" in result.output, args
        assert not db.parent.exists(), args
    result = run("record", "demo", "1.1", "--rag", "A", "--note", "n", "--by", "ann", "--db", str(db),
                 "--plans", str(plans_dir))
    assert result.exit_code == 0 and f"made a new store at {db}" in result.stderr


def test_a_read_only_store_is_read_but_not_written(tmp_path: Path, plans_dir: Path) -> None:
    db = recorded(tmp_path / "steerco.db", plans_dir)
    db.chmod(0o444)
    before = digest(db)
    shown = run("status", "demo", "--json", "--db", str(db), "--plans", str(plans_dir))
    assert shown.exit_code == 0 and '"rag":"A"' in shown.stdout
    refused = run("record", "demo", "1.1", "--rag", "G", "--note", "n", "--by", "ann", "--db", str(db),
                  "--plans", str(plans_dir))
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines()[-1] == (f"Error: {db} cannot be written: it is marked read-only; "
                                                       "copy it to a writable folder to record into it")
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("steerco")) == ["steerco.db"]


def test_a_writer_waiting_past_the_busy_timeout_gets_one_line(tmp_path: Path, plans_dir: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = recorded(tmp_path / "steerco.db", plans_dir)
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run("record", "demo", "1.1", "--rag", "G", "--note", "n", "--by", "ann", "--db", str(db),
                     "--plans", str(plans_dir))
    finally:
        holder.close()
    assert result.exit_code == 2
    assert f"{db} is locked by another writer" in result.output and "try again" in result.output
    with Store.open(db) as store:
        assert [u.rag for u in store.history("demo", "1.1")] == ["A"]


def test_an_older_read_only_store_is_refused_for_reading_too(tmp_path: Path) -> None:
    from tests.test_store_open import build_v1

    db = tmp_path / "old.db"
    build_v1(db)
    db.chmod(0o444)
    with pytest.raises(StoreError, match="older steerco \\(schema 1\\) and it is marked read-only"):
        Store.open(db, write=False)


# -- backup -----------------------------------------------------------------------------------------


def test_backup_while_another_connection_writes_is_consistent_and_checked(tmp_path: Path, plans_dir: Path) -> None:
    db = recorded(tmp_path / "steerco.db", plans_dir)
    stop = threading.Event()

    def keep_writing() -> None:
        with Service.open(db, plans_dir) as service:
            plan = service.plan("demo")
            n = 0
            while not stop.is_set():
                n += 1
                service.record_update(plan, "1.2", "G", f"note {n}", "Ann Officer", source="command-line")

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        results = [run("backup", "-o", str(tmp_path / f"copy-{i}.db"), "--db", str(db)) for i in range(3)]
    finally:
        stop.set()
        writer.join()
    for i, result in enumerate(results):
        copy = tmp_path / f"copy-{i}.db"
        assert result.exit_code == 0 and "integrity ok" in result.output, result.output
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        updates = conn.execute("SELECT count(*) FROM updates").fetchone()[0]
        states = conn.execute("SELECT count(*) FROM action_state").fetchone()[0]
        conn.close()
        assert updates >= 1 and states == (2 if updates > 1 else 1)
        assert run("check", "--db", str(copy)).exit_code == 0
    assert not list(tmp_path.glob("*.part"))


def test_backup_beside_the_store_by_default_and_never_over_a_file(tmp_path: Path, plans_dir: Path) -> None:
    db = recorded(tmp_path / "steerco.db", plans_dir)
    made = run("backup", "--db", str(db))
    assert made.exit_code == 0
    [copy] = tmp_path.glob("steerco.backup-*.db")
    assert str(copy) in made.output
    before = digest(copy)
    again = run("backup", "-o", str(copy), "--db", str(db))
    assert again.exit_code == 2 and "already exists" in again.output and digest(copy) == before
    nowhere = run("backup", "-o", str(tmp_path / "no" / "such" / "x.db"), "--db", str(db))
    assert nowhere.exit_code == 2  # worded as every -o (storage/store/files.py)
    assert f"cannot write {tmp_path / 'no' / 'such' / 'x.db'}: the folder {tmp_path / 'no' / 'such'} does not exist" \
        in nowhere.output and not (tmp_path / "no").exists()


# -- check ------------------------------------------------------------------------------------------


def test_check_a_sound_store(tmp_path: Path, plans_dir: Path) -> None:
    db = recorded(tmp_path / "steerco.db", plans_dir)
    before = digest(db)
    result = run("check", "--db", str(db))
    assert result.exit_code == 0 and "ok: integrity" in result.output
    data = run("check", "--json", "--db", str(db))
    assert '"ok":true' in data.stdout and '"updates":1' in data.stdout
    assert digest(db) == before


def test_check_finds_a_missing_trigger_and_orphaned_rows(tmp_path: Path, plans_dir: Path) -> None:
    db = recorded(tmp_path / "steerco.db", plans_dir)
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER updates_no_delete")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO attendance (meeting_id, name, status, position) VALUES (999, 'Nobody', 'present', 1)")
    conn.commit()
    conn.close()
    result = run("check", "--db", str(db))
    assert result.exit_code == 1
    assert "missing append-only trigger updates_no_delete" in result.output
    assert "orphaned rows: 1 in attendance point at meetings rows that do not exist" in result.output


def test_check_an_older_store_says_so_and_does_not_upgrade_it(tmp_path: Path) -> None:
    from tests.test_store_open import build_v1

    db = tmp_path / "old.db"
    build_v1(db)
    before = digest(db)
    result = run("check", "--db", str(db))
    assert result.exit_code == 1 and "schema 1 is older" in result.output
    assert digest(db) == before and not list(tmp_path.glob("*.backup-*"))


def test_check_damaged_and_foreign_files(tmp_path: Path, plans_dir: Path) -> None:
    from tests.test_bad_stores import damage

    db = recorded(tmp_path / "steerco.db", plans_dir)
    damage(db)
    damaged = run("check", "--db", str(db))
    assert damaged.exit_code in (1, 2) and (str(db) in damaged.output or "integrity" in damaged.output)
    other = tmp_path / "notes.txt"
    other.write_text("not a store", encoding="utf-8")
    assert run("check", "--db", str(other)).exit_code == 2


# -- writing files ------------------------------------------------------------------------------------


def test_write_file_replaces_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "minutes.md"
    write_file(target, "old\n")
    target.chmod(0o640)
    write_file(target, "new\n")
    assert target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o640

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(FileWriteError) as caught:
        write_file(target, "half\n")
    assert str(caught.value) == f"cannot write {target}: No space left on device"
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.md"]


@pytest.mark.parametrize("args", [
    ("schema",),
    ("template", "--as", "ann", "demo"),
    ("export-updates", "--as", "ann"),
    ("minutes", "demo"),
    ("actions", "demo"),
    ("export-status", "demo"),
])
def test_every_file_writer_says_where_and_why_with_exit_2(args: tuple[str, ...], tmp_path: Path,
                                                         plans_dir: Path) -> None:
    db = tmp_path / "steerco.db"
    with Service.open(db, plans_dir) as service:
        meeting = service.start_meeting("demo", date(2026, 11, 12), "bob", ["bob", "ann"], [], [], "all")
        service.set_status(meeting, "1.1", "A", note="late")
        service.close_meeting(meeting)
    recorded(db, plans_dir)
    target = tmp_path / "no" / "such" / "dir" / "x.out"
    extra = ["--plans", str(plans_dir), "--db", str(db)] if args[0] != "schema" else []
    result = run(*args, "-o", str(target), *extra)
    assert result.exit_code == 2, result.output
    assert f"cannot write {target}: the folder {target.parent} does not exist" in result.output


# -- kill -9 during an import -----------------------------------------------------------------------


def test_kill_9_during_import_leaves_the_store_before_or_after_the_file(tmp_path: Path) -> None:
    """A few kills of a real `steerco import-updates` late in its run, where the store is being
    written (the long form, 100 kills across the whole run: `python -m benchmarks.kill_import`)."""
    from benchmarks.kill_import import run as kill_imports

    kills = kill_imports(5, 500, seed=16, folder=tmp_path, window=(0.5, 1.2))
    assert len(kills) == 5
    assert all(k.integrity == "ok" and (k.proposals, k.files) in ((0, 0), (500, 1)) for k in kills)


# -- the app ------------------------------------------------------------------------------------------


async def test_the_app_shows_a_read_only_store_on_a_screen_of_its_own_before_any_form(
        tmp_path: Path, plans_dir: Path) -> None:
    """The chair asks for a meeting on a read-only copy: no setup form to fill in and lose, but
    the store's problem, and leaving ends steerco with exit 2 (it used to crash on ctrl+s)."""
    from textual.widgets import Static

    from tui.app import make_app
    from tui.screens.store_problem import StoreProblemScreen

    db = recorded(tmp_path / "steerco.db", plans_dir)
    db.chmod(0o444)
    before = digest(db)
    app = make_app(db_path=db, plans_dir=plans_dir, plan="demo", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoreProblemScreen)
        assert [type(s).__name__ for s in app.screen_stack][1:] == ["StoreProblemScreen"]
        said = str(app.screen.query_one("#store-problem", Static).render())
        assert f"{db} cannot be written: it is marked read-only" in said.replace("\n", " ")
        await pilot.press("ctrl+s", "tab", "enter")
    assert app.return_code == 2
    assert digest(db) == before
