"""The settings file's Textual half: every binding id of both apps (read from the classes'
BINDINGS, never a list kept by hand), the checks of theme, binding ids and key names, the
clashes a keymap makes, and applying the settings to an app at start (`App.set_keymap`, as
Posting does: the remapped keys are what the footer, the help screen and the palette show,
since all three read the screen's active bindings).

`catalog()` imports every screen (~0.3 s): the app calls it only when the file has a keymap,
and only after home has painted.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from steerco.settings import Loaded, Problem, did_you_mean

if TYPE_CHECKING:
    from storage.plan.model import RagStatus

#: A plan's status scale by plan id: what `check` checks the status keys against (the plans the app opens).
Scales = Mapping[str, Sequence["RagStatus"]]

#: What the people using the app call the classes that declare keys (else the class name).
WHERE = {"SteercoApp": "Everywhere (meeting app)", "OfficerApp": "Everywhere (officer mode)",
         "HomeScreen": "Plans", "DashboardScreen": "Plan dashboard", "Detail": "Risk or indicator detail",
         "ActionScreen": "Action detail", "MinutesScreen": "Minutes preview", "MeetingSetupScreen": "Meeting setup",
         "AgendaPreview": "Agenda preview", "WalkthroughScreen": "Walk-through", "OfficerScreen": "Officer updates",
         "PlanProblems": "Plan problems",
         "StoreProblemScreen": "Store problem", "StoreProblemApp": "Store problem", "HelpScreen": "Help screen",
         "Confirm": "Yes/no question", "TextPrompt": "Note or decision dialog", "Choice": "Choice list",
         "ValuePrompt": "Indicator value dialog", "RiskGridModal": "Risk grid", "RiskGrid": "Risk grid",
         "ArisingPrompt": "Action-arising dialog", "CarryForwardPrompt": "Carry-forward dialog",
         "DeclarationPrompt": "Declaration dialog", "CloseMeeting": "Close dialog", "ResumeOffer": "Resume offer",
         "AmendRecord": "Amend dialog", "EditOrWithdraw": "Edit-or-withdraw list", "ActionTable": "Action table",
         "FollowApp": "Everywhere (follow view)", "FollowScreen": "Follow view (steerco follow)"}
MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
THEME_DEFAULT = "textual-dark"


@dataclass(frozen=True)
class Owner:
    """A class that declares keys, with the bindings that are active beside its own."""

    name: str
    where: str
    bindings: tuple[Binding, ...]
    app_bindings: tuple[Binding, ...]  # the app's, for a full screen; none for a dialog or a widget


@dataclass(frozen=True)
class Bound:
    id: str
    keys: tuple[str, ...]
    description: str
    where: str


def _classes() -> Iterable[type[DOMNode]]:
    import tui

    for info in sorted(pkgutil.walk_packages(tui.__path__, "tui."), key=lambda i: i.name):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if (inspect.isclass(cls) and issubclass(cls, DOMNode) and cls.__module__ == module.__name__
                    and "BINDINGS" in vars(cls)):
                yield cls


@cache
def owners() -> tuple[Owner, ...]:
    """Every class of tui/ that declares keys, the walk-through with the default scale's status keys."""
    from storage.plan.model import DEFAULT_RAG_SCALE
    from tui.officer_app import OfficerApp
    from tui.screens.walkthrough.keys import status_bindings

    classes = list(_classes())
    app = tuple(Binding.make_bindings(next(c for c in classes if c.__name__ == "SteercoApp").BINDINGS))
    officer = tuple(Binding.make_bindings(OfficerApp.BINDINGS))
    found = []
    for cls in classes:
        bindings = tuple(binding for _, binding in cls._merge_bindings())
        if cls.__name__ == "WalkthroughScreen":
            bindings = (*status_bindings(DEFAULT_RAG_SCALE), *bindings)
        full_screen = issubclass(cls, Screen) and not issubclass(cls, ModalScreen)
        beside = (officer if cls.__name__ == "OfficerScreen" else app) if full_screen else ()
        found.append(Owner(cls.__name__, WHERE.get(cls.__name__, cls.__name__), bindings, beside))
    return tuple(found)


