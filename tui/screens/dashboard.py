"""Plan dashboard: every action with its status and trend; risks, indicators and meetings."""

from __future__ import annotations

import asyncio

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent, TabPane

from storage.service.service import ActionRow, Service
from storage.plan.status import UNRATED_CODE
from tui import rag
from tui.screens import dashboard_tabs
from tui.screens.action import ActionScreen
from tui.screens.modals import Choice

RAG_CYCLE = (None, "R", "A", "G", "B", UNRATED_CODE)


class DashboardScreen(Screen[None]):
    AUTO_FOCUS = "#actions-table"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the plans", id="dashboard-back"),
        Binding("m", "meeting", "Meeting", tooltip="Start a meeting, or resume the open one",
                id="dashboard-meeting"),
        Binding("slash", "search", "Search", tooltip="Search action ids, titles, owners", id="dashboard-search"),
        Binding("f", "filter_rag", "RAG filter", tooltip="Cycle the status filter", id="dashboard-filter-rag"),
        Binding("o", "filter_owner", "Owner", tooltip="Show one owner's actions", id="dashboard-filter-owner"),
        Binding("t", "filter_theme", "Theme", tooltip="Show one theme's actions", id="dashboard-filter-theme"),
        Binding("c", "clear_filters", "Clear", tooltip="Clear search and filters", id="dashboard-clear"),
        Binding("1", "tab('actions')", "Actions", show=False, id="dashboard-tab-actions"),
        Binding("2", "tab('risks')", "Risks", show=False, id="dashboard-tab-risks"),
        Binding("3", "tab('indicators')", "Indicators", show=False, id="dashboard-tab-indicators"),
        Binding("4", "tab('meetings')", "Meetings", show=False, id="dashboard-tab-meetings"),
        Binding("p", "minutes", "Minutes", tooltip="Preview the highlighted meeting's minutes",
                id="dashboard-minutes"),
        Binding("w", "walkthrough", "Walk-through", tooltip="Open the highlighted meeting (read-only if closed)",
                id="dashboard-walkthrough"),
    ]

    class MeetingRequested(Message):
        def __init__(self, plan_id: str) -> None:
            super().__init__()
            self.plan_id = plan_id

    class WalkthroughRequested(Message):
        def __init__(self, meeting_id: int) -> None:
            super().__init__()
            self.meeting_id = meeting_id

    class Loaded(Message):
        def __init__(self, rows: list[ActionRow]) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, service: Service, plan_id: str) -> None:
        super().__init__(id="dashboard")
        self.service = service
        self.plan_id = plan_id
        self.plan = service.plan(plan_id)
        self.rows: dict[str, ActionRow] = {}
        self.changed: set[str | None] = set()
        self.rag_filter: str | None = None
        self.owner_filter: str | None = None
        self.theme_filter: str | None = None
        self.search = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.plan.title, id="dashboard-title", classes="screen-title")
        yield Input(placeholder="Search: id, title or owner — enter to apply, esc to leave", id="search")
        with TabbedContent(id="tabs"):
            with TabPane("Actions 1", id="actions"):
                yield DataTable(id="actions-table", cursor_type="row")
            with TabPane("Risks 2", id="risks"):
                yield DataTable(id="risks-table", cursor_type="row")
            with TabPane("Indicators 3", id="indicators"):
                yield DataTable(id="indicators-table", cursor_type="row")
            with TabPane("Meetings 4", id="meetings"):
                yield DataTable(id="meetings-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.plan.id} v{self.plan.version}"
        self.query_one("#search").display = False
        table = self.query_one("#actions-table", DataTable)
        wide = self.app.size.width >= 100
        owner, updated = (22, 11) if wide else (12, 7)
        title = max(16, self.app.size.width - (4 + owner + 10 + 3 + 6 + updated) - 14 - 3)
        for label, key, width in (("ID", "id", 4), ("Title", "title", title), ("Owner", "owner", owner),
                                  ("Due", "due", 10), ("RAG", "rag", 3), ("Trend", "trend", 6),
                                  ("Updated", "updated", updated)):
            table.add_column(label, key=key, width=width)
        table.loading = True
        self.app.theme_changed_signal.subscribe(self, lambda _: self._fill())
        self._load()
        dashboard_tabs.fill_side_tables(self)

    @work(exclusive=True, group="dashboard-load")
    async def _load(self) -> None:
        """Two store queries (statuses, trends) after the loading indicator has painted.

        Not a thread: the store's connection belongs to this thread, and a second
        connection opened in this process would drop its file locks.
        """
        await asyncio.sleep(0)
        self.post_message(self.Loaded(self.service.dashboard(self.plan_id)))

    def on_dashboard_screen_loaded(self, message: Loaded) -> None:
        self.rows = {row.action.id: row for row in message.rows}
        self._fill()
        self.query_one("#actions-table", DataTable).loading = False

    # -- the actions table ------------------------------------------------------------

    def _wanted(self, row: ActionRow) -> bool:
        if self.rag_filter is not None and row.rag != self.rag_filter:
            return False
        if self.owner_filter is not None and (row.action.owner or "-") != self.owner_filter:
            return False
        if self.theme_filter is not None and row.theme_id != self.theme_filter:
            return False
        if self.search:
            hay = f"{row.action.id} {row.action.display_title} {row.owner}".lower()
            return self.search.lower() in hay
        return True

    def _cells(self, row: ActionRow) -> list[object]:
        return dashboard_tabs.action_cells(self, row)

    def _fill(self) -> None:
        table = self.query_one("#actions-table", DataTable)
        table.clear()
        theme = None
        shown = 0
        for row in self.rows.values():
            if not self._wanted(row):
                continue
            if row.theme_id != theme:
                theme = row.theme_id
                table.add_row("", dashboard_tabs.theme_heading(row), "", "", "", "", "", key=f"theme:{theme}")
            table.add_row(*self._cells(row), key=row.action.id)
            shown += 1
        if table.row_count > 1:
            table.move_cursor(row=1)  # the first action, not its theme's heading
        self._show_filters(shown)

    def _show_filters(self, shown: int) -> None:
        parts = [self.plan.title]
        if self.rag_filter:
            parts.append(f"status {rag.label(self.plan, self.rag_filter)}")
        if self.owner_filter:
            parts.append(f"owner {self.plan.owner_name(self.owner_filter)}")
        if self.theme_filter:
            parts.append(f"theme {self.theme_filter}")
        if self.search:
            parts.append(f"search “{self.search}”")
        filtered = len(parts) > 1
        parts.append(f"{shown} of {len(self.rows)} actions" + (" · c clears" if filtered else ""))
        title = self.query_one("#dashboard-title", Static)
        title.update(" · ".join(parts))
        title.set_class(filtered, "-filtered")

    def mark_changed(self, action_id: str | None) -> None:
        """An action changed elsewhere (None: a meeting changed); refreshed when shown again."""
        self.changed.add(action_id)

    def on_screen_resume(self) -> None:
        if not self.changed:
            return
        table = self.query_one("#actions-table", DataTable)
        for action_id in self.changed - {None}:
            row = self.rows[action_id] = self.service.action_row(self.plan_id, action_id)
            if action_id in table.rows:
                for key, value in zip([c.value for c in table.columns], self._cells(row)):
                    table.update_cell(action_id, key, value)
        self.changed.clear()
        dashboard_tabs.fill_side_tables(self)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        if event.data_table.id == "actions-table" and key in self.rows:
            self.app.push_screen(ActionScreen(self.service, self.plan_id, key))
        elif event.data_table.id == "meetings-table":
            self.action_walkthrough()

    # -- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.query_one(TabbedContent).active
        if action in ("filter_rag", "filter_owner", "filter_theme", "search", "clear_filters"):
            return tab == "actions"
        if action in ("minutes", "walkthrough"):
            return tab == "meetings" and self._meeting_id() is not None
        return True

    def on_tabbed_content_tab_activated(self) -> None:
        self.refresh_bindings()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#{tab}-table", DataTable).focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.query_one("#actions-table").focus()
            return
        self.app.pop_screen()

    def action_meeting(self) -> None:
        self.post_message(self.MeetingRequested(self.plan_id))

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.search
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.search = event.value.strip()
        event.input.display = False
        self._fill()
        self.query_one("#actions-table").focus()

    def action_filter_rag(self) -> None:
        self.rag_filter = RAG_CYCLE[(RAG_CYCLE.index(self.rag_filter) + 1) % len(RAG_CYCLE)]
        self._fill()

    def action_filter_owner(self) -> None:
        owners = sorted({(r.action.owner or "-", r.owner) for r in self.rows.values()}, key=lambda o: o[1])

        def chosen(owner: str | None) -> None:
            if owner is not None:
                self.owner_filter = owner
                self._fill()

        self.app.push_screen(Choice("Show the actions of", owners), chosen)

    def action_filter_theme(self) -> None:
        themes = [(t.id, f"{t.id} {t.title}") for t in self.plan.themes]

        def chosen(theme: str | None) -> None:
            if theme is not None:
                self.theme_filter = theme
                self._fill()

        self.app.push_screen(Choice("Show the actions of theme", themes), chosen)

    def action_clear_filters(self) -> None:
        self.rag_filter = self.owner_filter = self.theme_filter = None
        self.search = ""
        self._fill()

    def _meeting_id(self) -> int | None:
        table = self.query_one("#meetings-table", DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_walkthrough(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is not None:
            self.post_message(self.WalkthroughRequested(meeting_id))

    def action_minutes(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is not None:
            from storage.store.store import StoreError
            from tui.screens.minutes import MinutesScreen

            try:
                text = self.service.minutes(meeting_id)
            except StoreError as exc:
                self.notify(str(exc), title="minutes: Preview", severity="error")
                return
            self.app.push_screen(MinutesScreen(self.service, meeting_id, text))
