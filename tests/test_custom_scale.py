"""Every view agrees on a plan whose status scale is its own: codes N/P/D/C, C (the highest
rank) complete, with names that are not the default scale's.

The plan is NI 15 with that scale and due dates moved around today. The store holds: 7.5
completed (C) with its due date past; 7.8 and 7.9 late; 7.1 stale (rated more than one meeting
cycle ago); 7.2 changed since the last closed meeting; an officer's proposal of C for 7.7 and a
refused one of R. Each view is read from what it shows (rows, agenda items, JSON, Markdown,
command output), never from the rules behind it: late, complete, stale and changed must be
the same everywhere, and a completed action is never overdue anywhere.
"""

from __future__ import annotations

import json
import re
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.plan.load import load_plan
from storage.plan.model import DEFAULT_RAG_SCALE
from storage.plan.status import COMPLETE_CODE, DEFAULT_RANKS, StatusNotOnScale, complete_code
from storage.service.service import Service
from storage.store.store import Store
from tests.test_tui_support import NI15, Clock

SCALE = """rag_scale:
  - {code: N, name: Stalled, symbol: "■", rank: 0, meaning: Not moving.}
  - {code: P, name: Slipping, symbol: "▼", rank: 1, meaning: "Behind, being managed."}
  - {code: D, name: Delivering, symbol: "▶", rank: 2, meaning: On track.}
  - {code: C, name: Closed, symbol: "✔", rank: 3, meaning: Delivered and closed.}
"""
CODES = "N (Stalled), P (Slipping), D (Delivering), C (Closed)"
TODAY = date.today()
NOW = datetime.now(UTC).replace(microsecond=0)
ACTIONS = [f"7.{n}" for n in range(1, 10)]
FUTURE = TODAY + timedelta(days=365)
DUE = {"7.5": TODAY - timedelta(days=30), "7.8": TODAY - timedelta(days=5), "7.9": TODAY - timedelta(days=20)}
ADRIAN = "Ch. Insp Adrian Roberts"  # owns 7.1 and 7.7


def _with_due(text: str, action_id: str, due: date) -> str:
    start = text.index(f'- id: "{action_id}"')
    at = text.index("due: ", start)
    end = text.index("\n", at)
    return text[:at] + f"due: {due.isoformat()}" + text[end:]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A plans folder with NI 15 on the N/P/D/C scale, its due dates set around today."""
    text = NI15.read_text(encoding="utf-8")
    assert "rag_scale" not in text
    text = text.replace("\nthemes:\n", "\n" + SCALE + "themes:\n", 1)
    for action_id in ACTIONS:
        text = _with_due(text, action_id, DUE.get(action_id, FUTURE))
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "ni15.yaml").write_text(text, encoding="utf-8")
    loaded = load_plan(plans / "ni15.yaml")
    assert loaded.plan is not None and not loaded.errors, loaded.errors
    assert [s.code for s in loaded.plan.rag_scale] == ["N", "P", "D", "C"]
    return plans


def _update_file(path: Path, action_id: str, status: str) -> Path:
    path.write_text(f"""format: steerco-updates
version: 1
from: "{ADRIAN}"
entries:
  - plan: "ni15"
    plan_version: "3.2"
    action: "{action_id}"
    status: {status}
    note: "Proposed {status} by the owner."
    author: "{ADRIAN}"
    written_at: {(NOW - timedelta(days=2)).isoformat()}
