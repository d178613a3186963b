"""Status files, the way back: the position a chair's meeting agreed, for an officer's store.

`steerco export-status` writes one after a meeting (`status_file_text`): for each action its
agreed status and note, for each risk its agreed impact × likelihood and note, each with the
date of the meeting that agreed it and the meeting's discussion of it (the chair's notes on
the item, `discussion`, left out when there are none: a file without it is taken as well), and
the actions arising (with their owner, due date and status). `steerco import-status` reads
it (`parse_status_bytes`), checks it against the officer's plans (`check_status`) and takes
it in whole or not at all (`import_status_bytes`).
The same rules as update files (docs/update-file.md): plain YAML read safely, a `format:` and
an integer `version`, texts inert (`storage.updates.inert`), every refusal one line at its
`file:line:column`. A position is known by a hash of what it says, so a file taken twice, or
two files that repeat a position, add it once. Headless: never imports Textual.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storage.plan.ids import fold_id
from storage.plan.index import plan_index
from storage.plan.locate import describe, describe_errors
from storage.plan.model import Id, Score, Text
from storage.plan.yaml_source import Problem, SourceMap, YamlFileError
from storage.store.records import ActionArising, Meeting, Rating, Update
from storage.updates.discussion import Discussion, discussion_text
from storage.updates.file_format import MAX_FILE_BYTES, _utc
from storage.updates.importer import FileReport
from storage.updates.inert import inert_problems, plan_began, time_problem, version_problem
from storage.updates.ownership import rag_code
from storage.updates.places import STATUS_LISTS, item_namer
from storage.updates.reader import load_untrusted
from storage.updates.writer import Quoted, _block, _Dumper

if TYPE_CHECKING:
    from storage.plan.model import Plan, Risk
    from storage.store.store import Store

FORMAT = "steerco-status"
FORMAT_VERSION = 1

HEADER_COMMENT = (
    "# steerco status file (docs/update-file.md, \"The way back\"): the position the meeting\n"
    "# agreed. Take it into your own store with `steerco import-status FILE`; officer mode and\n"
    "# `steerco template` then show it beside your own updates. Taking it in twice adds nothing.\n"
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Discussed(_Strict):
    """The chair's note on an item at one meeting."""

    meeting: date = Field(description="The day of the meeting that discussed it.")
    note: Text


class AgreedItem(_Strict):
    """One action's agreed status, or one risk's agreed rating, with its note."""

    action: Id | None = None
    risk: Id | None = None
    status: Annotated[str, Field(max_length=40)] | None = None
    impact: Score | None = None
    likelihood: Score | None = None
    note: Text = ""
    discussion: list[Discussed] = Field([], max_length=200,
                                        description="The meetings' notes on it, from the one that agreed it on.")
    agreed_on: date = Field(description="The day of the meeting that agreed it.")
    agreed_at: datetime = Field(description="When the chair's store recorded it (orders positions).")

    _times = field_validator("agreed_at", mode="before")(_utc)

    @property
    def kind(self) -> str:
        return "risk" if self.risk is not None else "action"

    @property
    def item_id(self) -> str:
        return self.risk if self.risk is not None else (self.action or "")


class AgreedArising(_Strict):
    """One action arising as the meeting left it."""

    ref: Id
    text: Text
    owner: Annotated[str, Field(min_length=1, max_length=200)]
    due: date | None = None
    status: Literal["open", "done", "carried forward", "dropped"]  # storage.store.records.ARISING_STATUSES
    note: Text = ""
    agreed_on: date
    agreed_at: datetime

    _times = field_validator("agreed_at", mode="before")(_utc)


class StatusHeader(_Strict):
    format: Literal["steerco-status"]
    version: Literal[1]
    plan: Id
    plan_version: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    meeting: date = Field(description="The day of the meeting this is the position after.")
    for_: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(None, alias="for")
    written_at: datetime | None = None
    items: list[Any] = []
    arising: list[Any] = []

    _times = field_validator("written_at", mode="before")(_utc)


class StatusFile(StatusHeader):
    """The whole file's shape (for field hints)."""

    items: list[AgreedItem] = []
    arising: list[AgreedArising] = []


# -- writing ---------------------------------------------------------------------------


