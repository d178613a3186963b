"""Charts for the documents (html, pdf, docx): an indicator against its baseline and targets, the
actions' status over the last meetings, and the RAG mix of the plan over time.

The records here are plain data (Service's `indicator_series`, `status_series` and `rag_mix`,
storage/service/charts.py, fill them); `indicator_chart`, `status_chart` and `rag_mix_chart`
make a document's `Chart` block from one: its text alternative (the numbers as a table) and the
record as its `plot`, not yet drawn. `drawn(document)` draws every such chart (the html, pdf and
docx writers call it; Markdown never does, so it never imports matplotlib).

Drawn with matplotlib (the Agg and SVG backends, imported only in `_draw`): the same data gives
the same bytes (`svg.hashsalt` fixed, no date in the metadata, one font: DejaVu Sans, shipped
with matplotlib). Colour is never alone: statuses carry the scale's code in each cell or bar,
lines have their own markers and dash, and baseline and targets are labelled in words. User text
(periods, action ids) is cleaned and drawn as plain text (no mathtext), and matplotlib escapes it
for SVG. Without matplotlib (the `charts` extra) a chart keeps its table, after a line saying how to
install it (`missing()`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from storage.minutes.document import Block, Chart, Document, Fixed, Para, Spans, Status, Table, Text, spans
from storage.minutes.markdown import plain_inline
from storage.plan.status import NOT_RATED, NOT_RATED_MARK, UNRATED_CODE, off_scale_words
from storage.plan.targets import NO_TARGET, Goal, direction_words, number, verdict

if TYPE_CHECKING:
    from storage.plan.model import Baseline

INSTALL = "pip install 'steerco[charts]'"
#: What an indicator with no value recorded shows instead of an empty chart (documents and the app).
NO_VALUES = "No values recorded yet"

# -- the data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodValue:
    """One period of an indicator: its latest value recorded (None: none yet) and its target."""

    period: str
    value: float | None
    goal: Goal | None  # the period's target (storage.plan.targets.find_target, goal_of); None: no target

    @property
    def verdict(self) -> str:
        """'✓ met: 0.7 ≤ 0.72', '✗ not met: …', 'no value yet' (storage.plan.targets.verdict)."""
        if self.goal is None:
            return "no value yet" if self.value is None else NO_TARGET
        return verdict(self.goal, self.value)


@dataclass(frozen=True)
class IndicatorSeries:
    indicator_id: str
    title: str
    unit: str | None
    lower_is_better: bool
    baseline: Baseline | None
    periods: tuple[PeriodValue, ...]  # values' periods as first recorded, then target periods with no value

    @property
    def has_values(self) -> bool:
        """Whether any value is recorded: with none the chart is not drawn (NO_VALUES says so, the
        table of baseline and targets stays)."""
        return any(p.value is not None for p in self.periods)

    @property
    def summary(self) -> str:
        """`numbers`, led by NO_VALUES when none is recorded ('No values recorded yet · Baseline 0.75 · …'),
        the whole of it when the plan gives no baseline or targets either: the app's line."""
        if self.has_values:
            return self.numbers
        return f"{NO_VALUES} · {self.numbers}" if self.baseline is not None or self.periods else f"{NO_VALUES}."

    @property
    def numbers(self) -> str:
        """The chart in one line of text: 'Baseline 1,234 (2009/10) · 2010/11 1,150 (target at most
        1,197: ✓ met) · 2011/12 — (target at most 1,161)'."""
        parts = []
        if self.baseline is not None:
            period, written = _one(self.baseline.period), _one(self.baseline.as_written)
            at = f" ({period})" if self.baseline.period and period not in written else ""
            parts.append(f"Baseline {written}{at}")
        for p in self.periods:
            shown = number(p.value) if p.value is not None else "—"
            target = f"target {direction_words(p.goal)}" if p.goal else NO_TARGET
            met = f": {p.verdict.split(':', 1)[0]}" if p.value is not None and p.goal else ""
            parts.append(f"{_one(p.period)} {shown} ({target}{met})")
        return " · ".join(parts) or "No values and no targets."


@dataclass(frozen=True)
class ScaleStatus:
    """A status of the plan's scale (or not yet rated: code '-') as charts name it."""

    code: str
    name: str
    symbol: str


def unrated() -> ScaleStatus:
    return ScaleStatus(UNRATED_CODE, NOT_RATED, NOT_RATED_MARK)


