"""The demo's marketing half: the hand-off stage, initiatives, forecasts, and older closed cycles.

Written after the sales simulation of :mod:`pdsa_desk.core.demo` and drawn from a random stream of its
own, so that the sales side (every journey, every cycle) is exactly what it was before marketing joined:

* **Channels**: ``Inbound web`` and ``Events`` are marketing's; ``Outbound`` and ``Partner`` sales'.
* **The hand-off** stage "Pre-qualified by marketing" comes first. A marketing lead enters it when it is
  opened and enters "Lead captured" when sales takes it (a few days later); sales' own leads start at
  "Lead captured". Some marketing leads are never handed over (lost as "Not a credible lead"), so the
  hand-off's conversion is the marketing → sales conversion, by channel.
* **Four initiatives**: one of them (a booth at an event, aimed at discovery calls) overlaps the window
  of the cycle "Agenda before discovery calls" on purpose, so its Study names a confounder.
* **Forecasts** for the last six closed quarters and the current one: marketing's leads by channel and
  hand-overs, reps' won deals, a manager's revenue; one rep is consistently optimistic (about a third
  over), and one forecast was made after its quarter had started.
* **Older closed cycles** with the optimistic predictions teams make, so that prediction calibration
  has enough cycles to mean something.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pdsa_desk.core import rules
from pdsa_desk.core.models import (
    EventOrigin,
    Forecast,
    MarketingInitiative,
    Opportunity,
    Outcome,
    StageEvent,
)

__all__ = ["CHANNELS", "HANDOFF", "MARKETING_CHANNELS", "Marketing"]

#: The demo's channels, in the order the sales simulation draws them.
CHANNELS = ["Inbound web", "Outbound", "Partner", "Events"]
MARKETING_CHANNELS = {"Inbound web": 0.30, "Events": 0.42}  # channel -> share of its leads never handed over
HANDOFF = ("Pre-qualified by marketing",
           "Marketing checked the fit (industry, company size) and the interest (a download, a webinar, a talk "
           "at an event) and handed the contact to a rep with notes.",
           ["Fit checked", "Interest noted", "Handed to a rep with notes"])
MARKETER = "Mia Becker"
MANAGER = "Jonas Weber"
_Rows = dict[type, list[dict[str, Any]]]


@dataclass
class Marketing:
    """The marketing half of one demo build (its own random stream, see the module docstring)."""

    seed: int
    as_of: datetime
    start: datetime

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed * 7919 + 15)  # noqa: S311 -- a seeded, reproducible demo
        self.handoff_id = self.uid()

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # --- the hand-off stage -------------------------------------------------------------------
    def stage_rows(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The hand-off stage (position 0) and its first standard revision."""
        name, standard, checklist = HANDOFF
        stamp = {"created_at": self.start, "updated_at": self.start}
        stage = {"id": self.handoff_id, "position": 0, "name": name, "standard": standard, "checklist": checklist,
                 "wip_limit": None, "window_days": 30, "terminal": "none", **stamp}
        revision = rules.standard_revision(self.handoff_id, name, standard, checklist, at=self.start,
                                           author="Marketing ops", revision_id=self.uid())
        return stage, revision

    def _event(self, opp_id: str, at: datetime) -> dict[str, Any]:
        ticked = HANDOFF[2] if self.rng.random() < 0.9 else HANDOFF[2][:2]
        return {"id": self.uid(), "opportunity_id": opp_id, "stage_id": self.handoff_id, "entered_at": at,
                "evidence_confirmed": len(ticked) == len(HANDOFF[2]), "evidence_items": list(ticked),
                "origin": EventOrigin.DEMO, "created_at": at, "updated_at": at}

    def add_handoff(self, out: _Rows, not_credible_id: str) -> None:
        """Marketing leads pass the hand-off stage before "Lead captured"; some are never handed over."""
        rejected: list[dict[str, Any]] = []
        for opp in out[Opportunity]:
            share = MARKETING_CHANNELS.get(opp["channel"])
            if share is None:
                continue
            taken = opp["opened_at"]
            opened = taken - timedelta(days=min(12.0, 0.3 + self.rng.expovariate(1 / 3.0)))
            opened = max(opened, self.start)
            opp["opened_at"] = opp["created_at"] = opened
            out[StageEvent].append(self._event(opp["id"], opened))
            if self.rng.random() < share / (1 - share):
                rejected.append(self._rejected(opp, not_credible_id))
        for row in rejected:
            out[Opportunity].append(row)
            out[StageEvent].append(self._event(row["id"], row["opened_at"]))

    def _rejected(self, like: dict[str, Any], reason_id: str) -> dict[str, Any]:
        """A lead of the same channel and rep that marketing did not hand over."""
        opened = like["opened_at"] + timedelta(days=self.rng.uniform(-3, 3))
        opened = min(max(opened, self.start), self.as_of - timedelta(hours=1))
        decide = opened + timedelta(days=2 + self.rng.expovariate(1 / 6.0))
        closing = rules.close(Outcome.LOST, decide, opened, reason_id) if decide <= self.as_of else rules.reopened()
        name = like["name"].rsplit("#", 1)[0] + f"#M{self.rng.randrange(100000):05d}"
        amount = round(self.rng.lognormvariate(9.2, 0.6), -2)  # marketing's estimate
        return {"id": self.uid(), "external_id": None, "source": "demo", "channel": like["channel"], "name": name,
                "rep_id": like["rep_id"], "amount": amount, "opened_at": opened, **closing, "created_at": opened,
                "updated_at": closing["closed_at"] or opened}

    # --- initiatives --------------------------------------------------------------------------
    def initiatives(self, out: _Rows, stage_ids: list[str], weeks_ago: Callable[[float], datetime]) -> None:
        """Four initiatives; the Analytics Summit booth overlaps the agenda cycle (weeks 16..10 ago) on purpose."""
        def day(n: float) -> date:
            return weeks_ago(n).date()

        items = [
            ("Pricing page relaunch", "Inbound web", self.handoff_id, day(40), day(36),
             "The new pricing page shows three packages; leads from it already know the price band.",
             "https://northwind.example/pricing"),
            ("Partner enablement day", "Partner", stage_ids[0], day(48), day(48),
             "Partners learnt the discovery questions; expect better-prepared partner leads.", ""),
            ("Analytics Summit booth", "Events", stage_ids[1], day(13), day(12),
             "Visitors saw a live demo; open discovery by asking which dashboard they stopped at.",
             "https://northwind.example/summit"),
            ("Webinar: analytics for finance teams", "Inbound web", self.handoff_id, day(8), day(2),
             "Attendees are finance leads; mention the cost-of-delay calculator from the webinar.",
             "https://northwind.example/webinar"),
        ]
        for name, channel, stage_id, first, last, points, link in items:
            if first < self.start.date():
                continue
            at = datetime.combine(first, time(9), UTC) - timedelta(days=14)
            out[MarketingInitiative].append({
                "id": self.uid(), "name": name, "channel": channel, "stage_id": stage_id, "starts_on": first,
                "ends_on": last, "owner": MARKETER, "talking_points": points, "link": link,
                "created_at": max(at, self.start), "updated_at": max(at, self.start)})

    # --- forecasts ----------------------------------------------------------------------------
    def forecasts(self, out: _Rows, reps: dict[str, tuple[str, str]], lead_stage_id: str) -> None:
        """Six closed quarters and the current one (actuals counted from the rows, the workspace's zone UTC)."""
        current = _quarter_of(self.as_of.date())
        quarters = [_shift(current, -k) for k in range(6, -1, -1)]
        quarters = [q for q in quarters if datetime.combine(q[0], time(0), UTC) >= self.start]
        opps = out[Opportunity]
        first_lead: dict[str, datetime] = {}
        for e in out[StageEvent]:
            if e["stage_id"] == lead_stage_id and (e["opportunity_id"] not in first_lead
                                                   or e["entered_at"] < first_lead[e["opportunity_id"]]):
                first_lead[e["opportunity_id"]] = e["entered_at"]

        def inside(t: datetime | None, q: tuple[date, date]) -> bool:
            return t is not None and q[0] <= t.astimezone(UTC).date() <= q[1]

        def actual(q: tuple[date, date], metric: str, keep: Callable[[dict[str, Any]], bool]) -> float:
            rows = [o for o in opps if keep(o)]
            if metric == "leads":
                return float(sum(inside(o["opened_at"], q) for o in rows))
            if metric == "stage_entries":
                return float(sum(inside(first_lead.get(o["id"]), q) for o in rows))
            won = [o for o in rows if o["outcome"] == Outcome.WON and inside(o["closed_at"], q)]
            return float(len(won)) if metric == "won_deals" else float(sum(o["amount"] or 0 for o in won))

        plan: list[tuple[str, str, str, str, Any, float, float]] = [  # who, role, metric, scope, target, bias, noise
            (MARKETER, "marketing", "leads", "channel", "Inbound web", 0.03, 0.08),
            (MARKETER, "marketing", "leads", "channel", "Events", 0.05, 0.12),
            (MARKETER, "marketing", "stage_entries", "all", None, 0.02, 0.08),
            (MANAGER, "manager", "won_revenue", "all", None, 0.02, 0.07),
        ]
        for name, bias, noise in (("Alice Moreau", 0.0, 0.12), ("Farid Haddad", 0.34, 0.07),
                                  ("Grace Kim", -0.06, 0.14)):
            if name in reps:
                plan.append((name, "sales", "won_deals", "rep", name, bias, noise))
        if "Farid Haddad" in reps:
            plan.append(("Farid Haddad", "sales", "won_revenue", "rep", "Farid Haddad", 0.38, 0.09))
        for q in quarters:
            for who, role, metric, scope, target, bias, noise in plan:
                keep = _scope_filter(scope, target, reps)
                truth = actual(q, metric, keep)
                if q == current:  # not over yet: forecast from the quarter before's pace
                    truth = actual(_shift(q, -1), metric, keep)
                value = max(0.0, truth * (1 + bias + self.rng.gauss(0, noise)))
                value = round(value, -3) if metric == "won_revenue" else float(round(value))
                made = datetime.combine(q[0], time(10), UTC) - timedelta(days=self.rng.randint(5, 15))
                if who == "Grace Kim" and len(quarters) > 1 and q == quarters[-2]:
                    made = datetime.combine(q[0], time(10), UTC) + timedelta(days=9)  # made after the start
                made = min(made, self.as_of - timedelta(hours=2))
                out[Forecast].append({
                    "id": self.uid(), "forecaster": who, "role": role, "period_start": q[0], "period_end": q[1],
                    "metric": metric, "scope_kind": scope,
                    "team_id": None, "rep_id": reps[target][0] if scope == "rep" else None,
                    "channel": target if scope == "channel" else None,
                    "stage_id": lead_stage_id if metric == "stage_entries" else None, "value": value,
                    "made_at": made, "notes": "", "created_at": made, "updated_at": made})


def _scope_filter(scope: str, target: Any, reps: dict[str, tuple[str, str]]) -> Callable[[dict[str, Any]], bool]:
    if scope == "rep":
        rep_id = reps[target][0]
        return lambda o: o["rep_id"] == rep_id
    if scope == "channel":
        return lambda o: o["channel"] == target
    return lambda o: True


def _quarter_of(day: date) -> tuple[date, date]:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return first, _shift((first, first), 1)[0] - timedelta(days=1)


def _shift(q: tuple[date, date], k: int) -> tuple[date, date]:
    months = q[0].year * 12 + q[0].month - 1 + 3 * k
    first = date(months // 12, months % 12 + 1, 1)
    nxt = months + 3
    return first, date(nxt // 12, nxt % 12 + 1, 1) - timedelta(days=1)
