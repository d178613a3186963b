"""The store's schema, built by sqlite-utils `Migrations` and versioned in `PRAGMA user_version`.

Every table is append-only: triggers refuse UPDATE and DELETE, and the current state of
anything is its latest row (highest id). Add a migration at the end, never edit one that
has shipped, and bump SCHEMA_VERSION (in `storage.store.schema_version`) to the number of migrations.
"""

from __future__ import annotations

import json

from sqlite_utils import Database, Migrations

from storage.store.kept import kept, refold_action_state
from storage.store.records import trend_codes
from storage.store.schema_version import APP, SCHEMA_VERSION, TREND_LENGTH

__all__ = ["APP", "SCHEMA_VERSION", "migrations"]

MIGRATION_SET = "steerco"
migrations = Migrations(MIGRATION_SET)

TABLES = """
CREATE TABLE steerco_meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL,
    version TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    snapshot_json TEXT NOT NULL,
    first_seen TEXT NOT NULL
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL,
    held_on TEXT NOT NULL,
    chair TEXT NOT NULL,
    agenda_mode TEXT NOT NULL,
    started_at TEXT NOT NULL,
    plan_version_id INTEGER REFERENCES plan_versions(id),
    title TEXT
);
CREATE TABLE meeting_closures (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings(id),
    closed_at TEXT NOT NULL,
    next_meeting TEXT
);
CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    name TEXT NOT NULL,
    person_id TEXT,
    organisation TEXT,
    status TEXT NOT NULL CHECK (status IN ('present', 'apologies', 'guest')),
    position INTEGER NOT NULL
);
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('matters_arising', 'action', 'risk', 'indicator', 'aob')),
    ref TEXT,
    title TEXT NOT NULL,
    allotted_seconds INTEGER NOT NULL,
    UNIQUE (meeting_id, position)
);
CREATE TABLE item_events (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('enter', 'leave')),
    at TEXT NOT NULL
);
CREATE TABLE item_notes (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE actions_arising (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    plan_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    due TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE arising_status (
    id INTEGER PRIMARY KEY,
    arising_id INTEGER NOT NULL REFERENCES actions_arising(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'carried forward', 'dropped')),
    meeting_id INTEGER REFERENCES meetings(id),
    note TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE TABLE imported_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    entries INTEGER NOT NULL
);
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL,
    plan_version TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'risk')),
    item_id TEXT NOT NULL,
    rag TEXT,
    impact INTEGER,
    likelihood INTEGER,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    written_at TEXT NOT NULL,
    imported_file_id INTEGER NOT NULL REFERENCES imported_files(id),
    imported_at TEXT NOT NULL
);
CREATE TABLE updates (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL,
    action_id TEXT NOT NULL,
    rag TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('meeting', 'officer-file', 'command-line', 'app')),
    meeting_id INTEGER REFERENCES meetings(id),
    plan_version_id INTEGER REFERENCES plan_versions(id),
    proposal_id INTEGER REFERENCES proposals(id)
);
CREATE TABLE risk_ratings (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL,
    risk_id TEXT NOT NULL,
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    rating INTEGER NOT NULL,
    residual INTEGER,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('meeting', 'officer-file', 'command-line', 'app')),
    meeting_id INTEGER REFERENCES meetings(id),
    plan_version_id INTEGER REFERENCES plan_versions(id),
    proposal_id INTEGER REFERENCES proposals(id)
);
CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL,
    indicator_id TEXT NOT NULL,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('meeting', 'officer-file', 'command-line', 'app')),
    meeting_id INTEGER REFERENCES meetings(id)
)
"""

APPEND_ONLY = (
    "plan_versions", "meetings", "meeting_closures", "attendance", "agenda_items",
    "item_events", "item_notes", "decisions", "actions_arising", "arising_status",
    "imported_files", "proposals", "updates", "risk_ratings", "indicator_values",
)

