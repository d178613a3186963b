"""A `Document` as GitHub-flavoured Markdown: the source of truth, and the golden files' format.

User text is escaped with storage/minutes/markdown.py as it is written out. Where a span
stands decides how: the first text of a paragraph's line, a bullet or a table cell is escaped
as the start of a line (a `1. ` or `# ` there would open a block); text after anything else on
its line, and all of a heading's text, is escaped as mid-line. `Lines` keeps its line breaks as
hard breaks, continued under the bullet it is in. Tables have no caption in Markdown; a chart
is its table of numbers.
"""

from __future__ import annotations

from storage.minutes import markdown as md
from storage.minutes.document import (
    Block,
    Break,
    Bullets,
    Chart,
    Document,
    Fixed,
    Heading,
    Item,
    Lines,
    Para,
    Spans,
    Status,
    Strong,
    Table,
    Text,
)

__all__ = ["write"]


class _Line:
    """Writes spans onto one line, knowing whether anything is on the line yet."""

    def __init__(self, indent: str, at_start: bool) -> None:
        self.indent, self.at_start = indent, at_start
        self.out: list[str] = []

    def add(self, text: str) -> None:
        if text:
            self.out.append(text)
            self.at_start = False

    def spans(self, items: Spans) -> None:
        for span in items:
            if isinstance(span, Fixed):
                self.add(span.text)
            elif isinstance(span, Text):
                self.add(md.inline(span.text, span.empty, mid_line=not self.at_start))
            elif isinstance(span, Status):
                self.add(md.inline(span.word, "—", mid_line=not self.at_start))
            elif isinstance(span, Lines):
                self.add(md.lines(span.text, self.indent, span.empty))
            elif isinstance(span, Strong):
                self.add("**")
                self.spans(span.spans)
                self.add("**")
            elif isinstance(span, Break):
                self.out.append("  \n" + self.indent)
                self.at_start = True

    def text(self) -> str:
        return "".join(self.out)


def inline(items: Spans, *, indent: str = "", at_start: bool = True) -> str:
    line = _Line(indent, at_start)
    line.spans(items)
    return line.text()


def _items(items: tuple[Item, ...], depth: int) -> list[str]:
    out = []
    for item in items:
        pad = "  " * depth
        out.append(f"{pad}- " + inline(item.spans, indent=pad + "  "))
        out += _items(item.children, depth + 1)
    return out


def _table(table: Table) -> list[str]:
    return md.table(list(table.header), [[inline(cell) for cell in row] for row in table.rows])


def block(item: Block) -> list[str]:
    """One block's lines (no blank line after it)."""
    if isinstance(item, Heading):
        return ["#" * item.level + " " + inline(item.spans, at_start=False)]
    if isinstance(item, Para):
        return inline(item.spans).split("\n")
    if isinstance(item, Bullets):
        return _items(item.items, 0)
    if isinstance(item, Table):
        return _table(item)
    if isinstance(item, Chart):
        return _table(item.alt)
    raise TypeError(f"not a block: {item!r}")


def write(document: Document) -> str:
    """The document as Markdown: each block followed by a blank line; one newline at the end."""
    out: list[str] = []
    for item in document.blocks:
        out += [*block(item), ""]
    return "\n".join(out).rstrip("\n") + "\n"
