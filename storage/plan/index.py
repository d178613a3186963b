"""Lookups into one plan, built once per plan object: actions and risks by id, owners' names,
people by folded id or name, group members, the RAG scale by code.

`Plan.action()`, `owner_name()` and the like walk lists, which is right for one call and
wrong for 10,000 (an import of 100 files rebuilt the action list per file and scanned 300
people per entry). `plan_index(plan)` answers the same questions from dicts, with the same
result on duplicates (the first wins, as the list walks find it). Plans are frozen, so the
index is kept for as long as the plan object lives, by identity. Headless.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from storage.plan.ids import fold_id

if TYPE_CHECKING:
    from storage.plan.model import Action, Milestone, Person, Plan, RagStatus, Risk, Theme


@dataclass
class PlanIndex:
    actions: dict[str, Action] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)  # action id -> its theme
    risks: dict[str, Risk] = field(default_factory=dict)
    owner_names: dict[str, str] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # `fold_id` of id and of name -> person
    group_members: dict[str, frozenset[str]] = field(default_factory=dict)  # group id -> person ids
    rag: dict[str, RagStatus] = field(default_factory=dict)

    @classmethod
    def build(cls, plan: Plan) -> PlanIndex:
        index = cls()
        for theme in plan.themes:
            for action in theme.actions:
                index.actions.setdefault(action.id, action)
                index.themes.setdefault(action.id, theme)
        for risk in plan.risks:
            index.risks.setdefault(risk.id, risk)
        for collection in (plan.people, plan.organisations, plan.groups):
            for item in collection:
                index.owner_names.setdefault(item.id, item.name)
        for person in plan.people:
            index.people.setdefault(fold_id(person.id), person)
            index.people.setdefault(fold_id(person.name), person)
        for group in plan.groups:
            index.group_members.setdefault(group.id, frozenset(m.person for m in group.members if m.person))
        for status in plan.rag_scale:
            index.rag.setdefault(status.code, status)
        return index

    def owner_name(self, owner_id: str | None) -> str:
        """As `Plan.owner_name`."""
        if owner_id is None:
            return "To be identified"
        return self.owner_names.get(owner_id, owner_id)

    def owners(self, action: Action) -> list[tuple[str, str, bool]]:
        """(id, name, lead) of each of the action's roster owners, the lead first."""
        ids = action.owner_ids
        lead = ids[0] if ids and (action.lead_owner == ids[0] or len(ids) == 1) else None
        return [(i, self.owner_names.get(i, i), i == lead) for i in ids]

    def owner_label(self, action: Action) -> str:
        """The one way every view names who owns an action: its owners' names, the lead first and
        marked "(lead)" when there are several; with no roster owner, `lead` as the plan writes it
        ("To be identified" unless it says otherwise)."""
        owners = self.owners(action)
        if not owners:
            return action.lead
        if len(owners) == 1:
            return owners[0][1]
        return ", ".join(f"{name} (lead)" if lead else name for _, name, lead in owners)

    def risk_owner_label(self, risk: Risk) -> str:
        """The one way every view names who owns a risk, by the rule of `owner_label`: its roster
        owner's name; with none, `lead` as the plan writes it; with neither, "To be identified"."""
        if risk.owner is not None:
            return self.owner_names.get(risk.owner, risk.owner)
        return risk.lead or self.owner_name(None)

    def milestone_line(self, milestone: Milestone, today: date, late: bool = False) -> str:
        """A milestone as every view lists it: 'Protocol agreed — June 2024 (2024-06-30) · Police
        · OVERDUE' (`late`: `storage.plan.status.is_late` on its due date), or '… · done'; its
        deadline worded as an action's (`deadline_text` as of `today`: 'quarterly (next due …)')."""
        from storage.plan.deadline_text import NONE, deadline_text  # not before home's first paint (row 1)

        when = deadline_text(milestone.deadline, milestone.due, today)
        parts = [f"{milestone.text} — {'no date' if when.kind == NONE else when.full}"]
        if milestone.owner:
            parts.append(self.owner_names.get(milestone.owner, milestone.owner))
        if milestone.done:
            parts.append("done")
        elif late:
            parts.append("OVERDUE")
        return " · ".join(parts)

    def rag_status(self, code: str) -> RagStatus | None:
        """As `Plan.rag`."""
        return self.rag.get(code.upper())


# id(plan) -> (a weak reference to it, its index). No lock: each step is one dict operation,
# and a race at worst builds an index twice.
_indexes: dict[int, tuple[weakref.ref[Plan], PlanIndex]] = {}


