"""Closing a meeting: what it recorded, the date of the next meeting, then a yes/no (or abandon it).

`CloseMeeting` returns a `Closing` (None: keep the meeting open). A meeting with nothing
recorded is offered "Abandon" first; closing it asks once more. `CloseKeys` holds the
walk-through's close and abandon keys (a mixin of `WalkthroughScreen`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from storage.plan.model import Plan
from storage.service.formalities import matter_arising_line, resolved_line
from storage.service.service import MeetingSummary
from tui import rag
from tui.safe_text import escape
from tui.screens.modals import Confirm
from tui.typed_ahead import open_dialog, settled

if TYPE_CHECKING:
    from storage.service import AgendaItem, Meeting
    from storage.service.arising import DueReading
    from storage.service.meeting_dates import NextMeeting
    from storage.service.service import Service
    from tui.screens.walkthrough.screen import WalkthroughScreen


#: The close summary's changes line at a plan's first meeting: there is no last meeting to compare with.
FIRST_MEETING_CHANGES = "— first meeting: every status is new"


def _skipped_name(item: AgendaItem) -> str:
    """How the summary names a skipped item: its ref ('7.1', 'SSC15-1'), else its title; the previous
    minutes (whose ref is that meeting's number) by title."""
    return item.title if item.kind == "previous_minutes" or not item.ref else item.ref


def summary_markup(plan: Plan, s: MeetingSummary, *, first: bool = False) -> str:
    """What the meeting recorded, for the close dialog; `first`: the plan's first meeting."""
    codes = [status.code for status in sorted(plan.rag_scale, key=lambda status: status.rank)]
    by_status = {code: sum(1 for v in s.statuses_set.values() if v == code) for code in codes}
    outside = f" ({len(s.outside)} recorded outside the walk-through while the meeting ran, not agreed at it: " \
        f"{escape(', '.join(s.outside))})" if s.outside else ""
    lines = [f"[b]Statuses set[/b] {len(s.statuses_set)}: "
             + " · ".join(f"{rag.label(plan, c)} {n}" for c, n in by_status.items()) + outside]
    changes = [f"{escape(a)} {rag.label(plan, old)} → {rag.label(plan, new)}" for a, (old, new) in s.changes.items()]
    if first:
        lines.append(f"[b]Changed since last meeting[/b] {FIRST_MEETING_CHANGES}")
    else:
        lines.append(f"[b]Changed since last meeting[/b] {len(changes)}"
                     + (": " + ", ".join(changes) if changes else ""))
    lines.append(f"[b]Risks re-rated[/b] {s.ratings} · [b]Indicator values[/b] {s.values}")
    if s.matters:
        lines.append(f"[b]Matters arising[/b] {len(s.matters)}")
        lines += [f"  • {escape(matter_arising_line(m.ref, m.text, m.agreed or '', m.agreed_note))}" for m in s.matters]
    lines.append(f"[b]Decisions[/b] {len(s.decisions)}")
    lines += [f"  • {escape(resolved_line(d.text))}" for d in s.decisions]
    lines.append(f"[b]Actions arising[/b] {len(s.arising)}")
    lines += [f"  • {escape(a.ref)} {escape(a.text)} — {escape(a.owner)}, due {a.due or '—'}" for a in s.arising]
    skipped = ", ".join(_skipped_name(i) for i in s.skipped)
    lines.append(f"[b]Items skipped[/b] {len(s.skipped)}" + (f": {escape(skipped)}" if skipped else ""))
    return "\n".join(lines)


@dataclass(frozen=True)
class Closing:
    """What the chair chose: close with the date of the next meeting (None: to be arranged), or abandon."""

    next_meeting: date | None = None
    abandon: bool = False


class CloseMeeting(ModalScreen[Closing | None]):
    BINDINGS = [
        Binding("y", "close", "Close meeting", id="close-yes", priority=True),
        Binding("a", "abandon", "Abandon", id="close-abandon", priority=True),
        Binding("n,escape", "keep", "Keep open", id="close-no", priority=True),
        Binding("enter", "press", "Answer", show=False, priority=True),  # the focused button, or the date's enter
    ]  # priority, as Confirm's: the dialog is gone before the key typed behind the answer is read (in the
    # date field, y a n are typed, as a field takes the letters it is given before any priority key)
    DEFAULT_CSS = """
    CloseMeeting #close-next { height: 3; }
    CloseMeeting #close-next Label { width: auto; padding: 1 1 0 0; }
    CloseMeeting #next-meeting { width: 1fr; }
    CloseMeeting #next-why { padding: 0 1; }
    """

    def __init__(self, plan: Plan, summary: MeetingSummary, default: NextMeeting,
                 read: Callable[[str], DueReading], *, empty: bool = False, first: bool = False) -> None:
        super().__init__()
        self.plan, self.summary, self.default, self.read, self.empty = plan, summary, default, read, empty
        self.first = first
        self._asked_twice = False

    def _title(self) -> str:
        if not self.empty:
            return "Close the meeting? Once closed its record is read-only."
        if self._asked_twice:
            return "Close it with nothing recorded? Its minutes will record nothing. y closes, a abandons."
        return "Nothing was recorded at this meeting: abandon it instead (a)? It then has no minutes."

    def compose(self) -> ComposeResult:
        from storage.service.meeting_dates import long_date

        with Vertical(classes="dialog", id="close-dialog"):
            yield Label(self._title(), classes="dialog-title", id="close-title")
            with VerticalScroll(id="close-summary"):
                yield Static(summary_markup(self.plan, self.summary, first=self.first))
            with Horizontal(id="close-next"):
                yield Label("Date of next meeting")
                yield Input(long_date(self.default.day), placeholder="a date, or blank: to be arranged",
                            id="next-meeting", select_on_focus=False)
            yield Static(self._why(), id="next-why")
            with Horizontal(classes="buttons"):
                if self.empty:
                    yield Button("Abandon (a)", variant="primary", id="abandon")
                    yield Button("Close anyway (y)", variant="error", id="yes")
                else:
                    yield Button("Close meeting (y)", variant="error", id="yes")
                yield Button("Keep open (n)", id="no")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#abandon" if self.empty else "#yes", Button))  # y, a and n work at once

    def _why(self, text: str | None = None) -> str:
        """Under the date: why the default moved off the cycle's day, or what the typed text reads as."""
        if text is None:
            return escape(self.default.moved) if self.default.moved else "A plan cycle after this meeting."
        found = self.read(text)
        if found.problem:
            return f"[b]✗[/b] {escape(found.problem)}"
        return f"✓ {escape(found.words)}" if found.day else "✓ To be arranged (no date)."

    def on_input_changed(self, event: Input.Changed) -> None:
        from storage.service.meeting_dates import long_date

        unchanged = event.value.strip() == long_date(self.default.day)
        self.query_one("#next-why", Static).update(self._why(None if unchanged else event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.read(event.value).problem:
            self.set_focus(self.query_one("#yes", Button))

    def _decide(self, button_id: str | None) -> Callable[[], tuple[Closing | None] | None]:
        return {"yes": self._close, "abandon": self._abandon}.get(button_id or "", self._keep)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        answer = self._decide(event.button.id)()
        if answer is not None:
            self.dismiss(answer[0])  # not awaited: a screen's own handler may not await its dismiss

    async def action_press(self) -> None:
        """enter: in the date, on to the Close button (a date it can read); on a button, its answer."""
        if isinstance(field := self.focused, Input):
            await settled(self.app)
            if not self.read(field.value).problem:
                self.set_focus(self.query_one("#yes", Button))
        elif isinstance(button := self.focused, Button):
            await self._answer(self._decide(button.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.empty if action == "abandon" else True

    async def action_close(self) -> None:
        await self._answer(self._close)

    async def action_abandon(self) -> None:
        await self._answer(self._abandon)

    async def action_keep(self) -> None:
        await self._answer(self._keep)

    async def _answer(self, decide: Callable[[], tuple[Closing | None] | None]) -> None:
        """A key's answer once the keys typed before it are in; the dialog is gone before the next is read."""
        await settled(self.app)
        answer = decide()
        if answer is not None:
            await self.dismiss(answer[0])

    def _close(self) -> tuple[Closing | None] | None:
        """(the Closing,) to close with the date typed; None to stay: a bad date, or asking once more."""
        found = self.read(self.query_one("#next-meeting", Input).value)
        if found.problem:
            self.query_one("#next-why", Static).update(f"[b]✗[/b] {escape(found.problem)}")
            self.query_one("#next-meeting", Input).focus()
            return None
        if self.empty and not self._asked_twice:
            self._asked_twice = True
            self.query_one("#close-title", Label).update(self._title())
            return None
        return (Closing(found.day),)

    def _abandon(self) -> tuple[Closing | None] | None:
        return (Closing(abandon=True),) if self.empty else None

    def _keep(self) -> tuple[Closing | None] | None:
        return (None,)


def abandon_question(plan_id: str, meeting: Meeting, takes_out: str) -> str:
    """The confirmation naming the meeting to abandon, and what then becomes of what was recorded
    at it (`takes_out`: `Service.abandon_takes_out`)."""
    from storage.service.meeting_dates import long_date

    return (f"Abandon the meeting of {escape(plan_id)} on {long_date(meeting.held_on)} (M{meeting.id})?\n"
            "It stays in the store marked abandoned, with no minutes, and is never the latest meeting."
            + (f"\n{escape(takes_out)}" if takes_out else ""))


class ResumeOffer(Confirm):
    """The offer to resume the open meeting (y resumes, n not now), with `a` to abandon it instead:
    `on_abandon` is called (after the offer is dismissed as not resumed) to ask and abandon."""

    BINDINGS = [Binding("a", "abandon", "Abandon it", id="resume-abandon")]

    def __init__(self, question: str, on_abandon: Callable[[], None], **options: str) -> None:
        super().__init__(question, **options)
        self.on_abandon = on_abandon

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")
                yield Button("Abandon it (a)", id="abandon")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "abandon":
            self.action_abandon()
        else:
            self.dismiss(event.button.id == "yes")

    def action_abandon(self) -> None:
        self.dismiss(False)
        self.on_abandon()


class CloseKeys:
    """The walk-through's keys that end a meeting: close it (c) or abandon it (ctrl+d). A mixin of
    `WalkthroughScreen` (it uses the screen's service, meeting and plan)."""

    service: Service
    meeting: Meeting
    plan: Plan

    async def action_close_meeting(self) -> None:
        screen = cast("WalkthroughScreen", self)
        meeting, service = self.meeting, self.service

        def chosen(result: Closing | None) -> None:
            if result is None:
                return
            if result.abandon:
                self._abandon("nothing was recorded")
                return
            self.meeting = service.close_meeting(meeting, result.next_meeting)
            self._ended()

        dialog = CloseMeeting(self.plan, service.summary(meeting), service.next_meeting_default(meeting),
                              lambda text: service.read_next_meeting(meeting, text),
                              empty=service.nothing_recorded(meeting), first=service.is_first_meeting(meeting))
        await open_dialog(screen.app, dialog, chosen)

    async def action_abandon_meeting(self) -> None:
        screen = cast("WalkthroughScreen", self)
        meeting = self.meeting

        def answered(yes: bool | None) -> None:
            if yes:
                self._abandon("")

        question = abandon_question(self.plan.id, meeting, self.service.abandon_takes_out(meeting))
        await open_dialog(screen.app, Confirm(question, yes="Abandon", no="Keep open", id="abandon-confirm"), answered)

    def _abandon(self, reason: str) -> None:
        from storage.service.meeting_dates import long_date

        screen = cast("WalkthroughScreen", self)
        self.meeting = self.service.abandon_meeting(self.meeting, reason)
        screen.post_message(screen.MeetingClosed(self.plan.id, self.meeting.id))
        screen.notify(f"The meeting of {long_date(self.meeting.held_on)} is abandoned: kept in the store, "
                      "marked abandoned, with no minutes.", title="meeting: Abandon")
        screen.app.pop_screen()

    def _ended(self) -> None:
        from storage.service.meeting_dates import long_date

        screen = cast("WalkthroughScreen", self)
        screen.show_item()
        screen.post_message(screen.MeetingClosed(self.plan.id, self.meeting.id))
        following = self.meeting.next_meeting
        screen.notify("Meeting closed; its record is now read-only. Next meeting: "
                      f"{long_date(following) if following else 'to be arranged'}. "
                      "Minutes: dashboard → Meetings → p.", title="meeting: Close")
