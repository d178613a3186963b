"""What the published record reads: the minutes of a meeting, its close summary and the action log.

A mixin of `Store` (it uses the store's `conn` and `_rows`); nothing here writes. The
minutes' reads are bounded by the meeting: what was recorded before it opened (its
`started_at`, compared as stored UTC text) and what was recorded at it, so an old
meeting's minutes read the same rows for ever.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from storage.plan.status import ARISING_OPEN
from storage.store.corrections import corrected_arising, latest_sql, until_closed
from storage.store.kept import kept
from storage.store.records import (
    ARISING_STATUSES,
    ArisingAtMeeting,
    IndicatorValue,
    LoggedArising,
    Meeting,
    Proposal,
    Rating,
    RatingBefore,
    Update,
    ValueReported,
    day,
    sql_list,
    when,
)

# Still open (storage.plan.status.ARISING_OPEN), and closed: every other status.
_OPEN = sql_list(ARISING_OPEN)
_CLOSED = sql_list(tuple(s for s in ARISING_STATUSES if s not in ARISING_OPEN))

# The status of each action ?4 (a JSON array) when meeting ?3 opened (?2): its latest update before then that
# stands (none at an abandoned meeting: storage/store/kept.py).
_STATUS_BEFORE = f"""
SELECT j.value, u.rag FROM json_each(?4) j
LEFT JOIN updates u ON u.id = (
    SELECT id FROM updates WHERE plan_id = ?1 AND action_id = j.value AND recorded_at < ?2
    AND (meeting_id IS NULL OR meeting_id != ?3) AND {kept()} ORDER BY id DESC LIMIT 1)
"""

# When plan :plan's previous meeting before meeting :m (opened :start) closed, of those closed and not abandoned: a
# record made after then and before :m opened was made between meetings (at a first meeting, NULL: every earlier one
# was made before it). One rule for the risks' and the indicators' minutes.
_SINCE = """since AS (
    SELECT max(c.closed_at) AS at FROM meetings m JOIN meeting_closures c ON c.meeting_id = m.id
    WHERE m.plan_id = :plan AND m.id < :m AND c.closed_at <= :start
    AND NOT EXISTS (SELECT 1 FROM meeting_abandonments a WHERE a.meeting_id = m.id))"""


def _since_last(row: str) -> str:
    """Whether record `row` came since `_SINCE`'s close (every record, at a first meeting)."""
    return f"(since.at IS NULL OR {row}.recorded_at > since.at)"


# The latest rating of each risk :ids (a JSON array) recorded before meeting :m of plan :plan opened (:start), when and
# how it was recorded, whether after the plan's previous closed meeting closed (`since`; at a first meeting, every
# rating is), and the rating that meeting left it at (`t`, NULL: none recorded by then).
_RISKS_BEFORE = f"""
WITH {_SINCE}
SELECT j.value, r.impact, r.likelihood, r.rating, r.recorded_at, r.author, r.source,
    {_since_last("r")}, since.at IS NULL, t.rating, r.note
FROM json_each(:ids) j CROSS JOIN since
LEFT JOIN risk_ratings r ON r.id = (
    SELECT id FROM risk_ratings WHERE plan_id = :plan AND risk_id = j.value AND recorded_at < :start
    AND (meeting_id IS NULL OR meeting_id != :m) AND {kept()} ORDER BY id DESC LIMIT 1)
LEFT JOIN risk_ratings t ON t.id = (
    SELECT id FROM risk_ratings WHERE plan_id = :plan AND risk_id = j.value AND recorded_at <= since.at
    AND (meeting_id IS NULL OR meeting_id != :m) AND {kept()} ORDER BY id DESC LIMIT 1)
"""

# A record (a status update, a risk rating or an indicator value) made outside any meeting while meeting :m was open
# (from :start until it closed, :until; '9' while it is still open): `steerco record`, `rate-risk` or `indicator`
# typed during the meeting, which its minutes report as the meeting's, with who and the route. The one rule for the
# three kinds (each query adds its plan: `plan_id = :plan`); `during("r")` of row r.
def during(row: str = "") -> str:
    at = f"{row}." if row else ""
    return f"({at}meeting_id IS NULL AND {at}recorded_at >= :start AND {at}recorded_at <= :until)"


DURING = during()

# The meeting's own records, as its minutes and its close summary give them: recorded at it, or during it (`DURING`).
AT_OR_DURING = f"(meeting_id = :m OR {DURING})"

# The records meeting :m knew, of any kind (the one rule, for its read-only walk-through, the indicator values of its
# minutes and close summary, and the results a relative target is worked out on): its own (`AT_OR_DURING`), or
# recorded before it opened.
KNOWN = f"({AT_OR_DURING} OR (recorded_at < :start AND {kept()}))"

