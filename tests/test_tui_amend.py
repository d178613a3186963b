"""Correcting the record in the room, by keys only (u Amend in the walk-through), then the store read.

On NI 15 with `seed_history`, a new meeting on 15 June 2010 is started from the setup screen and
the chair moves to its first action (7.x) before recording and amending.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, OptionList, TextArea

from storage.store.store import Store
from tests.test_tui_support import HISTORY, run_steerco, seeded_app, started_walkthrough, type_text
from tui.screens.action import ActionScreen
from tui.screens.amend import AmendRecord, EditOrWithdraw
from tui.screens.arising import ArisingPrompt
from tui.screens.modals import Choice, Confirm, TextPrompt
from tui.widgets.action_table import ActionTable


async def to_first_action(pilot, walk) -> str:
    while walk.item.kind != "action":
        await pilot.press("right")
    await pilot.pause()
    return walk.item.ref


async def amend(pilot, downs: int = 0) -> AmendRecord:
    await pilot.press("u")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, AmendRecord)
    await pilot.press(*["down"] * downs)
    return dialog


def labels(dialog: AmendRecord) -> list[str]:
    options = dialog.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_edit_a_note_and_withdraw_a_decision(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_first_action(pilot, walk)
        await pilot.press("n")
        await type_text(pilot, "Licensing forum met twic")
        await pilot.press("ctrl+s", "d")
        await type_text(pilot, "Refer hot spots to the forum")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = await amend(pilot)
        assert labels(dialog) == ["Note: Licensing forum met twic", "Decision: Refer hot spots to the forum"]
        await pilot.press("enter")  # Edit or Withdraw: Edit is highlighted
        await pilot.pause()
        assert isinstance(app.screen, EditOrWithdraw)
        await pilot.press("enter")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        area = prompt.query_one(TextArea)
        assert area.text == "Licensing forum met twic" and area.selected_text == ""
        assert area.cursor_location == area.document.end
        await pilot.press("e", "ctrl+s")
        await pilot.pause()
        assert app.screen is walk
        assert "Note (amended) Licensing forum met twice" in str(walk.query_one("#wt-meeting").render())
        await amend(pilot, downs=1)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is walk
        assert "Refer hot spots" not in str(walk.query_one("#wt-meeting").render())
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        assert list(store.notes(meeting_id).values()) == ["Licensing forum met twice"]
        assert store.decisions(meeting_id) == []
        assert store.conn.execute("SELECT text FROM item_notes WHERE meeting_id = ?", [meeting_id]).fetchall() == [
            ("Licensing forum met twic",)]  # append-only: the original rows stay
        decisions = store.conn.execute("SELECT count(*) FROM decisions WHERE meeting_id = ?", [meeting_id])
        assert decisions.fetchone() == (1,)
        assert [(c["kind"], c["withdrawn"]) for c in store.corrections(meeting_id)] == [("note", 0), ("decision", 1)]


async def test_edit_an_arisings_owner_and_due(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        await to_first_action(pilot, walk)
        await pilot.press("x")
        await type_text(pilot, "Map late night venues")
        await pilot.press("tab")
        await type_text(pilot, "Adrian")
        await pilot.press("enter", "tab", "ctrl+s")
        await pilot.pause()
        assert app.screen is walk
        dialog = await amend(pilot)
        assert labels(dialog)[0].startswith("Action arising M2/1: Map late night venues — Ch. Insp Adrian Roberts")
        await pilot.press("e")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, ArisingPrompt)
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "Ben Adams")
        await pilot.press("enter", "tab", "ctrl+u")
        await type_text(pilot, "2010-07-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is walk
        assert "M2/1 (amended)" in str(walk.query_one("#wt-meeting").render())
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        (now,) = store.actions_arising("ni15", meeting_id=meeting_id)
        assert (now.text, now.owner, now.due) == ("Map late night venues", "Cllr Ben Adams", date(2010, 7, 30))
        assert store.conn.execute("SELECT owner FROM actions_arising WHERE meeting_id = ?", [meeting_id]).fetchall() \
            == [("Ch. Insp Adrian Roberts",)]
        (logged,) = [a for a in store.action_log("ni15") if a.ref == now.ref]
        assert (logged.owner, logged.due) == ("Cllr Ben Adams", date(2010, 7, 30))


async def test_a_status_recorded_again_is_a_correction(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot)
        action_id = await to_first_action(pilot, walk)
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        walk.notify = app.notify  # type: ignore[method-assign]
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert any("corrected from ● R" in n for n in notes)
        assert "(corrected from ● R)" in str(walk.query_one("#wt-status").render())
        dialog = await amend(pilot)
        assert labels(dialog)[0].startswith("Status ▲ A Amber (corrected in the meeting)")
        await pilot.press("enter")  # the status: recorded again from the scale, here Green
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await type_text(pilot, "Green")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is walk and any("▼ G Green, corrected from ▲ A" in n or "G Green, corrected from" in n
                                          for n in notes)
        await pilot.press("a")  # and back to Amber with the key: still one trend entry for the meeting
        await pilot.pause()
        await pilot.pause()
        meeting_id = walk.meeting.id
        await pilot.press("escape")  # leave the meeting (it stays open) for the dashboard
        for _ in range(200):
            found = app.screen.query(ActionTable)
            if found and not found.first().loading and found.first().row_count:
                break
            await pilot.pause(0.02)
        assert action_id == "7.1"  # the dashboard's first row, where its cursor starts
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, ActionScreen)
        history = detail.query_one("#history", DataTable)
        notes_shown = [str(history.get_row_at(n)[-1]) for n in range(4)]
        assert [n.split(" (")[0] for n in notes_shown[:3]] == ["G → A", "A → G", "R → A"]
        assert all("(corrected in the meeting)" in n for n in notes_shown[:3]) and "corrected" not in notes_shown[3]
    with Store.open(tmp_path / "steerco.db") as store:
        trend = store.trends("ni15")[action_id]
        rows = store.conn.execute("SELECT rag FROM updates WHERE meeting_id = ? AND action_id = ?",
                                  [meeting_id, action_id]).fetchall()
    assert rows == [("R",), ("A",), ("G",), ("A",)]
    assert trend == [*HISTORY.get(action_id, ""), "A"][-6:]  # one entry for the meeting: its final status
    out = run_steerco(tmp_path / "plans", "history", "ni15", action_id)
    assert "R → A (corrected in the meeting)" in " ".join(out.split())
