"""A realistic, deterministic demo workspace: a B2B sales team two years into improving.

The data is simulated from a simple model so that the app's statistics have
something true to find: reps differ in skill, volume is seasonal, one tactic
genuinely lifts its transition (and is adopted as standard work), one does
nothing (and is abandoned), and one is refined over a ramp of three cycles.
Everything is drawn from ``random.Random(seed)``, including the UUIDs, so the
same seed and ``as_of`` date always give the same workspace. The marketing half
(channels, the hand-off stage, initiatives, forecasts, older closed cycles) is
added by :mod:`pdsa_desk.core.demo_marketing` from a random stream of its own.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlmodel import col

from pdsa_desk.core import rules
from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.demo_marketing import CHANNELS, Marketing
from pdsa_desk.core.errors import WorkspaceError
from pdsa_desk.core.models import (
    Cycle,
    CycleObservation,
    CycleParticipant,
    CycleStatus,
    EventOrigin,
    Forecast,
    LossReason,
    MarketingInitiative,
    Opportunity,
    Outcome,
    Rep,
    Stage,
    StageEvent,
    StandardRevision,
    Tactic,
    TacticStatus,
    Team,
    TerminalKind,
    WorkspaceSettings,
)
from pdsa_desk.core.services._base import live

# (name, observable standard, evidence checklist, WIP limit, base step rate, mean days to next stage)
STAGES = [
    ("Lead captured",
     "The customer described a need in their own words (form, e-mail or call) and named themselves as a contact.",
     ["Named contact", "Need in the customer's words"], None, 0.56, 4.0),
    ("Discovery held",
     "The customer attended a discovery call and described how they work today and what it costs them.",
     ["Call attended by the customer", "Current process described", "Cost of the problem stated"], 45, 0.50, 8.0),
    ("Budget shared",
     "The customer shared a budget range in writing.",
     ["Budget range in writing", "Budget owner named"], 30, 0.47, 9.0),
    ("Proposal requested",
     "The customer asked for a written proposal and named everyone who will decide.",
     ["Written request for a proposal", "Decision makers named"], 22, 0.62, 10.0),
    ("Terms in negotiation",
     "The customer sent redlines or described their purchasing steps in writing.",
     ["Redlines or purchasing steps received"], 15, 0.72, 8.0),
    ("Won", "The customer signed the order form.", ["Signed order form"], None, 0.0, 0.0),
]
OLD_BUDGET_STANDARD = "The customer mentioned that budget exists."

TEAMS = {"North": ["Alice Moreau", "Ben Okafor", "Chloé Varga", "David Lindqvist"],
         "South": ["Elena Rossi", "Farid Haddad", "Grace Kim", "Hugo Santos"]}
REP_SKILL = [1.14, 1.02, 0.90, 1.06, 0.97, 1.10, 0.84, 1.00]
# The rows written per model: column name -> value, as `insert(model)` takes them.
_Rows = dict[type, list[dict[str, Any]]]
LOSS_BY_STAGE = [  # loss-reason weights per stage reached
    [0.25, 0.05, 0.60, 0.10], [0.40, 0.15, 0.25, 0.20], [0.35, 0.20, 0.05, 0.40],
    [0.30, 0.45, 0.00, 0.25], [0.25, 0.50, 0.00, 0.25], [0.25, 0.25, 0.25, 0.25],
]


@dataclass
class _Effect:
    """A tactic's true lift on one transition for some reps over a time window."""

    from_stage: int
    lift: float
    reps: set[int]
    start: datetime
    end: datetime | None  # None = from start on (adopted standard work)


@dataclass
class _Plan:
    rng: random.Random
    as_of: datetime
    weeks: int
    n_reps: int
    effects: list[_Effect] = field(default_factory=list)
    seed: int = 7

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


@dataclass(frozen=True)
class DemoSummary:
    path: str
    opportunities: int
    events: int
    cycles: int
    reps: int


