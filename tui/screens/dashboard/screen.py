"""Plan dashboard: every action with its status and trend; risks, indicators and meetings."""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent

from storage.service import UNRATED_CODE
from storage.service.service import Service
from tui.screens.action import ActionScreen
from tui.screens.dashboard.actions_tab import NO_OWNER, OFF_SCALE_FILTER, ActionsTab, scale_key, status_words
from tui.screens.dashboard.details import Detail, indicator_markup, risk_markup
from tui.screens.dashboard.side_tabs import IndicatorsTab, MeetingsTab, RisksTab, SideTab
from tui.screens.help import QUIT_UNSHOWN
from tui.screens.modals import Choice
from tui.typed_ahead import open_dialog, settled
from tui.widgets.action_table import ActionTable


class DashboardScreen(Screen[None]):
    AUTO_FOCUS = "#actions-table"
    # The title's lines (the filters, the scale's key on one or two) each end in … where the screen cuts them.
    DEFAULT_CSS = "#dashboard-title { text-wrap: nowrap; text-overflow: ellipsis; }"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the plans", id="dashboard-back"),
        Binding("m", "meeting", "Meeting", tooltip="Start a meeting, or resume the open one",
                id="dashboard-meeting"),
        Binding("slash", "search", "Search", tooltip="Search action ids, titles, owners", id="dashboard-search"),
        Binding("f", "filter_rag", "Status", tooltip="Cycle the status filter", id="dashboard-filter-rag"),
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
        Binding("enter", "search_apply", "Apply the search", show=False, priority=True),
        QUIT_UNSHOWN,
    ]
    # These keys run as they reach the app (priority), in the order typed, as the walk-through's do: the
    # keys typed right behind o, t or / land in the list's filter or the search box (not on the table,
    # where '3' chose the Indicators tab), and a key typed before one of them takes effect first. While
    # the search box has focus, it takes the printable ones. p, w and m stay as they were: p and w read
    # the table's highlighted row, which ↑ ↓ (the table's own keys, run as they come back up to the app)
    # move, so they keep in line with those.
    BINDINGS = [replace(b, priority=True) if isinstance(b, Binding) and b.id in (
        "dashboard-back", "dashboard-search", "dashboard-filter-rag", "dashboard-filter-owner",
        "dashboard-filter-theme", "dashboard-clear", "dashboard-tab-actions", "dashboard-tab-risks",
        "dashboard-tab-indicators", "dashboard-tab-meetings") else b for b in BINDINGS]

    class MeetingRequested(Message):
        def __init__(self, plan_id: str) -> None:
            super().__init__()
            self.plan_id = plan_id

    class WalkthroughRequested(Message):
        def __init__(self, meeting_id: int) -> None:
            super().__init__()
            self.meeting_id = meeting_id

    def __init__(self, service: Service, plan_id: str) -> None:
        super().__init__(id="dashboard")
        self.service = service
        self.plan_id = plan_id
        self.plan = service.plan(plan_id)
        self.changed: set[str | None] = set()
        self._shown: int | None = None  # how many actions the table shows (None: not filled yet)
        # The status filter cycles through all, each code of the plan's scale worst first, not rated
        # (then, when an action has one, codes not on the scale: action_filter_rag).
        self.status_cycle: tuple[str | None, ...] = (
            None, *[s.code for s in sorted(self.plan.rag_scale, key=lambda s: s.rank)], UNRATED_CODE)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._title(self.plan.title, off_scale=False), id="dashboard-title", classes="screen-title")
        yield Input(placeholder="Search: id, title or owner — enter to apply, esc to leave", id="search")
        with TabbedContent(id="tabs"):
            yield ActionsTab(self.service, self.plan)
            yield RisksTab(self.service, self.plan, "Risks 2")
            yield IndicatorsTab(self.service, self.plan, "Indicators 3")
            yield MeetingsTab(self.service, self.plan, "Meetings 4")
        yield Footer(compact=True)  # with ctrl+q out of it, fits 80 columns on every tab

    def on_mount(self) -> None:
        self.sub_title = f"{self.plan.id} v{self.plan.version}" if self.plan.version else self.plan.id
        self.query_one("#search").display = False

    @property
    def actions(self) -> ActionsTab:
        return self.query_one(ActionsTab)

    def on_actions_tab_filled(self, message: ActionsTab.Filled) -> None:
        self._shown = message.shown
        self._show_title()

    def on_resize(self) -> None:
        if self._shown is not None:
            self._show_title()  # cut and wrapped for the new width

    def _show_title(self) -> None:
        """The title names the filters in force and how many actions they leave."""
        actions = self.actions
        filters: list[tuple[str, str]] = []
        if actions.status:
            filters.append(("status", status_words(self.plan, actions.status)))
        if actions.owner:
            filters.append(("owner", NO_OWNER if actions.owner == "-" else self.plan.owner_name(actions.owner)))
        if actions.theme:
            filters.append(("theme", actions.theme))
        if actions.search:
            filters.append(("search", f"“{actions.search}”"))
        count = f"{self._shown} of {len(actions.codes)} actions" + (" · c clears" if actions.filtered else "")
        line = title_line(self.plan.title, filters, count, self.app.size.width - 2)  # less the padding
        title = self.query_one("#dashboard-title", Static)
        title.update(self._title(line, off_scale=actions.off_scale))
        title.set_class(actions.filtered, "-filtered")

    def _title(self, line: str, *, off_scale: bool) -> Text:
        """The title line, and under it what each status reads on the plan's scale (as plain text),
        on two lines where one does not hold it."""
        key = scale_key(self.plan, off_scale=off_scale, width=self.app.size.width - 2)  # less the padding
        return Text(line).append("\n").append(key, style="not bold dim")

    def mark_changed(self, action_id: str | None) -> None:
        """An action changed elsewhere (None: a meeting changed); refreshed when shown again."""
        self.changed.add(action_id)

    def on_screen_resume(self) -> None:
        if self.changed:
            self.actions.refresh_rows({a for a in self.changed if a is not None})
            self.changed.clear()
            for tab in (RisksTab, IndicatorsTab, MeetingsTab):
                self.query_one(tab).refresh_rows()
        self.actions.refresh_if_written_elsewhere()  # what the command line wrote meanwhile
        for tab in (RisksTab, IndicatorsTab, MeetingsTab):
            self.query_one(tab).refresh_if_written_elsewhere()

    def on_action_table_row_selected(self, event: ActionTable.RowSelected) -> None:
        self.app.push_screen(ActionScreen(self.service, self.plan_id, event.action_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "meetings-table":
            self.action_walkthrough()
        elif event.data_table.id == "indicators-table":
            indicator = self.plan.indicator(str(event.row_key.value))
            if indicator is not None:
                values = self.service.indicator_values(self.plan_id, indicator.id)
                self.app.push_screen(Detail(indicator_markup(self.plan, indicator, values), id="indicator-detail"))
        elif event.data_table.id == "risks-table":
            row = next((r for r in self.service.risks(self.plan_id) if r.risk.id == event.row_key.value), None)
            if row is not None:
                self.app.push_screen(Detail(risk_markup(self.plan, row), id="risk-detail"))

    # -- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.query_one(TabbedContent).active
        if action in ("filter_rag", "filter_owner", "filter_theme", "search", "clear_filters"):
            return tab == "actions"
        if action in ("minutes", "walkthrough"):
            return tab == "meetings"
        return True

    def on_tabbed_content_tab_activated(self) -> None:
        self.refresh_bindings()

    def action_tab(self, tab: str) -> None:
        """The tab shown, filled and its table focused at once, not after the keys typed behind the
        tab key: a key's binding is looked up on what has focus when the key has come up to the app,
        so `2 enter` typed together opened action 7.1 under the Risks tab (focus() waits its turn)."""
        self.query_one(TabbedContent).active = tab
        if tab != "actions":
            self.query_one(f"#{tab}", SideTab).fill_now()  # its Show comes after the keys typed behind
        self.set_focus(self.query_one(f"#{tab}-table"))

    async def action_back(self) -> None:
        """esc: leaves the search box (what it holds not applied), else goes back to the plans."""
        await settled(self.app)
        search = self.query_one("#search", Input)
        if search.display:
            self._leave_search()
            return
        self.app.pop_screen()

    def action_meeting(self) -> None:
        self.post_message(self.MeetingRequested(self.plan_id))

    async def action_search(self) -> None:
        """The search box shown and focused before the next key is read: the keys typed behind / go into it."""
        await settled(self.app)
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.actions.search
        search.cursor_position = len(search.value)
        self.set_focus(search)

    async def action_search_apply(self) -> None:
        """enter in the search box, once the keys typed before it are in: the search applied and the table
        focused before the next key is read (elsewhere enter is the table's: it opens the highlighted row)."""
        search = self.query_one("#search", Input)
        if self.focused is not search:
            raise SkipAction()
        await settled(self.app)
        self.actions.search = search.value.strip()
        self._leave_search()

    def _leave_search(self) -> None:
        self.query_one("#search", Input).display = False
        self.set_focus(self.query_one("#actions-table"))

    def action_filter_rag(self) -> None:
        """The next status of the cycle; after 'not rated', codes not on the scale, when some action has one."""
        actions = self.actions
        cycle = self.status_cycle
        if actions.status == cycle[-1] and actions.off_scale:
            actions.status = OFF_SCALE_FILTER
        else:
            actions.status = cycle[(cycle.index(actions.status) + 1) % len(cycle)] if actions.status in cycle else None

    async def action_filter_owner(self) -> None:
        """The owner list open, its filter focused, before the next key is read (tui/typed_ahead.open_dialog):
        'o adrian enter' typed in one burst shows Adrian's actions, as typed slowly."""
        owners = self.actions.owners

        def chosen(owner: str | None) -> None:
            if owner is not None:
                self.actions.owner = owner

        await open_dialog(self.app, Choice("Show the actions of", owners), chosen)

    async def action_filter_theme(self) -> None:
        themes = [(t.id, f"{t.id} {t.title}") for t in self.plan.themes]

        def chosen(theme: str | None) -> None:
            if theme is not None:
                self.actions.theme = theme

        await open_dialog(self.app, Choice("Show the actions of theme", themes), chosen)

    def action_clear_filters(self) -> None:
        self.actions.clear_filters()

    def _no_meeting(self, key: str) -> None:
        self.notify(f"No meeting of {self.plan_id} yet: m sets one up.", title=f"meetings: {key}",
                    severity="warning", markup=False)

    def action_walkthrough(self) -> None:
        meeting_id = self.query_one(MeetingsTab).meeting_id
        if meeting_id is None:
            self._no_meeting("Walk-through")
        else:
            self.post_message(self.WalkthroughRequested(meeting_id))

    def action_minutes(self) -> None:
        meeting_id = self.query_one(MeetingsTab).meeting_id
        if meeting_id is None:
            self._no_meeting("Minutes")
        else:
            from storage.service import StoreError
            from tui.screens.minutes import MinutesScreen

            try:
                text = self.service.minutes(meeting_id)
            except StoreError as exc:
                self.notify(str(exc), title="minutes: Preview", severity="error")
                return
            self.app.push_screen(MinutesScreen(self.service, meeting_id, text))


#: The fewest cells a cut plan title and owner's name keep (with their …) before the next is cut.
TITLE_KEEPS, OWNER_KEEPS = 12, 6


def title_line(title: str, filters: list[tuple[str, str]], count: str, width: int) -> str:
    """'NI 15 Serious Violent Crime · status ● D Delayed · owner Ch. Insp Adrian Roberts · 0 of 9
    actions · c clears' in `width` cells, where it can be: the count and 'c clears' always show.
    Where the line is too long, the plan's title is cut first (…, to TITLE_KEEPS), then the owner's
    name (to OWNER_KEEPS), then the other filters' words, and last the plan's title goes (the
    header names the plan); only then is the line cut at the screen's edge."""
    values = [value for _, value in filters]

    def line() -> str:
        return " · ".join([*([title] if title else []), *(f"{name} {value}" for (name, _), value in
                                                         zip(filters, values, strict=True)), count])

    def over() -> int:
        return cell_len(line()) - width

    if over() > 0:
        title = cut(title, max(TITLE_KEEPS, cell_len(title) - over()))
    owner_first = sorted(range(len(filters)), key=lambda n: filters[n][0] != "owner")
    for n in owner_first:
        if over() > 0:
            values[n] = cut(values[n], max(OWNER_KEEPS, cell_len(values[n]) - over()))
    if over() > 0:
        title = ""
    return line()


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in … when cut."""
    return text if cell_len(text) <= width else text[:max(width - 1, 0)].rstrip() + "…"