INDEXES = """
CREATE INDEX updates_by_action ON updates (plan_id, action_id, id);
CREATE INDEX updates_by_proposal ON updates (proposal_id) WHERE proposal_id IS NOT NULL;
CREATE INDEX updates_by_meeting ON updates (meeting_id) WHERE meeting_id IS NOT NULL;
CREATE INDEX risk_ratings_by_risk ON risk_ratings (plan_id, risk_id, id);
CREATE INDEX risk_ratings_by_proposal ON risk_ratings (proposal_id) WHERE proposal_id IS NOT NULL;
CREATE INDEX indicator_values_by_indicator ON indicator_values (plan_id, indicator_id, id);
CREATE INDEX meetings_by_plan ON meetings (plan_id, id);
CREATE INDEX attendance_by_meeting ON attendance (meeting_id, position);
CREATE INDEX item_events_by_meeting ON item_events (meeting_id, id);
CREATE INDEX item_notes_by_item ON item_notes (meeting_id, position, id);
CREATE INDEX decisions_by_meeting ON decisions (meeting_id, id);
CREATE INDEX actions_arising_by_plan ON actions_arising (plan_id, id);
CREATE INDEX actions_arising_by_meeting ON actions_arising (meeting_id, id);
CREATE INDEX arising_status_by_arising ON arising_status (arising_id, id);
CREATE INDEX proposals_by_item ON proposals (plan_id, kind, item_id, id);
CREATE INDEX plan_versions_by_plan ON plan_versions (plan_id, id)
"""

VIEWS = """
CREATE VIEW current_action_status AS
    SELECT u.* FROM updates u
    WHERE u.id IN (SELECT max(id) FROM updates GROUP BY plan_id, action_id);
CREATE VIEW current_risk_rating AS
    SELECT r.* FROM risk_ratings r
    WHERE r.id IN (SELECT max(id) FROM risk_ratings GROUP BY plan_id, risk_id);
CREATE VIEW current_arising_status AS
    SELECT a.*, s.status AS status, s.note AS status_note, s.at AS status_at,
           s.meeting_id AS status_meeting_id
    FROM actions_arising a
    JOIN arising_status s
      ON s.id = (SELECT max(id) FROM arising_status WHERE arising_id = a.id);
CREATE VIEW open_actions_arising AS
    SELECT * FROM current_arising_status WHERE status IN ('open', 'carried forward')
"""


