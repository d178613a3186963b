"""What the chair's and an officer's service share: one store, closed with the service."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from storage.store.store import Store


class StoreClient:
    """Holds the store privately (clients reach it only through the service's methods) and is a
    context manager that closes it."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe_error(self, exc: BaseException, *, since_writes: bool = True) -> str | None:
        """The one line for an SQLite error met on this service's store (None for any other
        error): it never says nothing was changed once a write has been committed (a command's
        writes; `since_writes=False` for an app session's reads, long after its earlier writes)."""
        return self._store.describe_error(exc, since_writes=since_writes)

    def store_version(self) -> int:
        """A number that changes when another connection (the CLI, another app) commits to the
        store file (SQLite's data version, storage/store/follower.py; this service's own writes
        leave it): a view read at one version is current while the number stays."""
        from storage.store.follower import data_version

        return data_version(self._store)

    @property
    def db_path(self) -> Path:
        """The store file's path."""
        return self._store.path
