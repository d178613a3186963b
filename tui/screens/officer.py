"""Officer mode: the actions and risks one person owns, and a form to record an update.

The list (left) shows each owned item with its current status in this store, as a
letter and symbol (never colour alone). The form (right) is rebuilt for the highlighted
item: proposed status (the plan's own scale) or impact and likelihood, and a note. Each
save is one committed write to this store, through the officer's service
(storage/service/officer.py); the screen then posts UpdateSaved or RatingSaved.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from storage.plan.model import Risk
from storage.service import NOT_RATED, NOT_RATED_MARK
from storage.service.officer import OfficerService, OwnedItem
from tui.widgets.choice_set import ChoiceSet
from tui.widgets.marked_option_list import MarkedOptionList


def item_key(owned: OwnedItem) -> str:
    return f"{owned.plan.id}\x1f{owned.kind}\x1f{owned.item.id}"


class ItemForm(Vertical):
    """The form for one item: attributes in (the item, its current state), values out."""

    def __init__(self, owned: OwnedItem, current: Any, agreed: str | None = None, deadline: str = "none set",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.owned = owned
        self.current = current
        self.agreed = agreed  # "Agreed at the meeting of 12 Jan 2027: Amber — note", from a status file
        self.deadline = deadline  # an action's, as every view words it (`Plan.deadline_line`), OVERDUE and why
        self.add_class(f"-{owned.kind}")

    def compose(self) -> ComposeResult:
        plan, item = self.owned.plan, self.owned.item
        yield Static(self._describe(), id="item-detail")
        if self.agreed:
            yield Static(self.agreed, id="agreed", markup=False)
        if self.owned.kind == "action":
            scale = plan.rag_scale
            codes = [s.code for s in scale]
            now = self.current.rag if self.current else None
            yield Label("Proposed status: type its letter, or ↑ ↓", classes="field-label")
            yield ChoiceSet(codes, [f"{s.code}  {s.symbol} {s.name}" for s in scale],
                            [f"{s.symbol} {s.code} {s.name}" for s in scale],
                            codes.index(now) if now in codes else None, id="status")
        else:
            impact = self.current.impact if self.current else item.impact  # type: ignore[union-attr]
            likelihood = self.current.likelihood if self.current else item.likelihood  # type: ignore[union-attr]
            digits = [str(n) for n in range(1, 6)]
            yield Label("Impact, 1 (lowest) to 5: a digit, or ← →", classes="field-label")
            yield ChoiceSet(digits, digits, digits, impact - 1 if impact else None, id="impact", classes="score")
            yield Label("Likelihood, 1 (lowest) to 5", classes="field-label")
            yield ChoiceSet(digits, digits, digits, likelihood - 1 if likelihood else None, id="likelihood",
                            classes="score")
        yield Label("Update note", classes="field-label")
        yield TextArea(id="note", soft_wrap=True, tab_behavior="focus")

    def _describe(self) -> str:
        from rich.markup import escape

        plan, item, kind = self.owned.plan, self.owned.item, self.owned.kind
        version = f", version {escape(plan.version)}" if plan.version else ""
        lines = [f"[b]{plan.id} {kind} {escape(item.id)}[/b]  ({escape(plan.title)}{version})"]
        if kind == "action":
            lines.append(escape(item.text.strip()))  # type: ignore[union-attr]
            owner = escape(plan.owner_label(item))  # type: ignore[arg-type]
            lines.append(f"Owner: {owner}   Deadline: {escape(self.deadline)}")
            if self.current:
                status = plan.rag(self.current.rag)
                label = f"{status.symbol} {status.code} {status.name}" if status else self.current.rag
                lines.append(f"Current: {escape(label)} by {escape(self.current.author)}, "
                             f"{self.current.recorded_at.astimezone():%d %b %Y %H:%M}: {escape(self.current.note)}")
            elif not self.agreed:
                lines.append(f"Current: {NOT_RATED.lower()} in this store")
        else:
            assert isinstance(item, Risk)
            lines.append(escape(item.description.strip()))
            impact, likelihood = ((self.current.impact, self.current.likelihood) if self.current
                                  else (item.impact, item.likelihood))
            lines.append(f"Owner: {escape(plan.owner_name(item.owner))}   Rated: {impact} × "
                         f"{likelihood} = {impact * likelihood}")
        return "\n".join(lines)

    def values(self) -> dict[str, Any]:
        """What the form holds now: status code or impact/likelihood (None if unset), note."""
        note = self.query_one("#note", TextArea).text.strip()
        if self.owned.kind == "action":
            index = self.query_one("#status", ChoiceSet).chosen
            return {"status": self.owned.plan.rag_scale[index].code if index is not None else None, "note": note}
        impact = self.query_one("#impact", ChoiceSet).chosen
        likelihood = self.query_one("#likelihood", ChoiceSet).chosen
        return {"impact": impact + 1 if impact is not None else None,
                "likelihood": likelihood + 1 if likelihood is not None else None, "note": note}

    def focus_first_field(self) -> None:
        """Focus the status (or impact) now: Widget.focus() waits its turn behind the keys already sent."""
        self.screen.set_focus(self.query(ChoiceSet).first())


def saved_words(owned: OwnedItem, saved: Any) -> str:
    """What a save wrote, read back from the stored row: "7.2: ▲ Amber — note for 7.2…"."""
    plan = owned.plan
    if owned.kind == "action":
        status = plan.rag(saved.rag)
        value = f"{status.symbol} {status.name}" if status else saved.rag
    else:
        score = saved.impact * saved.likelihood
        band = plan.band(score)
        value = f"I{saved.impact} × L{saved.likelihood} ({score}{' ' + band.name if band else ''})"
    note = " ".join(saved.note.split())
    shown = (note[:NOTE_SHOWN] + "…") if len(note) > NOTE_SHOWN else note
    return f"{owned.plan.id} {owned.item.id}: {value} — {shown or 'no note'}"


NOTE_SHOWN = 40
SETTLE_SECONDS = 5.0


class OfficerScreen(Screen[None]):
    """The officer's items and the form for one of them.

    Every key that saves or moves focus is a priority binding: Textual runs those as each key
    arrives, and a widget's own bindings only once the key has bubbled up to the app, by when
    keys typed behind it have gone to whatever had focus then. Each such action first lets the
    focused widget take the keys already sent to it (`_settled`), so keys typed ahead in a burst
    (a paste, a script, a fast typist) land in the field that was focused when they were typed.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Record this status or rating and note in your store",
                id="officer-save", priority=True),
        Binding("escape", "focus_list", "Items", tooltip="Back to the list of your items", id="officer-items",
                priority=True),
        Binding("ctrl+n", "next_item", "Next item", tooltip="Move to the next item", id="officer-next",
                priority=True),
        Binding("tab", "move_focus(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "move_focus(-1)", "Previous field", show=False, priority=True),
        Binding("enter", "enter", "Open / next field", show=False, priority=True),
        Binding("up", "list_cursor(-1)", "Previous item", show=False, priority=True),
        Binding("down", "list_cursor(1)", "Next item", show=False, priority=True),
    ]

    class UpdateSaved(Message):
        """An action's proposed status and note were written to the store."""

        def __init__(self, plan_id: str, action_id: str, rag: str, update_id: int) -> None:
            super().__init__()
            self.plan_id, self.action_id, self.rag, self.update_id = plan_id, action_id, rag, update_id

    class RatingSaved(Message):
        """A risk's proposed rating and note were written to the store."""

        def __init__(self, plan_id: str, risk_id: str, impact: int, likelihood: int, rating_id: int) -> None:
            super().__init__()
            self.plan_id, self.risk_id = plan_id, risk_id
            self.impact, self.likelihood, self.rating_id = impact, likelihood, rating_id

    def __init__(self, service: OfficerService, items: list[OwnedItem]) -> None:
        super().__init__()
        self.service = service
        self.items = {item_key(i): i for i in items}
        self.current: dict[str, Any] = {}
        self.form: ItemForm | None = None
        self.agreed: dict[str, str] = {}
        self._swapping = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield MarkedOptionList(id="items")
            yield VerticalScroll(id="form")
        yield Footer()

    def on_mount(self) -> None:
        person = next(iter(self.items.values())).person
        self.title = f"Updates by {person.name}"
        self.sub_title = str(self.service.db_path)
        for plan_id in {i.plan.id for i in self.items.values()}:
            for action_id, update in self.service.current_statuses(plan_id).items():
                self.current[f"{plan_id}\x1faction\x1f{action_id}"] = update
            for risk_id, rating in self.service.current_ratings(plan_id).items():
                self.current[f"{plan_id}\x1frisk\x1f{risk_id}"] = rating
        agreed = self.service.agreed_lines(list(self.items.values()))
        self.agreed = {"\x1f".join(key): line for key, line in agreed.items()}
        options = self.query_one("#items", OptionList)
        options.add_options([Option(self._prompt(key), id=key) for key in self.items])
        options.highlighted = 0
        options.focus()

    def _prompt(self, key: str) -> str:
        owned, now = self.items[key], self.current.get(key)
        title = owned.item.display_title if owned.kind == "action" else owned.item.description  # type: ignore[union-attr]
        title = " ".join(title.split())[:70]
        if owned.kind == "action":
            status = owned.plan.rag(now.rag) if now else None
            mark = f"{status.symbol} {status.code}" if status else ("? " + now.rag if now else NOT_RATED_MARK)
        else:
            mark = f"{now.impact}×{now.likelihood}" if now else "risk"
        return f"{mark:<5} {owned.plan.id} {owned.item.id:<6} {title}"

    async def on_option_list_option_highlighted(self) -> None:
        await self._show_highlighted()

    async def _show_highlighted(self) -> ItemForm | None:
        """The form for the item highlighted now: a new, clean one unless it is the item shown.

        Highlight messages arrive after the list has moved on, and ctrl+n builds its form at once,
        so the form follows the list's highlight as it is now, one rebuild at a time.
        """
        async with self._swapping:
            options = self.query_one("#items", OptionList)
            if options.highlighted is None:
                return self.form
            key = options.get_option_at_index(options.highlighted).id
            if key is None or (self.form is not None and item_key(self.form.owned) == key):
                return self.form
            holder = self.query_one("#form", VerticalScroll)
            await holder.remove_children()
            owned, now = self.items[key], self.current.get(key)
            deadline = (owned.plan.deadline_line(owned.item, now.rag if now else None, self.service.today())  # type: ignore[arg-type]
                        if owned.kind == "action" else "none set")
            self.form = ItemForm(owned, now, self.agreed.get(key), deadline)
            await holder.mount(self.form)
            return self.form

    async def on_option_list_option_selected(self) -> None:
        if form := await self._show_highlighted():
            form.focus_first_field()

    async def _settled(self) -> None:
        """Once the focused widget has handled every key already sent to it."""
        focused = self.app.focused
        done = asyncio.Event()
        if focused is not None and focused.call_later(done.set):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), SETTLE_SECONDS)

    async def action_focus_list(self) -> None:
        await self._settled()
        self.set_focus(self.query_one("#items", OptionList))

    async def action_move_focus(self, direction: int) -> None:
        await self._settled()
        self.focus_next() if direction > 0 else self.focus_previous()

    async def action_enter(self) -> None:
        """Enter on the list opens the item's form; in a choice it moves on; in the note it is a new line."""
        focused = self.app.focused
        if isinstance(focused, OptionList):
            await self._settled()
            if form := await self._show_highlighted():
                form.focus_first_field()
        elif isinstance(focused, ChoiceSet):
            await self._settled()
            self.focus_next()
        else:
            raise SkipAction()

    async def action_list_cursor(self, delta: int) -> None:
        """The list's own up and down, run as each key arrives so that an enter behind them opens the right item."""
        options = self.query_one("#items", OptionList)
        if self.app.focused is not options:
            raise SkipAction()
        await self._settled()
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()

    async def action_next_item(self) -> None:
        """The next item's form, focused on its status, before any further key is read."""
        await self._settled()
        options = self.query_one("#items", OptionList)
        if options.highlighted is not None and options.highlighted + 1 >= options.option_count:
            self.notify("That is the last of your items.")
            return
        options.action_cursor_down()
        if form := await self._show_highlighted():
            form.focus_first_field()

    async def action_save(self) -> None:
        await self._settled()
        if self.form is None:
            return
        owned, values = self.form.owned, self.form.values()
        plan = owned.plan
        key = item_key(owned)
        if owned.kind == "action":
            if values["status"] is None:
                self.notify("Choose a status first.", severity="warning")
                return
            update = self.service.save_status(owned, values["status"], values["note"])
            self.current[key] = update
            self.post_message(self.UpdateSaved(plan.id, owned.item.id, values["status"], update.id))
        else:
            if values["impact"] is None or values["likelihood"] is None:
                self.notify("Choose an impact and a likelihood first.", severity="warning")
                return
            rating = self.service.save_rating(owned, values["impact"], values["likelihood"], values["note"])
            self.current[key] = rating
            self.post_message(self.RatingSaved(plan.id, owned.item.id, rating.impact, rating.likelihood, rating.id))
        self.query_one("#items", OptionList).replace_option_prompt(key, self._prompt(key))
        self.form.current = self.current[key]
        self.form.query_one("#item-detail", Static).update(self.form._describe())
        self.notify(f"Saved {saved_words(owned, self.current[key])} in your store; "
                    "export with `steerco export-updates`.", markup=False)
