"""How a status looks: always a symbol and a letter, coloured from the theme's variables.

The colour follows the status's tone on the plan's own scale (`storage.plan.status.tones`:
off track, at risk, on track, complete), so a plan whose codes are N/P/D/C is coloured as
R/A/G/B is. Where no plan is given, the default scale's tones apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from storage.service import (
    AT_RISK,
    COMPLETE,
    DEFAULT_RANKS,
    NOT_RATED,
    NOT_RATED_MARK,
    OFF_SCALE,
    OFF_SCALE_MARK,
    OFF_TRACK,
    ON_TRACK,
    UNRATED_CODE,
    tones,
)

if TYPE_CHECKING:
    from storage.plan.model import Plan

#: Theme variable and state class for each tone; "-" (not yet rated) has its own.
TONE_VARIABLE: dict[str, str] = {OFF_TRACK: "error", AT_RISK: "warning", ON_TRACK: "success", COMPLETE: "primary"}
TONE_CLASS: dict[str, str] = {OFF_TRACK: "-red", AT_RISK: "-amber", ON_TRACK: "-green", COMPLETE: "-blue"}
DEFAULT_TONES: dict[str, str] = tones(DEFAULT_RANKS)

# The default scale's theme variable and state class for each code.
THEME_VARIABLE: dict[str, str] = {code: TONE_VARIABLE[t] for code, t in DEFAULT_TONES.items()} | {
    UNRATED_CODE: "text-muted"}
STATE_CLASS: dict[str, str] = {code: TONE_CLASS[t] for code, t in DEFAULT_TONES.items()} | {UNRATED_CODE: "-unrated"}

_last: list[tuple[Plan, dict[str, str]]] = []  # the tones of the plan asked about last


def plan_tones(plan: Plan | None) -> Mapping[str, str]:
    """Each code of the plan's scale with its tone (the default scale's without a plan); kept
    for the plan asked about last, as a table of 10,000 cells asks 10,000 times."""
    if plan is None:
        return DEFAULT_TONES
    if not _last or _last[0][0] is not plan:
        _last[:] = [(plan, plan.rag_tones)]
    return _last[0][1]


def scale_tones(scale: Sequence[str]) -> Mapping[str, str]:
    """Tones for a scale given as its codes by rank, worst first (`PlanSummary.scale`)."""
    return tones((code, rank) for rank, code in enumerate(scale))


def theme_variable(code: str, plan: Plan | None = None) -> str:
    """The theme variable a status is coloured with, from its tone on the plan's scale."""
    tone = plan_tones(plan).get(code)
    return TONE_VARIABLE[tone] if tone else "text-muted"


def state_class(code: str, plan: Plan | None = None) -> str:
    """The state class ('-red', '-amber', '-green', '-blue', '-unrated') for a status."""
    tone = plan_tones(plan).get(code)
    return TONE_CLASS[tone] if tone else "-unrated" if code == UNRATED_CODE else ""


def symbol(plan: Plan, code: str) -> str:
    """The scale's symbol; '–' not yet rated; '?' for a code not on the plan's scale (`OFF_SCALE`)."""
    if code == UNRATED_CODE or not code:
        return NOT_RATED_MARK
    status = plan.rag(code)
    return status.symbol if status else OFF_SCALE_MARK


def name(plan: Plan, code: str) -> str:
    """The scale's name; 'Not yet rated'; '(not on the scale)' for a code the scale does not have."""
    if code == UNRATED_CODE or not code:
        return NOT_RATED
    status = plan.rag(code)
    return status.name if status else f"({OFF_SCALE})"


def label(plan: Plan, code: str) -> str:
    """'● R' — symbol and letter, the short form used in tables; '–' not yet rated; '? D' a code
    not on the plan's scale."""
    return f"{symbol(plan, code)} {code}" if code != UNRATED_CODE else NOT_RATED_MARK


def style(code: str, variables: Mapping[str, str], bold: bool = True, plan: Plan | None = None,
          *, tone_of: Mapping[str, str] | None = None) -> str:
    """A Rich style from the theme: the variable's colour when it is a plain colour, else dim.
    The status's tone comes from `tone_of`, else the plan's scale, else the default scale."""
    tone = (tone_of if tone_of is not None else plan_tones(plan)).get(code)
    colour = variables.get(TONE_VARIABLE[tone] if tone else "text-muted", "")
    if not colour.startswith("#"):
        colour = "dim"
    return f"{'bold ' if bold else ''}{colour}".strip()


