"""Officers' update files: the model, reading with positions, writing, ids, ownership, import.

An update file is plain YAML (documented in docs/update-file.md) that an officer's steerco
exports, or that a person writes by hand from a template. The chair imports it as
*proposals*: every entry is checked against the plans (item exists, status in the plan's
scale, rating 1-5, the author owns the item), and a file is taken whole or not at all.
Importing the same file, or the same entries, twice adds nothing: files are known by
sha256 and entries by `id` (derived from the entry's content when a person leaves it out).
Headless: never imports Textual.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storage.locate import describe
from storage.opening import StoreError
from storage.model import Action, Id, Person, Plan, Risk, Score, Text
from storage.yamlsource import Problem, SourceMap, YamlFileError, load_yaml_bytes

FORMAT = "steerco-updates"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 4 * 1024 * 1024
OFFICER_SOURCES = ("app", "command-line")
"""Updates an officer exports: those they typed into steerco themselves, not meeting records."""

Kind = Literal["action", "risk"]


# -- the file model -------------------------------------------------------------------


def _utc(value: Any) -> Any:
    """Times as written (YAML timestamp, date or ISO text) to aware UTC; no zone means UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("write the time as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally +00:00)") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0))
    if isinstance(value, datetime):
        try:
            return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
        except (OverflowError, ValueError):
            raise ValueError("time is out of range") from None
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Entry(_Strict):
    """One proposed update: an action's status, or a risk's rating, with a note."""

    id: Id | None = Field(None, description="Unique id; left out, it is derived from the content.")
    plan: Id = Field(description="Id of the plan, e.g. 'ni15'.")
    plan_version: Annotated[str, Field(min_length=1, max_length=64)] = Field(
        description="The plan version the officer saw, e.g. '3.2' (quoted).")
    action: Id | None = Field(None, description="Id of the action (quoted), e.g. '7.3'.")
    risk: Id | None = Field(None, description="Id of the risk, e.g. 'R-1'.")
    status: Annotated[str, Field(max_length=40)] | None = Field(
        None, description="Proposed status: a code or name from the plan's RAG scale.")
    impact: Score | None = None
    likelihood: Score | None = None
    note: Text | None = None
    author: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="Who wrote it; defaults to the file's `from`.")
    written_at: datetime | None = Field(None, description="When it was written; without a zone, UTC.")

    _times = field_validator("written_at", mode="before")(_utc)

    @property
    def kind(self) -> Kind:
        return "risk" if self.risk is not None else "action"

    @property
    def item_id(self) -> str:
        return self.risk if self.risk is not None else (self.action or "")

    @property
    def blank(self) -> bool:
        """Left as the template wrote it: nothing proposed, nothing said."""
        return (self.status is None and self.impact is None and self.likelihood is None
                and not (self.note or "").strip())


class Header(_Strict):
    format: Literal["steerco-updates"] = Field(description="Always 'steerco-updates'.")
    version: Literal[1] = Field(description="The format version: 1.")
    from_: Annotated[str, Field(min_length=1, max_length=200)] = Field(alias="from")
    written_at: datetime | None = None
    entries: list[Any] = []

    _times = field_validator("written_at", mode="before")(_utc)


class UpdateFile(Header):
    """The whole file's shape, entries included (for field hints and documentation)."""

    entries: list[Entry] = []  # type: ignore[assignment]


def entry_uid(plan: str, kind: str, item: str, proposed: str, note: str, author: str, written_at: datetime) -> str:
    """The id of an entry that has none: a hash of what it says, so the same words import once."""
    canon = json.dumps([plan, kind, item, proposed, note.strip(), author.strip(),
                        written_at.astimezone(timezone.utc).isoformat(timespec="microseconds")],
                       ensure_ascii=False)
    return "h-" + hashlib.sha256(canon.encode()).hexdigest()[:24]


# -- reading --------------------------------------------------------------------------


@dataclass
class ParsedEntry:
    index: int
    entry: Entry
    author: str
    uid: str


@dataclass
class ParsedFile:
    """An update file read and checked for shape (not yet against plans)."""

    name: str
    sha256: str
    header: Header | None = None
    source: SourceMap | None = None
    entries: list[ParsedEntry] = field(default_factory=list)
    blank: int = 0
    fatal: Problem | None = None
    problems: list[Problem] = field(default_factory=list)


def _fatal(parsed: ParsedFile, message: str, at: tuple[int, int] = (1, 1)) -> ParsedFile:
    parsed.fatal = Problem(parsed.name, at[0], at[1], "error", message)
    return parsed


