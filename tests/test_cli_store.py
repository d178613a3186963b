"""The store commands: record, rate-risk, indicator, status, history."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from steerco.cli import main
from steerco.cli_store import COMMANDS
from storage.store.store import Store
from tests.conftest import MINIMAL_PLAN


@pytest.fixture
def run(plans_dir: Path, db_path: Path):
    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--plans", str(plans_dir), "--db", str(db_path)])
    return invoke


def counts(db_path: Path) -> dict[str, int]:
    if not db_path.exists():
        return {}
    with Store.open(db_path) as store:
        return {t: store.db[t].count for t in ("updates", "risk_ratings", "indicator_values", "plan_versions")}


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert main.commands[command].help and main.commands[command].help.strip()
    assert "--db" in result.output and "--plans" in result.output


@pytest.mark.parametrize("word, code", [("R", "R"), ("a", "A"), ("amber", "A"), ("Green", "G"),
                                        ("blue", "B"), ("complete", "B"), ("COMPLETE", "B")])
def test_record_accepts_codes_and_words(run, db_path: Path, word: str, code: str) -> None:
    result = run("record", "demo", "1.1", "--rag", word, "--note", "n", "--by", "Ann")
    assert result.exit_code == 0, result.output
    with Store.open(db_path) as store:
        [update] = store.history("demo", "1.1")
        # `--by Ann` names Ann Officer on the roster (`resolve_person`): her roster name is stored
        assert (update.rag, update.source, update.author) == (code, "command-line", "Ann Officer")
        assert update.plan_version_id is not None
        assert store.plan_snapshot(update.plan_version_id).id == "demo"


def test_records_and_status_and_history_agree(run, db_path: Path) -> None:
    for rag in ("R", "A", "A", "G"):
        assert run("record", "demo", "1.1", "--rag", rag, "--note", f"now {rag}", "--by", "Ann").exit_code == 0
    assert (
        run(
            "rate-risk", "demo", "R-1", "--impact", "2", "--likelihood", "2", "--note", "eased", "--by", "Bob"
        ).exit_code
        == 0
    )
    result = run("indicator", "demo", "I1", "--period", "2026 Q1", "--value", "0.71", "--by", "Ann")
    assert result.exit_code == 0, result.output

    status = json.loads(run("status", "demo", "--json").output)
    by_id = {a["id"]: a for a in status["actions"]}
    assert by_id["1.1"]["rag"] == "G" and by_id["1.1"]["trend"] == ["R", "A", "A", "G"]
    assert by_id["1.1"]["note"] == "now G" and by_id["1.1"]["owner"] == "Ann Officer"
    assert by_id["1.2"]["rag"] is None and by_id["1.2"]["trend"] == []
    assert [(r["id"], r["rating"], r["band"]) for r in status["risks"]] == [("R-1", 4, "Low")]
    assert status["orphaned"] == []

    table = run("status", "demo", "--wide")
    assert table.exit_code == 0
    assert "R A A G" in table.output and "1.2" in table.output and "– Not yet rated" in table.output

    history = json.loads(run("history", "demo", "1.1", "--json").output)
    assert [e["rag"] for e in history["entries"]] == ["G", "A", "A", "R"]
    assert history["orphaned"] is False
    with Store.open(db_path) as store:
        assert [u.id for u in store.history("demo", "1.1")] == [e["id"] for e in history["entries"]]
        assert store.indicator_values("demo", "I1")[0].value == 0.71
    text = run("history", "demo", "1.1")
    assert text.exit_code == 0 and "now R" in text.output


def test_risk_never_rerated_shows_the_register(run, db_path: Path) -> None:
    Store.open(db_path).close()  # an empty store: status refuses a missing one
    status = json.loads(run("status", "demo", "--json").output)
    assert status["risks"][0]["rating"] == 12 and status["risks"][0]["rated"] == "as registered"


def test_overdue_unless_complete(plans_dir: Path, db_path: Path) -> None:
    from storage.cache.outline import outline_of
    from storage.plan.load import load_plan
    from storage.store.status_report import status_report

    def status_data(plan: Any, store: Store, today: date) -> Any:
        return json.loads(status_report(outline_of(plan), store, today))

    plan = load_plan(plans_dir / "demo.yaml").plan
    with Store.open(db_path) as store:
        store.record_update("demo", "1.1", "G", "", "Ann", "app")
        later = status_data(plan, store, today=date(2027, 1, 1))
        assert [a["overdue"] for a in later["actions"]] == [True, True]
        earlier = status_data(plan, store, today=date(2026, 12, 1))
        assert [a["overdue"] for a in earlier["actions"]] == [True, False]
        store.record_update("demo", "1.1", "B", "done", "Ann", "app")
        done = status_data(plan, store, today=date(2027, 1, 1))
        assert [a["overdue"] for a in done["actions"]] == [False, True]


def test_orphaned_action_still_has_history(run, plans_dir: Path) -> None:
    assert run("record", "demo", "1.2", "--rag", "R", "--note", "late", "--by", "Ann").exit_code == 0
    start, end = MINIMAL_PLAN.index('      - id: "1.2"'), MINIMAL_PLAN.index("risks:")
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN[:start] + MINIMAL_PLAN[end:], encoding="utf-8")
    status = json.loads(run("status", "demo", "--json").output)
    assert [(o["action_id"], o["rag"], o["note"]) for o in status["orphaned"]] == [("1.2", "R", "late")]
    assert "Orphaned" in run("status", "demo").output
    history = json.loads(run("history", "demo", "1.2", "--json").output)
    assert history["orphaned"] is True and [e["note"] for e in history["entries"]] == ["late"]
    assert "ORPHANED" in run("history", "demo", "1.2").output


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ("record", "demo", "1.1", "--rag", "purple", "--note", "x", "--by", "Ann"),
            "status 'purple' is not on plan demo's scale; choose one of R (Red), A (Amber), G (Green), B (Complete)",
        ),
        (
            ("record", "demo", "9.9", "--rag", "R", "--note", "x", "--by", "Ann"),
            "no action '9.9' in plan demo; choose one of 1.1, 1.2",
        ),
        (("record", "nope", "1.1", "--rag", "R", "--note", "x", "--by", "Ann"), "no plan 'nope'; choose one of: demo"),
        (
            ("rate-risk", "demo", "R-9", "--impact", "2", "--likelihood", "2", "--by", "Bob"),
            "no risk 'R-9' in plan demo; choose one of R-1",
        ),
        (("rate-risk", "demo", "R-1", "--impact", "6", "--likelihood", "2", "--by", "Bob"), "--impact"),
        (("rate-risk", "demo", "R-1", "--impact", "2", "--likelihood", "0", "--by", "Bob"), "--likelihood"),
        (
            ("indicator", "demo", "I9", "--period", "Q1", "--value", "1", "--by", "Ann"),
            "no indicator 'I9' in plan demo; choose one of I1",
        ),
        (("history", "demo", "9.9"), "no action '9.9' in plan demo; choose one of 1.1, 1.2"),
        (("status", "nope"), "no plan 'nope'; choose one of: demo"),
    ],
)
def test_bad_input_exits_2_naming_the_choices_and_writes_nothing(run, db_path: Path, args, expected: str) -> None:
    before = counts(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    empty = dict.fromkeys(("updates", "risk_ratings", "indicator_values", "plan_versions"), 0)
    assert counts(db_path) in (before, empty)


def test_history_of_an_unknown_action_makes_no_store(run, db_path: Path) -> None:
    """A mistyped action with no store yet is a usage error, and leaves no empty store behind."""
    result = run("history", "demo", "9.9")
    assert result.exit_code == 2 and "9.9" in result.output
    assert not db_path.exists()
    assert run("record", "demo", "1.1", "--rag", "G", "--note", "n", "--by", "Ann").exit_code == 0
    assert run("history", "demo", "9.9").exit_code == 2  # with a store: still unknown, still refused

