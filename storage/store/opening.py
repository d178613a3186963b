"""Opening a store file safely: refuse what is not ours, back up before migrating.

A refused file is never written to: it is inspected through a read-only connection
before any pragma that would change it (journal_mode=WAL rewrites the header).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from storage.store.schema_version import APP, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The store cannot be opened or written as asked; the message is one line for the user."""


class MeetingClosed(StoreError):
    """A write aimed at a meeting that has been closed: closed meetings are read-only."""


def inspect(path: Path) -> int:
    """The schema version of the store at `path`: 0 for a new or empty file.

    Raises StoreError for a file that is not SQLite, not a steerco store, or newer than us.
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    # Never open the file with plain open(): closing that descriptor would release the
    # POSIX locks of any connection this process already has on it (see test_store_locks).
    # SQLite itself shares one descriptor per file within a process, so ask it instead.
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            app = None
            if "steerco_meta" in tables:
                row = conn.execute("SELECT value FROM steerco_meta WHERE key = 'app'").fetchone()
                app = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise StoreError(f"{path} is not an SQLite database; refusing to open it") from None
        raise StoreError(f"{path} cannot be read as SQLite ({exc}); refusing to open it") from None
    if not tables and version == 0:
        return 0
    if app != APP:
        raise StoreError(f"{path} is an SQLite database but not a steerco store; refusing to open it")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer steerco (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade steerco"
        )
    return version


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the store's pragmas; Python never opens transactions implicitly."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def backup(conn: sqlite3.Connection, path: Path, now: datetime) -> Path:
    """Checkpoint the WAL and copy the whole store to `<name>.backup-YYYYMMDD-HHMMSS.db`."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}.db")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp}-{n}.db")
    # The backup API copies a consistent snapshot even if another process writes meanwhile.
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(conn: sqlite3.Connection, path: Path, found: int, clock: Callable[[], datetime]) -> Path | None:
    """Bring the store up to SCHEMA_VERSION; returns the backup made, if any.

    Runs under BEGIN IMMEDIATE so two processes opening a new file do not both migrate.
    """
    from sqlite_utils import Database

    from storage.store.schema import migrations

    made = backup(conn, path, clock()) if found > 0 else None
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current < SCHEMA_VERSION:
            migrations.apply(Database(conn))
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return made
