"""The way back and the chase: export-status, import-status, chase (docs/update-file.md)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from steerco.cli_common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    InputError,
    db_option,
    echo_import_reports,
    echo_json,
    json_option,
    open_service,
    plans_option,
    require_plan,
    store_for_import,
)
from steerco.cli_updates import valid_plans, write_text
from storage.service import counted, is_off_scale, make_folder, off_scale_words, write_file


@click.command("export-status")
@click.argument("plan")
@click.option("--meeting", "meeting_id", type=int, default=None, metavar="ID",
              help="The meeting, by number (as `steerco minutes --meeting` takes it); default: the last closed.")
@click.option("--for", "for_name", default=None, metavar="NAME",
              help="Only the items and actions arising NAME owns (a person id or name on the roster).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The status file to write (default: standard output).")
@db_option
@plans_option
def export_status(plan: str, meeting_id: int | None, for_name: str | None, output: Path | None,
                  db_path: Path | None, plans_dir: Path | None) -> None:
    """Write the position agreed at a meeting as a status file, for officers.

    Each action's agreed status and each risk's agreed rating, with its note and the
    date of the meeting that agreed it, and the actions arising. The officer takes it
    into their own store with `steerco import-status`.
    """
    loaded = require_plan(plans_dir, plan)
    with open_service(db_path, plans_dir, write=False) as service:
        try:
            text, items, arising = service.export_status(loaded.id, meeting_id, for_name)
        except LookupError as exc:
            raise InputError(str(exc.args[0])) from None
    write_text(text, output)
    if output is not None and str(output) != "-":
        click.echo(f"wrote {counted(items, 'item')} and {counted(arising, 'action')} arising to {output}", err=True)


@click.command("import-status")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report; store nothing.")
@db_option
@plans_option
@json_option
def import_status(files: tuple[Path, ...], dry_run: bool, db_path: Path | None, plans_dir: Path | None,
                  as_json: bool) -> None:
    """Take the chair's status files into your store: the position each meeting agreed.

    Officer mode and `steerco template` then show it beside your own updates. Each
    file is taken whole or not at all; the same file twice adds nothing. Exit 0 when
    everything was taken, 1 when all was taken but something was warned about, 2 when a
    file was refused or cannot be read (the other files are still taken).
    """
    plans = {p.id: p for p in valid_plans(plans_dir, None)}
    with store_for_import(db_path, plans_dir, dry_run=dry_run, officer=True) as service:
        reports = service.import_status_files(list(files), plans, dry_run=dry_run)
    echo_import_reports(reports, dry_run=dry_run, as_json=as_json)


@click.command()
@click.argument("plan")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Items with no update since this date (YYYY-MM-DD); default: since the last meeting closed.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Write, per owner, a pre-filled update file and a message to paste into an email.")
@db_option
@plans_option
@json_option
def chase(plan: str, since: datetime | None, out_dir: Path | None, db_path: Path | None, plans_dir: Path | None,
          as_json: bool) -> None:
    """List, per owner, the items with no update since the last meeting.

    An item counts as updated by a status set or a risk re-rated in this store, or an
    officer's proposal written since. With -o DIR, one update file per owner
    (PLAN-PERSON.yaml: their items, the status last agreed filled in) and a short
    message (PLAN-PERSON.txt). Nothing is sent. Exit 0 when nothing is waiting, 1
    when some items are, 2 on bad input.
    """
    loaded = require_plan(plans_dir, plan)
    with open_service(db_path, plans_dir, write=False) as service:
        found = service.chase(loaded.id, since.date() if since else None)
        files = service.chase_files(found, datetime.now(UTC)) if out_dir is not None else []
    written: list[str] = []
    if out_dir is not None:
        try:
            make_folder(out_dir)  # not the folders above it, which every -o refuses when missing
            for person, update_file, message in files:
                for suffix, text in ((".yaml", update_file), (".txt", message)):
                    target = out_dir / f"{loaded.id}-{person.id}{suffix}"
                    write_file(target, text)
                    written.append(str(target))
        except OSError as exc:  # a FileWriteError is StoreErrors' one line, exit 2
            raise InputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    code = EXIT_PROBLEMS if found.count else EXIT_OK
    if as_json:
        echo_json({**found.as_dict(), "files": written, "exit_code": code})
        sys.exit(code)
    from storage.service.status_files import since_words

    click.echo(f"{loaded.id}: {found.count} item{'s' * (found.count != 1)} with no update {since_words(found)}")
    codes = {s.code for s in loaded.rag_scale}
    for person, items in found.owners:
        click.echo(f"\n{person.name} ({person.id}): {len(items)}")
        for c in items:
            rag = c.agreed.rag if c.agreed else None
            shown = off_scale_words(rag) if rag and is_off_scale(rag, codes) else rag
            agreed = f"  [{shown or f'{c.agreed.impact}x{c.agreed.likelihood}'}]" if c.agreed else ""
            late = f" {c.overdue_words}" if c.late else ""
            click.echo(f"  {c.kind} {c.item.id}" + (f"  deadline: {c.due}" if c.due else "") + late + agreed)
    if found.unowned:
        click.echo(f"\nNobody on the roster to chase: {len(found.unowned)}")
        for c in found.unowned:
            click.echo(f"  {c.kind} {c.item.id}" + (f" {c.overdue_words}" if c.late else "") + f"  ({c.unchased})")
    for path in written:
        click.echo(f"wrote {path}", err=True)
    sys.exit(code)


def register(group: click.Group) -> None:
    for command in (export_status, import_status, chase):
        group.add_command(command)
