"""One action in full: text, measure, commentary, outcomes and its complete history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from storage.service import STATUS_HEADING, deadline_text, time_zone, zoned
from storage.service.corrections import CORRECTED_WORDS, corrected_in_meeting
from storage.service.service import Service
from tui import rag
from tui.safe_text import escape, plain

#: The history's columns: when, by whom, from where and at which meeting, stacked in the first
#: ('M3, 1 Dec 2026 (abandoned)' is its widest line); the note takes the rest of the screen.
WHERE_HEADING, NOTE_HEADING = "When · by · from", "Note · officer's note · discussion"
WHERE_WIDTH, STATUS_WIDTH, NOTE_MIN = 26, 6, 20
#: What the note does not get: the other two columns, three cells' padding (2 each), the note's own
#: scroll bars (the body's and the table's, 2 each) and one cell to spare.
RESERVED = WHERE_WIDTH + STATUS_WIDTH + 3 * 2 + 2 * 2 + 1


class ActionScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", tooltip="Back to the dashboard", id="action-back")]

    def __init__(self, service: Service, plan_id: str, action_id: str) -> None:
        super().__init__(id="action")
        self.service, self.plan_id, self.action_id = service, plan_id, action_id
        self._rows: list[tuple[Text, Text, Text]] = []  # the history's cells, laid out again on a resize

    def compose(self) -> ComposeResult:
        plan = self.service.plan(self.plan_id)
        action = plan.action(self.action_id)
        assert action is not None
        row = self.service.action_row(self.plan_id, self.action_id)
        yield Header()
        with VerticalScroll(id="action-body"):
            yield Static(f"[b]{escape(action.id)}[/b] {escape(action.display_title)}", classes="screen-title")
            due = deadline_text(action.deadline, action.due, self.service.today()).full
            written = action.lead not in (row.owner, type(action).model_fields["lead"].default)  # said, not shown
            lead = f"   Lead {escape(action.lead)}" if written else ""
            late = f"  [b $error]⚠ {escape(row.overdue_words)}[/]" if row.overdue else ""
            yield Static(
                f"Status {rag.markup(plan, row.rag)}   Owner [b]{escape(row.owner)}[/b]{lead}\n"
                f"Deadline {escape(due)}{late}", id="action-facts")
            if row.milestones:
                yield Static("[b]Milestones[/b]\n" + "\n".join(
                    f"[b $error]⚠ {escape(line)}[/]" if late else f"• {escape(line)}" for line, late in row.milestones),
                    classes="block", id="action-milestones")
            yield Static(escape(action.text), classes="block")
            for label, text in (("Delivery measure", action.measure), ("Commentary", action.commentary)):
                if text:
                    yield Static(f"[b]{label}[/b]\n{escape(text)}", classes="block")
            outcomes = action.outcomes.medium_term + action.outcomes.long_term
            if outcomes:
                yield Static("[b]Outcomes[/b]\n" + "\n".join(f"• {escape(o)}" for o in outcomes), classes="block")
            yield Static("[b]History[/b] (newest first)", classes="block")
            yield DataTable(id="history", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        plan = self.service.plan(self.plan_id)
        variables = self.app.theme_variables
        history = self.service.history(self.plan_id, self.action_id, abandoned=True)  # the whole history
        said = self.service.history_context(self.action_id, history)  # "what did we say about it last time?"
        corrected = corrected_in_meeting(history)  # recorded again in its meeting: marked as a correction
        zone = time_zone(plan.meeting.time_zone)
        for update in history:
            earlier = corrected.get(update.id)
            again = f"{earlier.rag} → {update.rag} ({CORRECTED_WORDS}){' · ' if update.note else ''}" if earlier else ""
            context = said[update.id]
            lines = [again + update.note] if again or update.note else []
            if context.officer_note and context.officer_note != update.note:
                lines.append(f"Officer's note ({context.officer}): {context.officer_note}")
            if context.discussion and context.discussion != update.note:
                lines.append(f"Discussed: {context.discussion}")
            day = context.meeting_date
            meeting = f"M{update.meeting_id}, {day.day} {day:%b %Y}" if update.meeting_id and day else ""
            if meeting and context.abandoned:
                meeting += " (abandoned)"  # kept in the history, marked: none of it stands
            where = Text("\n").join([Text(zoned(update.recorded_at, zone)), plain(update.author),
                                     Text(update.source), *([Text(meeting)] if meeting else [])])
            self._rows.append((where, rag.cell(plan, update.rag, variables),
                               Text("\n").join(plain(line) for line in lines)))
        if not self._rows:
            self._rows.append((Text("—"), rag.cell(plan, "-", variables), Text("never rated")))
        self._fill()

    def on_resize(self) -> None:
        if self._rows:
            self._fill()

    def _fill(self) -> None:
        """The history in three columns, the note wrapped at words in what the screen leaves it, so
        that every line stays readable at 80 columns (as `steerco history` has it)."""
        table = self.query_one("#history", DataTable)
        note_width = max(NOTE_MIN, self.app.size.width - RESERVED)
        table.clear(columns=True)
        table.add_column(WHERE_HEADING, width=WHERE_WIDTH)
        table.add_column(STATUS_HEADING, width=STATUS_WIDTH)
        table.add_column(NOTE_HEADING, width=note_width)
        for where, status, note in self._rows:
            table.add_row(where, status, note, height=None)
