"""`steerco abandon`: mark a meeting opened by mistake abandoned (never deleted), as the app's ctrl+d does.

An abandoned meeting is read-only, has no minutes and is never the open, last or latest meeting;
what it recorded stays in the store (docs/meeting-keys.md, "Closing the meeting").
"""

from __future__ import annotations

from pathlib import Path

import click

from steerco.cli_common import (
    InputError,
    db_option,
    inert_text,
    open_service,
    plans_option,
    require_plan,
    resolve_db,
)


@click.command()
@click.argument("plan")
@click.option("--meeting", "meeting_id", type=int, default=None, metavar="ID",
              help="The meeting's number (default: the plan's open meeting).")
@click.option("--reason", default="", callback=inert_text, help="Why, kept with the mark.")
@db_option
@plans_option
def abandon(plan: str, meeting_id: int | None, reason: str, db_path: Path | None, plans_dir: Path | None) -> None:
    """Abandon an open meeting of PLAN: marked, never deleted; it has no minutes."""
    from storage.service import StoreError
    from storage.service.meeting_dates import long_date

    plan_id = str(require_plan(plans_dir, plan).id)
    path = resolve_db(db_path)
    if not path.exists():  # no store: no meeting to abandon, and none is made
        raise InputError(f"no store at {path}; no meeting has been held")
    with open_service(db_path, plans_dir, write=False) as reading:  # a file that is no store is refused as it is
        meeting = reading.open_meeting(plan_id) if meeting_id is None else reading.find_meeting(meeting_id)
    if meeting is None or meeting.plan_id != plan_id:
        raise InputError((f"plan {plan_id} has no open meeting" if meeting_id is None
                          else f"no meeting {meeting_id} of plan {plan_id}") + f" in {path}")
    with open_service(db_path, plans_dir) as service:
        try:
            takes_out = service.abandon_takes_out(meeting, done=True)
            service.abandon_meeting(meeting, reason or "")
        except StoreError as exc:
            raise InputError(str(exc)) from None
    click.echo(f"Abandoned meeting {meeting.id} of {plan_id} ({long_date(meeting.held_on)}): kept in the store, "
               "marked abandoned, with no minutes." + (f"\n{takes_out}" if takes_out else ""))


def register(group: click.Group) -> None:
    group.add_command(abandon)
