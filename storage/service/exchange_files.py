"""Files exchanged between officers and the chair, for the command line: `steerco validate`
recognising an update or status file by its `format:` key (storage/updates/file_kinds.py),
and the inert-text rule for showing texts a store holds (storage/updates/inert.py). Light to
import (`steerco history` shows texts with it): the readers load only when a file is checked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storage.updates.inert import escape_unsafe, unsafe_character

if TYPE_CHECKING:
    from storage.plan.yaml_source import Problem

__all__ = ["check_exchange_file", "escape_unsafe", "unsafe_character"]


def check_exchange_file(path: Path, plans_dir: Path) -> list[Problem] | None:
    """Every problem of an update or status file (as its import with --dry-run reports them,
    against the plans in `plans_dir`); None when the file is not one (a plan file)."""
    from storage.service.plans import valid_plans
    from storage.updates.file_format import MAX_FILE_BYTES
    from storage.updates.file_kinds import check_by_format

    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if b"format:" not in data:
        return None
    return check_by_format(data, str(path), {p.id: p for p in valid_plans(plans_dir)} if plans_dir.is_dir() else {})
