"""Officers' updates imported from update files, held as proposals until the chair acts.

A mixin of `Store`. A proposal is pending until an update or risk rating points at it
through its `proposal_id` (the chair accepted it, or overrode it with their own value).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from storage.store.opening import StoreError
from storage.store.records import ImportedFile, Proposal, when

PROPOSAL_FIELDS = ("uid", "plan_id", "plan_version", "kind", "item_id", "rag", "impact", "likelihood",
                   "note", "author", "written_at")
_REQUIRED = frozenset({"uid", "plan_id", "kind", "item_id", "author", "written_at"})
_INSERT = (f"INSERT OR IGNORE INTO proposals ({', '.join(PROPOSAL_FIELDS)}, imported_file_id, imported_at) "
           f"VALUES ({', '.join('?' for _ in PROPOSAL_FIELDS)}, ?, ?)")
_UIDS_PER_QUERY = 500  # bound parameters per statement: well under SQLite's limit
_PENDING = (
    "NOT EXISTS (SELECT 1 FROM updates u WHERE u.proposal_id = p.id) "
    "AND NOT EXISTS (SELECT 1 FROM risk_ratings r WHERE r.proposal_id = p.id)"
)


class ProposalsMixin:
    conn: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _insert: Callable[[str, dict[str, Any]], int]
    _rows: Callable[..., list[dict[str, Any]]]
    _now: Callable[[], str]

    def file_imported(self, file_sha256: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM imported_files WHERE sha256 = ?", [file_sha256]).fetchone() is not None

    def imported_file(self, file_sha256: str) -> ImportedFile | None:
        """The update file with these bytes, if it was imported before."""
        rows = self._rows("SELECT sha256, name, imported_at, entries FROM imported_files WHERE sha256 = ?",
                          [file_sha256])
        return ImportedFile(**{**rows[0], "imported_at": when(rows[0]["imported_at"])}) if rows else None

    def add_proposals(self, file_sha256: str, name: str, proposals: list[dict[str, Any]]) -> int:
        """Import one file's entries in one transaction; returns how many were new.

        The same file (by sha256) twice adds nothing; entries whose uid is already stored
        (from another file) are skipped. Each dict carries the keys of the proposals table:
        uid, plan_id, plan_version, kind, item_id, rag, impact, likelihood, note, author,
        written_at (a datetime or an ISO-8601 string).
        """
        rows = []
        for entry in proposals:
            missing = _REQUIRED - entry.keys()
            if missing:
                raise StoreError(f"proposal {entry.get('uid', '?')} lacks {', '.join(sorted(missing))}")
            row = {key: entry.get(key) for key in PROPOSAL_FIELDS}
            row["note"] = row["note"] or ""
            if isinstance(row["written_at"], datetime):
                row["written_at"] = row["written_at"].isoformat(timespec="microseconds")
            if row["rag"] is not None:
                row["rag"] = str(row["rag"]).upper()
            rows.append(tuple(row.values()))
        return self.add_proposal_rows(file_sha256, name, rows)

    def add_proposal_rows(self, file_sha256: str, name: str, rows: Sequence[tuple[Any, ...]]) -> int:
        """`add_proposals` for rows already in `PROPOSAL_FIELDS` order and as stored: note a
        text, rag upper case or None, written_at ISO-8601 text (what the importer builds)."""
        with self._write():
            if self.file_imported(file_sha256):
                return 0
            at = self._now()
            file_id = self._insert("imported_files", {"sha256": file_sha256, "name": name,
                                                      "imported_at": at, "entries": len(rows)})
            tail = (file_id, at)
            cursor = self.conn.executemany(_INSERT, [row + tail for row in rows])
            return max(cursor.rowcount, 0)  # the rows inserted, ignored ones not counted

    @staticmethod
    def _proposal(row: dict[str, Any]) -> Proposal:
        return Proposal(**{**row, "imported_at": when(row["imported_at"])})

    def pending_proposals(self, plan_id: str, kind: str, item_id: str) -> list[Proposal]:
        """Proposals for one action or risk that the chair has not yet acted on, newest first."""
        rows = self._rows(
            f"SELECT p.* FROM proposals p WHERE p.plan_id = ? AND p.kind = ? AND p.item_id = ? "
            f"AND {_PENDING} ORDER BY p.written_at DESC, p.id DESC", [plan_id, kind, item_id])
        return [self._proposal(r) for r in rows]

    def proposals(self, plan_id: str, *, pending_only: bool = False) -> list[Proposal]:
        """Every proposal for the plan, oldest first."""
        sql = "SELECT p.* FROM proposals p WHERE p.plan_id = ?" + (f" AND {_PENDING}" if pending_only else "")
        return [self._proposal(r) for r in self._rows(sql + " ORDER BY p.id", [plan_id])]

    def proposals_by_uid(self, uids: Sequence[str]) -> dict[str, Proposal]:
        """The stored proposals among `uids`, by uid; a uid not stored is left out.

        One query (on the unique index of `uid`) per 500 uids, so a long file stays under
        SQLite's limit on bound parameters.
        """
        found: dict[str, Proposal] = {}
        for start in range(0, len(uids), _UIDS_PER_QUERY):
            chunk = list(uids[start:start + _UIDS_PER_QUERY])
            rows = self._rows(f"SELECT * FROM proposals WHERE uid IN ({', '.join('?' for _ in chunk)})", chunk)
            found.update({row["uid"]: self._proposal(row) for row in rows})
        return found
