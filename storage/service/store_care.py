"""Looking after the store file itself: `steerco backup` and `steerco check` (storage/store/health.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from storage.plan.status import is_off_scale
from storage.store.files import check_target
from storage.store.health import Copied, Health, backup_to, check
from storage.store.opening import backup_name
from storage.store.schema_version import SCHEMA_VERSION
from storage.store.store import Store

if TYPE_CHECKING:
    from storage.plan.model import Plan

__all__ = ["Copied", "Health", "OffScale", "backup_store", "check_store", "statuses_off_scale"]


class OffScale(NamedTuple):
    """An action whose current status in the store, or an officer's pending proposal for it
    (`proposal`, its id), is a code its plan's scale does not have (the scale edited since: a
    code renamed or dropped)."""

    plan_id: str
    action_id: str
    code: str
    scale: tuple[str, ...]  # the plan's codes now
    proposal: int | None = None

    def problem(self) -> str:
        scale = f"which plan {self.plan_id}'s scale ({', '.join(self.scale)}) does not have"
        if self.proposal is not None:
            return (f"status not on the scale: plan {self.plan_id} action {self.action_id} has pending proposal "
                    f"{self.proposal} of {self.code!r}, {scale}; it cannot be accepted: set a status on the scale "
                    f"at the meeting")
        return (f"status not on the scale: plan {self.plan_id} action {self.action_id} is {self.code!r}, "
                f"{scale}; record it again")


def backup_store(db_path: Path, target: Path | None = None, *, now: datetime | None = None) -> Copied:
    """A checked, consistent copy of the store at `db_path`, safe while the app or an import
    writes to it: at `target`, else beside the store as `<name>.backup-YYYYMMDD-HHMMSS.db`."""
    if target is not None:
        check_target(target)  # worded as every -o (FileWriteError)
    return backup_to(db_path, target or backup_name(db_path, (now or datetime.now(UTC)).astimezone()))


def check_store(db_path: Path, plans: Iterable[Plan] = ()) -> tuple[Health, list[OffScale]]:
    """What is wrong with the store at `db_path`, if anything, and (for a store of this
    steerco's schema) the current statuses not on their plan's scale, each also one of its
    problems; nothing in it is changed."""
    health = check(db_path)
    off = statuses_off_scale(db_path, plans) if health.version == SCHEMA_VERSION else []
    health.problems.extend(o.problem() for o in off)
    return health, off


def statuses_off_scale(db_path: Path, plans: Iterable[Plan]) -> list[OffScale]:
    """Each action of these plans whose current status in the store is not on its plan's scale,
    in plan order, then each pending proposal of a status not on it, by id
    (`storage.plan.status.is_off_scale`)."""
    found: list[OffScale] = []
    with Store.open(db_path, write=False, as_is=True) as store:
        for plan in plans:
            codes = store.current_codes(plan.id)
            scale = tuple(s.code for s in plan.rag_scale)
            found += [OffScale(plan.id, action.id, codes[action.id], scale) for _, action in plan.actions()
                      if is_off_scale(codes.get(action.id), scale)]
            found += [OffScale(plan.id, p.item_id, p.rag, scale, p.id)
                      for p in store.proposals(plan.id, pending_only=True)
                      if p.kind == "action" and p.rag is not None and is_off_scale(p.rag, scale)]
    return found
