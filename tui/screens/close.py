"""Closing a meeting: what it recorded, then a yes/no. Returns True to close."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from storage.plan.model import Plan
from storage.service.service import MeetingSummary
from tui import rag
from tui.safe_text import escape


def summary_markup(plan: Plan, s: MeetingSummary) -> str:
    codes = [status.code for status in sorted(plan.rag_scale, key=lambda status: status.rank)]
    by_status = {code: sum(1 for v in s.statuses_set.values() if v == code) for code in codes}
    lines = [f"[b]Statuses set[/b] {len(s.statuses_set)}: "
             + " · ".join(f"{rag.label(plan, c)} {n}" for c, n in by_status.items())]
    changes = [f"{escape(a)} {rag.label(plan, old)} → {rag.label(plan, new)}" for a, (old, new) in s.changes.items()]
    lines.append(f"[b]Changed since last meeting[/b] {len(changes)}" + (": " + ", ".join(changes) if changes else ""))
    lines.append(f"[b]Risks re-rated[/b] {s.ratings} · [b]Indicator values[/b] {s.values}")
    lines.append(f"[b]Decisions[/b] {len(s.decisions)}")
    lines += [f"  • {escape(d.text)}" for d in s.decisions]
    lines.append(f"[b]Actions arising[/b] {len(s.arising)}")
    lines += [f"  • {escape(a.ref)} {escape(a.text)} — {escape(a.owner)}, due {a.due or '—'}" for a in s.arising]
    skipped = ", ".join(f"{i.ref or i.title}" for i in s.skipped)
    lines.append(f"[b]Items skipped[/b] {len(s.skipped)}" + (f": {escape(skipped)}" if skipped else ""))
    return "\n".join(lines)


class CloseMeeting(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Close meeting", id="close-yes"),
        Binding("n,escape", "answer(False)", "Keep open", id="close-no"),
    ]

    def __init__(self, plan: Plan, summary: MeetingSummary) -> None:
        super().__init__()
        self.plan, self.summary = plan, summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="close-dialog"):
            yield Label("Close the meeting? Once closed its record is read-only.", classes="dialog-title")
            with VerticalScroll(id="close-summary"):
                yield Static(summary_markup(self.plan, self.summary))
            with Horizontal(classes="buttons"):
                yield Button("Close meeting (y)", variant="error", id="yes")
                yield Button("Keep open (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