def catalog() -> list[Bound]:
    """Every binding id with its keys, where it works and what it does (one entry per id and place)."""
    entries: dict[tuple[str, str], Bound] = {}
    for owner in owners():
        where = owner.where
        for binding in owner.bindings:
            if binding.id is None:
                continue
            key = (binding.id, where)
            old = entries.get(key)
            if old is None:
                entries[key] = Bound(binding.id, (binding.key,), binding.description, where)
            elif binding.key not in old.keys:
                entries[key] = Bound(binding.id, (*old.keys, binding.key), old.description, where)
    return list(entries.values())


def binding_ids() -> set[str]:
    return {entry.id for entry in catalog()}


def status_id_pattern(binding_id: str) -> bool:
    """A status key of a plan's own scale (meeting-status-<code>): not known until a plan is open."""
    rest = binding_id.removeprefix("meeting-status-")
    return rest != binding_id and rest.isalnum()


def _scale_key(scale: Sequence[RagStatus]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((s.code, s.rank) for s in scale))


def walkthrough_owners(scales: Scales) -> tuple[Owner, ...]:
    """The walk-through as each plan's own scale binds it (its status keys: `status_bindings`), one
    per scale other than the default one (which `owners()` has), named by the plans that have it."""
    from storage.plan.model import DEFAULT_RAG_SCALE
    from tui.screens.walkthrough.keys import not_status_bindings, status_bindings

    default = next(o for o in owners() if o.name == "WalkthroughScreen")
    class_bindings = default.bindings[len(DEFAULT_RAG_SCALE):]  # owners() puts the default status keys first
    plans: dict[tuple[tuple[str, int], ...], list[str]] = {}
    scale_of: dict[tuple[tuple[str, int], ...], Sequence[RagStatus]] = {}
    for plan_id, scale in sorted(scales.items()):
        key = _scale_key(scale)
        if key != _scale_key(DEFAULT_RAG_SCALE):
            plans.setdefault(key, []).append(plan_id)
            scale_of[key] = scale
    found = []
    for key, ids in plans.items():
        status = status_bindings(scale_of[key])
        found.append(Owner("WalkthroughScreen", f"{default.where} of {', '.join(ids)}",
                           (*status, *not_status_bindings(status), *class_bindings), default.app_bindings))
    return tuple(found)


def status_code_problems(loaded: Loaded, scales: Scales) -> list[Problem]:
    """A status key's id whose code no plan's scale has (meeting-status-q): it binds nothing (a warning;
    none when there are no plans to go by)."""
    from tui.screens.walkthrough.keys import NAMED_IDS, status_id

    if not scales:
        return []
    problems = []
    codes = {status_id(s.code): s.code for scale in scales.values() for s in scale}
    named = {f"meeting-status-{name}": code for code, name in NAMED_IDS.items()}
    listed = " · ".join(f"{plan_id}: {' '.join(s.code for s in sorted(scale, key=lambda s: s.rank))}"
                        for plan_id, scale in sorted(scales.items()))
    for binding_id in loaded.given.keymap:
        if status_id_pattern(binding_id) and binding_id not in codes:
            code = named.get(binding_id, binding_id.removeprefix("meeting-status-").upper())
            problems.append(loaded.problem("warning", f"keymap {binding_id}: no plan has a status {code} "
                                           f"({listed}), so the key sets nothing", "keymap", binding_id))
    return problems


def key_problem(key: str) -> str | None:
    """Why `key` (one key of a comma list) is not a key Textual names, or None."""
    from textual.keys import REPLACED_KEYS, Keys, key_to_character

    parts = key.split("+")
    *modifiers, last = parts
    if not last and key.endswith("+"):
        return f"{key!r}: name the key after '+' (plus is 'plus')"
    unknown = [m for m in modifiers if m not in MODIFIERS]
    if unknown:
        return f"{key!r}: {unknown[0]!r} is not a modifier (ctrl, shift, alt, meta, super, hyper)"
    named = {k.value for k in Keys if not k.value.startswith("<") and "+" not in k.value}
    if len(last) == 1 and last.isprintable() and not last.isspace():
        return None
    if last in named or last in REPLACED_KEYS or key_to_character(last) is not None:
        return None
    return (f"{key!r} is not a key Textual knows{did_you_mean(last, named)}; keys are named as `textual keys` "
            "prints them: a letter, ctrl+s, f5, pageup, question_mark, space")