def parse_update_bytes(data: bytes, name: str) -> ParsedFile:
    """Read an update file's bytes. Never raises: what is wrong is in `fatal` (the file
    cannot be read as an update file) or `problems` (entries that are malformed)."""
    parsed = ParsedFile(name, hashlib.sha256(data).hexdigest())
    if len(data) > MAX_FILE_BYTES:
        return _fatal(parsed, f"file is {len(data) // 1024} KiB; an update file may be at most {MAX_FILE_BYTES // 1048576} MiB")
    try:
        value, source, problems = load_yaml_bytes(data, name)
    except YamlFileError as exc:
        parsed.fatal = exc.problem
        return parsed
    parsed.source, parsed.problems = source, list(problems)
    if not isinstance(value, dict):
        found = "nothing" if value is None else "a list" if isinstance(value, list) else "a single value"
        return _fatal(parsed, f"not a steerco update file: found {found}; the file starts with `format: {FORMAT}`", source.root_pos)
    if value.get("format") != FORMAT:
        looks = " (it looks like a plan file)" if "themes" in value or "partnership" in value else ""
        return _fatal(parsed, f"not a steerco update file{looks}: the file must start with `format: {FORMAT}`",
                      source.at(("format",)))
    if "version" in value and value["version"] != FORMAT_VERSION and isinstance(value["version"], int):
        return _fatal(parsed, f"update file format version {value['version']} is newer than this steerco reads "
                              f"({FORMAT_VERSION}); update steerco", source.at(("version",)))
    try:
        parsed.header = Header.model_validate(value)
    except ValidationError as exc:
        described = [describe(e, value, source, Header, "update file") for e in exc.errors(include_url=False)]
        return _fatal(parsed, "; ".join(p.message for p in described), (described[0].line, described[0].column))
    default_author = parsed.header.from_
    for index, raw in enumerate(parsed.header.entries):
        try:
            entry = Entry.model_validate(raw)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            for error in errors:
                error["loc"] = ("entries", index, *error["loc"])
            parsed.problems += [describe(e, value, source, UpdateFile, "update file") for e in errors]
            continue
        if entry.blank and entry.id is None:
            parsed.blank += 1
            continue
        shape = _shape_problems(entry, index, source)
        if shape:
            parsed.problems += shape
            continue
        author = (entry.author or default_author).strip()
        assert entry.written_at is not None
        proposed = (entry.status or "").strip().upper() if entry.kind == "action" else f"{entry.impact}x{entry.likelihood}"
        uid = entry.id or entry_uid(entry.plan, entry.kind, entry.item_id, proposed, entry.note or "", author, entry.written_at)
        parsed.entries.append(ParsedEntry(index, entry, author, uid))
    return parsed


def _shape_problems(entry: Entry, index: int, source: SourceMap) -> list[Problem]:
    at = ("entries", index)
    out: list[Problem] = []
    if (entry.action is None) == (entry.risk is None):
        out.append(source.problem(at, "error", "an entry names exactly one of `action` or `risk`"))
        return out
    if entry.kind == "action":
        if not (entry.status or "").strip():
            out.append(source.problem(at + ("status",), "error", f"action {entry.action}: `status` is missing"))
        for extra in ("impact", "likelihood"):
            if getattr(entry, extra) is not None:
                out.append(source.problem(at + (extra,), "error", f"`{extra}` is for risks; an action takes `status`"))
    else:
        for needed in ("impact", "likelihood"):
            if getattr(entry, needed) is None:
                out.append(source.problem(at + (needed,), "error", f"risk {entry.risk}: `{needed}` (1 to 5) is missing"))
        if entry.status is not None:
            out.append(source.problem(at + ("status",), "error", "`status` is for actions; a risk takes `impact` and `likelihood`"))
    if entry.written_at is None:
        out.append(source.problem(at, "error", "`written_at` is missing: the date you wrote this, e.g. 2026-02-01"))
    return out


# -- ownership ------------------------------------------------------------------------


def find_person(plan: Plan, name: str) -> Person | None:
    """The person on the plan's roster whose id or name is `name` (case-insensitive)."""
    wanted = name.strip().casefold()
    return next((p for p in plan.people if wanted in (p.id.casefold(), p.name.strip().casefold())), None)