def _run(db: Database, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_tables(db: Database) -> None:
    """Every table, with its constraints, and the app marker."""
    _run(db, TABLES)
    db.execute("INSERT INTO steerco_meta (key, value) VALUES ('app', ?)", [APP])


@migrations()
def m002_indexes_views_append_only(db: Database) -> None:
    """Indexes for the current-status queries, the documented views, append-only triggers."""
    _run(db, INDEXES)
    _run(db, VIEWS)
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


ACTION_STATE = (
    """CREATE TABLE action_state (
        plan_id TEXT NOT NULL,
        action_id TEXT NOT NULL,
        update_id INTEGER NOT NULL REFERENCES updates(id),
        rag TEXT NOT NULL,
        note TEXT NOT NULL,
        author TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        trend TEXT NOT NULL,
        PRIMARY KEY (plan_id, action_id)
    ) WITHOUT ROWID""",
    f"""CREATE TRIGGER updates_keep_action_state AFTER INSERT ON updates BEGIN
        INSERT INTO action_state (plan_id, action_id, update_id, rag, note, author, recorded_at, trend)
        VALUES (new.plan_id, new.action_id, new.id, new.rag, new.note, new.author, new.recorded_at,
                json_array(new.rag))
        ON CONFLICT (plan_id, action_id) DO UPDATE SET
            update_id = excluded.update_id, rag = excluded.rag, note = excluded.note,
            author = excluded.author, recorded_at = excluded.recorded_at,
            trend = CASE WHEN json_array_length(trend) >= {TREND_LENGTH}
                         THEN json_remove(json_insert(trend, '$[#]', new.rag), '$[0]')
                         ELSE json_insert(trend, '$[#]', new.rag) END
        WHERE excluded.update_id > action_state.update_id;
    END""",
)


@migrations()
def m003_action_state(db: Database) -> None:
    """Each action's latest update (its RAG, note, author and time) and last six codes, kept
    by a trigger as updates go in.

    Derived, never the record: `updates` stays append-only and is the history; this table is
    what `status`, the dashboard and home read instead of walking a million updates. The
    trigger keeps it in the same transaction as the insert; existing updates are folded in
    here, once, in id order (SQLite 3.40 has no ORDER BY inside json_group_array).
    """
    for statement in ACTION_STATE:
        db.execute(statement)
    state: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for update_id, plan_id, action_id, rag in db.execute(
            "SELECT id, plan_id, action_id, rag FROM updates ORDER BY id"):
        codes = state.get((plan_id, action_id), (0, []))[1]
        codes.append(rag)
        state[(plan_id, action_id)] = (update_id, codes[-TREND_LENGTH:])
    db.conn.executemany(
        "INSERT INTO action_state (plan_id, action_id, update_id, rag, note, author, recorded_at, trend) "
        "SELECT ?, ?, id, rag, note, author, recorded_at, ? FROM updates WHERE id = ?",
        [(p, a, json.dumps(codes), update_id) for (p, a), (update_id, codes) in state.items()])



SUPERSEDED = (
    """CREATE TABLE superseded_proposals (
        id INTEGER PRIMARY KEY,
        proposal_id INTEGER NOT NULL UNIQUE REFERENCES proposals(id),
        by_proposal_id INTEGER NOT NULL REFERENCES proposals(id),
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        meeting_id INTEGER REFERENCES meetings(id)
    )""",
    "CREATE INDEX superseded_proposals_by_newer ON superseded_proposals (by_proposal_id)",
    *(f"CREATE TRIGGER superseded_proposals_no_{verb.lower()} BEFORE {verb} ON superseded_proposals "
      "BEGIN SELECT RAISE(ABORT, 'superseded_proposals is append-only'); END" for verb in ("UPDATE", "DELETE")),
)

# The proposals still pending on the item of proposal `:settled` that are older than it
# (written earlier, or at the same time and imported earlier), each with `:settled`.
_OLDER_PENDING = """
    SELECT o.id AS id, s.id AS settled FROM proposals s
    JOIN proposals o ON o.plan_id = s.plan_id AND o.kind = s.kind AND o.item_id = s.item_id
    WHERE s.id = {settled} AND o.id <> s.id
      AND (o.written_at < s.written_at OR (o.written_at = s.written_at AND o.id < s.id))
      AND NOT EXISTS (SELECT 1 FROM updates u WHERE u.proposal_id = o.id)
      AND NOT EXISTS (SELECT 1 FROM risk_ratings r WHERE r.proposal_id = o.id)
      AND NOT EXISTS (SELECT 1 FROM superseded_proposals x WHERE x.proposal_id = o.id)
"""

SETTLE_TRIGGERS = tuple(
    f"""CREATE TRIGGER {table}_supersede_older_proposals AFTER INSERT ON {table}
    WHEN new.proposal_id IS NOT NULL BEGIN
        INSERT INTO superseded_proposals (proposal_id, by_proposal_id, author, at, meeting_id)
        SELECT older.id, older.settled, new.author, new.recorded_at, new.meeting_id
        FROM ({_OLDER_PENDING.format(settled="new.proposal_id")}) AS older;
    END""" for table in ("updates", "risk_ratings")
) + (
    # A proposal imported after a newer one on its item was settled is superseded on arrival,
    # by the chair who settled the newer one, at the time of the import, at no meeting (so the
    # minutes of that meeting stay as they were).
    """CREATE TRIGGER proposals_superseded_on_arrival AFTER INSERT ON proposals BEGIN
        INSERT INTO superseded_proposals (proposal_id, by_proposal_id, author, at, meeting_id)
        SELECT new.id, s.id, d.author, new.imported_at, NULL
        FROM proposals s
        JOIN (SELECT proposal_id, author FROM updates WHERE proposal_id IS NOT NULL
              UNION ALL SELECT proposal_id, author FROM risk_ratings WHERE proposal_id IS NOT NULL
             ) AS d ON d.proposal_id = s.id
        WHERE s.plan_id = new.plan_id AND s.kind = new.kind AND s.item_id = new.item_id AND s.id <> new.id
          AND (s.written_at > new.written_at OR (s.written_at = new.written_at AND s.id > new.id))
        ORDER BY s.written_at DESC, s.id DESC LIMIT 1;
    END""",
)


@migrations()
def m004_proposals_settle_as_a_set(db: Database) -> None:
    """Accepting or overriding a proposal settles every older pending one on the same item.

    `superseded_proposals` (append-only) records each proposal settled that way: the newer
    proposal that settled it, who settled that one and when. Triggers keep it in the same
    transaction as the chair's update or rating (or as the import of a proposal older than
    one already settled). Stores from before: every older proposal still pending behind one
    the chair has already answered is marked here, in the order the answers were recorded.
    """
    for statement in SUPERSEDED:
        db.execute(statement)
    settled = "SELECT author, recorded_at, meeting_id, proposal_id FROM {table} WHERE proposal_id IS NOT NULL"
    answers = db.execute(
        f"SELECT * FROM ({settled.format(table='updates')} UNION ALL {settled.format(table='risk_ratings')}) "
        "ORDER BY recorded_at").fetchall()
    for author, recorded_at, meeting_id, proposal_id in answers:
        db.execute(
            "INSERT INTO superseded_proposals (proposal_id, by_proposal_id, author, at, meeting_id) "
            f"SELECT older.id, older.settled, ?, ?, ? FROM ({_OLDER_PENDING.format(settled='?')}) AS older",
            [author, recorded_at, meeting_id, proposal_id])
    for statement in SETTLE_TRIGGERS:
        db.execute(statement)


AGREED = """
CREATE TABLE agreed_positions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'risk', 'arising')),
    item_id TEXT NOT NULL,
    rag TEXT,
    impact INTEGER CHECK (impact BETWEEN 1 AND 5),
    likelihood INTEGER CHECK (likelihood BETWEEN 1 AND 5),
    note TEXT NOT NULL DEFAULT '',
    text TEXT,
    owner TEXT,
    due TEXT,
    agreed_on TEXT NOT NULL,
    agreed_at TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX agreed_positions_by_item ON agreed_positions (plan_id, kind, item_id, agreed_at);
CREATE INDEX agreed_positions_by_file ON agreed_positions (file_sha256)
"""


@migrations()
def m005_agreed_positions(db: Database) -> None:
    """The positions chairs' meetings agreed, as an officer's store takes them in from status
    files (storage/store/agreed.py, docs/update-file.md "The way back"): one append-only row per
    position, known by the hash of what it says (`uid`), so a file taken twice adds nothing."""
    _run(db, AGREED)
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER agreed_positions_no_{verb.lower()} BEFORE {verb} ON agreed_positions "
                   "BEGIN SELECT RAISE(ABORT, 'agreed_positions is append-only'); END")


