"""Driving `steerco serve` in Debian's chromium (tests/test_browser.py, scripts/browser_screenshot.py).

The browser is headless, with a new empty profile and every background network feature off
(the machine's network is closed). The terminal's bytes are read as they arrive: xterm.js
draws on a canvas, so a script added before the page loads copies every binary WebSocket
message into `window.__steercoOut`, decoded; `screen_text` is that stream with the escape
sequences taken out, which holds every text Textual has painted, in order.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1000,640")
TAP = """
window.__steercoOut = "";
const Real = window.WebSocket, decoder = new TextDecoder();
window.WebSocket = function (...args) {
  const socket = new Real(...args);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string")
      window.__steercoOut += decoder.decode(new Uint8Array(event.data), {stream: true});
  });
  return socket;
};
window.WebSocket.prototype = Real.prototype;
Object.assign(window.WebSocket, Real);
"""
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def missing() -> str | None:
    """Why the browser test cannot run here (None: it can)."""
    for path, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver (Debian's chromium-driver)")):
        if not os.access(path, os.X_OK):
            return f"{what} is not installed (.ci/run installs it with apt-get; it could not here)"
    try:
        import selenium  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[test]')"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"steerco serve stopped: {process.stderr.read().decode() if process.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """The server's session: textual-serve and the steerco it started for each browser."""
    try:
        os.killpg(process.pid, 15)
        process.wait(10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)


@contextmanager
def serving(args: list[str], env: dict[str, str], tries: int = 3) -> Iterator[int]:
    """`steerco serve ARGS --port P` on 127.0.0.1 (a free port), stopped on leaving. A server that stops
    before it listens is started again on another port: under pytest-xdist another worker's process can
    take the port between its pick and the server's bind."""
    for attempt in range(1, tries + 1):
        port = free_port()
        process = subprocess.Popen([sys.executable, "-m", "steerco.cli", "serve", "--port", str(port), *args],
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        try:
            wait_for_port(port, process)
            break
        except RuntimeError:  # it stopped before listening
            _stop(process)
            if attempt == tries:
                raise
        except BaseException:
            _stop(process)
            raise
    try:
        yield port
    finally:
        _stop(process)


@contextmanager
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="steerco-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TAP})
            yield driver
        finally:
            driver.quit()


def screen_text(driver: Any) -> str:
    """Everything the terminal has been sent so far, escape sequences removed."""
    return ESCAPES.sub("", driver.execute_script("return window.__steercoOut || ''"))


def open_terminal(driver: Any, port: int, seconds: float = 30) -> None:
    """The served page, waited on until the app has painted (xterm's rows, and the first bytes)."""
    from selenium.webdriver.common.by import By

    driver.get(f"http://127.0.0.1:{port}/")
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if driver.find_elements(By.CSS_SELECTOR, "body.-first-byte .xterm-screen") and len(screen_text(driver)) > 200:
            driver.find_element(By.CSS_SELECTOR, ".xterm-screen").click()  # the keys go to the terminal
            return
        time.sleep(0.1)
    raise TimeoutError("the terminal did not paint")


def wait_text(driver: Any, wanted: str, seconds: float, *, since: int = 0) -> float:
    """Seconds until `wanted` is in what the terminal was sent after the first `since` characters."""
    start = time.monotonic()
    while wanted not in screen_text(driver)[since:]:
        if time.monotonic() - start > seconds:
            raise TimeoutError(f"{wanted!r} not shown in {seconds} s")
        time.sleep(0.02)
    return time.monotonic() - start


def press(driver: Any, *keys: str, ctrl: bool = False) -> None:
    """Keys typed into the terminal (selenium Keys values or text), with ctrl held if asked."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    chain = ActionChains(driver)
    if ctrl:
        chain.key_down(Keys.CONTROL)
    chain.send_keys(*keys)
    if ctrl:
        chain.key_up(Keys.CONTROL)
    chain.perform()


#: How long a step of a browser test may take to show before it fails: generous, for a CI machine
#: running the other tests beside two browsers and three steercos (a wait ends as soon as it shows).
SLOW_S = 45.0


def start_meeting(driver: Any, port: int) -> None:
    """On the chair's served app: the home screen's `m` on the first plan (ni15), the setup's ctrl+s,
    then `→` past apologies and declarations to the first action (7.1), each step seen before the next key."""
    from selenium.webdriver.common.keys import Keys

    open_terminal(driver, port)
    wait_text(driver, "ni15", SLOW_S)
    press(driver, "m")
    wait_text(driver, "Start meeting", SLOW_S)
    seen = len(screen_text(driver))
    press(driver, "s", ctrl=True)
    wait_text(driver, "Item 1/", SLOW_S, since=seen)  # the walk-through ("Apologies" is the setup's too)
    for item in (2, 3):  # each move seen before the next key ("Item" alone is repainted every second)
        seen = len(screen_text(driver))
        press(driver, Keys.ARROW_RIGHT)
        wait_text(driver, f"Item {item}/", SLOW_S, since=seen)
    wait_text(driver, "7.1", SLOW_S)


def private_env(folder: Path, repo: Path) -> dict[str, str]:
    """A private store, home, cache and settings under `folder`; the bundled plans copied there."""
    shutil.copytree(repo / "plans", folder / "plans")
    return dict(os.environ, STEERCO_DB=str(folder / "steerco.db"), STEERCO_HOME=str(folder / "home"),
                STEERCO_CACHE=str(folder / "cache"), STEERCO_CONFIG=str(folder / "settings.toml"),
                STEERCO_PLANS=str(folder / "plans"))


def screenshot(driver: Any, path: Path) -> Path:
    driver.save_screenshot(str(path))
    return path
