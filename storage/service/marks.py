"""The symbol shown beside the word wherever these states are shown (status never by colour
alone): an action arising's status, and whether a meeting's minutes are approved. The chair's
walk-through, its jump list and the follower's view all take them from here."""

from __future__ import annotations

#: An action arising's status -> its symbol ('✓ done').
ARISING_SYMBOLS = {"open": "○", "done": "✓", "carried forward": "→", "dropped": "✗"}

#: Minutes agreed as a true record, and not yet: (symbol, word).
APPROVED = ("✓", "Approved")
DRAFT = ("✎", "Draft")  # not a letter: on a plan's own scale D may be a status (Delayed)


def arising_mark(status: str) -> str:
    """'✓ done', '→ carried forward', '○ open', '✗ dropped' (an unknown status as it is)."""
    symbol = ARISING_SYMBOLS.get(status)
    return f"{symbol} {status}" if symbol else status
