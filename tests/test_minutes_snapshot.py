"""A plan snapshot read with only some of its actions (storage/store/snapshot_slice.py) is the
stored plan with the other actions left out, however its parts were found: cut from the
store, read from the cache file, or cut again because that file was bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.store import snapshot_parts

from storage.store import snapshot_slice
from storage.plan.model import Plan
from storage.plan.load import load_plan
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


def entry(store: Store, version: int, cache: Path) -> Path:
    digest = store.conn.execute("SELECT content_hash FROM plan_versions WHERE id = ?", [version]).fetchone()[0]
    return cache / "snapshots" / f"{digest}{snapshot_parts.SUFFIX}"


def test_a_slice_is_the_plan_with_only_the_asked_for_actions(stored, plan_cache_dir: Path) -> None:
    store, version, full = stored
    all_ids = [a.id for _, a in full.actions()]
    for ids in ([], all_ids[:1], all_ids[::3], ["no-such-action", all_ids[-1]], all_ids):
        snapshot_slice.forget()
        assert plan_slice(store, version, ids) == expected(full, set(ids))
    assert plan_slice(store, version, all_ids) == full
    assert entry(store, version, plan_cache_dir).exists()


def test_the_cache_file_gives_the_same_plan(stored, plan_cache_dir: Path) -> None:
    store, version, full = stored
    ids = [a.id for _, a in full.actions()][1::2]
    first = plan_slice(store, version, ids)
    snapshot_slice.forget()
    parts = snapshot_parts.read(plan_cache_dir / "snapshots", entry(store, version, plan_cache_dir).stem)
    assert parts is not None and parts.blob is None  # served from the file
    assert plan_slice(store, version, ids) == first == expected(full, set(ids))


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other_hash", "bad_text", "bad_header"])
def test_a_bad_cache_file_is_a_miss_and_is_rewritten(stored, plan_cache_dir: Path, damage: str) -> None:
    store, version, full = stored
    ids = [a.id for _, a in full.actions()][:5]
    plan_slice(store, version, ids)
    path = entry(store, version, plan_cache_dir)
    data = path.read_bytes()
    header, body = data.split(b"\n", 1)
    path.write_bytes({
        "truncate": data[:-10],
        "garbage": b"\x00\xff not a cache file",
        "empty": b"",
        "other_hash": header.replace(path.stem.encode(), b"0" * 64) + b"\n" + body,
        "bad_text": header + b"\n" + body.replace(b'"text":', b'"text";'),
        "bad_header": header.replace(b'"ends":[', b'"ends":["x",') + b"\n" + body,
    }[damage])
    snapshot_slice.forget()
    assert plan_slice(store, version, ids) == expected(full, set(ids))
    assert path.read_bytes() == data  # cut again from the store and rewritten


def test_a_cache_folder_that_cannot_be_written_is_not_used(stored, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store, version, full = stored
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STEERCO_CACHE", str(blocker))
    ids = [a.id for _, a in full.actions()][:3]
    assert plan_slice(store, version, ids) == expected(full, set(ids))


def test_an_unknown_version_is_an_error(stored) -> None:
    store, _, _ = stored
    with pytest.raises(StoreError):
        plan_slice(store, 999, [])
