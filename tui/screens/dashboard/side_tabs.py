"""The dashboard's Risks, Indicators and Meetings tabs: small tables read straight from the service."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, TabPane

from storage.plan.model import Plan
from storage.service import AS_REGISTERED, IndicatorValue, against_target, direction_words, goals, number
from storage.service.periods import latest_value
from storage.service.service import Service
from tui.widgets.indicator_chart import IndicatorChart


class SideTab(TabPane):
    """A tab holding one table, which it fills when first shown, and again on `refresh_rows`, or
    when shown again after another connection wrote to the store (`refresh_if_written_elsewhere`).

    Not on mount: the dashboard opens on its Actions tab, and reading 1,000 meetings into a
    DataTable took ~0.9 s of the UI thread at each open (benchmark row 9)."""

    NAME = ""
    SIZED = False  # True: `fill` sizes its columns to the terminal's width (filled again when it changes)

    def __init__(self, service: Service, plan: Plan, title: str) -> None:
        super().__init__(title, id=self.NAME)
        self.service, self.plan = service, plan
        self.filled = False
        self.read_at: int | None = None  # the store's version when last filled (Service.store_version)
        self.filled_width = 0  # the terminal's width when last filled

    def compose(self) -> ComposeResult:
        yield DataTable(id=f"{self.NAME}-table", cursor_type="row")

    def on_show(self) -> None:
        if not self.filled:
            self.filled = True
            self.read()
        elif self.resized():
            self.read()
        else:
            self.refresh_if_written_elsewhere()

    def on_resize(self) -> None:
        """The terminal grew or shrank: a sized tab lays its columns out again (at WIDE and wider
        the wider layout: the Indicators tab's Baseline, the Risks tab's I, L and Rating), keeping
        the highlighted row. A hidden tab does so when shown."""
        if self.filled and self.display and self.resized():
            self.read()

    def fill_now(self) -> None:
        """Filled now if it has not been yet (its Show comes later), for a key typed right behind
        the one that chose it: `4 p`, `2 enter`."""
        if not self.filled:
            self.filled = True
            self.read()

    def resized(self) -> bool:
        return self.SIZED and self.filled_width != self.app.size.width

    def read(self) -> None:
        """`fill`, noting the store's version it read at and the width it laid out for; the
        highlighted row stays highlighted (by its place)."""
        self.read_at = self.service.store_version()
        self.filled_width = self.app.size.width
        table = self.table
        row = table.cursor_row if table.row_count else 0
        self.fill()
        if 0 < row < table.row_count:
            table.move_cursor(row=row, animate=False)

    def refresh_rows(self) -> None:
        """Fill the table again, if it has been shown (else it fills when it is)."""
        if self.filled:
            self.read()

    def refresh_if_written_elsewhere(self) -> None:
        """`refresh_rows` when another connection (`steerco indicator`, `rate-risk`, an import) has
        written to the store since this tab was filled: the dashboard's refresh, when it is shown again
        and when the tab is chosen, reads what the command line recorded meanwhile."""
        if self.filled and self.read_at != self.service.store_version():
            self.read()

    @property
    def table(self) -> DataTable[object]:
        return self.query_one(DataTable)

    def fill(self) -> None:
        raise NotImplementedError


class RisksTab(SideTab):
    NAME = "risks"
    SIZED = True

    def fill(self) -> None:
        """Each risk with its owner (`Plan.risk_owner_label`) and current rating; at 80 columns the
        impact and likelihood share the rating's column ('3×4=12')."""
        risks = self.table
        risks.clear(columns=True)
        width = self.app.size.width
        wide = width >= WIDE
        rows = self.service.risks(self.plan.id)
        ids = min(10, max([4, *(len(r.risk.id) for r in rows)]))
        owner, rated = (22, 13) if wide else (12, 10)
        scores = [("I", 1), ("L", 1), ("Rating", 6)] if wide else [("I×L", 6)]
        fixed = ids + owner + sum(size for _, size in scores) + 9 + rated + 2 * (5 + len(scores))
        for label, size in (("Risk", ids), ("Description", max(16, width - fixed - 2)), ("Owner", owner), *scores,
                            ("Band", 9), ("Re-rated", rated)):
            risks.add_column(label, width=size)
        for r in rows:
            when = (r.rated.recorded_at.astimezone().strftime("%Y-%m-%d") if r.rated
                    else AS_REGISTERED)
            score = (r.impact, r.likelihood, r.rating) if wide else (f"{r.impact}×{r.likelihood}={r.rating}",)
            risks.add_row(cut(r.risk.id), cut(r.risk.description), cut(self.plan.risk_owner_label(r.risk)), *score,
                          r.band.name if r.band else "?", cut(when), key=r.risk.id)


