"""History that answers "what did we say about 7.1 last time?": beside each status, the meeting's
date and discussion note on the action's item, and the officer's note the status answered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from tests.test_minutes import build


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    store, _, _, _ = build(tmp_path)  # the plan copied to tmp_path/ni15.yaml, the store beside it
    store.close()
    return tmp_path


def history(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["history", "ni15", *args, "--db", str(folder / "steerco.db"),
                                       "--plans", str(folder)], env={"COLUMNS": "300"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_history_json_gives_the_meetings_notes_and_the_officers(folder: Path) -> None:
    entries = json.loads(history(folder, "7.1", "--json"))["entries"]
    latest, first = entries
    assert latest["rag"] == "A" and latest["meeting_date"] == "2010-07-15"
    assert latest["discussion"] == "Members asked for the licensing conditions to be checked."
    assert latest["officer_note"] == "Hot-spot premises visited weekly."
    assert latest["officer"] == "Ch. Insp Adrian Roberts"
    assert first["rag"] == "G" and first["meeting_date"] == "2010-03-18"
    assert first["discussion"] == "" and first["officer_note"] == ""  # nothing noted on 7.1 in March, no proposal


def test_history_table_shows_them_beside_each_status(folder: Path) -> None:
    shown = history(folder, "7.1")
    assert "Two hot-spot premises reopened without licence conditions" in shown  # the status's own note
    assert "Officer's note (Ch. Insp Adrian Roberts): Hot-spot premises visited weekly." in shown
    assert "Discussed at the meeting of 15 Jul 2010: Members asked for the licensing conditions to be checked." in shown
    assert "M2, 15 Jul 2010" in shown and "M1, 18 Mar 2010" in shown


def test_a_proposal_the_chair_took_as_written_is_said_once(folder: Path) -> None:
    """7.7's status note is the officer's proposal word for word: not repeated as the officer's note."""
    shown = history(folder, "7.7")
    assert shown.count("IOM cohort defined; repeat violent offenders down 8% on the quarter.") == 1
    entry = json.loads(history(folder, "7.7", "--json"))["entries"][0]
    assert entry["officer_note"] == entry["note"] and entry["officer"] == "Ch. Insp Adrian Roberts"


async def test_the_action_detail_shows_them_beside_each_status(tmp_path: Path) -> None:
    """The officer's proposal for 7.3 answered Red at a meeting that noted a discussion on 7.3."""
    from datetime import UTC, date, datetime

    from textual.widgets import DataTable

    from storage.store.records import AgendaItem
    from storage.store.store import Store
    from tests.test_tui_support import Clock, home_settled, seeded_app
    from tui.screens.action import ActionScreen

    app = seeded_app(tmp_path, plan="ni15")
    with Store.open(tmp_path / "steerco.db", clock=Clock(datetime(2010, 6, 14, 13, tzinfo=UTC))) as store:
        (proposal,) = [p for p in store.proposals("ni15") if p.item_id == "7.3"]
        m = store.start_meeting("ni15", date(2010, 6, 14), "Chair", [], [AgendaItem("action", "7.3", "7.3", 180)],
                                "all", None)
        store.record_update("ni15", "7.3", "R", "Red until the scheme covers the county.", "Chair", "meeting",
                            meeting_id=m, proposal_id=proposal.id)
        store.record_note(m, 1, "Members want the youth offer costed.", "Secretariat")
        store.close_meeting(m)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, ActionScreen) and detail.action_id == "7.3"
        row = [str(cell) for cell in detail.query_one("#history", DataTable).get_row_at(0)]
    assert row[0].splitlines() == ["2010-06-14 14:00 BST", "Chair", "meeting", f"M{m}, 14 Jun 2010"]
    said = row[-1].splitlines()
    assert said == ["Red until the scheme covers the county.",
                    "Officer's note (Youth Offending Service): Youth diversion scheme started in two districts",
                    "Discussed: Members want the youth offer costed."]


def test_history_times_are_in_the_plans_zone_unless_tz_says(folder: Path) -> None:
    """Actions and risks alike: the plan's meeting.time_zone (Europe/London), named; --tz another;
    an unknown zone exits 2 in one line."""
    action = json.loads(history(folder, "7.1", "--json"))["entries"][0]
    assert action["when"] == "2010-07-15 15:02 BST" and action["local_time"] == "2010-07-15 15:02"
    assert json.loads(history(folder, "7.1", "--json", "--tz", "UTC"))["entries"][0]["when"] == "2010-07-15 14:02 UTC"
    risk = json.loads(history(folder, "SSC15-3", "--json"))["entries"][0]
    assert risk["when"].endswith(" BST") and "BST" in history(folder, "SSC15-3")
    assert json.loads(history(folder, "SSC15-3", "--json", "--tz", "UTC"))["entries"][0]["when"].endswith(" UTC")
    bad = CliRunner().invoke(main, ["history", "ni15", "7.1", "--tz", "Nowhere/Land", "--db",
                                    str(folder / "steerco.db"), "--plans", str(folder)])
    assert bad.exit_code == 2 and "--tz: unknown time zone 'Nowhere/Land'" in bad.output
    assert len(bad.output.strip().splitlines()) == 1
