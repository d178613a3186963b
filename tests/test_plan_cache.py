"""The plan cache: hits return the same plan and warnings, any change misses, a bad entry is
reparsed, plans with errors are never cached, and `steerco validate` never reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.cache import plan_cache
from storage.plan.load import PlanNotFound, find_plan, load_plan, load_plan_cached, load_plans
from tests.conftest import MINIMAL_PLAN

# A warning (a deadline that names no date and no `due:`), so warnings travel through the cache.
WARNED_PLAN = MINIMAL_PLAN.replace("        deadline: Across the year\n        due: 2026-12-31\n",
                                   "        deadline: Across the year\n")


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


@pytest.fixture
def plan_file(plans_dir: Path) -> Path:
    path = plans_dir / "demo.yaml"
    path.write_text(WARNED_PLAN, encoding="utf-8")
    return path


def test_hit_returns_an_equal_plan_and_the_same_warnings(plan_file: Path, plan_cache_dir: Path) -> None:
    fresh = load_plan(plan_file)
    assert fresh.ok and fresh.warnings, "the fixture plan must load with a warning"
    first = load_plan_cached(plan_file)
    assert len(entries(plan_cache_dir)) == 1
    second = load_plan_cached(plan_file)
    assert second.plan == fresh.plan and first.plan == fresh.plan
    assert second.problems == fresh.problems and first.problems == fresh.problems
    assert second.plan is not None and second.plan.action("1.1").due == fresh.plan.action("1.1").due  # type: ignore[union-attr]


def test_a_hit_does_not_parse(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_plan_cached(plan_file)
    monkeypatch.setattr("storage.plan.load.load_yaml_bytes", lambda *a: pytest.fail("parsed on a cache hit"))
    assert load_plan_cached(plan_file).ok


def test_the_same_bytes_elsewhere_name_their_own_file(plan_file: Path, tmp_path: Path) -> None:
    load_plan_cached(plan_file)
    other = tmp_path / "copy.yaml"
    other.write_bytes(plan_file.read_bytes())
    hit = load_plan_cached(other)
    assert hit.problems == load_plan(other).problems
    assert all(p.file == str(other) for p in hit.problems)


def test_editing_one_byte_misses(plan_file: Path, plan_cache_dir: Path) -> None:
    load_plan_cached(plan_file)
    plan_file.write_text(WARNED_PLAN.replace("Demo plan", "Demo plaN"), encoding="utf-8")
    loaded = load_plan_cached(plan_file)
    assert loaded.plan is not None and loaded.plan.title == "Demo plaN"
    assert len(entries(plan_cache_dir)) == 2


def test_a_change_to_the_loading_code_misses(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = plan_file.read_bytes()
    before = plan_cache.key_for(data)
    monkeypatch.setattr(plan_cache, "code_fingerprint", lambda: "another model")
    assert plan_cache.key_for(data) != before


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[]", b'{"format": 1}', b"\x00\xff" * 10, "wrong key"])
def test_a_bad_entry_is_reparsed_and_rewritten(plan_file: Path, plan_cache_dir: Path, damage: bytes | str) -> None:
    load_plan_cached(plan_file)
    [entry] = entries(plan_cache_dir)
    if damage == "wrong key":  # a well-formed entry under another entry's name
        body = json.loads(entry.read_text(encoding="utf-8"))
        body["key"] = "0" * 64
        entry.write_text(json.dumps(body), encoding="utf-8")
    else:
        assert isinstance(damage, bytes)
        entry.write_bytes(damage)
    loaded = load_plan_cached(plan_file)
    assert loaded.ok and loaded.problems == load_plan(plan_file).problems
    assert plan_cache.read(plan_cache.key_for(plan_file.read_bytes()), plan_file) is not None  # rewritten


def test_an_unreadable_cache_folder_is_no_error(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("STEERCO_CACHE", str(blocker / "cache"))
    assert load_plan_cached(plan_file).ok
    assert load_plan_cached(plan_file).ok


def test_a_plan_with_errors_is_never_cached(plans_dir: Path, plan_cache_dir: Path) -> None:
    path = plans_dir / "demo.yaml"
    path.write_text(MINIMAL_PLAN.replace('id: "1.2"', 'id: "1.1"'), encoding="utf-8")  # a duplicate id
    loaded = load_plan_cached(path)
    assert loaded.plan is not None and loaded.errors
    assert load_plan_cached(path).errors == loaded.errors
    assert entries(plan_cache_dir) == []


def test_validate_never_reads_the_cache(plan_file: Path, plans_dir: Path) -> None:
    """A poisoned entry under the file's own key changes what commands see, never validate."""
    load_plan_cached(plan_file)
    key = plan_cache.key_for(plan_file.read_bytes())
    poisoned = load_plan(plan_file).plan.model_copy(update={"title": "Poisoned"})  # type: ignore[union-attr]
    assert plan_cache.write(key, plan_file, poisoned, [])
    assert find_plan(plans_dir, "demo").plan.title == "Poisoned"  # type: ignore[union-attr]  (the entry is used)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(plan_file), "--json"])
    assert result.exit_code == 1, result.output  # the warning is still found: the file was checked
    assert json.loads(result.output)["warnings"] == len(load_plan(plan_file).warnings) == 1


