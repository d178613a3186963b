"""A status stored before the plan's scale was edited (code D renamed X) is shown as itself,
marked off the scale ('? D', '(not on the scale)'), counted on home's line, and reported by
`steerco check`; columns of statuses are headed 'Status' and refused status words get the
closest one ('did you mean C (Complete)?') from the one status parser. A new user's try of
issue 12 (items 3, 4 and 7)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, Static

from steerco.cli import main
from storage.plan.status import closest_status
from storage.store.store import Store
from tests.test_tui_support import NI15, Clock, home_settled

SCALE = """rag_scale:
  - {code: N, name: Not started, symbol: "○", rank: 0, meaning: Not started.}
  - {code: D, name: Delayed, symbol: "▼", rank: 1, meaning: Behind.}
  - {code: P, name: In progress, symbol: "◐", rank: 2, meaning: Moving.}
  - {code: C, name: Complete, symbol: "●", rank: 3, meaning: Done.}
"""
NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = date.today()
ADRIAN = "Ch. Insp Adrian Roberts"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return off_scale_folder(tmp_path)


def off_scale_folder(tmp_path: Path) -> Path:
    """NI 15 on the N/D/P/C scale, 7.3 and 7.4 recorded D (Delayed), 7.5 P, 7.2 C; then the plan's
    scale edited: D renamed X."""
    plans = tmp_path / "plans"
    plans.mkdir()
    text = NI15.read_text(encoding="utf-8").replace("\nthemes:\n", "\n" + SCALE + "themes:\n", 1)
    (plans / "ni15.yaml").write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "steerco.db", clock=Clock(NOW - timedelta(days=1))) as store:
        for action_id, code in {"7.2": "C", "7.3": "D", "7.4": "D", "7.5": "P"}.items():
            store.record_update("ni15", action_id, code, "Reported.", ADRIAN, "command-line")
    (plans / "ni15.yaml").write_text(text.replace("{code: D, name: Delayed", "{code: X, name: Delayed"),
                                     encoding="utf-8")
    return plans


def _cli(folder: Path, *args: str, columns: int = 80) -> tuple[int, str]:
    env = {"STEERCO_PLANS": str(folder), "STEERCO_DB": str(folder.parent / "steerco.db"),
           "STEERCO_CACHE": str(folder.parent / "cache"), "STEERCO_HOME": str(folder.parent),
           "COLUMNS": str(columns)}
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def test_status_and_history_show_it_marked_and_headed_status(folder: Path) -> None:
    code, shown = _cli(folder, "status", "ni15")
    assert code == 0, shown
    lines = shown.splitlines()
    assert lines[1].split() == ["Id", "Action", "Owner", "Due", "Status"]  # not 'RAG'
    row = {line.split()[0]: line for line in lines if line[:3] == "7.3" or line[:3] == "7.5"}
    assert row["7.3"].rstrip().endswith("? D") and row["7.5"].rstrip().endswith("◐ P")
    assert "? D: not on the scale" in " ".join(shown.split())
    code, wide = _cli(folder, "status", "ni15", columns=160)
    assert code == 0 and "┃ Status " in wide and "RAG" not in wide, wide
    assert "? D: not on the scale" in wide
    code, history = _cli(folder, "history", "ni15", "7.3")
    assert code == 0 and "┃ Status" in history and "│ ? D " in history, history


def test_check_reports_each_status_not_on_its_plans_scale(folder: Path) -> None:
    code, output = _cli(folder, "check")
    assert code == 1, output
    problems = [line for line in output.splitlines() if "not on the scale" in line]
    assert problems == [
        f"  problem: status not on the scale: plan ni15 action {a} is 'D', which plan ni15's scale "
        "(N, X, P, C) does not have; record it again" for a in ("7.3", "7.4")]
    code, output = _cli(folder, "check", "--json")
    assert code == 1
    found = json.loads(output)
    assert found["off_scale"] == [{"plan": "ni15", "action": a, "status": "D", "scale": ["N", "X", "P", "C"],
                                   "proposal": None} for a in ("7.3", "7.4")]
    assert not found["ok"]
    code, output = _cli(folder, "record", "ni15", "7.3", "--rag", "X", "--note", "Renamed.", "--by", ADRIAN)
    assert code == 0, output
    code, output = _cli(folder, "check", "--json")
    assert [o["action"] for o in json.loads(output)["off_scale"]] == ["7.4"]


async def test_home_counts_it_and_the_dashboard_shows_it_as_itself(folder: Path) -> None:
    from tui.app import make_app
    from tui.widgets.action_table import ActionTable

    app = make_app(db_path=folder.parent / "steerco.db", plans_dir=folder, clock=Clock(NOW), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        table = app.screen.query_one(DataTable)
        counts = str(table.get_cell(str(folder / "ni15.yaml"), "rag"))
        assert counts == "N 0 · X 0 · P 1 · C 1 · ? D 2 · – 5"  # 9 actions: D counted, marked
        detail = str(app.screen.query_one("#plan-detail", Static).render())
        assert "2 statuses not on the scale (? D): run steerco check to list them" in detail.splitlines()
        await pilot.press("enter")
        for _ in range(200):
            found = app.screen.query("#actions-table")
            if found and found.first(ActionTable).row_count:
                break
            await pilot.pause(0.02)
        actions = app.screen.query_one("#actions-table", ActionTable)
        assert str(actions.cell("7.3", "rag")) == "? D"
        assert str(actions.cell("7.5", "rag")) == "◐ P"
        assert [c.label for c in actions.columns][4] == "Status"


def test_a_refused_status_word_names_the_closest_status(folder: Path, tmp_path: Path) -> None:
    code, output = _cli(folder, "record", "ni15", "7.6", "--rag", "Compleet", "--note", "x", "--by", ADRIAN)
    assert code == 2
    assert ("status 'Compleet' is not on plan ni15's scale; choose one of N (Not started), X (Delayed), "
            "P (In progress), C (Complete). "
            "Did you mean C (Complete)?") in " ".join(output.split())
    code, output = _cli(folder, "record", "ni15", "7.6", "--rag", "purple", "--note", "x", "--by", ADRIAN)
    assert code == 2 and "Did you mean" not in output  # nothing close: the codes only
    update = tmp_path / "update.yaml"
    update.write_text(f"""format: steerco-updates