def owns(plan: Plan, person: Person, owner_id: str | None) -> bool:
    """A person owns an item whose owner is their person id, their organisation, or a group
    they are a member of."""
    if owner_id is None:
        return False
    if owner_id == person.id or (person.organisation is not None and owner_id == person.organisation):
        return True
    group = next((g for g in plan.groups if g.id == owner_id), None)
    return group is not None and any(m.person == person.id for m in group.members)


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
        out += [OwnedItem(plan, person, "action", a) for _, a in plan.actions() if owns(plan, person, a.owner)]
        out += [OwnedItem(plan, person, "risk", r) for r in plan.risks if owns(plan, person, r.owner)]
    return out


def rag_code(plan: Plan, written: str) -> str | None:
    """The scale code for a status written as a code or a name, any case."""
    wanted = written.strip().casefold()
    for status in plan.rag_scale:
        if wanted in (status.code.casefold(), status.name.casefold()):
            return status.code
    if wanted in ("blue", "complete") and plan.rag("B") is not None:  # as `steerco record` reads them
        return "B"
    return None


# -- import ---------------------------------------------------------------------------


@dataclass
class FileReport:
    """What importing one file did (or, with --dry-run, would do)."""

    name: str
    sha256: str = ""
    entries: int = 0
    taken: int = 0
    already: int = 0
    blank: int = 0
    fatal: Problem | None = None
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    note: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def refused(self) -> int:
        """Entries not taken because the file was refused (all of them: all or nothing)."""
        return self.entries if (self.fatal or self.errors) else 0

    @property
    def exit_code(self) -> int:
        return 2 if self.fatal else 1 if self.problems else 0

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.name, "sha256": self.sha256, "entries": self.entries, "taken": self.taken,
                "already_present": self.already, "refused": self.refused, "blank": self.blank,
                "dry_run": self.dry_run, "note": self.note,
                "problems": [p.as_dict() for p in ([self.fatal] if self.fatal else []) + self.problems]}


def _stored_by_uid(store: Any, uids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start:start + 500]
        rows = store._rows(f"SELECT * FROM proposals WHERE uid IN ({', '.join('?' for _ in chunk)})", chunk)
        found.update({row["uid"]: row for row in rows})
    return found


def _snapshot(store: Any, plan_id: str, version: str) -> Plan | None:
    row = store.db.conn.execute("SELECT id FROM plan_versions WHERE plan_id = ? AND version = ? "
                                "ORDER BY id DESC LIMIT 1", [plan_id, version]).fetchone()
    if row is None:
        return None
    try:
        return store.plan_snapshot(int(row[0]))  # type: ignore[no-any-return]
    except (ValidationError, ValueError, StoreError):  # a snapshot from an older model: changes unknown
        return None


_WATCHED = {"action": ("text", "owner", "deadline", "due"), "risk": ("description", "owner")}


def _version_warning(store: Any, plan: Plan, e: Entry) -> str:
    said = f"written for {plan.id} version {e.plan_version}; the plan is now version {plan.version}"
    old_plan = _snapshot(store, plan.id, e.plan_version)
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


def _same(row: dict[str, Any], proposal: dict[str, Any]) -> bool:
    keys = ("plan_id", "kind", "item_id", "rag", "impact", "likelihood", "note", "author", "written_at")
    return all(row.get(k) == proposal.get(k) for k in keys)