class IndicatorsTab(SideTab):
    """Each indicator's latest value against its target for that period, shortened to fit (the
    baseline only at 100 columns and wider); enter opens the whole indicator (IndicatorDetail).
    Under the table, the highlighted indicator's chart with its numbers in words (IndicatorChart)."""

    NAME = "indicators"
    SIZED = True
    values: list[IndicatorValue] = []
    charted = True  # False: no chart (the floor of benchmark row 9c)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield IndicatorChart(id="indicator-chart")

    def on_mount(self) -> None:
        """The table as tall as its rows (up to half the screen), the chart the rest (at least its 11
        rows): at 120x40 it had 11 rows under 20 empty ones. Inline: app.tcss gives tables 1fr."""
        self.table.styles.height = "auto"
        self.table.styles.max_height = "50vh"  # not 50%: with no values the chart is a line, the tab no taller
        self.query_one(IndicatorChart).add_class("-fill")  # than its content, and the table was cut to its header

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.chart(event.row_key.value if event.row_key is not None else None)

    def chart(self, indicator_id: str | None) -> None:
        """Chart the indicator (None: hide the chart), unless it is charted already."""
        chart = self.query_one(IndicatorChart)
        if not self.charted or (indicator_id is not None and chart.shown == indicator_id):
            return
        chart.show(self.service.indicator_series(self.plan.id, indicator_id, self.values) if indicator_id else None)

    def fill(self) -> None:
        indicators = self.table
        indicators.clear(columns=True)
        width = self.app.size.width
        wide = width >= WIDE
        ids = min(10, max([4, *(len(i.id) for i in self.plan.indicators)]))
        rest = [("Baseline", 14)] if wide else []
        rest += [("Latest", 8 if wide else 7), ("Period", 12 if wide else 9), ("Target", 16 if wide else 14),
                 ("Met", 12)]
        fixed = ids + sum(size for _, size in rest) + 2 * (2 + len(rest))
        for label, size in (("ID", ids), ("Title", max(12, width - fixed - 2)), *rest):
            indicators.add_column(label, width=size)
        values = self.values = self.service.indicator_values(self.plan.id)
        variables = self.app.theme_variables
        for ind in self.plan.indicators:
            mine = [v for v in values if v.indicator_id == ind.id]
            latest = latest_value(ind, mine)
            results = {v.period: v.value for v in mine}  # a relative target's base: its period's result
            target, verdict = against_target(ind, latest.period if latest else None, latest.value if latest else None,
                                             results)
            goal = next((g for g in goals(ind, results) if g.shown == target), None)
            baseline = [cut(ind.baseline.as_written if ind.baseline else "—")] if wide else []
            indicators.add_row(cut(ind.id), cut(ind.title), *baseline, number(latest.value) if latest else "—",
                               cut(latest.period if latest else "—"), cut(direction_words(goal) if goal else target),
                               verdict_cell(verdict, variables), key=ind.id)
        table = self.table
        self.query_one(IndicatorChart).shown = None  # the values may have changed: draw again
        self.chart(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value) if table.row_count
                   else None)  # in the same frame as the rows, before the table's highlight arrives


WIDE = 100  # from this many columns the side tabs show their wider layout (the dashboard's 120)


def cut(text: str) -> Text:
    """A cell that ends in … where its column cuts it."""
    return Text(text, no_wrap=True, overflow="ellipsis")


def verdict_cell(verdict: str, variables: dict[str, str]) -> Text:
    """The verdict's words before its arithmetic ('✓ met', '✗ not met', 'no value yet'), coloured
    as well as marked: the whole verdict is in the indicator's detail."""
    short = verdict.split(":", 1)[0]
    colour = variables.get("success" if short.startswith("✓") else "error" if short.startswith("✗") else "", "")
    return Text(short, style=colour, no_wrap=True, overflow="ellipsis")


class MeetingsTab(SideTab):
    NAME = "meetings"

    def fill(self) -> None:
        meetings = self.table
        meetings.clear(columns=True)
        meetings.add_columns("Held on", "Chair", "Agenda", "Items", "State")
        for m in self.service.meetings(self.plan.id):
            state = "closed" if m.closed else "open — m resumes"
            meetings.add_row(m.held_on.isoformat(), self.plan.owner_name(m.chair), m.agenda_mode, len(m.agenda), state,
                             key=str(m.id))

    @property
    def meeting_id(self) -> int | None:
        """The highlighted meeting's id (the newest when the tab opens), if there is one. Read
        first if the tab has not been shown yet: `4 p` typed together reach `p` before the tab's
        Show, and `p` then found no row."""
        self.fill_now()
        table = self.table
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
