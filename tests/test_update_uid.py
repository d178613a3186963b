"""Derived entry ids must stay the same bytes across versions: a re-sent hand-written entry is
known by its id, so the hash input is pinned here to its original spelling (json.dumps)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from storage.updates.file_format import entry_uid, uid_of

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
times = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1),
                     timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5, minutes=-30)), None]))


def _reference(plan: str, kind: str, item: str, proposed: str, note: str, author: str, written_at: datetime) -> str:
    """The derivation as first written: sha256 of the JSON list of the seven texts."""
    canon = json.dumps([plan, kind, item, proposed, note.strip(), author.strip(),
                        written_at.astimezone(UTC).isoformat(timespec="microseconds")], ensure_ascii=False)
    return "h-" + hashlib.sha256(canon.encode()).hexdigest()[:24]


@given(texts, st.sampled_from(["action", "risk"]), texts, texts, texts, texts, times)
def test_uid_is_the_json_hash_it_always_was(plan: str, kind: str, item: str, proposed: str, note: str,
                                            author: str, written_at: datetime) -> None:
    if written_at.tzinfo is None:
        written_at = written_at.replace(tzinfo=UTC)
    expected = _reference(plan, kind, item, proposed, note, author, written_at)
    assert entry_uid(plan, kind, item, proposed, note, author, written_at) == expected
    utc = written_at.astimezone(UTC).isoformat(timespec="microseconds")
    assert uid_of(plan, kind, item, proposed, note, author, utc) == expected


def test_a_known_id_never_changes() -> None:
    written = datetime(2026, 1, 30, 16, 2, 11, 482913, tzinfo=UTC)
    assert entry_uid("ni15", "action", "7.1", "A", ' "Quoted"\n\tnote ', "Ch. Insp Adrian Roberts", written) \
        == _reference("ni15", "action", "7.1", "A", ' "Quoted"\n\tnote ', "Ch. Insp Adrian Roberts", written)
    assert entry_uid("ni15", "risk", "SSC15-2", "3x2", "Ünïcode — ok", "adrian-roberts", written) \
        == "h-" + hashlib.sha256('["ni15", "risk", "SSC15-2", "3x2", "Ünïcode — ok", "adrian-roberts", '
                                 '"2026-01-30T16:02:11.482913+00:00"]'.encode()).hexdigest()[:24]
