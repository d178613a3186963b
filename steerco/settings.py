"""The settings file: a TOML file in the user config folder (steerco/paths.py `config_file`).

Pure Python (tomllib, no Textual): what it may hold, read with every problem worded as
`file:line: severity: message`. The checks that need Textual (theme names, binding ids, key
names, clashes) are tui/keymap.py's; `steerco config check` runs both.

A file with an error is not used at all: every setting falls back to its default, and whoever
reads it (the CLI's commands, the app) says so once. Relative paths in it are relative to the
file's folder; `~` is the home folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The top-level keys, each with what it is (for `config init` and the did-you-mean).
KEYS: dict[str, str] = {
    "plans": "the plans folder (default: the bundled plans; STEERCO_PLANS and --plans win)",
    "store": "the SQLite store (default: steerco.db in the user data folder; STEERCO_DB and --db win)",
    "minutes": "where the app's w writes minutes (default: minutes/ in the user data folder)",
    "word_template": "the partnership's Word template (.docx or .dotx) for Word minutes, the action log and the pack: "
                     "the app's w and --format docx when --template is not given (default: none)",
    "time_zone": "the zone times are shown in when --tz is not given (default: the plan's meeting.time_zone)",
    "theme": "the app's Textual theme at start (default: textual-dark); the palette's choice is not saved",
    "keymap": "a table: binding id = key(s), e.g. meeting-next = \"right,space\" (docs/meeting-keys.md)",
}
PATH_KEYS = ("plans", "store", "minutes", "word_template")
TEXT_KEYS = ("time_zone", "theme")

EXAMPLE = """\
# steerco settings (TOML). `steerco config check` checks this file; `steerco config path` prints
# where it is. A command-line option beats an environment variable, which beats this file.
# Relative paths are relative to this file's folder; ~ is your home folder.

# plans = "~/steerco/plans"          # the plans folder
# store = "~/steerco/steerco.db"     # the SQLite store
# minutes = "~/steerco/minutes"      # where the app's w writes minutes
# word_template = "~/steerco/house.dotx"  # Word minutes in the partnership's style (--template wins)
# time_zone = "Europe/London"        # times shown by minutes/actions/history when --tz is not given
# theme = "textual-light"            # the app's theme at start (ctrl+p "Theme" lasts one session)

