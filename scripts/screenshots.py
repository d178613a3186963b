"""Write docs/screenshots/dashboard.svg and walkthrough.svg from the app, on NI 15 with seeded history.

    PYTHONPATH=. python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.test_tui_support import TODAY, Clock, ni15_folder, seed_history  # noqa: E402
from tui.app import make_app  # noqa: E402

OUT = REPO / "docs" / "screenshots"


async def shoot(tmp: Path, name: str, *, meeting: bool) -> Path:
    seed_history(tmp / "steerco.db")
    app = make_app(db_path=tmp / "steerco.db", plans_dir=ni15_folder(tmp), clock=Clock(), today=TODAY,
                   plan="ni15", start_meeting=meeting)
    async with app.run_test(size=(110, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if meeting:
            await pilot.press("ctrl+s")  # start with the setup's defaults
            await pilot.pause()
            await pilot.press("right", "a", "right", "g", "right")  # 7.1 Amber, 7.2 Green, on to 7.3
            await pilot.pause()
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"{name}.svg"
        path.write_text(app.export_screenshot(title=f"steerco — {name}"), encoding="utf-8")
    return path


async def main() -> None:
    for name, meeting in (("dashboard", False), ("walkthrough", True)):
        with tempfile.TemporaryDirectory() as tmp:
            print(await shoot(Path(tmp), name, meeting=meeting))


if __name__ == "__main__":
    asyncio.run(main())
