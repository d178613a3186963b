"""`steerco publish PLAN -o DIR`: a sanitised copy of the plan's agreed record for Datasette
(storage/service/publish.py, docs/publish.md). Datasette itself is not needed to publish."""

from __future__ import annotations

from pathlib import Path

import click

from steerco.cli_common import InputError, db_option, echo_json, json_option, open_service, plans_option, require_plan

_CONFIDENTIAL = (("confidential_actions", "action", "actions"), ("confidential_risks", "risk", "risks"),
                 ("confidential_indicators", "indicator", "indicators"),
                 ("confidential_actions_arising", "action arising raised on one", "actions arising raised on them"))


@click.command()
@click.argument("plan")
@click.option("-o", "--output", "publish_dir", type=click.Path(path_type=Path), required=True, metavar="DIR",
              help="The folder to publish into (made if missing, not the folders above it): "
                   "DIR/PLAN.db and DIR/metadata.json, which keeps the other plans published there.")
@json_option
@db_option
@plans_option
def publish(plan: str, publish_dir: Path, as_json: bool, db_path: Path | None, plans_dir: Path | None) -> None:
    """Publish PLAN's agreed position as a SQLite copy for Datasette, for the public or the board.

    The copy holds the actions with their agreed status and its history, the risk register and
    its ratings, the indicators and their values, the closed meetings with who attended, the
    minutes a later meeting approved, and the actions arising. Never in it: officers' proposals,
    anything recorded at a meeting still open, anything the plan marks `confidential: true`,
    other plans, the store's own tables. Serve it with
    `datasette DIR/*.db -m DIR/metadata.json` (pip install 'steerco[publish]').
    """
    from steerco.cli_common import resolve_db
    from storage.service import FileWriteError, counted, make_folder
    from storage.service.publish import PublishError
    from storage.service.publish import publish as publish_plan

    plan_id = str(require_plan(plans_dir, plan).id)
    store = resolve_db(db_path)
    if not store.exists():
        raise InputError(f"no store at {store}; nothing has been recorded yet")
    with open_service(store, plans_dir, write=False) as service:
        try:
            make_folder(publish_dir)
            done = publish_plan(service, plan_id, publish_dir)
        except (PublishError, FileWriteError) as exc:
            raise InputError(str(exc)) from None
    if as_json:
        echo_json(done.as_json())
        return
    n, left = done.rows, done.left_out
    click.echo(f"Published {plan_id} to {done.database}:")
    click.echo(f"  {counted(n['actions'], 'action')} ({counted(n['status_history'], 'status', 'statuses')}), "
               f"{counted(n['risks'], 'risk')} ({counted(n['risk_ratings'], 'rating')}), "
               f"{counted(n['indicators'], 'indicator')} ({counted(n['indicator_values'], 'value')}),")
    click.echo(f"  {counted(n['meetings'], 'meeting')}, {counted(n['minutes'], 'set', 'sets')} of approved minutes, "
               f"{counted(n['actions_arising'], 'action arising', 'actions arising')}.")
    hidden = [counted(left[key], noun, plural) for key, noun, plural in _CONFIDENTIAL if left.get(key)]
    if hidden:
        click.echo("Left out as confidential: " + ", ".join(hidden) + ".")
    if left.get("unsettled_records"):
        click.echo(f"Left until its meeting is closed: {counted(left['unsettled_records'], 'record')}.")
    if done.withheld_minutes:
        click.echo("Minutes withheld (they take a confidential item): meeting "
                   + ", ".join(str(m) for m in done.withheld_minutes) + ".")
    click.echo(f"Serve it: datasette {done.database.parent}/*.db -m {done.metadata}")


def register(group: click.Group) -> None:
    group.add_command(publish)
