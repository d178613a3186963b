"""The one rule for matching ids and names, everywhere: `fold_id`.

Two ids are the same id when they are equal after trimming surrounding spaces and folding
case (Unicode case folding: "7.1A" is "7.1a", "ANN" is "ann"). The validator refuses two ids of
one kind that fold alike; lookups (the plan index, `Plan.action`, update files' authors, the
command line) find an id or a person's name however its case is written.
"""

from __future__ import annotations


def fold_id(text: str) -> str:
    """`text` as ids and names are compared: trimmed and case-folded."""
    return text.strip().casefold()
