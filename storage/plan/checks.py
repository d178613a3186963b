"""Checks of meaning that the schema alone cannot make: unique ids, references that
resolve, ratings that add up, deadlines that resolve to dates, bands that cover 1-25."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from typing import Any

from storage.plan import deadlines
from storage.plan.ids import fold_id
from storage.plan.model import Action, Plan, Target
from storage.plan.targets import missing_base
from storage.plan.yaml_source import Problem, SourceMap

Path_ = tuple[Any, ...]


class _Report:
    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(self.source.problem(path, "error", message))

    def warning(self, path: Path_, message: str) -> None:
        self.problems.append(self.source.problem(path, "warning", message))

    def unique(self, what: str, items: Iterable[tuple[Path_, str]]) -> None:
        """Ids of one kind must differ by more than case (`fold_id`): '7.1a' and '7.1A' are one id.
        The later in the file is the duplicate (the roster's people, organisations and groups
        may stand in any order), reported at its place naming the first's line."""
        seen: dict[str, tuple[Path_, str]] = {}
        for path, ident in sorted(items, key=lambda item: self.source.at(item[0])):
            key = fold_id(ident)
            if key not in seen:
                seen[key] = (path, ident)
                continue
            first_path, first = seen[key]
            line = self.source.at(first_path)[0]
            kind = _ROSTER_KINDS.get(first_path[0])
            by = f" by {kind} {first!r}" if kind else ""
            if first == ident:
                self.error(path, f"duplicate {what} id {ident!r} (first used at line {line}{by})")
            else:
                self.error(path, f"duplicate {what} id {ident!r}: {kind + ' ' if kind else ''}{first!r} at line "
                           f"{line} differs only in case, and ids are matched in any case")


_ROSTER_KINDS = {"people": "person", "organisations": "organisation", "groups": "group"}