MEETING_RECORD = """
CREATE TABLE record_corrections (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    kind TEXT NOT NULL CHECK (kind IN ('note', 'decision', 'arising', 'declaration')),
    target_id INTEGER NOT NULL,
    withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    text TEXT,
    owner TEXT,
    due TEXT,
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX record_corrections_by_target ON record_corrections (kind, target_id, id);
CREATE INDEX record_corrections_by_meeting ON record_corrections (meeting_id, id);
CREATE TABLE meeting_abandonments (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings(id),
    reason TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE meeting_sessions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    event TEXT NOT NULL CHECK (event IN ('resume', 'suspend')),
    at TEXT NOT NULL
);
CREATE INDEX meeting_sessions_by_meeting ON meeting_sessions (meeting_id, id);
CREATE TABLE declarations (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    member TEXT NOT NULL,
    item TEXT NOT NULL,
    nature TEXT NOT NULL,
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX declarations_by_meeting ON declarations (meeting_id, id);
CREATE TABLE minutes_approvals (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    approved_meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings(id),
    position INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE agenda_items_6 (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('apologies', 'declarations', 'previous_minutes', 'matters_arising',
                                       'action', 'risk', 'indicator', 'aob')),
    ref TEXT,
    title TEXT NOT NULL,
    allotted_seconds INTEGER NOT NULL,
    UNIQUE (meeting_id, position)
);
INSERT INTO agenda_items_6 SELECT id, meeting_id, position, kind, ref, title, allotted_seconds FROM agenda_items;
DROP TABLE agenda_items;
ALTER TABLE agenda_items_6 RENAME TO agenda_items
"""

