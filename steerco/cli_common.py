"""What every command shares: the --db, --plans and --json options, exit codes, plan lookup,
and opening the service (storage/service/) a command works through."""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from steerco import paths

if TYPE_CHECKING:
    from storage.service.officer import OfficerService
    from storage.service.service import Service

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


class InputError(click.ClickException):
    """Bad input from the user (unknown plan, action, value): exit 2, nothing written."""

    exit_code = EXIT_INPUT


# The global options are accepted before the command (`steerco --db X status`) and after it
# (`steerco status --db X`), with one precedence: the flag (after the command, then before it),
# then the environment variable, then the default. The variables are read in steerco/paths.py,
# not by click: a variable bound to both places would fill the command's own option and beat a
# flag given before the command.

def db_option(func: F) -> F:
    return click.option(
        "--db", "db_path", type=click.Path(path_type=Path), default=None,  # a folder: one line from Store.open
        help="The SQLite store [env: STEERCO_DB; default: steerco.db in the user data folder].",
    )(func)


def plans_option(func: F) -> F:
    return click.option(
        "--plans", "plans_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="The folder of plan files [env: STEERCO_PLANS; default: the bundled plans].",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of a table.")(func)


def _from_group(name: str) -> Path | None:
    """The same option given before the command (`steerco --db X status`), if any."""
    ctx = click.get_current_context(silent=True)
    return None if ctx is None else ctx.find_root().params.get(name)


def resolve_db(db_path: Path | None) -> Path:
    return db_path or _from_group("db_path") or paths.default_db()


def resolve_plans(plans_dir: Path | None) -> Path:
    return plans_dir or _from_group("plans_dir") or paths.default_plans()


def require_loaded(plans_dir: Path | None, ref: str) -> Any:
    """The LoadedPlan of the valid plan PLAN (id or path), or exit 2 with every problem listed."""
    from storage.service.plans import PlanNotFound, find_plan

    try:
        loaded = find_plan(resolve_plans(plans_dir), ref)
    except PlanNotFound as exc:
        raise InputError(str(exc)) from None
    if loaded.plan is None or loaded.errors:
        for problem in loaded.errors:
            click.echo(str(problem), err=True)
        raise InputError(f"plan {ref!r} has errors; run `steerco validate {loaded.path}`")
    return loaded


def require_plan(plans_dir: Path | None, ref: str) -> Any:
    """The valid plan PLAN (id or path), or exit 2 with every problem listed."""
    return require_loaded(plans_dir, ref).plan


def require_outline(plans_dir: Path | None, ref: str) -> Any:
    """The outline of the valid plan PLAN (storage/cache/outline.py): from the plan cache when
    it holds one for the file as it is, else by loading the plan (exit 2 on its problems)."""
    from storage.service.reports import plan_outline

    return plan_outline(resolve_plans(plans_dir), ref, lambda: require_loaded(plans_dir, ref))


def open_service(db_path: Path | None, plans_dir: Path | None, *, write: bool = True) -> Service:
    """The chair's service on the store at --db and the plans folder, or exit 2 with the
    reason the store cannot be opened. A command that only reads passes `write=False`: a
    missing store is refused (none is made) and a read-only one is read."""
    from storage.service.service import Service

    path = _store_path(db_path)
    return _said_if_made(path, lambda: Service.open(path, resolve_plans(plans_dir), write=write))


def open_officer(db_path: Path | None, *, write: bool = True) -> OfficerService:
    """An officer's service on their store at --db, or exit 2 with the reason it cannot be opened."""
    from storage.service.officer import OfficerService

    path = _store_path(db_path)
    return _said_if_made(path, lambda: OfficerService.open(path, write=write))


@contextlib.contextmanager
def store_for_import(db_path: Path | None, plans_dir: Path | None, *, dry_run: bool,
                     officer: bool = False) -> Iterator[Any]:
    """The service an import (`import-updates`, or an officer's `import-status`) works through.
    A dry run on a store not made yet is checked against an empty one in a scratch folder, and
    makes none (not even its folder)."""
    store = resolve_db(db_path)
    if not dry_run or store.exists():
        with open_officer(db_path) if officer else open_service(db_path, plans_dir) as service:
            yield service
        return
    click.echo(f"steerco: no store at {store} yet: checked as against an empty one; none made", err=True)
    from storage.service.officer import OfficerService
    from storage.service.service import Service

    with tempfile.TemporaryDirectory() as scratch:
        scratch_db = Path(scratch) / "steerco.db"
        opened = OfficerService.open(scratch_db) if officer else Service.open(scratch_db, resolve_plans(plans_dir))
        with opened as service:
            yield service


