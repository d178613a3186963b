"""The service layer: the one way the app, officer mode and the command line reach storage.

`storage.service.service.Service` is the chair's (the app's screens and the chair's
commands), `storage.service.officer.OfficerService` an officer's, `storage.service.plans`
the plan files. Clients import the types those hand back, and the status rules they show
them by, from here; nothing outside storage/ imports the store, the updates, the minutes or
the cache (an import-linter contract in pyproject.toml holds it). Everything re-exported
here is light: the plan model and the store's modules stay unimported until a plan is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from storage.plan.rating_text import rating_text
from storage.plan.status import (
    AS_REGISTERED,
    AT_RISK,
    COMPLETE,
    DEFAULT_RANKS,
    NOT_RATED,
    NOT_RATED_MARK,
    OFF_SCALE,
    OFF_SCALE_MARK,
    OFF_TRACK,
    ON_TRACK,
    OVERDUE,
    STATUS_HEADING,
    UNRATED_CODE,
    StatusNotOnScale,
    is_arising_late,
    is_late,
    is_off_scale,
    off_scale_words,
    overdue_words,
    tones,
)
from storage.plan.wording import counted, cut, short_owners
from storage.plan.zones import UnknownZone, time_zone, zoned
from storage.store.files import FileWriteError, check_target, make_folder, write_file
from storage.store.opening import MeetingClosed, StoreError, describe_sqlite_error
from storage.store.proposals import FATES, ProposalFate
from storage.store.records import (
    ActionArising,
    AgendaItem,
    Attendee,
    Decision,
    IndicatorValue,
    Meeting,
    Proposal,
    Rating,
    Update,
)

if TYPE_CHECKING:
    from storage.minutes.charts import IndicatorSeries
    from storage.plan.deadline_text import DeadlineText, deadline_text
    from storage.plan.targets import Goal, against_target, contributions, direction_words, goals, number
    from storage.service.formats import BINARY, FORMAT_NAMES, FORMATS, FormatError

#: Imported when first asked for, not with this package: the deadline rules (their regular
#: expressions) and the targets are ~7 ms of imports that home's first paint does not need (row 1).
_LATER = {"DeadlineText": "storage.plan.deadline_text", "deadline_text": "storage.plan.deadline_text",
          "IndicatorSeries": "storage.minutes.charts",
          **dict.fromkeys(["Goal", "against_target", "contributions", "direction_words", "goals", "number"],
                          "storage.plan.targets"),
          **dict.fromkeys(["BINARY", "FORMATS", "FORMAT_NAMES", "FormatError"], "storage.service.formats")}


def __getattr__(name: str) -> object:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LATER[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "AS_REGISTERED",
    "AT_RISK",
    "BINARY",
    "COMPLETE",
    "DEFAULT_RANKS",
    "FATES",
    "FORMATS",
    "FORMAT_NAMES",
    "NOT_RATED",
    "NOT_RATED_MARK",
    "OFF_SCALE",
    "OFF_SCALE_MARK",
    "OFF_TRACK",
    "ON_TRACK",
    "OVERDUE",
    "STATUS_HEADING",
    "UNRATED_CODE",
    "ActionArising",
    "AgendaItem",
    "Attendee",
    "DeadlineText",
    "Decision",
    "FileWriteError",
    "FormatError",
    "Goal",
    "IndicatorSeries",
    "IndicatorValue",
    "Meeting",
    "MeetingClosed",
    "Proposal",
    "ProposalFate",
    "Rating",
    "StatusNotOnScale",
    "StoreError",
    "UnknownZone",
    "Update",
    "against_target",
    "check_target",
    "contributions",
    "counted",
    "cut",
    "deadline_text",
    "describe_sqlite_error",
    "direction_words",
    "goals",
    "is_arising_late",
    "is_late",
    "is_off_scale",
    "make_folder",
    "number",
    "off_scale_words",
    "overdue_words",
    "rating_text",
    "short_owners",
    "time_zone",
    "tones",
    "write_file",
    "zoned",
]
