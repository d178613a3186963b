"""An attendee's live view of the chair's open meeting (`steerco follow PLAN`): read only.

A timer polls the store's data version every 0.3 s (a pragma, no table read); only when the
chair has committed something does it read the meeting again (`FollowService.view`: the open
meeting, the current item and its status). The clocks tick between reads from what was read.
When the meeting closes (or is abandoned) the next read says so at the top, and the agenda stays
as it was taken. Keys: scroll, help, quit; there is nothing here that records.
"""

from __future__ import annotations

from datetime import datetime

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from storage.service import UNRATED_CODE
from storage.service.follow import FollowService, FollowView
from tui.durations import clocks

POLL_SECONDS = 0.3  # a change shows within a second: poll, read, paint
WAITING = "No meeting of this plan is open. This view waits for the chair to start one and follows it then."
ENDED = {"closed": "The meeting has closed", "abandoned": "The meeting was abandoned"}
HERE = {"Action": " — agreed at this meeting", "Risk": " — agreed at this meeting",
        "Minutes of the previous meeting": " — agreed as a true record at this meeting",
        "Matter arising": " — set at this meeting"}


def _e(text: str) -> str:
    return escape(text)


def status_line(view: FollowView) -> str:
    """The agreed status as symbol and word (never colour alone); '' where the item has none."""
    if not view.status_word:
        return ""
    shown = f"{view.status_symbol} {view.status_word}".strip()
    if view.agreed_here:
        when = HERE.get(view.kind, "")
    else:
        when = "" if view.status_code == UNRATED_CODE or view.kind not in ("Action", "Risk") else \
            " — standing, not yet set at this meeting"
    return f"Status [b]{_e(shown)}[/b]{when}"


def ended_line(view: FollowView) -> str:
    """'The meeting has closed at 11:42. …': what a follower reads once the meeting has ended."""
    at = f" at {view.ended_at.astimezone():%H:%M}" if view.ended_at else ""
    after = ": it has no minutes" if view.ended == "abandoned" else ""
    return (f"[b]{ENDED[view.ended]}[/b]{at}{after}. Nothing more is recorded at it; this view waits for "
            "the chair's next meeting.")


def agenda_markup(view: FollowView) -> str:
    lines = []
    for item in view.agenda:
        mark = "▶" if item.current else "✓" if item.taken else "·"
        label = f"{item.ref} {item.title}" if item.ref and not item.title.startswith(item.ref) else item.title
        line = f"{mark} {item.position:>2} {_e(label)}"
        lines.append(f"[b]{line}[/b]" if item.current else line)
    return "\n".join(lines)


def one_line(markup: str | None, widget: Static) -> bool:
    """Whether the markup fills exactly one line of the widget (then a new text of one line is
    a repaint, no layout: 50 followers' screens each laid out again cost a busy machine ~1 s)."""
    return markup is not None and markup != "" and "\n" not in markup and len(markup) < widget.content_size.width


class FollowScreen(Screen[None]):
    BINDINGS = [
        Binding("down,j", "scroll(1)", "Down", show=False, id="follow-down"),
        Binding("up,k", "scroll(-1)", "Up", show=False, id="follow-up"),
        Binding("pagedown,space", "scroll(10)", "Page down", id="follow-page-down"),
        Binding("pageup", "scroll(-10)", "Page up", show=False, id="follow-page-up"),
        Binding("q", "app.quit", "Quit", tooltip="Stop following; the meeting goes on", id="follow-quit"),
    ]

    def __init__(self, service: FollowService, plan_id: str) -> None:
        super().__init__(id="follow")
        self.service = service
        self.plan_id = plan_id
        self.view: FollowView | None = None
        self.shown_at: datetime | None = None  # when the view on screen was read (the benchmark's probe)
        self._shown: dict[str, str] = {}  # each part's markup on screen

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="fl-bar")
        with VerticalScroll(id="fl-body"):
            yield Static(id="fl-meeting")
            yield Static(id="fl-item")
            yield Static(id="fl-status")
            yield Static(id="fl-proposal")
            yield Static(id="fl-agenda-head")
            yield Static(id="fl-agenda")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "steerco follow"
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(1.0, self.show_time)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#fl-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def poll(self) -> None:
        """Read again only when another connection has committed since the last poll."""
        try:
            if not self.service.changed():
                return
            view = self.service.view(self.plan_id)
        except Exception as exc:  # a store that cannot be read now: said, and tried again next poll
            said = self.service.describe_error(exc, since_writes=False)
            if said is None:
                raise
            self.query_one("#fl-item", Static).update(f"[b]The store cannot be read now[/b]: {_e(said)}")
            return
        self.show(view)

    def show(self, view: FollowView) -> None:
        self.view = view
        self.sub_title = view.plan_title
        if view.meeting_id is None or view.held_on is None:
            parts = {"fl-meeting": f"[b]{_e(view.plan_id)}[/b]", "fl-item": WAITING}
        elif view.ended:
            parts = {"fl-meeting": f"Meeting of {view.held_on:%d %b %Y} · chair {_e(view.chair)}",
                     "fl-item": ended_line(view),
                     "fl-agenda-head": "[b]Agenda[/b] as taken (✓ taken · · not taken)",
                     "fl-agenda": agenda_markup(view)}
        else:
            ref = f" {view.ref}" if view.ref else ""
            parts = {"fl-meeting": f"Meeting of {view.held_on:%d %b %Y} · chair {_e(view.chair)}",
                     "fl-item": f"[b]{_e(view.kind)}{_e(ref)}[/b] — {_e(view.title)}" if view.position else
                     "The meeting has started; the chair has not reached the first item yet.",
                     "fl-status": status_line(view),
                     "fl-proposal": f"[b]Officer's proposal[/b] {_e(view.proposal)}" if view.proposal else "",
                     "fl-agenda-head": "[b]Agenda[/b] (✓ taken · ▶ now · · to come)",
                     "fl-agenda": agenda_markup(view)}
        for widget_id in ("fl-meeting", "fl-item", "fl-status", "fl-proposal", "fl-agenda-head", "fl-agenda"):
            markup = parts.get(widget_id, "")
            before = self._shown.get(widget_id)
            if before != markup:  # only what changed: a status leaves the agenda as it is
                self._shown[widget_id] = markup
                widget = self.query_one(f"#{widget_id}", Static)
                widget.update(markup, layout=not (one_line(before, widget) and one_line(markup, widget)))
        self.shown_at = view.read_at
        self.show_time()

    def show_time(self) -> None:
        view, bar = self.view, self.query_one("#fl-bar", Static)
        if view is None or view.meeting_id is None:
            bar.update("Waiting for the chair's meeting · read only", layout=False)
            return
        if view.ended:
            spent, allotted = clocks(view.meeting_seconds, view.meeting_allotted)
            bar.update(f"{view.ended.capitalize()} · Σ {spent}/{allotted} · read only", layout=False)
            return
        extra = 0.0
        if view.running and view.read_at is not None and view.position:
            extra = max(0.0, (self.service.now() - view.read_at).total_seconds())
        now, allotted, total, allotted_total = clocks(view.item_seconds + extra, view.item_allotted,
                                                      view.meeting_seconds + extra, view.meeting_allotted)
        head = f"Item [b]{view.position}/{len(view.agenda)}[/b] · ⏱ {now}/{allotted} · " if view.position else ""
        head += f"Σ {total}/{allotted_total}"
        bar.update(head + (" · read only" if view.running else " · paused · read only"),
                   layout=False)  # one line of fixed size: a repaint, no layout (every second)
