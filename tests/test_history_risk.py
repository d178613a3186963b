"""`steerco history PLAN RISK`: a risk's re-ratings, newest first, as for an action's updates
(issue 14, second pass): impact, likelihood, rating, band, note, by, source and meeting, with
--json, stored control characters shown escaped."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner, Result

from steerco.cli import main
from storage.service.service import Service
from storage.store.store import Store
from storage.updates.inert import unsafe_character


def run(db: Path, plans_dir: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["--db", str(db), "--plans", str(plans_dir), *args], env={"COLUMNS": "160"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def rated(db: Path, plans_dir: Path) -> int:
    assert run(db, plans_dir, "rate-risk", "demo", "r-1", "--impact", "4", "--likelihood", "3",
               "--note", "Grant cut.", "--by", "ann").exit_code == 0
    with Service.open(db, plans_dir) as service:
        meeting = service.start_meeting("demo", date(2026, 3, 1), "bob", ["bob"], [], [], "all")
        service.rate_risk(meeting, "R-1", 2, 2, "Grant restored.")
        return meeting.id


def test_a_risks_re_ratings_newest_first(db_path: Path, plans_dir: Path) -> None:
    meeting_id = rated(db_path, plans_dir)
    result = run(db_path, plans_dir, "history", "demo", "r-1")  # ids in any case, as for actions
    assert result.exit_code == 0, result.output
    assert "demo R-1: Funding falls" in result.output
    lines = result.output.splitlines()
    newer = next(i for i, line in enumerate(lines) if "I2 × L2 (4 Low)" in line)
    older = next(i for i, line in enumerate(lines) if "I4 × L3 (12 High)" in line)
    assert newer < older
    assert "Grant restored." in lines[newer] and "Bob Chair" in lines[newer] and f"{meeting_id}" in lines[newer]
    assert "Grant cut." in lines[older] and "Ann Officer" in lines[older] and "command-line" in lines[older]

    data = json.loads(run(db_path, plans_dir, "history", "demo", "R-1", "--json").output)
    assert (data["plan"], data["risk"], data["orphaned"], data["description"]) == ("demo", "R-1", False,
                                                                                  "Funding falls")
    assert [(e["impact"], e["likelihood"], e["rating"], e["band"], e["note"], e["by"], e["meeting_id"])
            for e in data["entries"]] == [(2, 2, 4, "Low", "Grant restored.", "Bob Chair", meeting_id),
                                          (4, 3, 12, "High", "Grant cut.", "Ann Officer", None)]
    assert data["entries"][1]["source"] == "command-line"


def test_control_characters_are_shown_escaped(plans_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(db) as store:  # as an older steerco stored it
        store.rate_risk("demo", "R-1", 3, 3, "bad \x1b[2J\u202e [bold]x[/bold]", "Ann\x07", "app")
    result = run(db, plans_dir, "history", "demo", "R-1")
    assert result.exit_code == 0, result.output
    assert unsafe_character(result.output.replace("\n", " ")) is None, repr(result.output)
    assert "bad \\x1b[2J\\u202e" in result.output and "[bold]x[/bold]" in result.output and "Ann\\x07" in result.output
    as_json = run(db, plans_dir, "history", "demo", "R-1", "--json")
    assert unsafe_character(as_json.output) is None, repr(as_json.output)
    [entry] = json.loads(as_json.output)["entries"]
    assert (entry["note"], entry["by"]) == ("bad \x1b[2J\u202e [bold]x[/bold]", "Ann\x07")


def test_an_unknown_id_names_the_actions_and_the_risks(db_path: Path, plans_dir: Path) -> None:
    rated(db_path, plans_dir)
    unknown = run(db_path, plans_dir, "history", "demo", "R-9")
    assert unknown.exit_code == 2
    assert "no action 'R-9' in plan demo; choose one of 1.1, 1.2 (or a risk: R-1)" in unknown.output


def test_a_risk_since_removed_is_shown_orphaned(db_path: Path, plans_dir: Path) -> None:
    rated(db_path, plans_dir)
    plan_file = plans_dir / "demo.yaml"
    text = plan_file.read_text()
    plan_file.write_text(text[:text.index("risks:")] + "risks: []\n" + text[text.index("indicators:"):])
    result = run(db_path, plans_dir, "history", "demo", "R-1", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["orphaned"] is True and len(data["entries"]) == 2
    assert "ORPHANED" in run(db_path, plans_dir, "history", "demo", "R-1").output
