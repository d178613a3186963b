"""Looking after a store: a consistent copy while it is in use, and a check of what it holds.

Neither changes the store: `check` reads it through a read-only connection (an older store
is not migrated), `backup_to` copies it with SQLite's online backup API, which takes a
consistent snapshot even while the app or an import writes, into a temporary file beside
the target that is checked with `integrity_check` before it takes the target's name.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from storage.store.opening import StoreError, failure
from storage.store.schema_version import SCHEMA_VERSION
from storage.store.store import Store


@dataclass(frozen=True)
class Copied:
    """A backup made: where, and how big."""

    target: Path
    pages: int
    size: int


@dataclass
class Health:
    """What `check` found: each problem is one line; none means the store is sound."""

    path: Path
    version: int
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _as_is(path: Path) -> Store:
    """The store at `path` opened exactly as it is (`Store.open(..., as_is=True)`)."""
    return Store.open(path, write=False, as_is=True)


def backup_to(path: Path, target: Path) -> Copied:
    """Copy the store at `path` to `target` (a new file) and check the copy; StoreError, one
    line, if the store cannot be read, the target exists or cannot be written, or the copy is
    not sound (then no target is left behind)."""
    _as_is(path).close()
    if target.exists() or target.is_symlink():
        raise StoreError(f"{target} already exists; give a new file name for the backup")
    if target.resolve() == path.resolve():
        raise StoreError(f"{target} is the store itself; give a new file name for the backup")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise StoreError(f"cannot back up {path} to {target}: {exc.strerror or exc}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        source = _as_is(path)
        dest = sqlite3.connect(str(temporary))
        try:
            source.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            verdict = dest.execute("PRAGMA integrity_check").fetchone()[0]
            pages = int(dest.execute("PRAGMA page_count").fetchone()[0])
        finally:
            dest.close()
            source.close()
        if verdict != "ok":
            raise StoreError(f"the copy of {path} is not sound ({verdict}); no backup was made: run `steerco check`")
        _sync(temporary)
        os.replace(temporary, target)
    except sqlite3.Error as exc:
        raise StoreError(failure(path, exc)) from None
    except OSError as exc:
        raise StoreError(f"cannot back up {path} to {target}: {exc.strerror or exc}") from None
    finally:
        temporary.unlink(missing_ok=True)
    return Copied(target, pages, target.stat().st_size)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _expected_objects() -> set[tuple[str, str]]:
    """The (type, name) of every trigger, index and view a new store of this schema has."""
    from sqlite_utils import Database

    from storage.store.schema import migrations

    fresh = Database(memory=True)
    migrations.apply(fresh)
    rows = fresh.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index', 'view') "
                         "AND name NOT LIKE 'sqlite_%'").fetchall()
    fresh.close()
    return {(kind, name) for kind, name in rows}


def check(path: Path) -> Health:
    """The store's health: integrity, foreign keys (orphaned rows), schema version, the
    append-only triggers and the other objects a store of its schema has. StoreError if it
    cannot be opened at all (not a store, a newer schema, a folder, missing...)."""
    store = _as_is(path)
    try:
        version = int(store.conn.execute("PRAGMA user_version").fetchone()[0])
        health = Health(path, version)
        if version < SCHEMA_VERSION:
            health.problems.append(f"schema {version} is older than this steerco's ({SCHEMA_VERSION}): the first "
                                   "command that records into it upgrades it (a backup is made first)")
        try:
            _examine(store.conn, health, version)
        except sqlite3.Error as exc:
            health.problems.append(f"cannot be read through: {exc}")
    finally:
        store.close()
    return health


def _examine(conn: sqlite3.Connection, health: Health, version: int) -> None:
    for (line,) in conn.execute("PRAGMA integrity_check(20)"):
        if line != "ok":
            health.problems.append(f"integrity: {line}")
    orphans: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        orphans[(table, parent)] = orphans.get((table, parent), 0) + 1
    for (table, parent), n in sorted(orphans.items()):
        health.problems.append(f"orphaned rows: {n} in {table} point at {parent} rows that do not exist")
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        health.counts[table] = int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    if version != SCHEMA_VERSION:
        return
    present = {(kind, name) for kind, name in conn.execute("SELECT type, name FROM sqlite_master")}
    for kind, name in sorted(_expected_objects() - present):
        what = "append-only trigger" if kind == "trigger" and "_no_" in name else kind
        health.problems.append(f"missing {what} {name}")
