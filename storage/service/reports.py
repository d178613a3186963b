"""What the record says, for the app and the command line: minutes, the action log, the status report.

A mixin of `Service` (it uses the service's store and plans). Each renderer is imported
when first used: the app's start needs none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.store.records import Meeting

if TYPE_CHECKING:
    from storage.cache.outline import PlanOutline
    from storage.minutes.action_log import LoggedAction
    from storage.plan.load import LoadedPlan
    from storage.plan.model import Plan
    from storage.store.store import Store


def plan_outline(plans_dir: Path, ref: str, load: Callable[[], LoadedPlan]) -> PlanOutline:
    """The outline of plan `ref` (storage/cache/outline.py), what `steerco status` reports on:
    from the plan cache when it holds one for the file as it is (no plan model imported), else
    from `load()`, a LoadedPlan with no errors (whose outline is then cached)."""
    from storage.cache.outlines import find_outline, outline_for

    return find_outline(plans_dir, ref) or outline_for(load())


def local_time(moment: datetime | None) -> str | None:
    """'YYYY-MM-DD HH:MM' in local time, as `steerco status` and `history` show times."""
    from storage.store.status_report import local

    return local(moment)


class ReportsMixin:
    _store: Store
    _plans: dict[str, Plan]
    load_plans: Callable[[], list[LoadedPlan]]

    # -- minutes ----------------------------------------------------------------------

    def minutes(self, meeting_id: int, *, tz: tzinfo | None = None) -> str:
        """The meeting's minutes (times shown in `tz`, by default the meeting's zone: the plan's
        `meeting.time_zone`); StoreError when they cannot be rendered.

        A meeting recorded with no plan version (by a script, say) renders from the plan
        as it stood then, so the plan as loaded now is remembered first as a fallback (the
        plans folder is read for it only when the meeting has no version of its own).
        """
        from storage.minutes.render import render_minutes

        self._minutes_ready(meeting_id)
        return render_minutes(self._store, meeting_id, tz=tz)

    def _minutes_ready(self, meeting_id: int) -> None:
        meeting = self._store.meeting(meeting_id)
        plan_id = meeting.plan_id
        if plan_id not in self._plans and meeting.plan_version_id is None:
            self.load_plans()
        if plan_id in self._plans:
            self._store.remember_plan(self._plans[plan_id])

    def minutes_path(self, meeting_id: int, folder: Path, fmt: str = "md") -> Path:
        """The file the minutes are written to in `folder`, with the format's extension."""
        meeting = self._store.meeting(meeting_id)
        return folder / f"minutes-{meeting.plan_id}-{meeting.held_on.isoformat()}-{meeting_id}.{fmt}"

    def plans_with_meetings(self) -> list[str]:
        """The plan ids the store holds meetings of, sorted."""
        return self._store.plans_with_meetings()

    def find_meeting(self, meeting_id: int) -> Meeting | None:
        """The meeting with this number, or None when the store has none."""
        from storage.store.opening import StoreError

        try:
            return self._store.meeting(meeting_id)
        except StoreError:
            return None

    # -- the action log ---------------------------------------------------------------

    def plans_with_actions_arising(self) -> list[str]:
        """The plan ids the store holds actions arising of, sorted."""
        return self._store.plans_with_actions_arising()

    def action_log(self, plan_id: str | None = None, *, as_of: date, open_only: bool = False) -> list[LoggedAction]:
        """Every action arising of one plan (or of all, when None), overdue as of `as_of`."""
        from storage.minutes import action_log

        return action_log.gather(self._store, plan_id, as_of=as_of, open_only=open_only)

    def action_log_markdown(self, entries: list[LoggedAction], *, as_of: date, open_only: bool = False,
                            tz: tzinfo | None = None) -> str:
        """The log as Markdown; times in `tz`, by default each plan's `meeting.time_zone`."""
        from storage.minutes import action_log

        return action_log.render(self._store, entries, as_of=as_of, open_only=open_only, tz=tz)

    @staticmethod
    def action_log_json(entries: list[LoggedAction], as_of: date) -> dict[str, Any]:
        from storage.minutes import action_log

        return action_log.to_json(entries, as_of)

    # -- the status report ------------------------------------------------------------

    def status_parts(self, outline: PlanOutline) -> list[bytes]:
        """`steerco status --json`: the plan's actions and risks with their current state, as
        UTF-8 JSON in parts (storage/store/status_report.py)."""
        from storage.store.status_report import status_parts

        return status_parts(outline, self._store)
