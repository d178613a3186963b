"""A `Document` as one self-contained, accessible HTML file (and the source of the PDF).

`<html lang="en-GB">`, semantic headings, lists and tables (each with a `<caption>`, column
headers `<th scope="col">` and the row's first cell `<th scope="row">`); no script, no external
resource (no font, image, style sheet or link is fetched), a small print-friendly style sheet
inline. Contrast: text #1b1b1b on white (17:1), header cells on #eeeeee (15:1), borders #595959
(7:1): above WCAG 2.1 AA (4.5:1 text, 3:1 non-text). A status is its word with its symbol,
never a colour alone.

Every piece of user text goes through `html.escape` after the same cleaning as the Markdown
(controls and bidi overrides removed): no tag, attribute, entity, link or script from a note, a
decision or a name reaches the page; nothing is sanitised, since nothing a person typed is
allowed as markup. A chart's SVG is the program's own drawing (storage/minutes/charts.py).
"""

from __future__ import annotations

from html import escape

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
from storage.minutes.markdown import plain_lines, plain_lines_or

__all__ = ["CSS", "write"]

CSS = """
html { color: #1b1b1b; background: #ffffff; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.45;
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 1.8rem 0 0.6rem; border-bottom: 2px solid #595959; padding-bottom: 0.2rem; }
h3 { font-size: 1.12rem; margin: 1.4rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
p, ul { margin: 0.4rem 0 0.8rem; }
li { margin: 0.15rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.92rem; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border: 1px solid #595959; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
thead th { background: #eeeeee; }
tbody th { font-weight: normal; }
.status-symbol { font-weight: bold; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-weight: bold; }
@page { size: A4; margin: 18mm 16mm 20mm;
        @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", Arial,
                         sans-serif; font-size: 9pt; color: #1b1b1b; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; }
  tr, li, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
""".strip()


def _user(text: str | None, empty: str, sep: str) -> str:
    return sep.join(escape(line) for line in plain_lines_or(text, empty))


def inline(items: Spans) -> str:
    out = []
    for span in items:
        if isinstance(span, Fixed):
            out.append(escape(span.text))
        elif isinstance(span, Text):
            out.append(_user(span.text, span.empty, " / "))
        elif isinstance(span, Lines):
            out.append(_user(span.text, span.empty, "<br>\n"))
        elif isinstance(span, Status):
            word = _user(span.word, "—", " / ")
            symbol = escape(" ".join(plain_lines(span.symbol)))
            out.append(f'<span class="status"><span class="status-symbol" aria-hidden="true">{symbol}</span> {word}'
                       "</span>" if symbol else word)
        elif isinstance(span, Strong):
            out.append(f"<strong>{inline(span.spans)}</strong>")
        elif isinstance(span, Break):
            out.append("<br>\n")
    return "".join(out)


def _items(items: tuple[Item, ...]) -> list[str]:
    out = ["<ul>"]
    for item in items:
        children = "\n".join(_items(item.children)) if item.children else ""
        out.append(f"<li>{inline(item.spans)}{chr(10) + children if children else ''}</li>")
    out.append("</ul>")
    return out


def _table(table: Table) -> list[str]:
    out = ["<table>", f"<caption>{escape(table.caption)}</caption>", "<thead>",
           "<tr>" + "".join(f'<th scope="col">{escape(name)}</th>' for name in table.header) + "</tr>",
           "</thead>", "<tbody>"]
    for row in table.rows:
        cells = []
        for n, cell in enumerate(row):
            tag = "th" if n == 0 and table.row_headers else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}>{inline(cell)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def block(item: Block) -> list[str]:
    if isinstance(item, Heading):
        level = min(max(item.level, 1), 6)
        return [f"<h{level}>{inline(item.spans)}</h{level}>"]
    if isinstance(item, Para):
        return [f"<p>{inline(item.spans)}</p>"]
    if isinstance(item, Bullets):
        return _items(item.items)
    if isinstance(item, Table):
        return _table(item)
    if isinstance(item, Chart):
        figure = [f'<figure aria-label="{escape(item.title)}">', item.svg,
                  f"<figcaption>{escape(item.title)}</figcaption>", "</figure>"] if item.svg else []
        return figure + _table(item.alt)
    raise TypeError(f"not a block: {item!r}")


def write(document: Document) -> str:
    """The document as one HTML file (UTF-8 text, '\\n' newlines; same document, same bytes)."""
    head = ["<!DOCTYPE html>", f'<html lang="{escape(document.lang)}">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="steerco">', '<meta name="author" content="steerco">']
    if document.created is not None:
        head.append(f'<meta name="dcterms.created" content="{document.created.isoformat()}">')
    head += [f"<title>{escape(document.title)}</title>", f"<style>\n{CSS}\n</style>", "</head>", "<body>", "<main>"]
    body: list[str] = []
    for item in document.blocks:
        body += block(item)
    return "\n".join(head + body + ["</main>", "</body>", "</html>"]) + "\n"
