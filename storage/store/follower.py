"""The follower's store: a connection that cannot write, and the few reads a live view makes.

`steerco follow` (storage/service/follow.py) watches the chair's open meeting from another
process. Its connection is opened `mode=ro` and made query-only, so no statement run on
it can change the file, whatever calls it; in WAL mode many such readers run beside the
chair's writer without blocking it. `PRAGMA data_version` changes on this connection only
when another connection has committed: polling it is how a follower notices the chair.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from storage.store.opening import StoreError, failure, inspect
from storage.store.schema_version import SCHEMA_VERSION
from storage.store.store import Store, utc_now


def open_follower(path: Path | str, clock: Callable[[], datetime] = utc_now) -> Store:
    """The store at `path` read through a read-only connection (`Store.open(write=False, as_is=True)`:
    mode=ro, never migrated, not a byte changed) made query-only too; StoreError, one line, for a
    missing store, an empty file or one of another schema (a follower never migrates: the chair's app does)."""
    store = Store.open(path, clock, write=False, as_is=True)
    try:
        found = inspect(store.path)
        if found != SCHEMA_VERSION:
            raise StoreError(f"{store.path} has schema {found}, this steerco reads {SCHEMA_VERSION}: open it once "
                             "with the chair's steerco first")
        store.conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        store.close()
        raise StoreError(failure(store.path, exc)) from None
    except StoreError:
        store.close()
        raise
    return store


def data_version(store: Store) -> int:
    """Changes when another connection commits to the file (https://sqlite.org/pragma.html#pragma_data_version)."""
    return int(store.conn.execute("PRAGMA data_version").fetchone()[0])


def entered_positions(store: Store, meeting_id: int) -> set[int]:
    """The agenda positions the meeting has entered so far (what has been taken)."""
    return {int(r[0]) for r in store.conn.execute(
        "SELECT DISTINCT position FROM item_events WHERE meeting_id = ? AND event = 'enter'", [meeting_id])}


def running(store: Store, meeting_id: int) -> bool:
    """Whether the chair's walk-through is on the meeting now (its latest session row is no 'suspend')."""
    row = store.conn.execute("SELECT event FROM meeting_sessions WHERE meeting_id = ? ORDER BY id DESC LIMIT 1",
                             [meeting_id]).fetchone()
    return row is None or row[0] != "suspend"
