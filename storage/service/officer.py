"""Officer mode and officers' update files: what `steerco update`, `export-updates` and `template` use.

An officer records proposed statuses and risk ratings in their own store (officer mode
writes them with source 'app'), exports them as an update file and sends it to the chair,
who imports it (`Service.import_update_files`). No Textual here.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from storage.plan.model import Person, Plan
from storage.service.store_client import StoreClient
from storage.store.records import Rating, Update
from storage.store.store import Store
from storage.updates.ownership import OwnedItem, find_person, owned_items
from storage.updates.writer import dump_update_file, officer_entries, template_text

__all__ = ["SOURCE", "OfficerService", "OwnedItem", "find_person", "owned_items", "person_on", "template_text"]

SOURCE = "app"


def person_on(plans: list[Plan], name: str) -> Person | None:
    """The first roster entry among the plans whose id or name is `name` (any case)."""
    return next((person for plan in plans if (person := find_person(plan, name)) is not None), None)


class OfficerService(StoreClient):
    """One officer's own store, behind the few methods officer mode and the export need."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self._versions: dict[str, int] = {}

    @classmethod
    def open(cls, db_path: Path) -> OfficerService:
        """The store at `db_path` (created if new); StoreError if it is not a steerco store."""
        return cls(Store.open(db_path))

    def current_statuses(self, plan_id: str) -> dict[str, Update]:
        """The latest update of every action of the plan that has one, in this store."""
        return self._store.current_statuses(plan_id)

    def current_ratings(self, plan_id: str) -> dict[str, Rating]:
        """The latest rating of every risk of the plan that has one, in this store."""
        return self._store.current_risk_ratings(plan_id)

    def _version(self, plan: Plan) -> int:
        if plan.id not in self._versions:
            self._versions[plan.id] = self._store.remember_plan(plan)
        return self._versions[plan.id]

    def save_status(self, owned: OwnedItem, rag: str, note: str) -> Update:
        """The officer's proposed status and note for an action they own, as stored.

        `rag` is a code of the plan's scale: anything else raises StatusNotOnScale and
        nothing is written."""
        plan = owned.plan
        code = plan.require_status(rag)
        self._store.record_update(plan.id, owned.item.id, code, note, owned.person.name, SOURCE,
                                  plan_version_id=self._version(plan))
        return self._store.history(plan.id, owned.item.id)[0]

    def save_rating(self, owned: OwnedItem, impact: int, likelihood: int, note: str) -> Rating:
        """The officer's proposed rating (each 1 to 5) and note for a risk they own, as stored."""
        plan = owned.plan
        self._store.rate_risk(plan.id, owned.item.id, impact, likelihood, note, owned.person.name, SOURCE,
                              plan_version_id=self._version(plan))
        return self._store.risk_history(plan.id, owned.item.id)[0]

    def export(self, plans: list[Plan], name: str, since: date | None, written_at: datetime) -> tuple[str, int]:
        """The update file of what `name` recorded in this store (on or after `since`) across
        the plans, and how many entries it holds. `name` must be on one of the rosters."""
        person = person_on(plans, name)
        if person is None:
            raise LookupError(f"no one called {name!r} is on the roster of these plans")
        blocks = officer_entries(self._store, plans, name, since)
        return dump_update_file(person.name, blocks, written_at), len(blocks)
