"""A PDSA cycle's statuses, in a module that imports no SQLModel: start-up reads the first agenda from the file
with ``sqlite3`` alone (:mod:`pdsa_desk.core.agenda_file`) before SQLAlchemy is imported.
:mod:`pdsa_desk.core.models` re-exports them."""

from __future__ import annotations

from enum import StrEnum


class CycleStatus(StrEnum):
    PLAN = "plan"
    DO = "do"
    STUDY = "study"
    ACT = "act"
    CLOSED = "closed"


#: Started and not yet decided: what counts towards a rep's active-cycle cap.
ACTIVE_CYCLE_STATUSES = (CycleStatus.DO, CycleStatus.STUDY, CycleStatus.ACT)
