"""A plan file's cache key from its stat, as git's index does: a start need not hash the plan.

The plan cache names a file's entries by the sha256 of its bytes (`plan_cache.key_for`), and
that stays the truth. But reading and hashing the benchmark's 6 MiB plan costs 10-30 ms, at
every app start before the first paint (benchmark row 1) and in every `steerco status`
(row 4). So a key found by hashing is remembered beside the cache entries with the file's
stat (size, mtime and ctime in ns, inode, device) and the loading code's fingerprint; while
all of them are the same, the key is taken from there and the file is not read.

Racy files (git's "racily clean" entries): a file written again within one timestamp tick of
being hashed keeps its size and times. A key is therefore remembered only when the file's
mtime and ctime are older than the moment it was hashed by `RACY_NS` (filesystem timestamps
can be as coarse as 2 s); a file changed more recently than that is hashed at each use until
it is not. Any later write, `touch` or rename gives the file a newer ctime or another inode,
which misses. A missing, unreadable or damaged entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from storage.cache import plan_cache

RACY_NS = 2_000_000_000
FORMAT = 1
SUFFIX = ".stat"
KEEP = 64


def _stat_of(result: os.stat_result) -> list[int]:
    return [result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino, result.st_dev]


def _entry(path: Path, folder: Path | None) -> Path:
    name = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32]
    return (folder or plan_cache.cache_dir()) / f"{name}{SUFFIX}"


def remembered_key(path: Path, stat: os.stat_result, folder: Path | None = None) -> str | None:
    """The key remembered for the file at `path` with exactly this stat and today's loading code, or None."""
    try:
        entry = json.loads(_entry(path, folder).read_bytes())
        if (entry["format"] == FORMAT and entry["path"] == os.path.abspath(path) and entry["stat"] == _stat_of(stat)
                and entry["code"] == plan_cache.code_fingerprint() and isinstance(entry["key"], str)):
            return entry["key"]
    except (OSError, ValueError, TypeError, KeyError):
        pass
    return None


def hashed(path: Path, folder: Path | None = None) -> tuple[str, bytes]:
    """Read and hash the file at `path` (its key and bytes), remembering the key when it is safe to
    (see the module's docstring). OSError if the file cannot be read."""
    before = path.stat()
    checked_ns = time.time_ns()
    data = path.read_bytes()
    key = plan_cache.key_for(data)
    try:
        after = path.stat()
    except OSError:
        return key, data
    settled = max(after.st_mtime_ns, after.st_ctime_ns) < checked_ns - RACY_NS
    if settled and _stat_of(before) == _stat_of(after) and after.st_size == len(data):
        body = {"format": FORMAT, "path": os.path.abspath(path), "stat": _stat_of(after),
                "code": plan_cache.code_fingerprint(), "key": key}
        entry = _entry(path, folder)
        plan_cache.put_atomically(entry.parent, entry.name, json.dumps(body).encode(), keep=KEEP, suffix=SUFFIX)
    return key, data


def file_key(path: Path, max_bytes: int, folder: Path | None = None) -> str | None:
    """The cache key of the current bytes of the file at `path`: remembered, else hashed; None when
    the file cannot be read or holds more than `max_bytes` (a file that never loads is never cached)."""
    try:
        stat = path.stat()
        if stat.st_size > max_bytes:
            return None
        if (key := remembered_key(path, stat, folder)) is not None:
            return key
        return hashed(path, folder)[0]
    except OSError:
        return None
