"""Kill `steerco meeting` mid-meeting (SIGKILL under a pty), then resume it with nothing lost."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from storage.store.store import Store
from tests.test_tui_support import REPO, ni15_folder
from tui.app import make_app
from tui.screens.modals import Confirm
from tui.screens.walkthrough import WalkthroughScreen

RIGHT = b"\x1b[C"


def wait_for(test, what: str, timeout: float = 20.0, drawn: bytes = b"") -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            shown = re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]", b"", bytes(drawn)).decode("utf-8", "replace")
            raise AssertionError(f"timed out waiting for {what}; last drawn: {' '.join(shown.split())[-600:]}")
        time.sleep(0.05)


def drain(fd: int, screen: bytearray) -> None:
    """Read what the app drew (so its writes never block), keeping it."""
    try:
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                return
            screen.extend(chunk)
    except (BlockingIOError, OSError):
        return


def store_state(db: Path) -> tuple[int, int, dict[str, str], dict[int, str]]:
    with Store.open(db) as store:
        meeting = store.open_meeting("ni15")
        if meeting is None:
            return 0, 0, {}, {}
        statuses = {a: u.rag for a, u in store.current_statuses("ni15").items()}
        return meeting.id, store.current_position(meeting.id), statuses, store.notes(meeting.id)


def run_meeting_then_kill(db: Path, plans: Path, cwd: Path) -> None:
    """The real `steerco meeting` in a pseudo-terminal: keys as bytes, each waited for in the store, then kill -9."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "steerco.cli", "meeting", "ni15", "--db", str(db),
                             "--plans", str(plans)], stdin=child, stdout=child, stderr=child, env=env,
                            cwd=cwd, start_new_session=True)
    os.close(child)
    os.set_blocking(main, False)

    drawn = bytearray()

    def send(keys: bytes, until, what: str) -> None:
        os.write(main, keys)
        wait_for(lambda: (drain(main, drawn), until())[1], what, drawn=drawn)

    try:
        wait_for(lambda: (drain(main, drawn), b"Start meeting" in drawn)[1], "the setup screen")
        time.sleep(0.5)  # keys sent in the very first frame can arrive before the driver reads input
        send(b"\x13", lambda: store_state(db)[1] == 1, "the meeting to start (ctrl+s)")
        send(RIGHT, lambda: store_state(db)[1] == 2, "past apologies (item 1)")
        send(RIGHT, lambda: store_state(db)[1] == 3, "past declarations (item 2), to 7.1")
        send(b"r", lambda: store_state(db)[2].get("7.1") == "R", "7.1 set Red")
        send(RIGHT, lambda: store_state(db)[1] == 4, "item 4")
        send(b"g", lambda: store_state(db)[2].get("7.2") == "G", "7.2 set Green")
        drawn.clear()
        send(b"n", lambda: b"ctrl+s save" in drawn, "the note dialog")
        drawn.clear()
        send(b"Kept under review", lambda: b"review" in drawn, "the note typed")
        send(b"\x13", lambda: store_state(db)[3] == {4: "Kept under review"}, "the note stored (ctrl+s)")
        send(RIGHT, lambda: store_state(db)[1] == 5, "item 5")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(main)


@pytest.mark.slow
async def test_killed_meeting_resumes_where_it_stopped(tmp_path: Path) -> None:
    db, plans = tmp_path / "steerco.db", ni15_folder(tmp_path)
    run_meeting_then_kill(db, plans, tmp_path)
    before = store_state(db)
    assert before[1:] == (5, {"7.1": "R", "7.2": "G"}, {4: "Kept under review"})

    app = make_app(db_path=db, plans_dir=plans, plan="ni15", start_meeting=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # offers to resume
        await pilot.press("y")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        assert walk.meeting.id == before[0] and walk.position == 5 and walk.item.ref == "7.3"
        await pilot.press("left")
        status = str(walk.query_one("#wt-status").render())
        assert "Green" in status and "agreed at this meeting" in status
        assert "Kept under review" in str(walk.query_one("#wt-meeting").render())
    assert store_state(db)[2:] == before[2:]