def plan_index(plan: Plan) -> PlanIndex:
    """The index of this plan object, built on first use and dropped with the plan."""
    key = id(plan)
    found = _indexes.get(key)
    if found is not None and found[0]() is plan:
        return found[1]
    index = PlanIndex.build(plan)
    _indexes[key] = (weakref.ref(plan, functools.partial(_forget, key)), index)
    return index


def _forget(key: int, ref: weakref.ref[Plan]) -> None:
    found = _indexes.get(key)
    if found is not None and found[0] is ref:  # not a newer plan that reuses the id
        _indexes.pop(key, None)


class UnknownPerson(LookupError):
    """A name that names no one, or more than one person, on the rosters; the message lists the
    closest roster entries."""


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold_id(text))


def _names_part(wanted: list[str], text: str) -> bool:
    """`wanted` (words) stand together, as whole words, in `text`: 'Adrian Roberts' in 'Ch. Insp Adrian Roberts'."""
    words, n = _words(text), len(wanted)
    return any(words[i:i + n] == wanted for i in range(len(words) - n + 1))


def _entry(person: Person) -> str:
    return f"{person.name} ({person.id})"


def _body_named(plans: list[Plan], folded: str) -> str | None:
    """When `folded` is the id or name of an organisation or a group on the rosters rather than a
    person's: why it is refused, with the people on the roster who belong to it (`owns`' rule: a
    person's organisation, a group's members) as the closest entries to give instead."""
    for plan in plans:
        members = plan_index(plan).group_members
        bodies = [("an organisation", o.id, o.name, [p for p in plan.people if p.organisation == o.id])
                  for o in plan.organisations]
        bodies += [("a group", g.id, g.name, [p for p in plan.people if p.id in members.get(g.id, ())])
                   for g in plan.groups]
        for kind, body_id, body_name, in_it in bodies:
            if folded not in (fold_id(body_id), fold_id(body_name)):
                continue
            listed = "; ".join(_entry(p) for p in in_it[:8]) + (f"; … ({len(in_it)} in all)" if len(in_it) > 8 else "")
            closest = f"; closest: its people on the roster: {listed}" if in_it else "; it has no one on the roster"
            return f"{body_name} ({body_id}) is {kind} on the roster of {plan.id}, not a person: name a person{closest}"
    return None


def resolve_person(plans: Iterable[Plan], name: str) -> Person:
    """The one rule for naming a person on the command line (`--as`, `--by`, an owner): a roster
    id or name (`fold_id`: any case), else an unambiguous part of a name or id, whole words in
    order ("Adrian Roberts", "roberts" for "Ch. Insp Adrian Roberts"). UnknownPerson, naming
    the closest roster entries, for an empty, unknown or ambiguous name; one person on several
    plans (the same id) is one person."""
    import difflib

    plans = list(plans)
    folded = fold_id(name)
    if not folded:
        raise UnknownPerson("name a person: an empty name is not allowed (a roster id or name)")
    for plan in plans:
        found = plan_index(plan).people.get(folded)
        if found is not None:
            return found
    people: dict[str, Person] = {}
    for plan in plans:
        for person in plan.people:
            people.setdefault(fold_id(person.id), person)
    wanted = _words(name)
    matches = [p for p in people.values() if wanted and (_names_part(wanted, p.name) or _names_part(wanted, p.id))]
    if len(matches) == 1:
        return matches[0]
    where = ", ".join(p.id for p in plans) or "no plans"
    if matches:
        listed = "; ".join(_entry(p) for p in matches[:8])
        listed += f"; … ({len(matches)} in all)" if len(matches) > 8 else ""
        raise UnknownPerson(f"{name.strip()!r} could be any of: {listed}; write more of the name, or the id")
    if not people:
        raise UnknownPerson(f"no one called {name.strip()!r}: the plans ({where}) have no roster (`people`)")
    if (body := _body_named(plans, folded)) is not None:
        raise UnknownPerson(body)
    by_text = {fold_id(t): p for p in people.values() for t in (p.name, p.id)}
    close = difflib.get_close_matches(folded, list(by_text), n=8, cutoff=0.5)
    closest = list(dict.fromkeys(_entry(by_text[t]) for t in close))[:4]
    hint = f"; closest: {'; '.join(closest)}" if closest else ""
    raise UnknownPerson(f"no one called {name.strip()!r} is on the roster of {where}{hint}")
