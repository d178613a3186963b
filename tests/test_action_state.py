"""action_state: each action's latest update and trend, kept by a trigger, equal to what
the append-only updates table says however the updates arrive."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.store.schema import migrations
from storage.store.schema_version import SCHEMA_VERSION, TREND_LENGTH
from storage.store.store import Store


def expected(conn: sqlite3.Connection, plan_id: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """The latest update id and last codes of every action, recomputed from `updates` alone."""
    latest: dict[str, int] = {}
    codes: dict[str, list[str]] = {}
    for update_id, action_id, rag in conn.execute(
            "SELECT id, action_id, rag FROM updates WHERE plan_id = ? ORDER BY id", [plan_id]):
        latest[action_id] = update_id
        codes.setdefault(action_id, []).append(rag)
    return latest, {a: c[-TREND_LENGTH:] for a, c in codes.items()}


def assert_state_matches(store: Store, plan_id: str) -> None:
    latest, codes = expected(store.conn, plan_id)
    current, trends = store.statuses_and_trends(plan_id)
    assert {a: u.id for a, u in current.items()} == latest
    assert trends == codes


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "q"]), st.sampled_from(["1", "1.1", "2", "10"]),
                          st.sampled_from("RAGB")), max_size=40))
def test_state_matches_the_history_whatever_the_order(tmp_path_factory, writes) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path_factory.mktemp("s") / "steerco.db") as store:
        for plan_id, action_id, rag in writes:
            store.record_update(plan_id, action_id, rag, "", "Ann", "app")
        for plan_id in ("p", "q"):
            assert_state_matches(store, plan_id)


def test_trend_keeps_the_last_six_codes_oldest_first(store: Store) -> None:
    for rag in "RRAAGGBR":
        store.record_update("demo", "1.1", rag, "", "Ann", "app")
    assert store.trends("demo")["1.1"] == list("AAGGBR")
    assert store.trends("demo", 2)["1.1"] == list("BR")
    assert store.current_statuses("demo")["1.1"].rag == "R"


def test_a_failed_write_leaves_the_state_as_it_was(store: Store) -> None:
    store.record_update("demo", "1.1", "G", "", "Ann", "app")
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO updates (plan_id, action_id, rag, author, recorded_at, source) "
                 "VALUES ('demo', '1.1', 'R', 'Ann', '2026-01-01', 'app')")
    conn.execute("ROLLBACK")
    assert store.trends("demo") == {"1.1": ["G"]}


def build_v2(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """A store as release 2 wrote it (migrations 1 and 2), holding these updates."""
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m003_action_state")
    db.execute("PRAGMA user_version = 2")
    db["updates"].insert_all([
        {"plan_id": p, "action_id": a, "rag": rag, "note": "", "author": "Ann",
         "recorded_at": f"2026-01-01T10:00:{i % 60:02d}.000000+00:00", "source": "app"}
        for i, (p, a, rag) in enumerate(rows)
    ])
    db.close()


def test_migration_to_v3_folds_in_every_existing_update(tmp_path: Path) -> None:
    rng = random.Random(7)
    rows = [(rng.choice("pq"), rng.choice(["1", "2", "3.1"]), rng.choice("RAGB")) for _ in range(300)]
    path = tmp_path / "steerco.db"
    build_v2(path, rows)
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert store.backup_path is not None and store.backup_path.exists()
        for plan_id in "pq":
            assert_state_matches(store, plan_id)
        store.record_update("p", "1", "G", "", "Ann", "app")
        assert_state_matches(store, "p")


def test_out_of_order_explicit_ids_never_move_the_state_backwards(store: Store) -> None:
    newest = store.record_update("demo", "1.1", "G", "", "Ann", "app")
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.execute("INSERT INTO updates (id, plan_id, action_id, rag, author, recorded_at, source) "
                       "VALUES (?, 'demo', '1.1', 'R', 'Ann', '2026-01-01', 'app')", [newest + 100])
    store.conn.execute("COMMIT")
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.execute("INSERT INTO updates (id, plan_id, action_id, rag, author, recorded_at, source) "
                       "VALUES (?, 'demo', '1.1', 'A', 'Ann', '2026-01-01', 'app')", [newest + 50])
    store.conn.execute("COMMIT")
    assert store.current_statuses("demo")["1.1"].id == newest + 100