# Each value of plan :plan's indicators meeting :m knew as (indicator, period, id), by indicator in record order: the
# order of the index read, so no sort (~2 ms for the benchmark's 2,000 values, where a GROUP BY of indicator and
# period took ~6 and building every value as a record ~7 more).
_INDICATOR_VALUE_KEYS = f"""
SELECT indicator_id, period, id FROM indicator_values WHERE plan_id = :plan AND {KNOWN}
ORDER BY indicator_id, id
"""

# The values :ids (a JSON array) as meeting :m of plan :plan reports them: whether each was recorded outside any
# meeting while it was open (`DURING`), and whether since the previous meeting closed (`_SINCE`).
_VALUES_REPORTED = f"""
WITH {_SINCE}
SELECT v.*, {DURING} AS during, {_since_last("v")} AS since_last, since.at IS NULL AS first
FROM indicator_values v CROSS JOIN since WHERE v.id IN (SELECT value FROM json_each(:ids)) ORDER BY v.id
"""


# Actions arising from earlier meetings of plan :plan created before meeting :m opened (:start),
# with their latest status before then and the status agreed at :m; those still open when it
# opened, or given a status at it; text, owner and due as corrected by :m's close (:until), withdrawn ones left out.
# The status before is each one's latest row through the index (row 7: a GROUP BY over every
# status row before :start, 7,277 at the benchmark's scale, took ~9 ms of a cold first read, this ~7).
_MATTERS_ARISING = f"""
WITH agreed AS MATERIALIZED (
    SELECT arising_id, status, note, max(id) FROM arising_status WHERE meeting_id = :m GROUP BY arising_id)
SELECT a.ref, CASE WHEN c.id IS NULL THEN a.text ELSE c.text END AS text,
       CASE WHEN c.id IS NULL THEN a.owner ELSE c.owner END AS owner,
       CASE WHEN c.id IS NULL THEN a.due ELSE c.due END AS due,
       b.status AS before, g.status AS agreed, g.note AS agreed_note
FROM actions_arising a
LEFT JOIN record_corrections c ON c.id = {latest_sql("arising", "a.id", ":until")}
LEFT JOIN arising_status b ON b.id = (
    SELECT max(id) FROM arising_status WHERE arising_id = a.id AND at < :start)
LEFT JOIN agreed g ON g.arising_id = a.id
WHERE a.plan_id = :plan AND a.meeting_id != :m AND a.created_at < :start
  AND (b.status IN ({_OPEN}) OR g.status IS NOT NULL) AND c.withdrawn IS NOT 1
ORDER BY a.id
"""

# Every action arising (as last corrected; not a withdrawn one) with its current status and, when
# done or dropped, the status row that closed it (the first done/dropped after the last time it
# was open or carried forward).
_ACTION_LOG = f"""
SELECT a.id, a.ref, a.plan_id, a.text, a.owner, a.due, a.meeting_id, a.status, a.status_note,
       m.held_on,
       c.at AS closed_at, c.meeting_id AS closed_meeting_id
FROM {corrected_arising()} a
JOIN meetings m ON m.id = a.meeting_id
LEFT JOIN arising_status c ON a.status IN ({_CLOSED}) AND c.id = (
    SELECT min(s.id) FROM arising_status s
    WHERE s.arising_id = a.id AND s.status IN ({_CLOSED}) AND s.id > coalesce(
        (SELECT max(o.id) FROM arising_status o
         WHERE o.arising_id = a.id AND o.status IN ({_OPEN})), 0))
WHERE {{where}}
ORDER BY a.plan_id, a.id
"""


def opened_at(meeting: Meeting) -> str:
    """The moment the meeting opened as the store writes times: what 'before it' is compared to."""
    return meeting.started_at.astimezone(UTC).isoformat(timespec="microseconds")


def value_bound(meeting: Meeting) -> dict[str, object]:
    """The parameters of `DURING`, `AT_OR_DURING` and `KNOWN` for the meeting (with :plan, its plan)."""
    return {"plan": meeting.plan_id, "m": meeting.id, "start": opened_at(meeting), "until": until_closed(meeting)}


def _left(meeting: Meeting, ids: Iterable[str]) -> dict[str, object]:
    return {**value_bound(meeting), "ids": json.dumps(sorted(set(ids)))}


# Of items :ids (a JSON array) of plan :plan, the record each was left at when meeting :m closed (its latest by then,
# in record order; :until '9' while open: its latest now), where that was recorded during the meeting outside it
# (`DURING`): the meeting's last word on the item. Each through its item's index from the newest row back to the
# first recorded by then (for the latest meeting, the first), never a scan of the table by time, which has no index
# (~3 s on the benchmark's 1,000,000 updates).
_LEFT_DURING = f"""
SELECT r.* FROM json_each(:ids) j JOIN {{table}} r ON r.id = (
    SELECT id FROM {{table}} WHERE plan_id = :plan AND {{item}} = j.value AND recorded_at <= :until
    ORDER BY id DESC LIMIT 1)
WHERE {during("r")}
ORDER BY r.id
"""


