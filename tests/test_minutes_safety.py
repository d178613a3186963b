"""Hostile user text cannot change the structure of the minutes (checked with markdown-it-py).

The same meeting is rendered twice, once with plain text and once with hostile text in
every field a person types; the block structure (headings, lists, tables and their
cells) and the inline markup (strong, links, HTML, code) must be the same.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from storage.minutes import markdown as md
from storage.minutes.records import OverdueMinute
from storage.minutes.render import Minutes, gather, render, render_minutes
from storage.store.records import AgendaItem, Attendee
from storage.store.store import Store

HOSTILE = [
    "<script>alert(1)</script>",
    "a | b || c |",
    "# Heading",
    "[x](javascript:alert(1))",
    "![img](http://x)",
    "x" * 10_000,
    "مرحبا بالعالم \u202eevil\u202c שלום",
    "😀👍🏽 emoji",
    "line one\nline two\n\n- list\n# head\n1. item\n    code\n---\n===\n> quote",
    "https://evil.example/ www.evil.example mail@evil.example",
    "&lt;b&gt; &#60;script&#62; &amp;",
    "`code` **bold** _em_ ~~strike~~ *x*",
    "<!-- comment --> <img src=x onerror=alert(1)>",
    "trailing backslash \\",
    "| --- |\n|---|",
    "```\nfence",
    "<http://autolink.example>",
    "[ref]: http://x\n[ref]",
    "2. ordered\n+ plus\n* star",
    "\x00nul\x1b[31mansi\x7f",
]
PARSERS = {
    "gfm-like": MarkdownIt("gfm-like"),
    "commonmark+table": MarkdownIt("commonmark").enable("table"),
}
FORBIDDEN = {"html_inline", "html_block", "link_open", "image", "code_inline", "code_block", "fence",
             "s_open", "em_open", "blockquote_open", "ordered_list_open", "hr"}


def shape(text: str, parser: MarkdownIt) -> tuple[list[str], list[str]]:
    """Block token types (with heading levels and cell counts) and inline markup types."""
    blocks, inline = [], []
    for token in parser.parse(text):
        if token.type == "inline":
            inline += [c.type for c in token.children or [] if c.type not in ("text", "softbreak", "hardbreak")]
        else:
            blocks.append(f"{token.type}:{token.tag}")
    return blocks, inline


def check(plain: str, hostile: str) -> None:
    for name, parser in PARSERS.items():
        assert shape(hostile, parser) == shape(plain, parser), f"structure changed ({name})"
        tokens = parser.parse(hostile)
        found = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
        assert not found & FORBIDDEN, f"{name}: {found & FORBIDDEN}"
        rows = [t for t in tokens if t.type == "tr_open"]
        assert rows, "the minutes have tables"
        html = parser.render(hostile)
        assert "<script" not in html and "<img" not in html and "<a " not in html


def record(store: Store, version: int, text: str) -> int:
    """A meeting of the demo plan with `text` in every field a person types."""
    meeting = store.start_meeting(
        "demo", date(2026, 11, 21), text,
        [Attendee(text, "present", None, text), Attendee("Bob Chair", "present", "bob"),
         Attendee(text, "apologies"), Attendee(text, "guest", None, text)],
        [AgendaItem("matters_arising", None, text, 60), AgendaItem("action", "1.1", text, 60),
         AgendaItem("risk", "R-1", text, 60), AgendaItem("indicator", "I1", text, 60),
         AgendaItem("aob", None, text, 60), AgendaItem("declarations", None, "Declarations of interest", 60)],
        "all", version, title=text)
    store.add_proposals(str(meeting) * 64, "officer.yaml", [
        {"uid": f"p{meeting}", "plan_id": "demo", "kind": "action", "item_id": "1.1", "rag": "G",
         "note": text, "author": text, "written_at": "2026-11-20T10:00:00+00:00"}])
    proposal = store.proposals("demo")[-1].id
    store.record_update("demo", "1.1", "A", text, text, "meeting", meeting_id=meeting, plan_version_id=version,
                        proposal_id=proposal)
    store.record_update("demo", "1.2", "B", text, text, "meeting", meeting_id=meeting, plan_version_id=version)
    for position in range(1, 6):
        store.record_note(meeting, position, text, text)
        store.record_decision(meeting, position, text)
    store.rate_risk("demo", "R-1", 4, 4, text, text, "meeting", meeting_id=meeting)
    store.record_indicator("demo", "I1", text, 0.5, text, text, "meeting", meeting_id=meeting)
    store.add_action_arising(meeting, 2, text, text, date(2026, 12, 1))
    store.record_declaration(meeting, 6, text, text, text, text)  # member, item, nature (and author)
    store.close_meeting(meeting, date(2027, 1, 1))
    return meeting


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    from storage.plan.load import load_plan
    from tests.conftest import MINIMAL_PLAN

    folder = tmp_path_factory.mktemp("safety")
    (folder / "demo.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    plan = load_plan(folder / "demo.yaml").plan
    with Store.open(folder / "steerco.db", clock=lambda: datetime(2026, 11, 21, 10, tzinfo=UTC)) as s:
        s.version = s.remember_plan(plan)  # type: ignore[attr-defined]
        s.plain = render_minutes(s, record(s, s.version, "plain words"))  # type: ignore[attr-defined]
        yield s


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_through_the_store_changes_nothing_but_the_words(store, text: str) -> None:
    hostile = render_minutes(store, record(store, store.version, text))
    check(store.plain, hostile)


def test_the_hostile_words_are_kept() -> None:
    parser = PARSERS["gfm-like"]
    for text in ["<script>alert(1)</script>", "a | b", "[x](javascript:alert(1))", "x" * 10_000,
                 "مرحبا بالعالم שלום 😀", "www.evil.example"]:
        html = parser.render(md.cell(text))
        assert html.strip() == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"


def test_newlines_in_a_table_cell_become_slashes() -> None:
    assert md.cell("one\ntwo\r\n\nthree") == "one / two / three"
    assert md.cell("   ") == "—"
    assert md.lines("one\n\n- two", indent="  ") == "one\\\n  \\- two"


def test_bidi_overrides_and_controls_are_removed_but_rtl_text_kept() -> None:
    assert md.inline("abc \u202edef\u202c \u2067x\u2069 \x1b[1m") == "abc def x \\[1m"
    assert md.inline("שלום עולם") == "שלום עולם"


_MINUTES_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=200)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_MINUTES_TEXT)
def test_any_text_in_any_field_changes_nothing_but_the_words(store, text: str) -> None:
    base: Minutes = gather(store, store.meetings("demo")[-1].id)

    def fill(value: str) -> Minutes:
        item = dataclasses.replace(base.aob_item, note=value, decisions=(value, value))  # type: ignore[arg-type]
        themes = [
            (
                value,
                [
                    dataclasses.replace(
                        a,
                        title=value,
                        owner=value,
                        update_note=value,
                        proposal_note=value + "!",
                        deadline=value,
                        proposed=("Green", value),
                        item=item,
                    )
                    for a in actions
                ],
            )
            for _, actions in base.themes
        ]
        arising = [dataclasses.replace(a, text=value, owner=value, ref=value) for a in base.arising]
        overdue = [OverdueMinute(value, value, value, value, value, (value, value + "."))]
        return dataclasses.replace(
            base, title=value, chair=value, group=value, partnership=value, plan_title=value,
            present=[(value, value)], apologies=[(value, None)], themes=themes, arising=arising,
            overdue_not_discussed=overdue,
            matters_item=item, aob_item=item,
            formal=dataclasses.replace(base.formal, declarations=((value, value, value), (value, value, value)),
                                       items={"declarations": item, "apologies": item}),
            risks=[dataclasses.replace(r, description=value, owner=value, note=value, item=item) for r in base.risks],
            indicators=[dataclasses.replace(i, title=value, period=value, note=value, item=item)
                        for i in base.indicators])

    check(render(fill("plain")), render(fill(text)))
