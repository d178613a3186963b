"""Writing a file the user asked for (minutes, an update file, the schema, a template): all or nothing.

The text goes to a temporary file in the target's own folder, is flushed to disk, and
takes the target's name with os.replace: a reader never sees half a file, and a write
that fails (no such folder, a full disk, a read-only drive) leaves the old file as it was
and no temporary file behind. A failure is one line naming the path and the reason.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["FileWriteError", "check_target", "make_folder", "write_file"]


class FileWriteError(Exception):
    """A file could not be written; the message is one line: the path and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path, self.reason = path, reason


def check_target(path: Path) -> None:
    """FileWriteError, worded as every -o's, if `path` cannot be a new or replaced file: it is
    a folder, or its folder is missing (none is made) or a file."""
    if path.is_dir():
        raise FileWriteError(path, "it is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        reason = "is a file, not a folder" if folder.exists() else "does not exist"
        raise FileWriteError(path, f"the folder {folder} {reason}")


def make_folder(path: Path) -> None:
    """Make the folder `path` if it is missing (not the folders above it: a missing one is
    refused as every -o refuses it); FileWriteError, worded as `check_target`'s, if it cannot be."""
    if path.is_dir():
        return
    if path.exists():
        raise FileWriteError(path, "it is a file, not a folder; give a folder")
    check_target(path)
    try:
        path.mkdir()
    except OSError as exc:
        raise FileWriteError(path, exc.strerror or str(exc)) from None


def write_file(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8, with the newlines as given) to `path` atomically."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    check_target(path)
    folder = path.parent
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise FileWriteError(path, exc.strerror or str(exc)) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise FileWriteError(path, exc.strerror or str(exc)) from None


def _mode_for(path: Path) -> int:
    """The permissions the file has, or a new file would get (mkstemp's are owner-only)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would, racing other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
