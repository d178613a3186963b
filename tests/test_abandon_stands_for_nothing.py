"""Nothing recorded at an abandoned meeting stands (storage/store/kept.py): its rows stay in the
store for ever, but each action's current status, trend and last update, each risk's rating, the
indicators' values and which officers' proposals are pending are as if it had not happened, in
every read of the position; `steerco history` keeps showing its statuses, marked abandoned."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.store.records import trend_codes
from storage.store.schema import migrations
from storage.store.schema_version import SCHEMA_VERSION
from storage.store.store import Store
from tests.test_tui_support import Clock, ni15_folder, run_steerco, seed_history

ACTIONS = ("1", "2")


def standing(conn: sqlite3.Connection, plan_id: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Each action's latest update not at an abandoned meeting, and its trend from those alone."""
    abandoned = {m for (m,) in conn.execute("SELECT meeting_id FROM meeting_abandonments")}
    rows: dict[str, list[tuple[int, str, int | None]]] = {}
    for update_id, action_id, rag, meeting_id in conn.execute(
            "SELECT id, action_id, rag, meeting_id FROM updates WHERE plan_id = ? ORDER BY id", [plan_id]):
        if meeting_id not in abandoned:
            rows.setdefault(action_id, []).append((update_id, rag, meeting_id))
    return ({a: r[-1][0] for a, r in rows.items()},
            {a: trend_codes([(rag, m) for _, rag, m in r]) for a, r in rows.items()})


def assert_as_if_never_held(store: Store, plan_id: str = "p") -> None:
    latest, trends = standing(store.conn, plan_id)
    current, kept_trends = store.statuses_and_trends(plan_id)
    assert {a: u.id for a, u in current.items()} == latest
    assert kept_trends == trends
    assert store.current_codes(plan_id) == {a: u.rag for a, u in current.items()}
    assert set(store.latest_codes(plan_id, datetime(2000, 1, 1, tzinfo=UTC))) == set(latest)


# One step: (action, code, where) with where None (between meetings), 0 (the meeting open now), or
# 'abandon' / 'close' (the open meeting is abandoned / closed, and the next one opens).
STEPS = st.lists(st.one_of(
    st.tuples(st.sampled_from(ACTIONS), st.sampled_from("RAGB"), st.sampled_from([None, 0])),
    st.sampled_from(["abandon", "close"])), max_size=30)


@settings(max_examples=60, deadline=None)
@given(STEPS)
def test_the_current_status_is_the_latest_update_not_at_an_abandoned_meeting(
        tmp_path_factory: pytest.TempPathFactory, steps: list[Any]) -> None:
    with Store.open(tmp_path_factory.mktemp("s") / "steerco.db") as store:
        day = date(2026, 1, 1)
        meeting = store.start_meeting("p", day, "Chair", [], [], "all", None)
        for step in steps:
            if step in ("abandon", "close"):
                if step == "abandon":
                    store.abandon_meeting(meeting, "opened by mistake", "Chair")
                else:
                    store.close_meeting(meeting, None)
                day += timedelta(days=1)
                meeting = store.start_meeting("p", day, "Chair", [], [], "all", None)
            else:
                action_id, code, where = step
                store.record_update("p", action_id, code, "", "Chair", "meeting" if where == 0 else "app",
                                    meeting_id=meeting if where == 0 else None)
            assert_as_if_never_held(store)
        assert store.conn.execute("SELECT count(*) FROM updates").fetchone()[0] == sum(
            1 for s in steps if isinstance(s, tuple))  # every row kept


def test_an_abandoned_meetings_status_stays_in_the_history(store: Store) -> None:
    store.record_update("demo", "7.8", "A", "before", "Ann", "app")
    meeting = store.start_meeting("demo", date(2026, 1, 1), "Chair", [], [], "all", None)
    store.record_update("demo", "7.8", "B", "by mistake", "Chair", "meeting", meeting_id=meeting)
    store.record_update("demo", "7.9", "G", "first ever", "Chair", "meeting", meeting_id=meeting)
    assert store.recorded_counts(meeting).statuses == 2
    store.abandon_meeting(meeting, "", "Chair")
    assert store.current_statuses("demo")["7.8"].note == "before"
    assert store.trends("demo") == {"7.8": ["A"]}
    assert "7.9" not in store.current_statuses("demo")  # never rated but at the abandoned meeting
    assert [u.rag for u in store.history("demo", "7.8")] == ["B", "A"]
    assert [u.rag for u in store.history("demo", "7.8", standing=True)] == ["A"]