def test_steerco_cache_is_honoured(plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("STEERCO_CACHE", str(elsewhere))
    assert plan_cache.cache_dir() == elsewhere
    load_plans(plan_file.parent)
    assert len(entries(elsewhere)) == 1


def test_only_the_newest_entries_are_kept(plan_file: Path, plan_cache_dir: Path) -> None:
    for n in range(plan_cache.KEEP + 5):
        plan_file.write_text(WARNED_PLAN.replace("Demo plan", f"Demo plan {n}"), encoding="utf-8")
        load_plan_cached(plan_file)
    assert len(entries(plan_cache_dir)) == plan_cache.KEEP
    assert plan_cache.read(plan_cache.key_for(plan_file.read_bytes()), plan_file) is not None


def test_find_plan_by_id_reads_only_that_file(plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (plans_dir / "broken.yaml").write_text("id: [unclosed", encoding="utf-8")
    loaded: list[str] = []
    real = load_plan_cached

    def spy(path: Path | str) -> object:
        loaded.append(Path(path).name)
        return real(path)

    monkeypatch.setattr("storage.plan.load.load_plan_cached", spy)
    assert find_plan(plans_dir, "demo").plan.id == "demo"  # type: ignore[union-attr]
    assert loaded == ["demo.yaml"]


def test_find_plan_falls_back_when_the_file_holds_another_id(plans_dir: Path) -> None:
    (plans_dir / "demo.yaml").rename(plans_dir / "other.yaml")
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: renamed", 1), encoding="utf-8")
    (plans_dir / "other.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    found = find_plan(plans_dir, "demo")
    assert found.path.name == "other.yaml" and found.plan is not None and found.plan.id == "demo"
    assert find_plan(plans_dir, "renamed").path.name == "demo.yaml"
    with pytest.raises(PlanNotFound, match="choose one of: demo, renamed"):
        find_plan(plans_dir, "missing")


def test_key_names_a_file_and_follows_the_bytes_and_the_code(plan_file: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Same bytes and code, same key; any other bytes, other key; and the bytes and the code's
    fingerprint cannot trade characters to make the same key."""
    data = plan_file.read_bytes()
    key = plan_cache.key_for(data)
    assert key == plan_cache.key_for(bytes(data)) and re.fullmatch(r"[0-9a-f]{64}", key)
    assert plan_cache.key_for(data + b" ") != key and plan_cache.key_for(data[:-1]) != key
    monkeypatch.setattr(plan_cache, "code_fingerprint", lambda: "c")
    joined = plan_cache.key_for(b"ab")
    monkeypatch.setattr(plan_cache, "code_fingerprint", lambda: "bc")
    assert plan_cache.key_for(b"a") != joined
