"""Who owns what in a plan, and reading a status as the plan's scale has it.

A person owns an action or risk whose owner (any of an action's owners) is their person id,
their organisation, or a group they are a member of. Import checks an entry's author against this; officer mode,
`steerco update` and templates list a person's items by it. Headless: never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.plan.ids import fold_id
from storage.plan.index import plan_index
from storage.plan.model import Action, Person, Plan, Risk
from storage.updates.file_format import Kind


def find_person(plan: Plan, name: str) -> Person | None:
    """The person on the plan's roster whose id or name is `name` (`fold_id`: any case)."""
    return plan_index(plan).people.get(fold_id(name))


def owns(plan: Plan, person: Person, owner_id: str | None) -> bool:
    """A person owns an item whose owner is their person id, their organisation, or a group
    they are a member of."""
    if owner_id is None:
        return False
    if owner_id == person.id or (person.organisation is not None and owner_id == person.organisation):
        return True
    return person.id in plan_index(plan).group_members.get(owner_id, ())


def owns_item(plan: Plan, person: Person, item: Action | Risk) -> bool:
    """A person owns an action if they are, or belong to, any of its owners; a risk, its owner."""
    if isinstance(item, Action):
        return any(owns(plan, person, owner) for owner in item.owner_ids)
    return owns(plan, person, item.owner)


@dataclass(frozen=True)
class OwnedItem:
    plan: Plan
    person: Person
    kind: Kind
    item: Action | Risk


def owned_items(plans: list[Plan], name: str) -> list[OwnedItem]:
    """Every action, then every risk, that `name` owns across the plans, in plan order."""
    out: list[OwnedItem] = []
    for plan in plans:
        person = find_person(plan, name)
        if person is None:
            continue
        out += [OwnedItem(plan, person, "action", a) for _, a in plan.actions() if owns_item(plan, person, a)]
        out += [OwnedItem(plan, person, "risk", r) for r in plan.risks if owns_item(plan, person, r)]
    return out


def rag_code(plan: Plan, written: str) -> str | None:
    """The scale code for a status as written (`Plan.status_code`: as `steerco record` reads it)."""
    return plan.status_code(written)
