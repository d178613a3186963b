"""Writing update files: an officer's own updates for export, and a blank template to fill in.

Written with PyYAML through a dumper that quotes ids, versions and names (`Quoted`), so
that `7.10` stays text when the chair's steerco reads it back, and writes multi-line notes
as literal blocks. Each entry sits under a comment naming its item, for the person who
opens the file by hand. Headless: never imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import yaml

from storage.plan.model import Action, Plan, Risk
from storage.store.records import Rating, Update
from storage.updates.file_format import FORMAT, FORMAT_VERSION, entry_uid
from storage.updates.inert import escape_unsafe
from storage.updates.ownership import OwnedItem, find_person, owned_items

OFFICER_SOURCES = ("app", "command-line")
"""Updates an officer exports: those they typed into steerco themselves, not meeting records."""


class Quoted(str):
    """Written in double quotes: ids, versions, names (so `7.10` stays text)."""


class _Dumper(yaml.SafeDumper):
    pass


_BREAKS = frozenset("\r\x85\u2028\u2029")  # line breaks to YAML that a literal or plain scalar would fold


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = '"' if _BREAKS.intersection(data) else "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=style)


_Dumper.add_representer(Quoted, lambda d, data: d.represent_scalar("tag:yaml.org,2002:str", str(data), style='"'))
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), lambda d, _: d.represent_scalar("tag:yaml.org,2002:null", ""))


def _block(entry: dict[str, Any], comment: str, after: dict[str, str] | None = None) -> str:
    """One entry as an indented YAML list item, under a comment naming the item."""
    text = yaml.dump([entry], Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
    lines = []
    for raw in text.splitlines():
        key = raw[2:].split(":", 1)[0]
        line = f"{raw.rstrip()}  # {after[key]}" if after and key in after and raw[2:].rstrip().endswith(":") else raw
        lines.append(f"  {line}" if line else line)
    return f"  # {' '.join(comment.split())}\n" + "\n".join(lines) + "\n"


HEADER_COMMENT = (
    "# steerco update file (docs/update-file.md). Send it to the chair, who imports it with\n"
    "# `steerco import-updates`. You may correct it by hand: keep ids and versions in quotes.\n"
)


def dump_update_file(from_name: str, blocks: list[str], written_at: datetime, comment: str = HEADER_COMMENT) -> str:
    head = yaml.dump({"format": FORMAT, "version": FORMAT_VERSION, "from": Quoted(from_name),
                      "written_at": written_at.astimezone(UTC).replace(microsecond=0)},
                     Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    return comment + head + ("entries:\n" + "".join(blocks) if blocks else "entries: []\n")


def _version(version: str | None) -> dict[str, Any]:
    """An entry's `plan_version`, left out for a plan that states no version."""
    return {"plan_version": Quoted(version)} if version else {}


def _title(item: Action | Risk) -> str:
    return item.display_title if isinstance(item, Action) else item.description.strip().split("\n", 1)[0][:90]


def _exported(plan: Plan, kind: str, item_id: str, proposed: dict[str, Any], record: Update | Rating,
              seen_version: str | None) -> str:
    """One update or rating from the officer's store as an entry block, id derived from its content."""
    said = proposed["status"] if kind == "action" else f"{proposed['impact']}x{proposed['likelihood']}"
    note, author = escape_unsafe(record.note), escape_unsafe(record.author)  # a store from an older steerco
    entry: dict[str, Any] = {
        "id": Quoted(entry_uid(plan.id, kind, item_id, said, note, author, record.recorded_at)),
        "plan": Quoted(plan.id), **_version(seen_version or plan.version), kind: Quoted(item_id),
        **proposed, "note": note.strip(), "author": Quoted(author.strip()),
        "written_at": record.recorded_at}
    item = plan.action(item_id) if kind == "action" else plan.risk(item_id)
    return _block(entry, f"{plan.id} {kind} {item_id}: {_title(item) if item else '(no longer in the plan)'}")


