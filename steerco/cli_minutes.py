"""The `minutes` and `actions` commands: the published record, as Markdown (or JSON).

Minutes are rendered from the plan snapshot stored with the meeting, so PLAN may name a
plan whose file has since changed or gone; it is looked up in the store first, then in
the plans folder.
"""

from __future__ import annotations

from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any

import click

from steerco.cli_common import (
    InputError,
    db_option,
    echo_json,
    json_option,
    plans_option,
    require_plan,
    resolve_db,
)

output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
    help="Write the Markdown to FILE (UTF-8) instead of printing it.")
tz_option = click.option(
    "--tz", "tz_name", default="UTC", show_default=True,
    help="Time zone the times are shown in, e.g. Europe/London; the store keeps UTC.")


def _store(db_path: Path | None) -> Any:
    from storage.store.store import Store, StoreError

    path = resolve_db(db_path)
    if not path.exists():
        raise InputError(f"no store at {path}; nothing has been recorded yet")
    try:
        return Store.open(path)
    except StoreError as exc:
        raise InputError(str(exc)) from None


def _zone(name: str) -> tzinfo:
    if name.upper() == "UTC":
        return timezone.utc
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone {name!r}; use an IANA name such as Europe/London, or UTC") from None


def _plan_id(store: Any, plans_dir: Path | None, ref: str, table: str) -> str:
    """PLAN as a plan id: known to the store, else a valid plan in the plans folder."""
    known = [r[0] for r in store.conn.execute(f"SELECT DISTINCT plan_id FROM {table} ORDER BY plan_id")]
    if ref in known:
        return ref
    return str(require_plan(plans_dir, ref).id)


def _describe(meetings: list[Any]) -> str:
    shown = ", ".join(f"{m.id} ({m.held_on.isoformat()}{'' if m.closed else ', open'})" for m in meetings[:15])
    return shown + (f" … ({len(meetings)} in all)" if len(meetings) > 15 else "")


def _meeting(store: Any, plan_id: str | None, ref: str) -> Any:
    from storage.store.store import StoreError

    if ref != "latest":
        if not ref.isdigit():
            raise InputError(f"--meeting {ref!r}: give a meeting number or 'latest'")
        try:
            meeting = store.meeting(int(ref))
        except StoreError:
            meeting = None
        if meeting is None or (plan_id is not None and meeting.plan_id != plan_id):
            plans = [plan_id] if plan_id else [
                r[0] for r in store.conn.execute("SELECT DISTINCT plan_id FROM meetings ORDER BY plan_id")]
            choices = [m for p in plans for m in store.meetings(p)]
            where = f" of plan {plan_id}" if plan_id else ""
            raise InputError(f"no meeting {ref}{where}; choose one of {_describe(choices) or 'none (no meetings yet)'}")
        return meeting
    if plan_id is None:
        plans = [r[0] for r in store.conn.execute("SELECT DISTINCT plan_id FROM meetings ORDER BY plan_id")]
        if len(plans) != 1:
            raise InputError("name the PLAN: " + (f"meetings are held for {', '.join(plans)}" if plans
                                                  else "no meetings have been held yet"))
        plan_id = plans[0]
    meetings = store.meetings(plan_id)
    if not meetings:
        raise InputError(f"plan {plan_id} has no meetings yet")
    return meetings[0]


def _write(text: str, output: Path | None, what: str) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"Wrote {what} to {output}", err=True)


@click.command()
@click.argument("plan", required=False)
@click.option("--meeting", "meeting_ref", default="latest", show_default=True, metavar="ID|latest",
              help="The meeting: its number, or 'latest' (the newest, even if still open: a draft).")
@output_option
@tz_option
@db_option
@plans_option
def minutes(plan: str | None, meeting_ref: str, output: Path | None, tz_name: str, db_path: Path | None,
            plans_dir: Path | None) -> None:
    """Print the minutes of a meeting of PLAN as Markdown, ready to publish.

    Same store, same bytes: the minutes are rendered from the plan as it stood at the
    meeting, and carry no 'generated at' time. PLAN may be left out when the store
    holds the meetings of one plan only.
    """
    from storage.minutes.render import render_minutes

    zone = _zone(tz_name)
    with _store(db_path) as store:
        plan_id = _plan_id(store, plans_dir, plan, "meetings") if plan else None
        meeting = _meeting(store, plan_id, meeting_ref)
        text = render_minutes(store, meeting.id, tz=zone)
    _write(text, output, f"the minutes of meeting {meeting.id} ({meeting.held_on.isoformat()})")


@click.command()
@click.argument("plan", required=False)
@click.option("--open", "open_only", is_flag=True, help="Only actions still open or carried forward.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="The date overdue is judged against (default: today).")
@output_option
@tz_option
@json_option
@db_option
@plans_option
def actions(plan: str | None, open_only: bool, as_of: datetime | None, output: Path | None, tz_name: str,
            as_json: bool, db_path: Path | None, plans_dir: Path | None) -> None:
    """Print the action log: every action arising from the meetings of PLAN (or of all plans).

    Each with its reference, owner, due date, status, overdue flag, the meeting it came
    from and when it was closed.
    """
    from storage.minutes import action_log

    zone = _zone(tz_name)
    day = as_of.date() if as_of else date.today()
    with _store(db_path) as store:
        plan_id = _plan_id(store, plans_dir, plan, "actions_arising") if plan else None
        entries = action_log.gather(store, plan_id, as_of=day, open_only=open_only)
        if as_json:
            data = action_log.to_json(entries, day)
        else:
            text = action_log.render(store, entries, as_of=day, open_only=open_only, tz=zone)
    if as_json:
        if output is not None:
            import json

            _write(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output, "the action log")
        else:
            echo_json(data)
        return
    _write(text, output, "the action log")


COMMANDS = (minutes, actions)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
