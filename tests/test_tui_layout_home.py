"""Home's Statuses column shows every count at 80 and 120 columns, on a plan's own scale of five
statuses and with a status not on the scale: the zeros are left out where the full line does not
fit (the detail below then gives it in full), never a silent cut; and home's words are written
for a screen, without Markdown's backticks. A new user's layout try (session 9, items 1 and 2)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage.store.store import Store
from tests.test_tui_layout_support import screen_lines, screen_text
from tests.test_tui_support import NI15, Clock, home_settled

FIVE = """rag_scale:
  - {code: X, name: Stopped, symbol: "✗", rank: 0, meaning: Stopped.}
  - {code: D, name: Delayed, symbol: "●", rank: 1, meaning: Behind.}
  - {code: N, name: Not started, symbol: "○", rank: 2, meaning: Not started.}
  - {code: P, name: In progress, symbol: "◐", rank: 3, meaning: Moving.}
  - {code: C, name: Complete, symbol: "★", rank: 4, meaning: Done.}
"""
NOW = datetime(2010, 6, 15, 9, 30, tzinfo=UTC)
ADRIAN = "Ch. Insp Adrian Roberts"


def _plans(tmp_path: Path) -> Path:
    """Two copies of NI 15 (9 actions each) on the five-status scale: 'five' with 7.1 X, 7.2 P and
    7.3 C (6 not yet rated); 'offs' whose scale has W in place of X and no P (W D N C), with 7.1 N, five C and
    7.7, 7.8 P (recorded before P left its scale), 7.9 not yet rated."""
    plans = tmp_path / "plans"
    plans.mkdir()
    text = NI15.read_text(encoding="utf-8").replace("\nthemes:\n", "\n" + FIVE + "themes:\n", 1)
    (plans / "five.yaml").write_text(text.replace('id: "ni15"', 'id: "five"', 1), encoding="utf-8")
    offs = (text.replace('id: "ni15"', 'id: "offs"', 1).replace("{code: X, name: Stopped", "{code: W, name: Working")
            .replace('  - {code: P, name: In progress, symbol: "◐", rank: 3, meaning: Moving.}\n', ""))
    (plans / "offs.yaml").write_text(offs, encoding="utf-8")
    with Store.open(tmp_path / "steerco.db", clock=Clock(NOW)) as store:
        for action_id, code in {"7.1": "X", "7.2": "P", "7.3": "C"}.items():
            store.record_update("five", action_id, code, "Reported.", ADRIAN, "command-line")
        for action_id, code in {"7.1": "N", "7.2": "C", "7.3": "C", "7.4": "C", "7.5": "C", "7.6": "C",
                                "7.7": "P", "7.8": "P"}.items():
            store.record_update("offs", action_id, code, "Reported.", ADRIAN, "command-line")
    return plans


def _row(lines: list[str], plan_id: str) -> str:
    return next(line for line in lines if line.split()[:1] == [plan_id])


@pytest.mark.parametrize(("size", "five", "offs"), [
    ((80, 24), "X 1 · P 1 · C 1 · – 6", "N 1 · C 5 · ? P 2 · – 1"),
    ((120, 40), "X 1 · D 0 · N 0 · P 1 · C 1 · – 6", "W 0 · D 0 · N 1 · C 5 · ? P 2 · – 1"),
])
async def test_every_count_shows_in_the_statuses_column(tmp_path: Path, size: tuple[int, int], five: str,
                                                        offs: str) -> None:
    from tui.app import make_app

    plans = _plans(tmp_path)
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=plans, clock=Clock(NOW), today=date(2010, 6, 15))
    async with app.run_test(size=size) as pilot:
        await home_settled(pilot)
        lines = screen_lines(app)
        assert f"five         {five}  " in _row(lines, "five") + "  "
        assert f"offs         {offs}  " in _row(lines, "offs") + "  "
        full = "X 1 · D 0 · N 0 · P 1 · C 1 · – 6"  # 'five' highlighted: its detail below the table
        assert (" " + full in lines) == (five != full)  # there too when the column gives it shorter
        await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
        assert "`" not in text
        assert " 2 statuses not on the scale (? P): run steerco check to list them" in text.splitlines()
