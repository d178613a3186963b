"""A meeting's setup and close: the chair it offers, its warnings, the date of the next meeting, abandoning it.

A mixin of `Service` (it uses the service's store, plans and today). The date of the next
meeting is offered as the meeting's date plus the plan's cycle, moved forward off weekends and
the bank holidays of the plan's region (`plan.meeting.holidays`, the `holidays` library,
imported when a date is first worked out: 66 ms); the chair may set another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storage.service.arising import DueReading, read_due

if TYPE_CHECKING:
    from storage.plan.model import Plan
    from storage.plan.quorum import Quorum
    from storage.store.records import Meeting
    from storage.store.store import Store

_WEEKEND = ("a Saturday", "a Sunday")


@dataclass(frozen=True)
class NextMeeting:
    """The date offered for the next meeting, and why it moved off the cycle's day ('' if it did not)."""

    day: date
    moved: str = ""


def long_date(day: date) -> str:
    """'Tuesday 12 January 2027', as the minutes write a date (`storage.minutes.render.long_date`),
    for the app and the command line, which reach storage through the service layer."""
    from storage.minutes.render import long_date as words

    return words(day)


def bank_holidays(region: str) -> Callable[[date], str | None]:
    """The name of the bank holiday on a day in `region` ('England', 'Scotland', ... or 'none'), else None."""
    from storage.plan.model import HOLIDAY_REGIONS

    subdiv = HOLIDAY_REGIONS.get(region)
    if subdiv is None:
        return lambda day: None
    import holidays

    found = holidays.country_holidays("GB", subdiv=subdiv)
    return found.get


def next_meeting_day(held_on: date, cycle_days: int, region: str) -> NextMeeting:
    """`held_on` plus `cycle_days`, moved forward to the first weekday that is no bank holiday of
    `region`; `moved` says why: '1 Jan 2027 is New Year's Day: moved to Monday 4 January 2027'."""
    from storage.minutes.render import long_date, short_date

    holiday = bank_holidays(region)
    day = held_on + timedelta(days=cycle_days)
    reasons: list[str] = []
    while (name := holiday(day)) is not None or day.weekday() >= 5:
        if not reasons:
            reasons.append(f"{short_date(day)} is {name or _WEEKEND[day.weekday() - 5]}")
        elif name is not None and day.weekday() < 5:
            reasons.append(f"{short_date(day)} is {name}")
        day += timedelta(days=1)
    if not reasons:
        return NextMeeting(day)
    return NextMeeting(day, f"{'; '.join(reasons)}: moved to {long_date(day)}")


