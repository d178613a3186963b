"""Shared set-up for the app tests and the screenshot script: a fixed clock and seeded history.

(No tests here; pytest collects nothing from this module.)
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store

if TYPE_CHECKING:
    from tui.app import SteercoApp

REPO = Path(__file__).resolve().parents[1]
NI15 = REPO / "plans" / "ni15.yaml"
TODAY = date(2010, 6, 15)
NOW = datetime(2010, 6, 15, 9, 30, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, at: datetime = NOW) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def ni15_folder(tmp: Path) -> Path:
    """A plans folder holding a copy of the bundled NI 15 plan."""
    folder = tmp / "plans"
    folder.mkdir(exist_ok=True)
    shutil.copy(NI15, folder / "ni15.yaml")
    return folder


HISTORY = {  # action id: statuses at the three earlier dates
    "7.1": "GAA", "7.2": "GGG", "7.3": "AAR", "7.4": "GGB", "7.5": "AAA", "7.7": "RAG", "7.8": "G",
}


def seed_history(db: Path) -> None:
    """Three months of updates, one closed meeting with an action arising, one officer proposal."""
    clock = Clock(datetime(2010, 3, 10, 10, tzinfo=UTC))
    with Store.open(db, clock=clock) as store:
        for index, (month, day_) in enumerate(((3, 10), (4, 12), (6, 5))):
            clock.at = datetime(2010, month, day_, 10, tzinfo=UTC)
            for action_id, codes in HISTORY.items():
                if index < len(codes):
                    store.record_update("ni15", action_id, codes[index], f"Progress reported in {clock.at:%B}",
                                        "Performance officer", "command-line")
        clock.at = datetime(2010, 5, 12, 14, tzinfo=UTC)
        meeting = store.start_meeting(
            "ni15", date(2010, 5, 12), "ACC Michael Harrison",
            [Attendee("ACC Michael Harrison", "present", "michael-harrison")],
            [AgendaItem("action", "7.1", "Hot-spot premises", 180)], "all", None)
        store.enter_item(meeting, 1)
        store.add_action_arising(meeting, 1, "Circulate the hot-spot premises list to licensing",
                                 "Ch. Insp Adrian Roberts", date(2010, 6, 10))
        store.close_meeting(meeting, date(2010, 6, 15))
        store.add_proposals("f" * 64, "officer-7.3.yaml", [{
            "uid": "u-7.3-1", "plan_id": "ni15", "kind": "action", "item_id": "7.3", "rag": "A",
            "note": "Youth diversion scheme started in two districts", "author": "Youth Offending Service",
            "written_at": "2010-06-10T16:00:00+00:00"}])


def seeded_app(tmp: Path, **options: Any) -> SteercoApp:
    """The app on a copy of NI 15 with `seed_history`, a fixed clock and date (make_app options pass through)."""
    from tui.app import make_app
    from tui.screens.store_problem import StoreProblemApp

    seed_history(tmp / "steerco.db")
    app = make_app(db_path=tmp / "steerco.db", plans_dir=ni15_folder(tmp), clock=Clock(), today=TODAY, **options)
    assert not isinstance(app, StoreProblemApp), "the seeded store opens"
    return app


async def home_settled(pilot) -> None:
    """Until home has listed, counted and loaded its plans (its workers start on timers), and
    every worker is done: what a screenshot or an assertion on the counts waits for."""
    from tui.screens.home import HomeScreen

    app = pilot.app
    home = next(screen for screen in app.screen_stack if isinstance(screen, HomeScreen))
    for _ in range(1000):
        if home.plans_loaded:
            break
        await pilot.pause(0.01)
    assert home.plans_loaded, "home did not load its plans"
    await app.workers.wait_for_complete()
    await pilot.pause()



def fixture_plans(tmp: Path, fixture: Path, name: str) -> Path:
    """A plans folder in `tmp` holding a copy of `fixture` as `name`."""
    plans = tmp / "plans"
    plans.mkdir()
    shutil.copy(fixture, plans / name)
    return plans


def run_steerco(folder: Path, *args: str) -> str:
    """`steerco ARGS` on the plans `folder`, with a private store, home and cache beside it; must exit 0."""
    from click.testing import CliRunner

    from steerco.cli import main
    from storage.store.store import Store

    db = folder.parent / "steerco.db"
    if args[0] in ("status", "history") and not db.exists():
        Store.open(db).close()  # an empty store: reading commands refuse a missing one
    env = {"STEERCO_PLANS": str(folder), "STEERCO_DB": str(db),
           "STEERCO_CACHE": str(folder.parent / "cache"), "STEERCO_HOME": str(folder.parent), "COLUMNS": "250"}
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout  # what it prints; its notes on stderr ("made a new store at ...") aside


def steerco_at(plans_dir: Path, db: Path, *args: str) -> str:
    """`steerco ARGS --plans PLANS_DIR --db DB` (the flags after the command); must exit 0: its output."""
    from click.testing import CliRunner

    from steerco.cli import main

    result = CliRunner().invoke(main, [*args, "--plans", str(plans_dir), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def demo_meeting_held(plans_dir: Path, db: Path) -> int:
    """A meeting of the conftest's demo plan held today by Ann Officer, closed at once: its id."""
    from contextlib import closing

    from storage.service.service import Service

    with closing(Service.open(db, plans_dir)) as service:
        meeting = service.start_meeting("demo", date.today(), "Ann Officer", ["Ann Officer"], [], [], "all")
        service.close_meeting(meeting)
        return meeting.id


