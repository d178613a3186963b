"""Officer mode and officers' update files: what `steerco update`, `export-updates` and `template` use.

An officer records proposed statuses and risk ratings in their own store (officer mode
writes them with source 'app'), exports them as an update file and sends it to the chair,
who imports it (`Service.import_update_files`). No Textual here.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from storage.plan.ids import fold_id
from storage.plan.model import Person, Plan
from storage.plan.status import is_arising_late
from storage.service.status_files import agreed_positions, agreed_words, short_date
from storage.service.store_client import StoreClient
from storage.store.agreed import AgreedPosition
from storage.store.records import Rating, Update
from storage.store.store import Store
from storage.updates.importer import FileReport
from storage.updates.ownership import OwnedItem, find_person, owned_items
from storage.updates.writer import dump_update_file, officer_entries, template_text

__all__ = ["SOURCE", "AgreedPosition", "ArisingLine", "FileReport", "OfficerService", "OwnedItem", "find_person",
           "owned_items", "person_on", "template_text"]

SOURCE = "app"


def person_on(plans: list[Plan], name: str) -> Person | None:
    """The first roster entry among the plans whose id or name is `name` (any case)."""
    return next((person for plan in plans if (person := find_person(plan, name)) is not None), None)


class ArisingLine(NamedTuple):
    """An action arising the chair gave an officer, as the status file taken in last agreed it."""

    plan_id: str
    ref: str  # 'M1/2'
    text: str
    due: str  # '1 Dec 2026', or 'none set'
    status: str  # as the meeting left it: 'open', 'carried forward', 'done', ...
    late: bool  # `is_arising_late` on the store's day
    agreed: str  # `agreed_words`: 'Agreed at the meeting of 12 Nov 2026: open — note'


class OfficerService(StoreClient):
    """One officer's own store, behind the few methods officer mode and the export need."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self._versions: dict[str, int] = {}

    @classmethod
    def open(cls, db_path: Path, *, write: bool = True) -> OfficerService:
        """The store at `db_path` (created if new; `write=False`: an existing one, read only);
        StoreError if it is not a steerco store or cannot be used."""
        return cls(Store.open(db_path, write=write))

    def current_statuses(self, plan_id: str) -> dict[str, Update]:
        """The latest update of every action of the plan that has one, in this store."""
        return self._store.current_statuses(plan_id)

    def current_ratings(self, plan_id: str) -> dict[str, Rating]:
        """The latest rating of every risk of the plan that has one, in this store."""
        return self._store.current_risk_ratings(plan_id)

    def today(self) -> date:
        """The store clock's local day (as `Service.today`): what deadlines and OVERDUE are judged on."""
        return self._store.clock().astimezone().date()

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

    # -- the way back: what the chair's meetings agreed ---------------------------------

    def import_status_files(self, paths: list[Path], plans: dict[str, Plan], *,
                            dry_run: bool = False) -> list[FileReport]:
        """Take the chair's status files (`steerco export-status`) into this store, each whole or
        not at all; one report per file, in order. Taking a file in twice adds nothing."""
        from storage.updates.status_file import import_status_bytes

        reports = []
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as exc:
                from storage.plan.yaml_source import Problem

                reports.append(FileReport(str(path), fatal=Problem(str(path), 1, 1, "error",
                                                                   f"cannot read file: {exc.strerror or exc}")))
                continue
            reports.append(import_status_bytes(data, str(path), plans, self._store, dry_run=dry_run))
        return reports

    def agreed(self, plan_id: str) -> dict[tuple[str, str], AgreedPosition]:
        """Each item's agreed position as this store knows it, by (kind, item id)."""
        return agreed_positions(self._store, plan_id)

    def agreed_line(self, owned: OwnedItem) -> str | None:
        """'Agreed at the meeting of 12 Jan 2027: ▲ A Amber — note' for an item, if a position is known:
        an action's status with its symbol and code, as officer mode's list shows it."""
        found = self.agreed(owned.plan.id).get((owned.kind, owned.item.id))
        return None if found is None else agreed_words(owned.plan, found, marked=True)

    def agreed_lines(self, items: list[OwnedItem]) -> dict[tuple[str, str, str], str]:
        """`agreed_line` of each item that has one, by (plan id, kind, item id)."""
        out: dict[tuple[str, str, str], str] = {}
        for plan in {id(i.plan): i.plan for i in items}.values():
            for (kind, item_id), position in self.agreed(plan.id).items():
                out[plan.id, kind, item_id] = agreed_words(plan, position, marked=True)
        return out

    def arising_for(self, plan: Plan, person: Person) -> list[AgreedPosition]:
        """The actions arising a status file gave this person (owner by name or id), as last agreed."""
        names = {fold_id(person.id), fold_id(person.name)}  # the one rule for ids and names
        return [p for (kind, _), p in self.agreed(plan.id).items()
                if kind == "arising" and fold_id(p.owner or "") in names]

    def arising_lines(self, items: list[OwnedItem]) -> list[ArisingLine]:
        """`arising_for` the person of these items, on each of their plans, in the order of their refs
        (M1/2 before M1/10)."""
        today = self.today()
        lines: list[ArisingLine] = []
        for owned in {id(i.plan): i for i in items}.values():
            for p in self.arising_for(owned.plan, owned.person):
                status = p.rag or ""
                lines.append(ArisingLine(p.plan_id, p.item_id, p.text or "", short_date(p.due) if p.due else "none set",
                                         status, is_arising_late(p.due, status, today), agreed_words(owned.plan, p)))
        return sorted(lines, key=lambda line: (line.plan_id, [int(n) for n in re.findall(r"\d+", line.ref)], line.ref))

    def template(self, plan: Plan, name: str, now: datetime) -> str | None:
        """`template_text` with, under each item, the position agreed at the last meeting (if known here),
        and each deadline judged late on the action's status as this store knows it (`action_statuses`)."""
        agreed = self.agreed(plan.id)
        return template_text(plan, name, now, notes={key: agreed_words(plan, p) for key, p in agreed.items()},
                             statuses=self.action_statuses(plan.id, agreed))

    def action_statuses(self, plan_id: str,
                        agreed: dict[tuple[str, str], AgreedPosition] | None = None) -> dict[str, str]:
        """Each action's status as this store knows it, what the late rule (`is_late`) is given: the
        later of its latest update here and the position agreed at the last meeting, so an
        officer's store holding only a status file taken in (`import-status`) judges by what the
        meeting agreed, and a proposal made since then by the proposal."""
        positions = self.agreed(plan_id) if agreed is None else agreed
        found = {item_id: (p.agreed_at, p.rag) for (kind, item_id), p in positions.items()
                 if kind == "action" and p.rag}
        for action_id, update in self.current_statuses(plan_id).items():
            if action_id not in found or found[action_id][0] <= update.recorded_at:
                found[action_id] = (update.recorded_at, update.rag)
        return {action_id: rag for action_id, (_, rag) in found.items()}

    def risk_scores(self, plan_id: str,
                    agreed: dict[tuple[str, str], AgreedPosition] | None = None) -> dict[str, tuple[int, int]]:
        """Each risk's (impact, likelihood) as this store knows it, by the rule of `action_statuses`:
        the later of its latest rating here and the rating agreed at the last meeting."""
        positions = self.agreed(plan_id) if agreed is None else agreed
        found: dict[str, tuple[datetime, int, int]] = {
            item_id: (p.agreed_at, p.impact, p.likelihood) for (kind, item_id), p in positions.items()
            if kind == "risk" and p.impact is not None and p.likelihood is not None}
        for risk_id, rating in self.current_ratings(plan_id).items():
            if risk_id not in found or found[risk_id][0] <= rating.recorded_at:
                found[risk_id] = (rating.recorded_at, rating.impact, rating.likelihood)
        return {risk_id: (impact, likelihood) for risk_id, (_, impact, likelihood) in found.items()}
