"""action_state: each action's latest update and trend, kept by a trigger, equal to what
the append-only updates table says however the updates arrive."""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest
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
    meeting_of_last: dict[str, int | None] = {}
    for update_id, action_id, rag, meeting_id in conn.execute(
            "SELECT id, action_id, rag, meeting_id FROM updates WHERE plan_id = ? ORDER BY id", [plan_id]):
        latest[action_id] = update_id
        trend = codes.setdefault(action_id, [])
        if trend and meeting_id is not None and meeting_of_last[action_id] == meeting_id:
            trend[-1] = rag  # a correction within one meeting: the meeting's final status
        else:
            trend.append(rag)
        meeting_of_last[action_id] = meeting_id
    return latest, {a: c[-TREND_LENGTH:] for a, c in codes.items()}


def assert_state_matches(store: Store, plan_id: str) -> None:
    latest, codes = expected(store.conn, plan_id)
    current, trends = store.statuses_and_trends(plan_id)
    assert {a: u.id for a, u in current.items()} == latest
    assert trends == codes


def _meetings(store: Store, plan_id: str, count: int) -> list[int]:
    return [store.start_meeting(plan_id, date(2026, 1, n + 1), "Chair", [], [], "all", None) for n in range(count)]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "2"]), st.sampled_from("RAGB"), st.sampled_from([None, 0, 1])),
                max_size=40))
def test_a_meeting_gives_one_trend_entry_whatever_the_order(tmp_path_factory, writes) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path_factory.mktemp("s") / "steerco.db") as store:
        meetings = _meetings(store, "p", 2)
        for action_id, rag, meeting in writes:
            store.record_update("p", action_id, rag, "", "Ann", "meeting" if meeting is not None else "app",
                                meeting_id=None if meeting is None else meetings[meeting])
        assert_state_matches(store, "p")


def test_a_status_corrected_in_the_meeting_is_one_entry_of_the_trend(store: Store) -> None:
    first, second = _meetings(store, "demo", 2)
    store.record_update("demo", "7.3", "A", "", "Chair", "meeting", meeting_id=first)
    store.record_update("demo", "7.3", "R", "", "Chair", "meeting", meeting_id=second)
    store.record_update("demo", "7.3", "A", "", "Chair", "meeting", meeting_id=second)
    assert store.trends("demo")["7.3"] == ["A", "A"]
    store.record_update("demo", "7.3", "G", "", "Ann", "officer-file")
    store.record_update("demo", "7.3", "G", "", "Ann", "officer-file")
    assert store.trends("demo")["7.3"] == ["A", "A", "G", "G"]


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
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 9
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


def test_migration_6_folds_trends_by_meeting_and_keeps_the_agenda(tmp_path: Path) -> None:
    path = tmp_path / "steerco.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m006_meeting_record")
    db.execute("PRAGMA user_version = 5")
    db["meetings"].insert({"id": 1, "plan_id": "p", "held_on": "2026-01-05", "chair": "C", "agenda_mode": "all",
                           "started_at": "2026-01-05T10:00:00+00:00"})
    db["agenda_items"].insert({"meeting_id": 1, "position": 1, "kind": "action", "ref": "7.3", "title": "7.3",
                               "allotted_seconds": 60})
    for i, (rag, meeting) in enumerate([("G", None), ("R", 1), ("A", 1)]):
        db["updates"].insert({"plan_id": "p", "action_id": "7.3", "rag": rag, "note": "", "author": "C",
                              "recorded_at": f"2026-01-05T10:00:0{i}+00:00", "source": "meeting",
                              "meeting_id": meeting})
    assert db.execute("SELECT trend FROM action_state").fetchone()[0] == '["G","R","A"]'
    db.close()
    with Store.open(path) as store:
        assert store.trends("p")["7.3"] == ["G", "A"]
        assert [(i.kind, i.ref) for i in store.meeting(1).agenda] == [("action", "7.3")]
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.conn.execute("DELETE FROM agenda_items")
        triggers = {name for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for table in ("record_corrections", "meeting_abandonments", "meeting_sessions", "declarations",
                      "minutes_approvals", "agenda_items"):
            assert {f"{table}_no_update", f"{table}_no_delete"} <= triggers
