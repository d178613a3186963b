"""The dashboard's Risks, Indicators and Meetings tabs: small tables read straight from the service."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, TabPane

from storage.plan.model import Plan
from storage.service import against_target, number
from storage.service.service import Service


class SideTab(TabPane):
    """A tab holding one table, which it fills when first shown, and again on `refresh_rows`.

    Not on mount: the dashboard opens on its Actions tab, and reading 1,000 meetings into a
    DataTable took ~0.9 s of the UI thread at each open (benchmark row 9)."""

    NAME = ""

    def __init__(self, service: Service, plan: Plan, title: str) -> None:
        super().__init__(title, id=self.NAME)
        self.service, self.plan = service, plan
        self.filled = False

    def compose(self) -> ComposeResult:
        yield DataTable(id=f"{self.NAME}-table", cursor_type="row")

    def on_show(self) -> None:
        if not self.filled:
            self.filled = True
            self.fill()

    def refresh_rows(self) -> None:
        """Fill the table again, if it has been shown (else it fills when it is)."""
        if self.filled:
            self.fill()

    @property
    def table(self) -> DataTable[object]:
        return self.query_one(DataTable)

    def fill(self) -> None:
        raise NotImplementedError


class RisksTab(SideTab):
    NAME = "risks"

    def fill(self) -> None:
        risks = self.table
        risks.clear(columns=True)
        for label, size in (("Risk", 8), ("Description", max(20, self.app.size.width - 60)), ("I", 1), ("L", 1),
                            ("Rating", 6), ("Band", 9), ("Re-rated", 13)):
            risks.add_column(label, width=size)
        for r in self.service.risks(self.plan.id):
            when = r.rated.recorded_at.astimezone().strftime("%Y-%m-%d") if r.rated else "as registered"
            risks.add_row(r.risk.id, Text(r.risk.description, no_wrap=True, overflow="ellipsis"), r.impact,
                          r.likelihood, r.rating, r.band.name if r.band else "?", when, key=r.risk.id)


class IndicatorsTab(SideTab):
    NAME = "indicators"

    def fill(self) -> None:
        indicators = self.table
        indicators.clear(columns=True)
        for label, size in (("Indicator", 10), ("Title", max(14, self.app.size.width - 80)), ("Baseline", 8),
                            ("Latest", 12), ("Target", 10), ("Against target", 16)):
            indicators.add_column(label, width=size)
        values = self.service.indicator_values(self.plan.id)
        for ind in self.plan.indicators:
            mine = [v for v in values if v.indicator_id == ind.id]
            latest = mine[-1] if mine else None
            target, verdict = against_target(ind, latest.period if latest else None, latest.value if latest else None)
            indicators.add_row(ind.id, Text(ind.title, no_wrap=True, overflow="ellipsis"),
                               ind.baseline.as_written if ind.baseline else "—",
                               f"{number(latest.value)} ({latest.period})" if latest else "—",
                               Text(target, no_wrap=True, overflow="ellipsis"), verdict, key=ind.id)


class MeetingsTab(SideTab):
    NAME = "meetings"

    def fill(self) -> None:
        meetings = self.table
        meetings.clear(columns=True)
        meetings.add_columns("Held on", "Chair", "Agenda", "Items", "State")
        for m in self.service.meetings(self.plan.id):
            state = "closed" if m.closed else "open — m resumes"
            meetings.add_row(m.held_on.isoformat(), m.chair, m.agenda_mode, len(m.agenda), state, key=str(m.id))

    @property
    def meeting_id(self) -> int | None:
        """The highlighted meeting's id, if there is one."""
        table = self.table
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
