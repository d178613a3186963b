"""The command palette: one provider offering the keys of the current screen as 'area: verb'.

Each entry is a binding declared (with an id) on the screen that owns it; the palette
shows only what can run now (the screen's `check_action`) and runs the same action.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
    "minutes-back": "minutes: Back",
    "action-back": "plan: Back to dashboard",
    "setup-start": "meeting: Start",
    "setup-cancel": "meeting: Cancel setup",
    "meeting-status-red": "meeting: Set status Red",
    "meeting-status-amber": "meeting: Set status Amber",
    "meeting-status-green": "meeting: Set status Green",
    "meeting-status-blue": "meeting: Set status Blue (complete)",
    "meeting-accept": "meeting: Accept officer update",
    "meeting-rate-risk": "meeting: Re-rate risk",
    "meeting-value": "meeting: Enter indicator value",
    "meeting-arising-done": "meeting: Mark action arising done",
    "meeting-arising-carry": "meeting: Carry action arising forward",
    "meeting-prev": "meeting: Previous item",
    "meeting-next": "meeting: Next item",
    "meeting-jump": "meeting: Jump to item",
    "meeting-note": "meeting: Write note",
    "meeting-decision": "meeting: Record decision",
    "meeting-arising-new": "meeting: Add action arising",
    "meeting-close": "meeting: Close",
    "meeting-leave": "meeting: Leave (stays open)",
}


class SteercoCommands(Provider):
    """The current screen's commands, those that can run now."""

    def _commands(self) -> list[tuple[str, str, object]]:
        found = []
        seen = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            title = TITLES.get(binding.id or "")
            if title is None or not active.enabled or title in seen:
                continue
            seen.add(title)
            found.append((title, binding.tooltip or binding.description,
                          partial(active.node.run_action, binding.action)))
        # Keys hidden from the footer (show=False) are still commands.
        for binding in getattr(self.screen, "BINDINGS", []):
            title = TITLES.get(getattr(binding, "id", None) or "")
            if title and title not in seen and self.screen.check_action(binding.action.split("(")[0], ()) is True:
                seen.add(title)
                found.append((title, binding.tooltip or binding.description,
                              partial(self.screen.run_action, binding.action)))
        return found

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands():
            yield DiscoveryHit(title, command, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)  # type: ignore[arg-type]
