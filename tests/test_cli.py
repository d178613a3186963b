"""The command line as a whole: help everywhere, and `show`."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from steerco.cli import main

COMMANDS = sorted(main.commands)


def test_the_commands_are_all_there() -> None:
    expected = {"validate", "schema", "show", "record", "rate-risk", "indicator", "status", "history",
                "meeting", "update", "export-updates", "template", "import-updates", "minutes", "actions"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert (command.help or "").strip(), f"{name} has no help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help(name: str) -> None:
    for param in main.commands[name].params:
        if isinstance(param, click.Option) and param.name != "help":
            assert (param.help or "").strip(), f"{name} {param.opts} has no help"


def test_show_prints_the_plan_as_a_tree(plans_dir: Path) -> None:
    result = CliRunner().invoke(main, ["show", "demo", "--plans", str(plans_dir)], terminal_width=120)
    assert result.exit_code == 0, result.output
    for text in ("Demo plan", "1.1", "Run the summer campaign.", "Ann Officer", "By June 26",
                 "R-1", "impact 3 × likelihood 4 = 12 (High)", "Baseline 0.75"):
        assert text in result.output


def test_show_json_is_the_normalised_plan(plans_dir: Path) -> None:
    result = CliRunner().invoke(main, ["show", "demo", "--json", "--plans", str(plans_dir)])
    data = json.loads(result.output)
    action = data["themes"][0]["actions"][0]
    assert action["deadline"] == "By June 26" and action["due"] == "2026-06-30"
    assert data["rag_scale"][0] == {
        "code": "R",
        "name": "Red",
        "symbol": "●",
        "rank": 0,
        "meaning": "Off track: the deadline or outcome will be missed without intervention.",
    }


def test_show_by_path_and_unknown_plan(plans_dir: Path) -> None:
    result = CliRunner().invoke(main, ["show", str(plans_dir / "demo.yaml")])
    assert result.exit_code == 0 and "Demo plan" in result.output
    result = CliRunner().invoke(main, ["show", "nope", "--plans", str(plans_dir)])
    assert result.exit_code == 2 and "no plan 'nope'; choose one of: demo" in result.output


def test_show_refuses_a_plan_with_errors(plans_dir: Path) -> None:
    path = plans_dir / "demo.yaml"
    path.write_text(path.read_text().replace("rating: 12", "rating: 13"))
    result = CliRunner().invoke(main, ["show", "demo", "--plans", str(plans_dir)])
    assert result.exit_code == 2
    assert "rating 13 is not impact × likelihood" in result.output
