"""What a steerco store is marked with, apart from the migrations that build it.

Kept out of `storage.store.schema` so that opening an up-to-date store never imports
sqlite-utils (its `Migrations` run only when a store is new or older than this code).
"""

from __future__ import annotations

#: The value of `steerco_meta.app` in every steerco store.
APP = "steerco"

#: The number of migrations in `storage.store.schema`; `PRAGMA user_version` of an up-to-date store.
SCHEMA_VERSION = 9

#: How many RAG codes `action_state.trend` keeps (the trend `status` and the dashboard show).
TREND_LENGTH = 6
