"""The dashboard's actions table: a virtual table on Textual's Line API (a `ScrollView` whose
`render_line` draws one line).

It exists for benchmark row 9 (docs/performance.md: the dashboard at 10,000 actions, open
and a filter key, each within 50 ms of the same widgets with no data). Textual's `DataTable`
measures every cell as a row is added, ~180 µs a row: 10,000 actions took ~2 s to add, and as
long again at each filter key. This table holds the lines as plain data (each action's id and
theme; a heading above each theme's first action), asks for the cells of the lines on screen
only (`cells`, by action id; `prepare` first, with the ids about to be drawn, so that their
rows can be read in one go), and a filter gives it a new list of entries to show.

Keys as Textual's DataTable with a row cursor: up/down, pageup/pagedown, ctrl+home/ctrl+end
to the first/last line (home/end too, which DataTable spent on scrolling sideways), enter
selects; a click moves the cursor, a click on the cursor's line selects it. The cursor's line
is marked ▶ as well as coloured.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CURSOR_MARK = "▶"
PADDING = 1  # a blank each side of every cell, as DataTable's cell_padding (one before each, when tight)


class Column(NamedTuple):
    label: str
    key: str
    width: int


class Entry(NamedTuple):
    """An action's line: its id, under its theme."""

    theme_id: str
    theme_title: str
    action_id: str


class Heading(NamedTuple):
    """A theme's heading line, above its actions."""

    theme_id: str
    title: str


Cells = Callable[[str], Sequence[str | Text]]


