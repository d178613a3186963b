"""No key is a silent dead end: the Meetings tab's `p` at once, a plan that does not validate, the
walk-through's status keys on a plan with its own scale (new users' tries, issue 12)."""

from __future__ import annotations

from pathlib import Path

from textual.events import Key

from storage.store.store import Store
from tests.test_tui_support import TODAY, Clock, ni15_folder, seed_history
from tui.app import make_app
from tui.screens.minutes import MinutesScreen


async def burst(pilot, *keys: str) -> None:
    """The keys handed to the app at once, as a terminal delivers keys typed together."""
    for key in keys:
        pilot.app._driver.send_message(Key(key, key if len(key) == 1 else None))
    for _ in range(10):
        await pilot.pause(0.05)


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_meetings_tab_p_previews_the_newest_meeting_at_once(tmp_path: Path) -> None:
    seed_history(tmp_path / "steerco.db")
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY,
                   plan="ni15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "4", "p")
        assert isinstance(app.screen, MinutesScreen)
        assert "12 May 2010" in app.screen.text


async def test_the_meetings_tab_p_with_no_meeting_says_so(tmp_path: Path) -> None:
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=ni15_folder(tmp_path), clock=Clock(), today=TODAY,
                   plan="ni15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "p")
        assert not isinstance(app.screen, MinutesScreen)
        assert "No meeting of ni15 yet: m sets one up." in notices(app)


async def custom_walkthrough(pilot):
    from tests.test_tui_support import past_standing
    from tui.screens.walkthrough import WalkthroughScreen

    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    walk = pilot.app.screen
    assert isinstance(walk, WalkthroughScreen)
    await past_standing(pilot, walk)
    assert walk.item.kind == "action"
    return walk


def custom_app(tmp_path: Path):
    from tests.test_tui_custom_scale import custom_plans

    return make_app(db_path=tmp_path / "steerco.db", plans_dir=custom_plans(tmp_path), clock=Clock(), today=TODAY,
                    plan="ni15", start_meeting=True)


async def test_a_plan_with_its_own_scale_names_its_status_keys_and_tells_a_default_one(tmp_path: Path) -> None:
    app = custom_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await custom_walkthrough(pilot)
        status = str(walk.query_one("#wt-status").render())
        assert "Keys: 1 Not started · 2 In progress · 3 Delivered · 4 Complete" in status
        await pilot.press("g")
        await pilot.pause()
        assert notices(app) == ["g is not a status here: 1 Not started, 2 In progress, 3 Delivered, 4 Complete"]
        assert not app.service.history("ni15", walk.item.ref or "")
        await pilot.press("3")
        await pilot.pause()
        assert "Keys: 1 Not started" in str(walk.query_one("#wt-status").render())  # rated: still named


async def test_a_status_correction_matching_nothing_says_which_there_are(tmp_path: Path) -> None:
    from textual.widgets import Static

    from tui.screens.modals import Choice

    app = custom_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await custom_walkthrough(pilot)
        ref = walk.item.ref or ""
        await pilot.press("2", "u")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        choice = app.screen
        assert isinstance(choice, Choice)
        await pilot.press(*"green", "enter")
        await pilot.pause()
        assert app.screen is choice
        problem = choice.query_one("#choice-problem", Static)
        assert problem.display and str(problem.render()) == (
            "No status matches 'green': choose one of N (Not started), P (In progress), D (Delivered), "
            "C (Complete) (ctrl+u clears the text)")
        await pilot.press("ctrl+u", *"deliv", "enter")
        await pilot.pause()
        assert app.screen is walk
    with Store.open(tmp_path / "steerco.db") as store:
        assert store.current_statuses("ni15")[ref].rag == "D"


async def test_a_plan_with_errors_lists_them_and_m_says_why_no_meeting(tmp_path: Path) -> None:
    from textual.widgets import Static

    from tests.test_tui_support import home_settled
    from tui.screens.home import HomeScreen
    from tui.screens.plan_problems import PlanProblems

    plans = ni15_folder(tmp_path)
    text = (plans / "ni15.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith("- id: \"7.2\""))
    lines[at] = lines[at].replace('"7.2"', '"7.1"')  # two actions 7.1: an error
    (plans / "ni15.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=plans, clock=Clock(), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_settled(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert notices(app) == ["No meeting of ni15 can start: ni15.yaml has 1 error (enter lists them; "
                                "steerco validate too)."]
        await pilot.press("enter")
        await pilot.pause()
        shown = app.screen
        assert isinstance(shown, PlanProblems)
        listed = [str(s.render()) for s in shown.query_one("#plan-problems-list").query(Static)]
        assert len(listed) == 1 and listed[0].startswith(f"{plans / 'ni15.yaml'}:{at + 1}:")
        assert "7.1" in listed[0]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
