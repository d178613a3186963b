"""Proposals settle as a set: answering one settles the older ones on its item; fates as stored."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from storage.service.service import Service
from storage.store.schema import migrations
from storage.store.store import Store


def entry(uid: str, item: str, written: str, *, kind: str = "action", **proposed: Any) -> dict[str, Any]:
    return {"uid": uid, "plan_id": "demo", "kind": kind, "item_id": item, "author": "Ann Officer",
            "written_at": f"2026-02-{written}T10:00:00+00:00", "note": f"note {uid}", **proposed}


def fates(store: Store) -> dict[str, tuple[str, str | None]]:
    return {f.proposal.uid: (f.fate, f.settled_by) for f in store.proposal_fates("demo")}


@pytest.fixture
def service(db_path: Path, plans_dir: Path) -> Service:
    return Service.open(db_path, plans_dir)


def meeting_of(service: Service) -> Any:
    return service.start_meeting("demo", date(2026, 3, 1), "bob", ["bob"], [], [], "all")


def test_accepting_the_newer_supersedes_the_older(service: Service) -> None:
    store = service._store
    store.add_proposals("a" * 64, "a.yaml", [entry("older", "1.1", "01", rag="G"),
                                              entry("newer", "1.1", "03", rag="B"),
                                              entry("other", "1.2", "02", rag="R")])
    meeting = meeting_of(service)
    newest = service.proposals("demo", "1.1")[0]
    assert newest.uid == "newer"
    service.accept_proposal(meeting, newest)
    assert service.proposals("demo", "1.1") == []  # the older Green is never offered again
    assert fates(store) == {"older": ("superseded", "Bob Chair"), "newer": ("accepted", "Bob Chair"),
                            "other": ("pending", None)}
    (older,) = [f for f in store.proposal_fates("demo") if f.proposal.uid == "older"]
    assert older.by_proposal_id == newest.id and older.meeting_id == meeting.id and older.settled_at is not None
    assert [f.proposal.uid for f in store.proposal_fates("demo", pending_only=True)] == ["other"]
    assert len(store.proposals("demo")) == 3  # kept


def test_overriding_a_risk_settles_the_older_too(service: Service) -> None:
    store = service._store
    store.add_proposals("a" * 64, "a.yaml", [entry("r-old", "R-1", "01", kind="risk", impact=2, likelihood=2),
                                              entry("r-new", "R-1", "02", kind="risk", impact=4, likelihood=3)])
    newest = service.risk_proposals("demo", "R-1")[0]
    rating = service.rate_risk(meeting_of(service), "R-1", 5, 5, "worse than proposed")
    assert rating.proposal_id == newest.id
    assert service.risk_proposals("demo", "R-1") == []
    assert fates(store) == {"r-old": ("superseded", "Bob Chair"), "r-new": ("overridden", "Bob Chair")}
    (answered,) = [f for f in store.proposal_fates("demo") if f.fate == "overridden"]
    assert answered.agreed == (5, 5)


def test_accepting_a_risk_proposal_rates_it_as_proposed(service: Service) -> None:
    service._store.add_proposals("a" * 64, "a.yaml", [entry("r", "R-1", "01", kind="risk", impact=4, likelihood=3)])
    rating = service.accept_risk_proposal(meeting_of(service), service.risk_proposals("demo", "R-1")[0])
    assert (rating.impact, rating.likelihood, rating.rating, rating.note) == (4, 3, 12, "note r")
    assert fates(service._store) == {"r": ("accepted", "Bob Chair")}


def test_a_proposal_arriving_after_a_newer_one_was_settled_is_superseded_on_arrival(service: Service) -> None:
    store = service._store
    store.add_proposals("a" * 64, "a.yaml", [entry("newer", "1.1", "03", rag="B")])
    service.set_status(meeting_of(service), "1.1", "A")
    store.add_proposals("b" * 64, "b.yaml", [entry("late", "1.1", "01", rag="G"),
                                              entry("later", "1.1", "05", rag="R")])
    # superseded on arrival: no one settled it, the chair was never asked (issue 14, second pass)
    assert fates(store) == {"late": ("superseded", None), "newer": ("overridden", "Bob Chair"),
                            "later": ("pending", None)}
    assert [p.uid for p in service.proposals("demo", "1.1")] == ["later"]
    (late,) = [f for f in store.proposal_fates("demo") if f.proposal.uid == "late"]
    assert late.on_arrival and late.settled_at == late.proposal.imported_at
    assert not any(f.on_arrival for f in store.proposal_fates("demo") if f.proposal.uid != "late")
    assert late.meeting_id is None  # settled on arrival, at no meeting: the meeting's minutes stay as they were
    assert store.superseded_at_meeting(1) == []


def test_superseded_rows_are_append_only(service: Service) -> None:
    store = service._store
    store.add_proposals("a" * 64, "a.yaml", [entry("older", "1.1", "01", rag="G"),
                                              entry("newer", "1.1", "03", rag="B")])
    service.set_status(meeting_of(service), "1.1", "B")
    for sql in ("UPDATE superseded_proposals SET author = 'x'", "DELETE FROM superseded_proposals"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.conn.execute(sql)


def test_migration_4_settles_what_older_stores_left_pending(tmp_path: Path) -> None:
    """A store from before migration 4 with issue 14's case: Complete accepted, the older Green still pending."""
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m004_proposals_settle_as_a_set")
    db.execute("PRAGMA user_version = 3")
    db["imported_files"].insert({"sha256": "a" * 64, "name": "a.yaml", "imported_at": "2026-02-04T10:00:00+00:00",
                                 "entries": 3})
    db["proposals"].insert_all([
        {**entry(uid, "7.7", day, rag=rag), "imported_file_id": 1, "imported_at": "2026-02-04T10:00:00+00:00"}
        for uid, day, rag in (("green", "01", "G"), ("complete", "03", "B"), ("later", "05", "R"))])
    db["updates"].insert({"plan_id": "demo", "action_id": "7.7", "rag": "B", "note": "", "author": "Bob Chair",
                          "recorded_at": "2026-02-10T10:00:00.000000+00:00", "source": "meeting", "proposal_id": 2})
    db.close()
    with Store.open(path) as store:
        assert fates(store) == {"green": ("superseded", "Bob Chair"), "complete": ("accepted", "Bob Chair"),
                                "later": ("pending", None)}
        (green,) = [f for f in store.proposal_fates("demo") if f.proposal.uid == "green"]
        assert green.settled_at is not None and green.settled_at.isoformat().startswith("2026-02-10T10:00")
        assert [p.uid for p in store.pending_proposals("demo", "action", "7.7")] == ["later"]
