"""The store's core: append-only updates, ratings, indicator values, plan versions, proposals."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from storage.plan.load import load_plan
from storage.plan.model import Plan
from storage.store.schema import SCHEMA_VERSION, migrations
from storage.store.store import Store, StoreError
from tests.conftest import MINIMAL_PLAN, T0


def test_schema_version_counts_the_migrations() -> None:
    assert SCHEMA_VERSION == len(migrations._migrations)


def test_new_store_is_wal_full_fk_and_versioned(store: Store) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db["steerco_meta"].get("app")["value"] == "steerco"


def test_recording_twice_keeps_both_and_latest_is_current(store: Store) -> None:
    first = store.record_update("demo", "1.1", "a", "slipping", "Ann", "command-line")
    second = store.record_update("demo", "1.1", "G", "back on track", "Ann", "app")
    store.record_update("demo", "1.2", "R", "stalled", "Bob", "meeting")
    assert second > first
    history = store.history("demo", "1.1")
    assert [u.id for u in history] == [second, first]  # newest first
    assert [u.rag for u in history] == ["G", "A"]  # codes stored upper-case
    current = store.current_statuses("demo")
    assert {k: v.rag for k, v in current.items()} == {"1.1": "G", "1.2": "R"}
    assert current["1.1"].note == "back on track"
    assert current["1.1"].recorded_at == T0 + timedelta(seconds=1)
    raw = store.db.conn.execute("SELECT recorded_at FROM updates WHERE id = ?", [first]).fetchone()[0]
    assert raw == "2026-11-21T22:30:00.123456+00:00"


def test_current_status_view_agrees(store: Store) -> None:
    for rag in "RAG":
        store.record_update("demo", "1.1", rag, "", "Ann", "app")
    store.record_update("other", "1.1", "B", "", "Ann", "app")
    rows = {(r["plan_id"], r["action_id"]): r["rag"] for r in store.db.query("SELECT * FROM current_action_status")}
    assert rows == {("demo", "1.1"): "G", ("other", "1.1"): "B"}


def test_trends_are_the_last_six_oldest_first(store: Store) -> None:
    for rag in "RRAAGGB":
        store.record_update("demo", "1.1", rag, "", "Ann", "app")
    store.record_update("demo", "1.2", "A", "", "Ann", "app")
    store.record_update("other", "1.1", "R", "", "Ann", "app")
    assert store.trends("demo") == {"1.1": list("RAAGGB"), "1.2": ["A"]}
    assert store.trends("demo", limit=2) == {"1.1": ["G", "B"], "1.2": ["A"]}
    assert store.trends("nothing") == {}


@pytest.mark.parametrize("limit", [6, 2])
def test_statuses_and_trends_in_one_walk_agree(store: Store, limit: int) -> None:
    for n, rag in enumerate("RRAAGGB"):
        store.record_update("demo", "1.1", rag, f"note {n}", "Ann", "app")
    store.record_update("demo", "1.2", "A", "", "Bob", "meeting")
    store.record_update("demo", "gone", "R", "", "Ann", "app")
    store.record_update("other", "1.1", "R", "", "Ann", "app")
    assert store.statuses_and_trends("demo", limit) == (store.current_statuses("demo"), store.trends("demo", limit))
    assert store.statuses_and_trends("nothing") == ({}, {})


def test_nothing_can_be_updated_or_deleted(store: Store) -> None:
    store.record_update("demo", "1.1", "R", "", "Ann", "app")
    for sql in ("UPDATE updates SET rag = 'G'", "DELETE FROM updates"):
        with pytest.raises(Exception, match="append-only"):
            store.db.execute(sql)
    assert store.history("demo", "1.1")[0].rag == "R"


def test_unknown_source_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="source"):
        store.record_update("demo", "1.1", "R", "", "Ann", "email")
    assert store.history("demo", "1.1") == []


def test_orphaned_updates_are_kept_and_reported(store: Store, plan: Plan, tmp_path: Path) -> None:
    store.record_update("demo", "1.1", "G", "fine", "Ann", "app")
    store.record_update("demo", "1.2", "R", "late", "Ann", "app")
    assert store.orphaned_updates(plan) == []
    smaller = tmp_path / "smaller.yaml"
    start = MINIMAL_PLAN.index('      - id: "1.2"')
    end = MINIMAL_PLAN.index("risks:")
    smaller.write_text(MINIMAL_PLAN[:start] + MINIMAL_PLAN[end:], encoding="utf-8")
    loaded = load_plan(smaller)
    assert loaded.ok, loaded.problems
    orphans = store.orphaned_updates(loaded.plan)
    assert [(u.action_id, u.rag, u.note) for u in orphans] == [("1.2", "R", "late")]
    assert [u.rag for u in store.history("demo", "1.2")] == ["R"]


def test_risk_ratings(store: Store) -> None:
    store.rate_risk("demo", "R-1", 3, 4, "as registered", "Bob", "meeting")
    latest = store.rate_risk("demo", "R-1", 2, 2, "funding found", "Bob", "command-line", residual=2)
    current = store.current_risk_ratings("demo")
    assert current["R-1"].id == latest
    assert (current["R-1"].rating, current["R-1"].residual) == (4, 2)
    assert [r.rating for r in store.risk_history("demo", "R-1")] == [4, 12]
    with pytest.raises(StoreError, match="impact"):
        store.rate_risk("demo", "R-1", 6, 1, "", "Bob", "app")
    assert len(store.risk_history("demo", "R-1")) == 2


def test_indicator_values(store: Store) -> None:
    store.record_indicator("demo", "I1", "2026 Q1", 0.74, "", "Ann", "command-line")
    store.record_indicator("demo", "I1", "2026 Q2", 0.71, "better", "Ann", "app")
    store.record_indicator("demo", "I2", "2026 Q1", 12, "", "Ann", "app")
    values = store.indicator_values("demo", "I1")
    assert [(v.period, v.value) for v in values] == [("2026 Q1", 0.74), ("2026 Q2", 0.71)]
    assert len(store.indicator_values("demo")) == 3


def test_plan_versions_are_stored_once_per_content(store: Store, plan: Plan) -> None:
    first = store.remember_plan(plan)
    assert store.remember_plan(plan) == first
    changed = plan.model_copy(update={"version": "1.1"})
    second = store.remember_plan(changed)
    assert second != first
    assert store.plan_snapshot(first) == plan
    assert store.plan_snapshot(second).version == "1.1"
    assert store.db["plan_versions"].count == 2


def _proposal(uid: str, item: str = "1.1", **extra) -> dict:
    return {"uid": uid, "plan_id": "demo", "plan_version": "1.0", "kind": "action", "item_id": item,
            "rag": "a", "note": f"note {uid}", "author": "Ann", "written_at": f"2026-11-0{uid[-1]}T09:00:00+00:00",
            **extra}


def test_proposals_import_is_idempotent_and_pending_until_acted_on(store: Store) -> None:
    assert store.add_proposals("sha-1", "ann.yaml", [_proposal("u1"), _proposal("u2")]) == 2
    assert store.add_proposals("sha-1", "ann.yaml", [_proposal("u1"), _proposal("u2")]) == 0
    assert store.add_proposals("sha-2", "ann-again.yaml", [_proposal("u2"), _proposal("u3", "1.2")]) == 1
    pending = store.pending_proposals("demo", "action", "1.1")
    assert [p.uid for p in pending] == ["u2", "u1"]  # newest first
    assert pending[0].rag == "A"
    store.record_update("demo", "1.1", "A", pending[0].note, "Bob", "officer-file", proposal_id=pending[0].id)
    assert store.pending_proposals("demo", "action", "1.1") == []  # u1, older, settled with u2 (issue 14)
    assert [(f.proposal.uid, f.fate) for f in store.proposal_fates("demo")] == [
        ("u1", "superseded"), ("u2", "accepted"), ("u3", "pending")]
    assert [p.uid for p in store.proposals("demo")] == ["u1", "u2", "u3"]
    assert store.db["imported_files"].count == 2


def test_proposals_file_is_all_or_nothing(store: Store) -> None:
    bad = {"uid": "u9", "plan_id": "demo", "kind": "action"}
    with pytest.raises(StoreError):
        store.add_proposals("sha-3", "bad.yaml", [_proposal("u1"), bad])
    assert store.proposals("demo") == []
    assert store.db["imported_files"].count == 0


@pytest.mark.parametrize("sql", [
    "SELECT * FROM updates WHERE id IN (SELECT max(id) FROM updates WHERE plan_id = 'demo' GROUP BY action_id)",
    "SELECT max(id) FROM updates WHERE plan_id = 'demo' AND action_id > '1.1'",
    "SELECT rag FROM updates WHERE plan_id = 'demo' AND action_id = '1.1' ORDER BY id DESC LIMIT 6",
])
def test_current_status_queries_use_the_index(store: Store, sql: str) -> None:
    plan = " ".join(row[3] for row in store.db.conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "USING COVERING INDEX updates_by_action" in plan or "USING INDEX updates_by_action" in plan, plan


def test_current_statuses_query_plan_never_scans_updates(store: Store) -> None:
    from storage.store.store import _CURRENT

    plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + _CURRENT, ["demo"])]
    assert not any(step.startswith("SCAN") for step in plan), plan
    assert plan == ["SEARCH s USING PRIMARY KEY (plan_id=?)", "SEARCH u USING INTEGER PRIMARY KEY (rowid=?)"]