def normalized(keys: str) -> str:
    """A keymap value as Textual binds it ('?' is question_mark), spaces around commas dropped."""
    return ",".join(binding.key for binding in Binding.make_bindings([Binding(keys, "")]))


def check(loaded: Loaded, themes: Iterable[str] | None = None, scales: Scales | None = None) -> list[Problem]:
    """What tui/ can tell about the settings file beyond its shape: an unknown theme, an unknown
    binding id, a key Textual cannot name (errors: the app then starts with its own theme and
    keys), and the keys a keymap takes from another binding on the same screen (warnings).
    `themes`: the names to accept (default Textual's own); `scales`: the plans' status scales
    (`steerco config check`: the plans folder's), to check the status keys each binds on the
    walk-through and a status key whose code no plan has (warnings)."""
    from textual.theme import BUILTIN_THEMES

    settings = loaded.given
    problems: list[Problem] = []
    known_themes = set(themes if themes is not None else BUILTIN_THEMES)
    if settings.theme is not None and settings.theme not in known_themes:
        guess = did_you_mean(settings.theme, known_themes)
        problems.append(loaded.problem("error", f"unknown theme {settings.theme!r}{guess}; Textual's themes: "
                                       f"{', '.join(sorted(known_themes))}", "theme"))
    ids = binding_ids()
    good: dict[str, str] = {}
    for binding_id, keys in settings.keymap.items():
        if binding_id not in ids and not status_id_pattern(binding_id):
            problems.append(loaded.problem("error", f"unknown binding id {binding_id!r}{did_you_mean(binding_id, ids)}"
                                           "; every id is in docs/meeting-keys.md", "keymap", binding_id))
            continue
        said = [p for k in keys.split(",") if (p := key_problem(k.strip()))]
        problems += [loaded.problem("error", f"keymap {binding_id}: {p}", "keymap", binding_id) for p in said]
        if not said:
            good[binding_id] = normalized(keys)
    problems += clashes(loaded, good, walkthrough_owners(scales or {}))
    problems += status_code_problems(loaded, scales or {})
    return sorted(problems, key=lambda p: p.line)


def clashes(loaded: Loaded, keymap: dict[str, str], more: Iterable[Owner] = ()) -> list[Problem]:
    """The keys the keymap takes from another binding on the same screen (Textual's apply_keymap:
    a remapped binding's old keys are unbound for every binding on them), and a key left bound to
    two ids on one screen by the keymap; on the screens of `owners()` and `more` (the walk-through
    on each plan's own scale)."""
    said: dict[str, Problem] = {}
    for owner in (*owners(), *more):
        if not any(b.id in keymap for b in (*owner.bindings, *owner.app_bindings)):
            continue
        after: list[Binding] = []
        for namespace in (owner.bindings, owner.app_bindings):
            bindings_map = BindingsMap(namespace)
            bindings_map.apply_keymap(keymap)
            kept = [b for _, b in bindings_map]
            after += kept
            for binding in namespace:
                if binding.id in keymap or binding.id is None:
                    continue
                if not any(b.id == binding.id and b.key == binding.key for b in kept):
                    taker = next((b.id for b in kept if b.key == binding.key), None)
                    binding_of = taker or next((i for i in keymap if _had(namespace, i, binding.key)), "")
                    why = (f"{taker} is mapped to it" if taker else
                           f"{binding_of} had it too, and Textual unbinds a remapped binding's old keys for every "
                           "binding on them (list it in both to keep it)")
                    text = f"on the {owner.where}, {binding.key} no longer runs {binding.id}: {why}"
                    said.setdefault(text, loaded.problem("warning", text, "keymap", binding_of))
        by_key: dict[str, set[str]] = {}
        for binding in after:
            if binding.id:
                by_key.setdefault(binding.key, set()).add(binding.id)
        for key, bound in by_key.items():
            mapped = sorted(bound & set(keymap))
            if len(bound) > 1 and mapped:
                text = (f"on the {owner.where}, {key} is bound to {' and '.join(sorted(bound))}: "
                        "only the first that can run will")
                said.setdefault(text, loaded.problem("warning", text, "keymap", mapped[0]))
    return sorted(said.values(), key=lambda p: (p.line, p.message))