MEETING_RECORD_APPEND_ONLY = (
    "record_corrections", "meeting_abandonments", "meeting_sessions", "declarations", "minutes_approvals",
    "agenda_items",
)

# A meeting gives an action one entry in its trend, the status it ended on: an update in the
# same meeting as the one it follows replaces that one's code instead of adding one.
ACTION_STATE_BY_MEETING = (
    "DROP TRIGGER updates_keep_action_state",
    f"""CREATE TRIGGER updates_keep_action_state AFTER INSERT ON updates BEGIN
        INSERT INTO action_state (plan_id, action_id, update_id, rag, note, author, recorded_at, trend)
        VALUES (new.plan_id, new.action_id, new.id, new.rag, new.note, new.author, new.recorded_at,
                json_array(new.rag))
        ON CONFLICT (plan_id, action_id) DO UPDATE SET
            update_id = excluded.update_id, rag = excluded.rag, note = excluded.note,
            author = excluded.author, recorded_at = excluded.recorded_at,
            trend = CASE WHEN new.meeting_id IS NOT NULL
                              AND new.meeting_id IS (SELECT u.meeting_id FROM updates u
                                                     WHERE u.id = action_state.update_id)
                         THEN json_set(trend, '$[#-1]', new.rag)
                         WHEN json_array_length(trend) >= {TREND_LENGTH}
                         THEN json_remove(json_insert(trend, '$[#]', new.rag), '$[0]')
                         ELSE json_insert(trend, '$[#]', new.rag) END
        WHERE excluded.update_id > action_state.update_id;
    END""",
)


@migrations()
def m006_meeting_record(db: Database) -> None:
    """What issue 15's meeting record needs, all append-only: corrections of notes, decisions,
    actions arising and declarations (`record_corrections`: the latest row for a kind and target
    is what the record says, `withdrawn` takes it out); abandoned meetings; the app's sessions on
    a meeting (timers count only time it ran); declarations of interest; approvals of earlier
    minutes; the standing agenda items (apologies, declarations, previous minutes) as item kinds,
    so agenda_items is rebuilt with the wider CHECK; and trends with one code per meeting,
    existing trends folded again by that rule."""
    _run(db, MEETING_RECORD)
    for table in MEETING_RECORD_APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            db.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    for statement in ACTION_STATE_BY_MEETING:
        db.execute(statement)
    history: dict[tuple[str, str], list[tuple[str, int | None]]] = {}
    for plan_id, action_id, rag, meeting_id in db.execute(
            "SELECT plan_id, action_id, rag, meeting_id FROM updates ORDER BY id"):
        history.setdefault((plan_id, action_id), []).append((rag, meeting_id))
    db.conn.executemany("UPDATE action_state SET trend = ? WHERE plan_id = ? AND action_id = ?",
                        [(json.dumps(trend_codes(updates)), p, a) for (p, a), updates in history.items()])


