"""The home screen's lines: each plan with its counts by status and what needs attention.

Read from plan outlines (storage/cache/outline.py) and the store's `action_state` table, so
the first screen paints before pydantic and the plan model are even imported
(docs/performance.md, figure 1). A plan file whose outline is not cached yet (new or just
edited) is loaded the full way once, which reports its problems and caches the outline.
Late and stale are the rules of storage/plan/status.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, overload

from storage.cache.outline import PlanOutline
from storage.cache.outlines import cached_outline, outline_for, plan_files
from storage.plan.status import UNRATED_CODE, is_late, is_stale
from storage.store.status_report import latest_statuses

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.store.store import Store


@dataclass(frozen=True)
class PlanSummary:
    """One plan file on the home screen: counts by status and what needs attention."""

    plan_id: str
    title: str
    path: Path
    outline: PlanOutline | None  # None: the file has errors
    problems: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    unowned: int = 0
    stale: int = 0
    last_meeting: date | None = None
    open_meeting: int | None = None
    abandoned_meeting: date | None = None  # the date of the plan's newest meeting when it was abandoned
    counted: bool = True  # False: listed from the plan file only, the store not read yet

    @property
    def scale(self) -> list[str]:
        """The plan's status codes by rank (R, A, G, B for the default scale)."""
        return [] if self.outline is None else [s[0] for s in sorted(self.outline.scale, key=lambda s: s[3])]


@overload
def list_plans(plans_dir: Path, loaded: dict[str, Plan] | None = None) -> list[PlanSummary]: ...
@overload
def list_plans(plans_dir: Path, loaded: None = None, *, cached_only: bool) -> list[PlanSummary] | None: ...


def list_plans(plans_dir: Path, loaded: dict[str, Plan] | None = None, *,
               cached_only: bool = False) -> list[PlanSummary] | None:
    """A line for every plan file of the folder, without counts (no store access).

    Plans that had to be loaded the full way are added to `loaded`, by id, so the caller
    need not load them again. `cached_only`: None as soon as a file has no cached outline.
    """
    lines = []
    for path in plan_files(plans_dir):
        outline = cached_outline(path)
        if outline is None:
            if cached_only:
                return None
            from storage.plan.load import load_plan_cached  # the full way: pydantic and the model

            full = load_plan_cached(path)
            if full.plan is None or full.errors:
                lines.append(PlanSummary(path.stem, f"{path.name} has errors", path, None, problems=len(full.errors)))
                continue
            outline = outline_for(full)
            if loaded is not None:
                loaded[full.plan.id] = full.plan
        lines.append(PlanSummary(outline.id, outline.title, path, outline, counted=False))
    return lines


def count(store: Store, line: PlanSummary, today: date) -> PlanSummary:
    """The line with its counts from the store: statuses, late, unowned, stale, meetings."""
    outline = line.outline
    if outline is None:
        return line
    states = latest_statuses(store, outline.id)
    done, cycle = outline.done, outline.meeting_cycle_days
    counts: dict[str, int] = {}
    overdue = unowned = stale = 0
    for action_id, _, owner, _, _, due, early, _ in outline.action_rows():
        rag, recorded = states.get(action_id, (UNRATED_CODE, None))
        counts[rag] = counts.get(rag, 0) + 1
        first = early or due  # the date late is judged by (`Action.late_due`)
        overdue += is_late(date.fromisoformat(first) if first else None, rag, today, done)
        unowned += owner is None
        stale += is_stale(recorded, today, cycle)
    last = store.last_meeting(outline.id)
    current = store.open_meeting(outline.id)
    abandoned = store.latest_abandoned(outline.id)
    return replace(line, counts=counts, overdue=overdue, unowned=unowned, stale=stale,
                   last_meeting=last.held_on if last else None, open_meeting=current.id if current else None,
                   abandoned_meeting=abandoned.held_on if abandoned else None, counted=True)
