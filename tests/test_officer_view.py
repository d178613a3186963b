"""What officer mode shows, with Pilot (keys, then the store): every form opens with nothing chosen
and a save with nothing chosen saves nothing; the actions arising the chair gave the officer are
listed, read only; titles cut at a word; the item's title in view when it opens; the save's notice
over the list, clear of the form and its note; the focused pane or field drawn with a heavy border
(issue 14, second pass)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from textual.notifications import Notify
from textual.widgets import OptionList, Static
from textual.widgets._toast import Toast

from storage.plan.load import load_plans
from storage.plan.wording import cut
from storage.service.officer import OfficerService, owned_items
from storage.store.store import Store
from tests.test_status_files import export, meeting, take
from tests.test_tui_support import Clock, ni15_folder
from tui.officer_app import make_officer_app
from tui.screens.officer import ARISING_HEADING, TITLE_SHOWN
from tui.widgets.choice_set import ChoiceSet


def _notices(seen: list[Any]) -> list[str]:
    """The notifications officer mode showed, in order (each message is seen once per hop)."""
    unique = list({id(m): m for m in seen}.values())
    return [m.notification.message for m in unique if isinstance(m, Notify)]


def _chosen(app: Any) -> dict[str, int | None]:
    return {str(c.id): c.chosen for c in app.screen.query(ChoiceSet)}


def _prompts(app: Any) -> list[str]:
    items = app.screen.query_one("#items", OptionList)
    return [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]


def _plans(folder: Path) -> list[Any]:
    return [p.plan for p in load_plans(folder) if p.plan]


async def test_every_form_opens_with_nothing_chosen_and_an_empty_save_saves_nothing(plans_dir: Path,
                                                                                     db_path: Path) -> None:
    """Reopening a saved item, ctrl+n and a risk's form all start blank: ctrl+s stores only what was chosen."""
    seen: list[Any] = []
    with Store.open(db_path) as store:
        app = make_officer_app(service=OfficerService(store), items=owned_items(_plans(plans_dir), "ann"))
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            await pilot.pause()
            await pilot.press("enter", "g", "tab", *"first", "ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+s")                      # the same again: nothing new
            await pilot.press("escape", "down", "up", "enter")  # away and back to 1.1: a new form
            await pilot.pause()
            reopened = _chosen(app)
            await pilot.press("ctrl+s")
            await pilot.press("ctrl+n")                      # 1.2
            await pilot.pause()
            following = _chosen(app)
            await pilot.press("tab", *"no status", "ctrl+s")
            await pilot.press("ctrl+n")                      # the risk R-1
            await pilot.pause()
            risk = _chosen(app)
            await pilot.press("4", "ctrl+s")                 # an impact, no likelihood
            await pilot.pause()
        assert [(u.rag, u.note) for u in store.history("demo", "1.1")] == [("G", "first")]
        assert store.history("demo", "1.2") == []
        assert store.risk_history("demo", "R-1") == []
    assert reopened == {"status": None} and following == {"status": None}
    assert risk == {"impact": None, "likelihood": None}
    notices = _notices(seen)
    assert "Nothing saved: demo 1.1: ✓ Green — first is already in your store." in notices
    assert notices.count("Nothing saved: choose a status first.") == 2
    assert "Nothing saved: choose a likelihood first." in notices


async def test_after_import_status_the_form_chooses_nothing_and_shows_both_positions(plans_dir: Path,
                                                                                     tmp_path: Path) -> None:
    """The officer's own Green, overridden by the meeting's Amber: the form names both and chooses neither."""
    chair_db, officer_db, out = tmp_path / "chair.db", tmp_path / "ann.db", tmp_path / "status.yaml"
    plans = _plans(plans_dir)
    items = owned_items(plans, "ann")
    with OfficerService.open(officer_db) as officer:
        officer.save_status(items[0], "G", "My own view.")
    meeting(chair_db, plans_dir)             # 1.1 agreed Amber, "Venue late."
    assert export(chair_db, plans_dir, out).exit_code == 0
    assert take(officer_db, plans_dir, out).exit_code == 0
    seen: list[Any] = []
    with Store.open(officer_db) as store:
        app = make_officer_app(service=OfficerService(store), items=items)
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            chosen = _chosen(app)
            detail = str(app.screen.query_one("#item-detail", Static).render())
            agreed = str(app.screen.query_one("#agreed", Static).render())
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert [(u.rag, u.note) for u in store.history("demo", "1.1")] == [("G", "My own view.")]
    assert chosen == {"status": None}
    assert "Current: ✓ G Green" in detail and "My own view." in detail
    assert agreed.startswith("Agreed at the meeting of 12 Nov 2026: ▲ A Amber — Venue late.")
    assert "Nothing saved: choose a status first." in _notices(seen)


