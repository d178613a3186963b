"""Reading an update file's bytes: YAML with positions, checked for shape, not yet against plans.

Kept apart from the import (storage/updates/importer.py) because reading needs no store and no
plans: the fuzz tests drive it alone, and every problem it finds carries a line and column
from the YAML source map. Blank template entries (nothing proposed, no id) are counted and
skipped, not refused. Headless: never imports Textual.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from storage.plan.locate import describe, describe_errors
from storage.plan.yaml_source import Problem, SourceMap, YamlFileError, decode_yaml_bytes, load_yaml_text
from storage.updates.file_format import (
    FORMAT,
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    Entry,
    Header,
    UpdateFile,
    uid_of,
)
from storage.updates.inert import (
    EARLIEST_YEAR,
    FUTURE_SLACK,
    SAFE_ASCII,
    inert_problems,
    may_hold_unsafe,
    time_problem,
    unsafe_character,
    version_problem,
)
from storage.updates.places import UPDATE_LISTS, item_namer
from storage.updates.yaml_simple import read_simple

# Raw control characters YAML itself refuses (a tab, line breaks and NEL aside): found here first,
# so the message names the character and its place rather than the parser's offset.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


@dataclass(slots=True)
class ParsedEntry:
    index: int
    entry: Entry
    author: str
    uid: str
    written_at: str  # the entry's time in UTC, ISO-8601 with microseconds, as stored
    time_given: bool = True  # False for a date alone (`written_at: 2026-12-01`: read as 00:00 UTC)
    #: Fields whose problems the reading already reported, left out of `entry` (a broken entry is
    #: still checked against the plans on what is left, so one pass reports every problem).
    unread: frozenset[str] = frozenset()
    broken: bool = False  # something is already reported: checked, never stored

    @property
    def kind(self) -> str:
        """"action" or "risk", also when the item's id itself was unreadable."""
        return "risk" if self.entry.risk is not None or "risk" in self.unread else "action"


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


def load_untrusted(data: bytes, name: str) -> tuple[Any, SourceMap, list[Problem], str]:
    """The document, its source map, problems that do not stop reading, and its text; YamlFileError
    for what does (a raw control character among them, at its own line and column)."""
    text = decode_yaml_bytes(data, name)
    if data.translate(None, SAFE_ASCII) and (raw := _RAW_CONTROL.search(text)) is not None:
        line = text.count("\n", 0, raw.start()) + 1
        column = raw.start() - (text.rfind("\n", 0, raw.start()) + 1) + 1
        raise YamlFileError(Problem(name, line, column, "error",
                                    f"this file holds {unsafe_character(raw.group())}; an update file is plain text"))
    read = read_simple(data, text, name)
    if read is None:
        value, source, problems = load_yaml_text(text, name)
        return value, source, problems, text
    return read[0], read[1], [], text


_load = load_untrusted  # the name helper S's status files first imported


def parse_update_bytes(data: bytes, name: str, sha256: str | None = None, now: datetime | None = None) -> ParsedFile:
    """Read an update file's bytes (whose sha256 hex digest the caller may already have).
    Never raises: what is wrong is in `fatal` (the file cannot be read as an update file)
    or `problems` (entries that are malformed). Times after `now` (default: the clock) and
    a day are refused."""
    now = now or datetime.now(UTC)
    parsed = ParsedFile(name, sha256 or hashlib.sha256(data).hexdigest())
    if len(data) > MAX_FILE_BYTES:
        return _fatal(
            parsed, f"file is {len(data) // 1024} KiB; an update file may be at most {MAX_FILE_BYTES // 1048576} MiB"
        )
    try:
        value, source, problems, text = load_untrusted(data, name)
    except YamlFileError as exc:
        parsed.fatal = exc.problem
        return parsed
    parsed.source, parsed.problems = source, list(problems)
    if not isinstance(value, dict):
        found = "nothing" if value is None else "a list" if isinstance(value, list) else "a single value"
        return _fatal(parsed, f"not a steerco update file: found {found}; the file starts with `format: {FORMAT}`",
                      source.root_pos)
    if value.get("format") != FORMAT:
        looks = " (it looks like a plan file)" if "themes" in value or "partnership" in value else ""
        return _fatal(parsed, f"not a steerco update file{looks}: the file must start with `format: {FORMAT}`",
                      source.at(("format",)))
    if "version" in value:
        version = value["version"]
        wrong = version_problem(version, source.raw_text(value, "version"), FORMAT_VERSION)
        if wrong is not None:
            return _fatal(parsed, wrong, source.at(("version",)))
        if version != FORMAT_VERSION:
            return _fatal(parsed, f"update file format version {version} is newer than this steerco reads "
                                  f"({FORMAT_VERSION}); update steerco", source.at(("version",)))
    if may_hold_unsafe(text, data):
        parsed.problems += inert_problems(value, source, text)
    try:
        parsed.header = Header.model_validate(value)
    except ValidationError as exc:
        described = [describe(dict(e), value, source, Header, "update file") for e in exc.errors(include_url=False)]
        return _fatal(parsed, "; ".join(p.message for p in described), (described[0].line, described[0].column))
    if parsed.header.written_at is not None and (late := time_problem(parsed.header.written_at, None, now)):
        parsed.problems.append(source.problem(("written_at",), "error", f"`written_at`: {late}"))
    default_author = parsed.header.from_
    earliest, latest = datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC), now + FUTURE_SLACK  # `time_problem`'s window
    for index, (entry, malformed) in enumerate(_entries(parsed, value, source)):
        unread = malformed
        if entry is None:
            continue
        if entry.blank and entry.id is None and not unread:
            parsed.blank += 1
            continue
        shape = _shape_problems(entry, index, source, unread)
        parsed.problems += shape
        broken = bool(shape or unread)
        if (entry.written_at is not None and not earliest <= entry.written_at <= latest
                and (wrong_time := time_problem(entry.written_at, None, now))):
            parsed.problems.append(source.problem(("entries", index, "written_at"), "error",
                                                  f"`written_at`: {wrong_time}"))
            broken, unread = True, unread | {"written_at"}  # said once: not again against the plan's start
        author = (entry.author or default_author).strip()
        if broken:  # reported already: checked against the plans for what else is wrong, never stored
            parsed.entries.append(ParsedEntry(index, entry, author, "", "", unread=unread, broken=True))
            continue
        assert entry.written_at is not None
        written_at = entry.written_at.isoformat(timespec="microseconds")  # UTC already (`_utc`)
        uid = entry.id
        if uid is None:
            kind = entry.kind
            proposed = ((entry.status or "").strip().upper() if kind == "action"
                        else f"{entry.impact}x{entry.likelihood}")
            uid = uid_of(entry.plan, kind, entry.item_id, proposed, entry.note or "", author, written_at)
        raw = parsed.header.entries[index]
        time_given = _time_given(raw.get("written_at") if isinstance(raw, dict) else None)
        parsed.entries.append(ParsedEntry(index, entry, author, uid, written_at, time_given))
    return parsed


