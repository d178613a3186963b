"""Issue 14 end to end, with the real `steerco` processes: the apps in a pseudo-terminal (tmux, keys
sent to it, the screen read back), the commands as subprocesses.

An officer records two actions and a risk in officer mode and exports them; the chair imports the
file twice (the second time adds nothing), runs the meeting accepting one proposal and overriding
another, and closes it; the minutes name both proposals; the agreed position goes back with
`export-status` / `import-status`, and officer mode shows it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from storage.store.store import Store
from tests.conftest import BUNDLED_PLANS

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")]

STEERCO = str(Path(sys.executable).with_name("steerco"))
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Terminal:
    """One tmux server of this test's own (its own socket), one window at a time: a real pty."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.socket = str(folder / "tmux.sock")  # a server of its own, gone with the test's folder
        self.env = env
        self.folder = folder

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True, text=True, env=self.env,
                              check=False)
        return done.stdout

    def start(self, *command: str, width: int = 120, height: int = 40) -> None:
        """Run `command` in a new window of its own (the one before closed first)."""
        line = " ".join(f"'{part}'" for part in command)
        self.close()
        for _ in range(50):
            done = subprocess.run(["tmux", "-S", self.socket, "new-session", "-d", "-x", str(width), "-y",
                                   str(height), "-c", str(self.folder), f"{line}; echo EXITED-$?; sleep 60"],
                                  capture_output=True, text=True, env=self.env, check=False)
            if done.returncode == 0:
                return
            time.sleep(0.2)  # the server of the window before may still be going away
        raise AssertionError(f"tmux would not start: {done.stderr}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", "0", *(["-l"] if literal else []), *keys)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "0")

    def wait_for(self, text: str, timeout: float = 90.0) -> str:
        end = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} never appeared; the screen:\n{shown}")
            time.sleep(0.2)

    def close(self) -> None:
        self._tmux("kill-server")
        for _ in range(50):
            if subprocess.run(["tmux", "-S", self.socket, "has-session"], capture_output=True, env=self.env,
                              check=False).returncode != 0:
                return
            time.sleep(0.1)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Terminal, dict[str, str], Path]]:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(BUNDLED_PLANS / "ni15.yaml", plans / "ni15.yaml")
    env = {**os.environ, "STEERCO_HOME": str(tmp_path / "home"), "STEERCO_PLANS": str(plans),
           "STEERCO_CACHE": os.environ.get("STEERCO_CACHE", str(tmp_path / "cache")), "TERM": "xterm-256color"}
    env.pop("STEERCO_DB", None)
    for size in ("COLUMNS", "LINES"):  # the pane's size, not a fixed one (pytest-xdist's workers have 80x24)
        env.pop(size, None)
    terminal = Terminal(tmp_path, env)
    yield terminal, env, tmp_path
    terminal.close()


def steerco(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([STEERCO, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


def test_officer_to_chair_and_back(world: tuple[Terminal, dict[str, str], Path]) -> None:
    term, env, folder = world
    officer_db, chair_db = str(folder / "officer.db"), str(folder / "chair.db")
    updates, status = str(folder / "updates.yaml"), str(folder / "status.yaml")

    # The officer: 7.1 Amber, 7.2 Green, risk SSC15-2 3 × 2, each with a note, in officer mode.
    term.start(STEERCO, "update", "--as", "adrian-roberts", "ni15", "--db", officer_db)
    term.wait_for("Updates by Ch. Insp Adrian Roberts")
    term.keys("Enter", "a", "Tab")
    term.type("Patrols running")
    term.keys("C-s")
    term.wait_for("Saved ni15 7.1")
    term.keys("C-n", "g", "Tab")
    term.type("On track")
    term.keys("C-s")
    term.wait_for("Saved ni15 7.2")
    term.keys("C-n", "C-n")
    term.wait_for("ni15 risk SSC15-2")
    term.keys("3", "Tab", "2", "Tab")
    term.type("Forum monitoring")
    term.keys("C-s")
    term.wait_for("Saved ni15 SSC15-2")
    term.keys("C-q")
    term.wait_for("EXITED-0")
    exported = steerco(env, "export-updates", "--as", "Adrian Roberts", "-o", updates, "--db", officer_db)
    assert exported.returncode == 0 and "wrote 3 entries" in exported.stderr, exported

    # The chair imports the file twice: the second time adds nothing.
    first = steerco(env, "import-updates", updates, "--db", chair_db)
    assert first.returncode == 0 and "taken 3, already present 0" in first.stdout, first
    second = steerco(env, "import-updates", updates, "--db", chair_db)
    assert second.returncode == 0 and "taken 0, already present 3" in second.stdout, second

    # The meeting: accept 7.1 as proposed (p), override 7.2 with Red (r), close.
    term.start(STEERCO, "meeting", "ni15", "--db", chair_db)
    term.wait_for("New meeting of ni15")
    term.keys("C-s")
    term.wait_for("Apologies for absence")  # the standing items open the agenda
    term.keys("Right")
    term.wait_for("Declarations of interest")
    term.keys("Right")
    term.wait_for("Action 7.1 —")
    term.wait_for("Officer update")
    term.keys("p")
    term.wait_for("Status ▲ A Amber")
    term.keys("Right")
    term.wait_for("Action 7.2 —")
    term.keys("r")
    term.wait_for("Status ● R Red")
    term.keys("c")
    term.wait_for("Close the meeting")
    term.keys("y")
    time.sleep(1.0)
    term.keys("C-q")
    term.wait_for("EXITED-0")
    with Store.open(chair_db) as store:
        (meeting,) = store.meetings("ni15")
        assert meeting.closed
        assert store.history("ni15", "7.1")[0].rag == "A" and store.history("ni15", "7.2")[0].rag == "R"

    minutes = steerco(env, "minutes", "ni15", "--meeting", "latest", "--db", chair_db)
    assert minutes.returncode == 0, minutes
    assert "Proposed Amber by Ch. Insp Adrian Roberts" in minutes.stdout, minutes.stdout
    assert "Proposed Green by Ch. Insp Adrian Roberts" in minutes.stdout, minutes.stdout

    # The way back: the agreed position goes to the officer, and officer mode shows it.
    sent = steerco(env, "export-status", "ni15", "--for", "Adrian Roberts", "-o", status, "--db", chair_db)
    assert sent.returncode == 0, sent
    taken = steerco(env, "import-status", status, "--db", officer_db)
    assert taken.returncode == 0 and "taken 2," in taken.stdout, taken  # 7.1 and 7.2; the risk was not rated
    again = steerco(env, "import-status", status, "--db", officer_db)
    assert again.returncode == 0 and "taken 0, already present 2" in again.stdout, again

    today = date.today()
    held = f"{today.day} {MONTHS[today.month - 1]} {today.year}"
    term.start(STEERCO, "update", "--as", "adrian-roberts", "ni15", "--db", officer_db)
    term.wait_for("Updates by Ch. Insp Adrian Roberts")
    shown = term.wait_for(f"Agreed at the meeting of {held}: ▲ A Amber")
    assert "Patrols running" in shown
    term.keys("Enter", "C-n")
    shown = term.wait_for(f"Agreed at the meeting of {held}: ● R Red")
    assert "Current: ✓ G Green by Ch. Insp Adrian" in shown  # the officer's own proposal beside it
    term.keys("C-q")
    term.wait_for("EXITED-0")
