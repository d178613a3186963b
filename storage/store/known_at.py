"""What a meeting knew: the records a closed meeting's read-only walk-through shows.

The minutes' bound (storage/store/minutes_reads.py, `KNOWN`): a record made at the meeting, outside
any meeting while it ran (`steerco record`, `rate-risk`, `indicator` typed during it: the minutes
report it), or before it opened (its `started_at`, compared as stored UTC text); anything recorded
since is not the meeting's. An officer's
proposal is the meeting's while it waited at the close: taken in by then and not yet answered or
superseded by then. Functions of a `Store` (its `conn` and `_rows`), as
storage/store/period_results.py; nothing here writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from storage.store.corrections import until_closed
from storage.store.kept import kept
from storage.store.minutes_reads import KNOWN, value_bound
from storage.store.records import IndicatorValue, Proposal, Rating, Update, when

if TYPE_CHECKING:
    from storage.store.records import Meeting
    from storage.store.store import Store

_HISTORY = f"SELECT * FROM updates WHERE plan_id = :plan AND action_id = :item AND {KNOWN} ORDER BY id DESC"
_CODES = (f"SELECT action_id, rag FROM updates WHERE id IN (SELECT max(id) FROM updates WHERE plan_id = :plan "
          f"AND action_id IN (SELECT value FROM json_each(:items)) AND {KNOWN} GROUP BY action_id)")
_RATINGS = (f"SELECT * FROM risk_ratings WHERE id IN (SELECT max(id) FROM risk_ratings WHERE plan_id = :plan "
            f"AND {KNOWN} GROUP BY risk_id)")
_VALUES = f"SELECT * FROM indicator_values WHERE plan_id = :plan AND {KNOWN}"
_PENDING_AT_CLOSE = f"""
SELECT p.* FROM proposals p WHERE p.plan_id = :plan AND p.kind = :kind AND p.item_id = :item
AND p.imported_at <= :closed
AND NOT EXISTS (SELECT 1 FROM updates u WHERE u.proposal_id = p.id AND u.recorded_at <= :closed
                AND {kept("u.meeting_id")})
AND NOT EXISTS (SELECT 1 FROM risk_ratings r WHERE r.proposal_id = p.id AND r.recorded_at <= :closed
                AND {kept("r.meeting_id")})
AND NOT EXISTS (SELECT 1 FROM superseded_proposals x WHERE x.proposal_id = p.id AND x.at <= :closed
                AND {kept("x.meeting_id")})
ORDER BY p.written_at DESC, p.id DESC
"""


def history_known(store: Store, meeting: Meeting, action_id: str) -> list[Update]:
    """The action's updates the meeting knew, newest first."""
    rows = store._rows(_HISTORY, {**value_bound(meeting), "item": action_id})
    return [Update(**{**r, "recorded_at": when(r["recorded_at"])}) for r in rows]


def codes_known(store: Store, meeting: Meeting, action_ids: Iterable[str]) -> dict[str, str]:
    """The status code of each of these actions the meeting knew last (none known: left out)."""
    params = {**value_bound(meeting), "items": json.dumps(sorted(set(action_ids)))}
    return dict(store.conn.execute(_CODES, params).fetchall())


def ratings_known(store: Store, meeting: Meeting) -> dict[str, Rating]:
    """Each risk's latest rating the meeting knew, by risk id."""
    return {r["risk_id"]: Rating(**{**r, "recorded_at": when(r["recorded_at"])})
            for r in store._rows(_RATINGS, value_bound(meeting))}


def values_known(store: Store, meeting: Meeting, indicator_id: str | None = None) -> list[IndicatorValue]:
    """The indicator values (of the plan, or of one indicator) the meeting knew, oldest first."""
    sql, params = _VALUES, value_bound(meeting)
    if indicator_id is not None:
        sql, params = sql + " AND indicator_id = :item", {**params, "item": indicator_id}
    return [IndicatorValue(**{**r, "recorded_at": when(r["recorded_at"])})
            for r in store._rows(sql + " ORDER BY id", params)]


def pending_at_close(store: Store, meeting: Meeting, kind: str, item_id: str) -> list[Proposal]:
    """The proposals on one action or risk still waiting when the meeting closed, newest first."""
    rows = store._rows(_PENDING_AT_CLOSE, {"plan": meeting.plan_id, "kind": kind, "item": item_id,
                                           "closed": until_closed(meeting)})
    return [Proposal(**{**r, "imported_at": when(r["imported_at"])}) for r in rows]