def write_demo(
    target: str | Path | Workspace,
    *,
    seed: int = 7,
    reps: int = 8,
    weeks: int = 104,
    as_of: date | None = None,
    progress: Callable[[float], None] | None = None,
) -> DemoSummary:
    """Write the demo workspace into a new (empty) workspace file or URL."""
    if reps < 2 or reps > 200:
        raise WorkspaceError("The demo needs between 2 and 200 reps.")
    if weeks < 20 or weeks > 520:
        raise WorkspaceError("The demo needs between 20 and 520 weeks of history.")
    owned = not isinstance(target, Workspace)
    if isinstance(target, Workspace):
        ws = target
    else:
        path = Path(target) if "://" not in str(target) else None
        if path is not None and path.exists() and path.stat().st_size > 0:
            raise WorkspaceError(f"{path} already exists; the demo is only written into a new file.")
        ws = open_workspace(target)
    now = datetime.now(UTC)
    day = as_of or now.date()
    plan = _Plan(
        rng=random.Random(seed),  # noqa: S311 -- a seeded, reproducible demo, not a secret
        # Its own as-of, never after the moment it is written: nothing in it happens "later today".
        as_of=min(datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC), now),
        weeks=weeks,
        n_reps=reps,
        seed=seed,
    )
    try:
        counts = _write(ws, plan, progress)
    finally:
        if owned:
            ws.close()
    return DemoSummary(
        path=ws.display_url,
        opportunities=counts[Opportunity],
        events=counts[StageEvent],
        cycles=counts[Cycle],
        reps=counts[Rep],
    )


def _write(ws: Workspace, plan: _Plan, progress: Callable[[float], None] | None) -> dict[type, int]:
    with ws.transaction() as s:
        if s.exec(live(Stage)).first() is not None or s.exec(live(Opportunity)).first() is not None:
            raise WorkspaceError("The demo is only written into an empty workspace.")
        settings = s.exec(live(WorkspaceSettings)).first()
        if settings is None:
            settings = WorkspaceSettings(name="")
            s.add(settings)
        settings.name = "Demo — Northwind Analytics sales"
        settings.max_marketing_cycles = 1
        reasons = list(s.exec(live(LossReason).order_by(col(LossReason.position))))
        if not reasons:
            raise WorkspaceError("The demo needs the workspace's loss reasons (a lost deal has one); "
                                 "write it into a new workspace.")
        rows = _build(plan, [r.id for r in reasons], progress)
        for model, items in rows.items():
            if items:
                s.execute(insert(model), items)
        return {m: len(v) for m, v in rows.items()}


def _stamp(plan: _Plan, when: datetime) -> dict[str, datetime]:
    return {"created_at": when, "updated_at": when}