def _when(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def status_file_text(plan: Plan, meeting: Meeting, updates: Mapping[str, Update], ratings: Mapping[str, Rating],
                     arising: list[ActionArising], held_on: Mapping[int, date], written_at: datetime, *,
                     for_name: str | None = None, discussions: Mapping[tuple[str, str], Discussion] | None = None
                     ) -> str:
    """The position after `meeting`: `updates` and `ratings` (each item's latest meeting
    record, by item id), the actions `arising`, the day each meeting was held (by id), and the
    meetings' notes on each item (by (kind, item id)), left out when there are none."""
    index = plan_index(plan)
    discussions = discussions or {}

    def discussed(kind: str, item_id: str) -> dict[str, Any]:
        notes = [{"meeting": day, "note": note} for day, note in discussions.get((kind, item_id), [])]
        return {"discussion": notes} if notes else {}

    head: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION, "plan": Quoted(plan.id)}
    if plan.version:
        head["plan_version"] = Quoted(plan.version)
    head["meeting"] = meeting.held_on
    if for_name:
        head["for"] = Quoted(for_name)
    head["written_at"] = _when(written_at).replace(microsecond=0)
    text = HEADER_COMMENT + yaml.dump(head, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    blocks: list[str] = []
    for action_id, update in updates.items():
        action = index.actions.get(action_id)
        title = action.display_title if action else "(no longer in the plan)"
        status = plan.rag(update.rag)
        blocks.append(_block({"action": Quoted(action_id), "status": update.rag, "note": update.note.strip(),
                              **discussed("action", action_id),
                              "agreed_on": held_on.get(update.meeting_id or 0, meeting.held_on),
                              "agreed_at": _when(update.recorded_at)},
                             f"action {action_id}: {title}" + (f" — {status.name}" if status else "")))
    for risk_id, rating in ratings.items():
        risk = index.risks.get(risk_id)
        blocks.append(_block({"risk": Quoted(risk_id), "impact": rating.impact, "likelihood": rating.likelihood,
                              "note": rating.note.strip(), **discussed("risk", risk_id),
                              "agreed_on": held_on.get(rating.meeting_id or 0, meeting.held_on),
                              "agreed_at": _when(rating.recorded_at)},
                             f"risk {risk_id}: {_risk_title(risk)}"))
    text += "items:\n" + "".join(blocks) if blocks else "items: []\n"
    rows = [_block({"ref": Quoted(a.ref), "text": a.text.strip(), "owner": Quoted(a.owner), "due": a.due,
                    "status": a.status, "note": a.status_note.strip(),
                    "agreed_on": held_on.get(a.status_meeting_id or a.meeting_id, meeting.held_on),
                    "agreed_at": _when(a.status_at or a.created_at)}, f"action arising {a.ref}")
            for a in arising]
    return text + ("arising:\n" + "".join(rows) if rows else "arising: []\n")


def _risk_title(risk: Risk | None) -> str:
    return risk.description.strip().split("\n", 1)[0][:90] if risk else "(no longer in the plan)"


# -- reading ---------------------------------------------------------------------------


@dataclass
class ParsedStatus:
    """A status file read and checked for shape (not yet against plans)."""

    name: str
    sha256: str
    header: StatusHeader | None = None
    source: SourceMap | None = None
    items: list[tuple[int, AgreedItem]] = field(default_factory=list)
    arising: list[tuple[int, AgreedArising]] = field(default_factory=list)
    fatal: Problem | None = None
    problems: list[Problem] = field(default_factory=list)


def looks_like_status(value: Any) -> bool:
    return isinstance(value, dict) and value.get("format") == FORMAT


def parse_status_bytes(data: bytes, name: str, sha256: str | None = None, now: datetime | None = None
                       ) -> ParsedStatus:
    """Read a status file's bytes. Never raises: what stops reading is in `fatal`, what is
    wrong with items in `problems`. Times more than a day after `now` are refused."""
    now = now or datetime.now(UTC)
    parsed = ParsedStatus(name, sha256 or hashlib.sha256(data).hexdigest())

    def fatal(message: str, at: tuple[int, int] = (1, 1)) -> ParsedStatus:
        parsed.fatal = Problem(name, at[0], at[1], "error", message)
        return parsed

    if len(data) > MAX_FILE_BYTES:
        return fatal(f"file is {len(data) // 1024} KiB; a status file may be at most {MAX_FILE_BYTES // 1048576} MiB")
    try:
        value, source, problems, text = load_untrusted(data, name)
    except YamlFileError as exc:
        parsed.fatal = exc.problem
        return parsed
    parsed.source, parsed.problems = source, list(problems)
    if not looks_like_status(value):
        looks = (" (it looks like a plan file)" if isinstance(value, dict) and ("themes" in value or "partnership"
                 in value) else " (it is an update file: the chair imports it with `steerco import-updates`)"
                 if isinstance(value, dict) and value.get("format") == "steerco-updates" else "")
        return fatal(f"not a steerco status file{looks}: the file must start with `format: {FORMAT}`",
                     source.at(("format",)) if isinstance(value, dict) else source.root_pos)
    if "version" in value:
        wrong = version_problem(value["version"], source.raw_text(value, "version"), FORMAT_VERSION)
        if wrong is None and value["version"] != FORMAT_VERSION:
            wrong = (f"status file format version {value['version']} is newer than this steerco reads "
                     f"({FORMAT_VERSION}); update steerco")
        if wrong is not None:
            return fatal(wrong, source.at(("version",)))
    parsed.problems += inert_problems(value, source, text)
    try:
        parsed.header = StatusHeader.model_validate(value)
    except ValidationError as exc:
        described = [describe(dict(e), value, source, StatusHeader, "status file")
                     for e in exc.errors(include_url=False)]
        return fatal("; ".join(p.message for p in described), (described[0].line, described[0].column))
    if parsed.header.written_at is not None and (late := time_problem(parsed.header.written_at, None, now)):
        parsed.problems.append(source.problem(("written_at",), "error", f"`written_at`: {late}"))
    for key, model, into in (("items", AgreedItem, parsed.items), ("arising", AgreedArising, parsed.arising)):
        for index, raw in enumerate(getattr(parsed.header, key)):
            try:
                row = model.model_validate(raw)
            except ValidationError as exc:
                errors = exc.errors(include_url=False)
                for error in errors:
                    error["loc"] = (key, index, *error["loc"])
                parsed.problems += describe_errors([dict(e) for e in errors], value, source, StatusFile,
                                                   "status file", item_namer(STATUS_LISTS, source))
                continue
            if (late := time_problem(row.agreed_at, None, now)) is not None:
                parsed.problems.append(source.problem((key, index, "agreed_at"), "error", f"`agreed_at`: {late}"))
                continue
            into.append((index, row))  # type: ignore[arg-type]
    for index, item in parsed.items:
        parsed.problems += _shape_problems(item, index, source)
    return parsed


def _shape_problems(item: AgreedItem, index: int, source: SourceMap) -> list[Problem]:
    at = ("items", index)
    if (item.action is None) == (item.risk is None):
        return [source.problem(at, "error", "an item names exactly one of `action` or `risk`")]
    if item.kind == "action":
        out = [] if (item.status or "").strip() else [
            source.problem(at + ("status",), "error", f"action {item.action}: `status` is missing")]
        return out + [source.problem(at + (extra,), "error", f"`{extra}` is for risks; an action takes `status`")
                      for extra in ("impact", "likelihood") if getattr(item, extra) is not None]
    out = [source.problem(at + (needed,), "error", f"risk {item.risk}: `{needed}` (1 to 5) is missing")
           for needed in ("impact", "likelihood") if getattr(item, needed) is None]
    if item.status is not None:
        out.append(source.problem(at + ("status",), "error",
                                  "`status` is for actions; a risk takes `impact` and `likelihood`"))
    return out


# -- checking against the plans, and taking it in ---------------------------------------

Row = tuple[Any, ...]  # a position as stored: the values of storage.store.agreed.AGREED_FIELDS, in order


def position_uid(*parts: Any) -> str:
    """The id of a position: a hash of what it says, so the same position is taken once."""
    canon = json.dumps([str(p) if p is not None else None for p in parts], ensure_ascii=False)
    return "a-" + hashlib.sha256(canon.encode()).hexdigest()[:24]


@dataclass
class CheckedStatus:
    rows: list[Row]
    problems: list[Problem]
    fatal: Problem | None = None


def check_status(parsed: ParsedStatus, plans: Mapping[str, Plan]) -> CheckedStatus:
    """The file's positions as rows to store, or the problems that refuse it: the plan is one
    of `plans`, each action or risk is in it, each status on its scale, nothing listed twice."""
    assert parsed.header is not None and parsed.source is not None
    source, header, problems = parsed.source, parsed.header, list(parsed.problems)
    plan = plans.get(header.plan)
    if plan is None:
        known = ", ".join(sorted(plans)) or "none"
        return CheckedStatus([], problems, source.problem(
            ("plan",), "error", f"no plan {header.plan!r} here (plans: {known}); this file is for another plan, "
                                "or use --plans"))
    if header.plan_version != plan.version:
        problems.append(source.problem(("plan_version",), "warning",
                                       f"written for {plan.id} version {header.plan_version or '(none)'}; your plan "
                                       f"file is version {plan.version or '(none)'}"))
    index = plan_index(plan)
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    began = plan_began(plan)
    for key, found_rows in (("items", parsed.items), ("arising", parsed.arising)):
        for at, row in found_rows:
            if (early := time_problem(row.agreed_at, began, None)) is not None:
                problems.append(source.problem((key, at, "agreed_at"), "error", f"`agreed_at`: {early}"))
    for at, item in parsed.items:
        kind = item.kind
        items: Mapping[str, Any] = index.actions if kind == "action" else index.risks
        found = items.get(item.item_id) or next((v for k, v in items.items() if fold_id(k) == fold_id(item.item_id)),
                                                None)
        if found is None:
            hint = difflib.get_close_matches(item.item_id, list(items), n=1)
            problems.append(source.problem(("items", at, kind), "error", f"no {kind} {item.item_id!r} in plan "
                                           f"{plan.id}" + (f" (did you mean {hint[0]!r}?)" if hint else "")))
            continue
        code = None
        if kind == "action":
            code = rag_code(plan, item.status or "")
            if code is None:
                problems.append(source.problem(("items", at, "status"), "error",
                                               plan.status_refusal(item.status or "")))
                continue
        if (kind, found.id) in seen:
            first = source.at(("items", seen[kind, found.id]))[0]
            problems.append(source.problem(("items", at), "error",
                                           f"{kind} {found.id} is listed twice (first at line {first})"))
            continue
        seen[kind, found.id] = at
        agreed_at = item.agreed_at.isoformat(timespec="microseconds")
        discussion = discussion_text((d.meeting, d.note) for d in item.discussion)
        said = (code, item.impact, item.likelihood, item.note.strip(), item.agreed_on, agreed_at)
        rows.append((position_uid(plan.id, kind, found.id, *said, *([discussion] if discussion else [])),
                     plan.id, kind, found.id, code, item.impact, item.likelihood, item.note.strip(), discussion, None,
                     None, item.agreed_on.isoformat(), agreed_at))
    refs: dict[str, int] = {}
    for at, arising in parsed.arising:
        if arising.ref in refs:
            first = source.at(("arising", refs[arising.ref]))[0]
            problems.append(source.problem(("arising", at), "error",
                                           f"action arising {arising.ref} is listed twice (first at line {first})"))
            continue
        refs[arising.ref] = at
        agreed_at = arising.agreed_at.isoformat(timespec="microseconds")
        due = arising.due.isoformat() if arising.due else None
        parts = (arising.status, arising.note.strip(), arising.text.strip(), arising.owner.strip(), due)
        rows.append((position_uid(plan.id, "arising", arising.ref, *parts, arising.agreed_on, agreed_at),
                     plan.id, "arising", arising.ref, arising.status, None, None, arising.note.strip(),
                     arising.text.strip(), arising.owner.strip(), due, arising.agreed_on.isoformat(), agreed_at))
    return CheckedStatus(rows, problems)


def check_status_bytes(data: bytes, name: str, plans: dict[str, Plan]) -> list[Problem]:
    """Every problem of a status file, as `import-status --dry-run` reports them (no store):
    what `steerco validate` prints for a file that says `format: steerco-status`."""
    parsed = parse_status_bytes(data, name)
    if parsed.fatal is not None:
        return [parsed.fatal]
    checked = check_status(parsed, plans)
    return sorted(checked.problems + ([checked.fatal] if checked.fatal else []))


def import_status_bytes(data: bytes, name: str, plans: dict[str, Plan], store: Store, *,
                        dry_run: bool = False) -> FileReport:
    """Check one status file and, unless refused or a dry run, take its positions into the
    store in one transaction. Never raises for a bad file; the report says what happened."""
    sha256 = hashlib.sha256(data).hexdigest()
    parsed = parse_status_bytes(data, name, sha256, now=store.clock())
    report = FileReport(name, sha256, dry_run=dry_run, fatal=parsed.fatal)
    if parsed.fatal is not None:
        return report
    checked = check_status(parsed, plans)
    report.fatal, report.problems = checked.fatal, sorted(checked.problems)
    assert parsed.header is not None
    report.entries = len(parsed.header.items) + len(parsed.header.arising)
    if report.fatal is not None or report.errors:
        return report
    stored = store.agreed_uids([row[0] for row in checked.rows])
    if dry_run:
        report.taken = sum(row[0] not in stored for row in checked.rows)
    else:
        report.taken = store.add_agreed_rows(sha256, name, [row for row in checked.rows if row[0] not in stored])
    report.already = len(checked.rows) - report.taken
    if report.taken == 0 and report.entries:
        report.note = "taken in before: nothing to add"
    return report
