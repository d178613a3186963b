"""Escaping user text for GitHub-flavoured Markdown, so published minutes stay as written.

User text (notes, decisions, names, actions arising) must not become HTML, a link, an
image, emphasis, a heading, a list, a quote, a code block, or a broken table. The rules:

- `\\`, `` ` ``, `*`, `_`, `~`, `[`, `]`, `<`, `>`, `|` and `@` are always backslash-escaped
  (any ASCII punctuation may be escaped in CommonMark, and GFM tables honour `\\|`);
- `&` is escaped where it would start an entity (`&amp;`, `&#60;`);
- what a GFM parser would autolink is broken up: the `:` of `https://` (and `mailto:`,
  `xmpp:`), and the `.` of `www.` and of `name.tld`;
- at the start of every line, what would open a block is escaped: `#`, a `-` or `+` or
  `1.`/`1)` followed by a space, a run of `=` or `-` alone; leading spaces are dropped
  (no indented code block); a trailing `#` is escaped (a heading never loses it as a
  closing sequence);
- C0/C1 control characters and the bidi embedding/override/isolate controls are removed
  (right-to-left text itself is kept), tabs become spaces.

`inline` gives one line (newlines become " / "), for names and table cells; `lines`
keeps the writer's line breaks as Markdown hard breaks, for notes and decisions.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Always escaped, with one str.translate pass in C.
_ALWAYS = str.maketrans({c: "\\" + c for c in "\\`*_~[]<>|@"})
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_SCHEME = re.compile(r"(?i)(?<=[a-z0-9+.\-])(:)(?=//)|(?<=mailto)(:)|(?<=xmpp)(:)")
_DOTS = re.compile(r"(?<=[A-Za-z0-9])\.(?=[A-Za-z])")
# What opens a block at the start of a line: an ATX heading, a list item, a setext underline.
_LINE_START = re.compile(r"^(#|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$)|[=-](?=[=-]*\s*$))")
_TRAILING_HASH = re.compile(r"#(\s*)$")
# C0 and C1 controls except newline, and the bidi controls that reorder what follows.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_EXTRA_SPACE = re.compile(r"  |[\t\f\v\u00a0]")


def _clean(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text.replace("\t", " "))


def _escape_line(line: str, mid_line: bool = False) -> str:
    """The rules of the module docstring; each pass runs only when its character is present
    (the result is the same as running them all)."""
    if _EXTRA_SPACE.search(line):
        line = _SPACES.sub(" ", line)
    line = line.strip().translate(_ALWAYS)
    if "&" in line:
        line = _ENTITY.sub(r"\\&", line)
    if ":" in line:
        line = _SCHEME.sub(lambda m: "\\:", line)
    if "." in line:
        line = _DOTS.sub(r"\\.", line)
    if "#" in line:
        line = _TRAILING_HASH.sub(r"\\#\1", line)
    match = None if mid_line else _LINE_START.match(line)
    if match:
        marker = match.group(1)
        line = (marker[:-1] + "\\" + marker[-1] if marker[-1] in ".)" else "\\" + marker) + line[len(marker):]
    return line


def inline(text: str | None, empty: str = "", *, mid_line: bool = False) -> str:
    """User text as one escaped line; line breaks become ' / '. Safe in a table cell.

    `mid_line=True` when the text follows other text on its line (a heading's `### `, a
    label): block markers such as `7. ` cannot open a block there, so are left alone.
    """
    return _inline(text or "", mid_line) or empty


@lru_cache(maxsize=4096)
def _inline(text: str, mid_line: bool) -> str:
    """`inline`, kept per text: minutes repeat the same names, statuses and deadlines hundreds
    of times (5,405 lines, 1,798 distinct, for the meeting of 500 actions; row 7)."""
    parts = [_escape_line(line, mid_line) for line in _clean(text).split("\n")]
    return " / ".join(part for part in parts if part)


def lines(text: str | None, indent: str = "", empty: str = "") -> str:
    """User text with its line breaks kept as hard breaks (blank lines dropped).

    The continuation lines are prefixed with `indent`, so text inside a list item stays
    in it. Never opens a new block: every line is escaped as the start of a line.
    """
    parts = [_escape_line(line) for line in _clean(text or "").split("\n")]
    parts = [part for part in parts if part]
    if not parts:
        return empty
    return ("\\\n" + indent).join(parts)


def cell(text: str | None, empty: str = "—") -> str:
    """A table cell: user text on one line, or `empty` (an em dash) when blank."""
    return inline(text, empty)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table from already-escaped cells; every row has the header's column count."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row has {len(row)} cells, the table {len(header)}")
        out.append("| " + " | ".join(c if c else " " for c in row) + " |")
    return out


def plain_lines(text: str | None) -> list[str]:
    """User text as its lines with no Markdown escaping, for the formats that escape their own way
    (html, docx, pdf): the same cleaning as here (controls and bidi overrides removed, tabs and runs
    of spaces made one space, each line stripped, blank lines dropped)."""
    lines = (_SPACES.sub(" ", line).strip() for line in _clean(text or "").split("\n"))
    return [line for line in lines if line]


def plain_lines_or(text: str | None, empty: str) -> list[str]:
    """`plain_lines`, or `empty` alone when the text has none: user text as the html, docx and pdf
    minutes show it (each escapes the lines its own way)."""
    return plain_lines(text) or [empty]


def plain_inline(text: str | None, empty: str) -> str:
    """`plain_lines_or` on one line, its lines joined by ' / ' as `inline` joins them."""
    return " / ".join(plain_lines_or(text, empty))
