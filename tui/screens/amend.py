"""Amending the record in the room: everything the open meeting recorded on the current item,
each to edit or withdraw.

`AmendRecord` lists the item's note, decisions, actions arising and declarations (as they now
stand, "(amended)" when corrected) and the status or risk rating recorded on it in this meeting;
↑ ↓ choose, enter asks Edit or Withdraw (e and w do it at once), escape cancels. Edit opens the
usual dialog with the text filled in, the cursor at its end and nothing selected; Withdraw asks
first. A status or rating is corrected by recording it again (it cannot be withdrawn); the
previous minutes agreed as a true record at this meeting can be withdrawn (not edited: they read
"Draft" again, and `t` agrees them again). `AmendKeys`
holds the walk-through's key (a mixin of `WalkthroughScreen`): each choice is one service call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from storage.plan.model import Plan
from storage.service import rating_text
from storage.service.corrections import AMENDED, ItemRecord, Recorded
from tui import rag
from tui.safe_text import plain
from tui.screens.modals import Choice, Confirm, TextPrompt
from tui.typed_ahead import open_dialog, settled
from tui.widgets.marked_option_list import MarkedOptionList

if TYPE_CHECKING:
    from datetime import date

    from storage.service import AgendaItem, Meeting
    from storage.service.service import Service
    from tui.screens.walkthrough.screen import WalkthroughScreen

WHAT = {"note": "Note", "decision": "Decision", "arising": "Action arising", "declaration": "Declaration"}


@dataclass(frozen=True)
class Amendable:
    """One thing on the list: a record (`entry`), the status / rating recorded (`kind`
    'status' | 'rating', corrected by recording it again), or the approval of the previous
    minutes (`kind` 'approval', withdrawn only)."""

    key: str
    kind: str
    label: str
    entry: Recorded | None = None

    @property
    def withdrawable(self) -> bool:
        return self.entry is not None or self.kind == "approval"

    @property
    def editable(self) -> bool:
        return self.kind != "approval"


def _cut(text: str, width: int = 56) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1] + "…"


def amendables(plan: Plan, record: ItemRecord) -> list[Amendable]:
    """What the list offers, in the order the item's record shows it: status or rating, then the
    note, decisions, actions arising and declarations."""
    out: list[Amendable] = []
    again = " (corrected in the meeting)" if record.times > 1 else ""
    if record.status is not None:
        out.append(Amendable("status", "status", f"Status {rag.label(plan, record.status.rag)} "
                             f"{rag.name(plan, record.status.rag)}{again} — record again"))
    if record.rating is not None:
        rated = rating_text(plan, record.rating.impact, record.rating.likelihood)
        out.append(Amendable("rating", "rating", f"Rating {rated}{again} — re-rate"))
    if record.arising is not None:
        now = record.arising.status
        instead = "mark done or carry forward instead" if now == "open" else "reopen or carry forward instead"
        out.append(Amendable("arising-status", "arising-status", f"Marked {now} in this meeting — {instead}"))
    if record.approval is not None:
        out.append(Amendable("approval", "approval", "✓ Approved as a true record at this meeting — withdraw"))
    for entry in record.entries:
        mark = f" {AMENDED}" if entry.corrected else ""
        if entry.kind == "arising":
            due = entry.due.isoformat() if entry.due else "no due date"
            label = f"Action arising {entry.ref}{mark}: {_cut(entry.text, 40)} — {entry.owner}, {due}"
        elif entry.kind == "declaration":
            label = f"Declaration{mark}: {entry.owner} — {_cut(entry.text, 44)}"
        else:
            label = f"{WHAT[entry.kind]}{mark}: {_cut(entry.text)}"
        out.append(Amendable(f"{entry.kind}-{entry.target_id}", entry.kind, label, entry))
    return out


def keys_hint(options: list[Amendable]) -> str:
    """The dialog's keys, as far as they fit what is listed: an approval alone is only withdrawn, a status,
    rating or matter arising's status alone only recorded again ('edit')."""
    edit, withdraw = any(o.editable for o in options), any(o.withdrawable for o in options)
    enter = "edit or withdraw" if edit and withdraw else "edit" if edit else "withdraw"
    keys = [*(["↑ ↓ choose"] if len(options) > 1 else []), f"enter {enter}", *(["e edit"] if edit else []),
            *(["w withdraw"] if withdraw else []), "esc cancel"]
    return " · ".join(keys)


