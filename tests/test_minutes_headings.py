"""Minutes headings read in one order (issue 17 try): the minutes number their own sections
("## 3. Delivery progress"), and a plan's theme and action numbers are named as such
("### Theme 7: …", "#### Action 7.1: …"), so "### 7. …" can never sit between "## 3." and "## 4."."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", ["ni15_minutes.md", "ni15_minutes_first.md", "ni15_minutes_formal.md",
                                  "pack_demo.md"])
def test_only_the_minutes_own_sections_start_with_a_number(name: str) -> None:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    section = 2
    if name == "pack_demo.md":  # the pack's draft minutes: two levels down, after the pack's own sections
        text, section = text.split("Draft minutes of the last meeting", 1)[1], 4
    headings = [(len(marks), title) for marks, title in re.findall(r"^(#{2,6}) (.*)$", text, flags=re.MULTILINE)]
    assert [level for level, title in headings if title[:1].isdigit()] == [
        level for level, _ in headings if level == section], headings
    themes = [title for level, title in headings if level == section + 1 and title != "Overdue, not discussed"]
    actions = [title for level, title in headings if level == section + 2]
    assert themes and all(t.startswith("Theme ") for t in themes), themes
    assert actions and all(a.startswith("Action ") for a in actions), actions


def test_the_sections_run_in_order() -> None:
    text = (GOLDEN / "ni15_minutes.md").read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r"^## (\d+)\. ", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert "### Theme 7: Action Plan & Delivery Progress" in text
    assert "#### Action 7.1: Target night time economy 'hot-spot' premises and locations" in text
