"""Quorum: how many of those present count, and what the setup and the minutes say of it.

The plan's `meeting.quorum` is how many members must be present. Those who count are the
people ticked present who sit on the meeting body (`meeting_body`) when the plan names one
with members; otherwise everyone ticked present. Guests in attendance never count.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from storage.plan.model import Plan


class Quorum(NamedTuple):
    present: int  # those present who count
    quorum: int
    body: str | None  # the meeting body whose members count, None: everyone present counts

    @property
    def met(self) -> bool:
        return self.present >= self.quorum

    def setup_words(self) -> str:
        """'Present 4 of quorum 5 — not quorate', as the meeting setup shows it."""
        counted = f" (members of {self.body})" if self.body else ""
        return f"Present{counted} {self.present} of quorum {self.quorum} — {'quorate' if self.met else 'not quorate'}"

    def minutes_words(self) -> str:
        if self.met:
            return "The meeting was quorate."
        return f"The meeting was not quorate ({self.present} present, quorum {self.quorum})."


def quorum(plan: Plan, present: Iterable[str | None]) -> Quorum | None:
    """The quorum count for those present (person ids; None or a typed name for someone not on
    the roster), or None when the plan sets no quorum."""
    if plan.meeting.quorum is None:
        return None
    body = plan.meeting_group
    members = {m.person for m in body.members if m.person} if body is not None else set()
    if members and body is not None:
        return Quorum(sum(1 for p in present if p in members), plan.meeting.quorum, body.name)
    return Quorum(sum(1 for _ in present), plan.meeting.quorum, None)