@dataclass(frozen=True)
class MeetingRef:
    meeting_id: int
    held_on: date

    @property
    def label(self) -> str:
        return f"{self.held_on.day} {self.held_on:%b %Y}"


@dataclass(frozen=True)
class StatusSeries:
    """An action's status at the end of each of the plan's last meetings (oldest first)."""

    action_id: str
    title: str
    meetings: tuple[MeetingRef, ...]
    codes: tuple[str, ...]  # one per meeting; UNRATED_CODE before its first status
    scale: tuple[ScaleStatus, ...]  # the plan's scale in order, then not yet rated


@dataclass(frozen=True)
class RagMix:
    """How many of the plan's actions stood at each status at the end of each meeting (oldest first)."""

    plan_title: str
    meetings: tuple[MeetingRef, ...]
    scale: tuple[ScaleStatus, ...]  # the plan's scale in order, then not yet rated
    counts: tuple[tuple[int, ...], ...]  # per meeting, one count per `scale` entry


Plot = IndicatorSeries | tuple[StatusSeries, ...] | RagMix

# -- chart blocks (no drawing) ----------------------------------------------------------


def _one(text: str | None) -> str:
    return plain_inline(text, "—")


def indicator_chart(series: IndicatorSeries) -> Chart:
    """The indicator's values by period against its baseline and targets, with the numbers as a table;
    with no value recorded, the table only (no plot: nothing to draw but an empty frame)."""
    rows: list[tuple[Spans, ...]] = []
    if series.baseline is not None:
        period = spans("Baseline (", Text(series.baseline.period), ")") if series.baseline.period else \
            spans("Baseline")
        value = number(series.baseline.value) if series.baseline.value is not None else "—"
        rows.append((period, spans(value), spans("—"), spans(Fixed("as written: "), Text(series.baseline.as_written))))
    for p in series.periods:
        value = number(p.value) if p.value is not None else "—"
        target = spans(Text(p.goal.shown), f" ({direction_words(p.goal)})") if p.goal else spans(NO_TARGET)
        rows.append((spans(Text(p.period)), spans(value), target, spans(p.verdict)))
    unit = f" ({_one(series.unit)})" if series.unit else ""
    title = f"Indicator {_one(series.indicator_id)}: {_one(series.title)}"
    alt = Table(f"{title}: values{unit} against the baseline and targets, by period",
                ("Period", "Value", "Target", "Against the target"), tuple(rows))
    return Chart(title, alt, plot=series if series.has_values else None)


def _status_cell(scale: tuple[ScaleStatus, ...], code: str) -> Spans:
    found = next((s for s in scale if s.code == code), None)
    if found is None:
        return spans(off_scale_words(code))
    if found.code == UNRATED_CODE:
        return spans(NOT_RATED)
    return (Status(found.name, found.symbol),)


def status_chart(series: tuple[StatusSeries, ...], title: str = "Status at the end of each meeting") -> Chart:
    """The actions' status at the end of each of the last meetings: one row an action, one column a meeting."""
    meetings = series[0].meetings if series else ()
    rows = tuple((spans(Text(s.action_id)), *(_status_cell(s.scale, c) for c in s.codes)) for s in series)
    alt = Table(f"{title}, oldest meeting first", ("Action", *(m.label for m in meetings)), rows)
    return Chart(title, alt, plot=tuple(series))


def rag_mix_chart(mix: RagMix) -> Chart:
    """How many actions stood at each status at the end of each meeting."""
    header = ("Meeting", *(f"{_one(s.name)} ({_one(s.symbol)})" if s.code != UNRATED_CODE else s.name
                           for s in mix.scale), "Actions")
    rows = tuple((spans(m.label), *(spans(str(n)) for n in counts), spans(str(sum(counts))))
                 for m, counts in zip(mix.meetings, mix.counts))
    title = f"{_one(mix.plan_title)}: status of the actions at each meeting"
    return Chart(title, Table(f"{title}, oldest meeting first", header, rows), plot=mix)


# -- drawing ----------------------------------------------------------------------------


def missing() -> str | None:
    """Why charts cannot be drawn here ('charts need matplotlib: pip install ...'), or None."""
    from importlib.util import find_spec

    return None if find_spec("matplotlib") is not None else f"charts need matplotlib: {INSTALL}"