class ActionTable(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "Top", show=False),
        Binding("end,ctrl+end", "last", "Bottom", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"action-table--header", "action-table--heading",
                                             "action-table--cursor"}

    cursor_row: reactive[int] = reactive(0, init=False)
    """The cursor's line (0: the first line under the header)."""

    class RowHighlighted(Message):
        """The cursor moved to a line: `action_id` is None on a theme's heading."""

        def __init__(self, table: ActionTable, line: int, action_id: str | None) -> None:
            super().__init__()
            self.table, self.line, self.action_id = table, line, action_id

        @property
        def control(self) -> ActionTable:
            return self.table

    class RowSelected(Message):
        """Enter (or a click on the cursor's line) on an action."""

        def __init__(self, table: ActionTable, action_id: str) -> None:
            super().__init__()
            self.table, self.action_id = table, action_id

        @property
        def control(self) -> ActionTable:
            return self.table

    def __init__(self, columns: Sequence[Column], cells: Cells, prepare: Callable[[list[str]], None] | None = None,
                 *, tight: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self.tight = tight  # one blank between columns, not two (at 80 columns the title gets them)
        self._cells = cells
        self._prepare = prepare
        self._lines: list[Heading | Entry] = []
        # The lines drawn since the data last changed, each with the style that fills the width past its columns.
        self._strips: LRUCache[tuple[int, bool], tuple[Strip, Style]] = LRUCache(1024)
        self._width = line_width(self.columns, tight)
        self._base = Style()
        self.virtual_size = Size(self._width, 1)
        self.empty = ""  # what the line under the header says while no action is shown ('' nothing)

    # -- data ---------------------------------------------------------------------------

    def show(self, entries: Iterable[Entry]) -> int:
        """Show these actions (in the plan's order), a heading above each theme's first, the cursor
        on the first action; returns how many actions are shown."""
        lines: list[Heading | Entry] = []
        theme = None
        headings = 0
        for entry in entries:
            if entry.theme_id != theme:
                theme = entry.theme_id
                lines.append(Heading(entry.theme_id, entry.theme_title))
                headings += 1
            lines.append(entry)
        self._lines = lines
        self._changed()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.set_reactive(ActionTable.cursor_row, -1)
        self.cursor_row = 1 if len(lines) > 1 else 0  # the first action, not its theme's heading
        return len(lines) - headings

    def redraw(self) -> None:
        """Draw every line again: their cells changed (a row re-read, the theme's colours)."""
        self._changed()

    def _changed(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self._width, len(self._lines) + 1)
        self.refresh()

    @property
    def row_count(self) -> int:
        """Lines shown under the header, headings included."""
        return len(self._lines)

    @property
    def shown_ids(self) -> list[str]:
        """The ids of the actions shown, in order."""
        return [line.action_id for line in self._lines if isinstance(line, Entry)]

    def cell(self, action_id: str, key: str) -> Text:
        """An action's cell in the column `key`, as it is drawn (before cutting to width)."""
        if self._prepare is not None:
            self._prepare([action_id])
        value = self._cells(action_id)[[c.key for c in self.columns].index(key)]
        return value if isinstance(value, Text) else Text(value)

    @property
    def cursor_action(self) -> str | None:
        """The id of the action under the cursor (None on a heading or with no lines)."""
        return self._action_at(self.cursor_row)

    def _action_at(self, line: int) -> str | None:
        if 0 <= line < len(self._lines):
            item = self._lines[line]
            if isinstance(item, Entry):
                return item.action_id
        return None

    # -- cursor -------------------------------------------------------------------------

    def validate_cursor_row(self, line: int) -> int:
        return max(0, min(line, len(self._lines) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_line(old)
        self._refresh_line(new)
        self._scroll_to_cursor()
        if self._lines:
            self.post_message(self.RowHighlighted(self, new, self._action_at(new)))

    def _refresh_line(self, line: int) -> None:
        self.refresh_line(line + 1)  # under the header; ScrollView takes off the scroll

    @property
    def _page(self) -> int:
        """Lines of rows on screen (the header line stays put)."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + self._page:
            self.scroll_to(y=self.cursor_row - self._page + 1, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self.cursor_row -= self._page

    def action_page_down(self) -> None:
        self.cursor_row += self._page

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = len(self._lines) - 1

    def action_select_cursor(self) -> None:
        action_id = self.cursor_action
        if action_id is not None:
            self.post_message(self.RowSelected(self, action_id))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return  # the header
        line = round(self.scroll_y) + offset.y - 1
        if not 0 <= line < len(self._lines):
            return
        event.stop()
        if line == self.cursor_row:
            self.action_select_cursor()
        else:
            self.cursor_row = line

    def on_focus(self) -> None:
        self._changed()

    def on_blur(self) -> None:
        self._changed()

    # -- drawing ------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Each line's strip; first `prepare` with the actions about to be drawn for the first time."""
        self._base = self.rich_style
        if self._prepare is not None:
            top = round(self.scroll_y) - 1
            missing = [line.action_id for n, line in enumerate(self._lines[max(0, top + crop.y):top + crop.bottom],
                                                               max(0, top + crop.y))
                       if isinstance(line, Entry) and (n, n == self.cursor_row) not in self._strips]
            if missing:
                self._prepare(missing)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = -1 if y == 0 else y - 1 + scroll_y
        key = (line, line == self.cursor_row)
        drawn = self._strips.get(key)
        if drawn is None:
            drawn = self._strips[key] = self._draw(line)
        strip, fill = drawn
        return strip.crop_extend(scroll_x, scroll_x + self.size.width, fill)

    def _draw(self, line: int) -> tuple[Strip, Style]:
        """The whole line (every column), -1 being the header, and the style past its columns."""
        base = self._base
        if line == -1:
            header = base + self.get_component_rich_style("action-table--header")
            return self._strip([Text(c.label) for c in self.columns], header), header
        if line == 0 and not self._lines and self.empty:  # across the columns, from the first
            said = fit(" " * PADDING + self.empty, self._width)
            return Strip(Segment.apply_style([Segment(said)], base), self._width), base
        if line >= len(self._lines):
            return Strip.blank(self._width, base), base
        item = self._lines[line]
        cells: Sequence[str | Text]
        if isinstance(item, Heading):
            heading = Text(f"{item.theme_id} {item.title}",
                           style=self.get_component_rich_style("action-table--heading", partial=True))
            cells = ["", heading, *[""] * (len(self.columns) - 2)]
        else:
            cells = self._cells(item.action_id)
        if line != self.cursor_row:
            return self._strip(cells, base), base
        cursor = self.get_component_rich_style("action-table--cursor")
        return self._strip(cells, base, cursor), base + cursor

    def _strip(self, cells: Sequence[str | Text], style: Style, cursor: Style | None = None) -> Strip:
        """The cells cut or padded to their columns' widths (a long text ends in …) on `style`; on
        the cursor's line (`cursor`: its style, which wins over the cells' colours) ▶ comes first."""
        console = self.app.console
        gap = Segment(" " * PADDING)
        segments: list[Segment] = []
        for column, value in zip(self.columns, cells, strict=True):
            segments.append(gap)
            if isinstance(value, str):
                segments.append(Segment(fit(value, column.width)))
            else:
                text = value
                if text.cell_len > column.width:
                    text = value.copy()
                    text.truncate(column.width, overflow="ellipsis")
                own = console.get_style(text.style) if text.style else None  # `render` leaves it out
                segments.extend(Segment.apply_style(text.render(console, end=""), own))
                if text.cell_len < column.width:
                    segments.append(Segment(" " * (column.width - text.cell_len)))
            if not self.tight:
                segments.append(gap)
        if cursor is not None:
            segments[0] = Segment(CURSOR_MARK)
        return Strip(Segment.simplify(Segment.apply_style(segments, style, cursor)), self._width)


def line_width(columns: Sequence[Column], tight: bool = False) -> int:
    """The cells a line of these columns takes, with their blanks (one before each column when
    `tight`, else one each side)."""
    return sum(c.width + PADDING * (1 if tight else 2) for c in columns)


def fit(text: str, width: int) -> str:
    """The text padded to `width` cells, or cut to it with … at the end."""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + "…"
