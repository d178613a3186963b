"""A plan's outline: what the status report and the home screen need, without the model.

A validated 10,000-action plan costs ~0.2 s to read back from the plan cache and ~0.1 s
more to import pydantic at all. Its outline (ids, display titles, owners and their names,
deadlines and due dates, the RAG scale, risk bands and risks) is plain data, read in a few ms.
An outline is made only from a `Plan` that loaded with no errors, and is cached beside the
plan under the same key (storage/cache/plan_cache.py), so it is exactly as fresh as the plan.

The cache holds it as `to_bytes` writes it: one line of JSON (the small fields, the key, the
sizes and CRC-32s of the rest), the actions as one JSON array (parsed only when `actions()`
is asked for), then the actions as an SQLite database image (`IMAGE_TABLE`), which the status
report hands to SQLite as it is (`Connection.deserialize`): filling a table from Python took
~40 ms for 10,000 actions, deserializing the image takes ~0.2 ms.

Headless, and importing neither pydantic nor the model: the app's first screen uses it.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from storage.plan.status import complete_code

if TYPE_CHECKING:
    from storage.plan.model import Plan

FORMAT = 3

#: The image's one table, in plan order (`pos`). `owner` is the owner's id (NULL: unowned,
#: what home counts). `head` is the action's part of the status report as SQLite's
#: json_object renders it (id, title, owner's name, deadline, due), without its closing
#: brace: the report appends the action's state to it.
IMAGE_TABLE = ("CREATE TABLE actions (pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, owner TEXT, due TEXT, "
               "head TEXT NOT NULL)")
_IMAGE_ROW = ("INSERT INTO actions (id, owner, due, head) VALUES (?1, ?3, ?6, "
              "rtrim(json_object('id', ?1, 'title', ?2, 'owner', ?4, 'deadline', ?5, 'due', ?6), '}'))")


class ActionLine(NamedTuple):
    """One action of the outline, in plan order."""

    id: str
    title: str
    owner: str | None
    owner_name: str
    deadline: str | None
    due: str | None  # ISO date


@dataclass(frozen=True)
class PlanOutline:
    id: str
    title: str
    version: str
    partnership: str
    meeting_cycle_days: int
    scale: list[list[Any]]  # [code, name, symbol, rank], as the plan lists them
    bands: list[list[Any]]  # [name, low, high]
    risks: list[dict[str, Any]]  # id, description, impact, likelihood, rating, residual_rating
    indicators: int
    #: The actions as one JSON array of ActionLine arrays, in UTF-8: parsed (and decoded) only
    #: when asked for.
    actions_utf8: bytes = field(repr=False)
    _actions: list[ActionLine] = field(default_factory=list, compare=False, repr=False)
    _image: list[bytes] = field(default_factory=list, compare=False, repr=False)

    @property
    def done(self) -> str:
        """The code of the plan's 'done' status: the highest rank on its scale."""
        return complete_code((str(s[0]), int(s[3])) for s in self.scale)

    def band(self, rating: int) -> str | None:
        """As `Plan.band(rating).name`."""
        return next((name for name, low, high in self.bands if low <= rating <= high), None)

    def actions(self) -> list[ActionLine]:
        if not self._actions:
            self._actions.extend(ActionLine(*line) for line in self.action_rows())
        return self._actions

    def action_rows(self) -> list[list[Any]]:
        """The actions as plain lists in ActionLine's order: a third of the cost of `actions()`
        for 10,000 of them."""
        rows: list[list[Any]] = json.loads(self.actions_utf8)
        return rows

    @property
    def actions_json(self) -> str:
        """The actions' JSON as text."""
        return self.actions_utf8.decode()

    def actions_image(self) -> bytes:
        """The actions as an SQLite database image holding `IMAGE_TABLE`: as cached, or made
        from the actions (~40 ms for 10,000) when this outline was not read from the cache."""
        if not self._image:
            self._image.append(_image_of(self.action_rows()))
        return self._image[0]

    def due(self, line: ActionLine) -> date | None:
        return date.fromisoformat(line.due) if line.due else None

    def to_json(self, key: str) -> str:
        return json.dumps({"format": FORMAT, "key": key, **self._fields(), "actions_json": self.actions_json},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes, key: str) -> PlanOutline | None:
        """The outline in `text` if it is one, of this format, written for `key`; else None."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.pop("format", None) != FORMAT or data.pop("key", None) != key:
                return None
            actions_utf8 = data.pop("actions_json").encode()
            return cls._checked(cls(**data, actions_utf8=actions_utf8))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None

    def to_bytes(self, key: str) -> bytes:
        """The cache's form: a JSON line (fields, key, sizes, CRC-32s), the actions' JSON, the image."""
        actions, image = self.actions_utf8, self.actions_image()
        head = {"format": FORMAT, "key": key, **self._fields(),
                "sizes": [len(actions), len(image)], "crc": [zlib.crc32(actions), zlib.crc32(image)]}
        return json.dumps(head, ensure_ascii=False).encode() + b"\n" + actions + image

    @classmethod
    def from_bytes(cls, data: bytes, key: str) -> PlanOutline | None:
        """The outline in `data` (as `to_bytes` wrote it for `key`, whole and unchanged), else None."""
        return cls.read_from(io.BytesIO(data), key)

    @classmethod
    def read_from(cls, stream: BinaryIO, key: str) -> PlanOutline | None:
        """As `from_bytes`, from a stream: each part read straight into its own buffer (~3 MB
        for 10,000 actions, so not read whole and then copied out of it)."""
        try:
            head = json.loads(stream.readline())
            if not isinstance(head, dict) or head.pop("format", None) != FORMAT or head.pop("key", None) != key:
                return None
            n_actions, n_image = head.pop("sizes")
            crc = head.pop("crc")
            if not all(isinstance(n, int) and n >= 0 for n in (n_actions, n_image)):
                return None
            actions, image = stream.read(n_actions), stream.read(n_image)
            if len(actions) != n_actions or len(image) != n_image or stream.read(1):
                return None
            if [zlib.crc32(actions), zlib.crc32(image)] != crc:
                return None
            return cls._checked(cls(**head, actions_utf8=actions, _image=[image]))
        except (ValueError, TypeError, KeyError):
            return None

    def _fields(self) -> dict[str, Any]:
        """The small fields, as JSON holds them."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name[0] != "_" and f.name != "actions_utf8"}

    @staticmethod
    def _checked(outline: PlanOutline) -> PlanOutline | None:
        return outline if all(isinstance(getattr(outline, name), str) for name in ("id", "title", "version")) else None


