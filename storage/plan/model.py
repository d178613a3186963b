"""The plan model: what a plan file holds, validated by pydantic.

The JSON Schema published for editors (`steerco schema`) is generated from these
classes, so the field descriptions here are what a person editing YAML sees.
Every id is a string: YAML would read `7.10` as the number 7.1, so the loader
refuses unquoted numeric ids before they reach this model.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from storage.plan import deadlines
from storage.plan import status as rules
from storage.plan.deadline_text import deadline_text, next_due
from storage.plan.deadlines import resolve_deadline
from storage.plan.ids import fold_id

#: The limits of a plan file's values (docs/plan-format.md, "Limits").
ID_MAX, TEXT_MAX, LONG_TEXT_MAX = 64, 20_000, 200_000

Id = Annotated[str, StringConstraints(min_length=1, max_length=ID_MAX, strip_whitespace=True)]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
LongText = Annotated[str, StringConstraints(max_length=LONG_TEXT_MAX)]
Score = Annotated[int, Field(ge=1, le=5)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Organisation(Strict):
    id: Id
    name: Text
    sector: Text | None = Field(None, description="Justice, Health, Police, Fire, Local authority, voluntary sector…")
    notes: Text | None = None


class Person(Strict):
    id: Id
    name: Text = Field(description="The name as the plan writes it, with any title or rank.")
    organisation: Id | None = Field(None, description="Id of an organisation in `organisations`.")
    role: Text | None = Field(None, description="Job title or area, e.g. 'Chief Officer', 'East Staffs'.")
    contact: Text | None = None


class Member(Strict):
    """One seat in a group: who fills it (a person, or nobody yet) and what they represent."""

    person: Id | None = Field(None, description="Id of a person in `people`; leave out while the seat is unfilled.")
    as_written: Text | None = Field(None,
        description="The seat's holder as the source writes it, e.g. 'To be identified – South Staffs'.")
    represents: Text | None = Field(None, description="The organisation or role the seat is for.")
    category: Text | None = Field(None, description="e.g. 'Core Members', 'Co-opted Members'.")
    role: Text | None = Field(None, description="e.g. 'Chair'.")


class Group(Strict):
    id: Id
    name: Text
    purpose: Text | None = None
    meets: Text | None = Field(None, description="How often the group meets, as written: 'once a month'.")
    members: list[Member] = []
    stated_total: Text | None = Field(None, description="The membership count the source states, as written.")


class Stage(Strict):
    """A stage of the public-health approach (Understand the problem, Design solutions, …)."""

    id: Id
    title: Text


class Recommendation(Strict):
    id: Id
    text: Text


class Objective(Strict):
    id: Id
    text: Text


class Priority(Strict):
    id: Id
    text: Text
    recommendations: list[Id] = Field([], description="Ids of the recommendations this priority cites.")


class Outcomes(Strict):
    medium_term: list[Text] = Field([], description="Medium term outcomes (1-4 years).")
    long_term: list[Text] = Field([], description="Long term outcomes (5+ years).")


class Milestone(Strict):
    """A step under an action with its own date: no status of its own, open until `done`."""

    text: Text = Field(description="The step as the plan writes it.")
    deadline: Text | None = Field(None, description="Its date as written: 'June 2024', 'By April 11'.")
    due: date | None = Field(None,
        description="The date `deadline` resolves to; worked out from `deadline` when left out.")
    owner: Id | None = Field(None, description="Id of the person, organisation or group that owns the step.")
    done: bool = Field(False, description="true once the plan records the step as delivered; an open step past its "
                       "due date makes its action late.")

    @model_validator(mode="after")
    def _resolve_due(self) -> Milestone:
        if self.due is None and self.deadline:
            object.__setattr__(self, "due", resolve_deadline(self.deadline))
        return self

    @property
    def deadline_kind(self) -> str:
        """As `Action.deadline_kind`: the same deadline rules (storage/plan/deadlines.py)."""
        return deadline_text(self.deadline, self.due, date.min).kind

    def next_due(self, today: date) -> date | None:
        """As `Action.next_due`: `due`, a recurring deadline's next occurrence, None for a standing one."""
        return next_due(self.deadline, self.due, today)