async def test_the_actions_arising_for_the_officer_are_listed_read_only(plans_dir: Path, tmp_path: Path) -> None:
    chair_db, officer_db, out = tmp_path / "chair.db", tmp_path / "ann.db", tmp_path / "status.yaml"
    meeting(chair_db, plans_dir, date(2026, 11, 12), arising_owner="ann")    # M1/1, Ann's
    meeting(chair_db, plans_dir, date(2026, 11, 26), arising_owner="bob")    # M2/1, Bob's
    assert export(chair_db, plans_dir, out).exit_code == 0
    assert take(officer_db, plans_dir, out).exit_code == 0
    seen: list[Any] = []
    with Store.open(officer_db, clock=Clock(datetime(2026, 11, 27, 9, tzinfo=UTC))) as store:  # M1/1 not yet due
        app = make_officer_app(service=OfficerService(store), items=owned_items(_plans(plans_dir), "ann"))
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            await pilot.pause()
            prompts = _prompts(app)
            await pilot.press("down", "down", "enter", "ctrl+n")   # R-1, the last item: ctrl+n stays
            await pilot.pause()
            await pilot.press("escape", "down")                    # into the actions arising
            await pilot.pause()
            shown = str(app.screen.query_one("#arising-detail", Static).render())
            heading = str(app.screen.query_one("#item-heading", Static).render())
            await pilot.press("enter", "ctrl+s")
            await pilot.pause()
        assert store.history("demo", "1.1") == [] and store.risk_history("demo", "R-1") == []
    assert prompts[3:] == [ARISING_HEADING, "demo M1/1  Write to the funder\n  due 1 Dec 2026; open"], prompts
    assert not any("M2/1" in p for p in prompts)
    assert heading == "demo action arising M1/1  (read only)"  # over the pane, as an item's id and title
    assert shown.startswith("Write to the funder\nDue: 1 Dec 2026")
    assert "Agreed at the meeting of 12 Nov 2026: open" in shown
    notices = _notices(seen)
    assert "That is the last of your items." in notices
    assert any(n.startswith("Nothing saved: an action arising is read only here") for n in notices), notices


async def test_long_titles_are_cut_at_a_word(tmp_path: Path, db_path: Path) -> None:
    items = owned_items(_plans(ni15_folder(tmp_path)), "adrian-roberts")
    with Store.open(db_path) as store:
        app = make_officer_app(service=OfficerService(store), items=items)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            prompts = _prompts(app)
    titles = [i.item.display_title if i.kind == "action" else i.item.description for i in items]
    long = [t for t in titles if len(" ".join(t.split())) > TITLE_SHOWN]
    assert long, "NI 15 has a risk whose description is longer than the list shows"
    for prompt, title in zip(prompts, titles):
        assert prompt.endswith(cut(title, TITLE_SHOWN)), (prompt, title)
    for prompt, title in zip(prompts, titles):
        if title in long:
            assert prompt.endswith("…") and prompt[:-1].split()[-1] in title.split(), prompt


async def test_an_item_opens_with_its_title_in_view_and_the_notice_clear_of_the_note(tmp_path: Path,
                                                                                      db_path: Path) -> None:
    """At 80×24: the last form scrolled down to its note; the next item's form opens at its title."""
    items = owned_items(_plans(ni15_folder(tmp_path)), "adrian-roberts")
    with Store.open(db_path) as store:
        app = make_officer_app(service=OfficerService(store), items=items)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            holder = app.screen.query_one("#form")
            await pilot.press("enter", "tab")               # 7.1's note: the pane scrolls down to it
            await pilot.pause()
            scrolled = holder.scroll_y
            await pilot.press("ctrl+n")                     # 7.2, focus on its status
            await pilot.pause()
            opened, focused = holder.scroll_y, app.focused
            await pilot.press("a", "tab", *"Patrols doubled", "ctrl+s")
            await pilot.pause()
            form = holder.region  # the note, wherever the pane is scrolled, is in it
            toasts = [t.region for t in app.screen.query(Toast)]
        assert [(u.rag, u.note) for u in store.history("ni15", "7.2")] == [("A", "Patrols doubled")]
    assert scrolled > 0
    assert opened == 0 and focused is not None and focused.id == "status"
    assert toasts and not any(region.overlaps(form) for region in toasts), (toasts, form)


async def test_the_focused_pane_or_field_has_a_heavy_border(plans_dir: Path, db_path: Path) -> None:
    """Which pane or field has focus shows without colour: heavy when focused, round when not."""
    with Store.open(db_path) as store:
        app = make_officer_app(service=OfficerService(store), items=owned_items(_plans(plans_dir), "ann"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

            def borders() -> tuple[str, ...]:
                return tuple(app.screen.query_one(f"#{name}").styles.border_top[0]
                             for name in ("items", "status", "note"))

            at_start = borders()
            await pilot.press("enter")
            await pilot.pause()
            in_status = borders()
            await pilot.press("tab")
            await pilot.pause()
            in_note = borders()
    assert at_start == ("heavy", "round", "round")
    assert in_status == ("round", "heavy", "round")
    assert in_note == ("round", "round", "heavy")
