"""A 5×5 impact × likelihood grid showing the plan's risk bands, with a movable cursor."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from storage.plan.model import RiskBand

# Theme variables for the bands, lowest band first (a plan may have fewer or more bands).
BAND_VARIABLES = ("success", "primary", "warning", "error")


def band_letters(bands: list[RiskBand]) -> dict[str, str]:
    """A distinct short label per band: its initial, or two letters if initials clash."""
    initials = [b.name[:1].upper() for b in bands]
    return {b.name: (b.name[:1].upper() if initials.count(b.name[:1].upper()) == 1 else b.name[:2].title())
            for b in bands}


PROPOSED_MARK = "◇P"  # an officer's proposed rating: its own symbol and letter, never colour alone


class RiskGrid(Widget, can_focus=True):
    """Arrows move the cursor (impact left/right, likelihood up/down); the previous rating is
    marked ◆, an officer's proposed one ◇P (the columns widen by one to make room for it)."""

    DEFAULT_CSS = """
    RiskGrid { height: auto; width: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("left", "move(-1, 0)", "Impact −", show=False, id="grid-left"),
        Binding("right", "move(1, 0)", "Impact +", show=False, id="grid-right"),
        Binding("up", "move(0, 1)", "Likelihood +", show=False, id="grid-up"),
        Binding("down", "move(0, -1)", "Likelihood −", show=False, id="grid-down"),
    ]

    impact: reactive[int] = reactive(3)
    likelihood: reactive[int] = reactive(3)

    def __init__(self, bands: list[RiskBand], impact: int, likelihood: int,
                 previous: tuple[int, int] | None, *, proposed: tuple[int, int] | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.bands = sorted(bands, key=lambda b: b.low)
        self.letters = band_letters(self.bands)
        self.previous = previous
        self.proposed = proposed
        self.set_reactive(RiskGrid.impact, impact)
        self.set_reactive(RiskGrid.likelihood, likelihood)

    def band(self, score: int) -> RiskBand | None:
        return next((b for b in self.bands if b.low <= score <= b.high), None)

    def _style(self, band: RiskBand | None) -> str:
        if band is None:
            return ""
        index = min(self.bands.index(band), len(BAND_VARIABLES) - 1)
        if len(self.bands) < len(BAND_VARIABLES):
            index = round(index * (len(BAND_VARIABLES) - 1) / max(1, len(self.bands) - 1))
        return self.app.theme_variables.get(BAND_VARIABLES[index], "")

    def action_move(self, d_impact: int, d_likelihood: int) -> None:
        self.impact = min(5, max(1, self.impact + d_impact))
        self.likelihood = min(5, max(1, self.likelihood + d_likelihood))

    def _line(self, mark: str, label: str, cell: tuple[int, int]) -> str:
        score = cell[0] * cell[1]
        band = self.band(score)
        return f"{mark} {label} I{cell[0]}×L{cell[1]} = {score} {band.name if band else ''}"

    def render(self) -> Text:
        text = Text()
        width = 9 if self.proposed else 8
        text.append("Likelihood ↓  Impact → " + "".join(f"{i:^{width}}" for i in range(1, 6)) + "\n", style="bold")
        for likelihood in range(5, 0, -1):
            text.append(f"{likelihood:>12}          ", style="bold")
            for impact in range(1, 6):
                score = impact * likelihood
                band = self.band(score)
                letter = self.letters.get(band.name, "?") if band else "?"
                mark = "◆" if self.previous == (impact, likelihood) else ""
                if self.proposed == (impact, likelihood):
                    mark += PROPOSED_MARK
                here = (impact, likelihood) == (self.impact, self.likelihood)
                body = f"{'▶' if here else ' '}{score:>2} {letter}{mark}"
                style = f"{self._style(band)} {'reverse bold' if here else ''}"
                text.append(f"{body:<{width - 1}}", style=style.strip())
                text.append(" ")
            text.append("\n")
        legend = " · ".join(f"{self.letters[b.name]} {b.name} {b.low}–{b.high}" for b in self.bands)
        text.append(legend + "\n")
        text.append(self._line("▶", "now", (self.impact, self.likelihood)), style="bold")
        if self.previous:
            text.append("   " + self._line("◆", "was", self.previous))
        if self.proposed:
            text.append("\n" + self._line(PROPOSED_MARK, "proposed by the officer", self.proposed))
        return text
