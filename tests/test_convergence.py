"""Convergence, proven: two officers' stores and the chair's, under any interleaving of officers
recording, exporting update files, the chair importing them (repeated, reordered, stale),
meetings, status files exported and taken back (repeated, reordered, stale).

After every step: every entry of every update file the chair imported is a proposal exactly
once (none lost, none duplicated), a file imported again adds nothing, an export holds every
update its officer recorded, a status file holds what the meetings agreed, and each officer's
store shows for each item the position agreed last, whatever order the status files came in,
with the officer's own records untouched.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule

from storage.plan.load import load_plans
from storage.service.officer import OfficerService, owned_items
from storage.service.service import Service
from storage.updates.reader import parse_update_bytes
from storage.updates.status_file import check_status, parse_status_bytes

PLAN = """\
id: duo
title: Two officers
version: "1"
people:
  - id: ann
    name: Ann Officer
  - id: cat
    name: Cat Officer
  - id: bob
    name: Bob Chair
groups:
  - id: both
    name: Both officers
    members:
      - person: ann
      - person: cat
themes:
  - id: "1"
    title: Work
    actions:
      - {id: "1.1", text: Ann's action, owner: ann}
      - {id: "1.2", text: Cat's action, owner: cat}
      - {id: "1.3", text: A joint action, owner: both}
risks:
  - {id: R-1, description: Ann's risk, impact: 3, likelihood: 3, rating: 9, owner: ann}
  - {id: R-2, description: Cat's risk, impact: 2, likelihood: 2, rating: 4, owner: cat}
"""

OFFICERS = ("ann", "cat")
STATUSES = ("R", "A", "G", "B")
scores = st.integers(1, 5)
notes = st.sampled_from(["", "On track.", "Delayed: venue.", "Done"])


class Convergence(RuleBasedStateMachine):
    update_files = Bundle("update_files")
    status_files = Bundle("status_files")

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="steerco-converge-"))
        plans = self.dir / "plans"
        plans.mkdir()
        (plans / "duo.yaml").write_text(PLAN, encoding="utf-8")
        self.plans = {p.plan.id: p.plan for p in load_plans(plans) if p.plan is not None}
        self.plan = self.plans["duo"]
        self.chair = Service.open(self.dir / "chair.db", plans)
        self.officers = {name: OfficerService.open(self.dir / f"{name}.db") for name in OFFICERS}
        self.items = {name: owned_items([self.plan], name) for name in OFFICERS}
        self.recorded = dict.fromkeys(OFFICERS, 0)  # each officer's own records
        self.chair_uids: set[str] = set()  # every entry id of every update file the chair took
        self.agreed: dict[tuple[str, str], Any] = {}  # what the meetings agreed, as the chair's model
        self.meetings = 0
        self.officer_agreed: dict[str, dict[tuple[str, str], tuple[str, Any]]] = {n: {} for n in OFFICERS}
        self.officer_uids: dict[str, set[str]] = {n: set() for n in OFFICERS}
        self.count = 0
        self.status_sent: list[tuple[Path, list[tuple[Any, ...]]]] = []

    def teardown(self) -> None:
        self.chair.close()
        for officer in self.officers.values():
            officer.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _path(self, stem: str, text: str) -> Path:
        self.count += 1
        path = self.dir / f"{stem}-{self.count}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    # -- officers ---------------------------------------------------------------------

    @rule(who=st.sampled_from(OFFICERS), pick=st.integers(0, 10), status=st.sampled_from(STATUSES),
          impact=scores, likelihood=scores, note=notes)
    def record(self, who: str, pick: int, status: str, impact: int, likelihood: int, note: str) -> None:
        owned = self.items[who][pick % len(self.items[who])]
        if owned.kind == "action":
            self.officers[who].save_status(owned, status, note)
        else:
            self.officers[who].save_rating(owned, impact, likelihood, note)
        self.recorded[who] += 1

    @rule(target=update_files, who=st.sampled_from(OFFICERS))
    def export_updates(self, who: str) -> tuple[Path, frozenset[str]]:
        text, count = self.officers[who].export([self.plan], who, None, datetime.now(UTC))
        assert count == self.recorded[who]  # every record the officer made, none lost
        parsed = parse_update_bytes(text.encode(), "f")
        assert parsed.fatal is None and not parsed.problems, parsed.problems
        uids = frozenset(e.uid for e in parsed.entries)
        assert len(uids) == count  # none duplicated
        return self._path(f"updates-{who}", text), uids

    # -- the chair --------------------------------------------------------------------

    @rule(sent=update_files)
    def import_updates(self, sent: tuple[Path, frozenset[str]]) -> None:
        path, uids = sent
        (report,) = self.chair.import_update_files([path], self.plans)
        assert report.fatal is None and not report.errors, report.problems
        assert report.taken == len(uids - self.chair_uids)  # what is new, and only that
        assert report.taken + report.already == len(uids)
        self.chair_uids |= uids

    @rule(data=st.data())
    def hold_meeting(self, data: st.DataObject) -> None:
        meeting = self.chair.start_meeting("duo", date.today(), "bob", ["bob"], [], [], "all")
        for kind, item in [("action", "1.1"), ("action", "1.2"), ("action", "1.3"), ("risk", "R-1"), ("risk", "R-2")]:
            pending = self.chair._store.pending_proposals("duo", kind, item)
            choice = data.draw(st.sampled_from(["skip", "accept", "override"] if pending else ["skip", "override"]))
            if choice == "skip":
                continue
            if kind == "action":
                rag = pending[0].rag if choice == "accept" else data.draw(st.sampled_from(STATUSES))
                note = pending[0].note if choice == "accept" else "Chair's view."
                self.chair.set_status(meeting, item, rag, note=note)
                self.agreed[kind, item] = (rag, note)
            else:
                rating = ((pending[0].impact, pending[0].likelihood) if choice == "accept"
                          else (data.draw(scores), data.draw(scores)))
                note = pending[0].note if choice == "accept" else "Chair's view."
                self.chair.rate_risk(meeting, item, rating[0], rating[1], note)
                self.agreed[kind, item] = (rating, note)
        self.chair.close_meeting(meeting)
        self.meetings += 1

    @precondition(lambda self: self.meetings > 0)
    @rule(target=status_files, who=st.sampled_from((None, *OFFICERS)))
    def export_status(self, who: str | None) -> tuple[Path, list[tuple[Any, ...]]]:
        text, _, _ = self.chair.export_status("duo", None, who)
        parsed = parse_status_bytes(text.encode(), "s")
        assert parsed.fatal is None and not parsed.problems, parsed.problems
        checked = check_status(parsed, self.plans)
        assert checked.fatal is None and not checked.problems, checked.problems
        said = {(r[2], r[3]): ((r[4] if r[2] == "action" else (r[5], r[6])), r[7]) for r in checked.rows
                if r[2] != "arising"}
        expected = {k: v for k, v in self.agreed.items()
                    if who is None or k in {(i.kind, i.item.id) for i in self.items[who]}}
        assert said == expected  # what the meetings agreed, all of it, nothing else
        sent = self._path(f"status-{who}", text), checked.rows
        self.status_sent.append(sent)
        return sent

    @rule(who=st.sampled_from(OFFICERS), sent=status_files)
    def import_status(self, who: str, sent: tuple[Path, list[tuple[Any, ...]]]) -> None:
        self._take_status(who, sent)

    @precondition(lambda self: len(self.status_sent) > 1)
    @rule(who=st.sampled_from(OFFICERS))
    def catch_up_newest_first(self, who: str) -> None:
        """An officer back from leave takes in every status file so far, the newest first."""
        for sent in reversed(self.status_sent):
            self._take_status(who, sent)

    def _take_status(self, who: str, sent: tuple[Path, list[tuple[Any, ...]]]) -> None:
        path, rows = sent
        (report,) = self.officers[who].import_status_files([path], self.plans)
        assert report.fatal is None and not report.errors, report.problems
        uids = {r[0] for r in rows}
        assert report.taken == len(uids - self.officer_uids[who])
        self.officer_uids[who] |= uids
        for r in rows:
            key, value = (r[2], r[3]), ((r[4] if r[2] == "action" else (r[5], r[6])), r[7])
            if r[2] != "arising" and (key not in self.officer_agreed[who] or self.officer_agreed[who][key][0] < r[12]):
                self.officer_agreed[who][key] = (r[12], value)

    # -- what must hold after every step ----------------------------------------------

    @invariant()
    def chair_holds_every_entry_once(self) -> None:
        stored = [p.uid for p in self.chair._store.proposals("duo")]
        assert len(stored) == len(set(stored)) == len(self.chair_uids)
        assert set(stored) == self.chair_uids

    @invariant()
    def officers_hold_the_position_agreed_last(self) -> None:
        for who, officer in self.officers.items():
            current = officer._store.current_agreed("duo")
            shown = {k: ((p.rag if p.kind == "action" else (p.impact, p.likelihood)), p.note)
                     for k, p in current.items() if p.kind != "arising"}
            assert shown == {k: v for k, (_, v) in self.officer_agreed[who].items()}
            assert len(officer._store.agreed_positions("duo")) == len(self.officer_uids[who])
            person = self.items[who][0].person
            own = officer._store.entries_by_author("duo", [person.id, person.name], ["app"])
            assert len(own[0]) + len(own[1]) == self.recorded[who]  # status files never touch them


Convergence.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
TestConvergence = Convergence.TestCase
