"""The standing items in the walk-through: apologies for absence (read-only: the setup recorded
them), declarations of interest (`i` records one) and the minutes of the previous meeting (`t`
agrees them as a true record, after a confirm)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from storage.service import AgendaItem, Meeting, StoreError
from storage.service.marks import APPROVED
from storage.service.service import Service
from tui.safe_text import escape
from tui.screens.declaration import DeclarationPrompt
from tui.screens.modals import Confirm
from tui.screens.walkthrough.render import Panels
from tui.typed_ahead import open_dialog

if TYPE_CHECKING:
    from tui.screens.walkthrough.keys import Hints
    from tui.screens.walkthrough.screen import WalkthroughScreen

STANDING = ("apologies", "declarations", "previous_minutes")
LABELS = {"apologies": "Apologies for absence", "declarations": "Declarations of interest",
          "previous_minutes": "Minutes of the previous meeting"}


def _names(meeting: Meeting, status: str) -> list[str]:
    return [escape(a.name) for a in meeting.attendance if a.status == status]


def _then(hint: str) -> str:
    return f" — {hint}" if hint else ""


def standing_panels(service: Service, meeting: Meeting, item: AgendaItem, as_of: Meeting | None = None, *,
                    hints: Hints) -> Panels:
    """What the walk-through shows on a standing item (`as_of` a closed meeting: the previous
    minutes' approval as it stood then); the keys named as they run (`hints`). Minutes not yet
    agreed read 'Draft' in words, with no mark: a letter there would read as a status code (D is
    Delayed on some plans' scales)."""
    if item.kind == "apologies":
        sent = _names(meeting, "apologies")
        status = f"Apologies from {len(sent)}: [b]{', '.join(sent)}[/b]" if sent else "No apologies were received."
        present = ", ".join(_names(meeting, "present")) or "none recorded"
        return Panels(LABELS["apologies"], status, "", hints.join("Recorded at the setup; read-only here",
                                                                  hints.say("meeting-note", "note")),
                      f"[b]Present[/b] {present}", "", "")
    if item.kind == "declarations":
        made = service.declarations(meeting)
        lines = [f"[b]{escape(d.member)}[/b] — {escape(d.item)}: {escape(d.nature)}" for d in made]
        status = (f"{len(made)} declared{_then(hints.say('meeting-declare', 'records another'))}" if made
                  else f"None declared yet{_then(hints.say('meeting-declare', 'records one'))}")
        return Panels(LABELS["declarations"], status, "", "Member, item and nature; each is minuted",
                      "\n".join(lines) or "None were declared.", "", "")
    target = service.minutes_to_approve(meeting)
    approval = service.approval_of(target, as_of=as_of) if target is not None else None
    if approval is None:
        agrees = hints.say("meeting-approve-minutes", "agrees them as a true record")
        status, state = f"[b]Draft[/b], not yet agreed{_then(agrees)}", "-unrated"
    elif approval.meeting_id == meeting.id:
        withdraws = hints.say("meeting-amend", "withdraws")
        status, state = (f"[b]{' '.join(APPROVED)}[/b] as a true record at this meeting"
                         + (f" · {withdraws}" if withdraws else ""), "-green")
    else:
        status, state = f"[b]{' '.join(APPROVED)}[/b] at the meeting of {approval.held_on:%d %b %Y}", "-green"
    return Panels(escape(item.title), status, state, f"Meeting reference M{escape(item.ref or '')}",
                  "The minutes, as circulated, are agreed as a true record of that meeting.", "", "")


class StandingKeys:
    """The walk-through's keys on the standing items (mixed into `WalkthroughScreen`)."""

    async def action_declare(self) -> None:
        screen = cast("WalkthroughScreen", self)

        def written(result: tuple[str, str, str] | None) -> None:
            if result is not None:
                screen.service.record_declaration(screen.meeting, screen.position, *result)
                screen.show_item()

        await open_dialog(screen.app, DeclarationPrompt(screen.service.declaration_members(screen.meeting),
                                                        screen.service.declaration_items(screen.meeting)), written)

    async def action_approve_minutes(self) -> None:
        screen = cast("WalkthroughScreen", self)
        target = screen.service.minutes_to_approve(screen.meeting)
        if target is None:
            return
        if (found := screen.service.approval_of(target)) is not None:
            screen.notify(f"Already approved at the meeting of {found.held_on:%d %b %Y}.",
                          title="meeting: True record")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                screen.service.approve_minutes(screen.meeting, target)
            except StoreError as exc:
                screen.notify(str(exc), title="meeting: True record", severity="error")
                return
            screen.show_item()

        title = screen.item.title
        await open_dialog(screen.app, Confirm(f"Agree the {escape(title[:1].lower() + title[1:])} as a true record?",
                                              yes="Agree", no="Not now", id="approve-minutes"), answered)
