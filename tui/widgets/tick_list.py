"""A SelectionList whose tick says ticked or not by its glyph, not by colour alone."""

from __future__ import annotations

from typing import Generic

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.selection_list import SelectionType

TICKED, UNTICKED, BARRED = "✓", " ", "–"  # BARRED: greyed, cannot be ticked (e.g. ticked elsewhere)
CURSOR = "▶"


class TickList(SelectionList[SelectionType], Generic[SelectionType]):
    """Textual's SelectionList draws the same `X` for both states; this draws ✓ or a blank (– for
    a name greyed out, that cannot be ticked).

    The name space would tick is marked ▶ (in the blank between the tick and the name), as well
    as by its background, while the list has the focus only: of two lists side by side, the
    one keys act on is the one showing ▶.
    """

    def action_select(self) -> None:
        """space ticks the name highlighted now. (SelectionList ticks the highlighted name when the
        OptionSelected message it posts comes round, by when a Down typed after the space has moved
        the highlight: `space Down space` ticked one name twice, leaving it unticked.)"""
        highlighted = self.highlighted
        if highlighted is not None and not self.get_option_at_index(highlighted).disabled:
            self._toggle_highlighted_selection()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        if len(segments) < 4 or index >= self.option_count:
            return strip
        option = self.get_option_at_index(index)
        glyph = TICKED if option.value in self.selected else BARRED if option.disabled else UNTICKED
        _, style, control = segments[1]
        segments[1] = Segment(glyph, style, control)
        if index == self.highlighted and self.has_focus:
            text, style, control = segments[3]
            segments[3] = Segment(CURSOR if text == " " else text, style, control)
        return Strip(segments, strip.cell_length)
