"""Which of the first-run guide's steps a workspace has done, in a module that imports no SQLModel: start-up reads
them from the file with ``sqlite3`` alone (:func:`pdsa_desk.core.agenda_file.first_week_file`);
:func:`pdsa_desk.core.services.setup_progress` reads them through the workspace."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetupProgress:
    """Which of the first-run guide's steps are done."""

    has_stages: bool
    has_opportunities: bool
    has_cycles: bool

    @property
    def complete(self) -> bool:
        return self.has_stages and self.has_opportunities and self.has_cycles

    @property
    def empty(self) -> bool:
        return not (self.has_stages or self.has_opportunities or self.has_cycles)
