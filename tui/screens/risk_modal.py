"""Re-rating a risk on the 5×5 grid: returns (impact, likelihood) or None. An officer's pending
re-rating is marked on the grid; recording another rating overrides it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from storage.plan.model import Risk, RiskBand
from tui.widgets.risk_grid import RiskGrid


class RiskGridModal(ModalScreen[tuple[int, int] | None]):
    BINDINGS = [
        Binding("enter", "record", "Record rating", id="grid-record"),
        Binding("escape", "cancel", "Cancel", id="grid-cancel"),
    ]

    def __init__(self, risk: Risk, bands: list[RiskBand], current: tuple[int, int],
                 previous: tuple[int, int] | None, proposed: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.risk, self.bands, self.current, self.previous = risk, bands, current, previous
        self.proposed = proposed  # an officer's pending re-rating, marked on the grid

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="risk-dialog"):
            yield Label(f"Re-rate risk {self.risk.id}  (arrows move · enter record · esc cancel)",
                        classes="dialog-title")
            yield Static(self.risk.description, classes="risk-description")
            yield RiskGrid(self.bands, *self.current, self.previous, proposed=self.proposed, id="grid")

    def on_mount(self) -> None:
        self.query_one(RiskGrid).focus()

    def action_record(self) -> None:
        grid = self.query_one(RiskGrid)
        self.dismiss((grid.impact, grid.likelihood))

    def action_cancel(self) -> None:
        self.dismiss(None)
