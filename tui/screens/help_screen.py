"""The help screen (`?` or F1, on every screen of both apps): every key of the screen it opens over.

It is read from that screen's active bindings when it opens (what its footer is built from, the
keys hidden from the footer included), never from a list kept by hand: each key with what it
does and its tooltip, grouped by where it works (the screen's own keys, their footer groups such
as the status keys, the focused widget's, the app's), a key that cannot run now marked so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Label, Static

SCREEN_NAMES = {"HomeScreen": "Plans", "DashboardScreen": "Plan dashboard", "WalkthroughScreen": "Walk-through",
                "MeetingSetupScreen": "Meeting setup", "OfficerScreen": "Officer updates",
                "MinutesScreen": "Minutes preview", "ActionScreen": "Action detail",
                "FollowScreen": "Follow view"}
WIDGET_NAMES = {"Input": "text box", "TextArea": "text box", "DataTable": "table", "ActionTable": "table",
                "OptionList": "list", "MarkedOptionList": "list", "SelectionList": "list", "TickList": "list",
                "Tabs": "tabs", "TabbedContent": "tabs", "Select": "list", "SelectCurrent": "list"}
NOT_NOW = "not now"


@dataclass
class Row:
    keys: list[str]
    does: str
    more: str
    enabled: bool
    declared: bool  # by steerco (it has an id), not one of Textual's own


@dataclass
class Section:
    title: str
    own: bool = False  # the screen's own keys (or one of their footer groups)
    rows: dict[str, Row] = field(default_factory=dict)  # by action: a binding's keys on one row


def _name(node: object) -> str:
    kind = type(node).__name__
    if isinstance(node, App):
        return "Everywhere"
    if isinstance(node, Screen):
        return SCREEN_NAMES.get(kind, kind)
    for base in type(node).__mro__:
        if base.__name__ in WIDGET_NAMES:
            return f"In the {WIDGET_NAMES[base.__name__]}"
    return f"In the {kind}"


def sections(screen: Screen) -> list[Section]:
    """The screen's active bindings (focused widget, its containers, the screen, the app) as sections:
    the screen's own keys first (a footer group, e.g. the status keys, a section of its own), then the
    focused widget's, then the app's."""
    app = screen.app
    found: dict[str, Section] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if binding.system:
            continue
        title = _name(node)
        if node is screen and binding.group is not None and binding.group.description:
            title = binding.group.description
        section = found.setdefault(title, Section(title, own=node is screen))
        key = app.get_key_display(Binding(binding.key, binding.action))  # the key, not a group's display
        row = section.rows.setdefault(binding.action, Row([], binding.description or binding.action,
                                                          binding.tooltip, active.enabled, binding.id is not None))
        if key not in row.keys:
            row.keys.append(key)
        row.enabled = row.enabled or active.enabled
    for section in found.values():  # the keys this app declares (with an id) before Textual's own
        section.rows = dict(sorted(section.rows.items(), key=lambda item: not item[1].declared))
    name = _name(screen)
    groups = [s for s in found.values() if s.own and s.title != name]
    return [*groups, *(s for s in found.values() if s.own and s.title == name),
            *(s for s in found.values() if not s.own and s.title != "Everywhere"),
            *(s for s in found.values() if s.title == "Everywhere")]


def table(section: Section) -> Table:
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(no_wrap=True, min_width=10, style="bold")
    grid.add_column(ratio=1)
    for row in section.rows.values():
        text = Text(row.does)
        if row.more and row.more != row.does:
            text.append(f" — {row.more}")
        if not row.enabled:
            text.append(f" ({NOT_NOW})")
        grid.add_row(Text(" ".join(row.keys)), text, style="" if row.enabled else "dim")
    return grid


class HelpScreen(ModalScreen[None]):
    """Every key of the screen below, by section; scrolls with the arrows and page keys, esc closes."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close", tooltip="Close the help", id="help-close")]
    # Its own look, so that both apps (each with its stylesheet) show it alike.
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-dialog {
        width: 100; max-width: 100%; height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    #help-dialog .dialog-title { text-style: bold; width: 100%; }
    #help-keys { height: 1fr; }
    .help-section { text-style: bold underline; margin-top: 1; }
    .help-foot { color: $text-muted; }
    """

    def __init__(self, of: Screen) -> None:
        super().__init__(id="help")
        self.of = _name(of)
        self.found = sections(of)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Label(f"Keys: {self.of}  (↑ ↓ pgup pgdn scroll · esc closes)", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for section in self.found:
                    yield Label(section.title, classes="help-section")
                    yield Static(table(section), classes="help-rows")
            yield Label("ctrl+p: the command palette, every command with its key.", classes="help-foot")

    def on_mount(self) -> None:
        self.query_one("#help-keys", Widget).focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