class _Listed(ModalScreen[None]):
    """A list dialog whose keys wait for the keys typed before them (tui/typed_ahead.py): ↑ ↓ and the keys
    that pick are priority bindings, and what a pick leads to (the next dialog, its field focused) is open
    before the next key is read, so 'u e more words ctrl+s' typed in one burst amends the note as typed."""

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        self.set_focus(options)  # now: focus() would come round after keys typed ahead

    async def action_move(self, step: int) -> None:
        await settled(self.app)
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def _highlighted_key(self) -> str:
        options = self.query_one(OptionList)
        return "" if options.highlighted is None else options.get_option_at_index(options.highlighted).id or ""

    async def action_enter(self) -> None:
        await settled(self.app)
        await self.picked(self._highlighted_key())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click (enter is the screen's): picked on the app's turn, as a key's binding is."""
        event.stop()
        self.app.call_later(self.picked, event.option.id or "")

    async def picked(self, key: str) -> None:
        raise NotImplementedError


MOVES = [Binding("down", "move(1)", "Next", show=False, priority=True),
         Binding("up", "move(-1)", "Previous", show=False, priority=True),
         Binding("enter", "enter", "Choose", show=False, priority=True)]


class EditOrWithdraw(_Listed):
    """Edit or withdraw the record chosen: ↑ ↓ and enter, or e / w; esc goes back. `then` is given
    'edit' or 'withdraw' once this dialog is gone."""

    BINDINGS = [
        Binding("e", "pick('edit')", "Edit", id="amend-pick-edit", priority=True),
        Binding("w", "pick('withdraw')", "Withdraw", id="amend-pick-withdraw", priority=True),
        Binding("escape", "cancel", "Back", id="amend-pick-back"),
        *MOVES,
    ]

    def __init__(self, about: str, then: Callable[[str], Awaitable[None]]) -> None:
        super().__init__()
        self.about, self.then = about, then

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.about), classes="dialog-title")
            yield MarkedOptionList(Option("e  Edit", id="edit"), Option("w  Withdraw (asks first)", id="withdraw"),
                                   id="amend-pick")

    async def action_pick(self, what: str) -> None:
        await settled(self.app)
        await self.picked(what)

    async def picked(self, key: str) -> None:
        await self.dismiss()
        await self.then(key)

    def action_cancel(self) -> None:
        self.dismiss()


class AmendRecord(_Listed):
    """Pick what to amend; once this dialog is gone, `act` is given ('edit' | 'withdraw', the option
    chosen), and opens what that leads to."""

    BINDINGS = [
        Binding("e", "choose('edit')", "Edit", id="amend-edit", priority=True),
        Binding("w", "choose('withdraw')", "Withdraw", id="amend-withdraw", priority=True),
        Binding("escape", "cancel", "Cancel", id="amend-cancel"),
        *MOVES,
    ]

    def __init__(self, title: str, options: list[Amendable],
                 act: Callable[[str, Amendable], Awaitable[None]]) -> None:
        super().__init__()
        self.title_text, self.options, self.act = title, {o.key: o for o in options}, act

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="amend-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(keys_hint(list(self.options.values())), classes="against", id="amend-keys")
            yield MarkedOptionList(*[Option(plain(o.label), id=o.key) for o in self.options.values()],
                                   id="amend-list")
            yield Static("", id="amend-why", classes="problem")

    async def picked(self, key: str) -> None:
        """enter (or a click) on an option: a status or rating is edited, an approval withdrawn, the rest asks which."""
        chosen = self.options.get(key)
        if chosen is None:
            return
        if not chosen.withdrawable:
            await self._done("edit", chosen)
        elif not chosen.editable:
            await self._choose("withdraw", chosen)
        else:
            async def then(what: str) -> None:
                await self._choose(what, chosen)

            await open_dialog(self.app, EditOrWithdraw(_cut(chosen.label, 70), then), None)

    async def action_choose(self, what: str) -> None:
        await settled(self.app)
        chosen = self.options.get(self._highlighted_key())
        if chosen is not None:
            await self._choose(what, chosen)

    async def _choose(self, what: str, chosen: Amendable) -> None:
        if what == "edit" and not chosen.editable:
            self.query_one("#amend-why", Static).update(
                "An approval is not edited: w withdraws it (t agrees the minutes again).")
            return
        if what == "edit":
            await self._done("edit", chosen)
            return
        if not chosen.withdrawable:
            self.query_one("#amend-why", Static).update(
                "A status or rating cannot be withdrawn: record it again to correct it.")
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss()
                self.app.call_later(self.act, "withdraw", chosen)

        question = ("Withdraw the approval of the previous minutes?\nThey read Draft again; the store keeps the "
                    "approval, marked withdrawn." if chosen.kind == "approval" else
                    f"Withdraw {_cut(chosen.label, 60)}?\nIt leaves the minutes and the summary; the store keeps it, "
                    "marked withdrawn.")
        await open_dialog(self.app, Confirm(question, yes="Withdraw", no="Keep"), confirmed)

    async def _done(self, what: str, chosen: Amendable) -> None:
        await self.dismiss()
        await self.act(what, chosen)

    def action_cancel(self) -> None:
        self.dismiss()


