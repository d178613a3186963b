"""A Static whose change of content size asks for no second layout and no second paint."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static


class Panel(Static):
    """A Static for text that changes on every move (the walk-through's panels).

    After every layout Textual sets each widget's `virtual_size`, a reactive declared with
    `layout=True` and `repaint=True`, so a Static whose text changed height asks for a second
    layout of the whole screen straight after the one that measured and placed it, and then a
    second paint of itself after the layout's own. A Static does not scroll, so its virtual size
    needs neither: the layout that changed its size has already marked it to be painted.
    Without the second layout the next-item key took p95 +33 ms over the floor instead of
    +94 ms; without the second paint too, p50 +6 ms instead of +25 ms (session 9; renders per
    key 1.8 -> 1.15; docs/performance.md, row 2).
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
