"""Filling a store with years of history: meetings (attendance, agenda, time per item,
notes, decisions, actions arising, risk re-ratings, indicator values) and progress updates.

Rows go in with executemany in one transaction on a plain sqlite3 connection (rollback
journal, synchronous off), into the schema `Store.open` built; the store is switched back
to WAL at the end. A million updates take some seconds.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks import vocab as v

if TYPE_CHECKING:
    from benchmarks.generate import Sizes

LAST_MEETING = date(2026, 3, 26)
HISTORY_ITEMS = 40  # action items on the agenda of an ordinary (historic) meeting
RAGS = "RAGB"


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def _insert(conn: sqlite3.Connection, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    marks = ", ".join("?" for _ in columns.split(","))
    conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


class _Filler:
    def __init__(self, conn: sqlite3.Connection, plan: dict[str, Any], sizes: Sizes, version_id: int) -> None:
        self.conn, self.sizes, self.version_id = conn, sizes, version_id
        self.rng = random.Random(f"store-{sizes.seed}")
        self.plan_id = plan["id"]
        names = {p["id"]: p["name"] for p in plan["people"]}
        names.update({o["id"]: o["name"] for o in plan["organisations"]})
        names.update({g["id"]: g["name"] for g in plan["groups"]})
        self.actions = [(a["id"], a["title"], names.get(a.get("owner", ""), a["lead"]))
                        for theme in plan["themes"] for a in theme["actions"]]
        self.risks = [(r["id"], r["description"]) for r in plan["risks"]]
        self.indicators = [(i["id"], i["title"]) for i in plan["indicators"]]
        self.people = plan["people"]
        board = plan["groups"][0]["members"]
        self.board = [next(p for p in plan["people"] if p["id"] == m["person"]) for m in board if m.get("person")]
        self.rag = [self.rng.choice("RAG") for _ in self.actions]
        self.notes = [n.format(place=self.rng.choice(v.PLACES), n=self.rng.randint(5, 120))
                      for n in v.NOTES for _ in range(12)]
        self.counts: dict[str, int] = {}
        self.arising_id = 0
        self.open_arising: list[int] = []

    def add(self, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            _insert(self.conn, table, columns, rows)
            self.counts[table] = self.counts.get(table, 0) + len(rows)

    def next_rag(self, a: int) -> str:
        if self.rng.random() < 0.25:
            self.rag[a] = RAGS[min(3, max(0, RAGS.index(self.rag[a]) + self.rng.choice((-1, 1, 1))))]
        return self.rag[a]

    def update(self, a: int, at: datetime, source: str, meeting_id: int | None) -> tuple[Any, ...]:
        action_id, _, owner = self.actions[a]
        return (self.plan_id, action_id, self.next_rag(a), self.rng.choice(self.notes), owner, _stamp(at),
                source, meeting_id)

    def meeting(self, j: int, held_on: date, after: date, n_updates: int, last: bool) -> None:
        rng, meeting_id = self.rng, j + 1
        start = datetime.combine(held_on, time(10, 0), UTC)
        chair = self.board[0]
        self.add("meetings", "id, plan_id, held_on, chair, agenda_mode, started_at, title, plan_version_id",
                 [(meeting_id, self.plan_id, held_on.isoformat(), chair["name"], "all" if last else "exception",
                   _stamp(start), f"Steering group {held_on:%B %Y}", self.version_id)])
        present = rng.sample(self.board[1:], min(len(self.board) - 1, 14))
        self.add("attendance", "meeting_id, name, person_id, organisation, status, position",
                 [(meeting_id, p["name"], p["id"], p.get("organisation"),
                   "present" if k < len(present) - 3 else "apologies", k + 2) for k, p in enumerate(present)]
                 + [(meeting_id, chair["name"], chair["id"], chair.get("organisation"), "present", 1)])
        n_items = self.sizes.minutes_items if last else min(HISTORY_ITEMS, len(self.actions))
        chosen = sorted(rng.sample(range(len(self.actions)), n_items))
        # Officers' updates between meetings, then the updates given at the meeting.
        in_meeting = min(n_updates, n_items)
        span = max(1, int((start - datetime.combine(after, time(9, 0), UTC)).total_seconds()))
        moments = sorted(rng.randrange(span) for _ in range(n_updates - in_meeting))
        self.add("updates", "plan_id, action_id, rag, note, author, recorded_at, source, meeting_id",
                 [self.update(rng.randrange(len(self.actions)), start - timedelta(seconds=span - s),
                              "officer-file" if rng.random() < 0.6 else "command-line", None) for s in moments])
        agenda = [("matters_arising", None, "Matters arising", 300)]
        agenda += [("action", self.actions[a][0], self.actions[a][1], 60) for a in chosen]
        agenda += [("risk", r, d, 120) for r, d in rng.sample(self.risks, min(5, len(self.risks)))]
        agenda += [("indicator", i, t, 120) for i, t in rng.sample(self.indicators, min(2, len(self.indicators)))]
        agenda.append(("aob", None, "Any other business", 300))
        self.add("agenda_items", "meeting_id, position, kind, ref, title, allotted_seconds",
                 [(meeting_id, pos, *item) for pos, item in enumerate(agenda, 1)])
        clock, events, notes, decisions, updates, ratings, values = start, [], [], [], [], [], []
        for pos, (kind, ref, _, _) in enumerate(agenda, 1):
            events.append((meeting_id, pos, "enter", _stamp(clock)))
            at = clock + timedelta(seconds=rng.randint(5, 30))
            if kind == "action" and pos - 2 < in_meeting:
                updates.append(self.update(chosen[pos - 2], at, "meeting", meeting_id))
            if kind == "action" and rng.random() < 0.5:
                notes.append((meeting_id, pos, rng.choice(self.notes), chair["name"], _stamp(at)))
            if kind == "action" and rng.random() < 0.1:
                decisions.append((meeting_id, pos, rng.choice(v.DECISIONS), _stamp(at)))
            if kind == "risk":
                impact, likelihood = rng.randint(1, 5), rng.randint(1, 5)
                ratings.append((self.plan_id, ref, impact, likelihood, impact * likelihood, None,
                                rng.choice(v.NOTES[:3]), chair["name"], _stamp(at), "meeting", meeting_id))
            if kind == "indicator":
                values.append((self.plan_id, ref, f"{held_on.year} Q{(held_on.month - 1) // 3 + 1}",
                               round(rng.uniform(0.5, 500), 2), "", chair["name"], _stamp(at), "meeting", meeting_id))
            clock += timedelta(seconds=rng.randint(20, 120))
            events.append((meeting_id, pos, "leave", _stamp(clock)))
        self.add("updates", "plan_id, action_id, rag, note, author, recorded_at, source, meeting_id", updates)
        self.add("item_events", "meeting_id, position, event, at", events)
        self.add("item_notes", "meeting_id, position, text, author, at", notes)
        self.add("decisions", "meeting_id, position, text, at", decisions)
        self.add("risk_ratings", "plan_id, risk_id, impact, likelihood, rating, residual, note, author, "
                 "recorded_at, source, meeting_id", ratings)
        self.add("indicator_values", "plan_id, indicator_id, period, value, note, author, recorded_at, "
                 "source, meeting_id", values)
        self.arising(meeting_id, held_on, start, len(agenda))
        self.add("meeting_closures", "meeting_id, closed_at, next_meeting",
                 [(meeting_id, _stamp(clock), (held_on + timedelta(days=7)).isoformat())])

    def arising(self, meeting_id: int, held_on: date, start: datetime, n_items: int) -> None:
        """Last meeting's actions arising are settled (matters arising); three new ones are agreed."""
        rng, at = self.rng, _stamp(start + timedelta(minutes=1))
        statuses = [(a, "done" if rng.random() < 0.7 else "carried forward", meeting_id, "", at)
                    for a in self.open_arising]
        self.open_arising = [a for a, status, *_ in statuses if status != "done"]
        rows = []
        for k in range(3):
            self.arising_id += 1
            owner = rng.choice(self.people)
            rows.append((self.arising_id, f"M{meeting_id}/{k + 1}", meeting_id, self.plan_id,
                         rng.randint(1, n_items), rng.choice(v.ARISING), owner["name"],
                         (held_on + timedelta(days=28)).isoformat(), at))
            statuses.append((self.arising_id, "open", meeting_id, "", at))
            self.open_arising.append(self.arising_id)
        self.add("actions_arising", "id, ref, meeting_id, plan_id, position, text, owner, due, created_at", rows)
        self.add("arising_status", "arising_id, status, meeting_id, note, at", statuses)


def fill_store(db_path: Path, plan: dict[str, Any], sizes: Sizes, version_id: int) -> dict[str, int]:
    """Fill the (new, empty) store at `db_path`, whose plan snapshot is `version_id`;
    returns the rows added per table."""
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -400000")
        filler = _Filler(conn, plan, sizes, version_id)
        meetings = max(1, sizes.meetings)
        conn.execute("BEGIN")
        previous = LAST_MEETING - timedelta(days=7 * meetings)
        for j in range(meetings):
            held_on = LAST_MEETING - timedelta(days=7 * (meetings - 1 - j))
            n = sizes.updates * (j + 1) // meetings - sizes.updates * j // meetings
            filler.meeting(j, held_on, previous + timedelta(days=1), n, last=j == meetings - 1)
            previous = held_on
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    return filler.counts
