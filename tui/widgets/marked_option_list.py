"""An OptionList whose highlighted option is marked by a glyph, not by colour alone."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import OptionList

HIGHLIGHTED, NOT_HIGHLIGHTED = "▶ ", "  "


class MarkedOptionList(OptionList):
    """Textual's OptionList shows the highlighted option by its background only; this puts ▶ before it.

    The mark takes a two-cell gutter on the left (as SelectionList's buttons do), on the first line of
    the highlighted option: the option enter would pick, or in officer mode the item the form is for.
    """

    def _get_left_gutter_width(self) -> int:
        return len(HIGHLIGHTED)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return strip
        mark = HIGHLIGHTED if index == self.highlighted and line_offset == 0 else NOT_HIGHLIGHTED
        first = next(iter(strip), None)
        style = first.style if first is not None else None
        return Strip([Segment(mark, style), *strip], strip.cell_length + len(mark))