def _time_given(written: Any) -> bool:
    """Whether `written_at` as written says a time of day, not a date alone."""
    if isinstance(written, str):
        return len(written.strip()) > len("YYYY-MM-DD")
    return not (isinstance(written, date) and not isinstance(written, datetime))


_ENTRY_LIST: TypeAdapter[list[Entry]] = TypeAdapter(list[Entry])


def _entries(parsed: ParsedFile, value: dict[str, Any],
             source: SourceMap) -> list[tuple[Entry | None, frozenset[str]]]:
    """Each entry as an `Entry` with the fields left out of it because they are malformed (their
    problems added to `parsed`, naming the entry as its writer reads it: `places.entry_label`),
    or None where too little is left to check (no readable `plan`).

    The list is validated in one call; only a list with something wrong in it is gone through
    entry by entry, to place each problem."""
    assert parsed.header is not None
    raws = parsed.header.entries
    try:
        return [(entry, frozenset()) for entry in _ENTRY_LIST.validate_python(raws)]
    except ValidationError:
        pass
    namer = item_namer(UPDATE_LISTS, source)
    out: list[tuple[Entry | None, frozenset[str]]] = []
    for index, raw in enumerate(raws):
        try:
            out.append((Entry.model_validate(raw), frozenset()))
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            for error in errors:
                error["loc"] = ("entries", index, *error["loc"])
            parsed.problems += describe_errors([dict(e) for e in errors], value, source, UpdateFile,
                                               "update file", namer)
            out.append(_rest(raw, errors))
    return out


def _rest(raw: Any, errors: list[Any]) -> tuple[Entry | None, frozenset[str]]:
    """What of a malformed entry can still be checked: the entry without its malformed fields."""
    unread = frozenset(str(e["loc"][2]) for e in errors if len(e["loc"]) > 2)
    if not isinstance(raw, dict) or "plan" in unread:
        return None, unread
    try:
        return Entry.model_validate({k: v for k, v in raw.items() if k not in unread}), unread
    except ValidationError:
        return None, unread


def _shape_problems(entry: Entry, index: int, source: SourceMap, unread: frozenset[str] = frozenset()
                    ) -> list[Problem]:
    """What an entry lacks or has too much of; `unread`: fields already reported as malformed,
    which are there though `entry` lacks them."""
    at = ("entries", index)
    out: list[Problem] = []
    has = {name for name in ("action", "risk", "status", "impact", "likelihood", "written_at")
           if getattr(entry, name) is not None or name in unread}
    if ("action" in has) == ("risk" in has):
        out.append(source.problem(at, "error", "an entry names exactly one of `action` or `risk`"))
        return out
    if "action" in has:
        if "status" not in unread and not (entry.status or "").strip():
            out.append(source.problem(at + ("status",), "error", f"{_item(entry, 'action')}`status` is missing"))
        for extra in ("impact", "likelihood"):
            if extra in has:
                out.append(source.problem(at + (extra,), "error", f"`{extra}` is for risks; an action takes `status`"))
    else:
        for needed in ("impact", "likelihood"):
            if needed not in has:
                out.append(
                    source.problem(at + (needed,), "error", f"{_item(entry, 'risk')}`{needed}` (1 to 5) is missing")
                )
        if "status" in has:
            out.append(source.problem(at + ("status",), "error",
                                      "`status` is for actions; a risk takes `impact` and `likelihood`"))
    if "written_at" not in has:
        out.append(source.problem(at, "error", "`written_at` is missing: the date you wrote this, e.g. 2026-02-01"))
    return out


def _item(entry: Entry, kind: str) -> str:
    """"action 7.2: " naming the entry's item, or nothing when its id was unreadable (reported)."""
    ident = entry.action if kind == "action" else entry.risk
    return f"{kind} {ident}: " if ident is not None else ""
