"""A cache of validated plans, keyed by content: a 6 MiB plan is parsed once, not per command.

Parsing and checking a 10,000-action plan from YAML takes about 1.4 s; reading back its
own `model_dump_json()` takes about 0.25 s. So `load_plans` and `find_plan` keep each
plan that loaded with no errors as one JSON file (the plan and its warnings; never
pickle) named by a key: the sha256 of the file's bytes and of a fingerprint of the code
that turned them into a Plan (pydantic's version and the source of the loading modules,
so a change to the model, a check or a deadline rule invalidates).
`steerco validate` never comes here: it always parses and checks.

The folder is $STEERCO_CACHE, else `plans/` in the user cache folder (platformdirs).
Writes are atomic (a temporary file, then os.replace); a missing, unreadable, corrupt or
wrong-shaped entry is a miss and is rewritten, never an error. The newest `KEEP` entries
are kept. Headless: never imports Textual.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import os
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.cache.outline import PlanOutline

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.plan.yaml_source import Problem

CACHE_ENV = "STEERCO_CACHE"
KEEP = 64  # plan entries (and outlines of FORMAT 1, `.outline.json`, until pruned)
FORMAT = 1
_TMP = ".tmp-"  # temporary files, renamed into place when complete
_OUTLINE = ".outline"  # PlanOutline.to_bytes: a JSON line, the actions' JSON, their SQLite image
KEEP_OUTLINES = 32
# The modules whose code decides what a plan file loads as (and the entries' formats: this one,
# the outline's and its image's).
_LOADING_MODULES = ("plan/model", "plan/deadlines", "plan/ids", "plan/checks", "plan/yaml_source", "plan/locate",
                    "plan/yaml_notes", "plan/load", "plan/index", "cache/plan_cache", "cache/outline",
                    "store/outline_image")


@lru_cache(maxsize=1)
def _cached_plan_model() -> type[Any]:
    """One cache entry's model (the key it was written for, checked on read; the plan; its
    warnings), built on first use: reading an outline never imports pydantic."""
    from pydantic import create_model

    from storage.plan.model import Plan
    from storage.plan.yaml_source import Problem

    return create_model("CachedPlan", format=(int, ...), key=(str, ...), warnings=(list[Problem], ...),
                        plan=(Plan, ...))


def cache_dir() -> Path:
    """Where cached plans live: $STEERCO_CACHE, else plans/ in the user cache folder.
    Not created here: the first write creates it."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("steerco")) / "plans"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of what turns plan bytes into a Plan: pydantic's version and the loading modules'
    source (not steerco's version: storage imports nothing of the CLI, and the source is what counts).

    Cheaper than hashing `Plan.model_json_schema()` (~27 ms a call) and stricter: a schema
    does not change when a validator, a check or a deadline rule does."""
    digest = hashlib.sha256(f"steerco plan cache; format {FORMAT}".encode())
    here = Path(__file__).resolve().parents[1]
    # pydantic's version, from the file that defines it: importing pydantic costs ~0.1 s, and
    # find_spec of a submodule ("pydantic.version") would import its package.
    spec = importlib.util.find_spec("pydantic")
    try:
        sources = [Path(spec.origin).parent / "version.py"] if spec and spec.origin else []
        for path in [*sources, *(here / f"{name}.py" for name in _LOADING_MODULES)]:
            digest.update(path.read_bytes())
    except OSError:  # no sources (a frozen build): fall back to the versions and the model's schema
        import pydantic

        from storage.plan.model import Plan

        digest.update(f"{pydantic.VERSION} {Plan.model_json_schema()!r}".encode())
    return digest.hexdigest()


def key_for(data: bytes) -> str:
    """sha256(data + NUL + fingerprint), without copying `data` (6 MiB: ~8 ms in copies alone)."""
    digest = hashlib.sha256(data)
    digest.update(b"\0" + code_fingerprint().encode())
    return digest.hexdigest()


def read(key: str, path: Path, folder: Path | None = None) -> tuple[Plan, list[Problem]] | None:
    """The cached plan and warnings for `key` (their file named as `path`), or None."""
    entry = (folder or cache_dir()) / f"{key}.json"
    try:
        cached = _cached_plan_model().model_validate_json(entry.read_bytes())
    except (OSError, ValueError):  # missing, unreadable, corrupt, wrong shape (ValidationError)
        return None
    if cached.format != FORMAT or cached.key != key or any(w.severity != "warning" for w in cached.warnings):
        return None
    try:
        os.utime(entry)  # recently used entries survive pruning
    except OSError:
        pass  # a read-only cache still serves
    name = str(path)
    return cached.plan, sorted(dataclasses.replace(w, file=name) for w in cached.warnings)


def write(key: str, path: Path, plan: Plan, problems: list[Problem], folder: Path | None = None) -> bool:
    """Cache a plan that loaded with no errors; False (and nothing written) otherwise.
    Never raises: a cache that cannot be written is simply not used."""
    name = str(path)
    if any(p.severity != "warning" or p.file != name for p in problems):
        return False
    text = _cached_plan_model()(format=FORMAT, key=key, warnings=problems, plan=plan).model_dump_json()
    return put_atomically(folder or cache_dir(), f"{key}.json", text.encode())


def read_outline(key: str, folder: Path | None = None) -> PlanOutline | None:
    """The outline cached for `key`, or None (missing, unreadable, corrupt, another key)."""
    entry = (folder or cache_dir()) / f"{key}{_OUTLINE}"
    try:
        with entry.open("rb") as stream:
            outline = PlanOutline.read_from(stream, key)
    except OSError:
        return None
    if outline is not None:
        try:
            os.utime(entry)  # recently used outlines survive pruning
        except OSError:
            pass
    return outline


def write_outline(key: str, outline: PlanOutline, folder: Path | None = None) -> bool:
    """Cache the outline of a plan that loaded with no errors. Never raises."""
    return put_atomically(folder or cache_dir(), f"{key}{_OUTLINE}", outline.to_bytes(key),
                          keep=KEEP_OUTLINES, suffix=_OUTLINE)


def put_atomically(folder: Path, name: str, data: bytes, *, keep: int = KEEP, suffix: str = ".json") -> bool:
    """Write `data` to folder/name (a temporary file, then os.replace), then prune the folder's
    `suffix` files to the newest `keep`; False (nothing written) if the folder cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=_TMP, suffix=".part")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, folder / name)
    except OSError:
        _unlink(Path(tmp))
        return False
    prune(folder, keep, suffix)
    return True


def prune(folder: Path, keep: int = KEEP, suffix: str = ".json") -> None:
    """Delete all but the `keep` most recently used `suffix` entries, and temporary files an
    hour old (left by a process that died while writing)."""
    entries: list[tuple[float, Path]] = []
    now = time.time()
    try:
        for item in folder.iterdir():
            if item.suffix == suffix:
                entries.append((item.stat().st_mtime, item))
            elif item.name.startswith(_TMP) and now - item.stat().st_mtime > 3600:
                _unlink(item)
    except OSError:
        return
    entries.sort(reverse=True)
    for _, item in entries[keep:]:
        _unlink(item)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