APPROVALS_WITHDRAWABLE = """
CREATE TABLE minutes_approvals_7 (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    approved_meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1))
);
INSERT INTO minutes_approvals_7 (id, meeting_id, approved_meeting_id, position, note, author, at)
    SELECT id, meeting_id, approved_meeting_id, position, note, author, at FROM minutes_approvals;
DROP TABLE minutes_approvals;
ALTER TABLE minutes_approvals_7 RENAME TO minutes_approvals;
CREATE INDEX minutes_approvals_by_minutes ON minutes_approvals (approved_meeting_id, id)
"""


@migrations()
def m007_approvals_withdrawable(db: Database) -> None:
    """An approval of earlier minutes as a true record can be withdrawn by the meeting that made
    it (storage/store/formalities.py): minutes_approvals is rebuilt, its rows kept as they are,
    without the one-row-per-minutes UNIQUE and with `withdrawn`; the latest row for the approved
    meeting says whether its minutes are approved. Still append-only."""
    _run(db, APPROVALS_WITHDRAWABLE)
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER minutes_approvals_no_{verb.lower()} BEFORE {verb} ON minutes_approvals "
                   "BEGIN SELECT RAISE(ABORT, 'minutes_approvals is append-only'); END")


SNAPSHOT_ACTIONS = """
CREATE TABLE plan_version_heads (
    id INTEGER PRIMARY KEY,
    plan_version_id INTEGER NOT NULL UNIQUE REFERENCES plan_versions(id),
    head_json BLOB NOT NULL
);
CREATE TABLE plan_version_actions (
    id INTEGER PRIMARY KEY,
    plan_version_id INTEGER NOT NULL REFERENCES plan_versions(id),
    theme INTEGER NOT NULL,
    action_id TEXT NOT NULL,
    late_from TEXT,
    action_json BLOB NOT NULL
);
CREATE INDEX plan_version_actions_by_id ON plan_version_actions (plan_version_id, action_id);
CREATE INDEX plan_version_actions_by_late ON plan_version_actions (plan_version_id, late_from)
"""


@migrations()
def m008_snapshot_actions(db: Database) -> None:
    """Each plan snapshot also stored cut per action (storage/store/snapshot_actions.py), so the
    minutes read the actions of their meeting without parsing the whole snapshot (benchmark row 7);
    the versions already stored are cut now. Append-only, as plan_versions is."""
    from storage.store.snapshot_actions import store_cut

    _run(db, SNAPSHOT_ACTIONS)
    for [version_id] in db.execute("SELECT id FROM plan_versions ORDER BY id").fetchall():
        [snapshot] = db.execute("SELECT CAST(snapshot_json AS BLOB) FROM plan_versions WHERE id = ?",
                                [version_id]).fetchone()
        store_cut(db.conn, version_id, snapshot)
    for table in ("plan_version_heads", "plan_version_actions"):
        for verb in ("UPDATE", "DELETE"):
            db.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


# Migration 4's settle triggers with the rule of storage/store/kept.py: an answer given at an
# abandoned meeting settles nothing, so a proposal it answered is pending again and is settled
# (superseded) by a later answer to a newer one like any other.
_OLDER_PENDING_KEPT = f"""
    SELECT o.id AS id, s.id AS settled FROM proposals s
    JOIN proposals o ON o.plan_id = s.plan_id AND o.kind = s.kind AND o.item_id = s.item_id
    WHERE s.id = {{settled}} AND o.id <> s.id
      AND (o.written_at < s.written_at OR (o.written_at = s.written_at AND o.id < s.id))
      AND NOT EXISTS (SELECT 1 FROM updates u WHERE u.proposal_id = o.id AND {kept("u.meeting_id")})
      AND NOT EXISTS (SELECT 1 FROM risk_ratings r WHERE r.proposal_id = o.id AND {kept("r.meeting_id")})
      AND NOT EXISTS (SELECT 1 FROM superseded_proposals x WHERE x.proposal_id = o.id AND {kept("x.meeting_id")})
"""