class MeetingDatesMixin:
    _store: Store
    plan: Callable[[str], Plan]
    today: Callable[[], date]

    # -- setting up -------------------------------------------------------------------

    def default_chair(self, plan_id: str) -> str | None:
        """The person the setup offers as chair: the plan's named chair (`meeting.chair`), else the
        member of the meeting body whose role is Chair (with no meeting body named: the first such
        member of the plan's groups, in their order), else whoever chaired the plan's last closed
        meeting (if still on the roster). None when none of that names anyone: the chair is asked for."""
        plan = self.plan(plan_id)
        if plan.meeting.chair and plan.meeting.chair in plan.roster_ids():
            return plan.meeting.chair
        groups = [plan.meeting_group] if plan.meeting_group is not None else ([] if plan.meeting_body else plan.groups)
        named = next((m.person for g in groups if g is not None for m in g.members
                      if m.person and (m.role or "").strip().lower() == "chair"), None)
        if named is not None:
            return named
        last = self._store.previous_meeting(plan_id)
        if last is None:
            return None
        chair = self._store.meeting(last[0]).chair  # minuted by name
        return next((p.id for p in plan.people if chair in (p.name, p.id)), None)

    def is_first_meeting(self, meeting: Meeting) -> bool:
        """No closed, kept meeting of the plan before this one: nothing to say 'since the last meeting'
        about (the close summary; the minutes ask the store the same)."""
        return self._store.previous_meeting(meeting.plan_id, before=meeting.id) is None

    def quorum(self, plan_id: str, present: list[str]) -> Quorum | None:
        """The quorum count for the people ticked present (person ids), None when the plan sets none."""
        from storage.plan.quorum import quorum

        return quorum(self.plan(plan_id), present)

    def setup_warnings(self, plan_id: str, held_on: date, present: list[str]) -> list[str]:
        """What the chair should see before starting the meeting (none of it refuses the start): a
        date in the future, or more than a plan cycle in the past (the minutes will say when it was
        recorded, not its times), a meeting of the plan on that date already, a quorum not met."""
        from storage.minutes.render import short_date

        warnings = []
        if held_on > self.today():
            warnings.append(f"{short_date(held_on)} is in the future (today is {short_date(self.today())})")
        elif (ago := (self.today() - held_on).days) > self.plan(plan_id).meeting_cycle_days:
            warnings.append(f"{short_date(held_on)} is {ago} days ago: recording a past meeting? its times will be "
                            "the day you record it")
        if any(m.held_on == held_on for m in self._store.meetings(plan_id)):
            warnings.append(f"A meeting of {plan_id} was held on {short_date(held_on)} already — start another?")
        found = self.quorum(plan_id, present)
        if found is not None and not found.met:
            warnings.append(found.setup_words())
        return warnings

    def check_attendance(self, plan_id: str, present: list[str], apologies: list[str]) -> None:
        """ValueError, naming them, when someone is both present and giving apologies."""
        both = [p for p in present if p in set(apologies)]
        if both:
            plan = self.plan(plan_id)
            names = {p.id: p.name for p in plan.people}
            shown = ", ".join(names.get(p, p) for p in both)
            raise ValueError(f"{shown}: ticked as both present and giving apologies; tick one")

    # -- closing ----------------------------------------------------------------------

    def next_meeting_default(self, meeting: Meeting) -> NextMeeting:
        """The date offered for the next meeting: a plan cycle after this one, off weekends and bank holidays."""
        plan = self.plan(meeting.plan_id)
        return next_meeting_day(meeting.held_on, plan.meeting_cycle_days, plan.meeting.holidays)

    def read_next_meeting(self, meeting: Meeting, text: str) -> DueReading:
        """The date of the next meeting as typed (any one-day form, as a due date, perhaps after its
        weekday, as offered: 'Monday 4 January 2027'); blank: to be arranged. A day not after this
        meeting's, or a weekday that is not the date's, is a problem."""
        from storage.minutes.render import long_date

        found = read_due(text)  # the weekday, if given, checked there (as for a due date)
        if found.problem:
            return found
        if found.day is not None and found.day <= meeting.held_on:
            return DueReading(None, problem=f"{found.words} is not after this meeting "
                                            f"({long_date(meeting.held_on)})")
        return found

    def nothing_recorded(self, meeting: Meeting) -> bool:
        """True when the meeting recorded no status, rating, value, note, decision, action arising
        (nor a status of one), declaration or approval, and no status, rating or indicator value was
        typed during it (its minutes report those): the close offers to abandon it."""
        return not self._store.recorded_anything(meeting.id) and not self._store.typed_during(meeting)

    def no_minutes(self, plan_id: str) -> str:
        """Why a plan with no meeting kept has no minutes: 'plan ni15 has no meetings yet', or that
        its only meetings were abandoned, named by date ('its only meeting (1 Dec 2026) was abandoned')."""
        from storage.minutes.render import short_date

        gone = [m for m in self._store.meetings(plan_id, include_abandoned=True) if m.abandoned]
        if not gone:
            return f"plan {plan_id} has no meetings yet"
        days = ", ".join(short_date(m.held_on) for m in reversed(gone))
        if len(gone) == 1:
            return f"plan {plan_id} has no minutes: its only meeting ({days}) was abandoned"
        return f"plan {plan_id} has no minutes: its {len(gone)} meetings ({days}) were abandoned"

    def abandon_meeting(self, meeting: Meeting, reason: str = "") -> Meeting:
        """Mark the open meeting abandoned, in one transaction (never deleted: what it recorded
        stays in the history); MeetingClosed if it is closed or abandoned already."""
        self._store.abandon_meeting(meeting.id, reason, meeting.chair)
        return self._store.meeting(meeting.id)

    def abandon_takes_out(self, meeting: Meeting, *, done: bool = False) -> str:
        """What abandoning the meeting does to what was recorded at it, in words for the chair's
        confirmation: 'The 1 status recorded at it will not count: ...' ('' when nothing was);
        `done`, once it is abandoned: '... does not count: ...'."""
        from storage.plan.wording import counted

        statuses, ratings, values, proposals = self._store.recorded_counts(meeting.id)
        parts = [counted(n, *words) for n, words in ((statuses, ("status", "statuses")), (ratings, ("risk rating",)),
                                                     (values, ("indicator value",))) if n]
        if not parts:
            return ""
        what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        count = ("do not" if statuses + ratings + values > 1 else "does not") if done else "will not"
        answered = (f"; the {counted(proposals, 'officer update')} it answered "
                    f"{'is' if proposals == 1 else 'are'} pending again") if proposals else ""
        return (f"The {what} recorded at it {count} count: each item stands as it did before the meeting "
                f"(kept in its history, marked abandoned){answered}.")