def drawn(document: Document, *, png: bool = False) -> Document:
    """The document with every chart that has a plot drawn as SVG (and PNG with `png`, for Word).
    Without matplotlib each chart keeps its table, after a line saying why it is not drawn."""
    if not any(isinstance(b, Chart) and b.plot is not None and not b.svg for b in document.blocks):
        return document
    blocks: list[Block] = []
    problem = missing()
    if problem is not None:
        for block in document.blocks:
            if isinstance(block, Chart) and block.plot is not None and not block.svg:
                blocks.append(Para(spans(f"Chart not drawn ({problem}); its numbers follow.")))
            blocks.append(block)
        return replace(document, blocks=tuple(blocks))
    for n, block in enumerate(document.blocks):
        if isinstance(block, Chart) and block.plot is not None and not block.svg:
            blocks.append(replace(block, svg=svg(block.plot, block.title, f"chart{n}"),
                                  png=picture(block.plot) if png else block.png, alt=under_picture(block)))
        else:
            blocks.append(block)
    return replace(document, blocks=tuple(blocks))


#: A drawn chart's table caption starts so: the picture above carries the chart's title.
ITS_NUMBERS = "Its numbers"


def under_picture(chart: Chart) -> Table:
    """The chart's table captioned for its place under the picture: the picture's caption is the
    chart's title, so the table's says what it is without repeating it ("Its numbers, oldest meeting
    first"). A table standing alone (no picture drawn) keeps its full caption."""
    caption = chart.alt.caption
    if caption.startswith(chart.title):
        caption = ITS_NUMBERS + caption[len(chart.title):]
    return replace(chart.alt, caption=caption)


_ID = re.compile(r'(\bid="|url\(#|xlink:href="#|href="#)([^")]+)')


def svg(plot: Plot, title: str, prefix: str = "chart") -> str:
    """The chart as inline SVG for HTML: no XML prolog, role="img" with its <title>, every id
    prefixed with `prefix` (several charts on one page), matplotlib's global <style> left out."""
    text = str(_draw(plot, "svg"))
    text = text[text.index("<svg"):]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r"\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", text, flags=re.S)
    text = _ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    label = _xml(title)
    head = text.index(">") + 1
    return (text[:head - 1].rstrip("/") + f' role="img" aria-labelledby="{prefix}-title">'
            + f'\n <title id="{prefix}-title">{label}</title>' + text[head:]).strip() + "\n"


def picture(plot: Plot) -> bytes:
    """The chart as PNG (for Word), the same bytes for the same data."""
    return _draw(plot, "png")  # type: ignore[return-value]


def _xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(_one(text), {'"': "&quot;"})


#: One colour per tone, each with 4.5:1 contrast on white (WCAG 2.1 AA) under white or black text;
#: never alone: each cell or bar also carries its status code.
TONE_COLOURS = {"off track": "#b3261e", "at risk": "#f2b705", "on track": "#2e7d32", "complete": "#1c5fb8"}
UNRATED_COLOUR = "#e0e0e0"
DARK_TEXT = {"#f2b705", UNRATED_COLOUR}


def _draw(plot: Plot, kind: str) -> str | bytes:
    import io

    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    settings: dict[str, Any] = {
        "svg.hashsalt": "steerco", "svg.fonttype": "none", "svg.id": "chart", "font.family": "DejaVu Sans",
        "font.size": 9, "text.parse_math": False, "axes.spines.top": False, "axes.spines.right": False,
        "path.simplify": False}
    with matplotlib.rc_context(settings):  # type: ignore[arg-type]
        figure = Figure(figsize=(7.0, 3.2), dpi=100)
        axes = figure.add_subplot()
        if isinstance(plot, IndicatorSeries):
            _indicator(axes, plot)
        elif isinstance(plot, RagMix):
            _mix(axes, plot)
        else:
            figure.set_size_inches(7.0, max(1.6, 0.9 + 0.32 * len(plot)))
            _grid(axes, plot)
        out = io.BytesIO()
        if kind == "svg":
            figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
            return out.getvalue().decode("utf-8")
        figure.savefig(out, format="png", dpi=150, metadata={"Software": None}, bbox_inches="tight")
        return out.getvalue()


