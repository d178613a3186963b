"""The dashboard's Actions tab: every action under its theme, with status, trend and the filters.

On opening, a thread worker reads every action's status code (on its own store connection),
which is what the filters need; the table (tui/widgets/action_table.py) draws the lines on
screen only, and a line's whole row (trend, late, stale: `Service.action_rows`) is read when
it is first drawn, a screenful in one query. At 10,000 actions, reading every row at once took
~0.5 s of CPU at each open (benchmark row 9). The filters are reactive attributes (no watcher
at mount: the table is filled once, when the codes arrive), and the table is given a new list
of entries once per change, however many filters one key changed.

When the dashboard is shown again or the tab chosen again, and another connection (`steerco
record`, an import) wrote to the store since the codes were read (`Service.store_version`, one
PRAGMA), the codes are read again on the worker and the rows drawn are read again as they are drawn;
when no one else wrote, nothing is read (benchmark row 9a).
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.widgets import TabPane

from storage.plan.model import Plan
from storage.service import (
    NOT_RATED,
    NOT_RATED_MARK,
    OFF_SCALE,
    OFF_SCALE_MARK,
    STATUS_HEADING,
    StoreError,
    deadline_text,
    is_off_scale,
    short_owners,
)
from storage.service.service import ActionRow, Service
from tui import rag
from tui.store_trouble import said, tell
from tui.widgets.action_table import PADDING, ActionTable, Column, Entry


class ActionsTab(TabPane):
    status: var[str | None] = var(None, init=False)
    """Show only actions at this status code (UNRATED_CODE: not yet rated; OFF_SCALE_FILTER: any code
    not on the plan's scale, `is_off_scale`)."""
    owner: var[str | None] = var(None, init=False)
    """Show only the actions this owner id is one of the owners of ('-': no roster owner)."""
    theme: var[str | None] = var(None, init=False)
    """Show only the actions of this theme id."""
    search: var[str] = var("", init=False)
    """Show only actions whose id, title or owner contains this (any case)."""

    class Loaded(Message):
        def __init__(self, codes: dict[str, str]) -> None:
            super().__init__()
            self.codes = codes

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
        self.codes: dict[str, str] = {}
        """Every action's current status code, by id, in the plan's order (empty until loaded)."""
        self._entries, self._owners = plan_entries(plan)
        self._rows: dict[str, ActionRow] = {}  # the rows read so far (those drawn)
        self._unread: str | None = None  # the store's line when the last read of rows failed
        self._searched: dict[str, str] | None = None  # id, title and owner of each action, lower case
        self._fill_due = False
        self._owner_width = OWNER_WIDTH[1]
        self.read_at: int | None = None  # the store's version when the codes were read (Service.store_version)
        self._reloading = False
        self.off_scale = False
        """Some action's status is not on the plan's scale (`is_off_scale`): the filter and the key say so."""

    def compose(self) -> ComposeResult:
        self.read_at = self.service.store_version()
        self._load(self.plan.id)  # now, not on mount: the codes are often read before the screen's first paint
        longest_id = max((len(entry.action_id) for entry in self._entries), default=0)
        shown = columns(self.app.size.width, longest_id)
        self._owner_width = next(c.width for c in shown if c.key == "owner")
        yield ActionTable(shown, self._cells, self._read_rows, tight=tight(self.app.size.width), id="actions-table")

    @property
    def table(self) -> ActionTable:
        return self.query_one(ActionTable)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _: self.table.redraw())

    @work(thread=True, exclusive=True, group="dashboard-load")
    def _load(self, plan_id: str) -> None:
        """One query of status codes, on the worker's own connection; failures are reported."""
        try:
            codes = self.service.dashboard_codes_apart(plan_id)
        except Exception as exc:  # whatever the store raises, the app stays open and says so
            self.post_message(self.LoadFailed(str(exc)))
        else:
            self.post_message(self.Loaded(codes))

    def on_actions_tab_loaded(self, message: Loaded) -> None:
        message.stop()
        self.codes = message.codes
        self._codes_changed()
        if self._reloading:  # read again: the lines drawn are read again as they are drawn, where they are
            self._reloading = False
            self._rows.clear()
            if self.status is not None:  # the status filter keeps other actions now
                self.fill()
            else:
                self.table.redraw()
            return
        self.fill()
        self._loaded()

    def on_show(self) -> None:
        self.refresh_if_written_elsewhere()

    def refresh_if_written_elsewhere(self) -> None:
        """Read the codes and rows again when another connection has written to the store since they
        were read (the command line's `steerco record`); nothing when no one has, or before the first read."""
        if self.read_at is None or not self.codes or self._reloading:
            return
        version = self.service.store_version()
        if version != self.read_at:
            self.read_at = version
            self._reloading = True
            self._load(self.plan.id)

    def on_actions_tab_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self._reloading = False
        self._loaded()
        self.notify(f"The actions could not be read: {message.error}", title="plan: Dashboard", severity="error")

    def _loaded(self) -> None:
        """The table takes keys again; focused, if the screen's AUTO_FOCUS passed it over while loading."""
        table = self.table
        table.loading = False
        if self.screen.focused is None:
            table.focus()

    # -- rows -------------------------------------------------------------------------

    def row(self, action_id: str) -> ActionRow:
        """The action's whole row (read now if it has not been drawn yet); StoreError if the
        store could not give it."""
        if action_id not in self._rows:
            self._read_rows([action_id])
        if action_id not in self._rows:
            raise StoreError(self._unread or "the store could not be read")
        return self._rows[action_id]

    @property
    def owners(self) -> list[tuple[str, str]]:
        """(owner id or '-', name) of every owner of an action (each of a joint action's), by name."""
        plan, owners = self.plan, self._owners
        found = {(o, NO_OWNER if o == "-" else plan.owner_name(o)) for a in self.codes for o in owners[a]}
        return sorted(found, key=lambda o: o[1])

    def _read_rows(self, action_ids: list[str]) -> None:
        """Read these rows; a store that fails is told once (not once a line) and they stay unread."""
        try:
            rows = self.service.action_rows(self.plan.id, [a for a in action_ids if a not in self._rows])
        except Exception as exc:
            line = said(self.service, exc)
            if line is None:
                raise
            if line != self._unread:
                tell(self, line)
            self._unread = line
            return
        self._unread = None
        self._rows.update(rows)

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

    def _shown(self) -> list[Entry]:
        """The entries the filters keep, in the plan's order."""
        entries = self._entries if self.codes else []
        status, owner, theme, search = self.status, self.owner, self.theme, self.search.lower()
        if status == OFF_SCALE_FILTER:
            codes, scale = self.codes, self.plan.rag_ranks
            entries = [e for e in entries if is_off_scale(codes[e.action_id], scale)]
        elif status is not None:
            codes = self.codes
            entries = [e for e in entries if codes[e.action_id] == status]
        if owner is not None:
            owners = self._owners
            entries = [e for e in entries if owner in owners[e.action_id]]
        if theme is not None:
            entries = [e for e in entries if e.theme_id == theme]
        if search:
            searched = self._search_texts()
            entries = [e for e in entries if search in searched[e.action_id]]
        return entries

    def _search_texts(self) -> Mapping[str, str]:
        if self._searched is None:
            labels = self.service.owner_labels(self.plan.id)
            self._searched = {action.id: f"{action.id} {action.display_title} {labels[action.id]}".lower()
                              for _, action in self.plan.actions()}
        return self._searched

    # -- the table --------------------------------------------------------------------

    def cells(self, row: ActionRow) -> list[str | Text]:
        """The row's cells, as the table draws them."""
        variables = self.app.theme_variables
        due = Text(deadline_text(row.action.deadline, row.action.due, self.service.today()).short)
        if row.overdue:
            due.append(" ⚠", style=f"bold {variables.get('error', '')}")
        wide = self.app.size.width >= 100
        updated = "" if row.last_updated is None else row.last_updated.astimezone().strftime(
            "%Y-%m-%d" if wide else "%d %b")
        if row.stale:
            updated += "…"
        owner, width = row.owner, self._owner_width
        if cell_len(owner) > width and len(row.action.owner_ids) > 1:
            owner = short_owners(owner, [self.plan.owner_name(o) for o in row.action.owner_ids], width)
        return [row.action.id, milestone_count(row) + row.action.display_title, owner, due,
                rag.cell(self.plan, row.rag, variables),
                rag.trend(row.trend, variables, self.plan), updated]

    def _cells(self, action_id: str) -> list[str | Text]:
        if action_id not in self._rows:
            self._read_rows([action_id])
        if action_id not in self._rows:
            return [action_id, Text("(the store could not be read)"), *[""] * (len(self.table.columns) - 2)]
        return self.cells(self._rows[action_id])

    def fill(self) -> None:
        """Show the entries the filters keep (the cursor on the first action)."""
        self._fill_due = False
        self.table.empty = EMPTY if self.filtered else ""
        shown = self.table.show(self._shown())
        self.post_message(self.Filled(shown))

    def refresh_rows(self, action_ids: set[str]) -> None:
        """Read these actions' rows again (changed in a meeting) and redraw them where they are."""
        rows = self.service.action_rows(self.plan.id, action_ids)
        self._rows.update(rows)
        self.codes.update({a: row.rag for a, row in rows.items()})
        self._codes_changed()
        self.table.redraw()

    def _codes_changed(self) -> None:
        """Whether a status is off the scale, asked of the few distinct codes."""
        scale = self.plan.rag_ranks
        self.off_scale = any(is_off_scale(code, scale) for code in set(self.codes.values()))


