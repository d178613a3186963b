"""Officer mode: the actions and risks one person owns, and a form to record an update.

The list (left) shows each owned item with its status as this store knows it (the later of the
officer's own latest update and the position the last status file taken in agreed), as symbol
and code (never colour alone), then the actions arising the chair gave this person (read only,
as the last status file taken in agreed them). The right pane's first lines, the item's id and
title, stay put (#item-heading); under them the form (#form, which scrolls) is rebuilt for the
highlighted item, with nothing chosen: proposed status (the plan's own scale) or impact and
likelihood, and a note; the current and agreed positions are text above it. Each save is one
committed write to this store, through the officer's service (storage/service/officer.py);
the screen then posts UpdateSaved or RatingSaved.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from storage.plan.model import Action, Risk
from storage.service import NOT_RATED, NOT_RATED_MARK, OFF_SCALE_MARK, cut, is_off_scale
from storage.service.officer import ArisingLine, OfficerService, OwnedItem
from tui.typed_ahead import settled
from tui.widgets.choice_set import ChoiceSet
from tui.widgets.marked_option_list import MarkedOptionList


def item_key(owned: OwnedItem) -> str:
    return f"{owned.plan.id}\x1f{owned.kind}\x1f{owned.item.id}"


def arising_key(arising: ArisingLine) -> str:
    return f"{arising.plan_id}\x1farising\x1f{arising.ref}"


TITLE_SHOWN = 70  # characters of an item's title in the list (and the form's first line), cut at a word
ARISING_HEADING = "Actions arising for you (read only)"


class ItemForm(Vertical):
    """The form for one item: attributes in (the item, its current state), values out."""

    def __init__(self, owned: OwnedItem, current: Any, agreed: str | None = None, deadline: str = "none set",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.owned = owned
        self.current = current
        self.agreed = agreed  # "Agreed at the meeting of 12 Jan 2027: Amber — note", from a status file
        self.deadline = deadline  # an action's, as every view words it (`Plan.deadline_line`), OVERDUE and why
        self.saved: dict[str, Any] | None = None  # the values this form last saved: saving them again adds nothing
        self.add_class(f"-{owned.kind}")

    def heading(self) -> str:
        """The item's id and title (markup): the right pane's first line, kept in view over the form."""
        from tui.safe_text import escape

        return f"[b]{self.owned.plan.id} {self.owned.kind} {escape(self.owned.item.id)}[/b]  {escape(self._title())}"

    def compose(self) -> ComposeResult:
        """The item's facts and positions (its heading is the screen's, above), the form (nothing chosen:
        what is saved is only what is chosen here), then the item in full, below the form so that the
        form is on the first screen."""
        plan = self.owned.plan
        yield Static(self._describe(), id="item-detail")
        if self.agreed:
            yield Static(self.agreed, id="agreed", markup=False)
        if self.owned.kind == "action":
            scale = plan.rag_scale
            yield Label("Proposed status: type its letter, or ↑ ↓", classes="field-label")
            yield ChoiceSet([s.code for s in scale], [f"{s.code}  {s.symbol} {s.name}" for s in scale],
                            [f"{s.symbol} {s.code} {s.name}" for s in scale], id="status")
        else:
            digits = [str(n) for n in range(1, 6)]
            yield Label("Impact, 1 (lowest) to 5: a digit, or ← →", classes="field-label")
            yield ChoiceSet(digits, digits, digits, id="impact", classes="score")
            yield Label("Likelihood, 1 (lowest) to 5", classes="field-label")
            yield ChoiceSet(digits, digits, digits, id="likelihood", classes="score")
        yield Label("Update note", classes="field-label")
        yield TextArea(id="note", soft_wrap=True, tab_behavior="focus")
        yield Static(self._in_full(), id="item-text", markup=False)

    def _title(self) -> str:
        item = self.owned.item
        return cut(item.display_title if self.owned.kind == "action" else item.description,  # type: ignore[union-attr]
                   TITLE_SHOWN)

    def _in_full(self) -> str:
        plan, item = self.owned.plan, self.owned.item
        text = item.text if self.owned.kind == "action" else item.description  # type: ignore[union-attr]
        version = f", version {plan.version}" if plan.version else ""
        return f"The {self.owned.kind} in full: {' '.join(text.split())}\n\nPlan: {plan.title}{version}"

    def _describe(self) -> str:
        from tui.safe_text import escape

        plan, item, kind = self.owned.plan, self.owned.item, self.owned.kind
        lines: list[str] = []
        if kind == "action":
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
        """Focus the status (or impact) now: Widget.focus() waits its turn behind the keys already sent.

        Scrolled only as far as it takes to show the field (focus would centre it), so that the item's
        title stays in view when the field fits below it."""
        first = self.query(ChoiceSet).first()
        self.screen.set_focus(first, scroll_visible=False)
        first.scroll_visible(animate=False)

    def refused_words(self, field: str, key: str) -> str:
        """Why a key typed in a field chose nothing: 'r is not a status here: D Delayed, N Not started, …'
        (the walk-through's words for a key that is no status), '7 is not an impact here: 1 (lowest) to 5'."""
        if field == "status":
            return f"{key} is not a status here: " + ", ".join(f"{s.code} {s.name}" for s in self.owned.plan.rag_scale)
        return f"{key} is not {'an impact' if field == 'impact' else 'a likelihood'} here: 1 (lowest) to 5"

    def missing(self, values: dict[str, Any]) -> str | None:
        """What must still be chosen before `values` can be saved ('a status', 'an impact and a likelihood')."""
        if self.owned.kind == "action":
            return "a status" if values["status"] is None else None
        wanted = [name for name, field in (("an impact", "impact"), ("a likelihood", "likelihood"))
                  if values[field] is None]
        return " and ".join(wanted) or None


class ArisingView(Static):
    """An action arising the chair gave the officer: read only, as the last status file agreed it."""

    def __init__(self, arising: ArisingLine) -> None:
        late = " OVERDUE" if arising.late else ""
        super().__init__(f"{arising.text}\n"
                         f"Due: {arising.due}{late}   Status: {arising.status}\n\n{arising.agreed}\n\n"
                         "The chair records its status at the meeting; there is nothing to save here.",
                         markup=False, id="arising-detail")
        self.arising = arising

    def heading(self) -> str:
        """Its ref (markup): the right pane's first line, as an item's id and title are."""
        from tui.safe_text import escape

        return f"[b]{self.arising.plan_id} action arising {escape(self.arising.ref)}[/b]  (read only)"


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
NOTICE_SECONDS = 4.0  # a save's notice, shown over the list (officer.tcss), not over the note


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
        # each action's status as this store knows it (`OfficerService.action_statuses`): the late rule's
        # and the list's mark
        self.statuses: dict[str, str] = {}
        self.scores: dict[str, tuple[int, int]] = {}  # each risk's (impact, likelihood) likewise (`risk_scores`)
        self.arising: dict[str, ArisingLine] = {}
        self.shown: str | None = None  # the key of the item the right pane is for
        self._swapping = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield MarkedOptionList(id="items")
            with Vertical(id="pane"):
                yield Static(id="item-heading")
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
            agreed_here = self.service.agreed(plan_id)
            for action_id, rag in self.service.action_statuses(plan_id, agreed_here).items():
                self.statuses[f"{plan_id}\x1faction\x1f{action_id}"] = rag
            for risk_id, score in self.service.risk_scores(plan_id, agreed_here).items():
                self.scores[f"{plan_id}\x1frisk\x1f{risk_id}"] = score
        agreed = self.service.agreed_lines(list(self.items.values()))
        self.agreed = {"\x1f".join(key): line for key, line in agreed.items()}
        self.arising = {arising_key(a): a for a in self.service.arising_lines(list(self.items.values()))}
        options = self.query_one("#items", OptionList)
        options.border_title = "Your items"
        options.add_options([Option(self._prompt(key), id=key) for key in self.items])
        if self.arising:
            options.add_options([None, Option(ARISING_HEADING, id="arising-heading", disabled=True)])
            options.add_options([Option(self._arising_prompt(a), id=key) for key, a in self.arising.items()])
        options.highlighted = 0
        options.focus()

    @staticmethod
    def _arising_prompt(arising: ArisingLine) -> str:
        late = ", OVERDUE" if arising.late else ""
        return (f"{arising.plan_id} {arising.ref}  {cut(arising.text, TITLE_SHOWN)}\n"
                f"  due {arising.due}{late}; {arising.status}")

    def _prompt(self, key: str) -> str:
        """The item's line in the list, its mark the status (or rating) as this store knows it: what the
        agreed line words when the meeting's position is the later ('★ C' beside '… 1 Dec 2026: ★ C Complete')."""
        owned = self.items[key]
        title = owned.item.display_title if owned.kind == "action" else owned.item.description  # type: ignore[union-attr]
        title = cut(title, TITLE_SHOWN)
        if owned.kind == "action":
            code = self.statuses.get(key)
            status = owned.plan.rag(code) if code else None
            mark = (f"{status.symbol} {status.code}" if status
                    else f"{OFF_SCALE_MARK} {code}" if is_off_scale(code, ()) else NOT_RATED_MARK)
        else:
            risk = owned.item
            assert isinstance(risk, Risk)  # the officer's items are actions and risks
            impact, likelihood = self.scores.get(key) or (risk.impact, risk.likelihood)  # else as registered
            mark = f"{impact}×{likelihood}"
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
            if key is None or key == self.shown or (key not in self.items and key not in self.arising):
                return self.form
            holder = self.query_one("#form", VerticalScroll)
            await holder.remove_children()
            self.shown = key
            if key in self.arising:
                self.form = None
                view = ArisingView(self.arising[key])
                self.query_one("#item-heading", Static).update(view.heading())
                await holder.mount(view)
            else:
                owned, now = self.items[key], self.current.get(key)
                deadline = (owned.plan.deadline_line(owned.item, self.statuses.get(key), self.service.today())  # type: ignore[arg-type]
                            if owned.kind == "action" else "none set")
                self.form = ItemForm(owned, now, self.agreed.get(key), deadline)
                self.query_one("#item-heading", Static).update(self.form.heading())
                await holder.mount(self.form)
            holder.scroll_home(animate=False)  # the new item's title in view, wherever the last one was scrolled
            return self.form

    async def on_option_list_option_selected(self) -> None:
        if form := await self._show_highlighted():
            form.focus_first_field()

    def on_choice_set_key_refused(self, event: ChoiceSet.KeyRefused) -> None:
        """A letter or digit that is no choice in the field: say why, as the walk-through does, and choose nothing."""
        if self.form is not None:
            self.notify(self.form.refused_words(str(event.choice_set.id), event.key), severity="warning",
                        markup=False, timeout=NOTICE_SECONDS)

    async def _settled(self) -> None:
        await settled(self.app)

    async def action_focus_list(self) -> None:
        await self._settled()
        self.set_focus(self.query_one("#items", OptionList))

    async def action_move_focus(self, direction: int) -> None:
        """tab from the list goes to the form's first field, as enter does (not to the form's scroll
        box, a stop with no field, where the keys typed behind the tab were lost or chose a status)."""
        await self._settled()
        if direction > 0 and self.app.focused is self.query_one("#items", OptionList):
            if form := await self._show_highlighted():
                form.focus_first_field()
                return
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
        start = -1 if options.highlighted is None else options.highlighted
        following = next((i for i in range(start + 1, options.option_count)
                          if options.get_option_at_index(i).id in self.items), None)
        if following is None:
            self.notify("That is the last of your items.", timeout=NOTICE_SECONDS)
            return
        options.highlighted = following
        if form := await self._show_highlighted():
            form.focus_first_field()

    async def action_save(self) -> None:
        await self._settled()
        if self.form is None:
            if self.shown in self.arising:
                self.notify("Nothing saved: an action arising is read only here; the chair records its status.",
                            severity="warning", timeout=NOTICE_SECONDS)
            return
        owned, values = self.form.owned, self.form.values()
        plan = owned.plan
        key = item_key(owned)
        if missing := self.form.missing(values):
            self.notify(f"Nothing saved: choose {missing} first.", severity="warning", timeout=NOTICE_SECONDS)
            return
        if values == self.form.saved:
            self.notify(f"Nothing saved: {saved_words(owned, self.current[key])} is already in your store.",
                        severity="warning", markup=False, timeout=NOTICE_SECONDS)
            return
        if owned.kind == "action":
            update = self.service.save_status(owned, values["status"], values["note"])
            self.current[key], self.statuses[key] = update, update.rag
            self.form.deadline = plan.deadline_line(cast(Action, owned.item), update.rag, self.service.today())
            self.post_message(self.UpdateSaved(plan.id, owned.item.id, values["status"], update.id))
        else:
            rating = self.service.save_rating(owned, values["impact"], values["likelihood"], values["note"])
            self.current[key], self.scores[key] = rating, (rating.impact, rating.likelihood)
            self.post_message(self.RatingSaved(plan.id, owned.item.id, rating.impact, rating.likelihood, rating.id))
        self.query_one("#items", OptionList).replace_option_prompt(key, self._prompt(key))
        self.form.current, self.form.saved = self.current[key], values
        self.form.query_one("#item-detail", Static).update(self.form._describe())
        self.notify(f"Saved {saved_words(owned, self.current[key])} in your store; "
                    "export with steerco export-updates.", markup=False, timeout=NOTICE_SECONDS)
