"""A plan file's cache key from its stat (storage/cache/file_keys.py): a settled file is not read
again while its stat is the same, and every way a file can change still reaches its new bytes,
a change within the racy window included."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from storage.cache import file_keys, plan_cache
from storage.cache.outlines import cached_outline, find_outline, outline_for
from storage.plan.load import load_plan_cached
from storage.service.home_lines import list_plans

HOUR_NS = 3600 * 10**9


def settle(path: Path, ns: int | None = None) -> int:
    """Set the file's mtime to `ns`, by default an hour back. Its ctime becomes now and cannot be set
    back, so the tests that need a settled file shrink the racy window instead (`no_racy_window`)."""
    when = ns if ns is not None else time.time_ns() - HOUR_NS
    os.utime(path, ns=(when, when))
    return when


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's ctime cannot be set back; with no window, a file settles once its times are in the past."""
    monkeypatch.setattr(file_keys, "RACY_NS", 0)


def cache_outline(plans_dir: Path) -> Path:
    path = plans_dir / "demo.yaml"
    loaded = load_plan_cached(path)
    assert loaded.ok
    outline_for(loaded)
    return path


def count_hashing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = plan_cache.key_for

    def counted(data: bytes) -> str:
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(plan_cache, "key_for", counted)
    return calls


def test_a_settled_file_is_found_by_its_stat_without_hashing(plans_dir: Path, no_racy_window: None,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = plans_dir / "demo.yaml"
    settle(path)
    time.sleep(0.01)
    cache_outline(plans_dir)
    calls = count_hashing(monkeypatch)
    assert cached_outline(path) is not None and find_outline(plans_dir, "demo") is not None
    [line] = list_plans(plans_dir, cached_only=True) or []
    assert line.title == "Demo plan" and calls == []


def test_a_file_changed_within_the_racy_window_is_hashed_and_its_new_bytes_seen(plans_dir: Path) -> None:
    """Same size, same mtime, same inode, changed just now: no key was remembered for it (git's racy rule)."""
    path = cache_outline(plans_dir)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Demo plan", "title: Demo plot"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert path.stat().st_ino == stat.st_ino
    assert cached_outline(path) is None  # the new bytes have no outline yet: not the old one
    cache_outline(plans_dir)
    outline = cached_outline(path)
    assert outline is not None and outline.title == "Demo plot"


def test_no_key_is_remembered_for_a_file_written_within_the_racy_window(plans_dir: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = cache_outline(plans_dir)  # written by the fixture a moment ago
    calls = count_hashing(monkeypatch)
    assert cached_outline(path) is not None and cached_outline(path) is not None
    assert len(calls) == 2  # hashed at each use while racy
    assert not list(plan_cache.cache_dir().glob(f"*{file_keys.SUFFIX}"))


def test_a_settled_file_rewritten_with_its_old_size_and_mtime_is_seen(plans_dir: Path,
                                                                      no_racy_window: None) -> None:
    """The mtime set back by hand (`touch -d`, rsync -t): the ctime moved, so the stat misses."""
    path = plans_dir / "demo.yaml"
    old = settle(path)
    time.sleep(0.01)
    cache_outline(plans_dir)
    assert list(plan_cache.cache_dir().glob(f"*{file_keys.SUFFIX}"))  # remembered: settled
    before = path.stat()
    time.sleep(0.05)  # a coarse clock: let the ctime move on
    path.write_text(path.read_text(encoding="utf-8").replace("title: Demo plan", "title: Demo plot"),
                    encoding="utf-8")
    settle(path, old)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert cached_outline(path) is None
    cache_outline(plans_dir)
    outline = cached_outline(path)
    assert outline is not None and outline.title == "Demo plot"


def test_a_file_replaced_by_a_rename_is_seen(plans_dir: Path, no_racy_window: None) -> None:
    """An editor's atomic save: a new inode, whatever the times say."""
    path = plans_dir / "demo.yaml"
    old = settle(path)
    time.sleep(0.01)
    cache_outline(plans_dir)
    other = plans_dir / "new.tmp"
    other.write_text(path.read_text(encoding="utf-8").replace("title: Demo plan", "title: Demo plot"),
                     encoding="utf-8")
    settle(other, old)
    os.replace(other, path)
    assert cached_outline(path) is None


def test_another_loading_code_misses(plans_dir: Path, no_racy_window: None, monkeypatch: pytest.MonkeyPatch) -> None:
    path = plans_dir / "demo.yaml"
    settle(path)
    time.sleep(0.01)
    cache_outline(plans_dir)
    assert file_keys.remembered_key(path, path.stat()) is not None
    monkeypatch.setattr(plan_cache, "code_fingerprint", lambda: "another model")
    assert file_keys.remembered_key(path, path.stat()) is None


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"format": 1}', b"\xff"])
def test_a_damaged_entry_is_a_miss(plans_dir: Path, no_racy_window: None, damage: bytes) -> None:
    path = plans_dir / "demo.yaml"
    settle(path)
    time.sleep(0.01)
    cache_outline(plans_dir)
    [entry] = plan_cache.cache_dir().glob(f"*{file_keys.SUFFIX}")
    entry.write_bytes(damage)
    assert file_keys.remembered_key(path, path.stat()) is None
    outline = cached_outline(path)  # hashed: found all the same
    assert outline is not None and outline.title == "Demo plan"


def test_a_key_remembered_for_one_path_is_not_another_files(plans_dir: Path, no_racy_window: None) -> None:
    path = plans_dir / "demo.yaml"
    settle(path)
    time.sleep(0.01)
    cache_outline(plans_dir)
    copy = plans_dir / "copy.yaml"
    copy.write_bytes(path.read_bytes())
    assert file_keys.remembered_key(copy, copy.stat()) is None