def officer_entries(store: Any, plans: list[Plan], name: str, since: date | None = None) -> list[str]:
    """The officer's updates and risk ratings in their own store, as entry blocks, oldest first."""
    blocks: list[str] = []
    for plan in plans:
        person = find_person(plan, name)
        if person is None:
            continue
        updates, ratings = store.entries_by_author(plan.id, (person.name, person.id), OFFICER_SOURCES, since)
        seen = store.plan_version_names(
            r.plan_version_id for r in (*updates, *ratings) if r.plan_version_id is not None)
        blocks += [_exported(plan, "action", u.action_id, {"status": u.rag.upper()}, u, seen.get(u.plan_version_id))
                   for u in updates]
        blocks += [_exported(plan, "risk", r.risk_id, {"impact": r.impact, "likelihood": r.likelihood}, r,
                             seen.get(r.plan_version_id)) for r in ratings]
    return blocks


def template_text(plan: Plan, name: str, now: datetime, *, items: list[OwnedItem] | None = None,
                  notes: Mapping[tuple[str, str], str] | None = None,
                  prefill: Mapping[tuple[str, str], dict[str, Any]] | None = None,
                  statuses: Mapping[str, str] | None = None) -> str | None:
    """A file listing `name`'s actions and risks with blank status and note, for hand-filling;
    None when `name` is not on the plan's roster. `items` (default: all they own) narrows the
    list; `notes` adds a comment line under an item (by (kind, id): the position agreed at the
    last meeting), `prefill` its status or impact and likelihood (`steerco chase`); `statuses`
    (action id -> code, as the store knows them) is what a deadline is judged late on, else the
    prefilled status."""
    person = find_person(plan, name)
    if person is None:
        return None
    scale = ", ".join(f"{s.code} = {s.name}" for s in plan.rag_scale)
    comment = HEADER_COMMENT + (
        "#\n# How to fill it in: for each action, write its status after `status:`, one of:\n"
        f"#   {scale}\n"
        "# and what has happened since the last meeting after `note:` (for several lines write\n"
        "# `note: |` and indent the lines below it). For each risk, write `impact:` and `likelihood:`\n"
        "# as numbers 1 (lowest) to 5 (highest). Set `written_at` to the date you write it.\n"
        "# Leave an item blank to send nothing for it. Do not add an `id`; steerco works it out.\n")
    if prefill:
        comment += ("# Statuses and ratings are filled in as the last meeting agreed them: change what has\n"
                    "# changed, and delete an item (its lines down to the next `#`) to send nothing for it.\n")
    blocks = []
    for owned in owned_items([plan], person.id) if items is None else items:
        item = owned.item
        entry: dict[str, Any] = {
            "plan": Quoted(plan.id),
            **_version(plan.version),
            owned.kind: Quoted(item.id),
        }
        if owned.kind == "action":
            assert isinstance(item, Action)
            entry["status"] = None
            hint = {"status": " / ".join(f"{s.code} {s.name}" for s in plan.rag_scale)}
            current = (statuses or {}).get(item.id) or (prefill or {}).get((owned.kind, item.id), {}).get("status")
            due = f" — deadline: {plan.deadline_line(item, str(current) if current else None, now.date())}"
        else:
            assert isinstance(item, Risk)
            entry["impact"], entry["likelihood"] = None, None
            hint = {"impact": f"1-5, now {item.impact}", "likelihood": f"1-5, now {item.likelihood}"}
            due = f" (rated {item.impact} x {item.likelihood} = {item.rating})"
        entry.update((prefill or {}).get((owned.kind, item.id), {}))
        entry.update(note="", author=Quoted(person.name), written_at=now.date())
        block = _block(entry, f"{owned.kind} {item.id}: {_title(item)}{due}", hint)
        if notes and (said := notes.get((owned.kind, item.id))):
            title, rest = block.split("\n", 1)
            block = f"{title}\n  # {' '.join(said.split())}\n{rest}"
        blocks.append(block)
    return dump_update_file(person.name, blocks, now, comment)
