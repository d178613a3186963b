"""Opening a store: create, migrate forward with a backup, refuse what is not ours untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from storage.store.schema import SCHEMA_VERSION, migrations
from storage.store.store import Store, StoreError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_v1(path: Path) -> None:
    """A store as the first release wrote it: only migration m001, user_version 1."""
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m002_indexes_views_append_only")
    db.execute("PRAGMA user_version = 1")
    db["updates"].insert_all([
        {"plan_id": "demo", "action_id": "1.1", "rag": rag, "note": f"n{i}", "author": "Ann",
         "recorded_at": f"2026-0{i + 1}-01T10:00:00.000000+00:00", "source": "app"}
        for i, rag in enumerate("RAG")
    ])
    db["risk_ratings"].insert({"plan_id": "demo", "risk_id": "R-1", "impact": 3, "likelihood": 4, "rating": 12,
                               "note": "", "author": "Bob", "recorded_at": "2026-01-01T10:00:00.000000+00:00",
                               "source": "meeting"})
    db.close()


def test_migration_from_v1_keeps_every_row_and_writes_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "steerco.db"
    build_v1(path)
    before = {t: list(sqlite_utils.Database(path)[t].rows) for t in ("updates", "risk_ratings", "steerco_meta")}
    with Store.open(path) as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for table, rows in before.items():
            assert list(store.db[table].rows) == rows, table
        assert "current_action_status" in store.db.view_names()
        assert store.current_statuses("demo")["1.1"].rag == "G"
        assert store.backup_path is not None and store.backup_path.exists()
    backups = list(tmp_path.glob("steerco.backup-*.db"))
    assert backups == [store.backup_path]
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM updates").fetchone()[0] == 3
    old.close()
    with Store.open(path) as again:  # already current: no second backup
        assert again.backup_path is None
    assert len(list(tmp_path.glob("steerco.backup-*.db"))) == 1


def test_new_store_has_no_backup(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db") as store:
        assert store.backup_path is None
    assert list(tmp_path.glob("*.backup-*")) == []


def test_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Store.open(path) as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_refused_and_file_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert f"newer steerco (schema {SCHEMA_VERSION + 5}, this one knows {SCHEMA_VERSION}); upgrade steerco" in message
    assert "\n" not in message
    assert digest(path) == before


@pytest.mark.parametrize("content", [
    os.urandom(4096),
    b"id: demo\ntitle: not a database\n",
    b"SQLite format 3\x00" + b"\xff" * 200,
], ids=["random-bytes", "a-plan-file", "sqlite-header-then-ff"])  # pytest-xdist: the same ids in every worker
def test_garbage_refused_and_unchanged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="refusing to open"):
        Store.open(path)
    assert path.read_bytes() == content


def test_another_apps_database_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite_utils.Database(path)["foo"].insert({"bar": 1})
    before = digest(path)
    with pytest.raises(StoreError, match="not a steerco store"):
        Store.open(path)
    assert digest(path) == before
    assert list(tmp_path.glob("*.backup-*")) == []


def test_wrong_app_marker_refused(tmp_path: Path) -> None:
    path = tmp_path / "impostor.db"
    sqlite_utils.Database(path)["steerco_meta"].insert({"key": "app", "value": "something-else"}, pk="key")
    before = digest(path)
    with pytest.raises(StoreError, match="not a steerco store"):
        Store.open(path)
    assert digest(path) == before