def _build(plan: _Plan, reason_ids: list[str], progress: Callable[[float], None] | None) -> _Rows:
    rng = plan.rng
    start = plan.as_of - timedelta(weeks=plan.weeks)
    start = (start - timedelta(days=start.weekday())).replace(hour=0)
    out: _Rows = {m: [] for m in (Team, Rep, Stage, StandardRevision, Tactic, Cycle,
                                  CycleParticipant, CycleObservation, Opportunity, StageEvent, MarketingInitiative,
                                  Forecast)}
    mk = Marketing(seed=plan.seed, as_of=plan.as_of, start=start)

    # --- teams and reps -------------------------------------------------------------------
    names = [n for team in TEAMS.values() for n in team]
    team_ids = {t: plan.uid() for t in TEAMS}
    for t, tid in team_ids.items():
        out[Team].append({"id": tid, "name": t, **_stamp(plan, start)})
    rep_ids, rep_team, skills = [], [], []
    for i in range(plan.n_reps):
        name = names[i] if i < len(names) else f"Rep {i + 1:03d}"
        if plan.n_reps >= len(names) and i < len(names):
            team = "North" if name in TEAMS["North"] else "South"
        else:  # fewer reps than the named eight, or extra ones: alternate so both teams have people
            team = "North" if i % 2 == 0 else "South"
        rid = plan.uid()
        rep_ids.append(rid)
        rep_team.append(team)
        skills.append(REP_SKILL[i] if i < len(REP_SKILL) else 0.85 + 0.3 * rng.random())
        email = name.lower().replace(" ", ".").replace("é", "e") + "@northwind.example"
        out[Rep].append({"id": rid, "name": name, "email": email, "active": True,
                         "team_id": team_ids[team], **_stamp(plan, start)})
    north = {i for i, t in enumerate(rep_team) if t == "North"}

    def pick(*indices: int) -> set[int]:
        """The story's reps by their index among the named eight, folded onto smaller teams."""
        return {i % plan.n_reps for i in indices}
    everyone = set(range(plan.n_reps))

    # --- stages and their revisions (marketing's hand-off stage comes first) --------------
    handoff, handoff_revision = mk.stage_rows()
    out[Stage].append(handoff)
    out[StandardRevision].append(handoff_revision)
    stage_ids = []  # the sales stages, as the simulation numbers them
    for pos, (name, standard, checklist, wip, _rate, _days) in enumerate(STAGES):
        sid = plan.uid()
        stage_ids.append(sid)
        out[Stage].append({"id": sid, "position": pos + 1, "name": name, "standard": standard, "checklist": checklist,
                           "wip_limit": wip, "window_days": 30, "terminal": "won" if name == "Won" else "none",
                           **_stamp(plan, start)})
        first_text = OLD_BUDGET_STANDARD if pos == 2 else standard
        first_items = ["Budget mentioned"] if pos == 2 else checklist
        # Its first revision, as the stage was first defined (the budget standard was revised since).
        out[StandardRevision].append(rules.standard_revision(sid, name, first_text, first_items, at=start,
                                                             author="Sales ops", revision_id=plan.uid()))
    revised = plan.as_of - timedelta(weeks=min(56, plan.weeks // 2))
    out[StandardRevision].append(rules.standard_revision(stage_ids[2], *STAGES[2][:3], at=revised,
                                                         author="Alice Moreau", revision_id=plan.uid()))

    # --- tactics and cycles (their true effects drive the simulation below) ---------------
    def weeks_ago(n: float) -> datetime:
        return plan.as_of - timedelta(weeks=n)

    def d(when: datetime) -> date:
        return when.date()

    tactic_ids: dict[str, str] = {}

    def tactic(name: str, desc: str, stage: int, status: str, owner: int, adopted: datetime | None = None, *,
               uid: Callable[[], str] | None = None, marketing: str = "") -> str:
        tid = (uid or plan.uid)()
        owner %= plan.n_reps
        tactic_ids[name] = tid
        out[Tactic].append({"id": tid, "name": name, "description": desc, "stage_id": stage_ids[stage],
                            "status": status, "owner_rep_id": rep_ids[owner], "adopted_at": adopted,
                            "needs_marketing": bool(marketing), "marketing_effort": marketing,
                            **_stamp(plan, start)})
        return tid

    def cycle(title: str, tac: str, owner: int, reps: set[int], stage: int, status: str, t0: datetime,
              t1: datetime, prediction: float, *, parent: str | None = None, decision: str | None = None,
              rationale: str = "", interpretation: str = "", obs: tuple[tuple[str, str], ...] = (),
              whole_team: bool = False, question: str = "", change: str = "", min_sample: int = 40,
              uid: Callable[[], str] | None = None) -> str:
        new_id = uid or plan.uid
        cid = new_id()
        owner %= plan.n_reps
        decided = t1 + timedelta(days=40) if decision else None
        # When each step was taken (the study reads after the 30-day windows close), never after as_of.
        steps = {"started_at": t0, "studied_at": t1 + timedelta(days=31), "acted_at": t1 + timedelta(days=38)}
        reached = {"plan": 0, "do": 1, "study": 2, "act": 3, "closed": 3}[status]
        taken: dict[str, datetime | None] = {
            k: min(v, plan.as_of) if i < reached else None for i, (k, v) in enumerate(steps.items())}
        changed = max([t0 - timedelta(days=7), *(v for v in taken.values() if v is not None),
                       *([decided] if decided else [])])
        out[Cycle].append({
            "id": cid, "title": title, "tactic_id": tactic_ids[tac], "owner_rep_id": rep_ids[owner],
            "whole_team": whole_team, "team_id": team_ids[rep_team[owner]] if whole_team else None,
            "from_stage_id": stage_ids[stage], "status": status, "planned_start": d(t0), "planned_end": d(t1),
            "parent_id": parent,
            "objective": f"Move more customers from '{STAGES[stage][0]}' to '{STAGES[stage + 1][0]}'.",
            "questions": question, "prediction_rate": prediction,
            "prediction_text": f"We expect about {prediction:.0%} of customers to reach "
                               f"'{STAGES[stage + 1][0]}' within 30 days.",
            "change_idea": change, "who_what_where_when": "Participating reps, every new opportunity in the stage, "
                                                           "for the planned weeks.",
            "data_plan": "Stage moves on the board with the evidence ticked; compared with the previous weeks.",
            "min_sample_size": min_sample, "baseline_start": None, "baseline_end": None,
            "study_interpretation": interpretation, "decision": decision, "rationale": rationale,
            "decided_at": decided, **taken, "created_at": t0 - timedelta(days=7), "updated_at": changed,
        })
        for r in sorted(reps):
            out[CycleParticipant].append({"id": new_id(), "cycle_id": cid, "rep_id": rep_ids[r],
                                          **_stamp(plan, t0 - timedelta(days=7))})
        for k, (kind, text) in enumerate(obs):
            when = min(t0 + timedelta(days=3 + 6 * k), plan.as_of - timedelta(hours=k + 1))
            out[CycleObservation].append({"id": new_id(), "cycle_id": cid, "observed_at": when,
                                          "author": names[owner] if owner < len(names) else None,
                                          "text": text, "kind": kind, **_stamp(plan, when)})
        return cid

    # 1. A genuine effect, adopted as standard work by everyone.
    t_case = "One-page business case before the budget question"
    adopt_at = weeks_ago(28)
    tactic(t_case, "Send a one-page business case built from the discovery notes before asking about budget.",
           1, TacticStatus.STANDARD_WORK, 0, adopted=adopt_at)
    case_reps = north
    cycle("Business case before budget", t_case, 0, case_reps, 1, CycleStatus.CLOSED, weeks_ago(44), weeks_ago(34),
          0.58, decision="adopt", whole_team=True,
          question="Do customers share a budget range sooner when they have seen the cost of their problem?",
          change="After discovery, send a one-page business case using the customer's own numbers.",
          rationale="Discovery → Budget rose by about 20 points for North; the difference's interval excludes "
                    "zero. Adopted as standard work for both teams.",
          interpretation="The lift held every week of the cycle and the control chart shows a shift. "
                         "Customers quoted the business case back to us.",
          obs=(("observation", "Two customers forwarded the one-pager to their finance lead."),
               ("deviation", "Ben skipped the one-pager for two small deals (< 5k)."),
               ("observation", "Templates from the shared drive saved ~20 minutes per case.")))
    plan.effects.append(_Effect(1, 0.20, case_reps, weeks_ago(44), weeks_ago(34)))
    plan.effects.append(_Effect(1, 0.20, everyone, adopt_at, None))

    # 2. No effect, abandoned.
    t_voice = "Voice note after the first reply"
    tactic(t_voice, "Send a 30-second voice note after the customer's first reply.", 0, TacticStatus.RETIRED, 4)
    cycle("Voice notes to book discovery", t_voice, 4, pick(4, 5), 0, CycleStatus.CLOSED, weeks_ago(66),
          weeks_ago(56), 0.66, decision="abandon",
          question="Do voice notes make customers more likely to attend a discovery call?",
          change="Record a short personal voice note instead of a text follow-up.",
          rationale="No difference from the baseline (interval spans zero, chance better ≈ 50%). "
                    "Not worth the time.",
          interpretation="Attendance did not move; customers rarely listened to the notes.",
          obs=(("problem", "Several customers' mail systems stripped the audio attachment."),
               ("observation", "Replies mentioned the voice note only twice.")))

    # 3. A ramp of three linked cycles refining one idea (the last awaits study).
    t_ref = "Reference call offered with the proposal"
    tactic(t_ref, "Offer a call with a similar customer when sending the proposal.", 3, TacticStatus.TESTING, 5)
    ramp_reps = pick(5, 6, 7)
    c1 = cycle("Reference calls at proposal", t_ref, 5, ramp_reps, 3, CycleStatus.CLOSED, weeks_ago(34),
               weeks_ago(28), 0.70, decision="adapt",
               question="Does a reference call help customers move from proposal into negotiation?",
               change="Offer a reference call in the proposal e-mail.",
               rationale="Few customers took the call; try offering it in the proposal meeting instead.",
               min_sample=12,
               interpretation="Small, uncertain lift; most customers ignored the e-mail offer.",
               obs=(("observation", "Only 3 of 21 customers accepted the call."),))
    c2 = cycle("Reference calls at proposal — ramp 2", t_ref, 5, ramp_reps, 3, CycleStatus.CLOSED, weeks_ago(24),
               weeks_ago(18), 0.72, parent=c1, decision="adapt",
               change="Offer the reference call live, during the proposal meeting.",
               rationale="Better uptake; match the reference customer by industry next.",
               min_sample=12,
               interpretation="Uptake doubled and conversion rose a little; interval still includes zero.",
               obs=(("observation", "Customers asked for references in their own industry."),))
    cycle("Reference calls at proposal — ramp 3", t_ref, 5, ramp_reps, 3, CycleStatus.STUDY, weeks_ago(14),
          weeks_ago(7), 0.78, parent=c2, change="Offer a reference customer from the same industry, live.",
          min_sample=12,
          obs=(("observation", "Industry-matched references booked within 2 days on average."),
               ("deviation", "No industry match for two healthcare customers; used a generic reference.")))
    plan.effects += [_Effect(3, 0.03, ramp_reps, weeks_ago(34), weeks_ago(28)),
                     _Effect(3, 0.06, ramp_reps, weeks_ago(24), weeks_ago(18)),
                     _Effect(3, 0.20, ramp_reps, weeks_ago(14), weeks_ago(7))]

    # 4. Awaiting an Act decision.
    t_agenda = "Agenda e-mailed a day before discovery"
    tactic(t_agenda, "E-mail a three-line agenda 24 hours before the discovery call.", 0, TacticStatus.TESTING, 1)
    cycle("Agenda before discovery calls", t_agenda, 1, pick(1, 2, 3), 0, CycleStatus.ACT, weeks_ago(16),
          weeks_ago(10), 0.62, question="Do customers turn up to discovery more often with an agenda?",
          change="Send the agenda the day before; ask the customer to add one item.",
          interpretation="Slightly higher attendance; interval overlaps the baseline. Customers added items "
                         "to a third of the agendas.",
          obs=(("observation", "Customers who added an agenda item always attended."),))
    plan.effects.append(_Effect(0, 0.04, pick(1, 2, 3), weeks_ago(16), weeks_ago(10)))

    # 5. Running now.
    t_budget = "Budget ranges from similar customers"
    tactic(t_budget, "Show the budget ranges of three similar customers before asking for theirs.", 2,
           TacticStatus.TESTING, 3)
    cycle("Anchoring budget with peers", t_budget, 3, pick(0, 3), 2, CycleStatus.DO, weeks_ago(3),
          weeks_ago(-3), 0.55, question="Do peers' ranges help customers put their own range in writing?",
          change="Share an anonymised table of similar customers' budgets.",
          obs=(("observation", "Two customers replied with a range the same day."),
               ("problem", "The table is out of date for the public sector.")))
    plan.effects.append(_Effect(2, 0.05, pick(0, 3), weeks_ago(3), None))

    # 6. Planned, starting next week.
    t_video = "Video recap after the demo"
    tactic(t_video, "Send a two-minute video recap of the demo with the customer's priorities.", 4,
           TacticStatus.TESTING, 6, marketing="A video template and an hour of marketing's editing per week.")
    cycle("Video recap to speed up signatures", t_video, 6, pick(6, 7), 4, CycleStatus.PLAN,
          weeks_ago(-1), weeks_ago(-7), 0.80, question="Do customers sign sooner after a personal recap?",
          change="Record a recap video within 24 hours of negotiation starting.")
    tactic("Quarterly review invitation", "Invite stalled customers to a quarterly business review.", 4,
           TacticStatus.IDEA, 2)

    # --- opportunities and their journeys --------------------------------------------------
    companies = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Hooli", "Vandelay", "Tyrell",
                 "Cyberdyne", "Soylent", "Aperture", "Gringotts", "Monarch", "Oscorp", "Dunder", "Pied Piper"]
    products = ["analytics pilot", "renewal", "expansion", "platform licence", "data audit", "training"]
    channels = CHANNELS
    by_stage = [[e for e in plan.effects if e.from_stage == s] for s in range(len(STAGES))]
    n_opp = 0
    for week in range(plan.weeks + 1):
        if progress is not None and week % 8 == 0:
            progress(week / (plan.weeks + 1))
        week_start = start + timedelta(weeks=week)
        season = 1.0 + 0.22 * math.sin(2 * math.pi * (week_start.timetuple().tm_yday / 365.25 - 0.1))
        if week_start.month == 12 and week_start.day > 18:
            season *= 0.5
        for r in range(plan.n_reps):
            for _ in range(_poisson(rng, 5.0 * season * (0.8 + 0.4 * skills[r]))):
                opened = week_start + timedelta(days=rng.randrange(5), hours=8 + rng.random() * 9)
                if opened > plan.as_of:
                    continue
                n_opp += 1
                _journey(plan, out, by_stage, stage_ids, reason_ids, rep_ids[r], r, skills[r], season, opened,
                         f"{rng.choice(companies)} {rng.choice(products)} #{n_opp:05d}", rng.choice(channels))
    _marketing_half(plan, out, mk, rep_ids, names, stage_ids, reason_ids, tactic, cycle, weeks_ago)
    if progress is not None:
        progress(1.0)
    return out


def _marketing_half(plan: _Plan, out: _Rows, mk: Marketing, rep_ids: list[str], names: list[str],
                    stage_ids: list[str], reason_ids: list[str], tactic: Callable[..., str],
                    cycle: Callable[..., str], weeks_ago: Callable[[float], datetime]) -> None:
    """The hand-off, initiatives, older closed cycles and forecasts (see :mod:`pdsa_desk.core.demo_marketing`)."""
    mk.add_handoff(out, reason_ids[2 % len(reason_ids)])  # "Not a credible lead"
    mk.initiatives(out, stage_ids, weeks_ago)
    # Older cycles whose tactic did nothing, with the hopeful predictions teams write: calibration's material.
    older = [
        ("Same-day recap after discovery", "Send the discovery notes back the same day.", 1, 2, (2, 3), 90, 0.60),
        ("Proposal walkthrough call", "Walk the customer through the proposal on a call.", 3, 7, (6, 7), 80, 0.74),
        ("Events follow-up within 48 hours", "Call every event lead within two days.", 0, 4, (4, 5), 76, 0.68),
        ("Two options in every proposal", "Offer a smaller and a larger option side by side.", 4, 1, (0, 1), 96,
         0.82),
    ]
    for name, desc, stage, owner, who, ago, prediction in older:
        if weeks_ago(ago + 8) < plan.as_of - timedelta(weeks=plan.weeks):
            continue
        tactic(name, desc, stage, TacticStatus.RETIRED, owner, uid=mk.uid,
               marketing="Event lead lists within a day of each event." if "Events" in name else "")
        cycle(name, name, owner, {r % plan.n_reps for r in who}, stage, CycleStatus.CLOSED, weeks_ago(ago),
              weeks_ago(ago - 6), prediction, decision="abandon", min_sample=30, uid=mk.uid,
              question="Does it move more customers on?", change=desc,
              rationale="No difference from the baseline; not worth the time.",
              interpretation="No clear difference from the baseline weeks.")
    by_name = {names[i] if i < len(names) else f"Rep {i + 1:03d}": (rid, "") for i, rid in enumerate(rep_ids)}
    mk.forecasts(out, by_name, stage_ids[0])


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method: tiny lambdas only; random has no Poisson and numpy's stream would differ by version.
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _journey(plan: _Plan, out: _Rows, by_stage: list[list[_Effect]], stage_ids: list[str],
             reason_ids: list[str], rep_id: str, r: int, skill: float, season: float, opened: datetime,
             name: str, channel: str) -> None:
    rng = plan.rng
    oid = plan.uid()
    amount = round(rng.lognormvariate(9.6, 0.7), -2)
    stage, when = 0, opened
    events = [(0, opened)]
    closing = rules.reopened()  # open
    last = len(STAGES) - 1
    while stage < last:
        base = STAGES[stage][4] * skill * (0.94 + 0.06 * season)
        lift = sum(e.lift for e in by_stage[stage]
                   if r in e.reps and e.start <= when and (e.end is None or when <= e.end))
        p = min(0.95, base + lift)
        wait = timedelta(days=rng.expovariate(1.0 / STAGES[stage][5]))
        if rng.random() < p:
            nxt = stage + 1
            if nxt < last - 1 and rng.random() < 0.06:  # CRM data skips stages now and then
                nxt += 1
            if when + wait > plan.as_of:
                break
            stage, when = nxt, when + wait
            events.append((stage, when))
            continue
        decide = when + timedelta(days=8 + rng.expovariate(1 / 25))
        if decide > plan.as_of:
            break
        if rng.random() < 0.93:
            weights = LOSS_BY_STAGE[stage]
            reason = reason_ids[rng.choices(range(len(weights)), weights)[0]]
            closing = rules.close(Outcome.LOST, decide, opened, reason)
        elif decide + timedelta(days=60) <= plan.as_of:
            # Stalled deals linger a while, but teams clean them up: closed as "No decision".
            closing = rules.close(Outcome.LOST, decide + timedelta(days=60), opened, reason_ids[0])
        break
    if stage == last:  # entered the won stage
        closing = rules.entering(TerminalKind.WON, when, opened) or closing
    out[Opportunity].append({
        "id": oid, "external_id": None, "source": "demo", "channel": channel, "name": name, "rep_id": rep_id,
        "amount": amount, "opened_at": opened, **closing, "created_at": opened,
        "updated_at": closing["closed_at"] or when,
    })
    for st, at in events:
        checklist = STAGES[st][2]
        ticked = checklist if rng.random() < 0.85 else checklist[: max(0, len(checklist) - 1)]
        out[StageEvent].append({"id": plan.uid(), "opportunity_id": oid, "stage_id": stage_ids[st], "entered_at": at,
                                "evidence_confirmed": len(ticked) == len(checklist), "evidence_items": list(ticked),
                                "origin": EventOrigin.DEMO, "created_at": at, "updated_at": at})
