"""storage/minutes/markdown.py skips an escaping pass when the line lacks the character it acts on;
the result must be that of running every pass, as the module did before (kept here)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.minutes import markdown as md

_ALWAYS = re.compile(r"([\\`*_~\[\]<>|@])")


def reference_clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return md._CONTROLS.sub("", text)


def reference_line(line: str, mid_line: bool = False) -> str:
    line = md._SPACES.sub(" ", line).strip()
    line = _ALWAYS.sub(r"\\\1", line)
    line = md._ENTITY.sub(r"\\&", line)
    line = md._SCHEME.sub(lambda m: "\\:", line)
    line = md._DOTS.sub(r"\\.", line)
    line = md._TRAILING_HASH.sub(r"\\#\1", line)
    match = None if mid_line else md._LINE_START.match(line)
    if match:
        marker = match.group(1)
        line = (marker[:-1] + "\\" + marker[-1] if marker[-1] in ".)" else "\\" + marker) + line[len(marker):]
    return line


_PIECES = st.sampled_from(list("ab1.:/#&;-+=*_`~[]<>|@\\ \t\r\n\u00a0\x0b\x0c\u202e!()") +
                          ["https://", "www.", "mailto:", "&amp;", "&#60;", "  ", "1. "])
_TEXT = st.one_of(st.text(), st.lists(_PIECES).map("".join))

CASES = ["", " ", "# title #", "- item", "1) x", "===", "a  b\u00a0c", "see https://x.org and www.a.b",
         "&lt; & &#60;", "tab\there", "\r\nline\rline", "x.y", "mailto:a@b", "under_score *star*", "#", "  #  "]


def test_known_cases() -> None:
    for text in CASES:
        for mid_line in (False, True):
            assert md._escape_line(reference_clean(text), mid_line) == reference_line(reference_clean(text), mid_line)
        assert md._clean(text) == reference_clean(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.booleans())
def test_every_pass_is_skipped_only_when_it_would_change_nothing(text: str, mid_line: bool) -> None:
    assert md._clean(text) == reference_clean(text)
    for line in reference_clean(text).split("\n"):
        assert md._escape_line(line, mid_line) == reference_line(line, mid_line)
