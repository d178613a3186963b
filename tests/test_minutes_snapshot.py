"""A plan snapshot read with only some of its actions (storage/store/snapshot_slice.py) is the
stored plan with the other actions left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.plan.load import load_plan
from storage.plan.model import Plan
from storage.store import snapshot_slice
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
