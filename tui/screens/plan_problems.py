"""A plan file's problems, read only, as `steerco validate` lists them (file:line:column: message)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.service import counted


class PlanProblems(ModalScreen[None]):
    """What stops a plan opening: each problem on a line of its own (the file's text never read as
    markup); escape or enter goes back, ↑ ↓ PgUp PgDn scroll."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Back", id="plan-problems-back")]
    DEFAULT_CSS = """
    #plan-problems-dialog { width: 100; max-width: 100%; }
    #plan-problems-list { height: auto; max-height: 16; }
    """

    def __init__(self, plan_id: str, problems: list[str]) -> None:
        super().__init__(id="plan-problems")
        self.plan_id, self.problems = plan_id, problems

    def compose(self) -> ComposeResult:
        errors = counted(len(self.problems), "problem")
        with Vertical(classes="dialog", id="plan-problems-dialog"):
            yield Static(f"{self.plan_id}: {errors} to fix before it opens", classes="dialog-title", markup=False)
            with VerticalScroll(id="plan-problems-list"):
                for line in self.problems or ["(none found now: f5 reads the plans folder again)"]:
                    yield Static(line, markup=False)
            yield Static("Fix the file, then f5 on home reads it again; steerco validate lists the same.",
                         markup=False)
            yield Static("[dim]↑ ↓ PgUp PgDn scroll · esc back[/]")

    def on_mount(self) -> None:
        self.query_one("#plan-problems-list").focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
