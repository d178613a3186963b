"""A Static whose change of content size asks for no second layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static


class Panel(Static):
    """A Static for text that changes on every move (the walk-through's panels).

    After every layout Textual sets each widget's `virtual_size`, a reactive declared with
    `layout=True`, so a Static whose text changed height asks for a second layout of the
    whole screen straight after the one that measured and placed it: two layouts a keypress.
    A Static does not scroll, so its virtual size needs no layout of its own; declared here
    without one, the walk-through's next-item key takes p95 +33 ms over the floor instead of
    +94 ms (docs/performance.md, row 2).
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
