"""Commands that open the Textual app."""

from __future__ import annotations

from pathlib import Path

import click

from steerco.cli_common import resolve_db, resolve_plans


def run_app(db_path: Path | None, plans_dir: Path | None) -> None:
    from tui.app import make_app

    make_app(db_path=resolve_db(db_path), plans_dir=resolve_plans(plans_dir)).run()


def register(group: click.Group) -> None:
    """Commands that open the app are added here as screens land."""