def test_ratings_values_and_answered_proposals_of_an_abandoned_meeting_do_not_stand(store: Store) -> None:
    store.rate_risk("demo", "R1", 3, 3, "", "Ann", "app")
    store.record_indicator("demo", "I1", "Yr 1", 0.5, "", "Ann", "app")
    store.add_proposals("a" * 64, "officer.yaml", [
        {"uid": f"u{n}", "plan_id": "demo", "kind": "action", "item_id": "7.3", "rag": rag, "note": "",
         "author": "Officer", "written_at": f"2026-01-0{n}T10:00:00+00:00"} for n, rag in ((1, "G"), (2, "B"))])
    older, newer = store.proposals("demo")
    meeting = store.start_meeting("demo", date(2026, 1, 5), "Chair", [], [], "all", None)
    store.rate_risk("demo", "R1", 1, 1, "", "Chair", "meeting", meeting_id=meeting)
    store.record_indicator("demo", "I1", "Yr 2", 0.9, "", "Chair", "meeting", meeting_id=meeting)
    store.record_update("demo", "7.3", "B", "", "Chair", "meeting", meeting_id=meeting, proposal_id=newer.id)
    assert store.pending_proposals("demo", "action", "7.3") == []  # the newer accepted, the older superseded
    assert tuple(store.recorded_counts(meeting)) == (1, 1, 1, 1)
    store.abandon_meeting(meeting, "", "Chair")
    assert store.current_risk_ratings("demo")["R1"].rating == 9
    assert [v.period for v in store.indicator_values("demo")] == ["Yr 1"]
    assert [p.id for p in store.pending_proposals("demo", "action", "7.3")] == [newer.id, older.id]
    assert {f.proposal.id: f.fate for f in store.proposal_fates("demo")} == {older.id: "pending", newer.id: "pending"}
    later = store.start_meeting("demo", date(2026, 1, 6), "Chair", [], [], "all", None)
    store.record_update("demo", "7.3", "B", "", "Chair", "meeting", meeting_id=later, proposal_id=newer.id)
    assert {f.proposal.id: f.fate for f in store.proposal_fates("demo")} == {older.id: "superseded",
                                                                             newer.id: "accepted"}
    assert store.current_statuses("demo")["7.3"].meeting_id == later


def test_migration_9_refolds_what_an_abandoned_meeting_left_standing(tmp_path: Path) -> None:
    """A store of schema 8 where a meeting was abandoned after it set 7.8 Complete and accepted an
    officer's proposal (the old rule: both stood). Opened by this code, 7.8 stands as before that
    meeting and both proposals are pending again; every row is still there, and a later meeting
    can settle them."""
    path = tmp_path / "steerco.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m009_abandoned_meetings_stand_for_nothing")
    db.execute("PRAGMA user_version = 8")
    db.close()
    old = Store(sqlite3.connect(path, isolation_level=None), path, Clock(datetime(2026, 1, 1, 10, tzinfo=UTC)))
    old.record_update("demo", "7.8", "A", "before", "Ann", "app")
    old.add_proposals("a" * 64, "officer.yaml", [
        {"uid": f"u{n}", "plan_id": "demo", "kind": "action", "item_id": "7.8", "rag": "B", "note": "",
         "author": "Officer", "written_at": f"2026-01-0{n}T10:00:00+00:00"} for n in (1, 2)])
    older, newer = old.proposals("demo")
    meeting = old.start_meeting("demo", date(2026, 1, 5), "Chair", [], [], "all", None)
    old.record_update("demo", "7.8", "B", "", "Chair", "meeting", meeting_id=meeting, proposal_id=newer.id)
    old.conn.execute("INSERT INTO meeting_abandonments (meeting_id, author, at) VALUES (?, 'Chair', '2026-01-05')",
                     [meeting])
    assert old.conn.execute("SELECT rag FROM action_state").fetchall() == [("B",)]  # the old rule
    old.close()
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 9
        assert store.current_statuses("demo")["7.8"].note == "before"
        assert store.trends("demo") == {"7.8": ["A"]}
        assert [u.rag for u in store.history("demo", "7.8")] == ["B", "A"]
        assert [p.id for p in store.pending_proposals("demo", "action", "7.8")] == [newer.id, older.id]
        later = store.start_meeting("demo", date(2026, 1, 6), "Chair", [], [], "all", None)
        store.record_update("demo", "7.8", "B", "", "Chair", "meeting", meeting_id=later, proposal_id=newer.id)
        assert {f.proposal.id: f.fate for f in store.proposal_fates("demo")} == {older.id: "superseded",
                                                                                 newer.id: "accepted"}
        assert store.conn.execute("SELECT count(*) FROM superseded_proposals").fetchone()[0] == 2  # both kept