def check_entries(parsed: ParsedFile, plans: dict[str, Plan], store: Any, *,
                  accept_non_owner: bool = False) -> tuple[list[dict[str, Any]], list[Problem], Problem | None]:
    """Check shaped entries against the plans and the store: proposals to add, problems, fatal."""
    assert parsed.source is not None
    source, problems, proposals = parsed.source, list(parsed.problems), []
    first_line: dict[str, int] = {}
    index: dict[tuple[str, str], dict[str, Action | Risk]] = {}
    for pe in parsed.entries:
        e, at = pe.entry, ("entries", pe.index)
        plan = plans.get(e.plan)
        if plan is None:
            known = ", ".join(sorted(plans)) or "none"
            return [], problems, source.problem(at + ("plan",), "error",
                                                f"no plan {e.plan!r} here (plans: {known}); this file is for other plans, or use --plans")
        if (plan.id, e.kind) not in index:  # one pass per plan, not per entry: files may be long
            found = [a for _, a in plan.actions()] if e.kind == "action" else list(plan.risks)
            index[plan.id, e.kind] = {i.id: i for i in reversed(found)}
        item = index[plan.id, e.kind].get(e.item_id)
        if item is None:
            hint = difflib.get_close_matches(e.item_id, list(index[plan.id, e.kind]), n=1)
            problems.append(source.problem(at + (e.kind,), "error", f"no {e.kind} {e.item_id!r} in plan {plan.id}"
                                           + (f" (did you mean {hint[0]!r}?)" if hint else "")))
            continue
        code = None
        if e.kind == "action":
            code = rag_code(plan, e.status or "")
            if code is None:
                scale = ", ".join(f"{s.code} {s.name}" for s in plan.rag_scale)
                problems.append(source.problem(at + ("status",), "error",
                                               f"status {e.status!r} is not in plan {plan.id}'s scale: {scale}"))
                continue
        person = find_person(plan, pe.author)
        if person is None or not owns(plan, person, item.owner):
            who = f"{pe.author} is not on plan {plan.id}'s roster" if person is None else \
                f"{pe.author} does not own {e.kind} {e.item_id} (owner: {plan.owner_name(item.owner)})"
            if accept_non_owner:
                problems.append(source.problem(at + ("author",), "warning", f"{who}; accepted (--accept-non-owner)"))
            else:
                problems.append(source.problem(at + ("author",), "error",
                                               f"{who}; the chair may accept it with --accept-non-owner"))
                continue
        if e.plan_version != plan.version:
            problems.append(source.problem(at + ("plan_version",), "warning", _version_warning(store, plan, e)))
        if pe.uid in first_line:
            problems.append(source.problem(at, "error", f"entry id {pe.uid!r} is used twice (first at line {first_line[pe.uid]})"))
            continue
        first_line[pe.uid] = source.at(at)[0]
        assert e.written_at is not None
        proposals.append({
            "uid": pe.uid, "plan_id": plan.id, "plan_version": e.plan_version, "kind": e.kind,
            "item_id": e.item_id, "rag": code, "impact": e.impact, "likelihood": e.likelihood,
            "note": (e.note or "").strip(), "author": pe.author,
            "written_at": e.written_at.isoformat(timespec="microseconds"), "_line": first_line[pe.uid],
        })
    stored = _stored_by_uid(store, [p["uid"] for p in proposals])
    for p in proposals:
        row = stored.get(p["uid"])
        if row is not None and not _same(row, p):
            problems.append(Problem(parsed.name, p["_line"], 1, "warning",
                                    f"entry id {p['uid']!r} was imported before with different content; the earlier "
                                    "one is kept (remove the `id` line to send this as a new entry)"))
    return proposals, problems, None


def import_update_bytes(data: bytes, name: str, plans: dict[str, Plan], store: Any, *,
                        dry_run: bool = False, accept_non_owner: bool = False) -> FileReport:
    """Check one update file and, unless refused or a dry run, add its entries as proposals
    in one transaction. Never raises for a bad file; the report says what happened."""
    sha256 = hashlib.sha256(data).hexdigest()
    seen = store.db.conn.execute("SELECT imported_at, entries FROM imported_files WHERE sha256 = ?", [sha256]).fetchone()
    if seen is not None:  # the same bytes were taken before: nothing to read, nothing to add
        return FileReport(name, sha256, entries=seen[1], already=seen[1], dry_run=dry_run,
                          note=f"imported before, on {seen[0][:16].replace('T', ' ')}: nothing to add")
    parsed = parse_update_bytes(data, name)
    report = FileReport(name, parsed.sha256, dry_run=dry_run, blank=parsed.blank, fatal=parsed.fatal)
    if parsed.fatal is not None:
        return report
    assert parsed.header is not None
    report.entries = len(parsed.header.entries) - parsed.blank
    proposals, report.problems, report.fatal = check_entries(parsed, plans, store, accept_non_owner=accept_non_owner)
    report.problems.sort()
    if report.fatal or report.errors:
        return report
    for p in proposals:
        p.pop("_line")
    if dry_run:
        stored = _stored_by_uid(store, [p["uid"] for p in proposals])
        report.taken = sum(p["uid"] not in stored for p in proposals)
    else:
        report.taken = store.add_proposals(parsed.sha256, name, proposals)
    report.already = len(proposals) - report.taken
    return report


def import_update_file(path: Path, plans: dict[str, Plan], store: Any, *,
                       dry_run: bool = False, accept_non_owner: bool = False) -> FileReport:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return FileReport(str(path), fatal=Problem(str(path), 1, 1, "error",
                                                       f"file is larger than {MAX_FILE_BYTES // 1048576} MiB; not an update file"))
        data = path.read_bytes()
    except OSError as exc:
        return FileReport(str(path), fatal=Problem(str(path), 1, 1, "error", f"cannot read file: {exc.strerror or exc}"))
    return import_update_bytes(data, str(path), plans, store, dry_run=dry_run, accept_non_owner=accept_non_owner)


