"""Importing officers' update files as proposals the chair accepts or overrides.

Every entry of a file (read by storage/updates/reader.py) is checked against the plans: the
item exists, its status is in the plan's scale, the author owns the item (unless the chair
accepts non-owners; the author is named as on the command line, `resolve_person`, and stored
by their roster name). A file is taken whole or not at all. Importing the same file, or the
same entries, twice adds nothing: files are known by sha256 and entries by `id`. Never
raises for a bad file: a `FileReport` says what happened. Headless: never imports Textual.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from storage.plan.ids import fold_id
from storage.plan.index import UnknownPerson, plan_index, resolve_person
from storage.plan.model import Action, Person, Plan, Risk
from storage.plan.yaml_source import HasProblems, Problem
from storage.store.opening import StoreError
from storage.store.proposals import PROPOSAL_FIELDS, SettledProposal
from storage.store.records import Proposal
from storage.updates.file_format import MAX_FILE_BYTES, Entry
from storage.updates.inert import plan_began, time_problem
from storage.updates.ownership import owns_item, rag_code
from storage.updates.reader import ParsedFile, parse_update_bytes

if TYPE_CHECKING:
    from storage.store.store import Store


@dataclass
class FileReport(HasProblems):
    """What importing one file did (or, with --dry-run, would do)."""

    name: str
    sha256: str = ""
    entries: int = 0
    taken: int = 0
    already: int = 0
    blank: int = 0
    superseded_on_arrival: int = 0  # of `taken`: written before a proposal the chair had settled
    fatal: Problem | None = None
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    note: str = ""

    @property
    def refused(self) -> int:
        """Entries not taken because the file was refused (all of them: all or nothing)."""
        return self.entries if (self.fatal or self.errors) else 0

    @property
    def exit_code(self) -> int:
        """The house rule (`steerco validate` exits the same on the same file): 2 for a file
        refused (an error) or unreadable, bad input; 1 for one taken with warnings; 0 when clean."""
        return 2 if (self.fatal or self.errors) else 1 if self.problems else 0

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.name, "sha256": self.sha256, "entries": self.entries, "taken": self.taken,
                "already_present": self.already, "refused": self.refused, "blank": self.blank,
                "superseded_on_arrival": self.superseded_on_arrival,
                "dry_run": self.dry_run, "note": self.note,
                "problems": [p.as_dict() for p in ([self.fatal] if self.fatal else []) + self.problems]}


def _snapshot(store: Store | None, plan_id: str, version: str) -> Plan | None:
    if store is None:
        return None
    version_id = store.plan_version_id(plan_id, version)
    if version_id is None:
        return None
    try:
        return store.plan_snapshot(version_id)
    except (ValidationError, ValueError, StoreError):  # a snapshot from an older model: changes unknown
        return None


_WATCHED = {"action": ("text", "owner", "deadline", "due"), "risk": ("description", "owner")}


def _version_warning(store: Store | None, plan: Plan, e: Entry) -> str:
    def version(written: str | None) -> str:
        return f"version {written}" if written else "with no version"
    said = f"written for {plan.id} {version(e.plan_version)}; the plan is now {version(plan.version)}"
    old_plan = _snapshot(store, plan.id, e.plan_version or "")
    if old_plan is None:
        return f"{said} (that version is not in this store, so changes to {e.kind} {e.item_id} cannot be listed)"
    old = old_plan.action(e.item_id) if e.kind == "action" else old_plan.risk(e.item_id)
    now = plan.action(e.item_id) if e.kind == "action" else plan.risk(e.item_id)
    if old is None:
        return f"{said}; {e.kind} {e.item_id} is new since then"
    changed = [f for f in _WATCHED[e.kind] if getattr(old, f) != getattr(now, f)]
    if changed:
        return f"{said}; {e.kind} {e.item_id} has changed since: {', '.join(changed)}"
    return f"{said}; {e.kind} {e.item_id} is unchanged"


Row = tuple[Any, ...]  # a proposal as stored: the values of PROPOSAL_FIELDS, in order


def _same(stored: Proposal, row: Row) -> bool:
    return all(getattr(stored, k) == v for k, v in zip(PROPOSAL_FIELDS, row) if k not in ("uid", "plan_version"))


@dataclass
class Checked:
    """A file's entries checked against the plans: the proposals to add, and for each the
    index of its entry in the file (its line is looked up only for a warning)."""

    rows: list[Row]
    indexes: list[int]
    problems: list[Problem]
    fatal: Problem | None = None


def check_entries(parsed: ParsedFile, plans: dict[str, Plan], store: Store | None, *,
                  accept_non_owner: bool = False) -> Checked:
    """Check shaped entries against the plans (and, for entries written for another plan
    version, the store's snapshot of that version).

    What repeats from entry to entry (a status's code, the author's roster entry, whether
    they own an owner's items) is looked up once per file."""
    assert parsed.source is not None
    source, problems = parsed.source, list(parsed.problems)
    rows: list[Row] = []
    indexes: list[int] = []
    first_index: dict[str, int] = {}
    codes: dict[tuple[str, str], str | None] = {}
    people: dict[tuple[str, str], Person | str] = {}  # (plan, name as written): the person, or why none
    unknown: set[tuple[str, str]] = set()
    owning: dict[tuple[str, str, str, str], bool] = {}  # (plan, author, kind, item id): owns it
    began: dict[str, date | None] = {}
    for pe in parsed.entries:
        e, at = pe.entry, ("entries", pe.index)
        plan = plans.get(e.plan)
        if plan is None:
            known = ", ".join(sorted(plans)) or "none"
            return Checked([], [], problems, source.problem(
                at + ("plan",), "error",
                f"no plan {e.plan!r} here (plans: {known}); this file is for other plans, or use --plans"))
        # Every check of an entry is made, whatever another found, so that one pass reports every
        # problem; an entry with any error (or one the reading reported: `pe.broken`) is not stored.
        ok = not pe.broken
        # Indexed once per plan object, not per file or entry: an import run passes the same plans.
        index = plan_index(plan)
        kind, item_id = pe.kind, e.item_id
        items: dict[str, Action] | dict[str, Risk] = index.actions if kind == "action" else index.risks
        item = items.get(item_id) or next((v for k, v in items.items() if fold_id(k) == fold_id(item_id)), None)
        if item is not None:
            item_id = item.id  # as the plan writes it: ids match in any case (`fold_id`)
        elif kind not in pe.unread and item_id:  # an unreadable id is reported already
            hint = difflib.get_close_matches(item_id, list(items), n=1)
            problems.append(source.problem(at + (kind,), "error", f"no {kind} {item_id!r} in plan {plan.id}"
                                           + (f" (did you mean {hint[0]!r}?)" if hint else "")))
            ok = False
        start = began[plan.id] if plan.id in began else began.setdefault(plan.id, plan_began(plan))
        if (start is not None and e.written_at is not None and "written_at" not in pe.unread
                and e.written_at.date() < start
                and (early := time_problem(e.written_at, start, None))):
            problems.append(source.problem(at + ("written_at",), "error", f"`written_at`: {early}"))
            ok = False
        code = None
        if kind == "action" and (e.status or "").strip():  # missing or unreadable: reported already
            status = e.status or ""
            if (e.plan, status) in codes:
                code = codes[e.plan, status]
            else:
                code = codes[e.plan, status] = rag_code(plan, status)
            if code is None:
                problems.append(source.problem(at + ("status",), "error", plan.status_refusal(status)))
                ok = False
        author = pe.author
        if "author" in pe.unread:
            continue  # whose it is cannot be told: the author was unreadable (reported)
        if (e.plan, author) in people:
            person = people[e.plan, author]
        else:
            person = people[e.plan, author] = _person(plan, author)
        if isinstance(person, str):  # names no one, or several: the closest roster entries
            field_at = at + ("author",) if e.author is not None else ("from",)
            if field_at == ("from",) and (e.plan, author) in unknown:
                continue  # said once, at the file's `from`
            unknown.add((e.plan, author))
            problems.append(source.problem(field_at, "error", f"`{field_at[-1]}`: {person}"))
            continue
        if item is None:
            continue
        if (e.plan, author, kind, item_id) in owning:
            owner = owning[e.plan, author, kind, item_id]
        else:
            owner = owning[e.plan, author, kind, item_id] = owns_item(plan, person, item)
        if not owner:
            who = f"{author} does not own {kind} {item_id} (owner: {_owner_label(plan, item)})"
            if accept_non_owner:
                problems.append(source.problem(at + ("author",), "warning", f"{who}; accepted (--accept-non-owner)"))
            else:
                problems.append(source.problem(at + ("author",), "error",
                                               f"{who}; the chair may accept it with --accept-non-owner"))
                ok = False
        if "plan_version" not in pe.unread and e.plan_version != plan.version:
            problems.append(source.problem(at + ("plan_version",), "warning", _version_warning(store, plan, e)))
        if not ok:
            continue
        uid = pe.uid
        if uid in first_index:
            first = source.at(("entries", first_index[uid]))[0]
            problems.append(source.problem(at, "error", f"entry id {uid!r} is used twice (first at line {first})"))
            continue
        first_index[uid] = pe.index
        rows.append((uid, plan.id, e.plan_version, kind, item_id, code, e.impact, e.likelihood,
                     (e.note or "").strip(), person.name, pe.written_at))
        indexes.append(pe.index)
    return Checked(rows, indexes, problems)


def _changed(parsed: ParsedFile, checked: Checked, stored: dict[str, Proposal]) -> list[Problem]:
    """Warnings for entries whose id is stored with other content (the stored one is kept)."""
    assert parsed.source is not None
    return [Problem(parsed.name, parsed.source.at(("entries", index))[0], 1, "warning",
                    f"entry id {row[0]!r} was imported before with different content; the earlier "
                    "one is kept (remove the `id` line to send this as a new entry)")
            for row, index in zip(checked.rows, checked.indexes)
            if (earlier := stored.get(row[0])) is not None and not _same(earlier, row)]


def _when(written_utc: str) -> str:
    return written_utc[:16].replace("T", " ") + " UTC"


def _on_arrival(parsed: ParsedFile, checked: Checked, store: Store, *, dry_run: bool) -> list[Problem]:
    """A warning for each new entry written before a proposal on its item that the chair has
    already settled: it is stored superseded (the trigger `proposals_superseded_on_arrival`) and
    never offered to the chair, so the officer must hear of it. A date alone counts as 00:00 UTC
    of that day (never guessed later), and the warning says that no time of day was given."""
    assert parsed.source is not None
    entries = {pe.index: pe for pe in parsed.entries}
    settled: dict[str, dict[tuple[str, str], SettledProposal]] = {}
    found: list[tuple[Row, int, SettledProposal]] = []
    for row, index in zip(checked.rows, checked.indexes):
        plan_id, kind, item_id, written = row[1], row[3], row[4], row[10]
        if plan_id not in settled:
            settled[plan_id] = store.newest_settled(plan_id)
        newer = settled[plan_id].get((kind, item_id))
        if newer is not None and newer.written_at > written:
            found.append((row, index, newer))
    stored = store.proposals_by_uid([row[0] for row, _, _ in found]) if found else {}
    out = []
    for row, index, newer in found:
        if row[0] in stored:
            continue  # imported before: nothing new arrives
        pe = entries[index]
        written = _when(row[10]) if pe.time_given else f"{row[10][:10]} (no time of day was given: read as 00:00 UTC)"
        by = f"meeting {newer.meeting_id}" if newer.meeting_id is not None else "the chair"
        kept = "would be kept" if dry_run else "kept"
        out.append(parsed.source.problem(
            ("entries", index, "written_at"), "warning",
            f"written {written}, before proposal {newer.id} for {row[3]} {row[4]} (written {_when(newer.written_at)}) "
            f"that {by} settled: {kept} as superseded, the chair will not be asked"))
    return out


def import_update_bytes(data: bytes, name: str, plans: dict[str, Plan], store: Store, *,
                        dry_run: bool = False, accept_non_owner: bool = False) -> FileReport:
    """Check one update file and, unless refused or a dry run, add its entries as proposals
    in one transaction. Never raises for a bad file; the report says what happened.

    Stored entries are looked up (to warn of changed content) after the insert, and only when
    it ignored some: proposals are append-only, so what is stored then under an ignored id is
    what was stored before."""
    sha256 = hashlib.sha256(data).hexdigest()
    seen = store.imported_file(sha256)
    if seen is not None:  # the same bytes were taken before: nothing to read, nothing to add
        return FileReport(name, sha256, entries=seen.entries, already=seen.entries, dry_run=dry_run,
                          note=f"imported before, on {seen.imported_at:%Y-%m-%d %H:%M}: nothing to add")
    parsed = parse_update_bytes(data, name, sha256)
    report = FileReport(name, parsed.sha256, dry_run=dry_run, blank=parsed.blank, fatal=parsed.fatal)
    if parsed.fatal is not None:
        return report
    assert parsed.header is not None
    report.entries = len(parsed.header.entries) - parsed.blank
    checked = check_entries(parsed, plans, store, accept_non_owner=accept_non_owner)
    report.problems, report.fatal = checked.problems, checked.fatal
    rows, uids = checked.rows, [row[0] for row in checked.rows]
    if report.fatal is None and not report.errors:
        arriving = _on_arrival(parsed, checked, store, dry_run=dry_run)
        report.superseded_on_arrival = len(arriving)
        report.problems += arriving
    if report.fatal is None:
        if report.errors or dry_run:
            stored = store.proposals_by_uid(uids)
            report.problems += _changed(parsed, checked, stored)
            report.taken = 0 if report.errors else sum(uid not in stored for uid in uids)
        else:
            report.taken = store.add_proposal_rows(parsed.sha256, name, rows)
            if report.taken < len(rows):
                report.problems += _changed(parsed, checked, store.proposals_by_uid(uids))
    report.problems.sort()
    if report.fatal or report.errors:
        return report
    report.already = len(rows) - report.taken
    return report


def check_update_bytes(data: bytes, name: str, plans: dict[str, Plan]) -> list[Problem]:
    """Every problem `import-updates --dry-run` would report for this file, with no store
    (`steerco validate`): reading, shape, inert text, times, and each entry against the plans."""
    parsed = parse_update_bytes(data, name)
    if parsed.fatal is not None:
        return [parsed.fatal]
    checked = check_entries(parsed, plans, None)
    return sorted(([checked.fatal] if checked.fatal else []) + checked.problems)


def import_update_file(path: Path, plans: dict[str, Plan], store: Store, *,
                       dry_run: bool = False, accept_non_owner: bool = False) -> FileReport:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            too_big = f"file is larger than {MAX_FILE_BYTES // 1048576} MiB; not an update file"
            return FileReport(str(path), fatal=Problem(str(path), 1, 1, "error", too_big))
        data = path.read_bytes()
    except OSError as exc:
        unreadable = f"cannot read file: {exc.strerror or exc}"
        return FileReport(str(path), fatal=Problem(str(path), 1, 1, "error", unreadable))
    return import_update_bytes(data, str(path), plans, store, dry_run=dry_run, accept_non_owner=accept_non_owner)


def _person(plan: Plan, name: str) -> Person | str:
    """The roster entry `name` names (`resolve_person`, the one rule for naming a person: an id,
    a name or an unambiguous part of one, any case), or the reason none does."""
    try:
        return resolve_person([plan], name)
    except UnknownPerson as exc:
        return str(exc)


def _owner_label(plan: Plan, item: Action | Risk) -> str:
    return plan_index(plan).owner_label(item) if isinstance(item, Action) else plan.owner_name(item.owner)
