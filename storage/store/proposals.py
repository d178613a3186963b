"""Officers' updates imported from update files, held as proposals until the chair acts.

A mixin of `Store`. A proposal is pending until an update or risk rating points at it
through its `proposal_id` (the chair accepted it, or overrode it with their own value), or
until it is superseded: answering a proposal settles every older pending one on the same
item (`superseded_proposals`, kept by triggers: storage/store/schema.py, migration 4). A
proposal imported after a newer one on its item was settled is superseded on arrival: the
chair was never asked, so no one settled it (`ProposalFate.on_arrival`, settled_by None).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.store.kept import kept
from storage.store.opening import StoreError
from storage.store.records import ImportedFile, Proposal, when

PROPOSAL_FIELDS = ("uid", "plan_id", "plan_version", "kind", "item_id", "rag", "impact", "likelihood",
                   "note", "author", "written_at")
_REQUIRED = frozenset({"uid", "plan_id", "kind", "item_id", "author", "written_at"})
_INSERT = (f"INSERT OR IGNORE INTO proposals ({', '.join(PROPOSAL_FIELDS)}, imported_file_id, imported_at) "
           f"VALUES ({', '.join('?' for _ in PROPOSAL_FIELDS)}, ?, ?)")
_UIDS_PER_QUERY = 500  # bound parameters per statement: well under SQLite's limit
# An answer given at an abandoned meeting settles nothing (storage/store/kept.py): the proposal is pending again.
_PENDING = (
    f"NOT EXISTS (SELECT 1 FROM updates u WHERE u.proposal_id = p.id AND {kept('u.meeting_id')}) "
    f"AND NOT EXISTS (SELECT 1 FROM risk_ratings r WHERE r.proposal_id = p.id AND {kept('r.meeting_id')}) "
    f"AND NOT EXISTS (SELECT 1 FROM superseded_proposals x WHERE x.proposal_id = p.id AND {kept('x.meeting_id')})"
)
FATES = ("pending", "accepted", "overridden", "superseded")
# Each proposal of a plan with the chair's answer to it (the first update or rating linked to
# it) or the row that superseded it: what `proposal_fates` reads, in one query.
_FATES = f"""
SELECT p.*,
       u.rag AS u_rag, u.author AS u_author, u.recorded_at AS u_at, u.meeting_id AS u_meeting,
       r.impact AS r_impact, r.likelihood AS r_likelihood, r.author AS r_author, r.recorded_at AS r_at,
       r.meeting_id AS r_meeting,
       x.by_proposal_id AS x_by, x.author AS x_author, x.at AS x_at, x.meeting_id AS x_meeting
FROM proposals p
LEFT JOIN updates u ON u.id = (SELECT min(id) FROM updates WHERE proposal_id = p.id AND {kept()})
LEFT JOIN risk_ratings r ON r.id = (SELECT min(id) FROM risk_ratings WHERE proposal_id = p.id AND {kept()})
LEFT JOIN superseded_proposals x ON x.id = (
    SELECT min(id) FROM superseded_proposals WHERE proposal_id = p.id AND {kept()})
WHERE p.plan_id = ?
"""
# The settled proposals of a plan (answered by an update or a rating), with the meeting that
# answered each: what an import compares its entries with (`newest_settled`).
_SETTLED = f"""
SELECT s.id, s.kind, s.item_id, s.written_at, d.meeting_id FROM proposals s
JOIN (SELECT proposal_id, meeting_id FROM updates WHERE proposal_id IS NOT NULL AND {kept()}
      UNION ALL SELECT proposal_id, meeting_id FROM risk_ratings WHERE proposal_id IS NOT NULL AND {kept()}) AS d
  ON d.proposal_id = s.id
WHERE s.plan_id = ?
ORDER BY s.written_at, s.id
"""


@dataclass(frozen=True)
class SettledProposal:
    """A proposal the chair answered: an entry written before it is superseded on arrival."""

    id: int
    written_at: str
    meeting_id: int | None


@dataclass(frozen=True)
class ProposalFate:
    """One proposal and what became of it: pending, accepted, overridden or superseded.

    `agreed` is what the chair recorded in answer (a RAG code, or (impact, likelihood));
    `by_proposal_id` the newer proposal whose answer superseded this one. `on_arrival`: it was
    superseded as it was imported (written before a proposal already settled), so the chair was
    never asked and no one settled it (`settled_by` None, `settled_at` when it was imported)."""

    proposal: Proposal
    fate: str
    settled_by: str | None = None
    settled_at: datetime | None = None
    meeting_id: int | None = None
    agreed: str | tuple[int, int] | None = None
    by_proposal_id: int | None = None
    on_arrival: bool = False


def _fate(row: dict[str, Any], proposal: Proposal) -> ProposalFate:
    if row["u_at"] is not None:
        fate = "accepted" if row["u_rag"] == (proposal.rag or "").upper() else "overridden"
        return ProposalFate(proposal, fate, row["u_author"], when(row["u_at"]), row["u_meeting"], row["u_rag"])
    if row["r_at"] is not None:
        agreed = (row["r_impact"], row["r_likelihood"])
        fate = "accepted" if agreed == (proposal.impact, proposal.likelihood) else "overridden"
        return ProposalFate(proposal, fate, row["r_author"], when(row["r_at"]), row["r_meeting"], agreed)
    if row["x_at"] is not None:
        if row["x_meeting"] is None and row["x_at"] == row["imported_at"]:  # the import's own trigger
            return ProposalFate(proposal, "superseded", None, when(row["x_at"]), None, by_proposal_id=row["x_by"],
                                on_arrival=True)
        return ProposalFate(proposal, "superseded", row["x_author"], when(row["x_at"]), row["x_meeting"],
                            by_proposal_id=row["x_by"])
    return ProposalFate(proposal, "pending")


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

    def proposal_fates(self, plan_id: str, *, pending_only: bool = False) -> list[ProposalFate]:
        """Every proposal for the plan with its fate and who settled it when, oldest first
        (by when it was written, then imported)."""
        sql = _FATES + (f" AND {_PENDING}" if pending_only else "") + " ORDER BY p.written_at, p.id"
        out = []
        for row in self._rows(sql, [plan_id]):
            fields = {key: row[key] for key in row if not key.startswith(("u_", "r_", "x_"))}
            out.append(_fate(row, self._proposal(fields)))
        return out

    def newest_settled(self, plan_id: str) -> dict[tuple[str, str], SettledProposal]:
        """The newest settled proposal of each item of the plan, by (kind, item id): an entry
        written before it is superseded on arrival (the trigger `proposals_superseded_on_arrival`)."""
        return {(row["kind"], row["item_id"]): SettledProposal(row["id"], row["written_at"], row["meeting_id"])
                for row in self._rows(_SETTLED, [plan_id])}

    def superseded_at_meeting(self, meeting_id: int) -> list[Proposal]:
        """The proposals a meeting's answers superseded, oldest first (what its minutes list)."""
        rows = self._rows("SELECT p.* FROM superseded_proposals x JOIN proposals p ON p.id = x.proposal_id "
                          "WHERE x.meeting_id = ? ORDER BY p.written_at, p.id", [meeting_id])
        return [self._proposal(r) for r in rows]

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
