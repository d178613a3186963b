"""`steerco proposals PLAN [--pending] [--json]`: every proposal, from whom, when, and its fate."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from steerco.cli import main
from storage.service.service import Service
from storage.store.store import Store

UPDATES = """\
format: steerco-updates
version: 1
from: Ann Officer
entries:
  - {plan: demo, plan_version: "1.0", action: "1.1", status: G, note: Older green., written_at: 2026-02-01}
  - {plan: demo, plan_version: "1.0", action: "1.1", status: B, note: Newer complete., written_at: 2026-02-03}
  - {plan: demo, plan_version: "1.0", risk: R-1, impact: 4, likelihood: 3, note: "[red]Grant[/] cut.",
     written_at: 2026-02-02}
  - {plan: demo, plan_version: "1.0", action: "1.2", status: A, note: Printers late., written_at: 2026-02-02}
"""


def run(*args: str, columns: int = 80) -> Result:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def imported(plans_dir: Path, db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ann.yaml"
    path.write_text(UPDATES, encoding="utf-8")
    result = run("import-updates", str(path), "--db", str(db_path), "--plans", str(plans_dir))
    assert result.exit_code == 0, result.output
    return db_path


def hold_meeting(db: Path, plans_dir: Path) -> None:
    """Accept 1.1's newest (Complete: its older Green is superseded) and override R-1's."""
    with Service.open(db, plans_dir) as service:
        meeting = service.start_meeting("demo", date(2026, 3, 1), "bob", ["bob"], [], [], "all")
        service.accept_proposal(meeting, service.proposals("demo", "1.1")[0])
        service.rate_risk(meeting, "R-1", 5, 4, "Worse than proposed.")


def listing(db: Path, plans_dir: Path, *extra: str, columns: int = 200) -> Result:
    return run("--db", str(db), "--plans", str(plans_dir), "proposals", "demo", *extra, columns=columns)


def test_help_names_the_fates() -> None:
    result = run("proposals", "--help")
    assert result.exit_code == 0
    for word in ("--pending", "--json", "pending", "accepted", "overridden", "superseded", "--db", "--plans"):
        assert word in result.output


def test_before_a_meeting_every_proposal_is_pending(imported: Path, plans_dir: Path) -> None:
    result = listing(imported, plans_dir)
    assert result.exit_code == 0, result.output
    assert "demo: 4 proposals (4 pending, 0 accepted, 0 overridden, 0 superseded)" in result.output
    assert "G Green" in result.output and "I4 × L3 (12 High)" in result.output and "Ann Officer" in result.output
    assert "[red]Grant[/] cut." in result.output  # an officer's text is printed as written, never as markup


def test_fates_after_the_meeting(imported: Path, plans_dir: Path) -> None:
    hold_meeting(imported, plans_dir)
    result = listing(imported, plans_dir)
    assert result.exit_code == 0, result.output
    assert "demo: 4 proposals (1 pending, 1 accepted, 1 overridden, 1 superseded)" in result.output
    assert "overridden: agreed I5 × L4 (20 Very high)" in result.output and "by Bob Chair" in result.output
    pending = listing(imported, plans_dir, "--pending")
    assert pending.exit_code == 0 and "demo: 1 pending proposal" in pending.output
    assert "A Amber" in pending.output and "G Green" not in pending.output


def test_json(imported: Path, plans_dir: Path) -> None:
    hold_meeting(imported, plans_dir)
    data = json.loads(listing(imported, plans_dir, "--json").output)
    assert data["plan"] == "demo" and data["pending_only"] is False
    assert data["counts"] == {"pending": 1, "accepted": 1, "overridden": 1, "superseded": 1}
    rows = {(row["item"], row["rag"]): row for row in data["proposals"]}
    assert [row["written_at"][:10] for row in data["proposals"]] == ["2026-02-01", "2026-02-02", "2026-02-02",
                                                                     "2026-02-03"]  # oldest first
    green, complete, risk = rows[("1.1", "G")], rows[("1.1", "B")], rows[("R-1", None)]
    assert (green["fate"], green["settled_by"], green["superseded_by"]) == ("superseded", "Bob Chair", complete["id"])
    assert green["meeting_id"] == complete["meeting_id"] == 1 and green["settled_at"]
    assert (complete["fate"], complete["agreed"], complete["author"]) == ("accepted", "B Complete", "Ann Officer")
    assert (risk["fate"], risk["proposed"], risk["agreed"]) == (
        "overridden", "I4 × L3 (12 High)", "I5 × L4 (20 Very high)")
    assert (risk["impact"], risk["likelihood"], risk["kind"]) == (4, 3, "risk")
    assert rows[("1.2", "A")]["fate"] == "pending" and rows[("1.2", "A")]["settled_by"] is None
    pending = json.loads(listing(imported, plans_dir, "--pending", "--json").output)
    assert [row["item"] for row in pending["proposals"]] == ["1.2"] and pending["pending_only"] is True


def test_at_80_columns_the_summary_stays_on_one_line(imported: Path, plans_dir: Path) -> None:
    result = listing(imported, plans_dir, columns=80)
    assert result.output.splitlines()[0] == "demo: 4 proposals (4 pending, 0 accepted, 0 overridden, 0 superseded)"
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_no_proposals_and_unknown_plan(plans_dir: Path, db_path: Path) -> None:
    missing = listing(db_path, plans_dir)  # it only reads: a store that is not there is not made
    assert missing.exit_code == 2 and not db_path.exists()
    Store.open(db_path).close()
    empty = listing(db_path, plans_dir)
    assert empty.exit_code == 0 and "demo: 0 proposals; none imported yet." in empty.output
    unknown = run("--db", str(db_path), "--plans", str(plans_dir), "proposals", "nope")
    assert unknown.exit_code == 2
