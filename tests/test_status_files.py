"""The way back: export-status after a meeting, import-status into an officer's store, the
agreed position shown in officer mode and templates; chase lists and files."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from steerco.cli import main
from storage.plan.load import load_plans
from storage.service.officer import OfficerService, owned_items
from storage.service.service import Service
from storage.store.store import Store

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$", re.M)
HELD = date(2026, 11, 12)


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def meeting(chair_db: Path, plans_dir: Path, held_on: date = HELD, *, status: str = "A", note: str = "Venue late.",
            arising_owner: str = "ann") -> int:
    """A closed meeting of plan demo: 1.1 set to `status`, R-1 re-rated 4 × 2, one action arising."""
    with Service.open(chair_db, plans_dir) as service:
        m = service.start_meeting("demo", held_on, "bob", ["bob", "ann"], [], [], "all")
        service.set_status(m, "1.1", status, note=note)
        service.rate_risk(m, "R-1", 4, 2, "Grant at risk.")
        service.add_action_arising(m, 1, "Write to the funder", arising_owner, date(2026, 12, 1))
        service.close_meeting(m)
        return m.id


def export(chair_db: Path, plans_dir: Path, out: Path, *extra: str) -> Result:
    return run("export-status", "demo", "-o", str(out), "--db", str(chair_db), "--plans", str(plans_dir), *extra)


def take(officer_db: Path, plans_dir: Path, *files: Path, extra: tuple[str, ...] = ()) -> Result:
    return run("import-status", *map(str, files), "--db", str(officer_db), "--plans", str(plans_dir), *extra)


def positions(db: Path) -> int:
    with Store.open(db) as store:
        return int(store.conn.execute("SELECT count(*) FROM agreed_positions").fetchone()[0])


def test_export_then_import_shows_the_agreed_position_and_twice_adds_nothing(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, officer_db, out = tmp_path / "chair.db", tmp_path / "ann.db", tmp_path / "status.yaml"
    meeting(chair_db, plans_dir)
    result = export(chair_db, plans_dir, out)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# steerco status file") and "format: steerco-status\nversion: 1\n" in text
    assert 'action: "1.1"' in text and "status: A" in text and 'risk: "R-1"' in text and "ref: \"M1/1\"" in text

    first = take(officer_db, plans_dir, out)
    assert first.exit_code == 0, first.output
    assert "taken 3, already present 0, refused 0" in first.output
    again = take(officer_db, plans_dir, out)
    assert again.exit_code == 0 and "taken 0, already present 3" in again.output
    assert positions(officer_db) == 3

    plans = [p.plan for p in load_plans(plans_dir) if p.plan is not None]
    with OfficerService.open(officer_db) as officer:
        items = {(i.kind, i.item.id): i for i in owned_items(plans, "ann")}
        agreed = "Agreed at the meeting of 12 Nov 2026"
        assert officer.agreed_line(items["action", "1.1"]) == f"{agreed}: ▲ A Amber — Venue late."
        assert officer.agreed_line(items["risk", "R-1"]) == f"{agreed}: I4 × L2 (8 Medium) — Grant at risk."
        assert officer.agreed_line(items["action", "1.2"]) is None
        (arising,) = officer.arising_for(plans[0], items["action", "1.1"].person)
        assert (arising.item_id, arising.rag, arising.text) == ("M1/1", "open", "Write to the funder")
        # the officer's own store is untouched apart from the positions
        assert officer.current_statuses("demo") == {}


def test_a_stale_file_taken_after_a_newer_one_does_not_win(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, officer_db = tmp_path / "chair.db", tmp_path / "ann.db"
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    meeting(chair_db, plans_dir, date(2026, 10, 1), status="R", note="Stalled.")
    assert export(chair_db, plans_dir, old).exit_code == 0
    meeting(chair_db, plans_dir, date(2026, 11, 1), status="G", note="Back on track.")
    assert export(chair_db, plans_dir, new).exit_code == 0
    assert take(officer_db, plans_dir, new).exit_code == 0
    assert take(officer_db, plans_dir, old).exit_code == 0
    plans = [p.plan for p in load_plans(plans_dir) if p.plan is not None]
    with OfficerService.open(officer_db) as officer:
        action = next(i for i in owned_items(plans, "ann") if i.item.id == "1.1")
        assert officer.agreed_line(action) == "Agreed at the meeting of 1 Nov 2026: ✓ G Green — Back on track."


def test_for_name_keeps_only_their_items_and_arising(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, out = tmp_path / "chair.db", tmp_path / "bob.yaml"
    meeting(chair_db, plans_dir, arising_owner="ann")
    result = export(chair_db, plans_dir, out, "--for", "Bob Chair")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert 'for: "Bob Chair"' in text and "items: []" in text and "arising: []" in text
    assert export(chair_db, plans_dir, out, "--for", "nobody").exit_code == 2


def test_no_closed_meeting_is_an_input_error(plans_dir: Path, tmp_path: Path) -> None:
    Store.open(tmp_path / "chair.db").close()
    result = export(tmp_path / "chair.db", plans_dir, tmp_path / "x.yaml")
    assert result.exit_code == 2 and "no closed meeting" in result.output


GOOD = """\
format: steerco-status
version: 1
plan: "demo"
plan_version: "1.0"
meeting: 2026-11-12
items:
  - action: "1.1"
    status: A
    note: Venue late.
    agreed_on: 2026-11-12
    agreed_at: 2026-11-12 10:00:00+00:00
