"""Which kind of steerco file a file is, by its `format:` key, and its checker: what
`steerco validate FILE` runs on an update file (or a status file) instead of the plan checks.

`CHECKERS` maps a `format:` value to "module:function", imported only when a file of that
format is checked; the function is `(data, name, plans) -> list[Problem]` and reports what the
file's import would with `--dry-run` (no store). A file with no top-level `format:` is a plan
file. Headless: never imports Textual.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from storage.plan.format_line import FORMAT_LINE, format_of
from storage.plan.yaml_source import Problem

if TYPE_CHECKING:
    from storage.plan.model import Plan

Checker = Callable[[bytes, str, "dict[str, Plan]"], list[Problem]]

CHECKERS: dict[str, str] = {
    "steerco-updates": "storage.updates.importer:check_update_bytes",
    "steerco-status": "storage.updates.status_file:check_status_bytes",
}


def check_by_format(data: bytes, name: str, plans: dict[str, Plan]) -> list[Problem] | None:
    """Every problem of a steerco exchange file, by its `format:`; None for a plan file."""
    written = format_of(data)
    if written is None:
        return None
    target = CHECKERS.get(written)
    if target is None:
        known = ", ".join(sorted(CHECKERS))
        line = data.count(b"\n", 0, FORMAT_LINE.search(data).start()) + 1  # type: ignore[union-attr]
        return [Problem(name, line, 1, "error", f"unknown file format {written!r}: steerco reads {known} files "
                                                "and plan files (which have no `format:`)")]
    module, function = target.split(":")
    checker: Checker = getattr(importlib.import_module(module), function)
    return checker(data, name, plans)
