"""The meeting's discussion of an item, as a status file carries it back to officers.

The chair's notes on an agenda item (the walk-through's `n`), from the meeting that agreed the
item's position up to the meeting a status file is the position after, each with the day it was
held. An officer's store keeps them with the position (`agreed_positions.text` of an action's
or a risk's row, which only an action arising uses otherwise) as JSON: `discussion_text`
writes it, `discussion_of` reads it back. Headless, and cheap to import (officer mode's first
paint reads it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

Discussion = list[tuple[date, str]]  # (the day the meeting was held, the note as written), oldest first


def discussion_text(notes: Iterable[tuple[date, str]]) -> str | None:
    """The notes as stored (None for none)."""
    found = [[day.isoformat(), note.strip()] for day, note in notes if note.strip()]
    return json.dumps(found, ensure_ascii=False) if found else None


def discussion_of(stored: str | None) -> Discussion:
    """The notes from what `discussion_text` stored; nothing for anything else."""
    if not stored:
        return []
    try:
        rows = json.loads(stored)
        return [(date.fromisoformat(day), str(note)) for day, note in rows]
    except (ValueError, TypeError):
        return []