def _had(namespace: tuple[Binding, ...], binding_id: str, key: str) -> bool:
    return any(b.id == binding_id and b.key == key for b in namespace)


def apply_settings(app: App[Any], loaded: Loaded | None) -> None:
    """The settings file at the app's start: its theme now; its keymap once home has painted
    (checking binding ids imports every screen). A file with an error changes nothing and says so
    once, naming file:line."""
    if loaded is None or not loaded.exists:
        return
    theme = loaded.settings.theme
    if loaded.errors or (theme is not None and theme not in app.available_themes):
        app.call_after_refresh(_refuse, app, loaded)
        return
    if theme is not None:
        app.theme = theme
    if loaded.settings.keymap:
        app.call_after_refresh(_apply_keymap, app, loaded)


def _apply_keymap(app: App[Any], loaded: Loaded) -> None:
    if any(p.severity == "error" for p in check(loaded, app.available_themes)):
        app.theme = THEME_DEFAULT
        _refuse(app, loaded)
        return
    app.set_keymap(loaded.settings.keymap)


def _refuse(app: App[Any], loaded: Loaded) -> None:
    """Say once that the file is not used: every error `steerco config check` would count (its
    shape's and this module's), the first named (`Loaded.notice`, sized for 80x24)."""
    errors = loaded.errors + [p for p in check(loaded, app.available_themes) if p.severity == "error"]
    title, text = loaded.notice(sorted(errors, key=lambda p: p.line))
    app.notify(text, title=title, severity="error", timeout=15, markup=False)


#: How docs/meeting-keys.md writes a key Textual names otherwise.
DOC_SPELLING = {"left": "←", "right": "→", "up": "↑", "down": "↓", "escape": "esc", "pageup": "pgup",
                "pagedown": "pgdn", "slash": "/", "question_mark": "?"}
DOC_BEGIN = "<!-- binding ids: generated by `python -m tui.keymap --write-doc docs/meeting-keys.md` -->"
DOC_END = "<!-- end of the generated binding ids -->"


def markdown_table() -> str:
    """Every binding id with its default keys, what it does and where, and the settings line that
    keeps its default (docs/meeting-keys.md, 'Remapping keys'; tests/test_tui_keys_doc.py)."""
    rows: dict[str, tuple[list[str], str, list[str]]] = {}
    for entry in catalog():
        keys, does, where = rows.setdefault(entry.id, ([], entry.description, []))
        keys += [k for k in entry.keys if k not in keys]
        if entry.where not in where:
            where.append(entry.where)
    lines = ["| keys | binding id | does | where | default, as a settings line |", "|---|---|---|---|---|"]
    for binding_id in sorted(rows):
        keys, does, where = rows[binding_id]
        shown = " ".join(f"`{DOC_SPELLING.get(k, k)}`" for k in keys)
        does = (does or "—").replace("|", "\\|")
        lines.append(f"| {shown} | [{binding_id}] | {does} | {'; '.join(where)} | "
                     f"`{binding_id} = \"{','.join(keys)}\"` |")
    return "\n".join(lines)


def write_doc(path: str) -> bool:
    """Put markdown_table() between the markers of `path`; True when the file changed."""
    from pathlib import Path

    doc = Path(path)
    text = doc.read_text(encoding="utf-8")
    head, _, rest = text.partition(DOC_BEGIN)
    _, _, tail = rest.partition(DOC_END)
    new = f"{head}{DOC_BEGIN}\n{markdown_table()}\n{DOC_END}{tail}"
    if new != text:
        doc.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover
    import sys

    if sys.argv[1:2] == ["--write-doc"]:
        print("updated" if write_doc(sys.argv[2]) else "up to date", sys.argv[2])
    else:
        print(markdown_table())
