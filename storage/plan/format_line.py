"""How a steerco exchange file (an officer's update file, a chair's status file) is told from a
plan file: its top-level `format:` key, which a plan never has. One rule for `steerco validate
FILE` (storage/updates/file_kinds.py, which checks such a file as its import would) and for the
plans folder, which leaves such files out of its plans (`steerco validate` with no files, home)."""

from __future__ import annotations

import re
from pathlib import Path

FORMAT_LINE = re.compile(rb"""^format:[ \t]*(["']?)([^\s"'#]*)\1[ \t]*(?:#.*)?\r?$""", re.M)
#: How much of a file in the plans folder is read to find its `format:` line (steerco writes it
#: first; a plan file is read whole only when loaded).
HEAD_BYTES = 64 * 1024


def format_of(data: bytes) -> str | None:
    """The value of a file's top-level `format:` key as written, or None when it has none (a plan file)."""
    found = FORMAT_LINE.search(data)
    return None if found is None else found.group(2).decode("utf-8", "replace")


def is_exchange_file(path: Path) -> bool:
    """Whether the file at `path` has a top-level `format:` line in its first HEAD_BYTES: an update
    or status file, not a plan (a file that cannot be read is left for the plan loader to report)."""
    try:
        with path.open("rb") as file:
            return format_of(file.read(HEAD_BYTES)) is not None
    except OSError:
        return False
