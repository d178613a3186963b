"""The store's side of `steerco publish`: the agreed record of one plan read out, and a plain
SQLite copy written from rows the service has chosen (storage/service/publish.py).

Reads take only what a meeting or the chair agreed, of one plan: status updates and risk
ratings (never the `proposals` table, never an officer's file: source 'officer-file'), the
indicator values, and which meeting approved which minutes. The copy is built in memory and
written all at once: a new file by an atomic rename (storage/store/files.py), a copy published before
by SQLite's online backup into that same file (write_copy), so a Datasette serving the folder
never opens half a file and sees the new copy without a restart; the live store is never the
file written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.plan.status import ARISING_OPEN
from storage.store.files import write_file
from storage.store.formalities import STANDING_APPROVAL
from storage.store.kept import kept
from storage.store.store import Store

__all__ = ["QUERIES", "PublishedTable", "agreed_ratings", "agreed_updates", "approvals", "write_copy"]

_AGREED = f"source <> 'officer-file' AND {kept()}"  # none at an abandoned meeting: storage/store/kept.py


# Datasette's canned queries on every copy (metadata.json `queries`), over the copy's tables
# (storage/service/publish.py TABLES); `overdue` is a column worked out when publishing.
_OPEN_ARISING = ", ".join(f"'{s}'" for s in sorted(ARISING_OPEN))

QUERIES: dict[str, dict[str, str]] = {
    "current_status": {
        "title": "Current status",
        "description": "Every action with its agreed status, in the plan's order.",
        "sql": "SELECT id, theme, title, owner, status_name, symbol, last_updated, overdue_words, as_of "
               "FROM actions ORDER BY position",
    },
    "overdue_actions": {
        "title": "Overdue actions",
        "description": "Actions past their deadline (or an open milestone's) and not complete.",
        "sql": "SELECT id, title, owner, deadline, due, status_name, overdue_words, as_of FROM actions "
               "WHERE overdue = 1 ORDER BY due, position",
    },
    "risk_register": {
        "title": "Risk register",
        "description": "Every risk with its current rating, highest first.",
        "sql": "SELECT id, description, owner, impact, likelihood, rating, band, residual, last_rated FROM risks "
               "ORDER BY rating DESC, position",
    },
    "open_actions_arising": {
        "title": "Actions arising",
        "description": "Actions arising still open or carried forward, the earliest due first.",
        "sql": "SELECT ref, raised_on, text, owner, due, status, overdue FROM actions_arising "
               f"WHERE status IN ({_OPEN_ARISING}) ORDER BY due IS NULL, due, ref",
    },
    "indicator_progress": {
        "title": "Indicator values",
        "description": "Every value recorded, by indicator and in the order recorded.",
        "sql": "SELECT i.id AS indicator, i.title, v.period, v.value, i.unit, v.recorded_at FROM indicator_values v "
               "JOIN indicators i ON i.id = v.indicator_id ORDER BY i.position, v.id",
    },
}


def agreed_updates(store: Store, plan_id: str) -> list[tuple[Any, ...]]:
    """Every status the chair or a meeting recorded on the plan's actions, oldest first, as
    (id, action_id, rag, note, recorded_at, author, meeting_id). One pass over the table in id
    order (`+plan_id` keeps SQLite off the by-action index): a million updates in ~2 s, against
    ~8-9 s through the index, whose every row is a seek into the table."""
    return store.conn.execute(
        "SELECT id, action_id, rag, note, recorded_at, author, meeting_id FROM updates "
        f"WHERE +plan_id = ? AND {_AGREED} ORDER BY id", [plan_id]).fetchall()


def agreed_ratings(store: Store, plan_id: str) -> list[tuple[Any, ...]]:
    """Every rating the chair or a meeting gave the plan's risks, oldest first, as
    (id, risk_id, impact, likelihood, rating, residual, note, recorded_at, author, meeting_id)."""
    return store.conn.execute(
        "SELECT id, risk_id, impact, likelihood, rating, residual, note, recorded_at, author, meeting_id "
        f"FROM risk_ratings WHERE +plan_id = ? AND {_AGREED} ORDER BY id", [plan_id]).fetchall()


def approvals(store: Store, plan_id: str) -> dict[int, tuple[int, str]]:
    """{approved meeting id: (approving meeting id, its date)} for the plan's meetings."""
    rows = store._rows(
        "SELECT a.approved_meeting_id, a.meeting_id, m.held_on FROM minutes_approvals a "
        f"JOIN meetings m ON m.id = a.meeting_id WHERE m.plan_id = ? AND {STANDING_APPROVAL}", [plan_id])
    return {r["approved_meeting_id"]: (r["meeting_id"], r["held_on"]) for r in rows}


@dataclass(frozen=True)
class PublishedTable:
    """One table of the copy: its columns as (name, SQLite type), the primary key, its rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: Sequence[Sequence[Any]]
    key: tuple[str, ...] = ()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_copy(path: Path, tables: Sequence[PublishedTable]) -> None:
    """Write the tables as the SQLite copy at `path`. A new file is written to a temporary one and
    renamed into place; a copy already published there is overwritten IN PLACE with SQLite's
    online backup, so a Datasette serving it (its connections hold the file open) reads the new
    copy on its next query, and a reader sees the old copy or the new one, never half. (A rename
    would leave Datasette on the old, deleted file until it restarts.)"""
    conn = sqlite3.connect(":memory:")
    try:
        for table in tables:
            columns = [f"{_quoted(name)} {kind}" for name, kind in table.columns]
            if table.key:
                columns.append(f"PRIMARY KEY ({', '.join(_quoted(k) for k in table.key)})")
            conn.execute(f"CREATE TABLE {_quoted(table.name)} ({', '.join(columns)})")
            marks = ", ".join("?" for _ in table.columns)
            conn.executemany(f"INSERT INTO {_quoted(table.name)} VALUES ({marks})", table.rows)
        conn.commit()
        if _is_published_copy(path):
            target = sqlite3.connect(path, timeout=30)
            try:
                conn.backup(target)
            finally:
                target.close()
            return
        data = conn.serialize()
    finally:
        conn.close()
    write_file(path, data)


def _is_published_copy(path: Path) -> bool:
    """True when `path` is an SQLite file with the copy's `about` table (one `steerco publish` wrote)."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return False
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(about)")}
        return {"plan_id", "published_at"} <= columns
    except sqlite3.Error:
        return False
    finally:
        conn.close()
