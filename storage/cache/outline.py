"""A plan's outline: what the status report and the home screen need, without the model.

A validated 10,000-action plan costs ~0.2 s to read back from the plan cache and ~0.1 s
more to import pydantic at all. Its outline (ids, display titles, owners and their names,
deadlines and due dates, the RAG scale, risk bands and risks) is plain data, read in a few ms.
An outline is made only from a `Plan` that loaded with no errors, and is cached beside the
plan under the same key (storage/cache/plan_cache.py), so it is exactly as fresh as the plan.

The cache holds it as `to_bytes` writes it: one line of JSON (the small fields, the key, the
sizes and CRC-32s of the rest), the actions as one JSON array (parsed only when `actions()`
is asked for), then the actions and scale as an SQLite database image, which the status
report hands to SQLite as it is (storage/store/outline_image.py says why). The CRCs make a
damaged file a miss, as a truncated one is.

Headless, and importing neither pydantic nor the model: the app's first screen uses it.
"""

from __future__ import annotations

import io
import json
import zlib
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from storage.plan.status import complete_code

if TYPE_CHECKING:
    from storage.plan.model import Plan

FORMAT = 8


class ActionLine(NamedTuple):
    """One action of the outline, in plan order."""

    id: str
    title: str
    owner: str | None  # the first roster owner's id (the lead's, when named); None when unowned
    owner_name: str  # who owns it, as every view names it (`PlanIndex.owner_label`)
    deadline: str | None
    due: str | None  # ISO date
    #: ISO date: an open milestone's due date when it comes before `due` (`Action.late_due`); else
    #: None, and `due` decides. Left out (null) in the common case: a third less JSON for home to parse.
    early_due: str | None
    #: [id, name, lead] of each roster owner, the lead first, for an action with several; else None
    #: (one owner is `owner` and `owner_name`, as lead).
    owners: list[list[Any]] | None


@dataclass(frozen=True)
class PlanOutline:
    id: str
    title: str
    version: str | None  # None when the plan states none
    partnership: str | None
    meeting_cycle_days: int
    scale: list[list[Any]]  # [code, name, symbol, rank], as the plan lists them
    bands: list[list[Any]]  # [name, low, high]
    #: id, description, impact, likelihood, rating, residual_rating, owner (`PlanIndex.risk_owner_label`)
    risks: list[dict[str, Any]]
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

    def actions_image(self) -> bytes:
        """The actions and scale as an SQLite database image: as cached, or made now (~40 ms
        for 10,000 actions) when this outline was not read from the cache."""
        if not self._image:
            from storage.store.outline_image import image_of

            self._image.append(image_of(self.action_rows(), self.scale))
        return self._image[0]

    def due(self, line: ActionLine) -> date | None:
        return date.fromisoformat(line.due) if line.due else None

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
        named = all(isinstance(getattr(outline, name), str) for name in ("id", "title"))
        return outline if named and isinstance(outline.version, (str, type(None))) else None


def outline_of(plan: Plan) -> PlanOutline:
    from storage.plan.index import plan_index

    index = plan_index(plan)
    lines = [[a.id, a.display_title, a.owner_ids[0] if a.owner_ids else None, index.owner_label(a), a.deadline,
              _iso(a.due), _iso(_early(a.due, a.late_due)), _several(index.owners(a))] for _, a in plan.actions()]
    return PlanOutline(
        id=plan.id, title=plan.title, version=plan.version, partnership=plan.partnership,
        meeting_cycle_days=plan.meeting_cycle_days,
        scale=[[s.code, s.name, s.symbol, s.rank] for s in plan.rag_scale],
        bands=[[b.name, b.low, b.high] for b in plan.risk_bands],
        risks=[{"id": r.id, "description": r.description, "impact": r.impact, "likelihood": r.likelihood,
                "rating": r.rating, "residual_rating": r.residual_rating, "owner": index.risk_owner_label(r)}
               for r in plan.risks],
        indicators=len(plan.indicators),
        actions_utf8=json.dumps(lines, ensure_ascii=False).encode(),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _early(due: date | None, late_due: date | None) -> date | None:
    return late_due if late_due != due else None


def _several(owners: list[tuple[str, str, bool]]) -> list[list[Any]] | None:
    return [list(o) for o in owners] if len(owners) > 1 else None