def check_plan(plan: Plan, source: SourceMap) -> list[Problem]:
    r = _Report(source)
    actions = [(("themes", t, "actions", a), action)
               for t, theme in enumerate(plan.themes) for a, action in enumerate(theme.actions)]

    r.unique("theme", ((("themes", i, "id"), t.id) for i, t in enumerate(plan.themes)))
    r.unique("action", ((p + ("id",), a.id) for p, a in actions))
    r.unique("risk", ((("risks", i, "id"), x.id) for i, x in enumerate(plan.risks)))
    r.unique("indicator", ((("indicators", i, "id"), x.id) for i, x in enumerate(plan.indicators)))
    r.unique("recommendation", ((("recommendations", i, "id"), x.id) for i, x in enumerate(plan.recommendations)))
    r.unique("stage", ((("stages", i, "id"), x.id) for i, x in enumerate(plan.stages)))
    r.unique("roster", [
        *((("people", i, "id"), x.id) for i, x in enumerate(plan.people)),
        *((("organisations", i, "id"), x.id) for i, x in enumerate(plan.organisations)),
        *((("groups", i, "id"), x.id) for i, x in enumerate(plan.groups)),
    ])
    objective_paths: list[tuple[Path_, str]] = [(("objectives", i, "id"), o.id) for i, o in enumerate(plan.objectives)]
    priority_paths: list[tuple[Path_, str]] = []
    for t, theme in enumerate(plan.themes):
        objective_paths += [(("themes", t, "objectives", i, "id"), o.id) for i, o in enumerate(theme.objectives)]
        priority_paths += [(("themes", t, "priorities", i, "id"), p.id) for i, p in enumerate(theme.priorities)]
    r.unique("objective", objective_paths)
    r.unique("priority", priority_paths)
    _check_scale(r, plan)  # its codes' uniqueness too, said in the scale's own words

    recommendations = {x.id for x in plan.recommendations}
    stages = {x.id for x in plan.stages}
    objectives = {ident for _, ident in objective_paths}
    people = {p.id for p in plan.people}
    organisations = {o.id for o in plan.organisations}
    roster = plan.roster_ids()
    names = _roster_names(plan)

    def cites(path: Path_, ids: list[str], known: set[str], what: str, item: str) -> None:
        for i, ident in enumerate(ids):
            if ident not in known:
                choices = (f"; known: {', '.join(sorted(known, key=_natural))}" if known
                           else f"; the plan has no {what}s")
                r.error(path + (i,), f"{item}: {what} {ident!r} does not exist{choices}")

    for t, theme in enumerate(plan.themes):
        for i, priority in enumerate(theme.priorities):
            cites(("themes", t, "priorities", i, "recommendations"), priority.recommendations, recommendations,
                  "recommendation", f"theme {theme.id}: priority {priority.id}")

    for path, action in actions:
        cites(path + ("recommendations",), action.recommendations, recommendations, "recommendation",
              f"action {action.id}")
        cites(path + ("stages",), action.stages, stages, "stage", f"action {action.id}")
        if action.objective is not None and action.objective not in objectives:
            r.error(path + ("objective",), f"action {action.id}: objective {action.objective!r} does not exist"
                    f"{did_you_mean(action.objective, {o: o for o in objectives})}")
        if action.owner is not None and action.owner not in roster:
            r.warning(path + ("owner",), f"action {action.id}: owner {action.owner!r} is not on the roster "
                      f"(people, organisations, groups){did_you_mean(action.owner, names)}")
        _check_owners(r, path, action, names)
        _check_deadline(r, path, f"action {action.id}", action.deadline, action.due,
                        "due" in action.model_fields_set)

    for i, person in enumerate(plan.people):
        if person.organisation is not None and person.organisation not in organisations:
            r.error(("people", i, "organisation"), f"person {person.id}: organisation {person.organisation!r} "
                    "does not exist"
                    f"{did_you_mean(person.organisation, {o: names[o] for o in organisations})}")
    for g, group in enumerate(plan.groups):
        for m, member in enumerate(group.members):
            if member.person is not None and member.person not in people:
                r.error(("groups", g, "members", m, "person"), f"group {group.id}: member {m + 1}: person "
                        f"{member.person!r} is not in people"
                        f"{did_you_mean(member.person, {p: names[p] for p in people})}")
            if member.person is None and not member.as_written:
                r.error(("groups", g, "members", m), f"group {group.id}: member {m + 1}: a member needs a person "
                        "or an as_written holder")
    if plan.delivery_lead_person is not None and plan.delivery_lead_person not in people:
        r.error(("delivery_lead_person",), f"person {plan.delivery_lead_person!r} is not in people"
                f"{did_you_mean(plan.delivery_lead_person, {p: names[p] for p in people})}")
    chair = plan.meeting.chair
    if chair is not None and chair not in people:
        r.error(("meeting", "chair"), f"meeting chair {chair!r} is not in people"
                f"{did_you_mean(chair, {p: names[p] for p in people})}")
    if not _known_zone(plan.meeting.time_zone):
        r.error(("meeting", "time_zone"), f"time zone {plan.meeting.time_zone!r} is not known: write an IANA "
                "name such as Europe/London")
    if plan.meeting_body is not None and plan.meeting_group is None:
        known = ", ".join(g.id for g in plan.groups) or "the plan has no groups"
        r.error(("meeting_body",), f"meeting_body {plan.meeting_body!r} is not a group id; known: {known}")
    if plan.meeting_cycle is not None and "meeting_cycle_days" in plan.model_fields_set:
        r.error(("meeting_cycle_days",), f"meeting_cycle {plan.meeting_cycle!r} already sets the cycle "
                f"({plan.meeting_cycle_days} days); leave meeting_cycle_days out")

    for i, risk in enumerate(plan.risks):
        expected = risk.impact * risk.likelihood
        if risk.rating != expected:
            r.error(("risks", i, "rating"), f"risk {risk.id}: rating {risk.rating} is not impact × likelihood "
                    f"({risk.impact} × {risk.likelihood} = {expected})")
        if risk.owner is not None and risk.owner not in roster:
            r.warning(("risks", i, "owner"), f"risk {risk.id}: owner {risk.owner!r} is not on the roster "
                      f"(people, organisations, groups){did_you_mean(risk.owner, names)}")

    delivered_by = {t.id for t in plan.themes} | {a.id for _, a in actions}
    for i, indicator in enumerate(plan.indicators):
        baseline_period = indicator.baseline.period if indicator.baseline else None
        periods = {t.period for t in indicator.targets} | ({baseline_period} if baseline_period else set())
        for j, target in enumerate(indicator.targets):
            at = ("indicators", i, "targets", j)
            gap = missing_base(indicator, target)  # measured against the baseline, which lacks what it needs
            if gap is not None:
                r.warning(("indicators", i, *gap.at) if gap.at else at + ("relative_to",),
                          f"indicator {indicator.id}: {gap.problem}")
            elif target.relative_to is not None and target.relative_to not in periods:
                r.warning(at + ("relative_to",),
                          f"indicator {indicator.id}: period {target.relative_to!r} is not one of its targets")
            if target.value is None and target.change_percent is None:
                r.warning(at, f"indicator {indicator.id}: target {target.period!r} has neither value nor "
                          "change_percent, so values cannot be compared with it")
            _check_target(r, at, indicator.id, target)
        for j, ident in enumerate(indicator.contributes_to):
            if ident not in delivered_by:
                r.error(("indicators", i, "contributes_to", j),
                        f"indicator {indicator.id}: contributes_to {ident!r} is neither a theme nor an action")

    covered = [0] * 26
    for band in plan.risk_bands:
        for n in range(band.low, band.high + 1):
            covered[n] += 1
    gaps = [n for n in range(1, 26) if covered[n] == 0]
    overlaps = [n for n in range(1, 26) if covered[n] > 1]
    if gaps or overlaps:
        detail = "; ".join(part for part in (
            f"ratings {_ranges(gaps)} fall in no band" if gaps else "",
            f"ratings {_ranges(overlaps)} fall in more than one band" if overlaps else "") if part)
        r.error(("risk_bands",), f"risk bands must cover 1-25 once each: {detail}")
    return r.problems


