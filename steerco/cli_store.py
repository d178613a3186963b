"""Store commands: record, rate-risk, indicator, status, history.

A thin layer: check the input against the plan (exit 2 naming the choices, nothing
written), then one call of the service (storage/service/). Rendering of `status` and `history` is in cli_store_view.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import click

from steerco.cli_common import (
    InputError,
    db_option,
    echo_bytes,
    inert_text,
    json_option,
    open_service,
    plans_option,
    require_outline,
    require_plan,
    resolve_db,
)
from steerco.cli_minutes import tz_option, zone_option

SOURCE = "command-line"
BY = "a person on the plan's roster, by id, name or an unambiguous part of one (any case)"


def choices(ids: list[str], wanted: str, limit: int = 15) -> str:
    """'a, b, c' or, for long lists, the closest matches and the count."""
    if len(ids) <= limit:
        return ", ".join(ids)
    close = difflib.get_close_matches(wanted, ids, n=5, cutoff=0.3)
    shown = close or ids[:limit]
    return f"{', '.join(shown)} … ({len(ids)} in all; `steerco status PLAN` lists them)"


def parse_rag(plan: Any, value: str) -> str:
    """The plan's status code for a code, a name of the plan's scale or a usual word (`Plan.status_code`);
    else exit 2 naming the codes and, when one is close, the one meant (`Plan.status_refusal`, the
    importers' wording too)."""
    code = plan.status_code(value)
    if code is not None:
        return str(code)
    raise InputError(plan.status_refusal(value))


def require_author(plan: Any, name: str) -> str:
    """The roster name of the person `--by` names (`resolve_person`: an id, a name or an
    unambiguous part of one, any case), or exit 2 listing the closest; a plan with no roster
    takes any name but an empty one."""
    from storage.service.plans import UnknownPerson, resolve_person

    if not plan.people and name.strip():
        return name.strip()
    try:
        return str(resolve_person([plan], name).name)
    except UnknownPerson as exc:
        raise InputError(f"--by: {exc}") from None


def require_action(plan: Any, action_id: str) -> Any:
    action = plan.action(action_id)
    if action is None:
        ids = [a.id for _, a in plan.actions()]
        raise InputError(f"no action {action_id!r} in plan {plan.id}; choose one of {choices(ids, action_id)}")
    return action


@click.command()
@click.argument("plan")
@click.argument("action")
@click.option("--status", "status", required=True,
              help="The status, on the plan's own scale: a code or a name of it, any case (on the default "
                   "scale R, A, G or B, or red, amber, green, blue), or 'complete' for its highest rank.")
@click.option("--rag", "status", hidden=True, expose_value=False, help="The old name of --status, kept for scripts.")
@click.option("--note", required=True, callback=inert_text, help="The update, as it should appear in the minutes.")
@click.option("--by", "author", required=True, help=f"Who gives the update: {BY}.")
@db_option
@plans_option
def record(plan: str, action: str, status: str, note: str, author: str, db_path: Path | None,
           plans_dir: Path | None) -> None:
    """Record a progress update (a status on the plan's scale, and a note) for ACTION of PLAN.

    While a meeting of PLAN is open, the status is in that meeting's minutes ("recorded during the
    meeting by NAME, via steerco record") unless the meeting agrees one after it.
    """
    the_plan = require_plan(plans_dir, plan)
    action = require_action(the_plan, action).id  # as the plan writes it (ids match in any case)
    code = parse_rag(the_plan, status)
    author = require_author(the_plan, author)
    with open_service(db_path, plans_dir) as service:
        update = service.record_update(the_plan, action, code, note, author, source=SOURCE)
    click.echo(f"Recorded {the_plan.id} {action}: {code} {the_plan.rag(code).name} (update {update.id})")


@click.command("rate-risk")
@click.argument("plan")
@click.argument("risk")
@click.option("--impact", required=True, type=click.IntRange(1, 5), help="Impact, 1 (lowest) to 5.")
@click.option("--likelihood", required=True, type=click.IntRange(1, 5), help="Likelihood, 1 (lowest) to 5.")
@click.option("--residual", type=click.IntRange(1, 25), default=None, help="Residual rating after controls, 1 to 25.")
@click.option("--note", default="", callback=inert_text, help="Why the rating changed.")
@click.option("--by", "author", required=True, help=f"Who re-rates the risk: {BY}.")
@db_option
@plans_option
def rate_risk(plan: str, risk: str, impact: int, likelihood: int, residual: int | None, note: str,
              author: str, db_path: Path | None, plans_dir: Path | None) -> None:
    """Re-rate RISK of PLAN: impact × likelihood, each 1 to 5.

    While a meeting of PLAN is open, the rating is that meeting's in its minutes ("recorded during
    the meeting by NAME, via steerco rate-risk") unless it rates the risk after it; else the next
    meeting's minutes say "Re-rated between meetings".
    """
    the_plan = require_plan(plans_dir, plan)
    found_risk = the_plan.risk(risk)
    if found_risk is None:
        ids = [r.id for r in the_plan.risks]
        raise InputError(f"no risk {risk!r} in plan {the_plan.id}; choose one of {choices(ids, risk) or 'none'}")
    risk = found_risk.id  # as the plan writes it (ids match in any case)
    author = require_author(the_plan, author)
    with open_service(db_path, plans_dir) as service:
        rating_id = service.record_rating(the_plan, risk, impact, likelihood, note, author, residual=residual,
                                          source=SOURCE)
    rating = impact * likelihood
    band = the_plan.band(rating)
    click.echo(f"Rated {the_plan.id} {risk}: {impact} × {likelihood} = {rating}"
               f"{f' ({band.name})' if band else ''} (record {rating_id})")


@click.command()
@click.argument("plan")
@click.argument("indicator")
@click.option("--period", required=True, help="The period the value is for, e.g. '2026 Q3' or 'Yr 2'.")
@click.option("--value", required=True, type=float, help="The measured value.")
@click.option("--note", default="", callback=inert_text, help="Source or commentary.")
@click.option("--by", "author", required=True, help=f"Who reports the value: {BY}.")
@db_option
@plans_option
def indicator(plan: str, indicator: str, period: str, value: float, note: str, author: str,
              db_path: Path | None, plans_dir: Path | None) -> None:
    """Record a value of INDICATOR of PLAN for a period.

    While a meeting of PLAN is open, the value is in that meeting's minutes ("recorded during the
    meeting by NAME, via steerco indicator"); else in the next meeting's, "reported between meetings".
    """
    the_plan = require_plan(plans_dir, plan)
    found = the_plan.indicator(indicator)
    if found is None:
        ids = [i.id for i in the_plan.indicators]
        raise InputError(f"no indicator {indicator!r} in plan {the_plan.id}; "
                         f"choose one of {choices(ids, indicator) or 'none'}")
    indicator = found.id  # as the plan writes it (ids match in any case)
    from storage.service.periods import match_period

    named, problem = match_period(found, period)
    if named is None:
        raise InputError(problem or f"--period {period!r}: not a period of {indicator}")
    period = named  # the plan's own name for it ('Yr 3' → 'Yr 3 - 2010/11')
    author = require_author(the_plan, author)
    with open_service(db_path, plans_dir) as service:
        value_id = service.record_value(the_plan, indicator, period, value, note, author, source=SOURCE)
    click.echo(f"Recorded {the_plan.id} {indicator} {period}: {value:g} (record {value_id})")


@click.command()
@click.argument("plan")
@db_option
@plans_option
@json_option
@click.option("--wide", is_flag=True, help="Every text in full, wrapped, however narrow the terminal.")
def status(plan: str, db_path: Path | None, plans_dir: Path | None, as_json: bool, wide: bool) -> None:
    """Show the current status of every action and risk of PLAN, with trends (--wide, --json)."""
    from steerco import cli_store_view as view

    outline = require_outline(plans_dir, plan)
    with open_service(db_path, plans_dir, write=False) as service:
        report = service.status_parts(outline)
    if as_json:
        echo_bytes(*report)
    else:
        view.show_status(json.loads(b"".join(report)), [(str(s[0]), int(s[3])) for s in outline.scale], wide=wide,
                         key=view.scale_key(outline.scale))


@click.command()
@click.argument("plan")
@click.argument("action", metavar="ITEM")
@db_option
@plans_option
@json_option
@tz_option
def history(plan: str, action: str, db_path: Path | None, plans_dir: Path | None, as_json: bool,
            tz_name: str | None) -> None:
    """Show every update of ITEM, an action of PLAN, newest first (also for actions since removed),
    each with the meeting's discussion note and the officer's note beside it; times in the
    plan's meeting.time_zone (or --tz), named.

    For a risk of PLAN, every re-rating instead: impact, likelihood, rating and band, note,
    by whom, from where and at which meeting."""
    from steerco import cli_store_view as view
    from steerco.cli_risk_history import show_risk_history
    from storage.service import time_zone

    the_plan = require_plan(plans_dir, plan)
    zone = zone_option(tz_name) or time_zone(the_plan.meeting.time_zone)
    if (found := the_plan.action(action)) is not None:
        action = found.id  # as the plan writes it (ids match in any case)
    elif (risk := the_plan.risk(action)) is not None:
        with open_service(db_path, plans_dir, write=False) as service:
            ratings: list[Any] = service.risk_history(the_plan.id, risk.id)
        show_risk_history(the_plan, risk.id, ratings, as_json, zone)
        return
    if the_plan.action(action) is None and not resolve_db(db_path).exists():
        _unknown_item(the_plan, action)  # no store to hold a removed action's updates: make none
    with open_service(db_path, plans_dir, write=False) as service:
        entries = service.history(the_plan.id, action, abandoned=True)  # marked abandoned, never left out
        context = service.history_context(action, entries)
        ratings = [] if entries or the_plan.action(action) else service.risk_history(the_plan.id, action)
    if ratings:  # a risk since removed from the register
        show_risk_history(the_plan, action, ratings, as_json, zone)
        return
    if the_plan.action(action) is None and not entries:
        _unknown_item(the_plan, action)
    view.show_history(the_plan, action, entries, as_json, context, zone)


def _unknown_item(plan: Any, item_id: str) -> None:
    """Exit 2 naming the actions (and the risks) `history` could show."""
    try:
        require_action(plan, item_id)
    except InputError as exc:
        risks = [r.id for r in plan.risks]
        raise InputError(f"{exc.message} (or a risk: {choices(risks, item_id)})" if risks else exc.message) from None


COMMANDS = (record, rate_risk, indicator, status, history)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
