"""README's browser pictures: `steerco serve` in Debian's headless chromium, by the same code
path as tests/test_browser.py (tests/browser_support.py), on the bundled plans and a new
private store. Writes docs/screenshots/serve-walkthrough.png and serve-follow.png.

    .venv/bin/python scripts/browser_screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import browser_support as web  # noqa: E402


def main() -> int:
    if (why := web.missing()) is not None:
        print(f"browser_screenshot: {why}", file=sys.stderr)
        return 2
    out = REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="steerco-shot-") as folder:
        env = web.private_env(Path(folder), REPO)
        with web.serving([], env) as port, web.browser() as chair:
            web.start_meeting(chair, port)
            with web.serving(["--follow", "ni15"], env) as follow_port, web.browser() as follower:
                web.open_terminal(follower, follow_port)
                web.wait_text(follower, "Action 7.1", 20)
                web.press(chair, "a")
                web.wait_text(follower, "▲ Amber", 5)
                time.sleep(0.5)  # the last frame painted
                web.screenshot(chair, out / "serve-walkthrough.png")
                web.screenshot(follower, out / "serve-follow.png")
    print(f"wrote {out / 'serve-walkthrough.png'} and {out / 'serve-follow.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
