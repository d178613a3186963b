"""`steerco backup` and `steerco check`: a checked copy of the store, and what is wrong with one."""

from __future__ import annotations

from pathlib import Path

import click

from steerco.cli_common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    InputError,
    db_option,
    echo_json,
    json_option,
    plans_option,
    resolve_db,
    resolve_plans,
)


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The backup file to make (a new file; default: <store>.backup-YYYYMMDD-HHMMSS.db beside it).")
@db_option
def backup(output: Path | None, db_path: Path | None) -> None:
    """Copy the store to a new file, consistently even while the app or an import is writing
    to it, and check the copy (integrity_check) before saying it is done."""
    from storage.service import StoreError
    from storage.service.store_care import backup_store

    try:
        made = backup_store(resolve_db(db_path), output)
    except StoreError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"Backed up {resolve_db(db_path)} to {made.target} ({made.size:,} bytes, integrity ok)")


@click.command()
@db_option
@plans_option
@json_option
def check(db_path: Path | None, plans_dir: Path | None, as_json: bool) -> None:
    """Check the store: integrity, foreign keys (orphaned rows), schema version, the
    append-only triggers, and statuses that are not on their plan's scale (a code the plan
    file's scale has since renamed or dropped; plans from --plans). Changes nothing. Exit 0
    sound, 1 problems found, 2 not a usable store."""
    from storage.service import StoreError
    from storage.service.plans import valid_plans
    from storage.service.store_care import check_store

    try:
        health, off = check_store(resolve_db(db_path), valid_plans(resolve_plans(plans_dir)))
    except StoreError as exc:
        raise InputError(str(exc)) from None
    if as_json:
        echo_json({"store": str(health.path), "schema": health.version, "ok": not health.problems,
                   "problems": health.problems, "rows": health.counts,
                   "off_scale": [{"plan": o.plan_id, "action": o.action_id, "status": o.code, "scale": list(o.scale),
                                  "proposal": o.proposal} for o in off]})
    else:
        rows = sum(health.counts.values())
        click.echo(f"{health.path}: schema {health.version}, {len(health.counts)} tables, {rows:,} rows")
        for problem in health.problems:
            click.echo(f"  problem: {problem}")
        click.echo("ok: integrity, foreign keys, schema, append-only triggers and statuses all sound"
                   if not health.problems else f"{len(health.problems)} problem(s) found; see docs/store.md")
    raise SystemExit(EXIT_PROBLEMS if health.problems else EXIT_OK)


def register(group: click.Group) -> None:
    for command in (backup, check):
        group.add_command(command)