async def shown_in_palette(pilot, query: str) -> list[str]:
    """Open the palette with ctrl+p, type `query`, and read the hits it shows (title, key, help)."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*["space" if ch == " " else ch for ch in query])
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    hits = pilot.app.screen.query_one(CommandList)
    shown = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    return shown


STANDING = ("apologies", "declarations", "previous_minutes")  # the standing items that open every agenda


async def past_standing(pilot, walk: Any) -> None:
    """`→` past the standing items at the top of the agenda, to the first item of business."""
    while walk.item.kind in STANDING and walk.position < len(walk.meeting.agenda):
        await pilot.press("right")
        await pilot.pause()


#: Characters typed by key name (Pilot presses names); letters and digits are their own.
KEYS = {" ": "space", ".": "full_stop", "/": "slash", "(": "left_parenthesis", ")": "right_parenthesis",
        "-": "minus", ",": "comma"}


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[KEYS.get(ch, ch) for ch in text])


async def to_matter_arising(pilot, walk: Any, ref: str = "M1/1") -> None:
    """`j`, the matter arising's ref typed into the jump list, enter: the walk-through on it."""
    await pilot.press("j")
    await type_text(pilot, ref)
    await pilot.press("enter")
    await pilot.pause()
    assert walk.item.ref == ref


async def on_previous_minutes(pilot) -> Any:
    """`started_walkthrough` left on the standing items, then `→ →`: the walk-through on the previous minutes."""
    walk = await started_walkthrough(pilot, standing=True)
    await pilot.press("right", "right")
    assert walk.item.kind == "previous_minutes"
    return walk


async def minutes_preview(pilot) -> Any:
    """From the dashboard once it is up: `4 p`, the Meetings tab's newest meeting's minutes previewed."""
    from tui.screens.minutes import MinutesScreen

    await pilot.pause()
    await pilot.press("4", "p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MinutesScreen)
    return pilot.app.screen


async def started_walkthrough(pilot, *, standing: bool = False) -> Any:
    """On an app made with `start_meeting=True`: the setup's ctrl+s pressed, the walk-through it
    opens, moved past the standing items (apologies, declarations, previous minutes) to the first
    item of business (`standing=True`: left on the first standing item)."""
    from tui.screens.walkthrough import WalkthroughScreen

    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    walk = pilot.app.screen
    assert isinstance(walk, WalkthroughScreen)
    if not standing:
        await past_standing(pilot, walk)
    return walk


def ni15_meeting_with_an_arising(db: Path, text: str, owner: str = "adrian-roberts") -> None:
    """A closed NI 15 meeting of 12 May 2010 (on 7.1) that raised one action arising, `text`, owned
    by `owner` as the store holds it (a roster id), due 10 June 2010: a matter arising next time."""
    with Store.open(db, clock=Clock(datetime(2010, 5, 12, 14, tzinfo=UTC))) as store:
        meeting = store.start_meeting(
            "ni15", date(2010, 5, 12), "ACC Michael Harrison",
            [Attendee("ACC Michael Harrison", "present", "michael-harrison")],
            [AgendaItem("action", "7.1", "Hot-spot premises", 180)], "all", None)
        store.enter_item(meeting, 1)
        store.add_action_arising(meeting, 1, text, owner, date(2010, 6, 10))
        store.close_meeting(meeting, date(2010, 6, 15))


def app_after_an_arising(tmp: Path, text: str) -> SteercoApp:
    """The app on NI 15 in `tmp` (store `tmp/steerco.db`), opening on a new meeting's setup
    (`start_meeting=True`), after `ni15_meeting_with_an_arising(text)`: M1/1 is its matter arising."""
    from tui.app import make_app
    from tui.screens.store_problem import StoreProblemApp

    db = tmp / "steerco.db"
    ni15_meeting_with_an_arising(db, text)
    app = make_app(db_path=db, plans_dir=ni15_folder(tmp), clock=Clock(), today=TODAY, plan="ni15",
                   start_meeting=True)
    assert not isinstance(app, StoreProblemApp), "the store opens"
    return app
