"""How a count is written next to its noun, the same in every view: '1 risk', '2 risks', '0 risks'.

Headless and plain: the home screen's first paint uses it before the plan model is imported.
"""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, the noun plural unless `n` is 1: noun + 's', or `plural` when it is not
    ('entry', 'entries')."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