class MinutesReadsMixin:
    conn: sqlite3.Connection
    _rows: Callable[..., list[dict[str, Any]]]

    # -- what a meeting recorded ------------------------------------------------------

    def meeting_updates(self, meeting_id: int) -> list[Update]:
        """Every progress update recorded in a meeting, oldest first."""
        rows = self._rows("SELECT * FROM updates WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [Update(**{**r, "recorded_at": when(r["recorded_at"])}) for r in rows]

    def meeting_ratings(self, meeting_id: int) -> list[Rating]:
        """Every risk rating recorded in a meeting, oldest first."""
        rows = self._rows("SELECT * FROM risk_ratings WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [Rating(**{**r, "recorded_at": when(r["recorded_at"])}) for r in rows]

    def updates_left_during(self, meeting: Meeting, action_ids: Iterable[str]) -> dict[str, Update]:
        """The status each of these actions was left at when the meeting closed (still open: now),
        where that was recorded outside any meeting while it was open (`DURING`: `steerco record`
        typed during it, its `meeting_id` None): its minutes and close summary give it as the
        meeting's last word on the action, with who and the route. One index probe an action."""
        rows = self._rows(_LEFT_DURING.format(table="updates", item="action_id"), _left(meeting, action_ids))
        return {r["action_id"]: Update(**{**r, "recorded_at": when(r["recorded_at"])}) for r in rows}

    def ratings_left_during(self, meeting: Meeting, risk_ids: Iterable[str]) -> dict[str, Rating]:
        """The rating each of these risks was left at when the meeting closed (still open: now),
        where that was recorded outside any meeting while it was open (`DURING`: `steerco
        rate-risk` typed during it), as `updates_left_during`."""
        rows = self._rows(_LEFT_DURING.format(table="risk_ratings", item="risk_id"), _left(meeting, risk_ids))
        return {r["risk_id"]: Rating(**{**r, "recorded_at": when(r["recorded_at"])}) for r in rows}

    def meeting_ratings_count(self, meeting: Meeting) -> tuple[int, int]:
        """How many risks a meeting rated and indicator values (one a period) it recorded, or its
        minutes report as typed during it (`DURING`): one recorded again corrects the first and
        counts once."""
        bound = value_bound(meeting)
        ratings = self.conn.execute("SELECT count(DISTINCT risk_id) FROM risk_ratings "
                                    f"WHERE plan_id = :plan AND {AT_OR_DURING}", bound)
        values = self.conn.execute("SELECT count(*) FROM (SELECT DISTINCT indicator_id, period FROM indicator_values "
                                   f"WHERE plan_id = :plan AND {AT_OR_DURING})", bound)
        return int(ratings.fetchone()[0]), int(values.fetchone()[0])

    def typed_during(self, meeting: Meeting) -> bool:
        """Whether its minutes report a record made outside any meeting while this one was open
        (`DURING`): a status one of its agenda's actions was left at, a risk rating or an indicator
        value. Such a meeting did not record nothing."""
        actions = [item.ref for item in meeting.agenda if item.kind == "action" and item.ref]
        if self.updates_left_during(meeting, actions):
            return True
        exists = [f"EXISTS (SELECT 1 FROM {table} WHERE plan_id = :plan AND {DURING})"
                  for table in ("risk_ratings", "indicator_values")]
        found = self.conn.execute(f"SELECT {' OR '.join(exists)}", value_bound(meeting))
        return bool(found.fetchone()[0])

    def entered_positions(self, meeting_id: int) -> set[int]:
        """The agenda positions the chair has opened at least once."""
        rows = self.conn.execute(
            "SELECT DISTINCT position FROM item_events WHERE meeting_id = ? AND event = 'enter'", [meeting_id])
        return {int(r[0]) for r in rows}

    def proposals_by_id(self, ids: Iterable[int]) -> dict[int, Proposal]:
        """The proposals with these ids, by id; an id not stored is left out."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self._rows(f"SELECT * FROM proposals WHERE id IN ({', '.join('?' for _ in wanted)})", wanted)
        return {r["id"]: Proposal(**{**r, "imported_at": when(r["imported_at"])}) for r in rows}

    # -- what stood before -------------------------------------------------------------

    def statuses_before(self, plan_id: str, before_update_id: int) -> dict[str, str]:
        """The RAG code of each action of the plan as it stood before update `before_update_id`."""
        rows = self.conn.execute(
            "SELECT action_id, rag FROM updates WHERE id IN (SELECT max(id) FROM updates "
            f"WHERE plan_id = ? AND id < ? AND {kept()} GROUP BY action_id)", [plan_id, before_update_id])
        return {action_id: rag for action_id, rag in rows}

    def statuses_when_opened(self, meeting: Meeting, action_ids: Iterable[str]) -> dict[str, str | None]:
        """Each action's RAG code as the meeting found it (None: never rated before it)."""
        ids = json.dumps(sorted(action_ids))
        return dict(self.conn.execute(_STATUS_BEFORE, [meeting.plan_id, opened_at(meeting), meeting.id, ids]))

    def ratings_when_opened(self, meeting: Meeting, risk_ids: Iterable[str]) -> dict[str, RatingBefore]:
        """Each risk re-rated before the meeting opened: its latest rating then, and whether that
        came since the plan's previous closed meeting (`RatingBefore`)."""
        params = {"plan": meeting.plan_id, "start": opened_at(meeting), "m": meeting.id,
                  "ids": json.dumps(list(risk_ids))}
        rows = self.conn.execute(_RISKS_BEFORE, params)
        return {risk_id: RatingBefore(impact, likelihood, rating, datetime.fromisoformat(at), author, source,
                                      bool(since), bool(first), then, note)
                for risk_id, impact, likelihood, rating, at, author, source, since, first, then, note in rows
                if impact is not None}

    def indicator_value_keys_at(self, meeting: Meeting) -> list[tuple[str, str, int]]:
        """The values the meeting knew (`KNOWN`: recorded at it, before it opened, or outside
        any meeting while it was open), by indicator in record order, as (indicator id, period, id):
        the minutes choose each indicator's latest of them (`storage.plan.period_order.latest_value`),
        then read those (`values_reported`)."""
        return self.conn.execute(_INDICATOR_VALUE_KEYS, value_bound(meeting)).fetchall()

    def values_reported(self, meeting: Meeting, ids: Iterable[int]) -> list[ValueReported]:
        """The indicator values with these ids, in record order, each with how the meeting reports it
        (`ValueReported`: outside the walk-through while it was open, or since the previous meeting)."""
        rows = self._rows(_VALUES_REPORTED, {**value_bound(meeting), "ids": json.dumps(sorted(set(ids)))})
        out = []
        for r in rows:
            during, since_last, first = bool(r.pop("during")), bool(r.pop("since_last")), bool(r.pop("first"))
            out.append(ValueReported(IndicatorValue(**{**r, "recorded_at": when(r["recorded_at"])}),
                                     during, since_last, first))
        return out

    def matters_arising(self, meeting: Meeting) -> list[ArisingAtMeeting]:
        """The earlier meetings' actions arising that were open when this one opened, or given a
        status at it, oldest first."""
        params = {"start": opened_at(meeting), "m": meeting.id, "plan": meeting.plan_id, "until": until_closed(meeting)}
        return [ArisingAtMeeting(r["ref"], r["text"], r["owner"], day(r["due"]), r["before"], r["agreed"],
                                 r["agreed_note"])
                for r in self._rows(_MATTERS_ARISING, params)]

    # -- the plan a record was made on ------------------------------------------------

    def plan_version_at(self, meeting: Meeting) -> int | None:
        """The newest plan version stored for the meeting's plan when it opened (else the newest)."""
        found = self.conn.execute(
            "SELECT id FROM plan_versions WHERE plan_id = ? ORDER BY (first_seen <= ?) DESC, id DESC LIMIT 1",
            [meeting.plan_id, meeting.started_at.isoformat(timespec="microseconds")]).fetchone()
        return None if found is None else int(found[0])

    def latest_plan_version(self, plan_id: str) -> int | None:
        """The newest plan version stored for the plan, if any."""
        row = self.conn.execute("SELECT max(id) FROM plan_versions WHERE plan_id = ?", [plan_id]).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    # -- the action log ----------------------------------------------------------------

    def plans_with_actions_arising(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT plan_id FROM actions_arising ORDER BY plan_id")]

    def plans_with_meetings(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT plan_id FROM meetings ORDER BY plan_id")]

    def action_log(self, plan_id: str | None = None, *, open_only: bool = False) -> list[LoggedArising]:
        """Every action arising of one plan (or of all), by plan then oldest first, with the
        moment and meeting that closed it when done or dropped."""
        where, params = "1 = 1", []
        if plan_id is not None:
            where, params = "a.plan_id = ?", [plan_id]
        if open_only:
            where += f" AND a.status IN ({_OPEN})"
        return [LoggedArising(ref, plan, text, owner, day(due), meeting_id, status, note,
                              date.fromisoformat(held_on), when(closed_at), closed_meeting)
                for (_, ref, plan, text, owner, due, meeting_id, status, note, held_on, closed_at, closed_meeting)
                in self.conn.execute(_ACTION_LOG.format(where=where), params)]
