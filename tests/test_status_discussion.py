"""The meeting's discussion goes back with the agreed position: the chair's note on an item
(the walk-through's `n`) is in `export-status`'s file as the item's `discussion`, taken in by
`import-status` and shown in officer mode's and template's "Agreed at the meeting of …" line.
A file without it is taken as before; its notes are inert text like every other."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from steerco.cli import main
from storage.plan.load import load_plans
from storage.service.officer import OfficerService, owned_items
from storage.service.service import Service
from storage.store.records import Meeting
from storage.store.store import Store
from tests.test_status_files import GOOD

SLIPPED = "Procurement slipped to Q1 2027; CE to report back."


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def position(meeting: Meeting, kind: str, ref: str) -> int:
    return next(n for n, item in enumerate(meeting.agenda, 1) if (item.kind, item.ref) == (kind, ref))


def two_meetings(db: Path, plans: Path) -> None:
    """12 Nov: 1.1 Amber with no note, the chair's note on it; R-1 re-rated. 10 Dec: 1.1 is
    discussed again but not re-rated; R-1 discussed with nothing said (no note)."""
    with Service.open(db, plans) as service:
        m = service.start_meeting("demo", date(2026, 11, 12), "bob", ["bob", "ann"], [], [], "all")
        service.set_status(m, "1.1", "A", note="")
        service.record_note(m, position(m, "action", "1.1"), SLIPPED)
        service.rate_risk(m, "R-1", 4, 2, "Grant at risk.")
        service.close_meeting(m)
        m = service.start_meeting("demo", date(2026, 11, 26), "bob", ["bob", "ann"], [], [], "all")
        service.record_note(m, position(m, "action", "1.1"), "CE reported:\n  tender out in January.")
        service.close_meeting(m)


def export(db: Path, plans: Path, out: Path) -> Result:
    return run("export-status", "demo", "-o", str(out), "--db", str(db), "--plans", str(plans))


def test_the_chairs_notes_go_back_and_show_beside_the_agreed_position(plans_dir: Path, tmp_path: Path) -> None:
    chair, officer, out = tmp_path / "chair.db", tmp_path / "ann.db", tmp_path / "status.yaml"
    two_meetings(chair, plans_dir)
    assert export(chair, plans_dir, out).exit_code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    items = {i.get("action") or i.get("risk"): i for i in data["items"]}
    assert items["1.1"]["note"] == ""
    assert items["1.1"]["discussion"] == [{"meeting": date(2026, 11, 12), "note": SLIPPED},
                                          {"meeting": date(2026, 11, 26),
                                           "note": "CE reported:\n  tender out in January."}]
    assert "discussion" not in items["R-1"]  # nothing said: left out

    taken = run("import-status", str(out), "--db", str(officer), "--plans", str(plans_dir))
    assert taken.exit_code == 0, taken.output
    again = run("import-status", str(out), "--db", str(officer), "--plans", str(plans_dir))
    assert "taken 0, already present" in again.output
    line = (f"Agreed at the meeting of 12 Nov 2026: Amber · Discussed: {SLIPPED} · Discussed on 26 Nov 2026: "
            "CE reported: tender out in January.")
    template = run("template", "--as", "ann", "demo", "--db", str(officer), "--plans", str(plans_dir))
    assert template.exit_code == 0, template.output
    assert f"# {line}" in template.output
    assert "Agreed at the meeting of 12 Nov 2026: I4 × L2" in template.output


async def test_officer_mode_shows_the_discussion_in_the_agreed_line(plans_dir: Path, tmp_path: Path) -> None:
    from textual.widgets import Static

    from tui.officer_app import make_officer_app

    chair, officer, out = tmp_path / "chair.db", tmp_path / "ann.db", tmp_path / "status.yaml"
    two_meetings(chair, plans_dir)
    assert export(chair, plans_dir, out).exit_code == 0
    assert run("import-status", str(out), "--db", str(officer), "--plans", str(plans_dir)).exit_code == 0
    plans = [p.plan for p in load_plans(plans_dir) if p.plan is not None]
    with OfficerService.open(officer) as service:
        app = make_officer_app(service=service, items=owned_items(plans, "ann"))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            agreed = str(app.screen.query_one("#agreed", Static).render())
    assert agreed.startswith("Agreed at the meeting of 12 Nov 2026: ▲ A Amber · Discussed: Procurement slipped")
    assert "Discussed on 26 Nov 2026: CE reported: tender out in January." in agreed


FILE = GOOD  # a file written before `discussion` was added
DISCUSSED = FILE.replace("    agreed_on:", "    discussion:\n      - meeting: 2026-11-12\n        note: NOTE\n"
                         "    agreed_on:")


def test_a_file_without_discussion_is_taken_and_then_one_with_it_adds_the_discussion(
        plans_dir: Path, tmp_path: Path) -> None:
    officer = tmp_path / "ann.db"
    (tmp_path / "old.yaml").write_text(FILE, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(DISCUSSED.replace("NOTE", "Talk to the venue."), encoding="utf-8")
    for name, taken in (("old.yaml", 1), ("new.yaml", 1), ("old.yaml", 0)):
        result = run("import-status", str(tmp_path / name), "--db", str(officer), "--plans", str(plans_dir))
        assert result.exit_code == 0 and f"taken {taken}," in result.output, result.output
    with Store.open(officer) as store:
        assert int(store.conn.execute("SELECT count(*) FROM agreed_positions").fetchone()[0]) == 2


def test_a_discussion_note_is_inert_text_refused_at_its_line(plans_dir: Path, tmp_path: Path) -> None:
    officer, bad = tmp_path / "ann.db", tmp_path / "bad.yaml"
    bad.write_text(DISCUSSED.replace("NOTE", '"Slipped \\u202e again"'), encoding="utf-8")
    result = run("import-status", str(bad), "--db", str(officer), "--plans", str(plans_dir))
    assert result.exit_code == 2, result.output
    found = re.search(r"bad\.yaml:(\d+):\d+: error: (.+)", result.output)
    assert found and found.group(1) == "12" and "bidirectional" in found.group(2), result.output
    assert "refused, nothing taken" in result.output
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(DISCUSSED.replace("NOTE", "x").replace("        note: x", "        said: x"), encoding="utf-8")
    result = run("import-status", str(unknown), "--db", str(officer), "--plans", str(plans_dir))
    assert result.exit_code == 2 and "said" in result.output, result.output