[keymap]
# binding id = "key" or "key,key" (every id is in docs/meeting-keys.md, "Remapping keys").
# A remapped binding loses its old keys: list them again to keep them.
# meeting-next = "right,space"
# meeting-note = "N"
"""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    severity: str  # "error" (the file is not used) or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class Settings:
    plans: Path | None = None
    store: Path | None = None
    minutes: Path | None = None
    word_template: Path | None = None
    time_zone: str | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Loaded:
    """The settings file as read: `settings` (what applies) are the defaults when it has an error;
    `given` is what its well-formed lines say, for the checks that go on past an error."""

    path: Path
    exists: bool
    settings: Settings
    problems: list[Problem]
    lines: dict[tuple[str, ...], int]  # (table, key) or (key,): the line it is on
    given: Settings = field(default_factory=Settings)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def used(self) -> bool:
        """The file exists and has no error: its settings apply."""
        return self.exists and not self.errors

    def line_of(self, *key: str) -> int:
        return self.lines.get(tuple(key)) or self.lines.get(tuple(key[:1])) or 1

    def problem(self, severity: str, message: str, *key: str) -> Problem:
        return Problem(str(self.path), self.line_of(*key), severity, message)

    def unused_said(self) -> str:
        """The one line a reader of a bad file says (the CLI on stderr, the app as a notification)."""
        first = self.errors[0]
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        return f"{first.file}:{first.line}: {first.message}{more}; the defaults apply: run `steerco config check`"

    def notice(self, errors: Sequence[Problem] | None = None) -> tuple[str, str]:
        """The app's notification of a file not used, as (title, text), short enough for an 80x24
        screen: how many problems in the title, the first as file:line and its message (a long
        one to its first '; ', the list of choices after it left to `steerco config check`, which
        says every one). `errors`: all the app found
        (this file's shape and tui/keymap.py's checks), as `config check` counts them."""
        found = list(self.errors if errors is None else errors)
        first, count = found[0], len(found)
        title = "settings file not used" + (f" ({count} problems)" if count > 1 else "")
        message = first.message if len(first.message) <= 64 else first.message.split("; ")[0]
        message = message if len(message) <= 80 else message[:79] + "…"
        rest = f"`steerco config check` lists all {count}" if count > 1 else "`steerco config check` says more"
        return title, f"{short_path(first.file)}:{first.line}: {message} · {rest}"


def short_path(file: str, width: int = 40) -> str:
    """The file as a notice names it: the home folder as ~, and when still longer than `width`,
    '…/' and its last two parts ('…/steerco/settings.toml'); `steerco config check` names it whole."""
    path, home = Path(file), Path.home()
    shown = f"~/{path.relative_to(home)}" if path.is_relative_to(home) and path != home else file
    return shown if len(shown) <= width or len(path.parts) < 3 else f"…/{path.parent.name}/{path.name}"


_HEADER = r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$"
_ASSIGN = r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
_DECODE_AT = r"\s*\(at (?:line (\d+), column \d+|end of document)\)$"


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted))


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Where each key is: tomllib gives no positions, so the lines are scanned for `[table]`
    headers and `key =` assignments (enough for the flat file this is)."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        if header := re.match(_HEADER, line):
            table = _parts(header.group(1))
            lines.setdefault(table, number)
        elif assign := re.match(_ASSIGN, line):
            lines.setdefault((*table, *_parts(assign.group(1))), number)
    return lines


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _resolve(value: str, folder: Path) -> Path:
    path = Path(os.path.expanduser(value))
    return path if path.is_absolute() else folder / path


def read(path: Path) -> Loaded:
    """The settings file at `path`, checked for what it may hold (a missing file: the defaults,
    no problem). Never raises for the file's content."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Loaded(path, False, Settings(), [], {})
    except OSError as exc:
        return Loaded(path, True, Settings(), [Problem(str(path), 1, "error", f"cannot be read: {exc.strerror}")], {})
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return Loaded(path, True, Settings(), [Problem(str(path), line, "error", "not UTF-8 text")], {})
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(_DECODE_AT, message)
        line = int(at.group(1)) if at and at.group(1) else max(1, len(text.splitlines())) if at else 1
        problem = Problem(str(path), line, "error", f"not valid TOML: {re.sub(_DECODE_AT, '', message)}")
        return Loaded(path, True, Settings(), [problem], key_lines(text))
    loaded = Loaded(path, True, Settings(), [], key_lines(text))
    problems, settings = _checked(loaded, data)
    errors = any(p.severity == "error" for p in problems)
    return Loaded(path, True, Settings() if errors else settings, problems, loaded.lines, settings)


def _checked(loaded: Loaded, data: dict[str, Any]) -> tuple[list[Problem], Settings]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    folder = loaded.path.parent
    for key, value in data.items():
        if key not in KEYS:
            problems.append(loaded.problem("error", f"unknown setting {key!r}{did_you_mean(key, KEYS)}; "
                                           f"known: {', '.join(KEYS)}", key))
        elif key == "keymap":
            if not isinstance(value, dict):
                problems.append(loaded.problem("error", "keymap must be a table: [keymap] then binding-id = \"key\"",
                                               key))
                continue
            keymap: dict[str, str] = {}
            for binding_id, keys in value.items():
                if not isinstance(keys, str):
                    problems.append(loaded.problem(
                        "error", f"keymap {binding_id}: the keys must be a string such as \"ctrl+s\" or "
                                 f"\"right,space\", not {_kind(keys)}", "keymap", binding_id))
                elif not keys.strip():
                    problems.append(loaded.problem("error", f"keymap {binding_id}: no key given", "keymap", binding_id))
                else:
                    keymap[binding_id] = keys
            values["keymap"] = keymap
        elif not isinstance(value, str):
            problems.append(loaded.problem("error", f"{key} must be a string (in quotes), not {_kind(value)}", key))
        elif not value.strip():
            problems.append(loaded.problem("error", f"{key} is empty; leave it out for the default", key))
        else:
            values[key] = _resolve(value, folder) if key in PATH_KEYS else value.strip()
    return problems, Settings(**values)


def _kind(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a table"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "a date or time")


_cache: dict[Path, tuple[tuple[int, int] | None, Loaded]] = {}


def current() -> Loaded:
    """The settings file at steerco.paths.config_file(), read again only when it has changed
    (one stat when it has not, or when there is none)."""
    from steerco.paths import config_file

    path = config_file()
    try:
        info = path.stat()
        stamp: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = None
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    loaded = read(path) if stamp is not None else Loaded(path, False, Settings(), [], {})
    _cache[path] = (stamp, loaded)
    return loaded
