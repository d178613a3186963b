"""Naming the place of a problem in an update or status file as the person who wrote it reads it.

A pydantic error's `loc` is an internal path (`entries.0.action`); the messages name the entry
instead, counted from 1 and with the item it is about as written: "entry 1 (action 7.2): action:
YAML reads 7.2 as the number 7.2; …". Used with `storage.plan.locate.describe` (its `name_item`),
as plans use `plan_item`. Headless: never imports Textual.
"""

from __future__ import annotations

from typing import Any

from storage.plan.locate import ItemNamer
from storage.plan.model import ID_MAX
from storage.plan.yaml_source import SourceMap

#: The lists of an update file, and the word for one of their items.
UPDATE_LISTS = {"entries": "entry"}
#: The lists of a status file.
STATUS_LISTS = {"items": "item", "arising": "action arising"}


def entry_label(noun: str, index: int, raw: Any, source: SourceMap) -> str:
    """"entry 2 (action 7.2)": the item counted from 1, with the action or risk (the arising's
    `ref`) it names as the file writes it; the number alone when it names none readable."""
    for key in ("action", "risk", "ref"):
        value = raw.get(key) if isinstance(raw, dict) else None
        if value is None or isinstance(value, (dict, list)):
            continue
        written = value.strip() if isinstance(value, str) else source.raw_text(raw, key) or str(value)
        if written and len(written) <= ID_MAX:
            return f"{noun} {index + 1} ({key + ' ' if key != 'ref' else ''}{written})"
    return f"{noun} {index + 1}"


def item_namer(lists: dict[str, str], source: SourceMap) -> ItemNamer:
    """An `ItemNamer` for a file whose items stand in `lists` (top-level key: noun)."""
    def name(loc: tuple[Any, ...], data: Any) -> tuple[str | None, int]:
        if len(loc) < 2 or loc[0] not in lists or not isinstance(loc[1], int) or not isinstance(data, dict):
            return None, 0
        items = data.get(loc[0])
        raw = items[loc[1]] if isinstance(items, list) and 0 <= loc[1] < len(items) else None
        return entry_label(lists[loc[0]], loc[1], raw, source), 2
    return name
