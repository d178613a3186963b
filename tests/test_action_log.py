"""The action log (storage.minutes.action_log) and the `minutes` and `actions` commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt

from steerco.cli import main
from storage.minutes import action_log
from tests import test_minutes
from tests.test_minutes import GOLDEN, GOLDEN_FIRST, build

REPO = Path(__file__).resolve().parents[1]
scripted = test_minutes.scripted  # the same two scripted NI 15 meetings the minutes are tested on


def test_the_log_lists_every_action_arising_with_status_and_closure(scripted) -> None:
    store, _, _, _ = scripted
    entries = action_log.gather(store, "ni15", as_of=date(2010, 7, 20))
    assert [(e.ref, e.status, e.overdue) for e in entries] == [
        ("M1/1", "done", False), ("M1/2", "carried forward", True),
        ("M2/1", "open", False), ("M2/2", "open", False)]
    done = entries[0]
    assert done.owner == "Susie Bentley" and done.owner_id == "susie-bentley"
    assert done.closed_at is not None and done.closed_at.isoformat() == "2010-07-15T14:01:00+00:00"
    assert done.closed_meeting_id == 2 and done.meeting_date == date(2010, 3, 18)
    assert entries[1].closed_at is None
    assert entries[3].owner == "Helen Riley"  # typed as a name, kept as written


def test_open_filter_and_overdue_as_of(scripted) -> None:
    store, _, _, _ = scripted
    later = action_log.gather(store, "ni15", as_of=date(2010, 9, 1), open_only=True)
    assert [(e.ref, e.overdue) for e in later] == [("M1/2", True), ("M2/1", True), ("M2/2", False)]
    assert action_log.gather(store, "other", as_of=date(2010, 9, 1)) == []


def test_reopening_clears_the_closed_time(scripted) -> None:
    store, _, _, _ = scripted
    first = action_log.gather(store, "ni15", as_of=date(2010, 9, 1))[0]
    store.clock.at("2010-08-01T09:00:00")
    store.set_arising_status(first_id(store), "open", note="Reopened: terms of reference revised.")
    reopened = action_log.gather(store, "ni15", as_of=date(2010, 9, 1))[0]
    assert (reopened.status, reopened.closed_at, reopened.overdue) == ("open", None, True)
    store.clock.at("2010-08-02T09:00:00")
    store.set_arising_status(first_id(store), "dropped")
    again = action_log.gather(store, "ni15", as_of=date(2010, 9, 1))[0]
    assert again.closed_at is not None and again.closed_at.isoformat() == "2010-08-02T09:00:00+00:00"
    assert first.closed_at != again.closed_at


def first_id(store) -> int:
    return store.actions_arising("ni15")[0].id


def test_json_shape(scripted) -> None:
    store, _, _, _ = scripted
    data = action_log.to_json(action_log.gather(store, "ni15", as_of=date(2010, 7, 20)), date(2010, 7, 20))
    assert data["as_of"] == "2010-07-20"
    assert data["actions"][0] == {
        "plan": "ni15", "ref": "M1/1", "text": "Circulate the terms of reference of the analysis review",
        "owner": "Susie Bentley", "owner_id": "susie-bentley", "due": "2010-04-30", "status": "done",
        "status_note": "Circulated on 2 April.", "overdue": False, "meeting_id": 1, "meeting_date": "2010-03-18",
        "closed_at": "2010-07-15T14:01:00+00:00", "closed_meeting_id": 2,
    }
    json.dumps(data)


def test_markdown_log_is_a_well_formed_table(scripted) -> None:
    store, _, _, _ = scripted
    entries = action_log.gather(store, "ni15", as_of=date(2010, 7, 20))
    text = action_log.render(store, entries, as_of=date(2010, 7, 20))
    assert text.startswith("# Action log\n\nAs at Tuesday 20 July 2010.\n")
    assert "4 actions: 3 open, 1 overdue." in text
    assert "| M1/1 | Circulate the terms of reference of the analysis review | Susie Bentley | 30 Apr 2010 | " \
           "Done: Circulated on 2 April. | M1, 18 Mar 2010 | 15 Jul 2010 15:01 BST (M2) |" in text  # the plan's zone
    assert "| M1/2 | Report on the World Cup policing plan | ACC Michael Harrison | 1 Jun 2010 | " \
           "Carried forward — **overdue**: Plan awaits sign-off; see action 7.8. | M1, 18 Mar 2010 | — |" in text
    tokens = MarkdownIt("gfm-like").parse(text)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 5
    assert action_log.render(store, entries, as_of=date(2010, 7, 20)) == text


# -- the commands -------------------------------------------------------------------------


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    store, _, _, _ = build(tmp_path)
    store.close()
    return str(tmp_path / "steerco.db")


def test_minutes_command_prints_the_latest_and_a_chosen_meeting(db: str) -> None:
    latest = run("minutes", "ni15", "--db", db)
    assert latest.exit_code == 0, latest.output
    assert latest.output == GOLDEN.read_text(encoding="utf-8")
    first = run("minutes", "--db", db, "--meeting", "1")  # PLAN may be left out: one plan in the store
    assert first.exit_code == 0 and first.output == GOLDEN_FIRST.read_text(encoding="utf-8")


def test_minutes_command_writes_a_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "minutes.md"
    result = run("minutes", "ni15", "--db", db, "-o", str(out), "--tz", "UTC")
    assert result.exit_code == 0
    assert "Wrote the minutes of meeting 2 (2010-07-15)" in result.output
    assert "Opened: 14:00 UTC" in out.read_text(encoding="utf-8")


def test_times_are_in_the_meetings_zone_and_tz_overrides_it(db: str) -> None:
    """A 15:00 BST meeting is minuted 15:00 BST (the plan's meeting.time_zone, Europe/London by
    default), not 14:00; `--tz` shows another zone, named."""
    assert "Opened: 15:00 BST" in run("minutes", "ni15", "--db", db).output
    assert "Opened: 10:00 EDT" in run("minutes", "ni15", "--db", db, "--tz", "America/New_York").output
    log = run("actions", "ni15", "--db", db, "--as-of", "2010-07-20")
    assert "15 Jul 2010 15:01 BST (M2)" in log.output
    log = run("actions", "ni15", "--db", db, "--as-of", "2010-07-20", "--tz", "Asia/Tokyo")
    assert "15 Jul 2010 23:01 JST (M2)" in log.output


@pytest.mark.parametrize("args, message", [
    (["minutes", "nosuch"], "nosuch"),
    (["minutes", "ni15", "--meeting", "9"], "choose one of 2 (2010-07-15), 1 (2010-03-18)"),
    (["minutes", "ni15", "--meeting", "first"], "give a meeting number or 'latest'"),
    (["minutes", "ni15", "--tz", "Mars/Olympus"], "--tz: unknown time zone 'Mars/Olympus'"),
    (["actions", "ni15", "--tz", "BST"], "--tz: unknown time zone 'BST'"),
    (["actions", "nosuch"], "nosuch"),
])
def test_bad_input_exits_2_with_the_choices(db: str, args: list[str], message: str) -> None:
    result = run(*args, "--db", db)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_minutes_command_renders_a_meeting_with_no_plan_version_from_the_plans_folder(
        plans_dir: Path, db_path: Path) -> None:
    """A meeting recorded without a plan version (by a script) has its minutes rendered from the
    plan file as loaded, as the app's minutes are (through the same service); the store had no
    plan to render from, so the command used to crash. A missing plan file is a clear refusal."""
    from storage.store.records import AgendaItem, Attendee
    from storage.store.store import Store

    with Store.open(db_path) as store:
        meeting = store.start_meeting("demo", date(2026, 11, 20), "Ann Officer", [Attendee("Ann Officer", "present")],
                                      [AgendaItem("action", "1.1", "Book the venue", 300)], "full", None)
        store.record_note(meeting, 1, "Venue held for March.", "Ann Officer")
    result = run("minutes", "demo", "--db", str(db_path), "--plans", str(plans_dir))
    assert result.exit_code == 0, result.output
    assert "Venue held for March." in result.output and "Demo plan" in result.output
    (plans_dir / "demo.yaml").unlink()
    with Store.open(db_path) as store:
        meeting = store.start_meeting("gone", date(2026, 11, 20), "Ann", [], [], "full", None)
    refused = CliRunner().invoke(main, ["minutes", "gone", "--db", str(db_path), "--plans", str(plans_dir),
                                        "--meeting", str(meeting)])
    assert refused.exit_code == 2 and "no stored plan to render its minutes from" in refused.output


def test_commands_refuse_a_missing_store(tmp_path: Path) -> None:
    result = run("minutes", "ni15", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no store at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_actions_command_markdown_json_and_open(db: str, tmp_path: Path) -> None:
    text = run("actions", "ni15", "--db", db, "--as-of", "2010-07-20")
    assert text.exit_code == 0 and "| M2/2 |" in text.output
    data = json.loads(run("actions", "--db", db, "--as-of", "2010-07-20", "--json", "--open").output)
    assert [a["ref"] for a in data["actions"]] == ["M1/2", "M2/1", "M2/2"]
    out = tmp_path / "log.json"
    run("actions", "ni15", "--db", db, "--json", "-o", str(out), "--as-of", "2010-07-20")
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2010-07-20"


def test_actions_of_a_plan_with_none_yet(tmp_path: Path, db: str) -> None:
    result = run("--plans", str(REPO / "plans"), "actions", "svd_2023_25", "--db", db, "--as-of", "2024-01-01")
    assert result.exit_code == 0, result.output
    assert "No actions arising have been recorded." in result.output


def test_every_command_has_help() -> None:
    for name in ("minutes", "actions"):
        result = run(name, "--help")
        assert result.exit_code == 0 and len(main.commands[name].help or "") > 40
