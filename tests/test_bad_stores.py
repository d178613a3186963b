"""Every command, found in the click group, against every kind of bad store and bad file argument.

A command added tomorrow is run here without anyone listing it: its arguments come from
PLAUSIBLE by parameter name (a parameter no entry covers fails the test, naming it). Each
must end in exit 1 or 2 (or 0 where the store can honestly serve it: a reading command on
a read-only or locked store, a writing one that makes a missing store and says so), with
no traceback, and leave the store's bytes as they were.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from steerco.cli import main
from storage.service.service import Service
from storage.store import opening
from storage.store.schema_version import SCHEMA_VERSION

# A value for every parameter any command has, so that with a sound store it gets as far as
# the store. Flags and optional outputs are left out: a command's plain form is what is run.
PLAUSIBLE: dict[str, str | None] = {
    "plan": "demo", "action": "1.1", "risk": "R-1", "indicator": "I1", "status": "G", "note": "checked",
    "author": "Ann Officer", "name": "ann", "impact": "3", "likelihood": "4", "period": "2026", "value": "0.7",
    "files": "@update-file", "meeting_ref": None, "output": None, "out_dir": None, "since": None,
    "as_of": None, "tz_name": None, "residual": None, "meeting_id": None, "for_name": None,
    "publish_dir": "@publish-dir",
}
# Commands that take a file of a kind of their own.
FILE_FOR = {"import-status": "@status-file", "validate": "@plan-file"}
# The chair's app: on a terminal a bad store is its problem screen (left with exit 2; tested by Pilot in
# test_store_care.py); here, with no terminal, the same one line. A missing store it makes, as it always has.
APP_COMMANDS = {"meeting"}

UPDATE_FILE = """\
format: steerco-updates
version: 1
from: "Ann Officer"
written_at: 2026-11-30 10:00:00+00:00
entries:
  - id: "h-0123456789abcdef01234567"
    plan: "demo"
    plan_version: "1.0"
    action: "1.1"
    status: A
    note: late
    author: "Ann Officer"
    written_at: 2026-11-30 09:00:00+00:00
