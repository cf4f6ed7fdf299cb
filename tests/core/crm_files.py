"""Generated CRM exports shaped the way Salesforce, HubSpot and Pipedrive write them (issue 12), and a
snapshot of what an import leaves in the workspace."""

from __future__ import annotations

import csv
from pathlib import Path

from pdsa_desk.core.importing import Mapping

SF_HEADER = ["Opportunity ID", "Opportunity Name", "Opportunity Owner", "Stage", "Edit Date", "Amount",
             "Close Date", "Created Date", "Status"]
SF_TITLE = [["Opportunity History"], ["Filtered By:", "Stage equals Prospecting,Closed Won"], []]
SF_FOOTER = [[], ["Grand Totals (3 records)"], ["Confidential Information - Do Not Distribute"],
             ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."]]
STAGES = ("Prospecting", "Qualification", "Negotiation", "Closed Won")


def sf_mapping(**changes: object) -> Mapping:
    """The mapping of :data:`SF_HEADER` (stages created; no guessing)."""
    mapping = Mapping(opportunity_id="Opportunity ID", opportunity_name="Opportunity Name",
                      rep="Opportunity Owner", stage="Stage", timestamp="Edit Date", amount="Amount",
                      closed_at="Close Date", opened_at="Created Date", outcome="Status", source="Salesforce")
    for key, value in changes.items():
        setattr(mapping, key, value)
    return mapping


def write_rows(path: Path, rows: list[list[object]], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def seed_stages(ws) -> None:
    """The Salesforce funnel, Closed Won the won stage."""
    from pdsa_desk.core import services

    for name in STAGES:
        services.create_stage(ws, name, terminal="won" if name == "Closed Won" else "none")


def snapshot(ws) -> dict[str, list]:
    """What a person sees of the workspace (no ids, no bookkeeping times)."""
    queries = {
        "opportunity": "SELECT o.source, o.external_id, o.name, o.channel, r.name, o.amount, o.opened_at, "
                       "o.outcome, l.name, o.closed_at FROM opportunity o LEFT JOIN rep r ON r.id = o.rep_id "
                       "LEFT JOIN loss_reason l ON l.id = o.loss_reason_id ORDER BY 1, 2",
        "stage_event": "SELECT o.external_id, s.name, e.entered_at FROM stage_event e "
                       "JOIN opportunity o ON o.id = e.opportunity_id JOIN stage s ON s.id = e.stage_id "
                       "ORDER BY 1, 3, 2",
        "stage": "SELECT name, position, terminal FROM stage WHERE deleted_at IS NULL ORDER BY position",
        "rep": "SELECT name, email FROM rep ORDER BY 1, 2",
    }
    with ws.engine.connect() as conn:
        return {name: [tuple(r) for r in conn.exec_driver_sql(sql)] for name, sql in queries.items()}


def sf_checksum(id15: str) -> str:
    """Salesforce's 3-character case checksum of a 15-character id (written here independently of the app)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    out = ""
    for block in range(3):
        bits = 0
        for i, ch in enumerate(id15[block * 5:block * 5 + 5]):
            if ch.isupper():
                bits |= 1 << i
        out += alphabet[bits]
    return out