""", encoding="utf-8")
    return path


def _cli(*args: str, folder: Path, db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--plans", str(folder), "--db", str(db)], env={"COLUMNS": "200"})
    return result.exit_code, result.output


class Views:
    """What each view shows, read from its output."""

    def __init__(self, folder: Path, db: Path, arising: dict[str, str]) -> None:
        self.folder, self.db = folder, db
        self.arising = arising  # the actions arising at the first meeting: text -> ref

    def service(self) -> Service:
        return Service.open(self.db, self.folder, clock=Clock(NOW), today=TODAY)

    def dashboard(self) -> dict[str, tuple[str, bool, bool]]:
        """Action id: (status code, overdue, stale), from the dashboard's rows."""
        with closing(self.service()) as service:
            return {r.action.id: (r.rag, r.overdue, r.stale) for r in service.dashboard("ni15")}

    def home(self) -> tuple[dict[str, int], int, int]:
        """The home screen's line: counts by status, late, stale."""
        with closing(self.service()) as service:
            (line,) = service.plans()
            return line.counts, line.overdue, line.stale

    def agenda(self) -> list[str]:
        """The actions on the agenda by exception, were a meeting started now."""
        with closing(self.service()) as service:
            return [i.ref or "" for i in service.build_agenda("ni15", "exception") if i.kind == "action"]

    def status_json(self) -> dict[str, dict]:
        code, output = _cli("status", "ni15", "--json", folder=self.folder, db=self.db)
        assert code == 0, output
        return {a["id"]: a for a in json.loads(output)["actions"]}

    def status_text(self) -> str:
        code, output = _cli("status", "ni15", folder=self.folder, db=self.db)
        assert code == 0, output
        return output

    def check(self, *, late: set[str], complete: set[str], stale: set[str], agenda: list[str]) -> None:
        """Every view shows these actions late, complete and stale, and this agenda by exception."""
        rows = self.dashboard()
        assert {a for a, (_, overdue, _) in rows.items() if overdue} == late
        assert {a for a, (rag, _, _) in rows.items() if rag == "C"} == complete
        assert {a for a, (_, _, is_stale) in rows.items() if is_stale} == stale
        counts, overdue, stale_count = self.home()
        assert (counts.get("C", 0), overdue, stale_count) == (len(complete), len(late), len(stale))
        assert sum(counts.values()) == len(ACTIONS)
        report = self.status_json()
        assert {a for a, row in report.items() if row["overdue"]} == late
        assert {a for a, row in report.items() if row["rag"] == "C"} == complete
        assert all(report[a]["rag_name"] == "Closed" for a in complete)
        shown = self.status_text()
        assert shown.count("OVERDUE") == len(late)
        assert self.agenda() == agenda
        for action_id in complete:  # never overdue anywhere, though every one here is past due or not
            assert not rows[action_id][1] and not report[action_id]["overdue"]


@pytest.fixture
def views(folder: Path, tmp_path: Path) -> Views:
    """The store's history: statuses before and after a closed meeting, two actions arising,
    and the officer's update files imported (one refused)."""
    db = tmp_path / "steerco.db"
    clock = Clock(NOW - timedelta(days=60))
    with Store.open(db, clock=clock) as store:
        store.record_update("ni15", "7.1", "D", "Started.", ADRIAN, "command-line")  # stale by now
        clock.at = NOW - timedelta(days=10)
        for action_id, rag in {"7.2": "N", "7.3": "N", "7.4": "D", "7.5": "C", "7.6": "D", "7.7": "D",
                               "7.8": "D", "7.9": "P"}.items():
            store.record_update("ni15", action_id, rag, "Reported.", ADRIAN, "command-line")
    clock.at = NOW - timedelta(days=8)
    with closing(Service.open(db, folder, clock=clock, today=TODAY)) as service:
        assert service.plan("ni15").complete_code == "C"
        meeting = service.start_meeting("ni15", clock.at.date(), "michael-harrison", ["michael-harrison"], [], [],
                                        "all")
        arising = {text: service.add_action_arising(meeting, 1, text, "adrian-roberts", TODAY - timedelta(days=3)).ref
                   for text in ("Circulate the premises list", "Brief the licensing forum")}
        service.close_meeting(meeting)
    clock.at = NOW - timedelta(days=5)
    with Store.open(db, clock=clock) as store:
        store.record_update("ni15", "7.2", "D", "Back on track.", ADRIAN, "command-line")  # changed since
    code, output = _cli("import-updates", str(_update_file(tmp_path / "closed.yaml", "7.7", "C")), folder=folder, db=db)
    assert code == 0 and "taken 1" in output, output
    code, output = _cli("import-updates", str(_update_file(tmp_path / "red.yaml", "7.7", "R")), folder=folder, db=db)
    assert code == 2 and "refused 1" in output, output
    assert ("status 'R' is not on plan ni15's scale; choose one of N (Stalled), P (Slipping), D (Delivering), "
            "C (Closed)") in " ".join(output.split()), output
    return Views(folder, db, arising)


