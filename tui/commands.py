"""The command palette of both apps: one provider offering the current screen's keys as 'area: verb'.

Each entry is a binding declared with an id on the screen that owns it (or on the app). The
palette shows the entry's key after its title ("meeting: Set status Red  (r)") and the
binding's tooltip as its line of help, lists only what can run now (the node's
`check_action`), and running an entry runs the binding's action on that node, exactly as the
key does. A screen whose bindings come from its data (the walk-through's status keys, from
the plan's scale) titles them itself in `command_titles`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.markup import escape

TITLES: dict[str, str] = {
    "home-open": "plan: Open dashboard",
    "home-meeting": "meeting: Start or resume",
    "home-reload": "plan: Reload plans",
    "dashboard-back": "plan: Back to plans",
    "dashboard-meeting": "meeting: Start",
    "dashboard-search": "plan: Search actions",
    "dashboard-filter-rag": "plan: Filter by status",
    "dashboard-filter-owner": "plan: Filter by owner",
    "dashboard-filter-theme": "plan: Filter by theme",
    "dashboard-clear": "plan: Clear filters",
    "dashboard-tab-actions": "plan: Show actions",
    "dashboard-tab-risks": "plan: Show risks",
    "dashboard-tab-indicators": "plan: Show indicators",
    "dashboard-tab-meetings": "plan: Show meetings",
    "dashboard-minutes": "minutes: Preview",
    "dashboard-walkthrough": "meeting: Open walk-through",
    "minutes-write": "minutes: Write file",
    "minutes-format": "minutes: Choose format",
    "minutes-back": "minutes: Back",
    "action-back": "plan: Back to dashboard",
    "setup-start": "meeting: Start",
    "setup-cancel": "meeting: Cancel setup",
    "meeting-accept": "meeting: Accept officer update",
    "meeting-rate-risk": "meeting: Re-rate risk",
    "meeting-value": "meeting: Enter indicator value",
    "meeting-arising-done": "meeting: Mark action arising done",
    "meeting-arising-carry": "meeting: Carry action arising forward",
    "meeting-declare": "meeting: Record declaration of interest",
    "meeting-approve-minutes": "meeting: Agree previous minutes as a true record",
    "meeting-prev": "meeting: Previous item",
    "meeting-next": "meeting: Next item",
    "meeting-jump": "meeting: Jump to item",
    "meeting-note": "meeting: Write note",
    "meeting-decision": "meeting: Record decision",
    "meeting-arising-new": "meeting: Add action arising",
    "meeting-amend": "meeting: Amend the record (edit or withdraw)",
    "meeting-close": "meeting: Close",
    "meeting-abandon": "meeting: Abandon meeting",
    "meeting-leave": "meeting: Leave (stays open)",
    "officer-save": "update: Save",
    "officer-next": "update: Next item",
    "officer-items": "update: Back to list",
    "officer-quit": "update: Quit",
    "app-help": "help: Keys of this screen",
}


@dataclass
class Command:
    """One palette entry: its title, the keys that run it now (none when a focused widget takes
    them, as an Input takes letters), its line of help, and what it runs."""

    id: str
    title: str
    keys: list[str]
    help: str
    run: Callable[[], Any]

    def display(self, title: Content) -> Content:
        return title + f"  ({', '.join(self.keys)})" if self.keys else title


def _state(node: DOMNode, action: str) -> bool | None:
    """`check_action` for a binding's action on the node that declares it."""
    namespace, name, parameters = parse(action)
    target = node.app if namespace == "app" else node.screen if namespace == "screen" else node
    return target.check_action(name, parameters)


class Commands(Provider):
    """The current screen's commands that can run now, in the order of their titles."""

    def titles(self) -> dict[str, str]:
        return {**getattr(self.screen, "command_titles", {}), **TITLES}

    def commands(self) -> list[Command]:
        titles = self.titles()
        found: dict[str, Command] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.id in titles and active.enabled:
                command = found.setdefault(binding.id, self._command(titles[binding.id], active.node, binding))
                command.keys.append(self.app.get_key_display(binding))
        # A binding whose keys a focused widget takes (letters while typing in an Input) is
        # still a command; it is shown without a key, as the key does not run it now.
        for node, declared in ((self.screen, self.screen.BINDINGS), (self.app, self.app.BINDINGS)):
            for binding in Binding.make_bindings(declared):
                if binding.id in titles and binding.id not in found and _state(node, binding.action) is True:
                    found[binding.id] = self._command(titles[binding.id], node, binding)
        order = list(titles)
        unique: dict[str, Command] = {}
        for command in sorted(found.values(), key=lambda c: order.index(c.id)):
            unique.setdefault(command.title, command)
        return list(unique.values())

    def _command(self, title: str, node: DOMNode, binding: Binding) -> Command:
        async def run() -> None:
            await self.app.run_action(binding.action, node)

        return Command(binding.id or "", title, [], escape(binding.tooltip or binding.description), run)

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.display(Content(command.title)), command.run, text=command.title,
                               help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, command.display(matcher.highlight(escape(command.title))), command.run,
                          text=command.title, help=command.help)
