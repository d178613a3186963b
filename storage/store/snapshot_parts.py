"""A plan snapshot cut into parts, so a reader can rebuild it with some of its actions only.

`SnapshotParts` holds the snapshot's JSON without its themes (`rest`), each theme without
its actions (`themes`), and every action's JSON text, verbatim, in one UTF-8 `blob`
indexed by action id. `snapshot_parts(store, version_id, content_hash)` finds them:

1. in this process (the newest `KEEP_IN_PROCESS` snapshots);
2. else in `snapshots/<content hash>.parts` in the plan cache folder
   (`storage.cache.plan_cache.cache_dir()`), ~10 ms for a 10,000-action plan;
3. else with SQLite's JSON functions over the stored text (~0.1 s for that plan, in C,
   with no Python object built per field), then written to that file.

The file is one line of JSON (the format, the content hash, the lengths of the rest and
of each theme's header, the action ids and where each text ends), a newline, then the
rest, the theme headers and the blob. It is named and checked by the snapshot's content hash (the
sha256 of `snapshot_json`, which never changes for a stored version), so it cannot go
stale; it holds text, not validated objects, so a change to the model needs no new key.
Writes are a temporary file then `os.replace`; a missing, unreadable, corrupt or
wrong-shaped file is a miss, rebuilt and rewritten, never an error; a folder that cannot
be written is not used. The newest `KEEP_FILES` files are kept.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storage.cache.plan_cache import cache_dir, put_atomically
from storage.store.store import Store

FORMAT = 1
SUFFIX = ".parts"
KEEP_FILES = 8
KEEP_IN_PROCESS = 4
_HASH = re.compile(r"[0-9a-f]{64}")  # a sha256, safe as a file name; any other key is not cached on disk

class PartsUnreadable(Exception):
    """The cached file no longer holds what its header says (truncated or changed)."""


@dataclass(frozen=True)
class SnapshotParts:
    """Action n of the snapshot (in plan order) is `ids[n]`; its JSON text ends at `ends[n]`
    in the blob and starts where the one before ends; theme t's actions start at
    `theme_starts[t]`. The blob is in memory (`blob`) or at `offset` in the file `path`."""

    content_hash: str
    rest: str
    themes: list[str]
    theme_starts: list[int]
    ids: list[str]
    ends: list[int]
    blob: bytes | None = None
    path: Path | None = None
    offset: int = 0

    @property
    def size(self) -> int:
        return self.ends[-1] if self.ends else 0

    def spans(self, action_ids: Iterable[str]) -> list[tuple[int, int]]:
        """(start, end) of each asked-for action in the blob, in plan order (duplicates too)."""
        wanted = set(action_ids)
        ends = self.ends
        return [(ends[n - 1] if n else 0, ends[n]) for n, action_id in enumerate(self.ids) if action_id in wanted]

    def theme_of(self, start: int) -> int:
        return bisect.bisect_right(self.theme_starts, start) - 1

    def texts(self, spans: list[tuple[int, int]]) -> list[str]:
        """The JSON text of each span; PartsUnreadable if the file does not hold them."""
        if any(not 0 <= start <= end <= self.size for start, end in spans):
            raise PartsUnreadable("the index is not in order")
        if self.blob is not None:
            return [self.blob[start:end].decode("utf-8") for start, end in spans]
        assert self.path is not None
        try:
            with self.path.open("rb") as source:
                if os.fstat(source.fileno()).st_size != self.offset + self.size:
                    raise PartsUnreadable("the file changed size")
                out = []
                for start, end in spans:
                    source.seek(self.offset + start)
                    out.append(source.read(end - start).decode("utf-8"))
                return out
        except (OSError, UnicodeDecodeError) as error:
            raise PartsUnreadable(str(error)) from error

    def to_bytes(self) -> bytes:
        """The file: a JSON header line, the rest and the theme headers, then the blob."""
        assert self.blob is not None
        texts = [self.rest.encode("utf-8"), *(theme.encode("utf-8") for theme in self.themes)]
        header = {"format": FORMAT, "hash": self.content_hash, "texts": [len(t) for t in texts],
                  "theme_starts": self.theme_starts, "ids": self.ids, "ends": self.ends}
        return json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + b"".join(texts) + self.blob


_PARTS: dict[str, SnapshotParts] = {}


def snapshot_parts(store: Store, version_id: int, content_hash: str, *, rebuild: bool = False) -> SnapshotParts:
    """The parts of plan version `version_id`, whose content hash is `content_hash`.

    `rebuild` skips what is kept (in the process and on disk) and cuts the snapshot again."""
    parts = None if rebuild else _PARTS.get(content_hash)
    if parts is None:
        folder = parts_dir() if _HASH.fullmatch(content_hash) else None
        parts = read(folder, content_hash) if folder and not rebuild else None
        if parts is None:
            parts = from_store(store, version_id, content_hash)
            if folder:
                write(folder, parts)
        _PARTS.pop(content_hash, None)
        if len(_PARTS) >= KEEP_IN_PROCESS:
            _PARTS.pop(next(iter(_PARTS)))
        _PARTS[content_hash] = parts
    return parts


def prepare(store: Store, version_id: int) -> None:
    """Cut plan version `version_id` now (if not done before), so later minutes need not."""
    row = store.conn.execute("SELECT content_hash FROM plan_versions WHERE id = ?", [version_id]).fetchone()
    if row is not None:
        snapshot_parts(store, version_id, str(row[0]))


def forget() -> None:
    """Drop the parts kept in this process (tests)."""
    _PARTS.clear()


def parts_dir() -> Path:
    return cache_dir() / "snapshots"


# One row per theme (its header on its first row) and per action: the stored text is parsed
# by SQLite twice (for the rest, and for the themes) instead of by Python once per field.
_CUT = """
SELECT t.key, a.key, CASE WHEN a.key IS NULL OR a.key = 0 THEN json_remove(t.value, '$.actions') END,
       json_extract(a.value, '$.id'), a.value
