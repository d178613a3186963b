"""The standing items in the walk-through, keys only, then the store read: a declaration of
interest through its dialog, the previous minutes agreed as a true record (the old minutes then
say so), and a formality a plan switches off left off the agenda."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from storage.minutes.render import render_minutes
from storage.store.store import Store
from tests.test_tui_support import NI15, TODAY, Clock, on_previous_minutes, seeded_app, started_walkthrough


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def first_meeting(db: Path) -> int:
    with Store.open(db) as store:
        return min(m.id for m in store.meetings("ni15"))


async def test_a_declaration_is_recorded_through_its_dialog(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot, standing=True)
        assert [i.kind for i in walk.meeting.agenda[:3]] == ["apologies", "declarations", "previous_minutes"]
        assert walk.item.kind == "apologies"
        await pilot.press("i")  # not on this item: nothing opens
        await pilot.pause()
        assert app.screen is walk
        await pilot.press("right", "i")
        await pilot.pause()
        await type_text(pilot, "ben")  # the attendance, narrowed: enter picks the first match
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#member").value == "Cllr Ben Adams"
        await pilot.press("enter")  # on to the item
        await type_text(pilot, "7.3")
        await pilot.press("enter", "enter")
        await type_text(pilot, "Governor of a school in the scheme")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is walk
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        (made,) = store.declarations(meeting_id)
        assert (made.member, made.nature, made.position) == ("Cllr Ben Adams", "Governor of a school in the scheme", 2)
        assert made.item.startswith("7.3 ")


async def test_the_previous_minutes_are_agreed_as_a_true_record(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    db = tmp_path / "steerco.db"
    earlier = first_meeting(db)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await on_previous_minutes(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("n")  # "not now": nothing recorded
        await pilot.pause()
        with Store.open(db) as store:
            assert store.approval_of(earlier) is None
            assert "**Draft**: not yet approved as a true record." in render_minutes(store, earlier)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        meeting_id = walk.meeting.id
        await pilot.press("t")  # a second time: told it is done, nothing written
        await pilot.pause()
    with Store.open(db) as store:
        approval = store.approval_of(earlier)
        assert approval is not None and (approval.meeting_id, approval.held_on) == (meeting_id, TODAY)
        assert store.conn.execute("SELECT count(*) FROM minutes_approvals").fetchone()[0] == 1
        assert "**Approved** at the meeting of 15 June 2010." in render_minutes(store, earlier)


async def test_a_formality_switched_off_is_not_on_the_agenda(tmp_path: Path) -> None:
    from tests.test_tui_support import seed_history
    from tui.app import make_app

    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(NI15, plans / "ni15.yaml")
    with (plans / "ni15.yaml").open("a", encoding="utf-8") as plan:
        plan.write("\nmeeting:\n  formalities:\n    declarations: false\n    previous_minutes: false\n")
    seed_history(tmp_path / "steerco.db")
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=plans, clock=Clock(), today=TODAY, plan="ni15",
                   start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot, standing=True)
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        kinds = [i.kind for i in store.meeting(meeting_id).agenda]
        assert kinds[0] == "apologies" and "declarations" not in kinds and "previous_minutes" not in kinds
        assert store.meeting(meeting_id).held_on == date(2010, 6, 15)


async def test_the_declaration_dialog_tabs_round_and_needs_every_field(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await started_walkthrough(pilot, standing=True)
        await pilot.press("right", "i")
        await pilot.pause()
        dialog = app.screen
        assert dialog.focused.id == "member"
        await type_text(pilot, "A visitor")  # not in the attendance: recorded as typed
        await pilot.press("tab")
        assert dialog.focused.id == "item"
        await type_text(pilot, "Licensing policy")  # not on the agenda: free text
        await pilot.press("tab")
        assert dialog.focused.id == "nature"
        assert "▶ Nature" in str(dialog.query_one("#nature-label").render())
        await pilot.press("ctrl+s")  # no nature yet: refused, nothing written
        await pilot.pause()
        assert app.screen is dialog and "needs the nature" in str(dialog.query_one("#problem").render())
        await pilot.press("tab")
        assert dialog.focused.id == "save"
        await pilot.press("tab")
        assert dialog.focused.id == "member" and dialog.query_one("#member").value == "A visitor"  # not selected
        await pilot.press("shift+tab", "shift+tab")
        await type_text(pilot, "Owns a licensed premises")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is walk
        meeting_id = walk.meeting.id
    with Store.open(tmp_path / "steerco.db") as store:
        (made,) = store.declarations(meeting_id)
        assert (made.member, made.item, made.nature) == ("A visitor", "Licensing policy", "Owns a licensed premises")