def _sections(minutes: str) -> dict[str, str]:
    """Each action's part of the minutes, by action id."""
    parts = re.split(r"^#### Action ", minutes, flags=re.MULTILINE)[1:]
    return {part.split()[0].rstrip(":"): part.split("\n#")[0] for part in parts}


def test_every_view_agrees_on_a_custom_scale(views: Views, folder: Path, tmp_path: Path) -> None:
    views.check(late={"7.8", "7.9"}, complete={"7.5"}, stale={"7.1"},
                agenda=["7.2", "7.3", "7.7", "7.8", "7.9"])  # changed, stalled, proposal, late, late and slipping
    db = views.db
    clock = Clock(NOW - timedelta(hours=1))
    with closing(Service.open(db, folder, clock=clock, today=TODAY)) as service:
        meeting = service.start_meeting("ni15", TODAY, "michael-harrison", ["michael-harrison"], [], [],
                                        "exception")
        assert [i.ref for i in meeting.agenda if i.kind == "action"] == ["7.2", "7.3", "7.7", "7.8", "7.9"]
        before = len(service.history("ni15", "7.3"))
        for refused in ("R", "B", "Complete-ish"):
            with pytest.raises(StatusNotOnScale, match=re.escape(CODES)):
                service.set_status(meeting, "7.3", refused)
        assert len(service.history("ni15", "7.3")) == before  # nothing written
        (proposal,) = service.proposals("ni15", "7.7")
        assert service.accept_proposal(meeting, proposal).rag == "C"
        for action_id, rag in {"7.8": "C", "7.9": "N", "7.3": "D", "7.2": "D"}.items():
            assert service.set_status(meeting, action_id, rag).rag == rag
        service.set_arising_status(meeting, views.arising["Brief the licensing forum"], "dropped")
        service.close_meeting(meeting)
        minutes = service.minutes(meeting.id)

    sections = _sections(minutes)
    assert set(sections) == {"7.2", "7.3", "7.7", "7.8", "7.9"}
    assert {a for a, text in sections.items() if "**OVERDUE**" in text} == {"7.9"}
    assert "Status agreed: **Closed** (previously Delivering; improved)" in sections["7.8"]  # complete, past due
    assert "Status agreed: **Closed** (previously Delivering; improved). Proposed Closed by" in sections["7.7"]
    assert "Status agreed: **Stalled** (previously Slipping; worsened)" in sections["7.9"]
    assert "Status agreed: **Delivering** (previously Stalled; improved)" in sections["7.3"]
    assert "Status agreed: **Delivering** (previously Delivering; unchanged)" in sections["7.2"]
    assert ("Statuses agreed for 5 actions: 1 Stalled, 2 Delivering, 2 Closed. "
            "Since the previous meeting: 3 improved, 1 worsened, 1 unchanged.") in minutes
    matters = [line for line in minutes.splitlines() if "premises list" in line or "licensing forum" in line]
    assert len(matters) >= 2
    assert all("(overdue)" in line for line in matters if "premises list" in line)
    assert not any("(overdue)" in line for line in matters if "licensing forum" in line)  # dropped

    code, output = _cli("actions", "ni15", "--json", "--as-of", TODAY.isoformat(), folder=folder, db=db)
    assert code == 0, output
    log = {a["text"]: (a["status"], a["overdue"]) for a in json.loads(output)["actions"]}
    assert log == {"Circulate the premises list": ("open", True), "Brief the licensing forum": ("dropped", False)}

    views.check(late={"7.9"}, complete={"7.5", "7.7", "7.8"}, stale={"7.1"}, agenda=["7.9"])

    with closing(Service.open(db, folder)) as service:
        history = len(service.history("ni15", "7.6"))
    for refused in ("R", "red", "blue"):
        code, output = _cli("record", "ni15", "7.6", "--rag", refused, "--note", "x", "--by", ADRIAN,
                            folder=folder, db=db)
        assert code == 2 and f"status {refused!r} is not on plan ni15's scale; choose one of {CODES}" in output, output
    with closing(Service.open(db, folder)) as service:
        assert len(service.history("ni15", "7.6")) == history  # nothing written
    code, output = _cli("record", "ni15", "7.6", "--rag", "C", "--note", "Done.", "--by", ADRIAN,
                        folder=folder, db=db)
    assert code == 0 and "Recorded ni15 7.6: C Closed" in output, output
    code, output = _cli("record", "ni15", "7.4", "--rag", "complete", "--note", "Done.", "--by", ADRIAN,
                        folder=folder, db=db)
    assert code == 0 and "Recorded ni15 7.4: C Closed" in output, output
    views.check(late={"7.9"}, complete={"7.4", "7.5", "7.6", "7.7", "7.8"}, stale={"7.1"},
                agenda=["7.4", "7.6", "7.9"])  # 7.4 and 7.6 changed since the last meeting