def _check_owners(r: _Report, path: Path_, action: Action, names: dict[str, str]) -> None:
    """`owner` or `owners`, not both; every owner on the roster (a warning, as for `owner`);
    `lead_owner` one of them; each milestone's owner on the roster and its deadline a date."""
    if action.owner is not None and action.owners:
        r.error(path + ("owners",), f"action {action.id}: give `owner` (one) or `owners` (several), not both")
    seen: set[str] = set()
    for k, owner in enumerate(action.owners):
        if owner in seen:
            r.error(path + ("owners", k), f"action {action.id}: owner {owner!r} is listed twice")
        seen.add(owner)
        if owner not in names:
            r.warning(path + ("owners", k), f"action {action.id}: owner {owner!r} is not on the roster "
                      f"(people, organisations, groups){did_you_mean(owner, names)}")
    if action.lead_owner is not None and action.lead_owner not in action.owner_ids:
        r.error(path + ("lead_owner",),
                f"action {action.id}: lead_owner {action.lead_owner!r} is not one of its owners; add it to `owners`")
    for k, milestone in enumerate(action.milestones):
        at = path + ("milestones", k)
        if milestone.owner is not None and milestone.owner not in names:
            r.warning(at + ("owner",), f"action {action.id}: milestone {k + 1}: owner {milestone.owner!r} is not "
                      f"on the roster (people, organisations, groups){did_you_mean(milestone.owner, names)}")
        _check_deadline(r, at, f"action {action.id}: milestone {k + 1}", milestone.deadline, milestone.due,
                        "due" in milestone.model_fields_set)


def _roster_names(plan: Plan) -> dict[str, str]:
    """Each roster id (people, organisations, groups) with its name."""
    return {x.id: x.name for collection in (plan.people, plan.organisations, plan.groups) for x in collection}


def did_you_mean(ident: str, choices: dict[str, str]) -> str:
    """'; did you mean ...?' naming the ids of `choices` (id: name) closest to `ident`, by id or
    by name (compared as `fold_id` compares), or '' when none is close."""
    def named(found: Iterable[str]) -> str:
        return " or ".join(f"{c!r} ({choices[c]})" if choices[c] != c else repr(c) for c in dict.fromkeys(found))

    wanted = fold_id(ident)
    ids = {fold_id(c): c for c in choices}
    if wanted in ids:
        return f"; did you mean {named([ids[wanted]])}? A reference is written as the id is"
    by_name = {fold_id(name): c for c, name in choices.items()}
    if wanted in by_name:
        return f"; did you mean {named([by_name[wanted]])}? A reference is the id, not the name"
    keys = {**by_name, **ids}
    close = difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.6)
    return f"; did you mean {named(keys[k] for k in close)}?" if close else ""