class AmendKeys:
    """The walk-through's amend key: `u` lists what this meeting recorded on the item."""

    service: Service
    meeting: Meeting
    plan: Plan
    position: int
    item: AgendaItem

    async def action_amend(self) -> None:
        screen = self._screen()
        record = self.service.item_record(self.meeting, self.position)
        options = amendables(self.plan, record)
        if not options:
            screen.notify("Nothing is recorded on this item in this meeting yet.", title="meeting: Amend")
            return
        await open_dialog(screen.app, AmendRecord(f"Amend the record of {self._named()}", options, self._amend),
                          None)

    def _named(self) -> str:
        """The item as the walk-through's top line names it ('Action 7.5'), not its place on the agenda."""
        from tui.screens.walkthrough.render import item_label  # the walk-through imports this module

        return item_label(self.item)

    def _screen(self) -> WalkthroughScreen:
        return cast("WalkthroughScreen", self)

    async def _amend(self, what: str, chosen: Amendable) -> None:
        """The choice made in AmendRecord, each one service call (an edit: once its dialog saves)."""
        screen = self._screen()
        entry = chosen.entry
        if chosen.kind == "status":
            await self._correct_status()
            return
        if chosen.kind == "rating":
            await screen.action_rate_risk()
            return
        if chosen.kind == "arising-status":
            await self._correct_arising_status()
            return
        if chosen.kind == "approval":
            self.service.withdraw_approval(self.meeting)
            self._shown("Approval withdrawn: the previous minutes read Draft again (t agrees them).")
            return
        assert entry is not None
        if what == "withdraw":
            self.service.withdraw_record(self.meeting, entry.kind, entry.target_id)
            self._shown(f"{WHAT[entry.kind]} withdrawn: it leaves the minutes.")
            return
        if entry.kind == "arising":
            await self._edit_arising(entry)
            return
        title = (f"Amend the declaration of {entry.owner}" if entry.kind == "declaration"
                 else f"Amend the {WHAT[entry.kind].lower()} on {self._named()}")

        def written(text: str | None) -> None:
            if text and text != entry.text:
                self.service.correct_record(self.meeting, entry.kind, entry.target_id, text, owner=entry.owner)
                self._shown(f"{WHAT[entry.kind]} amended.")

        await open_dialog(screen.app, TextPrompt(title, entry.text), written)

    async def _edit_arising(self, entry: Recorded) -> None:
        from tui.screens.arising import ArisingPrompt

        def written(result: tuple[str, str, date | None] | None) -> None:
            if result is not None:
                text, owner, due = result
                self.service.correct_record(self.meeting, "arising", entry.target_id, text, owner=owner, due=due)
                self._shown(f"Action arising {entry.ref} amended.")

        await open_dialog(self._screen().app, ArisingPrompt(
            self.service.arising_owners(self.plan.id), entry.due, held_on=self.meeting.held_on, text=entry.text,
            owner=entry.owner or "", title=f"Amend action arising {entry.ref}"), written)

    async def _correct_status(self) -> None:
        screen = self._screen()
        scale = sorted(self.plan.rag_scale, key=lambda s: s.rank)
        record = self.service.item_record(self.meeting, self.position)

        def chosen(code: str | None) -> None:
            if code is not None:
                screen.action_set_status(code)

        await open_dialog(screen.app, Choice(
            f"Correct the status of {self.item.ref}", [(s.code, f"{s.code}  {s.name}") for s in scale],
            current=record.status.rag if record.status is not None else None, what="status",
            listing=", ".join(f"{s.code} ({s.name})" for s in scale)), chosen)

    async def _correct_arising_status(self) -> None:
        """A matter arising marked done (or dropped, carried) by mistake: another status appended
        (the store keeps the first): open again, or carried forward (asks the new due date)."""
        screen = self._screen()
        ref = self.item.ref or ""
        found = self.service.item_record(self.meeting, self.position).arising
        now = found.status if found is not None else ""
        choices = [(key, words) for key, words in (("open", "Reopen (status open)"),
                                                    ("carried forward", "Carry forward instead (asks the due date)"),
                                                    ("done", "Done"), ("dropped", "Dropped")) if key != now]

        def chosen(status: str | None) -> None:
            if status is None:
                return
            screen.call_later(screen.action_arising, status)
            if status != "carried forward":
                screen.notify(f"{ref}: status {status}, corrected from {now} in this meeting.", title="meeting: Amend")

        await open_dialog(screen.app, Choice(f"Correct the status of {ref} (now {now})", choices), chosen)

    def tell_correction(self, item_id: str, code: str | None = None) -> None:
        """After a status (`code`) or a rating recorded: say so when it corrected one recorded
        earlier in this meeting (the meeting keeps one trend entry, its final status)."""
        screen, plan = self._screen(), self.plan
        if code is not None:
            before = self.service.status_corrected_from(self.meeting, item_id)
            if before is None or before == code:
                return
            words = (f"{item_id}: {rag.label(plan, code)} {rag.name(plan, code)}, "
                     f"corrected from {rag.label(plan, before)}")
        else:
            earlier = self.service.rating_corrected_from(self.meeting, item_id)
            if earlier is None:
                return
            words = (f"{item_id}: rating corrected from {rating_text(plan, earlier.impact, earlier.likelihood)} "
                     "in this meeting; its last rating here is the one minuted.")
            screen.notify(words, title="meeting: Corrected")
            return
        screen.notify(f"{words} in this meeting; the trend keeps one entry for it.", title="meeting: Corrected")

    def _shown(self, words: str) -> None:
        screen = self._screen()
        screen.show_item()  # the whole item: a declaration lives in its panels, not the meeting's record
        screen.notify(words, title="meeting: Amend")
