"""A store that fails during a session (locked by another writer past the busy timeout, damaged
where it is read) is a notification in the store's own words, and the app stays open.

`said(service, exc)` is the store's one line for such an error (None for any other: a bug,
which still ends the app with its traceback). `StoreTroubleApp.run_action` (the chair's app
and officer mode) catches it for every key action of every screen; `notifies` does the same
for a method run outside a key action (a message handler, a watcher, a callback). Textual
8's only app-wide hook, `App._handle_exception`, is private and ends the failing screen's
message loop, so it cannot keep the app usable.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.app import App

from storage.service import StoreError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.actions import ActionParseResult
    from textual.dom import DOMNode

F = TypeVar("F", bound=Callable[..., Any])

TITLE = "steerco: the store"


class Describes(Protocol):
    def describe_error(self, exc: BaseException, *, since_writes: bool = True) -> str | None: ...


def said(service: Describes, exc: BaseException) -> str | None:
    """The store's one line for `exc`, or None when it is not the store's problem."""
    if isinstance(exc, StoreError):
        return str(exc)
    return service.describe_error(exc, since_writes=False)


def tell(node: Any, line: str) -> None:
    """Show the store's line as an error notification that stays long enough to read."""
    node.app.notify(line, title=TITLE, severity="error", timeout=12)


def notifies(method: F) -> F:
    """`method` of a widget, screen or app holding `.service`: a store error it meets is told
    (nothing after it in the method runs, so nothing is shown as saved) and it returns None."""

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:
            line = said(self.service, exc)
            if line is None:
                raise
            tell(self, line)
            return None

    return run  # type: ignore[return-value]


class StoreTroubleApp(App[None]):
    """An app on a service (`self.service`, set by the app) whose key actions tell a store error, not crash on it."""

    async def run_action(self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as exc:
            line = said(self.service, exc)  # type: ignore[attr-defined]
            if line is None:
                raise
            tell(self, line)
            return True
