"""The `minutes` and `actions` commands: the published record, as Markdown, Word, HTML or PDF (or JSON).

Minutes are rendered from the plan snapshot stored with the meeting, so PLAN may name a
plan whose file has since changed or gone; it is looked up in the store first, then in
the plans folder. Both go through the service (storage/service/reports.py, formats.py), as the
app's minutes do: a meeting recorded with no plan version renders from the plan file as loaded.
Word and PDF are binary: they go to -o FILE, or to a pipe, never to a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import click

from steerco.cli_common import (
    InputError,
    db_option,
    echo_json,
    json_option,
    open_service,
    plans_option,
    require_plan,
    resolve_db,
)

if TYPE_CHECKING:
    from storage.service import Meeting
    from storage.service.service import Service

output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None,
    help="Write to FILE instead of printing (Markdown and HTML as UTF-8); docx and pdf need it on a terminal.")
format_option = click.option(
    "--format", "fmt", type=click.Choice(["md", "docx", "html", "pdf"]), default="md", show_default=True,
    help="md: Markdown, the source of truth; docx: Word (heading styles, table headers, page numbers); html: one "
         "self-contained accessible page; pdf: tagged PDF/UA, laid out by Typst (needs the extra steerco[pdf]).")
template_option = click.option(
    "--template", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
    help="With --format docx: a Word document whose styles, page set-up, headers and footers the file takes "
         "(its body is replaced). Default: the settings file's word_template, if any.")
tz_option = click.option(
    "--tz", "tz_name", default=None, metavar="ZONE",
    help="Time zone the times are shown in (an IANA name such as Europe/London, or UTC), named after each "
         "time; default: the settings file's time_zone, else the plan's meeting.time_zone (Europe/London unless "
         "the plan says). The store keeps UTC.")


def _service(db_path: Path | None, plans_dir: Path | None) -> Service:
    path = resolve_db(db_path)
    if not path.exists():
        raise InputError(f"no store at {path}; nothing has been recorded yet")
    return open_service(path, plans_dir, write=False)


def zone_option(name: str | None) -> tzinfo | None:
    """`--tz` as a zone (not given: the settings file's time_zone, else None: the plan's own); a
    zone not known exits 2, one line."""
    where = "--tz"
    if name is None:
        from steerco.paths import settings

        loaded = settings()
        if loaded is None or (name := loaded.settings.time_zone) is None:
            return None
        where = f"{loaded.path}:{loaded.line_of('time_zone')}: time_zone"
    from storage.service import UnknownZone, time_zone

    try:
        return time_zone(name)
    except UnknownZone as exc:
        raise InputError(f"{where}: {exc}") from None


def _plan_id(known: list[str], plans_dir: Path | None, ref: str) -> str:
    """PLAN as a plan id: one of `known` (the store's), else a valid plan in the plans folder."""
    if ref in known:
        return ref
    return str(require_plan(plans_dir, ref).id)


def _describe(meetings: list[Meeting]) -> str:
    shown = ", ".join(f"{m.id} ({m.held_on.isoformat()}{'' if m.closed else ', open'})" for m in meetings[:15])
    return shown + (f" … ({len(meetings)} in all)" if len(meetings) > 15 else "")


def _meeting(service: Service, plan_id: str | None, ref: str) -> Meeting:
    if ref != "latest":
        if not ref.isdigit():
            raise InputError(f"--meeting {ref!r}: give a meeting number or 'latest'")
        meeting = service.find_meeting(int(ref))
        if meeting is None or (plan_id is not None and meeting.plan_id != plan_id):
            plans = [plan_id] if plan_id else service.plans_with_meetings()
            choices = [m for p in plans for m in service.meetings(p)]
            where = f" of plan {plan_id}" if plan_id else ""
            raise InputError(f"no meeting {ref}{where}; choose one of {_describe(choices) or 'none (no meetings yet)'}")
        return meeting
    if plan_id is None:
        plans = service.plans_with_meetings()
        if len(plans) != 1:
            raise InputError("name the PLAN: " + (f"meetings are held for {', '.join(plans)}" if plans
                                                  else "no meetings have been held yet"))
        plan_id = plans[0]
    meetings = service.meetings(plan_id)
    if not meetings:
        raise InputError(service.no_minutes(plan_id))
    return meetings[0]


def _check_format(fmt: str, template: Path | None) -> Path | None:
    """The Word template to use: --template, else (for docx) the settings file's word_template."""
    if template is not None and fmt != "docx":
        raise InputError(f"--template applies to --format docx only (not {fmt})")
    if template is not None and not template.is_file():
        raise InputError(f"--template {template}: no such file")
    if template is None and fmt == "docx":
        from steerco.paths import word_template

        template = word_template()
        if template is not None and not template.is_file():
            raise InputError(f"the settings file's word_template {template}: no such file")
    return template


def _render(make: Callable[[], str | bytes]) -> str | bytes:
    from storage.service import FormatError

    try:
        return make()
    except FormatError as exc:
        raise InputError(str(exc)) from None


def refuse_binary_on_a_terminal(fmt: str, output: Path | None, what: str, default_name: str) -> None:
    """Word and PDF are never printed to a terminal: refused (exit 2) before anything is rendered."""
    import sys

    if fmt in ("docx", "pdf") and output is None and sys.stdout.isatty():
        verb = "are" if what.startswith("the minutes") else "is"  # 'the minutes … are', 'the action log is'
        kind = {"docx": "Word", "pdf": "PDF"}[fmt]
        raise InputError(f"{what} in {kind} {verb} a binary file: give -o FILE (e.g. -o {default_name or 'FILE'}), "
                         "or pipe it to a file")


def _write(text: str | bytes, output: Path | None, what: str, default_name: str = "") -> None:
    if output is None and isinstance(text, bytes):
        import sys

        refuse_binary_on_a_terminal("pdf" if text.startswith(b"%PDF") else "docx", output, what, default_name)
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return
    if output is None:
        click.echo(text, nl=False)
        return
    from storage.service import write_file

    write_file(output, text)  # atomically, "\n" newlines as the text has them; FileWriteError: StoreErrors' line
    click.echo(f"Wrote {what} to {output}", err=True)


@click.command()
@click.argument("plan", required=False)
@click.option("--meeting", "meeting_ref", default="latest", show_default=True, metavar="ID|latest",
              help="The meeting: its number, or 'latest' (the newest, even if still open: a draft).")
@format_option
@template_option
@output_option
@tz_option
@db_option
@plans_option
def minutes(plan: str | None, meeting_ref: str, fmt: str, template: Path | None, output: Path | None,
            tz_name: str | None, db_path: Path | None, plans_dir: Path | None) -> None:
    """Print the minutes of a meeting of PLAN, ready to publish: Markdown, or --format docx|html|pdf.

    Same store, same bytes: the minutes are rendered from the plan as it stood at the
    meeting, and carry no 'generated at' time. PLAN may be left out when the store
    holds the meetings of one plan only.

    An indicator's value says how it came when not through the walk-through: recorded
    during the meeting (steerco indicator while it was open), reported between meetings,
    with who and the route (docs/minutes.md).
    """
    from storage.service import StoreError

    template = _check_format(fmt, template)
    zone = zone_option(tz_name)
    with _service(db_path, plans_dir) as service:
        plan_id = _plan_id(service.plans_with_meetings(), plans_dir, plan) if plan else None
        meeting = _meeting(service, plan_id, meeting_ref)
        name = service.minutes_path(meeting.id, Path(), fmt).name
        what = f"the minutes of meeting {meeting.id} ({meeting.held_on.isoformat()})"
        refuse_binary_on_a_terminal(fmt, output, what, name)
        try:
            text = service.minutes(meeting.id, tz=zone) if fmt == "md" else _render(
                lambda: service.minutes_as(meeting.id, fmt, tz=zone, template=template))
        except StoreError as exc:
            raise InputError(f"cannot render the minutes of meeting {meeting.id}: {exc}") from None
    _write(text, output, what, name)


@click.command()
@click.argument("plan", required=False)
@click.option("--open", "open_only", is_flag=True, help="Only actions still open or carried forward.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="The date overdue is judged against (default: today).")
@format_option
@template_option
@output_option
@tz_option
@json_option
@db_option
@plans_option
def actions(plan: str | None, open_only: bool, as_of: datetime | None, fmt: str, template: Path | None,
            output: Path | None, tz_name: str | None, as_json: bool, db_path: Path | None,
            plans_dir: Path | None) -> None:
    """Print the action log: every action arising from the meetings of PLAN (or of all plans).

    Each with its reference, owner, due date, status, overdue flag, the meeting it came
    from and when it was closed. Markdown, or --format docx|html|pdf (or --json).
    """
    if as_json and fmt != "md":
        raise InputError(f"--json and --format {fmt}: choose one")
    template = _check_format(fmt, template)
    zone = zone_option(tz_name)
    day = as_of.date() if as_of else date.today()
    text: str | bytes = ""
    with _service(db_path, plans_dir) as service:
        plan_id = _plan_id(service.plans_with_actions_arising(), plans_dir, plan) if plan else None
        name = f"action-log-{plan_id or 'all'}-{day.isoformat()}.{fmt}"
        refuse_binary_on_a_terminal(fmt, output, "the action log", name)
        entries = service.action_log(plan_id, as_of=day, open_only=open_only)
        if as_json:
            data = service.action_log_json(entries, day)
        elif fmt == "md":
            text = service.action_log_markdown(entries, as_of=day, open_only=open_only, tz=zone)
        else:
            text = _render(lambda: service.action_log_as(entries, fmt, as_of=day, open_only=open_only, tz=zone,
                                                         template=template))
    if as_json:
        if output is not None:
            import json

            _write(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output, "the action log")
        else:
            echo_json(data)
        return
    _write(text, output, "the action log", name)


COMMANDS = (minutes, actions)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
