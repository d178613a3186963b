"""The agenda the setup would start, item by item, and why each action is on it (by exception)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.service import AgendaItem, cut
from tui.safe_text import escape
from tui.screens.walkthrough.render import KIND_LABEL


def preview_lines(agenda: list[AgendaItem], reasons: dict[str, str] | None,
                  width: int = 70) -> list[tuple[str, str]]:
    """(class, markup) per line: 'item' ('  5  Action 7.1 Target night…', cut to `width`) and, under
    each action by exception, 'why' ('Red; overdue (due 31 Mar 2027)': `reasons` by action id;
    None: all actions, no reasons)."""
    lines = []
    for n, item in enumerate(agenda, 1):
        what = KIND_LABEL.get(item.kind, item.kind) + (f" {item.ref}" if item.ref and item.kind == "action" else "")
        title = cut(item.title, max(10, width - len(what) - 6))
        lines.append(("item", f"{n:>3}  [b]{escape(what)}[/b] {escape(title)}"))
        if reasons is not None and item.kind == "action":
            lines.append(("why", f"↳ {escape(reasons.get(item.ref or '', ''))}"))
    return lines


class AgendaPreview(ModalScreen[None]):
    """Read-only: escape (or enter) goes back to the setup; up/down/page keys scroll."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Back", id="preview-back")]
    DEFAULT_CSS = """
    #preview-dialog { width: 100; }
    #preview-items { height: auto; max-height: 20; }
    #preview-items .preview-why { padding-left: 5; color: $text-muted; }
    """

    def __init__(self, heading: str, lines: list[tuple[str, str]]) -> None:
        super().__init__(id="agenda-preview")
        self.heading, self.lines = heading, lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="preview-dialog"):
            yield Static(self.heading, classes="dialog-title")
            with VerticalScroll(id="preview-items"):
                for kind, markup in self.lines:
                    yield Static(markup, classes=f"preview-{kind}")
            yield Static("[dim]↑ ↓ PgUp PgDn scroll · esc back[/]")

    def on_mount(self) -> None:
        self.query_one("#preview-items").focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