class Action(Strict):
    id: Id = Field(description="Stable id, e.g. '7.3'. Always quote ids that look like numbers.")
    title: Text | None = Field(None, description="Short title for tables; defaults to the first sentence of `text`.")
    text: Text = Field(description="The full text of the action, as agreed.")
    heading: Text | None = Field(None, description="The heading the action stands under in the source.")
    stages: list[Id] = Field([], description="Ids of the public-health stages this action belongs to.")
    objective: Id | None = Field(None, description="Id of the objective this action serves.")
    lead: Text = Field("To be identified", description="The lead officer and organisation as written.")
    owner: Id | None = Field(None,
        description="Id of the person, organisation or group that owns it; leave out when to be identified.")
    owners: list[Id] = Field([], description="A joint action's owners (people, organisations or groups), "
                             "instead of `owner`.")
    lead_owner: Id | None = Field(None, description="Which of `owners` leads, when the plan names one.")
    deadline: Text | None = Field(None,
        description="The completion date as written: 'By April 11', 'Across all 3 years of LAA'.")
    due: date | None = Field(None,
        description="The date `deadline` resolves to; worked out from `deadline` when left out.")
    measure: Text | None = Field(None, description="Delivery progress measure (M).")
    commentary: Text | None = Field(None, description="Performance / baseline commentary (P).")
    outcomes: Outcomes = Field(default_factory=Outcomes)  # type: ignore[arg-type]
    recommendations: list[Id] = Field([], description="Ids of recommendations this action answers.")
    milestones: list[Milestone] = Field([], description="Steps under the action, each with its own date.")
    confidential: bool = Field(False, description="true: left out of `steerco publish` copies, with its history.")

    @model_validator(mode="after")
    def _resolve_due(self) -> Action:
        if self.due is None and self.deadline:
            object.__setattr__(self, "due", resolve_deadline(self.deadline))
        return self

    @property
    def deadline_kind(self) -> str:
        """What the deadline is (storage/plan/deadlines.py): date (also whenever `due` is given),
        recurring, standing, invalid, unresolved, or none (nothing written)."""
        return deadline_text(self.deadline, self.due, date.min).kind

    def next_due(self, today: date) -> date | None:
        """The due date as of `today`: `due`; for a recurring deadline its next occurrence, never
        before `today` (so never late); None for a standing one."""
        return next_due(self.deadline, self.due, today)

    @property
    def owner_ids(self) -> tuple[str, ...]:
        """The roster ids that own the action (`owners`, else `owner`), the lead first."""
        ids = tuple(dict.fromkeys(self.owners)) if self.owners else (self.owner,) if self.owner else ()
        lead = self.lead_owner
        return (lead, *(i for i in ids if i != lead)) if lead in ids else ids

    @property
    def late_due(self) -> date | None:
        """The first date past which the action is late: its own due date or an open milestone's."""
        return rules.earliest_due(self.due, (m.due for m in self.milestones if not m.done))

    def overdue_words(self, today: date) -> str:
        """How a view marks the action when it is late (`storage.plan.status.overdue_words`): 'OVERDUE',
        or why, when an open milestone made it late: 'OVERDUE (milestone: …, due 2026-06-30)'."""
        open_milestones = ((m.text, m.due) for m in self.milestones if not m.done)
        return rules.overdue_words(self.next_due(today), today, open_milestones)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        first = self.text.strip().split("\n", 1)[0]
        cut = first.find(". ")
        sentence = first if cut == -1 else first[: cut + 1]
        return sentence if len(sentence) <= 90 else sentence[:89].rstrip() + "…"


class Theme(Strict):
    id: Id
    title: Text
    statement: Text | None = None
    objectives: list[Objective] = []
    priorities: list[Priority] = []
    actions: list[Action] = []