def _check_deadline(r: _Report, at: Path_, what: str, written: str | None, due: date | None,
                    due_written: bool) -> None:
    """A deadline with no `due:` that is no date, no recurrence and no standing commitment, or
    that reads two ways (`2025-26`: a range, or a financial year?); or a `due:` beside a recurring
    or standing deadline, which it contradicts (the `due:` wins, as whenever it is given:
    docs/plan-format.md, Deadlines). `due_written`: the plan gives `due:` (`due` may be resolved)."""
    if not written:
        return
    read = deadlines.read_deadline(written)
    if due is None and read.kind == deadlines.INVALID:
        r.warning(at + ("deadline",), f"{what}: deadline {read.problem}; write the date as YYYY-MM-DD, "
                  "or add `due: YYYY-MM-DD`")
    elif not due_written and (both := deadlines.financial_year_reading(written)) is not None:
        as_range, year_end = both
        assert as_range.due is not None
        first = year_end.year - 1
        r.warning(at + ("deadline",), f"{what}: deadline {written!r} is read as the years {first} to {first + 1} "
                  f"(due {as_range.due.isoformat()}); for the financial year write {first}/{str(first + 1)[-2:]} "
                  f"(due {year_end.isoformat()})")
    elif due is None and read.kind == deadlines.UNRESOLVED:
        r.warning(at + ("deadline",), f"{what}: deadline {written!r} resolves to no date; add `due: YYYY-MM-DD`")
    elif due is not None and read.kind == deadlines.STANDING:
        r.warning(at + ("due",), f"{what}: deadline {written!r} is a standing commitment (never due), but "
                  f"`due: {due.isoformat()}` gives it a date; the due date wins (late after {due.isoformat()}): "
                  "remove `due:` to keep it standing")
    elif due is not None and read.kind == deadlines.RECURRING:
        r.warning(at + ("due",), f"{what}: deadline {written!r} recurs (its next due date is worked out each day), "
                  f"but `due: {due.isoformat()}` fixes one date; the due date wins (late after {due.isoformat()}): "
                  "remove `due:` to keep it recurring")


def _check_target(r: _Report, at: Path_, indicator_id: str, target: Target) -> None:
    """A target is absolute (`value`) or relative (`change_percent` on `relative_to`), never both
    and never half of a relative one: those could not be compared with any value."""
    if target.value is not None and target.change_percent is not None:
        r.error(at + ("change_percent",), f"indicator {indicator_id}: target {target.period!r} has both value and "
                "change_percent; give one (value: absolute, change_percent with relative_to: relative)")
    if target.change_percent is not None and target.relative_to is None:
        r.error(at + ("change_percent",), f"indicator {indicator_id}: target {target.period!r}: a change of "
                f"{target.change_percent:g}% needs `relative_to`, the period it is measured against "
                "(a target's period or the baseline's)")
    if target.relative_to is not None and target.change_percent is None:
        r.error(at + ("relative_to",), f"indicator {indicator_id}: target {target.period!r} names relative_to "
                "but no change_percent; add `change_percent` or use `value`")


def _natural(ident: str) -> tuple[Any, ...]:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in ident.replace("-", ".").split("."))


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _check_scale(r: _Report, plan: Plan) -> None:
    """A scale a chair can use: statuses worst to complete with one rank each (the top rank is
    complete), and every code and name read one way (`record --status` and update files take either).

    Each problem names its status as the file writes its code (`status d`, though the plan holds
    D) and is said once: a code that repeats another in any case is the one error "the code d is
    the same as D's", not a duplicate id besides."""
    ranks: dict[int, int] = {}
    words: dict[str, tuple[int, str]] = {}
    codes = [_written_code(r.source, i, status.code) for i, status in enumerate(plan.rag_scale)]
    for i, status in enumerate(plan.rag_scale):
        label = f"status {codes[i]}"
        if status.rank in ranks:
            r.error(("rag_scale", i, "rank"), f"{label}: rank {status.rank} is also {codes[ranks[status.rank]]}'s: "
                    "each status needs its own rank (the highest is complete)")
        ranks.setdefault(status.rank, i)
        for field, word in (("code", codes[i]), ("name", status.name)):
            key = word.strip().casefold()
            if key in words and words[key][0] != i:
                seen_at, other_field = words[key]
                if field == other_field == "code" and word == codes[seen_at]:
                    line = r.source.at(("rag_scale", seen_at, "code"))[0]
                    r.error(("rag_scale", i, "code"), f"{label}: the code {word} is used twice (first at line "
                            f"{line}): each status needs its own code")
                elif field == other_field == "code":
                    r.error(("rag_scale", i, "code"), f"{label}: the code {word} is the same as {codes[seen_at]}'s "
                            "(codes are not case-sensitive)")
                else:
                    r.error(("rag_scale", i, field), f"{label}: {field} {word!r} reads the same as the {other_field} "
                            f"of {codes[seen_at]} ({plan.rag_scale[seen_at].name}): a status must be named one way "
                            "only")
            words.setdefault(key, (i, field))


def _written_code(source: SourceMap, index: int, code: str) -> str:
    """A status's code as the file writes it (the model holds it upper-cased), else as held."""
    scale = source.root.get("rag_scale") if isinstance(source.root, dict) else None
    entry = scale[index] if isinstance(scale, list) and index < len(scale) else None
    written = entry.get("code") if isinstance(entry, dict) else None
    return written.strip() if isinstance(written, str) and written.strip().upper() == code else code


def _known_zone(name: str) -> bool:
    """Whether the IANA time-zone database knows `name` (imported here: a plan check, not every load)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
