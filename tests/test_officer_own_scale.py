"""Officer mode on a plan with its own status scale (D Delayed ●, N Not started ○, P In progress ◐,
C Complete ★: symbols that look like radio buttons), with Pilot, keys then the screen's text or the
update file: the chosen option is told by `(•)` and not by a symbol a scale could use; a letter
that is not on the scale says why; after import-status the list and the agreed line both show the
agreed status as symbol and code; after ctrl+n and a save the item's id and title are still on
screen (session 9, a new user's try)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from textual.notifications import Notify
from textual.widgets import OptionList, Static

from steerco.cli import main
from storage.plan.load import load_plans
from storage.service.officer import OfficerService, owned_items
from storage.service.service import Service
from storage.store.store import Store
from tests.test_tui_support import NI15
from tui.officer_app import make_officer_app
from tui.widgets.choice_set import CHOSEN, NOT_CHOSEN, ChoiceSet, MarkedRadioButton

SCALE = """rag_scale:
  - {code: D, name: Delayed, symbol: "●", rank: 0, meaning: "Behind: will miss without help."}
  - {code: N, name: Not started, symbol: "○", rank: 1, meaning: "Not yet begun."}
  - {code: P, name: In progress, symbol: "◐", rank: 2, meaning: "Under way, on track."}
  - {code: C, name: Complete, symbol: "★", rank: 3, meaning: "Delivered and closed."}
"""
SYMBOLS = {"●", "○", "◐", "★", "◉"}  # the scale's, and the mark this form used to draw for 'chosen'


def own_scale_folder(tmp: Path) -> Path:
    """A plans folder holding NI 15 with the scale of docs/plan-format.md's example of codes N/P/D/C."""
    folder = tmp / "plans"
    folder.mkdir(exist_ok=True)
    text = NI15.read_text(encoding="utf-8")
    assert "\nmeeting_cycle_days: 31\n" in text
    scaled = text.replace("\nmeeting_cycle_days: 31\n", "\nmeeting_cycle_days: 31\n" + SCALE, 1)
    (folder / "ni15.yaml").write_text(scaled, encoding="utf-8")
    shutil.copy(NI15.parent / "steerco-plan.schema.json", folder)
    return folder


def _app(folder: Path, store: Store) -> Any:
    plans = [p.plan for p in load_plans(folder) if p.plan]
    return make_officer_app(service=OfficerService(store), items=owned_items(plans, "adrian-roberts"))


def _notices(seen: list[Any]) -> list[str]:
    unique = list({id(m): m for m in seen}.values())
    return [m.notification.message for m in unique if isinstance(m, Notify)]


