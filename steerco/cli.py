"""The `steerco` command: a thin click layer over storage/ (and tui/ for the app)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from steerco import __version__, cli_plans, paths
from steerco.cli_common import StoreErrors, db_option, plans_option


@click.group(cls=StoreErrors, invoke_without_command=True)
@click.version_option(__version__, prog_name="steerco")
@db_option
@plans_option
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, plans_dir: Path | None) -> None:
    """Run the governance meeting of a partnership delivery plan.

    With no command, opens the app on the plans folder and the default store.
    """
    if ctx.invoked_subcommand != "config" and (settings := paths.settings()) is not None and settings.errors:
        click.echo(f"steerco: settings file not used: {settings.unused_said()}", err=True)  # `config check` says all
    if ctx.invoked_subcommand is None:
        from steerco.cli_app import run_app

        run_app(db_path, plans_dir)


cli_plans.register(main)

from steerco import cli_app  # noqa: E402

cli_app.register(main)

from steerco import cli_store  # noqa: E402

cli_store.register(main)

from steerco import cli_updates  # noqa: E402

cli_updates.register(main)

from steerco import cli_status_files  # noqa: E402

cli_status_files.register(main)

from steerco import cli_minutes  # noqa: E402

cli_minutes.register(main)

from steerco import cli_backup  # noqa: E402

cli_backup.register(main)

from steerco import cli_proposals  # noqa: E402

cli_proposals.register(main)

from steerco import cli_meetings  # noqa: E402

cli_meetings.register(main)

from steerco import cli_config  # noqa: E402

cli_config.register(main)

from steerco import cli_publish  # noqa: E402

cli_publish.register(main)

from steerco import cli_serve  # noqa: E402

cli_serve.register(main)

from steerco import cli_pack  # noqa: E402

cli_pack.register(main)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