def test_the_scale_colours_the_cli_and_the_app(folder: Path) -> None:
    """Colours follow the status's place on the plan's scale: C is coloured as B is."""
    from steerco.cli_store_view import TONE_COLOURS, rag_cell
    from tui import rag

    plan = load_plan(folder / "ni15.yaml").plan
    assert plan is not None
    tones = plan.rag_tones
    assert [rag_cell(code, None, tones).style for code in "NPDC"] == [
        rag_cell(code).style for code in "RAGB"] == list(TONE_COLOURS.values())
    variables = {"error": "#aa0000", "warning": "#aaaa00", "success": "#00aa00", "primary": "#0000aa"}
    assert [rag.style(code, variables, plan=plan) for code in "NPDC"] == [
        rag.style(code, variables) for code in "RAGB"]
    assert [rag.state_class(code, plan) for code in "NPDC"] == ["-red", "-amber", "-green", "-blue"]
    assert rag.markup(plan, "C").startswith("[bold $primary]✔ C Closed")
    assert tuple((s.code, s.rank) for s in DEFAULT_RAG_SCALE) == DEFAULT_RANKS
    assert complete_code(DEFAULT_RANKS) == COMPLETE_CODE


# -- the app's views on the custom scale --------------------------------------------------
# Helper D adds the walk-through's and the dashboard's keys here (status keys from the
# plan's scale, the dashboard's status filter); the tests below read what the app shows.


async def test_the_dashboard_marks_late_only_what_is_late(views: Views) -> None:
    from tui.app import make_app
    from tui.widgets.action_table import ActionTable

    app = make_app(db_path=views.db, plans_dir=views.folder, clock=Clock(NOW), today=TODAY, plan="ni15")
    async with app.run_test(size=(160, 50)) as pilot:
        for _ in range(200):
            found = app.screen.query("#actions-table")
            if found and found.first(ActionTable).row_count:
                break
            await pilot.pause(0.02)
        table = app.screen.query_one("#actions-table", ActionTable)
        marked = {action_id for action_id in table.shown_ids if str(table.cell(action_id, "due")).endswith("⚠")}
        assert marked == {"7.8", "7.9"}
        assert str(table.cell("7.5", "rag")) == "✔ C"


