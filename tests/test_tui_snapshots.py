"""SVG snapshots of the main screens at 80×24 and 120×40 (fixed clock and date, seeded NI 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_tui_support import home_settled, seeded_app

SIZES = [(80, 24), (120, 40)]


async def settled(pilot) -> None:
    await home_settled(pilot)


async def to_item(pilot, ref: str) -> None:
    await settled(pilot)
    await pilot.press("ctrl+s")  # start the meeting with the setup's defaults
    await pilot.pause()
    walk = pilot.app.screen
    walk.go(next(n for n, i in enumerate(walk.meeting.agenda, 1) if i.ref == ref))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, tmp_path: Path, size) -> None:
    assert snap_compare(seeded_app(tmp_path), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard(snap_compare, tmp_path: Path, size) -> None:
    assert snap_compare(seeded_app(tmp_path, plan="ni15"), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_walkthrough(snap_compare, tmp_path: Path, size) -> None:
    async def run_before(pilot) -> None:
        await to_item(pilot, "7.3")  # red, with an officer's proposal pending

    assert snap_compare(seeded_app(tmp_path, plan="ni15", start_meeting=True), terminal_size=size,
                        run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_risk_grid(snap_compare, tmp_path: Path, size) -> None:
    async def run_before(pilot) -> None:
        await to_item(pilot, "SSC15-3")

    assert snap_compare(seeded_app(tmp_path, plan="ni15", start_meeting=True), terminal_size=size,
                        run_before=run_before, press=["e", "right", "down"])


def test_walkthrough_light_theme(snap_compare, tmp_path: Path) -> None:
    """The light theme: every colour comes from theme variables, and status keeps its symbol and letter."""

    async def run_before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await to_item(pilot, "7.3")

    assert snap_compare(seeded_app(tmp_path, plan="ni15", start_meeting=True), terminal_size=(80, 24),
                        run_before=run_before)


def test_walkthrough_after_a_note(snap_compare, tmp_path: Path) -> None:
    """At 80×24 on an action whose text is longer than the screen: the note just saved is scrolled into view."""

    async def run_before(pilot) -> None:
        await to_item(pilot, "7.3")
        await pilot.press("n", *"Licensing to report back in March", "ctrl+s")
        await pilot.pause()

    assert snap_compare(seeded_app(tmp_path, plan="ni15", start_meeting=True), terminal_size=(80, 24),
                        run_before=run_before)


def test_help_screen(snap_compare, tmp_path: Path) -> None:
    """`?` on an action of the walk-through at 80×24: the status keys and moves first, every key with its tooltip."""

    async def run_before(pilot) -> None:
        await to_item(pilot, "7.3")
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(seeded_app(tmp_path, plan="ni15", start_meeting=True), terminal_size=(80, 24),
                        run_before=run_before)