"""


def commands() -> list[str]:
    return sorted(name for name, command in main.commands.items() if not command.hidden)


def arguments(name: str, files: dict[str, Path], override: dict[str, str] | None = None) -> list[str]:
    """The command's plain form: every argument and required option with its PLAUSIBLE value
    (a file of the kind the command reads for `@...`), or its `override`; flags and other
    options left out."""
    override = override or {}
    args: list[str] = [name]
    for param in main.commands[name].params:
        if param.name is None or (param.name in ("db_path", "plans_dir") and param.name not in override):
            continue
        is_option = isinstance(param, click.Option)
        if param.name in override:
            value: str | None = override[param.name]
        elif is_option and not param.required:
            continue
        else:
            value = FILE_FOR.get(name, PLAUSIBLE["files"]) if param.name == "files" else PLAUSIBLE.get(param.name)
        if value is None:
            if param.required:
                pytest.fail(f"`steerco {name}` needs {param.name!r}, which PLAUSIBLE has no value for: add one")
            continue
        value = str(files[value[1:]]) if value.startswith("@") else value
        args += [param.opts[0], value] if is_option else [value]
    return args


def takes_store(name: str) -> bool:
    return any(param.name == "db_path" for param in main.commands[name].params)


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A plans folder, a store with a closed meeting and records, and a file of each kind."""
    from tests.conftest import MINIMAL_PLAN

    root = tmp_path_factory.mktemp("sound")
    plans = root / "plans"
    plans.mkdir()
    (plans / "demo.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    db = root / "steerco.db"
    with Service.open(db, plans) as service:
        m = service.start_meeting("demo", date(2026, 11, 12), "bob", ["bob", "ann"], [], [], "all")
        service.set_status(m, "1.1", "A", note="Venue late.")
        service.rate_risk(m, "R-1", 4, 2, "Grant at risk.")
        service.close_meeting(m)
    (root / "update.yaml").write_text(UPDATE_FILE, encoding="utf-8")
    status = root / "status.yaml"
    result = CliRunner().invoke(main, ["export-status", "demo", "-o", str(status), "--db", str(db),
                                       "--plans", str(plans)])
    assert result.exit_code == 0, result.output
    return {"root": root, "plans": plans, "db": db, "update-file": root / "update.yaml", "status-file": status,
            "plan-file": plans / "demo.yaml", "publish-dir": root / "published"}


@pytest.fixture(autouse=True)
def headless_apps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app commands run their app headless: it shows its first screen and is left at once
    (the store-problem screen's 'q'); the screens shown are recorded."""
    from textual.app import App

    shown: list[str] = []

    def run(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        async def drive() -> None:
            async with self.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                shown.append(type(self.screen).__name__)
                if type(self.screen).__name__ == "StoreProblemScreen":
                    await pilot.press("q")
                else:
                    self.exit()

        asyncio.run(drive())
        return self.return_value

    monkeypatch.setattr(App, "run", run)
    try:  # `steerco serve` checks the store, then would listen: never here
        from textual_serve.server import Server

        monkeypatch.setattr(Server, "serve", lambda self, debug=False: None)
    except ImportError:
        pass
    return shown


def digest(path: Path) -> str:
    """The store's bytes (a folder's names), and which files sit beside it."""
    if path.is_dir():
        return "folder:" + ",".join(sorted(os.listdir(path)))
    if not path.exists():
        return "missing"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def invoke(args: list[str], sound: dict[str, Path], db: Path) -> Result:
    names = {param.name for param in main.commands[args[0]].params}
    extra = [*(["--plans", str(sound["plans"])] if "plans_dir" in names and "--plans" not in args else []),
             *(["--db", str(db)] if "db_path" in names else [])]
    return CliRunner().invoke(main, [*args, *extra])


def assert_clean(result: Result, what: str) -> None:
    assert "Traceback" not in result.output, f"{what}: a traceback\n{result.output}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{what}: uncaught {result.exception!r}\n{result.output}") from result.exception


# -- the bad stores ---------------------------------------------------------------------------------


def immutable(path: Path) -> Callable[[], None]:
    made = shutil.which("chattr") and not subprocess.run(["chattr", "+i", str(path)], capture_output=True,
                                                          check=False).returncode
    if not made:
        pytest.skip("chattr +i is not supported here")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def read_only_mount(folder: Path) -> Callable[[], None]:
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True, check=False)
    if done.returncode:
        pytest.skip(f"no read-only bind mount here ({done.stderr.decode().strip()})")
    return lambda: subprocess.run(["umount", str(folder)], check=True)


def damage(path: Path) -> None:
    """Overwrite the store's pages past the first two with noise: the header and schema read,
    the tables do not."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(2 * page, len(data), page):
        data[start:start + page] = os.urandom(page)
    path.write_bytes(bytes(data))


KINDS = ["missing", "folder", "text", "noise", "other-app", "newer", "damaged", "read-only", "immutable",
         "read-only-fs", "locked", "network"]
# Kinds where a reading command may still read (exit 0) as long as nothing changes.
READABLE = {"read-only", "immutable", "read-only-fs", "locked"}


@pytest.fixture(params=KINDS)
def bad(request: pytest.FixtureRequest, sound: dict[str, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    kind = request.param
    folder = tmp_path / "place"
    folder.mkdir()
    path = folder / "steerco.db"
    undo: list[Callable[[], None]] = []
    if kind == "missing":
        path = folder / "no-such-folder" / "steerco.db"
    elif kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("id: demo\ntitle: a plan, not a store\n", encoding="utf-8")
    elif kind == "noise":
        path.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    elif kind == "other-app":
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        other.execute("INSERT INTO notes (body) VALUES ('mine')")
        other.commit()
        other.close()
    else:
        shutil.copy(sound["db"], path)
        if kind == "newer":
            conn = sqlite3.connect(path)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
            conn.close()
        elif kind == "damaged":
            damage(path)
        elif kind == "read-only":
            path.chmod(0o444)
        elif kind == "immutable":
            undo.append(immutable(path))
        elif kind == "read-only-fs":
            undo.append(read_only_mount(folder))
        elif kind == "locked":
            monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 50)
            holder = sqlite3.connect(path, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            undo.append(holder.close)
        elif kind == "network":
            real = opening.read_mountinfo()
            fake = f"{real}\n99 27 0:99 / {folder} rw,relatime - nfs4 server:/export rw,vers=4.2\n"
            monkeypatch.setattr(opening, "read_mountinfo", lambda: fake)
    try:
        yield kind, path
    finally:
        for step in reversed(undo):
            step()


def test_every_command_refuses_every_bad_store(bad: tuple[str, Path], sound: dict[str, Path],
                                               headless_apps: list[str]) -> None:
    kind, path = bad
    failures = []
    for name in commands():
        before, beside = digest(path), sorted(os.listdir(path.parent)) if path.parent.exists() else None
        result = invoke(arguments(name, sound), sound, path)
        what = f"`steerco {name}` on a {kind} store"
        assert_clean(result, what)
        made = kind == "missing" and path.exists()
        refused = ((result.exit_code in (1, 2) and str(path) in result.output)
                   or (name in APP_COMMANDS and headless_apps[-1:] == ["StoreProblemScreen"] and result.exit_code == 2))
        headless_apps.clear()
        if made:  # a writing command makes a missing store, and says so (the app, as it always has, by showing it)
            ok = result.exit_code in (0, 1) and (name in APP_COMMANDS or f"made a new store at {path}" in result.output)
            shutil.rmtree(path.parent)
        elif kind == "missing":  # a reading one refuses, or does without, and makes nothing
            ok = not path.parent.exists()
        else:
            ok = digest(path) == before
            if kind != "locked" and beside is not None and not path.is_dir():
                new = set(os.listdir(path.parent)) - set(beside) - {f"{path.name}-wal", f"{path.name}-shm"}
                ok = ok and all(".backup-" in name for name in new)
            if takes_store(name):
                ok = ok and (refused or (result.exit_code in (0, 1) and kind in READABLE))
        if not ok:
            failures.append(f"{what}: exit {result.exit_code}, store {'changed' if digest(path) != before else 'same'}"
                            f"\n    {result.output.strip()[-300:]}")
    assert not failures, "\n".join(failures)


# -- bad file arguments -----------------------------------------------------------------------------


def file_parameters(name: str) -> list[tuple[str, str]]:
    """(parameter, role) for each parameter of the command naming a file or folder: 'in' read,
    'out' written, 'folder' a folder read. PLAN arguments take a plan file's path too."""
    found = []
    for param in main.commands[name].params:
        if param.name == "db_path" or param.name is None:
            continue
        if param.name == "plan" or (isinstance(param.type, click.Path) and param.name == "files"):
            found.append((param.name, "in"))
        elif isinstance(param.type, click.Path):
            found.append((param.name, "folder" if param.name.endswith("_dir") and param.name != "out_dir"
                          else "out"))
    return found


def unreadable(path: Path) -> Path:
    """A file that exists but cannot be read: without the permission, or (root reads
    everything) a socket, which no one can open as a file."""
    if os.geteuid() != 0:
        path.write_text("secret", encoding="utf-8")
        path.chmod(0)
        return path
    import socket

    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()
    return path


def bad_files(tmp_path: Path) -> dict[str, dict[str, Path]]:
    place = tmp_path / "bad"
    place.mkdir()
    folder = place / "a-folder.yaml"
    folder.mkdir()
    binary = place / "binary.yaml"
    binary.write_bytes(b"\x00\xff\xfe binary \x80\x81" + os.urandom(64))
    locked_folder = place / "read-only-folder"
    locked_folder.mkdir()
    return {
        "in": {"missing": place / "missing.yaml", "folder": folder, "unreadable": unreadable(place / "socket.yaml"),
               "binary": binary},
        "folder": {"missing": place / "no-such-folder", "a file": binary,
                   "unreadable": unreadable(place / "socket-folder"), "binary": binary},
        "out": {"missing folder": place / "no-such-folder" / "out.txt", "folder": folder,
                "under a file": binary / "out.txt", "read-only folder": locked_folder / "out.txt"},
    }


def test_every_command_refuses_every_bad_file(sound: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "steerco.db"
    shutil.copy(sound["db"], db)
    kinds = bad_files(tmp_path)
    undo = immutable_folder(tmp_path / "bad" / "read-only-folder")
    failures = []
    try:
        for name in commands():
            for param, role in file_parameters(name):
                for kind, bad in kinds[role].items():
                    before = digest(db)
                    args = arguments(name, sound, {param: str(bad)})
                    result = invoke(args, sound, db)
                    if role == "folder" and kind == "missing":
                        shutil.rmtree(bad, ignore_errors=True)  # publish -o makes the folder it writes into
                    what = f"`steerco {name}` with {param} {kind} ({bad.name})"
                    assert_clean(result, what)
                    left = [p.name for p in (tmp_path / "bad").rglob("*.part")]
                    # a command that reads the plan from the store (minutes) may do without the plans folder
                    refused = result.exit_code in (1, 2) or (role == "folder" and result.exit_code == 0)
                    if not refused or digest(db) != before or left:
                        failures.append(f"{what}: exit {result.exit_code}{', store changed' * (digest(db) != before)}"
                                        f"{', left ' + str(left) if left else ''}\n    {result.output.strip()[-300:]}")
    finally:
        undo()
    assert not failures, "\n".join(failures)


def immutable_folder(folder: Path) -> Callable[[], None]:
    """A folder no file can be made in, even by root (chattr +i), else one without write permission."""
    if shutil.which("chattr") and not subprocess.run(["chattr", "+i", str(folder)], capture_output=True,
                                                     check=False).returncode:
        return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o555)
    return lambda: folder.chmod(0o755)


# -- an empty file, a damaged page under a write, every -o ------------------------------------------


def makes_a_missing_store(name: str, sound: dict[str, Path], tmp_path: Path) -> bool:
    """Whether the command makes a store where none is (a writer), found by running it."""
    path = tmp_path / f"probe-{name}" / "steerco.db"
    invoke(arguments(name, sound), sound, path)
    made = path.exists()
    shutil.rmtree(path.parent, ignore_errors=True)
    return made


def test_an_empty_file_is_refused_by_every_reader_and_left_as_it_is(sound: dict[str, Path], tmp_path: Path,
                                                                   headless_apps: list[str]) -> None:
    failures = []
    for name in (n for n in commands() if takes_store(n) and n not in APP_COMMANDS):
        writer = makes_a_missing_store(name, sound, tmp_path)
        empty = tmp_path / f"empty-{name}.db"
        empty.write_bytes(b"")
        result = invoke(arguments(name, sound), sound, empty)
        assert_clean(result, f"`steerco {name}` on an empty file")
        if writer:
            continue  # an empty file is a new store to a writer, as a missing one is
        told = "holds no store yet (an empty file)" in result.output
        if result.exit_code != 2 or not told or empty.stat().st_size or len(os.listdir(tmp_path)) > len(commands()):
            failures.append(f"`steerco {name}`: exit {result.exit_code}, {empty.stat().st_size} bytes\n"
                            f"    {result.output.strip()[-200:]}")
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(f"empty-{name}.db-")], name
    assert not failures, "\n".join(failures)