version: 1
from: "{ADRIAN}"
entries:
  - plan: "ni15"
    action: "7.7"
    status: Compleet
    note: "Done."
    author: "{ADRIAN}"
    written_at: {NOW.isoformat()}
""", encoding="utf-8")
    code, output = _cli(folder, "import-updates", str(update), "--dry-run")
    assert code == 2
    assert ("status 'Compleet' is not on plan ni15's scale; choose one of N (Not started), X (Delayed), "
            "P (In progress), C (Complete). "
            "Did you mean C (Complete)?") in " ".join(output.split()), output
    default = [("R", "Red"), ("A", "Amber"), ("G", "Green"), ("B", "Complete")]
    assert closest_status("gren", default) == "G (Green)"
    assert closest_status("blu", default) == "B (Complete)"  # the colour word of B
    assert closest_status("compleet", [("R", "Red"), ("B", "Blue")], complete="B") == "B (Blue)"
    assert closest_status("xyz", default) is None


def test_the_pack_and_the_setup_name_the_plans_own_statuses(folder: Path) -> None:
    """Item 4: sentences use the scale's words ('Not started or Delayed'), one helper for both."""
    from storage.plan.load import load_plan

    plan = load_plan(folder / "ni15.yaml").plan
    assert plan is not None and plan.attention_words == "Not started or Delayed"
    code, pack = _cli(folder, "pack", "ni15", "--format", "md")
    assert code == 0, pack
    said = " ".join(pack.split())
    assert "The actions the meeting should look at: Not started or Delayed, overdue," in said
    assert "red or amber" not in said.casefold()
    from storage.service.agenda import exception_rule

    assert exception_rule(plan).startswith("By exception: an action is on the agenda when Not started or Delayed, ")
