"""The walk-through: the chair takes the agenda one item at a time; every key is stored at once.

agenda_screen.py shows the item and moves between items, screen.py adds the keys that record,
keys.py declares them (the status keys from the plan's scale), panels.py is the item's body and
render.py what it says, as Content markup.
"""

from tui.screens.walkthrough.screen import WalkthroughScreen

__all__ = ["WalkthroughScreen"]
