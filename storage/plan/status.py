"""The status rules every view shares, each written once, without the plan model.

Complete, late, stale, changed since the last meeting, improved or worsened, the statuses the
agenda by exception raises, and reading a status word: the home screen, the dashboard, the
walk-through, the agenda, `steerco status`, the minutes, the importer and `steerco record`
all call these. They take a plan's scale as plain values (codes, names, ranks), because the
home screen counts from plan outlines before pydantic and `storage/plan/model.py` are
imported (docs/performance.md, figure 1); the model has thin wrappers (`Plan.complete_code`,
`Plan.status_code`, ...).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache

UNRATED_CODE = "-"
COMPLETE_CODE = "B"  # complete on the default scale; a plan's own is `Plan.complete_code`
#: The default scale's codes and ranks (`storage.plan.model.DEFAULT_RAG_SCALE`), for views without a plan.
DEFAULT_RANKS: tuple[tuple[str, int], ...] = (("R", 0), ("A", 1), ("G", 2), ("B", 3))

#: The default scale's colour words, read wherever the plan's scale has the code.
COLOUR_WORDS: Mapping[str, str] = {"red": "R", "amber": "A", "green": "G", "blue": "B"}
#: The word for the plan's complete status (its highest rank), whatever its code and name.
COMPLETE_WORD = "complete"
#: What an action arising can be; the first two are still open (and so can be late).
ARISING_OPEN = ("open", "carried forward")


def complete_code(ranks: Iterable[tuple[str, int]]) -> str:
    """The code of complete: the highest rank on the scale of (code, rank) pairs (the first
    listed, should two share it)."""
    return max(ranks, key=lambda pair: pair[1])[0]


def earliest_due(due: date | None, milestones: Iterable[date | None] = ()) -> date | None:
    """The date an action is late after: the first of its own due date and its open milestones'
    (`Action.late_due`; the plan outline keeps it per action)."""
    dates = [d for d in (due, *milestones) if d is not None]
    return min(dates) if dates else None


def is_late(due: date | None, rag: str | None, today: date, complete: str = COMPLETE_CODE,
            milestones: Iterable[date | None] = ()) -> bool:
    """Past its resolved deadline, or any open milestone past its own (`milestones`: their due
    dates; or pass `earliest_due` as `due`), and not complete (`complete`: the plan's highest rank).

    `due` is the date the deadline's words resolve to (storage/plan/deadlines.py), so every kind
    of deadline meets this one rule: a date is late after its day; a recurring deadline ("quarterly")
    resolves to no fixed date, and its next occurrence (`Action.next_due(today)`) is never before
    today, so it is never late; a standing commitment ("maintain ... for the term") has no due
    date and is never late; an invalid or unresolved one has none until the plan gives `due:`."""
    first = earliest_due(due, milestones) if milestones else due  # (): the common case, no list built
    return first is not None and first < today and rag != complete


def late_sql(due: str, rag: str, today: str, complete: str) -> str:
    """`is_late` as an SQL expression, for a query over many actions (`steerco status --json`):
    `due` names a column of ISO dates (the earliest due, milestones folded in), `rag` one of
    status codes (NULL: not yet rated), `today` and `complete` the parameters holding today's
    ISO date and the complete code. ISO dates order as text. The same rule, not a second one:
    tests/test_status_rules.py holds the two equal over dates, codes and NULLs."""
    return f"({due} IS NOT NULL AND {due} < {today} AND {rag} IS NOT {complete})"


#: How a status never given reads, in every view; a narrow column shows `NOT_RATED_MARK` and says so in its key.
NOT_RATED = "Not yet rated"
NOT_RATED_MARK = "–"
#: How a stored status whose code is not on its plan's scale reads (a code the plan's scale has
#: since dropped or renamed): the code itself, marked with a symbol that is not a colour.
OFF_SCALE = "not on the scale"
OFF_SCALE_MARK = "?"
#: How a risk never re-rated since the plan's register reads, in every view.
AS_REGISTERED = "as registered"
OVERDUE = "OVERDUE"
#: Why an action is on the agenda by exception, beside a status that raises it by itself (the
#: scale's names: red, amber) and `NOT_RATED` (only when the setup includes actions not yet rated):
#: one wording for the setup, the agenda preview and docs/meeting-keys.md.
EXCEPTION_OVERDUE = "overdue"
EXCEPTION_CHANGED = "changed since the last meeting"
EXCEPTION_PROPOSED = "an officer's update waits"


def overdue_words(due: date | None, today: date, milestones: Iterable[tuple[str, date | None]] = ()) -> str:
    """How every view marks a late action (`is_late`), saying why when its own deadline has not
    passed: 'OVERDUE' when `due` (its date, or a recurring deadline's next) is before `today`;
    else the first open milestone past its date ((text, due) pairs): 'OVERDUE (milestone: Needs
    assessment published, due 2026-06-30)'; with no milestone given, 'OVERDUE (a milestone)'."""
    if due is not None and due < today:
        return OVERDUE
    past = sorted((d, text) for text, d in milestones if d is not None and d < today)
    if not past:
        return f"{OVERDUE} (a milestone)"
    first, text = past[0]
    return f"{OVERDUE} (milestone: {text}, due {first.isoformat()})"


def is_off_scale(code: str | None, codes: Collection[str]) -> bool:
    """A stored status code that is neither 'not yet rated' nor on the scale's `codes`."""
    return code is not None and code not in ("", UNRATED_CODE) and code not in codes


def off_scale_sql(code: str, codes: str) -> str:
    """`is_off_scale` as an SQL expression, for a query over many actions (`steerco status --json`'s
    `on_scale`): `code` names a column of stored codes (NULL: not yet rated), `codes` an SQL list
    of the scale's codes, such as a subquery the store writes. The same rule, not a second one:
    tests/test_status_rules.py holds the two equal over codes and NULLs."""
    unrated = ", ".join(f"'{c}'" for c in ("", UNRATED_CODE))
    return f"({code} IS NOT NULL AND {code} NOT IN ({unrated}) AND {code} NOT IN {codes})"


def off_scale_words(code: str) -> str:
    """'? D (not on the scale)': how every view names a status `is_off_scale` finds (the app's
    mark and code, then its name; the minutes and the pack in every format)."""
    return f"{OFF_SCALE_MARK} {code} ({OFF_SCALE})"


def is_arising_late(due: date | None, status: str, today: date) -> bool:
    """An action arising past its due date and still open or carried forward."""
    return due is not None and due < today and status in ARISING_OPEN


def stale_before(today: date, cycle_days: int) -> datetime:
    """The first instant (local midnight) of the earliest local day that is not stale."""
    return _local_midnight(today - timedelta(days=cycle_days), time.tzname, time.timezone)


@lru_cache(maxsize=16)
def _local_midnight(day: date, _zone_names: tuple[str, str], _offset: int) -> datetime:
    """Cached by day and by zone (tests change TZ), as 10,000 rows ask for the same one."""
    return datetime.combine(day, datetime.min.time()).astimezone()


def is_stale(last: datetime | None, today: date, cycle_days: int) -> bool:
    """Last updated on a local day more than one meeting cycle before `today`: compared with
    one instant rather than converting each time to a local date (the same answer)."""
    return last is not None and last < stale_before(today, cycle_days)


def changed_since(recorded_at: datetime | None, last_closed_at: datetime | None) -> bool:
    """A status recorded after the last meeting closed (no closed meeting yet: not changed)."""
    return recorded_at is not None and last_closed_at is not None and recorded_at > last_closed_at


def change(before: str | None, after: str, ranks: Mapping[str, int]) -> str:
    """How a status moved, by rank: improved, worsened, unchanged, changed (a code off the
    scale, or one of the same rank), or not rated before."""
    if before is None or before == UNRATED_CODE:
        return "not rated before"
    if before == after:
        return "unchanged"
    old, new = ranks.get(before), ranks.get(after)
    if old is None or new is None or old == new:
        return "changed"
    return "improved" if new > old else "worsened"


#: What each status of a scale stands for, from its rank (`tones`); views colour by it.
OFF_TRACK, AT_RISK, ON_TRACK, COMPLETE = "off track", "at risk", "on track", "complete"


def tones(ranks: Iterable[tuple[str, int]]) -> dict[str, str]:
    """Each code of the scale ((code, rank) pairs) with its tone: the highest rank complete, the
    next on track, the lowest (on a scale of three ranks or more) off track, any between at
    risk. The default scale: R off track, A at risk, G on track, B complete."""
    pairs = list(ranks)
    distinct = sorted({rank for _, rank in pairs}, reverse=True)
    named = {distinct[0]: COMPLETE} if distinct else {}
    if len(distinct) > 1:
        named[distinct[1]] = ON_TRACK
    if len(distinct) > 2:
        named[distinct[-1]] = OFF_TRACK
    return {code: named.get(rank, AT_RISK) for code, rank in pairs}


def attention_codes(ranks: Iterable[tuple[str, int]]) -> list[str]:
    """The codes the agenda by exception raises: those off track or at risk (red and amber on
    the default scale; none on a scale of two ranks)."""
    return [code for code, tone in tones(ranks).items() if tone in (OFF_TRACK, AT_RISK)]


#: What a column of statuses is headed, and a status is called in a sentence, on any plan's scale
#: (not 'RAG': a plan's scale need not be red, amber and green).
STATUS_HEADING = "Status"


def attention_words(scale: Iterable[tuple[str, str, int]]) -> str:
    """The names of the statuses the agenda by exception raises (`attention_codes`) as a sentence
    says them, from the scale's (code, name, rank): 'Red or Amber', 'Not started or Delayed'; 'a
    status that needs attention' on a scale that raises none."""
    pairs = list(scale)
    raised = set(attention_codes((code, rank) for code, _, rank in pairs))
    names = [name for code, name, _ in pairs if code in raised]
    return " or ".join(names) if names else "a status that needs attention"


def parse_status(written: str, scale: Iterable[tuple[str, str]], complete: str) -> str | None:
    """The scale's code for a status as written, any case, or None when it is not on the scale:
    a code or a name of the scale ((code, name) pairs), one of the default scale's colour words
    (red, amber, green, blue) whose code the scale has, or 'complete' for `complete`."""
    wanted = written.strip().casefold()
    if not wanted:
        return None
    codes = []
    for code, name in scale:
        if wanted in (code.casefold(), name.strip().casefold()):
            return code
        codes.append(code)
    colour = COLOUR_WORDS.get(wanted)
    if colour is not None and colour in codes:
        return colour
    if wanted == COMPLETE_WORD and complete in codes:
        return complete
    return None


def closest_status(written: str, scale: Iterable[tuple[str, str]], complete: str | None = None) -> str | None:
    """The status of the scale ((code, name) pairs) closest to a word `parse_status` did not take,
    as 'C (Complete)', when one is close (difflib, over the scale's names, the colour words whose
    code it has and, with `complete`, 'complete'); None when nothing is."""
    pairs = [(code, name) for code, name in scale]
    codes = {code for code, _ in pairs}
    words = {name.strip().casefold(): code for code, name in pairs}
    words |= {word: code for word, code in COLOUR_WORDS.items() if code in codes and word not in words}
    if complete in codes and COMPLETE_WORD not in words:
        words[COMPLETE_WORD] = complete
    import difflib  # not before home's first paint, which imports this module (row 1)

    close = difflib.get_close_matches(written.strip().casefold(), list(words), n=1, cutoff=0.6)
    if not close:
        return None
    return next(f"{code} ({name})" for code, name in pairs if code == words[close[0]])


def did_you_mean(written: str, scale: Iterable[tuple[str, str]], complete: str | None = None) -> str:
    """'. Did you mean C (Complete)?' to end a sentence refusing a status word (`closest_status`), or ''."""
    close = closest_status(written, scale, complete)
    return f". Did you mean {close}?" if close else ""


def not_on_scale_words(plan_id: str, written: str, scale: Iterable[tuple[str, str]],
                       complete: str | None = None) -> str:
    """"status 'Green' is not on plan ni15's scale; choose one of D (Delayed), N (Not started), ...
    Did you mean ...?": the one refusal of a status word, wherever one is written (`steerco record`,
    the importers of update and status files, the service)."""
    pairs = [(code, name) for code, name in scale]
    choices = ", ".join(f"{code} ({name})" for code, name in pairs)
    return (f"status {written!r} is not on plan {plan_id}'s scale; choose one of {choices}"
            f"{did_you_mean(written, pairs, complete)}")


class StatusNotOnScale(ValueError):
    """A status code (or word) that is not on the plan's scale; the message (`not_on_scale_words`)
    names the codes allowed and, when one is close, the one meant ('did you mean C (Complete)?')."""

    def __init__(self, plan_id: str, written: str, scale: Iterable[tuple[str, str]],
                 complete: str | None = None) -> None:
        self.plan_id, self.written = plan_id, written
        self.allowed = [(code, name) for code, name in scale]
        super().__init__(not_on_scale_words(plan_id, written, self.allowed, complete))
