"""Commands that open the Textual app."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from steerco.cli_common import InputError, db_option, plans_option, require_plan, resolve_db, resolve_plans


def run_app(db_path: Path | None, plans_dir: Path | None, *, plan: str | None = None,
            start_meeting: bool = False) -> None:
    from steerco.paths import settings
    from tui.app import make_app
    from tui.screens.store_problem import StoreProblemApp

    app = make_app(db_path=resolve_db(db_path), plans_dir=resolve_plans(plans_dir), plan=plan,
                   start_meeting=start_meeting, settings=settings())
    if isinstance(app, StoreProblemApp) and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError(app.problem)  # no terminal to show its screen on: the one line, exit 2
    app.run()
    if app.return_code:  # the store could not be used: the app said why on a screen of its own
        raise SystemExit(app.return_code)


def register(group: click.Group) -> None:
    """Commands that open the app."""

    @group.command("meeting")
    @click.argument("plan")
    @db_option
    @plans_option
    def meeting(plan: str, db_path: Path | None, plans_dir: Path | None) -> None:
        """Run a meeting of PLAN (id or file): set it up, or resume the open one where it stopped."""
        the_plan = require_plan(plans_dir, plan)
        as_path = Path(plan)
        if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
            plans_dir = as_path.resolve().parent
        run_app(db_path, plans_dir, plan=the_plan.id, start_meeting=True)
