"""Text from the store or a plan, made safe to draw: a stored note may hold an escape sequence
or a bidirectional override (typed at the command line, or kept from an older steerco), which
drawn raw would clear the screen, retitle the terminal or reorder what follows. Each such
character is shown as a visible escape (`\\x1b`, `\\u202e`), by the store's one rule
(`storage.updates.inert`), and `escape` also keeps Rich markup in the text from being read."""

from __future__ import annotations

from rich.markup import escape as markup_escape
from rich.text import Text

from storage.service.exchange_files import escape_unsafe


def inert(text: str) -> str:
    """`text` with every control character and bidirectional override shown as its escape."""
    return escape_unsafe(text)


def escape(text: str) -> str:
    """`inert(text)` escaped for Rich markup: for stored text inside a markup string."""
    return markup_escape(escape_unsafe(text))


def plain(text: str) -> Text:
    """`inert(text)` as a Text, never read as markup: for a table cell."""
    return Text(escape_unsafe(text))