def _screen_lines(app: Any) -> list[str]:
    """The screen's text as drawn, one line a row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


async def test_the_chosen_status_is_told_by_its_mark_never_by_a_scale_symbol(tmp_path: Path) -> None:
    """`enter p`: the row of P reads '(•) P  ◐ In progress', every other '( ) …'; no row starts with
    a scale's symbol; the update file exported after ctrl+s holds P."""
    folder, db = own_scale_folder(tmp_path), tmp_path / "officer.db"
    with Store.open(db) as store:
        app = _app(folder, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", "p")
            await pilot.pause()
            buttons = app.screen.query_one("#status", ChoiceSet).query(MarkedRadioButton)
            rows = [button.render_line(0).text.strip() for button in buttons]
            screen = _screen_lines(app)
            await pilot.press("tab", *"Under way", "ctrl+s")
            await pilot.pause()
    assert rows == ["( ) D  ● Delayed", "( ) N  ○ Not started", "(•) P  ◐ In progress", "( ) C  ★ Complete"], rows
    assert (CHOSEN, NOT_CHOSEN) == ("(•)", "( )")
    assert not any(row[0] in SYMBOLS for row in rows)
    assert not any(mark in symbol or symbol in mark for mark in (CHOSEN, NOT_CHOSEN) for symbol in SYMBOLS)
    assert sum("(•) P  ◐ In progress" in line for line in screen) == 1, screen
    out = tmp_path / "update.yaml"
    _run("export-updates", "--as", "roberts", "-o", str(out), "--db", str(db), "--plans", str(folder))
    entries = yaml.safe_load(out.read_text(encoding="utf-8"))["entries"]
    assert [(e["action"], e["status"], e["note"]) for e in entries] == [("7.1", "P", "Under way")]


async def test_a_letter_not_on_the_scale_says_why_and_chooses_nothing(tmp_path: Path) -> None:
    """`enter r` on the D/N/P/C scale: the walk-through's words, nothing chosen, nothing saved; a letter
    in a score field likewise; '?' still opens the help."""
    folder, db = own_scale_folder(tmp_path), tmp_path / "officer.db"
    seen: list[Any] = []
    with Store.open(db) as store:
        app = _app(folder, store)
        async with app.run_test(size=(80, 24), message_hook=seen.append, notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("enter", "r")
            await pilot.pause()
            chosen = app.screen.query_one("#status", ChoiceSet).chosen
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("escape", "end", "enter", "x", "4", "tab", "9")  # the risk SSC15-2
            await pilot.pause()
            scores = [c.chosen for c in app.screen.query(ChoiceSet)]
            screen = " ".join(" ".join(_screen_lines(app)).split())
            await pilot.press("?")  # not a letter nor a digit: the help, as anywhere
            await pilot.pause()
            helped = type(app.screen).__name__
        assert store.current_statuses("ni15") == {} and store.current_risk_ratings("ni15") == {}
    notices = _notices(seen)
    assert chosen is None
    assert notices[:2] == ["r is not a status here: D Delayed, N Not started, P In progress, C Complete",
                           "Nothing saved: choose a status first."], notices
    assert notices[2:] == ["x is not an impact here: 1 (lowest) to 5", "9 is not a likelihood here: 1 (lowest) to 5"]
    assert scores == [3, None]  # the 4 chose impact 4
    assert "9 is not a likelihood here" in screen, screen
    assert "Help" in helped, helped


def _chair_agrees_complete(folder: Path, chair_db: Path, out: Path) -> None:
    """The chair's meeting of 1 Dec 2026 agrees 7.1 Complete (C) and 7.2 In progress (P), then
    writes Adrian Roberts's status file."""
    with Service.open(chair_db, folder) as service:
        held = service.start_meeting("ni15", date(2026, 12, 1), "michael-harrison", ["michael-harrison"], [], [],
                                     "all")
        service.set_status(held, "7.1", "C", note="")
        service.set_status(held, "7.2", "P", note="Quarterly problem profiles now issued to every NPU.")
        service.close_meeting(held)
    _run("export-status", "ni15", "--for", "roberts", "-o", str(out), "--db", str(chair_db), "--plans", str(folder))


async def test_after_import_status_the_list_and_the_agreed_line_agree(tmp_path: Path) -> None:
    """7.1 agreed Complete: the list reads '★ C' beside 7.1 (was '–') and the agreed line
    '… 1 Dec 2026: ★ C Complete' (was the bare word); the officer's own save since then wins in the list."""
    folder, chair_db, officer_db, out = own_scale_folder(tmp_path), tmp_path / "chair.db", tmp_path / "o.db", \
        tmp_path / "status.yaml"
    _chair_agrees_complete(folder, chair_db, out)
    _run("import-status", str(out), "--db", str(officer_db), "--plans", str(folder))
    with Store.open(officer_db) as store:
        app = _app(folder, store)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            items = app.screen.query_one("#items", OptionList)
            before = [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]
            agreed = str(app.screen.query_one("#agreed", Static).render())
            screen = "\n".join(_screen_lines(app))
            await pilot.press("ctrl+n", "d", "tab", *"Slipped", "ctrl+s")  # 7.2, agreed P, now proposed D
            await pilot.pause()
            after = str(items.get_option_at_index(1).prompt)
            agreed_72 = str(app.screen.query_one("#agreed", Static).render())
    assert before[0].startswith("★ C   ni15 7.1"), before
    assert before[1].startswith("◐ P   ni15 7.2"), before
    assert before[2].startswith("–     ni15 7.7"), before  # nothing agreed nor proposed: not yet rated
    assert any(line.startswith("3×3   ni15 SSC15-2") for line in before), before  # as registered (was 'risk')
    assert agreed == "Agreed at the meeting of 1 Dec 2026: ★ C Complete", agreed
    assert "★ C   ni15 7.1" in screen and "1 Dec 2026: ★ C Complete" in screen, screen
    assert after.startswith("● D   ni15 7.2"), after
    assert agreed_72 == "Agreed at the meeting of 1 Dec 2026: ◐ P In progress — Quarterly problem profiles now " \
                        "issued to every NPU."


async def test_after_ctrl_n_and_a_save_the_items_heading_is_on_screen(tmp_path: Path) -> None:
    """At 80×24, after import-status (the agreed line makes the form longer than the pane): the note
    of 7.1, ctrl+n, a status and a note for 7.2, ctrl+s: the screen still shows 'ni15 action 7.2' and
    its title, above the note being written."""
    folder, chair_db, officer_db, out = own_scale_folder(tmp_path), tmp_path / "chair.db", tmp_path / "o.db", \
        tmp_path / "status.yaml"
    _chair_agrees_complete(folder, chair_db, out)
    _run("import-status", str(out), "--db", str(officer_db), "--plans", str(folder))
    with Store.open(officer_db) as store:
        app = _app(folder, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", "tab")  # 7.1's note: the form scrolls down to it
            await pilot.pause()
            first = _screen_lines(app)
            await pilot.press("ctrl+n", "p", "tab", *"note for 7.2", "ctrl+s")
            await pilot.pause()
            await pilot.pause(0.5)  # the scroll to the note, animated or not, is over
            lines = _screen_lines(app)
            scrolled = app.screen.query_one("#form").scroll_y
        assert [(u.rag, u.note) for u in store.history("ni15", "7.2")] == [("P", "note for 7.2")]
    heading = next((n for n, line in enumerate(lines) if "ni15 action 7.2  Target those" in line), None)
    note = next((n for n, line in enumerate(lines) if "note for 7.2" in line and "┃" in line), None)
    assert heading is not None and note is not None and heading < note, "\n".join(lines)
    assert scrolled > 0  # the form did scroll to the note: the heading stayed
    assert any("ni15 action 7.1" in line for line in first), first  # and so in 7.1's note before
