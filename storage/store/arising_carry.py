"""Carrying an action arising forward to a new due date, in the store.

A mixin of `Store` (it uses the store's `_write`, `_insert`, `_now`, the meetings mixin's
`_refuse_if_closed` and the corrections mixin's `_append_correction`). Both halves are appended
in one transaction: the status 'carried forward' (arising_status) and the new due date, as a
correction of the action arising (record_corrections, kind 'arising': the latest row for it is
what the record says, so its text and owner are copied as they stand). The correction is the
carrying meeting's; the earlier meeting's minutes, bounded at its close, keep the old due date.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from storage.store.corrections import corrected_arising
from storage.store.opening import StoreError


class ArisingCarryMixin:
    conn: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _insert: Callable[[str, dict[str, Any]], int]
    _now: Callable[[], str]
    _refuse_if_closed: Callable[[int | None], None]
    _append_correction: Callable[..., int]

    def carry_arising_forward(self, arising_id: int, due: date, *, meeting_id: int, author: str,
                              note: str = "") -> int:
        """Carry the action arising forward at the (open) meeting to `due`; the status row's id."""
        with self._write():
            self._refuse_if_closed(meeting_id)
            found = self.conn.execute(f"SELECT a.text, a.owner FROM {corrected_arising()} a WHERE a.id = ?",
                                      [arising_id]).fetchone()
            if found is None:
                raise StoreError(f"no action arising {arising_id} (or it was withdrawn)")
            status_id = self._insert("arising_status", {"arising_id": arising_id, "status": "carried forward",
                                                        "meeting_id": meeting_id, "note": note, "at": self._now()})
            self._append_correction(meeting_id, "arising", arising_id, author=author, text=found[0], owner=found[1],
                                    due=due)
        return status_id