def steerco(folder: Path, *args: str) -> str:
    """`steerco ARGS` as `run_steerco`, whatever its exit code (chase exits 1 when it finds items)."""
    from click.testing import CliRunner

    from steerco.cli import main

    env = {"STEERCO_PLANS": str(folder), "STEERCO_DB": str(folder.parent / "steerco.db"),
           "STEERCO_CACHE": str(folder.parent / "cache"), "STEERCO_HOME": str(folder.parent), "COLUMNS": "250"}
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_the_commands_and_a_later_meetings_minutes_leave_it_out(tmp_path: Path) -> None:
    """NI 15's seeded store (7.8 Green since March, overdue; a meeting closed 12 May), a meeting
    that set 7.8 Complete and re-rated SSC15-1, abandoned: status --json, chase and the pack read
    7.8 as Green, overdue and not updated since 12 May, SSC15-1 as registered; history marks the
    abandoned status. Then a meeting held and closed: its minutes and export-status say the same."""
    folder = ni15_folder(tmp_path)
    db = tmp_path / "steerco.db"
    seed_history(db)
    clock = Clock(datetime(2010, 6, 15, 10, tzinfo=UTC))
    with Store.open(db, clock=clock) as store:
        mistake = store.start_meeting("ni15", date(2010, 6, 15), "ACC Michael Harrison", [], [], "all", None)
        store.record_update("ni15", "7.8", "B", "done, by mistake", "ACC Michael Harrison", "meeting",
                            meeting_id=mistake)
        store.rate_risk("ni15", "SSC15-1", 1, 1, "", "ACC Michael Harrison", "meeting", meeting_id=mistake)
        store.abandon_meeting(mistake, "opened by mistake", "ACC Michael Harrison")
    report = json.loads(run_steerco(folder, "status", "ni15", "--json"))
    (seven_eight,) = [a for a in report["actions"] if a["id"] == "7.8"]
    assert (seven_eight["rag"], seven_eight["overdue"], seven_eight["trend"]) == ("G", True, ["G"])
    assert seven_eight["last_updated"].startswith("2010-03-10") and "mistake" not in seven_eight["note"]
    (risk,) = [r for r in report["risks"] if r["id"] == "SSC15-1"]
    assert risk["rated"] != "re-rated" and risk["last_rated"] is None
    chased = json.loads(steerco(folder, "chase", "ni15", "--json"))
    assert "7.8" in {item["id"] for owner in chased["owners"] for item in owner["items"]}
    assert "SSC15-1" in {item["id"] for owner in chased["owners"] for item in owner["items"]}
    history = run_steerco(folder, "history", "ni15", "7.8")
    assert "done, by mistake" in history and "(abandoned)" in history
    with Store.open(db, clock=clock) as store:
        clock.at = datetime(2010, 6, 16, 10, tzinfo=UTC)
        later = store.start_meeting("ni15", date(2010, 6, 16), "ACC Michael Harrison", [], [], "all", None)
        store.record_update("ni15", "7.1", "G", "", "ACC Michael Harrison", "meeting", meeting_id=later)
        clock.at = datetime(2010, 6, 16, 11, tzinfo=UTC)
        store.close_meeting(later, None)
        assert store.statuses_when_opened(store.meeting(later), ["7.8"]) == {"7.8": "G"}
        assert "SSC15-1" not in store.ratings_when_opened(store.meeting(later), ["SSC15-1"])  # as registered
    assert "done, by mistake" not in run_steerco(folder, "minutes", "ni15")
    exported = run_steerco(folder, "export-status", "ni15")
    assert "7.1" in exported and "done, by mistake" not in exported


def test_the_documented_views_follow_the_rule(store: Store) -> None:
    store.record_update("demo", "7.8", "A", "", "Ann", "app")
    store.rate_risk("demo", "R1", 3, 3, "", "Ann", "app")
    meeting = store.start_meeting("demo", date(2026, 1, 1), "Chair", [], [], "all", None)
    store.record_update("demo", "7.8", "B", "", "Chair", "meeting", meeting_id=meeting)
    store.rate_risk("demo", "R1", 1, 1, "", "Chair", "meeting", meeting_id=meeting)
    store.abandon_meeting(meeting, "", "Chair")
    assert store.conn.execute("SELECT rag FROM current_action_status").fetchall() == [("A",)]
    assert store.conn.execute("SELECT rating FROM current_risk_rating").fetchall() == [(9,)]


def test_steerco_abandon_says_what_no_longer_counts(tmp_path: Path) -> None:
    folder = ni15_folder(tmp_path)
    with Store.open(tmp_path / "steerco.db") as store:
        meeting = store.start_meeting("ni15", date(2010, 6, 15), "ACC Michael Harrison", [], [], "all", None)
        for action_id in ("7.1", "7.8"):
            store.record_update("ni15", action_id, "B", "", "ACC Michael Harrison", "meeting", meeting_id=meeting)
        store.rate_risk("ni15", "SSC15-1", 1, 1, "", "ACC Michael Harrison", "meeting", meeting_id=meeting)
    said = run_steerco(folder, "abandon", "ni15")
    assert "The 2 statuses and 1 risk rating recorded at it do not count: each item stands as it did before" in said


def test_export_status_of_an_abandoned_meeting_says_it_was_abandoned(tmp_path: Path) -> None:
    """`export-status --meeting N` of an abandoned meeting says so (not 'still open'); exit 2, nothing written."""
    from click.testing import CliRunner

    from steerco.cli import main

    folder = ni15_folder(tmp_path)
    db = tmp_path / "steerco.db"
    with Store.open(db) as store:
        mistake = store.start_meeting("ni15", date(2026, 12, 1), "ACC Michael Harrison", [], [], "all", None)
        store.abandon_meeting(mistake, "opened by mistake", "ACC Michael Harrison")
    out = tmp_path / "status.yaml"
    result = CliRunner().invoke(main, ["export-status", "ni15", "--meeting", str(mistake), "-o", str(out),
                                       "--plans", str(folder), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert f"meeting {mistake} was abandoned: it agreed nothing" in result.output
    assert "still open" not in result.output and "Traceback" not in result.output and not out.exists()
