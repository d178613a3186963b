"""SQL runs only inside storage/store/: no other module of storage/, tui/ or steerco/ holds a
query or touches a database connection.

The scanner reads each file's tokens (so comments never count): a call of `.execute(`,
`.executemany(` or `.executescript(`, sqlite-utils' `.query(` (outside tui/, where `query` is
Textual's DOM query), any use of a `conn` name or attribute, an import of sqlite3 or
sqlite_utils, and string literals (f-strings included) that read as SQL statements.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCANNED = ("storage", "tui", "steerco")
STORE = REPO / "storage" / "store"
# Files still holding SQL while they are rewritten elsewhere; each entry is a debt, not a rule.
EXCLUDED: frozenset[str] = frozenset()

CALLS = {"execute", "executemany", "executescript"}
DRIVERS = {"sqlite3", "sqlite_utils"}
SQL = re.compile(
    r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\b(CREATE|DROP|ALTER)\s+(TABLE|INDEX|VIEW|TRIGGER)\b|\bPRAGMA\s+\w+|\bATTACH\b|\bBEGIN\s+(IMMEDIATE|EXCLUSIVE)\b")


def sql_uses(path: Path, *, dom_query: bool = False) -> list[str]:
    """'file:line: what' for each use of SQL or of a database connection in the file at `path`;
    `dom_query` when `.query(` is Textual's and not sqlite-utils'."""
    found: list[str] = []
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
              if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)]
    for i, token in enumerate(tokens):
        before = tokens[i - 1].string if i else ""
        after = tokens[i + 1].string if i + 1 < len(tokens) else ""
        what = ""
        if token.type == tokenize.NAME:
            called = before == "." and after == "("
            if called and (token.string in CALLS or (token.string == "query" and not dom_query)):
                what = f".{token.string}("
            elif token.string == "conn" and (before == "." or after == "."):
                what = "a database connection (conn)"
            elif token.string in DRIVERS and before in ("import", "from"):
                what = f"import of {token.string}"
        elif token.type == tokenize.STRING and SQL.search(token.string):
            what = "SQL in a string: " + " ".join(token.string.split())[:60]
        if what:
            found.append(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}:{token.start[0]}: {what}")
    return found


def scanned_files() -> list[Path]:
    return sorted(p for top in SCANNED for p in (REPO / top).rglob("*.py")
                  if not p.is_relative_to(STORE) and str(p.relative_to(REPO)) not in EXCLUDED)


def test_the_scanner_finds_sql_and_connections(tmp_path: Path) -> None:
    """Planted uses are each caught, at their line; prose, comments and Textual's query are not."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        '"""Select the rows you need; update them in place."""\n'  # prose: no statement
        "import sqlite3\n"
        "# store.conn.execute('SELECT 1 FROM x') in a comment does not count\n"
        "def f(store, screen, table):\n"
        "    rows = store.conn.execute('SELECT id FROM updates WHERE plan_id = ?', [1])\n"
        "    store.db.query(f'DELETE FROM {table}')\n"
        "    screen.query('RadioSet').first()\n"
        '    sql = """\n        INSERT OR IGNORE INTO proposals (uid) VALUES (?)\n    """\n'
        "    return rows, sql\n", encoding="utf-8")
    found = [line.removeprefix(f"{planted}:") for line in sql_uses(planted)]
    assert found == [
        "2: import of sqlite3",
        "5: a database connection (conn)",
        "5: .execute(",
        "5: SQL in a string: 'SELECT id FROM updates WHERE plan_id = ?'",
        "6: .query(",
        "6: SQL in a string: f'DELETE FROM {table}'",
        "7: .query(",
        "8: SQL in a string: \"\"\" INSERT OR IGNORE INTO proposals (uid) VALUES (?) \"\"\"",
    ]
    assert not any(": 7: " in line for line in sql_uses(planted, dom_query=True))


def test_the_store_package_is_where_sql_is() -> None:
    """The scanner sees the store's own SQL, so a clean result elsewhere means something."""
    assert sql_uses(STORE / "store.py") and sql_uses(STORE / "minutes_reads.py")


@pytest.mark.parametrize("top", SCANNED)
def test_no_sql_outside_the_store(top: str) -> None:
    files = [p for p in scanned_files() if p.relative_to(REPO).parts[0] == top]
    assert files
    found = [line for path in files for line in sql_uses(path, dom_query=top == "tui")]
    assert found == [], "SQL outside storage/store/ (move it into a Store method):\n" + "\n".join(found)
