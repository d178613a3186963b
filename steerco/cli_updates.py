"""Officers' update files: update (officer mode), export-updates, template, import-updates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from steerco.cli_common import (
    InputError,
    db_option,
    echo_import_reports,
    json_option,
    open_officer,
    plans_option,
    require_plan,
    resolve_db,
    resolve_plans,
    store_for_import,
)

as_option = click.option("--as", "name", required=True, metavar="NAME",
                         help="The officer: a person id or name on the plan's roster, or an unambiguous part "
                              "of one (any case): 'Adrian Roberts' for 'Ch. Insp Adrian Roberts'.")


def valid_plans(plans_dir: Path | None, plan: str | None) -> list[Any]:
    """PLAN alone, or every plan in the plans folder that loads cleanly."""
    if plan is not None:
        return [require_plan(plans_dir, plan)]
    from storage.service.plans import valid_plans as loaded

    return list(loaded(resolve_plans(plans_dir)))


def require_person(plans: list[Any], name: str) -> str:
    """The roster id of the person NAME names on these plans (`resolve_person`: an id, a name or
    an unambiguous part of one, any case); exit 2 listing the closest roster entries if none does."""
    from storage.service.plans import UnknownPerson, resolve_person

    try:
        return str(resolve_person(plans, name).id)
    except UnknownPerson as exc:
        raise InputError(str(exc)) from None


def write_text(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from storage.service import write_file

    write_file(output, text)  # atomically; a FileWriteError is StoreErrors' one line, exit 2


@click.command()
@as_option
@click.argument("plan", required=False)
@db_option
@plans_option
def update(name: str, plan: str | None, db_path: Path | None, plans_dir: Path | None) -> None:
    """Officer mode: record updates on the actions and risks NAME owns.

    Lists only NAME's items (across every plan, or PLAN), with the status known in
    this store, and a form for the proposed status, update note and risk rating. Each
    save is written to this store (--db) at once; send them to the chair with
    `steerco export-updates`.
    """
    from storage.service.officer import owned_items

    plans = valid_plans(plans_dir, plan)
    name = require_person(plans, name)
    items = owned_items(plans, name)
    if not items:
        raise InputError(f"{name} owns no actions or risks in {', '.join(p.id for p in plans)}")
    from tui.officer_app import make_officer_app

    with open_officer(db_path) as service:
        from steerco.paths import settings

        make_officer_app(service=service, items=items, settings=settings()).run()


@click.command("export-updates")
@as_option
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only updates recorded on or after this date (YYYY-MM-DD).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The update file to write (default: standard output).")
@db_option
@plans_option
def export_updates(name: str, since: datetime | None, output: Path | None, db_path: Path | None,
                   plans_dir: Path | None) -> None:
    """Write NAME's updates and risk ratings from this store as an update file.

    Takes what NAME recorded in officer mode or on the command line (not meeting
    records). Send the file to the chair; importing it twice adds nothing.
    """
    plans = valid_plans(plans_dir, None)
    name = require_person(plans, name)
    with open_officer(db_path, write=False) as service:
        text, count = service.export(plans, name, since.date() if since else None, datetime.now(UTC))
    write_text(text, output)
    if output is not None and str(output) != "-":
        click.echo(f"wrote {count} entr{'y' if count == 1 else 'ies'} to {output}", err=True)


@click.command()
@as_option
@click.argument("plan")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The file to write (default: standard output).")
@db_option
@plans_option
def template(name: str, plan: str, output: Path | None, db_path: Path | None, plans_dir: Path | None) -> None:
    """Write an update file for NAME to fill in by hand, listing their actions and risks.

    Status and note are left blank, with comments saying what to write and the
    statuses allowed; items left blank are skipped when the chair imports the file.
    When the store (--db) knows the position the last meeting agreed on an item (a
    status file taken in with `steerco import-status`, or the chair's own meetings),
    a comment under the item says it.
    """
    from storage.service.officer import template_text

    loaded = require_plan(plans_dir, plan)
    name = require_person([loaded], name)
    if resolve_db(db_path).exists():
        with open_officer(db_path, write=False) as service:
            text = service.template(loaded, name, datetime.now(UTC))
    else:
        text = template_text(loaded, name, datetime.now(UTC))
    if text is None:
        raise InputError(f"no one called {name!r} is on the roster of plan {loaded.id}")
    write_text(text, output)


@click.command("import-updates")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report; store nothing.")
@click.option("--accept-non-owner", is_flag=True,
              help="Take entries whose author does not own the item (reported as warnings).")
@db_option
@plans_option
@json_option
def import_updates(files: tuple[Path, ...], dry_run: bool, accept_non_owner: bool, db_path: Path | None,
                   plans_dir: Path | None, as_json: bool) -> None:
    """Import officers' update files as proposals for the next meeting.

    Every entry is checked: the plan and item exist, the status is in the plan's
    scale, ratings are 1 to 5, the author owns the item. Each file is taken whole or
    not at all; the same file or entry twice adds nothing. An entry written before a
    proposal on its item that a meeting already settled is taken as superseded (the chair
    will not be asked) and warned about. Exit 0 when everything was taken, 1 when all was
    taken but something was warned about, 2 when a file was refused or cannot be read (the
    other files are still taken: fix that one and import them all again).
    """
    plans = {p.id: p for p in valid_plans(plans_dir, None)}
    with store_for_import(db_path, plans_dir, dry_run=dry_run) as service:
        reports = service.import_update_files(list(files), plans, dry_run=dry_run, accept_non_owner=accept_non_owner)

    def details(r: Any) -> tuple[str, str]:
        arrived = (f" ({r.superseded_on_arrival} superseded on arrival: the chair will not be asked)"
                   if r.superseded_on_arrival and not (r.fatal or r.errors) else "")
        return arrived, f", left blank {r.blank}" if r.blank else ""

    echo_import_reports(reports, dry_run=dry_run, as_json=as_json, details=details)


def register(group: click.Group) -> None:
    for command in (update, export_updates, template, import_updates):
        group.add_command(command)

