"""Officer mode's command palette: the keys of officer mode offered as 'update: verb'.

Each entry is a binding declared with an id on the officer screen or the officer app; the
palette shows the binding's tooltip as its help, and running an entry runs the binding's
action on the node that declares it, exactly as the key does. Kept apart from the meeting
app's provider (tui/commands.py) so that officer mode offers only its own commands.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

TITLES: dict[str, str] = {
    "officer-save": "update: Save",
    "officer-next": "update: Next item",
    "officer-items": "update: Back to list",
    "officer-quit": "update: Quit",
}


class OfficerCommands(Provider):
    """Officer mode's commands that can run now, in the order of TITLES."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        found: dict[str, tuple[str, str, Callable[[], Any]]] = {}
        nodes: tuple[Screen[Any] | App[Any], ...] = (self.screen, self.app)
        for node in nodes:
            for binding in getattr(node, "BINDINGS", []):
                title = TITLES.get(getattr(binding, "id", None) or "")
                if title is None or title in found:
                    continue
                name, _, _ = binding.action.partition("(")
                if node.check_action(name, ()) is not True:
                    continue
                found[title] = (title, binding.tooltip or binding.description,
                                partial(node.run_action, binding.action))
        return [found[title] for title in TITLES.values() if title in found]

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)
