"""Plan commands: validate, schema, show."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from steerco.cli_common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_PROBLEMS,
    db_option,
    echo_json,
    json_option,
    open_service,
    plans_option,
    require_outline,
    require_plan,
    resolve_db,
    resolve_plans,
)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@plans_option
@json_option
def validate(files: tuple[Path, ...], plans_dir: Path | None, as_json: bool) -> None:
    """Check plan files: every problem at once, as file:line:column.

    With no FILES, checks every plan in the plans folder. An update or status file
    (known by its `format:` line) is checked as `import-updates --dry-run` or
    `import-status --dry-run` would, against the plans folder. Exit 0 when clean,
    1 when there are warnings only, 2 when there are errors.
    """
    from storage.service import counted
    from storage.service.exchange_files import check_exchange_file
    from storage.service.plans import Problem, check_files, plan_files

    targets = list(files) or plan_files(resolve_plans(plans_dir))
    problems: list[Problem] = []
    if not targets:
        problems.append(Problem(str(resolve_plans(plans_dir)), 1, 1, "error", "no plan files (*.yaml) here"))
    plan_targets = []
    for target in targets:
        exchanged = check_exchange_file(target, resolve_plans(plans_dir)) if files else None
        if exchanged is None:
            plan_targets.append(target)
        else:
            problems += exchanged
    problems += check_files(plan_targets)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    if as_json:
        echo_json({"files": [str(t) for t in targets], "errors": errors, "warnings": warnings,
                   "problems": [p.as_dict() for p in problems]})
    else:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{counted(len(targets), 'file')} checked: {counted(errors, 'error')}, "
                   f"{counted(warnings, 'warning')}")
    sys.exit(EXIT_INPUT if errors else EXIT_PROBLEMS if warnings else EXIT_OK)


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file instead of standard output.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of plan files, for editors that check YAML as it is typed."""
    from storage.service.plans import plan_schema

    text = json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from storage.service import write_file

        write_file(output, text)  # atomically; a FileWriteError is StoreErrors' one line, exit 2


@click.command()
@click.argument("plan")
@db_option
@plans_option
@json_option
def show(plan: str, db_path: Path | None, plans_dir: Path | None, as_json: bool) -> None:
    """Print a plan as a tree: themes, actions, risks, indicators. PLAN is an id or a file.

    An action past its deadline or one of its milestones' is marked OVERDUE unless the store
    (when there is one) has it complete, as `steerco status` marks it.
    """
    loaded = require_plan(plans_dir, plan)
    if as_json:
        echo_json(loaded.model_dump(mode="json"))
        return
    from rich.console import Console

    from steerco.plan_tree import plan_tree

    Console().print(plan_tree(loaded, statuses=_current_statuses(db_path, plans_dir, plan)))


def _current_statuses(db_path: Path | None, plans_dir: Path | None, plan: str) -> dict[str, str]:
    """Each action's current status code in the store, by action id; none without a store (none is made)."""
    if not resolve_db(db_path).exists():
        return {}
    outline = require_outline(plans_dir, plan)
    with open_service(db_path, plans_dir, write=False) as service:
        report = json.loads(b"".join(service.status_parts(outline)))
    return {a["id"]: a["rag"] for a in report["actions"] if a["rag"]}


def register(group: click.Group) -> None:
    for command in (validate, schema, show):
        group.add_command(command)