# -- writing --------------------------------------------------------------------------


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
    for line in text.splitlines():
        key = line[2:].split(":", 1)[0]
        if after and key in after and line[2:].rstrip().endswith(":"):
            line = f"{line.rstrip()}  # {after[key]}"
        lines.append(f"  {line}" if line else line)
    return f"  # {' '.join(comment.split())}\n" + "\n".join(lines) + "\n"


HEADER_COMMENT = (
    "# steerco update file (docs/update-file.md). Send it to the chair, who imports it with\n"
    "# `steerco import-updates`. You may correct it by hand: keep ids and versions in quotes.\n"
)


def dump_update_file(from_name: str, blocks: list[str], written_at: datetime, comment: str = HEADER_COMMENT) -> str:
    head = yaml.dump({"format": FORMAT, "version": FORMAT_VERSION, "from": Quoted(from_name),
                      "written_at": written_at.astimezone(timezone.utc).replace(microsecond=0)},
                     Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    return comment + head + ("entries:\n" + "".join(blocks) if blocks else "entries: []\n")


def _title(item: Action | Risk) -> str:
    return item.display_title if isinstance(item, Action) else item.description.strip().split("\n", 1)[0][:90]


def officer_entries(store: Any, plans: list[Plan], name: str, since: date | None = None) -> list[str]:
    """The officer's updates and risk ratings in their own store, as entry blocks, oldest first."""
    blocks: list[str] = []
    floor = since.isoformat() if since else ""
    for plan in plans:
        person = find_person(plan, name)
        if person is None:
            continue
        authors = [person.name.strip().casefold(), person.id.casefold()]
        marks = ", ".join("?" for _ in OFFICER_SOURCES)
        for kind, table, column in (("action", "updates", "action_id"), ("risk", "risk_ratings", "risk_id")):
            rows = store._rows(
                f"SELECT t.*, pv.version AS seen_version FROM {table} t LEFT JOIN plan_versions pv "
                f"ON pv.id = t.plan_version_id WHERE t.plan_id = ? AND lower(trim(t.author)) IN (?, ?) "
                f"AND t.source IN ({marks}) AND t.recorded_at >= ? ORDER BY t.id",
                [plan.id, *authors, *OFFICER_SOURCES, floor])
            for row in rows:
                written = datetime.fromisoformat(row["recorded_at"])
                proposed = row["rag"].upper() if kind == "action" else f"{row['impact']}x{row['likelihood']}"
                entry: dict[str, Any] = {
                    "id": Quoted(entry_uid(plan.id, kind, row[column], proposed, row["note"], row["author"], written)),
                    "plan": Quoted(plan.id), "plan_version": Quoted(row["seen_version"] or plan.version),
                    kind: Quoted(row[column])}
                if kind == "action":
                    entry["status"] = row["rag"].upper()
                else:
                    entry["impact"], entry["likelihood"] = row["impact"], row["likelihood"]
                entry.update(note=row["note"].strip(), author=Quoted(row["author"].strip()), written_at=written)
                item = plan.action(row[column]) if kind == "action" else plan.risk(row[column])
                blocks.append(_block(entry, f"{plan.id} {kind} {row[column]}: {_title(item) if item else '(no longer in the plan)'}"))
    return blocks


def template_text(plan: Plan, name: str, now: datetime) -> str | None:
    """A file listing `name`'s actions and risks with blank status and note, for hand-filling;
    None when `name` is not on the plan's roster."""
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
    blocks = []
    for owned in owned_items([plan], person.id):
        item = owned.item
        entry: dict[str, Any] = {"plan": Quoted(plan.id), "plan_version": Quoted(plan.version), owned.kind: Quoted(item.id)}
        if owned.kind == "action":
            assert isinstance(item, Action)
            entry["status"] = None
            hint = {"status": " / ".join(f"{s.code} {s.name}" for s in plan.rag_scale)}
            due = f" (due {item.due.isoformat()})" if item.due else f" ({item.deadline})" if item.deadline else ""
        else:
            assert isinstance(item, Risk)
            entry["impact"], entry["likelihood"] = None, None
            hint = {"impact": f"1-5, now {item.impact}", "likelihood": f"1-5, now {item.likelihood}"}
            due = f" (rated {item.impact} x {item.likelihood} = {item.rating})"
        entry.update(note="", author=Quoted(person.name), written_at=now.date())
        blocks.append(_block(entry, f"{owned.kind} {item.id}: {_title(item)}{due}", hint))
    return dump_update_file(person.name, blocks, now, comment)