SETTLE_TRIGGERS_KEPT = tuple(
    f"""CREATE TRIGGER {table}_supersede_older_proposals AFTER INSERT ON {table}
    WHEN new.proposal_id IS NOT NULL BEGIN
        INSERT INTO superseded_proposals (proposal_id, by_proposal_id, author, at, meeting_id)
        SELECT older.id, older.settled, new.author, new.recorded_at, new.meeting_id
        FROM ({_OLDER_PENDING_KEPT.format(settled="new.proposal_id")}) AS older;
    END""" for table in ("updates", "risk_ratings")
) + (
    f"""CREATE TRIGGER proposals_superseded_on_arrival AFTER INSERT ON proposals BEGIN
        INSERT INTO superseded_proposals (proposal_id, by_proposal_id, author, at, meeting_id)
        SELECT new.id, s.id, d.author, new.imported_at, NULL
        FROM proposals s
        JOIN (SELECT proposal_id, author FROM updates WHERE proposal_id IS NOT NULL AND {kept()}
              UNION ALL SELECT proposal_id, author FROM risk_ratings WHERE proposal_id IS NOT NULL AND {kept()}
             ) AS d ON d.proposal_id = s.id
        WHERE s.plan_id = new.plan_id AND s.kind = new.kind AND s.item_id = new.item_id AND s.id <> new.id
          AND (s.written_at > new.written_at OR (s.written_at = new.written_at AND s.id > new.id))
        ORDER BY s.written_at DESC, s.id DESC LIMIT 1;
    END""",
)


# superseded_proposals without migration 4's one-row-per-proposal UNIQUE: a proposal superseded at a
# meeting since abandoned is pending again, and a later answer supersedes it with a row of its own.
SUPERSEDED_AGAIN = """
CREATE TABLE superseded_proposals_9 (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    by_proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id)
);
INSERT INTO superseded_proposals_9 SELECT id, proposal_id, by_proposal_id, author, at, meeting_id
    FROM superseded_proposals;
DROP TABLE superseded_proposals;
ALTER TABLE superseded_proposals_9 RENAME TO superseded_proposals;
CREATE INDEX superseded_proposals_by_newer ON superseded_proposals (by_proposal_id);
CREATE INDEX superseded_proposals_by_proposal ON superseded_proposals (proposal_id, id)
"""


# Migration 2's documented views, with the rule: the current row of each item is its latest that stands.
VIEWS_KEPT = f"""
DROP VIEW current_action_status;
DROP VIEW current_risk_rating;
CREATE VIEW current_action_status AS
    SELECT u.* FROM updates u
    WHERE u.id IN (SELECT max(id) FROM updates WHERE {kept()} GROUP BY plan_id, action_id);
CREATE VIEW current_risk_rating AS
    SELECT r.* FROM risk_ratings r
    WHERE r.id IN (SELECT max(id) FROM risk_ratings WHERE {kept()} GROUP BY plan_id, risk_id)
"""


@migrations()
def m009_abandoned_meetings_stand_for_nothing(db: Database) -> None:
    """Nothing recorded at an abandoned meeting stands (storage/store/kept.py): the current status
    of each action given a status at a meeting abandoned before this rule is refolded from the
    updates that stand; the triggers that settle officers' proposals no longer count an answer
    given at an abandoned meeting; superseded_proposals is rebuilt, its rows kept as they are,
    so a proposal superseded at one can be superseded again (still append-only); and the views
    `current_action_status` and `current_risk_rating` follow the rule."""
    refold_action_state(db.conn)
    _run(db, VIEWS_KEPT)
    for statement in ("DROP TRIGGER updates_supersede_older_proposals",
                      "DROP TRIGGER risk_ratings_supersede_older_proposals",
                      "DROP TRIGGER proposals_superseded_on_arrival"):
        db.execute(statement)
    _run(db, SUPERSEDED_AGAIN)
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER superseded_proposals_no_{verb.lower()} BEFORE {verb} ON superseded_proposals "
                   "BEGIN SELECT RAISE(ABORT, 'superseded_proposals is append-only'); END")
    for statement in SETTLE_TRIGGERS_KEPT:
        db.execute(statement)