def echo_import_reports(reports: Sequence[Any], *, dry_run: bool, as_json: bool,
                        details: Callable[[Any], tuple[str, str]] = lambda r: ("", "")) -> NoReturn:
    """Say what an import of files took, file by file (or as JSON), and exit with the worst file's
    code (`FileReport.exit_code`): 0 when everything was taken, 1 when all was taken but something
    was warned about, 2 when a file was refused or cannot be read (even if other files were taken).
    `details(report)`: what to add after the count taken and after the count refused."""
    code = max(r.exit_code for r in reports)
    if as_json:
        echo_json({"dry_run": dry_run, "exit_code": code, "files": [r.as_dict() for r in reports]})
        sys.exit(code)
    for r in reports:
        for problem in ([r.fatal] if r.fatal else []) + r.problems:
            click.echo(str(problem))
        verb = "would take" if dry_run else "taken"
        state = "unreadable, nothing taken" if r.fatal else "refused, nothing taken" if r.errors else r.note
        after_taken, after_refused = details(r)
        click.echo(f"{r.name}: {verb} {r.taken}{after_taken}, already present {r.already}, refused {r.refused}"
                   + after_refused + (f" ({state})" if state else ""))
    sys.exit(min(code, EXIT_INPUT))


T = TypeVar("T")


def _store_path(db_path: Path | None) -> Path:
    path = resolve_db(db_path)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta["steerco.store"] = path  # named by StoreErrors.invoke's messages
    return path


def _said_if_made(path: Path, opening: Callable[[], T]) -> T:
    """`opening()`, exit 2 on its StoreError, and a line on stderr if it made a new store."""
    from storage.service import StoreError

    existed = path.exists()
    try:
        opened = opening()
    except StoreError as exc:
        raise InputError(str(exc)) from None
    if not existed:
        click.echo(f"steerco: made a new store at {path}", err=True)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta["steerco.service"] = opened  # its store words StoreErrors.invoke's messages
    return opened


class StoreErrors(click.Group):
    """The steerco group: whatever command runs, a store or file it cannot use is one line on
    stderr and exit 2, never a traceback (SQLite's errors are worded by the store's rule)."""

    def invoke(self, ctx: click.Context) -> Any:
        from storage.service import FileWriteError, StoreError, describe_sqlite_error

        try:
            return super().invoke(ctx)
        except (StoreError, FileWriteError) as exc:
            raise InputError(str(exc)) from None
        except click.exceptions.Exit:
            raise
        except BrokenPipeError:
            _reader_gone()
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise InputError(f"{where}{exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"a file given is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except Exception as exc:
            service = ctx.meta.get("steerco.service")
            said = (service.describe_error(exc) if service is not None
                    else describe_sqlite_error(Path(ctx.meta.get("steerco.store") or resolve_db(None)), exc))
            if said is None:
                raise
            raise InputError(said) from None


def inert_text(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback for a text the store will keep (a note): refused, exit 2, when it holds a
    control character or a bidirectional override, as update files refuse them (the inert rule)."""
    from storage.service.exchange_files import unsafe_character

    if value and (problem := unsafe_character(value)):
        raise click.BadParameter(f"holds {problem}; a note may hold no control characters or bidirectional "
                                 "overrides (line breaks and tabs are fine)")
    return value


def _reader_gone() -> None:
    """The reader of stdout has gone (`steerco status --json | head`): stop quietly with exit 1,
    as rich's console does for the tables (`Console.on_broken_pipe`). stdout is pointed at
    devnull first, so that Python's flush at exit does not fail again (Python's documentation,
    'Note on SIGPIPE')."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_PROBLEMS)


def echo_json(data: Any) -> None:
    """One line of compact JSON (UTF-8, as SQLite writes `status`), in one write.

    Compact because `indent` forces the pure-Python encoder, ~4× slower (0.2 s for the
    5 MB of `status --json` on 10,000 actions). Pipe into `jq` or `python -m json.tool`
    to read it.
    """
    echo_bytes(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode())


def echo_bytes(*parts: bytes) -> None:
    """`parts` (UTF-8 text) and a newline on stdout: straight to the byte stream under
    stdout when stdout encodes UTF-8 anyway (4 MB decoded and encoded again cost ~15 ms),
    else through stdout's own encoding, as `print` would."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None or not _is_utf8(getattr(out, "encoding", None)):
        out.write(b"".join(parts).decode() + "\n")
        return
    out.flush()
    for part in (*parts, b"\n"):
        buffer.write(part)


def _is_utf8(encoding: str | None) -> bool:
    try:
        return encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False
