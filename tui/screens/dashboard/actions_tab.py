"""The dashboard's Actions tab: every action under its theme, with status, trend and the filters.

The rows are read on a thread worker (on its own store connection), so the screen paints and
takes keys while a 10,000-action plan loads; the filters are reactive attributes, and the
table is filled again once per change, however many filters one key changed.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.widgets import DataTable, TabPane

from storage.plan.model import Plan
from storage.service.service import ActionRow, Service
from tui import rag


class ActionsTab(TabPane):
    status: var[str | None] = var(None)
    """Show only actions at this status code (UNRATED_CODE: not yet rated)."""
    owner: var[str | None] = var(None)
    """Show only the actions of this owner id ('-': no owner)."""
    theme: var[str | None] = var(None)
    """Show only the actions of this theme id."""
    search: var[str] = var("")
    """Show only actions whose id, title or owner contains this (any case)."""

    class Loaded(Message):
        def __init__(self, rows: list[ActionRow]) -> None:
            super().__init__()
            self.rows = rows

    class LoadFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class Filled(Message):
        """The table shows `shown` of the plan's actions under the current filters."""

        def __init__(self, shown: int) -> None:
            super().__init__()
            self.shown = shown

    def __init__(self, service: Service, plan: Plan) -> None:
        super().__init__("Actions 1", id="actions")
        self.service, self.plan = service, plan
        self.rows: dict[str, ActionRow] = {}
        self._fill_due = False

    def compose(self) -> ComposeResult:
        yield DataTable(id="actions-table", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        wide = self.app.size.width >= 100
        owner, updated = (22, 11) if wide else (12, 7)
        title = max(16, self.app.size.width - (4 + owner + 10 + 3 + 6 + updated) - 14 - 3)
        for label, key, width in (("ID", "id", 4), ("Title", "title", title), ("Owner", "owner", owner),
                                  ("Due", "due", 10), ("RAG", "rag", 3), ("Trend", "trend", 6),
                                  ("Updated", "updated", updated)):
            table.add_column(label, key=key, width=width)
        table.loading = True
        self.app.theme_changed_signal.subscribe(self, lambda _: self.fill())
        self._load(self.plan.id)

    @work(thread=True, exclusive=True, group="dashboard-load")
    def _load(self, plan_id: str) -> None:
        """One query of statuses and trends, on the worker's own connection; failures are reported."""
        try:
            rows = self.service.dashboard_apart(plan_id)
        except Exception as exc:  # whatever the store raises, the app stays open and says so
            self.post_message(self.LoadFailed(str(exc)))
        else:
            self.post_message(self.Loaded(rows))

    def on_actions_tab_loaded(self, message: Loaded) -> None:
        message.stop()
        self.rows = {row.action.id: row for row in message.rows}
        self.fill()
        self._loaded()

    def on_actions_tab_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self._loaded()
        self.notify(f"The actions could not be read: {message.error}", title="plan: Dashboard", severity="error")

    def _loaded(self) -> None:
        """The table takes keys again; focused, if the screen's AUTO_FOCUS passed it over while loading."""
        table = self.query_one(DataTable)
        table.loading = False
        if self.screen.focused is None:
            table.focus()

    # -- filters ----------------------------------------------------------------------

    def watch_status(self) -> None:
        self._fill_soon()

    def watch_owner(self) -> None:
        self._fill_soon()

    def watch_theme(self) -> None:
        self._fill_soon()

    def watch_search(self) -> None:
        self._fill_soon()

    def clear_filters(self) -> None:
        self.status = self.owner = self.theme = None
        self.search = ""

    @property
    def filtered(self) -> bool:
        return any((self.status, self.owner, self.theme, self.search))

    def _fill_soon(self) -> None:
        """Fill once after the handler that changed the filters (clearing four fills once)."""
        if not self._fill_due:
            self._fill_due = True
            self.call_next(self.fill)

    def _wanted(self, row: ActionRow) -> bool:
        if self.status is not None and row.rag != self.status:
            return False
        if self.owner is not None and (row.action.owner or "-") != self.owner:
            return False
        if self.theme is not None and row.theme_id != self.theme:
            return False
        if self.search:
            return self.search.lower() in f"{row.action.id} {row.action.display_title} {row.owner}".lower()
        return True

    # -- the table --------------------------------------------------------------------

    def cells(self, row: ActionRow) -> list[object]:
        variables = self.app.theme_variables
        due = Text(row.action.due.strftime("%b %Y") if row.action.due else "—")
        if row.overdue:
            due.append(" ⚠", style=f"bold {variables.get('error', '')}")
        wide = self.app.size.width >= 100
        updated = "" if row.last_updated is None else row.last_updated.astimezone().strftime(
            "%Y-%m-%d" if wide else "%d %b")
        if row.stale:
            updated += "…"
        return [row.action.id, row.action.display_title, row.owner, due, rag.cell(self.plan, row.rag, variables),
                rag.trend(row.trend, variables, self.plan), updated]

    def fill(self) -> None:
        self._fill_due = False
        table = self.query_one(DataTable)
        table.clear()
        theme = None
        shown = 0
        for row in self.rows.values():
            if not self._wanted(row):
                continue
            if row.theme_id != theme:
                theme = row.theme_id
                table.add_row("", Text(f"{row.theme_id} {row.theme_title}", style="bold underline"),
                              "", "", "", "", "", key=f"theme:{theme}")
            table.add_row(*self.cells(row), key=row.action.id)
            shown += 1
        if table.row_count > 1:
            table.move_cursor(row=1)  # the first action, not its theme's heading
        self.post_message(self.Filled(shown))

    def refresh_rows(self, action_ids: set[str]) -> None:
        """Read these actions' rows again (changed in a meeting) and update their cells in place."""
        table = self.query_one(DataTable)
        for action_id in action_ids:
            row = self.rows[action_id] = self.service.action_row(self.plan.id, action_id)
            if action_id in table.rows:
                for key, value in zip(table.columns, self.cells(row), strict=True):
                    table.update_cell(action_id, key, value)