def cell(plan: Plan, code: str, variables: Mapping[str, str]) -> Text:
    return Text(label(plan, code), style=style(code, variables, plan=plan))


def trend(codes: Iterable[str], variables: Mapping[str, str], plan: Plan | None = None) -> Text:
    """The last statuses as letters, oldest first, each in its colour."""
    text = Text()
    for code in codes:
        text.append(code, style=style(code, variables, bold=False, plan=plan))
    return text


def markup(plan: Plan, code: str) -> str:
    """Content markup for a status with its full name: '[$error]● R Red[/]'."""
    return f"[bold ${theme_variable(code, plan)}]{label(plan, code)} {name(plan, code)}[/]"


def _codes_shown(scale: Sequence[str], counts: Mapping[str, int]) -> list[str]:
    """The scale's codes, then any counted that are not on it (`OFF_SCALE`), then not yet rated."""
    off = sorted(code for code in counts if code != UNRATED_CODE and code not in scale)
    return [*scale, *off, UNRATED_CODE]


def _letter(code: str, scale: Sequence[str]) -> str:
    return NOT_RATED_MARK if code == UNRATED_CODE else code if code in scale else f"{OFF_SCALE_MARK} {code}"


def off_scale_line(scale: Sequence[str], counts: Mapping[str, int]) -> str:
    """'2 statuses not on the scale (? D): run steerco check to list them', or '' when every counted
    status is on the plan's scale (`scale`: its codes) or not yet rated. Worded for a screen."""
    off = [code for code in _codes_shown(scale, counts) if code != UNRATED_CODE and code not in scale]
    if not off:
        return ""
    n = sum(counts[code] for code in off)
    codes = ", ".join(f"{OFF_SCALE_MARK} {code}" for code in off)
    return f"{n} status{'' if n == 1 else 'es'} {OFF_SCALE} ({codes}): run steerco check to list them"


def counts_text(scale: Sequence[str], counts: Mapping[str, int], variables: Mapping[str, str], *,
                zeros: bool = True, tight: bool = False) -> Text:
    """'R 2 · A 3 · G 1 · B 0 · – 3', each part in its colour; `scale`: the plan's codes by rank.
    A stored code not on the scale is counted after them, marked: '… · B 0 · ? D 2 · – 1'.
    `zeros=False` leaves out the codes counted 0 ('R 2 · A 3 · G 1 · – 3'); `tight` writes each
    count against its letter, one space between ('R2 A3 G1 –3')."""
    tone_of = scale_tones(scale)
    text = Text()
    shown = [code for code in _codes_shown(scale, counts) if zeros or counts.get(code, 0)]
    for n, code in enumerate(shown):
        if n:
            text.append(" " if tight else " · ")
        letter = _letter(code, scale).replace(" ", "") if tight else _letter(code, scale)
        text.append(f"{letter}{'' if tight else ' '}{counts.get(code, 0)}",
                    style=style(code, variables, tone_of=tone_of))
    return text


def counts_in(width: int, scale: Sequence[str], counts: Mapping[str, int], variables: Mapping[str, str]
              ) -> tuple[Text, bool]:
    """`counts_text` in at most `width` cells, and whether that is its full form. Shorter forms
    first, so that every count shows: without the zeros ('X 1 · P 1 · C 1 · – 6'), then tight
    ('X1 P1 C1 –6'); cut with … only when even that is too long (the caller shows the full line
    elsewhere). The column never adds up to fewer actions than it counts without saying so."""
    full = counts_text(scale, counts, variables)
    if full.cell_len <= width:
        return full, True
    for text in (counts_text(scale, counts, variables, zeros=False),
                 counts_text(scale, counts, variables, zeros=False, tight=True)):
        if text.plain and text.cell_len <= width:
            return text, False
    cut = text.copy()
    cut.truncate(max(width, 1), overflow="ellipsis")
    return cut, False


def bar(scale: Sequence[str], counts: Mapping[str, int], width: int, variables: Mapping[str, str]) -> Text:
    """A stacked bar of letters ('RRAAAGG––'), proportional to the counts; `scale` as in counts_text."""
    tone_of = scale_tones(scale)
    total = sum(counts.values())
    text = Text()
    if not total:
        return text
    for code in _codes_shown(scale, counts):
        n = counts.get(code, 0)
        if n:
            cells = max(1, round(width * n / total))
            text.append((NOT_RATED_MARK if code == UNRATED_CODE else code if code in scale else OFF_SCALE_MARK) * cells,
                        style=f"reverse {style(code, variables, tone_of=tone_of)}")
    return text
