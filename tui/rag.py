"""How a status looks: always a symbol and a letter, coloured from the theme's variables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from storage.plan.status import UNRATED_CODE

if TYPE_CHECKING:
    from storage.plan.model import Plan

# Theme variable for each RAG code; "-" is not yet rated.
THEME_VARIABLE: dict[str, str] = {"R": "error", "A": "warning", "G": "success", "B": "primary",
                                  UNRATED_CODE: "text-muted"}
STATE_CLASS: dict[str, str] = {"R": "-red", "A": "-amber", "G": "-green", "B": "-blue", UNRATED_CODE: "-unrated"}


def symbol(plan: Plan, code: str) -> str:
    status = plan.rag(code) if code != UNRATED_CODE else None
    return status.symbol if status else "–"


def name(plan: Plan, code: str) -> str:
    status = plan.rag(code) if code != UNRATED_CODE else None
    return status.name if status else "Not yet rated"


def label(plan: Plan, code: str) -> str:
    """'● R' — symbol and letter, the short form used in tables."""
    return f"{symbol(plan, code)} {code}" if code != UNRATED_CODE else "– –"


def style(code: str, variables: Mapping[str, str], bold: bool = True) -> str:
    """A Rich style from the theme: the variable's colour when it is a plain colour, else dim."""
    colour = variables.get(THEME_VARIABLE.get(code, "text-muted"), "")
    if not colour.startswith("#"):
        colour = "dim"
    return f"{'bold ' if bold else ''}{colour}".strip()


def cell(plan: Plan, code: str, variables: Mapping[str, str]) -> Text:
    return Text(label(plan, code), style=style(code, variables))


def trend(codes: Iterable[str], variables: Mapping[str, str]) -> Text:
    """The last statuses as letters, oldest first, each in its colour."""
    text = Text()
    for code in codes:
        text.append(code, style=style(code, variables, bold=False))
    return text


def markup(plan: Plan, code: str) -> str:
    """Content markup for a status with its full name: '[$error]● R Red[/]'."""
    return f"[bold ${THEME_VARIABLE.get(code, 'text-muted')}]{label(plan, code)} {name(plan, code)}[/]"


def counts_text(scale: Sequence[str], counts: Mapping[str, int], variables: Mapping[str, str]) -> Text:
    """'R 2 · A 3 · G 1 · B 0 · – 3', each part in its colour; `scale`: the plan's codes by rank."""
    text = Text()
    for n, code in enumerate([*scale, UNRATED_CODE]):
        if n:
            text.append(" · ")
        letter = code if code != UNRATED_CODE else "–"
        text.append(f"{letter} {counts.get(code, 0)}", style=style(code, variables))
    return text


def bar(scale: Sequence[str], counts: Mapping[str, int], width: int, variables: Mapping[str, str]) -> Text:
    """A stacked bar of letters ('RRAAAGG––'), proportional to the counts; `scale` as in counts_text."""
    total = sum(counts.values())
    text = Text()
    if not total:
        return text
    for code in [*scale, UNRATED_CODE]:
        n = counts.get(code, 0)
        if n:
            cells = max(1, round(width * n / total))
            text.append(("–" if code == UNRATED_CODE else code) * cells, style=f"reverse {style(code, variables)}")
    return text