NO_OWNER = "No roster owner (lead as written)"  # the owner filter's name for '-'
EMPTY = "No actions match these filters (c clears)"  # the table while the filters leave no action
OFF_SCALE_FILTER = "\x00off-scale"  # the status filter of codes not on the scale: never a plan's code


def status_words(plan: Plan, status: str) -> str:
    """How the filter header names a status filter: '● D Delayed', '– Not yet rated', '? not on the scale'."""
    if status == OFF_SCALE_FILTER:
        return f"{OFF_SCALE_MARK} {OFF_SCALE}"
    return f"{rag.label(plan, status)} {rag.name(plan, status)}"


def scale_key(plan: Plan, *, off_scale: bool, width: int | None = None) -> str:
    """What each status reads, the title's second line: 'Status: ● D Delayed · ○ N Not started · … ·
    – not yet rated' (and '· ? not on the scale' when an action's status is). Longer than `width`
    cells, it goes on to a second line between two statuses (indented under the first status), so that
    each status keeps its symbol, letter and name at 80 columns; what a second line cannot hold is cut
    with … where it is drawn."""
    parts = [f"{s.symbol} {s.code} {s.name}" for s in sorted(plan.rag_scale, key=lambda s: s.rank)]
    parts.append(f"{NOT_RATED_MARK} {NOT_RATED[0].lower()}{NOT_RATED[1:]}")
    if off_scale:
        parts.append(f"{OFF_SCALE_MARK} {OFF_SCALE}")
    head = f"{STATUS_HEADING}: "
    line = head + " · ".join(parts)
    if width is None or cell_len(line) <= width:
        return line
    first = head + parts[0]
    taken = 1
    while taken < len(parts) - 1 and cell_len(first + " · " + parts[taken] + " ·") <= width:
        first += " · " + parts[taken]
        taken += 1
    return first + " ·\n" + " " * len(head) + " · ".join(parts[taken:])


