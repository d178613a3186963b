"""A Static whose change of content size asks for no second layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static


class Panel(Static):
    """A Static for text that changes on every move (the walk-through's panels).

    After every layout, Textual 8 sets each widget's `virtual_size` as a reactive with
    `layout=True`, so a Static whose text changed height asks for a second layout of the
    whole screen straight after the one that measured and placed it: two layouts a
    keypress, each ~40% of a move. A Static does not scroll, so its virtual size needs no
    layout of its own; `tests/test_tui_walk_keys.py` checks a move costs one layout.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
