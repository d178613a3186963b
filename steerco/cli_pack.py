"""The `pack` command: the pre-meeting pack a secretariat circulates five working days before a meeting.

Gathered by the service (storage/service/pack.py) from the plan file as it is now and the store,
written as Markdown, Word, HTML or PDF by the minutes' writers (the same --format, --template and
-o rules as `steerco minutes`), or as JSON for scripts.
"""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import click

from steerco.cli_common import InputError, db_option, echo_json, json_option, plans_option, require_plan
from steerco.cli_minutes import (
    _check_format,
    _render,
    _service,
    _write,
    format_option,
    output_option,
    refuse_binary_on_a_terminal,
    template_option,
)


def _meeting_day(text: str) -> date | None:
    if text == "next":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--meeting {text!r}: give 'next' or the meeting's date as YYYY-MM-DD") from None


def _start(text: str | None) -> time | None:
    if text is None:
        return None
    found = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", text.strip())
    if found is None:
        raise InputError(f"--start {text!r}: give the time the meeting starts as HH:MM, e.g. 10:00")
    return time(int(found[1]), int(found[2]))


@click.command()
@click.argument("plan")
@click.option("--meeting", "meeting_ref", default="next", show_default=True, metavar="next|YYYY-MM-DD",
              help="The meeting the pack is for: the next one (the date the last meeting set, else a plan cycle "
                   "after it), or the meeting on this date.")
@click.option("--mode", type=click.Choice(["all", "exception"]), default="all", show_default=True,
              help="The agenda as the setup would build it: every action, or actions by exception.")
@click.option("--unrated", is_flag=True,
              help="Not yet rated is a reason by itself: such actions join the exception report and, with "
                   "--mode exception, the agenda.")
@click.option("--start", "start_text", default=None, metavar="HH:MM",
              help="The time the meeting starts: the agenda's timings read as a clock from it (default: hours "
                   "and minutes after the opening).")
@format_option
@template_option
@output_option
@json_option
@db_option
@plans_option
def pack(plan: str, meeting_ref: str, mode: str, unrated: bool, start_text: str | None, fmt: str,
         template: Path | None, output: Path | None, as_json: bool, db_path: Path | None,
         plans_dir: Path | None) -> None:
    """Print the pre-meeting pack for PLAN's next meeting: the agenda with timings, the exception report,
    officers' proposals, actions with no update since the last meeting, open actions arising, the risk
    register and the indicators with charts. Markdown, or --format docx|html|pdf (or --json).

    The cover says when the pack goes out: five working days before the meeting (weekends and the
    plan's bank holidays skipped).
    """
    if as_json and fmt != "md":
        raise InputError(f"--json and --format {fmt}: choose one")
    template = _check_format(fmt, template)
    day, start = _meeting_day(meeting_ref), _start(start_text)
    plan_id = str(require_plan(plans_dir, plan).id)
    with _service(db_path, plans_dir) as service:
        if day is not None:
            refused, warnings = service.pack_day_check(plan_id, day)
            if refused is not None:
                raise InputError(refused)
            for warning in warnings:
                click.echo(f"Warning: {warning}.", err=True)
        found = service.pack(plan_id, meeting=day, mode=mode, unrated=unrated, start=start)
        what = f"the pack for the meeting of {found.meeting_on.isoformat()}"
        refuse_binary_on_a_terminal(fmt, output, what, f"pack-{plan_id}-{found.meeting_on.isoformat()}.{fmt}")
        data = service.pack_json(found) if as_json else None
        text = "" if as_json else _render(lambda: service.pack_as(found, fmt, template=template))
    if data is not None:
        if output is None:
            echo_json(data)
            return
        import json

        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    _write(text, output, what, f"pack-{plan_id}-{found.meeting_on.isoformat()}.{fmt}")


def register(group: click.Group) -> None:
    group.add_command(pack)