class Risk(Strict):
    id: Id
    type: Text | None = None
    description: Text
    impact: Score
    likelihood: Score
    rating: int = Field(ge=1, le=25, description="Impact × likelihood, as stated in the register.")
    controls: Text | None = None
    further_actions: Text | None = None
    residual_rating: int | None = Field(None, ge=1, le=25, description="Leave out when the register leaves it blank.")
    lead: Text | None = Field(None, description="Lead officer as written.")
    owner: Id | None = Field(None, description="Id of the person, organisation or group that owns it.")
    confidential: bool = Field(False, description="true: left out of `steerco publish` copies, with its history.")


class Target(Strict):
    period: Text
    as_written: Text = Field(
        description="The target as the plan writes it: '0.72', '-3% reduction on Yr 1 performance'.")
    value: float | None = Field(None, description="An absolute target value.")
    change_percent: float | None = Field(None, description="A relative target: percentage change on `relative_to`.")
    relative_to: Text | None = Field(None, description="The period a relative target is measured against: "
                                     "another target's period or the baseline's.")
    direction: Literal["at_least", "at_most", "exactly"] | None = Field(None,
        description="How a value meets the target: at_least, at_most or exactly; left out, at_most when lower "
                    "is better, else at_least.")


class Baseline(Strict):
    as_written: Text
    value: float | None = None
    period: Text | None = None
    source: Text | None = None


class Indicator(Strict):
    id: Id
    title: Text
    category: Text | None = Field(None, description="e.g. 'Home Office measure', 'Local measure'.")
    unit: Text | None = None
    lower_is_better: bool = True
    baseline: Baseline | None = None
    targets: list[Target] = []
    contributes_to: list[Id] = Field([], description="Ids of the themes or actions that deliver this indicator.")
    notes: Text | None = None
    confidential: bool = Field(False, description="true: left out of `steerco publish` copies, with its history.")


class RagStatus(Strict):
    """One status of the plan's own scale (`rag_scale`): its code, name, symbol, meaning and rank."""

    code: Annotated[str, StringConstraints(min_length=1, max_length=1, to_upper=True)] = Field(
        description="The status's code, one letter, as the store keeps it and a status is written: 'R', 'D'.")
    name: Text = Field(description="The status's name as views show it, e.g. 'Red' or 'Delayed'.")
    symbol: Annotated[str, StringConstraints(min_length=1, max_length=2)] = Field(
        description="Its mark beside the name (one or two characters), so no status is told by colour alone.")
    meaning: Text | None = Field(None, description="What the partnership agreed the status means.")
    rank: int = Field(description="Orders statuses from worst (0) to complete; used for improved/worsened.")


class RiskBand(Strict):
    name: Text
    low: int = Field(ge=1, le=25)
    high: int = Field(ge=1, le=25)
    meaning: Text | None = None


DEFAULT_RAG_SCALE: tuple[RagStatus, ...] = (
    RagStatus(code="R", name="Red", symbol="●", rank=0,
              meaning="Off track: the deadline or outcome will be missed without intervention."),
    RagStatus(code="A", name="Amber", symbol="▲", rank=1,
              meaning="At risk: some slippage or issues, being managed by the owner."),
    RagStatus(code="G", name="Green", symbol="✓", rank=2,
              meaning="On track to deliver by the deadline."),
    RagStatus(code="B", name="Complete", symbol="★", rank=3,
              meaning="Blue: delivered and closed."),
)

DEFAULT_RISK_BANDS: tuple[RiskBand, ...] = (
    RiskBand(name="Low", low=1, high=4, meaning="Accept and monitor."),
    RiskBand(name="Medium", low=5, high=9, meaning="Manage within the partnership; review each meeting."),
    RiskBand(name="High", low=10, high=16, meaning="Needs a named owner and further actions."),
    RiskBand(name="Very high", low=17, high=25, meaning="Escalate to the strategic board."),
)



