"""The store: every update, rating, indicator value and meeting, kept for ever in SQLite.

Nothing is updated or deleted; the current state of anything is its latest row. Every
write method is exactly one committed transaction begun with BEGIN IMMEDIATE, so two
processes writing at once queue on the busy timeout instead of failing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.plan.ids import fold_id
from storage.store.abandon import AbandonMixin
from storage.store.agreed import AgreedMixin
from storage.store.arising_carry import ArisingCarryMixin
from storage.store.chart_reads import ChartReadsMixin
from storage.store.corrections import CorrectionsMixin
from storage.store.formalities import FormalitiesMixin
from storage.store.kept import kept
from storage.store.meetings import MeetingsMixin
from storage.store.minutes_reads import MinutesReadsMixin
from storage.store.opening import (
    MeetingClosed,
    StoreError,
    check_place,
    connect,
    connect_reader,
    connect_untouched,
    failure,
    inspect,
    is_read_only,
    migrate,
)
from storage.store.proposals import ProposalsMixin
from storage.store.records import SOURCES, IndicatorValue, Rating, Update, when
from storage.store.schema_version import SCHEMA_VERSION, TREND_LENGTH
from storage.store.sessions import SessionsMixin

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.plan.model import Plan

__all__ = ["SCHEMA_VERSION", "MeetingClosed", "Store", "StoreError"]

Clock = Callable[[], datetime]

# Each action's latest update and its trend, from the trigger-kept action_state table
# (storage/store/schema.py, migration 3): 10,000 primary-key lookups for a 10,000-action plan,
# whatever the number of updates behind them. Its rows are the updates that stand: abandoning a
# meeting refolds the actions it touched (storage/store/kept.py).
_CURRENT = "SELECT u.*, s.trend FROM action_state s JOIN updates u ON u.id = s.update_id WHERE s.plan_id = ?"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _opened(path: Path, how: Callable[[Path], sqlite3.Connection]) -> sqlite3.Connection:
    try:
        return how(path)
    except sqlite3.Error as exc:
        raise StoreError(failure(path, exc)) from None


class Store(MeetingsMixin, AbandonMixin, ProposalsMixin, MinutesReadsMixin, AgreedMixin, ArisingCarryMixin,
            FormalitiesMixin, SessionsMixin, CorrectionsMixin, ChartReadsMixin):
    """One steerco store file. Open with `Store.open(path)`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = utc_now) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.backup_path: Path | None = None
        self.commits = 0  # write transactions committed through this store: what an error later must not deny

    @classmethod
    def open(cls, path: Path | str, clock: Clock = utc_now, *, write: bool = True, as_is: bool = False) -> Store:
        """Open the store at `path`; StoreError, one line, if it is no place for one or not ours.

        A writer creates a missing store and migrates an older one forward (with a backup); a
        reader (`write=False`) refuses a missing one and reads through a connection that cannot
        write (an older store is migrated first, if it can be written). `as_is` (with
        `write=False`: `steerco check` and `backup`) opens an existing store exactly as it is,
        whatever its schema, through a read-only connection that changes not a byte of it."""
        path = Path(path)
        check_place(path, write=write)
        found = inspect(path)
        if not write and found == 0:  # a reader leaves an empty file as it is, as `check` does
            raise StoreError(f"{path} holds no store yet (an empty file)")
        if as_is and not write:
            return cls(_opened(path, connect_untouched), path, clock)
        if not write and found == SCHEMA_VERSION:
            return cls(_opened(path, connect_reader), path, clock)
        if not write and (why := is_read_only(path)) is not None:
            raise StoreError(f"{path} was written by an older steerco (schema {found}) and {why}; "
                             "copy it to a writable folder to upgrade it")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot make the store's folder {path.parent}: {exc.strerror or exc}") from None
        store = cls(_opened(path, connect), path, clock)
        if found < SCHEMA_VERSION:
            try:
                store.backup_path = migrate(store.conn, path, found, clock)
            except sqlite3.Error as exc:
                store.close()
                raise StoreError(failure(path, exc)) from None
            if not write:
                store.close()
                return cls(_opened(path, connect_reader), path, clock)
        return store

    @cached_property
    def db(self) -> Database:
        """The same connection as a sqlite-utils `Database`, for ad-hoc inspection and tests.

        Imported on first use: the store's own queries run on `conn`, and sqlite-utils costs
        ~0.1 s to import, which app start does without."""
        from sqlite_utils import Database

        return Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------

    def _now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="microseconds")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, taking the write lock up front."""
        conn = self.conn
        if conn.in_transaction:
            raise StoreError("a write is already in progress on this connection")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:  # rolled back: this write left nothing
            raise self._write_failed(exc) from None
        self.commits += 1

    def _write_failed(self, exc: sqlite3.Error) -> StoreError:
        """A write that left nothing, worded by the store's rule (never 'nothing was changed' once a
        write has been committed through this store)."""
        return StoreError(failure(self.path, exc, nothing="nothing was changed" if not self.commits
                                  else "this change was not recorded", during="write"))

    def describe(self, exc: sqlite3.Error, recorded: str | None = None, *, since_writes: bool = True) -> str:
        """The one line for an SQLite error on this store: never "nothing was changed" once a
        write has been committed through it (`recorded` says which, else the count; not with
        `since_writes=False`, for a session's reads, where earlier writes are long done)."""
        if recorded is None and self.commits and since_writes:
            recorded = "the change before it was recorded" if self.commits == 1 else \
                f"the {self.commits} changes before it were recorded"
        return failure(self.path, exc, recorded=recorded, during="use")

    def describe_error(self, exc: BaseException, *, since_writes: bool = True) -> str | None:
        """`describe`'s line for an SQLite error; None for any other."""
        return self.describe(exc, since_writes=since_writes) if isinstance(exc, sqlite3.Error) else None

    @contextmanager
    def reading_back(self, recorded: str) -> Iterator[None]:
        """Reads after a write: an SQLite error is a StoreError saying `recorded` was stored."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(self.describe(exc, recorded)) from None

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self.conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        return [dict(zip(keys, row)) for row in cursor]

    @staticmethod
    def _check_source(source: str) -> None:
        if source not in SOURCES:
            raise StoreError(f"unknown source {source!r}; one of {', '.join(SOURCES)}")

    # -- plan versions ----------------------------------------------------------------

    def remember_plan(self, plan: Plan) -> int:
        """The id of this exact plan content in plan_versions, storing a snapshot if new."""
        snapshot = plan.model_dump_json()
        digest = hashlib.sha256(snapshot.encode()).hexdigest()
        found = self.conn.execute("SELECT id FROM plan_versions WHERE content_hash = ?", [digest]).fetchone()
        if found:
            return int(found[0])
        with self._write():
            found = self.conn.execute("SELECT id FROM plan_versions WHERE content_hash = ?", [digest]).fetchone()
            if found:
                return int(found[0])
            version_id = self._insert("plan_versions", {
                "plan_id": plan.id, "version": plan.version or "", "content_hash": digest,  # "": states none
                "snapshot_json": snapshot, "first_seen": self._now(),
            })
            from storage.store.snapshot_actions import store_cut  # not at import: opening a store needs no pydantic

            store_cut(self.conn, version_id, snapshot)  # the minutes read it cut per action (row 7)
            return version_id

    def plan_version_names(self, version_ids: Iterable[int]) -> dict[int, str]:
        """The plan's own version, as written ('3.2'), of each of these plan_versions rows."""
        ids = sorted(set(version_ids))
        if not ids:
            return {}
        rows = self.conn.execute(
            f"SELECT id, version FROM plan_versions WHERE id IN ({', '.join('?' for _ in ids)})", ids)
        return {int(row_id): version for row_id, version in rows}

    def plan_version_id(self, plan_id: str, version: str) -> int | None:
        """The newest stored snapshot of the plan at its version `version` ('3.2'), if any."""
        row = self.conn.execute("SELECT id FROM plan_versions WHERE plan_id = ? AND version = ? "
                                "ORDER BY id DESC LIMIT 1", [plan_id, version]).fetchone()
        return None if row is None else int(row[0])

    def plan_snapshot(self, version_id: int) -> Plan:
        row = self.conn.execute("SELECT snapshot_json FROM plan_versions WHERE id = ?", [version_id]).fetchone()
        if row is None:
            raise StoreError(f"no plan version {version_id}")
        from storage.plan.model import Plan  # not at import: opening a store needs no pydantic

        return Plan.model_validate_json(row[0])

    # -- progress updates -------------------------------------------------------------

    def record_update(self, plan_id: str, action_id: str, rag: str, note: str, author: str, source: str, *,
                      meeting_id: int | None = None, plan_version_id: int | None = None,
                      proposal_id: int | None = None) -> int:
        """Append a progress update; returns its id once committed."""
        self._check_source(source)
        with self._write():
            self._refuse_if_closed(meeting_id)
            return self._insert("updates", {
                "plan_id": plan_id, "action_id": action_id, "rag": rag.upper(), "note": note,
                "author": author, "recorded_at": self._now(), "source": source,
                "meeting_id": meeting_id, "plan_version_id": plan_version_id, "proposal_id": proposal_id,
            })

    @staticmethod
    def _update(row: dict[str, Any]) -> Update:
        return Update(**{**row, "recorded_at": when(row["recorded_at"])})

    def current_statuses(self, plan_id: str) -> dict[str, Update]:
        """The latest update of every action of the plan that has one (orphans included), of
        those that stand (none at an abandoned meeting: storage/store/kept.py)."""
        return self.statuses_and_trends(plan_id)[0]

    def trends(self, plan_id: str, limit: int = TREND_LENGTH) -> dict[str, list[str]]:
        """The last `limit` (at most TREND_LENGTH) RAG codes of every action, oldest first."""
        return self.statuses_and_trends(plan_id, limit)[1]

    def statuses_and_trends(self, plan_id: str, limit: int = TREND_LENGTH, action_ids: Iterable[str] | None = None
                            ) -> tuple[dict[str, Update], dict[str, list[str]]]:
        """`current_statuses` and `trends` in one query of `action_state` (of these actions only, if given)."""
        if not 0 < limit <= TREND_LENGTH:
            raise ValueError(f"a trend is 1 to {TREND_LENGTH} codes long, not {limit}")
        if action_ids is None:
            cursor = self.conn.execute(_CURRENT, [plan_id])
        else:
            cursor = self.conn.execute(_CURRENT + " AND s.action_id IN (SELECT value FROM json_each(?))",
                                       [plan_id, json.dumps(list(action_ids))])
        keys = [d[0] for d in cursor.description][:-1]
        at = keys.index("recorded_at")
        current: dict[str, Update] = {}
        trends: dict[str, list[str]] = {}
        for *values, codes in cursor:
            values[at] = when(values[at])
            update = Update(**dict(zip(keys, values)))
            current[update.action_id] = update
            trends[update.action_id] = json.loads(codes)[-limit:]
        return current, trends

    def current_codes(self, plan_id: str) -> dict[str, str]:
        """The current status code of every action of the plan that has one (orphans included).

        As one JSON object built by SQLite: sqlite3 lets go of the GIL while SQLite works and takes
        it back for each row returned, so from a worker thread 10,000 rows waited 10,000 times on a
        busy UI thread (benchmark row 9: 20-350 ms, against ~5 ms for one row)."""
        (found,) = self.conn.execute("SELECT json_group_object(action_id, rag) FROM action_state WHERE plan_id = ?",
                                     [plan_id]).fetchone()
        return dict(json.loads(found))

    def latest_codes(self, plan_id: str, stale_before: datetime) -> dict[str, tuple[str, bool]]:
        """(RAG code, whether recorded before `stale_before`) of every action's latest update
        (orphans included): what the home screen counts, without building an Update each."""
        rows = self.conn.execute(
            "SELECT action_id, rag, julianday(recorded_at) < julianday(?) FROM action_state WHERE plan_id = ?",
            [stale_before.isoformat(), plan_id])
        return {action_id: (rag, bool(old)) for action_id, rag, old in rows}

    def history(self, plan_id: str, action_id: str, *, standing: bool = False) -> list[Update]:
        """Every update of one action, newest first (`standing`: only those that stand, none at an
        abandoned meeting: storage/store/kept.py)."""
        only = f" AND {kept()}" if standing else ""
        rows = self._rows(f"SELECT * FROM updates WHERE plan_id = ? AND action_id = ?{only} ORDER BY id DESC",
                          [plan_id, action_id])
        return [self._update(row) for row in rows]

    def orphaned_updates(self, plan: Plan) -> list[Update]:
        """Current updates of actions that are no longer in the plan (kept, never dropped)."""
        known = {action.id for _, action in plan.actions()}
        current = self.current_statuses(plan.id)
        return [u for a, u in sorted(current.items()) if a not in known]

    # -- risks ------------------------------------------------------------------------

    def rate_risk(self, plan_id: str, risk_id: str, impact: int, likelihood: int, note: str, author: str,
                  source: str, *, residual: int | None = None, meeting_id: int | None = None,
                  plan_version_id: int | None = None, proposal_id: int | None = None) -> int:
        """Append a risk rating (rating = impact × likelihood); returns its id."""
        self._check_source(source)
        for name, score in (("impact", impact), ("likelihood", likelihood)):
            if not 1 <= int(score) <= 5:
                raise StoreError(f"{name} must be 1 to 5, not {score}")
        with self._write():
            self._refuse_if_closed(meeting_id)
            return self._insert("risk_ratings", {
                "plan_id": plan_id, "risk_id": risk_id, "impact": impact, "likelihood": likelihood,
                "rating": impact * likelihood, "residual": residual, "note": note, "author": author,
                "recorded_at": self._now(), "source": source, "meeting_id": meeting_id,
                "plan_version_id": plan_version_id, "proposal_id": proposal_id,
            })

    @staticmethod
    def _rating(row: dict[str, Any]) -> Rating:
        return Rating(**{**row, "recorded_at": when(row["recorded_at"])})

    def current_risk_ratings(self, plan_id: str) -> dict[str, Rating]:
        """Each risk's latest rating that stands (none at an abandoned meeting: storage/store/kept.py)."""
        rows = self._rows(
            "SELECT * FROM risk_ratings WHERE id IN "
            f"(SELECT max(id) FROM risk_ratings WHERE plan_id = ? AND {kept()} GROUP BY risk_id)", [plan_id])
        return {row["risk_id"]: self._rating(row) for row in rows}

    def risk_history(self, plan_id: str, risk_id: str) -> list[Rating]:
        """Every rating of one risk, newest first."""
        rows = self._rows("SELECT * FROM risk_ratings WHERE plan_id = ? AND risk_id = ? ORDER BY id DESC",
                          [plan_id, risk_id])
        return [self._rating(row) for row in rows]

    # -- by author ------------------------------------------------------------------

    def entries_by_author(self, plan_id: str, authors: Iterable[str], sources: Iterable[str],
                          since: date | None = None) -> tuple[list[Update], list[Rating]]:
        """The plan's updates and risk ratings written by any of `authors` (compared trimmed
        and case-insensitively) from any of `sources`, recorded on or after `since` (a UTC
        date, or an aware datetime), each list oldest first: what an officer exports.

        One query per table, on the (plan_id, item, id) index; the rest is filtered
        row by row, which suits an officer's own store (see docs/store.md).
        """
        wanted = sorted({fold_id(a) for a in authors})
        kinds = sorted(set(sources))
        if not wanted or not kinds:
            return [], []
        if isinstance(since, datetime):
            floor = since.astimezone(UTC).isoformat(timespec="microseconds")
        else:
            floor = since.isoformat() if since else ""
        # Names match as ids do (`fold_id`): SQLite's lower() folds ASCII only, so 'ÜMIT' missed 'Ümit'.
        self.conn.create_function("fold_id", 1, lambda v: fold_id(v) if isinstance(v, str) else v, deterministic=True)
        where = (f"plan_id = ? AND fold_id(author) IN ({', '.join('?' for _ in wanted)}) "
                 f"AND source IN ({', '.join('?' for _ in kinds)}) AND recorded_at >= ? ORDER BY id")
        params = [plan_id, *wanted, *kinds, floor]
        updates = [self._update(row) for row in self._rows(f"SELECT * FROM updates WHERE {where}", params)]
        ratings = [self._rating(row) for row in self._rows(f"SELECT * FROM risk_ratings WHERE {where}", params)]
        return updates, ratings

    # -- indicators -------------------------------------------------------------------

    def record_indicator(self, plan_id: str, indicator_id: str, period: str, value: float, note: str,
                         author: str, source: str, *, meeting_id: int | None = None) -> int:
        """Append an indicator value for a period; returns its id."""
        self._check_source(source)
        with self._write():
            self._refuse_if_closed(meeting_id)
            return self._insert("indicator_values", {
                "plan_id": plan_id, "indicator_id": indicator_id, "period": period, "value": float(value),
                "note": note, "author": author, "recorded_at": self._now(), "source": source,
                "meeting_id": meeting_id,
            })

    def indicator_values(self, plan_id: str, indicator_id: str | None = None) -> list[IndicatorValue]:
        """Indicator values of the plan (or of one indicator) that stand (none recorded at an
        abandoned meeting: storage/store/kept.py), oldest first."""
        sql, params = f"SELECT * FROM indicator_values WHERE plan_id = ? AND {kept()}", [plan_id]
        if indicator_id is not None:
            sql, params = sql + " AND indicator_id = ?", params + [indicator_id]
        rows = self._rows(sql + " ORDER BY id", params)
        return [IndicatorValue(**{**row, "recorded_at": when(row["recorded_at"])}) for row in rows]
