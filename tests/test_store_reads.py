"""The store's small public reads used by update files: proposals by uid, entries by author."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from storage.plan.model import Plan
from storage.store.records import Proposal, Rating, Update
from storage.store.store import Store


def _proposal(uid: str, note: str = "") -> dict:
    return {"uid": uid, "plan_id": "demo", "plan_version": "1.0", "kind": "action", "item_id": "1.1",
            "rag": "g", "note": note or f"note {uid}", "author": "Ann", "written_at": "2026-11-01T09:00:00+00:00"}


@pytest.mark.parametrize("stored", [0, 1, 1200])  # 1200: more than one query's worth of uids
def test_proposals_by_uid_returns_the_stored_ones_only(store: Store, stored: int) -> None:
    uids = [f"u{i}" for i in range(stored)]
    if uids:
        assert store.add_proposals("sha-1", "ann.yaml", [_proposal(u) for u in uids]) == stored
    found = store.proposals_by_uid([*uids, "never-sent"])
    assert sorted(found) == sorted(uids)
    if uids:
        last = found[uids[-1]]
        assert isinstance(last, Proposal) and last.uid == uids[-1] and last.rag == "G"
        assert last.note == f"note {uids[-1]}" and last.written_at == "2026-11-01T09:00:00+00:00"


def test_proposals_by_uid_of_nothing_is_empty(store: Store) -> None:
    assert store.proposals_by_uid([]) == {}


def test_entries_by_author_filters_author_source_plan_and_date(store: Store) -> None:
    first = store.record_update("demo", "1.1", "a", "mine", "  ann officer ", "app")
    store.record_update("demo", "1.1", "R", "in a meeting", "Ann Officer", "meeting")
    store.record_update("demo", "1.2", "G", "someone else", "Bob Chair", "app")
    store.record_update("other", "1.1", "G", "other plan", "Ann Officer", "app")
    later = store.record_update("demo", "1.2", "G", "by id", "ANN", "command-line")
    rated = store.rate_risk("demo", "R-1", 2, 3, "risk", "Ann Officer", "app")
    store.rate_risk("demo", "R-1", 4, 4, "file", "Ann Officer", "officer-file")

    updates, ratings = store.entries_by_author("demo", ["Ann Officer", "ann"], ("app", "command-line"))
    assert [u.id for u in updates] == [first, later]  # oldest first
    assert all(isinstance(u, Update) for u in updates) and updates[0].rag == "A"
    assert [r.id for r in ratings] == [rated] and isinstance(ratings[0], Rating)
    assert (ratings[0].impact, ratings[0].likelihood, ratings[0].note) == (2, 3, "risk")

    assert store.entries_by_author("demo", ["Nobody"], ("app",)) == ([], [])
    assert store.entries_by_author("demo", [], ("app",)) == ([], [])
    assert store.entries_by_author("demo", ["ann"], ()) == ([], [])


@pytest.mark.parametrize("since, expected", [
    (None, 3),
    (date(2026, 11, 21), 3),  # the clock starts 2026-11-21 22:30 UTC, one second a write
    (date(2026, 11, 22), 0),
    (datetime(2026, 11, 21, 22, 30, 1, 123456, tzinfo=UTC), 2),
])
def test_entries_by_author_since(store: Store, since: date | None, expected: int) -> None:
    for note in ("one", "two", "three"):
        store.record_update("demo", "1.1", "G", note, "Ann", "app")
    updates, _ = store.entries_by_author("demo", ["ann"], ("app",), since)
    assert len(updates) == expected


def test_plan_version_names(store: Store, plan: Plan) -> None:
    first = store.remember_plan(plan)
    second = store.remember_plan(plan.model_copy(update={"version": "1.1"}))
    assert store.plan_version_names([first, second, second, 999]) == {first: "1.0", second: "1.1"}
    assert store.plan_version_names([]) == {}
