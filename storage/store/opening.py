"""Opening a store file safely: refuse what is not ours, back up before migrating.

A refused file is never written to: its place is checked first (`check_place`: a folder, a
missing file for a reader, a read-only file for a writer, a network filesystem), then it is
inspected through a read-only connection before any pragma that would change it
(journal_mode=WAL rewrites the header).
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from storage.store.schema_version import APP, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000

# Filesystem types (the mount table's names) on which SQLite's locking and WAL's shared
# memory do not work: https://www.sqlite.org/wal.html ("WAL does not work over a network filesystem").
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "coda", "davfs", "9p",
    "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.davfs2", "fuse.gcsfuse", "fuse.glusterfs",
})
MOUNTINFO = Path("/proc/self/mountinfo")


class StoreError(Exception):
    """The store cannot be opened or written as asked; the message is one line for the user."""


class MeetingClosed(StoreError):
    """A write aimed at a meeting that has been closed: closed meetings are read-only."""


def read_mountinfo() -> str:
    """The process's mount table (Linux); empty where there is none to read."""
    try:
        return MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def filesystem_type(path: Path) -> str | None:
    """The type of the filesystem holding `path` (or the folder it would be made in), from the
    mount table: the longest mount point above it. None where the table cannot tell."""
    place, rest = Path(os.path.abspath(path)), list[str]()
    while not place.exists() and place != place.parent:
        place, rest = place.parent, [place.name, *rest]
    place = place.resolve().joinpath(*rest)
    best: tuple[int, str] | None = None
    for line in read_mountinfo().splitlines():
        left, _, right = line.partition(" - ")
        fields, kinds = left.split(), right.split()
        if len(fields) < 5 or not kinds:
            continue
        point = Path(_unescape(fields[4]))
        if (place == point or point in place.parents) and (best is None or len(point.parts) > best[0]):
            best = (len(point.parts), kinds[0])
    return None if best is None else best[1]


def is_read_only(path: Path) -> str | None:
    """Why the existing store file cannot be written, or None: its folder or the file refuses
    writing (a read-only filesystem, an immutable file), or the file is marked read-only
    (no write permission for anyone: honoured even by root, who could write it anyway)."""
    if not os.access(path, os.W_OK):
        return "it is read-only"
    if not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "it is marked read-only"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"its folder {path.parent} is read-only"
    return None


def check_place(path: Path, *, write: bool) -> None:
    """StoreError, one line, if `path` is no place for a store: a folder, a network
    filesystem, missing (for a reader, who must not create it), or read-only (for a writer)."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file; give the store's file name")
    kind = filesystem_type(path)
    if kind is not None and (kind in NETWORK_FILESYSTEMS or kind.startswith(("nfs", "smb", "cifs"))):
        raise StoreError(
            f"{path} is on a network filesystem ({kind}), where SQLite cannot lock the store safely; "
            "keep the store on a local disk and share update files or a published copy instead"
        )
    if not path.exists():
        if not write:
            raise StoreError(f"no store at {path}; nothing has been recorded there (check --db or STEERCO_DB)")
        return
    if write and (why := is_read_only(path)) is not None:
        raise StoreError(f"{path} cannot be written: {why}; copy it to a writable folder to record into it")


def connect_reader(path: Path) -> sqlite3.Connection:
    """A reading command's connection to an existing store. A writable store is opened as a
    writer's (a read may remember a plan version for the minutes; the -wal and -shm beside it
    go again on close, which a read-only connection cannot do); a file no one can write
    through this path is opened read-only, as immutable when no write-ahead log waits beside
    it (so no -shm is made beside it)."""
    if is_read_only(path) is None:
        return connect(path)
    mode = "mode=ro" if Path(f"{path}-wal").exists() else "immutable=1"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                           isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def connect_untouched(path: Path) -> sqlite3.Connection:
    """A read-only connection that changes nothing of the file, not even its journal mode
    (`PRAGMA journal_mode = WAL` would rewrite the header): immutable when no one can write
    through this path and no write-ahead log waits beside it."""
    frozen = is_read_only(path) is not None and not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{'immutable=1' if frozen else 'mode=ro'}", uri=True,
                           timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


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
        conn = connect_untouched(path)
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
        raise StoreError(failure(path, exc)) from None
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


def failure(path: Path, exc: sqlite3.Error, *, recorded: str | None = None,
            nothing: str = "nothing was changed", during: str = "open") -> str:
    """One line for the user on what SQLite said of the store at `path`. `recorded` says what
    was already committed before the error (a read after a write failed): then the line says
    so, instead of claiming that nothing was changed. `nothing` is what the line says was not
    done when nothing was recorded ("this change was not recorded" once others were). `during`
    is when it failed: "open" (opening it), "write" (a write, rolled back) or "use" (the store
    was open: a read, or a write outside a transaction), so a disk error mid-session is never
    worded as a store refused at the door."""
    text = str(exc)
    if "not a database" in text:
        what, advice = f"{path} is not an SQLite database", "refusing to open it"
    elif "malformed" in text or "corrupt" in text:
        what, advice = f"{path} is damaged ({text})", "run `steerco check` and restore a backup (docs/store.md)"
        if recorded is None:
            advice = f"{nothing}: {advice}"
    elif "locked" in text or "busy" in text:
        what = f"{path} is locked by another writer (waited {BUSY_TIMEOUT_MS // 1000} s)"
        advice = f"{nothing}: try again when it has finished" if recorded is None else "try again later"
    elif "readonly" in text or "read-only" in text:
        what, advice = f"{path} cannot be written ({text})", "copy it to a writable folder to record into it"
    elif ("disk I/O" in text or "unable to open" in text) and during == "write":
        what, advice = f"writing to {path} failed ({text})", f"{nothing}: check the disk it is on, then try again"
    elif ("disk I/O" in text or "unable to open" in text) and during == "use":
        what, advice = f"reading or writing {path} failed ({text})", "check the disk it is on, then try again"
    elif "disk I/O" in text or "unable to open" in text:
        what, advice = f"{path} cannot be read as SQLite ({text})", "refusing to open it"
    else:
        what, advice = f"{path} cannot be used as a store ({text})", nothing if recorded is None else ""
    if recorded is not None:
        return f"{recorded}, but then: {what}" + (f"; {advice}" if advice else "")
    return f"{what}; {advice}"


def describe_sqlite_error(path: Path, exc: BaseException, *, recorded: str | None = None) -> str | None:
    """`failure`'s line for an error SQLite raised about the store at `path`; None for any other."""
    return failure(path, exc, recorded=recorded) if isinstance(exc, sqlite3.Error) else None


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the store's pragmas; Python never opens transactions implicitly."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def backup_name(path: Path, now: datetime) -> Path:
    """A new file beside the store for a copy of it: `<name>.backup-YYYYMMDD-HHMMSS[-n].db`."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}.db")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp}-{n}.db")
    return target


def backup(conn: sqlite3.Connection, path: Path, now: datetime) -> Path:
    """Checkpoint the WAL and copy the whole store to `<name>.backup-YYYYMMDD-HHMMSS.db`."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = backup_name(path, now)
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
