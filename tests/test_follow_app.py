"""`steerco follow`'s app (Pilot): the chair's writes through another Service on the same file show
(within a second is benchmark row F1's goal); the follower has no key that writes."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from storage.service.service import Service
from tui.follow_app import FollowApp, make_follow_app
from tui.screens.follow import WAITING, FollowScreen

SLOW_S = 30.0  # a wait that ends as soon as the view shows it, long enough for a busy CI machine


def text(app: FollowApp, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}").render())


def on_disk(db_path: Path) -> tuple[bytes, bytes]:
    """The store file and its write-ahead log, as bytes."""
    wal = Path(f"{db_path}-wal")
    return db_path.read_bytes(), wal.read_bytes() if wal.exists() else b""


async def shown_within(pilot, seconds: float, check) -> float:
    """Seconds until `check()` holds (pressing nothing); fails after `seconds`."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < seconds, "not shown in time"
        await pilot.pause(0.02)
    return time.monotonic() - start


async def test_the_chairs_meeting_and_status_show(db_path: Path, plans_dir: Path) -> None:
    """What the chair records reaches the follower by its poll; how soon (1 s) is benchmark row F1's goal,
    so the waits here are only long enough never to fail on a busy machine."""
    with Service.open(db_path, plans_dir) as chair:
        app = make_follow_app(db_path, plans_dir, "demo")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert WAITING.split(".")[0] in text(app, "fl-item")
            meeting = chair.start_meeting("demo", date(2026, 11, 23), "ann", ["ann", "bob"], [], [], "all")
            position = next(n for n, i in enumerate(meeting.agenda, 1) if i.kind == "action")
            ref = meeting.item(position).ref or ""
            chair.enter_item(meeting, position)
            await shown_within(pilot, SLOW_S, lambda: f"Action {ref}" in text(app, "fl-item"))
            assert "Meeting of 23 Nov 2026" in text(app, "fl-meeting")
            assert f"Item {position}/{len(meeting.agenda)}" in text(app, "fl-bar")
            assert text(app, "fl-status") == "Status – Not yet rated"  # never rated: nothing 'standing'

            chair.set_status(meeting, ref, "R", note="off track")
            await shown_within(pilot, SLOW_S, lambda: "Red" in text(app, "fl-status"))
            assert "● Red — agreed at this meeting" in text(app, "fl-status"), text(app, "fl-status")
            agenda = text(app, "fl-agenda").splitlines()
            assert any(line.startswith("▶") and ref in line for line in agenda)
            assert all(line[0] in "▶✓· " for line in agenda)


async def test_no_key_of_the_follower_writes(db_path: Path, plans_dir: Path) -> None:
    with Service.open(db_path, plans_dir) as chair:
        meeting = chair.start_meeting("demo", date(2026, 11, 23), "ann", ["ann", "bob"], [], [], "all")
        chair.enter_item(meeting, 1)
    before = on_disk(db_path)
    app = make_follow_app(db_path, plans_dir, "demo")
    bindings = [*FollowApp.BINDINGS, *FollowScreen.BINDINGS]
    assert {b.action.split("(")[0] for b in bindings} <= {"scroll", "help", "quit", "app.quit"}  # type: ignore[union-attr]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for binding in bindings:
            if "quit" in binding.action:  # type: ignore[union-attr]
                continue
            for key in binding.key.split(","):  # type: ignore[union-attr]
                await pilot.press(key.strip())
                await pilot.pause()
                if app.screen is not app.screen_stack[1]:  # the help screen: closed again
                    await pilot.press("escape")
                    await pilot.pause()
        for key in "nodxcrgabpsuv":  # the chair's recording keys do nothing here
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert on_disk(db_path) == before


def settings_file(path: Path, text: str) -> Any:
    from steerco.settings import read

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read(path)


async def test_the_settings_files_theme_and_keymap_apply(db_path: Path, plans_dir: Path,
                                                         no_settings_file: Path) -> None:
    Service.open(db_path, plans_dir).close()
    loaded = settings_file(no_settings_file, 'theme = "textual-light"\n\n[keymap]\nfollow-quit = "x"\n')
    app = make_follow_app(db_path, plans_dir, "demo", settings=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause(0.2)
        assert app.theme == "textual-light"
        await pilot.press("q")  # no longer quits
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen) and app.is_running
        await pilot.press("x")
        await pilot.pause()
    assert app.return_code == 0
