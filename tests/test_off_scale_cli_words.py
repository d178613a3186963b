"""The command line names a plan's own statuses as the app does (new-user try T8): a code the
scale has since dropped is '? D (not on the scale)' in `steerco proposals` and `steerco chase`,
`steerco check` reports a pending proposal of one, `steerco status`'s key names the plan's own
codes, `steerco history` marks a meeting abandoned, and `status --wide` at 80 columns wraps
its texts at words."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from storage.store.store import Store
from tests.test_off_scale_status import ADRIAN, NOW, TODAY, _cli, off_scale_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """NI 15 with 7.3 and 7.4 stored D, since renamed X (tests/test_off_scale_status.py)."""
    return off_scale_folder(tmp_path)


def _propose(folder: Path, action_id: str, code: str) -> None:
    with Store.open(folder.parent / "steerco.db") as store:
        store.add_proposals("a" * 64, "roberts.yaml", [
            {"uid": "u1", "plan_id": "ni15", "plan_version": "3.2", "kind": "action", "item_id": action_id,
             "rag": code, "note": "Slipping.", "author": ADRIAN, "written_at": NOW.isoformat()}])


def test_proposals_and_check_name_a_proposed_status_not_on_the_scale(folder: Path) -> None:
    _propose(folder, "7.6", "D")  # D: renamed X since
    code, output = _cli(folder, "proposals", "ni15", columns=120)
    assert code == 0 and "│ ? D (not on the scale) │" in output, output
    code, output = _cli(folder, "proposals", "ni15", "--json")
    assert '"rag":"D"' in output.replace(" ", ""), output  # the JSON keeps the code as stored
    code, output = _cli(folder, "check", columns=200)
    assert code == 1, output
    problems = [line.strip() for line in output.splitlines() if "not on the scale" in line]
    assert problems[-1] == ("problem: status not on the scale: plan ni15 action 7.6 has pending proposal 1 of 'D', "
                            "which plan ni15's scale (N, X, P, C) does not have; it cannot be accepted: set a "
                            "status on the scale at the meeting")
    assert len(problems) == 3  # 7.3 and 7.4 as stored, 7.6 as proposed
    code, output = _cli(folder, "check", "--json")
    found = json.loads(output)["off_scale"]
    assert [(o["action"], o["proposal"]) for o in found] == [("7.3", None), ("7.4", None), ("7.6", 1)]


def test_a_proposal_settled_at_a_meeting_is_not_reported(folder: Path) -> None:
    _propose(folder, "7.6", "D")
    with Store.open(folder.parent / "steerco.db") as store:
        meeting = store.start_meeting("ni15", TODAY, "michael-harrison", [], [], "all", None)
        store.record_update("ni15", "7.6", "X", "Delayed.", "Chair", "meeting", meeting_id=meeting, proposal_id=1)
        store.close_meeting(meeting)
    code, output = _cli(folder, "check", "--json")
    assert code == 1 and [o["proposal"] for o in json.loads(output)["off_scale"]] == [None, None]  # 7.3 and 7.4 only


def _meeting(folder: Path, action_id: str, code: str, *, abandon: bool) -> None:
    with Store.open(folder.parent / "steerco.db") as store:
        meeting = store.start_meeting("ni15", TODAY, "michael-harrison", [], [], "all", None)
        store.record_update("ni15", action_id, code, "At the meeting.", "Chair", "meeting", meeting_id=meeting)
        if abandon:
            store.abandon_meeting(meeting, "Not quorate.", "Chair")
        else:
            store.close_meeting(meeting)


def test_chase_shows_an_agreed_status_not_on_the_scale_in_the_same_words(folder: Path) -> None:
    _meeting(folder, "7.1", "D", abandon=False)
    code, output = _cli(folder, "chase", "ni15", "--since", (TODAY + timedelta(days=1)).isoformat(), columns=200)
    line = next(line for line in output.splitlines() if "action 7.1" in line)
    assert code == 1 and line.endswith("[? D (not on the scale)]"), output


def test_history_says_a_meeting_was_abandoned(folder: Path) -> None:
    _meeting(folder, "7.5", "N", abandon=True)
    code, output = _cli(folder, "history", "ni15", "7.5", columns=160)
    day = f"{TODAY.day} {TODAY:%b %Y}"
    assert code == 0 and f"meeting M1, {day} (abandoned)" in output, output
    assert "(abandoned)" not in output.split(f"meeting M1, {day} (abandoned)", 1)[1]  # the earlier update: none
    code, output = _cli(folder, "history", "ni15", "7.5", "--json")
    assert [e["meeting_abandoned"] for e in json.loads(output)["entries"]] == [True, False]


def test_status_names_the_plans_own_codes_in_its_key(folder: Path) -> None:
    for columns in (80, 160):
        code, output = _cli(folder, "status", "ni15", columns=columns)
        flat = " ".join(output.split())
        assert code == 0 and "○ N Not started · ▼ X Delayed · ◐ P In progress · ● C Complete" in flat, output
        assert "? D: not on the scale" in flat
    code, output = _cli(folder, "status", "ni15", "--wide")
    assert "○ N Not started · ▼ X Delayed" in " ".join(output.split())


def test_the_default_scale_is_not_spelled_out(tmp_path: Path) -> None:
    from tests.test_tui_support import NI15

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "ni15.yaml").write_text(NI15.read_text(encoding="utf-8"), encoding="utf-8")
    Store.open(tmp_path / "steerco.db").close()
    code, output = _cli(plans, "status", "ni15")
    assert code == 0 and "\nlate: past its deadline" in output and "R Red" not in output, output


def test_status_wide_at_80_columns_wraps_at_words(folder: Path) -> None:
    from rich.cells import cell_len

    from storage.plan.load import load_plan

    plan = load_plan(folder / "ni15.yaml").plan
    assert plan is not None
    code, output = _cli(folder, "status", "ni15", "--wide", columns=80)
    assert code == 0, output
    assert max(cell_len(line) for line in output.splitlines()) <= 80
    tokens = set(output.split())
    words = {"Deadline", "updated", "Residual"}
    for _, action in plan.actions():
        words |= set(action.display_title.split()) | set(plan.owner_label(action).split())
    for risk in plan.risks:
        words |= set(risk.description.split())
    assert words - tokens == set(), output  # each word whole on one line: none broken ('Deadlin' 'e')
