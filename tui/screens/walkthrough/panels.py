"""The walk-through's body: the current item's panels, each hidden while it has nothing to say."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from tui.screens.walkthrough.render import Panels
from tui.widgets.indicator_chart import IndicatorChart
from tui.widgets.panel import Panel


class ItemPanels(VerticalScroll, can_focus=False):
    """Title, status, facts, officer updates, history, text and this meeting's record of the item;
    scrolled with page up/down (not focusable) so the arrows stay free for the agenda."""

    def compose(self) -> ComposeResult:
        yield Panel(id="wt-title", classes="screen-title")
        yield Panel(id="wt-status")
        yield Panel(id="wt-facts")
        yield Panel(id="wt-proposals")
        yield Panel(id="wt-history", classes="block")
        yield Panel(id="wt-text", classes="block")
        yield IndicatorChart(id="wt-chart")
        yield Panel(id="wt-meeting", classes="block")

    def _show(self, name: str, content: str) -> Panel:
        panel = self.query_one(f"#wt-{name}", Panel)
        panel.update(content)
        panel.display = bool(content)
        return panel

    def show_item(self, panels: Panels) -> None:
        """Everything but this meeting's record, from the top (on moving to an item)."""
        self.query_one("#wt-title", Panel).update(panels.title)
        self._show("text", panels.body)
        self.query_one(IndicatorChart).show(panels.chart)
        self.show_status(panels)
        self.scroll_home(animate=False)

    def show_status(self, panels: Panels) -> None:
        """The status line, the facts (overdue or not follows the status), the history and the
        officers' updates (after a status key)."""
        self._show("status", panels.status).set_classes(f"-status {panels.status_class}".strip())
        self._show("facts", panels.facts)
        self._show("history", panels.history)
        self._show("proposals", panels.proposals)

    def show_meeting(self, markup: str, *, reveal: bool = False) -> None:
        """This meeting's record of the item; `reveal` scrolls it into view (once laid out), as
        after saving a note, a decision or an action arising, which land below the item's text."""
        panel = self.query_one("#wt-meeting", Panel)
        panel.update(markup)
        if reveal:
            self.call_after_refresh(self.scroll_to_widget, panel, animate=False)

    def page(self, pages: int) -> None:
        self.scroll_page_down() if pages > 0 else self.scroll_page_up()
