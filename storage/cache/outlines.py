"""Finding a plan's outline (storage/cache/outline.py) without loading the plan.

`find_outline` answers only from the plan cache: the outline written for the file's exact
bytes and the exact loading code. On a miss it returns None and the caller loads the plan
the full way (`storage.plan.load`, which reports every problem) and then `outline_for` it,
which caches the outline for next time. Imports neither pydantic nor the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storage.cache import plan_cache
from storage.cache.file_keys import file_key, hashed
from storage.cache.outline import PlanOutline, outline_of
from storage.plan.format_line import is_exchange_file

if TYPE_CHECKING:
    from storage.plan.load import LoadedPlan

PLAN_SUFFIXES = (".yaml", ".yml")
MAX_BYTES = 16 * 1024 * 1024  # as storage.plan.yaml_source: a larger file never loaded, so never cached


def plan_files(plans_dir: Path) -> list[Path]:
    """The folder's plan files: its YAML files but the update and status files kept beside them."""
    if not plans_dir.is_dir():
        return []
    return sorted(p for p in plans_dir.iterdir() if p.suffix in PLAN_SUFFIXES and p.is_file()
                  and not is_exchange_file(p))


def cached_outline(path: Path) -> PlanOutline | None:
    """The outline cached for the current bytes of the plan file at `path`, or None. The file's key
    comes from its stat when it is known (storage/cache/file_keys.py): no read, no hashing."""
    key = file_key(path, MAX_BYTES)
    return plan_cache.read_outline(key) if key is not None else None


def find_outline(plans_dir: Path, ref: str) -> PlanOutline | None:
    """The cached outline of plan `ref` (a file path, or an id held by `<id>.yaml`), or None
    when the full load must decide (a miss, another file holding the id, or no such plan)."""
    as_path = Path(ref)
    if as_path.suffix in PLAN_SUFFIXES and as_path.is_file():
        return cached_outline(as_path)
    if ref and as_path.name == ref and not ref.startswith("."):
        for suffix in PLAN_SUFFIXES:
            candidate = plans_dir / f"{ref}{suffix}"
            if candidate.is_file():
                outline = cached_outline(candidate)
                if outline is not None and outline.id == ref:
                    return outline
    return None


def outline_for(loaded: LoadedPlan) -> PlanOutline:
    """The outline of a plan loaded the full way (with no errors), cached for next time."""
    assert loaded.plan is not None and not loaded.errors
    outline = outline_of(loaded.plan)
    try:
        key, _ = hashed(loaded.path)  # and remembered by stat, so the next start need not hash
    except OSError:
        return outline
    plan_cache.write_outline(key, outline)
    return outline