@contextmanager
def attached(conn: sqlite3.Connection, outline: PlanOutline, schema: str) -> Iterator[None]:
    """The outline's actions image attached to `conn` as `schema` (table `<schema>.actions`)
    for the block, then detached: SQL joins it to the store with nothing parsed in Python."""
    conn.execute(f"ATTACH ':memory:' AS {schema}")
    try:
        conn.deserialize(outline.actions_image(), name=schema)
        yield
    finally:
        conn.execute(f"DETACH {schema}")


def _image_of(rows: list[list[Any]]) -> bytes:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute(IMAGE_TABLE)
        conn.execute("BEGIN")
        conn.executemany(_IMAGE_ROW, rows)
        conn.execute("COMMIT")
        return conn.serialize()
    finally:
        conn.close()


def outline_of(plan: Plan) -> PlanOutline:
    from storage.plan.index import plan_index

    index = plan_index(plan)
    lines = [[a.id, a.display_title, a.owner, index.owner_name(a.owner), a.deadline,
              a.due.isoformat() if a.due else None] for _, a in plan.actions()]
    return PlanOutline(
        id=plan.id, title=plan.title, version=plan.version, partnership=plan.partnership,
        meeting_cycle_days=plan.meeting_cycle_days,
        scale=[[s.code, s.name, s.symbol, s.rank] for s in plan.rag_scale],
        bands=[[b.name, b.low, b.high] for b in plan.risk_bands],
        risks=[{"id": r.id, "description": r.description, "impact": r.impact, "likelihood": r.likelihood,
                "rating": r.rating, "residual_rating": r.residual_rating} for r in plan.risks],
        indicators=len(plan.indicators),
        actions_utf8=json.dumps(lines, ensure_ascii=False).encode(),
    )