def leaf_pages(db: Path, name: str) -> list[int]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                               "ORDER BY pageno", [name])]
    finally:
        conn.close()


def overwrite_page(db: Path, page: int) -> None:
    with db.open("r+b") as out:
        out.seek((page - 1) * 4096)
        out.write(os.urandom(4096))


def test_a_damaged_page_under_record_says_what_was_recorded(sound: dict[str, Path], tmp_path: Path) -> None:
    """An old page of `updates` damaged: the new row is written and committed, the read after it fails. The
    line says the update was recorded; it says nothing was changed only where the count did not change."""
    base = tmp_path / "many.db"
    with Service.open(base, sound["plans"]) as service:
        plan = service.plan("demo")
        for _ in range(300):
            service.record_update(plan, "1.1", "A", "n" * 200, "Ann Officer")
    conn = sqlite3.connect(base)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    seen = set()
    for page in leaf_pages(base, "updates")[:-1] + leaf_pages(base, "updates_by_action")[:2]:
        db = tmp_path / "copy.db"
        shutil.copy(base, db)
        overwrite_page(db, page)
        result = CliRunner().invoke(main, ["record", "demo", "1.1", "--rag", "G", "--note", "z", "--by", "ann",
                                           "--db", str(db), "--plans", str(sound["plans"])])
        assert_clean(result, f"record with page {page} damaged")
        after = sqlite3.connect(db)
        try:
            count: int | None = after.execute("SELECT max(id) FROM updates").fetchone()[0]
        except sqlite3.DatabaseError:
            count = None
        after.close()
        if "nothing was changed" in result.output:
            assert result.exit_code == 2 and count in (None, 300), (page, result.output)
            seen.add("refused")
        elif "the update was recorded (update 301), but then" in result.output:
            assert result.exit_code == 2 and "is damaged" in result.output, result.output
            assert count in (None, 301)
            seen.add("recorded")
        else:
            assert result.exit_code == 0 and count == 301, (page, result.output)
    assert "recorded" in seen, seen


