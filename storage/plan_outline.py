"""A plan's outline: what the status report and the home screen need, without the model.

A validated 10,000-action plan costs ~0.2 s to read back from the plan cache and ~0.1 s
more to import pydantic at all. Its outline (ids, display titles, owners and their names,
deadlines and due dates, the RAG scale, risk bands and risks) is plain JSON, read in ~10 ms.
An outline is made only from a `Plan` that loaded with no errors, and is cached beside the
plan under the same key (storage/plan_cache.py), so it is exactly as fresh as the plan.

Headless, and importing neither pydantic nor the model: the app's first screen uses it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from storage.model import Plan

FORMAT = 1


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
    #: The actions as one JSON array of ActionLine arrays: handed to SQLite as it is by the
    #: status report, parsed here only when asked for.
    actions_json: str
    _actions: list[ActionLine] = field(default_factory=list, compare=False, repr=False)

    @property
    def done(self) -> str:
        """The code of the plan's 'done' status: the highest rank on its scale."""
        return str(max(self.scale, key=lambda s: s[3])[0])

    def band(self, rating: int) -> str | None:
        """As `Plan.band(rating).name`."""
        return next((name for name, low, high in self.bands if low <= rating <= high), None)

    def actions(self) -> list[ActionLine]:
        if not self._actions:
            self._actions.extend(ActionLine(*line) for line in self.action_rows())
        return self._actions

    def action_rows(self) -> list[list[Any]]:
        """The actions as plain lists in ActionLine's order: a third of the cost of `actions()`
        for 10,000 of them (the status report hands them straight to SQLite)."""
        rows: list[list[Any]] = json.loads(self.actions_json)
        return rows

    def due(self, line: ActionLine) -> date | None:
        return date.fromisoformat(line.due) if line.due else None

    def to_json(self, key: str) -> str:
        fields = asdict(self)
        fields.pop("_actions")
        return json.dumps({"format": FORMAT, "key": key, **fields}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes, key: str) -> PlanOutline | None:
        """The outline in `text` if it is one, of this format, written for `key`; else None."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.pop("format", None) != FORMAT or data.pop("key", None) != key:
                return None
            outline = cls(**data)
        except (ValueError, TypeError):
            return None
        if not all(isinstance(getattr(outline, name), str) for name in ("id", "title", "version", "actions_json")):
            return None
        return outline


def outline_of(plan: Plan) -> PlanOutline:
    from storage.plan_index import plan_index

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
        actions_json=json.dumps(lines, ensure_ascii=False),
    )
