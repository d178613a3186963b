"""How a count is written next to its noun, the same in every view: '1 risk', '2 risks', '0 risks'.

Headless and plain: the home screen's first paint uses it before the plan model is imported.
"""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, the noun plural unless `n` is 1: noun + 's', or `plural` when it is not
    ('entry', 'entries')."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def cut(text: str, width: int) -> str:
    """`text` on one line of at most `width` characters, cut at a word boundary with '…' where it
    must be (within a long first word, inside it)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    space = text.rfind(" ", 0, width)
    return (text[:space] if space >= width // 2 else text[:width - 1]).rstrip(" ,;:-") + "…"


def short_owners(label: str, names: list[str], width: int) -> str:
    """An owner label (`PlanIndex.owner_label`) in `width` characters: whole when it fits; a joint
    action's first owner, the lead when it has one, and how many more ('Northamptonshire Police
    (lead) +1', 'Northamptonshire Police +1', 'Northamp… +1'); else the label `cut`."""
    if len(label) <= width:
        return label
    if len(names) < 2:
        return cut(label, width)
    more = f" +{len(names) - 1}"
    lead = f"{names[0]} (lead)"
    for first in ((lead, names[0]) if label.startswith(lead) else (names[0],)):
        if len(first) + len(more) <= width:
            return first + more
    return cut(names[0], max(1, width - len(more))) + more