def _indicator(axes: Any, series: IndicatorSeries) -> None:
    periods = [_one(p.period) for p in series.periods]
    axes.set_xticks(range(len(periods)), periods)
    values = [(n, p.value) for n, p in enumerate(series.periods) if p.value is not None]
    if values:
        xs, ys = zip(*values)
        axes.plot(xs, ys, color="#1b1b1b", marker="o", linestyle="-", linewidth=1.6, label="Value")
        for x, y in values:
            axes.annotate(number(y), (x, y), textcoords="offset points", xytext=(7, 0), ha="left", va="center",
                          fontweight="bold")
    targets = [(n, p.goal.value) for n, p in enumerate(series.periods) if p.goal and p.goal.value is not None]
    if targets:
        xs, ys = zip(*targets)
        axes.plot(xs, ys, color="#1c5fb8", marker="D", linestyle="--", linewidth=1.2, label="Target")
        for x, y in targets:
            axes.annotate(f"target {number(y)}", (x, y), textcoords="offset points", xytext=(0, 8), ha="center",
                          va="bottom", color="#1c5fb8")
    base = series.baseline
    if base is not None and base.value is not None:
        axes.axhline(base.value, color="#5f5f5f", linestyle=":", linewidth=1.2, label="Baseline")
        at = f" ({_one(base.period)})" if base.period else ""
        axes.annotate(f"baseline {number(base.value)}{at}", (0, base.value), xycoords=("axes fraction", "data"),
                      textcoords="offset points", xytext=(2, 3), color="#5f5f5f")
    if not periods:
        axes.text(0.5, 0.5, "No values and no targets", ha="center", va="center", transform=axes.transAxes)
        axes.set_yticks([])
    axes.set_ylabel(_one(series.unit) if series.unit else "Value")
    axes.margins(x=0.15, y=0.25)
    better = "lower" if series.lower_is_better else "higher"
    axes.set_title(f"{_one(series.indicator_id)} ({better} is better)", loc="left")
    if values or targets or (base is not None and base.value is not None):
        axes.legend(loc="best", frameon=False)


def _colour(code: str, scale: tuple[ScaleStatus, ...]) -> str:
    from storage.plan.status import tones

    ranked = [(s.code, n) for n, s in enumerate(s for s in scale if s.code != UNRATED_CODE)]
    return TONE_COLOURS.get(tones(ranked).get(code, ""), UNRATED_COLOUR)


def _grid(axes: Any, series: tuple[StatusSeries, ...]) -> None:
    from matplotlib.patches import Rectangle

    meetings = series[0].meetings if series else ()
    for row, s in enumerate(series):
        for col, code in enumerate(s.codes):
            colour = _colour(code, s.scale)
            axes.add_patch(Rectangle((col, row), 0.94, 0.86, facecolor=colour, edgecolor="white"))
            shown = code if code != UNRATED_CODE else NOT_RATED_MARK
            axes.text(col + 0.47, row + 0.43, shown, ha="center", va="center", fontweight="bold",
                      color="#1b1b1b" if colour in DARK_TEXT else "white")
    axes.set_xlim(0, max(len(meetings), 1))
    axes.set_ylim(max(len(series), 1), 0)
    axes.set_xticks([n + 0.47 for n in range(len(meetings))], [m.label for m in meetings])
    axes.set_yticks([n + 0.43 for n in range(len(series))], [_one(s.action_id) for s in series])
    axes.tick_params(length=0)
    for side in ("left", "bottom"):
        axes.spines[side].set_visible(False)
    if series:
        key = "  ".join(f"{s.code if s.code != UNRATED_CODE else NOT_RATED_MARK} {_one(s.name)}"
                        for s in series[0].scale)
        axes.set_title(key, loc="left")


def _mix(axes: Any, mix: RagMix) -> None:
    labels = [m.label for m in mix.meetings]
    axes.set_xticks(range(len(labels)), labels)
    bottoms = [0] * len(labels)
    for n, status in enumerate(mix.scale):
        heights = [counts[n] for counts in mix.counts]
        colour = _colour(status.code, mix.scale) if status.code != UNRATED_CODE else UNRATED_COLOUR
        shown = status.code if status.code != UNRATED_CODE else NOT_RATED_MARK
        bars = axes.bar(range(len(labels)), heights, 0.6, bottom=bottoms, color=colour, edgecolor="white",
                        label=f"{shown} {_one(status.name)}")
        axes.bar_label(bars, labels=[f"{shown} {h}" if h else "" for h in heights], label_type="center",
                       color="#1b1b1b" if colour in DARK_TEXT else "white", fontweight="bold")
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    axes.set_ylabel("Actions")
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    if not labels:
        axes.text(0.5, 0.5, "No meetings yet", ha="center", va="center", transform=axes.transAxes)
