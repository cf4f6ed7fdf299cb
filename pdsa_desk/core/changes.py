"""What an edit changed, as far as the analysis snapshot is concerned (see :mod:`pdsa_desk.core.patching`).

Its own small module so that the views and edits that announce a change import nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Change"]


@dataclass(frozen=True)
class Change:
    """What an edit changed, as far as the analysis snapshot is concerned.

    ``Change()`` -- nothing the snapshot holds (cycles, observations, sessions, settings);
    ``Change.of(opp_id, ...)`` -- these opportunities' rows or events; ``Change.everything()`` -- anything
    (the snapshot is loaded again). Changes combine with ``|``.
    """

    opportunities: frozenset[str] = frozenset()
    all: bool = False

    @classmethod
    def of(cls, *opportunity_ids: str) -> Change:
        return cls(opportunities=frozenset(str(i) for i in opportunity_ids))

    @classmethod
    def everything(cls) -> Change:
        return cls(all=True)

    @property
    def touches_snapshot(self) -> bool:
        return self.all or bool(self.opportunities)

    def __or__(self, other: Change) -> Change:
        if self.all or other.all:
            return Change.everything()
        return Change(self.opportunities | other.opportunities)
