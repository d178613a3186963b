"""Records made outside a meeting, for the chair's command line: `record`, `rate-risk`,
`indicator`, and officers' update files taken in with `import-updates`.

A mixin of `Service`. Each write is one committed store transaction; an update or rating
is linked to the plan version it was made on (remembered first, as a meeting does).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storage.store.records import Update

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.store.store import Store
    from storage.updates.importer import FileReport

COMMAND_LINE = "command-line"


class UpdatesMixin:
    _store: Store

    def record_update(self, plan: Plan, action_id: str, rag: str, note: str, author: str, *,
                      source: str = COMMAND_LINE) -> Update:
        """A progress update on one action: `rag` a code of the plan's scale (or its name or a
        usual word, any case); StatusNotOnScale, and nothing written, for anything else."""
        code = plan.require_status(rag)
        version_id = self._store.remember_plan(plan)
        update_id = self._store.record_update(plan.id, action_id, code, note, author, source,
                                              plan_version_id=version_id)
        with self._store.reading_back(f"the update was recorded (update {update_id})"):
            return self._store.history(plan.id, action_id)[0]

    def record_rating(self, plan: Plan, risk_id: str, impact: int, likelihood: int, note: str, author: str, *,
                      residual: int | None = None, source: str = COMMAND_LINE) -> int:
        """A re-rating of one risk (impact × likelihood, each 1 to 5); returns its id."""
        version_id = self._store.remember_plan(plan)
        return self._store.rate_risk(plan.id, risk_id, impact, likelihood, note, author, source,
                                     residual=residual, plan_version_id=version_id)

    def record_value(self, plan: Plan, indicator_id: str, period: str, value: float, note: str, author: str, *,
                     source: str = COMMAND_LINE) -> int:
        """A value of one indicator for a period; returns its id."""
        return self._store.record_indicator(plan.id, indicator_id, period, value, note, author, source)

    def import_update_files(self, paths: list[Path], plans: dict[str, Plan], *, dry_run: bool = False,
                            accept_non_owner: bool = False) -> list[FileReport]:
        """Check officers' update files against `plans` and, unless a dry run, add each file
        taken as proposals (storage/updates/importer.py); one report per file, in order."""
        from storage.updates.importer import import_update_file

        if not dry_run:
            for plan in plans.values():
                self._store.remember_plan(plan)
        return [import_update_file(path, plans, self._store, dry_run=dry_run, accept_non_owner=accept_non_owner)
                for path in paths]