_last: list[tuple[Plan, list[Entry], dict[str, tuple[str, ...]]]] = []  # the entries of the plan opened last


def plan_entries(plan: Plan) -> tuple[list[Entry], dict[str, tuple[str, ...]]]:
    """Each action's entry in the plan's order, and its owner ids (('-',): none), by action id; kept
    for the plan opened last (~25 ms at 10,000 actions, at each open: benchmark row 9)."""
    if not _last or _last[0][0] is not plan:
        order = plan.actions()
        _last[:] = [(plan, [Entry(theme.id, theme.title, action.id) for theme, action in order],
                     {action.id: action.owner_ids or ("-",) for _, action in order})]
    return _last[0][1], _last[0][2]


def milestone_count(row: ActionRow) -> str:
    """'1/3 ' before the title of an action with milestones (done of all; '⚠1/3 ' when one is
    late), so that it shows at 80 columns; '' without."""
    if not row.milestones:
        return ""
    done = sum(1 for m in row.action.milestones if m.done)
    late = "⚠" if any(late for _, late in row.milestones) else ""
    return f"{late}{done}/{len(row.milestones)} "


OWNER_WIDTH = (12, 26)  # the Owner column at 80 and at 120 columns: 'Northamptonshire Police +1' fits in 26


def tight(screen_width: int) -> bool:
    """Below 100 columns one blank between the table's columns, not two: the title gets them."""
    return screen_width < 100


def columns(screen_width: int, longest_id: int = 4) -> list[Column]:
    """The columns' widths for a screen this wide, the ID's for the longest id (4 at least, 8 at
    most); the title takes what the others leave (25 at 80 columns: "Target night time econom…"),
    less the blanks between columns and the scroll bar's room (3)."""
    wide = screen_width >= 100
    owner, updated = (OWNER_WIDTH[1], 11) if wide else (OWNER_WIDTH[0], 7)
    ids = min(8, max(4, longest_id))
    blanks = 7 * PADDING * (1 if tight(screen_width) else 2)
    title = max(16, screen_width - (ids + owner + 10 + len(STATUS_HEADING) + 6 + updated) - blanks - 3)
    return [Column("ID", "id", ids), Column("Title", "title", title), Column("Owner", "owner", owner),
            Column("Due", "due", 10), Column(STATUS_HEADING, "rag", len(STATUS_HEADING)), Column("Trend", "trend", 6),
            Column("Updated", "updated", updated)]