async def test_a_completed_action_is_not_shown_overdue_in_the_walkthrough(tmp_path: Path) -> None:
    """7.5 is amber and past its due date: the walk-through says OVERDUE until the complete key."""
    from textual.widgets import Static

    from tests.test_tui_support import seeded_app

    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        screen.go(next(n for n, i in enumerate(screen.meeting.agenda, 1) if i.ref == "7.5"))  # type: ignore[attr-defined]
        await pilot.pause()
        facts = screen.query_one("#wt-facts", Static)
        assert "OVERDUE" in str(facts.render())
        await pilot.press("b")
        await pilot.pause()
        assert app.service.history("ni15", "7.5")[0].rag == "B"
        assert "OVERDUE" not in str(facts.render())


def _template_deadlines(output: str) -> dict[str, str]:
    """Each action's comment line in a template, by action id: '… — deadline: … OVERDUE'."""
    return {line.split()[2].rstrip(":"): line for line in output.splitlines() if line.startswith("  # action ")}


async def test_the_template_and_officer_mode_judge_late_on_the_status_the_store_knows(
        views: Views, folder: Path, tmp_path: Path) -> None:
    """7.8 (Michael Harrison's) is past due: late while Delivering, not once the meeting agreed it
    Closed, in the chair's template, and in the template and officer mode of an officer's store
    that holds only the status file taken in (no status of its own)."""
    from textual.widgets import OptionList, Static

    from storage.service.officer import OfficerService, owned_items
    from tui.officer_app import make_officer_app

    code, output = _cli("template", "--as", "harrison", "ni15", folder=folder, db=views.db)
    assert code == 0, output
    assert _template_deadlines(output)["7.8"].endswith(" OVERDUE")  # Delivering and past due
    with closing(Service.open(views.db, folder, clock=Clock(NOW - timedelta(hours=1)), today=TODAY)) as service:
        meeting = service.start_meeting("ni15", TODAY, "michael-harrison", ["michael-harrison"], [], [], "all")
        service.set_status(meeting, "7.8", "C")
        service.close_meeting(meeting)
    code, output = _cli("template", "--as", "harrison", "ni15", folder=folder, db=views.db)
    assert code == 0, output
    assert "OVERDUE" not in _template_deadlines(output)["7.8"], output

    status_file, officer_db = tmp_path / "status.yaml", tmp_path / "officer.db"
    code, output = _cli("export-status", "ni15", "-o", str(status_file), folder=folder, db=views.db)
    assert code == 0, output
    code, output = _cli("import-status", str(status_file), folder=folder, db=officer_db)
    assert code == 0, output
    code, output = _cli("template", "--as", "harrison", "ni15", folder=folder, db=officer_db)
    assert code == 0, output
    line = _template_deadlines(output)["7.8"]
    assert "OVERDUE" not in line and "Agreed at the meeting of" in output.split(line)[1].split("\n")[1]

    plan = load_plan(folder / "ni15.yaml").plan
    assert plan is not None
    items = [i for i in owned_items([plan], "michael-harrison") if i.kind == "action"]
    with Store.open(officer_db) as store:
        assert store.current_statuses("ni15") == {}  # the agreed position only
        app = make_officer_app(service=OfficerService(store), items=items)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#items", OptionList)
            for _ in range(options.option_count):
                if (options.get_option_at_index(options.highlighted or 0).id or "").endswith("\x1f7.8"):
                    break
                await pilot.press("down")
                await pilot.pause()
            await pilot.pause()
            detail = str(app.screen.query_one("#item-detail", Static).render())
            agreed = str(app.screen.query_one("#agreed", Static).render())
    deadline = next(line for line in detail.splitlines() if "Deadline:" in line)
    assert "OVERDUE" not in deadline, detail
    assert agreed.startswith("Agreed at the meeting of") and ": ✔ C Closed" in agreed