arising: []
"""


@pytest.mark.parametrize(("change", "where", "words"), [
    (('status: A', 'status: Purple'), 8, "not on plan demo's scale"),
    (('action: "1.1"', 'action: "9.9"'), 7, "no action '9.9' in plan demo"),
    (("version: 1", "version: true"), 2, "whole number 1"),
    (("note: Venue late.", 'note: "Venue \\u202e late."'), 9, "bidirectional"),
    (("agreed_at: 2026-11-12 10:00:00+00:00", "agreed_at: 9999-01-01"), 11, "in the future"),
    (("agreed_at: 2026-11-12 10:00:00+00:00", "agreed_at: 2025-06-01"), 11, "cannot be right"),  # before the plan
    (("plan: \"demo\"", "plan: \"other\""), 3, "no plan 'other' here"),
    (("    agreed_on: 2026-11-12\n", ""), 7, "agreed_on"),
])
def test_a_bad_status_file_is_refused_whole_at_its_line(plans_dir: Path, tmp_path: Path, change: tuple[str, str],
                                                         where: int, words: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    db = tmp_path / "ann.db"
    result = take(db, plans_dir, path)
    assert result.exit_code in (1, 2), result.output
    problems = [m for m in LINE.finditer(result.output) if m["sev"] == "error"]
    assert problems, result.output
    assert int(problems[0]["line"]) == where and words in problems[0]["msg"], result.output
    assert "refused" in result.output or "unreadable" in result.output
    assert positions(db) == 0


def test_validate_recognises_a_status_file(plans_dir: Path, tmp_path: Path) -> None:
    from storage.updates.status_file import check_status_bytes

    plans = {p.plan.id: p.plan for p in load_plans(plans_dir) if p.plan is not None}
    assert check_status_bytes(GOOD.encode(), "s.yaml", plans) == []
    (problem,) = check_status_bytes(GOOD.replace("status: A", "status: X").encode(), "s.yaml", plans)
    assert (problem.line, problem.severity) == (8, "error")


def test_template_shows_the_agreed_position(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, officer_db, out = tmp_path / "chair.db", tmp_path / "ann.db", tmp_path / "status.yaml"
    meeting(chair_db, plans_dir)
    export(chair_db, plans_dir, out)
    take(officer_db, plans_dir, out)
    result = run("template", "--as", "ann", "demo", "--db", str(officer_db), "--plans", str(plans_dir))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  # action 1.1:"))
    assert lines[at + 1] == "  # Agreed at the meeting of 12 Nov 2026: Amber — Venue late."
    status = next(line for line in lines[at:] if line.strip().startswith("status:"))
    assert status.rstrip().endswith("Complete")  # still blank, with the scale as its hint


# -- chase ----------------------------------------------------------------------------


def test_chase_lists_items_with_no_update_since_the_meeting_and_writes_files(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, out = tmp_path / "chair.db", tmp_path / "chase"
    meeting(chair_db, plans_dir)
    result = run("chase", "demo", "--db", str(chair_db), "--plans", str(plans_dir), "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    (ann,) = data["owners"]
    assert ann["person"] == "ann" and [i["id"] for i in ann["items"]] == ["1.1", "1.2", "R-1"]
    assert ann["items"][0]["agreed"]["status"] == "A" and ann["items"][1]["agreed"] is None
    assert ann["items"][1]["due"].startswith("Across the year")

    update = tmp_path / "ann-update.yaml"
    update.write_text("format: steerco-updates\nversion: 1\nfrom: Ann Officer\nentries:\n  - plan: demo\n"
                      "    plan_version: \"1.0\"\n    action: \"1.2\"\n    status: G\n    written_at: "
                      f"{datetime.now(UTC).isoformat()}\n", encoding="utf-8")
    assert run("import-updates", str(update), "--db", str(chair_db), "--plans", str(plans_dir)).exit_code == 0
    result = run("chase", "demo", "-o", str(out), "--db", str(chair_db), "--plans", str(plans_dir))
    assert result.exit_code == 1, result.output
    assert "action 1.2" not in result.output and "action 1.1" in result.output
    written = (out / "demo-ann.yaml").read_text()
    assert "status: A" in written and "# Agreed at the meeting of 12 Nov 2026: Amber — Venue late." in written
    assert "impact: 4" in written and "likelihood: 2" in written
    message = (out / "demo-ann.txt").read_text()
    assert message.startswith("Dear Ann Officer,") and "action 1.1" in message and "1.2" not in message
    # the pre-filled file is an update file the chair can import as it is
    check = run("import-updates", str(out / "demo-ann.yaml"), "--dry-run", "--db", str(chair_db),
                "--plans", str(plans_dir))
    assert check.exit_code == 0, check.output
    assert "would take 2" in check.output


def test_chase_since_a_date_and_nothing_waiting(plans_dir: Path, tmp_path: Path) -> None:
    chair_db = tmp_path / "chair.db"
    meeting(chair_db, plans_dir)
    result = run("chase", "demo", "--since", "2099-01-01", "--db", str(chair_db), "--plans", str(plans_dir),
                 "--json")
    assert result.exit_code == 1 and json.loads(result.output)["items"] == 3
    with Service.open(chair_db, plans_dir) as service:
        service.record_update(service.plan("demo"), "1.1", "G", "done", "Bob Chair")
        service.record_update(service.plan("demo"), "1.2", "G", "done", "Bob Chair")
        service.record_rating(service.plan("demo"), "R-1", 1, 1, "gone", "Bob Chair")
    result = run("chase", "demo", "--db", str(chair_db), "--plans", str(plans_dir))
    assert result.exit_code == 0, result.output
    assert "0 items with no update" in result.output


async def test_officer_mode_shows_the_agreed_position_beside_the_officers_own_proposal(
        plans_dir: Path, tmp_path: Path) -> None:
    from textual.widgets import Static

    from tui.officer_app import make_officer_app

    chair_db, officer_db, out = tmp_path / "chair.db", tmp_path / "ann.db", tmp_path / "status.yaml"
    meeting(chair_db, plans_dir)
    assert export(chair_db, plans_dir, out, "--for", "ann").exit_code == 0
    assert take(officer_db, plans_dir, out).exit_code == 0
    plans = [p.plan for p in load_plans(plans_dir) if p.plan is not None]
    with OfficerService.open(officer_db) as officer:
        app = make_officer_app(service=officer, items=owned_items(plans, "ann"))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            before = str(app.screen.query_one("#item-detail", Static).render())
            agreed = str(app.screen.query_one("#agreed", Static).render())
            await pilot.press("enter", "g", "tab", *"Started", "ctrl+s")
            await pilot.pause()
            after = str(app.screen.query_one("#item-detail", Static).render())
            still = str(app.screen.query_one("#agreed", Static).render())
            await pilot.press("ctrl+n")  # 1.2: nothing agreed on it
            await pilot.pause()
            none_agreed = list(app.screen.query("#agreed"))
            detail_12 = str(app.screen.query_one("#item-detail", Static).render())
        history = officer.current_statuses("demo")
    assert agreed == still == "Agreed at the meeting of 12 Nov 2026: ▲ A Amber — Venue late."
    assert "not yet rated" not in before  # the agreed position stands in for it
    assert "Current: ✓ G Green by Ann Officer" in after and "Started" in after
    assert none_agreed == [] and "Current: not yet rated in this store" in detail_12
    assert (history["1.1"].rag, history["1.1"].note) == ("G", "Started")


def test_for_takes_a_part_of_the_name_and_an_unknown_one_lists_the_closest(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, out = tmp_path / "chair.db", tmp_path / "ann.yaml"
    meeting(chair_db, plans_dir)
    assert export(chair_db, plans_dir, out, "--for", "officer").exit_code == 0
    assert 'for: "Ann Officer"' in out.read_text() and 'action: "1.1"' in out.read_text()
    result = export(chair_db, plans_dir, out, "--for", "Anne Oficer")
    assert result.exit_code == 2 and "Ann Officer (ann)" in result.output


def test_meeting_by_number_open_or_unknown(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, out = tmp_path / "chair.db", tmp_path / "s.yaml"
    first = meeting(chair_db, plans_dir, date(2026, 10, 1), status="R", note="Stalled.")
    meeting(chair_db, plans_dir, date(2026, 11, 1), status="G", note="Back on track.")
    assert export(chair_db, plans_dir, out, "--meeting", str(first)).exit_code == 0
    assert "meeting: 2026-10-01" in out.read_text() and "status: R" in out.read_text()
    assert "no meeting 99" in export(chair_db, plans_dir, out, "--meeting", "99").output
    with Service.open(chair_db, plans_dir) as service:
        still = service.start_meeting("demo", date(2026, 11, 20), "bob", ["bob"], [], [], "all")
    result = export(chair_db, plans_dir, out, "--meeting", str(still.id))
    assert result.exit_code == 2 and "still open" in result.output


def test_an_update_file_or_a_plan_given_to_import_status_says_what_it_is(plans_dir: Path, tmp_path: Path) -> None:
    update = tmp_path / "u.yaml"
    update.write_text("format: steerco-updates\nversion: 1\nfrom: Ann Officer\nentries: []\n", encoding="utf-8")
    result = take(tmp_path / "ann.db", plans_dir, update, plans_dir / "demo.yaml")
    assert result.exit_code == 2, result.output
    assert "it is an update file: the chair imports it with `steerco import-updates`" in result.output
    assert "(it looks like a plan file)" in result.output


def test_a_dry_run_on_a_missing_store_makes_none(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, out = tmp_path / "chair.db", tmp_path / "status.yaml"
    meeting(chair_db, plans_dir)
    assert export(chair_db, plans_dir, out).exit_code == 0
    result = take(tmp_path / "new" / "ann.db", plans_dir, out, extra=("--dry-run",))
    assert result.exit_code == 0, result.output
    assert "would take 3, already present 0, refused 0" in result.output and "none made" in result.output
    assert not (tmp_path / "new").exists()
