"""A plan snapshot read with only some of its actions (storage/store/snapshot_slice.py) is the
stored plan with the other actions left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from storage.plan.load import load_plan
from storage.plan.model import Action, Milestone, Plan
from storage.store import snapshot_slice
from storage.store.schema import SCHEMA_VERSION, migrations
from storage.store.snapshot_slice import plan_slice
from storage.store.store import Store, StoreError

REPO = Path(__file__).resolve().parents[1]


def expected(full: Plan, ids: set[str]) -> Plan:
    themes = [t.model_copy(update={"actions": [a for a in t.actions if a.id in ids]}) for t in full.themes]
    return full.model_copy(update={"themes": themes})


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Store, int, Plan]:
    plan = load_plan(REPO / "plans" / "ni15.yaml").plan
    assert plan is not None
    store = Store.open(tmp_path / "steerco.db")
    version = store.remember_plan(plan)
    snapshot_slice.forget()
    yield store, version, store.plan_snapshot(version)
    snapshot_slice.forget()
    store.close()


def test_a_slice_is_the_plan_with_only_the_asked_for_actions(stored) -> None:
    store, version, full = stored
    all_ids = [a.id for _, a in full.actions()]
    for ids in ([], all_ids[:1], all_ids[::3], ["no-such-action", all_ids[-1]], all_ids):
        snapshot_slice.forget()
        assert plan_slice(store, version, ids) == expected(full, set(ids))
    assert plan_slice(store, version, all_ids) == full
    assert plan_slice(store, version, all_ids[:2] + all_ids[:1]) == expected(full, set(all_ids[:2]))  # kept in order


def test_a_slice_is_kept_in_the_process(stored) -> None:
    store, version, full = stored
    ids = [a.id for _, a in full.actions()][1::2]
    first = plan_slice(store, version, ids)
    assert plan_slice(store, version, list(reversed(ids))) is first == expected(full, set(ids))


def test_an_unknown_version_is_an_error(stored) -> None:
    store, _, _ = stored
    with pytest.raises(StoreError):
        plan_slice(store, 999, [])


def may_be_late(action: Action, day: date) -> bool:
    return (action.due is not None and action.due < day) or any(
        m.due is not None and m.due < day and not m.done for m in action.milestones)


def test_late_before_adds_every_action_due_or_with_an_open_milestone_due_before_the_day(stored) -> None:
    store, _, full = stored
    step = Milestone(text="A step", due=date(2024, 1, 1))
    first, second, *_ = [a for _, a in full.actions()]
    later = {first.id: first.model_copy(update={"due": date(2099, 1, 1), "milestones": [step]}),
             second.id: second.model_copy(update={"due": date(2099, 1, 1),
                                                  "milestones": [step.model_copy(update={"done": True})]})}
    themes = [t.model_copy(update={"actions": [later.get(a.id, a) for a in t.actions]}) for t in full.themes]
    plan = full.model_copy(update={"themes": themes})
    version = store.remember_plan(plan)
    actions = [a for _, a in plan.actions()]
    kept_some = []
    for day in (date(2000, 1, 1), date(2025, 6, 1), date(2100, 1, 1)):
        snapshot_slice.forget()
        late = {a.id for a in actions if may_be_late(a, day)}
        assert plan_slice(store, version, [actions[-1].id], day) == expected(plan, late | {actions[-1].id})
        kept_some.append(0 < len(late) < len(actions))
    assert kept_some == [False, True, False]
    assert may_be_late(later[first.id], date(2025, 6, 1)) and not may_be_late(later[second.id], date(2025, 6, 1))


def test_migration_8_cuts_the_snapshots_already_stored(tmp_path: Path) -> None:
    """A store of schema 7 holding two plan versions: after the migration each is read back per
    action as it was stored, and the cut is append-only as the snapshots are."""
    plan = load_plan(REPO / "plans" / "ni15.yaml").plan
    assert plan is not None
    other = plan.model_copy(update={"title": "Another version"})
    path = tmp_path / "steerco.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m008_snapshot_actions")
    db.execute("PRAGMA user_version = 7")
    for n, version in enumerate((plan, other), start=1):
        db["plan_versions"].insert({"id": n, "plan_id": plan.id, "version": "", "content_hash": f"h{n}",
                                    "snapshot_json": version.model_dump_json(), "first_seen": "2026-01-01T10:00:00"})
    db.close()
    snapshot_slice.forget()
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        ids = [a.id for _, a in plan.actions()]
        assert plan_slice(store, 1, ids) == plan and plan_slice(store, 2, ids) == other
        assert plan_slice(store, 2, ids[:3]) == expected(other, set(ids[:3]))
        assert store.conn.execute("SELECT count(*) FROM plan_version_actions").fetchone()[0] == 2 * len(ids)
        for table in ("plan_version_heads", "plan_version_actions"):
            with pytest.raises(Exception, match="append-only"):
                store.conn.execute(f"DELETE FROM {table}")
    snapshot_slice.forget()


def test_a_new_plan_version_is_stored_cut_with_its_snapshot(stored) -> None:
    store, version, full = stored
    changed = full.model_copy(update={"title": "Changed"})
    again = store.remember_plan(changed)
    assert again != version and store.remember_plan(changed) == again  # stored once, cut once
    ids = [a.id for _, a in full.actions()]
    counts = dict(store.conn.execute("SELECT plan_version_id, count(*) FROM plan_version_actions GROUP BY 1"))
    assert counts == {version: len(ids), again: len(ids)}
    assert plan_slice(store, again, ids) == changed
