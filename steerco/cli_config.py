"""`steerco config path|check|init`: the settings file (steerco/settings.py, tui/keymap.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from steerco import paths
from steerco.cli_common import EXIT_INPUT, EXIT_OK, EXIT_PROBLEMS, InputError, echo_json, json_option

if TYPE_CHECKING:
    from steerco.settings import Loaded, Problem
    from storage.plan.model import RagStatus


@click.group("config")
def config() -> None:
    """The settings file: default plans folder and store, minutes folder, time zone, theme and keymap.

    It is settings.toml in the user config folder, or the file $STEERCO_CONFIG names. A
    command-line option beats an environment variable, which beats the file, which beats the
    default.
    """


@config.command("path")
def path() -> None:
    """Print where the settings file is (or would be): $STEERCO_CONFIG, else the user config folder."""
    click.echo(str(paths.config_file()))


@config.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@json_option
def check(file: Path | None, as_json: bool) -> None:
    """Check the settings file (or FILE): every problem as file:line: severity: message.

    Errors: not TOML, an unknown setting or a wrong type (the file is then not used at all:
    every setting is its default); an unknown theme, binding id or a key Textual cannot name
    (the app starts with its own theme and keys); an unknown time zone (commands that show
    times refuse it). Warnings: a folder that does not exist, a key the keymap takes from
    another binding on the same screen (the walk-through's status keys as each plan of the plans
    folder has them: 1 2 3 4 on a scale N/P/D/C), a status key whose code no plan there has.
    Exit 0 when clean (or there is no file), 1 when there are warnings only, 2 when there are errors.
    """
    from steerco import settings as settings_file
    from storage.service import counted
    from tui.keymap import check as check_textual

    target = file or paths.config_file()
    loaded = settings_file.read(target)
    if file is not None and not loaded.exists:
        raise InputError(f"{file}: no such file")
    problems = list(loaded.problems)
    app_errors = 0
    if loaded.exists:
        textual_problems = check_textual(loaded, scales=_scales(loaded))
        app_errors = sum(p.severity == "error" for p in textual_problems)
        problems = sorted(problems + _zone_and_folders(loaded) + textual_problems, key=lambda p: p.line)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    if as_json:
        echo_json({"file": str(target), "exists": loaded.exists, "errors": errors, "warnings": warnings,
                   "problems": [p.as_dict() for p in problems]})
    elif not loaded.exists:
        click.echo(f"no settings file at {target}: the defaults apply (`steerco config init` writes an example)")
    else:
        for problem in problems:
            click.echo(str(problem))
        used = ("not used: every setting is its default" if loaded.errors else
                "the app starts with its own theme and keys" if app_errors else "fix the errors" if errors else "used")
        click.echo(f"{target}: {counted(errors, 'error')}, {counted(warnings, 'warning')} ({used})")
    sys.exit(EXIT_INPUT if errors else EXIT_PROBLEMS if warnings else EXIT_OK)


@config.command("init")
def init() -> None:
    """Write a commented example settings file where `config path` says, if there is none yet."""
    from steerco.settings import EXAMPLE

    target = paths.config_file()
    if target.exists():
        raise InputError(f"{target} already exists; edit it, or remove it first for a fresh example")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(EXAMPLE, encoding="utf-8")
    click.echo(f"wrote {target} (every setting commented out: the defaults apply until you change one)")


def _scales(loaded: Loaded) -> dict[str, Sequence[RagStatus]]:
    """Each plan's status scale, of the plans folder the app opens with this file ($STEERCO_PLANS,
    else its `plans`, else the bundled plans): what the status keys are checked against. None
    read when the keymap is empty; a plan that does not load is left out (`steerco validate` tells)."""
    if not loaded.given.keymap:
        return {}
    from storage.service.plans import valid_plans

    env = os.environ.get("STEERCO_PLANS")
    folder = Path(env) if env else loaded.given.plans or paths.bundled_plans()
    return {plan.id: plan.rag_scale for plan in valid_plans(folder)} if folder.is_dir() else {}


def _zone_and_folders(loaded: Loaded) -> list[Problem]:
    """The time zone (storage's rule for naming one) and the folders, as they are on this machine."""
    from storage.service import UnknownZone, time_zone

    problems = []
    settings = loaded.given
    if settings.time_zone is not None:
        try:
            time_zone(settings.time_zone)
        except UnknownZone as exc:
            problems.append(loaded.problem("error", f"time_zone: {exc}", "time_zone"))
    if settings.plans is not None and not settings.plans.is_dir():
        problems.append(loaded.problem("warning", f"plans: no folder at {settings.plans}", "plans"))
    if settings.store is not None and settings.store.is_dir():
        problems.append(loaded.problem("error", f"store: {settings.store} is a folder; name the .db file", "store"))
    return problems


def register(group: click.Group) -> None:
    group.add_command(config)