FROM plan_versions p JOIN json_each(p.snapshot_json, '$.themes') t LEFT JOIN json_each(t.value, '$.actions') a
WHERE p.id = ? ORDER BY t.key, a.key
"""


def from_store(store: Store, version_id: int, content_hash: str) -> SnapshotParts:
    """Cut the stored snapshot with SQLite's JSON functions."""
    conn = store.conn
    row = conn.execute("SELECT json_remove(snapshot_json, '$.themes') FROM plan_versions WHERE id = ?",
                       [version_id]).fetchone()
    rest = str(row[0]) if row else "{}"
    themes: list[str] = []
    theme_starts: list[int] = []
    ids: list[str] = []
    ends: list[int] = []
    chunks: list[bytes] = []
    size = 0
    for theme, _, header, action_id, text in conn.execute(_CUT, [version_id]):
        if theme == len(themes):
            themes.append(str(header))
            theme_starts.append(size)
        if text is None:
            continue
        data = str(text).encode("utf-8")
        size += len(data)
        ids.append(str(action_id))
        ends.append(size)
        chunks.append(data)
    return SnapshotParts(content_hash, rest, themes, theme_starts, ids, ends, blob=b"".join(chunks))


def read(folder: Path, content_hash: str) -> SnapshotParts | None:
    """The parts in the cached file for `content_hash` (the blob stays on disk), or None."""
    entry = folder / f"{content_hash}{SUFFIX}"
    try:
        with entry.open("rb") as source:
            line = source.readline()
            header = json.loads(line)
            lengths, starts, ids, ends = header["texts"], header["theme_starts"], header["ids"], header["ends"]
            if (header["format"] != FORMAT or header["hash"] != content_hash or not line.endswith(b"\n")
                    or not lengths or len(starts) != len(lengths) - 1 or len(ids) != len(ends)
                    or not all(isinstance(n, int) and n >= 0 for n in [*lengths, *starts])
                    or starts != sorted(starts) or not set(map(type, ids)) <= {str}
                    or not set(map(type, ends)) <= {int}):
                return None
            prefix = source.read(sum(lengths))
            offset = len(line) + len(prefix)
            if os.fstat(source.fileno()).st_size != offset + (ends[-1] if ends else 0):
                return None
    except (OSError, ValueError, KeyError, TypeError):  # missing, unreadable, not JSON, wrong shape
        return None
    texts, at = [], 0
    try:
        for length in lengths:
            texts.append(prefix[at:at + length].decode("utf-8"))
            at += length
    except UnicodeDecodeError:
        return None
    try:
        os.utime(entry)  # recently used entries survive pruning
    except OSError:
        pass
    return SnapshotParts(content_hash, texts[0], texts[1:], starts, ids, ends, path=entry, offset=offset)


def write(folder: Path, parts: SnapshotParts) -> bool:
    """Write the parts atomically, then prune; False (nothing written) if the folder cannot be written."""
    return put_atomically(folder, f"{parts.content_hash}{SUFFIX}", parts.to_bytes(), keep=KEEP_FILES, suffix=SUFFIX)
