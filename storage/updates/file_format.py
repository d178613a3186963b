"""An officer's update file: its shape as a pydantic model, and the id of an entry.

An update file is plain YAML (documented in docs/update-file.md) that an officer's steerco
exports (storage/updates/writer.py), or that a person writes by hand from a template. It is
read by storage/updates/reader.py and imported by storage/updates/importer.py. The models are strict
and frozen so that a typo in a key is an error the person sees, not a value dropped. An
entry left without an `id` is known by a hash of what it says (`entry_uid`), so the same
words import once. Headless: never imports Textual.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time
from json.encoder import encode_basestring as _json_text  # what json.dumps(ensure_ascii=False) uses
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from storage.plan.model import Id, Score, Text

FORMAT = "steerco-updates"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 4 * 1024 * 1024

Kind = Literal["action", "risk"]


def _utc(value: Any) -> Any:
    """Times as written (YAML timestamp, date or ISO text) to aware UTC; no zone means UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("write the time as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally +00:00)") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0))
    if isinstance(value, datetime):
        try:
            return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
        except (OverflowError, ValueError):
            raise ValueError("time is out of range") from None
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Entry(_Strict):
    """One proposed update: an action's status, or a risk's rating, with a note."""

    id: Id | None = Field(None, description="Unique id; left out, it is derived from the content.")
    plan: Id = Field(description="Id of the plan, e.g. 'ni15'.")
    plan_version: Annotated[str, Field(min_length=1, max_length=64)] | None = Field(None,
        description="The plan version the officer saw, e.g. '3.2' (quoted); left out for a plan that states none.")
    action: Id | None = Field(None, description="Id of the action (quoted), e.g. '7.3'.")
    risk: Id | None = Field(None, description="Id of the risk, e.g. 'R-1'.")
    status: Annotated[str, Field(max_length=40)] | None = Field(
        None, description="Proposed status: a code or name from the plan's own status scale.")
    impact: Score | None = None
    likelihood: Score | None = None
    note: Text | None = None
    author: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="Who wrote it; defaults to the file's `from`.")
    written_at: datetime | None = Field(None, description="When it was written; without a zone, UTC.")

    _times = field_validator("written_at", mode="before")(_utc)

    @property
    def kind(self) -> Kind:
        return "risk" if self.risk is not None else "action"

    @property
    def item_id(self) -> str:
        return self.risk if self.risk is not None else (self.action or "")

    @property
    def blank(self) -> bool:
        """Left as the template wrote it: nothing proposed, nothing said."""
        return (self.status is None and self.impact is None and self.likelihood is None
                and not (self.note or "").strip())


class Header(_Strict):
    format: Literal["steerco-updates"] = Field(description="Always 'steerco-updates'.")
    version: Literal[1] = Field(description="The format version: 1.")
    from_: Annotated[str, Field(min_length=1, max_length=200)] = Field(alias="from")
    written_at: datetime | None = None
    entries: list[Any] = []

    _times = field_validator("written_at", mode="before")(_utc)


class UpdateFile(Header):
    """The whole file's shape, entries included (for field hints and documentation)."""

    entries: list[Entry] = []


def entry_uid(plan: str, kind: str, item: str, proposed: str, note: str, author: str, written_at: datetime) -> str:
    """The id of an entry that has none: a hash of what it says, so the same words import once."""
    return uid_of(plan, kind, item, proposed, note, author,
                  written_at.astimezone(UTC).isoformat(timespec="microseconds"))


def uid_of(plan: str, kind: str, item: str, proposed: str, note: str, author: str, written_utc: str) -> str:
    """`entry_uid` with the time already written as UTC ISO-8601 with microseconds.

    The hash is of `json.dumps([...], ensure_ascii=False)` of the seven texts; stored ids
    depend on those exact bytes, so the list is spelled out here with the encoder's own
    string function rather than through `json.dumps`, which costs twice as much."""
    canon = (
        "[" + ", ".join(map(_json_text, (plan, kind, item, proposed, note.strip(), author.strip(), written_utc))) + "]"
    )
    return "h-" + hashlib.sha256(canon.encode()).hexdigest()[:24]
