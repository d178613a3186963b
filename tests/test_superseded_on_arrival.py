"""An entry written before a proposal the chair already settled is taken as superseded on
arrival: the import warns at its line and exits 1, counts it apart, and `proposals` shows it
as superseded on arrival with no one as having settled it (issue 14, second pass)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner, Result

from steerco.cli import main
from storage.service.service import Service

HEAD = "format: steerco-updates\nversion: 1\nfrom: Ann Officer\nentries:\n"
FIRST = HEAD + ('  - {plan: demo, plan_version: "1.0", action: "1.1", status: B, note: Done.,'
                ' written_at: 2026-02-03T10:00}\n')
# Written "that day" as the template fills it in: a date alone, read as 00:00 UTC, before 10:00.
LATE = HEAD + (
    '  - {plan: demo, plan_version: "1.0", action: "1.2", status: A, note: Printers late., written_at: 2026-02-03}\n'
    "  - plan: demo\n"
    '    plan_version: "1.0"\n'
    '    action: "1.1"\n'
    "    status: G\n"
    "    note: Evaluation received.\n"
    "    written_at: 2026-02-03\n"
)


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def importing(db: Path, plans_dir: Path, path: Path, *extra: str) -> Result:
    return run("import-updates", str(path), "--db", str(db), "--plans", str(plans_dir), *extra)


def settled_first(db: Path, plans_dir: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.yaml"
    first.write_text(FIRST, encoding="utf-8")
    assert importing(db, plans_dir, first).exit_code == 0
    with Service.open(db, plans_dir) as service:
        meeting = service.start_meeting("demo", date(2026, 3, 1), "bob", ["bob"], [], [], "all")
        service.accept_proposal(meeting, service.proposals("demo", "1.1")[0])


def test_an_entry_older_than_a_settled_proposal_is_reported(db_path: Path, plans_dir: Path, tmp_path: Path) -> None:
    settled_first(db_path, plans_dir, tmp_path)
    late = tmp_path / "late.yaml"
    late.write_text(LATE, encoding="utf-8")

    dry = importing(db_path, plans_dir, late, "--dry-run")
    assert dry.exit_code == 1 and "would be kept as superseded" in dry.output

    result = importing(db_path, plans_dir, late)
    assert result.exit_code == 1, result.output  # problems found: the chair must hear of it
    (warning,) = [line for line in result.output.splitlines() if "superseded" in line and "warning" in line]
    assert warning.startswith(f"{late}:11:")  # the entry's written_at line
    assert "written 2026-02-03 (no time of day was given: read as 00:00 UTC), before proposal 1 for action 1.1" \
        in warning
    assert "that meeting 1 settled: kept as superseded, the chair will not be asked" in warning
    assert "taken 2 (1 superseded on arrival: the chair will not be asked)" in result.output

    listing = run("--db", str(db_path), "--plans", str(plans_dir), "proposals", "demo", "--json")
    rows = {row["uid"]: row for row in json.loads(listing.output)["proposals"]}
    (arrived,) = [row for row in rows.values() if row["on_arrival"]]
    assert (arrived["item"], arrived["fate"], arrived["settled_by"], arrived["meeting_id"]) == \
        ("1.1", "superseded", None, None)
    assert [row["fate"] for row in rows.values() if row["item"] == "1.2"] == ["pending"]
    table = run("--db", str(db_path), "--plans", str(plans_dir), "proposals", "demo")
    assert "superseded on arrival" in table.output and "1 of them on arrival" in table.output
    assert "the chair was not asked" in table.output


def test_json_counts_them_apart_and_a_second_import_warns_no_more(db_path: Path, plans_dir: Path,
                                                                   tmp_path: Path) -> None:
    settled_first(db_path, plans_dir, tmp_path)
    late = tmp_path / "late.yaml"
    late.write_text(LATE, encoding="utf-8")
    result = importing(db_path, plans_dir, late, "--json")
    report = json.loads(result.output)
    assert report["exit_code"] == 1 and result.exit_code == 1
    (file,) = report["files"]
    assert (file["taken"], file["superseded_on_arrival"]) == (2, 1)
    (problem,) = file["problems"]
    assert problem["severity"] == "warning" and problem["line"] == 11
    again = tmp_path / "again.yaml"  # the same entries in other bytes: already present, nothing arrives
    again.write_text(LATE + "# sent twice\n", encoding="utf-8")
    second = importing(db_path, plans_dir, again, "--json")
    (file,) = json.loads(second.output)["files"]
    assert second.exit_code == 0
    assert (file["taken"], file["already_present"], file["superseded_on_arrival"]) == (0, 2, 0)


def test_a_time_of_day_is_not_called_missing(db_path: Path, plans_dir: Path, tmp_path: Path) -> None:
    settled_first(db_path, plans_dir, tmp_path)
    early = tmp_path / "early.yaml"
    early.write_text(HEAD + '  - {plan: demo, plan_version: "1.0", action: "1.1", status: G, '
                     "written_at: 2026-02-03T09:30}\n", encoding="utf-8")
    result = importing(db_path, plans_dir, early)
    assert result.exit_code == 1
    assert "written 2026-02-03 09:30 UTC, before proposal 1 for action 1.1 (written 2026-02-03 10:00 UTC)" \
        in result.output
    assert "no time of day" not in result.output
    later = tmp_path / "later.yaml"  # written after the settled one: pending for the chair, no warning
    later.write_text(HEAD + '  - {plan: demo, plan_version: "1.0", action: "1.1", status: G, '
                     "written_at: 2026-02-03T11:00}\n", encoding="utf-8")
    assert importing(db_path, plans_dir, later).exit_code == 0