def output_options(name: str) -> list[click.Parameter]:
    return [p for p in main.commands[name].params if isinstance(p, click.Option) and "-o" in p.opts]


def test_every_output_option_is_refused_in_one_wording(sound: dict[str, Path], tmp_path: Path) -> None:
    """A folder, a missing folder and a file for a folder: 'cannot write PATH: REASON' (storage/store/files.py's
    FileWriteError) for every -o, exit 2, and no missing folder made."""
    db = tmp_path / "steerco.db"
    shutil.copy(sound["db"], db)
    place = tmp_path / "out"
    place.mkdir()
    (place / "a-folder").mkdir()
    (place / "a-file").write_text("x", encoding="utf-8")
    missing = place / "no" / "such"
    targets = {"folder": (place / "a-folder", "it is a folder"),
               "missing folder": (missing / "x.txt", f"the folder {missing} does not exist"),
               "under a file": (place / "a-file" / "x.txt", "is a file, not a folder")}
    checked, failures = [], []
    for name in commands():
        for option in output_options(name):
            for kind, (target, reason) in targets.items():
                if option.name in ("out_dir", "publish_dir") and kind == "folder":
                    continue  # a folder is what it takes
                args = [*arguments(name, sound), "-o", str(target)]
                result = invoke(args, sound, db)
                assert_clean(result, f"`steerco {name} -o` {kind}")
                checked.append(name)
                if (result.exit_code != 2 or "cannot write " not in result.output or reason not in result.output
                        or "Usage:" in result.output or (place / "no").exists()):
                    failures.append(f"`steerco {name} -o` {kind}: exit {result.exit_code}\n    {result.output.strip()}")
                shutil.rmtree(place / "no", ignore_errors=True)
    assert {"minutes", "actions", "backup", "chase", "schema"} <= set(checked), checked
    assert not failures, "\n".join(failures)
