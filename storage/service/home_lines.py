"""The home screen's lines: each plan with its counts by status and what needs attention.

Read from plan outlines (storage/cache/outline.py) and the store's `action_state` table, so
the first screen paints before pydantic and the plan model are even imported
(docs/performance.md, figure 1). A plan file whose outline is not cached yet (new or just
edited) is loaded the full way once, which reports its problems and caches the outline.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from storage.cache.outlines import cached_outline, outline_for, plan_files
from storage.cache.outline import PlanOutline, attached
from storage.plan.status import UNRATED_CODE, stale_before

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.store.store import Store


SCHEMA = "home_outline"  # the outline's actions, attached for the count only (named in the SQL)

#: By status: how many, how many late (`status_codes.is_late`), unowned, and stale
#: (`status_codes.is_stale`: recorded before the first instant that is not).
COUNT_SQL = """
SELECT coalesce(s.rag, :unrated), count(*),
       total(a.due < :today AND coalesce(s.rag, :unrated) <> :complete),
       total(a.owner IS NULL),
       total(julianday(s.recorded_at) < julianday(:stale_before))
FROM home_outline.actions a LEFT JOIN action_state s ON s.plan_id = :plan AND s.action_id = a.id
GROUP BY 1
"""


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
    counted: bool = True  # False: listed from the plan file only, the store not read yet

    @property
    def scale(self) -> list[str]:
        """The plan's status codes by rank (R, A, G, B for the default scale)."""
        return [] if self.outline is None else [s[0] for s in sorted(self.outline.scale, key=lambda s: s[3])]


def cached_lines(plans_dir: Path) -> list[PlanSummary] | None:
    """Every plan file's line from its cached outline alone (a few ms: no parsing, no store),
    or None when a file has none (new, edited since, or broken) and `list_plans` must decide."""
    lines = []
    for path in plan_files(plans_dir):
        outline = cached_outline(path)
        if outline is None:
            return None
        lines.append(PlanSummary(outline.id, outline.title, path, outline, counted=False))
    return lines


def list_plans(plans_dir: Path, loaded: dict[str, Plan] | None = None) -> list[PlanSummary]:
    """A line for every plan file of the folder, without counts (no store access).

    Plans that had to be loaded the full way are added to `loaded`, by id, so the caller
    need not load them again.
    """
    lines = []
    for path in plan_files(plans_dir):
        outline = cached_outline(path)
        if outline is None:
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
    params = {"plan": outline.id, "today": today.isoformat(), "complete": outline.done, "unrated": UNRATED_CODE,
              "stale_before": stale_before(today, outline.meeting_cycle_days).isoformat()}
    with attached(store.conn, outline, SCHEMA):
        rows = store.conn.execute(COUNT_SQL, params).fetchall()
    counts = {rag: n for rag, n, *_ in rows}
    overdue, unowned, stale = (int(sum(row[k] for row in rows)) for k in (2, 3, 4))
    last = store.last_meeting(outline.id)
    current = store.open_meeting(outline.id)
    return replace(line, counts=counts, overdue=overdue, unowned=unowned, stale=stale,
                   last_meeting=last.held_on if last else None, open_meeting=current.id if current else None,
                   counted=True)
