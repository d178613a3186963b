"""Shared by the layout tests (tests/test_tui_layout_*.py): the screen's text as it is drawn.

(No tests here; pytest collects nothing from this module.)
"""

from __future__ import annotations

from typing import Any


def screen_lines(app: Any) -> list[str]:
    """Each line of the top screen as drawn (a dialog: the dialog's own screen), right spaces cut."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def screen_text(app: Any) -> str:
    return "\n".join(screen_lines(app))