def _period_bound(end: bool) -> BeforeValidator:
    """A period's start or end as plans write it: a date, a year (`2023`), a year range
    (`2014-2017`) or a financial year (`2016/17`); the first or last day it covers."""
    def read(value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            return value
        text = str(value)
        bounds = deadlines.period_bounds(text)
        if bounds is None:
            problem = deadlines.period_problem(text)
            raise PydanticCustomError("period_bound", "{problem}write a date (YYYY-MM-DD), a year (2023), a year range "
                                      "(2014-2017) or a financial year (2016/17)",
                                      {"problem": f"{problem}; " if problem else f"{text!r} is not a date; "})
        return bounds.end if end else bounds.start
    return BeforeValidator(read)


_BOUND_SCHEMA = {"anyOf": [{"type": "string", "format": "date"}, {"type": "integer"}, {"type": "string"},
                           {"type": "null"}]}
PeriodStart = Annotated[date | None, _period_bound(end=False), WithJsonSchema(_BOUND_SCHEMA)]
PeriodEnd = Annotated[date | None, _period_bound(end=True), WithJsonSchema(_BOUND_SCHEMA)]


class Period(Strict):
    as_written: Text
    start: PeriodStart = Field(None, description="The first day: a date, or a year, year range or financial year "
                               "(its first day); worked out from `as_written` when left out.")
    end: PeriodEnd = Field(None, description="The last day: a date, or a year, year range or financial year "
                           "(its last day); worked out from `as_written` when left out.")

    @model_validator(mode="before")
    @classmethod
    def _as_written_only(cls, value: object) -> object:
        """`period: 2014-2017` (text or a year alone) is `period: {as_written: ...}`."""
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return {"as_written": str(value)}
        return value

    @model_validator(mode="after")
    def _bounds(self) -> Period:
        bounds = deadlines.period_bounds(self.as_written)
        if bounds is not None:
            if self.start is None:
                object.__setattr__(self, "start", bounds.start)
            if self.end is None:
                object.__setattr__(self, "end", bounds.end)
        return self


#: The bank-holiday calendars a plan may name for `meeting.holidays` (the `holidays` library's
#: United Kingdom subdivisions); `none` moves the next meeting off weekends only.
HOLIDAY_REGIONS: dict[str, str | None] = {
    "England": "ENG", "Wales": "WLS", "Scotland": "SCT", "Northern Ireland": "NIR", "none": None}


class Formalities(Strict):
    """The standing items of a UK committee meeting, each on the agenda unless switched off."""
    apologies: bool = Field(default=True, description="Apologies for absence, the first item.")
    declarations: bool = Field(default=True,
                               description="Declarations of interest: member, item and nature, minuted.")
    previous_minutes: bool = Field(default=True, description="The minutes of the previous meeting, agreed as a "
                                   "true record; until then they are marked Draft.")


class MeetingRules(Strict):
    """How the steering group's meetings run: who chairs, where the clock is, what makes them quorate."""
    chair: Id | None = Field(default=None, description="Id of the person (in `people`) who chairs; the meeting "
                             "setup offers them first. Left out: the member of `meeting_body` whose role is Chair.")
    time_zone: Text = Field(default="Europe/London", description="The IANA time zone the meetings are held in; "
                            "minutes and the action log give times in it, naming the zone.")
    holidays: Literal["England", "Wales", "Scotland", "Northern Ireland", "none"] = Field(
        default="England", description="Whose bank holidays the next meeting's date moves off (with weekends).")
    quorum: int | None = Field(default=None, ge=1, le=500, description="How many members must be present for "
                               "the meeting to be quorate; the setup warns below it and the minutes say which.")
    minute_prefix: Annotated[str, StringConstraints(max_length=16)] | None = Field(
        default=None, description="Prefix of the minute references, e.g. 'SSG' gives 'SSG 24/05' (year of the "
        "meeting / number of the minute in that year); left out, 'Minute 24/05'; '' gives a bare '24/05'.")
    formalities: Formalities = Field(default=Formalities(),
                                     description="The standing items; each can be switched off.")

class Revision(Strict):
    version: Text
    as_written: Text


class Plan(Strict):
    id: Id = Field(description="Short id used on the command line, e.g. 'ni15'.")
    title: Text
    subtitle: Text | None = None
    version: Text | None = Field(None, description="The plan's version, as written: '3.2'; leave out when the plan "
                                 "states none.")
    version_date: date | None = None
    revisions: list[Revision] = Field([], description="Document control: earlier versions as written.")
    partnership: Text | None = Field(None, description="The partnership the plan belongs to, as written.")
    delivery_lead: Text | None = Field(None, description="The delivery lead as written, with contact details.")
    delivery_lead_person: Id | None = Field(None, description="Id of the delivery lead in `people`.")
    period: Period | None = None
    meeting_body: Id | None = Field(None, description="Id of the group (in `groups`) that holds the meetings; "
                                    "the minutes are in its name.")
    meeting_cycle: Text | Annotated[int, Field(ge=1, le=366)] | None = Field(None,
        description="How often it meets, as written: 'monthly', 'bi-monthly', 'quarterly', 'every 6 weeks', "
                    "or a number of days; sets meeting_cycle_days.")
    meeting_cycle_days: int = Field(31, ge=1, le=366,
        description="Days between steering meetings; an action with no update for longer is stale. Worked out "
                    "from `meeting_cycle` when that is given.")
    meeting: MeetingRules = Field(default=MeetingRules(),
                                  description="How the meetings run: chair, time zone, bank holidays, quorum, "
                                  "minute references and standing items.")
    foreword: LongText | None = Field(None, description="The plan's foreword, as written (Markdown).")
    introduction: LongText | None = Field(None, description="The plan's introduction, as written (Markdown).")
    front_matter_file: Text | None = Field(None,
        description="A Markdown file beside the plan holding its long front matter, e.g. 'ni15-foreword.md'.")
    description: Text | None = Field(None, description="What the plan seeks to achieve, as written.")
    objectives: list[Objective] = Field([], description="Plan-wide objectives (themes may also have their own).")
    governance: Text | None = None
    organisations: list[Organisation] = []
    people: list[Person] = []
    groups: list[Group] = []
    stages: list[Stage] = []
    recommendations: list[Recommendation] = []
    themes: list[Theme] = []
    risks: list[Risk] = []
    indicators: list[Indicator] = []
    rag_scale: list[RagStatus] = Field(list(DEFAULT_RAG_SCALE), min_length=2, max_length=9,
                                       description="The plan's own status scale, as the partnership agreed it: 2 "
                                       "to 9 statuses, worst first by rank; the highest rank means complete. "
                                       "Left out: the default scale, R Red, A Amber, G Green, B Complete.")
    risk_bands: list[RiskBand] = Field(list(DEFAULT_RISK_BANDS), description="Risk rating bands (impact × likelihood).")

    @field_validator("meeting_cycle")
    @classmethod
    def _known_cycle(cls, value: str | int | None) -> str | int | None:
        if value is not None and deadlines.cycle_days(value) is None:
            raise PydanticCustomError(
                "meeting_cycle", "{written} is not a meeting cycle: write monthly, bi-monthly, quarterly, "
                "every N weeks or a number of days (1-366)", {"written": repr(value)})
        return value

    @model_validator(mode="after")
    def _cycle_days(self) -> Plan:
        days = None if self.meeting_cycle is None else deadlines.cycle_days(self.meeting_cycle)
        if days is not None:
            object.__setattr__(self, "meeting_cycle_days", days)
        return self

    def actions(self) -> list[tuple[Theme, Action]]:
        return [(theme, action) for theme in self.themes for action in theme.actions]

    def action(self, action_id: str) -> Action | None:
        """The action of that id, written in any case (`storage.plan.ids.fold_id`)."""
        wanted = fold_id(action_id)
        return next((a for theme in self.themes for a in theme.actions if fold_id(a.id) == wanted), None)

    def risk(self, risk_id: str) -> Risk | None:
        wanted = fold_id(risk_id)
        return next((r for r in self.risks if fold_id(r.id) == wanted), None)

    def indicator(self, indicator_id: str) -> Indicator | None:
        wanted = fold_id(indicator_id)
        return next((i for i in self.indicators if fold_id(i.id) == wanted), None)

    @property
    def meeting_group(self) -> Group | None:
        """The group named as the meeting body, if any."""
        return next((g for g in self.groups if g.id == self.meeting_body), None) if self.meeting_body else None

    def rag(self, code: str) -> RagStatus | None:
        return next((s for s in self.rag_scale if s.code == code.upper()), None)

    @property
    def complete_code(self) -> str:
        """The code of 'complete' on this plan's scale: its highest rank (B by default)."""
        return rules.complete_code((s.code, s.rank) for s in self.rag_scale)

    @property
    def rag_ranks(self) -> dict[str, int]:
        """Each code of the scale with its rank."""
        return {s.code: s.rank for s in self.rag_scale}

    @property
    def rag_tones(self) -> dict[str, str]:
        """Each code of the scale with its tone (`storage.plan.status.tones`): off track, at risk,
        on track or complete, which views colour by."""
        return rules.tones((s.code, s.rank) for s in self.rag_scale)

    @property
    def attention_words(self) -> str:
        """The statuses the agenda by exception raises, as a sentence names them ('Red or Amber'):
        `storage.plan.status.attention_words`."""
        return rules.attention_words((s.code, s.name, s.rank) for s in self.rag_scale)

    def status_refusal(self, written: str) -> str:
        """Why `written` is refused as a status of this plan (`storage.plan.status.not_on_scale_words`)."""
        return rules.not_on_scale_words(self.id, written, ((s.code, s.name) for s in self.rag_scale),
                                        self.complete_code)

    def status_code(self, written: str) -> str | None:
        """The scale's code for a status written as a code, a name or a usual word, any case
        (`storage.plan.status.parse_status`); None when it is not on the scale."""
        return rules.parse_status(written, ((s.code, s.name) for s in self.rag_scale), self.complete_code)

    def require_status(self, written: str) -> str:
        """As `status_code`, raising `StatusNotOnScale` (naming the codes allowed) for None."""
        code = self.status_code(written)
        if code is None:
            raise rules.StatusNotOnScale(self.id, written, ((s.code, s.name) for s in self.rag_scale),
                                         self.complete_code)
        return code

    def band(self, rating: int) -> RiskBand | None:
        return next((b for b in self.risk_bands if b.low <= rating <= b.high), None)

    def roster_ids(self) -> set[str]:
        return {p.id for p in self.people} | {o.id for o in self.organisations} | {g.id for g in self.groups}

    def owner_label(self, action: Action) -> str:
        """Who owns the action as every view names it (`storage.plan.index.PlanIndex.owner_label`)."""
        from storage.plan.index import plan_index

        return plan_index(self).owner_label(action)

    def risk_owner_label(self, risk: Risk) -> str:
        """Who owns the risk as every view names it (`storage.plan.index.PlanIndex.risk_owner_label`)."""
        from storage.plan.index import plan_index

        return plan_index(self).risk_owner_label(risk)

    def deadline_line(self, action: Action, rag: str | None, today: date) -> str:
        """The action's deadline as every view words it (`deadline_text(...).full`), and when it is late
        (`storage.plan.status.is_late`, milestones too) 'OVERDUE' and why: 'March 2025 (2025-03-31) OVERDUE'."""
        words = deadline_text(action.deadline, action.due, today).full
        if rules.is_late(action.late_due, rag, today, self.complete_code):
            words += " " + action.overdue_words(today)
        return words

    def milestone_lines(self, action: Action, rag: str | None, today: date) -> list[tuple[str, bool]]:
        """Each milestone of the action as every view lists it, with whether it is late (open,
        past its due date, and the action not complete: `storage.plan.status.is_late`)."""
        from storage.plan.index import plan_index

        index = plan_index(self)
        out = []
        for m in action.milestones:
            late = not m.done and rules.is_late(m.due, rag, today, self.complete_code)
            out.append((index.milestone_line(m, today, late), late))
        return out

    def owner_name(self, owner_id: str | None) -> str:
        if owner_id is None:
            return "To be identified"
        for collection in (self.people, self.organisations, self.groups):
            for item in collection:
                if item.id == owner_id:
                    return item.name
        return owner_id
